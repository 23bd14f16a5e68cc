"""How two entities are connected: shortest paths, each hop with its relation and sentence."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx

from ccin_kg.analyse.graph_view import edge_label, edge_relation, edge_where, undirected

__all__ = ["CONCEPT_TYPES", "Hop", "format_hop", "shortest_connections"]

CONCEPT_TYPES = frozenset({"theme", "principle", "approach", "place"})
"""Node types that link initiatives by what they share, not by who works together."""


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a connection, from ``start`` to ``end``.

    ``relation`` and ``label`` name the relation (``ledBy``, "led by");
    ``forward`` is False when the relation points the other way
    (``end led by start``); ``sentence`` and ``where`` ("a.txt:12") say where
    it was read, or are empty when the graph holds no evidence for it.
    """

    start: str
    end: str
    relation: str
    label: str
    forward: bool
    sentence: str = ""
    where: str = ""


def _hop(G: nx.Graph, u: str, v: str) -> Hop:
    """The best-evidenced relation between u and v, either way round."""
    options = []
    for a, b, forward in ((u, v, True), (v, u, False)):
        if not G.has_edge(a, b):
            continue
        edges = G[a][b].items() if G.is_multigraph() else [(None, G[a][b])]
        for key, data in edges:
            relation = edge_relation(key, data)
            sentence = next(iter(data.get("sentences") or ()), "")
            options.append((not sentence, not forward, relation, Hop(
                u, v, relation, edge_label(key, data), forward, sentence, edge_where(data, sentence or None))))
    return min(options, key=lambda o: o[:3])[3]


def shortest_connections(G: nx.Graph, a: str, b: str, limit: int = 3) -> list[list[Hop]]:
    """The shortest ways from entity ``a`` to entity ``b``, hop by hop.

    Relations are followed either way round (a council is "connected" to
    the initiative that it leads). Where two entities are joined by several
    relations, a hop shows one that has a source sentence, forward first.

    Parameters
    ----------
    G : networkx.Graph
        A network from :func:`~ccin_kg.analyse.graph_view.load_network`
        (edges with ``relation``, ``sentences`` and ``sources``).
    a, b : str
        Node ids (see :func:`~ccin_kg.analyse.names.find_node` for names).
    limit : int, default 3
        At most this many paths, all of the shortest length.

    Returns
    -------
    list of list of Hop
        Empty when ``a`` and ``b`` are not connected; paths in a stable order
        (fewest concepts, then the labels along them).

    Raises
    ------
    KeyError
        If ``a`` or ``b`` is not a node of ``G``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("pantry", "Oldham", key="ledBy", relation="ledBy",
    ...                sentences=("The pantry is led by Oldham Council.",), sources=("a.txt:2",))
    >>> _ = G.add_edge("pantry", "UKSPF", key="fundedBy", relation="fundedBy",
    ...                sentences=("It is funded by the UKSPF.",))
    >>> [path] = shortest_connections(G, "Oldham", "UKSPF")
    >>> for hop in path:
    ...     print(format_hop(hop))
    Oldham ←led by— pantry  "The pantry is led by Oldham Council." (a.txt:2)
    pantry —funded by→ UKSPF  "It is funded by the UKSPF."
    """
    for node in (a, b):
        if node not in G:
            raise KeyError(node)
    U = undirected(G)
    try:
        paths = list(itertools.islice(nx.all_shortest_paths(U, a, b), 1000))
    except nx.NetworkXNoPath:
        return []

    def order(path):  # paths through organisations and initiatives before those through shared concepts
        concepts = sum(G.nodes[n].get("type") in CONCEPT_TYPES for n in path[1:-1])
        return concepts, [G.nodes[n].get("label", str(n)) for n in path], path

    return [[_hop(G, u, v) for u, v in itertools.pairwise(path)] for path in sorted(paths, key=order)[:limit]]


def format_hop(hop: Hop, labels: dict[str, str] | None = None) -> str:
    """One hop as a line of text: ``start —label→ end  "sentence" (where)``.

    Examples
    --------
    >>> print(format_hop(Hop("pantry", "Oldham", "ledBy", "led by", True), {"Oldham": "Oldham Council"}))
    pantry —led by→ Oldham Council
    """
    labels = labels or {}
    start, end = labels.get(hop.start, hop.start), labels.get(hop.end, hop.end)
    arrow = f"—{hop.label}→" if hop.forward else f"←{hop.label}—"
    line = f"{start} {arrow} {end}"
    if hop.sentence:
        line += f'  "{hop.sentence}"'
    if hop.where:
        line += f" ({hop.where})"
    return line
