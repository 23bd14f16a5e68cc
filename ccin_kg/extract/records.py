"""Records produced by the extract stage.

Every fact carries an :class:`Evidence`: where it was seen (source file,
line span, character span into the cleaned document text, the sentence) and
how (the rule id or model, and a confidence in [0, 1]).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Evidence:
    source: str
    first_line: int
    last_line: int
    start: int
    end: int
    sentence: str
    rule: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class OrgRef:
    """An organisation named in a role (lead, partner, funder, member ...)."""

    name: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Funding:
    funder: str
    amount_gbp: float | None
    evidence: Evidence
    amount_text: str | None = None  # the sum as written ("£1.2m", "up to £5,000")
    amount_qualifier: str | None = None  # None, "up to", "range", "at least" ...


@dataclass(frozen=True, slots=True)
class Contact:
    name: str
    evidence: Evidence
    role: str | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    web: str | None = None


@dataclass(frozen=True, slots=True)
class Labelled:
    """A principle, approach or place named for an initiative."""

    label: str
    evidence: Evidence


@dataclass(slots=True)
class Initiative:
    source: str
    first_line: int
    last_line: int
    start: int
    end: int
    title: str
    evidence: Evidence  # where the title was seen
    theme: str | None = None
    type: str | None = None
    year: int | None = None
    lead: list[OrgRef] = field(default_factory=list)
    partners: list[OrgRef] = field(default_factory=list)
    funders: list[Funding] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    principles: list[Labelled] = field(default_factory=list)
    approaches: list[Labelled] = field(default_factory=list)
    places: list[Labelled] = field(default_factory=list)
    organisations: list[OrgRef] = field(default_factory=list)  # every organisation the NER saw


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    tier: str  # Full | Associate | Affiliate
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class WorksWith:
    affiliate: str
    partner: str
    evidence: Evidence


@dataclass(slots=True)
class Extraction:
    initiatives: list[Initiative] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    works_with: list[WorksWith] = field(default_factory=list)
    principle_definitions: dict[str, str] = field(default_factory=dict)
