"""The network view of the graph: entities as nodes, domain relations as edges.

:func:`to_networkx` is the one place the RDF graph becomes a networkx graph;
analysis, views and the GraphML / GEXF / CSV exports all start from it.

Nodes are the graph's entities, keyed by IRI (a string): organisations,
councils, funders, the CCIN itself, initiatives, principles, people,
approaches, themes and places. Each node has

``label``
    its ``rdfs:label`` (else ``skos:prefLabel``, ``foaf:name``, the IRI's end);
``type``
    one of :data:`NODE_TYPES` (``council``, ``organisation``, ``funder``,
    ``network``, ``initiative``, ``principle``, ``person``, ``approach``,
    ``theme``, ``place``);
``classes``
    the local names of its RDF classes, space-separated (``Charity Funder Organization``);
``is_funder``
    whether it funds anything (a council can lead one initiative and fund another);

and where the graph says so: ``membership_tier`` (Full, Associate,
Affiliate), ``gss``, ``org_id``, ``council_tier``, ``region`` for councils;
``source``, ``first_line``, ``last_line``, ``year``, ``initiative_type`` for
initiatives; ``job_title``, ``email`` for people.

Edges run as the RDF does (an initiative → ``ledBy`` → its lead), one per
subject, relation and object, keyed by the relation name (a
:class:`networkx.MultiDiGraph`: an initiative can be led *and* funded by the
same council). Each edge has ``relation`` (the name in :data:`RELATIONS`),
``predicate`` (its IRI) and, from the reified statement's evidence,
``sentences``, ``sources`` (``file:first-last``) and ``rules`` (tuples,
sorted), ``confidence`` (the highest) and ``evidence``, one dict per
sighting (``source``, ``line``, ``last_line``, ``sentence``, ``rule``,
``confidence``), sorted by source and line. ``fundedBy`` edges carry
``amount_gbp`` (the largest sum the text ties to that funder for that
initiative) where stated; ``memberOf`` edges the ``membership_tier``.

:func:`flat_copy` turns the tuples into strings and leaves ``evidence`` out
(``sentences`` and ``sources`` hold the same), for file formats that hold
only scalars.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ccin_kg.namespaces import CCIN, DCTERMS, FOAF, ORG, RDF, RDFS, SCHEMA, SKOS

__all__ = ["NODE_TYPES", "RELATIONS", "SEPARATOR", "flat_copy", "to_networkx"]

NODE_TYPES: tuple[tuple[URIRef, str], ...] = (
    (CCIN.Initiative, "initiative"),
    (CCIN.Principle, "principle"),
    (FOAF.Person, "person"),
    (CCIN.Approach, "approach"),
    (CCIN.Theme, "theme"),
    (SCHEMA.Place, "place"),
    (CCIN.Network, "network"),
    (CCIN.Council, "council"),
    (CCIN.Funder, "funder"),
    (ORG.Organization, "organisation"),
)
"""RDF class → node type, first match wins (a council that funds stays a council)."""

RELATIONS: dict[URIRef, str] = {
    CCIN.ledBy: "ledBy",
    CCIN.hasPartner: "hasPartner",
    CCIN.fundedBy: "fundedBy",
    CCIN.worksWith: "worksWith",
    ORG.memberOf: "memberOf",
    CCIN.meetsPrinciple: "meetsPrinciple",
    CCIN.contactPoint: "contactPoint",
    SCHEMA.worksFor: "worksFor",
    CCIN.usesApproach: "usesApproach",
    CCIN.hasTheme: "hasTheme",
    CCIN.locatedIn: "locatedIn",
}
"""Predicate → relation name: the edges of the network."""

SEPARATOR = " | "
"""Joins a tuple attribute into one string in :func:`flat_copy`."""

_INITIATIVE_TYPES = {
    CCIN.CaseStudy: "case study", CCIN.PolicyLab: "policy lab", CCIN.StudyVisit: "study visit",
    CCIN.Training: "training", CCIN.FundedProject: "funded project", CCIN.Campaign: "campaign",
    CCIN.Programme: "programme",
}  # fmt: skip


def _local(iri: Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _first(graph: Graph, node: Node, *properties: URIRef) -> Node | None:
    for prop in properties:
        values = sorted(graph.objects(node, prop), key=lambda t: t.n3())
        if values:
            return values[0]
    return None


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _node_type(classes: set[Node]) -> str | None:
    for cls, name in NODE_TYPES:
        if cls in classes:
            return name
    return None


def _label_of(graph: Graph, concept: Node | None) -> Node | None:
    return None if concept is None else _first(graph, concept, SKOS.prefLabel, RDFS.label)


def _text(term: Node | None) -> str | None:
    return None if term is None else str(term)


def _node_attributes(graph: Graph, node: URIRef, classes: set[Node], tiers: dict[Node, str]) -> dict[str, Any]:
    label = _first(graph, node, RDFS.label, SKOS.prefLabel, FOAF.name, DCTERMS.title)
    attrs: dict[str, Any] = {
        "label": str(label) if label is not None else _local(node),
        "type": _node_type(classes) or "other",
        "classes": " ".join(sorted(_local(c) for c in classes)),
        "is_funder": CCIN.Funder in classes or CCIN.Fund in classes,
    }
    if node in tiers:
        attrs["membership_tier"] = tiers[node]
    extras = {
        "gss": _text(_first(graph, node, SKOS.notation)) if CCIN.Council in classes else None,
        "org_id": _text(_first(graph, node, DCTERMS.identifier)),
        "council_tier": _text(_label_of(graph, _first(graph, node, CCIN.councilTier))),
        "region": _text(_first(graph, node, CCIN.region)),
        "job_title": _text(_first(graph, node, SCHEMA.jobTitle)),
        "email": _text(_first(graph, node, SCHEMA.email)),
    }
    if CCIN.Initiative in classes:
        source = _first(graph, node, CCIN.sourceDocument)
        extras["source"] = _text(_first(graph, source, DCTERMS.title)) if source is not None else None
        kinds = sorted(_INITIATIVE_TYPES[c] for c in classes if c in _INITIATIVE_TYPES)
        extras["initiative_type"] = kinds[0] if kinds else None
        for name, prop in (("first_line", CCIN.firstLine), ("last_line", CCIN.lastLine), ("year", CCIN.year)):
            value = _first(graph, node, prop)
            extras[name] = int(value.toPython()) if isinstance(value, Literal) else None
    attrs.update({k: v for k, v in extras.items() if v is not None})
    return attrs


def _membership_tiers(graph: Graph) -> dict[Node, str]:
    tiers: dict[Node, str] = {}
    for membership in sorted(graph.subjects(RDF.type, ORG.Membership), key=lambda t: t.n3()):
        member = _first(graph, membership, ORG.member)
        label = _label_of(graph, _first(graph, membership, CCIN.membershipTier))
        if member is not None and label is not None:
            tiers.setdefault(member, str(label))
    return tiers


def _evidence_index(graph: Graph) -> dict[tuple[Node, Node, Node], list[Node]]:
    index: dict[tuple[Node, Node, Node], list[Node]] = defaultdict(list)
    for statement in graph.subjects(RDF.type, RDF.Statement):
        s, p, o = (_first(graph, statement, prop) for prop in (RDF.subject, RDF.predicate, RDF.object))
        if p in RELATIONS:
            index[(s, p, o)].extend(graph.objects(statement, CCIN.evidence))
    return index


def _int(term: Node | None) -> int | None:
    return int(term.toPython()) if isinstance(term, Literal) else None


def _sighting(graph: Graph, evidence: Node) -> dict[str, Any]:
    """One evidence as a plain dict: source, line, last_line, sentence, rule, confidence (known keys only)."""
    document = _first(graph, evidence, CCIN.sourceDocument)
    confidence = _first(graph, evidence, CCIN.confidence)
    sentence = _first(graph, evidence, CCIN.sentence)
    sighting = {
        "source": _text(_first(graph, document, DCTERMS.title)) if document is not None else None,
        "line": _int(_first(graph, evidence, CCIN.firstLine)),
        "last_line": _int(_first(graph, evidence, CCIN.lastLine)),
        "sentence": " ".join(str(sentence).split()) if sentence is not None else None,
        "rule": _text(_first(graph, evidence, CCIN.rule)),
        "confidence": float(confidence.toPython()) if isinstance(confidence, Literal) else None,
    }
    return {k: v for k, v in sighting.items() if v is not None}


def _evidence_attributes(graph: Graph, evidences: list[Node]) -> dict[str, Any]:
    sightings = sorted((_sighting(graph, e) for e in set(evidences)),
                       key=lambda s: (s.get("source", ""), s.get("line", 0), s.get("rule", ""), s.get("sentence", "")))
    sources = set()
    for s in sightings:
        if "source" in s:
            first, last = s.get("line"), s.get("last_line")
            span = "" if first is None else f":{first}" if last in (None, first) else f":{first}-{last}"
            sources.add(f"{s['source']}{span}")
    attrs: dict[str, Any] = {
        "sentences": tuple(sorted({s["sentence"] for s in sightings if "sentence" in s})),
        "sources": tuple(sorted(sources)),
        "rules": tuple(sorted({s["rule"] for s in sightings if "rule" in s})),
        "evidence": tuple(sightings),
    }
    confidences = [s["confidence"] for s in sightings if "confidence" in s]
    if confidences:
        attrs["confidence"] = max(confidences)
    return attrs


def _amounts(graph: Graph) -> dict[tuple[Node, Node], float | int]:
    amounts: dict[tuple[Node, Node], Any] = {}
    for initiative, funding in graph.subject_objects(CCIN.funding):
        funder = _first(graph, funding, CCIN.funder)
        amount = _first(graph, funding, CCIN.amount)
        value = _first(graph, amount, SCHEMA.value) if amount is not None else None
        if funder is None or not isinstance(value, Literal):
            continue
        number = _number(value.toPython())
        key = (initiative, funder)
        amounts[key] = max(amounts.get(key, number), number)
    return amounts


def to_networkx(graph: Graph, relations: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The network of entities and relations in a ccin-kg graph (see the module notes).

    Parameters
    ----------
    graph : rdflib.Graph
        A ccin-kg graph, in any store.
    relations : iterable of str, optional
        Relation names (values of :data:`RELATIONS`) to keep; default all.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by IRI, edges keyed by relation name; nodes and edges
        inserted in sorted order, so writers give the same bytes each time.

    Raises
    ------
    ValueError
        For an unknown relation name.

    Examples
    --------
    >>> from ccin_kg.namespaces import iri
    >>> g = Graph()
    >>> ini, oldham = iri("initiative", "a-food"), iri("org", "oldham-council")
    >>> for t in [(ini, RDF.type, CCIN.Initiative), (ini, RDFS.label, Literal("Food pantry")),
    ...           (oldham, RDF.type, CCIN.Council), (oldham, RDFS.label, Literal("Oldham Council")),
    ...           (ini, CCIN.ledBy, oldham)]:
    ...     _ = g.add(t)
    >>> G = to_networkx(g)
    >>> G.nodes[str(oldham)]["type"], G.nodes[str(ini)]["label"]
    ('council', 'Food pantry')
    >>> [(G.nodes[u]["label"], key, G.nodes[v]["label"]) for u, v, key in G.edges(keys=True)]
    [('Food pantry', 'ledBy', 'Oldham Council')]
    """
    wanted = dict(RELATIONS)
    if relations is not None:
        chosen = set(relations)
        unknown = chosen - set(RELATIONS.values())
        if unknown:
            raise ValueError(f"unknown relation(s) {sorted(unknown)} (use {', '.join(RELATIONS.values())})")
        wanted = {p: name for p, name in RELATIONS.items() if name in chosen}
    classes: dict[Node, set[Node]] = defaultdict(set)
    for s, o in graph.subject_objects(RDF.type):
        classes[s].add(o)
    entities = {node for node, cls in classes.items() if isinstance(node, URIRef) and _node_type(cls)}
    edges: list[tuple[URIRef, URIRef, URIRef]] = []
    for predicate in wanted:
        for s, o in graph.subject_objects(predicate):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                edges.append((s, predicate, o))
                entities.update((s, o))
    tiers = _membership_tiers(graph)
    evidence = _evidence_index(graph)
    amounts = _amounts(graph)
    network = nx.MultiDiGraph()
    for node in sorted(entities, key=str):
        network.add_node(str(node), **_node_attributes(graph, node, classes.get(node, set()), tiers))
    for s, p, o in sorted(edges, key=lambda t: (str(t[0]), wanted[t[1]], str(t[2]))):
        attrs: dict[str, Any] = {"relation": wanted[p], "predicate": str(p)}
        attrs.update(_evidence_attributes(graph, evidence.get((s, p, o), [])))
        if p == CCIN.fundedBy and (s, o) in amounts:
            attrs["amount_gbp"] = float(amounts[(s, o)])
        if p == ORG.memberOf and s in tiers:
            attrs["membership_tier"] = tiers[s]
        network.add_edge(str(s), str(o), key=wanted[p], **attrs)
    return network


def flat_copy(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values are all str, int, float or bool (tuples joined by :data:`SEPARATOR`).

    GraphML, GEXF and CSV hold only scalar values.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="ledBy", sentences=("One.", "Two."), evidence=({"line": 3},))
    >>> flat_copy(G).edges["a", "b", "ledBy"]
    {'sentences': 'One. | Two.'}
    """

    def flat(attrs: dict[str, Any]) -> dict[str, Any]:
        return {k: SEPARATOR.join(map(str, v)) if isinstance(v, (tuple, list)) else v
                for k, v in attrs.items() if k != "evidence" and v is not None}

    copy = nx.MultiDiGraph()
    copy.graph.update(flat(network.graph))
    for node, attrs in network.nodes(data=True):
        copy.add_node(node, **flat(attrs))
    for u, v, key, attrs in network.edges(keys=True, data=True):
        copy.add_edge(u, v, key=key, **flat(attrs))
    return copy
