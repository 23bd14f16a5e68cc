"""Build the ccin-kg data graph from extraction and resolution records.

Every node gets a deterministic IRI under ``https://w3id.org/ccin-kg/id/``
(no blank nodes), and every extracted statement is reified with standard RDF
reification so that SPARQL can trace it to its evidence: source document,
lines, characters, sentence, rule and confidence.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import PurePath

import pyoxigraph
from rdflib import Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from ccin_kg.build.triples import TripleSet
from ccin_kg.extract.records import (
    Contact,
    Evidence,
    Extraction,
    Funding,
    Initiative,
    Member,
    WorksWith,
)
from ccin_kg.ingest.records import Document
from ccin_kg.namespaces import (
    CCIN,
    DCTERMS,
    FOAF,
    ONS,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    bind_prefixes,
    canonical_term,
    iri,
    load_ontology,
    name_key,
    slugify,
)
from ccin_kg.resolve.records import CouncilInfo, Entity, Resolution

__all__ = [
    "COUNCIL_TIERS",
    "INITIATIVE_TYPES",
    "MEMBERSHIP_TIERS",
    "NETWORK",
    "NETWORK_LABEL",
    "build_graph",
    "graph_triples",
    "initiative_class",
    "statement_iri",
]

log = logging.getLogger(__name__)

NETWORK = iri("org", "ccin")
"""The CCIN itself: the organisation every membership is of."""

NETWORK_LABEL = "Co-operative Councils' Innovation Network"

INITIATIVE_TYPES: dict[str, URIRef] = {
    "case study": CCIN.CaseStudy,
    "policy lab": CCIN.PolicyLab,
    "study visit": CCIN.StudyVisit,
    "training": CCIN.Training,
    "funded project": CCIN.FundedProject,
    "campaign": CCIN.Campaign,
    "programme": CCIN.Programme,
}
"""Initiative type (lower case, singular) → its subclass of ccin:Initiative."""

ORG_CLASSES: dict[str, URIRef] = {
    "council": CCIN.Council,
    "charity": CCIN.Charity,
    "cooperative": CCIN.Cooperative,
    "company": CCIN.Company,
    "university": CCIN.University,
    "nhs": CCIN.NHSBody,
    "government": CCIN.GovernmentBody,
    "network": CCIN.Network,
}
"""``Entity.org_type`` → class, besides org:Organization (``fund`` is apart)."""

MEMBERSHIP_TIERS = ("full", "associate", "affiliate")
COUNCIL_TIERS = (
    "county",
    "district",
    "unitary",
    "metropolitan",
    "london-borough",
    "combined-authority",
    "city-corporation",
    "strategic-authority",
    "ni-district",
    "town-parish-community",
)

_GSS = re.compile(r"^[ENSWK][0-9]{8}$")
_NETWORK_NAMES = {"ccin", "cooperativecouncilsinnovationnetwork"}


def _norm(text: str) -> str:
    """Letters and digits only, lower case: "Co-production" == "coproduction"."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def statement_iri(s: Node, p: Node, o: Node) -> URIRef:
    """The IRI of the reified statement ``s p o``: a SHA-1 of its canonical N-Triples terms.

    Examples
    --------
    >>> statement_iri(iri("initiative", "x"), CCIN.ledBy, iri("org", "y"))
    rdflib.term.URIRef('https://w3id.org/ccin-kg/id/statement/253f900c2a2da779')
    """
    return iri("statement", _digest(" ".join(canonical_term(term).n3() for term in (s, p, o))))


def initiative_class(label: str | None) -> URIRef | None:
    """The subclass of ccin:Initiative for a type as written, or None if unknown.

    Examples
    --------
    >>> initiative_class("Policy Labs")
    rdflib.term.URIRef('https://w3id.org/ccin-kg/ontology#PolicyLab')
    >>> initiative_class("case studies") == CCIN.CaseStudy
    True
    >>> initiative_class("Report") is None
    True
    """
    if not label:
        return None
    key = " ".join(re.findall(r"[a-z]+", label.lower()))
    candidates = [key]
    if key.endswith("ies"):
        candidates.append(key[:-3] + "y")
    if key.endswith("s"):
        candidates.append(key[:-1])
    for candidate in candidates:
        if candidate in INITIATIVE_TYPES:
            return INITIATIVE_TYPES[candidate]
    return None


@dataclass
class _Build:
    """What the builder functions share: the triples so far and the indexes."""

    resolution: Resolution
    documents: dict[str, Document]
    principles: dict[str, URIRef]
    triples: TripleSet = field(default_factory=TripleSet)
    sources: dict[str, URIRef] = field(default_factory=dict)
    evidence: dict[tuple[str, int, int, str], URIRef] = field(default_factory=dict)
    labels: dict[URIRef, str] = field(default_factory=dict)
    initiatives: dict[str, str] = field(default_factory=dict)
    vocabulary: set[URIRef] = field(default_factory=set)

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.triples.add((s, p, o))

    def fact(self, s: Node, p: Node, o: Node, evidence: Evidence) -> None:
        """Add ``s p o`` and its reification, linked to the evidence for it."""
        statement = statement_iri(s, p, o)
        self.triples.update(
            [
                (s, p, o),
                (statement, RDF.type, RDF.Statement),
                (statement, RDF.subject, s),
                (statement, RDF.predicate, p),
                (statement, RDF.object, o),
                (statement, CCIN.evidence, _evidence(self, evidence)),
            ]
        )


# --- provenance -------------------------------------------------------------


def _source(b: _Build, name: str) -> URIRef:
    node = b.sources.get(name)
    if node is None:
        node = b.sources[name] = iri("source", slugify(name))
        b.add(node, RDF.type, CCIN.SourceDocument)
        b.add(node, DCTERMS.title, Literal(name))
        document = b.documents.get(name)
        if document is not None:
            b.add(node, CCIN.sha256, Literal(document.sha256))
            b.add(node, DCTERMS["format"], Literal(document.media_type))
    return node


def _confidence(value: float) -> Decimal | None:
    try:
        if not math.isfinite(value):
            return None
        return Decimal(repr(float(value))).quantize(Decimal("0.001"), ROUND_HALF_EVEN)
    except (TypeError, ValueError, InvalidOperation):
        return None


def _located(b: _Build, node: URIRef, span: Evidence | Initiative) -> None:
    """Where ``span`` (an evidence or an initiative) sits: its source document, lines and characters."""
    document = _source(b, span.source)
    b.add(node, CCIN.sourceDocument, document)
    b.add(node, PROV.wasDerivedFrom, document)
    b.add(node, CCIN.firstLine, Literal(int(span.first_line)))
    b.add(node, CCIN.lastLine, Literal(int(span.last_line)))
    b.add(node, CCIN.startChar, Literal(int(span.start)))
    b.add(node, CCIN.endChar, Literal(int(span.end)))


def _evidence(b: _Build, ev: Evidence) -> URIRef:
    key = (ev.source, ev.start, ev.end, ev.rule)
    node = b.evidence.get(key)
    if node is not None:
        return node
    node = b.evidence[key] = iri("evidence", _digest("\x1f".join(map(str, key))))
    b.add(node, RDF.type, CCIN.Evidence)
    _located(b, node, ev)
    b.add(node, CCIN.sentence, Literal(ev.sentence))
    b.add(node, CCIN.rule, Literal(ev.rule))
    confidence = _confidence(ev.confidence)
    if confidence is None:
        log.warning("evidence %s: confidence %r is not a number", node, ev.confidence)
    else:
        b.add(node, CCIN.confidence, Literal(confidence))
    return node


# --- nodes named in the text ---------------------------------------------------


def _named(b: _Build, node: URIRef, label: str, types: Iterable[URIRef], scheme: URIRef | None = None) -> URIRef:
    """Type and label a node minted from a name; later spellings become altLabels."""
    first = b.labels.get(node)
    if first is None:
        b.labels[node] = label
        for cls in types:
            b.add(node, RDF.type, cls)
        b.add(node, RDFS.label, Literal(label))
        b.add(node, SKOS.prefLabel, Literal(label))
        if scheme is not None:
            b.add(node, SKOS.inScheme, scheme)
            b.vocabulary.add(scheme)
    elif label != first:
        b.add(node, SKOS.altLabel, Literal(label))
    return node


def _entity_iri(key: str) -> URIRef:
    try:
        return iri("org", key)
    except ValueError:
        return iri("org", slugify(key))


def _resolve(b: _Build, name: str) -> URIRef | None:
    """The IRI of the entity a name resolves to, or None."""
    for surface in (name, name.strip()):
        try:
            return _entity_iri(b.resolution.entity_for(surface).key)
        except KeyError:
            continue
    return None


def _org(b: _Build, name: str) -> URIRef:
    """The organisation a name resolves to; an unknown name gets its own node."""
    node = _resolve(b, name)
    if node is None:
        log.debug("no entity for %r: minting an organisation from the name", name)
        node = _named(b, iri("org", slugify(name)), name.strip(), [ORG.Organization])
    return node


def _iri_or_literal(text: str) -> Node:
    """A web address as an IRI (``https://`` added when no scheme), else a literal."""
    value = text.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):
        value = "https://" + value
    try:
        pyoxigraph.NamedNode(value)
    except ValueError:
        return Literal(text.strip())
    return URIRef(value)


def _date(text: str | None) -> Literal | None:
    try:
        return Literal(date.fromisoformat(text)) if text else None
    except ValueError:
        return None


# --- organisations -------------------------------------------------------------


def _council(b: _Build, node: URIRef, info: CouncilInfo, successors: dict[str, URIRef]) -> None:
    b.add(node, RDF.type, CCIN.Council)
    if info.tier in COUNCIL_TIERS:
        tier = iri("council-tier", info.tier)
        b.add(node, CCIN.councilTier, tier)
        b.vocabulary.add(tier)
    else:
        log.warning("%s: unknown council tier %r", node, info.tier)
    if info.gss:
        b.add(node, SKOS.notation, Literal(info.gss))
        if _GSS.match(info.gss):
            b.add(node, SCHEMA.areaServed, ONS[info.gss])
    if info.org_id:
        b.add(node, DCTERMS.identifier, Literal(info.org_id))
    if info.region:
        b.add(node, CCIN.region, Literal(info.region))
    for prop, text in ((SCHEMA.foundingDate, info.start_date), (SCHEMA.dissolutionDate, info.end_date)):
        when = _date(text)
        if when is not None:
            b.add(node, prop, when)
    if info.replaced_by:
        successor = successors.get(info.replaced_by)
        if successor is not None and successor != node:
            b.add(node, DCTERMS.isReplacedBy, successor)
        else:
            b.add(node, CCIN.replacedByCode, Literal(info.replaced_by))


def _entity(b: _Build, entity: Entity, surfaces: set[str], successors: dict[str, URIRef]) -> None:
    node = _entity_iri(entity.key)
    if node == NETWORK:  # the network itself keeps its one label; its other names become altLabels
        names = set(surfaces) | set(entity.alt_labels) | {entity.label}
        for name in sorted(names - {NETWORK_LABEL, ""}):
            b.add(node, SKOS.altLabel, Literal(name))
        return
    b.labels[node] = entity.label
    if entity.org_type == "fund":
        b.add(node, RDF.type, CCIN.Fund)
        b.add(node, RDF.type, CCIN.Funder)
    else:
        b.add(node, RDF.type, ORG.Organization)
        if entity.org_type in ORG_CLASSES:
            b.add(node, RDF.type, ORG_CLASSES[entity.org_type])
        elif entity.org_type != "organisation":
            log.debug("%s: unknown org_type %r", node, entity.org_type)
    b.add(node, RDFS.label, Literal(entity.label))
    b.add(node, SKOS.prefLabel, Literal(entity.label))
    names = set(surfaces) | set(entity.alt_labels) | {s.surface for s in entity.sightings}
    if entity.council is not None:
        names |= {entity.council.official_name, entity.council.nice_name or ""}
        _council(b, node, entity.council, successors)
    for name in sorted(names - {entity.label, ""}):
        b.add(node, SKOS.altLabel, Literal(name))


def _entities(b: _Build) -> None:
    surfaces: dict[str, set[str]] = {}
    for surface, key in b.resolution.by_surface.items():
        surfaces.setdefault(key, set()).add(surface)
    successors = {
        entity.council.code: _entity_iri(entity.key)
        for entity in b.resolution.entities.values()
        if entity.council is not None and entity.council.code
    }
    for key in sorted(b.resolution.entities):
        _entity(b, b.resolution.entities[key], surfaces.get(key, set()), successors)


def _network(b: _Build) -> None:
    b.add(NETWORK, RDF.type, ORG.Organization)
    b.add(NETWORK, RDF.type, CCIN.Network)
    if NETWORK not in b.labels:
        b.labels[NETWORK] = NETWORK_LABEL
        b.add(NETWORK, RDFS.label, Literal(NETWORK_LABEL))
        b.add(NETWORK, SKOS.prefLabel, Literal(NETWORK_LABEL))
        b.add(NETWORK, SKOS.altLabel, Literal("CCIN"))
    for entity in b.resolution.entities.values():
        names = {entity.label, *entity.alt_labels}
        node = _entity_iri(entity.key)
        if node != NETWORK and any(_norm(name) in _NETWORK_NAMES for name in names):
            b.add(NETWORK, OWL.sameAs, node)


# --- initiatives ---------------------------------------------------------------


def _initiative_iri(b: _Build, ini: Initiative) -> URIRef:
    stem = PurePath(ini.source).stem
    slug = slugify(f"{stem} {ini.title}")
    if b.initiatives.setdefault(slug, ini.title) != ini.title:
        n = 2
        while b.initiatives.setdefault(f"{slug}-{n}", ini.title) != ini.title:
            n += 1
        slug = f"{slug}-{n}"
    return iri("initiative", slug)


def _funding(b: _Build, node: URIRef, f: Funding) -> None:
    funder = _org(b, f.funder)
    b.add(funder, RDF.type, CCIN.Funder)
    b.fact(node, CCIN.fundedBy, funder, f.evidence)
    value = None
    if f.amount_gbp is not None and math.isfinite(f.amount_gbp):
        value = Decimal(repr(float(f.amount_gbp))).quantize(Decimal("0.01"))
        value = value.to_integral_value() if value == value.to_integral_value() else value
    local = str(node).rsplit("/", 1)[1] + " " + str(funder).rsplit("/", 1)[1]
    funding = iri("funding", slugify(f"{local} {value if value is not None else ''}", max_length=120))
    b.add(funding, RDF.type, CCIN.Funding)
    b.fact(node, CCIN.funding, funding, f.evidence)
    b.fact(funding, CCIN.funder, funder, f.evidence)
    if value is not None:
        amount = iri("amount", ("gbp-minus-" if value < 0 else "gbp-") + slugify(str(abs(value))))
        b.add(amount, RDF.type, SCHEMA.MonetaryAmount)
        b.add(amount, SCHEMA.value, Literal(value))
        b.add(amount, SCHEMA.currency, Literal("GBP"))
        b.fact(funding, CCIN.amount, amount, f.evidence)
    if f.amount_text:
        b.fact(funding, CCIN.amountText, Literal(f.amount_text), f.evidence)
    if f.amount_qualifier:
        b.fact(funding, CCIN.amountQualifier, Literal(f.amount_qualifier), f.evidence)


def _contact(b: _Build, node: URIRef, c: Contact) -> None:
    person = iri("person", slugify(c.name or c.email or c.phone or c.web or ""))
    b.add(person, RDF.type, FOAF.Person)
    b.fact(node, CCIN.contactPoint, person, c.evidence)
    if c.name:
        b.fact(person, FOAF.name, Literal(c.name), c.evidence)
        b.fact(person, RDFS.label, Literal(c.name), c.evidence)
    if c.role:
        b.fact(person, SCHEMA.jobTitle, Literal(c.role), c.evidence)
    if c.email:
        b.fact(person, SCHEMA.email, Literal(c.email.strip().removeprefix("mailto:")), c.evidence)
    if c.phone:
        b.fact(person, SCHEMA.telephone, Literal(c.phone.strip()), c.evidence)
    if c.web:
        b.fact(person, SCHEMA.url, _iri_or_literal(c.web), c.evidence)
    employer = _resolve(b, c.organisation) if c.organisation else None
    if employer is not None:  # contact blocks are noisy: only names the resolution knows
        b.fact(person, SCHEMA.worksFor, employer, c.evidence)


def _initiative(b: _Build, ini: Initiative) -> None:
    node = _initiative_iri(b, ini)
    ev = ini.evidence
    b.add(node, RDF.type, CCIN.Initiative)
    b.add(node, CCIN.evidence, _evidence(b, ev))
    _located(b, node, ini)
    b.fact(node, RDFS.label, Literal(ini.title), ev)
    b.fact(node, DCTERMS.title, Literal(ini.title), ev)
    cls = initiative_class(ini.type)
    if cls is not None:
        b.add(node, RDF.type, cls)
        b.fact(node, CCIN.initiativeType, cls, ev)
    elif ini.type:
        log.info("%s: unknown initiative type %r", node, ini.type)
    if ini.year is not None:
        b.fact(node, CCIN.year, Literal(int(ini.year)), ev)
    if ini.theme:
        theme = iri("theme", slugify(ini.theme))
        _named(b, theme, ini.theme, [CCIN.Theme, SKOS.Concept], iri("scheme", "themes"))
        b.fact(node, CCIN.hasTheme, theme, ev)
    for ref in ini.lead:
        b.fact(node, CCIN.ledBy, _org(b, ref.name), ref.evidence)
    for ref in ini.partners:
        b.fact(node, CCIN.hasPartner, _org(b, ref.name), ref.evidence)
    for funding in ini.funders:
        _funding(b, node, funding)
    for contact in ini.contacts:
        _contact(b, node, contact)
    for item in ini.principles:
        principle = b.principles.get(_norm(item.label))
        if principle is None:
            log.info("%s: %r is not a CCIN principle", node, item.label)
            continue
        b.vocabulary.add(principle)
        b.fact(node, CCIN.meetsPrinciple, principle, item.evidence)
    for item in ini.approaches:
        approach = iri("approach", slugify(item.label))
        _named(b, approach, item.label, [CCIN.Approach, SKOS.Concept], iri("scheme", "approaches"))
        b.fact(node, CCIN.usesApproach, approach, item.evidence)
    for item in ini.places:
        place = _named(b, iri("place", slugify(item.label)), item.label, [SCHEMA.Place])
        b.fact(node, CCIN.locatedIn, place, item.evidence)


# --- members and affiliates ------------------------------------------------------


def _member(b: _Build, m: Member) -> None:
    member = _org(b, m.name)
    membership = iri("membership", str(member).rsplit("/", 1)[1])
    b.add(membership, RDF.type, ORG.Membership)
    b.fact(membership, ORG.member, member, m.evidence)
    b.fact(membership, ORG.organization, NETWORK, m.evidence)
    tier = (m.tier or "").strip().lower()
    if tier in MEMBERSHIP_TIERS:
        concept = iri("tier", tier)
        b.vocabulary.add(concept)
        b.fact(membership, CCIN.membershipTier, concept, m.evidence)
    else:
        log.warning("%s: unknown membership tier %r", membership, m.tier)
    b.fact(member, ORG.memberOf, NETWORK, m.evidence)


def _works_with(b: _Build, w: WorksWith) -> None:
    b.fact(_org(b, w.affiliate), CCIN.worksWith, _org(b, w.partner), w.evidence)


# --- vocabularies ----------------------------------------------------------------


def _principle_index(vocabulary: Graph) -> dict[str, URIRef]:
    """Normalised label, or definition, of each principle → its IRI."""
    index: dict[str, URIRef] = {}
    for principle in vocabulary.subjects(RDF.type, CCIN.Principle):
        for prop in (SKOS.prefLabel, RDFS.label, SKOS.altLabel, SKOS.definition):
            for text in vocabulary.objects(principle, prop):
                index[_norm(str(text))] = principle
    return index


def _copy_vocabulary(b: _Build, vocabulary: Graph) -> None:
    """Copy the description of each concept used, and of its scheme."""
    used = set(b.vocabulary)
    for concept in b.vocabulary:
        used.update(vocabulary.objects(concept, SKOS.inScheme))
    for node in used:
        for p, o in vocabulary.predicate_objects(node):
            if p != SKOS.hasTopConcept:
                b.add(node, p, o)


_NAMES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, DCTERMS.title)


def _name_keys(b: _Build) -> None:
    """A ``ccin:nameKey`` for each name of each node (see :func:`ccin_kg.namespaces.name_key`)."""
    keys = {(s, name_key(str(o))) for s, p, o in b.triples if p in _NAMES and isinstance(o, Literal)}
    b.triples.update((s, CCIN.nameKey, Literal(key)) for s, key in keys if key)


def build_graph(extraction: Extraction, resolution: Resolution, documents: Sequence[Document]) -> Graph:
    """Turn extraction and resolution records into the ccin-kg data graph.

    The graph holds data only (not the ontology), plus the descriptions of
    the principle, tier and council-tier concepts it refers to. Every IRI is
    deterministic and no node is blank:

    - organisations ``id/org/<entity key>`` (councils too, typed ccin:Council
      with tier, GSS code, org-id, register region and the ONS area they
      serve); a name the
      resolution cannot map gets ``id/org/<slug of the name>``;
    - the network itself ``id/org/ccin``; memberships ``id/membership/<org>``;
    - initiatives ``id/initiative/<slug of source stem and title>``;
    - documents ``id/source/<slug of file name>``;
    - evidence ``id/evidence/<sha1 of source, start, end, rule>``;
    - reified statements ``id/statement/<sha1 of s p o>``;
    - fundings ``id/funding/<initiative> <funder> <amount>``, amounts
      ``id/amount/gbp-<value>``, people ``id/person/<slug>``, themes
      ``id/theme/<slug>``, approaches ``id/approach/<slug>``, places
      ``id/place/<slug>``.

    Each extracted statement ``s p o`` is also an ``rdf:Statement`` with
    ``rdf:subject``/``rdf:predicate``/``rdf:object`` and one ``ccin:evidence``
    per sighting; the evidence names the ``ccin:sourceDocument``, the lines,
    the characters, the sentence, the rule and the confidence.

    Parameters
    ----------
    extraction : Extraction
        Initiatives, members and works-with pairs, each fact with its evidence.
    resolution : Resolution
        Canonical entities and the surface names that map onto them.
    documents : Sequence[Document]
        The source documents; they give each source node its SHA-256 and
        media type (a source missing here still gets a node).

    Returns
    -------
    rdflib.Graph
        A graph over an in-memory Oxigraph store, ccin-kg prefixes bound.

    Examples
    --------
    >>> from ccin_kg.extract.records import Evidence, Extraction, Initiative, OrgRef
    >>> from ccin_kg.resolve.records import Entity, Resolution
    >>> ev = Evidence("a.txt", 2, 2, 10, 40, "The pantry is led by Oldham Council.", "lead_cue", 0.9)
    >>> food = Initiative("a.txt", 1, 3, 0, 60, "Food pantry", ev, lead=[OrgRef("Oldham Council", ev)])
    >>> oldham = Entity("oldham-council", "Oldham Council", "council")
    >>> res = Resolution({"oldham-council": oldham}, {"Oldham Council": "oldham-council"})
    >>> g = build_graph(Extraction(initiatives=[food]), res, [])
    >>> print(g.value(iri("initiative", "a-food-pantry"), CCIN.ledBy))
    https://w3id.org/ccin-kg/id/org/oldham-council
    >>> st = statement_iri(iri("initiative", "a-food-pantry"), CCIN.ledBy, iri("org", "oldham-council"))
    >>> print(g.value(g.value(st, CCIN.evidence), CCIN.sentence))
    The pantry is led by Oldham Council.
    """
    graph = bind_prefixes(Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="none"))
    graph.addN([(s, p, o, graph) for s, p, o in graph_triples(extraction, resolution, documents)])
    return graph


def graph_triples(extraction: Extraction, resolution: Resolution, documents: Sequence[Document]
                  ) -> TripleSet:
    """The triples :func:`build_graph` puts in its graph, as a compact :class:`~ccin_kg.build.triples.TripleSet`.

    The build writes every file from these (see :mod:`ccin_kg.build.bulk`)
    without an rdflib graph: at 100 times the bundled corpus an rdflib graph
    of them alone would need gigabytes.
    """
    vocabulary = load_ontology("principles.ttl")
    b = _Build(resolution, {d.name: d for d in documents}, _principle_index(vocabulary))
    for document in documents:
        _source(b, document.name)
    _entities(b)
    _network(b)
    for initiative in extraction.initiatives:
        _initiative(b, initiative)
    for member in extraction.members:
        _member(b, member)
    for pair in extraction.works_with:
        _works_with(b, pair)
    _copy_vocabulary(b, vocabulary)
    _name_keys(b)
    return b.triples
