"""Entities from registers and from the document itself, added after the statistical NER.

Three sources, none of them a list of answers:

- shapes of names the language gives a type to (``patterns/entities.jsonl``):
  "<Name> Fund", "<Name> Council", "London Borough of <Name>", "<Name>
  Combined Authority"; a council shape is kept where the local-authority
  register knows it (or it is a town, parish or community council, which the
  register does not list);
- the register's own names: councils (official and alternative names, as
  organisations) and the places they serve (``GPE``), where the register can
  list them;
- acronyms the document defines, "the UK Shared Prosperity Fund (UKSPF)":
  every later "UKSPF" is an organisation too (:func:`define_acronyms`).

The spans go into ``doc.ents``; a span from these rules wins over an
overlapping statistical entity. Each span's ``id_`` says which rule made it
(``fund_name``, ``council_name``, ``register_council``, ``register_place``,
``acronym``).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

PATTERNS = Path(__file__).parent / "patterns"
LOCAL_COUNCIL = re.compile(r"\b(?:Town|Parish|Community|Village|Neighbourhood)\s+Council$")
_LEFT_TRIM = {"ADP", "DET", "PRON", "SCONJ", "CCONJ", "AUX", "ADV", "PART", "INTJ"}


@functools.cache
def load_patterns(name: str) -> tuple[dict, ...]:
    """The rows of ``patterns/<name>.jsonl`` (each with an ``id``), read once per process.

    >>> all("id" in row for row in load_patterns("entities"))
    True
    """
    path = PATTERNS / f"{name}.jsonl"
    with path.open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


# ---------------------------------------------------------------- acronyms

_PAREN = re.compile(r"\(\s*(?P<inner>[^()\n]{1,120}?)\s*\)")
_SHORT = re.compile(r"^(?=[^a-z]*[A-Z])[A-Za-z][A-Za-z0-9&+.'’-]{1,11}$")


def _long_for(short: str, before: str) -> str | None:
    """Schwartz & Hearst (2003): the shortest text ending ``before`` whose letters spell ``short``."""
    words = before.split()
    limit = min(len(short) + 5, 2 * len(short))
    cand = " ".join(words[-limit:])
    s, l_ = len(short) - 1, len(cand) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while l_ >= 0 and (cand[l_].lower() != c or (s == 0 and l_ > 0 and cand[l_ - 1].isalnum())):
            l_ -= 1
        if l_ < 0:
            return None
        l_ -= 1
        s -= 1
    start = cand.rfind(" ", 0, l_ + 1) + 1
    long = cand[start:].strip(" ,;:-–—'\"‘’“”")
    if len(long.split()) < 2 or long.lower() == short.lower() or not long[:1].isupper():
        return None
    return long


def define_acronyms(text: str) -> dict[str, str]:
    """Acronyms a text defines, "Long Name (ACR)" or "ACR (Long Name)", mapped to their long form.

    >>> define_acronyms("part funded by the UK Shared Prosperity Fund (UKSPF). Later the UKSPF paid.")
    {'UKSPF': 'UK Shared Prosperity Fund'}
    >>> define_acronyms("run by Third Sector Leaders Kirklees (TSL), with GLLaB (Greenwich Local Labour and Business)")
    {'TSL': 'Third Sector Leaders Kirklees', 'GLLaB': 'Greenwich Local Labour and Business'}
    >>> define_acronyms("children (aged 5) and adults (see below)")
    {}
    """
    out: dict[str, str] = {}
    for m in _PAREN.finditer(text):
        inner = m.group("inner").strip()
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start:m.start()].rstrip()
        if _SHORT.match(inner) and not inner.isdigit():
            long = _long_for(inner, before)
            if long and inner not in out:
                out[inner] = long
            continue
        prev = re.search(r"([A-Za-z][A-Za-z0-9&+.'’-]{1,11})$", before)
        if prev and _SHORT.match(prev.group(1)) and len(inner.split()) >= 2:
            short = prev.group(1)
            long = _long_for(short, inner + " ")
            if long and long == inner.strip(" ,;:") and short not in out:
                out[short] = long
    return out


# ---------------------------------------------------------------- the register


def _register_entries(register) -> Iterable:
    """What a register lists, whatever it calls it (councils, entries, rows); nothing if it cannot list."""
    for attr in ("councils", "entries", "rows", "records", "all"):
        value = getattr(register, attr, None)
        if callable(value):
            try:
                value = value()
            except TypeError:
                continue
        if isinstance(value, Mapping):
            return list(value.values())
        if value is not None and not isinstance(value, (str, bytes)):
            try:
                return list(value)
            except TypeError:
                continue
    return []


def _field(entry, *names):
    for n in names:
        v = entry.get(n) if isinstance(entry, Mapping) else getattr(entry, n, None)
        if v:
            return v
    return None


def register_names(register) -> tuple[list[str], list[str]]:
    """(council names, place names) a register can list: official, nice and alternative names.

    Lowercase alternative spellings are left out (the register keeps them for
    matching, they are not how a document writes a name).

    >>> class R:
    ...     councils = [{"official-name": "Fooshire County Council", "nice-name": "Fooshire",
    ...                  "alt-names": "Fooshire CC,fooshire"}]
    >>> register_names(R())
    (['Fooshire County Council', 'Fooshire CC'], ['Fooshire'])
    """
    councils: list[str] = []
    places: list[str] = []
    for e in _register_entries(register):
        official = _field(e, "official_name", "official-name", "name")
        nice = _field(e, "nice_name", "nice-name")
        alts = _field(e, "alt_names", "alt-names") or []
        if isinstance(alts, str):
            alts = alts.split(",")
        if official:
            councils.append(official)
        for a in alts:
            a = a.strip()
            if a and a[0].isupper() and a != nice and a not in councils:
                councils.append(a) if re.search(r"\b(Council|Authority|Borough|CC|DC|BC)\b", a) else None
        if nice:
            places.append(nice)
    return list(dict.fromkeys(councils)), list(dict.fromkeys(places))


# ---------------------------------------------------------------- the ruler


def _capitalised(doc, i: int) -> bool:
    """Token ``i`` exists, is capitalised and does not merely start the sentence."""
    if not 0 <= i < len(doc):
        return False
    t = doc[i]
    return t.text[:1].isupper() and t.is_alpha and not (i == 0 or doc[i - 1].text in (".", "!", "?", "\n"))


class EntityRules:
    """The shape, register and acronym rules, compiled once for one vocabulary.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> rules = EntityRules(nlp)
    >>> doc = rules(nlp("It was part funded by the Wrenford Green Recovery Fund in 2024."))
    >>> [(e.text, e.label_, e.id_) for e in doc.ents]
    [('Wrenford Green Recovery Fund', 'ORG', 'fund_name')]
    """

    def __init__(self, nlp, register=None):
        from spacy.matcher import Matcher, PhraseMatcher

        self.register = register
        self.vocab = nlp.vocab
        self.matcher = Matcher(nlp.vocab)
        for row in load_patterns("entities"):
            self.matcher.add(row["id"], [row["pattern"]], greedy="LONGEST")
        self.phrases = PhraseMatcher(nlp.vocab)
        councils, places = register_names(register) if register is not None else ([], [])
        if councils:
            self.phrases.add("register_council", list(nlp.tokenizer.pipe(councils)))
        if places:
            self.phrases.add("register_place", list(nlp.tokenizer.pipe(places)))

    def _council_ok(self, text: str) -> bool:
        if LOCAL_COUNCIL.search(text):
            return True
        return self.register is not None and self.register.match(text) is not None

    def spans(self, doc, acronyms: Mapping[str, str] | None = None) -> list:
        """The rule spans of ``doc`` (not yet in ``doc.ents``)."""
        from spacy.tokens import Span

        strings = self.vocab.strings
        out = []
        for key, start, end in self.matcher(doc):
            rule = strings[key]
            while end - start > 1 and (doc[start].pos_ in _LEFT_TRIM or doc[start].is_sent_start and
                                       doc[start].lower_ in {"the", "a", "an"}):
                start += 1  # "Through UK Shared Prosperity Fund": no preposition in a name
            if rule == "council_name":
                best = None
                for s in range(start, end - 1):
                    if doc[s].is_alpha and doc[s].text[:1].isupper() and self._council_ok(doc[s:end].text):
                        best = s
                        break
                if best is None:
                    continue
                start = best
            out.append(Span(doc, start, end, label="ORG", span_id=rule))
        for key, start, end in self.phrases(doc):
            rule = strings[key]
            if not doc[start].text[:1].isupper():
                continue
            if rule == "register_place" and (_capitalised(doc, start - 1) or _capitalised(doc, end)):
                continue  # "Jo Hart", "Hart Street": part of a longer name, not the place
            out.append(Span(doc, start, end, label="GPE" if rule == "register_place" else "ORG", span_id=rule))
        if acronyms:
            for t in doc:
                if t.text in acronyms:
                    out.append(Span(doc, t.i, t.i + 1, label="ORG", span_id="acronym"))
        return out

    def __call__(self, doc, acronyms: Mapping[str, str] | None = None):
        """Add the rule spans to ``doc.ents``; they win over overlapping statistical entities."""
        from spacy.util import filter_spans

        found = self.spans(doc, acronyms)
        if not found:
            return doc
        orgs = filter_spans([s for s in found if s.label_ != "GPE"])
        taken = {i for s in orgs for i in range(s.start, s.end)}
        kept = [e for e in doc.ents if not taken.intersection(range(e.start, e.end))]
        kept_orgs = {i for e in kept if e.label_ == "ORG" for i in range(e.start, e.end)}
        places = [s for s in found if s.label_ == "GPE" and not (taken | kept_orgs).intersection(range(s.start, s.end))]
        place_tokens = {i for s in places for i in range(s.start, s.end)}
        kept = [e for e in kept if not place_tokens.intersection(range(e.start, e.end))]
        doc.ents = sorted(filter_spans(orgs + places + kept), key=lambda s: s.start)
        return doc


_RULES: dict[tuple[int, int], tuple] = {}


def entity_rules(nlp, register=None) -> EntityRules:
    """The :class:`EntityRules` for this pipeline and register, built once per process."""
    key = (id(nlp), id(register))
    if key not in _RULES:
        _RULES[key] = (EntityRules(nlp, register), nlp, register)  # keep both alive: ids stay unique
    return _RULES[key][0]
