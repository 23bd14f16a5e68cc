"""Docs are tests: the README's two set-up commands and every "$ ccin-kg ..." example."""

import re
import shlex
import shutil

import pytest
from click.testing import CliRunner

from ccin_kg.cli import cli

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"^\$ ccin-kg (.+)$", README, re.M)


def test_readme_starts_with_the_two_commands():
    block = re.search(r"```sh\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert block == ["pip install . && ccin-kg build", "pip install '.[test]' && pytest"]
    assert README.index("```sh") < README.index("\n## ")  # before anything else


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().endswith("pip install '.[test]' && pytest")


@pytest.mark.parametrize("line", EXAMPLES)
def test_readme_example_runs(line, built, tmp_path, monkeypatch):
    shutil.copytree(built[0], tmp_path / "graph")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, shlex.split(line))
    assert result.exit_code == 0, result.output + result.stderr
