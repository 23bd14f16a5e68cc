"""Shared fixtures: the spaCy pipeline and the graph built from the bundled corpus, once per run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.json from the current extraction (review the diff)")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def nlp():
    from ccin_kg.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the checkout (CI has it); tests that need it skip elsewhere, but never in CI."""
    if not (SHARED / "gold").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing: CI must run with ../shared beside the checkout")
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def built(tmp_path_factory, nlp):
    """The bundled corpus built once: (output directory, BuildResult)."""
    from ccin_kg.build.run import build

    out = tmp_path_factory.mktemp("graph")
    return out, build(None, out)


@pytest.fixture(scope="session")
def graph(built):
    from ccin_kg.build.load import load_graph

    return load_graph(built[0])
