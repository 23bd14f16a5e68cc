"""The network view as two CSV tables, nodes and edges, for Gephi and Kumu.

``nodes.csv`` has the columns ``Id,Label,Type`` then every other node
attribute (sorted by name); ``edges.csv`` has ``Source,Target,Type,Label,Relation``
then every other edge attribute. These are the names Gephi's spreadsheet
import (Data Laboratory) reads: an edge's ``Type`` is ``Directed`` there, its
``Label`` and ``Relation`` the relation name (``ledBy``, ``fundedBy`` ...).
For Kumu, rename ``Source``/``Target`` to ``From``/``To`` and use
``Relation`` as the connection type. Rows are sorted; cells never hold a
newline (tuples are joined with " | ").
"""

from __future__ import annotations

import csv
import io
from typing import Any

import networkx as nx
from rdflib import Graph

from ccin_kg.export.network import flat_copy, to_networkx

__all__ = ["NODE_COLUMNS", "EDGE_COLUMNS", "csv_tables", "network_tables"]

NODE_COLUMNS = ("Id", "Label", "Type")
EDGE_COLUMNS = ("Source", "Target", "Type", "Label", "Relation")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return " ".join(str(value).split())


def _write(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def network_tables(network: nx.MultiDiGraph) -> tuple[bytes, bytes]:
    """A network (from :func:`to_networkx`) as the bytes of ``nodes.csv`` and ``edges.csv``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:i", label="Food pantry", type="initiative")
    >>> G.add_node("urn:o", label="Oldham Council", type="council", gss="E08000004")
    >>> _ = G.add_edge("urn:i", "urn:o", key="ledBy", relation="ledBy", sentences=("Led by Oldham.",))
    >>> nodes, edges = network_tables(G)
    >>> print(nodes.decode(), end="")
    Id,Label,Type,gss
    urn:i,Food pantry,initiative,
    urn:o,Oldham Council,council,E08000004
    >>> print(edges.decode(), end="")
    Source,Target,Type,Label,Relation,sentences
    urn:i,urn:o,Directed,ledBy,ledBy,Led by Oldham.
    """
    flat = flat_copy(network)
    node_extra = sorted({k for _, d in flat.nodes(data=True) for k in d} - {"label", "type"})
    node_rows = [[node, d.get("label", node), d.get("type", "")] + [d.get(k) for k in node_extra]
                 for node, d in sorted(flat.nodes(data=True), key=lambda item: item[0])]
    edge_extra = sorted({k for _, _, d in flat.edges(data=True) for k in d} - {"relation", "label"})
    edge_rows = []
    for u, v, key, d in sorted(flat.edges(keys=True, data=True), key=lambda e: (e[0], str(e[2]), e[1])):
        relation = d.get("relation", key)
        edge_rows.append([u, v, "Directed", relation, relation] + [d.get(k) for k in edge_extra])
    return (_write([*NODE_COLUMNS, *node_extra], node_rows), _write([*EDGE_COLUMNS, *edge_extra], edge_rows))


def csv_tables(graph: Graph) -> tuple[bytes, bytes]:
    """The network view of an RDF graph as ``nodes.csv`` and ``edges.csv`` bytes."""
    return network_tables(to_networkx(graph))
