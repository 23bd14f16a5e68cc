"""Network analysis on small hand-made graphs, and ``analyse`` / ``path`` end to end from RDF."""

from __future__ import annotations

import json
import subprocess
import sys
import types

import networkx as nx
import pytest
from click.testing import CliRunner

from ccin_kg.analyse import centrality
from ccin_kg.analyse.affiliates import connecting_affiliates
from ccin_kg.analyse.centrality import betweenness_leaders, degree_leaders
from ccin_kg.analyse.communities import communities
from ccin_kg.analyse.isolated import isolated_nodes
from ccin_kg.analyse.names import EntityNotFound, find_node, require_node
from ccin_kg.analyse.paths import Hop, shortest_connections
from ccin_kg.analyse.report import analysis_report, report_lines


def network() -> nx.MultiDiGraph:
    """Councils, affiliates, a fund, initiatives, a theme and a loner, shaped as export.network shapes them."""
    G = nx.MultiDiGraph()
    for node, kind, label, extra in [
        ("oldham", "council", "Oldham Council", {"membership_tier": "Full"}),
        ("preston", "council", "Preston City Council", {"membership_tier": "Full"}),
        ("plymouth", "council", "Plymouth City Council", {"membership_tier": "Associate"}),
        ("cwac", "council", "Cheshire West and Chester Council", {}),
        ("locality", "organisation", "Locality", {"membership_tier": "Affiliate"}),
        ("coopuk", "organisation", "Co-operatives UK", {"membership_tier": "Affiliate"}),
        ("trust", "organisation", "Big Trust", {}),
        ("ukspf", "funder", "UK Shared Prosperity Fund", {}),
        ("pantry", "initiative", "Food pantry", {}),
        ("wealth", "initiative", "Community wealth", {}),
        ("energy", "initiative", "Energy co-op", {}),
        ("poverty", "theme", "Poverty", {}),
        ("loner", "organisation", "Lonely Consulting Ltd", {}),
    ]:
        G.add_node(node, type=kind, label=label, **extra)

    def rel(u, v, relation, sentence, source="a.txt:1"):
        G.add_edge(u, v, key=relation, relation=relation, sentences=(sentence,), sources=(source,))

    rel("pantry", "oldham", "ledBy", "The pantry is led by Oldham Council.", "a.txt:4")
    rel("pantry", "locality", "hasPartner", "Locality helps run it.", "a.txt:5")
    rel("pantry", "ukspf", "fundedBy", "It is funded by the UKSPF.", "a.txt:6")
    rel("pantry", "poverty", "hasTheme", "Poverty")
    rel("wealth", "preston", "ledBy", "Preston leads the work.")
    rel("wealth", "locality", "hasPartner", "with Locality")
    rel("wealth", "coopuk", "hasPartner", "with Co-operatives UK")
    rel("energy", "plymouth", "ledBy", "Led by Plymouth City Council.")
    rel("energy", "ukspf", "fundedBy", "UKSPF paid for the panels.")
    rel("energy", "poverty", "hasTheme", "Poverty")
    rel("coopuk", "cwac", "worksWith", "Co-operatives UK works with Cheshire West and Chester Council.")
    rel("cwac", "trust", "worksWith", "The council works with Big Trust.")
    return G


def test_degree_leaders_by_type_count_distinct_neighbours():
    G = network()
    rel = dict(relation="ledBy", sentences=("again",))
    G.add_edge("pantry", "oldham", key="fundedBy", **rel)  # a second relation to the same neighbour
    leaders = degree_leaders(G, top=2)
    assert leaders["council"] == [("cwac", 2), ("oldham", 1)]  # ties by label: Oldham before Plymouth, Preston
    assert leaders["initiative"][0] == ("pantry", 4)
    assert set(leaders) == {"council", "funder", "initiative", "organisation", "theme"}


def test_betweenness_leaders_find_the_bridges():
    leaders = betweenness_leaders(network(), top=3)
    assert [n for n, _ in leaders["organisation"]] == ["locality", "coopuk", "trust"]  # bridges, then a leaf
    assert leaders["organisation"][2][1] == 0.0
    assert leaders["council"][0][0] == "cwac"  # the only way to Big Trust
    assert all(0.0 <= score <= 1.0 for rows in leaders.values() for _, score in rows)


def test_sampled_betweenness_is_deterministic(monkeypatch):
    G = nx.relabel_nodes(nx.barabasi_albert_graph(60, 2, seed=1), str)
    nx.set_node_attributes(G, "organisation", "type")
    monkeypatch.setattr(centrality, "EXACT_BETWEENNESS_MAX", 10)
    monkeypatch.setattr(centrality, "BETWEENNESS_SAMPLE", 12)
    assert betweenness_leaders(G, top=5, seed=3) == betweenness_leaders(G, top=5, seed=3)


def test_communities_are_deterministic_and_find_planted_groups():
    G = nx.relabel_nodes(nx.planted_partition_graph(4, 12, 0.9, 0.01, seed=42), lambda n: f"n{n:02d}")
    found = communities(G, seed=7)
    assert found == communities(G, seed=7)
    assert sorted(map(len, found)) == [12, 12, 12, 12]
    assert {tuple(c) for c in found} == {tuple(f"n{i:02d}" for i in range(k, k + 12)) for k in (0, 12, 24, 36)}


def test_communities_leave_out_isolated_nodes():
    found = communities(network())
    members = {n for c in found for n in c}
    assert "loner" not in members and "pantry" in members
    assert [len(c) for c in found] == sorted((len(c) for c in found), reverse=True)


def test_connecting_affiliates_count_councils_through_initiatives_and_works_with():
    ranked = connecting_affiliates(network())
    assert ranked == [("coopuk", ["cwac", "preston"]), ("locality", ["oldham", "preston"])]


def test_isolated_nodes():
    G = network()
    assert isolated_nodes(G) == ["loner"]
    assert isolated_nodes(G, types={"council"}) == []


def test_shortest_connection_hops_carry_relation_and_sentence():
    G = network()
    path, through_theme = shortest_connections(G, "oldham", "plymouth")
    assert [h.start for h in through_theme] == ["oldham", "pantry", "poverty", "energy"]
    assert [h.start for h in path] == ["oldham", "pantry", "ukspf", "energy"]
    assert path[0] == Hop("oldham", "pantry", "ledBy", "led by", False,
                          "The pantry is led by Oldham Council.", "a.txt:4")
    assert path[1] == Hop("pantry", "ukspf", "fundedBy", "funded by", True, "It is funded by the UKSPF.", "a.txt:6")
    assert all(h.sentence and h.relation for h in path)


def test_shortest_connections_prefer_organisations_to_shared_themes():
    G = network()
    paths = shortest_connections(G, "pantry", "energy", limit=5)
    assert [[h.end for h in p] for p in paths] == [["ukspf", "energy"], ["poverty", "energy"]]


def test_no_connection_and_unknown_node():
    G = network()
    assert shortest_connections(G, "oldham", "loner") == []
    with pytest.raises(KeyError):
        shortest_connections(G, "oldham", "nowhere")


@pytest.mark.parametrize("query, node", [
    ("Cheshire West", "cwac"), ("UKSPF", "ukspf"), ("oldham", "oldham"), ("OLDHAM COUNCIL", "oldham"),
    ("Co-ops UK", "coopuk"), ("Preston", "preston"), ("Plymoth City Council", "plymouth"), ("locality", "locality"),
])
def test_find_node_matches_like_resolution(query, node):
    assert find_node(network(), query) == node


def test_find_node_asks_entity_resolution_first(monkeypatch):
    from ccin_kg.resolve.records import Entity, Resolution

    G = nx.MultiDiGraph()
    G.add_node("https://w3id.org/ccin-kg/id/org/gmca", type="council", label="GM Combined Authority")
    fake = types.ModuleType("ccin_kg.resolve.entities")
    asked = []

    def find_entity(resolution, query):
        asked.append(query)
        return resolution.entities["gmca"]

    fake.find_entity = find_entity
    monkeypatch.setitem(sys.modules, "ccin_kg.resolve.entities", fake)
    res = Resolution({"gmca": Entity("gmca", "Greater Manchester Combined Authority", "council")}, {})
    assert find_node(G, "the Manchester lot", res) == "https://w3id.org/ccin-kg/id/org/gmca"
    assert asked == ["the Manchester lot"]


def test_require_node_names_what_was_typed():
    with pytest.raises(EntityNotFound, match="no entity matches 'Zedland Trust'"):
        require_node(network(), "Zedland Trust")


def test_report_is_json_and_readable():
    report = analysis_report(network(), top=2)
    assert json.loads(json.dumps(report)) == report
    assert report["isolated"] == [{"id": "loner", "label": "Lonely Consulting Ltd", "type": "organisation"}]
    assert report["affiliates"][0]["councils"] == ["Cheshire West and Chester Council", "Preston City Council"]
    text = "\n".join(report_lines(report))
    assert "Affiliates connecting the most councils:\n  Co-operatives UK: 2" in text


# --- end to end: RDF from build_graph → analyse / path -------------------------------------


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory):
    """A tiny build: RDF from build_graph plus entities.json, as ``ccin-kg build`` writes them."""
    from ccin_kg.build.graph import build_graph
    from ccin_kg.build.write import write_graph
    from ccin_kg.extract.records import Evidence, Extraction, Funding, Initiative, Labelled, Member, OrgRef
    from ccin_kg.resolve.explain import ENTITIES_NAME, resolution_bytes
    from ccin_kg.resolve.records import Entity, Resolution

    def ev(line, sentence, rule="test"):
        return Evidence("a.txt", line, line, line * 100, line * 100 + len(sentence), sentence, rule, 0.9)

    pantry = Initiative("a.txt", 1, 9, 0, 900, "Food pantry", ev(1, "Food pantry"), theme="Poverty",
                        lead=[OrgRef("Oldham Council", ev(2, "The pantry is led by Oldham Council."))],
                        partners=[OrgRef("Locality", ev(3, "Locality helps run it."))],
                        funders=[Funding("UK Shared Prosperity Fund", 25000, ev(4, "It got £25,000 from the UKSPF."))],
                        principles=[Labelled("Co-production", ev(5, "Co-production"))])
    wealth = Initiative("a.txt", 10, 19, 1000, 1900, "Community wealth", ev(10, "Community wealth"),
                        lead=[OrgRef("Preston City Council", ev(11, "Preston City Council leads it."))],
                        partners=[OrgRef("Locality", ev(12, "with Locality"))])
    members = [Member("Oldham Council", "Full", ev(20, "Oldham Council")),
               Member("Preston City Council", "Full", ev(21, "Preston City Council")),
               Member("Locality", "Affiliate", ev(22, "Locality"))]
    entities = [Entity("oldham-council", "Oldham Council", "council"),
                Entity("preston-city-council", "Preston City Council", "council"),
                Entity("locality", "Locality", "charity"),
                Entity("uk-shared-prosperity-fund", "UK Shared Prosperity Fund", "fund", alt_labels={"UKSPF"})]
    res = Resolution({e.key: e for e in entities}, {n: e.key for e in entities for n in {e.label, *e.alt_labels}})
    graph = build_graph(Extraction(initiatives=[pantry, wealth], members=members), res, [])
    out = tmp_path_factory.mktemp("graph")
    write_graph(graph, out, extra={ENTITIES_NAME: resolution_bytes(res)})
    return out


def cli():
    from ccin_kg.cli import Group
    from ccin_kg.commands.explore import analyse, path, view

    return Group(name="ccin-kg", commands={"analyse": analyse, "path": path, "view": view})


def test_analyse_command(graph_dir):
    result = CliRunner().invoke(cli(), ["analyse", "--graph", str(graph_dir)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert ("Affiliates connecting the most councils:\n"
            "  Locality: 2 (Oldham Council; Preston City Council)") in result.output
    as_json = CliRunner().invoke(cli(), ["analyse", "--graph", str(graph_dir), "--format", "json"])
    report = json.loads(as_json.output)
    assert report["degree"]["initiative"][0]["label"] == "Food pantry"
    assert not any(e["label"] == "Oldham Council" for e in report["isolated"])  # membership is no relation


def test_path_command_shows_each_hop_with_its_sentence(graph_dir):
    result = CliRunner().invoke(cli(), ["path", "Preston", "UKSPF", "--graph", str(graph_dir)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Preston City Council → UK Shared Prosperity Fund: 4 hops, 1 shortest path shown",
        "path 1:",
        '  Preston City Council ←led by— Community wealth  "Preston City Council leads it." (a.txt:11)',
        '  Community wealth —has partner→ Locality  "with Locality" (a.txt:12)',
        '  Locality ←has partner— Food pantry  "Locality helps run it." (a.txt:3)',
        '  Food pantry —funded by→ UK Shared Prosperity Fund  "It got £25,000 from the UKSPF." (a.txt:4)',
    ]


def test_path_command_unknown_entity_is_one_line_exit_1(graph_dir):
    result = CliRunner().invoke(cli(), ["path", "Oldham", "Zedland Trust", "--graph", str(graph_dir)])
    assert result.exit_code == 1
    assert result.stderr == "Error: no entity matches 'Zedland Trust'\n"


@pytest.mark.parametrize("name", ["analyse", "path", "view"])
def test_help_has_an_example(name):
    result = CliRunner().invoke(cli(), [name, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_commands_module_imports_nothing_heavy():
    code = ("import sys, ccin_kg.cli, ccin_kg.commands.explore; "
            "print([m for m in ('rdflib', 'networkx', 'pyvis', 'spacy', 'jinja2') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- what users type ------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text(max_size=40))
def test_find_node_never_fails_on_any_text(query):
    G = network()
    assert find_node(G, query) in {None, *G}
