"""Sums of money in pounds: "£1.2m", "£500k", "£1,200,000", "up to £5,000", "£10k–£20k".

:func:`find_amounts` finds every sum in a text with its span; :func:`parse_gbp`
reads one. Amounts are normalised to whole pounds; a range keeps both ends
and an "up to" keeps its qualifier, so a user can tell a cap from a grant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MULTIPLIERS = {
    "k": 1_000, "thousand": 1_000,
    "m": 1_000_000, "mn": 1_000_000, "million": 1_000_000, "millions": 1_000_000,
    "bn": 1_000_000_000, "b": 1_000_000_000, "billion": 1_000_000_000,
}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT = r"(?:\s?(?:bn|mn|m|k|b)\b|\s(?:thousand|millions?|billion)\b)"
_ONE = rf"(?:£|GBP\s?)\s?(?:{_NUM}){_MULT}?"
QUALIFIER = r"(?P<qual>up\s+to|over|more\s+than|at\s+least|almost|nearly|around|about|approximately|some|under|less\s+than)\s+"
AMOUNT = re.compile(
    rf"(?:{QUALIFIER})?(?:between\s+)?(?P<a>{_ONE})(?:\s*(?:-|–|—|to|and)\s*(?P<b>(?:£|GBP\s?)?\s?(?:{_NUM}){_MULT}?))?"
    rf"(?P<rate>\s+(?:per|a|each)\s+(?:year|month|week|day|annum|hour|person|household)\b)?",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Amount:
    """A sum in whole pounds, as the text states it.

    ``value`` is the single figure (for a range, its upper end); ``low`` is the
    lower end of a range; ``qualifier`` is "up to", "range", "at least",
    "about", "rate" (a sum per month, per person ...) or None.
    """

    value: int
    text: str
    start: int = 0
    end: int = 0
    low: int | None = None
    qualifier: str | None = None


def _number(text: str, default_mult: int = 1) -> int | None:
    m = re.fullmatch(rf"\s*(?:£|GBP\s?)?\s?(?P<n>{_NUM})(?P<mult>{_MULT})?\s*", text, re.I)
    if not m:
        return None
    n = float(m.group("n").replace(",", ""))
    mult = MULTIPLIERS[m.group("mult").strip().lower()] if m.group("mult") else default_mult
    return int(round(n * mult))


def _qualifier(word: str | None) -> str | None:
    if not word:
        return None
    w = " ".join(word.lower().split())
    if w in {"over", "more than", "at least"}:
        return "at least"
    if w in {"under", "less than"}:
        return "under"
    if w in {"almost", "nearly", "around", "about", "approximately", "some"}:
        return "about"
    return w


def find_amounts(text: str) -> list[Amount]:
    """Every sum of money in ``text``, with its character span.

    >>> [(a.value, a.qualifier) for a in find_amounts("a grant of £1.2m and up to £5,000 more")]
    [(1200000, None), (5000, 'up to')]
    >>> a = find_amounts("between £10k and £20k")[0]
    >>> (a.low, a.value, a.qualifier)
    (10000, 20000, 'range')
    >>> [a.qualifier for a in find_amounts("a social tariff for £5 per month")]
    ['rate']
    """
    out = []
    for m in AMOUNT.finditer(text):
        a_text, b_text = m.group("a"), m.group("b")
        b_mult = None
        if b_text:
            bm = re.search(_MULT + r"\s*$", b_text, re.I)
            b_mult = MULTIPLIERS[bm.group(0).strip().lower()] if bm else None
        am = re.search(_MULT + r"\s*$", a_text, re.I)
        # "£10-20m": the first figure takes the second's multiplier
        first = _number(a_text, default_mult=1 if am or not b_mult else b_mult)
        if first is None:
            continue
        qual = _qualifier(m.group("qual"))
        low = None
        value = first
        if b_text:
            second = _number(b_text)
            if second is None or second < first:
                # not a range after all ("£5 and 10 people"): keep the first figure only
                end = m.start("a") + len(a_text)
                out.append(Amount(first, text[m.start():end], m.start(), end, None, qual))
                continue
            low, value, qual = first, second, "range"
        if m.group("rate"):
            qual = "rate"
        out.append(Amount(value, m.group(0), m.start(), m.end(), low, qual))
    return out


def parse_gbp(text: str) -> int | None:
    """The sum in whole pounds that ``text`` states, or None.

    >>> parse_gbp("£1.2 million"), parse_gbp("\\u00a3500k"), parse_gbp("£1,200,000"), parse_gbp("£1.2bn")
    (1200000, 500000, 1200000, 1200000000)
    >>> parse_gbp("no money here") is None
    True
    """
    found = find_amounts(text)
    return found[0].value if found else None


def format_gbp(pounds: int) -> str:
    """Whole pounds written as a UK publication would: "£1,234".

    >>> format_gbp(1234567)
    '£1,234,567'
    """
    return f"£{pounds:,}"
