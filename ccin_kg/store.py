"""Open the built graph as a pyoxigraph store: the on-disk store if there is one, else ``ccin.ttl``.

``build`` writes ``graph/ccin.ttl`` (and, later, ``graph/store/``: an on-disk
Oxigraph store with one named graph per source document). The endpoint and
``push`` read the graph through :func:`open_store`, so they work with either.
"""

from __future__ import annotations

import re
from pathlib import Path

from ccin_kg.errors import GraphMissing, SourceError

__all__ = ["STORE_NAME", "TURTLE_NAME", "open_store"]

STORE_NAME = "store"
TURTLE_NAME = "ccin.ttl"  # the same name ccin_kg.build.write uses, without importing rdflib

_OX_LOCATION = re.compile(r"^Parser error at line \d+[^:]*:\s*")


def open_store(graph_dir: str | Path, *, writable: bool = False):
    """The graph in ``graph_dir`` as a :class:`pyoxigraph.Store`.

    ``graph_dir/store/`` (an on-disk Oxigraph store) is opened read-only, or
    read-write when ``writable``; otherwise ``graph_dir/ccin.ttl`` is bulk
    loaded into a new in-memory store (which is always writable: changes to
    it are never saved).

    Parameters
    ----------
    graph_dir : str or pathlib.Path
        A directory ``ccin-kg build`` wrote into.
    writable : bool
        Open the on-disk store read-write (one process at a time) instead of
        read-only (any number of processes).

    Returns
    -------
    pyoxigraph.Store

    Raises
    ------
    GraphMissing
        If the directory holds neither ``store/`` nor ``ccin.ttl``.
    SourceError
        If ``ccin.ttl`` does not parse (file, line and column) or the store
        cannot be opened.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "ccin.ttl").write_text("<https://e.org/a> <https://e.org/b> 1 .")
    ...     len(open_store(tmp))
    1
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "ccin.ttl").write_text("<https://e.org/a> <https://e.org/b> 1 ;")
    ...     try:
    ...         open_store(tmp)
    ...     except SourceError as e:
    ...         print(e.line, e.column, e.problem)
    1 40 Unexpected end
    """
    import pyoxigraph

    graph_dir = Path(graph_dir)
    store_dir = graph_dir / STORE_NAME
    if store_dir.is_dir():
        try:
            return pyoxigraph.Store(str(store_dir)) if writable else pyoxigraph.Store.read_only(str(store_dir))
        except (OSError, RuntimeError) as e:
            raise SourceError(store_dir, f"cannot open the Oxigraph store: {_one_line(str(e))}") from None
    path = graph_dir / TURTLE_NAME
    if not path.is_file():
        raise GraphMissing(f"{graph_dir}: no built graph ({TURTLE_NAME} missing); run `ccin-kg build` first")
    store = pyoxigraph.Store()
    try:
        store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    except SyntaxError as e:
        raise SourceError(path, _OX_LOCATION.sub("", _one_line(str(e.msg))), e.lineno, e.offset) from None
    except (OSError, ValueError) as e:
        raise SourceError(path, _one_line(str(e))) from None
    return store


def _one_line(text: str, limit: int = 300) -> str:
    """Whitespace collapsed, cut to ``limit`` characters.

    Examples
    --------
    >>> _one_line("a\\n  b", 10)
    'a b'
    >>> _one_line("x" * 20, 10)
    'xxxxxxxxx…'
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
