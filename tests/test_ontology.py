"""The three ontology files parse; the principles and tiers are complete; shapes are SHACL."""

from __future__ import annotations

from importlib.resources import files

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from ccin_kg.build.graph import COUNCIL_TIERS, MEMBERSHIP_TIERS
from ccin_kg.namespaces import CCIN, OWL, RDF, RDFS, SKOS, iri, load_ontology
from ccin_kg.validate import validate

PRINCIPLES = [
    ("social-partnership", "Social partnership"),
    ("democratic-engagement", "Democratic engagement"),
    ("co-production", "Co-production"),
    ("enterprise-and-social-economy", "Enterprise and social economy"),
    ("maximising-social-value", "Maximising social value"),
    ("community-leadership-and-a-new-role-for-councillors", "Community leadership and a new role for councillors"),
    ("new-models-of-meeting-priority-needs", "New models of meeting priority needs"),
    ("innovation", "Innovation"),
    ("learning", "Learning"),
    ("walking-the-talk", "Walking the talk"),
]


@pytest.fixture(scope="module")
def principles() -> Graph:
    return load_ontology("principles.ttl")


@pytest.mark.parametrize("name", ["ccin.ttl", "principles.ttl", "shapes.ttl"])
def test_ontology_files_parse_from_the_package(name):
    assert len(load_ontology(name)) > 50


def test_ontology_header():
    g = load_ontology("ccin.ttl")
    ontology = URIRef("https://w3id.org/ccin-kg/ontology")
    assert (ontology, RDF.type, OWL.Ontology) in g
    assert (ontology, RDFS.label, None) in g and (ontology, RDFS.comment, None) in g


def test_council_and_organisation_classes_reuse_org():
    g = load_ontology("ccin.ttl")
    for cls in (CCIN.Council, CCIN.Charity, CCIN.Cooperative, CCIN.Company, CCIN.University,
                CCIN.NHSBody, CCIN.GovernmentBody, CCIN.Network):  # fmt: skip
        assert (cls, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in g
    for cls in (CCIN.Principle, CCIN.Theme, CCIN.Approach, CCIN.MembershipTier, CCIN.CouncilTier):
        assert (cls, RDFS.subClassOf, SKOS.Concept) in g
    assert (CCIN.Fund, RDFS.subClassOf, CCIN.Funder) in g


def test_ten_principles_in_order(principles):
    scheme = iri("scheme", "principles")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in principles
    found = sorted(
        (int(principles.value(p, SKOS.notation)), p, str(principles.value(p, SKOS.prefLabel)))
        for p in principles.subjects(RDF.type, CCIN.Principle)
    )
    assert found == [(n, iri("principle", slug), label) for n, (slug, label) in enumerate(PRINCIPLES, 1)]
    for _, principle, _ in found:
        assert (principle, RDF.type, SKOS.Concept) in principles
        assert (principle, SKOS.inScheme, scheme) in principles


def corpus_text() -> str:
    corpus = files("ccin_kg") / "data" / "corpus"
    return "\n".join(
        (corpus / name).read_text(encoding="utf-8")
        for name in ("000_ccbbaca0fbe0f7f8.txt", "001_e7f087d0d27ff22f.txt", "004_a4c63ada8dc3471f.txt")
    )


def test_principle_definitions_are_copied_from_the_statement(principles):
    text = corpus_text()
    for slug, _ in PRINCIPLES:
        definition = principles.value(iri("principle", slug), SKOS.definition)
        assert definition is not None and len(definition) > 40, slug
        assert str(definition) in text, slug
    walking = str(principles.value(iri("principle", "walking-the-talk"), SKOS.definition))
    opening = "As a membership organisation, we will make this statement of our principles operational by: "
    assert walking.startswith(opening)
    assert walking.count("•") == 6 and walking.endswith("today’s challenges.")


def test_membership_tiers(principles):
    scheme = iri("scheme", "membership-tiers")
    labels = {}
    for tier in MEMBERSHIP_TIERS:
        concept = iri("tier", tier)
        assert (concept, SKOS.inScheme, scheme) in principles
        assert (concept, RDF.type, CCIN.MembershipTier) in principles
        labels[tier] = str(principles.value(concept, SKOS.prefLabel))
    assert labels == {"full": "Full", "associate": "Associate", "affiliate": "Affiliate"}


def test_council_tiers(principles):
    scheme = iri("scheme", "council-tiers")
    concepts = set(principles.subjects(SKOS.inScheme, scheme))
    assert concepts == {iri("council-tier", tier) for tier in COUNCIL_TIERS}
    assert len(concepts) == 10
    for concept in concepts:
        assert (concept, RDF.type, CCIN.CouncilTier) in principles
        assert (concept, SKOS.prefLabel, None) in principles


def test_shapes_are_shacl():
    shapes = load_ontology("shapes.ttl")
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    targets = {shapes.value(s, SH.targetClass) for s in node_shapes}
    assert {CCIN.Initiative, CCIN.Council, CCIN.Funding, CCIN.Evidence, RDF.Statement,
            URIRef("http://www.w3.org/ns/org#Membership")} <= targets  # fmt: skip
    for shape in shapes.subjects(RDF.type, SH.PropertyShape):
        assert (shape, SH.path, None) in shapes, shape
        assert (shape, SH.message, None) in shapes, shape
    ccin_terms = {t for triple in shapes for t in triple if isinstance(t, URIRef) and t.startswith(str(CCIN))}
    assert all(t in CCIN for t in ccin_terms), ccin_terms


def test_pyshacl_runs_the_shapes_on_an_empty_graph():
    conforms, report = validate(Graph())
    assert conforms, report


def test_shape_patterns():
    shapes = load_ontology("shapes.ttl")
    patterns = {str(p) for p in shapes.objects(None, SH.pattern)}
    assert "^[ENSWK][0-9]{8}$" in patterns
    assert "^GB-(LAE|LAS|PLA|LANI)-" in patterns
    assert Literal("^[ENSWK][0-9]{8}$") in set(shapes.objects(None, SH.pattern))
