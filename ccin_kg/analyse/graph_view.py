"""The network the analyses and views work on, and the small readings they share.

The network comes from :func:`ccin_kg.export.network.to_networkx` (entities
as nodes with ``type`` and ``label``; domain relations as edges keyed by
relation name, with ``sentences`` and ``sources``), without its ``memberOf``
edges: membership stays on the nodes (``membership_tier``), since an edge
from every member to the CCIN would put the network at the centre of every
path and ranking.

The helpers here read either that shape or hand-made graphs: an edge's
relation is its ``relation`` attribute or its key, its label the
``label`` attribute or the relation name in words.
"""

from __future__ import annotations

import re

import networkx as nx

__all__ = ["SKIPPED_RELATIONS", "edge_label", "edge_relation", "edge_where", "load_network", "undirected"]

SKIPPED_RELATIONS = frozenset({"memberOf"})
"""Relations left out of the analysed network (membership is a node attribute)."""


def load_network(path) -> nx.MultiDiGraph:
    """The network of a build directory or RDF file, without :data:`SKIPPED_RELATIONS`.

    Raises
    ------
    ccin_kg.errors.GraphMissing, ccin_kg.errors.SourceError
        as :func:`ccin_kg.build.load.load_graph` does.
    """
    from ccin_kg.build.load import load_graph
    from ccin_kg.export.network import RELATIONS, to_networkx

    keep = [name for name in RELATIONS.values() if name not in SKIPPED_RELATIONS]
    return to_networkx(load_graph(path), relations=keep)


def edge_relation(key, data: dict) -> str:
    """An edge's relation name: its ``relation`` attribute, else its key.

    Examples
    --------
    >>> edge_relation("ledBy", {}), edge_relation(0, {"relation": "fundedBy"})
    ('ledBy', 'fundedBy')
    """
    return str(data.get("relation") or (key if key is not None else "") or "linkedTo")


def edge_label(key, data: dict) -> str:
    """An edge's label for people: its ``label`` attribute, else the relation name in words.

    Examples
    --------
    >>> edge_label("meetsPrinciple", {}), edge_label(None, {"relation": "worksWith"})
    ('meets principle', 'works with')
    """
    if data.get("label"):
        return str(data["label"])
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", edge_relation(key, data)).lower()


def edge_where(data: dict, sentence: str | None = None) -> str:
    """Where an edge (or one of its sentences) was read: ``file:line``, or "".

    Reads ``evidence`` (``[{"source", "line", "sentence"}]``) where given,
    else the first of ``sources`` (``file:first-last``).

    Examples
    --------
    >>> edge_where({"sources": ("a.txt:3-4", "b.txt:9")})
    'a.txt:3-4'
    >>> edge_where({"evidence": [{"source": "a.txt", "line": 2, "sentence": "X."}]}, "X.")
    'a.txt:2'
    """
    for ev in data.get("evidence") or ():
        if sentence is None or ev.get("sentence") == sentence:
            return f"{ev.get('source', '')}:{ev['line']}" if ev.get("line") is not None else str(ev.get("source", ""))
    sources = data.get("sources") or ()
    return str(sources[0]) if sources else ""


def undirected(G: nx.Graph) -> nx.Graph:
    """A simple undirected copy: one edge per linked pair, ``weight`` = number of relations.

    Examples
    --------
    >>> M = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    >>> U = undirected(M)
    >>> sorted(U.edges(data="weight"))
    [('a', 'b', 2), ('b', 'c', 1)]
    """
    U = nx.Graph()
    U.add_nodes_from(G.nodes(data=True))
    for u, v in G.edges():
        if u == v:
            continue
        if U.has_edge(u, v):
            U[u][v]["weight"] += 1
        else:
            U.add_edge(u, v, weight=1)
    return U
