"""Read source files into :class:`~ccin_kg.ingest.records.Document` records.

A file's kind is decided by its content first, then its suffix:

- ``%PDF-`` at the start, or a ``.pdf`` suffix: PDF, text extracted with
  pypdf, page texts joined with ``\\n`` (``application/pdf``);
- text starting ``<!doctype html`` or ``<html`` (after leading whitespace
  and comments), or a ``.html`` / ``.htm`` / ``.xhtml`` suffix: a web page,
  turned into text by :func:`~ccin_kg.ingest.html_text.html_to_text`
  (``text/html``);
- ``.md`` / ``.markdown``: ``text/markdown``;
- anything else that is UTF-8 text (``.txt``, no suffix ...): ``text/plain``.

The text is then cleaned by :func:`~ccin_kg.ingest.clean.clean_text`, which
keeps its line count. Every problem raises a
:class:`~ccin_kg.errors.SourceError` whose one-line message starts with the
file's path.
"""

from __future__ import annotations

import binascii
import hashlib
import io
import logging
import os
import re
import stat
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path

from ccin_kg.errors import SourceError
from ccin_kg.ingest.clean import clean_text
from ccin_kg.ingest.html_text import html_to_text
from ccin_kg.ingest.records import Document

__all__ = ["DEFAULT_MAX_BYTES", "read_source", "read_sources"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Largest file read by default: 20 MiB, room for a long illustrated PDF
while refusing a stray archive or disk image before it is read into memory.
Larger files raise :class:`~ccin_kg.errors.SourceError`; pass ``max_bytes``
(the CLI's ``--max-bytes``) to raise the limit."""

_BOM = b"\xef\xbb\xbf"
_SNIFF = 8192  # bytes looked at to tell binary from text
_MAX_CONTROL_SHARE = 0.1  # more control bytes than this in the sniffed part: binary
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c\x08")
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)
_HTML_END = re.compile(r"</(?:html|body)\s*>(?:\s*<!--.*?-->)*\s*\Z", re.IGNORECASE | re.DOTALL)
_SUFFIX_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
}


def _shown(path) -> str:
    """The path as text for a one-line message (control characters escaped)."""
    text = os.fsdecode(path)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _read_bytes(path, max_bytes: int) -> bytes:
    """The file's bytes, after checking it exists, is a file and is small enough."""
    shown = _shown(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise SourceError(shown, "no such file") from None
    except NotADirectoryError:
        raise SourceError(shown, "no such file (a parent is not a directory)") from None
    except PermissionError:
        raise SourceError(shown, "permission denied: cannot reach the file") from None
    except (OSError, ValueError) as e:
        raise SourceError(shown, f"cannot read file: {_one_line(getattr(e, 'strerror', None) or e)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(shown, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(shown, "is not a regular file")
    if info.st_size > max_bytes:
        raise SourceError(
            shown, f"is {info.st_size} bytes, over the limit of {max_bytes} bytes (use --max-bytes to raise it)"
        )
    try:
        with open(path, "rb") as f:
            raw = f.read(max_bytes + 1)
    except PermissionError:
        raise SourceError(shown, "permission denied: cannot read the file") from None
    except OSError as e:
        raise SourceError(shown, f"cannot read file: {_one_line(e.strerror or e)}") from None
    if len(raw) > max_bytes:  # grew after stat
        raise SourceError(shown, f"is over the limit of {max_bytes} bytes (use --max-bytes to raise it)")
    return raw


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:_SNIFF]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
    return controls > _MAX_CONTROL_SHARE * len(sample)


def _decode(shown: str, raw: bytes) -> str:
    """UTF-8 text of ``raw`` without its BOM, or a SourceError saying why not."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(shown, "is UTF-16 text, not UTF-8 (save it as UTF-8)")
    if _looks_binary(raw):
        raise SourceError(shown, "looks like a binary file, not text")
    skip = len(_BOM) if raw.startswith(_BOM) else 0
    try:
        return raw[skip:].decode("utf-8")
    except UnicodeDecodeError as e:
        offset = skip + e.start
        raise SourceError(
            shown, f"is not UTF-8 text (invalid byte 0x{raw[offset]:02x} at offset {offset})"
        ) from None


def _pdf_text(shown: str, raw: bytes) -> str:
    """Text of a PDF, page texts joined with ``\\n``."""
    import pypdf  # imported on first use: most runs read no PDF
    from pypdf.errors import DependencyError, PyPdfError

    # pypdf raises many exception types on damaged files; these are the ones
    # its parser is known to let through, each meaning "cannot read it".
    damaged = (PyPdfError, DependencyError, ValueError, KeyError, IndexError, TypeError,
               AttributeError, AssertionError, RecursionError, UnicodeError, NotImplementedError,
               OSError, struct.error, zlib.error, binascii.Error)
    pdf_log = logging.getLogger("pypdf")
    level = pdf_log.level
    pdf_log.setLevel(logging.ERROR)  # pypdf warns through logging on every damaged xref
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(shown, "cannot read PDF: it is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except SourceError:
        raise
    except damaged as e:
        raise SourceError(shown, f"cannot read PDF: {_one_line(e) or type(e).__name__}") from None
    finally:
        pdf_log.setLevel(level)
    text = "\n".join(pages)
    if not text.strip():
        raise SourceError(shown, "PDF has no extractable text")
    return text


def _media_type(path: Path, text: str) -> str:
    """Media type of a text file: HTML by its start, else by its suffix."""
    if _HTML_START.match(text):
        return "text/html"
    return _SUFFIX_TYPES.get(path.suffix.lower(), "text/plain")


def read_source(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one source file into a cleaned :class:`Document`.

    Parameters
    ----------
    path : str or path-like
        A ``.txt``, ``.md``, ``.html`` or ``.pdf`` file (kind sniffed from
        the content first, see the module docstring).
    max_bytes : int
        Refuse files larger than this; defaults to :data:`DEFAULT_MAX_BYTES`.

    Returns
    -------
    Document
        ``name`` is the file's own name; ``sha256`` is of the raw bytes;
        ``text`` is the cleaned text, with as many lines as the source text.

    Raises
    ------
    SourceError
        One line naming the file: no such file, a directory, permission
        denied, over the size limit, empty, binary, not UTF-8, a truncated
        HTML page (it starts like HTML but does not end with ``</html>`` or
        ``</body>``, trailing whitespace and comments allowed), a PDF pypdf
        cannot read or with no extractable text.
    ValueError
        If ``max_bytes`` is not positive.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "note.txt").write_bytes(b"\\xef\\xbb\\xbfFund: \\\\pounds 5k\\r\\n")
    >>> doc = read_source(folder / "note.txt")
    >>> doc.name, doc.text, doc.media_type
    ('note.txt', 'Fund: £5k\\n', 'text/plain')
    >>> _ = (folder / "empty.txt").write_text("  \\n")
    >>> try:
    ...     read_source(folder / "empty.txt")
    ... except SourceError as e:
    ...     print(e.problem)
    file is empty
    """
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be positive, not {max_bytes}")
    shown, given = _shown(path), os.fsdecode(path)
    path = Path(path)
    raw = _read_bytes(path, max_bytes)
    if not raw.strip():
        raise SourceError(shown, "file is empty")
    digest = hashlib.sha256(raw).hexdigest()

    if raw.startswith(b"%PDF-"):
        text = _pdf_text(shown, raw)
        return Document(path.name, given, clean_text(text), digest, "application/pdf")
    if path.suffix.lower() == ".pdf":
        raise SourceError(shown, "cannot read PDF: no %PDF- header (is it really a PDF?)")

    text = _decode(shown, raw)
    if not text.strip():
        raise SourceError(shown, "file is empty")
    media_type = _media_type(path, text)
    if media_type == "text/html":
        text = _html_text(shown, text)
    return Document(path.name, given, clean_text(text), digest, media_type)


def _html_text(shown: str, text: str) -> str:
    if _HTML_START.match(text) and not _HTML_END.search(text[-4096:]):
        raise SourceError(shown, "HTML page looks truncated: no closing </html> / </body>")
    try:
        page = html_to_text(text)
    except AssertionError as e:  # html.parser's _markupbase on some malformed declarations
        raise SourceError(shown, f"cannot parse HTML: {_one_line(e)}") from None
    if not page.text.strip():
        raise SourceError(shown, "HTML page has no visible text")
    return page.text


def read_sources(paths: Iterable[str | os.PathLike], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """Read several source files, sorted by name.

    Names are checked before any file is read, so a clash fails fast.

    Parameters
    ----------
    paths : iterable of str or path-like
    max_bytes : int
        Size limit applied to each file.

    Returns
    -------
    list of Document
        Sorted by ``name``.

    Raises
    ------
    SourceError
        If two paths share a file name (the message names both), or any
        file cannot be read (see :func:`read_source`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.txt", "a.md"):
    ...     _ = (folder / name).write_text("Hello\\n")
    >>> [d.name for d in read_sources([folder / "b.txt", folder / "a.md"])]
    ['a.md', 'b.txt']
    """
    seen: dict[str, str] = {}
    paths = list(paths)
    for p in paths:
        name = Path(p).name
        if name in seen:
            raise SourceError(
                _shown(p), f"duplicate document name {name!r}: also given as {_shown(seen[name])}"
            )
        seen[name] = os.fsdecode(p)
    return sorted((read_source(p, max_bytes) for p in paths), key=lambda d: d.name)
