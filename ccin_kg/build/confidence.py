"""Keep only the facts found with at least a given confidence (``build --min-confidence``)."""

from __future__ import annotations

from dataclasses import replace

from ccin_kg.extract.records import Extraction


def _keep(items, threshold: float):
    return [x for x in items if x.evidence.confidence >= threshold]


def filter_extraction(ex: Extraction, threshold: float) -> Extraction:
    """A copy of ``ex`` without the facts whose evidence is below ``threshold``.

    An initiative stays whatever its facts (its title is layout, not a guess);
    its leads, partners, funders, contacts, principles, approaches, places and
    NER organisations are filtered one by one.

    Examples
    --------
    >>> from ccin_kg.extract.records import Evidence, Member
    >>> ev = lambda c: Evidence("a.txt", 1, 1, 0, 1, "s", "rule", c)
    >>> ex = Extraction(members=[Member("A", "Full", ev(0.9)), Member("B", "Full", ev(0.4))])
    >>> [m.name for m in filter_extraction(ex, 0.5).members]
    ['A']
    """
    if threshold <= 0:
        return ex
    initiatives = [
        replace(
            ini,
            lead=_keep(ini.lead, threshold), partners=_keep(ini.partners, threshold),
            funders=_keep(ini.funders, threshold), contacts=_keep(ini.contacts, threshold),
            principles=_keep(ini.principles, threshold), approaches=_keep(ini.approaches, threshold),
            places=_keep(ini.places, threshold), organisations=_keep(ini.organisations, threshold),
        )
        for ini in ex.initiatives
    ]
    return Extraction(initiatives, _keep(ex.members, threshold), _keep(ex.works_with, threshold),
                      dict(ex.principle_definitions))


