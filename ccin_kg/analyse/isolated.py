"""Entities that the sources name but link to nothing."""

from __future__ import annotations

import networkx as nx

__all__ = ["isolated_nodes"]


def isolated_nodes(G: nx.Graph, types: set[str] | None = None) -> list[str]:
    """Nodes with no relation at all, sorted by type then label.

    In the ccin-kg network these are mostly members that the publications
    list but whose work they do not describe.

    Parameters
    ----------
    G : networkx.Graph
        Nodes with ``type`` and ``label`` attributes.
    types : set of str, optional
        Only nodes of these types.

    Returns
    -------
    list of str

    Examples
    --------
    >>> G = nx.MultiDiGraph([("pantry", "Oldham")])
    >>> G.add_node("Preston", type="council", label="Preston City Council")
    >>> G.add_node("Aardvark Trust", type="charity", label="Aardvark Trust")
    >>> isolated_nodes(G)
    ['Aardvark Trust', 'Preston']
    >>> isolated_nodes(G, types={"council"})
    ['Preston']
    """
    found = [n for n in nx.isolates(G) if types is None or G.nodes[n].get("type") in types]
    return sorted(found, key=lambda n: (G.nodes[n].get("type", ""), G.nodes[n].get("label", str(n)), n))
