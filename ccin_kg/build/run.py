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
    *,
    nlp=None,
    use_model: bool = True,
    jobs: int = 1,
) -> BuildResult:
    """Build the graph from ``sources`` and write it to ``out_dir``.

    Writes ``ccin.ttl``, ``ccin.jsonld``, ``entities.json``, the sources
    manifest ``sources.json``, the extraction cache ``cache/`` (so
    ``ccin-kg add`` can follow) and the Oxigraph store ``store/``.

    Parameters
    ----------
    sources : files to read; None or empty for the bundled corpus.
    out_dir : where to write; created if missing.
    register_path : a newer copy of the local-authority register (CSV).
    max_bytes : per-file size limit (see :data:`ccin_kg.ingest.read.DEFAULT_MAX_BYTES`).
    min_confidence : leave out facts whose evidence has a lower confidence.
    progress : called with a short message as each stage starts.
    nlp : a loaded spaCy pipeline to use (default: loaded lazily).
    use_model : False skips the statistical pass (structure only; for tests).
    jobs : processes to extract documents in (1: this process).

    Raises
    ------
    ccin_kg.errors.CcinKgError
        for bad input; nothing is written then.
    """
    from ccin_kg.build.sources import Manifest, extract_each
    from ccin_kg.resolve.register import load_register

    progress("reading sources")
    documents = read_documents(sources, max_bytes)
    register = load_register(register_path) if register_path else load_register()
    shown_register = str(Path(register_path).resolve()) if register_path else None
    progress(f"extracting from {len(documents)} document(s)")
    parts = extract_each(documents, register, register_path=shown_register, nlp=nlp, use_model=use_model,
                         jobs=jobs, progress=progress)
    settings = Manifest((), shown_register, min_confidence, use_model)
    entries = [(doc, parts[doc.name], True) for doc in documents]
    return assemble(entries, Path(out_dir), register, settings, progress)


def assemble(entries, out_dir: Path, register, settings, progress: Callable[[str], None] = lambda msg: None
             ) -> BuildResult:
    """Merge per-document records, resolve, build and write every output (graph files, store, manifest, cache).

    Parameters
    ----------
    entries : list of (Document, Extraction, fresh)
        Each source's document and records; ``fresh`` ones are (re)cached.
    out_dir : pathlib.Path
        The build directory.
    register : the local-authority register to resolve against.
    settings : ccin_kg.build.sources.Manifest
        The settings to record (its sources are ignored).

    Returns
    -------
    BuildResult
        Documents and the merged extraction in document-name order.
    """
    from ccin_kg.build import write
    from ccin_kg.build.graph import graph_triples
    from ccin_kg.build.sources import (
        MANIFEST_NAME,
        Manifest,
        Source,
        count_facts,
        manifest_bytes,
        merge_extractions,
        save_cache,
    )
    from ccin_kg.build.store_writer import commit_store, discard_store, prepare_store
    from ccin_kg.resolve.entities import resolve
    from ccin_kg.resolve.explain import ENTITIES_NAME, resolution_bytes

    entries = sorted(entries, key=lambda e: e[0].name)
    documents = [doc for doc, _, _ in entries]
    extraction = merge_extractions(ex for _, ex, _ in entries)
    if settings.min_confidence > 0:
        from ccin_kg.build.confidence import filter_extraction

        extraction = filter_extraction(extraction, settings.min_confidence)
    progress("resolving entities")
    resolution = resolve(extraction, register)
    progress("building the graph")
    triples = graph_triples(extraction, resolution, documents)
    graph = triples.table()  # sorted, canonical: every output streams from it
    del triples
    manifest = Manifest(tuple(Source(doc.name, doc.sha256, _size(doc), str(Path(doc.path).resolve()), count_facts(ex))
                              for doc, ex, _ in entries),
                        settings.register, settings.min_confidence, settings.use_model)
    progress(f"writing {len(graph)} triples to {out_dir}")
    temp = prepare_store(graph, Path(out_dir))
    try:
        for doc, ex, fresh in entries:
            if fresh:
                save_cache(Path(out_dir), doc, ex, manifest)
        outputs = write.write_graph(graph, Path(out_dir), extra={ENTITIES_NAME: resolution_bytes(resolution),
                                                                   MANIFEST_NAME: manifest_bytes(manifest)})
    except BaseException:
        discard_store(temp)
        raise
    outputs["store"] = commit_store(temp, Path(out_dir))
    return BuildResult(documents, extraction, len(graph), outputs)


def _size(doc: Document) -> int:
    """The size in bytes of the file ``doc`` was read from (of its text when the file is gone)."""
    try:
        return Path(doc.path).stat().st_size
    except OSError:
        return len(doc.text.encode("utf-8"))
