#!/usr/bin/env python3
"""Generate a CCIN-like corpus of invented documents, for benchmarks.

The documents have the bundled corpus's section kinds and sentence patterns
(theme label, presenting council, title, body with partners and funding,
a contact block; a funded-projects list; membership lists; a policy-lab page)
with invented councils, organisations, people and sums. ``--scale N`` makes
about N times the bundled corpus's word count.

    python scripts/synthetic_corpus.py OUT_DIR --scale 10 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

SYL = ["ash", "bel", "brook", "cal", "dun", "fen", "glen", "har", "kest", "lin", "mar", "nor", "oak", "pen",
       "quill", "ros", "sel", "thorn", "ver", "wren", "yar", "zel", "ford", "mere", "by", "ton", "wick", "ley"]
THEMES = ["Community", "Poverty", "Young People", "Housing", "Strategy", "Community Wealth Building",
          "Health & Social Care", "Social Outcomes", "Education & Training"]
ORG_KINDS = ["Trust", "Foundation", "Co-operative", "CIC", "Partnership", "Network", "Ltd", "Alliance"]
FUNDS = ["Shared Futures Fund", "Neighbourhood Renewal Fund", "Green Streets Fund", "Youth Voice Fund"]
APPROACHES = ["community wealth building", "co-production", "participatory budgeting", "community asset transfer"]
FIRST = ["Ann", "Bea", "Cal", "Dee", "Eve", "Finn", "Gus", "Hal", "Ivy", "Jo", "Kim", "Lin", "Max", "Nia"]
LAST = ["Okafor", "Reyes", "Hart", "Park", "Stone", "Vale", "Moss", "Quill", "Rowe", "Tate", "Wynn"]
TIERS = ["Borough Council", "City Council", "District Council", "Council"]


class Names:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def place(self) -> str:
        return "".join(self.rng.sample(SYL, 2)).capitalize()

    def council(self) -> str:
        return f"{self.place()} {self.rng.choice(TIERS)}"

    def org(self) -> str:
        return f"{self.place()} {self.rng.choice(['Community', 'Food', 'Arts', 'Energy', 'Youth'])} {self.rng.choice(ORG_KINDS)}"

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"


def case_study(n: Names, rng: random.Random) -> str:
    council, p1, p2, fund = n.council(), n.org(), n.org(), rng.choice(FUNDS)
    place = council.split()[0]
    amount = rng.choice(["£25,000", "£120k", "£1.2m", "£480,000", "£75,000"])
    approach = rng.choice(APPROACHES)
    person = n.person()
    body = [
        f"In {rng.choice(['March', 'June', 'October'])} {rng.randint(2019, 2030)} {council} set out to work with "
        f"residents across {place} on {approach}, so that people who use services shape them from the start.",
        f"The project was delivered in partnership with {p1} and {p2}, who ran sessions in libraries, halls and "
        f"schools and reported back to councillors every quarter.",
        f"It received {amount} from the {fund}, and the council added staff time and venues at no cost to groups.",
        f"By the end of the first year more than {rng.randint(50, 900)} residents had taken part and "
        f"{rng.randint(3, 30)} new groups had formed, several of them run as co-operatives by their members.",
    ]
    body += [
        "Residents said the sessions helped them meet neighbours, find advice and learn new skills, and "
        "the council has since changed how it plans services with the community in the lead." for _ in range(rng.randint(2, 5))
    ]
    return "\n\n".join([
        rng.choice(THEMES), council, f"{place} {rng.choice(['Together', 'Forward', 'Grows', 'Connects'])}",
        *body, "For further information, contact:", person, f"Policy Lead – {council}",
        f"- e: {person.split()[0].lower()}@{place.lower()}.example", "- t: 01234 567890",
        f"- w: {place.lower()}.example", "", "@examplehandle", "",
    ])


def funded_list(n: Names, rng: random.Random) -> str:
    lines = ["Funded Projects", "", "Each year members suggest projects. Here are some:", ""]
    for _ in range(6):
        lines += [f"{n.place()} {rng.choice(['Toolkit', 'Report', 'Review'])} ({rng.randint(2015, 2030)}) – "
                  f"Led by {n.council()} and delivered by {n.org()}. A practical guide for councils.", "",
                  "bit.ly/example", ""]
    return "\n".join(lines)


def member_lists(n: Names, rng: random.Random) -> str:
    return "\n\n".join([
        " ".join(n.council() for _ in range(20)),
        " ".join(f"{n.place()} {rng.choice(['Town', 'Parish', 'Community'])} Council" for _ in range(10)),
        "Affiliate Members",
        " ".join(sorted(n.org() for _ in range(15))),
    ])


def document(rng: random.Random, words_target: int) -> str:
    n = Names(rng)
    parts = [f"Invented Case Studies {rng.randint(2025, 2035)}", member_lists(n, rng), funded_list(n, rng)]
    while sum(len(p.split()) for p in parts) < words_target:
        parts.append(case_study(n, rng))
    return "\n\n\n".join(parts) + "\n"


def bundled_words() -> int:
    from ccin_kg.bundled import corpus_paths

    return sum(len(p.read_text(encoding="utf-8").split()) for p in corpus_paths())


def generate(out: Path, scale: float, seed: int = 7, doc_words: int = 8000) -> list[Path]:
    """Write invented documents totalling about ``scale`` × the bundled corpus's words into ``out``."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    target = int(bundled_words() * scale)
    paths, total, i = [], 0, 0
    while total < target:
        text = document(rng, min(doc_words, target - total))
        path = out / f"synthetic_{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        total += len(text.split())
        i += 1
    return paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    paths = generate(a.out, a.scale, a.seed)
    print(f"wrote {len(paths)} documents, {sum(len(p.read_text().split()) for p in paths)} words, to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
