"""Validate a ccin-kg data graph against the SHACL shapes in ``ontology/shapes.ttl``."""

from __future__ import annotations

from rdflib import Graph

from ccin_kg.build.write import canonical_graph
from ccin_kg.namespaces import load_ontology

__all__ = ["load_shapes", "validate"]


def load_shapes() -> Graph:
    """The SHACL shapes shipped with the package.

    Returns
    -------
    rdflib.Graph
        The shapes of ``ontology/shapes.ttl``.

    Examples
    --------
    >>> from ccin_kg.namespaces import CCIN
    >>> from rdflib.namespace import SH
    >>> (None, SH.targetClass, CCIN.Evidence) in load_shapes()
    True
    """
    return load_ontology("shapes.ttl")


def validate(graph: Graph, shapes: Graph | None = None) -> tuple[bool, str]:
    """Check ``graph`` against SHACL shapes with pyshacl.

    The ontology (``ccin.ttl``) is mixed in as pyshacl's ``ont_graph`` so that
    subclasses count for ``sh:class`` and ``sh:targetClass``; no other
    inference is run, so a range declaration never hides a wrong type.

    Parameters
    ----------
    graph : rdflib.Graph
        The data graph, e.g. from :func:`ccin_kg.build.graph.build_graph`.
    shapes : rdflib.Graph, optional
        Shapes to use instead of the shipped ones (:func:`load_shapes`).

    Returns
    -------
    conforms : bool
        True when the graph meets every shape.
    report : str
        pyshacl's readable report: each violation with its focus node, path,
        value, message and shape.

    Examples
    --------
    >>> from rdflib import Literal
    >>> from ccin_kg.namespaces import CCIN, RDF, iri
    >>> g = Graph()
    >>> _ = g.add((iri("evidence", "e1"), RDF.type, CCIN.Evidence))
    >>> conforms, report = validate(g)
    >>> conforms
    False
    >>> "exactly one ccin:sourceDocument" in report
    True
    """
    import pyshacl  # heavy: imported on first use only

    conforms, _, text = pyshacl.validate(
        data_graph=canonical_graph(graph),
        shacl_graph=shapes if shapes is not None else load_shapes(),
        ont_graph=load_ontology("ccin.ttl"),
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
    )
    return bool(conforms), str(text)
