"""The graph as RDF files: Turtle, JSON-LD, N-Triples, RDF/XML, and TriG / N-Quads by source document.

Every writer returns bytes that depend only on the triples (sorted, fixed
prefixes, canonical literals), so exporting twice gives the same file.

TriG and N-Quads split the graph into **one named graph per source
document** so a consumer can load, trust or drop one publication's facts:

- a reified statement (its ``rdf:Statement`` triples) and the fact it states
  go in the graph of each document its evidence cites (a fact read in two
  documents is in both graphs);
- an evidence node's triples, and those of a node that names its own
  ``ccin:sourceDocument`` (an initiative: its types, lines and characters),
  go in that document's graph; so does the description of the document;
- everything else (organisations and their types, labels and register data,
  memberships' types, the CCIN principles and tiers, amounts) is unsourced:
  it goes in the named graph ``https://w3id.org/ccin-kg/id/graph/shared``,
  not the default graph, so every quad is in a named graph and the union of
  the named graphs is the whole graph.

A document's graph is named after its node: ``id/source/<slug>`` becomes
``id/graph/source/<slug>``.
"""

from __future__ import annotations

import io
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from ccin_kg.namespaces import CCIN, ID, RDF, bind_prefixes, canonical_term, iri, slugify

__all__ = [
    "SHARED_GRAPH",
    "WRITERS",
    "document_graph_name",
    "jsonld",
    "nquads",
    "ntriples",
    "rdfxml",
    "split_by_document",
    "to_dataset",
    "trig",
    "turtle",
    "union",
]

SHARED_GRAPH = iri("graph", "shared")
"""The named graph of the triples no source document vouches for."""

Triple = tuple[Node, Node, Node]


def _key(triple: tuple[Node, ...]) -> tuple[str, ...]:
    return tuple(term.n3() for term in triple)


def _canonical(graph: Graph) -> list[Triple]:
    return sorted({(s, p, canonical_term(o)) for s, p, o in graph}, key=_key)


def document_graph_name(document: URIRef) -> URIRef:
    """The named graph holding what source document ``document`` says.

    Examples
    --------
    >>> print(document_graph_name(iri("source", "002-2de81e56ae3274dc-txt")))
    https://w3id.org/ccin-kg/id/graph/source/002-2de81e56ae3274dc-txt
    >>> print(document_graph_name(URIRef("urn:x:report.pdf")))
    https://w3id.org/ccin-kg/id/graph/source/urn-x-report-pdf
    """
    prefix = str(ID) + "source/"
    text = str(document)
    slug = text[len(prefix):] if text.startswith(prefix) else slugify(text)
    iri("source", slug)  # raises unless the slug is well formed
    return URIRef(f"{ID}graph/source/{slug}")


def split_by_document(graph: Graph) -> dict[URIRef, list[Triple]]:
    """Assign each triple to the named graph(s) of the documents that vouch for it.

    Parameters
    ----------
    graph : rdflib.Graph
        A ccin-kg graph (any store).

    Returns
    -------
    dict of graph name to sorted triples
        Document graphs (see :func:`document_graph_name`) and
        :data:`SHARED_GRAPH`, sorted by name; the union of the values is the
        graph, literals canonical.

    Examples
    --------
    >>> from rdflib import Literal
    >>> g = Graph()
    >>> doc, ev, st = iri("source", "a-txt"), iri("evidence", "e1"), iri("statement", "s1")
    >>> ini, oldham = iri("initiative", "a-food"), iri("org", "oldham-council")
    >>> for t in [(ev, RDF.type, CCIN.Evidence), (ev, CCIN.sourceDocument, doc),
    ...           (st, RDF.subject, ini), (st, RDF.predicate, CCIN.ledBy), (st, RDF.object, oldham),
    ...           (st, CCIN.evidence, ev), (ini, CCIN.ledBy, oldham), (oldham, RDF.type, CCIN.Council)]:
    ...     _ = g.add(t)
    >>> {name.rsplit("/", 1)[1]: len(ts) for name, ts in split_by_document(g).items()}
    {'shared': 1, 'a-txt': 7}
    """
    triples = _canonical(graph)
    by_subject: dict[Node, list[Triple]] = defaultdict(list)
    for triple in triples:
        by_subject[triple[0]].append(triple)
    documents = {s for s, p, o in triples if p == RDF.type and o == CCIN.SourceDocument}
    documents |= {o for s, p, o in triples if p == CCIN.sourceDocument}
    names = {doc: document_graph_name(doc) for doc in documents if isinstance(doc, URIRef)}
    homes: dict[Node, set[URIRef]] = defaultdict(set)  # subject -> graphs all its triples go to
    for doc, name in names.items():
        homes[doc].add(name)
    for s, p, o in triples:
        if p == CCIN.sourceDocument and o in names:
            homes[s].add(names[o])
    assigned: dict[Triple, set[URIRef]] = defaultdict(set)
    for statement in {s for s, p, _ in triples if p == RDF.subject}:  # reified statements
        values = defaultdict(list)
        for _, p, o in by_subject[statement]:
            values[p].append(o)
        cited = set().union(*(homes.get(evidence, set()) for evidence in values[CCIN.evidence]))
        homes[statement] |= cited
        for s in values[RDF.subject]:
            for p in values[RDF.predicate]:
                for o in values[RDF.object]:
                    assigned[(s, p, o)] |= cited
    for subject, graphs in homes.items():
        for triple in by_subject.get(subject, ()):
            assigned[triple] |= graphs
    split: dict[URIRef, list[Triple]] = defaultdict(list)
    for triple in triples:
        for name in assigned.get(triple) or {SHARED_GRAPH}:
            split[name].append(triple)
    return {name: split[name] for name in sorted(split)}


def to_dataset(graph: Graph) -> Dataset:
    """An rdflib Dataset holding :func:`split_by_document`'s named graphs, prefixes bound.

    Examples
    --------
    >>> from rdflib import Literal
    >>> g = Graph()
    >>> _ = g.add((iri("org", "x"), RDF.type, CCIN.Council))
    >>> [str(c.identifier) for c in to_dataset(g).graphs() if len(c)]
    ['https://w3id.org/ccin-kg/id/graph/shared']
    """
    dataset = Dataset()
    bind_prefixes(dataset)
    for name, triples in split_by_document(graph).items():
        named = dataset.graph(name)
        for triple in triples:
            named.add(triple)
    return dataset


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(line for line in data.decode("utf-8").splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def turtle(graph: Graph) -> bytes:
    """Turtle, as ``ccin-kg build`` writes ``ccin.ttl``."""
    from ccin_kg.build.write import turtle_bytes

    return turtle_bytes(graph)


def jsonld(graph: Graph) -> bytes:
    """Compacted JSON-LD naming the published context, as ``ccin.jsonld``."""
    from ccin_kg.build.write import jsonld_bytes

    return jsonld_bytes(graph)


def ntriples(graph: Graph) -> bytes:
    """N-Triples, one triple per line, lines sorted.

    Examples
    --------
    >>> g = Graph()
    >>> _ = g.add((iri("org", "x"), RDF.type, CCIN.Council))
    >>> for term in ntriples(g).decode().split():
    ...     print(term)
    <https://w3id.org/ccin-kg/id/org/x>
    <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>
    <https://w3id.org/ccin-kg/ontology#Council>
    .
    """
    from ccin_kg.build.write import canonical_graph

    return _sorted_lines(canonical_graph(graph).serialize(format="nt", encoding="utf-8"))


class _SortedGraph(Graph):
    """A graph whose subjects and predicate-objects come out sorted (rdflib's RDF/XML writer follows them)."""

    def subjects(self, predicate=None, object=None, unique=False):  # noqa: A002 - rdflib's signature
        return iter(sorted(set(super().subjects(predicate, object)), key=lambda t: t.n3()))

    def predicate_objects(self, subject=None, unique=False):
        return iter(sorted(super().predicate_objects(subject), key=_key))


def rdfxml(graph: Graph) -> bytes:
    """RDF/XML (for tools that read nothing else), subjects and properties in sorted order.

    Examples
    --------
    >>> g = Graph()
    >>> _ = g.add((iri("org", "x"), RDF.type, CCIN.Council))
    >>> b'rdf:about="https://w3id.org/ccin-kg/id/org/x"' in rdfxml(g)
    True
    """
    ordered = bind_prefixes(_SortedGraph(bind_namespaces="none"))
    for triple in _canonical(graph):
        ordered.add(triple)
    return ordered.serialize(format="xml", encoding="utf-8")


def nquads(graph: Graph) -> bytes:
    """N-Quads, one named graph per source document (see the module notes), lines sorted.

    Examples
    --------
    >>> g = Graph()
    >>> _ = g.add((iri("org", "x"), RDF.type, CCIN.Council))
    >>> nquads(g).decode().split()[-2]
    '<https://w3id.org/ccin-kg/id/graph/shared>'
    """
    with warnings.catch_warnings():  # rdflib's own serialisers call its deprecated Dataset.contexts
        warnings.simplefilter("ignore", DeprecationWarning)
        return _sorted_lines(to_dataset(graph).serialize(format="nquads", encoding="utf-8"))


def trig(graph: Graph) -> bytes:
    """TriG, one named graph per source document, graphs in IRI order.

    Examples
    --------
    >>> g = Graph()
    >>> _ = g.add((iri("org", "x"), RDF.type, CCIN.Council))
    >>> "<https://w3id.org/ccin-kg/id/graph/shared> {" in trig(g).decode()
    True
    """
    from rdflib.plugins.serializers.trig import TrigSerializer

    dataset = to_dataset(graph)
    stream = io.BytesIO()
    with warnings.catch_warnings():  # rdflib's own serialisers call its deprecated Dataset.contexts
        warnings.simplefilter("ignore", DeprecationWarning)
        serializer = TrigSerializer(dataset)
        # rdflib lists graphs in store (hash) order: sort them for the same bytes every time
        serializer.contexts = sorted((c for c in serializer.contexts if len(c)), key=lambda c: str(c.identifier))
        serializer.serialize(stream, encoding="utf-8")
    return stream.getvalue()


WRITERS: dict[str, Callable[[Graph], bytes]] = {
    "turtle": turtle,
    "jsonld": jsonld,
    "nt": ntriples,
    "nq": nquads,
    "trig": trig,
    "xml": rdfxml,
}
"""Export format → writer of bytes."""


def union(graphs: Iterable[Graph]) -> Graph:
    """One in-memory graph holding the triples of all ``graphs`` (to compare a dataset with a graph).

    Examples
    --------
    >>> a, b = Graph(), Graph()
    >>> _ = a.add((iri("org", "x"), RDF.type, CCIN.Council))
    >>> _ = b.add((iri("org", "x"), RDF.type, CCIN.Council))
    >>> len(union([a, b]))
    1
    """
    merged = Graph()
    for graph in graphs:
        for triple in graph:
            merged.add(triple)
    return merged
