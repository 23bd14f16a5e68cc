"""The query worker: a process that holds the store and answers one job at a time.

pyoxigraph cannot interrupt a query from another thread, so the endpoint
runs each query in a worker process (:mod:`ccin_kg.serve.pool`) and kills
the process when the time limit passes. A job is a :class:`Job`, an answer
an :class:`Answer`; both cross the pipe pickled. Library code: no print.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

__all__ = ["Answer", "Job", "execute", "serve_jobs"]


@dataclass(frozen=True)
class Job:
    """What to run: ``op`` is ``query`` (SPARQL text), ``named`` (a library query) or ``update``."""

    op: str
    text: str = ""
    fmt: str = "json"
    max_rows: int = 10000
    name: str = ""
    params: dict[str, str] = field(default_factory=dict)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, body, media type, and whether rows were left out."""

    status: int
    body: bytes
    media_type: str = "text/plain"
    truncated: bool = False
    rows: int | None = None

    @classmethod
    def error(cls, status: int, message: str) -> Answer:
        """A one-line plain-text error.

        Examples
        --------
        >>> Answer.error(400, "bad\\nquery").body
        b'bad query\\n'
        """
        return cls(status, (" ".join(message.split()) + "\n").encode("utf-8"))


_MEDIA = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "nt": "application/n-triples",
    "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml",
}
_RESULT_FORMATS = ("json", "xml", "csv", "tsv")


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _from_rdflib(term):
    """An rdflib term as a pyoxigraph term (None stays None)."""
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    raise TypeError(f"cannot serialise {type(term).__name__}")


class _State:
    """The store, and an rdflib copy of it (made on first use) for a library query Oxigraph cannot bind."""

    def __init__(self, store: Any):
        self.store = store
        self._graph = None

    def graph(self):
        if self._graph is None:
            from ccin_kg.query.on_store import store_graph

            self._graph = store_graph(self.store)
        return self._graph

    def changed(self) -> None:
        self._graph = None


def _answer(kind: str, variables, rows: list, fmt: str, max_rows: int) -> Answer:
    from ccin_kg.serve.results import boolean_bytes, graph_bytes, solutions_bytes

    if kind == "ask":
        fmt = fmt if fmt in _RESULT_FORMATS else "json"
        return Answer(200, boolean_bytes(bool(rows), fmt), _MEDIA[fmt], rows=1)
    truncated = len(rows) > max_rows
    rows = rows[:max_rows]
    if kind == "graph":
        fmt = fmt if fmt not in _RESULT_FORMATS else "turtle"
        return Answer(200, graph_bytes(rows, fmt, truncated), _MEDIA[fmt], truncated, len(rows))
    fmt = fmt if fmt in _RESULT_FORMATS else "json"
    return Answer(200, solutions_bytes(variables, rows, fmt, truncated), _MEDIA[fmt], truncated, len(rows))


def _run_query(state: _State, job: Job) -> Answer:
    import pyoxigraph

    from ccin_kg.serve.results import shipped_context

    options: dict[str, Any] = {}
    if "prefixes" in (pyoxigraph.Store.query.__text_signature__ or ""):  # pyoxigraph >= 0.5
        options["prefixes"] = {k: v for k, v in shipped_context().items() if isinstance(v, str)}
    try:
        if job.default_graphs:
            options["default_graph"] = [pyoxigraph.NamedNode(g) for g in job.default_graphs]
        else:
            options["use_default_graph_as_union"] = True
        if job.named_graphs:
            options["named_graphs"] = [pyoxigraph.NamedNode(g) for g in job.named_graphs]
    except ValueError as e:
        return Answer.error(400, f"default-graph-uri or named-graph-uri is not an IRI: {_one_line(e)}")
    try:
        result = state.store.query(job.text, **options)
        if isinstance(result, pyoxigraph.QueryBoolean):
            return _answer("ask", (), [True] if bool(result) else [], job.fmt, job.max_rows)
        rows = list(islice(result, job.max_rows + 1))
    except SyntaxError as e:
        return Answer.error(400, f"SPARQL syntax error: {_one_line(e.msg)}")
    except (OSError, RuntimeError, ValueError, TypeError) as e:
        return Answer.error(400, f"the query failed: {_one_line(e)}")
    if isinstance(result, pyoxigraph.QueryTriples):
        return _answer("graph", (), rows, job.fmt, job.max_rows)
    variables = [v.value for v in result.variables]
    return _answer("select", variables, [tuple(row) for row in rows], job.fmt, job.max_rows)


def _run_named(state: _State, job: Job) -> Answer:
    """A library query by name, natively on the store (parameters substituted as terms, never pasted in)."""
    from ccin_kg.errors import CcinKgError
    from ccin_kg.query.library import QueryNotFound, load_query, run_query
    from ccin_kg.query.on_store import evaluate, substitutable

    try:
        named = load_query(job.name)
        if substitutable(named, job.params):  # every shipped query: their parameters are projected
            return _named_answer(evaluate(state.store, named, job.params), named, job)
        result = run_query(state.graph(), named, job.params)
    except QueryNotFound as e:
        return Answer.error(404, str(e))
    except CcinKgError as e:
        return Answer.error(400, str(e))
    if result.kind == "ask":
        value = bool(result.rows[0][0].toPython()) if result.rows else False
        return _answer("ask", (), [True] if value else [], job.fmt, job.max_rows)
    if result.kind == "graph":
        import pyoxigraph

        triples = [pyoxigraph.Triple(*(_from_rdflib(t) for t in row)) for row in result.rows]
        return _answer("graph", (), triples, job.fmt, job.max_rows)
    rows = [tuple(_from_rdflib(t) for t in row) for row in result.rows]
    return _answer("select", result.variables, rows, job.fmt, job.max_rows)


def _named_answer(answer, named, job: Job) -> Answer:
    """Serialise a native answer, leaving out the parameter columns (as the library's rows do)."""
    from ccin_kg.query.library import shown_columns

    if answer.kind == "ask":
        return _answer("ask", (), [True] if answer.answer else [], job.fmt, job.max_rows)
    rows = list(islice(answer.rows, job.max_rows + 1))
    if answer.kind == "graph":
        return _answer("graph", (), rows, job.fmt, job.max_rows)
    keep = shown_columns(named, answer.variables)
    return _answer("select", [answer.variables[i] for i in keep],
                   [tuple(_canonical(row[i]) for i in keep) for row in rows], job.fmt, job.max_rows)


def _canonical(term):
    """A literal in the one spelling the library gives (``50000.0``, not ``50000``, for a decimal)."""
    import pyoxigraph

    if not isinstance(term, pyoxigraph.Literal) or term.language:
        return term
    from ccin_kg.namespaces import canonical_term
    from ccin_kg.query.on_store import to_rdflib

    return _from_rdflib(canonical_term(to_rdflib(term)))


def _run_update(state: _State, job: Job) -> Answer:
    try:
        state.store.update(job.text)
    except SyntaxError as e:
        return Answer.error(400, f"SPARQL update syntax error: {_one_line(e.msg)}")
    except (OSError, RuntimeError, ValueError) as e:
        return Answer.error(400, f"the update failed: {_one_line(e)}")
    state.changed()
    return Answer(200, b"OK\n")


def execute(state: _State | Any, job: Job) -> Answer:
    """Run one job on the store and serialise the answer (rows capped at ``job.max_rows``).

    Parameters
    ----------
    state : pyoxigraph.Store or _State
        The store (wrapped on first use).
    job : Job

    Returns
    -------
    Answer
        200 with the body, or a 4xx one-line error.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://e.org/a"), ox.NamedNode("https://e.org/p"), ox.Literal("x")))
    >>> execute(store, Job("query", "SELECT ?o WHERE { ?s ?p ?o }", "csv")).body
    b'o\\r\\nx\\r\\n'
    >>> answer = execute(store, Job("query", "SELECT * WHERE { ?s ?p ?o } VALUES ?x { 1 2 }", "json", max_rows=1))
    >>> answer.truncated, answer.rows
    (True, 1)
    >>> execute(store, Job("query", "SELECT ?o WHERE { ?s ?p ?o ", "csv")).status
    400
    """
    if not isinstance(state, _State):
        state = _State(state)
    if job.op == "query":
        return _run_query(state, job)
    if job.op == "named":
        return _run_named(state, job)
    if job.op == "update":
        return _run_update(state, job)
    return Answer.error(400, f"unknown job {job.op!r}")


def serve_jobs(conn, graph_dir: str, writable: bool, replay: tuple[str, ...] = ()) -> None:
    """The worker process: open the store, say ready, then answer jobs until the pipe closes.

    The first message is ``("ready", number of triples)`` or ``("error",
    one-line message)``. ``replay`` holds updates accepted earlier, applied
    again to a fresh in-memory store so that a restarted worker does not
    lose them.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    from ccin_kg.errors import CcinKgError
    from ccin_kg.store import open_store

    try:
        store = open_store(graph_dir, writable=writable)
        for text in replay:
            store.update(text)
    except CcinKgError as e:
        conn.send(("error", str(e)))
        return
    except (OSError, RuntimeError, SyntaxError, ValueError) as e:
        conn.send(("error", f"{graph_dir}: {_one_line(e)}"))
        return
    conn.send(("ready", len(store)))
    state = _State(store)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = execute(state, job)
        except Exception as e:  # noqa: BLE001 - a worker must answer, never die silently
            answer = Answer.error(500, f"internal error: {type(e).__name__}: {_one_line(e)}")
        try:
            conn.send(answer)
        except (BrokenPipeError, OSError):
            return
