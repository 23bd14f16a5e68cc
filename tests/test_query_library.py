"""Named queries: every shipped header, the loader, each query on a small hand-made graph, and the CLI.

The small graph (:func:`small_records`) is built the way ``ccin-kg build``
builds the corpus: records → :func:`ccin_kg.build.graph.build_graph`. Other
test modules import it from here.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from rdflib import Literal

from ccin_kg.build.graph import build_graph
from ccin_kg.build.write import write_graph
from ccin_kg.commands.query import export, query
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
from ccin_kg.query import __doc__ as FORMAT_DOC
from ccin_kg.query.header import KEYS, QueryHeaderError, parse_header
from ccin_kg.query.library import (
    QueryError,
    QueryNotFound,
    QueryRefused,
    QuerySyntaxError,
    find_query,
    list_queries,
    load_query,
    prepare,
    query_from_text,
    run_query,
)
from ccin_kg.query.render import cell, render
from ccin_kg.resolve.records import CouncilInfo, Entity, Resolution

QUERY_DIR = Path(__file__).resolve().parents[1] / "ccin_kg" / "query"
SHIPPED = sorted(QUERY_DIR.glob("*.rq"))

# --- a small corpus of two documents, built like the real one -------------------------

OLDHAM_DOC = "010_oldham.txt"
OLDHAM_TEXT = "\n".join([
    "Poverty",  # 1
    "Oldham Council",  # 2
    "Oldham Poverty Truth Commission",  # 3
    "The commission was led by Oldham Council with Action Together and Shared Health.",  # 4
    "It was funded by the UK Shared Prosperity Fund with £50,000 and by the Joseph Rowntree Foundation.",  # 5
    "Principles met: Co-production",  # 6
    "Contact: Amanda Richardson, Policy Manager, Oldham Council, amanda.richardson@oldham.gov.uk",  # 7
    "Full Members",  # 8
    "Oldham Council",  # 9
    "Rochdale Borough Council",  # 10
    "Affiliate Members",  # 11
    "Action Together",  # 12
    "Locality working with Preston City Council",  # 13
    "",
])  # fmt: skip
ROCHDALE_DOC = "011_rochdale.txt"
ROCHDALE_TEXT = "\n".join([
    "Rochdale Borough Council",  # 1
    "A Cooperative Approach to Poverty Prevention",  # 2
    "Rochdale works through its partnership with Action Together and people with lived experience.",  # 3
    "The work is funded by UKSPF.",  # 4
    "",
])  # fmt: skip
TEXTS = {OLDHAM_DOC: OLDHAM_TEXT, ROCHDALE_DOC: ROCHDALE_TEXT}
DOCUMENTS = [Document(n, f"/corpus/{n}", t, hashlib.sha256(t.encode()).hexdigest()) for n, t in TEXTS.items()]
PTC = "Oldham Poverty Truth Commission"
PREVENTION = "A Cooperative Approach to Poverty Prevention"


def ev(source: str, fragment: str, rule: str, confidence: float = 0.9, occurrence: int = 0) -> Evidence:
    """Evidence for the `occurrence`-th appearance of `fragment` in document `source`."""
    text = TEXTS[source]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    end = start + len(fragment)
    document = next(d for d in DOCUMENTS if d.name == source)
    line = document.line_of(start)
    return Evidence(source, line, document.line_of(end), start, end, text.splitlines()[line - 1], rule, confidence)


def council(code: str, name: str, gss: str, region: str) -> CouncilInfo:
    return CouncilInfo(code, name, None, gss, f"GB-LAE-{code}", "metropolitan", None, "England", region)


def small_records() -> tuple[Extraction, Resolution, list[Document]]:
    """Two initiatives sharing a partner and a fund, four members, one works-with pair."""
    o, r = OLDHAM_DOC, ROCHDALE_DOC
    ptc = Initiative(
        o, 1, 7, 0, OLDHAM_TEXT.index("Full Members"), PTC, ev(o, PTC, "layout_title", 1.0),
        theme="Poverty", type="Case study", year=2021,
        lead=[OrgRef("Oldham Council", ev(o, "led by Oldham Council", "lead_cue"))],
        partners=[OrgRef("Action Together", ev(o, "Action Together", "partner_with")),
                  OrgRef("Shared Health", ev(o, "Shared Health", "partner_with"))],
        funders=[Funding("UK Shared Prosperity Fund", 50000.0,
                         ev(o, "funded by the UK Shared Prosperity Fund with £50,000", "funded_by"),
                         amount_text="£50,000"),
                 Funding("Joseph Rowntree Foundation", None, ev(o, "Joseph Rowntree Foundation", "funded_by"))],
        contacts=[Contact("Amanda Richardson", ev(o, "Contact: Amanda Richardson", "contact_block"),
                          role="Policy Manager", organisation="Oldham Council",
                          email="amanda.richardson@oldham.gov.uk")],
        principles=[Labelled("Co-production", ev(o, "Co-production", "principles_met"))],
    )  # fmt: skip
    prevention = Initiative(
        r, 1, 4, 0, len(ROCHDALE_TEXT), PREVENTION, ev(r, PREVENTION, "layout_title", 1.0), type="Case study",
        lead=[OrgRef("Rochdale Borough Council", ev(r, "Rochdale Borough Council", "layout_organisation", 0.8))],
        partners=[OrgRef("Action Together", ev(r, "Action Together", "partner_with"))],
        funders=[Funding("UKSPF", None, ev(r, "funded by UKSPF", "funded_by"))],
        approaches=[Labelled("Lived experience", ev(r, "lived experience", "approach"))],
    )  # fmt: skip
    members = [
        Member("Oldham Council", "Full", ev(o, "Oldham Council", "members_list", 1.0, occurrence=3)),
        Member("Rochdale Borough Council", "Full", ev(o, "Rochdale Borough Council", "members_list", 1.0)),
        Member("Action Together", "Affiliate", ev(o, "Action Together", "members_list", 1.0, occurrence=1)),
        Member("Locality", "Affiliate", ev(o, "Locality", "affiliates_index", 1.0)),
    ]
    works_with = [WorksWith("Locality", "Preston City Council",
                            ev(o, "Locality working with Preston City Council", "working_with"))]
    entities = [
        Entity("oldham-council", "Oldham Council", "council",
               council=council("OLD", "Oldham Metropolitan Borough Council", "E08000004", "North West")),
        Entity("rochdale-borough-council", "Rochdale Borough Council", "council",
               council=council("RCH", "Rochdale Metropolitan Borough Council", "E08000005", "North West")),
        Entity("action-together", "Action Together", "charity"),
        Entity("shared-health", "Shared Health", "organisation"),
        Entity("uk-shared-prosperity-fund", "UK Shared Prosperity Fund", "fund", alt_labels={"UKSPF"}),
        Entity("joseph-rowntree-foundation", "Joseph Rowntree Foundation", "charity"),
        Entity("locality", "Locality", "charity"),
    ]  # fmt: skip
    by_surface = {e.label: e.key for e in entities} | {"UKSPF": "uk-shared-prosperity-fund"}
    return (Extraction([ptc, prevention], members, works_with),
            Resolution({e.key: e for e in entities}, by_surface), list(DOCUMENTS))


def small_graph():
    """The small graph over Oxigraph, as build_graph returns it."""
    return build_graph(*small_records())


@pytest.fixture(scope="module")
def small():
    return small_graph()


@pytest.fixture(scope="module")
def small_dir(tmp_path_factory, small):
    out = tmp_path_factory.mktemp("small")
    write_graph(small, out)
    return out


def cli_group():
    """The real group once the owner has attached the commands; a stand-in until then."""
    from ccin_kg.cli import Group, cli

    if "query" in cli.commands and "export" in cli.commands:
        return cli
    return Group("ccin-kg", commands={"query": query, "export": export})


def run(*args: str):
    return CliRunner().invoke(cli_group(), list(args), catch_exceptions=False)


def table(rows) -> list[dict[str, str]]:
    """Rows as dicts of the strings CSV shows (unbound: missing), for comparing with expected values."""
    return [{k: cell(v) for k, v in row.items()} for row in rows.dicts()]


# --- headers -------------------------------------------------------------------------------------


def test_queries_are_shipped():
    assert {p.stem for p in SHIPPED} >= {
        "affiliates-working-with", "funded-by", "funders", "initiatives-by-principle", "members", "partners-of",
        "shared-partners", "contacts-for", "provenance-of", "councils-by-region",
    }  # fmt: skip


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_header_is_valid_and_query_parses(path):
    text = path.read_text(encoding="utf-8")
    header = parse_header(text, str(path))
    assert header.name == path.stem
    assert header.summary and "\n" not in header.summary and len(header.summary) <= 160
    for param in header.params:
        assert re.search(rf"\?{param.name}\b", text)
    named = load_query(path.stem)
    assert named.text == text and named.params == header.params
    assert prepare(named).algebra.name == "SelectQuery"
    assert re.search(r"^ORDER BY ", text, re.M), "rows must come out in a fixed order"
    assert "PREFIX ccin:" in text or "ccin:" not in text  # runs as it is on any endpoint
    # parameters are projected (so that Oxigraph can bind them) and left out of the answer
    rows = run_query(small_graph(), named)
    assert not set(rows.variables) & {p.name for p in header.params}, "a parameter doubles as an output column"


def test_header_format_is_documented():
    for key in KEYS:
        assert f"``{key}``" in FORMAT_DOC


@pytest.mark.parametrize(
    "text, message",
    [
        ("#+ name members\nSELECT * {}", "x.rq:1: malformed header line '#+ name members' (expected '#+ key: value')"),
        ("#+ sumary: x\nSELECT * {}", "x.rq:1: unknown header key 'sumary' (use name, summary, params)"),
        ("#+ name: Members\nSELECT * {}", "x.rq:1: query name 'Members' must be lower-case words joined by hyphens"),
        ("#+ summary: a\n#+ summary: b\nSELECT * {}", "x.rq:2: header key 'summary' is given twice"),
        ("#+ summary:\nSELECT * {}", "x.rq:1: the summary is empty"),
        ("#+ params: tier\nSELECT * { ?s ?p ?o }", "x.rq:1: parameter 'tier' is not a variable of the query"),
        ("#+ params: a, a\nSELECT * { ?a ?p ?o }", "x.rq:1: parameter 'a' is listed twice"),
        ("#+ params: a=\nSELECT * { ?a ?p ?o }",
         "x.rq:1: parameter 'a': give a default after '=' or leave '=' out (optional)"),
        ("\n#+ params: a b\nSELECT * { ?a ?p ?o }",
         "x.rq:2: cannot read the parameters from 'a b' (expected name=default, name, ...)"),
    ],
)
def test_broken_header_is_a_clear_error(text, message):
    with pytest.raises(QueryHeaderError) as info:
        parse_header(text, "x.rq")
    assert str(info.value) == message


def test_quoted_default_keeps_commas():
    header = parse_header('#+ params: a="x, \\"y\\"", b\nSELECT * { ?a ?b ?c }')
    assert [(p.name, p.default) for p in header.params] == [("a", 'x, "y"'), ("b", None)]


def test_shipped_file_must_name_itself(tmp_path):
    from ccin_kg.query.library import _from_file

    path = tmp_path / "partners.rq"
    with pytest.raises(QueryHeaderError, match="names the query 'other'"):
        _from_file("#+ name: other\n#+ summary: s\nSELECT * {}", path, shipped=True)
    with pytest.raises(QueryHeaderError, match="no '#\\+ summary:' line"):
        _from_file("#+ name: partners\nSELECT * {}", path, shipped=True)


# --- loading and resolving ---------------------------------------------------------------------


def test_list_queries_matches_the_files():
    assert [q.name for q in list_queries()] == [p.stem for p in SHIPPED]


def test_find_query_name_file_or_text(tmp_path):
    assert find_query("funders").name == "funders"
    path = tmp_path / "mine.rq"
    path.write_text("#+ summary: mine\n#+ params: x\nSELECT ?s WHERE { ?s ?p ?x } ORDER BY ?s\n", encoding="utf-8")
    mine = find_query(str(path))
    assert (mine.name, mine.summary, [p.name for p in mine.params]) == ("mine", "mine", ["x"])
    assert find_query("SELECT * WHERE { ?s ?p ?o }").path is None
    with pytest.raises(QueryNotFound, match=r"^no query named 'nope' \(see ccin-kg query --list\)$"):
        find_query("nope")


def test_updates_service_and_from_are_refused():
    for text in ["DROP ALL", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "LOAD <http://example.org/x.ttl>",
                 "CLEAR DEFAULT", "DELETE WHERE { ?s ?p ?o }"]:
        with pytest.raises(QueryRefused, match="read-only"):
            prepare(text)
    with pytest.raises(QueryRefused, match="SERVICE"):
        prepare("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    with pytest.raises(QueryRefused, match="FROM"):
        prepare("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }")


def test_syntax_error_is_one_line():
    with pytest.raises(QuerySyntaxError) as info:
        prepare("SELECT ?x WHERE { ?x ?y }")
    assert str(info.value).startswith("query: SPARQL syntax error at line 1, column ")
    assert "\n" not in str(info.value)


def test_unknown_parameter_is_refused(small):
    with pytest.raises(QueryError, match=r"^query 'members' has no parameter 'tie' \(it takes: tier\)$"):
        run_query(small, load_query("members"), {"tie": "Full"})
    with pytest.raises(QueryError, match=r"no variable \?nope"):
        run_query(small, "SELECT * WHERE { ?s ?p ?o }", {"nope": "x"})


def test_oxigraph_and_memory_graphs_give_the_same_rows(small, small_dir):
    from ccin_kg.build.load import load_graph

    memory = load_graph(small_dir)
    for named in list_queries():
        assert run_query(small, named).rows == run_query(memory, named).rows, named.name


def test_ask_and_construct(small):
    assert table(run_query(small, "ASK { ?c a ccin:Council }")) == [{"ask": "true"}]
    rows = run_query(small, "CONSTRUCT { ?c a ccin:Funder } WHERE { ?c a ccin:Fund }")
    assert rows.variables == ("subject", "predicate", "object") and len(rows) == 1


# --- each named query on the small graph ---------------------------------------------------------


def test_affiliates_working_with(small):
    assert table(run_query(small, load_query("affiliates-working-with"))) == [
        {"affiliate": "Action Together", "relation": "takes part in initiative", "with": PTC, "source": OLDHAM_DOC}
    ]
    by_approach = run_query(small, load_query("affiliates-working-with"), {"approach": "lived EXPERIENCE"})
    assert [(r["affiliate"], r["with"]) for r in table(by_approach)] == [("Action Together", PREVENTION)]
    by_partner = run_query(small, load_query("affiliates-working-with"), {"approach": "Preston City Council"})
    assert table(by_partner) == [{"affiliate": "Locality", "relation": "works with", "with": "Preston City Council"}]
    assert len(run_query(small, load_query("affiliates-working-with"), {"approach": ""})) == 0


@pytest.mark.parametrize("funder", ["UK Shared Prosperity Fund", "uk shared-prosperity fund", "UKSPF", "ukspf"])
def test_funded_by_matches_names_and_acronym(small, funder):
    rows = table(run_query(small, load_query("funded-by"), {"funder": funder}))
    assert [(r["initiative"], r["lead"], r.get("amount_gbp"), r.get("amount_text")) for r in rows] == [
        (PREVENTION, "Rochdale Borough Council", None, None),
        (PTC, "Oldham Council", "50000", "£50,000"),
    ]
    assert {r["funder_name"] for r in rows} == {"UK Shared Prosperity Fund"}


def test_funded_by_other_funder_and_no_match(small):
    rows = table(run_query(small, load_query("funded-by"), {"funder": "Joseph Rowntree Foundation"}))
    assert [r["initiative"] for r in rows] == [PTC]
    assert len(run_query(small, load_query("funded-by"), {"funder": "Levelling Up Fund"})) == 0


def test_funders(small):
    rows = table(run_query(small, load_query("funders")))
    assert rows == [
        {"funder": "UK Shared Prosperity Fund", "initiatives": "2", "total_gbp": "50000", "stated": "1",
         "initiative_titles": f"{PREVENTION} | {PTC}"},
        {"funder": "Joseph Rowntree Foundation", "initiatives": "1", "total_gbp": "0", "stated": "0",
         "initiative_titles": PTC},
    ]  # fmt: skip


@pytest.mark.parametrize("principle", ["Co-production", "coproduction", "CO PRODUCTION"])
def test_initiatives_by_principle(small, principle):
    rows = table(run_query(small, load_query("initiatives-by-principle"), {"principle": principle}))
    assert rows == [{"principle_name": "Co-production", "initiative": PTC, "lead": "Oldham Council",
                     "source": OLDHAM_DOC, "first_line": "1"}]


def test_members_all_and_by_tier(small):
    everyone = table(run_query(small, load_query("members")))
    assert [(r["member"], r["membership_tier"]) for r in everyone] == [
        ("Oldham Council", "Full"), ("Rochdale Borough Council", "Full"),
        ("Action Together", "Affiliate"), ("Locality", "Affiliate"),
    ]  # fmt: skip
    assert everyone[0]["gss"] == "E08000004" and everyone[0]["region_name"] == "North West"
    affiliates = table(run_query(small, load_query("members"), {"tier": "affiliate"}))
    assert [r["member"] for r in affiliates] == ["Action Together", "Locality"]


def test_partners_of(small):
    rows = table(run_query(small, load_query("partners-of")))
    assert [(r["partner"], r["partner_role"], r["org_role"], r.get("initiative")) for r in rows] == [
        ("Action Together", "partner", "lead", PTC),
        ("Joseph Rowntree Foundation", "funder", "lead", PTC),
        ("Shared Health", "partner", "lead", PTC),
        ("UK Shared Prosperity Fund", "funder", "lead", PTC),
    ]
    locality = table(run_query(small, load_query("partners-of"), {"org": "locality"}))
    assert locality == [{"partner": "Preston City Council", "partner_role": "works with", "org_role": "works with"}]


def test_shared_partners(small):
    rows = table(run_query(small, load_query("shared-partners")))
    assert rows == [
        {"partner": "Action Together", "via_a": PTC, "via_b": PREVENTION},
        {"partner": "UK Shared Prosperity Fund", "via_a": PTC, "via_b": PREVENTION},
    ]


def test_contacts_for(small):
    expected = [{"contact": "Amanda Richardson", "job_title": "Policy Manager", "organisation": "Oldham Council",
                 "email": "amanda.richardson@oldham.gov.uk", "initiative": PTC}]
    assert table(run_query(small, load_query("contacts-for"))) == expected
    assert table(run_query(small, load_query("contacts-for"), {"name": "poverty truth"})) == expected
    assert len(run_query(small, load_query("contacts-for"), {"name": "Rochdale Borough Council"})) == 0


def test_provenance_of(small):
    rows = table(run_query(small, load_query("provenance-of"), {"subject": PTC, "predicate": "led by"}))
    assert rows == [{
        "subject_label": PTC, "property": "https://w3id.org/ccin-kg/ontology#ledBy", "value": "Oldham Council",
        "source": OLDHAM_DOC, "first_line": "4", "last_line": "4", "rule": "lead_cue", "confidence": "0.9",
        "sentence": "The commission was led by Oldham Council with Action Together and Shared Health.",
    }]  # fmt: skip
    for spelling in ["ledBy", "ccin:ledBy", "https://w3id.org/ccin-kg/ontology#ledBy"]:
        params = {"subject": "oldham poverty truth", "predicate": spelling}
        again = run_query(small, load_query("provenance-of"), params)
        assert table(again) == rows
    oldham = table(run_query(small, load_query("provenance-of")))
    assert {(r["property"], r["value"], r["first_line"]) for r in oldham} == {
        ("http://www.w3.org/ns/org#memberOf", "Co-operative Councils' Innovation Network", "9")
    }


def test_councils_by_region(small):
    rows = table(run_query(small, load_query("councils-by-region")))
    assert [(r["region_name"], r["council"], r["gss"], r["membership_tier"]) for r in rows] == [
        ("North West", "Oldham Council", "E08000004", "Full"),
        ("North West", "Rochdale Borough Council", "E08000005", "Full"),
    ]
    assert len(run_query(small, load_query("councils-by-region"), {"region": "north-west"})) == 2
    assert len(run_query(small, load_query("councils-by-region"), {"region": "Wales"})) == 0


def test_council_region_is_in_the_graph(small):
    from ccin_kg.namespaces import CCIN, iri

    assert (iri("org", "oldham-council"), CCIN.region, Literal("North West")) in small


# --- rendering -----------------------------------------------------------------------------------


def test_render_formats(small):
    rows = run_query(small, load_query("funded-by"))
    lines = list(render(rows, "table"))
    assert lines[0].split() == ["initiative", "lead", "funder_name", "amount_gbp", "amount_text", "source",
                                "first_line"]  # fmt: skip
    assert set(lines[1]) == {"-", " "}
    assert lines[0].index("lead") == lines[2].index("Rochdale Borough Council") == lines[3].index("Oldham Council")
    csv_lines = list(render(rows, "csv"))
    assert csv_lines[0] == "initiative,lead,funder_name,amount_gbp,amount_text,source,first_line"
    assert csv_lines[2] == f'{PTC},Oldham Council,UK Shared Prosperity Fund,50000,"£50,000",{OLDHAM_DOC},1'
    data = json.loads("\n".join(render(rows, "json")))
    assert data[1] == {"initiative": PTC, "lead": "Oldham Council", "funder_name": "UK Shared Prosperity Fund",
                       "amount_gbp": 50000, "amount_text": "£50,000", "source": OLDHAM_DOC, "first_line": 1}
    assert "amount_gbp" not in data[0]


def test_render_no_rows():
    from ccin_kg.query.library import Rows

    empty = Rows(("a", "b"), [])
    assert list(render(empty, "table")) == ["a  b", "-  -", "(no rows)"]
    assert list(render(empty, "csv")) == ["a,b"]
    assert json.loads("\n".join(render(empty, "json"))) == []


# --- the CLI ---------------------------------------------------------------------------------------


def test_list_output():
    result = run("query", "--list")
    assert result.exit_code == 0
    width = max(len(q.name) for q in list_queries())
    assert result.stdout == "".join(f"{q.name.ljust(width)}  {q.summary}\n" for q in list_queries())
    assert re.match(r"affiliates-working-with +Affiliate members that lead", result.stdout)


def test_unknown_query_name(small_dir):
    result = run("query", "nope", "--graph", str(small_dir))
    assert result.exit_code == 1
    assert result.stderr == "Error: no query named 'nope' (see ccin-kg query --list)\n"
    assert result.stdout == ""


def test_list_and_query_conflict():
    result = run("query", "--list", "members")
    assert result.exit_code == 2
    assert "Error: use either --list or a QUERY, not both" in result.stderr


def test_query_needs_a_query_or_list():
    assert run("query").exit_code == 2
    assert run("query", "--list", "--param", "tier=Full").exit_code == 2


@pytest.mark.parametrize("bad", ["tier", "=Full"])
def test_param_must_be_name_equals_value(small_dir, bad):
    result = run("query", "members", "--param", bad, "--graph", str(small_dir))
    assert result.exit_code == 2 and "NAME=VALUE" in result.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_cli_formats(small_dir, fmt):
    result = run("query", "members", "--param", "tier=Affiliate", "--format", fmt, "--graph", str(small_dir))
    assert result.exit_code == 0, result.stderr
    expected = {
        "table": "member           membership_tier  gss  org_id  region_name\n"
                 "---------------  ---------------  ---  ------  -----------\n"
                 "Action Together  Affiliate\n"
                 "Locality         Affiliate\n",
        "csv": "member,membership_tier,gss,org_id,region_name\nAction Together,Affiliate,,,\nLocality,Affiliate,,,\n",
        "json": '[\n  {"member": "Action Together", "membership_tier": "Affiliate"},\n'
                '  {"member": "Locality", "membership_tier": "Affiliate"}\n]\n',
    }  # fmt: skip
    assert result.stdout == expected[fmt]


def test_cli_runs_a_file_and_text(small_dir, tmp_path):
    path = tmp_path / "leads.rq"
    path.write_text("#+ params: who\nSELECT ?t WHERE { ?i ccin:ledBy/rdfs:label ?who ; rdfs:label ?t } ORDER BY ?t\n",
                    encoding="utf-8")
    result = run("query", str(path), "-p", "who=Oldham Council", "--format", "csv", "--graph", str(small_dir))
    assert result.exit_code == 0 and result.stdout == f"t\n{PTC}\n"
    text = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a ccin:Council }"
    assert run("query", text, "--format", "csv", "--graph", str(small_dir)).stdout == "n\n2\n"


@pytest.mark.parametrize(
    "text, start",
    [
        ("SELECT ?x WHERE { ?x ?y }", "Error: query: SPARQL syntax error at line 1, column "),
        ("DELETE WHERE { ?s ?p ?o }", "Error: query: updates (INSERT, DELETE, LOAD, CLEAR, DROP ...) are refused"),
        ("SELECT * WHERE { ?s foo:bar ?o }", "Error: query: Unknown namespace prefix : foo"),
    ],
)
def test_cli_bad_queries_are_one_line_errors(small_dir, text, start):
    result = run("query", text, "--graph", str(small_dir))
    assert result.exit_code == 1
    assert result.stderr.startswith(start) and result.stderr.count("\n") == 1


def test_cli_bad_query_fails_before_loading_the_graph(tmp_path):
    result = run("query", "SELECT ?x WHERE { ?x ?y }", "--graph", str(tmp_path / "missing"))
    assert result.stderr.startswith("Error: query: SPARQL syntax error")


def test_cli_missing_graph(tmp_path):
    result = run("query", "members", "--graph", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path}/ccin.ttl: no built graph here (run: ccin-kg build)\n"


@pytest.mark.parametrize("command", [query, export], ids=lambda c: c.name)
def test_help_has_an_example(command):
    assert "Example" in (command.help or "")
    result = CliRunner().invoke(click.Group(commands=[command]), [command.name, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_importing_the_commands_loads_no_heavy_modules():
    import subprocess
    import sys

    code = ("import sys, ccin_kg.cli, ccin_kg.commands.query, ccin_kg.query, ccin_kg.export; "
            "print(sorted(m for m in ('rdflib', 'spacy', 'networkx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_query_from_text_reads_a_header():
    named = query_from_text("#+ params: who=Oldham Council\nSELECT * WHERE { ?s ?p ?who }")
    assert named.declared and named.params[0].default == "Oldham Council"
