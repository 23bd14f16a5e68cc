"""Regenerate the bundled local-authority register from a full copy of mySociety's dataset.

Usage::

    python scripts/trim_register.py path/to/uk_local_authorities.csv \\
        [-o ccin_kg/data/register/uk_local_authorities.csv]

Keeps the columns :mod:`ccin_kg.resolve.register` uses (see ``COLUMNS``), every
row (past and current authorities), sorted by local-authority-code, written as
UTF-8 CSV with "\\n" line ends so a refresh gives a small, readable diff.
Remember to update the version in ``ccin_kg/data/register/LICENSE.md``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

COLUMNS = [
    "local-authority-code", "official-name", "nice-name", "gss-code", "start-date", "end-date",
    "replaced-by", "nation", "region", "local-authority-type-name", "alt-names", "current-authority",
]
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "ccin_kg" / "data" / "register" / "uk_local_authorities.csv"


def trim(source: Path, out: Path) -> int:
    """Write the trimmed register to ``out``; return the number of rows."""
    with source.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise SystemExit(f"{source}: missing column(s) {', '.join(missing)}")
        rows = [{c: (row[c] or "").strip() for c in COLUMNS} for row in reader]
    rows.sort(key=lambda r: r["local-authority-code"])
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(out)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="full mySociety uk_local_authorities CSV")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT, help=f"output (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    n = trim(args.source, args.out)
    sys.stderr.write(f"wrote {n} rows, {len(COLUMNS)} columns to {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
