"""Namespaces, prefixes, IRIs, slugs and canonical literals of ccin-kg.

Ontology terms live under ``https://w3id.org/ccin-kg/ontology#`` (:class:`CCIN`,
checked against ``ontology/ccin.ttl`` by a test); data under
``https://w3id.org/ccin-kg/id/<kind>/<slug>`` (:func:`iri`), with slugs from
:func:`slugify` so that the same name always gives the same IRI. The W3C and
schema.org vocabularies are re-exported closed: ``ORG.memberof`` raises
instead of minting a wrong IRI.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from importlib.resources import files

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as _rdfns
from rdflib.term import Node

__all__ = [
    "BASE",
    "CCIN",
    "DCTERMS",
    "FOAF",
    "ID",
    "ONS",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "XSD",
    "bind_prefixes",
    "canonical_term",
    "iri",
    "load_ontology",
    "name_key",
    "slugify",
]


def _closed(vocabulary: type[_rdfns.DefinedNamespace]) -> type[_rdfns.DefinedNamespace]:
    """A closed copy of one of rdflib's vocabularies: an unknown term raises.

    rdflib's own copies only warn (``ORG.memberof`` mints a wrong IRI).

    Examples
    --------
    >>> _closed(_rdfns.ORG).memberof
    Traceback (most recent call last):
    ...
    AttributeError: term 'memberof' not in namespace 'http://www.w3.org/ns/org#'
    """
    return type(vocabulary.__name__, (vocabulary,), {"_fail": True, "__module__": __name__})


DCTERMS = _closed(_rdfns.DCTERMS)
FOAF = _closed(_rdfns.FOAF)
ORG = _closed(_rdfns.ORG)
OWL = _closed(_rdfns.OWL)
PROV = _closed(_rdfns.PROV)
RDF = _closed(_rdfns.RDF)
RDFS = _closed(_rdfns.RDFS)
SKOS = _closed(_rdfns.SKOS)
XSD = _closed(_rdfns.XSD)

BASE = Namespace("https://w3id.org/ccin-kg/")
"""Root of every ccin-kg IRI."""

ID = Namespace(BASE + "id/")
"""Data IRIs: ``ID + "<kind>/<slug>"``; use :func:`iri`."""

SCHEMA = _closed(_rdfns.SDO)
"""schema.org, as ``https://schema.org/`` (rdflib's ``SDO``, closed)."""

ONS = Namespace("http://statistics.data.gov.uk/id/statistical-geography/")
"""ONS statistical geographies: ``ONS[gss_code]`` is the area a council serves."""


class CCIN(_rdfns.DefinedNamespace):
    """The ccin-kg ontology, ``https://w3id.org/ccin-kg/ontology#``.

    Holds exactly the terms of ``ontology/ccin.ttl``; an unknown term raises
    instead of minting a wrong IRI.

    Examples
    --------
    >>> CCIN.ledBy
    rdflib.term.URIRef('https://w3id.org/ccin-kg/ontology#ledBy')
    >>> CCIN.ledby
    Traceback (most recent call last):
    ...
    AttributeError: term 'ledby' not in namespace 'https://w3id.org/ccin-kg/ontology#'
    """

    _NS = Namespace("https://w3id.org/ccin-kg/ontology#")
    _fail = True

    # Classes: organisations
    Council: URIRef
    Charity: URIRef
    Cooperative: URIRef
    Company: URIRef
    University: URIRef
    NHSBody: URIRef
    GovernmentBody: URIRef
    Network: URIRef
    Funder: URIRef
    Fund: URIRef
    # Classes: initiatives
    Initiative: URIRef
    CaseStudy: URIRef
    PolicyLab: URIRef
    StudyVisit: URIRef
    Training: URIRef
    FundedProject: URIRef
    Campaign: URIRef
    Programme: URIRef
    # Classes: concepts
    Principle: URIRef
    Theme: URIRef
    Approach: URIRef
    MembershipTier: URIRef
    CouncilTier: URIRef
    # Classes: funding and provenance
    Funding: URIRef
    SourceDocument: URIRef
    Evidence: URIRef

    # Object properties
    ledBy: URIRef
    hasPartner: URIRef
    fundedBy: URIRef
    funding: URIRef
    funder: URIRef
    amount: URIRef
    meetsPrinciple: URIRef
    hasTheme: URIRef
    usesApproach: URIRef
    locatedIn: URIRef
    worksWith: URIRef
    contactPoint: URIRef
    initiativeType: URIRef
    tier: URIRef
    councilTier: URIRef
    membershipTier: URIRef
    evidence: URIRef
    sourceDocument: URIRef

    # Datatype properties
    year: URIRef
    firstLine: URIRef
    lastLine: URIRef
    startChar: URIRef
    endChar: URIRef
    sentence: URIRef
    rule: URIRef
    confidence: URIRef
    sha256: URIRef
    amountText: URIRef
    amountQualifier: URIRef
    replacedByCode: URIRef
    region: URIRef
    nameKey: URIRef


PREFIXES: dict[str, Namespace] = {
    prefix: Namespace(str(vocabulary))
    for prefix, vocabulary in [
        ("ccin", CCIN),
        ("dcterms", DCTERMS),
        ("foaf", FOAF),
        ("id", ID),
        ("org", ORG),
        ("owl", OWL),
        ("prov", PROV),
        ("rdf", RDF),
        ("rdfs", RDFS),
        ("schema", SCHEMA),
        ("skos", SKOS),
        ("xsd", XSD),
    ]
}
"""The fixed prefixes every ccin-kg graph binds (see :func:`bind_prefixes`)."""


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the fixed ccin-kg prefixes on ``graph``, replacing other bindings.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph to bind the prefixes on.

    Returns
    -------
    rdflib.Graph
        The same graph, for chaining.

    Examples
    --------
    >>> g = bind_prefixes(Graph(bind_namespaces="none"))
    >>> dict(g.namespaces())["schema"]
    rdflib.term.URIRef('https://schema.org/')
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


_KIND = re.compile(r"^[a-z][a-z0-9-]*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def iri(kind: str, slug: str) -> URIRef:
    """The data IRI ``https://w3id.org/ccin-kg/id/<kind>/<slug>``.

    Parameters
    ----------
    kind : str
        What the IRI names: ``org``, ``initiative``, ``source``, ``evidence``,
        ``statement``, ``person`` ...
    slug : str
        A slug as :func:`slugify` makes them: ``[a-z0-9]`` runs joined by
        single hyphens.

    Returns
    -------
    rdflib.URIRef

    Raises
    ------
    ValueError
        If ``kind`` or ``slug`` is not a slug, so no malformed IRI is minted.

    Examples
    --------
    >>> iri("org", "oldham-council")
    rdflib.term.URIRef('https://w3id.org/ccin-kg/id/org/oldham-council')
    >>> iri("org", "Oldham Council")
    Traceback (most recent call last):
    ...
    ValueError: not a slug: 'Oldham Council' (use slugify)
    """
    if not _KIND.match(kind):
        raise ValueError(f"not an IRI kind: {kind!r}")
    if not _SLUG.match(slug):
        raise ValueError(f"not a slug: {slug!r} (use slugify)")
    return ID[f"{kind}/{slug}"]


# Letters NFKD does not decompose into ASCII.
_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
     "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
     "ı": "i", "&": " and "}
)
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`\u00b4]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _short_hash(text: str, length: int) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


_NOT_ASCII_ALNUM = re.compile(r"[^A-Za-z0-9]")


def name_key(text: str) -> str:
    """The lookup key of a name: "&" read as "and", then only ASCII letters and digits, lower case.

    It is the value of ``ccin:nameKey``, and equals what the named queries
    compute from a parameter in SPARQL,
    ``LCASE(REPLACE(REPLACE(STR(?x), "&", "and"), "[^A-Za-z0-9]", ""))``, so
    a query finds an entity by any of its names with one index lookup.

    Examples
    --------
    >>> name_key("Telford & Wrekin Council")
    'telfordandwrekincouncil'
    >>> name_key("Co-operative Councils' Innovation Network")
    'cooperativecouncilsinnovationnetwork'
    >>> name_key("—")
    ''
    """
    return _NOT_ASCII_ALNUM.sub("", text.replace("&", "and")).lower()


def slugify(text: str, max_length: int = 80) -> str:
    """A stable, lower-case ASCII slug of ``text``: ``[a-z0-9]`` runs joined by hyphens.

    Accents are dropped, ``&`` reads "and", apostrophes vanish. A text with no
    letter or digit gets a short SHA-1 of itself, so the slug is never empty;
    a slug longer than ``max_length`` is cut at a hyphen and ends with a short
    SHA-1 of the whole text, so long names stay distinct.

    Parameters
    ----------
    text : str
        Any text: a name, title or file name.
    max_length : int, default 80
        Longest slug returned; at least 16.

    Returns
    -------
    str
        The slug; ``slugify(slugify(t)) == slugify(t)``.

    Raises
    ------
    ValueError
        If ``max_length`` is below 16.

    Examples
    --------
    >>> slugify("Co-operative Councils' Innovation Network")
    'co-operative-councils-innovation-network'
    >>> slugify("Telford & Wrekin Council")
    'telford-and-wrekin-council'
    >>> slugify("Ynys Môn – Café Society!")
    'ynys-mon-cafe-society'
    >>> slugify("002_2de81e56ae3274dc.txt")
    '002-2de81e56ae3274dc-txt'
    >>> slugify("£££")
    '44eca429dd3e'
    >>> len(slugify("word " * 40)) <= 80
    True
    """
    if max_length < 16:
        raise ValueError(f"max_length must be at least 16, not {max_length}")
    folded = _APOSTROPHES.sub("", text).translate(_LETTERS)
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    slug = _NON_ALNUM.sub("-", folded.lower()).strip("-")
    if not slug:
        return _short_hash(text, 12)
    if len(slug) > max_length:
        suffix = _short_hash(text, 8)
        head = slug[: max_length - len(suffix) - 1]
        head = head.rsplit("-", 1)[0] if "-" in head else head
        slug = f"{head.strip('-')}-{suffix}"
    return slug


def load_ontology(name: str = "ccin.ttl") -> Graph:
    """Parse one of the Turtle files shipped in ``ccin_kg/ontology/``.

    Parameters
    ----------
    name : str, default "ccin.ttl"
        ``ccin.ttl`` (OWL ontology), ``principles.ttl`` (SKOS vocabularies) or
        ``shapes.ttl`` (SHACL shapes).

    Returns
    -------
    rdflib.Graph
        A fresh in-memory graph with the ccin-kg prefixes bound.

    Raises
    ------
    FileNotFoundError
        If the package holds no such file.

    Examples
    --------
    >>> g = load_ontology("principles.ttl")
    >>> len(set(g.subjects(RDF.type, CCIN.Principle)))
    10
    """
    resource = files("ccin_kg") / "ontology" / name
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    graph.parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    return graph


def _decimal_lexical(lexical: str) -> str | None:
    try:
        value = Decimal(lexical)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    text = format(value, "f")
    if "." not in text:
        return text + ".0"
    text = text.rstrip("0")
    return text + "0" if text.endswith(".") else text


def canonical_term(term: Node) -> Node:
    """One spelling per RDF term, whichever store or parser it came from.

    ``"x"^^xsd:string`` (as Oxigraph returns it) becomes the simple literal
    ``"x"``; an ``xsd:decimal`` gets the lexical form Turtle writes
    (``50000.0``, ``0.9``); an ``xsd:integer`` loses leading zeros and ``+``.
    Anything else is returned as it is.

    Examples
    --------
    >>> canonical_term(Literal("x", datatype=XSD.string))
    rdflib.term.Literal('x')
    >>> canonical_term(Literal("50000", datatype=XSD.decimal)).n3()
    '"50000.0"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    >>> canonical_term(Literal("0.900", datatype=XSD.decimal)).n3()
    '"0.9"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    """
    if not isinstance(term, Literal) or term.language is not None:
        return term
    if term.datatype == XSD.string:
        return Literal(str(term))
    if term.datatype == XSD.decimal:
        lexical = _decimal_lexical(str(term))
        if lexical is not None and lexical != str(term):
            return Literal(lexical, datatype=XSD.decimal, normalize=False)
    elif term.datatype == XSD.integer:
        try:
            lexical = str(int(str(term)))
        except ValueError:
            return term
        if lexical != str(term):
            return Literal(lexical, datatype=XSD.integer, normalize=False)
    return term
