"""Write export files all or nothing: temporary files beside the targets, then ``os.replace``."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

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
    temps: list[tuple[Path, Path]] = []
    target = Path()
    try:
        for target, data in outputs.items():
            target = Path(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            temps.append((Path(name), target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(name, 0o644)
        for temp, target in temps:
            if target.is_dir():
                raise IsADirectoryError(21, "is a directory")
        for temp, target in temps:
            os.replace(temp, target)
    except BaseException as e:
        for temp, _ in temps:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        if isinstance(e, OSError):
            raise ExportError(f"{target}: cannot write: {e.strerror or e}") from e
        raise
    return [target for _, target in temps]
