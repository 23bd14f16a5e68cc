#!/usr/bin/env python3
"""Time and peak memory of a cold build of the bundled corpus, and the model-loading share.

Each run is a fresh Python process (cold: nothing imported, model not loaded),
so the figures are what a user sees for ``ccin-kg build``. Usage:

    python scripts/bench_build.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from ccin_kg.extract.nlp import load_nlp
from ccin_kg.build.run import build
t_import = time.perf_counter()
load_nlp()
t_model = time.perf_counter()
result = build(None, __import__("pathlib").Path(sys.argv[1]))
t_end = time.perf_counter()
print(json.dumps({
    "total_s": t_end - t0, "import_s": t_import - t0, "model_s": t_model - t_import,
    "pipeline_s": t_end - t_model, "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "triples": result.triples, "documents": len(result.documents),
}))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    runs = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as out:
            proc = subprocess.run([sys.executable, "-c", CHILD, out], capture_output=True, text=True, check=True)
            runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"cold build of the bundled corpus ({int(med['documents'])} documents, {int(med['triples'])} triples), "
          f"median of {len(runs)} fresh processes:")
    print(f"  total            {med['total_s']:7.2f} s")
    print(f"  imports          {med['import_s']:7.2f} s")
    print(f"  spaCy model load {med['model_s']:7.2f} s  ({100 * med['model_s'] / med['total_s']:.0f}% of the build)")
    print(f"  rest of build    {med['pipeline_s']:7.2f} s")
    print(f"  peak memory      {med['peak_rss_mib']:7.0f} MiB (max RSS)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
