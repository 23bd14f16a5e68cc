"""Contact blocks: layouts seen in CCIN documents, on invented people."""

from hypothesis import given, strategies as st

from ccin_kg.extract.contacts import parse_contact_block, split_names, split_role_org


def _people(lines):
    return [(p.name, p.role, p.organisation, p.email, p.phone, p.web) for p in parse_contact_block(lines)]


def test_name_role_org_details_on_separate_lines():
    assert _people(["Ann Example", "", "Policy Lead – Fooshire Council", "", "- e: ann@f.example",
                    "- t: 01234 567890", "- w: f.example"]) == [
        ("Ann Example", "Policy Lead", "Fooshire Council", "ann@f.example", "01234 567890", "f.example")]


def test_role_then_organisation_on_the_next_line():
    assert _people(["Bea Sample", "Project Officer, Poverty and Wellbeing", "Wrenford Council"]) == [
        ("Bea Sample", "Project Officer, Poverty and Wellbeing", "Wrenford Council", None, None, None)]


def test_two_people_share_a_line_and_split_roles_and_emails():
    assert _people(["Cllr Cal Demo & Dee Trial", "Cabinet Member / Intelligence Lead", "Glenmoor Council",
                    "- e: cal@g.example | dee@g.example"]) == [
        ("Cal Demo", "Cabinet Member", "Glenmoor Council", "cal@g.example", None, None),
        ("Dee Trial", "Intelligence Lead", "Glenmoor Council", "dee@g.example", None, None)]


def test_a_second_person_after_the_first_ones_details():
    people = _people(["Councillor Eve Tester", "- e: eve@t.example", "Finn Probe", "- Engagement Officer",
                      "- e: finn@t.example"])
    assert [(p[0], p[3]) for p in people] == [("Eve Tester", "eve@t.example"), ("Finn Probe", "finn@t.example")]


def test_role_lines_are_not_people():
    people = _people(["Gus Mock", "Managing Director", "Acme Ventures", "- e: gus@acme.example"])
    assert [p[0] for p in people] == ["Gus Mock"]


def test_everything_inline_and_run_together_details():
    assert _people(["Hal McTest Operations Lead e: hal@n.example t: 07000 000000"]) == [
        ("Hal McTest", "Operations Lead", None, "hal@n.example", "07000 000000", None)]
    assert _people(["Ivy Check", "e: ivy@t.gov.ukw: t.gov.uk"])[0][3:] == ("ivy@t.gov.uk", None, "t.gov.uk")


def test_split_helpers():
    assert split_names("Jo Stub and Kim Fake Save Fooville") == (["Jo Stub", "Kim Fake"], "Save Fooville")
    assert split_role_org("Head of Policy Fooshire Borough Council") == ("Head of Policy", "Fooshire Borough Council")


@given(st.lists(st.text(max_size=80), max_size=12))
def test_any_block_parses_without_error(lines):
    for p in parse_contact_block(lines):
        assert p.name.strip()
