"""No duplicate organisation nodes in the graph built from the bundled corpus.

Two organisation nodes whose names normalise to the same key, or score >= 95
with rapidfuzz's token-set ratio, must have a recorded reason to be apart
(``kept_apart`` in ``entities.json``); a pair without one is a duplicate.
"""

import json

from rapidfuzz import fuzz

from ccin_kg.resolve.names import name_key

ORGS = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?o ?label WHERE { ?o a ?t ; rdfs:label ?label . FILTER(?t IN (org:Organization,
  <https://w3id.org/ccin-kg/ontology#Council>, <https://w3id.org/ccin-kg/ontology#Fund>)) }"""


def test_near_identical_organisations_have_a_recorded_reason(built, graph):
    data = json.loads((built[0] / "entities.json").read_text(encoding="utf-8"))
    recorded = {frozenset((p["a"], p["b"])): p["reason"] for p in data["kept_apart"]}
    nodes = sorted({(str(o).rsplit("/", 1)[1], str(label)) for o, label in graph.query(ORGS)})
    assert len(nodes) > 200
    unexplained = []
    for i, (ka, la) in enumerate(nodes):
        for kb, lb in nodes[i + 1:]:
            near = name_key(la) == name_key(lb) or fuzz.token_set_ratio(name_key(la), name_key(lb)) >= 95
            if near and ka != kb and not recorded.get(frozenset((ka, kb))):
                unexplained.append((la, lb))
    assert unexplained == []
    assert all(reason for reason in recorded.values())
