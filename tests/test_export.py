"""Exports: RDF round trips, named graphs per document, the network view, GraphML/GEXF/CSV, the CLI."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from ccin_kg.build.load import load_graph
from ccin_kg.build.write import canonical_graph, read_jsonld, write_graph
from ccin_kg.export import EXTENSIONS, export_bytes
from ccin_kg.export.graphfiles import gexf_bytes, graphml_bytes
from ccin_kg.export.network import RELATIONS, flat_copy, to_networkx
from ccin_kg.export.rdf import SHARED_GRAPH, document_graph_name, split_by_document, union
from ccin_kg.export.tables import network_tables
from ccin_kg.namespaces import CCIN, ORG, RDF, iri
from test_query_library import OLDHAM_DOC, PTC, ROCHDALE_DOC, cli_group, small_graph

# rdflib's own TriG and N-Quads parsers call its deprecated Dataset API
pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated, use Dataset:DeprecationWarning")

RDF_FORMATS = ["turtle", "jsonld", "nt", "nq", "trig", "xml"]
SINGLE_FILE = [f for f in EXTENSIONS if f != "csv"]
OLDHAM = iri("org", "oldham-council")
PTC_NODE = iri("initiative", "010-oldham-oldham-poverty-truth-commission")


@pytest.fixture(scope="module")
def small() -> Graph:
    return canonical_graph(small_graph())


@pytest.fixture(scope="module")
def small_dir(tmp_path_factory, small):
    out = tmp_path_factory.mktemp("small-graph")
    write_graph(small, out)
    return out


def nt_diff(a: Graph, b: Graph) -> str:
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return ("only in the export:\n" + only_a.serialize(format="nt")[:3000]
            + "\nonly in the graph:\n" + only_b.serialize(format="nt")[:3000])


def read_back(data: bytes, fmt: str, tmp_path: Path) -> Graph:
    """Parse an export the way a consumer would; datasets become the union of their graphs."""
    if fmt in ("nq", "trig"):
        dataset = Dataset()
        dataset.parse(data=data.decode("utf-8"), format={"nq": "nquads", "trig": "trig"}[fmt])
        return union(dataset.graphs())
    if fmt == "jsonld":
        path = tmp_path / "ccin.jsonld"
        path.write_bytes(data)
        return read_jsonld(path)
    return Graph().parse(data=data.decode("utf-8"), format={"turtle": "turtle", "nt": "nt", "xml": "xml"}[fmt])


def named_graphs(data: bytes, fmt: str) -> dict[str, Graph]:
    dataset = Dataset()
    dataset.parse(data=data.decode("utf-8"), format={"nq": "nquads", "trig": "trig"}[fmt])
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


# --- RDF -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_rdf_round_trip(small, fmt, tmp_path):
    back = read_back(export_bytes(small, fmt), fmt, tmp_path)
    assert isomorphic(back, small), nt_diff(back, small)


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_one_named_graph_per_source_document(small, fmt):
    graphs = named_graphs(export_bytes(small, fmt), fmt)
    oldham_graph = "https://w3id.org/ccin-kg/id/graph/source/010-oldham-txt"
    rochdale_graph = "https://w3id.org/ccin-kg/id/graph/source/011-rochdale-txt"
    assert set(graphs) == {str(SHARED_GRAPH), oldham_graph, rochdale_graph}
    oldham, rochdale, shared = graphs[oldham_graph], graphs[rochdale_graph], graphs[str(SHARED_GRAPH)]
    # a fact, its reification and its evidence are in the graph of the document the evidence cites
    assert (PTC_NODE, CCIN.ledBy, OLDHAM) in oldham
    statement = next(oldham.subjects(RDF.object, OLDHAM))
    evidence = oldham.value(statement, CCIN.evidence)
    assert oldham.value(evidence, CCIN.sentence) is not None
    assert (PTC_NODE, CCIN.ledBy, OLDHAM) not in rochdale and (PTC_NODE, CCIN.ledBy, OLDHAM) not in shared
    assert (OLDHAM, ORG.memberOf, iri("org", "ccin")) in oldham
    # an initiative's own description goes with its document; unsourced triples are shared
    assert (PTC_NODE, RDF.type, CCIN.Initiative) in oldham
    assert (OLDHAM, RDF.type, CCIN.Council) in shared and (OLDHAM, CCIN.region, Literal("North West")) in shared
    assert not any(s == PTC_NODE for s in rochdale.subjects())
    # the union of the named graphs is the graph; nothing is left in the default graph
    assert sum(len(g) for g in graphs.values()) >= len(small)


def test_split_keeps_every_triple_once_per_graph(small):
    split = split_by_document(small)
    assert set().union(*map(set, split.values())) == set(small)
    for triples in split.values():
        assert len(triples) == len(set(triples))
    assert list(split) == sorted(split)


def test_document_graph_names():
    assert str(document_graph_name(iri("source", "010-oldham-txt"))) == (
        "https://w3id.org/ccin-kg/id/graph/source/010-oldham-txt")
    assert document_graph_name(iri("source", "x")) != SHARED_GRAPH


@pytest.mark.parametrize("fmt", SINGLE_FILE)
def test_exports_are_deterministic(small, fmt):
    reordered = Graph()
    for triple in sorted(small, key=lambda t: tuple(x.n3() for x in t), reverse=True):
        reordered.add(triple)
    assert export_bytes(small, fmt) == export_bytes(reordered, fmt) == export_bytes(small_graph(), fmt)


DIGEST = """
import hashlib
from test_query_library import small_graph
from ccin_kg.export import export_bytes
from ccin_kg.export.tables import csv_tables
g = small_graph()
parts = [export_bytes(g, f) for f in ("trig", "nq", "xml", "graphml", "gexf", "nt")] + list(csv_tables(g))
print(hashlib.sha256(b"".join(parts)).hexdigest())
"""


def test_same_bytes_across_processes_with_different_hash_seeds():
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(Path(__file__).parent)}
        out = subprocess.run([sys.executable, "-c", DIGEST], env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


# --- the network view ----------------------------------------------------------------------------


def test_network_nodes_and_edges(small):
    G = to_networkx(small)
    types = {G.nodes[n]["label"]: G.nodes[n]["type"] for n in G}
    assert types["Oldham Council"] == "council"
    assert types[PTC] == "initiative"
    assert types["UK Shared Prosperity Fund"] == "funder"
    assert types["Action Together"] == "organisation" and G.nodes[str(iri("org", "action-together"))][
        "membership_tier"] == "Affiliate"
    assert types["Co-production"] == "principle" and types["Amanda Richardson"] == "person"
    assert types["Co-operative Councils' Innovation Network"] == "network"
    oldham = G.nodes[str(OLDHAM)]
    assert (oldham["gss"], oldham["region"], oldham["council_tier"]) == ("E08000004", "North West",
                                                                          "Metropolitan borough")
    relations = Counter(key for _, _, key in G.edges(keys=True))
    assert relations == {"ledBy": 2, "hasPartner": 3, "fundedBy": 3, "memberOf": 4, "worksWith": 1,
                         "meetsPrinciple": 1, "contactPoint": 1, "worksFor": 1, "hasTheme": 1, "usesApproach": 1}
    led = G.edges[str(PTC_NODE), str(OLDHAM), "ledBy"]
    assert led["relation"] == "ledBy" and led["predicate"] == str(CCIN.ledBy)
    assert led["sentences"] == ("The commission was led by Oldham Council with Action Together and Shared Health.",)
    assert led["sources"] == (f"{OLDHAM_DOC}:4",) and led["confidence"] == 0.9
    assert led["evidence"][0]["line"] == 4 and led["evidence"][0]["rule"] == "lead_cue"
    funded = G.edges[str(PTC_NODE), str(iri("org", "uk-shared-prosperity-fund")), "fundedBy"]
    assert funded["amount_gbp"] == 50000.0
    member = G.edges[str(iri("org", "locality")), str(iri("org", "ccin")), "memberOf"]
    assert member["membership_tier"] == "Affiliate"


def test_network_relation_filter(small):
    G = to_networkx(small, relations=["ledBy", "fundedBy"])
    assert {key for _, _, key in G.edges(keys=True)} == {"ledBy", "fundedBy"}
    with pytest.raises(ValueError, match="unknown relation"):
        to_networkx(small, relations=["leads"])
    assert set(RELATIONS.values()) >= {"ledBy", "hasPartner", "fundedBy", "worksWith", "memberOf",
                                       "meetsPrinciple", "contactPoint"}


def test_flat_copy_holds_only_scalars(small):
    flat = flat_copy(to_networkx(small))
    values = [v for _, d in flat.nodes(data=True) for v in d.values()]
    values += [v for _, _, d in flat.edges(data=True) for v in d.values()]
    assert all(isinstance(v, (str, int, float, bool)) for v in values)


def _edge_facts(G) -> Counter:
    return Counter((u, v, d["relation"], d.get("sentences", "")) for u, v, d in G.edges(data=True))


def _check_network_file(original: nx.MultiDiGraph, back: nx.MultiDiGraph):
    flat = flat_copy(original)
    assert back.number_of_nodes() == flat.number_of_nodes()
    assert back.number_of_edges() == flat.number_of_edges()
    for node, attrs in flat.nodes(data=True):
        for key in ("label", "type", "classes", "membership_tier", "gss", "region", "first_line"):
            if key in attrs:
                assert back.nodes[node][key] == attrs[key], (node, key)
    assert _edge_facts(back) == _edge_facts(flat)
    amounts = sorted(d["amount_gbp"] for _, _, d in back.edges(data=True) if "amount_gbp" in d)
    assert amounts == sorted(d["amount_gbp"] for _, _, d in flat.edges(data=True) if "amount_gbp" in d)


def test_graphml_reads_back(small):
    G = to_networkx(small)
    back = nx.read_graphml(io.BytesIO(graphml_bytes(G)), force_multigraph=True)
    assert back.is_directed()
    _check_network_file(G, back)


def test_gexf_reads_back(small):
    G = to_networkx(small)
    data = gexf_bytes(G)
    assert b"lastmodifieddate" not in data
    back = nx.read_gexf(io.BytesIO(data))
    assert back.is_directed()
    _check_network_file(G, back)


def test_csv_tables(small):
    G = to_networkx(small)
    nodes, edges = network_tables(G)
    node_rows = list(csv.DictReader(io.StringIO(nodes.decode("utf-8"))))
    edge_rows = list(csv.DictReader(io.StringIO(edges.decode("utf-8"))))
    assert len(node_rows) == G.number_of_nodes() and len(edge_rows) == G.number_of_edges()
    assert list(node_rows[0])[:3] == ["Id", "Label", "Type"]
    assert list(edge_rows[0])[:5] == ["Source", "Target", "Type", "Label", "Relation"]
    assert {r["Type"] for r in edge_rows} == {"Directed"}
    assert {r["Id"] for r in node_rows} == set(G) and all(r["Source"] in G and r["Target"] in G for r in edge_rows)
    led = next(r for r in edge_rows if r["Relation"] == "ledBy" and r["Source"] == str(PTC_NODE))
    assert led["sentences"].startswith("The commission was led by") and led["sources"] == f"{OLDHAM_DOC}:4"
    assert not any("\n" in value for row in node_rows + edge_rows for value in row.values())


# --- the command --------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(cli_group(), ["export", *args], catch_exceptions=False)


@pytest.mark.parametrize("fmt", SINGLE_FILE)
def test_cli_streams_to_stdout(small_dir, fmt):
    result = run("--format", fmt, "-o", "-", "--graph", str(small_dir))
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == export_bytes(load_graph(small_dir), fmt)


def test_cli_default_is_turtle_on_stdout(small_dir):
    result = run("--graph", str(small_dir))
    assert result.exit_code == 0
    assert result.stdout_bytes == (small_dir / "ccin.ttl").read_bytes()


def test_cli_writes_files(small_dir, tmp_path):
    assert run("--format", "trig", "-o", str(tmp_path / "out" / "x.trig"), "--graph", str(small_dir)).exit_code == 0
    assert (tmp_path / "out" / "x.trig").read_bytes() == export_bytes(load_graph(small_dir), "trig")
    assert run("--format", "gexf", "-o", str(tmp_path), "--graph", str(small_dir)).exit_code == 0
    assert (tmp_path / "ccin.gexf").is_file()
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_cli_csv_to_a_directory_or_prefix(small_dir, tmp_path):
    assert run("--format", "csv", "-o", f"{tmp_path / 'tables'}/", "--graph", str(small_dir)).exit_code == 0
    nodes, edges = network_tables(to_networkx(load_graph(small_dir)))
    assert (tmp_path / "tables" / "nodes.csv").read_bytes() == nodes
    assert (tmp_path / "tables" / "edges.csv").read_bytes() == edges
    assert run("--format", "csv", "-o", str(tmp_path / "ccin.csv"), "--graph", str(small_dir)).exit_code == 0
    assert (tmp_path / "ccin-nodes.csv").read_bytes() == nodes
    assert (tmp_path / "ccin-edges.csv").read_bytes() == edges


def test_cli_csv_refuses_stdout(small_dir):
    for args in (["-o", "-"], []):
        result = run("--format", "csv", *args, "--graph", str(small_dir))
        assert result.exit_code == 2
        assert "csv writes two files (nodes and edges): give -o a directory or a file prefix, not -" in result.stderr


def test_cli_unwritable_output_is_one_line_and_leaves_nothing(small_dir, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    result = run("--format", "nt", "-o", str(blocker / "x.nt"), "--graph", str(small_dir))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {blocker / 'x.nt'}: cannot write") and result.stderr.count("\n") == 1
    assert blocker.read_text(encoding="utf-8") == "not a directory"


def test_cli_keeps_the_old_file_when_writing_fails(small_dir, tmp_path, monkeypatch):
    target = tmp_path / "ccin.nt"
    target.write_bytes(b"old\n")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = run("--format", "nt", "-o", str(target), "--graph", str(small_dir))
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["ccin.nt"]


def test_cli_missing_graph(tmp_path):
    result = run("--format", "nt", "--graph", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path}/ccin.ttl: no built graph here (run: ccin-kg build)\n"


# --- the corpus ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_corpus_rdf_round_trip(graph, fmt, tmp_path):
    back = read_back(export_bytes(graph, fmt), fmt, tmp_path)
    assert len(back) == len(graph)
    assert isomorphic(back, graph), nt_diff(back, graph)


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_corpus_named_graphs(graph, fmt):
    graphs = named_graphs(export_bytes(graph, fmt), fmt)
    documents = {str(document_graph_name(d)) for d in graph.subjects(RDF.type, CCIN.SourceDocument)}
    assert set(graphs) == documents | {str(SHARED_GRAPH)}
    assert len(documents) == 5


def test_corpus_network_files(graph):
    G = to_networkx(graph)
    assert G.number_of_nodes() > 200 and G.number_of_edges() > 300
    _check_network_file(G, nx.read_graphml(io.BytesIO(graphml_bytes(G)), force_multigraph=True))
    _check_network_file(G, nx.read_gexf(io.BytesIO(gexf_bytes(G))))
    nodes, edges = network_tables(G)
    assert len(nodes.decode("utf-8").splitlines()) == G.number_of_nodes() + 1
    assert len(list(csv.reader(io.StringIO(edges.decode("utf-8"))))) == G.number_of_edges() + 1


def test_corpus_export_digest_is_stable(graph):
    first = hashlib.sha256(export_bytes(graph, "trig")).hexdigest()
    assert hashlib.sha256(export_bytes(graph, "trig")).hexdigest() == first
