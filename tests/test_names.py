"""Name keys, council keys and organisation type cues."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccin_kg.resolve.names import (
    ORG_TYPES, council_key, council_tier_from_name, initials, is_acronym, is_council_name,
    name_key, org_type_from_name,
)


@given(st.text())
def test_name_key_never_raises_and_is_idempotent(text):
    key = name_key(text)
    assert name_key(key) == key
    assert key == key.strip() and "  " not in key


@given(st.text())
def test_council_key_and_type_never_raise(text):
    council_key(text, expand=True)
    assert org_type_from_name(text)[0] in ORG_TYPES
    is_council_name(text)
    council_tier_from_name(text)


@given(st.text(alphabet=st.characters(categories=["Lu", "Ll", "Nd", "Zs"]), max_size=40))
def test_name_key_is_case_insensitive(text):
    assert name_key(text.upper()) == name_key(text.lower()) == name_key(text)


@given(st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=8), min_size=2, max_size=5))
def test_ampersand_reads_and(words):
    assert name_key(" & ".join(words)) == name_key(" and ".join(words))


@pytest.mark.parametrize("a, b", [
    ("The Acme Trust", "Acme Trust"),
    ("Fooville Co-operative", "Fooville Cooperative"),
    ("Fooville Co-op", "Fooville Coop"),
    ("Fooville Co operative", "FOOVILLE CO-OPERATIVE"),
    ("Co-operatives UK", "Cooperatives UK"),
    ("CO-OPERATIVES <u>UK</u>", "Co-operatives UK"),
    ("Children\u2019s Society", "Childrens Society"),
    ("Children's Society", "Children\u2018s Society"),
    ("Telford & Wrekin", "Telford and Wrekin"),
    ("Caf\u00e9 Society", "Cafe Society"),
    ("Acme  Trust,", "acme trust"),
])
def test_name_key_equivalences(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [
    ("Acme Trust", "Acme Foundation"), ("Theatre Trust", "Trust"), ("Co-opted Group", "Coop Group"),
])
def test_name_key_keeps_different_names_apart(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize("a, b", [
    ("Bury Council", "Bury Metropolitan Borough Council"),
    ("Hackney Council", "London Borough of Hackney"),
    ("Greenwich Council", "Royal Borough of Greenwich"),
    ("Edinburgh Council", "City of Edinburgh Council"),
    ("Rochdale Borough Council", "Rochdale Council"),
])
def test_council_key_equal(a, b):
    assert council_key(a) == council_key(b)


@pytest.mark.parametrize("a, b", [
    ("Oxford City Council", "Oxfordshire County Council"),
    ("Manchester City Council", "Greater Manchester Combined Authority"),
    ("Burntwood Town Council", "Burntwood Council"),
])
def test_council_key_apart(a, b):
    assert council_key(a) != council_key(b)


def test_short_forms_expand_only_when_asked():
    assert council_key("North Herts Council") == "north herts"
    assert council_key("North Herts Council", expand=True) == "north hertfordshire"
    assert council_key("Notts County Council", expand=True) == "nottinghamshire"


@pytest.mark.parametrize("name, expected", [
    ("Oldham Council", True), ("Bolton MBC", True), ("Royal Borough of Greenwich", True),
    ("West Yorkshire Combined Authority", True), ("Greater Manchester CA", True),
    ("Burntwood Town Council", True), ("Oldham", False), ("London Councils", False),
    ("Arts Council", False), ("Birmingham Voluntary Services Council", False), ("Council", False),
    ("Town Council", False), ("The Co-operative Council", False), ("Full Council", False),
    ("Combined Authority", False), ("Seaton Valley Council", True),
    ("Acme Trust", False),
])
def test_is_council_name(name, expected):
    assert is_council_name(name) is expected


@pytest.mark.parametrize("name, tier", [
    ("Burntwood Town Council", "town-parish-community"),
    ("Seaton Valley Community Council", "town-parish-community"),
    ("Loggerheads Parish Council", "town-parish-community"),
    ("Oldham Council", None), ("Town Council", None),
])
def test_council_tier_from_name(name, tier):
    assert council_tier_from_name(name) == tier


@pytest.mark.parametrize("name, org_type, rule", [
    ("Oldham Council", "council", "name-cue:council"),
    ("Acme NHS Foundation Trust", "nhs", "name-cue:NHS"),
    ("Acme Foundation Trust", "nhs", "name-cue:Foundation Trust"),
    ("Fooville Integrated Care Board", "nhs", "name-cue:Integrated Care Board"),
    ("Aneurin Bevan University Health Board", "nhs", "name-cue:Health Board"),
    ("University of Fooville", "university", "name-cue:University"),
    ("Fooville College", "organisation", "name-cue:College"),
    ("The Co-operative College", "cooperative", "name-cue:Co-operative"),
    ("Acme Ltd", "company", "name-cue:Ltd"),
    ("Acme Solicitors", "company", "name-cue:Ltd"),
    ("Fooville Community Network Ltd", "company", "name-cue:Ltd"),
    ("Acme Trust Ltd", "company", "name-cue:Ltd"),
    ("Acme CIC", "company", "name-cue:CIC"),
    ("Fooville Co-operative Ltd", "cooperative", "name-cue:Co-operative"),
    ("Fooville Coop", "cooperative", "name-cue:Co-operative"),
    ("Fooville Mutual", "cooperative", "name-cue:Mutual"),
    ("Fooville Housing Society Ltd", "cooperative", "name-cue:Society Ltd"),
    ("The Acme Trust", "charity", "name-cue:Trust"),
    ("Acme Foundation", "charity", "name-cue:Trust"),
    ("Birmingham Voluntary Services Council", "charity", "name-cue:voluntary sector"),
    ("UK Shared Prosperity Fund", "fund", "name-cue:Fund"),
    ("DWP Flexible Support Fund", "fund", "name-cue:Fund"),
    ("Fooville Town Deal", "fund", "name-cue:Fund"),
    ("Department for Work and Pensions", "government", "name-cue:Department"),
    ("Welsh Government", "government", "name-cue:Government"),
    ("Environment Agency", "government", "name-cue:Agency"),
    ("DLUHC", "government", "name-cue:department acronym"),
    ("Co-operative Councils' Innovation Network", "network", "name-cue:network"),
    ("Fooville Poverty Truth Commission", "network", "name-cue:network"),
    ("Acme Group", "network", "name-cue:network"),
    ("Co-operative Group", "cooperative", "name-cue:Co-operative"),
    ("Co-operative Heritage Trust", "charity", "name-cue:Trust"),
    ("Fooville Co-operative Development Agency", "cooperative", "name-cue:Co-operative"),
    ("University Hospitals of Fooville NHS Trust", "nhs", "name-cue:NHS"),
    ("Zedland", "organisation", "default"),
])
def test_org_type_cues(name, org_type, rule):
    assert org_type_from_name(name) == (org_type, rule)


def test_initials_and_acronyms():
    assert initials("Fooville Community Partnership") == "FCP"
    assert initials("Department of Health & Social Care") == "DHSC"
    assert is_acronym("FCP") and not is_acronym("Fcp") and not is_acronym("NO")
