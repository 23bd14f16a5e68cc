"""What a view shows: a focus neighbourhood, filters by type, theme, principle and tier,
and for a large graph the most linked nodes first.

Themes and principles belong to initiatives, tiers to organisations; a
filter should also keep what is linked to them, so each node's *facets*
spread them one hop: an organisation gets the themes and principles of the
initiatives it is linked to, an initiative the tiers of the organisations
linked to it. Filtering by "Poverty" then shows the poverty initiatives with
their councils, partners and funders; by "Affiliate", the affiliates and the
initiatives they take part in.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ccin_kg.analyse.graph_view import edge_relation
from ccin_kg.analyse.names import name_key, require_node
from ccin_kg.errors import CcinKgError

__all__ = ["FACETS", "Facets", "UnknownFilterValue", "match_values", "node_facets", "select_nodes", "top_nodes"]

FACETS = ("themes", "principles", "tiers")
"""The filters beside node type."""

_FACET_RELATIONS = {"hasTheme": "themes", "meetsPrinciple": "principles"}


class UnknownFilterValue(CcinKgError):
    """A filter names a theme, principle, tier or type the graph does not have."""


@dataclass(frozen=True, slots=True)
class Facets:
    """A node's filter values (sorted tuples of labels)."""

    themes: tuple[str, ...] = ()
    principles: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()


def _neighbours(G: nx.Graph, node) -> set:
    if G.is_directed():
        return set(G.successors(node)) | set(G.predecessors(node))
    return set(G.neighbors(node))


def _relations(G: nx.Graph):
    if G.is_multigraph():
        for u, v, key, data in G.edges(keys=True, data=True):
            yield u, v, edge_relation(key, data)
    else:
        for u, v, data in G.edges(data=True):
            yield u, v, edge_relation(None, data)


def node_facets(G: nx.Graph) -> dict[str, Facets]:
    """Each node's themes, principles and tiers, spread one hop as the module says.

    Themes and principles are read from ``hasTheme`` and ``meetsPrinciple``
    edges (the label of the node they point to) and from ``themes`` /
    ``principles`` node attributes; tiers from ``membership_tier``,
    ``council_tier`` and ``tiers``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("pantry", type="initiative")
    >>> G.add_node("poverty", type="theme", label="Poverty")
    >>> G.add_node("Oldham", type="council", membership_tier="Full")
    >>> _ = G.add_edge("pantry", "Oldham", key="ledBy")
    >>> _ = G.add_edge("pantry", "poverty", key="hasTheme")
    >>> f = node_facets(G)
    >>> f["Oldham"].themes, f["pantry"].tiers, f["poverty"].themes
    (('Poverty',), ('Full',), ('Poverty',))
    """
    own = {}
    for n, d in G.nodes(data=True):
        tiers = {d.get("membership_tier"), d.get("council_tier"), *(d.get("tiers") or ())} - {None, ""}
        own[n] = {"themes": set(d.get("themes") or ()), "principles": set(d.get("principles") or ()),
                  "tiers": {str(t) for t in tiers}}
    for u, v, relation in _relations(G):
        facet = _FACET_RELATIONS.get(relation)
        if facet:
            label = str(G.nodes[v].get("label", v))
            own[u][facet].add(label)
            own[v][facet].add(label)
    spread = {n: {k: set(v) for k, v in f.items()} for n, f in own.items()}
    for node, data in G.nodes(data=True):
        if data.get("type") != "initiative":
            continue
        for other in _neighbours(G, node):
            spread[other]["themes"] |= own[node]["themes"]
            spread[other]["principles"] |= own[node]["principles"]
            spread[node]["tiers"] |= own[other]["tiers"]
    return {n: Facets(*(tuple(sorted(f[k])) for k in FACETS)) for n, f in spread.items()}


def match_values(wanted, known, what: str) -> set[str]:
    """The known values a user's filter values mean: the same name key, else a unique one containing it.

    Raises
    ------
    UnknownFilterValue
        when a value matches none (the message lists the known ones).

    Examples
    --------
    >>> sorted(match_values(["poverty", "health"], {"Poverty", "Health & Social Care"}, "theme"))
    ['Health & Social Care', 'Poverty']
    >>> match_values(["Sport"], {"Poverty"}, "theme")
    Traceback (most recent call last):
    ...
    ccin_kg.view.select.UnknownFilterValue: no theme 'Sport' in the graph (known: Poverty)
    """
    known = sorted(set(known))
    keys = {k: name_key(k) for k in known}
    chosen = set()
    for value in wanted:
        key = name_key(value)
        exact = [k for k in known if keys[k] == key]
        partial = [k for k in known if key and key in keys[k]]
        if not exact and not partial:
            listed = ", ".join(known[:20]) + (" ..." if len(known) > 20 else "") if known else "none"
            raise UnknownFilterValue(f"no {what} {value!r} in the graph (known: {listed})")
        chosen.update(exact or partial)
    return chosen


def select_nodes(G: nx.Graph, focus=None, depth: int = 1, types=None, themes=None, principles=None,
                 tiers=None, resolution=None) -> tuple[set, str | None]:
    """The nodes a view shows, and the focus node (None without one).

    ``focus`` (a node id or a name, matched by
    :func:`~ccin_kg.analyse.names.find_node`) keeps the nodes within
    ``depth`` links of it, either way round. Each filter keeps the nodes
    with one of its values (matched by :func:`match_values`); the focus
    itself always stays.

    Raises
    ------
    ccin_kg.analyse.names.EntityNotFound
        when no node matches ``focus``.
    UnknownFilterValue
        when a filter value matches nothing in the graph.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n, t in [("pantry", "initiative"), ("Oldham", "council"), ("Locality", "charity"), ("far", "charity")]:
    ...     G.add_node(n, type=t, label=n)
    >>> _ = G.add_edges_from([("pantry", "Oldham"), ("pantry", "Locality"), ("Locality", "far")])
    >>> nodes, focus = select_nodes(G, focus="oldham", depth=2)
    >>> sorted(nodes), focus
    (['Locality', 'Oldham', 'pantry'], 'Oldham')
    >>> sorted(select_nodes(G, types=["charity"])[0])
    ['Locality', 'far']
    """
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    node = require_node(G, focus, resolution) if focus else None
    if node is not None:
        nodes = set(nx.single_source_shortest_path_length(G.to_undirected(as_view=True), node, cutoff=depth))
    else:
        nodes = set(G)
    if types:
        known_types = {d.get("type", "") for _, d in G.nodes(data=True)}
        chosen = match_values(types, known_types, "type")
        nodes = {n for n in nodes if G.nodes[n].get("type") in chosen}
    facets = node_facets(G) if (themes or principles or tiers) else {}
    for name, wanted in (("themes", themes), ("principles", principles), ("tiers", tiers)):
        if not wanted:
            continue
        known = {v for f in facets.values() for v in getattr(f, name)}
        chosen = match_values(wanted, known, name[:-1])
        nodes = {n for n in nodes if chosen & set(getattr(facets[n], name))}
    if node is not None:
        nodes.add(node)
    return nodes, node


def top_nodes(G: nx.Graph, nodes: set, limit: int, keep=None) -> set:
    """The ``limit`` most linked of ``nodes`` (links within ``nodes``), always with ``keep``.

    Ties go to the smaller node id, so the choice is the same on every run.

    Examples
    --------
    >>> G = nx.star_graph(5)
    >>> sorted(top_nodes(G, set(G), 3))
    [0, 1, 2]
    >>> sorted(top_nodes(G, set(G), 2, keep={5}))
    [0, 5]
    """
    keep = set(keep or ())
    if len(nodes) <= limit:
        return set(nodes)
    sub = G.subgraph(nodes)
    degree = {n: len(_neighbours(sub, n)) for n in sub}
    ranked = sorted((n for n in nodes if n not in keep), key=lambda n: (-degree[n], str(n)))
    return keep | set(ranked[: max(0, limit - len(keep))])
