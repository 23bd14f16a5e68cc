"""Sectioning on invented documents: kinds, spans, headers."""

from ccin_kg.ingest.read import read_source
from ccin_kg.ingest.records import Document
from ccin_kg.ingest.sections import split_sections

from conftest import FIXTURES


def _sections(name):
    return split_sections(read_source(FIXTURES / name))


def test_pack_sections_and_spans():
    secs = _sections("pack_invented.txt")
    kinds = [(s.kind, s.first_line, s.last_line) for s in secs]
    assert ("members", 23, 23) in kinds  # Full list (principal councils)
    assert ("members", 27, 27) in kinds  # Associate list
    assert ("members", 33, 33) in kinds  # under "Affiliate Members"
    cases = [s for s in secs if s.kind == "case_study"]
    assert [(c.title, c.header["theme"], c.first_line, c.last_line) for c in cases] == [
        ("Green Lanes for Everyone", "Community", 49, 67),
        ("Youth Budget Juries", "Young People", 75, 93),
    ]
    funded = [(s.title, s.header["year"]) for s in secs if s.kind == "funded_project"]
    assert funded == [("Rethinking Street Markets", 2029), ("Study visit to Lindholm", 2030)]


def test_contents_lines_are_not_member_lists():
    secs = _sections("pack_invented.txt")
    assert all(s.first_line > 20 for s in secs if s.kind == "members")


def test_single_page_is_one_initiative():
    secs = _sections("page_policy_lab.txt")
    assert [(s.kind, s.first_line, s.last_line) for s in secs] == [("initiative_page", 1, 19)]


def test_section_text_is_the_document_slice():
    doc = read_source(FIXTURES / "pack_invented.txt")
    for s in split_sections(doc):
        assert doc.text[s.start:s.end] == s.text
        assert doc.line_of(s.start) == s.first_line


def test_footer_organisation_line_is_not_a_header():
    text = "\n".join([
        "For further information, contact:", "Ann Example", "Lead – Fooshire Council", "- e: a@f.example", "", "", "",
        "Fooshire Council", "", "Poverty", "", "Wrenford City Council", "", "Warm Rooms for All", "",
        "Wrenford City Council opened warm rooms in every library over the winter, run by volunteers from local groups.",
        "", "For further information, contact:", "Bo Example", "Officer – Wrenford City Council", "- e: b@w.example",
    ])
    secs = split_sections(Document("p.txt", "p.txt", text, "0"))
    cases = [s for s in secs if s.kind == "case_study"]
    assert [(c.header["organisation"], c.header["theme"], c.title) for c in cases] == [
        ("Wrenford City Council", "Poverty", "Warm Rooms for All")
    ]
