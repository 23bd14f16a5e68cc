"""``add`` / ``remove`` give the same graph as a full build; unchanged files are not extracted again."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from ccin_kg.build.incremental import add_sources, remove_sources
from ccin_kg.build.load import load_graph
from ccin_kg.build.run import build
from ccin_kg.build.sources import SourceNotFound, read_manifest

# Invented documents (no real council or partner); A and B share Fooshire Borough Council,
# C shares Quillon Trust with B, so resolution has something to merge across sources.
DOCS = {
    "a_markets.txt": """Funded Projects

Each year members suggest projects. Here are some:

Rethinking Street Markets (2029) – Led by Fooshire Borough Council and delivered by Marketwise Co-operative. \
A toolkit for councils that want to revive street markets.
""",
    "b_lanes.txt": """Community

Fooshire Borough Council

Green Lanes for Everyone

In March 2030 Fooshire Borough Council opened six green lanes with residents across the borough, giving \
families safe walking routes to school.

The work was delivered in partnership with Quillon Trust and the Fooshire Walking Forum, who ran the \
volunteer rotas through the year.

For further information, contact:

Jo Hart, Fooshire Borough Council, jo.hart@fooshire.example
""",
    "c_halls.txt": """Funded Projects

Each year members suggest projects. Here are some:

Shared Community Halls (2031) – Led by Wrenford City Council and delivered by Quillon Trust. \
A guide for councils that share halls with the groups that use them.
""",
    "d_pantry.txt": """Funded Projects

Each year members suggest projects. Here are some:

Pantry Network (2031) – Led by Glenmoor District Council and delivered by Kestrel Mutual. \
Food pantries run with residents.
""",
}


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sources")
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return {name[0].upper(): folder / name for name in DOCS}


@pytest.fixture(scope="module")
def full(tmp_path_factory, sources, nlp) -> Path:
    out = tmp_path_factory.mktemp("full")
    build([sources[k] for k in "ABC"], out, nlp=nlp)
    return out


def assert_same(out: Path, full: Path) -> None:
    assert isomorphic(load_graph(out), load_graph(full))
    assert (out / "ccin.ttl").read_bytes() == (full / "ccin.ttl").read_bytes()
    assert (out / "ccin.jsonld").read_bytes() == (full / "ccin.jsonld").read_bytes()


def test_add_equals_full_build(tmp_path, sources, full, nlp):
    build([sources["A"], sources["B"]], tmp_path, nlp=nlp)
    _, extracted = add_sources([sources["C"]], tmp_path, nlp=nlp)
    assert extracted == ["c_halls.txt"]
    assert_same(tmp_path, full)
    assert [s.name for s in read_manifest(tmp_path).sources] == ["a_markets.txt", "b_lanes.txt", "c_halls.txt"]


def test_remove_equals_full_build(tmp_path, sources, full, nlp):
    build([sources[k] for k in "ABCD"], tmp_path, nlp=nlp)
    remove_sources(["d_pantry.txt"], tmp_path, nlp=nlp)
    assert_same(tmp_path, full)
    assert not (tmp_path / "cache" / "d_pantry.txt.extraction.pickle").exists()


def test_unchanged_files_are_not_extracted_again(tmp_path, sources, nlp, monkeypatch):
    import ccin_kg.extract.pipeline as pipeline

    build([sources["A"], sources["B"]], tmp_path, nlp=nlp)
    real, calls = pipeline.extract, []

    def counting(documents, *args, **kwargs):
        calls.extend(d.name for d in documents)
        return real(documents, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract", counting)
    _, extracted = add_sources([sources["A"], sources["B"], sources["C"]], tmp_path, nlp=nlp)
    assert calls == extracted == ["c_halls.txt"]
    calls.clear()
    remove_sources(["c_halls.txt"], tmp_path, nlp=nlp)
    assert calls == []


def test_changed_file_is_extracted_again(tmp_path, sources, nlp):
    build([sources["A"], sources["B"]], tmp_path, nlp=nlp)
    changed = tmp_path / "new" / "b_lanes.txt"
    changed.parent.mkdir()
    changed.write_text(DOCS["b_lanes.txt"].replace("six green lanes", "seven green lanes"), encoding="utf-8")
    _, extracted = add_sources([changed], tmp_path, nlp=nlp)
    assert extracted == ["b_lanes.txt"]
    entry = {s.name: s for s in read_manifest(tmp_path).sources}["b_lanes.txt"]
    assert entry.path == str(changed.resolve())


def test_sources_listing(full):
    from ccin_kg.commands.sources import sources as sources_command

    result = CliRunner().invoke(sources_command, ["--graph", str(full)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["name", "sha256", "bytes", "facts"]
    manifest = {s.name: s for s in read_manifest(full).sources}
    assert [line.split()[0] for line in lines[1:]] == sorted(manifest)
    name, short, size, facts = lines[1].split()
    assert (short, int(size), int(facts)) == (manifest[name].sha256[:12], manifest[name].size, manifest[name].facts)
    assert int(facts) > 0


def test_remove_unknown_source_is_one_line_error(full):
    from ccin_kg.commands.sources import remove

    with pytest.raises(SourceNotFound, match="nope.txt: not a source of"):
        remove_sources(["nope.txt"], full)
    result = CliRunner().invoke(remove, ["nope.txt", "--graph", str(full)], standalone_mode=False)
    assert isinstance(result.exception, SourceNotFound)


def test_add_without_a_build_is_one_line_error(tmp_path, sources):
    with pytest.raises(SourceNotFound, match="no sources manifest; run `ccin-kg build"):
        add_sources([sources["A"]], tmp_path)
