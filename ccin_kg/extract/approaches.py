"""Approaches an initiative uses, as named models: "community wealth building", "a place-based approach".

Two kinds of rule (``patterns/approaches.jsonl``):

- ``approach_seed``: a small list of generic co-operative-sector approaches
  (concepts, not answers: "participatory budgeting", "co-production",
  "Poverty Truth Commission", "community asset transfer" ...), matched
  case-insensitively and labelled with their canonical name;
- ``np_approach``, ``np_model`` ...: noun phrases headed by "approach",
  "model", "framework", "methodology" with one to three content words before
  the head ("a whole family approach", "the Fooshire model"); vague modifiers
  ("this", "new", "different") do not make an approach.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ccin_kg.extract.orgnames import norm_key
from ccin_kg.extract.ruler import load_patterns

_SEED_KEYS: dict[str, str] | None = None


@dataclass(frozen=True, slots=True)
class ApproachHit:
    label: str
    start: int  # character offsets into the parsed text
    end: int
    rule: str
    confidence: float


def seed_labels() -> dict[str, str]:
    """Normalised seed phrase → canonical label.

    >>> seed_labels()["participatory budgeting"]
    'Participatory budgeting'
    """
    global _SEED_KEYS
    if _SEED_KEYS is None:
        keys = {}
        for row in load_patterns("approaches"):
            if row["id"] == "approach_seed":
                for p in row["phrases"] + [row["label"]]:
                    keys[norm_key(p)] = row["label"]
        _SEED_KEYS = keys
    return _SEED_KEYS


def is_approach_name(name: str) -> bool:
    """A name that is a generic approach, not an organisation ("Poverty Truth Commission").

    >>> is_approach_name("Poverty Truth Commission"), is_approach_name("Kestrel Mutual")
    (True, False)
    """
    return norm_key(name) in seed_labels()


class ApproachRules:
    """Phrase and noun-phrase matchers for approaches, compiled once per vocabulary.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> rules = ApproachRules(nlp)
    >>> [h.label for h in rules(nlp("Residents chose projects by participatory budgeting and co-production."))]
    ['Participatory budgeting', 'Co-production']
    """

    def __init__(self, nlp):
        from spacy.matcher import Matcher, PhraseMatcher

        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[str, str] = {}
        self.nps = Matcher(nlp.vocab)
        for k, row in enumerate(load_patterns("approaches")):
            if row["id"] == "approach_seed":
                key = f"seed{k}"
                self.labels[key] = row["label"]
                self.phrases.add(key, list(nlp.tokenizer.pipe(row["phrases"])))
            else:
                self.nps.add(row["id"], [row["pattern"]], greedy="LONGEST")

    def __call__(self, doc) -> list[ApproachHit]:
        from spacy.tokens import Span
        from spacy.util import filter_spans

        strings = doc.vocab.strings
        seeds = [Span(doc, s, e, label=strings[k]) for k, s, e in self.phrases(doc)]
        out: list[ApproachHit] = []
        for sp in filter_spans(seeds):
            out.append(ApproachHit(self.labels[sp.label_], sp.start_char, sp.end_char, "approach:seed", 0.8))
        taken = {i for sp in seeds for i in range(sp.start, sp.end)}
        if doc.has_annotation("POS"):
            nps = [Span(doc, s, e, label=strings[k]) for k, s, e in self.nps(doc)]
            for sp in filter_spans(nps):
                if taken.intersection(range(sp.start, sp.end)):
                    continue
                label = _np_label(sp)
                if label:
                    out.append(ApproachHit(label, sp.start_char, sp.end_char, f"approach:{sp.label_}", 0.6))
        return sorted(out, key=lambda h: h.start)


def _np_label(sp) -> str | None:
    """"whole family approach" → "Whole family approach"; proper names keep their capitals."""
    words = [t for t in sp if not t.is_punct or t.text == "-"]
    if len([t for t in words if t.is_alpha]) < 2:
        return None
    mods = [t for t in sp[:-1] if t.is_alpha]
    hyphenated = any(t.text == "-" for t in sp)
    if not hyphenated and (mods[0].pos_ == "VERB" or not any(t.pos_ in ("NOUN", "PROPN") for t in mods)):
        return None  # "a flexible approach", "the following approach": a manner, not a named model
    if any(t.ent_type_ in ("PERSON", "DATE", "CARDINAL", "MONEY") for t in sp):
        return None
    text = re.sub(r"\s*-\s*", "-", sp.text)
    if not any(t.pos_ == "PROPN" for t in sp[:-1]):
        text = text.lower()
    return text[:1].upper() + text[1:]
