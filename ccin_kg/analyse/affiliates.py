"""Which affiliate members bring the most councils together."""

from __future__ import annotations

import networkx as nx

__all__ = ["connecting_affiliates", "is_affiliate"]

LINKING_TYPES = frozenset({"initiative"})
"""Nodes through which an affiliate and a council count as working together."""


def is_affiliate(data: dict) -> bool:
    """Whether node attributes say "affiliate member of the CCIN".

    Examples
    --------
    >>> is_affiliate({"membership_tier": "Affiliate"}), is_affiliate({"membership_tier": "Full"})
    (True, False)
    """
    return str(data.get("membership_tier") or "").strip().lower() == "affiliate"


def _neighbours(G: nx.Graph, node: str):
    if G.is_directed():
        return set(G.successors(node)) | set(G.predecessors(node))
    return set(G.neighbors(node))


def connecting_affiliates(G: nx.Graph, top: int = 10) -> list[tuple[str, list[str]]]:
    """Affiliates ranked by how many distinct councils they work with.

    An affiliate works with a council when a relation joins them directly
    (``worksWith``, either way) or when both take part in the same
    initiative (lead, partner or funder of it).

    Parameters
    ----------
    G : networkx.Graph
        Nodes with ``type`` and ``membership_tier`` attributes.
    top : int, default 10
        How many affiliates to return.

    Returns
    -------
    list of (affiliate, councils)
        Most councils first (ties by label); councils sorted; affiliates
        linked to no council are left out.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Locality", type="charity", membership_tier="Affiliate")
    >>> G.add_node("Co-op College", type="cooperative", membership_tier="Affiliate")
    >>> G.add_nodes_from(["Oldham", "Preston", "Plymouth"], type="council")
    >>> G.add_node("pantry", type="initiative")
    >>> _ = G.add_edges_from([("pantry", "Oldham"), ("pantry", "Preston"), ("pantry", "Locality"),
    ...                   ("Co-op College", "Plymouth")])
    >>> connecting_affiliates(G)
    [('Locality', ['Oldham', 'Preston']), ('Co-op College', ['Plymouth'])]
    """
    ranked = []
    for node, data in G.nodes(data=True):
        if not is_affiliate(data):
            continue
        councils = set()
        for n in _neighbours(G, node):
            if G.nodes[n].get("type") == "council":
                councils.add(n)
            elif G.nodes[n].get("type") in LINKING_TYPES:
                councils.update(m for m in _neighbours(G, n) if G.nodes[m].get("type") == "council")
        councils.discard(node)
        if councils:
            ranked.append((node, sorted(councils)))
    ranked.sort(key=lambda r: (-len(r[1]), G.nodes[r[0]].get("label", r[0]), r[0]))
    return ranked[:top]
