"""Where a fact came from, asked in SPARQL over the graph built from the bundled corpus."""

from rdflib import Literal

QUERY = """
PREFIX ccin: <https://w3id.org/ccin-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?lead ?file ?first ?last ?sentence ?rule WHERE {
  ?initiative a ccin:PolicyLab ; ccin:ledBy ?org .
  ?org rdfs:label ?lead .
  ?st rdf:subject ?initiative ; rdf:predicate ccin:ledBy ; rdf:object ?org ; ccin:evidence ?ev .
  ?ev ccin:sourceDocument ?doc ; ccin:firstLine ?first ; ccin:lastLine ?last ; ccin:sentence ?sentence ;
      ccin:rule ?rule .
  ?doc dcterms:title ?file .
  FILTER(CONTAINS(LCASE(STR(?lead)), "swindon"))
}
"""


def test_who_leads_the_swindon_policy_lab_and_where_it_says_so(graph):
    rows = list(graph.query(QUERY))
    assert rows, "no provenance for the Swindon policy lab's lead"
    lead, file, first, last, sentence, rule = rows[0]
    assert str(lead) == "Swindon Borough Council"
    assert str(file) == "004_a4c63ada8dc3471f.txt"
    # 004_a4c63ada8dc3471f.txt line 1: "- Lead Member Swindon Borough Council"
    assert (int(first), int(last)) == (1, 1)
    assert str(sentence) == "- Lead Member Swindon Borough Council"
    assert str(rule) == "layout:lead-member"


def test_every_reified_statement_has_evidence_with_a_sentence(graph):
    q = """
    PREFIX ccin: <https://w3id.org/ccin-kg/ontology#>
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    SELECT (COUNT(?st) AS ?n) WHERE {
      ?st a rdf:Statement .
      FILTER NOT EXISTS { ?st ccin:evidence/ccin:sentence ?s . ?st ccin:evidence/ccin:sourceDocument ?d }
    }"""
    assert list(graph.query(q))[0][0] == Literal(0)
    count = "SELECT (COUNT(?st) AS ?n) WHERE { ?st a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> }"
    assert int(list(graph.query(count))[0][0]) > 300


def test_no_blank_nodes(graph):
    from rdflib import BNode

    assert not any(isinstance(t, BNode) for triple in graph for t in triple)
