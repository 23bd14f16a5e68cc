"""Write the graph as Turtle and JSON-LD, byte for byte the same each time, atomically.

Both are streamed from the graph's sorted canonical table of triples (see
:mod:`ccin_kg.build.bulk`): ``ccin.ttl`` is Turtle written by pyoxigraph
with the fixed ccin-kg prefixes; ``ccin.jsonld`` is
JSON-LD compacted against the context shipped at
``ccin_kg/data/context.jsonld`` and published at :data:`CONTEXT_IRI`, which the
file names in its ``@context`` (nothing is fetched: :func:`read_jsonld` puts
the shipped copy back before parsing).
"""

from __future__ import annotations

import io
import json
import re
import warnings
from importlib.resources import files
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ccin_kg.atomic import replace_all, write_temp
from ccin_kg.build.bulk import table_of, write_jsonld, write_turtle
from ccin_kg.build.triples import Table
from ccin_kg.errors import GraphMissing, SourceError
from ccin_kg.namespaces import bind_prefixes, canonical_term

__all__ = [
    "CONTEXT_IRI",
    "JSONLD_NAME",
    "TURTLE_NAME",
    "canonical_graph",
    "jsonld_bytes",
    "load_context",
    "read_graph",
    "read_jsonld",
    "turtle_bytes",
    "write_graph",
]

TURTLE_NAME = "ccin.ttl"
JSONLD_NAME = "ccin.jsonld"
CONTEXT_IRI = "https://w3id.org/ccin-kg/context.jsonld"
"""Where the JSON-LD context is published; ``ccin.jsonld`` refers to it."""


def load_context() -> dict[str, Any]:
    """The JSON-LD context shipped with the package (the value of its ``@context``).

    Examples
    --------
    >>> load_context()["ccin"]
    'https://w3id.org/ccin-kg/ontology#'
    """
    text = (files("ccin_kg") / "data" / "context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)["@context"]


def canonical_graph(graph: Graph) -> Graph:
    """A fresh in-memory copy of ``graph``: prefixes bound, literals canonical, triples sorted.

    Literals get one spelling each (:func:`ccin_kg.namespaces.canonical_term`),
    so a graph read back from Oxigraph, Turtle or JSON-LD serialises the same.

    Parameters
    ----------
    graph : rdflib.Graph
        Any graph, e.g. one over an Oxigraph store.

    Returns
    -------
    rdflib.Graph
        The copy every writer serialises.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> from ccin_kg.namespaces import XSD
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://e.org/a"), XSD.pattern, Literal("x", datatype=XSD.string)))
    >>> list(canonical_graph(g).objects())
    [rdflib.term.Literal('x')]
    """
    copy = bind_prefixes(Graph(bind_namespaces="none"))
    triples = [(s, p, canonical_term(o)) for s, p, o in graph]
    for triple in sorted(triples, key=lambda t: tuple(term.n3() for term in t)):
        copy.add(triple)
    return copy


def turtle_bytes(graph: Graph) -> bytes:
    """The graph as Turtle, UTF-8: the same bytes for the same triples.

    Examples
    --------
    >>> from rdflib import Literal
    >>> from ccin_kg.namespaces import CCIN, iri
    >>> g = Graph()
    >>> _ = g.add((iri("initiative", "x"), CCIN.year, Literal(2024)))
    >>> print(turtle_bytes(g).decode())
    @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    @prefix ccin: <https://w3id.org/ccin-kg/ontology#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    @prefix owl: <http://www.w3.org/2002/07/owl#> .
    @prefix id: <https://w3id.org/ccin-kg/id/> .
    @prefix foaf: <http://xmlns.com/foaf/0.1/> .
    @prefix prov: <http://www.w3.org/ns/prov#> .
    @prefix dcterms: <http://purl.org/dc/terms/> .
    @prefix org: <http://www.w3.org/ns/org#> .
    @prefix schema: <https://schema.org/> .
    id:initiative\\/x ccin:year 2024 .
    <BLANKLINE>
    """
    return _bytes(write_turtle, table_of(graph))


def _bytes(write, table: Table, *args) -> bytes:
    """What ``write(table, handle, *args)`` writes, in memory."""
    buffer = io.BytesIO()
    write(table, buffer, *args)
    return buffer.getvalue()


def jsonld_bytes(graph: Graph) -> bytes:
    """The graph as compacted JSON-LD naming the published context, UTF-8, sorted.

    Examples
    --------
    >>> from rdflib import Literal
    >>> from ccin_kg.namespaces import CCIN, iri
    >>> g = Graph()
    >>> _ = g.add((iri("initiative", "x"), CCIN.year, Literal(2024)))
    >>> doc = json.loads(jsonld_bytes(g))
    >>> doc["@context"], doc["@graph"][0]["ccin:year"]
    ('https://w3id.org/ccin-kg/context.jsonld', 2024)
    """
    return _bytes(write_jsonld, table_of(graph), load_context(), CONTEXT_IRI)


_write_temp = write_temp  # module attribute: tests replace it to simulate a failing disk


def write_graph(graph: Graph | Table, out_dir: Path, extra: dict[str, bytes] | None = None) -> dict[str, Path]:
    """Write ``ccin.ttl`` and ``ccin.jsonld`` (and ``extra`` files) into ``out_dir``, all or nothing.

    Both serialisations are made in memory first, then written to temporary
    files beside their targets, and only then moved into place with
    :func:`os.replace`: if any step before the moves fails, no file in
    ``out_dir`` changes and no temporary file is left behind. For a graph
    without blank nodes the bytes depend only on its triples.

    Parameters
    ----------
    graph : rdflib.Graph or ccin_kg.build.triples.Table
        The graph to write; a table (what ``build`` passes) is streamed to the
        temporary files instead of being serialised in memory first.
    out_dir : pathlib.Path
        Directory to write into; created if missing.
    extra : dict of file name to bytes, optional
        More files written in the same all-or-nothing step (``entities.json``).

    Returns
    -------
    dict[str, pathlib.Path]
        ``{"turtle": out_dir / "ccin.ttl", "jsonld": out_dir / "ccin.jsonld"}``.

    Raises
    ------
    OSError
        If the directory or a file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> from rdflib import Literal
    >>> from ccin_kg.namespaces import CCIN, iri
    >>> g = Graph()
    >>> _ = g.add((iri("initiative", "x"), CCIN.year, Literal(2024)))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_graph(g, Path(tmp))
    ...     sorted(p.name for p in Path(tmp).iterdir())
    ['ccin.jsonld', 'ccin.ttl']
    """
    out_dir = Path(out_dir)
    if isinstance(graph, Table):
        context = load_context()
        outputs = {
            "turtle": (out_dir / TURTLE_NAME, lambda handle: write_turtle(graph, handle)),
            "jsonld": (out_dir / JSONLD_NAME, lambda handle: write_jsonld(graph, handle, context, CONTEXT_IRI)),
        }
    else:
        outputs = {
            "turtle": (out_dir / TURTLE_NAME, turtle_bytes(graph)),
            "jsonld": (out_dir / JSONLD_NAME, jsonld_bytes(graph)),
        }
    for name, data in (extra or {}).items():
        outputs[name] = (out_dir / name, data)
    replace_all(outputs.values(), temp_writer=lambda d, t, x: _write_temp(d, t, x))
    return {key: target for key, (target, _) in outputs.items()}


_OX_LOCATION = re.compile(r"^Parser error at line \d+[^:]*:\s*")


def read_graph(out_dir: Path) -> Graph:
    """Load ``out_dir/ccin.ttl`` into a graph over an in-memory Oxigraph store.

    Parameters
    ----------
    out_dir : pathlib.Path
        A directory :func:`write_graph` wrote into.

    Returns
    -------
    rdflib.Graph
        The graph, ccin-kg prefixes bound.

    Raises
    ------
    GraphMissing
        If there is no ``ccin.ttl`` in ``out_dir``.
    SourceError
        If the file cannot be read or parsed; names the file, line and column.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "ccin.ttl").write_text("<https://e.org/a> <https://e.org/b> 1 ;")
    ...     try:
    ...         read_graph(Path(tmp))
    ...     except SourceError as e:
    ...         print(e.line, e.column, e.problem)
    1 40 Unexpected end
    """
    path = Path(out_dir) / TURTLE_NAME
    if not path.is_file():
        raise GraphMissing(f"{out_dir}: no built graph ({TURTLE_NAME} missing); run `ccin-kg build` first")
    graph = bind_prefixes(Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="none"))
    try:
        graph.parse(source=str(path), format="ox-turtle")
    except SyntaxError as e:
        raise SourceError(path, _OX_LOCATION.sub("", str(e.msg)), e.lineno, e.offset) from None
    except (OSError, ValueError) as e:
        raise SourceError(path, str(e)) from None
    return graph


def read_jsonld(path: Path) -> Graph:
    """Parse a ``ccin.jsonld`` with the shipped context in place of the published one.

    Parameters
    ----------
    path : pathlib.Path
        A JSON-LD file written by :func:`write_graph`.

    Returns
    -------
    rdflib.Graph
        An in-memory graph of its triples.

    Raises
    ------
    SourceError
        If the file cannot be read or is not JSON.

    Examples
    --------
    >>> import tempfile
    >>> from rdflib import Literal
    >>> from ccin_kg.namespaces import CCIN, iri
    >>> g = Graph()
    >>> _ = g.add((iri("initiative", "x"), CCIN.year, Literal(2024)))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_graph(g, Path(tmp))
    ...     len(read_jsonld(paths["jsonld"]))
    1
    """
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise SourceError(path, e.msg, e.lineno, e.colno) from None
    except (OSError, UnicodeDecodeError) as e:
        raise SourceError(path, str(e)) from None
    if isinstance(document, dict) and document.get("@context") == CONTEXT_IRI:
        document["@context"] = load_context()
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    with warnings.catch_warnings():  # rdflib's own parser uses its deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        graph.parse(data=json.dumps(document), format="json-ld")
    return graph
