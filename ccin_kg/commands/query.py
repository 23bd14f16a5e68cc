"""``ccin-kg query`` and ``ccin-kg export``: ask the graph, or hand it to other tools.

Attach them to the group in :mod:`ccin_kg.cli`::

    from ccin_kg.commands.query import export, query
    cli.add_command(query)
    cli.add_command(export)

Library errors (:class:`~ccin_kg.errors.CcinKgError`) pass through to the
group, which prints them as one ``Error:`` line with their exit code.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

DEFAULT_GRAPH = Path("graph")
QUERY_FORMATS = ("table", "csv", "json")
EXPORT_FORMATS = ("turtle", "jsonld", "nt", "nq", "trig", "xml", "graphml", "gexf", "csv")

graph_option = click.option(
    "--graph", "graph_path", type=click.Path(path_type=Path), default=DEFAULT_GRAPH, show_default=True,
    help="Graph directory written by ccin-kg build, or an RDF file (.ttl, .nt, .jsonld, .rdf).",
)


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="'--param'")
        name = name.strip()
        if name in params:
            raise click.BadParameter(f"{name!r} is given twice", param_hint="'--param'")
        params[name] = value
    return params


def _queryable(graph_path: Path):
    """The build directory's Oxigraph store (read-only, queried natively) when it has one, else the RDF file."""
    from ccin_kg.store import STORE_NAME, open_store

    if (graph_path / STORE_NAME).is_dir():
        return open_store(graph_path)
    from ccin_kg.build.load import load_graph

    return load_graph(graph_path)


def _list_lines() -> list[str]:
    from ccin_kg.query.library import list_queries

    queries = list_queries()
    width = max(len(q.name) for q in queries)
    return [f"{q.name.ljust(width)}  {q.summary}" for q in queries]


@click.command()
@click.argument("query_spec", metavar="QUERY", required=False)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries with one-line summaries.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A value for one of the query's parameters (repeatable); it is bound as a literal, "
                   "never pasted into the query.")
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table", show_default=True,
              help="How to print rows.")
@graph_option
def query(query_spec, list_queries, params, fmt, graph_path):
    """Run a named query, a .rq file or SPARQL text on the graph.

    QUERY is the name of a shipped query (see --list), a path to a .rq file
    (an optional '#+ params:' header declares its parameters), or SPARQL
    text; the ccin-kg prefixes (ccin:, org:, schema:, skos: ...) are
    predeclared. Queries only read: updates, SERVICE and FROM are refused.

    Example:

    \b
        ccin-kg query --list
        ccin-kg query funded-by --param funder=UKSPF --format csv
        ccin-kg query 'SELECT ?c WHERE { ?c a ccin:Council } LIMIT 5'
    """
    if list_queries and query_spec is not None:
        raise click.UsageError("use either --list or a QUERY, not both")
    if list_queries and params:
        raise click.UsageError("--param needs a QUERY, not --list")
    if not list_queries and query_spec is None:
        raise click.UsageError("give a QUERY (a name, a .rq file or SPARQL text), or --list")
    if list_queries:
        for line in _list_lines():
            click.echo(line)
        return
    bound = _parse_params(params)

    from ccin_kg.query.library import find_query, prepare, run_query
    from ccin_kg.query.render import render

    named = find_query(query_spec)
    prepare(named)  # a bad query fails before the graph is loaded
    rows = run_query(_queryable(graph_path), named, bound)
    for line in render(rows, fmt):
        click.echo(line)


def _csv_targets(output: str) -> tuple[Path, Path]:
    path = Path(output)
    if output.endswith(("/", "\\")) or path.is_dir():
        return path / "nodes.csv", path / "edges.csv"
    stem = path.name[:-4] if path.name.lower().endswith(".csv") else path.name
    return path.with_name(f"{stem}-nodes.csv"), path.with_name(f"{stem}-edges.csv")


@click.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True,
              help="turtle, jsonld, nt, xml: the graph; nq, trig: one named graph per source document; "
                   "graphml, gexf: the network of entities and relations (Gephi); "
                   "csv: that network as nodes and edges tables (Gephi, Kumu).")
@click.option("-o", "--output", default="-", show_default=True, metavar="PATH",
              help="File to write, or a directory (ccin.<ext> inside it); '-' writes to stdout. "
                   "For csv: a directory (nodes.csv, edges.csv) or a prefix (PREFIX-nodes.csv, PREFIX-edges.csv); "
                   "csv cannot go to stdout.")
@graph_option
def export(fmt, output, graph_path):
    """Export the graph as RDF, as a network for Gephi, or as CSV tables.

    Files are replaced all at once (written beside the target, then renamed),
    and the same graph always gives the same bytes.

    Example:

    \b
        ccin-kg export --format trig -o ccin.trig
        ccin-kg export --format gexf -o exports/
        ccin-kg export --format csv -o exports/ccin
        ccin-kg export --format nt | sort | head
    """
    if fmt == "csv" and output == "-":
        raise click.UsageError("csv writes two files (nodes and edges): give -o a directory or a file prefix, not -")

    from ccin_kg.build.load import load_graph
    from ccin_kg.export import EXTENSIONS, export_bytes
    from ccin_kg.export.files import write_files

    graph = load_graph(graph_path)
    if fmt == "csv":
        from ccin_kg.export.tables import csv_tables

        nodes_path, edges_path = _csv_targets(output)
        nodes, edges = csv_tables(graph)
        written = write_files({nodes_path: nodes, edges_path: edges})
    else:
        data = export_bytes(graph, fmt)
        if output == "-":
            click.echo(data, nl=False)  # bytes go to the binary stdout as they are
            return
        target = Path(output)
        if output.endswith(("/", "\\")) or target.is_dir():
            target = target / f"ccin.{EXTENSIONS[fmt]}"
        written = write_files({target: data})
    if sys.stderr.isatty():
        for path in written:
            click.echo(f"ccin-kg: wrote {path}", err=True)
