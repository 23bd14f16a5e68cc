"""The named queries answer the same on both engines: rdflib's in-memory Graph and a pyoxigraph Store.

The store path (:mod:`ccin_kg.query.on_store`) is what ``ccin-kg query`` on a
build directory and the endpoint's ``/query/NAME`` run; the rdflib path is
what the library runs on any rdflib Graph. Both must give the same canonical
rows, in the same order, for every shipped query, with and without
parameters, on the corpus build and on the small hand-made graph.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_query_library import small_graph

from ccin_kg.namespaces import name_key
from ccin_kg.query.library import (
    hidden_columns,
    list_queries,
    load_query,
    prepare,
    run_query,
)
from ccin_kg.query.on_store import evaluate, substitutable

PARAMS = {
    "affiliates-working-with": [{"approach": "lived experience"}, {"approach": "Preston"}, {"approach": ""}],
    "contacts-for": [{"name": "poverty truth"}, {"name": "Rochdale Borough Council"}, {"name": ""}],
    "councils-by-region": [{"region": "north-west"}, {"region": "Wales"}],
    "funded-by": [{"funder": "ukspf"}, {"funder": "Joseph Rowntree Foundation"}, {"funder": "uk shared-prosperity fund"}],
    "initiatives-by-principle": [{"principle": "coproduction"}],
    "members": [{"tier": "affiliate"}, {"tier": "FULL"}],
    "partners-of": [{"org": "Action Together"}, {"org": "locality"}, {"org": "UKSPF"}],
    "provenance-of": [{"subject": "Oldham Poverty Truth", "predicate": "led by"}, {"subject": "action together"}],
    "shared-partners": [{"org_a": "Action Together", "org_b": "oldham council"}],
}
CASES = [(q.name, params) for q in list_queries() for params in [{}] + PARAMS.get(q.name, [])]


def store_of(graph) -> ox.Store:
    store = ox.Store()
    data = graph.serialize(format="nt", encoding="utf-8")
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


@pytest.fixture(scope="module")
def small_pair():
    graph = small_graph()
    from ccin_kg.build.write import canonical_graph

    memory = canonical_graph(graph)
    return memory, store_of(memory)


@pytest.fixture(scope="module")
def corpus_store(built):
    from ccin_kg.store import open_store

    return open_store(built[0])


def test_every_shipped_query_runs_natively_on_the_store():
    for named in list_queries():
        defaults = {p.name: p.default or "x" for p in named.params}
        assert substitutable(named, defaults), f"{named.name}: every parameter must be projected (SEP-0007)"
        assert set(prepare(named).algebra["PV"]) >= {__import__("rdflib").Variable(c) for c in hidden_columns(named)
                                                     if f"?{c}" in named.text}


@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}{p}" for n, p in CASES])
def test_same_rows_on_both_engines_small(small_pair, name, params):
    memory, store = small_pair
    named = load_query(name)
    a, b = run_query(memory, named, params), run_query(store, named, params)
    assert a.variables == b.variables and not hidden_columns(named) & set(a.variables)
    assert a.rows == b.rows


@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}{p}" for n, p in CASES])
def test_same_rows_on_both_engines_corpus(graph, corpus_store, name, params):
    named = load_query(name)
    a, b = run_query(graph, named, params), run_query(corpus_store, named, params)
    assert a.variables == b.variables
    assert a.rows == b.rows


def test_corpus_answers_are_not_empty(corpus_store):
    """The equivalence above is not two empty answers: the defaults find what the corpus says."""
    for name in ["affiliates-working-with", "funded-by", "members", "partners-of", "funders", "contacts-for"]:
        assert len(run_query(corpus_store, load_query(name))) > 0, name


def test_optional_parameter_left_out_or_given(small_pair):
    """Oxigraph treats BOUND() of a substituted variable as false, so the queries test COALESCE instead."""
    _, store = small_pair
    everyone = run_query(store, load_query("members"))
    affiliates = run_query(store, load_query("members"), {"tier": "affiliate"})
    assert 0 < len(affiliates) < len(everyone)


def test_unprojected_parameter_falls_back_to_rdflib(small_pair):
    _, store = small_pair
    text = "SELECT ?s WHERE { ?s ccin:membershipTier ?t . ?t skos:prefLabel ?want }"
    assert not substitutable(text, {"want": "Affiliate"})
    assert len(run_query(store, text, {"want": "Affiliate"})) == 2


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40))
def test_name_key_equals_the_sparql_expression(text):
    """``ccin:nameKey`` in the graph and the key the queries compute from a parameter always agree."""
    store = ox.Store()
    query = ('SELECT ?k ?x WHERE { BIND(LCASE(REPLACE(REPLACE(STR(?x), "&", "and"), "[^A-Za-z0-9]", "")) AS ?k) }')
    [row] = list(store.query(query, substitutions={ox.Variable("x"): ox.Literal(text)}))
    assert row["k"].value == name_key(text)


@settings(max_examples=60, deadline=None)
@given(value=st.text(max_size=30))
def test_any_value_is_data_on_the_store(small_pair, value):
    _, store = small_pair
    before = len(store)
    for named in list_queries():
        for param in named.params:
            list(evaluate(store, named, {param.name: value}).rows)
    assert len(store) == before


def test_cli_query_reads_the_store_and_falls_back_to_turtle(built, tmp_path):
    """``ccin-kg query`` on a build directory runs on ``store/``; without one, on ``ccin.ttl``."""
    import shutil

    from click.testing import CliRunner

    from ccin_kg.cli import cli

    store_only, turtle_only = tmp_path / "store-only", tmp_path / "turtle-only"
    shutil.copytree(built[0] / "store", store_only / "store")
    turtle_only.mkdir()
    shutil.copy(built[0] / "ccin.ttl", turtle_only / "ccin.ttl")
    outputs = []
    for graph_dir in (store_only, turtle_only):
        result = CliRunner().invoke(cli, ["query", "funded-by", "-p", "funder=UKSPF", "--format", "csv",
                                          "--graph", str(graph_dir)])
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and len(outputs[0].splitlines()) > 2
