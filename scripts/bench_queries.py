#!/usr/bin/env python3
"""The named queries on a ~1M-triple graph: pyoxigraph vs rdflib's in-memory Graph, side by side in one run.

The graph is the bundled-corpus build (``graph/ccin.ttl``, built first if
missing) replicated until it reaches ``--triples``: every entity IRI
(organisations, initiatives, people, fundings, statements, evidence, sources
...) gets a copy per replica, while shared concepts (tiers, principles,
approaches, themes, schemes) and the vocabulary stay one, and labels are
kept, so a name matches one node per replica, as in a big graph of many
similar case studies.

Both engines run each named query through the library's own entry point,
:func:`ccin_kg.query.library.run_query`, with the query's default
parameters: on a :class:`pyoxigraph.Store` natively (parameters substituted
as terms), on an rdflib ``Graph`` with ``initBindings``; rows come back as
the same canonical terms, and the run checks that both engines give the
same rows. rdflib is slow at this size, so its runs happen in a forked child
that is stopped after ``--rdflib-timeout`` seconds per query (shown as
``>T``, and the ratio as a lower bound).

Target (issue 7): pyoxigraph p50 <= 50 ms for every query and >= 10x faster
than rdflib. Usage:

    python scripts/bench_queries.py [--triples 1000000] [--runs 7] [--rdflib-runs 3] [--rdflib-timeout 120]
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import statistics
import sys
import time
from pathlib import Path

ID = "https://w3id.org/ccin-kg/id/"
SHARED = ("tier/", "council-tier/", "principle/", "approach/", "theme/", "scheme/")
"""Kinds under ``id/`` that are concepts every replica shares."""

_ENTITY = re.compile(re.escape(f"<{ID}") + r"(?!" + "|".join(re.escape(k) for k in SHARED) + ")")


def replicated(ttl: Path, target: int) -> tuple[bytes, int]:
    """N-Triples of ``ttl``'s graph with its entities copied until at least ``target`` distinct triples.

    Returns the data and its number of distinct triples (a triple that names
    no entity, such as a concept's label, is the same in every copy).
    """
    import pyoxigraph as ox

    triples = [q.triple for q in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE)]
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    lines = body.splitlines(keepends=True)
    copied = [line for line in lines if _ENTITY.search(line)]
    fixed = len(lines) - len(copied)
    copies = max(1, -(-(target - fixed) // max(len(copied), 1)))
    more = "".join(copied)
    parts = [body] + [_ENTITY.sub(f"<{ID}r{i}-", more) for i in range(1, copies)]
    return "".join(parts).encode("utf-8"), fixed + len(copied) * copies


def timed(fn, runs: int) -> tuple[float, object]:
    """(median milliseconds of ``runs`` calls, the last result)."""
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, result


_GRAPH = None  # the rdflib graph, inherited by forked children


def _rdflib_child(name: str, runs: int, conn) -> None:
    from ccin_kg.query.library import load_query, run_query

    ms, rows = timed(lambda: run_query(_GRAPH, load_query(name)).rows, runs)
    conn.send((ms, rows))


def rdflib_p50(name: str, runs: int, timeout: float) -> tuple[float | None, object]:
    """(p50 ms, rows) of the query on the rdflib graph, or (None, None) when it passes ``timeout`` seconds."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_rdflib_child, args=(name, runs, child))
    proc.start()
    child.close()
    try:
        if parent.poll(timeout):
            return parent.recv()
        return None, None
    finally:
        proc.kill()
        proc.join()


def main() -> int:
    global _GRAPH
    import pyoxigraph as ox
    from rdflib import Graph

    from ccin_kg.query.library import list_queries, run_query

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--graph", type=Path, default=Path("graph"))
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=7, help="pyoxigraph runs per query")
    ap.add_argument("--rdflib-runs", type=int, default=3, help="rdflib runs per query")
    ap.add_argument("--rdflib-timeout", type=float, default=120.0, help="seconds before an rdflib query is stopped")
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
    _GRAPH = Graph(bind_namespaces="none")
    _GRAPH.parse(data=data, format="nt")
    rdf_load = time.perf_counter() - t0
    print(f"{len(store)} triples ({len(_GRAPH)} in rdflib); load: pyoxigraph {ox_load:.1f} s, rdflib {rdf_load:.1f} s",
          flush=True)
    print(f"{'query':<26} {'rows':>5} {'oxigraph p50 ms':>16} {'rdflib p50 ms':>14} {'ratio':>8}  same rows",
          flush=True)
    worst, smallest, failures = 0.0, float("inf"), 0
    for q in list_queries():
        ox_ms, ox_rows = timed(lambda q=q: run_query(store, q).rows, args.runs)
        rdf_ms, rdf_rows = rdflib_p50(q.name, args.rdflib_runs, args.rdflib_timeout)
        worst = max(worst, ox_ms)
        if rdf_ms is None:
            ratio = args.rdflib_timeout * 1000 / max(ox_ms, 1e-6)
            shown, same = f">{args.rdflib_timeout:.0f}000", "n/a"
            ratio_text = f">{ratio:.0f}x"
        else:
            ratio = rdf_ms / max(ox_ms, 1e-6)
            shown, same = f"{rdf_ms:.1f}", "yes" if rdf_rows == ox_rows else "NO"
            ratio_text = f"{ratio:.1f}x"
            failures += same == "NO"
        smallest = min(smallest, ratio)
        print(f"{q.name:<26} {len(ox_rows):>5} {ox_ms:>16.1f} {shown:>14} {ratio_text:>8}  {same}", flush=True)
    print(f"worst pyoxigraph p50 {worst:.1f} ms (target <= 50); smallest ratio {smallest:.1f}x (target >= 10x); "
          f"queries whose rows differ: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
