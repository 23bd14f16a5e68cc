"""Run the endpoint: on a port with uvicorn, or once in-process for ``serve --get``.

:func:`get_once` calls the ASGI app directly, the way datasette's ``--get``
does: one request, its status, headers and body, and no socket is opened.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ccin_kg.errors import CcinKgError
from ccin_kg.serve.app import Settings, create_app
from ccin_kg.serve.pool import QueryPool

__all__ = ["ListenError", "Reply", "endpoint", "get_once", "listen", "make_server"]


class ListenError(CcinKgError):
    """The endpoint cannot listen on that address and port."""

_SAFE = "".join(c for c in string.printable if c not in string.whitespace)


@dataclass(frozen=True)
class Reply:
    """One HTTP answer: status, headers (lower-case names) and body."""

    status: int
    headers: dict[str, str]
    body: bytes


@contextlib.contextmanager
def endpoint(graph_dir: str | Path, *, timeout: float = 10.0, max_rows: int = 10000, workers: int = 2,
             update_token: str | None = None, cors: str | None = None) -> Iterator:
    """The endpoint's ASGI app with its worker pool started; the workers stop on exit.

    Raises
    ------
    PoolError
        If the graph cannot be loaded (missing, does not parse).
    """
    pool = QueryPool(graph_dir, workers=workers, timeout=timeout, writable=bool(update_token))
    try:
        pool.start()
        yield create_app(pool, Settings(max_rows=max_rows, update_token=update_token, cors=cors))
    finally:
        pool.close()


async def _call(app, method: str, target: str, headers: dict[str, str], body: bytes) -> Reply:
    path, _, query = target.partition("?")
    path = path or "/"
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": quote(path, safe=_SAFE).encode("ascii"),
        "query_string": quote(query, safe=_SAFE).encode("ascii"), "root_path": "",
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in
                    {"host": "localhost", **headers}.items()],
        "client": None, "server": None,
    }
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    status, reply_headers, chunks = 500, {}, []

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        nonlocal status, reply_headers
        if message["type"] == "http.response.start":
            status = message["status"]
            reply_headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in message.get("headers", [])}
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return Reply(status, reply_headers, b"".join(chunks))


def get_once(app, target: str, *, method: str = "GET", headers: dict[str, str] | None = None,
             body: bytes = b"") -> Reply:
    """Send one request to ``app`` in-process and return the reply; no port is opened.

    Parameters
    ----------
    app : ASGI app
        From :func:`endpoint` or :func:`~ccin_kg.serve.app.create_app`.
    target : str
        Path and query string, e.g. ``/sparql?query=ASK{}``; characters that
        need it are percent-encoded here (write ``+`` as ``%2B``).

    Returns
    -------
    Reply

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "ccin.ttl").write_text("<https://e.org/a> <https://e.org/b> 1 .")
    ...     with endpoint(tmp, workers=1) as app:
    ...         reply = get_once(app, "/sparql?query=ASK { ?s ?p 1 }")
    >>> reply.status, reply.body
    (200, b'{"head": {}, "boolean": true}')
    """
    return asyncio.run(_call(app, method, target, headers or {}, body))


def listen(host: str = "127.0.0.1", port: int = 8000) -> socket.socket:
    """A listening TCP socket on ``host``:``port`` (port 0: any free port), for ``Server.run(sockets=...)``.

    Binding before the workers load the graph makes a busy port a one-line
    error at once.

    Raises
    ------
    ListenError
        If the address cannot be bound (in use, not on this machine).

    Examples
    --------
    >>> with listen("127.0.0.1", 0) as sock:
    ...     sock.getsockname()[0]
    '127.0.0.1'
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host.strip("[]"), port), family=family, backlog=2048)
    except OSError as e:
        reason = os.strerror(e.errno) if e.errno else str(e)
        raise ListenError(f"cannot listen on {host}:{port}: {reason}") from None


def make_server(app, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info"):
    """A :class:`uvicorn.Server` for ``app``.

    Call ``.run()`` (or ``.run(sockets=[listen(...)])``); once ``.started``,
    ``.servers`` holds the bound sockets.
    """
    import uvicorn

    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, lifespan="off",
                            server_header=False, proxy_headers=False)
    return uvicorn.Server(config)
