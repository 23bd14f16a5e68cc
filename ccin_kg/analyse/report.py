"""Every analysis at once, as plain data (for ``--format json``) or lines of text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import networkx as nx

from ccin_kg.analyse.affiliates import connecting_affiliates
from ccin_kg.analyse.centrality import betweenness_leaders, degree_leaders
from ccin_kg.analyse.communities import communities
from ccin_kg.analyse.isolated import isolated_nodes

__all__ = ["analysis_report", "report_lines"]


def _entity(G: nx.Graph, node: str, **more) -> dict:
    data = G.nodes[node]
    return {"id": node, "label": data.get("label", node), "type": data.get("type", ""), **more}


def analysis_report(G: nx.Graph, top: int = 5, seed: int = 0) -> dict:
    """Leaders, communities, connecting affiliates and isolated entities of ``G``.

    Parameters
    ----------
    G : networkx.Graph
        A network from :func:`~ccin_kg.analyse.graph_view.load_network`.
    top : int, default 5
        Leaders per type, communities, affiliates and members shown.
    seed : int, default 0
        Seed for Louvain and for sampled betweenness.

    Returns
    -------
    dict
        ``nodes``, ``edges``, ``types`` (counts), ``degree`` and
        ``betweenness`` (``{type: [entity, ...]}``), ``communities``
        (``[{"size", "members"}]``, members most linked first),
        ``affiliates`` and ``isolated``; each entity is
        ``{"id", "label", "type", ...}``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("o", type="council", label="Oldham Council")
    >>> G.add_node("p", type="initiative", label="Food pantry")
    >>> G.add_node("x", type="charity", label="Lonely Trust")
    >>> _ = G.add_edge("p", "o", key="ledBy")
    >>> r = analysis_report(G)
    >>> r["degree"]["council"], [e["label"] for e in r["isolated"]]
    ([{'id': 'o', 'label': 'Oldham Council', 'type': 'council', 'degree': 1}], ['Lonely Trust'])
    """
    degree = dict(G.degree())
    groups = communities(G, seed=seed)
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "types": dict(sorted(Counter(d.get("type", "") for _, d in G.nodes(data=True)).items())),
        "degree": {t: [_entity(G, n, degree=d) for n, d in rows] for t, rows in degree_leaders(G, top).items()},
        "betweenness": {t: [_entity(G, n, betweenness=round(b, 4)) for n, b in rows]
                        for t, rows in betweenness_leaders(G, top, seed=seed).items()},
        "communities": [
            {"size": len(c), "members": [_entity(G, n) for n in sorted(c, key=lambda n: (-degree[n], n))[:top]]}
            for c in groups[:top]
        ],
        "community_count": len(groups),
        "affiliates": [_entity(G, a, councils=[G.nodes[c].get("label", c) for c in cs])
                       for a, cs in connecting_affiliates(G, top)],
        "isolated": [_entity(G, n) for n in isolated_nodes(G)],
    }


def report_lines(report: dict) -> Iterator[str]:
    """The report of :func:`analysis_report` as readable lines.

    Examples
    --------
    >>> r = {"nodes": 2, "edges": 1, "types": {"council": 1, "initiative": 1},
    ...      "degree": {"council": [{"label": "Oldham Council", "degree": 1}]}, "betweenness": {},
    ...      "communities": [], "community_count": 0, "affiliates": [], "isolated": []}
    >>> print("\\n".join(report_lines(r)))
    2 entities, 1 relations (council 1, initiative 1)
    <BLANKLINE>
    Most linked, by type (distinct neighbours):
      council: Oldham Council (1)
    <BLANKLINE>
    On the most shortest paths, by type (betweenness):
      (none)
    <BLANKLINE>
    Communities (Louvain, 0 in all):
      (none)
    <BLANKLINE>
    Affiliates connecting the most councils:
      (none)
    <BLANKLINE>
    Entities with no relation (0):
      (none)
    """
    types = ", ".join(f"{t} {n}" for t, n in report["types"].items())
    yield f"{report['nodes']} entities, {report['edges']} relations ({types})"
    sections = [
        ("Most linked, by type (distinct neighbours):",
         [f"{t}: " + "; ".join(f"{e['label']} ({e['degree']})" for e in rows) for t, rows in report["degree"].items()]),
        ("On the most shortest paths, by type (betweenness):",
         [f"{t}: " + "; ".join(f"{e['label']} ({e['betweenness']:.3f})" for e in rows)
          for t, rows in report["betweenness"].items()]),
        (f"Communities (Louvain, {report['community_count']} in all):",
         [f"{c['size']} entities: " + "; ".join(e["label"] for e in c["members"])
          + (" ..." if c["size"] > len(c["members"]) else "") for c in report["communities"]]),
        ("Affiliates connecting the most councils:",
         [f"{a['label']}: {len(a['councils'])} ({'; '.join(a['councils'])})" for a in report["affiliates"]]),
        (f"Entities with no relation ({len(report['isolated'])}):",
         [f"{e['label']} [{e['type']}]" for e in report["isolated"]]),
    ]
    for title, rows in sections:
        yield ""
        yield title
        for row in rows or ["(none)"]:
            yield f"  {row}"
