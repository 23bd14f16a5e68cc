"""``--jobs 2`` writes the same bytes as ``--jobs 1``."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ccin_kg.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = [str(FIXTURES / n) for n in ("pack_invented.txt", "page_policy_lab.txt", "policy_lab_page.html")]


def test_jobs_2_is_byte_identical_to_jobs_1(tmp_path):
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        result = CliRunner().invoke(cli, ["build", *SOURCES, "--out", str(out), "--jobs", jobs])
        assert result.exit_code == 0, result.output
        outputs[jobs] = out
    for name in ("ccin.ttl", "ccin.jsonld", "entities.json"):
        assert (outputs["1"] / name).read_bytes() == (outputs["2"] / name).read_bytes(), name
