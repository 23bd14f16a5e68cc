"""Extraction on short CCIN-style documents the rules have never seen.

Every organisation, place, person and sum here is invented ("Fooshire",
"Wrenford", "Kestrel Mutual"); none comes from the corpus or its gold. Each
case is written the way council project pages, partner news items and
case-study packs are written, and states the exact lead, partners, funders
(with the sums the sentences tie to them) and approaches a reader would take
from it. The real model runs, through the session fixture ``nlp``.
"""

from __future__ import annotations

import pytest
from fake_register import REGISTER

from ccin_kg.extract.pipeline import extract
from ccin_kg.ingest.records import Document

CASES = {
    'doorsteps': (
        'Green Doorsteps Retrofit Pilot\n'
        '\n'
        'Lead Member: Fooshire County Council\n'
        'Year: 2024\n'
        '\n'
        'The Green Doorsteps pilot retrofitted 120 homes on the Marl Hill estate in Fooshire. It was '
        'delivered in partnership with Kestrel Mutual and the Wrenford Energy Co-operative, and part '
        'funded by the Fooshire Green Recovery Fund.\n'
        '\n'
        'Residents shaped the programme through participatory budgeting, choosing which streets went first.\n'
    ),
    'larder': (
        'Ashmere Community Larder\n'
        '\n'
        'Lead Member: Ashmere District Council\n'
        'Year: 2023\n'
        '\n'
        'The larder opened in a former library in Ashmere. It received £45,000 from the Pellow Foundation'
        ' to fit out the building and hire a coordinator.\n'
        '\n'
        'Volunteers from Ashmere Scouts and the Brackley Tenants Association run the Saturday sessions.\n'
    ),
    'grant_of': (
        'Wrenford Youth Voice\n'
        '\n'
        'Lead Member: Wrenford Borough Council\n'
        'Year: 2022\n'
        '\n'
        'Young people in Wrenford set up a youth panel to advise councillors. The panel was backed by a '
        'grant of £12,500 from the Harlow Trust, and sessions are run by Stepping Stones Youth CIC.\n'
        '\n'
        'The council used co-production throughout, with young people writing the terms of reference.\n'
    ),
    'invested': (
        'Fooshire Community Shares Offer\n'
        '\n'
        'Lead Member: Fooshire County Council\n'
        'Year: 2024\n'
        '\n'
        'The Quarry Lane solar array is owned by its members through a community shares offer. Fooshire '
        'County Council invested £80,000 in the offer, and the Marlow Community Bank provided a loan for '
        'the rest.\n'
        '\n'
        'The scheme was designed with Sunrise Energy Co-operative, which now operates the array.\n'
    ),
    'through_fund': (
        'Digital Skills Hubs in Wrenford\n'
        '\n'
        'Lead Member: Wrenford Borough Council\n'
        'Year: 2025\n'
        '\n'
        'The national government awarded £300,000 to the council through the Digital Futures Fund (DFF) '
        'to open eight digital skills hubs. Each hub is run by a local charity, and training is provided '
        'by Bytes for All.\n'
        '\n'
        'The DFF money also pays for devices lent to residents.\n'
    ),
    'commissioned': (
        'Fooshire Food Partnership Review\n'
        '\n'
        'Lead Member: Fooshire County Council\n'
        'Year: 2023\n'
        '\n'
        'In 2023 the council commissioned Orchard Research Co-operative to review how the food '
        'partnership works. The review was carried out alongside Fooshire Food Network and Harvest Hope, '
        'a registered charity in Fooshire.\n'
        '\n'
        'The review recommended a community wealth building approach to food procurement.\n'
    ),
    'partners_include': (
        'Wrenford Anchor Network\n'
        '\n'
        'Lead Member: Wrenford Borough Council\n'
        'Year: 2024\n'
        '\n'
        'The Wrenford Anchor Network brings local employers together to spend more locally. Its members '
        'include Wrenford General Hospital, Tollgate College, Riverside Homes and the Wrenford Chamber of'
        ' Commerce.\n'
        '\n'
        'The network is funded by the members themselves.\n'
    ),
    'with_funding_from': (
        'Ashmere Poverty Truth Commission\n'
        '\n'
        'Lead Member: Ashmere District Council\n'
        'Year: 2022\n'
        '\n'
        'Ashmere launched its Poverty Truth Commission in 2022 with funding from the Linden Charitable '
        'Trust and the Ashmere Health Partnership. The commission was hosted by Ashmere Voluntary Action.\n'
        '\n'
        'Commissioners with lived experience of poverty met monthly with civic leaders.\n'
    ),
    'led_by_text': (
        'Kestrel Mutual Care Co-operative\n'
        '\n'
        'Kestrel Mutual set up a home care co-operative owned by its care workers. The project was led by'
        ' Kestrel Mutual and supported by Wrenford Borough Council, with advice from the Co-operative '
        'Care Alliance.\n'
        '\n'
        'The care workers elect the board each year.\n'
    ),
    'invested_subject': (
        'Fooshire Makers Space\n'
        '\n'
        'Lead Member: Fooshire County Council\n'
        'Year: 2025\n'
        '\n'
        'The Makers Space gives local enterprises cheap workshop units. The Brightwater Foundation '
        'awarded £60,000 towards the fit-out, and the Fooshire Business Guild runs the mentoring '
        'programme.\n'
    ),
    'amount_of_allocation': (
        'Wrenford High Street Revival\n'
        '\n'
        'Lead Member: Wrenford Borough Council\n'
        'Year: 2024\n'
        '\n'
        'The council put £150,000 of its Towns Renewal Fund allocation into empty shop grants. Open Doors'
        ' Lettings CIC, a social enterprise, matched the shops with new tenants.\n'
        '\n'
        'A community asset transfer of the old market hall is planned for next year.\n'
    ),
    'alongside_list': (
        'Ashmere Warm Homes Advice\n'
        '\n'
        'Lead Member: Ashmere District Council\n'
        'Year: 2023\n'
        '\n'
        'Advisers visited older residents at home, working closely with Ashmere Citizens Advice and '
        'Heatwise Energy Advice. The service was paid for by the Ashmere Health Partnership.\n'
    ),
    'jointly_funded': (
        'Fooshire Library of Things\n'
        '\n'
        'Lead Member: Fooshire County Council\n'
        'Year: 2024\n'
        '\n'
        'The Library of Things lends tools and kitchen kit for a small fee. It is jointly funded by '
        'Fooshire County Council and the Greenway Trust, and volunteers are recruited through Fooshire '
        'Volunteer Centre.\n'
    ),
    'cost_to_council': (
        'Wrenford Warm Welcome Spaces\n'
        '\n'
        'Lead Member: Wrenford Borough Council\n'
        'Year: 2023\n'
        '\n'
        'Churches, cafes and clubs opened their doors as warm spaces over the winter. We worked with '
        'Wrenford Churches Together to list the spaces. The total cost to the Council was £4,500.\n'
    ),
    'range_amount': (
        "Ashmere Citizens' Assembly on Transport\n"
        '\n'
        'Lead Member: Ashmere District Council\n'
        'Year: 2025\n'
        '\n'
        "Fifty residents took part in a citizens' assembly on local transport. The assembly was "
        'facilitated by Deliberate Futures and evaluated by the University of Ashmere. Grants of up to '
        '£2,000 from the Ashmere Travel Fund will support the ideas residents chose.\n'
    ),
    'funding_provided': (
        'Wrenford Repair Cafe Network\n'
        '\n'
        'Lead Member: Wrenford Borough Council\n'
        'Year: 2024\n'
        '\n'
        'Funding for the network was provided by the Cobalt Lottery Fund. Repair volunteers are trained '
        'by Fixers United, and the cafes meet in venues run by Wrenford Community Trust.\n'
    ),
    'pack': (
        'Community\n'
        '\n'
        'Wrenford Borough Council\n'
        '\n'
        "Wrenford Tenants' Energy Co-op\n"
        '\n'
        'In January 2024 Wrenford Borough Council worked with tenants on the Lark Rise estate to set up '
        'an energy co-operative. The co-op buys electricity in bulk for its members and was set up with '
        'support from Kestrel Mutual. Cllr Jane Porter, Cabinet Member for Housing, said the scheme had '
        'saved each household £200 a year.\n'
        '\n'
        'The council invested £25,000 in start-up costs, and the Brightwater Foundation awarded a further'
        ' £10,000.\n'
        '\n'
        'For further information contact:\n'
        '\n'
        'Sam Okafor\n'
        'Energy Projects Officer – Wrenford Borough Council\n'
        'e: sam.okafor@wrenford.gov.uk\n'
        '\n'
        '\n'
        '\n'
        '\n'
        'Health\n'
        '\n'
        'Fooshire County Council\n'
        '\n'
        'Social Prescribing in Fooshire Villages\n'
        '\n'
        "Fooshire's social prescribing service links patients with local groups. GPs refer patients to "
        'link workers employed by Fooshire Rural Action, a registered charity. The service is '
        "commissioned by the Fooshire Integrated Care Board and runs alongside the county's library "
        'service.\n'
        '\n'
        'In its first year the service took 900 referrals. Dr Amir Khan from Hillside Surgery said '
        'patients valued the time it gave them.\n'
        '\n'
        'For further information contact:\n'
        '\n'
        'Priya Shah\n'
        'Prevention Lead – Fooshire County Council\n'
        'e: priya.shah@fooshire.gov.uk\n'
    ),
    'news': (
        'Kestrel Mutual joins forces with Ashmere on food\n'
        '\n'
        'News | 12 March 2025\n'
        '\n'
        'Kestrel Mutual has teamed up with Ashmere District Council and the Ashmere Food Bank to run a '
        'pay-as-you-feel pantry in the town centre. The pantry, which opened last week, received £18,000 '
        'from the National Pantry Network and is staffed by volunteers from Ashmere College.\n'
        '\n'
        '"We want nobody in Ashmere to go hungry," said Lee Grant, chief executive of Kestrel Mutual. The'
        " council's Cabinet approved the lease in January.\n"
        '\n'
        'The pantry uses a membership model: members pay £3.50 a week for a basket of food.\n'
    ),
}

# (lead, partners, funders with amounts, approaches) of each initiative, in document order
EXPECTED = {
    'doorsteps': [
        (['Fooshire County Council'],
         ['Kestrel Mutual', 'Wrenford Energy Co-operative'],
         [('Fooshire Green Recovery Fund', None)],
         ['Participatory budgeting']),
    ],
    'larder': [
        (['Ashmere District Council'],
         ['Ashmere Scouts', 'Brackley Tenants Association'],
         [('Pellow Foundation', 45000.0)],
         []),
    ],
    'grant_of': [
        (['Wrenford Borough Council'],
         ['Stepping Stones Youth CIC'],
         [('Harlow Trust', 12500.0)],
         ['Co-production']),
    ],
    'invested': [
        (['Fooshire County Council'],
         ['Sunrise Energy Co-operative'],
         [('Fooshire County Council', 80000.0), ('Marlow Community Bank', None)],
         ['Community shares']),
    ],
    'through_fund': [
        (['Wrenford Borough Council'],
         ['Bytes for All'],
         [('Digital Futures Fund', 300000.0)],
         []),
    ],
    'commissioned': [
        (['Fooshire County Council'],
         ['Fooshire Food Network', 'Harvest Hope', 'Orchard Research Co-operative'],
         [],
         ['Community wealth building']),
    ],
    'partners_include': [
        (['Wrenford Borough Council'],
         ['Riverside Homes', 'Tollgate College', 'Wrenford Chamber of Commerce', 'Wrenford General Hospital'],
         [],
         ['Anchor institutions']),
    ],
    'with_funding_from': [
        (['Ashmere District Council'],
         ['Ashmere Voluntary Action'],
         [('Ashmere Health Partnership', None), ('Linden Charitable Trust', None)],
         ['Poverty Truth Commission']),
    ],
    'led_by_text': [
        (['Kestrel Mutual'],
         ['Co-operative Care Alliance', 'Wrenford Borough Council'],
         [],
         []),
    ],
    'invested_subject': [
        (['Fooshire County Council'],
         [],
         [('Brightwater Foundation', 60000.0)],
         []),
    ],
    'amount_of_allocation': [
        (['Wrenford Borough Council'],
         ['Open Doors Lettings CIC'],
         [('Towns Renewal Fund', 150000.0)],
         ['Community asset transfer']),
    ],
    'alongside_list': [
        (['Ashmere District Council'],
         ['Ashmere Citizens Advice', 'Heatwise Energy Advice'],
         [('Ashmere Health Partnership', None)],
         []),
    ],
    'jointly_funded': [
        (['Fooshire County Council'],
         [],
         [('Fooshire County Council', None), ('Greenway Trust', None)],
         []),
    ],
    'cost_to_council': [
        (['Wrenford Borough Council'],
         ['Wrenford Churches Together'],
         [('Wrenford Borough Council', 4500.0)],
         []),
    ],
    'range_amount': [
        (['Ashmere District Council'],
         ['Deliberate Futures', 'University of Ashmere'],
         [('Ashmere Travel Fund', 2000.0)],
         ["Citizens' assembly"]),
    ],
    'funding_provided': [
        (['Wrenford Borough Council'],
         ['Wrenford Community Trust'],
         [('Cobalt Lottery Fund', None)],
         []),
    ],
    'pack': [
        (['Wrenford Borough Council'],
         ['Kestrel Mutual'],
         [('Brightwater Foundation', 10000.0), ('Wrenford Borough Council', 25000.0)],
         []),
        (['Fooshire County Council'],
         ['Fooshire Rural Action', 'Hillside Surgery'],
         [],
         ['Social prescribing']),
    ],
    'news': [
        (['Kestrel Mutual'],
         ['Ashmere College', 'Ashmere District Council', 'Ashmere Food Bank'],
         [('National Pantry Network', 18000.0)],
         ['Membership model']),
    ],
}


def test_at_least_fifteen_unseen_cases():
    assert len(CASES) >= 15 and set(CASES) == set(EXPECTED)


@pytest.fixture(scope="module")
def extracted(nlp):
    docs = [Document(f"{name}.txt", f"{name}.txt", text, "0") for name, text in CASES.items()]
    ex = extract(docs, nlp=nlp, register=REGISTER)
    by_source: dict[str, list] = {}
    for ini in ex.initiatives:
        by_source.setdefault(ini.source.removesuffix(".txt"), []).append(ini)
    return docs, by_source


@pytest.mark.parametrize("name", sorted(CASES))
def test_roles_of_unseen_case(extracted, name):
    _, by_source = extracted
    got = [([r.name for r in i.lead], sorted(r.name for r in i.partners),
            sorted((f.funder, f.amount_gbp) for f in i.funders), sorted(a.label for a in i.approaches))
           for i in by_source.get(name, [])]
    assert got == [(lead, partners, funders, approaches) for lead, partners, funders, approaches in EXPECTED[name]]


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_name_is_read_where_its_evidence_says(extracted, name):
    docs, by_source = extracted
    text = CASES[name]
    for ini in by_source.get(name, []):
        for ref in ini.lead + ini.partners:
            ev = ref.evidence
            assert text[ev.start:ev.end] == ref.name
            assert 0 < ev.confidence <= 1 and ev.rule
        for f in ini.funders:
            assert 0 < f.evidence.confidence <= 1
            if f.amount_gbp is not None:
                assert f.amount_text and f.amount_text in text


def test_qualified_sums_keep_their_qualifier(extracted):
    _, by_source = extracted
    [ini] = by_source["range_amount"]
    [f] = ini.funders
    assert (f.amount_gbp, f.amount_text, f.amount_qualifier) == (2000.0, "up to £2,000", "up to")
