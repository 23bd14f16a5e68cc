"""Extraction measured against the hand-checked answers in ../shared/gold.

The gold is read here, by the test, to measure: never by ccin-kg at run time.
Thresholds are the acceptance figures of issues 4 (structure) and 5 (roles
from prose) — raise them as extraction improves, never lower them.
"""

import json
import subprocess
import sys

import pytest

from ccin_kg.extract.output import extraction_json
from ccin_kg.extract.pipeline import extract
from ccin_kg.ingest.read import read_sources

THRESHOLDS = {  # field: (minimum F1, minimum precision, minimum recall)
    "initiatives": (None, 0.90, 0.95),
    "members": (0.97, None, None),
    "works_with": (0.95, None, None),
    "contacts": (0.90, None, None),
    "principles": (0.95, None, None),
    "lead": (0.90, None, None),
    "partners": (0.75, None, None),
    "funders": (0.80, None, None),
    "funder_amounts": (0.80, None, None),
    "orgs": (0.80, None, None),
}


@pytest.fixture(scope="module")
def scores(shared, nlp, tmp_path_factory):
    docs = read_sources(sorted((shared / "corpus").glob("*.txt")))
    pred = tmp_path_factory.mktemp("scores") / "pred.json"
    pred.write_text(json.dumps(extraction_json(extract(docs, nlp=nlp))), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(shared / "tools" / "score_extraction.py"), str(pred),
         *map(str, sorted((shared / "gold").glob("*.jsonl"))), "--json"],
        capture_output=True, text=True, check=True,
    ).stdout
    data = json.loads(out)
    return data["fields"] | {"micro": data["micro"]}


@pytest.mark.parametrize("field", sorted(THRESHOLDS))
def test_field_meets_threshold(scores, field):
    f1, p, r = THRESHOLDS[field]
    row = scores[field]
    if f1 is not None:
        assert row["f1"] >= f1, row
    if p is not None:
        assert row["precision"] >= p, row
    if r is not None:
        assert row["recall"] >= r, row


def test_micro_precision_and_f1(scores):
    assert scores["micro"]["precision"] >= 0.85, scores["micro"]
    assert scores["micro"]["f1"] >= 0.85, scores["micro"]
