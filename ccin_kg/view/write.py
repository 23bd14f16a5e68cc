"""Write a view page atomically: a temporary file beside the target, then ``os.replace``."""

from __future__ import annotations

import os  # noqa: F401  (tests simulate a failing disk through os.fsync)
from pathlib import Path

from ccin_kg.atomic import replace_all

__all__ = ["write_view"]


def write_view(page: str, path: str | Path) -> Path:
    """Write ``page`` to ``path`` (UTF-8), never leaving a half-written file.

    The parent directory is created if missing. The page goes to a hidden
    temporary file in the same directory first and is moved into place only
    once complete; on failure the old file, if any, is unchanged.

    Parameters
    ----------
    page : str
        The HTML, from :func:`~ccin_kg.view.page.render_view`.
    path : str or pathlib.Path
        Where to write (``graph/network.html`` by default in the CLI).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> write_view("<!DOCTYPE html><p>hi</p>", d / "sub" / "v.html").read_text(encoding="utf-8")
    '<!DOCTYPE html><p>hi</p>'
    >>> sorted(p.name for p in (d / "sub").iterdir())
    ['v.html']
    """
    path = Path(path)
    replace_all([(path, page.encode("utf-8"))])
    return path
