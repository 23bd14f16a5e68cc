#!/usr/bin/env python3
"""``ccin-kg serve`` under load: 8 concurrent loopback clients x 200 queries, p50/p95 latency and errors.

Starts the endpoint on 127.0.0.1 (a free port) over ``--graph`` (built first
if missing), then each client thread sends ``--requests`` GETs, cycling
through the named queries (``/query/<name>``, default parameters) and a
plain ``/sparql?query=`` count, with a per-request timeout and a total time
bound. Target: 0 errors. Usage:

    python scripts/bench_endpoint.py [--clients 8] [--requests 200] [--max-seconds 300]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(base: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the endpoint exited: {proc.stderr.read().decode()[-500:]}")
        try:
            urllib.request.urlopen(base + "/sparql?query=" + urllib.parse.quote("ASK {}"), timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the endpoint did not start")


def main() -> int:
    from ccin_kg.query.library import list_queries

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--graph", type=Path, default=Path("graph"))
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=200, help="per client")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    ap.add_argument("--max-seconds", type=float, default=300.0, help="stop sending after this long")
    args = ap.parse_args()
    if not (args.graph / "ccin.ttl").is_file():
        from ccin_kg.build.run import build

        build(None, args.graph)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "ccin_kg", "serve", "--graph", str(args.graph),
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_up(base, proc)
        paths = [f"/query/{q.name}?format=json" for q in list_queries()]
        paths.append("/sparql?query=" + urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.monotonic() + args.max_seconds

        def client(k: int) -> None:
            for i in range(args.requests):
                if time.monotonic() > stop:
                    return
                url = base + paths[(k + i) % len(paths)]
                t0 = time.perf_counter()
                try:
                    with urllib.request.urlopen(url, timeout=args.timeout) as response:
                        response.read()
                    ok = None
                except OSError as e:
                    ok = f"{url}: {e}"
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    (errors.append(ok) if ok else latencies.append(elapsed))

        t0 = time.perf_counter()
        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(10)
    done = len(latencies) + len(errors)
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [float("nan")] * 99
    print(f"{args.clients} clients x {args.requests} requests on {base}: {done} sent in {wall:.1f} s "
          f"({done / wall:.0f} req/s)")
    print(f"  p50 {q[49]:.1f} ms   p95 {q[94]:.1f} ms   max {max(latencies, default=0):.1f} ms   "
          f"errors {len(errors)} (target 0)")
    for e in errors[:5]:
        print(f"  error: {e}")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
