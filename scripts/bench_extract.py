#!/usr/bin/env python3
"""Extraction speed and memory, measured side by side in one run.

For a synthetic CCIN-like corpus at 1x and 10x the bundled corpus's size,
each in a fresh process (model loaded before timing starts):

- words per second of the full extraction (``ccin_kg.extract.pipeline.extract``);
- words per second of the model's own ``nlp.pipe`` over the same paragraphs;
- their ratio (target: extraction at least half the model's own speed);
- extraction time at 1x and 10x (target: 10x within 11x the time);
- peak memory (max RSS) at 10x (target: under 1.5 GiB).

    python scripts/bench_extract.py [--scales 1 10]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, re, resource, sys, time
from pathlib import Path
from ccin_kg.extract.nlp import load_nlp
from ccin_kg.extract.pipeline import extract
from ccin_kg.ingest.read import read_sources

paths = sorted(Path(sys.argv[1]).glob("*.txt"))
nlp = load_nlp()
docs = read_sources(paths)
words = sum(len(d.text.split()) for d in docs)
paras = [p for d in docs for p in re.split(r"\n\s*\n", d.text) if re.search(r"[a-z]{3}", p)]
list(nlp.pipe(paras[:20]))  # warm up
t0 = time.perf_counter()
for _ in nlp.pipe(paras, batch_size=64):
    pass
t_model = time.perf_counter() - t0
t0 = time.perf_counter()
ex = extract(docs, nlp=nlp)
t_extract = time.perf_counter() - t0
print(json.dumps({"words": words, "model_s": t_model, "extract_s": t_extract,
                  "initiatives": len(ex.initiatives),
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(folder: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(folder)], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", type=float, nargs="+", default=[1, 10])
    a = ap.parse_args()
    sys.path.insert(0, str(HERE))
    from synthetic_corpus import generate

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in a.scales:
            folder = Path(tmp) / f"x{scale:g}"
            generate(folder, scale)
            rows.append((scale, measure(folder)))
    print(f"{'scale':>6} {'words':>8} {'extract s':>10} {'extract w/s':>12} {'nlp.pipe w/s':>13} {'ratio':>6} "
          f"{'peak MiB':>9} {'initiatives':>11}")
    for scale, r in rows:
        ew, mw = r["words"] / r["extract_s"], r["words"] / r["model_s"]
        print(f"{scale:>5g}x {r['words']:>8} {r['extract_s']:>10.2f} {ew:>12.0f} {mw:>13.0f} {ew / mw:>6.2f} "
              f"{r['peak_rss_mib']:>9.0f} {r['initiatives']:>11}")
    if len(rows) >= 2:
        (s0, r0), (s1, r1) = rows[0], rows[-1]
        print(f"time at {s1:g}x / time at {s0:g}x = {r1['extract_s'] / r0['extract_s']:.2f} "
              f"(words ratio {r1['words'] / r0['words']:.2f}; target: within {1.1 * s1 / s0:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
