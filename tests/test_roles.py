"""Role, amount, entity and approach rules on ``spacy.blank("en")``: no model, milliseconds.

One test per cue family. Names are invented; none comes from the corpus or its gold.
Rules that read the parse (a verb's subject) get a hand-built ``Doc`` with heads and deps.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import spacy
from fake_register import REGISTER, FakeRegister
from spacy.tokens import Doc

from ccin_kg.extract import roles as R
from ccin_kg.extract.approaches import ApproachRules, is_approach_name
from ccin_kg.extract.records import Evidence, Initiative, OrgRef
from ccin_kg.extract.ruler import EntityRules, define_acronyms, register_names
from ccin_kg.ingest.records import Document


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def rules(blank):
    return R.RoleRules(blank.vocab)


@pytest.fixture(scope="module")
def ents(blank):
    return EntityRules(blank, REGISTER)


def hits(blank, rules, ents, text, doc=None):
    doc = doc if doc is not None else blank(text)
    acr = define_acronyms(doc.text)
    doc.user_data["ccin_acronyms"] = acr
    ents(doc, acr)
    whole = lambda s: REGISTER.match(s) is not None  # noqa: E731
    return R.read_unit(doc, rules, whole, acr.values())


def names(found, role):
    return list(dict.fromkeys(h.name for h in found if h.role == role))


def rule_ids(found):
    return {h.rule.split(":")[1] for h in found}


# ---------------------------------------------------------------- partners


def test_in_partnership_with(blank, rules, ents):
    found = hits(blank, rules, ents, "The pantry runs in partnership with Kestrel Mutual and the Wrenford Food Bank.")
    assert names(found, "partner") == ["Kestrel Mutual", "Wrenford Food Bank"]
    assert "in_partnership_with" in rule_ids(found)


def test_working_with_skips_lowercase_items(blank, rules, ents):
    text = "We worked closely with residents, ward councillors and local charity Harvest Hope."
    found = hits(blank, rules, ents, text)
    assert names(found, "partner") == ["Harvest Hope"]


def test_alongside(blank, rules, ents):
    found = hits(blank, rules, ents, "Volunteers trained alongside Heatwise Energy Advice last winter.")
    assert names(found, "partner") == ["Heatwise Energy Advice"]


def test_alongside_a_pronoun_is_not_a_list(blank, rules, ents):
    assert names(hits(blank, rules, ents, "Alongside this, Kestrel Mutual has grown."), "partner") == []


def test_delivered_by(blank, rules, ents):
    found = hits(blank, rules, ents, "Sessions are delivered by Stepping Stones Youth CIC (SSY) every week.")
    assert names(found, "partner") == ["Stepping Stones Youth CIC"]
    assert rule_ids(found) == {"done_by"}


def test_commissioned_object(blank, rules, ents):
    found = hits(blank, rules, ents, "In 2023 the council commissioned Orchard Research Co-operative to review it.")
    assert names(found, "partner") == ["Orchard Research Co-operative"]


def test_partners_include_list(blank, rules, ents):
    text = "Its members include Tollgate College, Riverside Homes, and the Wrenford Chamber of Commerce."
    assert names(hits(blank, rules, ents, text), "partner") == [
        "Tollgate College", "Riverside Homes", "Wrenford Chamber of Commerce"]


def test_partnership_between(blank, rules, ents):
    text = "Clean Rivers is a partnership between Brook Water, the Marsh Agency and the University of Wrenford."
    assert names(hits(blank, rules, ents, text), "partner") == ["Brook Water", "Marsh Agency", "University of Wrenford"]


def test_descriptor_before_name(blank, rules, ents):
    found = hits(blank, rules, ents, "Local contractor, Boxwood Builders completed the homes.")
    assert names(found, "partner") == ["Boxwood Builders"]


def test_descriptor_after_name(blank, rules, ents):
    found = hits(blank, rules, ents, "Harvest Hope, a registered charity in Fooshire, runs the kitchen.")
    assert names(found, "partner") == ["Harvest Hope"]


def test_including_needs_talk_of_organisations(blank, rules, ents):
    assert names(hits(blank, rules, ents, "It was covered in the media including Daily Wrenford."), "partner") == []
    found = hits(blank, rules, ents, "Several local charities took part, including Harvest Hope and Kestrel Mutual.")
    assert names(found, "partner") == ["Harvest Hope", "Kestrel Mutual"]


def test_person_then_organisation(blank, rules, ents):
    found = hits(blank, rules, ents, "Ali Khan, Project Manager at Kestrel Mutual, said it worked.")
    assert names(found, "partner") == ["Kestrel Mutual"]


def test_led_by_is_a_lead_cue(blank, rules, ents):
    found = hits(blank, rules, ents, "The pilot was led by Wrenford Borough Council in 2024.")
    assert names(found, "lead") == ["Wrenford Borough Council"]


# ---------------------------------------------------------------- funders and amounts


def test_funded_by(blank, rules, ents):
    found = hits(blank, rules, ents, "The scheme is part funded by the Greenway Trust and the Fooshire Green Fund.")
    assert names(found, "funder") == ["Greenway Trust", "Fooshire Green Fund"]
    assert all(h.amount is None for h in found)


def test_with_funding_from(blank, rules, ents):
    found = hits(blank, rules, ents, "It launched in 2022 with seed funding from the Linden Charitable Trust.")
    assert names(found, "funder") == ["Linden Charitable Trust"]


def test_paid_for_by(blank, rules, ents):
    assert names(hits(blank, rules, ents, "The service was paid for by Pellow Health."), "funder") == ["Pellow Health"]


def test_amount_from(blank, rules, ents):
    found = hits(blank, rules, ents, "The larder received £45,000 from the Pellow Foundation to fit out the hall.")
    [h] = [h for h in found if h.amount is not None]
    assert (h.name, h.amount.value, h.rule) == ("Pellow Foundation", 45000, "amount:amount_from")


def test_grant_of_amount_from(blank, rules, ents):
    found = hits(blank, rules, ents, "The panel was backed by a grant of £12,500 from the Harlow Trust.")
    assert [(h.name, h.amount.value) for h in found if h.amount] == [("Harlow Trust", 12500)]


def test_amount_of_a_fund_allocation(blank, rules, ents):
    found = hits(blank, rules, ents, "The council put £150,000 of its Towns Renewal Fund allocation into grants.")
    assert [(h.name, h.amount.value) for h in found if h.amount] == [("Towns Renewal Fund", 150000)]


def test_amount_through_a_fund_keeps_the_qualifier(blank, rules, ents):
    text = "The government awarded up to £300,000 to the council through the Digital Futures Fund (DFF)."
    [h] = [h for h in hits(blank, rules, ents, text) if h.amount]
    assert (h.name, h.amount.value, h.amount.qualifier) == ("Digital Futures Fund", 300000, "up to")


def test_investment_in_a_fund(blank, rules, ents):
    text = "This is paid for by the council's own investment of over £2m in a Marl Hill Hardship Fund."
    found = [h for h in hits(blank, rules, ents, text) if h.amount]
    assert [(h.name, h.amount.value, h.amount.qualifier) for h in found] == [("Marl Hill Hardship Fund", 2000000,
                                                                               "at least")]


def test_shared_head_of_coordinated_funds(blank, rules, ents):
    text = "A total of £90,000 of Green Streets or Safer Towns Funding was allocated."
    found = [(h.name, h.amount.value, h.amount.qualifier) for h in hits(blank, rules, ents, text) if h.amount]
    assert found == [("Green Streets Funding", 90000, "joint"), ("Safer Towns Funding", 90000, "joint")]


def test_name_before_funding(blank, rules, ents):
    found = hits(blank, rules, ents, "It joins the Harbour Towns Fund, Quay Deal and Kestrel Fund capital funding.")
    assert sorted(names(found, "funder")) == ["Harbour Towns Fund", "Kestrel Fund", "Quay Deal"]


def test_the_council_paying_is_an_anaphor(blank, rules, ents):
    found = [h for h in hits(blank, rules, ents, "The total cost to the Council was £4,500.") if h.amount]
    assert [(h.anaphor, h.amount.value) for h in found] == [(True, 4500)]


def test_subject_of_an_award(blank, rules, ents):
    words = ["The", "Brightwater", "Foundation", "awarded", "£", "60,000", "towards", "the", "fit", "-", "out", "."]
    spaces = [True, True, True, True, False, True, True, True, False, False, False, False]
    heads = [2, 2, 3, 3, 5, 3, 3, 10, 10, 10, 6, 3]
    deps = ["det", "compound", "nsubj", "ROOT", "nmod", "dobj", "prep", "det", "compound", "punct", "pobj", "punct"]
    doc = Doc(blank.vocab, words=words, spaces=spaces, heads=heads, deps=deps)
    found = [h for h in hits(blank, rules, ents, "", doc=doc) if h.amount]
    assert [(h.name, h.amount.value, h.rule) for h in found] == [
        ("Brightwater Foundation", 60000, "amount:subject_awarded_amount")]


def test_passive_subject_is_not_a_funder(blank, rules, ents):
    words = ["The", "Wrenford", "Trust", "was", "funded", "in", "2020", "."]
    heads = [2, 2, 4, 4, 4, 4, 5, 4]
    deps = ["det", "compound", "nsubjpass", "auxpass", "ROOT", "prep", "pobj", "punct"]
    doc = Doc(blank.vocab, words=words, heads=heads, deps=deps)
    assert names(hits(blank, rules, ents, "", doc=doc), "funder") == []


# ---------------------------------------------------------------- the list reader


def test_scan_list_modifier_is_not_a_name(blank):
    doc = blank("with CCIN affiliate member Stir Works and the Kestrel databank.")
    assert [doc[c.start:c.end].text for c in R.scan_list(doc, 1)] == ["Stir Works"]


def test_scan_list_possessive(blank):
    doc = blank("with Fooshire University's Centre for Food Studies, and Kestrel Mutual's new programme.")
    assert [doc[c.start:c.end].text for c in R.scan_list(doc, 1)] == [
        "Fooshire University", "Centre for Food Studies", "Kestrel Mutual"]


def test_scan_list_indefinite_article_is_generic(blank):
    doc = blank("by a Steering Group, Harvest Hope and a Task Force.")
    assert [doc[c.start:c.end].text for c in R.scan_list(doc, 1)] == ["Harvest Hope"]


def test_plausible_names():
    ok = [R.plausible_name(R.Hit("partner", n, 0, 0, "r", 1)) for n in
          ("Kestrel Mutual", "Councils", "Project Manager", "Mayor of Wrenford", "2million", "Five", "Hillside-based")]
    assert ok == [True, False, False, False, False, False, False]


# ---------------------------------------------------------------- lists after an introducing line


def test_intro_list():
    text = ("The organisations funded this year were:\n\n- Kestrel Mutual, to train volunteers.\n"
            "- Harvest Hope towards a new van.\n\nWhat we learned")
    found = R.intro_lists(Document("d", "d", text, "0"), 0, len(text))
    assert [h.name for h in found] == ["Kestrel Mutual", "Harvest Hope"]
    assert all(text[h.start:h.end] == h.name for h in found)


def test_intro_of_topics_is_not_a_list():
    text = "Members agreed the themes are:\n- Strategic Planning\n- Funding Bids\n"
    assert R.intro_lists(Document("d", "d", text, "0"), 0, len(text)) == []


# ---------------------------------------------------------------- entity rules


def test_ruler_fund_names_and_defined_acronyms(blank, ents):
    doc = blank("It was paid by the Harbour Green Fund (HGF). Later the HGF paid again.")
    ents(doc, define_acronyms(doc.text))
    assert [(e.text, e.id_) for e in doc.ents] == [
        ("Harbour Green Fund", "fund_name"), ("HGF", "acronym"), ("HGF", "acronym")]


def test_ruler_council_names_checked_against_register(blank, ents):
    doc = blank("In May Wrenford Borough Council and Great Tilly Town Council met Notreal Council.")
    ents(doc)
    assert [(e.text, e.id_) for e in doc.ents] == [
        ("Wrenford Borough Council", "council_name"), ("Great Tilly Town Council", "council_name")]


def test_register_names_from_a_listing_register():
    reg = SimpleNamespace(councils={"FOO": SimpleNamespace(official_name="Fooshire County Council",
                                                           nice_name="Fooshire")},
                          alt_names={"FOO": ("Fooshire CC", "fooshire")})
    assert register_names(reg) == (["Fooshire County Council"], ["Fooshire"])


def test_acronym_definitions():
    assert define_acronyms("run by Marsh Valley Action (MVA) and the PCN (Primary Care Network)") == {
        "MVA": "Marsh Valley Action", "PCN": "Primary Care Network"}


# ---------------------------------------------------------------- approaches


def test_approach_seeds(blank):
    doc = blank("Residents used participatory budgeting, then a citizens' assembly and Community Asset Transfer.")
    assert [h.label for h in ApproachRules(blank)(doc)] == [
        "Participatory budgeting", "Citizens' assembly", "Community asset transfer"]
    assert is_approach_name("Poverty Truth Commission") and not is_approach_name("Harvest Hope")


# ---------------------------------------------------------------- one initiative


def _ini(text, lead=None, title="Marl Hill Pantry"):
    doc = Document("t.txt", "t.txt", text, "0")
    ev = Evidence("t.txt", 1, 1, 0, 0, "", "test")
    ini = Initiative("t.txt", 1, text.count("\n") + 1, 0, len(text), title, ev)
    if lead:
        ini.lead = [OrgRef(lead, ev)]
    return doc, ini


def test_prose_lead_becomes_partner_when_the_layout_names_the_lead(blank, rules, ents):
    text = "The partnership led by Kestrel Mutual includes the Wrenford Food Bank."
    doc, ini = _ini(text, lead="Wrenford Borough Council")
    found = hits(blank, rules, ents, text)
    R.assign_roles(ini, doc, found, REGISTER, lambda s: REGISTER.match(s) is not None)
    assert [r.name for r in ini.lead] == ["Wrenford Borough Council"]
    assert [r.name for r in ini.partners] == ["Kestrel Mutual", "Wrenford Food Bank"]
    assert all(text[r.evidence.start:r.evidence.end] == r.name for r in ini.partners)


def test_council_anaphor_pays_only_in_amount_rules(blank, rules, ents):
    text = "We worked with the council and Harvest Hope. The total cost to the Council was £4,500."
    doc, ini = _ini(text, lead="Wrenford Borough Council")
    R.assign_roles(ini, doc, hits(blank, rules, ents, text), REGISTER, lambda s: REGISTER.match(s) is not None)
    assert [(f.funder, f.amount_gbp, f.evidence.rule) for f in ini.funders] == [
        ("Wrenford Borough Council", 4500.0, "amount:cost_to")]
    assert [r.name for r in ini.partners] == ["Harvest Hope"]


def test_the_initiative_itself_is_not_its_partner(blank, rules, ents):
    text = "The Save Marl Hill campaign works with Kestrel Mutual and with Save Marl Hill volunteers."
    doc, ini = _ini(text, lead="Fooshire County Council", title="Save Marl Hill Campaign")
    R.assign_roles(ini, doc, hits(blank, rules, ents, text), REGISTER, lambda s: REGISTER.match(s) is not None)
    assert [r.name for r in ini.partners] == ["Kestrel Mutual"]


def test_register_places_only_standing_alone(blank):
    class Listing(FakeRegister):
        councils = {"ASH": SimpleNamespace(official_name="Ashmere District Council", nice_name="Ashmere")}

    rules = EntityRules(blank, Listing())
    doc = rules(blank("Cllr Jo Ashmere opened the hub in Ashmere on Ashmere Street."))
    assert [(e.text, e.start, e.id_) for e in doc.ents] == [("Ashmere", 7, "register_place")]


def test_a_place_after_a_name_is_not_part_of_it(blank, rules, ents):
    doc = blank("They made a study visit to the Lindholm Housing Federation in Denmark.")
    doc.ents = [doc.char_span(doc.text.index("Denmark"), doc.text.index("Denmark") + 7, label="GPE")]
    assert names(hits(blank, rules, ents, "", doc=doc), "partner") == ["Lindholm Housing Federation"]


@pytest.mark.parametrize("name", ["roles", "amounts", "entities", "approaches"])
def test_pattern_files_are_well_formed(name):
    from ccin_kg.extract.ruler import load_patterns

    rows = load_patterns(name)
    keyed = [r for r in rows if r["id"] != "approach_seed"]
    assert len({r["id"] for r in keyed}) == len(keyed) or name == "entities"  # entity shapes share ids
    for r in rows:
        assert "pattern" in r or "phrases" in r
        if name in ("roles", "amounts"):
            assert r["side"] in ("after", "before", "left", "none", "anaphor", "pending")
            assert 0 < r["confidence"] <= 1
        if name == "roles":
            assert r["role"] in ("lead", "partner", "funder")
