"""The SPARQL 1.1 Protocol endpoint as an ASGI app (Starlette), served by uvicorn.

Routes:

``GET /``
    The query page (:mod:`ccin_kg.serve.page`).
``GET|POST /sparql``
    Queries as ``?query=``, an ``application/sparql-query`` body or an
    ``application/x-www-form-urlencoded`` ``query=``; the answer's format by
    ``?format=`` or ``Accept`` (:mod:`ccin_kg.serve.formats`). Updates
    (``update=``, ``application/sparql-update``, or query text that is an
    update) get 403 unless the server was started with ``allow_updates``
    and a token, and the request sends ``Authorization: Bearer <token>``.
    ``SERVICE`` is refused with 400 (the endpoint must not make requests
    elsewhere), ``LOAD`` likewise.
``GET /query``
    The named queries as JSON.
``GET /query/NAME?param=value``
    A named query from :mod:`ccin_kg.query.library`, parameters bound.

Each query runs in a worker process (:mod:`ccin_kg.serve.pool`) and is
stopped at the time limit (503); answers over the row cap are cut and flagged
with ``X-CCIN-KG-Truncated: true``. Every error is one line of plain text.
CORS headers are sent only for the one origin given.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ccin_kg.serve.formats import FormatError, choose_format
from ccin_kg.serve.guard import query_form, tokens, uses_service
from ccin_kg.serve.page import content_security_policy, queries_json, render_page
from ccin_kg.serve.pool import QueryPool
from ccin_kg.serve.worker import Answer, Job

__all__ = ["MAX_QUERY_BYTES", "Settings", "create_app"]

MAX_QUERY_BYTES = 1_000_000
"""Largest request body (query text) accepted."""

TRUNCATED_HEADER = "X-CCIN-KG-Truncated"
ROWS_HEADER = "X-CCIN-KG-Rows"


@dataclass(frozen=True)
class Settings:
    """What the endpoint allows: row cap, update token (None: read-only), CORS origin (None: off)."""

    max_rows: int = 10000
    update_token: str | None = None
    cors: str | None = None

    @property
    def read_only(self) -> bool:
        return not self.update_token


class _Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.answer = Answer.error(status, message)


def _respond(answer: Answer, extra: dict[str, str] | None = None) -> Response:
    headers = {"X-Content-Type-Options": "nosniff", "Vary": "Accept", **(extra or {})}
    if answer.truncated:
        headers[TRUNCATED_HEADER] = "true"
    if answer.rows is not None:
        headers[ROWS_HEADER] = str(answer.rows)
    return Response(answer.body, answer.status, headers, media_type=f"{answer.media_type}; charset=utf-8")


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_QUERY_BYTES:
        raise _Refused(413, f"the request body is larger than {MAX_QUERY_BYTES} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_QUERY_BYTES:
            raise _Refused(413, f"the request body is larger than {MAX_QUERY_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _Refused(400, f"the request body is not UTF-8 ({e.reason} at byte {e.start})") from None


async def _protocol_params(request: Request) -> list[tuple[str, str]]:
    """The request's parameters: the query string, plus the body of a POST."""
    params = list(request.query_params.multi_items())
    if request.method != "POST":
        return params
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await _body(request)
    if media == "application/sparql-query":
        return params + [("query", _text(body))]
    if media == "application/sparql-update":
        return params + [("update", _text(body))]
    if media == "application/x-www-form-urlencoded":
        return params + parse_qsl(_text(body), keep_blank_values=True)
    raise _Refused(415, "send the query as application/sparql-query, application/sparql-update or "
                        f"application/x-www-form-urlencoded, not {media or 'no content type'!r}")


def create_app(pool: QueryPool, settings: Settings | None = None) -> Starlette:
    """The endpoint over a started :class:`~ccin_kg.serve.pool.QueryPool`.

    Parameters
    ----------
    pool : QueryPool
        Runs the queries (its ``timeout`` is the per-query limit).
    settings : Settings, optional
        Row cap, update token, CORS origin.

    Returns
    -------
    starlette.applications.Starlette
        An ASGI app.

    Examples
    --------
    >>> app = create_app(QueryPool(".", workers=1))
    >>> sorted(route.path for route in app.routes)
    ['/', '/query', '/query/{name}', '/sparql']
    """
    from ccin_kg.query.library import list_queries

    settings = settings or Settings()
    named = {q.name: q for q in list_queries()}

    async def page(request: Request) -> Response:
        body = render_page(list(named.values()), max_rows=settings.max_rows, timeout=pool.timeout,
                           read_only=settings.read_only)
        return Response(body, 200, {"Content-Security-Policy": content_security_policy(),
                                    "X-Content-Type-Options": "nosniff"}, media_type="text/html; charset=utf-8")

    async def update(request: Request, text: str) -> Answer:
        if settings.read_only:
            raise _Refused(403, "updates are refused: this endpoint is read-only")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        expected = settings.update_token.encode()
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
            raise _Refused(403, "updates need 'Authorization: Bearer <token>' with the server's CCIN_KG_UPDATE_TOKEN")
        if request.method != "POST":
            raise _Refused(405, "send updates with POST")
        if any(word.upper() in ("SERVICE", "LOAD") for word in tokens(text)):
            raise _Refused(400, "SERVICE and LOAD are refused: the endpoint makes no requests elsewhere")
        return await pool.run(Job("update", text))

    async def sparql(request: Request) -> Response:
        try:
            params = await _protocol_params(request)
            queries = [v for k, v in params if k == "query"]
            updates = [v for k, v in params if k == "update"]
            if len(queries) + len(updates) != 1:
                raise _Refused(400, "give exactly one SPARQL query (query=...) or update (update=...)")
            if updates:
                return _respond(await update(request, updates[0]))
            text = queries[0]
            form = query_form(text)
            if form == "UPDATE":
                return _respond(await update(request, text))
            if uses_service(text):
                raise _Refused(400, "SERVICE (a federated query) is refused: this endpoint queries its own graph only")
            try:
                fmt = choose_format(form or "SELECT", request.headers.get("accept"),
                                    [v for k, v in params if k == "format"])
            except FormatError as e:
                raise _Refused(400, str(e)) from None
            job = Job("query", text, fmt.name, settings.max_rows,
                      default_graphs=tuple(v for k, v in params if k == "default-graph-uri"),
                      named_graphs=tuple(v for k, v in params if k == "named-graph-uri"))
            return _respond(await pool.run(job))
        except _Refused as e:
            return _respond(e.answer)

    async def query_list(request: Request) -> Response:
        return Response(queries_json(named.values()), 200, {"X-Content-Type-Options": "nosniff"},
                        media_type="application/json")

    async def named_query(request: Request) -> Response:
        name = request.path_params["name"]
        query = named.get(name)  # shipped names only: never a path on this machine
        if query is None:
            return _respond(Answer.error(404, f"no query named {name!r} (GET /query lists them)"))
        values: dict[str, str] = {}
        for key, value in request.query_params.multi_items():
            if key == "format":
                continue
            if key in values:
                return _respond(Answer.error(400, f"parameter {key!r} is given twice"))
            values[key] = value
        try:
            fmt = choose_format(query_form(query.text) or "SELECT", request.headers.get("accept"),
                                request.query_params.getlist("format"))
        except FormatError as e:
            return _respond(Answer.error(400, str(e)))
        return _respond(await pool.run(Job("named", fmt=fmt.name, max_rows=settings.max_rows, name=name,
                                           params=values)))

    middleware = []
    if settings.cors:
        from starlette.middleware import Middleware
        from starlette.middleware.cors import CORSMiddleware

        middleware.append(Middleware(CORSMiddleware, allow_origins=[settings.cors], allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type", "Authorization"],
                                     expose_headers=[TRUNCATED_HEADER, ROWS_HEADER]))
    routes = [
        Route("/", page, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/query", query_list, methods=["GET"]),
        Route("/query/{name}", named_query, methods=["GET"]),
    ]
    return Starlette(routes=routes, middleware=middleware)
