"""Write the build's RDF files from a :class:`~ccin_kg.build.triples.Table`, streaming, with no rdflib graph.

- N-Triples (sorted lines) is the hub: pyoxigraph turns it into Turtle
  (:func:`write_turtle`, fixed prefixes, subjects in N-Triples order);
- JSON-LD (:func:`write_jsonld`) is rdflib's compacted JSON-LD made a few
  thousand subjects at a time (a node object depends only on its subject's
  triples), nodes in N-Triples order of their ``@id``;
- N-Quads by source document (:func:`write_nquads`) is the partition of
  :func:`ccin_kg.export.rdf.split_by_document`, computed on term ids, for
  the Oxigraph store's bulk load.

Each writer takes a binary file handle, so the bytes can go to a temporary
file (the build, see :func:`ccin_kg.atomic.replace_all`) or to memory (the
exports); the same table always gives the same bytes.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph, URIRef

from ccin_kg.build.triples import Table, TripleSet
from ccin_kg.namespaces import CCIN, PREFIXES, RDF

__all__ = ["CHUNK", "graph_names", "table_of", "write_jsonld", "write_nquads", "write_ntriples", "write_turtle"]

CHUNK = 4096
"""Subjects per rdflib JSON-LD call, and a unit of buffered writing."""


def table_of(graph: Graph) -> Table:
    """The sorted canonical :class:`Table` of any rdflib graph (for exports of a loaded graph)."""
    return TripleSet(graph).table()


def _lines(table: Table, start: int, stop: int, graph: str = "") -> str:
    n3 = table.n3
    end = f" {graph} .\n" if graph else " .\n"
    return "".join(f"{n3[s]} {n3[p]} {n3[o]}{end}" for s, p, o in table.rows(start, stop))


def write_ntriples(table: Table, out: BinaryIO) -> None:
    """Sorted N-Triples lines, UTF-8."""
    out.writelines(_lines(table, start, start + 65536).encode("utf-8") for start in range(0, len(table), 65536))


def write_turtle(table: Table, out: BinaryIO) -> None:
    """Turtle with the ccin-kg prefixes, written by pyoxigraph from the sorted N-Triples.

    Examples
    --------
    >>> import io
    >>> from rdflib import Literal
    >>> from ccin_kg.namespaces import CCIN, iri
    >>> ts = TripleSet([(iri("initiative", "x"), CCIN.year, Literal(2024))])
    >>> buf = io.BytesIO()
    >>> write_turtle(ts.table(), buf)
    >>> print(buf.getvalue().decode())
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
    import pyoxigraph

    prefixes = {name: str(ns) for name, ns in sorted(PREFIXES.items())}
    with tempfile.TemporaryDirectory(prefix="ccin-kg-nt-") as tmp:
        nt = Path(tmp) / "graph.nt"
        with open(nt, "wb") as handle:
            write_ntriples(table, handle)
        triples = pyoxigraph.parse(path=str(nt), format=pyoxigraph.RdfFormat.N_TRIPLES)
        pyoxigraph.serialize(triples, out, format=pyoxigraph.RdfFormat.TURTLE, prefixes=prefixes)


def _sort_arrays(value):
    """JSON-LD arrays (except ``@list``) are sets: sort them for stable output."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _sort_arrays(v)) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_arrays(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld_nodes(table: Table, start: int, stop: int, context: dict) -> list[dict]:
    """Compacted node objects of rows ``start:stop`` (whole subjects), in subject order."""
    graph = Graph(bind_namespaces="none")
    t = table.terms
    for s, p, o in table.rows(start, stop):
        graph.add((t[s], t[p], t[o]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        data = json.loads(graph.serialize(format="json-ld", context=context))
    if isinstance(data, list):
        nodes = data
    elif "@graph" in data:
        nodes = data["@graph"]
    else:
        node = {k: v for k, v in data.items() if k != "@context"}
        nodes = [node] if node else []
    order = {table.n3[s]: k for k, (s, _, _) in enumerate(table.rows(start, stop))}
    return sorted((_sort_arrays(n) for n in nodes), key=lambda n: order.get(_expand(n.get("@id", ""), context), 0))


def _expand(compact: str, context: dict) -> str:
    prefix, sep, rest = compact.partition(":")
    base = context.get(prefix) if sep else None
    return f"<{base}{rest}>" if isinstance(base, str) and not rest.startswith("//") else f"<{compact}>"


def write_jsonld(table: Table, out: BinaryIO, context: dict, context_iri: str) -> None:
    """Compacted JSON-LD, ``{"@context": context_iri, "@graph": [...]}``, indented, keys and arrays sorted.

    Node objects are made by rdflib (compacting against ``context``), a
    chunk of subjects at a time, and written in their subjects' order.
    """
    out.write(b'{\n  "@context": ' + json.dumps(context_iri, ensure_ascii=False).encode("utf-8") + b',\n  "@graph": [')
    first = True
    for start, stop in _chunks(table):
        parts = []
        for node in _jsonld_nodes(table, start, stop, context):
            text = json.dumps(node, sort_keys=True, indent=2, ensure_ascii=False).replace("\n", "\n    ")
            parts.append(("\n    " if first else ",\n    ") + text)
            first = False
        out.write("".join(parts).encode("utf-8"))
    out.write(b"]\n}\n" if first else b"\n  ]\n}\n")


def _chunks(table: Table, size: int | None = None) -> Iterator[tuple[int, int]]:
    """Row ranges of ``size`` (default :data:`CHUNK`) whole subjects each."""
    size = size or CHUNK
    begin = None
    count = 0
    stop = 0
    for start, stop in table.subject_ranges():
        if begin is None:
            begin = start
        count += 1
        if count == size:
            yield begin, stop
            begin, count = None, 0
    if begin is not None:
        yield begin, stop


def graph_names(table: Table) -> tuple[list[str], dict[int, list[int]], dict[tuple[int, int, int], set[int]]]:
    """The named graphs of :func:`ccin_kg.export.rdf.split_by_document`, on term ids.

    Returns
    -------
    names : the graph names' N-Triples forms, sorted; index 0 is the shared graph
        only when it is used (see :func:`write_nquads`).
    homes : subject id → indexes in ``names`` of graphs all its triples go to.
    extra : fact ``(s, p, o)`` → indexes of more graphs (those its evidence cites).
    """
    from ccin_kg.export.rdf import SHARED_GRAPH, document_graph_name

    ids = {name: table.id_of(term) for name, term in (
        ("type", RDF.type), ("SourceDocument", CCIN.SourceDocument), ("sourceDocument", CCIN.sourceDocument),
        ("subject", RDF.subject), ("predicate", RDF.predicate), ("object", RDF.object),
        ("evidence", CCIN.evidence))}
    s, p, o = table.s, table.p, table.o
    documents = set(s[(p == ids["type"]) & (o == ids["SourceDocument"])].tolist())
    cites = p == ids["sourceDocument"]
    documents |= set(o[cites].tolist())
    doc_names = {d: document_graph_name(table.terms[d]).n3() for d in sorted(documents)
                 if isinstance(table.terms[d], URIRef)}
    names = sorted({*doc_names.values(), SHARED_GRAPH.n3()})
    index = {name: k for k, name in enumerate(names)}
    homes: dict[int, set[int]] = defaultdict(set)
    for d, name in doc_names.items():
        homes[d].add(index[name])
    for subj, doc in zip(s[cites].tolist(), o[cites].tolist()):
        if doc in doc_names:
            homes[subj].add(index[doc_names[doc]])
    # a reified statement has one rdf:subject, rdf:predicate and rdf:object (its IRI is their hash), so
    # plain id → id maps (no list per statement: at 100x the corpus that is hundreds of MiB)
    values: dict[str, dict[int, int]] = {}
    for key in ("subject", "predicate", "object"):
        mask = p == ids[key]
        values[key] = dict(zip(s[mask].tolist(), o[mask].tolist()))
    evidence: dict[int, list[int]] = defaultdict(list)
    mask = p == ids["evidence"]
    for subj, obj in zip(s[mask].tolist(), o[mask].tolist()):
        evidence[subj].append(obj)
    extra: dict[tuple[int, int, int], set[int]] = defaultdict(set)
    for statement, ss in values["subject"].items():
        cited = set().union(*(homes.get(ev, set()) for ev in evidence.get(statement, ())))
        if not cited:
            continue
        homes[statement] |= cited
        pp, oo = values["predicate"].get(statement), values["object"].get(statement)
        if pp is not None and oo is not None:
            extra[(ss, pp, oo)] |= cited
    return names, dict(homes), dict(extra)


def write_nquads(table: Table, out: BinaryIO) -> None:
    """N-Quads, each triple in the named graph(s) :func:`ccin_kg.export.rdf.split_by_document` gives it.

    Lines come in triple order (not sorted by graph): for
    :meth:`pyoxigraph.Store.bulk_load`.
    """
    from ccin_kg.export.rdf import SHARED_GRAPH

    names, homes, extra = graph_names(table)
    shared = (names.index(SHARED_GRAPH.n3()),)
    n3 = table.n3
    for start in range(0, len(table), 65536):
        lines = []
        for s, p, o in table.rows(start, start + 65536):
            graphs = homes.get(s)
            more = extra.get((s, p, o)) if extra else None
            if more:
                graphs = (graphs | more) if graphs else more
            head = f"{n3[s]} {n3[p]} {n3[o]} "
            lines.extend(f"{head}{names[g]} .\n" for g in sorted(graphs or shared))
        out.write("".join(lines).encode("utf-8"))


def write_file(path: Path, writer) -> None:
    """Run ``writer(handle)`` on a new file at ``path``, flushed to disk."""
    with open(path, "wb") as handle:
        writer(handle)
        handle.flush()
        os.fsync(handle.fileno())
