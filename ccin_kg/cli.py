"""The ``ccin-kg`` command line: a thin layer over the library's stages.

Library errors (:class:`~ccin_kg.errors.CcinKgError`) become one-line
messages on stderr with the exit code the README documents; a traceback
is a bug.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ccin_kg import __version__
from ccin_kg.errors import CcinKgError
from ccin_kg.ingest.read import DEFAULT_MAX_BYTES  # stdlib-only module: cheap to import

DEFAULT_GRAPH = Path("graph")
MAX_BYTES_HELP = "Refuse source files larger than this many bytes."


class Group(click.Group):
    """Turns library errors into ``Error: <one line>`` and the documented exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CcinKgError as e:
            click.echo(f"Error: {e}", err=True)
            ctx.exit(e.exit_code)
        except BrokenPipeError:  # "ccin-kg query ... | head": the reader left; not an error of ours
            import os

            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)


def _progress(msg: str) -> None:
    """Progress on stderr for a person at a terminal; quiet in pipes and CI."""
    if sys.stderr.isatty():
        click.echo(f"ccin-kg: {msg}", err=True)


sources_arg = click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
max_bytes_opt = click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
                             show_default=True, help=MAX_BYTES_HELP)
register_opt = click.option("--register", "register_path", type=click.Path(path_type=Path), default=None,
                            help="A newer copy of the UK local-authority register (mySociety CSV); "
                                 "default: the copy bundled with ccin-kg.")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ccin-kg")
def cli():
    """Build and explore the knowledge graph of the Co-operative Councils' Innovation Network.

    Example:

    \b
        ccin-kg build && ccin-kg validate
    """


@cli.command()
@sources_arg
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_GRAPH,
              show_default=True, help="Directory for ccin.ttl and ccin.jsonld.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out facts found with a lower confidence (each fact's rule sets it).")
@register_opt
@max_bytes_opt
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes to extract documents in (each loads the spaCy model once); same output as 1.")
def build(sources, out_dir, min_confidence, register_path, max_bytes, jobs):
    """Build the graph from SOURCES (default: the bundled CCIN corpus).

    Reads .txt, .md, .html and .pdf files, extracts initiatives, members and
    partnerships with their provenance, links councils to the register, and
    writes OUT/ccin.ttl and OUT/ccin.jsonld. A failed build leaves OUT as it was.

    Example:

    \b
        ccin-kg build --out graph
        ccin-kg build saved-page.html ../shared/corpus/*.txt --min-confidence 0.7
    """
    from ccin_kg.build.run import build as run_build

    result = run_build(sources, out_dir, register_path, max_bytes, min_confidence, progress=_progress, jobs=jobs)
    ex = result.extraction
    click.echo(
        f"built {result.triples} triples from {len(result.documents)} document(s): "
        f"{len(ex.initiatives)} initiatives, {len(ex.members)} members, {len(ex.works_with)} partnerships "
        f"→ {', '.join(str(p) for p in result.outputs.values())}"
    )


@cli.command()
@sources_arg
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True,
              help="json: one object as DESIGN.md describes; jsonl: one initiative per line.")
@click.option("--evidence/--no-evidence", default=False, show_default=True,
              help="Add each fact's source lines, sentence, rule and confidence.")
@register_opt
@max_bytes_opt
def extract(sources, fmt, evidence, register_path, max_bytes):
    """Print what extraction finds in SOURCES (default: the bundled corpus).

    Example:

    \b
        ccin-kg extract ../shared/corpus/*.txt --format json > extraction.json
    """
    from ccin_kg.build.run import read_documents
    from ccin_kg.extract.output import extraction_json
    from ccin_kg.extract.pipeline import extract as run_extract
    from ccin_kg.resolve.register import load_register

    documents = read_documents(sources, max_bytes)
    register = load_register(register_path) if register_path else load_register()
    _progress(f"extracting from {len(documents)} document(s)")
    data = extraction_json(run_extract(documents, register=register), with_evidence=evidence)
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for ini in data["initiatives"]:
            click.echo(json.dumps(ini, ensure_ascii=False))


@cli.command()
@click.argument("graph_path", required=False, type=click.Path(path_type=Path))
@click.option("--graph", "graph_dir", type=click.Path(path_type=Path), default=None,
              help=f"Graph directory (default: {DEFAULT_GRAPH}/).")
def validate(graph_path, graph_dir):
    """Check the graph against the SHACL shapes; exit 3 when it does not conform.

    GRAPH is a build directory or a Turtle file (default: graph/).

    Example:

    \b
        ccin-kg validate graph/
    """
    from ccin_kg.build.load import load_graph
    from ccin_kg.errors import NotConforming
    from ccin_kg.validate import validate as run_validate

    if graph_path is not None and graph_dir is not None:
        raise click.UsageError("give the graph either as GRAPH or with --graph, not both")
    graph = load_graph(graph_path or graph_dir or DEFAULT_GRAPH)
    conforms, report = run_validate(graph)
    if conforms:
        click.echo(f"conforms: {len(graph)} triples checked against the ccin-kg shapes")
        return
    click.echo(report.rstrip("\n"))
    raise NotConforming(f"{graph_path or graph_dir or DEFAULT_GRAPH}: the graph does not conform to the shapes")


@cli.command()
@click.argument("entity")
@click.option("--graph", "graph_dir", type=click.Path(path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="Graph directory written by ccin-kg build.")
def explain(entity, graph_dir):
    """Show how ENTITY was resolved: the names merged into it, where each was seen, and why.

    ENTITY is matched the way resolution matches names, so a short form works.

    Example:

    \b
        ccin-kg explain "Cheshire West and Chester Council"
        ccin-kg explain GMCA
    """
    from ccin_kg.resolve.entities import find_entity
    from ccin_kg.resolve.explain import EntityNotFound, explain_lines, load_resolution

    resolution = load_resolution(graph_dir)
    found = find_entity(resolution, entity)
    if found is None:
        raise EntityNotFound(f"no entity matches {entity!r} in {graph_dir}/")
    for line in explain_lines(found):
        click.echo(line)


def _add_commands() -> None:
    from ccin_kg.commands.explore import analyse, path, view
    from ccin_kg.commands.query import export, query
    from ccin_kg.commands.serve import push, serve
    from ccin_kg.commands.sources import add, remove, sources

    for command in (query, export, analyse, path, view, serve, push, add, remove, sources):
        cli.add_command(command)


_add_commands()


def main() -> None:  # console-script entry point
    cli(prog_name="ccin-kg")
