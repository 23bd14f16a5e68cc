"""``ccin-kg analyse``, ``ccin-kg path A B`` and ``ccin-kg view``: asking the network and seeing it.

Thin click layers over :mod:`ccin_kg.analyse` and :mod:`ccin_kg.view`;
networkx, rdflib and pyvis are imported only when a command runs.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

__all__ = ["analyse", "path", "view"]

DEFAULT_GRAPH = Path("graph")
VIEW_NAME = "network.html"

graph_opt = click.option("--graph", "graph_dir", type=click.Path(path_type=Path), default=DEFAULT_GRAPH,
                         show_default=True, help="Graph directory written by ccin-kg build, or an RDF file.")


def _format_opt(choices=("table", "json")):
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default="table", show_default=True,
                        help="table: readable lines; json: one JSON document.")


def _open(graph_dir: Path):
    """The network and, when the build wrote one, the entity resolution (for matching names)."""
    from ccin_kg.analyse.graph_view import load_network

    network = load_network(graph_dir)
    resolution = None
    if Path(graph_dir).is_dir() and (Path(graph_dir) / "entities.json").is_file():
        from ccin_kg.resolve.explain import load_resolution

        resolution = load_resolution(graph_dir)
    return network, resolution


@click.command()
@graph_opt
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True,
              help="Leaders per type, communities, affiliates and members listed.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed for Louvain communities and sampled betweenness: same seed, same answer.")
@_format_opt()
def analyse(graph_dir, top, seed, fmt):
    """Who is most linked, who bridges, which communities, which affiliates connect councils, who stands alone.

    Prints, for each type of entity, the most linked entities and those on
    the most shortest paths; Louvain communities; the affiliates that work
    with the most councils; and the entities with no relation.

    Example:

    \b
        ccin-kg analyse --top 10
        ccin-kg analyse --format json > analysis.json
    """
    from ccin_kg.analyse.report import analysis_report, report_lines

    network, _ = _open(graph_dir)
    report = analysis_report(network, top=top, seed=seed)
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    for line in report_lines(report):
        click.echo(line)


@click.command()
@click.argument("a")
@click.argument("b")
@graph_opt
@click.option("--limit", type=click.IntRange(min=1), default=3, show_default=True,
              help="Most paths shown (all of the shortest length).")
@_format_opt()
def path(a, b, graph_dir, limit, fmt):
    """How A is connected to B: the shortest paths, each hop with its relation and source sentence.

    A and B are matched the way entity resolution matches names, so short
    forms and acronyms work.

    Example:

    \b
        ccin-kg path "Cheshire West" UKSPF
        ccin-kg path Oldham Locality --format json
    """
    from dataclasses import asdict

    from ccin_kg.analyse.names import require_node
    from ccin_kg.analyse.paths import format_hop, shortest_connections

    network, resolution = _open(graph_dir)
    start, end = require_node(network, a, resolution), require_node(network, b, resolution)
    labels = {n: d.get("label", n) for n, d in network.nodes(data=True)}
    paths = shortest_connections(network, start, end, limit=limit)
    if fmt == "json":
        out = [[{**asdict(h), "start_label": labels[h.start], "end_label": labels[h.end]} for h in p] for p in paths]
        click.echo(json.dumps({"from": labels[start], "to": labels[end], "paths": out}, indent=2, ensure_ascii=False))
        return
    if not paths:
        click.echo(f"no connection between {labels[start]} and {labels[end]}")
        return
    hops = len(paths[0])
    click.echo(f"{labels[start]} → {labels[end]}: {hops} hop{'s' if hops != 1 else ''}, "
               f"{len(paths)} shortest path{'s' if len(paths) != 1 else ''} shown")
    for i, p in enumerate(paths, 1):
        click.echo(f"path {i}:")
        for hop in p:
            click.echo(f"  {format_hop(hop, labels)}")


@click.command()
@graph_opt
@click.option("--focus", default=None, metavar="ENTITY",
              help="Show only what lies around this entity (matched like entity resolution).")
@click.option("--depth", type=click.IntRange(min=0), default=None,
              help="How many links from the focus (default 1; needs --focus).")
@click.option("--type", "types", multiple=True, metavar="TYPE",
              help="Keep only this node type (council, charity, initiative ...); repeatable.")
@click.option("--theme", "themes", multiple=True,
              help="Keep what is linked to initiatives with this theme; repeatable.")
@click.option("--principle", "principles", multiple=True,
              help="Keep what is linked to initiatives meeting this CCIN principle; repeatable.")
@click.option("--tier", "tiers", multiple=True,
              help="Keep organisations of this membership or council tier, and their initiatives; repeatable.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Most nodes laid out at first; larger views show the most linked and sum up the rest "
                   "[default: 1500].")
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"HTML file to write [default: {VIEW_NAME} in the graph directory, so graph/{VIEW_NAME}].")
def view(graph_dir, focus, depth, types, themes, principles, tiers, limit, out):
    """Write an interactive network page: one HTML file that works offline.

    Nodes are coloured by type and sized by links; hover for details and
    the sentence each link was read from; search, filters by type, theme,
    principle and tier, and a layout that stops moving once it settles.

    Example:

    \b
        ccin-kg view
        ccin-kg view --focus Oldham --depth 2 -o oldham.html
        ccin-kg view --theme Poverty --type council --type charity --type initiative
    """
    if depth is not None and not focus:
        raise click.UsageError("--depth needs --focus")
    from ccin_kg.view.page import MAX_SHOWN, render_view
    from ccin_kg.view.write import write_view

    network, resolution = _open(graph_dir)
    page = render_view(network, focus=focus, depth=1 if depth is None else depth, types=types or None,
                       themes=themes or None, principles=principles or None, tiers=tiers or None,
                       limit=limit or MAX_SHOWN, resolution=resolution)
    if out is None:
        base = Path(graph_dir) if Path(graph_dir).is_dir() else Path(graph_dir).parent
        out = base / VIEW_NAME
    written = write_view(page, out)
    click.echo(f"wrote {written} ({len(page.encode('utf-8')) // 1024} KiB): open it in a browser, no network needed")
