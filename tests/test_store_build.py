"""``build`` writes ``graph/store/``: one named graph per source document plus the ontology, swapped in whole."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from ccin_kg.build.run import build
from ccin_kg.build.store_writer import ONTOLOGY_GRAPH, StoreWriteError
from ccin_kg.export.rdf import SHARED_GRAPH, split_by_document
from ccin_kg.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = [FIXTURES / "pack_invented.txt", FIXTURES / "page_policy_lab.txt"]


@pytest.fixture(scope="module")
def out(tmp_path_factory, nlp) -> Path:
    out = tmp_path_factory.mktemp("graph")
    build(SOURCES, out, nlp=nlp)
    return out


def _graphs(store) -> set[str]:
    return {g.value for g in store.named_graphs()}


def test_one_named_graph_per_source_and_the_ontology(out):
    from ccin_kg.build.load import load_graph

    store = pyoxigraph.Store.read_only(str(out / "store"))
    expected = {str(name) for name in split_by_document(load_graph(out))}
    assert _graphs(store) == expected | {ONTOLOGY_GRAPH}
    sources = {g for g in expected if "/graph/source/" in g}
    assert len(sources) == len(SOURCES)
    assert str(SHARED_GRAPH) in expected
    assert not list(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
    ontology = pyoxigraph.NamedNode(ONTOLOGY_GRAPH)
    council = pyoxigraph.NamedNode("https://w3id.org/ccin-kg/ontology#Council")
    assert list(store.quads_for_pattern(council, None, None, ontology))


def test_store_holds_the_same_triples_as_the_turtle(out):
    from ccin_kg.build.load import load_graph

    store = pyoxigraph.Store.read_only(str(out / "store"))
    data = {(q.subject, q.predicate, q.object) for q in store if q.graph_name.value != ONTOLOGY_GRAPH}
    assert len(data) == len(load_graph(out))
    assert not [p for p in out.iterdir() if p.name.startswith(".store")]


def test_open_store_uses_the_store(out, tmp_path):
    import shutil

    copy = tmp_path / "g"
    shutil.copytree(out / "store", copy / "store")  # no ccin.ttl beside it: only the store can answer
    store = open_store(copy)
    assert _graphs(store) >= {ONTOLOGY_GRAPH, str(SHARED_GRAPH)}
    answer = store.query("ASK { GRAPH ?g { ?s a <https://w3id.org/ccin-kg/ontology#Council> } }")
    assert bool(answer)


def test_failed_store_write_leaves_previous_store(tmp_path, nlp, monkeypatch):
    import ccin_kg.build.store_writer as writer

    build(SOURCES[:1], tmp_path, nlp=nlp)
    before = {q for q in pyoxigraph.Store.read_only(str(tmp_path / "store"))}
    ttl = (tmp_path / "ccin.ttl").read_bytes()

    def broken(store_dir, data):
        (Path(store_dir) / "half-written").write_text("x")
        raise OSError("disk full")

    monkeypatch.setattr(writer, "_fill", broken)
    with pytest.raises(StoreWriteError, match="cannot write the Oxigraph store: disk full"):
        build(SOURCES, tmp_path, nlp=nlp)
    assert {q for q in pyoxigraph.Store.read_only(str(tmp_path / "store"))} == before
    assert (tmp_path / "ccin.ttl").read_bytes() == ttl
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "ccin.jsonld", "ccin.ttl", "entities.json",
                                                         "sources.json", "store"]


def test_failed_graph_write_discards_new_store(tmp_path, nlp, monkeypatch):
    import ccin_kg.build.write as write

    build(SOURCES[:1], tmp_path, nlp=nlp)
    before = {q for q in pyoxigraph.Store.read_only(str(tmp_path / "store"))}

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(write, "write_graph", broken)
    with pytest.raises(OSError):
        build(SOURCES, tmp_path, nlp=nlp)
    assert {q for q in pyoxigraph.Store.read_only(str(tmp_path / "store"))} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".store")]


def test_rebuild_replaces_store(tmp_path, nlp):
    build(SOURCES[:1], tmp_path, nlp=nlp)
    build(SOURCES, tmp_path, nlp=nlp)
    graphs = _graphs(pyoxigraph.Store.read_only(str(tmp_path / "store")))
    assert len([g for g in graphs if "/graph/source/" in g]) == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".store")]


def test_store_loaded_in_small_chunks_holds_the_same_quads(out, tmp_path, nlp, monkeypatch):
    """The loader takes the N-Quads a chunk at a time (bounded memory); the store is the same either way."""
    import ccin_kg.build.store_writer as store_writer

    monkeypatch.setattr(store_writer, "LOAD_CHUNK_LINES", 7)
    build(SOURCES, tmp_path, nlp=nlp)
    chunked = set(pyoxigraph.Store.read_only(str(tmp_path / "store")))
    whole = set(pyoxigraph.Store.read_only(str(out / "store")))
    assert chunked == whole and len(whole) > 100
