"""ccin-kg push: the graph into a real Virtuoso (Debian's virtuoso-opensource) with the Graph Store Protocol.

The fixture starts Virtuoso on free loopback ports with a fresh database in a
temporary directory and a new dba password, waits for it (bounded), and
stops it afterwards. Without ``virtuoso-t`` the tests skip, but fail in CI
(``.ci/run`` installs it).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from click.testing import CliRunner

from ccin_kg.build.graph import build_graph
from ccin_kg.build.write import write_graph
from ccin_kg.cli import Group
from ccin_kg.commands.serve import push, serve
from ccin_kg.push import SHARED_GRAPH, partition
from ccin_kg.serve.run import endpoint, get_once
from ccin_kg.store import open_store
from test_build_graph import sample_records

VIRTUOSO = shutil.which("virtuoso-t")
GSP = "/sparql-graph-crud-auth"  # Virtuoso's Graph Store Protocol endpoint behind digest authentication
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}

INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {db}
MaxClientConnections = 10
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
AllowOSCalls = 0
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}/www
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def cli_group():
    return Group(commands=[serve, push])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Virtuoso:
    url: str
    password: str

    def select(self, query: str) -> dict:
        """SPARQL JSON from Virtuoso's public /sparql."""
        data = urllib.parse.urlencode({"query": query}).encode()
        request = urllib.request.Request(self.url + "/sparql", data=data,
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())


def _answering(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    if VIRTUOSO is None:
        if os.environ.get("CI"):
            pytest.fail("virtuoso-t is missing: .ci/run must apt-get install virtuoso-opensource-7-bin")
        pytest.skip("virtuoso-t is not installed (apt-get install virtuoso-opensource-7-bin)")
    db = tmp_path_factory.mktemp("virtuoso")
    (db / "www").mkdir()
    sql_port, http_port = free_port(), free_port()
    ini = db / "virtuoso.ini"
    ini.write_text(INI.format(db=db, sql_port=sql_port, http_port=http_port))
    password = secrets.token_hex(8)  # Virtuoso 7.2 refuses logins with a dba password set longer than ~20 characters
    # first run: create the database and set a new dba password, then exit
    subprocess.run([VIRTUOSO, "+foreground", "+configfile", str(ini), "+pwdold", "dba", "+pwddba", password],
                   cwd=db, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=True)
    log = (db / "server.log").open("wb")
    server = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=db, stdout=log,
                              stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 180
        while not _answering(url):
            if server.poll() is not None:
                pytest.fail(f"virtuoso-t exited with {server.returncode}: see {db / 'server.log'}")
            if time.monotonic() > deadline:
                pytest.fail(f"virtuoso-t did not answer on {url} within 180 s")
            time.sleep(0.5)
        yield Virtuoso(url, password)
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    write_graph(build_graph(*sample_records()), out)
    return out


@pytest.fixture(scope="module")
def pushed(virtuoso, sample_dir):
    result = CliRunner().invoke(cli_group(), ["push", "--endpoint", virtuoso.url + GSP, "--graph", str(sample_dir),
                                              "--auth", "digest", "--user", "dba"],
                                env={"CCIN_KG_PUSH_PASSWORD": virtuoso.password})
    assert result.exit_code == 0, result.output
    return result


def _value(binding: dict | None):
    """A SPARQL JSON term as a comparable tuple: numbers by value, xsd:string as plain."""
    if binding is None:
        return None
    kind = "uri" if binding["type"] == "uri" else binding["type"].replace("typed-literal", "literal")
    datatype = binding.get("datatype")
    value = binding["value"]
    if datatype == XSD + "string":
        datatype = None
    if datatype in NUMERIC:
        try:
            value, datatype = Decimal(value).normalize(), "number"
        except InvalidOperation:
            pass
    return (kind, value, binding.get("xml:lang"), datatype)


def _rows(data: dict) -> list[tuple]:
    names = data["head"]["vars"]
    return [tuple(_value(b.get(n)) for n in names) for b in data["results"]["bindings"]]


def _local(sample_dir: Path, target: str) -> dict:
    with endpoint(sample_dir, workers=1) as app:
        reply = get_once(app, target, headers={"Accept": "application/sparql-results+json"})
    assert reply.status == 200, reply.body
    return json.loads(reply.body)


OURS = 'FILTER(STRSTARTS(STR(?g), "https://w3id.org/ccin-kg/id/graph/"))'


def test_push_summary(pushed, sample_dir):
    graphs = partition(open_store(sample_dir))
    lines = pushed.output.splitlines()
    assert lines[-1].startswith(f"pushed {sum(map(len, graphs.values()))} triples in {len(graphs)} graphs to ")
    assert set(graphs) == {SHARED_GRAPH, "https://w3id.org/ccin-kg/id/graph/002-sample-txt"}
    assert any(line.startswith(f"PUT {SHARED_GRAPH}: {len(graphs[SHARED_GRAPH])} triples, HTTP 20") for line in lines)


def test_every_triple_arrives(pushed, virtuoso, sample_dir):
    remote = virtuoso.select(f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}")
    local = _local(sample_dir, "/sparql?query=" + urllib.parse.quote("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"))
    assert len(_rows(local)) == len({quad.triple for quad in open_store(sample_dir)}) > 400  # every one, none cut
    assert sorted(_rows(remote), key=repr) == sorted(_rows(local), key=repr)


def test_graphs_hold_what_partition_says(pushed, virtuoso, sample_dir):
    remote = virtuoso.select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }} GROUP BY ?g")
    counts = {b["g"]["value"]: int(b["n"]["value"]) for b in remote["results"]["bindings"]}
    assert counts == {graph: len(triples) for graph, triples in partition(open_store(sample_dir)).items()}
    # a statement's evidence sits in the graph of the document it cites
    ask = virtuoso.select("""SELECT (COUNT(*) AS ?n) WHERE {
        GRAPH <https://w3id.org/ccin-kg/id/graph/002-sample-txt> {
          ?st a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ;
              <https://w3id.org/ccin-kg/ontology#evidence> ?ev .
          ?ev <https://w3id.org/ccin-kg/ontology#rule> ?rule } }""")
    assert int(ask["results"]["bindings"][0]["n"]["value"]) > 0


def test_same_query_same_rows(pushed, virtuoso, sample_dir):
    """A provenance SELECT: the same rows from Virtuoso's /sparql and from the local endpoint."""
    query = """PREFIX ccin: <https://w3id.org/ccin-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?initiative ?funder ?source ?line ?rule ?confidence WHERE {
  ?st rdf:subject ?i ; rdf:predicate ccin:fundedBy ; rdf:object ?f ; ccin:evidence ?ev .
  ?i rdfs:label ?initiative . ?f rdfs:label ?funder .
  ?ev ccin:sourceDocument/dcterms:title ?source ; ccin:firstLine ?line ; ccin:rule ?rule ;
      ccin:confidence ?confidence .
}
ORDER BY ?initiative ?funder ?line ?rule"""
    remote = _rows(virtuoso.select(query))
    local = _rows(_local(sample_dir, "/sparql?query=" + urllib.parse.quote(query)))
    assert remote == local
    assert local


def test_same_named_query_same_rows(pushed, virtuoso, sample_dir):
    """A shipped named query without parameters, its text run unchanged on Virtuoso."""
    from ccin_kg.query.library import load_query

    query = load_query("funders")
    remote = _rows(virtuoso.select(query.text))
    local = _rows(_local(sample_dir, "/query/funders"))
    assert remote == local
    assert local


def test_push_again_replaces(pushed, virtuoso, sample_dir):
    again = CliRunner().invoke(cli_group(), ["push", "--endpoint", virtuoso.url + GSP, "--graph", str(sample_dir),
                                             "--auth", "digest", "--user", "dba"],
                               env={"CCIN_KG_PUSH_PASSWORD": virtuoso.password})
    assert again.exit_code == 0, again.output
    remote = virtuoso.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}")
    total = sum(map(len, partition(open_store(sample_dir)).values()))
    assert int(remote["results"]["bindings"][0]["n"]["value"]) == total


def test_dry_run_sends_nothing(sample_dir):
    result = CliRunner().invoke(cli_group(), ["push", "--endpoint", "http://127.0.0.1:9/gsp", "--graph",
                                              str(sample_dir), "--dry-run"])
    assert result.exit_code == 0, result.output
    graphs = partition(open_store(sample_dir))
    lines = result.output.splitlines()
    assert len(lines) == len(graphs) + 1
    assert lines[0].startswith("would PUT ") and "application/n-triples" in lines[0]
    assert lines[0].endswith("?graph=https%3A%2F%2Fw3id.org%2Fccin-kg%2Fid%2Fgraph%2F002-sample-txt")
    assert lines[-1] == f"dry run: {sum(map(len, graphs.values()))} triples in {len(graphs)} graphs; nothing sent"


def test_password_only_from_the_environment(sample_dir):
    names = {opt for p in push.params for opt in p.opts}
    assert not any("pass" in name for name in names)
    result = CliRunner().invoke(cli_group(), ["push", "--endpoint", "http://127.0.0.1:9/gsp", "--graph",
                                              str(sample_dir), "--auth", "digest", "--user", "dba"],
                                env={"CCIN_KG_PUSH_PASSWORD": ""})
    assert result.exit_code == 2
    assert "CCIN_KG_PUSH_PASSWORD" in result.output


def test_union_of_graphs_is_the_graph(sample_dir):
    store = open_store(sample_dir)
    union = {t for triples in partition(store).values() for t in triples}
    assert union == {q.triple for q in store}


def test_wrong_password_is_one_line(virtuoso, sample_dir):
    """Last in the file: Virtuoso locks out an address for 60 s after a few failed logins."""
    result = CliRunner().invoke(cli_group(), ["push", "--endpoint", virtuoso.url + GSP, "--graph", str(sample_dir),
                                              "--auth", "digest", "--user", "dba"],
                                env={"CCIN_KG_PUSH_PASSWORD": "not-the-password"})
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: PUT {virtuoso.url}{GSP} (graph https://w3id.org/ccin-kg/id/graph/")
    assert "HTTP 401" in result.output and result.output.count("\n") == 1


def test_a_store_with_named_graphs_keeps_them(tmp_path):
    """Once build writes graph/store/ with one named graph per source, push sends those graphs as they are."""
    import pyoxigraph as ox

    store = ox.Store(str(tmp_path / "store"))
    a, p = ox.NamedNode("https://w3id.org/ccin-kg/id/org/a"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    doc = ox.NamedNode("https://w3id.org/ccin-kg/id/graph/doc-txt")
    store.add(ox.Quad(a, p, ox.Literal("A"), doc))
    store.add(ox.Quad(a, p, ox.Literal("A shared")))
    store.flush()
    del store
    graphs = partition(open_store(tmp_path))
    assert {g: [t.object.value for t in ts] for g, ts in graphs.items()} == {
        doc.value: ["A"], SHARED_GRAPH: ["A shared"]}
