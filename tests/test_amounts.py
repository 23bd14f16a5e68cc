"""The amount parser: normalisation to pounds, ranges, qualifiers; property tests."""

import pytest
from hypothesis import given, strategies as st

from ccin_kg.extract.amounts import find_amounts, format_gbp, parse_gbp


@pytest.mark.parametrize("text, pounds", [
    ("£1.2m", 1_200_000), ("£1.2 million", 1_200_000), ("£500k", 500_000), ("£1,200,000", 1_200_000),
    ("£1.2bn", 1_200_000_000), ("£275,000", 275_000), ("£4.9 million", 4_900_000), ("£90k", 90_000),
    ("GBP 35,100", 35_100), ("£2,000", 2_000), ("£12.25m", 12_250_000),
])
def test_amounts_normalise_to_pounds(text, pounds):
    assert parse_gbp(f"The fund gave {text} to the project.") == pounds


def test_ranges_and_caps_are_stated_as_such():
    (a,) = find_amounts("grants of £10,000–£20,000 each")
    assert (a.low, a.value, a.qualifier) == (10_000, 20_000, "range")
    (b,) = find_amounts("grants of £10-20m")
    assert (b.low, b.value) == (10_000_000, 20_000_000)
    (c,) = find_amounts("bids of up to £5,000")
    assert (c.value, c.qualifier) == (5_000, "up to")
    (d,) = find_amounts("over £1m in welfare support")
    assert (d.value, d.qualifier) == (1_000_000, "at least")


def test_spans_point_at_the_text():
    text = "It received £198,000 for 12 more months."
    (a,) = find_amounts(text)
    assert text[a.start:a.end] == a.text == "£198,000"


@given(st.integers(min_value=0, max_value=10**12))
def test_gbp_round_trip(pounds):
    assert parse_gbp(format_gbp(pounds)) == pounds


@given(st.text(max_size=200))
def test_any_text_parses_without_error(text):
    for a in find_amounts(text):
        assert a.value >= 0
        assert text[a.start:a.end] == a.text
