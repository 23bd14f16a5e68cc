"""The ``#+ key: value`` header of a named SPARQL query (format: :mod:`ccin_kg.query`)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ccin_kg.errors import SourceError

__all__ = ["Header", "Param", "QueryHeaderError", "parse_header", "parse_params"]

KEYS = ("name", "summary", "params")
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LINE = re.compile(r"^#\+\s*([A-Za-z_][A-Za-z0-9_-]*)\s*:(.*)$")
_PARAM = re.compile(r"""\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:(=)\s*("(?:[^"\\]|\\.)*"|[^,"]*))?\s*(?:,|$)""")


class QueryHeaderError(SourceError):
    """A query file's ``#+`` header is malformed: the message names file and line."""


@dataclass(frozen=True, slots=True)
class Param:
    """A query parameter: its variable name and default (None: unbound unless given)."""

    name: str
    default: str | None = None

    def __str__(self) -> str:
        """The parameter as the header writes it.

        Examples
        --------
        >>> str(Param("funder", "UK Shared Prosperity Fund")), str(Param("tier"))
        ('funder=UK Shared Prosperity Fund', 'tier')
        """
        if self.default is None:
            return self.name
        if "," in self.default or '"' in self.default or self.default != self.default.strip():
            return f"{self.name}={json.dumps(self.default, ensure_ascii=False)}"
        return f"{self.name}={self.default}"


@dataclass(frozen=True, slots=True)
class Header:
    """What a query's header says; a key the header leaves out is None (params: empty)."""

    name: str | None = None
    summary: str | None = None
    params: tuple[Param, ...] = ()
    present: bool = False  # the text had at least one ``#+`` line


def parse_params(text: str, where: str = "query", line: int | None = None) -> tuple[Param, ...]:
    """Parse the value of a ``#+ params:`` line.

    Parameters
    ----------
    text : str
        ``name=default, name, name="a, b"``.
    where : str
        The file (or query) name for error messages.
    line : int, optional
        The header line, for error messages.

    Returns
    -------
    tuple of Param

    Raises
    ------
    QueryHeaderError
        On a malformed list, a repeated name or an empty ``name=``.

    Examples
    --------
    >>> [str(p) for p in parse_params('funder=UK Shared Prosperity Fund, tier, label="a, b"')]
    ['funder=UK Shared Prosperity Fund', 'tier', 'label="a, b"']
    >>> parse_params("tier=")
    Traceback (most recent call last):
    ...
    ccin_kg.query.header.QueryHeaderError: query: parameter 'tier': give a default after '=' or leave '=' out (optional)
    """
    params: list[Param] = []
    pos, text = 0, text.strip()
    while pos < len(text):
        m = _PARAM.match(text, pos)
        if m is None or m.end() == pos:
            raise QueryHeaderError(where, f"cannot read the parameters from {text[pos:]!r} "
                                          "(expected name=default, name, ...)", line)
        name, equals, raw = m.group(1), m.group(2), m.group(3)
        if equals and not (raw or "").strip():
            raise QueryHeaderError(where, f"parameter {name!r}: give a default after '=' or leave '=' out (optional)",
                                   line)
        default = None
        if equals:
            raw = raw.strip()
            default = json.loads(raw) if raw.startswith('"') else raw
        if any(p.name == name for p in params):
            raise QueryHeaderError(where, f"parameter {name!r} is listed twice", line)
        params.append(Param(name, default))
        pos = m.end()
    return tuple(params)


def parse_header(text: str, where: str = "query") -> Header:
    """Read the ``#+ key: value`` lines at the top of a query.

    The header is the run of comment and blank lines before the query
    proper; ``#+`` lines in it are header lines, other comments are ignored.

    Parameters
    ----------
    text : str
        The whole query file.
    where : str
        The file (or query) name for error messages.

    Returns
    -------
    Header

    Raises
    ------
    QueryHeaderError
        On a malformed line, an unknown or repeated key, a bad name, an empty
        summary, bad params, or a parameter that is not a variable of the query.

    Examples
    --------
    >>> h = parse_header("#+ name: members\\n#+ summary: CCIN members\\n#+ params: tier\\nSELECT * { ?m ?p ?tier }")
    >>> h.name, h.summary, [str(p) for p in h.params]
    ('members', 'CCIN members', ['tier'])
    >>> parse_header("#+ sumary: typo\\nASK {}", "x.rq")
    Traceback (most recent call last):
    ...
    ccin_kg.query.header.QueryHeaderError: x.rq:1: unknown header key 'sumary' (use name, summary, params)
    """
    values: dict[str, tuple[str, int]] = {}
    present = False
    body_start = len(text.splitlines())
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            body_start = number
            break
        if not stripped.startswith("#+"):
            continue
        present = True
        m = _LINE.match(stripped)
        if m is None:
            raise QueryHeaderError(where, f"malformed header line {stripped!r} (expected '#+ key: value')", number)
        key, value = m.group(1), m.group(2).strip()
        if key not in KEYS:
            raise QueryHeaderError(where, f"unknown header key {key!r} (use {', '.join(KEYS)})", number)
        if key in values:
            raise QueryHeaderError(where, f"header key {key!r} is given twice", number)
        values[key] = (value, number)
    body = "\n".join(text.splitlines()[body_start - 1:])
    name = summary = None
    params: tuple[Param, ...] = ()
    if "name" in values:
        name, number = values["name"]
        if not NAME.match(name):
            raise QueryHeaderError(where, f"query name {name!r} must be lower-case words joined by hyphens", number)
    if "summary" in values:
        summary, number = values["summary"]
        if not summary:
            raise QueryHeaderError(where, "the summary is empty", number)
    if "params" in values:
        raw, number = values["params"]
        params = parse_params(raw, where, number)
        for param in params:
            if not re.search(rf"[?$]{param.name}\b", body):
                raise QueryHeaderError(where, f"parameter {param.name!r} is not a variable of the query", number)
    return Header(name, summary, params, present)
