"""Recognise the ten CCIN principles an initiative says it meets.

Pages list them under "Principles met", by name, by their definition, or
both; prose names them ("The principle of Social Partnership is ...").
Labels and definitions come from ``ontology/principles.ttl``.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files

from rapidfuzz import fuzz

from ccin_kg.extract.orgnames import norm_key
from ccin_kg.ingest.layout import PRINCIPLES_HEADING


@functools.cache
def load_principles() -> dict[str, str]:
    """Principle label → definition, from the bundled SKOS scheme.

    >>> len(load_principles()), "Co-production" in load_principles()
    (10, True)
    """
    from rdflib import Graph
    from rdflib.namespace import SKOS

    g = Graph()
    g.parse(data=(files("ccin_kg") / "ontology" / "principles.ttl").read_text(encoding="utf-8"), format="turtle")
    out = {}
    for concept, label in g.subject_objects(SKOS.prefLabel):
        if "/principle/" in str(concept):
            out[str(label)] = str(g.value(concept, SKOS.definition) or "")
    return dict(sorted(out.items()))


def match_item(line: str, principles: dict[str, str] | None = None, threshold: float = 88) -> str | None:
    """The principle a list item names or defines, or None.

    >>> match_item("Innovation")
    'Innovation'
    >>> match_item("• We will embrace innovation in how we work with local communities to drive positive change.")
    'Innovation'
    >>> match_item("About the project") is None
    True
    """
    principles = principles or load_principles()
    text = line.strip().lstrip("-•*– ").strip()
    if not text:
        return None
    key = norm_key(text)
    for label in principles:
        if key == norm_key(label):
            return label
    if len(text) < 40:
        return None
    best, score = None, 0.0
    for label, definition in principles.items():
        if not definition:
            continue
        head = definition[:160]
        s = fuzz.partial_ratio(text[:160].lower(), head.lower())
        if s > score:
            best, score = label, s
    return best if score >= threshold else None


def named_in_prose(text: str, principles: dict[str, str] | None = None) -> list[tuple[str, int, int]]:
    """Principles named as such in running text: (label, start, end).

    >>> named_in_prose("The principle of Social Partnership is integral.")
    [('Social partnership', 17, 35)]
    """
    principles = principles or load_principles()
    out = []
    for label in principles:
        pat = re.compile(r"\bprinciples?\s+of\s+(?:\*\*)?(" + re.escape(label) + r")\b", re.I)
        for m in pat.finditer(text):
            out.append((label, m.start(1), m.end(1)))
    return sorted(out, key=lambda t: t[1])


def listed(lines: list[str], principles: dict[str, str] | None = None) -> tuple[list[tuple[int, str]], set[int]]:
    """Principles listed under a "Principles met" heading in ``lines``.

    Returns the (line index, label) of each principle found, and every line
    index the lists take up. A list runs while its lines name or define a
    principle, or continue one (a definition after a label, a sub-bullet).

    >>> found, used = listed(["Principles met", "-", "Innovation", "We will embrace it.", "About the project", "Text"])
    >>> found, sorted(used)
    ([(2, 'Innovation')], [0, 1, 2, 3])
    """
    principles = principles or load_principles()
    found, used = [], set()
    for i, line in enumerate(lines):
        if not PRINCIPLES_HEADING.match(line):
            continue
        used.add(i)
        after_label = False
        for j in range(i + 1, len(lines)):
            t = lines[j].strip()
            if not t or t in {"-", "•", "*"}:
                used.add(j)
                continue
            label = match_item(t, principles)
            if label:
                found.append((j, label))
                used.add(j)
                after_label = norm_key(t) == norm_key(label)
            elif after_label or t[:1] in "•*":
                used.add(j)
                after_label = False
            else:
                break
    return found, used
