#!/usr/bin/env python3
"""The named queries on a ~1M-triple graph: pyoxigraph vs rdflib's in-memory Graph, in one run.

The graph is the bundled-corpus build (``graph/ccin.ttl``, built first if
missing) replicated with every IRI under ``id/`` suffixed ``-rN`` until it
reaches ``--triples``; vocabulary IRIs are shared, so every copy answers the
same queries. Each named query runs with its default parameters (pyoxigraph: the
literal written in place of the variable; rdflib: ``initBindings`` through
:func:`ccin_kg.query.library.run_query`). Prints p50 per query and the ratio;
target: pyoxigraph p50 <= 50 ms and >= 10x faster. Usage:

    python scripts/bench_queries.py [--triples 1000000] [--runs 5] [--rdflib-runs 1]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ID = "https://w3id.org/ccin-kg/id/"


def replicated(ttl: Path, target: int):
    """N-Triples lines of ``ttl``'s graph copied until ``target`` triples."""
    import pyoxigraph as ox

    triples = [q.triple for q in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE)]
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    copies = max(1, -(-target // len(triples)))
    parts = [body] + [body.replace(f"<{ID}", f"<{ID}r{i}-") for i in range(1, copies)]
    return "".join(parts).encode("utf-8"), len(triples) * copies


def bound(text: str, values: dict[str, str]) -> str:
    """``text`` with each parameter replaced by its literal after the first WHERE (as initBindings binds it)."""
    import json
    import re

    head, where, body = text.partition("WHERE")
    for name, value in values.items():
        body = re.sub(rf"[?$]{name}\b", json.dumps(value), body)
    return head + where + body


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> int:
    import pyoxigraph as ox
    from rdflib import Graph

    from ccin_kg.query.library import list_queries, run_query

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--graph", type=Path, default=Path("graph"))
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5, help="pyoxigraph runs per query")
    ap.add_argument("--rdflib-runs", type=int, default=1, help="rdflib runs per query (slow)")
    args = ap.parse_args()
    ttl = args.graph / "ccin.ttl"
    if not ttl.is_file():
        from ccin_kg.build.run import build

        build(None, args.graph)
    data, n = replicated(ttl, args.triples)
    t0 = time.perf_counter()
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    ox_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    graph = Graph()
    graph.parse(data=data, format="nt")
    rdf_load = time.perf_counter() - t0
    print(f"{n} triples; load: pyoxigraph {ox_load:.1f} s, rdflib {rdf_load:.1f} s", flush=True)
    print(f"{'query':<28} {'rows':>6} {'oxigraph p50 ms':>16} {'rdflib p50 ms':>14} {'ratio':>7}", flush=True)
    worst, ratios = 0.0, []
    for q in list_queries():
        text = bound(q.text, {p.name: p.default or "" for p in q.params})
        rows = len(list(store.query(text)))
        ox_ms = timed(lambda: list(store.query(text)), args.runs)
        rdf_ms = timed(lambda: list(run_query(graph, q)), args.rdflib_runs)
        worst, ratio = max(worst, ox_ms), rdf_ms / max(ox_ms, 1e-6)
        ratios.append(ratio)
        print(f"{q.name:<28} {rows:>6} {ox_ms:>16.1f} {rdf_ms:>14.1f} {ratio:>6.1f}x", flush=True)
    print(f"worst pyoxigraph p50 {worst:.1f} ms (target <= 50); smallest ratio {min(ratios):.1f}x (target >= 10x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
