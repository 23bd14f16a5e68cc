"""Render a network view: one self-contained, offline HTML page.

The page is our own Jinja2 template (``network.html.j2``, autoescaped) with
vis-network's script and style sheet inlined (:mod:`ccin_kg.view.assets`):
it makes no network request. Every string from the sources is escaped:
tooltips are built here with :func:`html.escape`, and all data reaches the
script as JSON with ``<``, ``>`` and ``&`` written as ``\\u003c`` ...
(:func:`script_json`), inside a ``<script type="application/json">``.

The layout runs once (barnesHut, a bounded number of stabilisation
iterations) and physics is switched off as soon as it settles. A graph
larger than ``limit`` nodes shows its most linked nodes first, the rest
summed up in one "+N more" node per type; search finds every node and
brings hidden ones in, and a double click shows a node's hidden neighbours.
"""

from __future__ import annotations

import functools
import html
import json
from collections import Counter
from importlib.resources import files

import networkx as nx

from ccin_kg.analyse.graph_view import edge_label, edge_relation, edge_where
from ccin_kg.view.assets import vis_assets
from ccin_kg.view.select import FACETS, node_facets, select_nodes, top_nodes
from ccin_kg.view.style import TYPE_NAMES, display_label, type_colour

__all__ = ["MAX_SHOWN", "render_view", "script_json", "stabilisation_iterations", "view_data", "vis_options"]

MAX_SHOWN = 1500
"""Most nodes laid out at first; larger views show the most linked ones and sum up the rest."""

MAX_SENTENCES = 3
"""Source sentences shown in an edge's tooltip."""


def script_json(value) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&`` and line separators escaped.

    Examples
    --------
    >>> script_json({"label": "</script><b>&"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    >>> json.loads(script_json(["\u2028<x>"])) == ["\u2028<x>"]
    True
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def stabilisation_iterations(n: int) -> int:
    """How many layout iterations a view of ``n`` nodes may take before physics stops.

    Examples
    --------
    >>> [stabilisation_iterations(n) for n in (50, 500, 1500)]
    [400, 250, 150]
    """
    return 400 if n <= 200 else 250 if n <= 1000 else 150


def vis_options(n: int, groups: dict[str, str]) -> dict:
    """vis-network options for a view of ``n`` nodes; ``groups`` maps node type → colour.

    Kamada-Kawai seeding (``improvedLayout``) only for small graphs: above a
    hundred or so nodes it costs more than it gives; above 500 nodes the
    Barnes-Hut approximation is coarser (``theta`` 0.9), which about halves
    the time per iteration. Edges are straight and hidden while dragging or
    zooming large views.

    Examples
    --------
    >>> o = vis_options(2000, {"council": "#1f77b4"})
    >>> o["physics"]["stabilization"]["iterations"], o["layout"]["improvedLayout"]
    (150, False)
    """
    big = n > 500
    return {
        "autoResize": True,
        "groups": {t: {"color": {"background": c, "border": "#444444"}} for t, c in groups.items()},
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {"size": 13, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"min": 7, "max": 38, "label": {"enabled": True, "min": 12, "max": 24, "drawThreshold": 5}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "color": {"color": "#b5bcc6", "highlight": "#222222", "hover": "#555555", "inherit": False},
            "font": {"size": 9, "face": "system-ui, sans-serif", "color": "#555555", "strokeWidth": 3,
                     "align": "middle"},
            "smooth": False,
            "width": 1,
            "selectionWidth": 2,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "multiselect": False, "navigationButtons": False, "keyboard": False},
        "layout": {"improvedLayout": n <= 120, "randomSeed": 7},
        "physics": {
            "enabled": n > 1,
            "solver": "barnesHut",
            "barnesHut": {"theta": 0.5 if n <= 500 else 0.9, "gravitationalConstant": -4000,
                          "centralGravity": 0.35, "springLength": 110, "springConstant": 0.045, "damping": 0.5,
                          "avoidOverlap": 0.15},
            "maxVelocity": 60,
            "minVelocity": 1.5,
            "stabilization": {"enabled": True, "iterations": stabilisation_iterations(n), "updateInterval": 25,
                              "fit": True},
        },
    }


def _type_name(kind: str) -> str:
    return TYPE_NAMES.get(kind, kind)


_DETAILS = (
    ("initiative_type", "kind"), ("year", "year"), ("gss", "GSS code"), ("org_id", "org-id"),
    ("council_tier", "council tier"), ("membership_tier", "CCIN membership"), ("region", "region"),
    ("job_title", "role"), ("email", "e-mail"),
)
"""Node attributes (as ``ccin_kg.export.network`` names them) shown in tooltips, with their names."""


def _details(data: dict) -> list[tuple[str, str]]:
    rows = [(str(k), str(v)) for k, v in (data.get("details") or {}).items()]
    rows += [(name, str(data[key])) for key, name in _DETAILS if data.get(key) not in (None, "")]
    if data.get("source"):
        first, last = data.get("first_line"), data.get("last_line")
        lines = f", lines {first}-{last}" if first is not None and last is not None else ""
        rows.append(("described in", f"{data['source']}{lines}"))
    return rows


def _node_title(data: dict, facets, degree: int) -> str:
    """Tooltip HTML of a node; every value from the sources escaped."""
    e = html.escape
    rows = [f"<b>{e(str(data.get('label', '')))}</b>", f"<i>{e(_type_name(data.get('type', '')))}</i>"]
    alt = list(data.get("alt_labels") or [])
    if alt:
        rows.append("also: " + e("; ".join(alt[:5]) + (" …" if len(alt) > 5 else "")))
    for key, value in _details(data):
        rows.append(f"{e(key)}: {e(value)}")
    for name, values in (("themes", facets.themes), ("principles", facets.principles)):
        if values:
            rows.append(f"{name}: {e('; '.join(values))}")
    rows.append(f"links: {degree}")
    return "<br>".join(rows)


def _amount(data: dict) -> str | None:
    if data.get("amount"):
        return str(data["amount"])
    value = data.get("amount_gbp")
    if isinstance(value, (int, float)):
        return f"£{value:,.0f}" if float(value).is_integer() else f"£{value:,.2f}"
    return None


def _edge_title(G: nx.Graph, u, v, key, data: dict) -> str:
    """Tooltip HTML of an edge: the relation and the sentences it was read from."""
    e = html.escape
    rows = [f"<b>{e(str(G.nodes[u].get('label', u)))}</b> {e(edge_label(key, data))} "
            f"<b>{e(str(G.nodes[v].get('label', v)))}</b>"]
    amount = _amount(data)
    if amount:
        rows.append(f"amount: {e(amount)}")
    sentences = list(data.get("sentences") or [])
    for sentence in sentences[:MAX_SENTENCES]:
        where = edge_where(data, sentence)
        rows.append(f"“{e(sentence)}”" + (f" <span class='src'>({e(where)})</span>" if where else ""))
    if len(sentences) > MAX_SENTENCES:
        rows.append(f"… and {len(sentences) - MAX_SENTENCES} more")
    return "<br>".join(rows)


def view_data(G: nx.Graph, nodes: set, focus=None, limit: int = MAX_SHOWN) -> dict:
    """The data the page's script reads: nodes, edges, filter values, vis options.

    Node and edge ids are small integers (the page stays small); ``shown``
    says whether a node is laid out at first. Clusters (``"cluster": 1``)
    stand for the hidden nodes of each type.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p", type="initiative", label="Food pantry", themes=["Poverty"])
    >>> G.add_node("o", type="council", label="Oldham Council", membership_tier="Full")
    >>> _ = G.add_edge("p", "o", key="ledBy", relation="ledBy", sentences=("Led by Oldham.",))
    >>> d = view_data(G, set(G))
    >>> [(n["label"], n["type"], n["shown"]) for n in d["nodes"]], d["edges"][0]["label"]
    ([('Oldham Council', 'council', 1), ('Food pantry', 'initiative', 1)], 'led by')
    >>> d["themes"], d["tiers"], d["nodes"][0]["themes"]
    (['Poverty'], ['Full'], ['Poverty'])
    """
    sub = G.subgraph(nodes)
    facets = node_facets(sub)
    shown = top_nodes(sub, set(sub), limit, keep={focus} if focus is not None else None)
    degree = {n: len(set(sub.successors(n)) | set(sub.predecessors(n))) if sub.is_directed() else sub.degree(n)
              for n in sub}
    order = sorted(sub, key=lambda n: (n not in shown, sub.nodes[n].get("type", ""),
                                       sub.nodes[n].get("label", str(n)), str(n)))
    index = {n: i for i, n in enumerate(order)}
    out_nodes = []
    for n in order:
        data, f = sub.nodes[n], facets[n]
        out_nodes.append({
            "id": index[n], "key": str(n), "label": display_label(str(data.get("label", n))),
            "name": str(data.get("label", n)), "alt": [str(a) for a in list(data.get("alt_labels") or [])[:10]],
            "type": data.get("type", "organisation"), "degree": degree[n],
            "title": _node_title(data, f, degree[n]), "shown": int(n in shown),
            **{k: list(getattr(f, k)) for k in FACETS},
        })
    hidden = Counter(sub.nodes[n].get("type", "organisation") for n in order if n not in shown)
    for kind, count in sorted(hidden.items()):
        name = _type_name(kind)
        out_nodes.append({
            "id": len(out_nodes), "key": f"more:{kind}", "label": f"+{count} more: {name}", "name": f"{count} more",
            "alt": [], "type": kind, "degree": 1, "cluster": 1, "shown": 1, "themes": [], "principles": [], "tiers": [],
            "title": html.escape(f"{count} more {name} not laid out: find them with the search box, "
                                 "or double-click a node to show its neighbours"),
        })
    out_edges = []
    for u, v, key, data in sorted(sub.edges(keys=True, data=True) if sub.is_multigraph() else
                                  ((u, v, None, d) for u, v, d in sub.edges(data=True)),
                                  key=lambda e: (index[e[0]], index[e[1]], str(e[2]))):
        out_edges.append({"id": len(out_edges), "from": index[u], "to": index[v], "label": edge_label(key, data),
                          "rel": edge_relation(key, data), "title": _edge_title(sub, u, v, key, data)})
    types = sorted({n["type"] for n in out_nodes})
    shown_count = sum(1 for n in out_nodes if n["shown"])
    return {
        "nodes": out_nodes,
        "edges": out_edges,
        "types": [{"type": t, "name": _type_name(t), "colour": type_colour(t),
                   "count": sum(1 for n in out_nodes if n["type"] == t and not n.get("cluster"))} for t in types],
        "themes": sorted({v for f in facets.values() for v in f.themes}),
        "principles": sorted({v for f in facets.values() for v in f.principles}),
        "tiers": sorted({v for f in facets.values() for v in f.tiers}),
        "focus": index.get(focus) if focus is not None else None,
        "total": len(order),
        "options": vis_options(shown_count, {t: type_colour(t) for t in types}),
    }


@functools.cache
def _template():
    from jinja2 import Environment

    env = Environment(autoescape=True, keep_trailing_newline=True)
    source = (files("ccin_kg.view") / "network.html.j2").read_text(encoding="utf-8")
    return env.from_string(source)


def render_view(nx_graph: nx.Graph, focus=None, depth: int = 1, types=None, themes=None, principles=None,
                tiers=None, *, limit: int = MAX_SHOWN, title: str = "CCIN network", resolution=None) -> str:
    """One self-contained HTML page showing ``nx_graph``, or the part the arguments select.

    Parameters
    ----------
    nx_graph : networkx.Graph
        A network as :func:`~ccin_kg.analyse.graph_view.load_network` gives
        it: nodes with ``type`` and ``label`` (and the attributes of
        :data:`_DETAILS`), edges with ``relation``, ``sentences`` and
        ``sources`` (``amount_gbp`` on ``fundedBy``).
    focus : str, optional
        A node id or a name (matched as entity resolution matches names):
        show only what lies within ``depth`` links of it.
    depth : int, default 1
        How far from the focus.
    types, themes, principles, tiers : iterable of str, optional
        Keep only nodes of these types, or with these themes, principles or
        tiers (see :mod:`ccin_kg.view.select`); case and "&"/"and" do not matter.
    limit : int, default MAX_SHOWN
        Most nodes laid out at first.
    title : str
        Page title.
    resolution : ccin_kg.resolve.records.Resolution, optional
        For matching the focus name.

    Returns
    -------
    str
        The page. It loads nothing from anywhere.

    Raises
    ------
    ccin_kg.analyse.names.EntityNotFound
        when nothing matches ``focus``.
    ccin_kg.view.select.UnknownFilterValue
        when a filter value matches nothing.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("o", type="council", label="Oldham Council")
    >>> G.add_node("x", type="charity", label="<script>alert(1)</script>")
    >>> _ = G.add_edge("o", "x", key="worksWith", relation="worksWith", label="works with")
    >>> page = render_view(G)
    >>> page.startswith("<!DOCTYPE html>"), "<script>alert(1)" in page
    (True, False)
    """
    nodes, node = select_nodes(nx_graph, focus, depth, types, themes, principles, tiers, resolution)
    data = view_data(nx_graph, nodes, node, limit)
    js, css = vis_assets()
    focus_label = nx_graph.nodes[node].get("label", str(node)) if node is not None else None
    heading = f"{title}: {focus_label}" if focus_label else title
    filters = [(name, name[:-1], data[name]) for name in FACETS]
    return _template().render(
        heading=heading, data=data, filters=filters, data_json=script_json(data),
        vis_js=js, vis_css=css, depth=depth if node is not None else None,
    )
