"""Find, load and run named SPARQL queries, with parameters bound as RDF terms.

The shipped queries are the ``*.rq`` files beside this module (header format:
:mod:`ccin_kg.query`). :func:`run_query` parses a query once, refuses
updates, ``SERVICE`` and ``FROM`` (the graph is read-only and local), binds
each parameter as an RDF literal through rdflib's ``initBindings`` (the text
is never edited) and returns :class:`Rows` with canonical terms, whichever
store the graph lives in. A :class:`pyoxigraph.Store` is queried natively
(:mod:`ccin_kg.query.on_store`, parameters substituted as terms), with the
same checks and the same canonical rows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from ccin_kg.errors import CcinKgError, SourceError
from ccin_kg.query.header import Header, Param, QueryHeaderError, parse_header

__all__ = [
    "NamedQuery",
    "QueryError",
    "QueryHeaderError",
    "QueryNotFound",
    "QueryRefused",
    "QuerySyntaxError",
    "Rows",
    "find_query",
    "ask_rows",
    "graph_rows",
    "hidden_columns",
    "list_queries",
    "load_query",
    "prepare",
    "query_from_text",
    "queryable_graph",
    "run_query",
    "shown_columns",
]

QUERY_SUFFIXES = (".rq", ".sparql")


class QueryError(CcinKgError):
    """A query cannot be run: bad parameter, evaluation failure."""


class QueryNotFound(QueryError):
    """No shipped query has that name."""


class QuerySyntaxError(QueryError):
    """The text is not a SPARQL query; one line says where and why."""


class QueryRefused(QueryError):
    """An update, ``SERVICE`` or ``FROM``: ccin-kg queries are read-only and local."""


@dataclass(frozen=True)
class NamedQuery:
    """A query with its header: ``name``, one-line ``summary``, ``params``, ``text``, ``path``.

    ``path`` is None for SPARQL text given directly. ``declared`` says
    whether the text has a header (then only its parameters are accepted);
    ``shipped`` whether it is one of the library's own queries.
    """

    name: str
    summary: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = None
    declared: bool = field(default=False, compare=False)
    shipped: bool = field(default=False, compare=False)

    @property
    def where(self) -> str:
        """How error messages name the query: its file, else ``query 'name'`` (``query`` for bare text)."""
        if self.path is not None and not self.shipped:
            return str(self.path)
        return "query" if self.name == "query" else f"query {self.name!r}"


@dataclass
class Rows:
    """The answer to a query: column names and rows of RDF terms (None: unbound).

    ``kind`` is ``select``, ``ask`` (one column ``ask``, one boolean row) or
    ``graph`` (CONSTRUCT/DESCRIBE: columns ``subject predicate object``, one
    row per triple, sorted).
    """

    variables: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    kind: str = "select"

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, Any]]:
        """Each row as ``{column: term}``, unbound columns left out.

        Examples
        --------
        >>> Rows(("a", "b"), [(1, None)]).dicts()
        [{'a': 1}]
        """
        return [{k: v for k, v in zip(self.variables, row) if v is not None} for row in self.rows]


# --- finding queries -------------------------------------------------------------


def _shipped_dir():
    return files("ccin_kg.query")


def _from_file(text: str, path: Path, shipped: bool) -> NamedQuery:
    where = str(path)
    header: Header = parse_header(text, where)
    stem = path.name.rsplit(".", 1)[0]
    if shipped:
        if header.name is None:
            raise QueryHeaderError(where, "the header has no '#+ name:' line", 1)
        if header.name != stem:
            raise QueryHeaderError(where, f"the header names the query {header.name!r}, the file {stem!r}", 1)
        if header.summary is None:
            raise QueryHeaderError(where, "the header has no '#+ summary:' line", 1)
    name = header.name or stem
    return NamedQuery(name, header.summary or "", header.params, text, path, declared=header.present,
                      shipped=shipped)


@functools.cache
def _shipped() -> dict[str, NamedQuery]:
    queries: dict[str, NamedQuery] = {}
    for entry in _shipped_dir().iterdir():
        if entry.name.endswith(".rq"):
            query = _from_file(entry.read_text(encoding="utf-8"), Path(str(entry)), shipped=True)
            queries[query.name] = query
    return dict(sorted(queries.items()))


def list_queries() -> list[NamedQuery]:
    """The shipped named queries, sorted by name.

    Raises
    ------
    QueryHeaderError
        If a shipped file's header is broken (a test keeps that from happening).

    Examples
    --------
    >>> names = [q.name for q in list_queries()]
    >>> "funded-by" in names and names == sorted(names)
    True
    """
    return list(_shipped().values())


def load_query(name_or_path: str | Path) -> NamedQuery:
    """A shipped query by name, or a ``.rq`` file by path.

    Parameters
    ----------
    name_or_path : str or pathlib.Path
        ``funded-by``, or a path such as ``my-queries/partners.rq``. A name
        the library lacks that is not a file is an error.

    Returns
    -------
    NamedQuery

    Raises
    ------
    QueryNotFound
        For an unknown name.
    SourceError
        For a file that cannot be read (QueryHeaderError: a broken header).

    Examples
    --------
    >>> load_query("funded-by").params[0].name
    'funder'
    >>> load_query("nope")
    Traceback (most recent call last):
    ...
    ccin_kg.query.library.QueryNotFound: no query named 'nope' (see ccin-kg query --list)
    """
    key = str(name_or_path)
    shipped = _shipped()
    if key in shipped and not isinstance(name_or_path, Path):
        return shipped[key]
    path = Path(name_or_path)
    if isinstance(name_or_path, Path) or path.suffix.lower() in QUERY_SUFFIXES or path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SourceError(path, "no such query file") from None
        except UnicodeDecodeError as e:
            raise SourceError(path, f"is not UTF-8 text ({e.reason} at byte {e.start})") from None
        except OSError as e:
            raise SourceError(path, e.strerror or str(e)) from None
        return _from_file(text, path, shipped=False)
    raise QueryNotFound(f"no query named {key!r} (see ccin-kg query --list)")


def query_from_text(text: str, name: str = "query") -> NamedQuery:
    """A query given as SPARQL text (a ``#+`` header in it is read too).

    Examples
    --------
    >>> q = query_from_text("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
    >>> q.name, q.params, q.path is None
    ('query', (), True)
    """
    header = parse_header(text, name)
    return NamedQuery(header.name or name, header.summary or "", header.params, text, None,
                      declared=header.present)


_LOOKS_LIKE_SPARQL = re.compile(r"\s|[{}]")


def find_query(spec: str) -> NamedQuery:
    """What ``ccin-kg query SPEC`` runs: a shipped name, a ``.rq`` file, or SPARQL text.

    Examples
    --------
    >>> find_query("members").name
    'members'
    >>> find_query("ASK { ?s ?p ?o }").path is None
    True
    >>> find_query("nope")
    Traceback (most recent call last):
    ...
    ccin_kg.query.library.QueryNotFound: no query named 'nope' (see ccin-kg query --list)
    """
    if spec in _shipped():
        return _shipped()[spec]
    path = Path(spec)
    if path.suffix.lower() in QUERY_SUFFIXES or (not _LOOKS_LIKE_SPARQL.search(spec) and path.is_file()):
        return load_query(path)
    if _LOOKS_LIKE_SPARQL.search(spec):
        return query_from_text(spec)
    raise QueryNotFound(f"no query named {spec!r} (see ccin-kg query --list)")


# --- preparing and running -----------------------------------------------------------


def _one_line(text: str, limit: int = 240) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - any failure means "not an update"
        return False
    return True


def _walk(node: Any) -> Iterator[Any]:
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


@functools.lru_cache(maxsize=64)
def _prepare(text: str, where: str):
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    from ccin_kg.namespaces import PREFIXES

    try:
        prepared = prepareQuery(text, initNs=dict(PREFIXES))
    except ParseException as e:
        if _is_update(text):
            raise QueryRefused(f"{where}: updates (INSERT, DELETE, LOAD, CLEAR, DROP ...) are refused: "
                               "the graph is read-only") from None
        raise QuerySyntaxError(f"{where}: SPARQL syntax error at line {e.lineno}, column {e.col}: "
                               f"{_one_line(e.msg)}") from None
    except Exception as e:  # noqa: BLE001 - rdflib raises bare Exceptions (unknown prefix ...)
        raise QuerySyntaxError(f"{where}: {_one_line(e)}") from None
    algebra = prepared.algebra
    if algebra.get("datasetClause"):
        raise QueryRefused(f"{where}: FROM and FROM NAMED are refused: queries run on the ccin-kg graph only")
    if any(node.name == "ServiceGraphPattern" for node in _walk(algebra)):
        raise QueryRefused(f"{where}: SERVICE is refused: queries run on the ccin-kg graph only")
    return prepared


def prepare(query: NamedQuery | str):
    """Parse a query once (cached) and check that it only reads the local graph.

    Parameters
    ----------
    query : NamedQuery or str
        The query, or SPARQL text. The ccin-kg prefixes (``ccin:``,
        ``org:``, ``schema:`` ...) are predeclared.

    Returns
    -------
    rdflib.plugins.sparql.sparql.Query
        The parsed query, for ``Graph.query``.

    Raises
    ------
    QuerySyntaxError
        If the text is not SPARQL (one line: where, line, column, what).
    QueryRefused
        For an update, ``SERVICE`` or ``FROM``.

    Examples
    --------
    >>> prepare("SELECT ?s WHERE { ?s a ccin:Council }").algebra.name
    'SelectQuery'
    >>> try:
    ...     prepare("DROP ALL")
    ... except QueryRefused as e:
    ...     print(str(e).split(":")[1].strip())
    updates (INSERT, DELETE, LOAD, CLEAR, DROP ...) are refused
    """
    if isinstance(query, str):
        query = query_from_text(query)
    return _prepare(query.text, query.where)


def queryable_graph(graph):
    """``graph`` itself when its store is rdflib's in-memory one, else an in-memory copy.

    rdflib's SPARQL engine binds ``initBindings`` everywhere in the query;
    over the Oxigraph store they only reach projected variables, and strings
    come back typed ``xsd:string``. Long-lived callers (the endpoint) should
    call this once and keep the result.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph()
    >>> queryable_graph(g) is g
    True
    """
    from rdflib.plugins.stores.memory import Memory

    if isinstance(graph.store, Memory):
        return graph
    from ccin_kg.build.write import canonical_graph

    return canonical_graph(graph)


def _bindings(query: NamedQuery, params: Mapping[str, str]) -> dict[str, Any]:
    from rdflib import Literal

    declared = {p.name: p for p in query.params}
    bindings: dict[str, Any] = {}
    for name, value in params.items():
        if query.declared and name not in declared:
            takes = ", ".join(declared) or "no parameters"
            raise QueryError(f"{query.where} has no parameter {name!r} (it takes: {takes})")
        if not query.declared and not re.search(rf"[?$]{re.escape(name)}\b", query.text):
            raise QueryError(f"{query.where} has no variable ?{name} to bind")
        if not isinstance(value, str):
            raise QueryError(f"parameter {name!r}: the value must be text, not {type(value).__name__}")
        bindings[name] = Literal(value)
    for param in query.params:
        if param.name not in bindings and param.default is not None:
            bindings[param.name] = Literal(param.default)
    if query.declared:
        from ccin_kg.namespaces import name_key

        for name in [p.name for p in query.params if p.name in bindings]:
            if re.search(rf"[?$]{name}{KEY_SUFFIX}\b", query.text):
                bindings[name + KEY_SUFFIX] = Literal(name_key(str(bindings[name])))
    return bindings


KEY_SUFFIX = "_key"
"""``?NAME_key``, in a query with a header, is bound to the ``ccin:nameKey`` form of parameter NAME's value."""


def run_query(graph, query: NamedQuery | str, params: Mapping[str, str] | None = None) -> Rows:
    """Run a query on ``graph`` with parameters bound as RDF literals.

    Parameters
    ----------
    graph : rdflib.Graph or pyoxigraph.Store
        The ccin-kg graph. A :class:`pyoxigraph.Store` is queried natively
        (all its graphs as one; :mod:`ccin_kg.query.on_store`); an rdflib
        Graph by rdflib's engine (any store; see :func:`queryable_graph`).
    query : NamedQuery or str
        A query from :func:`load_query` / :func:`find_query`, or SPARQL text.
    params : mapping of str to str, optional
        Values for the query's parameters; missing ones take their defaults.
        Each value is bound to ``?name`` as a plain literal: it is data,
        never query text.

    Returns
    -------
    Rows
        Column names and rows of canonical RDF terms (None where unbound).

    Raises
    ------
    QueryError
        For a parameter the query does not take, or a failure while running.
    QuerySyntaxError, QueryRefused
        See :func:`prepare`.

    Examples
    --------
    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://e.org/a"), URIRef("https://e.org/name"), Literal("Oldham")))
    >>> q = query_from_text("SELECT ?s WHERE { ?s <https://e.org/name> ?n FILTER(STR(?n) = ?want) }")
    >>> [str(r[0]) for r in run_query(g, q, {"want": "Oldham"})]
    ['https://e.org/a']
    >>> len(run_query(g, q, {"want": '"} ; DROP ALL ; {"'}))
    0
    """
    if isinstance(query, str):
        query = query_from_text(query)
    from ccin_kg.query.on_store import (
        evaluate,
        is_store,
        rows_from_store,
        store_graph,
        substitutable,
    )

    if is_store(graph):
        if substitutable(query, params):
            return _hide_params(rows_from_store(evaluate(graph, query, params), query), query)
        graph = store_graph(graph)  # a parameter Oxigraph cannot substitute: rdflib binds it anywhere
    return _hide_params(_run_rdflib(graph, query, params), query)


def hidden_columns(query: NamedQuery) -> set[str]:
    """The columns answers leave out: a declared query's parameters and their ``_key`` forms.

    They are projected only so that Oxigraph can bind them (SEP-0007
    substitution binds projected variables); a parameter is never an output.

    Examples
    --------
    >>> sorted(hidden_columns(load_query("partners-of")))
    ['org', 'org_key']
    """
    return {name for p in query.params for name in (p.name, p.name + KEY_SUFFIX)} if query.declared else set()


def shown_columns(query: NamedQuery, variables: Sequence[str]) -> list[int]:
    """The indexes of ``variables`` an answer keeps: all but :func:`hidden_columns`.

    Examples
    --------
    >>> shown_columns(load_query("partners-of"), ["partner", "org", "org_key"])
    [0]
    """
    hidden = hidden_columns(query)
    return [i for i, name in enumerate(variables) if name not in hidden]


def _hide_params(rows: Rows, query: NamedQuery) -> Rows:
    """``rows`` without :func:`hidden_columns`."""
    keep = shown_columns(query, rows.variables)
    if rows.kind != "select" or len(keep) == len(rows.variables):
        return rows
    return Rows(tuple(rows.variables[i] for i in keep), [tuple(row[i] for i in keep) for row in rows.rows])


def ask_rows(answer: bool) -> Rows:
    """The :class:`Rows` of an ASK: one column ``ask``, one boolean row.

    Examples
    --------
    >>> ask_rows(True).rows[0][0].toPython()
    True
    """
    from rdflib import Literal

    return Rows(("ask",), [(Literal(bool(answer)),)], "ask")


def graph_rows(triples: Iterable[tuple[Any, Any, Any]]) -> Rows:
    """The :class:`Rows` of a CONSTRUCT or DESCRIBE: one row per (canonical) triple, sorted.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> a, b = URIRef("https://e.org/a"), URIRef("https://e.org/b")
    >>> [str(row[0]) for row in graph_rows([(b, a, a), (a, a, a)])]
    ['https://e.org/a', 'https://e.org/b']
    """
    return Rows(("subject", "predicate", "object"), sorted(triples, key=lambda t: tuple(x.n3() for x in t)),
                "graph")


def _run_rdflib(graph, query: NamedQuery, params: Mapping[str, str] | None) -> Rows:
    from ccin_kg.namespaces import canonical_term

    def canon(term):
        return None if term is None else canonical_term(term)

    prepared = prepare(query)
    bindings = _bindings(query, params or {})
    try:
        result = queryable_graph(graph).query(prepared, initBindings=bindings)
        if result.type == "ASK":
            return ask_rows(result.askAnswer)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return graph_rows(tuple(canon(t) for t in triple) for triple in result.graph)
        variables = tuple(str(v) for v in result.vars)
        return Rows(variables, [tuple(canon(t) for t in row) for row in result], "select")
    except CcinKgError:
        raise
    except Exception as e:  # noqa: BLE001 - rdflib's evaluator raises many types; one line for the user
        raise QueryError(f"{query.where}: {_one_line(e)}") from e
