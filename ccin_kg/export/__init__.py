"""Export the graph for other tools: RDF serialisations, network files, CSV tables.

=========  ===========  =====================================================
format     file         what
=========  ===========  =====================================================
turtle     ccin.ttl     Turtle, as ``ccin-kg build`` writes it
jsonld     ccin.jsonld  JSON-LD compacted against the published context
nt         ccin.nt      N-Triples, sorted
nq         ccin.nq      N-Quads, one named graph per source document
trig       ccin.trig    TriG, one named graph per source document
xml        ccin.rdf     RDF/XML
graphml    ccin.graphml the network view (:mod:`~ccin_kg.export.network`)
gexf       ccin.gexf    the network view, for Gephi
csv        nodes.csv +  the network view as two tables (Gephi, Kumu)
           edges.csv
=========  ===========  =====================================================

How triples are split into named graphs: :mod:`ccin_kg.export.rdf`. Every
output is the same bytes for the same graph; files are written all or
nothing (:func:`ccin_kg.export.files.write_files`). Modules load rdflib and
networkx when first used, not when this package is imported.
"""

from __future__ import annotations

__all__ = ["EXTENSIONS", "FORMATS", "export_bytes"]

EXTENSIONS: dict[str, str] = {
    "turtle": "ttl",
    "jsonld": "jsonld",
    "nt": "nt",
    "nq": "nq",
    "trig": "trig",
    "xml": "rdf",
    "graphml": "graphml",
    "gexf": "gexf",
    "csv": "csv",
}
"""Export format → file extension."""

FORMATS = tuple(EXTENSIONS)


def export_bytes(graph, fmt: str) -> bytes:
    """The graph in one of the single-file formats (every format but ``csv``).

    Parameters
    ----------
    graph : rdflib.Graph
    fmt : str
        A key of :data:`EXTENSIONS` other than ``csv`` (see
        :func:`ccin_kg.export.tables.csv_tables`).

    Returns
    -------
    bytes

    Raises
    ------
    ValueError
        For ``csv`` or an unknown format.

    Examples
    --------
    >>> from rdflib import Graph, Literal
    >>> from ccin_kg.namespaces import CCIN, iri
    >>> g = Graph()
    >>> _ = g.add((iri("initiative", "x"), CCIN.year, Literal(2024)))
    >>> export_bytes(g, "nt").decode().split()[1]
    '<https://w3id.org/ccin-kg/ontology#year>'
    """
    if fmt in ("graphml", "gexf"):
        from ccin_kg.export import graphfiles

        return getattr(graphfiles, fmt)(graph)
    from ccin_kg.export.rdf import WRITERS

    if fmt not in WRITERS:
        raise ValueError(f"no single-file export format {fmt!r} (use {', '.join(f for f in FORMATS if f != 'csv')})")
    return WRITERS[fmt](graph)
