"""Parameter values are data, never query text: quotes, braces, ``#``, newlines or whole SPARQL clauses.

The values here hold no letter run that spells a label of the small graph
(they are built from digits, punctuation, spaces and SPARQL keywords), so
every named query must answer with no rows and no error, and the engine must
see the very query the file holds, with the value only in its bindings.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from ccin_kg.build.write import canonical_graph
from ccin_kg.namespaces import name_key
from ccin_kg.query.library import list_queries, load_query, prepare, run_query
from test_query_library import cli_group, small_graph

INJECTIONS = [
    '"', "'", "}", "{", "#", "\n", "\r\n", "\\", '\\"', "?", "$", "<", ">", ";", ".",
    '"} ; DROP ALL ; {"',
    "'} ; DROP ALL ; {'",
    '" . } UNION { ?s ?p ?o } #',
    '"))) } INSERT DATA { <urn:x> <urn:y> <urn:z> } #',
    "\"\"\"\n} LIMIT 0 #",
    '") || true || ("',
    "} } SELECT * WHERE { ?s ?p ?o",
    "# comment\n} ORDER BY ?x",
    '<https://w3id.org/ccin-kg/id/org/oldham-council>',
]  # fmt: skip
NO_LETTERS = "0123456789 \t-_,:;!?()[]{}<>\"'#\\/%&*+=|~^`@$\n£€–"
FILLER = st.text(alphabet=st.sampled_from(list(NO_LETTERS)), max_size=12)
VALUES = st.builds(lambda a, b, c: a + b + c, FILLER, st.sampled_from(INJECTIONS), FILLER)
PARAMETERS = [(q.name, p.name) for q in list_queries() for p in q.params]


class SpyGraph(Graph):
    """An in-memory graph that records what reaches the SPARQL engine."""

    calls: list

    def query(self, query_object, *args, **kwargs):
        self.calls.append((query_object, kwargs.get("initBindings")))
        return super().query(query_object, *args, **kwargs)


@pytest.fixture(scope="module")
def spy() -> SpyGraph:
    graph = SpyGraph()
    for triple in canonical_graph(small_graph()):
        graph.add(triple)
    graph.calls = []
    return graph


def test_every_parameterised_query_is_covered():
    assert len(PARAMETERS) >= 10
    assert {name for name, _ in PARAMETERS} >= {"funded-by", "members", "provenance-of", "shared-partners"}


@pytest.mark.parametrize("name, param", PARAMETERS, ids=[f"{n}:{p}" for n, p in PARAMETERS])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUES)
def test_value_is_a_plain_literal(spy, name, param, value):
    named = load_query(name)
    text_before = named.text
    rows = run_query(spy, named, {param: value})
    assert rows.rows == []  # a clean "no rows": nothing matched, nothing broke
    query_object, bindings = spy.calls[-1]
    assert query_object is prepare(named)  # the same parsed query for every value: its shape never changes
    assert named.text == text_before
    assert bindings[param] == Literal(value) and bindings[param].datatype is None
    others = {p.name: Literal(p.default) for p in named.params if p.name != param and p.default is not None}
    given_values = {param: Literal(value), **others}
    keys = {f"{n}_key": Literal(name_key(str(v))) for n, v in given_values.items() if f"?{n}_key" in named.text}
    assert bindings == {**given_values, **keys}


@settings(max_examples=25, deadline=None)
@given(value=VALUES)
def test_value_reaches_the_graph_only_as_a_string(value):
    """Whatever the value, the graph is unchanged and the answer is the string itself."""
    graph = Graph()
    graph.add((URIRef("urn:x:s"), URIRef("urn:x:p"), Literal(value)))
    before = set(graph)
    rows = run_query(graph, "SELECT ?s WHERE { ?s <urn:x:p> ?v FILTER(STR(?v) = STR(?want)) }", {"want": value})
    assert [str(r[0]) for r in rows] == ["urn:x:s"]
    assert set(graph) == before


@pytest.mark.parametrize("value", ['"} ; DROP ALL ; {"', "x' } UNION { ?s ?p ?o } #\n"])
def test_injection_through_the_cli_is_plain_data(tmp_path, value):
    from ccin_kg.build.write import write_graph

    write_graph(small_graph(), tmp_path)
    before = (tmp_path / "ccin.ttl").read_bytes()
    result = CliRunner().invoke(cli_group(), ["query", "funded-by", "--param", f"funder={value}",
                                              "--graph", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "(no rows)"
    assert (tmp_path / "ccin.ttl").read_bytes() == before
