"""The whole build: sources → documents → extraction → resolution → RDF files.

Every stage runs before anything is written, and the writer replaces the
output files atomically, so a failing build leaves the previous graph as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccin_kg.extract.records import Extraction
from ccin_kg.ingest.records import Document

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    documents: list[Document]
    extraction: Extraction
    triples: int
    outputs: dict[str, Path]


def read_documents(sources: Sequence[str | Path] | None, max_bytes: int | None = None) -> list[Document]:
    """Read ``sources`` (the bundled corpus when empty) into cleaned documents."""
    from ccin_kg.bundled import corpus_paths
    from ccin_kg.ingest.read import DEFAULT_MAX_BYTES, read_sources

    paths = list(sources) if sources else corpus_paths()
    return read_sources(paths, max_bytes=max_bytes or DEFAULT_MAX_BYTES)


def build(
    sources: Sequence[str | Path] | None,
    out_dir: Path,
    register_path: Path | None = None,
    max_bytes: int | None = None,
    min_confidence: float = 0.0,
    progress: Callable[[str], None] = lambda msg: None,
) -> BuildResult:
    """Build the graph from ``sources`` and write ``ccin.ttl`` and ``ccin.jsonld`` to ``out_dir``.

    Parameters
    ----------
    sources : files to read; None or empty for the bundled corpus.
    out_dir : where to write; created if missing.
    register_path : a newer copy of the local-authority register (CSV).
    max_bytes : per-file size limit (see :data:`ccin_kg.ingest.read.DEFAULT_MAX_BYTES`).
    min_confidence : leave out facts whose evidence has a lower confidence.
    progress : called with a short message as each stage starts.

    Raises
    ------
    ccin_kg.errors.CcinKgError
        for bad input; nothing is written then.
    """
    from ccin_kg.build.graph import build_graph
    from ccin_kg.build.write import write_graph
    from ccin_kg.extract.pipeline import extract
    from ccin_kg.resolve.entities import resolve
    from ccin_kg.resolve.register import load_register

    progress("reading sources")
    documents = read_documents(sources, max_bytes)
    register = load_register(register_path) if register_path else load_register()
    progress(f"extracting from {len(documents)} document(s)")
    extraction = extract(documents, register=register)
    if min_confidence > 0:
        from ccin_kg.build.confidence import filter_extraction

        extraction = filter_extraction(extraction, min_confidence)
    progress("resolving entities")
    resolution = resolve(extraction, register)
    progress("building the graph")
    graph = build_graph(extraction, resolution, documents)
    progress(f"writing {len(graph)} triples to {out_dir}")
    from ccin_kg.resolve.explain import ENTITIES_NAME, resolution_bytes

    outputs = write_graph(graph, Path(out_dir), extra={ENTITIES_NAME: resolution_bytes(resolution)})
    return BuildResult(documents, extraction, len(graph), outputs)
