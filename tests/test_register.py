"""The bundled local-authority register and Register.match."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ccin_kg.errors import SourceError
from ccin_kg.resolve.register import REQUIRED_COLUMNS, load_register

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "ccin_kg" / "data" / "register" / "uk_local_authorities.csv"
FULL = ROOT.parent / "shared" / "reference" / "uk_local_authorities_current.csv"


@pytest.fixture(scope="module")
def reg():
    return load_register()


def test_bundled_register_loads_and_is_cached(reg):
    assert len(reg) > 400
    assert load_register() is reg


def test_bundled_csv_has_the_documented_columns_and_licence():
    with BUNDLED.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    for column in (*REQUIRED_COLUMNS, "start-date", "end-date", "replaced-by", "region",
                   "alt-names", "current-authority"):
        assert column in header
    licence = (BUNDLED.parent / "LICENSE.md").read_text(encoding="utf-8")
    assert "Contains data from mySociety's UK Local Authorities dataset (CC BY 4.0)" in licence
    assert "1.6.1" in licence and "https://creativecommons.org/licenses/by/4.0/" in licence


def test_manchester(reg):
    info = reg.match("Manchester City Council")
    assert (info.gss, info.org_id, info.tier, info.code) == ("E08000003", "GB-LAE-MAN", "metropolitan", "MAN")


@pytest.mark.parametrize("name", ["Cheshire West & Chester Council", "Cheshire West and Chester Council",
                                  "cheshire west and chester council"])
def test_ampersand_and_case(reg, name):
    assert reg.match(name).gss == "E06000050"


@pytest.mark.parametrize("name", ["North Herts Council", "North Hertfordshire District Council",
                                  "North Herts District Council"])
def test_county_short_forms(reg, name):
    assert reg.match(name).code == "NHE"


def test_oxford_is_not_oxfordshire(reg):
    city, county = reg.match("Oxford City Council"), reg.match("Oxfordshire County Council")
    assert city.code != county.code
    assert (city.tier, county.tier) == ("district", "county")


def test_combined_authority(reg):
    info = reg.match("Greater Manchester Combined Authority")
    assert (info.tier, info.gss) == ("combined-authority", "E47000001")
    assert reg.match("Manchester City Council").code != info.code


def test_nations_give_org_id_schemes(reg):
    assert reg.match("Swansea Council").org_id.startswith("GB-PLA-")
    assert reg.match("Glasgow City Council").org_id.startswith("GB-LAS-")
    assert reg.match("Belfast City Council").org_id.startswith("GB-LANI-")
    assert reg.match("Belfast City Council").tier == "ni-district"


@pytest.mark.parametrize("name", ["Burntwood Town Council", "Seaton Valley Community Council",
                                  "Loggerheads Parish Council", "Seaton Valley Council"])
def test_local_councils_are_not_in_the_register(reg, name):
    assert reg.match(name) is None


@pytest.mark.parametrize("name", ["Oldham", "Hackney"])
def test_bare_place_needs_allow_place(reg, name):
    assert reg.match(name) is None
    assert reg.match(name, allow_place=True) is not None


@pytest.mark.parametrize("name, code", [
    ("Bury Council", "BUR"), ("Knowsley Council", "KWL"), ("Rochdale Borough Council", "RCH"),
    ("Hackney Council", "HCK"), ("London Borough of Hackney", "HCK"), ("Oldham Council", "OLD"),
    ("Telford & Wrekin Council", "TFW"), ("Telford and Wrekin Council", "TFW"),
    ("Inverciyde Council", "IVC"),  # OCR damage: fuzzy
    ("Greater Manchester CA", "GMCA"), ("City of London Corporation", "LND"),
])
def test_spellings(reg, name, code):
    assert reg.match(name).code == code


@pytest.mark.parametrize("name", ["London Councils", "Arts Council", "Birmingham Voluntary Services Council",
                                  "The Cooperative Council", "City Council", "Acme Trust", ""])
def test_not_councils(reg, name):
    assert reg.match(name) is None


def test_no_fuzzy_match_across_direction_words(reg):
    assert reg.match("East Dunbartonshire Council").code != reg.match("West Dunbartonshire Council").code


def test_former_council_keeps_its_row_and_has_a_successor(reg):
    old = reg.match("Bournemouth Borough Council")
    assert old.end_date and old.code == "BMH"
    new = reg.successor(old)
    assert new.official_name == "Bournemouth, Christchurch and Poole Council" and new.end_date is None
    assert reg.successor(new) is new


def test_split_council_has_no_single_successor(reg):
    northants = reg.by_code("NTH")
    assert northants.replaced_by and "," in northants.replaced_by
    assert reg.successor(northants) is None


def test_malformed_csv_is_a_source_error(tmp_path):
    bad = tmp_path / "register.csv"
    bad.write_text("name,code\nOldham,OLD\n", encoding="utf-8")
    with pytest.raises(SourceError) as e:
        load_register(bad)
    message = str(e.value)
    assert message.startswith(str(bad)) and "missing column" in message and "\n" not in message


def test_missing_and_binary_files_are_source_errors(tmp_path):
    with pytest.raises(SourceError, match="file not found"):
        load_register(tmp_path / "nope.csv")
    blob = tmp_path / "blob.csv"
    blob.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(SourceError, match="UTF-8"):
        load_register(blob)
    empty = tmp_path / "empty.csv"
    empty.write_text(",".join(REQUIRED_COLUMNS) + "\n", encoding="utf-8")
    with pytest.raises(SourceError, match="no rows"):
        load_register(empty)


def test_user_path_loads_a_full_copy():
    if not FULL.is_file():
        pytest.skip("../shared/reference is not beside this checkout")
    full = load_register(FULL)
    assert full.match("Manchester City Council") == load_register().match("Manchester City Council")


def test_trim_script_regenerates_the_bundled_csv(tmp_path):
    if not FULL.is_file():
        pytest.skip("../shared/reference is not beside this checkout")
    import importlib.util

    spec = importlib.util.spec_from_file_location("trim_register", ROOT / "scripts" / "trim_register.py")
    trim_register = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(trim_register)
    out = tmp_path / "trimmed.csv"
    trim_register.trim(FULL, out)
    assert out.read_bytes() == BUNDLED.read_bytes()
