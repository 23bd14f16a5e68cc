#!/usr/bin/env python3
"""Build time, peak memory and triples at 1x, 10x, 100x the bundled corpus (synthetic documents).

Each size is built in a fresh Python process (``scripts/synthetic_corpus.py``
writes the documents first); peak memory is that child's max RSS. The growth
ratio compares time per word with the 1x run: 1.0 is linear, the target is
at most 1.1 (and under 2 GiB peak memory at 100x). Results print as each
size finishes, so a long 100x run still gives the smaller figures. Usage:

    python scripts/bench_scale.py [--scales 1,10,100] [--jobs 1]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from ccin_kg.extract.nlp import load_nlp
from ccin_kg.build.run import build
load_nlp()
paths = sorted(Path(sys.argv[1]).glob("*.txt"))
t0 = time.perf_counter()
result = build(paths, Path(sys.argv[2]), jobs=int(sys.argv[3]))
print(json.dumps({"build_s": time.perf_counter() - t0, "triples": result.triples, "documents": len(paths),
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "children_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def main() -> int:
    from synthetic_corpus import generate

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", default="1,10,100", help="comma-separated multiples of the bundled corpus")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    scales = [float(s) for s in args.scales.split(",")]
    base = None
    print(f"{'scale':>6} {'docs':>5} {'words':>9} {'build s':>9} {'s/kword':>8} {'growth':>7} "
          f"{'peak MiB':>9} {'triples':>9} {'tr/kword':>8}", flush=True)
    for scale in scales:
        with tempfile.TemporaryDirectory() as tmp:
            corpus, out = Path(tmp) / "corpus", Path(tmp) / "graph"
            paths = generate(corpus, scale, args.seed)
            words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
            proc = subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(out), str(args.jobs)],
                                  capture_output=True, text=True)
            if proc.returncode:
                print(f"{scale:>6g} failed: {proc.stderr.strip().splitlines()[-1:]}", flush=True)
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            per_kword = r["build_s"] / words * 1000
            base = base or per_kword
            peak = max(r["peak_rss_mib"], r["children_rss_mib"])
            print(f"{scale:>6g} {r['documents']:>5} {words:>9} {r['build_s']:>9.1f} {per_kword:>8.3f} "
                  f"{per_kword / base:>6.2f}x {peak:>9.0f} {r['triples']:>9} {r['triples'] / words * 1000:>8.1f}",
                  flush=True)
    print("growth = (seconds per 1000 words) / (the same at the first scale); target <= 1.10x, "
          "peak < 2048 MiB at 100x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
