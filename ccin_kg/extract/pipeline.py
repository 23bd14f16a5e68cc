"""Run extraction over documents: sections → records, with one batched spaCy pass.

Every line (or wrapped paragraph) of prose is parsed once, with the whole
pipeline (tagger, parser, NER), in one ``nlp.pipe`` call. Each parsed unit
then goes through the entity rulers (:mod:`ccin_kg.extract.ruler`: fund and
council shapes, the register's names, the document's acronyms), the role
rules (:mod:`ccin_kg.extract.roles`) and the approach rules
(:mod:`ccin_kg.extract.approaches`); only what those find is kept, not the
parsed documents. The structural rules read each section, and the prose's
facts are added to its initiative.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ccin_kg.extract import roles as R
from ccin_kg.extract import structure as S
from ccin_kg.extract.evidence import evidence
from ccin_kg.extract.members import known_weigher
from ccin_kg.extract.orgnames import is_generic, norm_key, tidy
from ccin_kg.extract.records import Extraction, Labelled, OrgRef
from ccin_kg.extract.ruler import define_acronyms
from ccin_kg.ingest.records import Document, Section
from ccin_kg.ingest.sections import split_sections

NER_KINDS = ("case_study", "initiative_page", "funded_project")
PLACE_LABELS = ("GPE", "LOC")


def _register(register=None):
    """The register to recognise councils by (the bundled one unless one is given)."""
    if register is None:
        from ccin_kg.resolve.register import load_register

        register = load_register()
    return register


def _register_check(register=None) -> Callable[[str], bool]:
    """A test "is this a council the register knows?"."""
    register = _register(register)
    return lambda s: register.match(s) is not None


@dataclass(slots=True)
class SectionFacts:
    """What the prose of one section says, read from its parsed units."""

    organisations: list[OrgRef] = field(default_factory=list)
    hits: list[R.Hit] = field(default_factory=list)
    approaches: list = field(default_factory=list)  # ApproachHit with document offsets
    places: list[tuple[str, int, int, str]] = field(default_factory=list)


def extract(documents: Sequence[Document], nlp=None, use_model: bool = True, register=None) -> Extraction:
    """Extract initiatives, members and works-with pairs from cleaned documents.

    Parameters
    ----------
    documents : cleaned documents (see :func:`ccin_kg.ingest.read.read_sources`).
    nlp : a spaCy pipeline (tagger, parser, ner); loaded lazily when None.
    use_model : False skips the statistical pass (structure only; for tests).
    register : the local-authority register to recognise councils by (default: bundled).

    Returns
    -------
    Extraction with every fact's :class:`~ccin_kg.extract.records.Evidence`.
    """
    register = _MemoRegister(_register(register))
    is_council = _register_check(register)
    plan: list[tuple[Document, list[Section]]] = [(d, split_sections(d)) for d in documents]
    acronyms = {d.name: define_acronyms(d.text) for d in documents}
    facts, ner_names = _read_prose(plan, nlp, register, acronyms) if use_model else ({}, {})
    out = Extraction()
    for doc, sections in plan:
        strong = _known_names(doc, sections)
        weak = {n for n in ner_names.get(doc.name, set()) if _specific(n)}
        ctx = S.Context(doc, is_council, known_weigher(strong, weak))
        for sec in sections:
            if sec.kind == "case_study":
                ini = S.case_study(ctx, sec)
            elif sec.kind == "funded_project":
                ini = S.funded_project(ctx, sec)
            elif sec.kind == "initiative_page":
                ini = S.initiative_page(ctx, sec)
            elif sec.kind == "members":
                out.members += S.member_list(ctx, sec)
                continue
            else:
                continue
            f = facts.get((doc.name, sec.start))
            if f is not None:
                ini.organisations = f.organisations
                hits = f.hits + R.intro_lists(doc, sec.start, sec.end)
                R.assign_roles(ini, doc, hits, register, is_council, acronyms[doc.name],
                               leads_from_text=sec.kind != "funded_project", body=_body(doc, sec))
                _approaches(ini, doc, f.approaches)
                R.places_of(ini, doc, f.places, register)
            out.initiatives.append(ini)
        out.works_with += S.works_with(ctx, [s for s in sections if s.kind == "affiliates_index"])
    return out


def _body(doc: Document, sec: Section) -> Callable[[int], bool]:
    """Whether an offset is in a case study's running text: after its title, outside its contact block."""
    h = sec.header
    if sec.kind != "case_study" or not h.get("title_line"):
        return lambda offset: True
    title_line = h["title_line"]
    contact = (h.get("contact_line") or 0, h.get("contact_end_line") or 0)

    def body(offset: int) -> bool:
        line = doc.line_of(offset)
        return line > title_line and not (contact[0] <= line <= contact[1])

    return body


class _MemoRegister:
    """The register with its answers remembered: extraction asks about the same names many times."""

    def __init__(self, register):
        self._register = register
        self._memo: dict[tuple[str, bool], object] = {}

    def match(self, name: str, allow_place: bool = False):
        k = (name, allow_place)
        if k not in self._memo:
            try:
                self._memo[k] = self._register.match(name, allow_place=allow_place)
            except TypeError:  # a register that knows no places
                self._memo[k] = None if allow_place else self._register.match(name)
        return self._memo[k]

    def __getattr__(self, attr):
        return getattr(self._register, attr)


def _approaches(ini, doc: Document, hits) -> None:
    seen = {norm_key(a.label) for a in ini.approaches}
    for h in hits:
        if not (ini.start <= h.start < ini.end) or norm_key(h.label) in seen:
            continue
        seen.add(norm_key(h.label))
        ini.approaches.append(Labelled(h.label, evidence(doc, h.start, h.end, h.rule, h.confidence)))


_TERMINAL = (".", "!", "?", ":", ";")


def _units(doc: Document, skip: list[tuple[int, int]] = ()) -> list[tuple[int, str]]:
    r"""(offset, text) of each line of prose worth parsing; a hard-wrapped sentence stays one unit.

    A line continues the one before when that line is long, does not end a
    sentence, and this one starts in lowercase or the last ended on a comma
    or a short function word (text extracted from PDFs wraps so). Line breaks
    inside a unit become spaces, so offsets stay those of the document.

    >>> text = "Heading\n\nA long line of text that wraps in the middle of a sentence and\ngoes on here. Next.\n- item one"
    >>> d = Document("u.txt", "u.txt", text, "0")
    >>> [t for _, t in _units(d)]
    ['Heading', 'A long line of text that wraps in the middle of a sentence and goes on here. Next.', '- item one']
    """
    out: list[tuple[int, str]] = []
    text = doc.text
    pos = 0
    cur: list[int] | None = None  # [start, end]
    prev = ""
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        s = line.strip()
        if not s or not re.search(r"[A-Za-z]{3}", s) or any(a <= start < b for a, b in skip):
            if cur:
                out.append((cur[0], text[cur[0]:cur[1]].replace("\n", " ")))
            cur, prev = None, ""
            continue
        p = prev.rstrip()
        wraps = s[:1].islower() or p.endswith(",") or re.search(r"\b(and|or|of|the|by|with|from|to|for|in|a|an)$", p)
        bullet = s.startswith(("-", "•", "*", "–"))
        joins = cur is not None and len(p) >= 60 and not p.endswith(_TERMINAL) and not bullet and wraps
        if joins:
            cur[1] = end
        else:
            if cur:
                out.append((cur[0], text[cur[0]:cur[1]].replace("\n", " ")))
            cur = [start, end]
        prev = line
    if cur:
        out.append((cur[0], text[cur[0]:cur[1]].replace("\n", " ")))
    return out


def _read_prose(plan, nlp, register, acronyms) -> tuple[dict[tuple[str, int], SectionFacts], dict[str, set[str]]]:
    """Parse every unit once and keep what the rules find, per initiative section.

    Returns the facts of each initiative section (keyed by document name and
    section start) and the set of all ORG names the NER found in each document.
    """
    jobs = []
    for doc, secs in plan:
        lists = [(s.start, s.end) for s in secs if s.kind == "members"]
        for off, text in _units(doc, lists):
            jobs.append((text, (doc, secs, off)))
    facts: dict[tuple[str, int], SectionFacts] = {}
    by_doc: dict[str, set[str]] = {}
    if not jobs:
        return facts, by_doc
    if nlp is None:
        from ccin_kg.extract.nlp import load_nlp

        nlp = load_nlp()
    from ccin_kg.extract.ruler import entity_rules

    ents = entity_rules(nlp, register._register if isinstance(register, _MemoRegister) else register)
    rules = R.role_rules(nlp.vocab)
    appr = _approach_rules(nlp)
    for spacy_doc, (doc, secs, off) in nlp.pipe(jobs, as_tuples=True, batch_size=64):
        acr = acronyms.get(doc.name, {})
        spacy_doc.user_data["ccin_acronyms"] = acr
        ents(spacy_doc, acr)
        sec = next((x for x in secs if x.kind in NER_KINDS and x.start <= off < x.end), None)
        for ent in spacy_doc.ents:
            if ent.label_ != "ORG":
                continue
            name = tidy(ent.text)
            if not name or is_generic(name) or not name[0].isupper() and not name[0].isdigit():
                continue
            by_doc.setdefault(doc.name, set()).add(name)
            if sec is None or norm_key(name) == norm_key(sec.title or ""):
                continue
            s = off + ent.start_char + max(0, ent.text.find(name))
            f = facts.setdefault((doc.name, sec.start), SectionFacts())
            if norm_key(name) not in {norm_key(r.name) for r in f.organisations}:
                f.organisations.append(OrgRef(name, evidence(doc, s, s + len(name), "ner:ORG", 0.6)))
        if sec is None:
            continue
        f = facts.setdefault((doc.name, sec.start), SectionFacts())
        whole = _whole_ok(register, acr)
        for h in R.read_unit(spacy_doc, rules, whole, acr.values()):
            h.start += off
            h.end += off
            f.hits.append(h)
        for a in appr(spacy_doc):
            f.approaches.append(a.__class__(a.label, a.start + off, a.end + off, a.rule, a.confidence))
        for ent in spacy_doc.ents:
            if ent.label_ in PLACE_LABELS and (ent.id_ == "register_place" or all(t.pos_ == "PROPN" for t in ent
                                                                                  if t.lower_ != "the")):
                rule = "ruler:register-place" if ent.id_ == "register_place" else f"ner:{ent.label_}"
                f.places.append((ent.text, off + ent.start_char, off + ent.end_char, rule))
    return facts, by_doc


def _approach_rules(nlp):
    from ccin_kg.extract.approaches import ApproachRules

    key = id(nlp.vocab)
    if key not in _APPROACH_RULES:
        _APPROACH_RULES[key] = (ApproachRules(nlp), nlp)
    return _APPROACH_RULES[key][0]


_APPROACH_RULES: dict[int, tuple] = {}


def _whole_ok(register, acronyms) -> Callable[[str], bool]:
    longs = set(acronyms.values())
    return lambda s: s in longs or register.match(s) is not None


def _known_names(doc: Document, sections: Iterable[Section]) -> set[str]:
    """Names the document's layout states: headers, index lines, contact organisations, "led by"."""
    names: set[str] = set()
    for sec in sections:
        h = sec.header
        for key in ("affiliate", "partner", "organisation"):
            if h.get(key):
                names.add(tidy(h[key]))
    ctx = S.Context(doc)
    for sec in sections:
        if sec.kind == "funded_project":
            ini = S.funded_project(ctx, sec)
            names.update(r.name for r in ini.lead + ini.partners)
        elif sec.kind == "case_study":
            for c in S._contacts(ctx, sec.header.get("contact_line"), sec.header.get("contact_end_line")):
                if c.organisation:
                    names.add(c.organisation)
    return {n for n in names if n}


def _specific(name: str) -> bool:
    """An NER name specific enough to trust as a known name: two words or a distinctive one."""
    words = name.split()
    return len(words) >= 2 or bool(re.search(r"[a-z][A-Z]|\d|[./]", name))
