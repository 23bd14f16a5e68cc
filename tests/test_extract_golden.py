"""Golden files: extraction of each invented fixture, reviewed and kept in tests/golden/.

Run ``pytest --update-golden`` to rewrite them after a deliberate change, and
review the diff like code. These are our outputs, not the answers in ../shared/gold.
"""

import json

import pytest

from ccin_kg.extract.output import extraction_json
from ccin_kg.extract.pipeline import extract
from ccin_kg.extract.structure import NETWORK
from ccin_kg.ingest.read import read_source

from conftest import FIXTURES, GOLDEN

CASES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in {".txt", ".html"})


@pytest.mark.parametrize("name", CASES)
def test_golden(name, nlp, update_golden):
    data = extraction_json(extract([read_source(FIXTURES / name)], nlp=nlp), with_evidence=True)
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    path = GOLDEN / (name.rsplit(".", 1)[0] + ".json")
    if update_golden or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"wrote missing golden file {path.name}: review it and commit it")
    assert text == path.read_text(encoding="utf-8")


def test_evidence_spans_are_exact(nlp):
    """Every fact's span and sentence come from the document text."""
    doc = read_source(FIXTURES / "pack_invented.txt")
    ex = extract([doc], nlp=nlp)
    refs = [r for i in ex.initiatives for r in i.lead + i.partners + i.organisations]
    refs += [m for m in ex.members]
    assert refs
    for r in refs:
        ev = r.evidence
        if r.name == NETWORK:  # "The Network led ..." names the network itself
            assert doc.text[ev.start:ev.end] == "The Network"
            continue
        assert doc.text[ev.start:ev.end] == r.name
        assert r.name in ev.sentence
        assert doc.line_of(ev.start) == ev.first_line
