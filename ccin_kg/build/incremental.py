"""Change the sources of a built graph without a full rebuild: ``add`` and ``remove``.

Both read the manifest ``sources.json`` the last build wrote, take each kept
source's records from the cache (:mod:`ccin_kg.build.sources`), extract only
new or changed files, and then re-run resolution and the graph build over the
whole (cheap next to extraction), so merged entities stay merged and a fact
only a removed source supported disappears. The outputs equal those of a full
build of the same sources with the same settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ccin_kg.build.run import BuildResult, assemble, read_documents
from ccin_kg.build.sources import Manifest, Source, SourceNotFound, extract_each, load_cached, read_manifest
from ccin_kg.errors import CcinKgError
from ccin_kg.ingest.records import Document

__all__ = ["StaleCache", "add_sources", "remove_sources"]


class StaleCache(CcinKgError):
    """A kept source's cached records do not match and its file cannot be read again."""


def _register(manifest: Manifest):
    from ccin_kg.resolve.register import load_register

    return load_register(manifest.register) if manifest.register else load_register()


def _kept(out_dir: Path, manifest: Manifest, sources: Iterable[Source]) -> tuple[list, list[Document]]:
    """Cached (document, records, fresh=False) of ``sources``, and the documents whose cache is stale."""
    entries, stale = [], []
    for source in sources:
        cached = load_cached(out_dir, source, manifest)
        if cached is not None:
            entries.append((*cached, False))
            continue
        try:
            (document,) = read_documents([source.path])
        except CcinKgError:
            document = None
        if document is None or document.sha256 != source.sha256:
            raise StaleCache(f"{source.name}: its cached extraction is out of date and {source.path} has changed "
                             "or is gone; run a full `ccin-kg build`")
        stale.append(document)
    return entries, stale


def add_sources(files: Sequence[str | Path], out_dir: Path, *, max_bytes: int | None = None, nlp=None,
                jobs: int = 1, progress: Callable[[str], None] = lambda msg: None
                ) -> tuple[BuildResult, list[str]]:
    """Add (or update) ``files`` in the graph built in ``out_dir``.

    Parameters
    ----------
    files : source files; one whose name is already a source replaces it.
    out_dir : a directory ``ccin-kg build`` wrote into.
    max_bytes : per-file size limit.
    nlp : a loaded spaCy pipeline (default: loaded lazily).
    jobs : processes to extract the new files in.

    Returns
    -------
    (BuildResult, list of str)
        The new build and the names of the files that were extracted
        (new or changed; unchanged files come from the cache).

    Raises
    ------
    SourceNotFound
        If ``out_dir`` has no manifest.
    """
    out_dir = Path(out_dir)
    manifest = read_manifest(out_dir)
    progress("reading sources")
    given = read_documents(files, max_bytes)
    given_names = {d.name for d in given}
    known = {s.name: s for s in manifest.sources}
    changed = [d for d in given if d.name not in known or known[d.name].sha256 != d.sha256]
    changed_names = {d.name for d in changed}
    unchanged_given = [known[d.name] for d in given if d.name not in changed_names]
    entries, stale = _kept(out_dir, manifest, [s for s in manifest.sources if s.name not in given_names])
    fresh_entries, fresh_stale = _kept(out_dir, manifest, unchanged_given)
    entries += fresh_entries
    to_extract = changed + stale + fresh_stale
    register = _register(manifest)
    progress(f"extracting from {len(to_extract)} new or changed document(s)")
    parts = extract_each(to_extract, register, register_path=manifest.register, nlp=nlp,
                         use_model=manifest.use_model, jobs=jobs, progress=progress)
    entries += [(doc, parts[doc.name], True) for doc in to_extract]
    return assemble(entries, out_dir, register, manifest, progress), sorted(d.name for d in to_extract)


def remove_sources(names: Sequence[str], out_dir: Path, *, nlp=None,
                   progress: Callable[[str], None] = lambda msg: None) -> BuildResult:
    """Drop the sources ``names`` (file names, or paths whose name is taken) and every fact only they supported.

    Raises
    ------
    SourceNotFound
        If a name is not a source of the build in ``out_dir``.
    """
    out_dir = Path(out_dir)
    manifest = read_manifest(out_dir)
    known = {s.name for s in manifest.sources}
    drop = set()
    for name in names:
        base = Path(name).name
        if base not in known:
            raise SourceNotFound(f"{name}: not a source of {out_dir} (see `ccin-kg sources`)")
        drop.add(base)
    entries, stale = _kept(out_dir, manifest, [s for s in manifest.sources if s.name not in drop])
    register = _register(manifest)
    if stale:
        parts = extract_each(stale, register, register_path=manifest.register, nlp=nlp,
                             use_model=manifest.use_model, progress=progress)
        entries += [(doc, parts[doc.name], True) for doc in stale]
    result = assemble(entries, out_dir, register, manifest, progress)
    for name in drop:
        from ccin_kg.build.sources import cache_path

        cache_path(out_dir, name).unlink(missing_ok=True)
    return result
