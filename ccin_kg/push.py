"""Send the graph to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

One ``PUT <endpoint>?graph=<IRI>`` per named graph replaces that graph in
the store. The named graphs are the store's own when the build wrote an
on-disk store with named graphs (``graph/store/``); otherwise
:func:`partition` makes them from ``ccin.ttl``: each extracted statement (the
triple, its ``rdf:Statement`` reification and its ``ccin:evidence`` link),
each evidence node and each source document's description go to the graph of
the source document the evidence cites, ``id/graph/<source slug>``;
everything else (entities, labels, vocabulary) to ``id/graph/shared``. A
statement seen in two documents is in both graphs; the union of the graphs
is the whole graph.

The password for basic or digest authentication comes only from the
environment variable ``CCIN_KG_PUSH_PASSWORD``. Library code: no print.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from ccin_kg.errors import CcinKgError

__all__ = [
    "GRAPH_BASE",
    "PASSWORD_ENV",
    "SHARED_GRAPH",
    "PushError",
    "PushRequest",
    "PushResult",
    "graph_for_source",
    "partition",
    "plan",
    "send",
]

ID = "https://w3id.org/ccin-kg/id/"
GRAPH_BASE = ID + "graph/"
SHARED_GRAPH = GRAPH_BASE + "shared"
SOURCE_BASE = ID + "source/"
PASSWORD_ENV = "CCIN_KG_PUSH_PASSWORD"

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_CCIN = "https://w3id.org/ccin-kg/ontology#"
_REIFICATION = tuple(_RDF + p for p in ("type", "subject", "predicate", "object"))
MEDIA_TYPES = {"nt": "application/n-triples", "turtle": "text/turtle"}


class PushError(CcinKgError):
    """The store refused a request or cannot be reached; one line says which and why."""


@dataclass(frozen=True)
class PushRequest:
    """One Graph Store Protocol request: ``PUT url`` with ``body`` replacing ``graph``."""

    graph: str
    url: str
    content_type: str
    body: bytes
    triples: int


@dataclass(frozen=True)
class PushResult:
    """What the store answered to one request."""

    request: PushRequest
    status: int


def graph_for_source(source: str) -> str:
    """The named graph of a source document's IRI.

    Examples
    --------
    >>> graph_for_source("https://w3id.org/ccin-kg/id/source/002-sample-txt")
    'https://w3id.org/ccin-kg/id/graph/002-sample-txt'
    >>> graph_for_source("file:///corpus/Case Studies.txt")
    'https://w3id.org/ccin-kg/id/graph/case-studies-txt'
    """
    if source.startswith(SOURCE_BASE) and re.fullmatch(r"[A-Za-z0-9._~-]+", source[len(SOURCE_BASE):]):
        return GRAPH_BASE + source[len(SOURCE_BASE):]
    last = source.rstrip("/").rsplit("/", 1)[-1]
    return GRAPH_BASE + (re.sub(r"[^a-z0-9]+", "-", last.lower()).strip("-") or "source")


def _key(triple) -> tuple[str, str, str]:
    return (str(triple.subject), str(triple.predicate), str(triple.object))


def partition(store) -> dict[str, list]:
    """The store's triples grouped into named graphs, each list sorted.

    A store that already has named graphs keeps them (its default graph goes
    to ``id/graph/shared``); otherwise the default graph is grouped by
    source document as the module docstring says.

    Parameters
    ----------
    store : pyoxigraph.Store

    Returns
    -------
    dict of str to list of pyoxigraph.Triple
        Graph IRI → its triples, graphs sorted by IRI.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> ttl = '''@prefix ccin: <https://w3id.org/ccin-kg/ontology#> .
    ... @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    ... @prefix org: <https://w3id.org/ccin-kg/id/org/> .
    ... @prefix ev: <https://w3id.org/ccin-kg/id/evidence/> .
    ... @prefix src: <https://w3id.org/ccin-kg/id/source/> .
    ... org:a ccin:worksWith org:b ; rdf:type ccin:Council .
    ... <https://w3id.org/ccin-kg/id/statement/1> rdf:type rdf:Statement ; rdf:subject org:a ;
    ...     rdf:predicate ccin:worksWith ; rdf:object org:b ; ccin:evidence ev:1 .
    ... ev:1 rdf:type ccin:Evidence ; ccin:sourceDocument src:doc-txt ; ccin:rule "working_with" .
    ... src:doc-txt rdf:type ccin:SourceDocument .
    ... '''
    >>> store.load(ttl.encode(), format=ox.RdfFormat.TURTLE)
    >>> {graph.rsplit("/", 1)[1]: len(triples) for graph, triples in partition(store).items()}
    {'doc-txt': 10, 'shared': 1}
    """
    import pyoxigraph

    graphs: dict[str, list] = defaultdict(list)
    named = list(store.named_graphs())
    if named:
        for quad in store:
            name = SHARED_GRAPH if isinstance(quad.graph_name, pyoxigraph.DefaultGraph) else quad.graph_name.value
            graphs[name].append(quad.triple)
        return {g: sorted(set(ts), key=_key) for g, ts in sorted(graphs.items())}

    triples = [quad.triple for quad in store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())]
    by_subject: dict = defaultdict(list)
    for t in triples:
        by_subject[t.subject].append(t)
    present = set(triples)
    evidence_doc = {t.subject: t.object for t in triples if t.predicate.value == _CCIN + "sourceDocument"
                    and any(u.predicate.value == _RDF + "type" and u.object.value == _CCIN + "Evidence"
                            for u in by_subject[t.subject])}
    documents = {t.subject for t in triples if t.predicate.value == _RDF + "type"
                 and t.object.value == _CCIN + "SourceDocument"} | set(evidence_doc.values())
    placed: dict = defaultdict(set)

    for t in triples:
        if t.predicate.value != _CCIN + "evidence" or t.object not in evidence_doc:
            continue
        graph = graph_for_source(evidence_doc[t.object].value)
        placed[t].add(graph)
        for u in by_subject[t.object]:  # the evidence node's own triples
            placed[u].add(graph)
        holder = by_subject[t.subject]
        if any(u.predicate.value == _RDF + "type" and u.object.value == _RDF + "Statement" for u in holder):
            parts = {u.predicate.value: u.object for u in holder if u.predicate.value in _REIFICATION[1:]}
            for u in holder:
                if u.predicate.value in _REIFICATION:
                    placed[u].add(graph)
            if len(parts) == 3:
                asserted = pyoxigraph.Triple(parts[_RDF + "subject"], parts[_RDF + "predicate"],
                                             parts[_RDF + "object"])
                if asserted in present:
                    placed[asserted].add(graph)
    for document in documents:
        for t in by_subject[document]:
            placed[t].add(graph_for_source(document.value))
    for t in triples:
        for graph in placed.get(t) or {SHARED_GRAPH}:
            graphs[graph].append(t)
    return {g: sorted(ts, key=_key) for g, ts in sorted(graphs.items())}


def _body(triples: list, fmt: str) -> bytes:
    import pyoxigraph

    if fmt == "turtle":
        from ccin_kg.serve.results import shipped_context

        prefixes = {k: v for k, v in shipped_context().items() if isinstance(v, str)}
        return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=prefixes) or b""
    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""


def check_endpoint(endpoint: str) -> str:
    """``endpoint`` if it is an http(s) URL without a fragment.

    Examples
    --------
    >>> check_endpoint("http://127.0.0.1:8890/sparql-graph-crud-auth")
    'http://127.0.0.1:8890/sparql-graph-crud-auth'
    >>> check_endpoint("127.0.0.1:8890")
    Traceback (most recent call last):
    ...
    ccin_kg.push.PushError: 127.0.0.1:8890: the endpoint must be an http:// or https:// URL
    """
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.fragment:
        raise PushError(f"{endpoint}: the endpoint must be an http:// or https:// URL")
    return endpoint


def plan(graph_dir: str | Path, endpoint: str, fmt: str = "nt") -> list[PushRequest]:
    """The requests that push the graph in ``graph_dir`` to ``endpoint``, one per named graph.

    Parameters
    ----------
    graph_dir : str or pathlib.Path
        A build directory (``store/`` or ``ccin.ttl``).
    endpoint : str
        The store's Graph Store Protocol URL; ``?graph=<IRI>`` is added.
    fmt : str
        ``nt`` (N-Triples) or ``turtle``.

    Returns
    -------
    list of PushRequest

    Raises
    ------
    GraphMissing, SourceError
        If the graph cannot be read.
    PushError
        If ``endpoint`` is not an http(s) URL.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "ccin.ttl").write_text("<https://e.org/a> <https://e.org/b> 1 .")
    ...     [(r.url, r.triples) for r in plan(tmp, "http://127.0.0.1:1/gsp")]
    [('http://127.0.0.1:1/gsp?graph=https%3A%2F%2Fw3id.org%2Fccin-kg%2Fid%2Fgraph%2Fshared', 1)]
    """
    from ccin_kg.store import open_store

    check_endpoint(endpoint)
    if fmt not in MEDIA_TYPES:
        raise PushError(f"unknown format {fmt!r} (use nt or turtle)")
    separator = "&" if urlsplit(endpoint).query else "?"
    return [
        PushRequest(graph, f"{endpoint}{separator}graph={quote(graph, safe='')}", MEDIA_TYPES[fmt],
                    _body(triples, fmt), len(triples))
        for graph, triples in partition(open_store(graph_dir)).items()
    ]


class _DigestOnce(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that gives up when the store refuses the credentials once.

    urllib's handler tries again up to five times, and a store may lock out
    the client's address after a few failed logins (Virtuoso does, for 60 s).
    """

    def http_error_401(self, req, fp, code, msg, headers):
        if req.get_header("Authorization"):
            return None  # refused with our answer to its challenge: report it
        return super().http_error_401(req, fp, code, msg, headers)


def _opener(endpoint: str, auth: str | None, user: str | None, password: str | None):
    handlers: list = []
    if auth == "basic":
        manager = urllib.request.HTTPPasswordMgrWithPriorAuth()
        manager.add_password(None, endpoint, user, password, is_authenticated=True)  # send it at once
        handlers.append(urllib.request.HTTPBasicAuthHandler(manager))
    elif auth == "digest":
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, endpoint, user, password)
        handlers.append(_DigestOnce(manager))
    elif auth is not None:
        raise PushError(f"unknown authentication {auth!r} (use basic or digest)")
    return urllib.request.build_opener(*handlers)


def _reason(error: urllib.error.HTTPError) -> str:
    try:
        text = error.read(2000).decode("utf-8", "replace")
    except OSError:
        text = ""
    text = re.sub(r"<[^>]+>", " ", text)  # Virtuoso and others answer in HTML
    text = " ".join(text.split())[:200]
    return f"HTTP {error.code} {error.reason}" + (f": {text}" if text else "")


def send(requests: Iterable[PushRequest], *, auth: str | None = None, user: str | None = None,
         password: str | None = None, timeout: float = 60.0) -> Iterator[PushResult]:
    """Send each request in turn, yielding the store's status; stop at the first failure.

    Parameters
    ----------
    requests : iterable of PushRequest
        From :func:`plan`.
    auth : {None, "basic", "digest"}
        HTTP authentication.
    user, password : str, optional
        Credentials for ``auth`` (the CLI reads the password from
        ``CCIN_KG_PUSH_PASSWORD``).
    timeout : float
        Seconds to wait for each answer.

    Yields
    ------
    PushResult

    Raises
    ------
    PushError
        One line: the graph, the endpoint and the store's answer.

    Examples
    --------
    >>> r = PushRequest("https://w3id.org/ccin-kg/id/graph/shared", "http://127.0.0.1:9/gsp", "text/turtle", b"", 0)
    >>> list(send([r], timeout=2))
    Traceback (most recent call last):
    ...
    ccin_kg.push.PushError: PUT http://127.0.0.1:9/gsp (graph https://w3id.org/ccin-kg/id/graph/shared): cannot connect: [Errno 111] Connection refused
    """
    opener = None
    for request in requests:
        if opener is None:
            opener = _opener(request.url, auth, user, password)
        where = f"PUT {request.url.split('?')[0]} (graph {request.graph})"
        http = urllib.request.Request(request.url, data=request.body, method="PUT",
                                      headers={"Content-Type": f"{request.content_type}; charset=utf-8"})
        try:
            with opener.open(http, timeout=timeout) as response:
                status = response.status
        except urllib.error.HTTPError as e:
            raise PushError(f"{where}: {_reason(e)}") from None
        except urllib.error.URLError as e:
            raise PushError(f"{where}: cannot connect: {e.reason}") from None
        except (OSError, ValueError) as e:
            raise PushError(f"{where}: {' '.join(str(e).split())}") from None
        yield PushResult(request, status)
