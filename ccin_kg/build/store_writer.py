"""Write the graph as an on-disk Oxigraph store, ``graph/store/``, swapped into place whole.

The store holds one named graph per source document, exactly the partition
of :func:`ccin_kg.export.rdf.split_by_document` (the TriG export and ``push``
use it too), with the unsourced triples in ``id/graph/shared``, and the
ontology (``ccin.ttl`` and ``principles.ttl``) in :data:`ONTOLOGY_GRAPH`.

It is written into a temporary directory beside the target
(``graph/.store-tmp-XXXX``), bulk loaded, flushed and closed; only then is
the old store renamed away (``.store-old``), the new one renamed to
``store`` and the old one removed. A failure before the swap leaves the
previous store as it was and no temporary directory behind.
"""

from __future__ import annotations

import contextlib
import gc
import shutil
import tempfile
from collections.abc import Iterator
from importlib.resources import files
from itertools import islice
from pathlib import Path

from rdflib import Graph

from ccin_kg.build.bulk import write_file, write_nquads
from ccin_kg.build.triples import Table
from ccin_kg.errors import CcinKgError

__all__ = ["ONTOLOGY_FILES", "ONTOLOGY_GRAPH", "StoreWriteError", "commit_store", "discard_store", "nquads_by_document",
           "prepare_store", "write_store"]

ONTOLOGY_GRAPH = "https://w3id.org/ccin-kg/id/graph/ontology"
"""The named graph holding the ccin-kg ontology and the CCIN principles."""

ONTOLOGY_FILES = ("ccin.ttl", "principles.ttl")
STORE_NAME = "store"
OLD_NAME = ".store-old"
TEMP_PREFIX = ".store-tmp-"


class StoreWriteError(CcinKgError):
    """The on-disk store cannot be written; the previous store is unchanged."""


def nquads_by_document(graph: Graph) -> bytes:
    """The graph as N-Quads, one named graph per source document (unsorted lines, UTF-8).

    Parameters
    ----------
    graph : rdflib.Graph
        A ccin-kg data graph.

    Returns
    -------
    bytes
        N-Quads text that :meth:`pyoxigraph.Store.bulk_load` reads.

    Examples
    --------
    >>> from ccin_kg.namespaces import CCIN, RDF, iri
    >>> g = Graph()
    >>> _ = g.add((iri("org", "x"), RDF.type, CCIN.Council))
    >>> nquads_by_document(g).decode().split()[-2]
    '<https://w3id.org/ccin-kg/id/graph/shared>'
    """
    from ccin_kg.export.rdf import split_by_document

    lines = []
    for name, triples in split_by_document(graph).items():
        g = name.n3()
        lines.extend(f"{s.n3()} {p.n3()} {o.n3()} {g} .\n" for s, p, o in triples)
    return "".join(lines).encode("utf-8")


LOAD_CHUNK_LINES = 200_000
"""Quads per ``bulk_load`` call: Oxigraph's loader holds a whole batch in memory (about 1 KiB a quad)."""


def _chunks(path: Path, lines: int = LOAD_CHUNK_LINES) -> Iterator[bytes]:
    """The N-Quads file ``path`` in pieces of at most ``lines`` whole lines (an N-Quads statement is one line).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("wb", suffix=".nq", delete=False) as f:
    ...     _ = f.write(b"<a:s> <a:p> <a:o1> .\\n<a:s> <a:p> <a:o2> .\\n<a:s> <a:p> <a:o3> .\\n")
    >>> [len(chunk.splitlines()) for chunk in _chunks(Path(f.name), 2)]
    [2, 1]
    """
    with open(path, "rb") as f:
        while True:
            chunk = b"".join(islice(f, lines))
            if not chunk:
                return
            yield chunk


def _fill(store_dir: Path, data: bytes | Path) -> None:
    """Bulk load ``data`` (N-Quads, or an N-Quads file) and the ontology files into a new store, then close it."""
    import pyoxigraph

    store = pyoxigraph.Store(str(store_dir))
    try:
        if isinstance(data, Path):
            for chunk in _chunks(data, LOAD_CHUNK_LINES):
                store.bulk_load(chunk, format=pyoxigraph.RdfFormat.N_QUADS)
        else:
            store.bulk_load(data, format=pyoxigraph.RdfFormat.N_QUADS)
        ontology = pyoxigraph.NamedNode(ONTOLOGY_GRAPH)
        for name in ONTOLOGY_FILES:
            text = (files("ccin_kg") / "ontology" / name).read_bytes()
            store.bulk_load(text, format=pyoxigraph.RdfFormat.TURTLE, to_graph=ontology)
        store.flush()
    finally:
        del store
        gc.collect()  # drop the RocksDB handle (and its lock) before the directory moves


def prepare_store(graph: Graph | Table, out_dir: Path) -> Path:
    """Write the store for ``graph`` into a new temporary directory in ``out_dir``; nothing else changes.

    A :class:`~ccin_kg.build.triples.Table` (what ``build`` passes) is written
    as N-Quads to a temporary file beside the store and bulk loaded from it.

    Returns
    -------
    pathlib.Path
        The temporary directory, for :func:`commit_store` or :func:`discard_store`.

    Raises
    ------
    StoreWriteError
        If the store cannot be written (the temporary directory is removed).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(dir=out_dir, prefix=TEMP_PREFIX))
    try:
        if isinstance(graph, Table):
            nquads = Path(f"{temp}.nq")
            try:
                write_file(nquads, lambda handle: write_nquads(graph, handle))
                _fill(temp, nquads)
            finally:
                nquads.unlink(missing_ok=True)
        else:
            _fill(temp, nquads_by_document(graph))
    except (OSError, RuntimeError, SyntaxError, ValueError) as e:
        shutil.rmtree(temp, ignore_errors=True)
        where = out_dir / STORE_NAME
        raise StoreWriteError(f"{where}: cannot write the Oxigraph store: {' '.join(str(e).split())[:300]}") from None
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    temp.chmod(0o755)
    return temp


def discard_store(temp: Path) -> None:
    """Remove a store :func:`prepare_store` made and that will not be used."""
    shutil.rmtree(temp, ignore_errors=True)


def commit_store(temp: Path, out_dir: Path) -> Path:
    """Swap the prepared store ``temp`` into ``out_dir/store``: old → ``.store-old``, new → ``store``, old removed.

    Returns
    -------
    pathlib.Path
        ``out_dir / "store"``.
    """
    out_dir = Path(out_dir)
    target, old = out_dir / STORE_NAME, out_dir / OLD_NAME
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    try:
        Path(temp).rename(target)
    except OSError:
        if old.exists() and not target.exists():
            old.rename(target)  # put the previous store back
        discard_store(temp)
        raise
    with contextlib.suppress(FileNotFoundError):
        shutil.rmtree(old)
    return target


def write_store(graph: Graph, out_dir: Path) -> Path:
    """Write ``out_dir/store/`` from ``graph``, all or nothing (:func:`prepare_store` then :func:`commit_store`).

    Parameters
    ----------
    graph : rdflib.Graph
        The data graph (the ontology graph is added from the package's files).
    out_dir : pathlib.Path
        The build directory; created if missing.

    Returns
    -------
    pathlib.Path
        ``out_dir / "store"``.

    Raises
    ------
    StoreWriteError
        If the store cannot be written; the previous store is unchanged.

    Examples
    --------
    >>> import tempfile, pyoxigraph
    >>> from ccin_kg.namespaces import CCIN, RDF, iri
    >>> g = Graph()
    >>> _ = g.add((iri("org", "x"), RDF.type, CCIN.Council))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = write_store(g, Path(tmp))
    ...     names = sorted(n.value.rsplit("/", 1)[1] for n in pyoxigraph.Store.read_only(str(path)).named_graphs())
    ...     names, sorted(p.name for p in Path(tmp).iterdir())
    (['ontology', 'shared'], ['store'])
    """
    return commit_store(prepare_store(graph, out_dir), out_dir)
