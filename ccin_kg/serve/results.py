"""Serialise query answers: SPARQL JSON, XML, CSV and TSV; Turtle, N-Triples, JSON-LD and RDF/XML.

The endpoint caps the rows it sends, so result sets are written here from a
list of rows rather than by pyoxigraph, which has no way to stop early. A
capped answer says so where the format has room, in a way standard parsers
ignore: a top-level ``"truncated": true`` in SPARQL JSON, a ``<link
href="urn:ccin-kg:truncated"/>`` in the XML head, a ``# truncated`` comment
in Turtle and N-Triples. The endpoint also sends the header
``X-CCIN-KG-Truncated: true``, the only flag CSV, TSV, JSON-LD and RDF/XML
carry (a flag inside JSON-LD would be read as one more triple).
"""

from __future__ import annotations

import csv
import functools
import io
import json
from importlib.resources import files
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

__all__ = ["TRUNCATED_LINK", "boolean_bytes", "graph_bytes", "shipped_context", "solutions_bytes", "term_json"]

TRUNCATED_LINK = "urn:ccin-kg:truncated"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

Row = Sequence  # one pyoxigraph term (or None when unbound) per variable


def _kind(term) -> str:
    return type(term).__name__  # NamedNode, BlankNode, Literal, Triple


def term_json(term) -> dict:
    """A pyoxigraph term as a SPARQL JSON binding.

    Examples
    --------
    >>> from pyoxigraph import Literal, NamedNode
    >>> term_json(Literal("Oldham", language="en"))
    {'type': 'literal', 'value': 'Oldham', 'xml:lang': 'en'}
    >>> term_json(Literal("3", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")))["datatype"]
    'http://www.w3.org/2001/XMLSchema#integer'
    >>> term_json(Literal("x"))
    {'type': 'literal', 'value': 'x'}
    """
    kind = _kind(term)
    if kind == "NamedNode":
        return {"type": "uri", "value": term.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": term.value}
    if kind == "Triple":
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    binding = {"type": "literal", "value": term.value}
    if term.language:
        binding["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        binding["datatype"] = term.datatype.value
    return binding


_EDGE_SPACE = {" ": "&#32;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}


def _xml_text(text: str) -> str:
    """Escaped element text; CR and edge whitespace as character references (parsers drop or change them).

    Examples
    --------
    >>> _xml_text(" a<b\\r\\n")
    '&#32;a&lt;b&#13;&#10;'
    """
    body = escape(text).replace("\r", "&#13;")
    core = body.strip(" \t\n")
    if not core:
        return "".join(_EDGE_SPACE.get(c, c) for c in body)
    start = body.index(core)
    head, tail = body[:start], body[start + len(core):]
    return "".join(_EDGE_SPACE[c] for c in head) + core + "".join(_EDGE_SPACE[c] for c in tail)


def _term_xml(term) -> str:
    kind = _kind(term)
    if kind == "NamedNode":
        return f"<uri>{escape(term.value)}</uri>"
    if kind == "BlankNode":
        return f"<bnode>{escape(term.value)}</bnode>"
    if kind == "Triple":
        return (f"<triple><subject>{_term_xml(term.subject)}</subject><predicate>{_term_xml(term.predicate)}"
                f"</predicate><object>{_term_xml(term.object)}</object></triple>")
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{_xml_text(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{_xml_text(term.value)}</literal>"
    return f"<literal>{_xml_text(term.value)}</literal>"


def _term_csv(term) -> str:
    if term is None:
        return ""
    kind = _kind(term)
    if kind == "BlankNode":
        return f"_:{term.value}"
    if kind == "Triple":
        return str(term)
    return term.value


def _json(variables: Sequence[str], rows: Iterable[Row], truncated: bool) -> bytes:
    bindings = [{name: term_json(term) for name, term in zip(variables, row, strict=True) if term is not None} for row in rows]
    document: dict = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    if truncated:
        document["truncated"] = True
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _xml(variables: Sequence[str], rows: Iterable[Row], truncated: bool) -> bytes:
    out = [f'<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="{RESULTS_NS}"><head>']
    out += [f"<variable name={quoteattr(name)}/>" for name in variables]
    if truncated:
        out.append(f'<link href="{TRUNCATED_LINK}"/>')
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(name)}>{_term_xml(term)}</binding>"
                for name, term in zip(variables, row, strict=True) if term is not None]
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode("utf-8")


def _csv(variables: Sequence[str], rows: Iterable[Row], truncated: bool) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_term_csv(term) for term in row])
    return buffer.getvalue().encode("utf-8")


def _tsv(variables: Sequence[str], rows: Iterable[Row], truncated: bool) -> bytes:
    lines = ["\t".join(f"?{name}" for name in variables)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


_WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}


def solutions_bytes(variables: Sequence[str], rows: Iterable[Row], fmt: str, truncated: bool = False) -> bytes:
    """SELECT results in ``fmt`` (``json``, ``xml``, ``csv`` or ``tsv``).

    Parameters
    ----------
    variables : sequence of str
        The projected variable names, without ``?``.
    rows : iterable of sequences
        One term or None (unbound) per variable.
    fmt : str
        The format's short name (see :mod:`ccin_kg.serve.formats`).
    truncated : bool
        Whether rows were left out; flagged in JSON and XML.

    Returns
    -------
    bytes
        UTF-8.

    Examples
    --------
    >>> from pyoxigraph import Literal, NamedNode
    >>> rows = [(NamedNode("https://e.org/a"), Literal('say "hi", twice')), (NamedNode("https://e.org/b"), None)]
    >>> solutions_bytes(["s", "label"], rows, "csv").decode().split("\\r\\n")
    ['s,label', 'https://e.org/a,"say ""hi"", twice"', 'https://e.org/b,', '']
    >>> solutions_bytes(["s", "label"], rows[:1], "tsv").decode().splitlines()[1].split("\\t")
    ['<https://e.org/a>', '"say \\\\"hi\\\\", twice"']
    >>> solutions_bytes(["s", "label"], rows[1:], "json", truncated=True)
    b'{"head": {"vars": ["s", "label"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "https://e.org/b"}}]}, "truncated": true}'
    """
    return _WRITERS[fmt](variables, rows, truncated)


def boolean_bytes(value: bool, fmt: str) -> bytes:
    """An ASK answer in ``fmt``; CSV and TSV have no standard form, so they hold ``true`` or ``false``.

    Examples
    --------
    >>> boolean_bytes(True, "json")
    b'{"head": {}, "boolean": true}'
    >>> boolean_bytes(False, "csv")
    b'false'
    """
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": bool(value)}).encode("utf-8")
    if fmt == "xml":
        return (f'<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="{RESULTS_NS}"><head/>'
                f"<boolean>{word}</boolean></sparql>\n").encode("utf-8")
    return word.encode("ascii")


@functools.cache
def shipped_context() -> dict:
    """The JSON-LD context shipped in ``ccin_kg/data/context.jsonld`` (read without rdflib).

    Examples
    --------
    >>> shipped_context()["ccin"]
    'https://w3id.org/ccin-kg/ontology#'
    """
    text = (files("ccin_kg") / "data" / "context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)["@context"]


def _prefixes() -> dict[str, str]:
    return {k: v for k, v in shipped_context().items() if isinstance(v, str)}


def graph_bytes(triples: Sequence, fmt: str, truncated: bool = False) -> bytes:
    """CONSTRUCT or DESCRIBE triples (pyoxigraph) in ``fmt``: ``turtle``, ``nt``, ``jsonld`` or ``rdfxml``.

    Turtle uses the ccin-kg prefixes; JSON-LD is compacted against the
    shipped context, carried inline (nothing for a client to fetch).

    Examples
    --------
    >>> from pyoxigraph import Literal, NamedNode, Triple
    >>> label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> t = [Triple(NamedNode("https://w3id.org/ccin-kg/id/org/x"), label, Literal("X"))]
    >>> print(graph_bytes(t, "nt").decode(), end="")
    <https://w3id.org/ccin-kg/id/org/x> <http://www.w3.org/2000/01/rdf-schema#label> "X" .
    >>> "rdfs:label" in graph_bytes(t, "turtle").decode()
    True
    >>> import json; json.loads(graph_bytes(t, "jsonld"))["rdfs:label"]
    'X'
    """
    import pyoxigraph

    if fmt == "jsonld":
        return _jsonld(triples)
    rdf_format = {"turtle": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
                  "rdfxml": pyoxigraph.RdfFormat.RDF_XML}[fmt]
    prefixes = _prefixes() if fmt in ("turtle", "rdfxml") else None
    body = pyoxigraph.serialize(triples, format=rdf_format, prefixes=prefixes) or b""
    if truncated and fmt in ("turtle", "nt"):
        body = b"# truncated: the answer has more triples than the endpoint's row limit\n" + body
    return body


def _jsonld(triples: Sequence) -> bytes:
    import warnings

    import pyoxigraph
    from rdflib import Graph

    graph = Graph(bind_namespaces="none")
    data = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
    graph.parse(data=data.decode("utf-8"), format="nt")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        text = graph.serialize(format="json-ld", context=shipped_context(), auto_compact=True)
    document = json.loads(text)
    if isinstance(document, list):  # no triples: rdflib writes a bare list
        document = {"@context": shipped_context(), "@graph": document}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
