"""Parse the contact block that closes a case study or page.

A block follows "For further information, contact:" and holds, in varying
layouts, one or more people with a role, an organisation and "e:", "t:",
"w:" details::

    Tony Smith Strategic Partnerships Lead – Birmingham City Council
    e: tony.smith@example.gov.uk
    Munni Gahlot & Erem Kash
    Climate Action Officer and Senior Policy Officer - Newham Council
    - e: a@example.gov.uk | b@example.gov.uk
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
DETAIL = re.compile(
    r"(?:^|\s|(?<=\.uk)|(?<=\.com)|(?<=\.org)|(?<=\.coop)|(?<=\.net))(e|t|w|m|tel|email|phone|web|mob)\s*:\s*",
    re.I,
)
HONORIFIC = re.compile(r"^(?:Cllr\.?|Councillor|Dr\.?|Prof\.?|Professor|Mr\.?|Mrs\.?|Ms\.?|Miss|Sir|Dame)\s+", re.I)
NAME_TOKEN = r"(?:Mc|Mac|O['’])?[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?"
PERSON = re.compile(rf"(?:{NAME_TOKEN})(?:\s+(?:{NAME_TOKEN})){{1,2}}")
ROLE_WORDS = {
    "lead", "manager", "officer", "director", "head", "chief", "coordinator", "co-ordinator", "advisor",
    "adviser", "partner", "clerk", "executive", "member", "councillor", "leader", "mayor", "assistant",
    "principal", "senior", "strategic", "policy", "project", "programme", "community", "business",
    "development", "comms", "communications", "operations", "corporate", "deputy", "cabinet", "digital",
    "social", "transformation", "engagement", "intelligence", "marketing", "sales", "climate", "neighbourhood",
}
ORG_END = re.compile(
    r"((?:London|Royal)\s+Borough\s+(?:of\s+)?[A-Z][\w-]+|"
    r"(?:[A-Z][\w&'.-]*\s+){0,5}(?:Council|Authority|CIC|Ltd|Limited|Trust|Foundation|University|Unit|"
    r"Network|Partnership|Society|Co-?op(?:erative)?))\s*$"
)


@dataclass
class ParsedContact:
    name: str
    role: str | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    web: str | None = None
    line: int = 0  # 0-based line (within the block) where the name was read


@dataclass
class _Group:
    people: list[ParsedContact] = field(default_factory=list)


def _strip(line: str) -> str:
    return re.sub(r"\*+", "", line).strip().lstrip("-•*").strip()


def _split_details(line: str) -> tuple[str, list[tuple[str, str]]]:
    """Split "Name Role e: x t: y" into the leading text and its (key, value) details.

    >>> _split_details("Nicola Huckerby Operations Lead e: a@b.coop t: 07813 687292")
    ('Nicola Huckerby Operations Lead', [('e', 'a@b.coop'), ('t', '07813 687292')])
    """
    parts = DETAIL.split(line)
    head = parts[0].strip()
    details = []
    for key, value in zip(parts[1::2], parts[2::2]):
        details.append((key.lower()[0] if key.lower() not in {"mob", "tel"} else "t", value.strip()))
    bare = EMAIL.fullmatch(head)
    if bare:
        return "", [("e", head)] + details
    return head, details


def split_names(text: str) -> tuple[list[str], str]:
    """People named at the start of ``text``, and what follows them.

    >>> split_names("Cllr Paul Dixon & Martin Bell")
    (['Paul Dixon', 'Martin Bell'], '')
    >>> split_names("Tony Smith Strategic Partnerships Lead – Birmingham City Council")
    (['Tony Smith'], 'Strategic Partnerships Lead – Birmingham City Council')
    >>> split_names("Jeevan Jones and Kathy Hopkin Save Birmingham")
    (['Jeevan Jones', 'Kathy Hopkin'], 'Save Birmingham')
    """
    names = []
    rest = text.strip()
    while True:
        rest = HONORIFIC.sub("", rest)
        m = PERSON.match(rest)
        if not m:
            break
        tokens = m.group(0).split()
        # a third token that starts a role ("Tony Smith Strategic ...") is not part of the name
        if len(tokens) == 3 and (tokens[2].lower() in ROLE_WORDS or rest[m.end():].strip()[:1].isupper()):
            tokens = tokens[:2]
        name = " ".join(tokens)
        names.append(name)
        rest = rest[len(name):] if rest.startswith(name) else rest[m.end():]
        rest = rest.strip()
        nxt = re.match(r"^(?:and|&|,)\s+", rest)
        if not nxt:
            break
        rest = rest[nxt.end():]
    return names, rest.strip(" ,")


def split_role_org(text: str) -> tuple[str | None, str | None]:
    """Split "Role – Organisation" (or "Role Organisation Council") into its parts.

    >>> split_role_org("Principal Officer – Partnership Lead – Greater Manchester Unit")
    ('Principal Officer – Partnership Lead', 'Greater Manchester Unit')
    >>> split_role_org("Head of Cabinet Office Hounslow Council")
    ('Head of Cabinet Office', 'Hounslow Council')
    >>> split_role_org("Project Officer, Poverty and Wellbeing")
    ('Project Officer, Poverty and Wellbeing', None)
    """
    s = text.strip(" -–—")
    if not s:
        return None, None
    m = re.match(r"^(?P<role>.+)\s+[-–—]\s+(?P<org>[^-–—]+)$", s)
    if m:
        return m.group("role").strip(), m.group("org").strip()
    m = ORG_END.search(s)
    if m:
        tokens = m.group(1).split()
        # walk back over role words that the pattern swallowed ("Office Hounslow Council")
        k = 0
        while k < len(tokens) - 1 and (tokens[k].lower().strip(",") in ROLE_WORDS or tokens[k] in {"Office", "of"}):
            k += 1
        org = " ".join(tokens[k:])
        role = s[: len(s) - len(org)].strip(" ,-–—")
        if org and (role or len(tokens) > 1):
            return role or None, org
    return s, None


def parse_contact_block(lines: list[str]) -> list[ParsedContact]:
    """People in a contact block, each with role, organisation and details.

    Parameters
    ----------
    lines : the block's lines, after the "For further information" marker.

    Examples
    --------
    >>> cs = parse_contact_block(["Ann Example", "- Policy Lead Fooshire Council", "- e: ann@foo.gov.uk", "- w: foo.gov.uk"])
    >>> (cs[0].name, cs[0].role, cs[0].organisation, cs[0].email, cs[0].web)
    ('Ann Example', 'Policy Lead', 'Fooshire Council', 'ann@foo.gov.uk', 'foo.gov.uk')
    """
    groups: list[_Group] = []
    pending_org: list[str] = []
    for idx, raw in enumerate(lines):
        line = _strip(raw)
        if not line or not re.search(r"[a-z]", line):  # blank, or an all-capitals logo
            continue
        head, details = _split_details(line)
        if head:
            names, rest = split_names(head)
            starts_new = names and (not groups or (_complete(groups[-1]) and _is_person_text(names, rest)))
            if starts_new:
                groups.append(_Group([ParsedContact(n, line=idx) for n in names]))
                if rest:
                    _assign_role_org(groups[-1], rest)
            elif groups:
                _assign_role_org(groups[-1], head)
            else:
                pending_org.append(head)
        if details and groups:
            _assign_details(groups[-1], details)
    people = [p for g in groups for p in g.people]
    return people


def _complete(group: _Group) -> bool:
    """A person is complete once details, or both a role and an organisation, were read for them."""
    p = group.people[-1]
    return bool(p.email or p.phone or p.web or (p.role and p.organisation))


ORG_WORDS = re.compile(r"\b(Council|Authority|Ltd|Limited|CIC|Trust|Foundation|University|Society|Network|Group)\b")


def _is_person_text(names: list[str], rest: str) -> bool:
    """Names that are people, not a role ("Managing Director") or an organisation."""
    for name in names:
        words = name.lower().split()
        if ORG_WORDS.search(name) or any(w in ROLE_WORDS for w in words):
            return False
    return True


def _assign_role_org(group: _Group, text: str) -> None:
    role, org = split_role_org(text)
    people = group.people
    if role and all(p.role for p in people) and not org:
        # a second line after "Role" is the organisation ("Project Officer" / "Inverclyde Council")
        org, role = role, None
    if role:
        roles = [r.strip() for r in re.split(r"\s+/\s+|\s+and\s+(?=[A-Z])", role)] if len(people) > 1 else [role]
        if len(roles) != len(people):
            roles = [role] * len(people)
        for p, r in zip(people, roles):
            if not p.role:
                p.role = r
    if org:
        for p in people:
            if not p.organisation:
                p.organisation = org


def _assign_details(group: _Group, details: list[tuple[str, str]]) -> None:
    people = group.people
    for key, value in details:
        values = [v.strip() for v in re.split(r"\s*\|\s*|\s+/\s+", value) if v.strip()]
        attr = {"e": "email", "t": "phone", "w": "web", "m": "phone", "p": "phone"}.get(key)
        if attr is None:
            continue
        if attr == "email":
            values = [m.group(0) for v in values for m in [EMAIL.search(v)] if m]
        if len(values) == len(people) and len(people) > 1:
            for p, v in zip(people, values):
                setattr(p, attr, getattr(p, attr) or v)
        elif values:
            for p in people:
                if not getattr(p, attr):
                    setattr(p, attr, values[0])
