"""Cleaning keeps every line where it was and removes only noise."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccin_kg.ingest.clean import clean_line, clean_text, furniture_lines, join_hyphenated, normalise_newlines

ROOT = Path(__file__).parents[1]
BUNDLED = sorted((ROOT / "ccin_kg" / "data" / "corpus").glob("*.txt"))
SHARED_DIR = ROOT.parent / "shared" / "corpus"
SHARED = sorted(SHARED_DIR.glob("*.txt")) if SHARED_DIR.is_dir() else []
CASE_STUDIES = ROOT / "ccin_kg" / "data" / "corpus" / "002_2de81e56ae3274dc.txt"


def lines_of(text: str) -> list[str]:
    return clean_text(text).split("\n")


# -- the corpus -------------------------------------------------------------------

@pytest.mark.parametrize("path", BUNDLED + SHARED, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_corpus_line_count_kept_and_idempotent(path):
    text = path.read_text(encoding="utf-8")
    cleaned = clean_text(text)
    assert cleaned.count("\n") == normalise_newlines(text).count("\n")
    assert clean_text(cleaned) == cleaned


def test_bundled_corpus_is_present():
    assert len(BUNDLED) == 5


@pytest.fixture(scope="module")
def case_studies():
    source = CASE_STUDIES.read_text(encoding="utf-8").split("\n")
    return source, clean_text("\n".join(source)).split("\n")


def test_case_study_furniture_blanked(case_studies):
    source, cleaned = case_studies
    for furniture in [
        "@coopcouncils",
        "@coopinnovation",
        "People-centred councils driving social innovation putting people first",
        "People-centred councils driving social innovation",
        "putting people first",
        "councils.cop",
        "comms@councils.coop",
        "@coopinnovation @coopcouncils",
    ]:
        assert furniture in source
        assert furniture not in cleaned, furniture
    # footer fragments mixed with icon glyphs: "op 🕺 @coopinnovation", "f@coopcouncils X@coopinnovation 🖂 comms@..."
    assert not any("@coopcouncils" in line or "@coopinnovation" in line for line in cleaned)


def test_case_study_page_numbers_and_stray_glyphs_blanked(case_studies):
    source, cleaned = case_studies
    for n, line in enumerate(source):
        if line.strip() in {"30", "100", "Ø", "ଷ୍", "Ь", "1 X", "d D b"}:
            assert cleaned[n] == "", line


def test_case_study_labels_and_contacts_kept(case_studies):
    source, cleaned = case_studies
    for label in ["For further information, contact:", "Community", "Poverty", "Strategy", "Young People"]:
        assert cleaned.count(label) == source.count(label) > 1, label
    for contact in ["e: tony.smith@birmingham.gov.uk", "- w: brent.gov.uk", "- kirklees.gov.uk w:", "E3M"]:
        assert contact in cleaned, contact
    assert any(line.startswith("Nicola Huckerby Operations Lead e: comms@councils.coop") for line in cleaned)


def test_case_study_pounds_and_pictographs(case_studies):
    _, cleaned = case_studies
    text = "\n".join(cleaned)
    assert "\\pounds" not in text
    assert "development time and £90k in development costs" in text
    assert "Barking & Dagenham Council Birmingham City Council" in text
    assert not any(0x1F000 <= ord(c) <= 0x1FBFF or 0x25A0 <= ord(c) <= 0x25FF for c in text)


# -- single lines -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\\pounds 90k", "£90k"),
        ("saved \\pounds 1m and \\pounds{}2m", "saved £1m and £2m"),
        ("&pound;40,000 or &#163;5", "£40,000 or £5"),
        ("Lewisham Council 😑 🔵 Liverpool City Council 🔵 🌑", "Lewisham Council Liverpool City Council"),
        ("● Fooshire \U0001f5ea pantry \U0001f7e2", "Fooshire pantry"),
        ("\ue001 private use", "private use"),
        ("Fooshire\u00a0Borough\u202fCouncil", "Fooshire Borough Council"),
        ("com\u00admunity\u200b wealth\ufeff", "community wealth"),
        ("a **bold** and *italic* word", "a bold and italic word"),
        ("***both***", "both"),
        ("* item", "* item"),
        ("5 * 3 = 15", "5 * 3 = 15"),
        ("2 ** 8", "2 ** 8"),
        ("Co-operative Society Ltd** Cwmpas", "Co-operative Society Ltd Cwmpas"),
        ("trailing spaces \t ", "trailing spaces"),
        ("  • indented bullet", "  • indented bullet"),
    ],
)
def test_clean_line(raw, expected):
    assert clean_line(raw) == expected


def test_normal_punctuation_is_kept():
    line = "£5 – €6 — ‘a’ “b” • c … © 2024 → d é ñ ¹"
    assert clean_line(line) == line


# -- newlines -----------------------------------------------------------------------

def test_windows_and_old_mac_line_endings():
    assert clean_text("one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_other_unicode_breaks_do_not_add_lines():
    assert clean_text("one\u2028two\x0cthree\x85four") == "one two three four"


# -- hyphenation -------------------------------------------------------------------

def test_hyphenated_word_rejoined_keeping_line_count():
    text = "working with the local commun-\nity, and partners\nend"
    assert clean_text(text) == "working with the local community,\nand partners\nend"


def test_fragment_alone_on_next_line_leaves_it_empty():
    assert join_hyphenated(["commun-", "ity", "x"]) == ["community", "", "x"]


def test_word_over_three_lines():
    assert join_hyphenated(["a re-", "spon-", "sible body"]) == ["a responsible", "", "body"]


def test_prefix_keeps_its_hyphen():
    assert join_hyphenated(["our co-", "operative values"]) == ["our co-operative", "values"]


@pytest.mark.parametrize(
    "lines",
    [
        ["anti-", "", "poverty"],  # blank line between: a dash, not a break
        ["Anti-", "Poverty Group"],  # capital: a new sentence or a name
        ["the 2022-", "23 plan"],  # numbers are not words
        ["-", "item"],
    ],
)
def test_not_a_broken_word(lines):
    assert join_hyphenated(lines) == lines


# -- furniture ----------------------------------------------------------------------

def test_repeated_handle_and_page_numbers_blanked():
    lines = [line for n in range(4) for line in (f"Case study {n}", "@fooshirecouncil", str(n + 10))]
    cleaned = lines_of("\n".join(lines))
    assert cleaned == [line if line.startswith("Case") else "" for line in lines]


def test_repeated_long_strapline_and_its_parts_blanked():
    strap = ["Fooshire councils putting residents first", "residents first"]
    lines = ["Community"] + strap * 4 + ["Community", "Poverty"] * 3
    cleaned = lines_of("\n".join(lines))
    assert cleaned[1 : 1 + 2 * 4] == [""] * 8
    assert cleaned.count("Community") == 4
    assert cleaned.count("Poverty") == 3


def test_further_information_and_principles_never_blanked():
    lines = ["For further information, contact:", "For further information contact:", "Principles met", "Strategy"] * 6
    assert lines_of("\n".join(lines)) == lines


def test_short_repeats_without_web_address_kept():
    lines = ["Young People", "Social Outcomes", "Education & Training"] * 5
    assert lines_of("\n".join(lines)) == lines


def test_repeated_contact_domain_line_with_label_kept():
    lines = ["- w: fooshire.gov.uk", "- e: ada@fooshire.gov.uk"] * 5
    assert lines_of("\n".join(lines)) == lines


def test_footer_fragments_blanked_when_the_address_recurs():
    lines = ["fooshire.coop", "Text", "fooshire.coop", "op \U0001f57a fooshire.coop", "Body"]
    assert lines_of("\n".join(lines)) == ["", "Text", "", "", "Body"]


def test_single_web_address_not_blanked():
    assert lines_of("Download: bit.ly/fooshire-lab\nfooshire.gov.uk") == ["Download: bit.ly/fooshire-lab", "fooshire.gov.uk"]


@pytest.mark.parametrize("stray", ["Ь", "ଷ୍", "Ø", "1 X", "d D b", "\tØ\t"])
def test_stray_glyph_lines_blanked(stray):
    assert lines_of(f"Fooshire\n{stray}\nCouncil") == ["Fooshire", "", "Council"]


@pytest.mark.parametrize("keep", ["-", "•", "2024", "E3M", "40C", "£5m", "15%", "(4))", "IIP .", "ils", "Q1"])
def test_short_content_lines_kept(keep):
    assert lines_of(f"Fooshire\n{keep}\nCouncil") == ["Fooshire", keep, "Council"]


def test_furniture_lines_indexes():
    assert furniture_lines(["Poverty", "7", "Text", "Ø"]) == {1, 3}


# -- properties -----------------------------------------------------------------------

_CHARS = "ab Zé-*\\&@.:;1 \t\n\r\u00a0\u200b\u00ad£€•●😀\ue000Øଷ୍"
_PIECES = st.sampled_from(list(_CHARS) + ["\\pounds ", "&pound;", "**", "co", "ity", "www.", ".coop", "@x"])
_LINES = st.sampled_from(
    ["@fooshire", "fooshire.coop", "12", "Ø", "Community", "a b c d e", "commun-", "ity rest", "* item",
     "**x**", "For further information, contact:", "op @fooshire", "x y", "", " "]
)
_TRICKY_TEXT = st.lists(_PIECES, max_size=40).map("".join)
_TEXTS = (
    st.text()
    | _TRICKY_TEXT
    | st.lists(_LINES | st.lists(_PIECES, max_size=6).map("".join), max_size=30).map("\n".join)
)


@settings(max_examples=800, deadline=None)
@given(_TEXTS)
def test_clean_text_keeps_line_count_and_is_idempotent(text):
    cleaned = clean_text(text)
    assert cleaned.count("\n") == normalise_newlines(text).count("\n")
    assert clean_text(cleaned) == cleaned


@settings(max_examples=300, deadline=None)
@given(_TRICKY_TEXT)
def test_clean_line_never_adds_a_break_and_is_idempotent(line):
    line = line.replace("\n", "").replace("\r", "")
    once = clean_line(line)
    assert "\n" not in once
    assert clean_line(once) == once
