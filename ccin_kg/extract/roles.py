"""Who leads, who takes part, who pays how much: roles read from the prose.

The rules are patterns of English usage (``patterns/roles.jsonl`` and
``patterns/amounts.jsonl``), never lists of names:

- a *cue* ("in partnership with", "funded by", "partners include", "X
  commissioned", "a grant of £X from") marks where names in a role stand;
- :func:`scan_list` reads the coordinated list of names that follows a cue
  ("A, B and local charity C, as well as D"), by capitalisation, hyphens,
  possessives and the entities the NER and the rulers found;
- :func:`subject_names` reads the subject of a cue verb ("Culture Fooshire
  commissioned ...") from the dependency parse;
- amounts are tied to a funder only where the sentence ties them ("£275,000
  from X", "X awarded £X", "a grant of £X from Y", "£X of its Y allocation").

Each fact keeps its rule id (``text:<id>`` / ``amount:<id>``) and a
confidence: 0.85-0.9 for the plainest cues ("funded by", "in partnership
with"), 0.65-0.8 for looser ones ("including" in talk of organisations, a
person's organisation, a list introduced by a line); the NER's own ORG
guesses stay apart, on ``Initiative.organisations`` (0.6).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from ccin_kg.extract.amounts import Amount, find_amounts
from ccin_kg.extract.orgnames import is_generic, norm_key, split_org_list, tidy
from ccin_kg.extract.ruler import load_patterns

QUOTES = {'"', "'", "‘", "’", "“", "”", "`", "*", "**"}
SEPARATORS = {",", "/", "and", "&", "or", "plus"}
TERMINATORS = {".", ";", ":", "!", "?", "–", "—", "-", "|", "[", "]", "•"}
CONNECTORS = {"of", "for", "the", "in", "on", "to", "de", "du", "la", "upon", "under", "and", "&"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "our", "its", "their", "his", "her", "my", "your",
               "some", "any", "each", "every", "all", "no", "another", "other"}
ARTICLES = {"the", "a", "an", "this", "that", "these", "those"}
# a name whose head is one of these is a person's role, not an organisation ("Arts Manager", "Mayor of X")
ROLE_WORDS = (
    r"Mayor|Deputy|Manager|Officer|Director|Worker|Champion|Lead|Leader|Coordinator|Co-ordinator|Chair|"
    r"Chairman|Chairperson|Chief|Head|Advisor|Adviser|Assistant|Secretary|Minister|Councillor|Cllr|Executive|"
    r"President|Founder|Trustee|Ambassador|Commissioner|Analyst|Specialist|Consultant|Administrator|Clerk|"
    r"Fellow|Professor|Lecturer|Editor|Apprentice"
)
ROLE = re.compile(rf"(?:^|\s)({ROLE_WORDS})(?:\s+General)?(?:\s+(?:of|for|at)\b.*|\s*$)")
ROLE_AFTER = re.compile(rf"\s*[,–—-]\s*(?:[A-Z][a-z]+\s+){{0,3}}(?:{ROLE_WORDS})\b")
STOP_WORDS = {
    "for", "in", "on", "at", "from", "by", "with", "to", "into", "through", "across", "within", "under", "over",
    "about", "after", "before", "during", "since", "until", "who", "which", "that", "whose", "whom", "where",
    "when", "while", "whilst", "because", "although", "if", "than", "as", "but", "so", "via", "between", "among",
    "amongst", "towards", "toward", "around", "against", "without", "per", "like", "including", "such",
}
PRONOUNS = {"this", "that", "these", "those", "it", "them", "they", "we", "us", "which", "he", "she", "him", "her"}
PERSON_TITLES = {"dr", "cllr", "councillor", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame", "lord",
                 "lady", "baroness", "baron", "rev", "reverend", "mayor", "minister", "mp", "msp", "ms.", "dr."}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# lowercase nouns that may follow a name and still leave it a name ("the Fooshire Food group")
PARTNER_HEADS = {"group", "groups", "partnership", "network", "alliance", "consortium", "forum", "collective",
                 "charity", "trust", "foundation", "cic", "coalition", "members"}
FUNDING_HEADS = PARTNER_HEADS | {"allocation", "allocations", "funding", "funds", "fund", "grant", "grants", "money",
                                 "budget", "budgets", "programme", "programmes", "capital", "investment", "pot",
                                 "scheme", "schemes", "monies", "award", "awards", "open", "call"}
# a name ending so is not a partner: it names a plan, an event, a team of the council ...
NOT_PARTNER_HEAD = re.compile(
    r"\b(Programmes?|Strateg(?:y|ies)|Plans?|Polic(?:y|ies)|Schemes?|Projects?|Awards?|Charter|Day|Week|Month|"
    r"Year|Summit|Conferences?|Festival|Act|Reports?|Toolkit|Framework|Approach|Model|Events?|Campaign|Pilot|"
    r"Teams?|Units?|Boards?|Committees?|Cabinet|Panels?|Directorate|Fund|Funds|Funding|Grants?|Deal|Review|"
    r"Index|Indices|Survey|Census|Standards?|Mark|Pledge|Covenant|Principles?|Values|Statement|Guide|Manual|"
    r"Platform|App|Website|Portal|Hubs?|Sessions?|Workshops?|Courses?|Training|Services? Plan|Challenge|"
    r"Competition|Prize|Scheme|Network Meeting|Round Table|Roundtable|Assessment|Assessments|Sector|Sectors|"
    r"Steering Group|Task Group|Task Force|Taskforce|Officers?|Members?|Staff)$"
)
INTERNAL_HEAD = re.compile(r"\b(Teams?|Units?|Committees?|Cabinet|Panels?|Directorate|Departments? of .*Council)$")
FUND_HEAD = re.compile(r"\b(Fund|Funds|Funding|Lottery|Grants?|Deal|Programme)$", re.I)
GENERIC_PLURAL = re.compile(
    r"^(?:the\s+)?(?:[A-Z][a-z]+\s+)?(Councils|Boroughs|Authorities|Partners|Members|Organisations|Organizations|"
    r"Charities|Schools|Businesses|Residents|Communities|Groups|Agencies|Universities|Colleges|Councillors|"
    r"Officers|Volunteers|Commissioners|Associates|Affiliates|Providers|Services|Partnerships)$"
)
STRONG_ORG = re.compile(
    r"\b(Council|Authority|CIC|Ltd|Limited|LLP|PLC|plc|Trust|Foundation|Society|Solicitors|Alliance|Agency|"
    r"Association|Consortium|Academy|College|University|Commission|NHS|Institute|Federation|Co-?op(?:erative)?s?|"
    r"Housing|Homes|Charity|Network|Partnership|Enterprises?|Ventures?|Company|Centre|Center|Bank|Union|"
    r"Department|Ministry|Office|Police|Service|Government|Commissioner|Corporation|Group|Forum|Collective|Labs)\b"
)


# ---------------------------------------------------------------- compiled rules


class RoleRules:
    """The role and amount matchers for one vocabulary, compiled once (see :func:`role_rules`).

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> rules = RoleRules(nlp.vocab)
    >>> doc = nlp("The pantry was delivered in partnership with Kestrel Mutual.")
    >>> sorted(nlp.vocab.strings[k] for k, _, _ in rules.cues(doc))
    ['in_partnership_with', 'partnership_with']
    """

    def __init__(self, vocab):
        from spacy.matcher import Matcher
        from spacy.tokens import Token

        for name in ("ccin_amt",):
            if not Token.has_extension(name):
                Token.set_extension(name, default=False)
        self.vocab = vocab
        self.meta: dict[str, dict] = {}
        self.order: dict[str, int] = {}
        self.cues = Matcher(vocab)
        for k, row in enumerate(load_patterns("roles")):
            self.meta[row["id"]] = row
            self.order[row["id"]] = k + (50 if row.get("weak") else 0)  # a strong cue wins where both match
            self.cues.add(row["id"], [row["pattern"]], greedy="LONGEST")
        self.amounts = Matcher(vocab)
        for k, row in enumerate(load_patterns("amounts")):
            self.meta["amount:" + row["id"]] = row
            self.order["amount:" + row["id"]] = 100 + k
            self.amounts.add("amount:" + row["id"], [row["pattern"]], greedy="LONGEST")


_RULES: dict[int, tuple] = {}


def role_rules(vocab) -> RoleRules:
    """The :class:`RoleRules` of ``vocab``, built once per process."""
    if id(vocab) not in _RULES:
        _RULES[id(vocab)] = (RoleRules(vocab), vocab)
    return _RULES[id(vocab)][0]


# ---------------------------------------------------------------- hits


@dataclass(slots=True)
class Hit:
    """One name in one role, as a sentence states it.

    Offsets are into the parsed unit's text; the pipeline shifts them to the document's.
    """

    role: str  # lead | partner | funder
    name: str
    start: int
    end: int
    rule: str
    confidence: float
    amount: Amount | None = None
    anaphor: bool = False  # "the council": the page's own council
    weak: bool = False  # the cue is weak: keep the name only if it looks like an organisation
    entity: str | None = None  # label of the entity that covers the name exactly, if any
    backed: bool = False  # an NER/ruler ORG entity covers it
    token_end: int = 0
    extras: dict = field(default_factory=dict)


# ---------------------------------------------------------------- tokens and names


def _numberish(text: str) -> bool:
    """"2million", "£5k", "2023/24": a number, not a name."""
    return bool(re.fullmatch(r"[£$€]?\d[\d,./-]*(?:k|m|bn|million|billion|s|th|st|nd|rd)?", text, re.I))


def _namey(t) -> bool:
    """A token that can be part of a name: capitalised, an acronym, "eSports", "Retrofit+"."""
    s = t.text
    if not s or t.is_space:
        return False
    if s[0].isupper():
        return t.lower_ not in MONTHS or t.ent_type_ == "ORG"
    if s[0].isdigit():
        return bool(re.search(r"[A-Za-z]", s)) and not _numberish(s)
    return t.is_alpha and any(c.isupper() for c in s[1:])


def _glued(doc, i: int) -> bool:
    """Token ``i`` is written with no space before it ("Co-op", "LGBTQ+")."""
    return i > 0 and not doc[i - 1].whitespace_


def _entity_end(doc, i: int) -> int | None:
    """End of the entity (organisation, facility or place) spanning token ``i``, if any."""
    t = doc[i]
    if t.ent_type_ in ("ORG", "FAC", "GPE", "LOC") and t.ent_iob_ in ("B", "I"):
        for e in doc.ents:
            if e.start <= i < e.end:
                return e.end
    return None


def _extend(doc, i: int, stop: int, longs: Iterable[str] = ()) -> int:
    """End of the capitalised name chunk starting at token ``i`` (and/& kept: split later)."""
    text = doc.text
    for long in longs:  # a long form the document defines is one name, commas and all
        if text.startswith(long, doc[i].idx):
            end_char = doc[i].idx + len(long)
            j = i
            while j < stop and doc[j].idx < end_char:
                j += 1
            return j
    j = i + 1
    ent_end = _entity_end(doc, i)
    while j < stop:
        t = doc[j]
        if ent_end is not None and j < ent_end and t.text not in ("'s", "’s"):
            j += 1  # inside an entity, but "the Fooshire Government's": the possessive ends the name
            continue
        if t.text in ("-", "+") and _glued(doc, j):
            j += 1  # hyphenated or "+": glued to the name
            if t.text == "-" and j < stop and _glued(doc, j) and doc[j].is_alpha:
                j += 1
            continue
        if _glued(doc, j) and t.is_alpha and doc[j - 1].text == "-":
            j += 1
            continue
        if t.is_digit and j + 1 < stop and _namey(doc[j + 1]) and not _numberish(doc[j + 1].text):
            j += 1
            continue
        if _namey(t):
            if t.lower_ in PERSON_TITLES or t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and ent_end is None:
                break  # "the Fooshire Alliance Nicola organised": a person follows the name
            e2 = _entity_end(doc, j)
            ent_end = e2 if e2 is not None and (ent_end is None or e2 > ent_end) else ent_end
            j += 1
            continue
        if t.lower_ in CONNECTORS and j + 1 < stop:
            k = j + 1
            if doc[k].lower_ == "the" and t.lower_ in ("of", "for") and k + 1 < stop:
                k += 1  # "Department for the Economy"; but "X and the Y" are two, "X in the Y" is X in Y
            place_next = t.lower_ in ("in", "on", "at", "to") and doc[k].ent_type_ in ("GPE", "LOC")
            if k < stop and _namey(doc[k]) and not doc[k].is_digit and not place_next:
                j = k + 1
                e2 = _entity_end(doc, k)
                ent_end = e2 if e2 is not None and (ent_end is None or e2 > ent_end) else ent_end
                continue
        if t.text in ("'s", "’s", "'", "’") and j + 1 < stop and _namey(doc[j + 1]) \
                and not STRONG_ORG.search(doc[i:j].text.split()[-1]) and not doc[j - 1].is_upper:
            j += 2  # "Fooshire Women's Association": an inner possessive
            continue
        break
    while j > i + 1 and doc[j - 1].lower_ in CONNECTORS:
        j -= 1
    return j


def _skip_paren(doc, i: int, stop: int) -> int | None:
    depth = 0
    for j in range(i, min(stop, i + 25)):
        if doc[j].text == "(":
            depth += 1
        elif doc[j].text == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    return None


@dataclass(slots=True)
class Chunk:
    start: int  # token offsets
    end: int
    anaphor: bool = False
    owner: str | None = None  # "X's Y": Y is X's (a department of a council is not a partner)


_NOT_NOUN = {"last", "next", "this", "every", "each", "also", "now", "then", "still", "again", "together", "already",
             "too", "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might",
             "should", "must", "did", "does", "do", "be", "been", "not", "who", "which", "that", "runs", "run",
             "includes", "include", "said", "says", "helps", "works", "offers", "provides", "supports", "became"}


def _noun_like(t) -> bool:
    """A lowercase word that a name before it would modify ("the X databank"): a noun where the doc is tagged;
    untagged, any word but a verb-like or function word."""
    if t.doc.has_annotation("TAG"):
        return t.pos_ in ("NOUN", "PROPN")
    return t.lower_ not in _NOT_NOUN and not t.lower_.endswith("ed")


def _after_paren(doc, j: int, stop: int) -> int:
    """The first token after ``j`` that is not inside a parenthesis ("X (XY) volunteers")."""
    if j < stop and doc[j].text == "(":
        k = _skip_paren(doc, j, stop)
        return k if k is not None else j
    return j


def is_role(text: str) -> bool:
    """A person's role rather than an organisation ("Arts Manager", "Mayor of Fooshire").

    >>> is_role("Arts Manager"), is_role("Mayor of Wrenford"), is_role("Kestrel Mutual")
    (True, True, False)
    """
    return bool(ROLE.search(text))


def scan_list(doc, i: int, stop: int | None = None, heads=PARTNER_HEADS, longs: Iterable[str] = (),
              anaphora: bool = False) -> list[Chunk]:
    """The names of the coordinated list that starts at token ``i``.

    Lowercase descriptors before a name are skipped ("local charity Kestrel
    Mutual"); a capitalised run followed by a lowercase noun modifies it
    ("CCIN affiliate member X", "the X programme") and is not a name, nor is
    one after "a"/"an" ("a Steering Group"); in "X's Y" the name is Y (owned
    by X), or X where Y is not a name; the list ends at a verb, a
    preposition, a clause mark or a full stop.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("with Wrenford Food Bank, local charity Kestrel Mutual and the Fooshire Trust to run it.")
    >>> [doc[c.start:c.end].text for c in scan_list(doc, 1)]
    ['Wrenford Food Bank', 'Kestrel Mutual', 'Fooshire Trust']
    """
    stop = len(doc) if stop is None else min(stop, len(doc))
    out: list[Chunk] = []
    lower_run = 0
    item_pron = False
    first = True
    owner: str | None = None
    pending: Chunk | None = None  # "X's ...": X, kept if what X owns is not a name
    while i < stop:
        t = doc[i]
        low = t.lower_
        if t.is_space or t.text in QUOTES:
            i += 1
            continue
        if t.text == "(":
            j = _skip_paren(doc, i, stop)
            if j is None:
                break
            i = j
            continue
        if t.text in (",", "/") or low in ("and", "&", "or", "plus"):
            if item_pron or first and not out and t.text == "," and lower_run:
                break  # "Alongside this, ...": the cue's object was a pronoun
            lower_run = 0
            i += 1
            continue
        if low == "as" and i + 2 < stop and doc[i + 1].lower_ == "well" and doc[i + 2].lower_ == "as":
            i += 3
            continue
        if t.text in TERMINATORS or t.is_punct or t.text == ")":
            break
        if low in PERSON_TITLES and i + 1 < stop and _namey(doc[i + 1]):
            i = _extend(doc, i + 1, stop)  # a person: not an organisation
            first = False
            continue
        if anaphora and low == "council" and i > 0 and doc[i - 1].lower_ in ("the", "this", "our", "its"):
            if not (i + 1 < stop and doc[i + 1].text in ("'s", "’s")):
                out.append(Chunk(i, i + 1, anaphor=True))
                i += 1
                first = False
                lower_run = 0
                continue
        if _namey(t):
            if low in ARTICLES and i + 1 < stop and _namey(doc[i + 1]):
                i += 1  # "The Fooshire Trust"; but "Your Voice" may be a name
                continue
            j = _extend(doc, i, stop, longs)
            generic = i > 0 and doc[i - 1].lower_ in ("a", "an") and heads is not FUNDING_HEADS
            if j < stop and doc[j].text in ("'s", "’s", "'", "’"):
                k = j + 1
                if k < stop and _namey(doc[k]):
                    y_end = _extend(doc, k, stop, longs)
                    if is_role(doc[k:y_end].text):  # "the Fooshire Government's Director General": Fooshire Government
                        if not generic:
                            out.append(Chunk(i, j, owner=owner))
                        i = y_end
                        first = False
                        continue
                    owner = doc[i:j].text  # "X's Y": Y, and what follows in the list, are X's
                    if _exact_entity(doc, i, j) not in ("GPE", "LOC", "NORP") and not generic:
                        pending = Chunk(i, j, owner=None)
                        if heads is PARTNER_HEADS and STRONG_ORG.search(owner) and not re.search(r"\bCouncil\b", owner):
                            out.append(pending)  # "Fooshire University's Centre for X": both take part
                            pending = None
                    i = k
                    continue
                if _exact_entity(doc, i, j) not in ("GPE", "LOC", "NORP") and not generic:
                    out.append(Chunk(i, j, owner=owner))  # "X's own investment": X is named, its thing is not
                i = k
                lower_run = 1
                first = False
                continue
            after = _after_paren(doc, j, stop)
            nxt = doc[after] if after < stop else None
            if nxt is not None and nxt.is_alpha and nxt.text.islower() and nxt.lower_ not in SEPARATORS \
                    and nxt.lower_ not in STOP_WORDS and nxt.lower_ not in heads and _noun_like(nxt):
                i = after  # a modifier: "CCIN affiliate member ...", "the X databank"
                if pending is not None:
                    out.append(pending)  # "UNICEF UK's Child Friendly Cities programme": UNICEF UK
                    pending = owner = None
                lower_run = 0
                first = False
                continue
            pending = None
            if not generic:
                own = "our" if i > 0 and doc[i - 1].lower_ in ("our", "its", "their", "his", "her") else owner
                out.append(Chunk(i, j, owner=own))
            i = j
            if nxt is not None and after == j and nxt.lower_ in heads and nxt.text.islower():
                i += 1
            lower_run = 0
            first = False
            continue
        # a lowercase word
        if low in STOP_WORDS or low == "to":
            break
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") or t.is_digit and not out:
            if not (t.pos_ == "VERB" and t.tag_ in ("VBN", "VBG") and i + 1 < stop and doc[i + 1].pos_ == "NOUN"):
                break
        if low in PRONOUNS:
            item_pron = True
        lower_run += 1
        first = False
        if lower_run > 7:
            break
        i += 1
    return out


def names_before(doc, k: int, floor: int = 0) -> list[Chunk]:
    """The name ending at token ``k`` (inclusive) and the names coordinated before it.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("It joins the Wrenford Towns Fund, Harbour Deal and Kestrel Fund capital funding.")
    >>> [doc[c.start:c.end].text for c in names_before(doc, 11)]
    ['Wrenford Towns Fund', 'Harbour Deal', 'Kestrel Fund']
    """
    out: list[Chunk] = []
    j = k
    while j >= floor:
        if not _namey(doc[j]):
            break
        end = j + 1
        s = j
        while s - 1 >= floor and doc[s - 1].lower_ not in DETERMINERS and (
                _namey(doc[s - 1]) or doc[s - 1].lower_ in ("of", "for", "to", "&") and s - 2 >= floor and
                _namey(doc[s - 2]) and not is_role(doc[s - 2].text) or doc[s - 1].text == "-" and _glued(doc, s)
                or doc[s - 1].text in ("'s", "’s") and s - 2 >= floor and _namey(doc[s - 2])):
            s -= 1
        if not _namey(doc[s]) or s >= end or doc[s].lower_ in DETERMINERS or _numberish(doc[s].text):
            break
        out.insert(0, Chunk(s, end))
        p = s - 1
        if p >= floor and doc[p].lower_ == "the":
            p -= 1
        if p >= floor and (doc[p].text == "," or doc[p].lower_ in ("and", "&", "or")):
            p -= 1
            if p >= floor and doc[p].text == "," :
                p -= 1
            if p >= floor and doc[p].lower_ in ("and", "or"):
                p -= 1
            j = p
            continue
        break
    return out


def subject_names(doc, v) -> list[Chunk]:
    """The subject(s) of the active verb ``v``, climbing through "is pleased to be working ...".

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> nlp = spacy.blank("en")
    >>> words = ["Kestrel", "Mutual", "commissioned", "the", "study", "."]
    >>> doc = Doc(nlp.vocab, words=words, heads=[1, 2, 2, 4, 2, 2],
    ...           deps=["compound", "nsubj", "ROOT", "det", "dobj", "punct"])
    >>> [doc[c.start:c.end].text for c in subject_names(doc, doc[2])]
    ['Kestrel Mutual']
    """
    subs = []
    for _ in range(4):
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
            return []  # "X was funded": X is not the funder
        subs = [c for c in v.children if c.dep_ == "nsubj"]
        if subs:
            if v.dep_ == "relcl" and all(x.lower_ in ("which", "that", "who") for x in subs):
                subs = [v.head]  # "X, which funded ...": the relative pronoun stands for X
            break
        if v.dep_ in ("xcomp", "conj", "advcl", "acomp", "ccomp", "pcomp") and v.head is not v:
            v = v.head
            continue
        if v.dep_ == "relcl":
            subs = [v.head]
        break
    out = []
    for s in subs:
        for tok in [s, *s.conjuncts]:
            ch = _chunk_at(doc, tok)
            if ch is not None and not (ch.start > 0 and doc[ch.start - 1].lower_ in ("a", "an")):
                out.append(ch)  # "a Fooshire funded scheme" describes the scheme: no subject
    return out


def _chunk_at(doc, tok) -> Chunk | None:
    if tok.lower_ == "council" and tok.i > 0 and doc[tok.i - 1].lower_ in ("the", "our", "this"):
        return Chunk(tok.i, tok.i + 1, anaphor=True)
    for e in doc.ents:
        if e.start <= tok.i < e.end and e.label_ in ("ORG", "FAC", "GPE", "NORP", "PERSON", "WORK_OF_ART",
                                                      "PRODUCT", "EVENT", "LOC"):
            return Chunk(e.start, e.end)
    if tok.pos_ == "NOUN" and not tok.ent_type_:
        return None  # "Advisers visited ...": a common noun that starts a sentence
    if not _namey(tok) or tok.like_num or tok.ent_type_ in ("CARDINAL", "ORDINAL", "DATE", "TIME", "PERCENT", "MONEY"):
        return None
    s = tok.i
    while s > 0 and (_namey(doc[s - 1]) or doc[s - 1].lower_ in ("of", "for", "to") and s - 2 >= 0 and
                     _namey(doc[s - 2])):
        s -= 1
    return Chunk(s, _extend(doc, s, len(doc)))


# ---------------------------------------------------------------- reading one unit


def _amount_spans(doc) -> list[tuple[Amount, int, int]]:
    out = []
    for a in find_amounts(doc.text):
        if a.qualifier == "rate":
            continue
        sp = doc.char_span(a.start, a.end, alignment_mode="expand")
        if sp is None:
            continue
        out.append((a, sp.start, sp.end))
        for t in sp:
            t._.ccin_amt = True
    return out


def _hits_from_chunks(doc, chunks: list[Chunk], role: str, rule: str, conf: float, weak: bool,
                      whole_ok: Callable[[str], bool], funding: bool = False) -> list[Hit]:
    """Split each chunk at and/& (unless it is one name) and make hits with exact offsets."""
    out = []
    items: list[tuple[str, int, int, bool, str | None]] = []
    for ch in chunks:
        if ch.anaphor:
            t = doc[ch.start]
            items.append((t.text, t.idx, t.idx + len(t.text), True, None))
            continue
        span = doc[ch.start:ch.end]
        text = span.text
        base = span.start_char
        if not funding and NOT_PARTNER_HEAD.search(text.rstrip(" .,")):
            continue  # "the Neighbourhood Development and Support Unit": one unit of the council
        exact = _exact_entity(doc, ch.start, ch.end) and not re.search(r"\s(?:and|&|or)\s", text)
        names = [tidy(text)] if exact or whole_ok(tidy(text)) else split_org_list(text, whole_ok)
        if funding:  # "UK Green or Fooshire Growth Funding": two funds
            names = [p for n in names for p in re.split(r"\s+or\s+(?=[A-Z])", n)]
        names = [re.sub(r"^(?:The|A|An)\s+(?=[A-Z0-9])", "", re.sub(r"\s*\(.*$", "", n).strip()) for n in names]
        names = [n for n in names if n and not re.search(r"[/@]|\.(?:coop|com|org|uk|net)\b", n)]
        pos = 0
        for n in names:
            k = text.find(n, pos)
            if k < 0:
                continue
            pos = k + len(n)
            items.append((n, base + k, base + k + len(n), False, ch.owner))
    if funding and len(items) >= 2:  # "Fooshire Green or Wrenford Growth Funding": the head is shared
        head = FUND_HEAD.search(items[-1][0])
        if head:
            items = [(n + " " + head.group(1), s, e, a, o)
                     if not a and not FUND_HEAD.search(n) and not STRONG_ORG.search(n) else (n, s, e, a, o)
                     for n, s, e, a, o in items]
    for n, s, e, anaphor, owner in items:
        if not n:
            continue
        sp = doc.char_span(s, e, alignment_mode="expand")
        ent = _exact_entity(doc, sp.start, sp.end) if sp is not None else None
        backed = sp is not None and any(t.ent_type_ == "ORG" for t in sp)
        out.append(Hit(role, n, s, e, rule, conf, anaphor=anaphor, weak=weak, entity=ent, backed=backed,
                       token_end=sp.end if sp is not None else 0, extras={"owner": owner} if owner else {}))
    return out


def _exact_entity(doc, start: int, end: int) -> str | None:
    """The label of the entity that covers tokens start..end exactly (a leading "the" aside)."""
    for e in doc.ents:
        s = e.start + (1 if e[0].lower_ == "the" and len(e) > 1 else 0)
        st = start + (1 if doc[start].lower_ == "the" and end - start > 1 else 0)
        if s == st and e.end == end:
            return e.label_
    return None


def read_unit(doc, rules: RoleRules, whole_ok: Callable[[str], bool], longs: Iterable[str] = ()) -> list[Hit]:
    """Every role hit of one parsed unit (a line or a paragraph)."""
    strings = doc.vocab.strings
    longs = sorted(longs, key=len, reverse=True)
    hits: list[Hit] = []
    # ---- role cues
    best: dict[tuple[int, str], tuple[int, str, int, int]] = {}
    for key, start, end in rules.cues(doc):
        rid = strings[key]
        row = rules.meta[rid]
        if not pos_ok(doc, row, start):
            continue
        if row.get("subject_in") and not _subject_in(doc[start], row["subject_in"]):
            continue
        if row.get("context") == "collective" and not _collective_before(doc, start):
            continue  # "including X": only where the sentence is about organisations
        slot = (end if row["side"] == "after" else start, row["role"])
        cand = (rules.order[rid], rid, start, end)
        if slot not in best or cand[0] < best[slot][0]:
            best[slot] = cand
    for _, rid, start, end in sorted(best.values(), key=lambda x: x[2]):
        row = rules.meta[rid]
        role, side, conf, weak = row["role"], row["side"], row["confidence"], bool(row.get("weak"))
        funding = role == "funder"
        heads = FUNDING_HEADS if funding else PARTNER_HEADS
        if side == "after":
            begin = end - 1 if row.get("name_in_pattern") else end  # the pattern ends on the name's first token
            chunks = scan_list(doc, begin, heads=heads, longs=longs)
        elif side == "before":
            v = doc[start + int(row.get("anchor", 0))]
            chunks = subject_names(doc, v)
        elif side == "left":
            if row.get("name_before_match") and end < len(doc) and doc[end].pos_ == "NOUN" and doc[end].text.islower():
                continue  # ", the local cooperative movement": the noun was a modifier, not the descriptor
            chunks = names_before(doc, start - 1 if row.get("name_before_match") else start)
        else:  # "none": the matched token is inside the name; a name alone needs money talk around it
            ch = _chunk_at(doc, doc[start])
            chunks = [ch] if ch is not None and _money_context(doc, ch) else []
        new = _hits_from_chunks(doc, chunks, role, f"text:{rid}", conf, weak, whole_ok, funding)
        if row.get("subject_role") and new:  # "X has teamed up with Y": X takes part too
            subj = subject_names(doc, doc[start])
            new += _hits_from_chunks(doc, subj, row["subject_role"], f"text:{rid}:subject", 0.7, False, whole_ok)
        if weak and new and sum(org_looking(h) for h in new) * 2 >= len(new) and len(new) >= 2:
            for h in new:  # most of the list are organisations: so are the rest ("DWP, Groundwork, the NHS")
                h.weak = False
                h.confidence = min(h.confidence, 0.7)
        if row.get("fund_only"):
            new = [h for h in new if _fund_like(h.name, doc, h)]
        if side in ("before", "left", "none"):
            for h in new:
                h.weak = h.weak or side == "none"
        hits += new
    # ---- amounts
    amounts = _amount_spans(doc)
    if amounts:
        hits += _amount_hits(doc, rules, amounts, hits, whole_ok, longs)
        for _, s, e in amounts:
            for t in doc[s:e]:
                t._.ccin_amt = False
    return hits


MONEY_WORDS = {"fund", "funds", "funded", "funding", "grant", "grants", "invest", "invested", "investing", "investment",
               "award", "awarded", "allocation", "allocated", "finance", "financed", "money", "resources", "budget",
               "paid", "pay", "spend", "spent", "backed", "backing", "complemented", "sponsored", "bid", "bids"}


def _money_context(doc, ch: Chunk) -> bool:
    """The sentence round a fund's name talks of money ("funded by", "£", "grants"), and the fund is not the
    page's own ("our X Fund")."""
    span = doc[ch.start:ch.end]
    if ch.start > 0 and doc[ch.start - 1].lower_ in ("our", "a", "an", "its", "their", "this"):
        return False
    sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
    return any((t.lower_ in MONEY_WORDS or t.text == "£") and not (ch.start <= t.i < ch.end) for t in sent)


COLLECTIVE = {"partners", "partner", "partnership", "partnerships", "organisations", "organizations", "members",
              "charities", "agencies", "bodies", "groups", "authorities", "councils", "providers", "institutions",
              "stakeholders", "cooperatives", "co-operatives", "co-ops", "coops", "enterprises", "businesses",
              "companies", "funders", "networks", "alliance", "coalition", "consortium", "collaborators",
              "organisation", "employers", "universities", "colleges", "associations", "trusts", "foundations"}


COUNCIL_TALK = re.compile(r"\b(councils|authorities|boroughs|local authority|borough councils|districts)\b", re.I)
COLLECTIVE_NAMES = {"Group", "Partnership", "Network", "Alliance", "Board", "Forum", "Commission", "Coalition",
                    "Consortium", "Collective", "Taskforce", "Panel"}


def _collective_before(doc, i: int) -> bool:
    """A noun for organisations ("partners", "charities") comes before token ``i`` in its sentence
    (or in the sentence before, where the cue starts with "it"/"they": "A Group was formed. It included ...")."""
    lo = doc[i].sent.start if doc.has_annotation("SENT_START") else 0
    if doc[i].lower_ in PRONOUNS and lo > 0:
        lo = doc[lo - 1].sent.start
        if any(t.text in COLLECTIVE_NAMES for t in doc[lo:i]):
            return True
    tagged = doc.has_annotation("DEP")
    return any(t.lower_ in COLLECTIVE and t.text.islower() and not (tagged and t.dep_ == "compound")
               for t in doc[lo:i])


def _subject_in(v, nouns) -> bool:
    """The subject of verb ``v`` (or the noun a participle hangs on) is one of ``nouns``."""
    for _ in range(3):
        subs = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subs:
            return any(x.lower_ in nouns for s in subs for x in (s, *s.conjuncts))
        if v.dep_ in ("acl", "relcl") and v.head.lower_ in nouns:
            return True
        if v.head is v:
            return False
        v = v.head
    return False


def pos_ok(doc, row: dict, start: int) -> bool:
    """The parts of speech a pattern asks for (``"pos": {"0": ["VERB"]}``), where the doc is tagged."""
    if "pos" not in row or not doc.has_annotation("POS"):
        return True
    return all(start + int(i) < len(doc) and doc[start + int(i)].pos_ in tags for i, tags in row["pos"].items())


def _fund_like(name: str, doc, h: Hit) -> bool:
    if FUND_HEAD.search(name):
        return True
    sp = doc.char_span(h.start, h.end, alignment_mode="expand")
    return sp is not None and any(t.ent_id_ in ("fund_name", "acronym") for t in sp) and \
        (any(t.ent_id_ == "fund_name" for t in sp) or _acronym_is_fund(doc, sp.text))


def _acronym_is_fund(doc, text: str) -> bool:
    acr = getattr(doc.user_data, "get", lambda *_: None)("ccin_acronyms") or {}
    long = acr.get(text)
    return bool(long and FUND_HEAD.search(long))


def _amount_hits(doc, rules: RoleRules, amounts, role_hits: list[Hit], whole_ok, longs) -> list[Hit]:
    strings = doc.vocab.strings
    out: list[Hit] = []
    bound: set[int] = set()  # amount token starts already tied
    matches = sorted(rules.amounts(doc), key=lambda m: (rules.order[strings[m[0]]], m[1]))
    for key, start, end in matches:
        rid = strings[key]
        row = rules.meta[rid]
        if not pos_ok(doc, row, start):
            continue
        inside = [(a, s, e) for a, s, e in amounts if start <= s < end]
        side = row["side"]
        if not inside and rid != "amount:cost_to":
            continue
        if inside:
            a, s, e = inside[0]
        chunks: list[Chunk] = []
        if side == "after":
            begin = end - 1 if row.get("name_in_pattern") else end
            chunks = scan_list(doc, begin, heads=FUNDING_HEADS, longs=longs, anaphora=True)[:3]
            if rid == "amount:cost_to":
                if not chunks:
                    continue
                after = [(a, s, e) for a, s, e in amounts if chunks[0].end <= s <= chunks[0].end + 4]
                if not after:
                    continue
                a, s, e = after[0]
        elif side == "before":
            chunks = subject_names(doc, doc[start + int(row.get("anchor", 0))])
        elif side == "anaphor":
            chunks = [Chunk(end - 1, end, anaphor=True)]
        elif side == "pending":
            prior = [h for h in role_hits + out if h.role == "funder" and h.token_end <= start and h.amount is None]
            if prior and s not in bound:
                prior[-1].amount = a
                prior[-1].extras["amount_rule"] = rid
                bound.add(s)
            continue
        if s in bound or not chunks:
            continue
        new = _hits_from_chunks(doc, chunks, "funder", rid, row["confidence"], False, whole_ok, funding=True)
        if row.get("fund_only"):
            new = [h for h in new if _fund_like(h.name, doc, h)]
        if not new:
            continue
        bound.add(s)
        if len(new) == 1 or all(h.name == new[0].name for h in new):
            new[0].amount = a
        else:  # "£X of A or B funding": the sum is the group's, written on each with "joint"
            shared = replace(a, qualifier="joint" if a.qualifier is None else f"{a.qualifier}, joint")
            for h in new:
                h.amount = shared
        out += new
    return out


# ---------------------------------------------------------------- approaches helper for callers


def person_like(doc_text: str, h: Hit) -> bool:
    """A name that reads as a person's: preceded by a title, or tagged PERSON with no organisation word."""
    before = doc_text[max(0, h.start - 12):h.start].strip().lower().rstrip(".")
    if before.split() and before.split()[-1] in PERSON_TITLES:
        return True
    role_after = bool(ROLE_AFTER.match(doc_text[h.end:h.end + 60]))
    return h.entity == "PERSON" and not STRONG_ORG.search(h.name) and not re.search(r"[A-Z]{2}", h.name) \
        and len(h.name.split()) in (2, 3) and (h.weak or role_after or h.rule.endswith(("led_by", "x_led")))


def plausible_name(h: Hit) -> bool:
    """A name that may be an organisation: not generic, not a month, not a role, not a single common word.

    >>> names = ("Kestrel Mutual", "The", "This Year", "Arts Manager")
    >>> [plausible_name(Hit("partner", n, 0, 0, "r", 1)) for n in names]
    [True, False, False, False]
    """
    n = h.name
    words = n.split()
    if len(n) < 2 or not words or is_generic(n) or n.lower() in MONTHS or GENERIC_PLURAL.match(n):
        return False
    if not re.search(r"[A-Za-z]{2}", n) or _numberish(n) or is_role(n):
        return False
    if words[0].lower() in ARTICLES | PRONOUNS | PERSON_TITLES or words[-1].lower() in PERSON_TITLES:
        return False
    if re.search(r"-(based|led|owned|run|focused|wide)$", n) or len(words) == 1 and n.lower() in _COMMON:
        return False
    return True


# capitalised words that start sentences or headings, never an organisation's whole name
_COMMON = {
    "additional", "funding", "support", "council", "councils", "government", "fund", "trust", "service",
    "services", "partnership", "network", "team", "board", "group", "project", "programme", "scheme",
    "supporting", "community", "communities", "housing", "education", "health", "business", "local",
    "national", "public", "social", "libraries", "library", "city", "borough", "county", "town",
    "district", "region", "state", "people", "london borough", "royal borough", "city council", "residents",
    "members", "partners", "we", "they", "it", "mayor", "deputy", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "several", "many", "both", "most", "some", "each", "all", "first",
    "second", "third", "cllr", "chair", "officers", "staff", "volunteers", "ngos"
}


def org_looking(h: Hit) -> bool:
    """Evidence beyond the cue that the name is an organisation: an ORG entity or an organisation word."""
    return (h.backed or h.entity == "ORG" or bool(STRONG_ORG.search(h.name))
            or bool(re.search(r"\b[A-Z]{3,}\b", h.name)) or bool(re.fullmatch(r"[A-Z]{2,6}", h.name)))


def fund_like(name: str) -> bool:
    """A fund or grant programme's name ("Fooshire Green Fund", "Kestrel Fund for Families")."""
    return bool(FUND_HEAD.search(name)) or bool(re.search(r"\bFunds?\b", name))


def not_partner_head(name: str) -> bool:
    return bool(NOT_PARTNER_HEAD.search(name))


_LEGAL = re.compile(r"\s+(cic|ltd|limited|llp|plc|inc|cio|community interest company)$")


def same_org(a: str, b: str, register=None) -> bool:
    """Two names for one organisation: equal keys (legal suffixes aside), or the register takes both
    to one council (a bare place name stands for its council).

    >>> same_org("The Fooshire Trust", "Fooshire Trust"), same_org("Kestrel Mutual CIC", "Kestrel Mutual")
    (True, True)
    """
    ka, kb = norm_key(a), norm_key(b)
    if ka == kb or _LEGAL.sub("", ka) == _LEGAL.sub("", kb):
        return True
    if register is not None and _council_ref(a) and _council_ref(b):
        ra, rb = _reg_match(register, a), _reg_match(register, b)
        if ra is not None and rb is not None:
            ka = getattr(ra, "code", None) or getattr(ra, "official_name", None)
            kb = getattr(rb, "code", None) or getattr(rb, "official_name", None)
            return ka is not None and ka == kb
    return False


def _council_ref(name: str) -> bool:
    """A name that can stand for a council: a council's name, or a bare place ("Fooshire"), not "University of X"."""
    return bool(re.search(r"\b(Council|Borough|Authority)\b", name)) or not STRONG_ORG.search(name)


def _reg_match(register, name: str):
    try:
        return register.match(name, allow_place=True)
    except TypeError:  # a register without places
        return register.match(name)


def key_in_title(name: str, title: str, whole: bool = False) -> bool:
    """The name is the initiative's own title (or, unless ``whole``, a whole-word part of it).

    >>> key_in_title("Fooshire Food Collective", "Fooshire Food Collective")
    True
    >>> key_in_title("Save Wrenford", "Save Wrenford Campaign")
    True
    >>> key_in_title("Save Wrenford", "Save Wrenford Campaign", whole=True)
    False
    """
    k, t = norm_key(name), norm_key(title)
    if not k or not t:
        return False
    from rapidfuzz import fuzz

    if k == t or len(k) >= 12 and fuzz.ratio(k, t) >= 90:
        return True
    return not whole and len(k) >= 3 and f" {k} " in f" {t} " and (len(k.split()) >= 2 or name.isupper())


# ---------------------------------------------------------------- lists introduced by a line

_GROUP_NOUNS = (r"(?:partners|partner organisations|organisations|organizations|charities|recipients|grantees|"
                r"groups|projects|members)")
INTRO = re.compile(
    rf"(?:\b{_GROUP_NOUNS}\b.*\b(?:funded|awarded|supported|include|included|are|were|involved|as follows)\b"
    rf"|\b(?:funded|awarded|supported)\b.*\b{_GROUP_NOUNS}\b)[^:]*:\s*$", re.I)
_ITEM = re.compile(r"^\s*(?:[-•*–]\s*|\d{1,2}[.)]\s+)?(?P<name>\S.*)$")


def intro_lists(doc, start: int, end: int) -> list[Hit]:
    r"""Names that lead the items of a list a line introduces ("The projects funded were:", "Partners:").

    Each following line (until a blank run, a heading or twelve items) that
    starts with a capitalised name gives that name, the organisation taking
    part.

    >>> from ccin_kg.ingest.records import Document
    >>> text = "The full list of projects funded is as follows:\n\nKestrel Mutual, a charity, towards a hub.\n" \
    ...        "Wrenford Food Bank to buy a van.\n\nNext heading"
    >>> [h.name for h in intro_lists(Document("d", "d", text, "0"), 0, len(text))]
    ['Kestrel Mutual', 'Wrenford Food Bank']
    """
    from ccin_kg.extract.orgnames import leading_name

    text = doc.text
    out: list[Hit] = []
    lines = text[start:end].split("\n")
    pos = start
    offs = []
    for line in lines:
        offs.append(pos)
        pos += len(line) + 1
    k = 0
    while k < len(lines):
        if not INTRO.search(re.split(r"(?<=[.!?])\s+", lines[k].strip())[-1]):
            k += 1
            continue
        items = 0
        j = k + 1
        blanks = 0
        while j < len(lines) and items < 12:
            line = lines[j].strip().replace("**", "")
            if not line:
                blanks += 1
                if blanks > 3:
                    break
                j += 1
                continue
            blanks = 0
            m = _ITEM.match(line)
            name = leading_name(m.group("name")) if m else None
            rest = m.group("name")[len(name):] if m and name and m.group("name").startswith(name) else ""
            if not name or not (rest[:1] in (",", " ", "–", "-", ":", ".", "") and (not rest.strip() or
                                                                                  rest.strip()[:1] in ",–-:." or
                                                                                  rest.strip()[:1].islower())):
                break
            s0 = text.find(name, offs[j], offs[j] + len(lines[j]))
            looks = STRONG_ORG.search(name) or (len(name.split()) >= 2 or re.search(r"[a-z][A-Z]", name)) and \
                rest.strip()  # an item with its own description: "Kestrel Mutual, a charity, towards ..."
            if s0 >= 0 and looks and not _numberish(name) and plausible_name(Hit("partner", name, 0, 0, "", 0)):
                out.append(Hit("partner", name, s0, s0 + len(name), "text:list_after_intro", 0.7))
            items += 1
            j += 1
        k = j
    return out


# ---------------------------------------------------------------- one initiative


def assign_roles(ini, doc, hits: list[Hit], register=None, is_council: Callable[[str], bool] = lambda s: False,
                 acronyms: Mapping[str, str] | None = None, leads_from_text: bool = True,
                 body: Callable[[int], bool] = lambda offset: True) -> None:
    """Add the prose's leads, partners and funders (with amounts) to ``ini``.

    ``hits`` carry offsets into ``doc.text``; ``body(offset)`` says whether an
    offset is in the initiative's running text (not its header or contact
    block). A lead the prose names where the layout already gave one becomes
    a partner ("the partnership led by X"); "the council" stands for the
    page's own council in amount rules only; a name is never both lead and
    partner, and a name a funding cue holds is not also made a partner by a
    looser cue of the same sentence.
    """
    from ccin_kg.extract.approaches import is_approach_name
    from ccin_kg.extract.evidence import evidence, sentence_around
    from ccin_kg.extract.records import Funding, OrgRef

    acronyms = acronyms or {}

    def key(name: str) -> str:
        return _LEGAL.sub("", norm_key(acronyms.get(name, name)))

    def is_lead(name: str) -> bool:
        return any(same_org(name, r.name, register) or key(name) == key(r.name) or
                   name in acronyms and same_org(acronyms[name], r.name, register) for r in ini.lead)

    def council_ok(name: str) -> bool:
        return is_council(name) or is_council(name + " Council")

    seen_as_org = {norm_key(r.name) for r in ini.organisations}

    def org_elsewhere(name: str) -> bool:
        """The NER's "person" is an organisation elsewhere on the page, or names the initiative."""
        return norm_key(name) in seen_as_org or key_in_title(name, ini.title)

    structural_lead = bool(ini.lead)
    lead_council = [r.name for r in ini.lead if is_council(r.name) or re.search(r"\bCouncil\b", r.name)]
    partners = {key(r.name): r for r in ini.partners}
    funders = {key(f.funder): f for f in ini.funders}
    mine = [h for h in hits if ini.start <= h.start < ini.end and body(h.start)]
    funded_spans = {(h.start, h.end) for h in mine if h.role == "funder"}
    for h in sorted(mine, key=lambda h: (h.amount is None, h.start)):
        name = h.name
        if h.anaphor:
            if h.role != "funder" or h.amount is None or len(lead_council) != 1:
                continue
            name = lead_council[0]
        elif not plausible_name(h) or person_like(doc.text, h) and not org_elsewhere(name):
            continue
        elif re.search(r"\b(?:Council|Government|Authority)['’]s\b", name):
            continue  # "the Council's Learning and Skills Team": a part of the council, not a name
        elif h.entity in ("GPE", "LOC", "NORP"):
            # a place is not an organisation, unless the sentence talks of councils and it names one
            if not (council_ok(name) and COUNCIL_TALK.search(sentence_around(doc.text, h.start, h.end))):
                named_org = len(name.split()) >= 2 and (h.role == "funder" or STRONG_ORG.search(name))
                if h.weak or h.entity == "NORP" or not named_org:
                    continue  # "North East Child Poverty Commission" tagged LOC is still an organisation
        elif h.weak and not org_looking(h):
            continue
        names = [name] + ([acronyms[name]] if name in acronyms else [])
        title_is = any(key_in_title(n, ini.title, whole=True) for n in names) or \
            name.isupper() and re.search(rf"\b{re.escape(name)}\b", ini.title) is not None  # the initiative itself
        title_hit = title_is or not council_ok(name) and any(key_in_title(n, ini.title) for n in names)
        rule = h.rule if ":" in h.rule else f"text:{h.rule}"
        conf = min(h.confidence, 0.7) if h.weak else h.confidence
        if h.role == "funder":
            if title_is and not h.anaphor or is_approach_name(name):
                continue
            owner = h.extras.get("owner")
            if not fund_like(name) and (INTERNAL_HEAD.search(name) or owner and owner != "our" and (
                    is_lead(owner) or owner.lower() in ("council", "the council"))):
                continue  # "funded by the Council's Skills Team": the lead's own money, not a funder named
            k = key(name)
            amount = h.amount
            old = funders.get(k)
            if old is not None and (old.amount_gbp is not None or amount is None):
                continue
            if amount is not None and not rule.startswith("amount:"):
                rule = "amount:" + h.extras.get("amount_rule", rule).split(":")[-1]
            funders[k] = Funding(name, float(amount.value) if amount else None,
                                 evidence(doc, h.start, h.end, rule, conf),
                                 amount.text.strip() if amount else None, amount.qualifier if amount else None)
            continue
        if h.anaphor or is_lead(name) or (h.start, h.end) in funded_spans:
            continue
        owner = h.extras.get("owner")
        if owner and (owner == "our" or is_lead(owner) or owner.lower() in ("council", "the council")):
            continue  # "the Council's Libraries team": part of the lead
        m = re.search(r"\b(?:Departments?|Directorates?|Teams?|Services|Units?|Boards?|Committees?|Offices?)\s+"
                      r"(?:of|at|within)\s+(?:the\s+)?(.+)$", name)
        if m and is_lead(m.group(1)):
            continue  # "the Social Care Departments of Fooshire Council": part of the lead
        if is_approach_name(name) or fund_like(name) or not_partner_head(name):
            continue
        if h.role == "lead" and not structural_lead and leads_from_text and not title_is:
            if not any(key(r.name) == key(name) for r in ini.lead):
                ini.lead.append(OrgRef(name, evidence(doc, h.start, h.end, rule, conf)))
            continue
        if title_hit:
            continue  # "the Save Wrenford campaign": the initiative, not a partner in it
        k = key(name)
        if k not in partners:
            partners[k] = OrgRef(name, evidence(doc, h.start, h.end, rule, conf))
    kept: dict[object, OrgRef] = {}
    for r in partners.values():
        if is_lead(r.name):
            continue
        info = _reg_match(register, r.name) if register is not None and _council_ref(r.name) else None
        code = getattr(info, "code", None) or getattr(info, "official_name", None) if info is not None else None
        k = ("council", code) if code else ("name", key(r.name))
        if k not in kept or len(r.name) > len(kept[k].name):  # "Ashmere" and "Ashmere District Council": one
            kept[k] = r
    ini.partners = list(kept.values())
    ini.funders = list(funders.values())


LOCATIVE = {"in", "at", "across", "around", "throughout", "near", "from", "to", "within", "of", "into", "towards",
            "between", "outside", "inside", "beyond"}


def places_of(ini, doc, places: list[tuple[str, int, int, str]], register=None) -> None:
    """Places the initiative is located in: GPE/LOC entities of its text and its councils' areas.

    ``places`` holds (text, start, end, rule) with offsets into ``doc.text``.
    A place never stands for an organisation: names of the initiative's
    organisations are not places.
    """
    from ccin_kg.extract.evidence import evidence
    from ccin_kg.extract.records import Labelled

    orgs = {norm_key(r.name) for r in ini.lead + ini.partners} | {norm_key(f.funder) for f in ini.funders}
    seen = {norm_key(p.label) for p in ini.places}
    out = list(ini.places)
    for r in ini.lead + ini.partners:  # the register's place for each council taking part
        info = register.match(r.name) if register is not None else None
        place = getattr(info, "nice_name", None) if info is not None else None
        if place and norm_key(place) not in seen:
            seen.add(norm_key(place))
            out.append(Labelled(place, evidence(doc, r.evidence.start, r.evidence.end, "register:council-area", 0.7)))
    orgs |= {norm_key(r.name) for r in ini.organisations}
    spans = [(r.evidence.start, r.evidence.end) for r in ini.lead + ini.partners + ini.organisations]
    for text, s, e, rule in places:
        if not (ini.start <= s < ini.end):
            continue
        label = tidy(text)
        k = norm_key(label)
        if not label or k in seen or k in orgs or len(label) < 3 or not label[:1].isupper():
            continue
        if any(a <= s and e <= b and (a, b) != (s, e) for a, b in spans):
            continue  # "Teens" in "Growing Resilience in Teens": part of a name
        before = doc.text[max(0, s - 16):s].lower().split()
        if before and before[-1] == "the":
            before = before[:-1]
        if label.lower() in _COMMON or rule != "ruler:register-place" and not (before and before[-1] in LOCATIVE):
            continue  # the NER's guess alone ("Wellbeing") is not enough: "in X", "across X" is
        seen.add(k)
        out.append(Labelled(label, evidence(doc, s, e, rule, 0.6)))
    ini.places = out
