"""Write files all or nothing: hidden temporary files beside the targets, then ``os.replace``.

Every writer of outputs (graph files, exports, views, the source cache)
goes through :func:`replace_all`, so a reader never sees a half-written file
and a failure leaves the previous files exactly as they were.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO


class AtomicWriteError(OSError):
    """Writing ``target`` failed; the cause's errno and message are kept.

    >>> e = AtomicWriteError(Path("out/x.nt"), OSError(28, "No space left on device"))
    >>> (str(e.target), e.errno, e.strerror)
    ('out/x.nt', 28, 'No space left on device')
    """

    def __init__(self, target: Path, cause: OSError):
        if cause.errno is None:
            super().__init__(str(cause))
        else:
            super().__init__(cause.errno, cause.strerror or str(cause))
        self.target = target


def write_temp(directory: Path, target: Path, data: bytes | Callable[[BinaryIO], None]) -> Path:
    """Write ``data`` to a new hidden temporary file beside ``target`` (flushed to disk).

    ``data`` is bytes, or a function that writes them to the open binary
    file (so a large output streams instead of being held in memory).
    """
    fd, name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o644)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
        raise
    return Path(name)


def replace_all(
    outputs: Iterable[tuple[Path, bytes | Callable[[BinaryIO], None]]],
    temp_writer: Callable[[Path, Path, bytes | Callable[[BinaryIO], None]], Path] = write_temp,
) -> list[Path]:
    """Write each ``(path, data)``; either every target is replaced or none is.

    ``data`` is bytes or a writer function (see :func:`write_temp`).

    Directories are created as needed. All temporary files are written
    before any is moved into place; on any failure every temporary file is
    removed and the exception propagates; an :class:`OSError` comes out as
    :class:`AtomicWriteError` naming the target being written.

    Examples
    --------
    >>> d = Path(tempfile.mkdtemp())
    >>> [p.name for p in replace_all([(d / "a" / "x.txt", b"x"), (d / "a" / "y.txt", b"y")])]
    ['x.txt', 'y.txt']
    >>> sorted(p.name for p in (d / "a").iterdir())
    ['x.txt', 'y.txt']
    """
    temps: list[tuple[Path, Path]] = []
    target = Path()
    try:
        for target, data in outputs:
            target = Path(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            temps.append((temp_writer(target.parent, target, data), target))
        for _, target in temps:
            if target.is_dir():
                raise IsADirectoryError(21, "is a directory", str(target))
        for temp, target in temps:
            os.replace(temp, target)
    except BaseException as e:
        for temp, _ in temps:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        if isinstance(e, OSError) and not isinstance(e, AtomicWriteError):
            raise AtomicWriteError(target, e) from e
        raise
    return [target for _, target in temps]
