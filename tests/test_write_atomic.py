"""write_graph is all or nothing; read_graph reports missing and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from ccin_kg.build import write
from ccin_kg.build.write import canonical_graph, read_graph, write_graph
from ccin_kg.errors import GraphMissing, SourceError
from ccin_kg.namespaces import CCIN, RDFS, iri


def small_graph(title: str = "Food Pantry Network") -> Graph:
    g = Graph()
    node = iri("initiative", "food-pantry-network")
    g.add((node, RDFS.label, Literal(title)))
    g.add((node, CCIN.year, Literal(2023)))
    return g


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    write_graph(small_graph("Old title"), tmp_path)
    return tmp_path


def test_write_creates_both_files_and_no_temporaries(tmp_path):
    paths = write_graph(small_graph(), tmp_path / "graph")
    assert paths == {"turtle": tmp_path / "graph" / "ccin.ttl", "jsonld": tmp_path / "graph" / "ccin.jsonld"}
    assert sorted(p.name for p in (tmp_path / "graph").iterdir()) == ["ccin.jsonld", "ccin.ttl"]


def test_failing_jsonld_serialisation_changes_nothing(out_dir, monkeypatch):
    before = snapshot(out_dir)

    def explode(graph):
        raise ValueError("JSON-LD serialiser broke")

    monkeypatch.setattr(write, "jsonld_bytes", explode)
    with pytest.raises(ValueError, match="JSON-LD serialiser broke"):
        write_graph(small_graph("New title"), out_dir)
    assert snapshot(out_dir) == before


def test_failing_second_temporary_file_changes_nothing(out_dir, monkeypatch):
    before = snapshot(out_dir)
    real = write._write_temp
    calls = []

    def fail_second(directory, target, data):
        calls.append(target.name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(directory, target, data)

    monkeypatch.setattr(write, "_write_temp", fail_second)
    with pytest.raises(OSError, match="No space left"):
        write_graph(small_graph("New title"), out_dir)
    assert calls == ["ccin.ttl", "ccin.jsonld"]
    assert snapshot(out_dir) == before  # the first temporary file was removed too


def test_successful_write_replaces_both_files(out_dir):
    before = snapshot(out_dir)
    write_graph(small_graph("New title"), out_dir)
    after = snapshot(out_dir)
    assert set(after) == set(before) == {"ccin.ttl", "ccin.jsonld"}
    assert all(after[name] != before[name] for name in after)
    assert b"New title" in after["ccin.ttl"] and b"New title" in after["ccin.jsonld"]


def test_read_graph_round_trips(out_dir):
    assert isomorphic(canonical_graph(read_graph(out_dir)), canonical_graph(small_graph("Old title")))


def test_read_graph_without_a_graph(tmp_path):
    with pytest.raises(GraphMissing, match="ccin.ttl missing"):
        read_graph(tmp_path)


def test_read_graph_names_file_line_and_column(tmp_path):
    path = tmp_path / "ccin.ttl"
    path.write_text('@prefix ccin: <https://w3id.org/ccin-kg/ontology#> .\n\n<https://e.org/a> ccin:year 2023 2024 .\n')
    with pytest.raises(SourceError) as info:
        read_graph(tmp_path)
    assert (info.value.path, info.value.line) == (str(path), 3)
    assert info.value.column is not None
    assert str(info.value).startswith(f"{path}:3:")
