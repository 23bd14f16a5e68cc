"""The view page is self-contained and escapes every string from the sources (no browser needed)."""

from __future__ import annotations

import html
import json
import os
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from ccin_kg.analyse.names import EntityNotFound
from ccin_kg.view import write as write_module
from ccin_kg.view.page import render_view
from ccin_kg.view.select import UnknownFilterValue
from ccin_kg.view.write import write_view

REMOTE = re.compile(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?\s*(https?:)?//""", re.I)
CSS_REMOTE = re.compile(r"""url\(\s*["']?\s*(https?:)?//""", re.I)
EVIL = "<script>alert(1)</script>"
DATA = re.compile(r'<script type="application/json" id="ccin-data">(.*?)</script>', re.S)


def network() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    nodes = [
        ("oldham", "council", "Oldham Council", {"membership_tier": "Full", "gss": "E08000004"}),
        ("preston", "council", "Preston City Council", {"membership_tier": "Full"}),
        ("locality", "organisation", "Locality", {"membership_tier": "Affiliate"}),
        ("evil", "organisation", EVIL, {"region": "<img src=x onerror=alert(3)>"}),
        ("pantry", "initiative", "Food pantry", {"source": "a.txt", "first_line": 1, "last_line": 9}),
        ("wealth", "initiative", "Community wealth", {}),
        ("poverty", "theme", "Poverty & <b>Hunger</b>", {}),
        ("coprod", "principle", "Co-production", {}),
    ]
    for node, kind, label, extra in nodes:
        G.add_node(node, type=kind, label=label, **extra)
    for u, v, rel, sentence in [
        ("pantry", "oldham", "ledBy", "The pantry is led by Oldham Council."),
        ("pantry", "locality", "hasPartner", "Locality helps."),
        ("pantry", "poverty", "hasTheme", "Poverty"),
        ("pantry", "coprod", "meetsPrinciple", "Co-production"),
        ("wealth", "preston", "ledBy", "Preston leads it."),
        ("locality", "evil", "worksWith", f"Locality works with {EVIL} & friends."),
    ]:
        G.add_edge(u, v, key=rel, relation=rel, sentences=(sentence,), sources=("a.txt:3",))
    return G


def data_of(page: str) -> dict:
    return json.loads(DATA.search(page).group(1))


def assert_offline(page: str) -> None:
    assert not REMOTE.search(page)
    assert not re.search(r"@import", page, re.I)
    for css in re.findall(r"<style>(.*?)</style>", page, re.S):
        assert not CSS_REMOTE.search(css) and "url(http" not in css
    assert not re.search(r"<(script|img|iframe|link)\b[^>]*\bsrc\s*=", page, re.I)  # nothing loaded at all
    assert "<link" not in page.lower()


@pytest.mark.parametrize("kwargs", [
    {}, {"focus": "Oldham", "depth": 2}, {"themes": ["poverty"]}, {"types": ["council", "initiative"]},
    {"tiers": ["affiliate"]}, {"principles": ["co-production"]}, {"limit": 3},
])
def test_page_is_self_contained(kwargs):
    page = render_view(network(), **kwargs)
    assert page.startswith("<!DOCTYPE html>")
    assert_offline(page)
    assert "vis-network" in page and "new vis.Network" in page


def test_evil_names_are_escaped_everywhere():
    page = render_view(network(), focus="Locality")
    assert EVIL not in page
    assert "<img src=x" not in page and "<b>Hunger</b>" not in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page  # the label, in the JSON data
    data = data_of(page)
    evil = next(n for n in data["nodes"] if n["key"] == "evil")
    assert evil["name"] == EVIL and evil["label"] == EVIL  # text for the canvas, drawn as text
    assert html.escape(EVIL) in evil["title"]  # the tooltip, HTML-escaped before it became JSON
    assert "&lt;img src=x onerror=alert(3)&gt;" in evil["title"]
    edge = next(e for e in data["edges"] if e["rel"] == "worksWith")
    assert f"Locality works with {html.escape(EVIL)} &amp; friends." in edge["title"]


def test_evil_focus_in_heading_and_filters_is_escaped():
    page = render_view(network(), focus="evil")
    assert f"<h1 id=\"heading\">CCIN network: {html.escape(EVIL)}</h1>" in page
    page = render_view(network())
    assert '<option value="Poverty &amp; &lt;b&gt;Hunger&lt;/b&gt;">' in page
    assert "<b>Hunger</b>" not in page


def test_data_counts_types_and_filters():
    data = data_of(render_view(network()))
    assert len(data["nodes"]) == 8 and len(data["edges"]) == 6
    assert all(n["shown"] for n in data["nodes"])
    assert [t["type"] for t in data["types"]] == ["council", "initiative", "organisation", "principle", "theme"]
    assert data["themes"] == ["Poverty & <b>Hunger</b>"] and data["tiers"] == ["Affiliate", "Full"]
    by_key = {n["key"]: n for n in data["nodes"]}
    assert by_key["oldham"]["themes"] == ["Poverty & <b>Hunger</b>"]  # spread from the initiative it leads
    assert by_key["pantry"]["tiers"] == ["Affiliate", "Full"]
    physics = data["options"]["physics"]
    assert physics["solver"] == "barnesHut" and physics["stabilization"]["iterations"] <= 400


def test_python_side_filters_and_focus():
    assert len(data_of(render_view(network(), types=["council"]))["nodes"]) == 2
    themed = {n["key"] for n in data_of(render_view(network(), themes=["POVERTY & <b>hunger</b>"]))["nodes"]}
    assert themed == {"pantry", "oldham", "locality", "poverty", "coprod"}
    focused = data_of(render_view(network(), focus="Preston", depth=1))
    assert {n["key"] for n in focused["nodes"]} == {"preston", "wealth"}
    assert focused["nodes"][focused["focus"]]["key"] == "preston"
    with pytest.raises(UnknownFilterValue, match="no theme 'sport' in the graph"):
        render_view(network(), themes=["sport"])
    with pytest.raises(EntityNotFound):
        render_view(network(), focus="Zedland Trust")


def test_large_views_lay_out_the_most_linked_and_sum_up_the_rest():
    G = nx.relabel_nodes(nx.barabasi_albert_graph(400, 2, seed=1), str, copy=True)
    G = nx.MultiDiGraph(G)
    nx.set_node_attributes(G, {n: ("council" if int(n) % 3 else "initiative") for n in G}, "type")
    nx.set_node_attributes(G, {n: f"Entity {n}" for n in G}, "label")
    data = data_of(render_view(G, limit=50))
    shown = [n for n in data["nodes"] if n["shown"] and not n.get("cluster")]
    clusters = [n for n in data["nodes"] if n.get("cluster")]
    assert len(shown) == 50 and len(data["nodes"]) == 400 + len(clusters)
    assert sum(int(c["name"].split()[0]) for c in clusters) == 350
    assert {n["key"] for n in shown} >= {"0", "1"}  # the hubs of a Barabási–Albert graph
    assert data["total"] == 400 and data["options"]["physics"]["stabilization"]["iterations"] == 400  # 52 laid out


def test_write_view_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "network.html"
    write_view("old", target)

    def broken(fd):
        raise OSError("disk full")

    monkeypatch.setattr(write_module.os, "fsync", broken)
    with pytest.raises(OSError):
        write_view("new", target)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["network.html"]


# --- the view command, from a built graph ---------------------------------------------------


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory):
    from ccin_kg.build.graph import build_graph
    from ccin_kg.build.write import write_graph
    from ccin_kg.extract.records import Evidence, Extraction, Initiative, Member, OrgRef, WorksWith
    from ccin_kg.resolve.records import Resolution

    def ev(line, sentence):
        return Evidence("a.txt", line, line, line * 100, line * 100 + len(sentence), sentence, "test", 0.9)

    pantry = Initiative("a.txt", 1, 9, 0, 900, "Food pantry", ev(1, "Food pantry"), theme="Poverty",
                        lead=[OrgRef("Oldham Council", ev(2, "Led by Oldham Council."))],
                        partners=[OrgRef(EVIL, ev(3, f"With {EVIL}."))])
    extraction = Extraction(initiatives=[pantry], members=[Member("Oldham Council", "Full", ev(5, "Oldham"))],
                            works_with=[WorksWith("Locality", EVIL, ev(6, f"Locality works with {EVIL}"))])
    out = tmp_path_factory.mktemp("graph")
    write_graph(build_graph(extraction, Resolution(), []), out)
    return out


def cli():
    from ccin_kg.cli import Group
    from ccin_kg.commands.explore import view

    return Group(name="ccin-kg", commands={"view": view})


def test_view_command_writes_graph_network_html(graph_dir):
    result = CliRunner().invoke(cli(), ["view", "--graph", str(graph_dir)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = (graph_dir / "network.html").read_text(encoding="utf-8")
    assert_offline(page)
    assert EVIL not in page
    assert {n["name"] for n in data_of(page)["nodes"]} >= {"Oldham Council", "Food pantry", EVIL, "Locality"}


def test_view_command_options(graph_dir, tmp_path):
    out = tmp_path / "oldham.html"
    ok = CliRunner().invoke(cli(), ["view", "--graph", str(graph_dir), "--focus", "oldham", "--depth", "1",
                                    "--theme", "poverty", "-o", str(out)])
    assert ok.exit_code == 0, ok.output
    assert {n["name"] for n in data_of(out.read_text(encoding="utf-8"))["nodes"]} == {"Oldham Council", "Food pantry"}
    usage = CliRunner().invoke(cli(), ["view", "--graph", str(graph_dir), "--depth", "2"])
    assert usage.exit_code == 2 and "--depth needs --focus" in usage.output
    bad = CliRunner().invoke(cli(), ["view", "--graph", str(graph_dir), "--theme", "sport"])
    assert bad.exit_code == 1
    assert bad.stderr == "Error: no theme 'sport' in the graph (known: Poverty)\n"


# --- any text at all ----------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ccin_kg.view.page import script_json  # noqa: E402


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)))
def test_script_json_round_trips_and_cannot_close_a_script(value):
    text = script_json(value)
    assert json.loads(text) == value
    assert not re.search(r"[<>&\u2028\u2029]", text)


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=40), st.text(max_size=60))
def test_any_name_and_sentence_render_escaped(name, sentence):
    G = nx.MultiDiGraph()
    G.add_node("a", type="organisation", label=name)
    G.add_node("b", type="council", label="Oldham Council")
    G.add_edge("a", "b", key="worksWith", relation="worksWith", sentences=(sentence,))
    page = render_view(G)
    assert_offline(page)
    data = data_of(page)
    assert {n["name"] for n in data["nodes"]} == {name, "Oldham Council"}
    body = page.split('id="ccin-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and ">" not in body


def test_empty_graph_renders():
    data = data_of(render_view(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["options"]["physics"]["enabled"] is False
