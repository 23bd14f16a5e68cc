"""End-to-end tests of the command line: outputs, determinism, exit codes, one-line errors."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from ccin_kg.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_help_has_an_example(name):
    assert "Example" in (cli.commands[name].help or "")
    result = run(name, "--help")
    assert result.exit_code == 0 and "Example" in result.output


def test_import_does_not_load_spacy_or_rdflib():
    code = "import sys, ccin_kg.cli; print('spacy' in sys.modules, 'rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_build_twice_gives_identical_files_and_validates(built, tmp_path, monkeypatch):
    first_dir, result = built
    assert result.triples > 1000
    monkeypatch.chdir(tmp_path)
    out = run("build")  # no arguments: the bundled corpus into ./graph
    assert out.exit_code == 0, out.output
    for name in ("ccin.ttl", "ccin.jsonld"):
        assert (tmp_path / "graph" / name).read_bytes() == (first_dir / name).read_bytes()
    ok = run("validate")
    assert ok.exit_code == 0 and ok.output.startswith("conforms:")


def test_validate_fails_on_a_broken_graph(built, tmp_path):
    text = (built[0] / "ccin.ttl").read_text(encoding="utf-8")
    broken = "\n".join(line for line in text.split("\n") if "ccin:sentence" not in line)
    path = tmp_path / "broken.ttl"
    path.write_text(broken, encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 3
    assert "sentence" in result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"Error: {path}")


def test_validate_usage_and_missing_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("validate", "graph", "--graph", "graph").exit_code == 2
    missing = run("validate")
    assert missing.exit_code == 1
    assert missing.stderr == "Error: graph: no built graph here (run: ccin-kg build)\n"


def _bad_inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_text("")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02\x03PK\x00\x00" * 64)
    (d / "latin1.txt").write_bytes("Caf\xe9 council\n".encode("latin-1"))
    (d / "cut.html").write_text("<!doctype html><html><body><h1>Fooshire</h1><p>Led by Fooshire Borough")
    (d / "big.txt").write_text("Fooshire Borough Council led it.\n" * 10)
    (d / "folder").mkdir()
    return {
        "missing": ([str(d / "nope.txt")], "no such file"),
        "directory": ([str(d / "folder")], "is a directory"),
        "empty": ([str(d / "empty.txt")], "file is empty"),
        "binary": ([str(d / "binary.txt")], "binary"),
        "not utf-8": ([str(d / "latin1.txt")], "not UTF-8"),
        "truncated html": ([str(d / "cut.html")], "truncated"),
        "too big": (["--max-bytes", "100", str(d / "big.txt")], "over the limit of 100 bytes"),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "binary", "not utf-8", "truncated html", "too big"])
def test_bad_input_gives_one_line_error_and_keeps_the_graph(case, tmp_path, monkeypatch):
    args, problem = _bad_inputs(tmp_path)[case]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "ccin.ttl").write_text("previous graph")
    (tmp_path / "graph" / "ccin.jsonld").write_text("{}")
    for command in ("build", "extract"):
        result = run(command, *args)
        assert result.exit_code == 1, result.output
        assert result.stderr.count("\n") == 1, result.stderr
        path = [a for a in args if not a.startswith("--") and not a.isdigit()][0]
        assert result.stderr.startswith(f"Error: {path}: ") and problem in result.stderr
    assert (tmp_path / "graph" / "ccin.ttl").read_text() == "previous graph"
    assert (tmp_path / "graph" / "ccin.jsonld").read_text() == "{}"
    assert sorted(p.name for p in (tmp_path / "graph").iterdir()) == ["ccin.jsonld", "ccin.ttl"]


def test_extract_json_has_the_design_shape(tmp_path):
    from conftest import FIXTURES

    import json

    result = run("extract", str(FIXTURES / "page_policy_lab.txt"), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) == {"initiatives", "members", "works_with"}
    ini = data["initiatives"][0]
    assert {"source", "lines", "title", "theme", "type", "year", "lead", "partners", "funders", "contacts",
            "principles", "approaches", "places"} <= set(ini)
    assert ini["source"] == "page_policy_lab.txt" and ini["lines"] == [1, 19]
    assert ini["lead"] == ["Glenmoor District Council"] and ini["type"] == "Policy lab" and ini["year"] == 2031


def test_explain_shows_merged_forms_and_gss(built):
    out = run("explain", "Cheshire West and Chester Council", "--graph", str(built[0]))
    assert out.exit_code == 0
    lines = out.output.splitlines()
    assert lines[0] == "Cheshire West and Chester Council"
    assert "GSS code: E06000050" in out.output and "org-id: GB-LAE-CHW" in out.output
    # 002_2de81e56ae3274dc.txt line 240 (members list) spells it with "&"; line 759 (case-study header) with "and"
    assert '"Cheshire West & Chester Council"  002_2de81e56ae3274dc.txt:240' in out.output
    assert '"Cheshire West and Chester Council"  002_2de81e56ae3274dc.txt:759' in out.output
    short = run("explain", "Cheshire West", "--graph", str(built[0]))
    assert short.exit_code == 0 and short.output.splitlines()[0] == "Cheshire West and Chester Council"


def test_explain_unknown_entity(built):
    out = run("explain", "Zzyzx Nonexistent Quux", "--graph", str(built[0]))
    assert out.exit_code == 1
    assert out.stderr == f"Error: no entity matches 'Zzyzx Nonexistent Quux' in {built[0]}/\n"
