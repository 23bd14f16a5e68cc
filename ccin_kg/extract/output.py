"""Extraction records as the JSON shape of DESIGN.md (``ccin-kg extract --format json``)."""

from __future__ import annotations

from ccin_kg.extract.records import Evidence, Extraction, Initiative


def _ev(ev: Evidence) -> dict:
    return {"lines": [ev.first_line, ev.last_line], "span": [ev.start, ev.end], "sentence": ev.sentence,
            "rule": ev.rule, "confidence": ev.confidence}


def _names(refs, with_evidence: bool):
    if with_evidence:
        return [{"name": r.name, "evidence": _ev(r.evidence)} for r in refs]
    return list(dict.fromkeys(r.name for r in refs))


def initiative_json(ini: Initiative, with_evidence: bool = False) -> dict:
    """One initiative in the DESIGN.md shape; evidence on request."""
    out = {
        "source": ini.source,
        "lines": [ini.first_line, ini.last_line],
        "title": ini.title,
        "theme": ini.theme,
        "type": ini.type,
        "year": ini.year,
        "lead": _names(ini.lead, with_evidence),
        "partners": _names(ini.partners, with_evidence),
        "funders": [
            {"name": f.funder, "amount_gbp": f.amount_gbp, **({"evidence": _ev(f.evidence)} if with_evidence else {})}
            for f in ini.funders
        ],
        "contacts": [
            {"name": c.name, "role": c.role, "organisation": c.organisation, "email": c.email, "phone": c.phone,
             "web": c.web, **({"evidence": _ev(c.evidence)} if with_evidence else {})}
            for c in ini.contacts
        ],
        "principles": [p.label for p in ini.principles],
        "approaches": [a.label for a in ini.approaches],
        "places": [p.label for p in ini.places],
        "organisations": _names(ini.organisations, with_evidence),
    }
    return out


def extraction_json(ex: Extraction, with_evidence: bool = False) -> dict:
    """The whole extraction as a JSON-ready dict.

    >>> extraction_json(Extraction())
    {'initiatives': [], 'members': [], 'works_with': []}
    """
    return {
        "initiatives": [initiative_json(i, with_evidence) for i in ex.initiatives],
        "members": [
            {"name": m.name, "tier": m.tier, "source": m.evidence.source,
             **({"evidence": _ev(m.evidence)} if with_evidence else {})}
            for m in ex.members
        ],
        "works_with": [
            {"affiliate": w.affiliate, "partner": w.partner, "source": w.evidence.source,
             **({"evidence": _ev(w.evidence)} if with_evidence else {})}
            for w in ex.works_with
        ],
    }
