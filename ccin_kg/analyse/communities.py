"""Groups of entities more linked to each other than to the rest: Louvain, seeded."""

from __future__ import annotations

import networkx as nx

from ccin_kg.analyse.graph_view import undirected

__all__ = ["communities"]


def communities(G: nx.Graph, seed: int = 0, resolution: float = 1.0) -> list[list[str]]:
    """Louvain communities of the linked entities, the same on every run.

    Edges are read as undirected, weighted by how many relations join a
    pair; nodes with no link are left out (see
    :func:`~ccin_kg.analyse.isolated.isolated_nodes`).

    Parameters
    ----------
    G : networkx.Graph
        Any graph (a MultiDiGraph from ``to_networkx`` too).
    seed : int, default 0
        Seed of Louvain's random node order: same seed, same communities.
    resolution : float, default 1.0
        Above 1 favours smaller communities, below 1 larger ones.

    Returns
    -------
    list of list of str
        Communities, largest first (ties: the one with the smallest member
        first); members sorted by node id.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> G.add_node("alone")
    >>> communities(G)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    U = undirected(G)
    U.remove_nodes_from([n for n in list(U) if U.degree(n) == 0])
    if len(U) == 0:
        return []
    found = nx.community.louvain_communities(U, weight="weight", resolution=resolution, seed=seed)
    groups = [sorted(c) for c in found]
    return sorted(groups, key=lambda c: (-len(c), c[0]))
