"""Make :class:`Evidence` records: where in a document a fact was read."""

from __future__ import annotations

import re

from ccin_kg.extract.records import Evidence
from ccin_kg.ingest.records import Document

SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[A-Z0-9\"'‘“(])")
MAX_SENTENCE = 400


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``text[start:end]`` (within its line).

    >>> t = "Intro here. Led by Oldham Council, it ran. Next one."
    >>> sentence_around(t, t.index("Oldham"), t.index("Oldham") + 6)
    'Led by Oldham Council, it ran.'
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    line = text[line_start:line_end]
    s, e = start - line_start, end - line_start
    lo, hi = 0, len(line)
    for m in SENTENCE_BREAK.finditer(line):
        if m.end() <= s:
            lo = m.end()
        elif m.start() >= e:
            hi = m.start()
            break
    sentence = line[lo:hi].strip()
    if len(sentence) > MAX_SENTENCE:  # a run of names with no full stop: a window around the span
        a = max(lo, s - 120)
        b = min(hi, e + 120)
        sentence = line[a:b].strip()
    return sentence


def evidence(doc: Document, start: int, end: int, rule: str, confidence: float = 1.0) -> Evidence:
    """Evidence for ``doc.text[start:end]`` found by ``rule``.

    >>> d = Document("a.txt", "a.txt", "Title\\nLed by Fooshire Council.", "0")
    >>> ev = evidence(d, 13, 30, "led_by")
    >>> (ev.first_line, ev.last_line, ev.sentence, ev.rule)
    (2, 2, 'Led by Fooshire Council.', 'led_by')
    """
    end = max(end, start)
    return Evidence(
        source=doc.name,
        first_line=doc.line_of(start),
        last_line=doc.line_of(max(start, end - 1)),
        start=start,
        end=end,
        sentence=sentence_around(doc.text, start, end),
        rule=rule,
        confidence=confidence,
    )


def find_span(doc: Document, needle: str, lo: int, hi: int) -> tuple[int, int]:
    """Offsets of ``needle`` in ``doc.text[lo:hi]``, or of the whole range if it is not there verbatim."""
    i = doc.text.find(needle, lo, hi) if needle else -1
    if i < 0:
        return lo, hi
    return i, i + len(needle)
