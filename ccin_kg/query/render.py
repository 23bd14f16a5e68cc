"""Query rows as lines of an aligned table, CSV or JSON, one line at a time.

- ``table``: a header, a rule, then the rows with columns aligned; IRIs are
  shortened with the ccin-kg prefixes (``ccin:ledBy``, ``id:org/oldham-council``)
  for reading only; ``(no rows)`` when there are none.
- ``csv``: a header line then one line per row; full IRIs, empty cells for
  unbound values.
- ``json``: an array of objects, one row per line; numbers and booleans as
  JSON values, IRIs and other literals as strings, unbound values left out.

Decimal numbers print without a needless ``.0`` (``165000``, ``0.9``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ccin_kg.query.library import Rows

__all__ = ["FORMATS", "cell", "json_value", "render"]

FORMATS = ("table", "csv", "json")


def _prefixes() -> list[tuple[str, str]]:
    from ccin_kg.namespaces import PREFIXES

    return sorted(((prefix, str(ns)) for prefix, ns in PREFIXES.items()), key=lambda item: -len(item[1]))


def _number_text(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def cell(term: Any, compact: bool = False) -> str:
    """The text of one value: empty for unbound, IRIs shortened when ``compact``.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> from decimal import Decimal
    >>> cell(URIRef("https://w3id.org/ccin-kg/ontology#ledBy"), compact=True)
    'ccin:ledBy'
    >>> cell(Literal(Decimal("165000.0"))), cell(Literal(Decimal("0.90"))), cell(None)
    ('165000', '0.9', '')
    """
    from rdflib import Literal, URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        if compact:
            for prefix, ns in _prefixes():
                local = text[len(ns):]
                if text.startswith(ns) and local and all(c.isalnum() or c in "-_./" for c in local):
                    return f"{prefix}:{local}"
        return text
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal) and value.is_finite():
            return _number_text(value)
        if isinstance(value, bool):
            return "true" if value else "false"
    return str(term)


def json_value(term: Any) -> Any:
    """A JSON value for one RDF term: numbers and booleans typed, the rest as text.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> from decimal import Decimal
    >>> [json_value(t) for t in (Literal(Decimal("35100.0")), Literal(0.9), Literal(3), Literal(True), URIRef("urn:x"))]
    [35100, 0.9, 3, True, 'urn:x']
    """
    from rdflib import Literal

    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return value
        if isinstance(value, Decimal) and value.is_finite():
            return int(value) if value == value.to_integral_value() else float(value)
        if isinstance(value, float) and value == value and abs(value) != float("inf"):
            return value
    return cell(term)


def _table(rows: Rows) -> Iterator[str]:
    header = list(rows.variables)
    body = [[" ".join(cell(v, compact=True).split()) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    yield line(header)
    yield line(["-" * w for w in widths])
    if not body:
        yield "(no rows)"
    for r in body:
        yield line(r)


def _csv(rows: Rows) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for values in [list(rows.variables), *([cell(v) for v in row] for row in rows)]:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        yield buffer.getvalue()[:-1]


def _json(rows: Rows) -> Iterator[str]:
    if rows.kind == "ask":
        yield json.dumps(json_value(rows.rows[0][0]))
        return
    yield "["
    last = len(rows) - 1
    for i, row in enumerate(rows):
        record = {k: json_value(v) for k, v in zip(rows.variables, row) if v is not None}
        yield "  " + json.dumps(record, ensure_ascii=False) + ("," if i < last else "")
    yield "]"


def render(rows: Rows, fmt: str = "table") -> Iterator[str]:
    """Lines (without newlines) showing ``rows`` in format ``fmt``.

    Parameters
    ----------
    rows : Rows
        What :func:`ccin_kg.query.library.run_query` returned.
    fmt : {"table", "csv", "json"}

    Yields
    ------
    str
        One line at a time (a CSV line holds a newline only inside a quoted cell).

    Raises
    ------
    ValueError
        For an unknown format.

    Examples
    --------
    >>> from rdflib import Literal
    >>> rows = Rows(("council", "members"), [(Literal("Oldham Council"), Literal(3))])
    >>> print("\\n".join(render(rows, "table")))
    council         members
    --------------  -------
    Oldham Council  3
    >>> list(render(rows, "csv"))
    ['council,members', 'Oldham Council,3']
    >>> list(render(rows, "json"))
    ['[', '  {"council": "Oldham Council", "members": 3}', ']']
    """
    if fmt == "table":
        return _table(rows)
    if fmt == "csv":
        return _csv(rows)
    if fmt == "json":
        return _json(rows)
    raise ValueError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
