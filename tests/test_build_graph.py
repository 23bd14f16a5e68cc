"""build_graph: expected triples, no blank nodes, provenance, determinism, JSON-LD round trip."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from ccin_kg.build.graph import NETWORK, build_graph, statement_iri
from ccin_kg.build.write import (
    CONTEXT_IRI,
    canonical_graph,
    jsonld_bytes,
    load_context,
    read_graph,
    read_jsonld,
    turtle_bytes,
    write_graph,
)
from ccin_kg.extract.records import (
    Contact,
    Evidence,
    Extraction,
    Funding,
    Initiative,
    Labelled,
    Member,
    OrgRef,
    WorksWith,
)
from ccin_kg.ingest.records import Document
from ccin_kg.namespaces import (
    CCIN,
    DCTERMS,
    FOAF,
    ONS,
    ORG,
    PREFIXES,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    iri,
)
from ccin_kg.resolve.records import CouncilInfo, Entity, Resolution, Sighting

SOURCE = "002_sample.txt"
TEXT = "\n".join(
    [
        "Community",  # 1
        "Oldham Council",  # 2
        "Food Pantry Network",  # 3
        "In 2023 the pantry was led by Oldham Council with Oldham Food Bank.",  # 4
        "It was funded by the UK Shared Prosperity Fund with £50,000.",  # 5
        "It uses a Poverty Truth Commission in Failsworth.",  # 6
        "Principles met: Co-production",  # 7
        "Contact: Jane Doe, Policy Officer, Oldham Council, jane.doe@oldham.gov.uk",  # 8
        "Full Members",  # 9
        "Oldham Council",  # 10
        "Bournemouth Borough Council",  # 11
        "Affiliate Members",  # 12
        "Locality working with Preston City Council",  # 13
        "",
    ]
)
DOCUMENT = Document(SOURCE, f"/corpus/{SOURCE}", TEXT, hashlib.sha256(TEXT.encode()).hexdigest())


def ev(fragment: str, rule: str, confidence: float = 0.9, occurrence: int = 0) -> Evidence:
    """Evidence for the `occurrence`-th appearance of `fragment` in TEXT."""
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(fragment, start + 1)
    end = start + len(fragment)
    line = DOCUMENT.line_of(start)
    sentence = TEXT.splitlines()[line - 1]
    return Evidence(SOURCE, line, DOCUMENT.line_of(end), start, end, sentence, rule, confidence)


def council(code, name, gss, tier, **extra) -> CouncilInfo:
    return CouncilInfo(code, name, None, gss, f"GB-LAE-{code}", tier, None, "England", None, **extra)


def sample_records() -> tuple[Extraction, Resolution, list[Document]]:
    """A small extraction and resolution covering every kind of fact."""
    initiative = Initiative(
        source=SOURCE,
        first_line=1,
        last_line=8,
        start=0,
        end=TEXT.index("Full Members"),
        title="Food Pantry Network",
        evidence=ev("Food Pantry Network", "layout_title", 1.0),
        theme="Community",
        type="Case study",
        year=2023,
        lead=[
            OrgRef("Oldham Council", ev("led by Oldham Council", "lead_cue")),
            # the same fact seen a second time: one statement, two evidences
            OrgRef("Oldham", ev("Oldham Council", "layout_organisation", 0.8)),
        ],
        partners=[OrgRef("Oldham Food Bank", ev("Oldham Food Bank", "partner_with"))],
        funders=[
            Funding(
                "UK Shared Prosperity Fund",
                50000.0,
                ev("funded by the UK Shared Prosperity Fund with £50,000", "funded_by"),
                amount_text="£50,000",
            )
        ],
        contacts=[
            Contact(
                "Jane Doe",
                ev("Contact: Jane Doe", "contact_block"),
                role="Policy Officer",
                organisation="Oldham Council",
                email="jane.doe@oldham.gov.uk",
                web="oldham.gov.uk",
            )
        ],
        principles=[
            Labelled("co-production", ev("Co-production", "principles_met")),
            Labelled("Not a principle", ev("Principles met", "principles_met")),
        ],
        approaches=[Labelled("Poverty Truth Commission", ev("Poverty Truth Commission", "approach"))],
        places=[Labelled("Failsworth", ev("Failsworth", "place"))],
    )
    members = [
        Member("Oldham Council", "Full", ev("Oldham Council", "members_list", 1.0, occurrence=2)),
        Member("Bournemouth Borough Council", "Full", ev("Bournemouth Borough Council", "members_list", 1.0)),
        Member("Locality", "Affiliate", ev("Locality", "affiliates_index", 1.0)),
    ]
    works_with = [
        WorksWith("Locality", "Preston City Council", ev("Locality working with Preston City Council", "working_with"))
    ]
    entities = [
        Entity(
            "oldham-council",
            "Oldham Council",
            "council",
            alt_labels={"Oldham"},
            council=council("OLD", "Oldham Metropolitan Borough Council", "E08000004", "metropolitan"),
            sightings=[Sighting("Oldham Council", SOURCE, 2, "exact")],
        ),
        Entity(
            "bournemouth-borough-council",
            "Bournemouth Borough Council",
            "council",
            council=council(
                "BOU", "Bournemouth Borough Council", "E06000028", "unitary", end_date="2019-03-31", replaced_by="BPC"
            ),
        ),
        Entity(
            "bournemouth-christchurch-and-poole-council",
            "Bournemouth, Christchurch and Poole Council",
            "council",
            council=council(
                "BPC", "Bournemouth, Christchurch and Poole Council", "E06000058", "unitary", start_date="2019-04-01"
            ),
        ),
        Entity("oldham-food-bank", "Oldham Food Bank", "charity"),
        Entity("uk-shared-prosperity-fund", "UK Shared Prosperity Fund", "fund"),
        Entity("locality", "Locality", "charity"),
    ]
    by_surface = {
        "Oldham Council": "oldham-council",
        "Oldham": "oldham-council",
        "Bournemouth Borough Council": "bournemouth-borough-council",
        "Oldham Food Bank": "oldham-food-bank",
        "UK Shared Prosperity Fund": "uk-shared-prosperity-fund",
        "Locality": "locality",
        # "Preston City Council" is deliberately missing: it must still get a node
    }
    resolution = Resolution({e.key: e for e in entities}, by_surface)
    extraction = Extraction([initiative], members, works_with)
    return extraction, resolution, [DOCUMENT]


@pytest.fixture(scope="module")
def sample() -> Graph:
    return build_graph(*sample_records())


FOOD = iri("initiative", "002-sample-food-pantry-network")
OLDHAM = iri("org", "oldham-council")
FUND = iri("org", "uk-shared-prosperity-fund")


def nt_diff(a: Graph, b: Graph) -> str:
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return "only in first:\n" + only_a.serialize(format="nt") + "\nonly in second:\n" + only_b.serialize(format="nt")


def test_initiative_triples(sample):
    expected = [
        (FOOD, RDF.type, CCIN.Initiative),
        (FOOD, RDF.type, CCIN.CaseStudy),
        (FOOD, CCIN.initiativeType, CCIN.CaseStudy),
        (FOOD, RDFS.label, Literal("Food Pantry Network")),
        (FOOD, DCTERMS.title, Literal("Food Pantry Network")),
        (FOOD, CCIN.year, Literal(2023)),
        (FOOD, CCIN.hasTheme, iri("theme", "community")),
        (iri("theme", "community"), SKOS.prefLabel, Literal("Community")),
        (iri("theme", "community"), SKOS.inScheme, iri("scheme", "themes")),
        (FOOD, CCIN.ledBy, OLDHAM),
        (FOOD, CCIN.hasPartner, iri("org", "oldham-food-bank")),
        (FOOD, CCIN.fundedBy, FUND),
        (FUND, RDF.type, CCIN.Fund),
        (FOOD, CCIN.meetsPrinciple, iri("principle", "co-production")),
        (iri("principle", "co-production"), SKOS.prefLabel, Literal("Co-production")),
        (FOOD, CCIN.usesApproach, iri("approach", "poverty-truth-commission")),
        (iri("approach", "poverty-truth-commission"), RDF.type, CCIN.Approach),
        (iri("approach", "poverty-truth-commission"), SKOS.inScheme, iri("scheme", "approaches")),
        (FOOD, CCIN.locatedIn, iri("place", "failsworth")),
        (iri("place", "failsworth"), RDFS.label, Literal("Failsworth")),
        (FOOD, CCIN.sourceDocument, iri("source", "002-sample-txt")),
        (FOOD, CCIN.firstLine, Literal(1)),
        (FOOD, CCIN.lastLine, Literal(8)),
    ]
    missing = [t for t in expected if t not in sample]
    assert not missing
    assert len(set(sample.objects(FOOD, CCIN.meetsPrinciple))) == 1  # "Not a principle" dropped


def test_funding_is_n_ary_with_amount_in_gbp(sample):
    (funding,) = sample.objects(FOOD, CCIN.funding)
    assert (funding, RDF.type, CCIN.Funding) in sample
    assert (funding, CCIN.funder, FUND) in sample
    assert (funding, CCIN.amountText, Literal("£50,000")) in sample
    amount = sample.value(funding, CCIN.amount)
    assert amount == iri("amount", "gbp-50000")
    assert (amount, RDF.type, SCHEMA.MonetaryAmount) in sample
    assert sample.value(amount, SCHEMA.value).toPython() == Decimal("50000")
    assert (amount, SCHEMA.currency, Literal("GBP")) in sample


def test_contact_person(sample):
    person = iri("person", "jane-doe")
    assert (FOOD, CCIN.contactPoint, person) in sample
    assert (person, RDF.type, FOAF.Person) in sample
    assert (person, FOAF.name, Literal("Jane Doe")) in sample
    assert (person, SCHEMA.jobTitle, Literal("Policy Officer")) in sample
    assert (person, SCHEMA.email, Literal("jane.doe@oldham.gov.uk")) in sample
    assert (person, SCHEMA.url, URIRef("https://oldham.gov.uk")) in sample
    assert (person, SCHEMA.worksFor, OLDHAM) in sample


def test_council_is_an_organisation_linked_to_its_area(sample):
    assert (OLDHAM, RDF.type, ORG.Organization) in sample
    assert (OLDHAM, RDF.type, CCIN.Council) in sample
    assert (OLDHAM, CCIN.councilTier, iri("council-tier", "metropolitan")) in sample
    assert (iri("council-tier", "metropolitan"), SKOS.prefLabel, Literal("Metropolitan borough")) in sample
    assert (OLDHAM, SKOS.notation, Literal("E08000004")) in sample
    assert (OLDHAM, DCTERMS.identifier, Literal("GB-LAE-OLD")) in sample
    assert (OLDHAM, SCHEMA.areaServed, ONS["E08000004"]) in sample
    assert (OLDHAM, SKOS.prefLabel, Literal("Oldham Council")) in sample
    assert {str(o) for o in sample.objects(OLDHAM, SKOS.altLabel)} == {"Oldham", "Oldham Metropolitan Borough Council"}
    assert not list(sample.triples((None, URIRef("http://www.w3.org/2002/07/owl#sameAs"), ONS["E08000004"])))
    literal = sample.value(OLDHAM, SKOS.notation)
    assert literal.language is None and literal.datatype in (None, URIRef("http://www.w3.org/2001/XMLSchema#string"))


def test_former_council_is_replaced_by_successor_in_graph(sample):
    bournemouth = iri("org", "bournemouth-borough-council")
    successor = iri("org", "bournemouth-christchurch-and-poole-council")
    assert (bournemouth, DCTERMS.isReplacedBy, successor) in sample
    assert (bournemouth, CCIN.replacedByCode, None) not in sample


def test_former_council_keeps_code_when_successor_absent():
    entity = Entity(
        "poole-borough-council",
        "Poole Borough Council",
        "council",
        council=council("POL", "Poole Borough Council", "E06000029", "unitary", replaced_by="BPC"),
    )
    g = build_graph(Extraction(), Resolution({entity.key: entity}, {}), [])
    node = iri("org", "poole-borough-council")
    assert (node, CCIN.replacedByCode, Literal("BPC")) in g
    assert (node, DCTERMS.isReplacedBy, None) not in g


def test_members_and_works_with(sample):
    membership = iri("membership", "oldham-council")
    assert (membership, RDF.type, ORG.Membership) in sample
    assert (membership, ORG.member, OLDHAM) in sample
    assert (membership, ORG.organization, NETWORK) in sample
    assert (membership, CCIN.membershipTier, iri("tier", "full")) in sample
    assert (OLDHAM, ORG.memberOf, NETWORK) in sample
    assert (iri("membership", "locality"), CCIN.membershipTier, iri("tier", "affiliate")) in sample
    assert (NETWORK, RDFS.label, Literal("Co-operative Councils' Innovation Network")) in sample
    assert (iri("tier", "affiliate"), SKOS.prefLabel, Literal("Affiliate")) in sample
    assert (iri("org", "locality"), CCIN.worksWith, iri("org", "preston-city-council")) in sample


def test_unresolved_name_gets_an_organisation_node(sample):
    preston = iri("org", "preston-city-council")
    assert (preston, RDF.type, ORG.Organization) in sample
    assert (preston, RDFS.label, Literal("Preston City Council")) in sample


def test_no_blank_nodes(sample):
    assert not [t for t in sample if any(isinstance(term, BNode) for term in t)]


def test_every_reified_statement_has_evidence_and_is_asserted(sample):
    statements = set(sample.subjects(RDF.type, RDF.Statement))
    assert len(statements) > 20
    for st in statements:
        s, p, o = (sample.value(st, prop) for prop in (RDF.subject, RDF.predicate, RDF.object))
        assert (s, p, o) in sample
        assert st == statement_iri(s, p, o)
        evidences = list(sample.objects(st, CCIN.evidence))
        assert evidences, st
        for evidence in evidences:
            assert (evidence, RDF.type, CCIN.Evidence) in sample
            assert sample.value(evidence, CCIN.sourceDocument) == iri("source", "002-sample-txt")


EXTRACTED = [
    CCIN.ledBy, CCIN.hasPartner, CCIN.fundedBy, CCIN.funding, CCIN.funder, CCIN.amount,
    CCIN.meetsPrinciple, CCIN.hasTheme, CCIN.usesApproach, CCIN.locatedIn, CCIN.contactPoint,
    CCIN.worksWith, CCIN.year, CCIN.initiativeType, CCIN.membershipTier, ORG.memberOf, ORG.member,
    SCHEMA.email, SCHEMA.worksFor, FOAF.name,
]  # fmt: skip


@pytest.mark.parametrize("predicate", EXTRACTED, ids=lambda p: p.n3().rsplit("/", 1)[-1])
def test_every_extracted_statement_is_reified(sample, predicate):
    triples = list(sample.triples((None, predicate, None)))
    assert triples
    for s, p, o in triples:
        assert (statement_iri(s, p, o), CCIN.evidence, None) in sample, (s, p, o)


def test_statement_seen_twice_has_two_evidences(sample):
    st = statement_iri(FOOD, CCIN.ledBy, OLDHAM)
    rules = {str(sample.value(e, CCIN.rule)) for e in sample.objects(st, CCIN.evidence)}
    assert rules == {"lead_cue", "layout_organisation"}


# Oxigraph binds only variables that are projected: ?title is selected too.
LEADS_AND_SOURCES = """
SELECT ?title ?lead ?leadLabel ?file ?first ?last ?sentence ?rule ?confidence WHERE {
  ?initiative rdfs:label ?title ;
              ccin:ledBy ?lead .
  ?lead rdfs:label ?leadLabel .
  ?statement rdf:subject ?initiative ;
             rdf:predicate ccin:ledBy ;
             rdf:object ?lead ;
             ccin:evidence ?evidence .
  ?evidence ccin:sourceDocument ?document ;
            ccin:firstLine ?first ;
            ccin:lastLine ?last ;
            ccin:sentence ?sentence ;
            ccin:rule ?rule ;
            ccin:confidence ?confidence .
  ?document dcterms:title ?file .
}
ORDER BY ?first ?rule
"""


def test_sparql_who_leads_and_where_it_came_from(sample):
    rows = sample.query(
        LEADS_AND_SOURCES, initNs=dict(PREFIXES), initBindings={"title": Literal("Food Pantry Network")}
    )
    got = [
        (str(r.leadLabel), str(r.file), int(r.first), int(r.last), str(r.sentence), str(r.rule),
         r.confidence.toPython())
        for r in rows
    ]  # fmt: skip
    assert got == [
        ("Oldham Council", SOURCE, 2, 2, "Oldham Council", "layout_organisation", Decimal("0.8")),
        (
            "Oldham Council",
            SOURCE,
            4,
            4,
            "In 2023 the pantry was led by Oldham Council with Oldham Food Bank.",
            "lead_cue",
            Decimal("0.9"),
        ),
    ]


def test_document_node(sample):
    doc = iri("source", "002-sample-txt")
    assert (doc, RDF.type, CCIN.SourceDocument) in sample
    assert (doc, DCTERMS.title, Literal(SOURCE)) in sample
    assert (doc, CCIN.sha256, Literal(DOCUMENT.sha256)) in sample
    assert (doc, DCTERMS["format"], Literal("text/plain")) in sample


def test_ontology_is_not_in_the_data(sample):
    assert (CCIN.ledBy, None, None) not in sample
    assert (iri("principle", "innovation"), None, None) not in sample  # only principles referenced


def test_building_twice_gives_identical_bytes(tmp_path):
    first, second = build_graph(*sample_records()), build_graph(*sample_records())
    assert turtle_bytes(first) == turtle_bytes(second)
    assert jsonld_bytes(first) == jsonld_bytes(second)
    a = write_graph(first, tmp_path / "a")
    b = write_graph(second, tmp_path / "b")
    for key in ("turtle", "jsonld"):
        assert a[key].read_bytes() == b[key].read_bytes()


DIGEST_SCRIPT = """
import hashlib
from test_build_graph import sample_records
from ccin_kg.build.graph import build_graph
from ccin_kg.build.write import jsonld_bytes, turtle_bytes
g = build_graph(*sample_records())
print(hashlib.sha256(turtle_bytes(g) + jsonld_bytes(g)).hexdigest())
"""


def test_same_bytes_across_processes_with_different_hash_seeds(sample):
    """Set and dict order change with PYTHONHASHSEED; the output must not."""
    here = hashlib.sha256(turtle_bytes(sample) + jsonld_bytes(sample)).hexdigest()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(Path(__file__).parent)}
        out = subprocess.run([sys.executable, "-c", DIGEST_SCRIPT], env=env, capture_output=True, text=True, check=True)
        assert out.stdout.strip() == here


def test_output_does_not_depend_on_insertion_order(sample):
    reversed_graph = Graph()
    for triple in sorted(sample, key=lambda t: tuple(x.n3() for x in t), reverse=True):
        reversed_graph.add(triple)
    assert turtle_bytes(reversed_graph) == turtle_bytes(sample)
    assert jsonld_bytes(reversed_graph) == jsonld_bytes(sample)


def test_jsonld_round_trips_to_the_turtle(sample, tmp_path):
    paths = write_graph(sample, tmp_path)
    document = json.loads(paths["jsonld"].read_text(encoding="utf-8"))
    assert document["@context"] == CONTEXT_IRI
    from_turtle = Graph().parse(paths["turtle"], format="turtle")
    from_jsonld = read_jsonld(paths["jsonld"])
    assert isomorphic(from_turtle, from_jsonld), nt_diff(from_turtle, from_jsonld)
    from_store = canonical_graph(read_graph(tmp_path))
    assert isomorphic(from_turtle, from_store), nt_diff(from_turtle, from_store)
    assert len(from_turtle) == len(sample)


def test_shipped_context_holds_the_fixed_prefixes():
    assert load_context() == {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def test_empty_input_gives_just_the_network():
    g = build_graph(Extraction(), Resolution(), [])
    assert set(g.subjects()) == {NETWORK}


def test_contact_organisation_is_linked_only_when_resolvable():
    evidence = ev("Contact: Jane Doe", "contact_block")
    initiative = Initiative(SOURCE, 1, 8, 0, 10, "Food Pantry Network", evidence)
    initiative.contacts = [Contact("Jane Doe", evidence, organisation="Oldham Council- Democratic member control.")]
    g = build_graph(Extraction([initiative]), Resolution(), [DOCUMENT])
    person = iri("person", "jane-doe")
    assert (person, FOAF.name, Literal("Jane Doe")) in g
    assert (person, SCHEMA.worksFor, None) not in g
    assert not set(g.subjects(RDF.type, ORG.Organization)) - {NETWORK}
