"""Run extraction over documents: sections → records, with one batched spaCy pass.

The statistical NER sees every case study and page in one ``nlp.pipe``
call; the organisations it finds are recorded on their initiative (rule
``ner:ORG``) and help split membership lists into names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from ccin_kg.extract import structure as S
from ccin_kg.extract.evidence import evidence
from ccin_kg.extract.members import known_weigher
from ccin_kg.extract.orgnames import is_generic, norm_key, tidy
from ccin_kg.extract.records import Extraction, OrgRef
from ccin_kg.ingest.records import Document, Section
from ccin_kg.ingest.sections import split_sections

NER_KINDS = ("case_study", "initiative_page", "funded_project")


def _register_check(register=None) -> Callable[[str], bool]:
    """A test "is this a council the register knows?" (the bundled register unless one is given)."""
    if register is None:
        from ccin_kg.resolve.register import load_register

        register = load_register()
    return lambda s: register.match(s) is not None


def extract(documents: Sequence[Document], nlp=None, use_model: bool = True, register=None) -> Extraction:
    """Extract initiatives, members and works-with pairs from cleaned documents.

    Parameters
    ----------
    documents : cleaned documents (see :func:`ccin_kg.ingest.read.read_sources`).
    nlp : a spaCy pipeline with an ``ner`` component; loaded lazily when None.
    use_model : False skips the statistical pass (structure only; for tests).
    register : the local-authority register to recognise councils by (default: bundled).

    Returns
    -------
    Extraction with every fact's :class:`~ccin_kg.extract.records.Evidence`.
    """
    is_council = _register_check(register)
    plan: list[tuple[Document, list[Section]]] = [(d, split_sections(d)) for d in documents]
    ner, ner_names = _ner_orgs(plan, nlp) if use_model else ({}, {})
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
            ini.organisations = ner.get((doc.name, sec.start), [])
            out.initiatives.append(ini)
        out.works_with += S.works_with(ctx, [s for s in sections if s.kind == "affiliates_index"])
    return out


def _paragraphs(doc: Document) -> list[tuple[int, str]]:
    """(offset, text) of the blank-line separated paragraphs of a document worth tagging."""
    out, pos = [], 0
    for chunk in re.split(r"(\n\s*\n)", doc.text):
        if chunk.strip() and not chunk.startswith("\n") and re.search(r"[a-z]{3}", chunk):
            out.append((pos, chunk))
        pos += len(chunk)
    return out


def _ner_orgs(plan, nlp) -> tuple[dict[tuple[str, int], list[OrgRef]], dict[str, set[str]]]:
    """ORG entities found in one batched pass over every paragraph.

    Returns the entities of each initiative section (keyed by document name and
    section start) and the set of all ORG names of each document.
    """
    jobs = []
    for doc, secs in plan:
        lists = [(s.start, s.end) for s in secs if s.kind == "members"]
        for off, text in _paragraphs(doc):
            if not any(a <= off < b for a, b in lists):
                jobs.append((text, (doc, secs, off)))
    by_section: dict[tuple[str, int], list[OrgRef]] = {}
    by_doc: dict[str, set[str]] = {}
    if not jobs:
        return by_section, by_doc
    if nlp is None:
        from ccin_kg.extract.nlp import load_nlp

        nlp = load_nlp()
    enable = [p for p in nlp.pipe_names if p == "ner"]
    with nlp.select_pipes(enable=enable):
        for spacy_doc, (doc, secs, off) in nlp.pipe(jobs, as_tuples=True, batch_size=64):
            for ent in spacy_doc.ents:
                if ent.label_ != "ORG":
                    continue
                name = tidy(ent.text)
                if not name or is_generic(name) or "\n" in name or not name[0].isupper() and not name[0].isdigit():
                    continue
                by_doc.setdefault(doc.name, set()).add(name)
                s = off + ent.start_char + max(0, ent.text.find(name))
                sec = next((x for x in secs if x.kind in NER_KINDS and x.start <= s < x.end), None)
                if sec is None or norm_key(name) == norm_key(sec.title or ""):
                    continue
                refs = by_section.setdefault((doc.name, sec.start), [])
                if norm_key(name) not in {norm_key(r.name) for r in refs}:
                    refs.append(OrgRef(name, evidence(doc, s, s + len(name), "ner:ORG", 0.6)))
    return by_section, by_doc


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
