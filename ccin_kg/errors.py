"""Exceptions the library raises; the CLI turns them into one-line errors.

Each carries an ``exit_code`` documented in the README's exit-code table.
"""

from __future__ import annotations


class CcinKgError(Exception):
    """Base class: a problem the user can fix (bad input, unknown name)."""

    exit_code = 1


class SourceError(CcinKgError):
    """A source file cannot be read or parsed.

    The message always starts with the file's path, so one line says which
    file and what is wrong with it.

    Examples
    --------
    >>> str(SourceError("a.txt", "file is empty"))
    'a.txt: file is empty'
    >>> str(SourceError("a.ttl", "bad IRI", line=3, column=7))
    'a.ttl:3:7: bad IRI'
    """

    def __init__(self, path, problem: str, line: int | None = None, column: int | None = None):
        where = str(path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {problem}")
        self.path = str(path)
        self.problem = problem
        self.line = line
        self.column = column


class ModelMissing(CcinKgError):
    """No English spaCy pipeline is installed."""


class GraphMissing(CcinKgError):
    """The graph directory holds no built graph."""


class NotConforming(CcinKgError):
    """SHACL validation found the graph does not conform."""

    exit_code = 3
