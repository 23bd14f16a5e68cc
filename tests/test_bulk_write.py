"""The streaming writers (ccin_kg.build.bulk, used by ``build`` at any scale) against the rdflib path."""

from __future__ import annotations

import io
import json

from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from ccin_kg.build.bulk import table_of, write_jsonld, write_nquads, write_turtle
from ccin_kg.build.graph import build_graph, graph_triples
from ccin_kg.build.triples import TripleSet
from ccin_kg.build.write import CONTEXT_IRI, canonical_graph, load_context, read_jsonld
from ccin_kg.export.rdf import split_by_document
from ccin_kg.extract.records import Evidence, Extraction, Initiative, OrgRef, WorksWith
from ccin_kg.namespaces import CCIN, XSD, iri
from ccin_kg.resolve.records import Entity, Resolution


def _inputs():
    ev_a = Evidence("a.txt", 2, 2, 10, 40, "The pantry is led by Oldham Council.", "lead_cue", 0.9)
    ev_b = Evidence("b.txt", 5, 5, 0, 30, "Oldham Council works with Acme Trust.", "prose", 0.75)
    food = Initiative("a.txt", 1, 3, 0, 60, "Food pantry", ev_a, lead=[OrgRef("Oldham Council", ev_a)])
    entities = {"oldham-council": Entity("oldham-council", "Oldham Council", "council"),
                "acme-trust": Entity("acme-trust", "Acme Trust", "charity")}
    res = Resolution(entities, {"Oldham Council": "oldham-council", "Acme Trust": "acme-trust"})
    ex = Extraction(initiatives=[food], works_with=[WorksWith("Oldham Council", "Acme Trust", ev_b),
                                                    WorksWith("Oldham Council", "Acme Trust", ev_a)])
    return ex, res


def _graph() -> Graph:
    ex, res = _inputs()
    return build_graph(ex, res, [])


def test_triple_set_holds_what_build_graph_holds():
    ex, res = _inputs()
    triples = graph_triples(ex, res, [])
    assert isomorphic(canonical_graph(_as_graph(triples)), canonical_graph(_graph()))
    assert len(triples) == len(set(triples)) == len(canonical_graph(_graph()))


def _as_graph(triples) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def test_table_is_sorted_canonical_and_distinct():
    ts = TripleSet()
    a = iri("org", "a")
    ts.update([(a, CCIN.sha256, Literal("x", datatype=XSD.string)), (a, CCIN.sha256, Literal("x")),
               (a, CCIN.amount, Literal("50000", datatype=XSD.decimal))])
    table = ts.table()
    lines = [" ".join(table.n3[i] for i in row) for row in table.rows()]
    assert lines == sorted(lines) and len(lines) == 2
    assert '"50000.0"^^<http://www.w3.org/2001/XMLSchema#decimal>' in lines[0] + lines[1]


def test_streamed_turtle_is_isomorphic_and_stable():
    graph = _graph()
    out, again = io.BytesIO(), io.BytesIO()
    write_turtle(table_of(graph), out)
    write_turtle(table_of(graph), again)
    assert out.getvalue() == again.getvalue()
    parsed = Graph().parse(data=out.getvalue().decode(), format="turtle")
    assert isomorphic(canonical_graph(parsed), canonical_graph(graph))


def test_streamed_jsonld_is_isomorphic_in_chunks(tmp_path, monkeypatch):
    from ccin_kg.build import bulk

    graph = _graph()
    whole = io.BytesIO()
    write_jsonld(table_of(graph), whole, load_context(), CONTEXT_IRI)
    monkeypatch.setattr(bulk, "CHUNK", 2)  # many rdflib calls of two subjects each
    chunked = io.BytesIO()
    bulk.write_jsonld(table_of(graph), chunked, load_context(), CONTEXT_IRI)
    assert json.loads(chunked.getvalue()) == json.loads(whole.getvalue())
    path = tmp_path / "g.jsonld"
    path.write_bytes(chunked.getvalue())
    assert isomorphic(canonical_graph(read_jsonld(path)), canonical_graph(graph))


def test_nquads_partition_equals_split_by_document():
    import pyoxigraph

    graph = _graph()
    out = io.BytesIO()
    write_nquads(table_of(graph), out)
    got = {(str(q.graph_name.value), str(q.subject), str(q.predicate), str(q.object))
           for q in pyoxigraph.parse(out.getvalue(), format=pyoxigraph.RdfFormat.N_QUADS)}
    want = set()
    for name, triples in split_by_document(graph).items():
        line = "".join(f"{s.n3()} {p.n3()} {o.n3()} {name.n3()} .\n" for s, p, o in triples)
        want |= {(str(q.graph_name.value), str(q.subject), str(q.predicate), str(q.object))
                 for q in pyoxigraph.parse(line.encode(), format=pyoxigraph.RdfFormat.N_QUADS)}
    assert got == want
    assert len({g for g, *_ in got}) == 3  # a.txt, b.txt and the shared graph
