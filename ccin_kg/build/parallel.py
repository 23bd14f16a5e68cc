"""Extract documents in parallel: one document per task, a lazily loaded model per process.

Workers are started with ``spawn`` (a clean interpreter: no inherited
threads or open stores), load the spaCy pipeline and the register on their
first task, and return each document's records; the caller puts them back
in document-name order, so the output does not depend on which worker
finished first.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from ccin_kg.extract.records import Extraction
from ccin_kg.ingest.records import Document

__all__ = ["extract_parallel"]


@functools.cache
def _worker_register(register_path: str | None):
    from ccin_kg.resolve.register import load_register

    return load_register(register_path) if register_path else load_register()


def _extract_one(document: Document, register_path: str | None, use_model: bool) -> tuple[str, Extraction]:
    """Runs in a worker: the records of one document (the model loads once per process)."""
    from ccin_kg.extract.pipeline import extract

    nlp = None
    if use_model:
        from ccin_kg.extract.nlp import load_nlp

        nlp = load_nlp()
    return document.name, extract([document], nlp=nlp, use_model=use_model, register=_worker_register(register_path))


def extract_parallel(documents: Sequence[Document], jobs: int, *, register_path: str | None = None,
                     use_model: bool = True) -> dict[str, Extraction]:
    """Each document's records, extracted over ``jobs`` processes, keyed by name in name order.

    Examples
    --------
    >>> extract_parallel([], 2)
    {}
    """
    if not documents:
        return {}
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    results: dict[str, Extraction] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, len(documents)),
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(_extract_one, doc, register_path, use_model)
                   for doc in sorted(documents, key=lambda d: d.name)]
        for future in futures:
            name, extraction = future.result()
            results[name] = extraction
    return {name: results[name] for name in sorted(results)}
