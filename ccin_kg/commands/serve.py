"""``ccin-kg serve`` and ``ccin-kg push``: the graph on a SPARQL endpoint, or into another store.

Attach them to the group in :mod:`ccin_kg.cli`::

    from ccin_kg.commands.serve import push, serve
    cli.add_command(serve)
    cli.add_command(push)

Only click is imported here; the endpoint (starlette, uvicorn, pyoxigraph)
is imported when a command runs. Library errors pass through to the group,
which prints them as one ``Error:`` line.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from urllib.parse import urlsplit

import click

DEFAULT_GRAPH = Path("graph")
UPDATE_TOKEN_ENV = "CCIN_KG_UPDATE_TOKEN"
PUSH_PASSWORD_ENV = "CCIN_KG_PUSH_PASSWORD"  # the same name ccin_kg.push reads, without importing it
MIN_TOKEN_LENGTH = 16

graph_option = click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path),
                            default=DEFAULT_GRAPH, show_default=True, help="Graph directory written by ccin-kg build.")


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


@click.command()
@graph_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="127.0.0.1 accepts connections from this machine only; "
                   "use 0.0.0.0 to share the endpoint on your network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="TCP port to listen on (0: any free port).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True,
              help="Stop a query that runs longer than this many seconds (HTTP 503).")
@click.option("--max-rows", type=click.IntRange(min=1), default=10000, show_default=True,
              help="Send at most this many rows or triples; a longer answer is cut and flagged "
                   "(header X-CCIN-KG-Truncated: true).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Queries that can run at once, each in its own process with its own copy of the graph.")
@click.option("--cors", metavar="ORIGIN", default=None,
              help="Let web pages from ORIGIN (e.g. https://example.org, or *) call the endpoint; off by default.")
@click.option("--allow-updates", is_flag=True,
              help=f"Accept SPARQL updates from requests sending 'Authorization: Bearer TOKEN', TOKEN being "
                   f"the value of the environment variable {UPDATE_TOKEN_ENV}. Without this flag, updates "
                   "get HTTP 403. Updates to a graph loaded from ccin.ttl are kept in memory only.")
@click.option("--get", "get_path", metavar="PATH", default=None,
              help="Send one GET request to the endpoint in-process, e.g. '/sparql?query=ASK{}', print the "
                   "answer and exit; no port is opened.")
@click.pass_context
def serve(ctx, graph_dir, host, port, timeout, max_rows, workers, cors, allow_updates, get_path):
    """Serve the graph on a SPARQL 1.1 Protocol endpoint: read-only, on this machine only.

    /sparql answers GET ?query= and POST (application/sparql-query, or a
    form with query=) in SPARQL JSON, XML, CSV or TSV (SELECT, ASK) and
    Turtle, N-Triples, JSON-LD or RDF/XML (CONSTRUCT, DESCRIBE), chosen by
    the Accept header or ?format=. /query/NAME?param=value runs a named
    query; / is a query page that works offline. Updates get HTTP 403,
    federated queries (SERVICE) HTTP 400, and a query over the time limit
    HTTP 503.

    Example:

    \b
        ccin-kg serve --graph graph --port 8000
        curl 'http://127.0.0.1:8000/sparql?query=ASK{?s?p?o}&format=json'
        ccin-kg serve --get '/query/funded-by?funder=UKSPF&format=csv'
    """
    token = None
    if allow_updates:
        token = os.environ.get(UPDATE_TOKEN_ENV, "")
        if len(token) < MIN_TOKEN_LENGTH:
            raise click.UsageError(f"--allow-updates needs a token of at least {MIN_TOKEN_LENGTH} characters "
                                   f"in the environment variable {UPDATE_TOKEN_ENV}")
    if get_path is not None:
        given = [f"--{name}" for name in ("host", "port")
                 if ctx.get_parameter_source(name) != click.core.ParameterSource.DEFAULT]
        if given:
            raise click.UsageError(f"--get opens no port: leave out {' and '.join(given)}")
        if not get_path.startswith("/"):
            raise click.UsageError("--get takes a path starting with '/', e.g. '/sparql?query=ASK{}'")

    from ccin_kg.errors import CcinKgError
    from ccin_kg.serve.run import endpoint, get_once, listen, make_server

    sock = None if get_path is not None else listen(host, port)  # a busy port fails before the graph loads
    with endpoint(graph_dir, timeout=timeout, max_rows=max_rows, workers=1 if get_path else workers,
                  update_token=token, cors=cors) as app:
        if get_path is not None:
            reply = get_once(app, get_path)
            if reply.status >= 400:
                message = " ".join(reply.body.decode("utf-8", "replace").split())
                raise CcinKgError(f"HTTP {reply.status}: {message}")
            body = reply.body if reply.body.endswith(b"\n") else reply.body + b"\n"
            click.echo(body, nl=False)
            return
        mode = "read-only" if token is None else "updates allowed with the token"
        where = "this machine only" if _is_loopback(host) else "your network"
        address = f"[{host.strip('[]')}]" if ":" in host else host
        click.echo(f"ccin-kg: serving {graph_dir}/ at http://{address}:{sock.getsockname()[1]}/sparql to {where} "
                   f"({mode}; {timeout:g} s and {max_rows} rows per query; Ctrl-C stops)", err=True)
        with sock:
            make_server(app, host=host, port=port).run(sockets=[sock])


@click.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's Graph Store Protocol URL, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth "
                   "(Virtuoso) or http://127.0.0.1:3030/ccin/data (Fuseki).")
@graph_option
@click.option("--dry-run", is_flag=True, help="Print the requests that would be sent; send nothing.")
@click.option("--auth", type=click.Choice(["basic", "digest"]), default=None,
              help=f"HTTP authentication; the password is read from the environment variable "
                   f"{PUSH_PASSWORD_ENV}, never from the command line.")
@click.option("--user", default=None, help="User name for --auth.")
@click.option("--format", "fmt", type=click.Choice(["nt", "turtle"]), default="nt", show_default=True,
              help="Serialisation of the request bodies.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds to wait for the store to answer each request.")
def push(endpoint, graph_dir, dry_run, auth, user, fmt, timeout):
    """Send the graph to a triple store, one HTTP PUT per named graph (SPARQL Graph Store Protocol).

    Each source document's statements and their evidence go to the graph
    https://w3id.org/ccin-kg/id/graph/<source>, everything else to
    .../graph/shared. A PUT replaces that graph in the store, so pushing
    again updates it.

    Example:

    \b
        ccin-kg push --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --dry-run
        CCIN_KG_PUSH_PASSWORD=... ccin-kg push --auth digest --user dba \\
            --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth
    """
    password = None
    if user is not None and auth is None:
        raise click.UsageError("--user needs --auth basic or --auth digest")
    if auth is not None:
        if user is None:
            raise click.UsageError(f"--auth {auth} needs --user")
        password = os.environ.get(PUSH_PASSWORD_ENV)
        if not password and not dry_run:
            raise click.UsageError(f"--auth {auth} needs the password in the environment variable "
                                   f"{PUSH_PASSWORD_ENV}")
    parts = urlsplit(endpoint)
    if auth == "basic" and parts.scheme == "http" and not _is_loopback(parts.hostname or ""):
        click.echo("ccin-kg: warning: basic authentication over plain http sends the password readable "
                   "by anyone on the way; use https or --auth digest", err=True)

    from ccin_kg.push import plan, send

    requests = plan(graph_dir, endpoint, fmt)
    total = sum(r.triples for r in requests)
    if dry_run:
        for r in requests:
            click.echo(f"would PUT {r.triples} triples ({len(r.body)} bytes of {r.content_type}) to {r.url}")
        click.echo(f"dry run: {total} triples in {len(requests)} graphs; nothing sent")
        return
    for result in send(requests, auth=auth, user=user, password=password, timeout=timeout):
        click.echo(f"PUT {result.request.graph}: {result.request.triples} triples, HTTP {result.status}")
    click.echo(f"pushed {total} triples in {len(requests)} graphs to {endpoint}")
