"""The build's sources: the manifest ``graph/sources.json`` and a per-source extraction cache.

``build`` records every source it read (name, SHA-256, size, path, fact
count) and caches each one's extraction records in
``graph/cache/<name>.extraction.pickle``, keyed by the file's SHA-256 and a
fingerprint of the extractor (package version and the source of
``ccin_kg/extract``) and the settings. ``ccin-kg add`` then extracts only new
or changed files and ``ccin-kg remove`` none at all: both merge the cached
records in document-name order, the order a full build uses too, so the
result equals a full rebuild.

The cache is a local file written by this program; pickle is read only from
it, and only when its key matches.
"""

from __future__ import annotations

import functools
import hashlib
import json
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from importlib.resources import files
from pathlib import Path

from ccin_kg.atomic import replace_all
from ccin_kg.errors import CcinKgError
from ccin_kg.extract.records import Extraction
from ccin_kg.ingest.records import Document

__all__ = [
    "CACHE_DIR",
    "MANIFEST_NAME",
    "Manifest",
    "Source",
    "SourceNotFound",
    "cache_path",
    "count_facts",
    "extract_each",
    "extractor_fingerprint",
    "load_cached",
    "manifest_bytes",
    "merge_extractions",
    "read_manifest",
    "save_cache",
    "split_extraction",
]

MANIFEST_NAME = "sources.json"
CACHE_DIR = "cache"
CACHE_SUFFIX = ".extraction.pickle"


class SourceNotFound(CcinKgError):
    """A source named to ``remove`` is not in the manifest, or the manifest is missing."""


@dataclass(frozen=True)
class Source:
    """One source in the manifest."""

    name: str
    sha256: str
    size: int
    path: str
    facts: int


@dataclass(frozen=True)
class Manifest:
    """The sources of a build and the settings it was made with (``add`` and ``remove`` reuse them)."""

    sources: tuple[Source, ...]
    register: str | None = None
    min_confidence: float = 0.0
    use_model: bool = True


def count_facts(extraction: Extraction) -> int:
    """How many facts the records hold: initiatives and each of their roles and labels, members, pairs.

    Examples
    --------
    >>> from ccin_kg.extract.records import Evidence, Initiative, OrgRef
    >>> ev = Evidence("a.txt", 1, 1, 0, 5, "x", "rule")
    >>> count_facts(Extraction(initiatives=[Initiative("a.txt", 1, 2, 0, 9, "T", ev, lead=[OrgRef("O", ev)])]))
    2
    """
    n = len(extraction.members) + len(extraction.works_with)
    for ini in extraction.initiatives:
        n += 1 + sum(len(getattr(ini, f)) for f in
                     ("lead", "partners", "funders", "contacts", "principles", "approaches", "places"))
    return n


def split_extraction(extraction: Extraction) -> dict[str, Extraction]:
    """The records of each source document, by the file name their evidence cites.

    Examples
    --------
    >>> from ccin_kg.extract.records import Evidence, Member
    >>> m = lambda src: Member("X Council", "Full", Evidence(src, 1, 1, 0, 1, "x", "rule"))
    >>> {k: len(v.members) for k, v in split_extraction(Extraction(members=[m("b"), m("a"), m("b")])).items()}
    {'b': 2, 'a': 1}
    """
    parts: dict[str, Extraction] = {}

    def part(name: str) -> Extraction:
        return parts.setdefault(name, Extraction(principle_definitions=dict(extraction.principle_definitions)))

    for ini in extraction.initiatives:
        part(ini.source).initiatives.append(ini)
    for m in extraction.members:
        part(m.evidence.source).members.append(m)
    for w in extraction.works_with:
        part(w.evidence.source).works_with.append(w)
    return parts


def merge_extractions(parts: Iterable[Extraction]) -> Extraction:
    """One extraction holding ``parts`` in the given order.

    Examples
    --------
    >>> from ccin_kg.extract.records import Evidence, Member
    >>> m = Member("X Council", "Full", Evidence("a", 1, 1, 0, 1, "x", "rule"))
    >>> len(merge_extractions([Extraction(members=[m]), Extraction(members=[m])]).members)
    2
    """
    out = Extraction()
    for p in parts:
        out.initiatives += p.initiatives
        out.members += p.members
        out.works_with += p.works_with
        out.principle_definitions.update(p.principle_definitions)
    return out


@functools.cache
def extractor_fingerprint() -> str:
    """A digest of the package version and the extractor's source files (code and patterns).

    Examples
    --------
    >>> len(extractor_fingerprint())
    16
    """
    from ccin_kg import __version__

    h = hashlib.sha256(__version__.encode())
    root = files("ccin_kg") / "extract"
    for path in sorted(Path(str(root)).rglob("*")):
        if path.is_file() and path.suffix in (".py", ".jsonl", ".json", ".txt", ".csv"):
            h.update(str(path.relative_to(Path(str(root)))).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cache_key(document: Document, manifest: Manifest) -> str:
    """What a cached extraction must match: the file's hash, the extractor and the settings."""
    return f"{document.sha256}:{extractor_fingerprint()}:{manifest.register}:{manifest.use_model}"


def cache_path(out_dir: Path, name: str) -> Path:
    """``out_dir/cache/<name>.extraction.pickle``.

    Examples
    --------
    >>> cache_path(Path("graph"), "a.txt").as_posix()
    'graph/cache/a.txt.extraction.pickle'
    """
    return Path(out_dir) / CACHE_DIR / f"{name}{CACHE_SUFFIX}"


def save_cache(out_dir: Path, document: Document, extraction: Extraction, manifest: Manifest) -> Path:
    """Cache one source's document and records (written to a temporary file, then moved into place)."""
    path = cache_path(out_dir, document.name)
    data = {"key": cache_key(document, manifest), "document": document, "extraction": extraction}
    replace_all([(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))])
    return path


def load_cached(out_dir: Path, source: Source, manifest: Manifest) -> tuple[Document, Extraction] | None:
    """The cached document and records of ``source``, or None when missing or made otherwise."""
    path = cache_path(out_dir, source.name)
    try:
        data = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    document = data.get("document") if isinstance(data, dict) else None
    if not isinstance(document, Document) or document.sha256 != source.sha256:
        return None
    if data.get("key") != cache_key(document, manifest):
        return None
    return document, data["extraction"]


def manifest_bytes(manifest: Manifest) -> bytes:
    """The manifest as JSON, sources sorted by name.

    Examples
    --------
    >>> m = Manifest((Source("a.txt", "ab12", 3, "in/a.txt", 5),))
    >>> json.loads(manifest_bytes(m))["sources"][0]["facts"]
    5
    """
    data = {"format": 1, "register": manifest.register, "min_confidence": manifest.min_confidence,
            "use_model": manifest.use_model,
            "sources": [asdict(s) for s in sorted(manifest.sources, key=lambda s: s.name)]}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def read_manifest(out_dir: Path) -> Manifest:
    """The manifest ``out_dir/sources.json``.

    Raises
    ------
    SourceNotFound
        If the build directory has no manifest (or an unreadable one).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / MANIFEST_NAME).write_bytes(manifest_bytes(Manifest((Source("a", "x", 1, "a", 0),))))
    ...     read_manifest(Path(tmp)).sources[0].name
    'a'
    """
    path = Path(out_dir) / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sources = tuple(Source(**s) for s in data["sources"])
        return Manifest(sources, data.get("register"), float(data.get("min_confidence", 0.0)),
                        bool(data.get("use_model", True)))
    except FileNotFoundError:
        raise SourceNotFound(f"{path}: no sources manifest; run `ccin-kg build --out {out_dir}` first") from None
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise SourceNotFound(f"{path}: unreadable sources manifest ({' '.join(str(e).split())[:200]})") from None


def extract_each(documents: Sequence[Document], register=None, *, register_path: str | None = None,
                 nlp=None, use_model: bool = True, jobs: int = 1,
                 progress: Callable[[str], None] = lambda msg: None) -> dict[str, Extraction]:
    """Extract each document on its own; records by document name, names sorted.

    One :func:`ccin_kg.extract.pipeline.extract` call per document, so a
    document's records never depend on the others: that is what makes the
    cache, ``add`` and ``--jobs`` give the same graph as a full build.

    Parameters
    ----------
    documents : the cleaned documents.
    register : the register (this process); workers load ``register_path`` (None: bundled).
    nlp : a loaded spaCy pipeline for this process (ignored by workers, which load their own).
    use_model : False skips the statistical pass.
    jobs : processes to spread the documents over; 1 runs here.

    Examples
    --------
    >>> extract_each([])
    {}
    """
    names = sorted(d.name for d in documents)
    if jobs > 1 and len(documents) > 1:
        from ccin_kg.build.parallel import extract_parallel

        results = extract_parallel(documents, jobs, register_path=register_path, use_model=use_model)
    else:
        from ccin_kg.extract.pipeline import extract

        results = {}
        for i, doc in enumerate(sorted(documents, key=lambda d: d.name), 1):
            progress(f"extracting {doc.name} ({i}/{len(documents)})")
            results[doc.name] = extract([doc], nlp=nlp, use_model=use_model, register=register)
    return {name: results[name] for name in names}
