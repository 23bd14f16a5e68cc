"""``ccin-kg add``, ``ccin-kg remove`` and ``ccin-kg sources``: change a built graph's sources in place.

Attach them to the group in :mod:`ccin_kg.cli`::

    from ccin_kg.commands.sources import add, remove, sources
    cli.add_command(add)
    cli.add_command(remove)
    cli.add_command(sources)

Only click is imported here; the work is in :mod:`ccin_kg.build.incremental`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ccin_kg.ingest.read import DEFAULT_MAX_BYTES

DEFAULT_GRAPH = Path("graph")

graph_option = click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path),
                            default=DEFAULT_GRAPH, show_default=True, help="Graph directory written by ccin-kg build.")
jobs_option = click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
                           help="Processes to extract documents in (each loads the spaCy model once).")


def _progress(msg: str) -> None:
    if sys.stderr.isatty():
        click.echo(f"ccin-kg: {msg}", err=True)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@graph_option
@jobs_option
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse source files larger than this many bytes.")
def add(files, graph_dir, jobs, max_bytes):
    """Add FILES to the built graph, extracting only new or changed ones.

    A file whose name is already a source replaces it. Entities are resolved
    again over all sources, so the result equals a full build.

    Example:

    \b
        ccin-kg build && ccin-kg add new-case-study.txt
    """
    from ccin_kg.build.incremental import add_sources

    result, extracted = add_sources(files, graph_dir, max_bytes=max_bytes, jobs=jobs, progress=_progress)
    click.echo(f"extracted {len(extracted)} new or changed document(s); "
               f"{result.triples} triples from {len(result.documents)} document(s) → {graph_dir}")


@click.command()
@click.argument("names", nargs=-1, required=True)
@graph_option
def remove(names, graph_dir):
    """Remove sources NAMES from the built graph, with every fact only they supported.

    Example:

    \b
        ccin-kg remove 004_a4c63ada8dc3471f.txt
    """
    from ccin_kg.build.incremental import remove_sources

    result = remove_sources(names, graph_dir, progress=_progress)
    click.echo(f"removed {len(names)} source(s); {result.triples} triples from "
               f"{len(result.documents)} document(s) → {graph_dir}")


@click.command()
@graph_option
def sources(graph_dir):
    """List the sources of the built graph: name, hash, size in bytes and facts extracted.

    Example:

    \b
        ccin-kg sources --graph graph
    """
    from ccin_kg.build.sources import read_manifest

    manifest = read_manifest(graph_dir)
    rows = [(s.name, s.sha256[:12], str(s.size), str(s.facts)) for s in manifest.sources]
    header = ("name", "sha256", "bytes", "facts")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        click.echo(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]:>{widths[3]}}")
