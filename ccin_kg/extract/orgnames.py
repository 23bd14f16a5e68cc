"""Organisation names in running text: find, tidy and split lists of them."""

from __future__ import annotations

import re

SMALL = {"of", "and", "&", "for", "the", "in", "on", "at", "to", "de", "du", "la"}
GENERIC = {
    "councils", "partners", "partner organisations", "organisations", "residents", "communities",
    "the council", "council", "local authorities", "local partners", "members", "businesses", "schools",
    "the government", "government", "charities", "groups", "others", "volunteers", "citizens", "network",
    "the network", "communities", "community",
}
ORG_WORDS = re.compile(
    r"\b(Council|Authority|CIC|Ltd|Limited|LLP|PLC|Trust|Foundation|Society|Solicitors|Network|Partnership|"
    r"Alliance|Agency|Association|Consortium|Academy|College|University|Commission|Fund|Funds|NHS|Board|"
    r"Department|Ministry|Service|Services|Group|Co-?op(?:erative)?s?|Centre|Institute|Forum|UK|Unit)\b"
)


def norm_key(name: str) -> str:
    """A key for comparing names: case, punctuation, "&"/"and", "Co-operative", a leading "The".

    >>> norm_key("The Co-operative Heritage Trust") == norm_key("Cooperative Heritage Trust")
    True
    >>> norm_key("Telford & Wrekin Council")
    'telford and wrekin council'
    """
    s = name.lower().replace("&", " and ")
    s = s.replace("co-operative", "cooperative").replace("co-op", "coop")
    s = re.sub(r"[\u2018\u2019'`\"*]", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def tidy(name: str) -> str:
    """Trim list punctuation, possessives and a leading article from a name.

    >>> tidy("the NHS,")
    'NHS'
    >>> tidy("Power to Change's")
    'Power to Change'
    """
    s = re.sub(r"\s+", " ", name.replace("**", "")).strip(" ,.;:()\"'‘’“”-–—")
    s = re.sub(r"[’']s$", "", s)
    s = re.sub(r"^(the|a|an|our|its|their)\s+(?=[A-Z0-9])", "", s)
    return s.strip()


def is_generic(name: str) -> bool:
    """A common noun, not a name ("partners", "the council").

    >>> is_generic("Councils"), is_generic("Locality")
    (True, False)
    """
    return name.strip().lower() in GENERIC or not re.search(r"[A-Z0-9]", name)


def split_org_list(text: str, whole_ok=lambda s: False) -> list[str]:
    """Split "A, B and C" into names, keeping "Telford & Wrekin Council" whole.

    ``whole_ok(s)`` says a string is one name though it holds "and"/"&"
    (a register match, a name seen elsewhere).

    >>> split_org_list("Birmingham City Council and Cooperative Futures")
    ['Birmingham City Council', 'Cooperative Futures']
    >>> split_org_list("Stevenage Borough Council and Sunderland City Council, and Fooville Council")
    ['Stevenage Borough Council', 'Sunderland City Council', 'Fooville Council']
    >>> split_org_list("Telford & Wrekin Council", lambda s: s == "Telford & Wrekin Council")
    ['Telford & Wrekin Council']
    """
    text = tidy(text)
    if not text:
        return []
    if whole_ok(text):
        return [text]
    parts = [p for p in re.split(r",\s*(?:and\s+|&\s+)?|;\s*", text) if p.strip()]
    out = []
    for part in parts:
        part = tidy(part)
        if not part:
            continue
        if whole_ok(part):
            out.append(part)
            continue
        pieces = re.split(r"\s+(?:and|&)\s+(?=(?:the\s+)?[A-Z0-9])", part)
        if len(pieces) > 1 and all(_looks_whole(p) for p in pieces):
            out.extend(tidy(p) for p in pieces)
        elif len(pieces) > 1 and not ORG_WORDS.search(pieces[0]) and ORG_WORDS.search(pieces[-1]) \
                and len(pieces[0].split()) <= 2:
            out.append(part)  # "Barking and Dagenham Council": the first part is not a name alone
        else:
            out.extend(tidy(p) for p in pieces)
    return [o for o in out if o and not is_generic(o)]


def _looks_whole(piece: str) -> bool:
    piece = tidy(piece)
    return bool(ORG_WORDS.search(piece)) or len(piece.split()) >= 2 or bool(re.fullmatch(r"[A-Z0-9]{2,}", piece))


CAP_SEQ = re.compile(
    r"(?:the\s+)?(?:[A-Z0-9][\w'’.&+/-]*)(?:\s+(?:(?:of|and|&|for|the|in|to|on)\s+)?[A-Z0-9][\w'’.&+/-]*)*"
)


def leading_name(text: str) -> str | None:
    """The capitalised name at the start of ``text``, up to the first lowercase word.

    >>> leading_name("Stir to Action - Coop Option Training is designed")
    'Stir to Action'
    >>> leading_name("Oldham Council. The context")
    'Oldham Council'
    """
    m = CAP_SEQ.match(text.strip())
    if not m:
        return None
    name = tidy(re.split(r"\s+[-–—]\s+|[.;:]\s", m.group(0))[0])
    return name or None
