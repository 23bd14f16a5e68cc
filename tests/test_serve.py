"""ccin-kg serve: the SPARQL 1.1 Protocol endpoint on an ephemeral loopback port, driven by SPARQLWrapper.

The graphs are small and hand-made (no spaCy model): the sample records of
test_build_graph, and a synthetic graph big enough for a slow cross join.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from ccin_kg.build.graph import build_graph
from ccin_kg.build.write import write_graph
from ccin_kg.cli import Group
from ccin_kg.commands.serve import push, serve
from ccin_kg.serve.guard import query_form, uses_service
from ccin_kg.serve.run import endpoint, get_once, listen, make_server
from ccin_kg.store import open_store
from test_build_graph import sample_records

TOKEN = "test-token-0123456789abcdef"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def cli_group():
    """A ccin-kg group holding the serve commands (cli.py adds them in the real CLI)."""
    return Group(commands=[serve, push])


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    write_graph(build_graph(*sample_records()), out)
    return out


@pytest.fixture(scope="module")
def big_dir(tmp_path_factory) -> Path:
    """3,000 triples: a three-way cross join over them has 2.7e10 rows, far past any time limit."""
    out = tmp_path_factory.mktemp("big")
    g = Graph()
    for i in range(3000):
        g.add((URIRef(f"https://w3id.org/ccin-kg/id/org/o{i}"), URIRef(LABEL), Literal(f"Organisation {i}")))
    write_graph(g, out)
    return out


@contextlib.contextmanager
def running(graph_dir: Path, **options):
    """uvicorn serving the endpoint on 127.0.0.1, any free port, in a background thread (as ccin-kg serve does)."""
    sock = listen("127.0.0.1", 0)
    with sock, endpoint(graph_dir, **options) as app:
        server = make_server(app, host="127.0.0.1", port=0, log_level="warning")
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        for _ in range(400):  # bounded: 20 s
            if server.started or not thread.is_alive():
                break
            time.sleep(0.05)
        assert server.started, "uvicorn did not start"
        port = server.servers[0].sockets[0].getsockname()[1]
        try:
            yield server, f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=20)


@pytest.fixture(scope="module")
def live(sample_dir):
    with running(sample_dir, max_rows=1000, timeout=30, workers=2) as (server, url):
        yield server, url


@pytest.fixture(scope="module")
def url(live) -> str:
    return live[1]


def wrapper(url: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(url + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


SELECT_LABELS = ("SELECT ?s ?label WHERE { ?s rdfs:label ?label "
                 "FILTER(?s = <https://w3id.org/ccin-kg/id/org/oldham-council>) }")
ASK_OLDHAM = "ASK { <https://w3id.org/ccin-kg/id/org/oldham-council> a ccin:Council }"
CONSTRUCT_FUNDING = """PREFIX ccin: <https://w3id.org/ccin-kg/ontology#>
CONSTRUCT { ?i ccin:fundedBy ?f . ?f rdfs:label ?l } WHERE { ?i ccin:fundedBy ?f . ?f rdfs:label ?l }"""


# --- the bound address --------------------------------------------------------------


def test_binds_to_loopback_only_by_default(live):
    server, _ = live
    addresses = {sock.getsockname()[0] for s in server.servers for sock in s.sockets}
    assert addresses == {"127.0.0.1"}
    # and the command's own default is the loopback address, with the reason in its help
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
    assert "127.0.0.1 accepts connections from this machine only" in host.help


# --- SELECT and ASK in every results format -----------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_json(url, method):
    result = wrapper(url, SELECT_LABELS, JSON, method).query()
    assert result.info()["content-type"].startswith("application/sparql-results+json")
    data = result.convert()
    assert data["head"]["vars"] == ["s", "label"]
    assert {b["label"]["value"] for b in data["results"]["bindings"]} == {"Oldham Council"}
    assert "truncated" not in data


def test_select_xml(url):
    dom = wrapper(url, SELECT_LABELS, XML).query().convert()
    literals = [node.firstChild.data for node in dom.getElementsByTagName("literal")]
    assert literals == ["Oldham Council"]


def test_select_csv_and_tsv(url):
    csv_text = wrapper(url, SELECT_LABELS, CSV).query().convert().decode()
    assert csv_text == "s,label\r\nhttps://w3id.org/ccin-kg/id/org/oldham-council,Oldham Council\r\n"
    tsv_text = wrapper(url, SELECT_LABELS, TSV).query().convert().decode()
    assert tsv_text == '?s\t?label\n<https://w3id.org/ccin-kg/id/org/oldham-council>\t"Oldham Council"\n'


@pytest.mark.parametrize(("fmt", "expected"), [(JSON, True), (XML, "true"), (CSV, b"true"), (TSV, b"true")])
def test_ask_in_every_format(url, fmt, expected):
    answer = wrapper(url, ASK_OLDHAM, fmt).query().convert()
    if fmt == JSON:
        assert answer["boolean"] is True
    elif fmt == XML:
        assert answer.getElementsByTagName("boolean")[0].firstChild.data == expected
    else:
        assert answer == expected


def test_select_matches_the_store(url, sample_dir):
    """What the endpoint sends is what pyoxigraph finds: every triple, round-tripped through SPARQL JSON."""
    data = wrapper(url, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", JSON).query().convert()
    sent = {tuple(json.dumps(b[v], sort_keys=True) for v in "spo") for b in data["results"]["bindings"]}
    from ccin_kg.serve.results import term_json

    local = {tuple(json.dumps(term_json(t), sort_keys=True) for t in q.triple) for q in open_store(sample_dir)}
    assert sent == local


# --- CONSTRUCT in Turtle, N-Triples and JSON-LD ----------------------------------------


def as_graph(converted, fmt: str = "turtle") -> Graph:
    """SPARQLWrapper gives Turtle and N-Triples as bytes, JSON-LD as a parsed graph."""
    if isinstance(converted, bytes):
        return Graph().parse(data=converted.decode("utf-8"), format=fmt)
    return converted


def _funding_graph(sample_dir: Path) -> Graph:
    store = open_store(sample_dir)
    g = Graph()
    for t in store.query(CONSTRUCT_FUNDING, prefixes={"rdfs": "http://www.w3.org/2000/01/rdf-schema#"}):
        g.add((URIRef(t.subject.value), URIRef(t.predicate.value), Literal(t.object.value)
               if type(t.object).__name__ == "Literal" else URIRef(t.object.value)))
    return g


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # in SPARQLWrapper, rdflib
@pytest.mark.parametrize(("fmt", "media"), [(TURTLE, "text/turtle"), (JSONLD, "application/ld+json")])
def test_construct(url, sample_dir, fmt, media):
    result = wrapper(url, CONSTRUCT_FUNDING, fmt).query()
    assert result.info()["content-type"].startswith(media)
    graph = as_graph(result.convert())
    expected = _funding_graph(sample_dir)
    assert len(expected) > 0
    assert set(graph) == set(expected)


def test_construct_ntriples(url, sample_dir):
    sparql = wrapper(url, CONSTRUCT_FUNDING, N3)
    sparql.setOnlyConneg(True)
    sparql.addCustomHttpHeader("Accept", "application/n-triples")
    result = sparql.query()
    assert result.info()["content-type"].startswith("application/n-triples")
    assert set(as_graph(result.convert(), "nt")) == set(_funding_graph(sample_dir))


def test_jsonld_carries_the_shipped_context_inline(url):
    status, _, body = http(url + "/sparql?" + urllib.parse.urlencode({"query": CONSTRUCT_FUNDING,
                                                                      "format": "json-ld"}))
    assert status == 200
    document = json.loads(body)
    assert document["@context"]["ccin"] == "https://w3id.org/ccin-kg/ontology#"  # a dict: nothing to fetch


# --- refusals ---------------------------------------------------------------------------


UPDATE = "INSERT DATA { <https://w3id.org/ccin-kg/id/org/x> <http://www.w3.org/2000/01/rdf-schema#label> \"X\" }"


def test_update_refused_through_sparqlwrapper(url):
    sparql = wrapper(url, UPDATE, JSON, POST)
    with pytest.raises(urllib.error.HTTPError) as caught:
        sparql.query()
    assert caught.value.code == 403


@pytest.mark.parametrize("how", ["update-form", "update-body", "query-param", "query-body"])
def test_update_refused_every_way(url, how):
    if how == "update-form":
        answer = http(url + "/sparql", urllib.parse.urlencode({"update": UPDATE}).encode(),
                      {"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "update-body":
        answer = http(url + "/sparql", UPDATE.encode(), {"Content-Type": "application/sparql-update"})
    elif how == "query-param":
        answer = http(url + "/sparql?" + urllib.parse.urlencode({"query": UPDATE}))
    else:
        answer = http(url + "/sparql", UPDATE.encode(), {"Content-Type": "application/sparql-query",
                                                          "Authorization": f"Bearer {TOKEN}"})
    status, _, body = answer
    assert status == 403
    assert body == b"updates are refused: this endpoint is read-only\n"
    assert wrapper(url, "ASK { <https://w3id.org/ccin-kg/id/org/x> ?p ?o }", JSON).query().convert()["boolean"] is False


def test_service_refused(url):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryBadFormed) as caught:
        wrapper(url, query, JSON).query()
    assert "SERVICE (a federated query) is refused" in str(caught.value)


def test_service_in_a_string_is_not_refused(url):
    query = 'SELECT ?x WHERE { BIND("SERVICE <http://example.org/>" AS ?x) } # SERVICE'
    data = wrapper(url, query, JSON).query().convert()
    assert data["results"]["bindings"][0]["x"]["value"] == "SERVICE <http://example.org/>"


def test_guard_on_tricky_text():
    assert uses_service("select * { sErViCe silent <http://e/> { ?s ?p ?o } }")
    assert not uses_service("SELECT ?service WHERE { ?service ex:SERVICE '''SERVICE''' }")
    assert query_form('PREFIX x: <http://e/select> # INSERT\nDESCRIBE <http://e/a>') == "DESCRIBE"
    assert query_form("BASE <http://e/> PREFIX : <http://e/> DELETE WHERE { ?s ?p ?o }") == "UPDATE"


def test_syntax_error_is_one_line(url):
    status, headers, body = http(url + "/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p"}))
    assert status == 400
    assert body.startswith(b"SPARQL syntax error: ") and body.count(b"\n") == 1
    assert headers["content-type"].startswith("text/plain")


def test_cors_off_by_default(url):
    status, headers, _ = http(url + "/sparql?query=ASK%7B%7D", headers={"Origin": "https://example.org"})
    assert status == 200
    assert "access-control-allow-origin" not in {k.lower() for k in headers}


# --- limits -------------------------------------------------------------------------------


def test_over_max_rows_is_truncated_and_flagged(sample_dir):
    with running(sample_dir, max_rows=5, workers=1) as (_, url):
        result = wrapper(url, "SELECT * WHERE { ?s ?p ?o }", JSON).query()
        assert result.info()["x-ccin-kg-truncated"] == "true"
        data = result.convert()
        assert len(data["results"]["bindings"]) == 5
        assert data["truncated"] is True
        status, headers, body = http(url + "/sparql?" + urllib.parse.urlencode(
            {"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"}))
        assert headers["X-CCIN-KG-Truncated"] == "true"
        assert len([line for line in body.decode().splitlines() if not line.startswith("#")]) == 5
        # an answer within the cap is not flagged
        result = wrapper(url, "SELECT * WHERE { ?s ?p ?o } LIMIT 5", JSON).query()
        assert result.info().get("x-ccin-kg-truncated") is None
        assert "truncated" not in result.convert()


def test_slow_query_is_stopped_with_a_clear_error(big_dir):
    with running(big_dir, timeout=1, workers=2) as (_, url):
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        status, _, body = http(url + "/sparql?" + urllib.parse.urlencode({"query": slow}))
        assert status == 503
        assert body == b"query stopped: it ran longer than the 1 s time limit\n"
        # the endpoint goes on answering (a fresh worker replaces the stopped one)
        for _ in range(60):  # bounded
            status, _, body = http(url + "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
            if status == 200:
                break
            time.sleep(0.5)
        assert (status, json.loads(body)["boolean"]) == (200, True)


def test_stopped_worker_process_is_gone(big_dir):
    """The time limit kills the process running the query: no CPU is left burning on it."""
    import asyncio

    from ccin_kg.serve.pool import QueryPool
    from ccin_kg.serve.worker import Job

    pool = QueryPool(big_dir, workers=1, timeout=1)
    pool.start()
    try:
        first = pool._workers[0].process
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        answer = asyncio.run(pool.run(Job("query", slow)))
        assert answer.status == 503
        first.join(timeout=10)
        assert not first.is_alive()
    finally:
        pool.close()


# --- updates with the token ----------------------------------------------------------------


def test_updates_need_the_flag_and_the_token(sample_dir):
    with running(sample_dir, update_token=TOKEN, workers=1) as (_, url):
        form = {"Content-Type": "application/sparql-update"}
        assert http(url + "/sparql", UPDATE.encode(), form)[0] == 403
        assert http(url + "/sparql", UPDATE.encode(), {**form, "Authorization": "Bearer wrong-token"})[0] == 403
        status, _, body = http(url + "/sparql", UPDATE.encode(), {**form, "Authorization": f"Bearer {TOKEN}"})
        assert (status, body) == (200, b"OK\n")
        ask = "ASK { <https://w3id.org/ccin-kg/id/org/x> ?p ?o }"
        assert wrapper(url, ask, JSON).query().convert()["boolean"] is True
        load = "LOAD <http://127.0.0.1:9/data.ttl>"
        assert http(url + "/sparql", load.encode(), {**form, "Authorization": f"Bearer {TOKEN}"})[0] == 400


def test_allow_updates_needs_the_token_in_the_environment(sample_dir):
    result = CliRunner().invoke(cli_group(), ["serve", "--graph", str(sample_dir), "--allow-updates",
                                              "--get", "/sparql?query=ASK{}"], env={"CCIN_KG_UPDATE_TOKEN": ""})
    assert result.exit_code == 2
    assert "CCIN_KG_UPDATE_TOKEN" in result.output


# --- named queries and the page ------------------------------------------------------------------


def test_named_query_matches_the_library(url, sample_dir):
    from ccin_kg.build.load import load_graph
    from ccin_kg.query.library import load_query, run_query

    expected = run_query(load_graph(sample_dir), load_query("funded-by"), {"funder": "UKSPF"})
    status, _, body = http(url + "/query/funded-by?funder=UKSPF", headers={"Accept": "application/json"})
    assert status == 200
    data = json.loads(body)
    assert tuple(data["head"]["vars"]) == expected.variables
    rows = [tuple(b.get(v, {}).get("value") for v in expected.variables) for b in data["results"]["bindings"]]
    assert rows == [tuple(None if t is None else str(t) for t in row) for row in expected.rows]
    assert len(rows) > 0


def test_named_query_errors(url):
    assert http(url + "/query/nope")[:1] == (404,)
    assert http(url + "/query/..%2F..%2Fetc%2Fpasswd")[0] == 404  # names only, never paths
    status, _, body = http(url + "/query/funded-by?colour=red")
    assert (status, body) == (400, b"query 'funded-by' has no parameter 'colour' (it takes: funder)\n")
    status, _, body = http(url + "/query")
    assert status == 200 and any(q["name"] == "funded-by" for q in json.loads(body))


REMOTE = re.compile(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?\s*(https?:)?//""", re.I)


def test_page_is_offline(url):
    status, headers, body = http(url + "/")
    page = body.decode()
    assert status == 200 and '<form id="sparql"' in page and "funded-by" in page
    assert not REMOTE.search(page)
    assert "default-src 'none'" in headers["Content-Security-Policy"]


# --- --get: one answer, no port --------------------------------------------------------------------


def test_get_prints_the_answer(sample_dir):
    result = CliRunner().invoke(cli_group(), ["serve", "--graph", str(sample_dir), "--get", "/sparql?query=ASK{}"])
    assert result.exit_code == 0, result.output
    assert result.output == '{"head": {}, "boolean": true}\n'


def test_get_error_is_one_line(sample_dir):
    result = CliRunner().invoke(cli_group(), ["serve", "--graph", str(sample_dir), "--get",
                                              "/sparql?query=DROP ALL"])
    assert result.exit_code == 1
    assert result.output == "Error: HTTP 403: updates are refused: this endpoint is read-only\n"


def test_get_refuses_port_options(sample_dir):
    result = CliRunner().invoke(cli_group(), ["serve", "--graph", str(sample_dir), "--port", "9000",
                                              "--get", "/sparql?query=ASK{}"])
    assert result.exit_code == 2
    assert "--get opens no port" in result.output


def test_busy_port_is_one_line(sample_dir):
    with listen("127.0.0.1", 0) as busy:
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli_group(), ["serve", "--graph", str(sample_dir), "--port", str(port)])
    assert result.exit_code == 1
    assert result.output == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_missing_graph_is_one_line(tmp_path):
    result = CliRunner().invoke(cli_group(), ["serve", "--graph", str(tmp_path), "--get", "/"])
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path}: no built graph (ccin.ttl missing); run `ccin-kg build` first\n"


def test_get_once_in_process(sample_dir):
    with endpoint(sample_dir, workers=1) as app:
        reply = get_once(app, "/sparql?query=SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l LIMIT 1&format=csv")
    assert (reply.status, reply.headers["content-type"]) == (200, "text/csv; charset=utf-8")
    assert reply.body.startswith(b"l\r\n")


def test_help_has_examples():
    for command in (serve, push):
        assert "Example" in command.help


def test_cli_import_stays_light():
    code = ("import sys, ccin_kg.cli, ccin_kg.commands.serve; "
            "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'uvicorn', 'starlette', 'spacy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- properties: serialisations round-trip, strings never look like keywords -----------------------------

# XML 1.0 cannot hold most control characters; pyoxigraph's XML results parser drops a lone CR
XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff",
                                 min_codepoint=0x20) | st.sampled_from("\t\n"))
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)))


def _literal_rows(texts, languages):
    import pyoxigraph as ox

    return [(ox.NamedNode(f"https://e.org/{i}"), ox.Literal(t, language=lang) if lang else ox.Literal(t))
            for i, (t, lang) in enumerate(zip(texts, languages, strict=False))]


@settings(max_examples=60, deadline=None)
@given(st.lists(XML_TEXT, max_size=4), st.lists(st.sampled_from([None, "en", "cy-GB"]), min_size=4, max_size=4))
def test_results_round_trip_through_pyoxigraph(texts, languages):
    import pyoxigraph as ox

    from ccin_kg.serve.results import solutions_bytes

    rows = _literal_rows(texts, languages)
    for fmt, parser in (("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                        ("tsv", ox.QueryResultsFormat.TSV)):
        parsed = ox.parse_query_results(solutions_bytes(["s", "label"], rows, fmt), format=parser)
        assert [tuple(r) for r in parsed] == rows, fmt


@settings(max_examples=60, deadline=None)
@given(st.lists(ANY_TEXT, max_size=4))
def test_csv_round_trips_values(texts):
    import csv
    import io

    from ccin_kg.serve.results import solutions_bytes

    rows = _literal_rows(texts, [None] * len(texts))
    data = solutions_bytes(["s", "label"], rows, "csv").decode("utf-8")
    parsed = list(csv.reader(io.StringIO(data, newline="")))
    assert parsed == [["s", "label"]] + [[r[0].value, r[1].value] for r in rows]


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_text_in_a_string_is_never_a_keyword(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    query = f'SELECT ?s WHERE {{ ?s ?p "{escaped}" }}'
    assert not uses_service(query)
    assert query_form(query) == "SELECT"
    long_form = f"SELECT ?s WHERE {{ ?s ?p '''{escaped}''' }}"
    assert not uses_service(long_form)


def test_cors_only_for_the_origin_given(sample_dir):
    with endpoint(sample_dir, workers=1, cors="https://example.org") as app:
        allowed = get_once(app, "/sparql?query=ASK{}", headers={"Origin": "https://example.org"})
        other = get_once(app, "/sparql?query=ASK{}", headers={"Origin": "https://elsewhere.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://example.org"
    assert "access-control-allow-origin" not in other.headers


def test_accepted_updates_survive_a_stopped_query(big_dir):
    """Updates to a graph loaded from ccin.ttl are replayed into the worker that replaces a stopped one."""
    import asyncio

    from ccin_kg.serve.pool import QueryPool
    from ccin_kg.serve.worker import Job

    async def scenario(pool):
        assert (await pool.run(Job("update", UPDATE))).status == 200
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        assert (await pool.run(Job("query", slow))).status == 503
        for _ in range(60):  # bounded: the replacement loads the graph, then replays the update
            answer = await pool.run(Job("query", "ASK { <https://w3id.org/ccin-kg/id/org/x> ?p ?o }", "csv"))
            if answer.status == 200:
                return answer.body
            await asyncio.sleep(0.5)
        return answer.body

    pool = QueryPool(big_dir, workers=1, timeout=1, writable=True)
    pool.start()
    try:
        assert asyncio.run(scenario(pool)) == b"true"
    finally:
        pool.close()


def test_serves_an_on_disk_store_read_only(tmp_path):
    """graph/store/ (one named graph per source) is opened read-only and queried as the union of its graphs."""
    import pyoxigraph as ox

    store = ox.Store(str(tmp_path / "store"))
    store.add(ox.Quad(ox.NamedNode("https://w3id.org/ccin-kg/id/org/a"), ox.NamedNode(LABEL), ox.Literal("A"),
                      ox.NamedNode("https://w3id.org/ccin-kg/id/graph/doc-txt")))
    store.flush()
    del store
    with endpoint(tmp_path, workers=1) as app:
        reply = get_once(app, "/sparql?query=SELECT ?l WHERE { ?s rdfs:label ?l }&format=csv")
    assert reply.body == b"l\r\nA\r\n"
    with pytest.raises(RuntimeError):
        open_store(tmp_path).update("CLEAR ALL")
