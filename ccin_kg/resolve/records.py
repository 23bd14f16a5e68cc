"""Records produced by the resolve stage: canonical entities."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CouncilInfo:
    """What the local-authority register says of one council.

    ``tier`` is one of: ``county``, ``district``, ``unitary``,
    ``metropolitan``, ``london-borough``, ``combined-authority``,
    ``city-corporation``, ``strategic-authority``, ``ni-district``,
    ``town-parish-community`` (the last is not in the register: it comes from
    the name, "Burntwood Town Council").
    ``org_id`` is the org-id.guide identifier (``GB-LAE-MAN``, ``GB-LAS-ABD``,
    ``GB-PLA-CRF``, ``GB-LANI-...``) or None where none applies.
    """

    code: str | None  # register's local-authority-code ("MAN"); None for town/parish councils
    official_name: str
    nice_name: str | None
    gss: str | None
    org_id: str | None
    tier: str
    register_type: str | None  # register's local-authority-type-name
    nation: str | None
    region: str | None
    start_date: str | None = None
    end_date: str | None = None
    replaced_by: str | None = None  # register code of the successor


@dataclass(frozen=True, slots=True)
class Sighting:
    """One surface form of an entity, where it was seen and why it was merged."""

    surface: str
    source: str
    first_line: int
    reason: str  # "exact", "normalised key", "register alt-name", "fuzzy 96", "acronym defined at ..."


@dataclass(slots=True)
class Entity:
    """A canonical organisation (or fund, network, council).

    ``key`` is a stable slug used to mint the IRI (``oldham-council``).
    ``org_type`` is one of: ``council``, ``charity``, ``cooperative``,
    ``company``, ``university``, ``nhs``, ``government``, ``fund``,
    ``network``, ``organisation`` (unknown); ``type_rule`` says what decided it.
    """

    key: str
    label: str
    org_type: str = "organisation"
    type_rule: str = "default"
    alt_labels: set[str] = field(default_factory=set)
    council: CouncilInfo | None = None
    sightings: list[Sighting] = field(default_factory=list)


@dataclass(slots=True)
class Resolution:
    """All entities, and how each surface name maps onto one."""

    entities: dict[str, Entity] = field(default_factory=dict)  # key -> entity
    by_surface: dict[str, str] = field(default_factory=dict)  # surface name -> key

    def entity_for(self, surface: str) -> Entity:
        return self.entities[self.by_surface[surface]]
