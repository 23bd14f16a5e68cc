"""SHACL validation: the built sample conforms; each broken shape is reported."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SH

from ccin_kg.build.graph import build_graph, statement_iri
from ccin_kg.namespaces import CCIN, DCTERMS, ORG, SCHEMA, SKOS, iri
from ccin_kg.validate import load_shapes, validate

try:  # tests/ is on sys.path when pytest imports test modules by file
    from test_build_graph import FOOD, OLDHAM, sample_records
except ImportError:  # tests imported as a package
    from tests.test_build_graph import FOOD, OLDHAM, sample_records


@pytest.fixture(scope="module")
def sample() -> Graph:
    return build_graph(*sample_records())


def broken(sample: Graph, remove=(), add=()) -> Graph:
    g = Graph()
    for triple in sample:
        g.add(triple)
    for triple in remove:
        g.remove(triple)
    for triple in add:
        g.add(triple)
    return g


def test_sample_graph_conforms(sample):
    conforms, report = validate(sample)
    assert conforms, report
    assert "Conforms: True" in report


def test_load_shapes_gives_the_shipped_shapes():
    assert (None, SH.targetClass, CCIN.Evidence) in load_shapes()


def evidence_of(graph: Graph, s, p, o):
    return next(graph.objects(statement_iri(s, p, o), CCIN.evidence))


def test_evidence_without_source_document(sample):
    evidence = evidence_of(sample, FOOD, CCIN.ledBy, OLDHAM)
    g = broken(sample, remove=[(evidence, CCIN.sourceDocument, None)])
    conforms, report = validate(g)
    assert not conforms
    assert "exactly one ccin:sourceDocument" in report
    assert str(evidence) in report


def test_council_with_malformed_gss(sample):
    g = broken(
        sample,
        remove=[(OLDHAM, SKOS.notation, None)],
        add=[(OLDHAM, SKOS.notation, Literal("E0800004"))],
    )
    conforms, report = validate(g)
    assert not conforms
    assert "GSS code" in report
    assert "E0800004" in report


def test_council_with_foreign_org_id(sample):
    g = broken(
        sample,
        remove=[(OLDHAM, DCTERMS.identifier, None)],
        add=[(OLDHAM, DCTERMS.identifier, Literal("GB-CHC-123"))],
    )
    conforms, report = validate(g)
    assert not conforms
    assert "org-id.guide local-authority identifier" in report


def test_confidence_out_of_range(sample):
    evidence = evidence_of(sample, FOOD, CCIN.ledBy, OLDHAM)
    g = broken(sample, remove=[(evidence, CCIN.confidence, None)], add=[(evidence, CCIN.confidence, Literal(1.5))])
    conforms, report = validate(g)
    assert not conforms
    assert "ccin:confidence" in report


def test_statement_without_evidence(sample):
    st = statement_iri(FOOD, CCIN.ledBy, OLDHAM)
    g = broken(sample, remove=[(st, CCIN.evidence, None)])
    conforms, report = validate(g)
    assert not conforms
    assert "at least one ccin:evidence" in report
    assert str(st) in report


def test_initiative_with_two_titles_and_odd_year(sample):
    g = broken(
        sample,
        remove=[(FOOD, CCIN.year, None)],
        add=[(FOOD, DCTERMS.title, Literal("Another title")), (FOOD, CCIN.year, Literal(1850))],
    )
    conforms, report = validate(g)
    assert not conforms
    assert "exactly one dcterms:title" in report
    assert "between 1900 and 2100" in report


def test_led_by_something_that_is_not_an_organisation(sample):
    g = broken(sample, add=[(FOOD, CCIN.ledBy, iri("place", "failsworth"))])
    conforms, report = validate(g)
    assert not conforms
    assert "ccin:ledBy points to an org:Organization" in report


def test_funding_with_two_funders_and_negative_amount(sample):
    (funding,) = sample.objects(FOOD, CCIN.funding)
    amount = sample.value(funding, CCIN.amount)
    g = broken(
        sample,
        remove=[(amount, SCHEMA.value, None)],
        add=[(funding, CCIN.funder, OLDHAM), (amount, SCHEMA.value, Literal(-5))],
    )
    conforms, report = validate(g)
    assert not conforms
    assert "exactly one ccin:funder" in report
    assert "not negative" in report


def test_membership_tier_outside_the_scheme(sample):
    membership = iri("membership", "oldham-council")
    g = broken(
        sample,
        remove=[(membership, CCIN.membershipTier, None)],
        add=[(membership, CCIN.membershipTier, iri("tier", "gold"))],
    )
    conforms, report = validate(g)
    assert not conforms
    assert "membership-tier scheme" in report


def test_membership_without_member(sample):
    membership = iri("membership", "oldham-council")
    g = broken(sample, remove=[(membership, ORG.member, None)])
    conforms, report = validate(g)
    assert not conforms
    assert "exactly one org:member" in report


def test_custom_shapes_replace_the_shipped_ones(sample):
    conforms, report = validate(sample, shapes=Graph())
    assert conforms, report
