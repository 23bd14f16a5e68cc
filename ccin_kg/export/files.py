"""Write export files all or nothing: temporary files beside the targets, then ``os.replace``."""

from __future__ import annotations

import tempfile  # noqa: F401  (used by the doctest)
from pathlib import Path

from ccin_kg.atomic import AtomicWriteError, replace_all

from ccin_kg.errors import CcinKgError

__all__ = ["ExportError", "write_files"]


class ExportError(CcinKgError):
    """An export file cannot be written: the message names it and says why."""


def write_files(outputs: dict[Path, bytes]) -> list[Path]:
    """Write each ``path: data`` pair; either every file is replaced or none is.

    All data goes to hidden temporary files in the targets' directories
    first (created if missing); only when every one is written are they
    moved into place with :func:`os.replace`, so a reader never sees a
    half-written file and a failure leaves the old files as they were.

    Parameters
    ----------
    outputs : dict of pathlib.Path to bytes

    Returns
    -------
    list of pathlib.Path
        The paths written, in the order given.

    Raises
    ------
    ExportError
        If a directory or file cannot be written (no temporary file is left).

    Examples
    --------
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_files({Path(tmp) / "a" / "nodes.csv": b"Id\\n", Path(tmp) / "a" / "edges.csv": b"Source\\n"})
    ...     sorted(p.name for p in (Path(tmp) / "a").iterdir())
    ['edges.csv', 'nodes.csv']
    """
    outputs = {Path(target): data for target, data in outputs.items()}
    try:
        return replace_all(outputs.items())
    except AtomicWriteError as e:
        raise ExportError(f"{e.target}: cannot write: {e.strerror or e}") from e
