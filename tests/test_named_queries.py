"""Each named query on the graph built from the bundled corpus, against answers read by hand from the text.

Every expectation cites the file and line it was read from. The corpus is
``ccin_kg/data/corpus`` (the same files as ``../shared/corpus``); "002" below
is ``002_2de81e56ae3274dc.txt``, the CCIN's 2024 members' pack. Councils are
compared by GSS code (from the register), since the graph labels them with
the register's official name ("Oldham Metropolitan Borough Council") where
the text writes "Oldham Council".

Where extraction or resolution does not yet produce what the text says, the
test still says what the text says: it documents the truth, not the build.
"""

from __future__ import annotations

import re

import pytest

from ccin_kg.query.library import load_query, run_query
from ccin_kg.query.render import cell

PACK = "002_2de81e56ae3274dc.txt"
OLDHAM_PTC = "Oldham Poverty Truth Commission"  # 002:1904, the end of the case study's title
ROCHDALE_POVERTY = "A Cooperative Approach to Poverty Prevention"  # 002:2187


def rows(graph, query_name: str, /, **params: str) -> list[dict[str, str]]:
    """The query's rows as dicts of the strings CSV would show (unbound: missing)."""
    result = run_query(graph, load_query(query_name), params)
    return [{k: cell(v) for k, v in row.items()} for row in result.dicts()]


def norm(text: str) -> str:
    """Case, spaces, punctuation and "&"/"and" aside."""
    return re.sub(r"[^a-z0-9]", "", text.lower().replace("&", "and"))


def test_affiliates_working_with_a_poverty_truth_commission(graph):
    # 002:1904 "Embedding the Voice of Lived Experience ... Through Coproduction: Oldham Poverty Truth Commission"
    # 002:1912 "colleagues at Shared Health and Action Together, Oldham's voluntary and community sector
    #           infrastructure organisation, worked for a year prior to the launch to recruit, support, and build
    #           the confidence and capacity of the lived experience commissioners ... to engage with and shape the PTC"
    # 002:250-254 "Affiliate Member ..." list: "Action Together The Active Wellbeing Society ..."
    # No other affiliate leads, joins or works with a Poverty Truth Commission in the corpus (Trafford 002:2785-2860,
    # Swansea 002:2555-2622, South Tyneside 002:2348-2400 and Cheshire West 002:757-807 name none).
    found = rows(graph, "affiliates-working-with")
    assert {r["affiliate"] for r in found} == {"Action Together"}
    assert any(r["relation"] == "takes part in initiative" and OLDHAM_PTC in r["with"] and r.get("source") == PACK
               for r in found), found


# The initiatives 002 says the UK Shared Prosperity Fund paid for, and the sum it ties to the fund.
UKSPF = {
    # 002:899, sum at 002:969 "just under £210,000 of UK Shared Prosperity or Levelling Up Funding has been allocated"
    "Woolwich Common Estate": 210000,
    # 002:1068, sum at 002:1080 "with £165,000 from the UK Shared Prosperity Fund (UKSPF)"
    "Grow for the Future": 165000,
    # 002:1285, 002:1289 "part funded by the UK Shared Prosperity Fund (UKSPF)"; the £500k is the whole programme
    "Business for West Yorkshire": None,
    # 002:1979, sum at 002:1991 "invest £35,100 of its UKSPF allocation"
    "Growing Oxford's Social Economy": 35100,
    # 002:2058, 002:2104 "thanks to funding from the UK Prosperity Fund, we will open six more food coops"
    "Mayflower food co-op": None,
    # 002:2490, sum at 002:2502 "awarded over £580,000 to the Council through the UK Shared Prosperity Fund"
    "Community Digital Health Hubs": 580000,
}
# Not: 002:2324 "A UKSPF funded energy efficiency scheme" is a use of South Ribble's data platform
# (002:2267 "Place-Based Intelligence"), not the platform itself.


def _by_title(found: list[dict[str, str]]) -> dict[str, set]:
    """Amounts per expected initiative; rows for any other initiative under the key "NOT IN THE TEXT: <title>"."""
    matched: dict[str, set] = {}
    for row in found:
        keys = [k for k in UKSPF if norm(k) in norm(row["initiative"])] or [f"NOT IN THE TEXT: {row['initiative']}"]
        matched.setdefault(keys[0], set()).add(int(row["amount_gbp"]) if row.get("amount_gbp") else None)
    return matched


@pytest.mark.parametrize("funder", ["UK Shared Prosperity Fund", "UKSPF"])
def test_funded_by_uk_shared_prosperity_fund(graph, funder):
    matched = _by_title(rows(graph, "funded-by", funder=funder))
    assert matched == {title: {amount} for title, amount in UKSPF.items()}


def test_funders_total_for_the_uk_shared_prosperity_fund(graph):
    # The six initiatives above; the stated sums 210,000 + 165,000 + 35,100 + 580,000 = 990,100.
    found = [r for r in rows(graph, "funders") if norm(r["funder"]) in (norm("UK Shared Prosperity Fund"), "ukspf")]
    assert [(r["initiatives"], r["total_gbp"], r["stated"]) for r in found] == [("6", "990100", "4")]


def test_initiatives_meeting_co_production(graph):
    # 000:1-3 "Principles met" / "-" / "Co-production" (the Inverclyde Approach)
    # 003:3 the principle's own wording: "We will develop systems that enable citizens to be equal partners ..."
    # 004:7-9 "Principles met" / "-" / "Co-production"; 004:1 "Lead Member Swindon Borough Council"
    # 001:1-6 lists other principles only; 002 has no "Principles met" lists.
    found = rows(graph, "initiatives-by-principle")
    assert {r["source"] for r in found} == {"000_ccbbaca0fbe0f7f8.txt", "003_fc2ccd04d76cf8e0.txt",
                                            "004_a4c63ada8dc3471f.txt"}
    assert {r["principle_name"] for r in found} == {"Co-production"}
    assert any(r["source"] == "004_a4c63ada8dc3471f.txt" and norm(r.get("lead", "")) == "swindonboroughcouncil"
               for r in found), found


def test_members_by_tier(graph):
    associates = {r["member"] for r in rows(graph, "members", tier="Associate")}
    # 002:246 (and the contents, 002:121-129): Burntwood, Llanelli, Seaton Valley, Witney ...
    assert {"Burntwood Town Council", "Llanelli Town Council", "Seaton Valley Community Council",
            "Witney Town Council"} <= associates
    affiliates = {r["member"] for r in rows(graph, "members", tier="affiliate")}
    # 002:254 "Action Together ...", 002:258 "... Locality ... Mutual Ventures ... Oxygen Finance ... Power to Change"
    assert {"Action Together", "Locality", "Mutual Ventures", "Oxygen Finance", "Power to Change"} <= affiliates
    full = rows(graph, "members", tier="Full")
    # 002:240 "... Oldham Council ... Rochdale Borough Council ... Swansea Council ...", 002:242 "... Wigan Council"
    assert {"E08000004", "E08000005", "W06000011", "E08000010"} <= {r.get("gss") for r in full}
    everyone = rows(graph, "members")
    assert len({r["member"] for r in everyone}) == len(everyone), "a member listed with two tiers"


def test_partners_of_oldham(graph):
    # 002:1910 "seed funding from Joseph Rowntree Foundation and funding from Oldham Council and Oldham
    #           Clinical Commissioning Group"; 002:1912 "colleagues at Shared Health and Action Together"
    found = {(r["partner"], r["partner_role"], r["org_role"]) for r in rows(graph, "partners-of")
             if OLDHAM_PTC in r.get("initiative", "")}
    assert {("Action Together", "partner", "lead"), ("Shared Health", "partner", "lead"),
            ("Joseph Rowntree Foundation", "funder", "lead"),
            ("Oldham Clinical Commissioning Group", "funder", "lead")} <= found


def test_shared_partners_of_oldham_and_rochdale(graph):
    # Oldham: 002:1912 (Action Together helps run the Oldham Poverty Truth Commission).
    # Rochdale: 002:2195 "through its partnership with Action Together", 002:2215 "facilitated by Action Together".
    found = rows(graph, "shared-partners")
    assert any(r["partner"] == "Action Together" and OLDHAM_PTC in r["via_a"] and r["via_b"] == ROCHDALE_POVERTY
               for r in found), found


def test_contacts_for_oldham_and_rochdale(graph):
    # 002:1960-1964 "Amanda Richardson" / "Policy Manager – Oldham Council" / "- e: amanda.richardson@oldham.gov.uk"
    oldham = rows(graph, "contacts-for")
    assert any(r["contact"] == "Amanda Richardson" and r.get("job_title") == "Policy Manager"
               and r.get("email") == "amanda.richardson@oldham.gov.uk" and OLDHAM_PTC in r.get("initiative", "")
               for r in oldham), oldham
    # 002:2201-2206 "Helen Walton" / "Policy Adviser – Rochdale Borough Council" / e-mail / "- t: 01706 924748"
    rochdale = rows(graph, "contacts-for", name="Rochdale Borough Council")
    assert any(r["contact"] == "Helen Walton" and r.get("job_title") == "Policy Adviser"
               and r.get("email") == "helen.walton@rochdale.gov.uk" and r.get("phone") == "01706 924748"
               and r.get("initiative") == ROCHDALE_POVERTY for r in rochdale), rochdale


def test_provenance_of_who_leads_the_oldham_commission(graph):
    # 002:1902 "Oldham Council" heads the case study 002:1900-1965.
    found = rows(graph, "provenance-of", subject=OLDHAM_PTC, predicate="ledBy")
    assert found
    for r in found:
        assert r["property"] == "https://w3id.org/ccin-kg/ontology#ledBy"
        assert norm(r["value"]) in ("oldhamcouncil", "oldhammetropolitanboroughcouncil")
        assert r["source"] == PACK and 1900 <= int(r["first_line"]) <= int(r["last_line"]) <= 1965
        assert "Oldham" in r["sentence"] and r["rule"]
        assert 0 < float(r["confidence"]) <= 1


def test_provenance_of_oldham_membership(graph):
    # 002:240, the list of full members: "... North Hertfordshire District Council ● Oldham Council Oxford ..."
    found = rows(graph, "provenance-of", predicate="memberOf")
    assert any(r["source"] == PACK and r["first_line"] == "240" and "Oldham Council" in r["sentence"]
               for r in found), found


def test_councils_by_region(graph):
    # Full members, 002:240-242, in the register's regions (../shared/reference/uk_local_authorities_current.csv).
    north_west = {r.get("gss") for r in rows(graph, "councils-by-region", region="North West")}
    assert {"E08000004", "E08000005", "E08000009", "E08000010", "E08000002"} <= north_west  # Oldham .. Bury
    wales = {r.get("gss") for r in rows(graph, "councils-by-region", region="wales")}
    assert {"W06000011", "W06000015"} <= wales  # Swansea, Cardiff
    scotland = {r.get("gss") for r in rows(graph, "councils-by-region", region="Scotland")}
    assert {"S12000049", "S12000018"} <= scotland  # Glasgow, Inverclyde
    everything = rows(graph, "councils-by-region")
    assert [r.get("region_name", "") for r in everything] == sorted(r.get("region_name", "") for r in everything)
