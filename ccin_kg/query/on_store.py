"""Run queries natively on a pyoxigraph Store, parameters substituted as RDF terms.

The library's checks come first (:func:`ccin_kg.query.library.prepare`: a
syntax error is one line, updates, ``SERVICE`` and ``FROM`` are refused),
then Oxigraph evaluates the original text over the union of the store's
graphs with each parameter passed through ``substitutions`` (the SPARQL-dev
SEP-0007 pre-binding: the variable holds the literal in every part of the
query, like rdflib's ``initBindings``). The text is never edited.

:func:`evaluate` gives Oxigraph terms (the endpoint serialises them as they
are); :func:`ccin_kg.query.library.run_query` turns them into canonical
rdflib terms, so both engines answer with the same :class:`Rows`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["StoreAnswer", "evaluate", "is_store", "rows_from_store", "store_graph", "substitutable", "to_rdflib"]


@dataclass
class StoreAnswer:
    """``kind`` (``select``, ``ask``, ``graph``), column names, and an iterator of rows or triples.

    For ``ask``, ``answer`` holds the boolean and ``rows`` is empty.
    """

    kind: str
    variables: tuple[str, ...]
    rows: Any
    answer: bool = False


def is_store(obj: Any) -> bool:
    """Whether ``obj`` is a :class:`pyoxigraph.Store` (without importing pyoxigraph for rdflib graphs).

    Examples
    --------
    >>> import pyoxigraph
    >>> is_store(pyoxigraph.Store()), is_store(object())
    (True, False)
    """
    module = type(obj).__module__ or ""
    if not module.startswith("pyoxigraph"):
        return False
    import pyoxigraph

    return isinstance(obj, pyoxigraph.Store)


@functools.cache
def _prefixes() -> dict[str, str]:
    from ccin_kg.namespaces import PREFIXES

    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def evaluate(store, query, params: Mapping[str, str] | None = None) -> StoreAnswer:
    """Run ``query`` on ``store`` (all its graphs as one) with ``params`` bound as plain literals.

    Parameters
    ----------
    store : pyoxigraph.Store
    query : NamedQuery or str
        A query from :func:`ccin_kg.query.library.load_query`, or SPARQL text
        (the ccin-kg prefixes are predeclared).
    params : mapping of str to str, optional
        Values for the query's parameters; missing ones take their defaults.

    Returns
    -------
    StoreAnswer
        Rows as tuples of Oxigraph terms (None: unbound), produced lazily.
        A parameter must be projected (see :func:`substitutable`).

    Raises
    ------
    QuerySyntaxError, QueryRefused, QueryError
        As :func:`ccin_kg.query.library.run_query`.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://e.org/a"), ox.NamedNode("https://e.org/n"), ox.Literal("Oldham"),
    ...                   ox.NamedNode("https://e.org/doc1")))
    >>> text = "SELECT ?s ?want WHERE { ?s <https://e.org/n> ?n FILTER(STR(?n) = ?want) }"
    >>> [row[0].value for row in evaluate(store, text, {"want": "Oldham"}).rows]
    ['https://e.org/a']
    >>> list(evaluate(store, text, {"want": '"} ; DROP ALL ; {"'}).rows)
    []
    """
    import pyoxigraph

    from ccin_kg.query.library import (
        QueryError,
        _bindings,
        _one_line,
        prepare,
        query_from_text,
    )

    if isinstance(query, str):
        query = query_from_text(query)
    prepare(query)
    substitutions = {pyoxigraph.Variable(name): pyoxigraph.Literal(str(value))
                     for name, value in _bindings(query, params or {}).items()}
    try:
        result = store.query(query.text, prefixes=_prefixes(), use_default_graph_as_union=True,
                             substitutions=substitutions)
    except (SyntaxError, OSError, RuntimeError, ValueError, TypeError) as e:
        raise QueryError(f"{query.where}: {_one_line(getattr(e, 'msg', None) or e)}") from e
    if isinstance(result, pyoxigraph.QueryBoolean):
        return StoreAnswer("ask", ("ask",), iter(()), bool(result))
    if isinstance(result, pyoxigraph.QueryTriples):
        return StoreAnswer("graph", ("subject", "predicate", "object"), result)
    variables = tuple(v.value for v in result.variables)
    return StoreAnswer("select", variables, (tuple(solution) for solution in result))


def to_rdflib(term):
    """An Oxigraph term as the rdflib term with the same meaning (None stays None).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> to_rdflib(ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))).toPython()
    5
    >>> to_rdflib(ox.Literal("Oldham", language="en")).language
    'en'
    """
    if term is None:
        return None
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    raise TypeError(f"cannot convert {type(term).__name__} to rdflib")


def substitutable(query, params: Mapping[str, str] | None = None) -> bool:
    """Whether Oxigraph can bind every parameter: a SELECT that projects each one (``SELECT *`` does).

    SEP-0007 substitution binds a variable of the query's projection; the
    shipped queries project their parameters (the library hides those
    columns). Anything else runs on an rdflib copy (:func:`store_graph`).

    Examples
    --------
    >>> substitutable("SELECT ?s WHERE { ?s ?p ?want }", {"want": "x"})
    False
    >>> substitutable("SELECT ?s ?want WHERE { ?s ?p ?want }", {"want": "x"})
    True
    >>> substitutable("ASK { ?s ?p ?o }")
    True
    """
    from ccin_kg.query.library import _bindings, prepare, query_from_text

    if isinstance(query, str):
        query = query_from_text(query)
    names = set(_bindings(query, params or {}))
    if not names:
        return True
    algebra = prepare(query).algebra
    return algebra.name == "SelectQuery" and names <= {str(v) for v in algebra.get("PV", ())}


def rows_from_store(answer: StoreAnswer, query):
    """:class:`ccin_kg.query.library.Rows` of canonical rdflib terms from an :class:`StoreAnswer`.

    Triples of a CONSTRUCT/DESCRIBE are sorted, as the rdflib path sorts them.
    """
    from ccin_kg.namespaces import canonical_term
    from ccin_kg.query.library import QueryError, Rows, _one_line, ask_rows, graph_rows

    seen: dict = {}  # answers repeat terms (a funder on every row): convert each once

    def canon(term):
        if term is None:
            return None
        converted = seen.get(term)
        if converted is None:
            converted = seen[term] = canonical_term(to_rdflib(term))
        return converted

    if answer.kind == "ask":
        return ask_rows(answer.answer)
    try:
        if answer.kind == "graph":
            return graph_rows(tuple(canon(t) for t in (tr.subject, tr.predicate, tr.object)) for tr in answer.rows)
        return Rows(answer.variables, [tuple(canon(t) for t in row) for row in answer.rows])
    except (OSError, RuntimeError, ValueError, TypeError) as e:
        raise QueryError(f"{query.where}: {_one_line(e)}") from e


def store_graph(store):
    """An rdflib in-memory copy of every triple in ``store`` (its graphs merged), for rdflib's engine.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://e.org/a"), ox.NamedNode("https://e.org/p"), ox.Literal("x")))
    >>> len(store_graph(store))
    1
    """
    import pyoxigraph
    from rdflib import Graph

    data = pyoxigraph.serialize((quad.triple for quad in store), format=pyoxigraph.RdfFormat.N_TRIPLES)
    graph = Graph(bind_namespaces="none")
    graph.parse(data=(data or b"").decode("utf-8"), format="nt")
    return graph
