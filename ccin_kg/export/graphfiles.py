"""The network view as GraphML and GEXF files, for Gephi, yEd and Cytoscape.

Both come from :func:`ccin_kg.export.network.to_networkx` through
:func:`~ccin_kg.export.network.flat_copy`: node ids are IRIs, ``label`` and
``type`` are node attributes (Gephi shows the label and can colour by
type), and each edge carries ``relation``, ``sentences`` and ``sources``; in
GEXF the edge label is the relation too. The GEXF file leaves out the
``lastmodifieddate`` networkx stamps on it, so the bytes depend only on the
graph.
"""

from __future__ import annotations

import io

import networkx as nx
from rdflib import Graph

from ccin_kg.export.network import flat_copy, to_networkx

__all__ = ["gexf", "gexf_bytes", "graphml", "graphml_bytes"]


def graphml_bytes(network: nx.MultiDiGraph) -> bytes:
    """A network (from :func:`to_networkx`) as GraphML, UTF-8.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="ledBy", relation="ledBy", sentences=("Led by B.",))
    >>> back = nx.read_graphml(io.BytesIO(graphml_bytes(G)), force_multigraph=True)
    >>> [d["relation"] for _, _, d in back.edges(data=True)]
    ['ledBy']
    """
    flat = flat_copy(network)
    return ("\n".join(nx.generate_graphml(flat, encoding="utf-8", prettyprint=True)) + "\n").encode("utf-8")


def gexf_bytes(network: nx.MultiDiGraph) -> bytes:
    """A network (from :func:`to_networkx`) as GEXF 1.2, UTF-8, with no date stamp.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_node("a", label="Oldham Council", type="council")
    >>> data = gexf_bytes(G)
    >>> b"lastmodifieddate" in data, nx.read_gexf(io.BytesIO(data)).nodes["a"]["label"]
    (False, 'Oldham Council')
    """
    from networkx.readwrite.gexf import GEXFWriter

    flat = flat_copy(network)
    for _, _, attrs in flat.edges(data=True):
        if "relation" in attrs:
            attrs.setdefault("label", attrs["relation"])
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(flat)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def graphml(graph: Graph) -> bytes:
    """The network view of an RDF graph as GraphML."""
    return graphml_bytes(to_networkx(graph))


def gexf(graph: Graph) -> bytes:
    """The network view of an RDF graph as GEXF."""
    return gexf_bytes(to_networkx(graph))
