"""What a user typed ("Cheshire West", "UKSPF") → a node of the network.

All matching of typed names goes through :func:`find_node`, so the rule can
be switched in one place. It asks entity resolution first
(``ccin_kg.resolve.entities.find_entity``, when that module and a resolution
are there), then falls back to the node labels and alternative labels:
the same name key (``ccin_kg.resolve.names``), an acronym, every word of
the query in the name, then rapidfuzz ``WRatio``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import networkx as nx

from ccin_kg.errors import CcinKgError
from ccin_kg.resolve.names import council_key, initials, name_key

__all__ = ["EntityNotFound", "acronym", "find_node", "name_keys", "require_node"]

ORG_BASE = "https://w3id.org/ccin-kg/id/org/"
MIN_SCORE = 88.0
"""Lowest rapidfuzz WRatio (0-100) accepted for a fuzzy match."""

_SMALL = {"of", "and", "the", "for", "in", "on", "at", "to", "a", "an", "&"}


class EntityNotFound(CcinKgError):
    """No entity matches what the user typed."""


def name_keys(text: str) -> set[str]:
    """The comparison keys of a name, as entity resolution makes them.

    :func:`ccin_kg.resolve.names.name_key`, plus for a council name its
    :func:`~ccin_kg.resolve.names.council_key` (county short forms expanded),
    so "Bury" meets "Bury Metropolitan Borough Council".

    Examples
    --------
    >>> sorted(name_keys("The Bury Council"))
    ['bury', 'bury council']
    >>> name_keys("Telford & Wrekin") == name_keys("telford and wrekin")
    True
    """
    keys = {name_key(text), council_key(text, expand=True)}
    return {k for k in keys if k}


def acronym(text: str) -> str:
    """Initials of a name, keeping words already in capitals whole ("UK" stays "UK").

    Examples
    --------
    >>> acronym("UK Shared Prosperity Fund")
    'UKSPF'
    >>> acronym("Co-operative Councils' Innovation Network")
    'CCIN'
    """
    parts = []
    for word in text.split():
        letters = re.sub(r"[^A-Za-z0-9]", "", word)
        if not letters or word.lower() in _SMALL:
            continue
        parts.append(letters if letters.isupper() and len(letters) > 1 else letters[0].upper())
    return "".join(parts)


def _names(G: nx.Graph) -> Iterator[tuple[str, str]]:
    for node, data in G.nodes(data=True):
        yield node, data.get("label") or str(node)
        for alt in data.get("alt_labels") or ():
            yield node, alt


def _by_resolution(G: nx.Graph, query: str, resolution) -> str | None:
    if resolution is None:
        return None
    try:
        from ccin_kg.resolve.entities import find_entity
    except ImportError:
        return None
    entity = find_entity(resolution, query)
    if entity is None:
        return None
    from ccin_kg.namespaces import slugify

    for node in (ORG_BASE + entity.key, ORG_BASE + slugify(entity.key)):
        if node in G:
            return node
    return None


def _by_label(G: nx.Graph, query: str) -> str | None:
    keys = name_keys(query)
    if not keys:
        return None
    words = set(name_key(query).split())
    compact = re.sub(r"[^A-Za-z0-9]", "", query).upper()
    wants_acronym = len(compact) >= 2 and query.strip().isupper()
    exact, initial, contains = [], [], []
    for node, name in _names(G):
        rank = (-G.degree(node), len(name), name, node)
        name_k = name_keys(name)
        if keys & name_k:
            exact.append(rank)
        elif wants_acronym and compact in {acronym(name), initials(name)}:
            initial.append(rank)
        elif any(words <= set(k.split()) for k in name_k):
            contains.append(rank)
    for found in (exact, initial, contains):
        if found:
            return min(found)[3]
    from rapidfuzz import fuzz

    fuzzy = []
    for node, name in _names(G):
        score = max(fuzz.WRatio(q, k) for q in keys for k in name_keys(name) or {""})
        if score >= MIN_SCORE:
            fuzzy.append((-score, -G.degree(node), len(name), name, node))
    return min(fuzzy)[4] if fuzzy else None


def find_node(G: nx.Graph, query: str, resolution=None) -> str | None:
    """The node a typed name means, or None.

    In order: a node id (IRI) as given; the entity resolution finds
    (``find_entity(resolution, query)``, when a resolution is given and
    ``ccin_kg.resolve.entities`` exists); a label or alternative label with
    a key in common (:func:`name_keys`); for a query in capitals, a name with
    that :func:`acronym` or ``initials``; a name holding every word of the query; the best
    rapidfuzz ``WRatio`` of at least :data:`MIN_SCORE`. Ties go to the node
    with more links, then the shorter name.

    Parameters
    ----------
    G : networkx.Graph
        Nodes with ``label`` and ``alt_labels`` attributes.
    query : str
        What the user typed.
    resolution : ccin_kg.resolve.records.Resolution, optional
        The build's entity resolution (``entities.json``).

    Returns
    -------
    str or None

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("cwac", label="Cheshire West and Chester Council", alt_labels=[])
    >>> G.add_node("ce", label="Cheshire East Council", alt_labels=[])
    >>> G.add_node("spf", label="UK Shared Prosperity Fund", alt_labels=[])
    >>> find_node(G, "Cheshire West"), find_node(G, "UKSPF"), find_node(G, "cheshire east")
    ('cwac', 'spf', 'ce')
    >>> find_node(G, "Chesire West and Chester") # a typo
    'cwac'
    >>> find_node(G, "Oldham") is None
    True
    """
    if query in G:
        return query
    return _by_resolution(G, query, resolution) or _by_label(G, query)


def require_node(G: nx.Graph, query: str, resolution=None) -> str:
    """Like :func:`find_node`, but raise :class:`EntityNotFound` when nothing matches.

    Examples
    --------
    >>> require_node(nx.Graph(), "Oldham")
    Traceback (most recent call last):
    ...
    ccin_kg.analyse.names.EntityNotFound: no entity matches 'Oldham'
    """
    node = find_node(G, query, resolution)
    if node is None:
        raise EntityNotFound(f"no entity matches {query!r}")
    return node
