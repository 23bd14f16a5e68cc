"""CCIN holds exactly the terms of ontology/ccin.ttl; slugs and IRIs are well formed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, URIRef
from rdflib.namespace import get_annotations  # type: ignore[attr-defined]

from ccin_kg.namespaces import (
    CCIN,
    ORG,
    PREFIXES,
    RDFS,
    bind_prefixes,
    iri,
    slugify,
)

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "ccin.ttl"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def ontology_terms(graph: Graph) -> set[str]:
    ns = str(CCIN)
    return {str(s)[len(ns) :] for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}


def test_ccin_holds_exactly_the_terms_of_the_ontology(ontology):
    declared = set(get_annotations(CCIN))
    defined = ontology_terms(ontology)
    assert declared == defined, f"only in CCIN: {declared - defined}; only in ccin.ttl: {defined - declared}"


def test_every_ccin_term_used_in_the_ontology_is_defined(ontology):
    used = {str(t) for triple in ontology for t in triple if isinstance(t, URIRef) and str(t).startswith(str(CCIN))}
    assert {u[len(str(CCIN)) :] for u in used} <= ontology_terms(ontology)


def test_unknown_terms_raise():
    assert CCIN.fundedBy == URIRef("https://w3id.org/ccin-kg/ontology#fundedBy")
    with pytest.raises(AttributeError):
        CCIN.fundedby  # noqa: B018
    with pytest.raises(AttributeError):
        ORG.memberof  # noqa: B018


def test_bind_prefixes_binds_the_fixed_set():
    g = bind_prefixes(Graph(bind_namespaces="none"))
    bound = {prefix: str(ns) for prefix, ns in g.namespaces()}
    assert bound == {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    assert bound["schema"] == "https://schema.org/"
    assert bound["id"] == "https://w3id.org/ccin-kg/id/"


def test_prefixes_replace_rdflib_defaults():
    g = bind_prefixes(Graph())  # rdflib binds its own "schema" etc. by default
    assert dict(g.namespaces())["schema"] == URIRef("https://schema.org/")
    assert g.namespace_manager.compute_qname(str(CCIN.ledBy))[0] == "ccin"


def test_iri():
    assert iri("org", "oldham-council") == URIRef("https://w3id.org/ccin-kg/id/org/oldham-council")
    for kind, slug in [("org", ""), ("org", "a/b"), ("org", "A"), ("Org", "a"), ("org", "-a"), ("org", "a--b")]:
        with pytest.raises(ValueError):
            iri(kind, slug)


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Oldham Council", "oldham-council"),
        ("Telford & Wrekin Council", "telford-and-wrekin-council"),
        ("Children’s Commissioner", "childrens-commissioner"),
        ("Côte d'Ivoire  –  Straße", "cote-divoire-strasse"),
        ("  --Co-operative--  ", "co-operative"),
        ("002_2de81e56ae3274dc.txt", "002-2de81e56ae3274dc-txt"),
    ],
)
def test_slugify_examples(text, slug):
    assert slugify(text) == slug


def test_slugify_never_empty_and_distinguishes_symbol_only_names():
    assert SLUG.match(slugify(""))
    assert slugify("£") != slugify("€")


def test_long_slugs_are_cut_but_stay_distinct():
    a, b = slugify("word " * 30 + "alpha"), slugify("word " * 30 + "beta")
    assert len(a) <= 80 and len(b) <= 80 and a != b


@given(st.text(), st.integers(min_value=16, max_value=200))
def test_slugify_properties(text, max_length):
    slug = slugify(text, max_length=max_length)
    assert slug
    assert SLUG.match(slug), slug
    assert len(slug) <= max_length
    assert slugify(text, max_length=max_length) == slug  # stable
    assert slugify(slug, max_length=max_length) == slug  # idempotent
    assert iri("x", slug)  # always a valid IRI segment


def test_every_ccin_term_has_label_and_comment(ontology):
    for name in get_annotations(CCIN):
        term = CCIN[name]
        assert (term, RDFS.label, None) in ontology, name
        assert (term, RDFS.comment, None) in ontology, name
