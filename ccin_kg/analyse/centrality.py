"""Which entities are most linked, and which sit on the most paths: leaders by node type."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from ccin_kg.analyse.graph_view import undirected

__all__ = ["betweenness_leaders", "degree_leaders"]

EXACT_BETWEENNESS_MAX = 2000
"""Above this many nodes betweenness is estimated from a seeded sample of sources."""

BETWEENNESS_SAMPLE = 300
"""How many source nodes the estimate for a large graph starts from."""


def _leaders(G: nx.Graph, score: dict, top: int) -> dict[str, list[tuple[str, float]]]:
    by_type: dict[str, list] = defaultdict(list)
    for node, value in score.items():
        by_type[G.nodes[node].get("type", "entity")].append((node, value))
    return {
        kind: sorted(rows, key=lambda r: (-r[1], G.nodes[r[0]].get("label", ""), r[0]))[:top]
        for kind, rows in sorted(by_type.items())
    }


def degree_leaders(G: nx.Graph, top: int = 5) -> dict[str, list[tuple[str, int]]]:
    """The ``top`` nodes of each type with the most distinct neighbours.

    Parallel relations and their direction do not count twice: a council that
    leads and funds the same initiative has one neighbour there.

    Parameters
    ----------
    G : networkx.Graph
        Any graph whose nodes carry a ``type`` (a MultiDiGraph from
        ``ccin_kg.export.network.to_networkx`` too).
    top : int, default 5
        How many leaders per type.

    Returns
    -------
    dict
        ``{type: [(node, degree), ...]}``, types sorted, most linked first
        (ties by label).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["pantry", "garden"], type="initiative")
    >>> G.add_nodes_from(["Oldham", "Preston"], type="council")
    >>> _ = G.add_edges_from([("pantry", "Oldham"), ("pantry", "Oldham"), ("garden", "Oldham"), ("garden", "Preston")])
    >>> degree_leaders(G, top=1)
    {'council': [('Oldham', 2)], 'initiative': [('garden', 2)]}
    """
    U = undirected(G)
    return _leaders(G, dict(U.degree()), top)


def betweenness_leaders(G: nx.Graph, top: int = 5, seed: int = 0) -> dict[str, list[tuple[str, float]]]:
    """The ``top`` nodes of each type that lie on the most shortest paths (normalised betweenness).

    Exact up to :data:`EXACT_BETWEENNESS_MAX` nodes; above that, estimated
    from :data:`BETWEENNESS_SAMPLE` source nodes drawn with ``seed``, so the
    answer is the same on every run.

    Parameters
    ----------
    G : networkx.Graph
        Nodes with a ``type``; edges read as undirected.
    top : int, default 5
        How many leaders per type.
    seed : int, default 0
        Seed of the sample for large graphs.

    Returns
    -------
    dict
        ``{type: [(node, betweenness), ...]}``, highest first.

    Examples
    --------
    >>> G = nx.path_graph(["Oldham", "Locality", "Preston"])
    >>> nx.set_node_attributes(G, {"Oldham": "council", "Preston": "council", "Locality": "charity"}, "type")
    >>> betweenness_leaders(G, top=1)
    {'charity': [('Locality', 1.0)], 'council': [('Oldham', 0.0)]}
    """
    U = undirected(G)
    k = BETWEENNESS_SAMPLE if len(U) > EXACT_BETWEENNESS_MAX else None
    score = nx.betweenness_centrality(U, k=k, seed=seed if k else None, normalized=True)
    return _leaders(G, score, top)
