"""Name rules for resolution: comparison keys, council-ness and organisation type cues.

Everything here works on the name alone: no register, no text around it.

- :func:`name_key` — the key two spellings of one name share ("The Acme
  Trust" / "Acme Trust", "Telford & Wrekin" / "Telford and Wrekin",
  "Co-op" / "Cooperative").
- :func:`council_key` — :func:`name_key` without the generic words of council
  names, so "Bury Council" and "Bury Metropolitan Borough Council" meet.
- :func:`is_council_name`, :func:`council_tier_from_name` — does a name look
  like a local authority's, and is it a town / parish / community council?
- :func:`org_type_from_name` — an organisation type from cue words, with the
  rule that decided it.
- :func:`initials`, :func:`is_acronym` — acronyms of multi-word names.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "name_key", "council_key", "is_council_name", "council_tier_from_name",
    "org_type_from_name", "initials", "is_acronym", "significant_words", "ORG_TYPES",
]

ORG_TYPES = (
    "council", "charity", "cooperative", "company", "university", "nhs",
    "government", "fund", "network", "organisation",
)

_QUOTES = re.compile("['\u2018\u2019\u201a\u201b\u2032\u00b4`\u02bc\u02bb]")
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,40}>")  # markup left in a name: "<u>UK</u>"
_LEADING_THE = re.compile(r"^(?:the )+(?=\S)")
# "co op", "coop", "co operative(s)", "cooperation" ... after punctuation became spaces.
_COOP = re.compile(r"\bco ?op(eratives|erative|eration|s)?\b")
_COOP_FORMS = {None: "cooperative", "s": "cooperatives", "erative": "cooperative",
               "eratives": "cooperatives", "eration": "cooperation"}
_LETTERS = str.maketrans({"\u0131": "i"})  # dotless i: upper-cases to "I"


def _fold(text: str) -> str:
    """Accents dropped, case folded (NFKD twice: case folding can expose new marks)."""
    text = text.translate(_LETTERS)
    for _ in range(2):
        # the iota subscript upper-cases to a capital iota: read it as one
        text = unicodedata.normalize("NFKD", text).replace("\u0345", "\u03b9")
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return text


def name_key(name: str) -> str:
    """The comparison key of an organisation name.

    Markup tags dropped, case-folded, accents dropped, "&" read as "and",
    apostrophes and quotes dropped, every spelling of co-operative unified
    ("Co-op", "Coop", "Co-operative", "Co operative" → "cooperative"), other
    punctuation turned into spaces, a leading "The" dropped and whitespace
    collapsed.

    Parameters
    ----------
    name : str
        Any text.

    Returns
    -------
    str
        Lower-case words joined by single spaces ("" for a name with no letter
        or digit); ``name_key(name_key(s)) == name_key(s)``.

    Examples
    --------
    >>> name_key("The Acme Trust")
    'acme trust'
    >>> name_key("Telford & Wrekin Council") == name_key("telford and wrekin council")
    True
    >>> name_key("Fooville Co-op") == name_key("Fooville Cooperative") == name_key("FOOVILLE CO-OPERATIVE")
    True
    >>> name_key("Children\u2019s Society (UK)")
    'childrens society uk'
    """
    text = _fold(_TAG.sub(" ", name)).replace("&", " and ")
    text = _QUOTES.sub("", text)
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    text = " ".join(text.split())
    text = _COOP.sub(lambda m: _COOP_FORMS[m.group(1)], text)
    return _LEADING_THE.sub("", text)


# Words that say "a council" without saying which one.
_COUNCIL_PREFIXES = re.compile(
    r"^(?:(?:the )?(?:london|royal|metropolitan) borough (?:of )?|city and county of (?:the city of )?"
    r"|city of |county of |borough of )"
)
_COUNCIL_WORDS = {"council", "borough", "city", "district", "metropolitan", "county", "corporation", "mbc"}
_CA = re.compile(r"\b(?:ca|mca|cca)$")
_CA_WORDS = {"ca": "combined authority", "mca": "mayoral combined authority", "cca": "combined county authority"}
_SHORT_FORMS = {
    "herts": "hertfordshire", "lancs": "lancashire", "notts": "nottinghamshire",
    "beds": "bedfordshire", "bucks": "buckinghamshire", "cambs": "cambridgeshire",
    "glos": "gloucestershire", "gloucs": "gloucestershire", "oxon": "oxfordshire",
    "wilts": "wiltshire", "worcs": "worcestershire", "yorks": "yorkshire",
    "leics": "leicestershire", "lincs": "lincolnshire", "staffs": "staffordshire",
    "hants": "hampshire", "berks": "berkshire", "warks": "warwickshire",
    "northants": "northamptonshire", "derbys": "derbyshire", "shrops": "shropshire",
    "saint": "st",
}


def council_key(name: str, expand: bool = False) -> str:
    """The key of a council name without its generic words.

    Drops "London Borough of", "Royal Borough of", "City of", "City and County
    of" at the start and the words council, borough, city, district,
    metropolitan, county, corporation (and "MBC") anywhere; a final "CA"
    reads "combined authority" ("MCA", "CCA": mayoral, county). "Combined
    authority", "town", "parish" and "community" stay: they tell bodies apart.

    Parameters
    ----------
    name : str
        A council name.
    expand : bool, default False
        Also expand county short forms ("Herts" → "hertfordshire", "Lancs",
        "Notts", "Oxon", "Yorks" ...) and read "Saint" as "St".

    Returns
    -------
    str
        The key; "" when nothing but generic words is left ("City Council").

    Examples
    --------
    >>> council_key("Bury Council") == council_key("Bury Metropolitan Borough Council") == "bury"
    True
    >>> council_key("Oxford City Council"), council_key("Oxfordshire County Council")
    ('oxford', 'oxfordshire')
    >>> council_key("Greater Manchester Combined Authority")
    'greater manchester combined authority'
    >>> council_key("London Borough of Hackney"), council_key("North Herts Council", expand=True)
    ('hackney', 'north hertfordshire')
    >>> council_key("City Council")
    ''
    """
    key = _COUNCIL_PREFIXES.sub("", name_key(name))
    key = _CA.sub(lambda m: _CA_WORDS[m.group(0)], key)
    words = [w for w in key.split() if w not in _COUNCIL_WORDS]
    if expand:
        words = [_SHORT_FORMS.get(w, w) for w in words]
    return " ".join(words)


# Words that qualify "council" without naming a place: "Full Council", "the Co-operative Council".
_QUALIFIERS = frozenset({
    "full", "cooperative", "local", "our", "your", "this", "that", "each", "every", "other", "all", "any",
    "member", "members", "partner", "lead", "participating", "principal", "host", "uk", "national", "new",
    "town", "parish", "community", "village", "neighbourhood", "combined", "authority", "a", "an", "mbc",
})
_COUNCIL_END = re.compile(r"(?:\bcouncil|\bcombined (?:county )?authority|\bmbc)$")
_CA_WRITTEN = re.compile(r"\w\s+(?:CA|MCA|CCA)\s*$")  # "Greater Manchester CA", capitals only
_COUNCIL_START = re.compile(r"^(?:(?:london|royal|metropolitan) borough (?:of )?)\S")
# Councils that are not local authorities: "Arts Council", "Birmingham Voluntary Services Council".
_NOT_LOCAL = re.compile(
    r"\b(?:arts|research|british|voluntary(?: services?)?|youth|trades(?: union)?|students?|advisory"
    r"|privy|sports?|heritage|design|faiths?|security|medical|nursing|general)( council)$"
)


def is_council_name(name: str) -> bool:
    """Does ``name`` look like a local authority's name?

    True when it ends in "Council", "Combined Authority" (also "Combined
    County Authority"), "MBC" or a capital "CA" / "MCA" / "CCA", or starts
    "London Borough (of)" / "Royal Borough of", and a word that could name a
    place is left (not "Full Council", "the Co-operative Council", "Town
    Council"). Councils that are not local government ("Arts Council", "Voluntary Services Council",
    "Youth Council") and plurals ("London Councils") are not council names.

    Examples
    --------
    >>> [is_council_name(n) for n in ("Oldham Council", "London Borough of Hackney",
    ...  "Greater Manchester Combined Authority", "Burntwood Town Council")]
    [True, True, True, True]
    >>> [is_council_name(n) for n in ("Oldham", "London Councils", "Arts Council", "City Council", "Full Council")]
    [False, False, False, False, False]
    """
    key = name_key(name)
    if not (_COUNCIL_END.search(key) or _COUNCIL_START.match(key) or _CA_WRITTEN.search(name)):
        return False
    if _NOT_LOCAL.search(key):
        return False
    return any(w not in _QUALIFIERS for w in council_key(name).split())


_LOCAL_TIER = re.compile(r"\S (?:town|parish|community|village|neighbourhood) council$")


def council_tier_from_name(name: str) -> str | None:
    """The tier a council's name states, for councils the register does not hold.

    Returns ``"town-parish-community"`` for town, parish, community, village
    and neighbourhood councils, else None (the register types the others).

    Examples
    --------
    >>> council_tier_from_name("Burntwood Town Council")
    'town-parish-community'
    >>> [council_tier_from_name(n) for n in ("Seaton Valley Community Council", "Loggerheads Parish Council")]
    ['town-parish-community', 'town-parish-community']
    >>> council_tier_from_name("Oldham Council") is None
    True
    """
    return "town-parish-community" if _LOCAL_TIER.search(name_key(name)) else None


STOP_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "at", "to", "a", "an", "by", "with"})


def significant_words(name: str) -> list[str]:
    """The words of ``name_key(name)`` without connectives ("of", "and", "for" ...).

    >>> significant_words("Department for Work and Pensions")
    ['department', 'work', 'pensions']
    """
    return [w for w in name_key(name).split() if w not in STOP_WORDS]


def initials(name: str, keep_capitals: bool = False) -> str:
    """Upper-case initials of the significant words of a name, as written.

    Hyphenated words count once ("Co-operative" gives "C"). With
    ``keep_capitals``, a word written in capitals gives all its letters
    ("UK Shared Prosperity Fund" gives "UKSPF").

    Examples
    --------
    >>> initials("Greater Manchester Combined Authority"), initials("Department for Work and Pensions")
    ('GMCA', 'DWP')
    >>> initials("Co-operative Councils' Innovation Network")
    'CCIN'
    >>> initials("UK Shared Prosperity Fund"), initials("UK Shared Prosperity Fund", keep_capitals=True)
    ('USPF', 'UKSPF')
    """
    words = re.split(r"[\s/]+", unicodedata.normalize("NFKC", _TAG.sub(" ", name)).replace("&", " and "))
    letters = []
    for w in words:
        w = w.strip("()[]{}'\u2019\"\u201c\u201d.,:;!?")
        if not w or w.casefold() in STOP_WORDS:
            continue
        if keep_capitals and len(w) > 1 and w.isalnum() and w.isupper():
            letters.append(_fold(w).upper())
            continue
        first = _fold(w[0])[:1]
        if first.isalnum():
            letters.append(first.upper())
    return "".join(letters)


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}$|^[A-Z](?:[A-Za-z]){1,6}[A-Z]$")


def is_acronym(name: str) -> bool:
    """Is ``name`` a single all-capitals token of 3 to 8 characters ("GMCA", "DWP")?

    Mixed case is allowed inside when it starts and ends with a capital
    ("CfGS"), so ordinary words ("Oldham") are not acronyms.

    >>> [is_acronym(n) for n in ("GMCA", "DWP", "CfGS", "Oldham", "UK", "G M C A")]
    [True, True, True, False, False, False]
    """
    s = name.strip()
    return 3 <= len(s) <= 8 and bool(_ACRONYM.match(s)) and sum(c.isupper() for c in s) >= 2


# --- organisation types ------------------------------------------------------------------------

def _words(*ws: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(ws) + r")\b")


_GOVERNMENT_ACRONYMS = ("dwp", "dluhc", "mhclg", "dcms", "dfe", "dhsc", "beis", "desnz", "dbt", "defra",
                        "hmrc", "hmt")
_NHS = (
    ("nhs", "name-cue:NHS", _words("nhs")),
    ("nhs", "name-cue:Integrated Care Board", _words("integrated care (?:board|system|partnership)s?")),
    ("nhs", "name-cue:Clinical Commissioning Group", _words("clinical commissioning groups?")),
    ("nhs", "name-cue:Foundation Trust", _words("foundation trust")),
    ("nhs", "name-cue:Health Board", _words("health board")),
    ("charity", "name-cue:voluntary sector", _words("voluntary services?", "voluntary action", "cvs")),
)
# The last word of a name is its head noun: "Co-operative Heritage *Trust*" is a trust,
# "Greenwich Co-operative Development *Agency*" is not.
_HEAD = (
    ("fund", "name-cue:Fund", re.compile(r"\b(?:funds?|town deal)$")),
    ("network", "name-cue:network", re.compile(r"\b(?:network|alliance|consortium|commission|partnership)s?$")),
    ("charity", "name-cue:Trust", re.compile(r"\b(?:trusts?|foundation|charity)$")),
    ("university", "name-cue:University", re.compile(r"\buniversity$")),
    ("cooperative", "name-cue:Co-operative", re.compile(r"\bcooperatives?$")),
    ("cooperative", "name-cue:Mutual", re.compile(r"\bmutuals?$")),
)
_ANYWHERE = (
    ("government", "name-cue:Department", _words("department (?:for|of)", "ministry", "cabinet office",
                                                 "home office", "hm treasury", "hm government")),
    ("government", "name-cue:Government", re.compile(r"(?<!\blocal )\bgovernment\b")),
    ("government", "name-cue:department acronym", _words(*_GOVERNMENT_ACRONYMS)),
    ("fund", "name-cue:Fund", _words("funds?", "town deal")),
    ("cooperative", "name-cue:Co-operative", _words("cooperatives?", "cooperation")),
    ("cooperative", "name-cue:Mutual", _words("mutuals?")),
    ("cooperative", "name-cue:Society Ltd", _words("society (?:ltd|limited)")),
    ("company", "name-cue:CIC", _words("cic", "community interest company")),
    ("company", "name-cue:Ltd", _words("ltd", "limited", "plc", "llp", "solicitors")),
    ("government", "name-cue:Agency", _words("agency")),
    ("university", "name-cue:University", _words("university", "universities")),
    ("organisation", "name-cue:College", _words("college")),
    ("charity", "name-cue:Trust", _words("trusts?", "foundation", "charity", "charitable", "cio")),
    ("network", "name-cue:network", _words("networks?", "partnerships?", "alliances?", "group",
                                           "commission", "consortium")),
)
_TYPE_RULES: tuple[tuple[str, str, re.Pattern], ...] = (*_NHS, *_HEAD, *_ANYWHERE)


def org_type_from_name(name: str) -> tuple[str, str]:
    """An organisation type from the cue words of its name, and the rule that decided it.

    The rules, in order (the first that fires decides):

    1. council — :func:`is_council_name` (rule ``name-cue:council``; town,
       parish and community councils too).
    2. nhs — "NHS", "Integrated Care Board", "Clinical Commissioning Group",
       "Foundation Trust", "Health Board" anywhere ("University Hospitals
       ... NHS Foundation Trust" is nhs, not a university or a charity);
       then charity for voluntary-sector bodies ("Voluntary Services
       Council", "CVS").
    3. the head noun (last word): "Fund"/"Funds"/"Town Deal" → fund;
       "Network", "Alliance", "Consortium", "Commission", "Partnership" →
       network; "Trust", "Foundation", "Charity" → charity; "University" →
       university; "Co-operative", "Co-op", "Mutual" → cooperative. So the
       "Co-operative Councils' Innovation Network" is a network, the
       "Co-operative Heritage Trust" a charity, "Fooville Co-op" a co-operative.
    4. cue words anywhere, in this order: government ("Department for/of",
       "Ministry", "Cabinet Office", "Government" but not "Local
       Government ...", department acronyms "DWP", "DLUHC", "MHCLG" ...);
       fund ("Fund", "Town Deal"); cooperative ("Co-op", "Coop",
       "Cooperative", "Co-operative", "Mutual", "Society Ltd": before
       company, so "Fooville Co-operative Ltd" and the "Co-operative
       College" are co-operatives); company ("CIC", a community interest
       company, rule ``name-cue:CIC``; then "Ltd", "Limited", "PLC", "LLP",
       "Solicitors": the legal form beats "Trust", so "Acme Trust Ltd" is a
       company); government ("Agency", after co-operative: "Fooville
       Co-operative Development Agency" is a co-operative); university;
       organisation with rule ``name-cue:College`` (a college is education,
       and we have no education type); charity ("Trust", "Foundation",
       "Charity", "Charitable", "CIO"); network ("Network", "Partnership",
       "Alliance", "Group", "Commission", "Consortium").
    5. organisation, rule ``default``.

    Parameters
    ----------
    name : str
        An organisation name.

    Returns
    -------
    tuple of (str, str)
        One of :data:`ORG_TYPES`, and the rule (``name-cue:<cue>`` or ``default``).

    Examples
    --------
    >>> org_type_from_name("Oldham Council")
    ('council', 'name-cue:council')
    >>> org_type_from_name("Fooville Community Interest CIC")
    ('company', 'name-cue:CIC')
    >>> org_type_from_name("Acme NHS Foundation Trust")
    ('nhs', 'name-cue:NHS')
    >>> org_type_from_name("The Co-operative College")
    ('cooperative', 'name-cue:Co-operative')
    >>> org_type_from_name("Co-operative Heritage Trust")
    ('charity', 'name-cue:Trust')
    >>> org_type_from_name("UK Shared Prosperity Fund")
    ('fund', 'name-cue:Fund')
    >>> org_type_from_name("Department for Work and Pensions")
    ('government', 'name-cue:Department')
    >>> org_type_from_name("Fooville Community Partnership")
    ('network', 'name-cue:network')
    >>> org_type_from_name("Zedland")
    ('organisation', 'default')
    """
    if is_council_name(name):
        return "council", "name-cue:council"
    key = name_key(name)
    for org_type, rule, pattern in _TYPE_RULES:
        if pattern.search(key):
            return org_type, rule
    return "organisation", "default"
