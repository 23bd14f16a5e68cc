"""Content negotiation: which serialisation to answer a query in.

``?format=`` wins over the ``Accept`` header; a format name or a media type
works in either. SELECT and ASK answer in SPARQL JSON (the default), XML,
CSV or TSV; CONSTRUCT and DESCRIBE in Turtle (the default), N-Triples,
JSON-LD or RDF/XML. An ``Accept`` header that names nothing we serve gets
the default (HTTP allows it, and browsers send ``text/html``); a
``?format=`` we cannot serve for that form is an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["GRAPH_FORMATS", "RESULT_FORMATS", "Format", "FormatError", "choose_format", "parse_accept"]


@dataclass(frozen=True, slots=True)
class Format:
    """A serialisation: our short name and its media type."""

    name: str
    media_type: str

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header value (UTF-8 always)."""
        return f"{self.media_type}; charset=utf-8"


class FormatError(ValueError):
    """A ``?format=`` that does not apply to this kind of query."""


RESULT_FORMATS = {
    "json": Format("json", "application/sparql-results+json"),
    "xml": Format("xml", "application/sparql-results+xml"),
    "csv": Format("csv", "text/csv"),
    "tsv": Format("tsv", "text/tab-separated-values"),
}
GRAPH_FORMATS = {
    "turtle": Format("turtle", "text/turtle"),
    "nt": Format("nt", "application/n-triples"),
    "jsonld": Format("jsonld", "application/ld+json"),
    "rdfxml": Format("rdfxml", "application/rdf+xml"),
}

_RESULT_NAMES = {
    "json": "json", "srj": "json", "application/sparql-results+json": "json", "application/json": "json",
    "text/javascript": "json", "application/javascript": "json",
    "xml": "xml", "srx": "xml", "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "csv": "csv", "text/csv": "csv",
    "tsv": "tsv", "text/tab-separated-values": "tsv",
}
_GRAPH_NAMES = {
    "turtle": "turtle", "ttl": "turtle", "n3": "turtle", "text/turtle": "turtle", "application/turtle": "turtle",
    "application/x-turtle": "turtle", "text/n3": "turtle", "text/rdf+n3": "turtle",
    "nt": "nt", "ntriples": "nt", "n-triples": "nt", "application/n-triples": "nt", "text/plain": "nt",
    "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld", "application/ld+json": "jsonld",
    "application/json": "jsonld", "application/x-json+ld": "jsonld",
    "rdfxml": "rdfxml", "rdf+xml": "rdfxml", "rdf": "rdfxml", "xml": "rdfxml", "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
}


def parse_accept(header: str | None) -> list[str]:
    """Media types from an ``Accept`` header, most wanted first (q=0 dropped).

    Examples
    --------
    >>> parse_accept("text/csv;q=0.5, application/sparql-results+xml, */*;q=0.1, text/plain;q=0")
    ['application/sparql-results+xml', 'text/csv', '*/*']
    """
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((header or "").split(",")):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        if not media:
            continue
        q = 1.0
        for param in parts[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, position, media))
    return [media for _, _, media in sorted(ranked)]


def choose_format(form: str, accept: str | None = None, format_params: Iterable[str] = ()) -> Format:
    """The format to answer a query of ``form`` in.

    Parameters
    ----------
    form : str
        ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
    accept : str, optional
        The request's ``Accept`` header.
    format_params : iterable of str
        The request's ``format`` parameters (SPARQLWrapper sends a name and
        a media type); the first one we know wins.

    Returns
    -------
    Format

    Raises
    ------
    FormatError
        If ``format`` parameters were given and none applies to ``form``.

    Examples
    --------
    >>> choose_format("SELECT", "text/csv").name
    'csv'
    >>> choose_format("SELECT", "text/html,*/*;q=0.8").name
    'json'
    >>> choose_format("CONSTRUCT", "application/ld+json;q=0.9, application/n-triples").name
    'nt'
    >>> choose_format("CONSTRUCT", None, ["json-ld", "application/ld+json"]).media_type
    'application/ld+json'
    >>> choose_format("ASK", "text/csv", ["tsv"]).name
    'tsv'
    >>> choose_format("SELECT", None, ["turtle"])
    Traceback (most recent call last):
    ...
    ccin_kg.serve.formats.FormatError: format 'turtle' does not apply to SELECT results (use json, xml, csv or tsv)
    """
    graph = form in ("CONSTRUCT", "DESCRIBE")
    names, formats = (_GRAPH_NAMES, GRAPH_FORMATS) if graph else (_RESULT_NAMES, RESULT_FORMATS)
    default = formats["turtle" if graph else "json"]
    wanted = [value.strip().lower() for value in format_params if value and value.strip()]
    for value in wanted:
        name = names.get(value.split(";")[0].strip())
        if name is not None:
            return formats[name]
    if wanted:
        raise FormatError(f"format {wanted[0]!r} does not apply to {form} results "
                          f"(use {', '.join(list(formats)[:-1])} or {list(formats)[-1]})")
    for media in parse_accept(accept):
        if media in names:
            return formats[names[media]]
        if media == "*/*":
            return default
        if media.endswith("/*"):
            kind = media[:-1]
            if default.media_type.startswith(kind):
                return default
            for fmt in formats.values():
                if fmt.media_type.startswith(kind):
                    return fmt
    return default
