"""Every member is one node; every principal council among them carries its GSS code and org-id."""

import re

from ccin_kg.resolve.register import load_register

MEMBERS = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
SELECT ?org ?label ?gss ?orgid ?area WHERE {
  ?m a org:Membership ; org:member ?org .
  ?org rdfs:label ?label .
  OPTIONAL { ?org skos:notation ?gss }
  OPTIONAL { ?org dcterms:identifier ?orgid }
  OPTIONAL { ?org schema:areaServed ?area }
}"""


def test_each_member_is_one_node(built, graph):
    _, result = built
    rows = list(graph.query(MEMBERS))
    nodes = {r.org for r in rows}
    assert len(rows) == len(nodes)  # one label each: no node holds two members' names
    # 115 listed members in the bundled pack; every distinct one is a node
    assert len(nodes) == len({m.name for m in result.extraction.members}) - _same_council_twice(result)


def _same_council_twice(result):
    reg = load_register()
    codes = [reg.match(m.name).code for m in result.extraction.members if reg.match(m.name)]
    return len(codes) - len(set(codes))


def test_principal_councils_have_gss_and_org_id(graph):
    reg = load_register()
    unlinked = []
    for r in graph.query(MEMBERS):
        info = reg.match(str(r.label))
        if info is None:
            continue
        if r.gss is None or r.orgid is None or r.area is None:
            unlinked.append(str(r.label))
            continue
        assert re.fullmatch(r"[ENSW]\d{8}", str(r.gss))
        assert str(r.orgid) == info.org_id
        assert str(r.area) == f"http://statistics.data.gov.uk/id/statistical-geography/{r.gss}"
    assert unlinked == []
