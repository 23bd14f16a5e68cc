#!/usr/bin/env python3
"""Our network view against pyvis's defaults, on synthetic graphs of 150, 1,500 and 15,000 nodes.

For each size, one typed graph (a networkx power-law cluster graph: councils,
organisations, funders, initiatives, themes, principles, with a relation and a
sentence on every edge) is written twice:

- ours: ``render_view`` + ``write_view`` (barnesHut with bounded stabilisation,
  physics off once settled; above 1,500 nodes the most linked first);
- pyvis defaults: ``Network().from_nx(G)`` + ``write_html``, its CDN and
  ``lib/`` references then replaced by the same vis-network files inlined (the
  Bootstrap links, which pyvis ships no copy of, removed), so that both load
  offline.

Each page is opened in a fresh headless Chromium with every network request
blocked (file:// only). "Settled" is when the layout stops moving, in ms since
navigation began: for ours when physics is switched off, for pyvis's when vis
emits ``stabilized`` (its physics keeps running after the progress bar).
"Drawn" is pyvis's ``stabilizationIterationsDone`` (the bar goes away, the
nodes still move); the last two columns are pyvis's settled and drawn times
over ours. Frame
is the time of one full redraw; for ours also a type filter and a search.
Every wait is bounded (``--timeout``). Usage:

    python scripts/bench_view.py [--sizes 150 1500 15000] [--timeout 120] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from ccin_kg.view.assets import vis_assets
from ccin_kg.view.chromium import Chromium, ChromiumError
from ccin_kg.view.page import render_view
from ccin_kg.view.write import write_view

TYPES = [("council", 0.12), ("organisation", 0.38), ("funder", 0.05), ("initiative", 0.40),
         ("theme", 0.03), ("principle", 0.02)]
RELATION = {("initiative", "council"): "ledBy", ("initiative", "organisation"): "hasPartner",
            ("initiative", "funder"): "fundedBy", ("initiative", "theme"): "hasTheme",
            ("initiative", "principle"): "meetsPrinciple", ("organisation", "council"): "worksWith"}
HOOK = """
window.__bench = {};
network.once("stabilizationIterationsDone", function () { window.__bench.drawn = performance.now(); });
network.on("stabilized", function () { if (!window.__bench.settled) window.__bench.settled = performance.now(); });
"""


def synthetic_network(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """A typed, CCIN-like network of ``n`` nodes (about 2n relations), each relation with a sentence."""
    rng = random.Random(seed)
    shape = nx.powerlaw_cluster_graph(n, 2, 0.1, seed=seed)
    kinds = [k for k, _ in TYPES]
    G = nx.MultiDiGraph()
    for node in shape:
        kind = rng.choices(kinds, weights=[w for _, w in TYPES])[0]
        tier = rng.choice(["Full", "Associate", "Affiliate", None]) if kind != "initiative" else None
        G.add_node(f"n{node}", type=kind, label=f"{kind.title()} {node}", membership_tier=tier)
    for u, v in shape.edges():
        a, b = f"n{u}", f"n{v}"
        pair = (G.nodes[a]["type"], G.nodes[b]["type"])
        if pair not in RELATION and pair[::-1] in RELATION:
            a, b, pair = b, a, pair[::-1]
        relation = RELATION.get(pair, "worksWith")
        sentence = f"{G.nodes[a]['label']} and {G.nodes[b]['label']} are linked in the synthetic report, section {u}."
        G.add_edge(a, b, key=relation, relation=relation, sentences=(sentence,), sources=(f"synthetic.txt:{u}",))
    return G


def pyvis_page(G: nx.MultiDiGraph, path: Path) -> float:
    """Write pyvis's default page for ``G`` (as a simple undirected graph with labels); seconds taken."""
    from pyvis.network import Network

    simple = nx.Graph()
    simple.add_nodes_from((n, {"label": d["label"]}) for n, d in G.nodes(data=True))
    simple.add_edges_from(G.edges())
    cwd = os.getcwd()
    os.chdir(path.parent)  # write_html copies its lib/ folder into the working directory
    try:
        start = time.perf_counter()
        net = Network()
        net.from_nx(simple)
        net.write_html(path.name)
        return time.perf_counter() - start
    finally:
        os.chdir(cwd)


def inline_pyvis(path: Path) -> None:
    """Replace pyvis's CDN and lib/ references with the same files inlined; add the timing hook."""
    import pyvis

    js, css = vis_assets()
    utils = (Path(pyvis.__file__).parent / "lib" / "bindings" / "utils.js").read_text(encoding="utf-8")
    page = path.read_text(encoding="utf-8")
    page = re.sub(r'<script src="lib/bindings/utils.js"></script>', lambda m: f"<script>{utils}</script>", page)
    page = re.sub(r'<link rel="stylesheet" href="https://cdnjs[^>]*vis-network[^>]*/>',
                  lambda m: f"<style>{css}</style>", page)
    page = re.sub(r'<script src="https://cdnjs[^>]*vis-network[^>]*></script>',
                  lambda m: f"<script>{js}</script>", page)
    page = re.sub(r"<link\s[^>]*bootstrap[^>]*/>", "", page, flags=re.S)
    page = re.sub(r"<script\s[^>]*bootstrap[^>]*>\s*</script>", "", page, flags=re.S)
    if re.search(r"<(script|link)\b[^>]*\b(src|href)\s*=\s*[\"']?(https?:)?//", page):
        raise RuntimeError("pyvis page still links a remote file")
    page = page.replace("drawGraph();\n", "drawGraph();\n" + HOOK, 1)
    if "window.__bench" not in page:
        raise RuntimeError("pyvis template changed: no drawGraph(); call to hook")
    path.write_text(page, encoding="utf-8")


def measure(path: Path, ours: bool, timeout: float) -> dict:
    """Open ``path`` in a fresh Chromium; when the layout settles, and how fast the settled page responds."""
    ready = ("window.ccinView && ccinView.settled && ccinView.settledAt" if ours
             else "window.__bench && window.__bench.settled")
    result: dict = {}
    with Chromium(width=1280, height=800, timeout=timeout) as browser:
        page = browser.open(path.resolve().as_uri(), wait=False)
        try:
            page.wait_for(ready, timeout, interval=0.25)
        except ChromiumError:
            result["timeout"] = True
        try:
            if ours:
                result["settled"] = page.evaluate("ccinView.settledAt", timeout=5)
                result["by"] = page.evaluate("ccinView.settledBy", timeout=5)
            else:
                bench = page.evaluate("window.__bench || {}", timeout=5) or {}
                result["settled"], result["drawn"] = bench.get("settled"), bench.get("drawn")
            result["errors"] = page.errors()
            result["requests"] = [u for u in page.requests() if not u.startswith("data:")]
            if result.get("timeout"):  # still laying out: a redraw now would measure nothing
                raise ChromiumError("not settled")
            result["frame"] = page.evaluate("""(() => { const r = network => { const t = performance.now();
                for (let i = 0; i < 3; i++) network.renderer._redraw(); return (performance.now() - t) / 3; };
                return r(window.ccinView ? ccinView.network : network); })()""", timeout=30)
            if ours:
                result["filter"] = page.evaluate("""(() => { const t = performance.now();
                    ccinView.setFilter('types', ['council']); ccinView.setFilter('types',
                    ccinView.data.types.map(x => x.type)); return (performance.now() - t) / 2; })()""", timeout=30)
                result["search"] = page.evaluate("""(() => { const t = performance.now();
                    ccinView.search(ccinView.data.nodes[ccinView.data.nodes.length - 5].name);
                    return performance.now() - t; })()""", timeout=30)
                result["laid_out"] = page.evaluate("ccinView.nodes.length", timeout=5)
        except ChromiumError as e:
            if not result.get("timeout"):
                result["error"] = str(e)
    return result


def fmt_ms(value, timeout: float) -> str:
    return f">{timeout:.0f} s" if value is None else f"{value / 1000:6.2f} s"


def fmt_quick(value) -> str:
    return "n/a" if value is None else f"{value:.0f}ms"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[150, 1500, 15000])
    ap.add_argument("--timeout", type=float, default=120.0, help="Longest wait for any page to settle, in seconds.")
    ap.add_argument("--keep", type=Path, default=None, help="Keep the pages in this directory.")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            G = synthetic_network(n)
            ours_path = out / f"ours-{n}.html"
            start = time.perf_counter()
            write_view(render_view(G), ours_path)
            ours_write = time.perf_counter() - start
            pv_dir = out / f"pyvis-{n}"
            pv_dir.mkdir(exist_ok=True)
            pv_path = pv_dir / "page.html"
            pv_write = pyvis_page(G, pv_path)
            inline_pyvis(pv_path)
            ours = measure(ours_path, True, args.timeout)
            theirs = measure(pv_path, False, args.timeout)
            rows.append((n, G.number_of_edges(), ours_write, ours_path.stat().st_size, ours,
                         pv_write, pv_path.stat().st_size, theirs))
            print(f"measured {n} nodes", file=sys.stderr, flush=True)
    t = args.timeout
    print(f"{'nodes':>6} {'edges':>6} | {'ours: write':>11} {'size':>8} {'laid out':>8} {'settled':>9} {'frame':>8} "
          f"{'filter':>7} {'search':>7} | {'pyvis: write':>12} {'size':>8} {'drawn':>9} {'settled':>9} {'frame':>8} | "
          f"{'settled ratio':>13} {'vs drawn':>8}")
    for n, m, ow, osize, o, pw, psize, p in rows:
        ratio = (f"{p['settled'] / o['settled']:.1f}x" if p.get("settled") and o.get("settled")
                 else f">{t * 1000 / o['settled']:.1f}x" if o.get("settled") else "n/a")
        drawn = (f"{p['drawn'] / o['settled']:.1f}x" if p.get("drawn") and o.get("settled")
                 else f">{t * 1000 / o['settled']:.1f}x" if o.get("settled") else "n/a")
        print(f"{n:>6} {m:>6} | {ow:9.2f} s {osize / 2**20:6.1f}MB {o.get('laid_out', 0):>8} "
              f"{fmt_ms(o.get('settled'), t):>9} {fmt_quick(o.get('frame')):>8} {fmt_quick(o.get('filter')):>7} "
              f"{fmt_quick(o.get('search')):>7} | {pw:10.2f} s {psize / 2**20:6.1f}MB {fmt_ms(p.get('drawn'), t):>9} "
              f"{fmt_ms(p.get('settled'), t):>9} {fmt_quick(p.get('frame')):>8} | {ratio:>13} {drawn:>8}")
    problems = [(n, who, r.get("errors"), r.get("requests"), r.get("error")) for n, *_, o, _, _, p in rows
                for who, r in (("ours", o), ("pyvis", p)) if r.get("errors") or len(r.get("requests", [])) > 1
                or r.get("error")]
    for problem in problems:
        print("problem:", json.dumps(problem))
    return 0


if __name__ == "__main__":
    sys.exit(main())
