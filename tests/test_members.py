"""Membership lists: splitting runs of names, tiers."""

from hypothesis import given, strategies as st

from ccin_kg.extract.members import infer_tier, known_weigher, segment, split_at_terminals, tokens_of


def test_split_at_terminal_words_and_known_prefixes():
    tokens = tokens_of("Oakbridge & Lyle Council **Fooshire** Borough Council 🛑 (Royal Borough of Wrenford Glenmoor Council")
    assert split_at_terminals(tokens, lambda s: s == "Royal Borough of Wrenford") == [
        "Oakbridge & Lyle Council", "Fooshire Borough Council", "Royal Borough of Wrenford", "Glenmoor Council"]


def test_segment_uses_known_names_final_words_and_order():
    tokens = "Aldergrove Solicitors Bramble Partners Ltd Kestrel Mutual Quillon Trust RiverStack Zeta Works".split()
    known = known_weigher(["Kestrel Mutual"])
    assert segment(tokens, known) == [
        "Aldergrove Solicitors", "Bramble Partners Ltd", "Kestrel Mutual", "Quillon Trust", "RiverStack", "Zeta Works"]


def test_hyphenated_names_sort_before_their_unhyphenated_neighbours():
    tokens = "Co-operative Yarn Co-operatives Wales Community Looms Ltd Cooperatives East".split()
    known = known_weigher(["Co-operatives Wales", "Cooperatives East"])
    assert segment(tokens, known) == ["Co-operative Yarn", "Co-operatives Wales", "Community Looms Ltd", "Cooperatives East"]


def test_infer_tier():
    principal = {"Fooshire Borough Council"}.__contains__
    assert infer_tier(["Fooshire Borough Council", "Wrenford City Council"], principal) == "Full"
    assert infer_tier(["Barton Vale Town Council", "Hollins Labour Group"], principal) == "Associate"
    assert infer_tier(["Quillon Trust", "RiverStack"], principal) == "Affiliate"


words = st.sampled_from(["Alpha", "Beta", "Co-op", "Ltd", "and", "&", "Council", "The", "eZone", "X1", "Group", "of"])


@given(st.lists(words, max_size=25))
def test_segment_keeps_every_word_in_order(tokens):
    names = segment(tokens, known_weigher(["Alpha Beta"]))
    assert " ".join(names).split() == tokens or not tokens
