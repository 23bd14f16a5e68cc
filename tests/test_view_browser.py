"""The view page in a real browser: Debian's Chromium, headless, every network request blocked.

Skips when Chromium is missing, unless the ``CI`` environment variable is
set: then it fails, so CI cannot pass without running it. Screenshots go to
``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
import pytest

from ccin_kg.view.chromium import Chromium, find_chromium
from ccin_kg.view.page import render_view
from ccin_kg.view.write import write_view

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
EVIL = "<script>alert(1)</script>"
SETTLE_S = 60


@pytest.fixture(scope="module")
def browser():
    binary = find_chromium()
    if binary is None:
        reason = "Chromium is not installed (apt-get install -y chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must run the browser tests")
        pytest.skip(reason)
    with Chromium(binary, width=1280, height=800, timeout=60) as chromium:
        yield chromium


def network() -> nx.MultiDiGraph:
    """Councils, organisations, initiatives, a fund, themes, a principle and an evil name: 14 nodes, 13 edges."""
    G = nx.MultiDiGraph()
    for node, kind, label, extra in [
        ("oldham", "council", "Oldham Council", {"membership_tier": "Full", "gss": "E08000004"}),
        ("preston", "council", "Preston City Council", {"membership_tier": "Full"}),
        ("plymouth", "council", "Plymouth City Council", {"membership_tier": "Associate"}),
        ("locality", "organisation", "Locality", {"membership_tier": "Affiliate"}),
        ("coopuk", "organisation", "Co-operatives UK", {"membership_tier": "Affiliate"}),
        ("evil", "organisation", EVIL, {}),
        ("ukspf", "funder", "UK Shared Prosperity Fund", {}),
        ("pantry", "initiative", "Oldham Food Pantry", {}),
        ("wealth", "initiative", "Preston Community Wealth Building", {}),
        ("energy", "initiative", "Plymouth Energy Community", {}),
        ("poverty", "theme", "Poverty", {}),
        ("cwb", "theme", "Community Wealth Building", {}),
        ("coprod", "principle", "Co-production", {}),
        ("alone", "organisation", "Lonely Consulting Ltd", {}),
    ]:
        G.add_node(node, type=kind, label=label, **extra)
    for u, v, rel, sentence in [
        ("pantry", "oldham", "ledBy", "The pantry is led by Oldham Council."),
        ("pantry", "locality", "hasPartner", "Locality supported the pantry."),
        ("pantry", "ukspf", "fundedBy", "It was funded by the UK Shared Prosperity Fund."),
        ("pantry", "poverty", "hasTheme", "Poverty"),
        ("pantry", "coprod", "meetsPrinciple", "Co-production"),
        ("wealth", "preston", "ledBy", "Preston City Council leads the work."),
        ("wealth", "coopuk", "hasPartner", "with Co-operatives UK"),
        ("wealth", "cwb", "hasTheme", "Community Wealth Building"),
        ("energy", "plymouth", "ledBy", "Led by Plymouth City Council."),
        ("energy", "ukspf", "fundedBy", "UKSPF paid for the panels."),
        ("energy", "locality", "hasPartner", "Locality <b>helped</b> & advised."),
        ("energy", "poverty", "hasTheme", "Poverty"),
        ("locality", "evil", "worksWith", f"Locality works with {EVIL}."),
    ]:
        G.add_edge(u, v, key=rel, relation=rel, sentences=(sentence,), sources=("a.txt:3",))
    return G


def open_view(browser, path: Path, **kwargs):
    page_path = write_view(render_view(network(), **kwargs), path)
    page = browser.open(page_path.resolve().as_uri())
    page.wait_for("window.ccinView && window.ccinView.settled", SETTLE_S)
    return page, page_path


def visible(page) -> list[str]:
    return sorted(page.evaluate("ccinView.visibleNodeIds().map(id => ccinView.data.nodes[id].key)"))


def test_page_loads_offline_settles_and_filters(browser, tmp_path):
    page, path = open_view(browser, tmp_path / "network.html")
    assert page.errors() == []
    assert page.dialogs() == []  # the evil name did not run
    assert [u for u in page.requests() if not u.startswith("data:")] == [path.resolve().as_uri()]
    assert page.evaluate("[ccinView.nodes.length, ccinView.edges.length]") == [14, 13]
    assert page.evaluate("ccinView.network.physics.options.enabled") is False  # stopped once settled
    assert page.evaluate("ccinView.settledBy") == "stabilization"
    ARTIFACTS.mkdir(exist_ok=True)
    shot = page.screenshot(ARTIFACTS / "view-small.png")
    assert shot.stat().st_size > 10_000

    # the legend's council box, clicked: councils hidden, and the edges to them
    page.evaluate("document.querySelector('.type-filter[value=council]').click()")
    assert "oldham" not in visible(page) and len(visible(page)) == 11
    assert page.evaluate("ccinView.edgeView.length") == 10
    page.evaluate("document.getElementById('reset').click()")
    assert len(visible(page)) == 14

    # the theme menu set to Poverty: its initiatives and what they link to
    page.evaluate("""(() => { const s = document.getElementById('filter-themes');
                      s.value = 'Poverty'; s.dispatchEvent(new Event('change')); })()""")
    assert visible(page) == sorted(["pantry", "energy", "oldham", "plymouth", "locality", "ukspf", "poverty", "coprod"])
    page.evaluate("""(() => { const s = document.getElementById('filter-tiers');
                      s.value = 'Affiliate'; s.dispatchEvent(new Event('change')); })()""")
    assert visible(page) == ["energy", "locality", "pantry"]
    page.evaluate("document.getElementById('reset').click()")
    assert page.errors() == []


def test_search_tooltips_and_details_stay_escaped(browser, tmp_path):
    page, _ = open_view(browser, tmp_path / "network.html")
    found = page.evaluate("ccinView.search('preston city')")
    assert page.evaluate(f"ccinView.data.nodes[{found}].key") == "preston"
    assert page.evaluate("ccinView.network.getSelectedNodes()") == [found]
    evil = page.evaluate("ccinView.data.nodes.find(n => n.key === 'evil').id")
    tip = page.evaluate(f"ccinView.nodes.get({evil}).title.innerHTML")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in tip and "<script>" not in tip
    assert page.evaluate(f"ccinView.nodes.get({evil}).title.textContent").startswith(EVIL)
    page.evaluate("ccinView.search('locality')")
    details = page.evaluate("document.getElementById('details').textContent")
    assert f"Locality works with {EVIL}." in details and "Locality <b>helped</b> & advised." in details
    assert page.evaluate("document.querySelectorAll('#details script, #details b b').length") == 0
    assert page.errors() == [] and page.dialogs() == []


def test_focus_view_and_large_view_reveal(browser, tmp_path):
    page, _ = open_view(browser, tmp_path / "focus.html", focus="UKSPF", depth=1)
    assert sorted(page.evaluate("ccinView.data.nodes.map(n => n.key)")) == ["energy", "pantry", "ukspf"]
    assert page.evaluate("ccinView.network.getSelectedNodes().map(id => ccinView.data.nodes[id].key)") == ["ukspf"]

    G = nx.MultiDiGraph(nx.relabel_nodes(nx.barabasi_albert_graph(600, 2, seed=3), str))
    nx.set_node_attributes(G, {n: ["council", "organisation", "initiative"][int(n) % 3] for n in G}, "type")
    nx.set_node_attributes(G, {n: f"Entity {n}" for n in G}, "label")
    path = write_view(render_view(G, limit=100), tmp_path / "large.html")
    page = browser.open(path.resolve().as_uri())
    page.wait_for("window.ccinView && window.ccinView.settled", SETTLE_S)
    assert page.evaluate("ccinView.nodes.length") == 103  # 100 laid out + one summary per type
    hidden = page.evaluate("ccinView.data.nodes.find(n => !n.shown).name")
    page.evaluate(f"ccinView.search({json.dumps(hidden)})")
    assert page.evaluate("ccinView.nodes.length") == 104  # brought in beside its neighbours
    page.screenshot(ARTIFACTS / "view-large.png")
    assert page.errors() == []


def test_harness_sees_and_blocks_remote_requests(browser, tmp_path):
    """The checks above would notice a page that reached out: here one tries, and is refused."""
    path = tmp_path / "leaky.html"
    path.write_text('<!DOCTYPE html><img src="https://example.org/pixel.png"><p>hi</p>', encoding="utf-8")
    page = browser.open(path.resolve().as_uri())
    assert "https://example.org/pixel.png" in page.requests()
    failed = page.browser.wait_event(
        lambda e: e.get("method") == "Network.loadingFailed" and e.get("sessionId") == page.session, 10)
    assert failed is not None
