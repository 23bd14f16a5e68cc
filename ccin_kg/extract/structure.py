"""Facts the document structure states: headers, key/value lines, lists, contact blocks.

One function per section kind turns a :class:`Section` into records; each
fact carries the rule that read it.
"""

from __future__ import annotations

import re

from ccin_kg.extract import principles as P
from ccin_kg.extract.contacts import parse_contact_block
from ccin_kg.extract.evidence import evidence, find_span
from ccin_kg.extract.members import infer_tier, segment, split_at_terminals, tokens_of
from ccin_kg.extract.orgnames import is_generic, leading_name, norm_key, split_org_list, tidy
from ccin_kg.extract.records import Contact, Funding, Initiative, Labelled, Member, OrgRef, WorksWith
from ccin_kg.ingest.layout import YEAR, is_contact_marker, is_heading_like, is_prose
from ccin_kg.ingest.records import Document, Section
from ccin_kg.ingest.sections import WORKING_WITH

NETWORK = "Co-operative Councils' Innovation Network"
KV = re.compile(
    r"^\W*(?P<key>Lead(?: Member| Organisation| Council| Partner)?s?|Participating Members?|Partners?|"
    r"Year|Type|Funder|Funded by|Theme)\s*:?\s+(?P<value>\S.*)$",
    re.I,
)
LED_BY = re.compile(r"\b[Ll]ed by\s+(?P<orgs>[^.;:]+?)(?=[.;:]|,\s+(?:this|with|the|it|and the|which)\b|\s+[-–—]\s|$)")
DONE_BY = re.compile(
    r"\b(?P<verb>[Cc]ompleted|[Dd]elivered|[Cc]ompiled|[Ff]acilitated|[Rr]un|[Ss]upported|[Pp]roduced)\s+by\s+"
    r"(?P<orgs>[^.;:]+?)(?=[.;:]|,|\s+[-–—]\s|$)"
)
ORG_LED = re.compile(r"(?P<org>(?:The\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*)*)\s+led\s+(?:a|an|the)\b")
WORKED_TOGETHER = re.compile(r"^(?:[-–—]\s*)?(?P<orgs>[^.;]+?),?\s+(?:worked|working|came)\s+together\b")
TYPE_NAMES = {
    "policy lab": "Policy lab", "study visit": "Study visit", "training": "Training", "case study": "Case study",
    "funded project": "Funded project", "campaign": "Campaign", "programme": "Programme",
}


def _type_name(value: str) -> str:
    """Normalise a stated type ("Policy Labs") to one of the initiative types.

    >>> _type_name("Policy Labs"), _type_name("Study Visits")
    ('Policy lab', 'Study visit')
    """
    v = re.sub(r"s$", "", value.strip().lower())
    return TYPE_NAMES.get(v, value.strip())


class Context:
    """What extraction of one document knows: the document, a register check, known names."""

    def __init__(self, doc: Document, is_council=lambda s: False, known=lambda s: False):
        self.doc = doc
        self.is_council = is_council
        self.known = known

    def whole(self, name: str) -> bool:
        return self.is_council(name) or self.known(name) >= 1

    def orgs(self, text: str, start: int, rule: str, conf: float, lo: int = 0, hi: int | None = None,
             whole=None) -> list[OrgRef]:
        """Organisation references for each name in the list ``text`` found at/after ``start``."""
        hi = len(self.doc.text) if hi is None else hi
        out = []
        for name in split_org_list(text, whole or self.whole):
            s, e = find_span(self.doc, name, max(lo, start), hi)
            out.append(OrgRef(name, evidence(self.doc, s, e, rule, conf)))
        return out


# ---------------------------------------------------------------- case studies


def case_study(ctx: Context, sec: Section) -> Initiative:
    doc = ctx.doc
    h = sec.header
    title = sec.title or ""
    t0, t1 = find_span(doc, title, sec.start, sec.end)
    ini = Initiative(doc.name, sec.first_line, sec.last_line, sec.start, sec.end, title,
                     evidence(doc, t0, t1, "layout:case-study-title"), theme=h.get("theme"), type="Case study")
    org_text = h.get("organisation") or ""
    o0 = doc.text.find(org_text, sec.start, sec.end)
    ini.lead = _header_orgs(ctx, org_text, o0 if o0 >= 0 else sec.start, title)
    body_lo = t1
    body_hi = _line_offset(doc, h.get("contact_line", sec.last_line + 1) - 1)
    ini.year = _first_year(doc.text[body_lo:body_hi])
    ini.contacts = _contacts(ctx, h.get("contact_line"), h.get("contact_end_line"))
    ini.principles = _principles(ctx, sec)
    return ini


def _header_orgs(ctx: Context, org_text: str, at: int, title: str = "") -> list[OrgRef]:
    """The presenting organisation(s) of a header: "X working with Y" names both.

    The header line itself is not evidence that it is one name ("Fooshire
    Council & Kestrel Mutual" names two); "X and the Y" always names two; a
    title the PDF ran on after the names is cut off.
    """
    org_text = _cut_run_on_title(org_text, title)

    def whole(s: str) -> bool:
        return ctx.is_council(s) or (ctx.known(s) >= 1 and norm_key(s) != norm_key(org_text))

    def names(text: str) -> str:
        return re.sub(r"\s+and\s+(?=the\s+[A-Z])", ", ", text)

    m = WORKING_WITH.match(org_text)
    if m:
        refs = ctx.orgs(names(m.group("aff")), at, "layout:header-organisation", 0.95, whole=whole)
        refs += ctx.orgs(names(_strip_country(m.group("partner"))), at, "layout:header-working-with", 0.9,
                         whole=whole)
        return refs
    return ctx.orgs(names(org_text), at, "layout:header-organisation", 0.95, whole=whole)


def _cut_run_on_title(org_text: str, title: str) -> str:
    """"X working with Y Some Title: Sub" → "X working with Y" where the title starts with "Some Title: Sub".

    >>> header = "Kestrel Mutual working with Wrenford Co-op Wrenford Co-op: Homes"
    >>> _cut_run_on_title(header, "Wrenford Co-op: Homes for All")
    'Kestrel Mutual working with Wrenford Co-op'
    """
    t = title.strip()
    for k in range(len(t), 11, -1):
        if org_text.endswith(t[:k]) and len(org_text) > k and org_text[-k - 1] == " ":
            return org_text[:-k].rstrip(" ,–—-")
    return org_text


def _strip_country(name: str) -> str:
    """"Suara Care Cooperative, Spain" → "Suara Care Cooperative"."""
    return re.sub(r",\s*[A-Z][a-z]+$", "", name.strip())


def _line_offset(doc: Document, line0: int) -> int:
    pos = 0
    for _ in range(max(0, line0)):
        nxt = doc.text.find("\n", pos)
        if nxt < 0:
            return len(doc.text)
        pos = nxt + 1
    return pos


def _first_year(text: str) -> int | None:
    m = re.search(r"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Ff]rom)\s+(?:[A-Z][a-z]+\s+)?(?P<y>(?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)", text)
    return int(m.group("y")) if m else None


def _contacts(ctx: Context, marker_line: int | None, end_line: int | None) -> list[Contact]:
    if not marker_line or not end_line:
        return []
    doc = ctx.doc
    lines = doc.text.split("\n")
    block = lines[marker_line:end_line]  # 1-based marker → 0-based next line
    base = _line_offset(doc, marker_line)
    out = []
    for p in parse_contact_block(block):
        lo = _line_offset(doc, marker_line + p.line)
        s, e = find_span(doc, p.name, lo, _line_offset(doc, end_line))
        if (s, e) == (lo, _line_offset(doc, end_line)):
            s, e = base, base
        out.append(Contact(p.name, evidence(doc, s, e, "layout:contact-block", 0.95), p.role, p.organisation,
                           p.email, p.phone, p.web))
    return out


def _principles(ctx: Context, sec: Section) -> list[Labelled]:
    doc = ctx.doc
    out: dict[str, Labelled] = {}
    lines = sec.text.split("\n")
    offs = [0]
    for line in lines[:-1]:
        offs.append(offs[-1] + len(line) + 1)
    for k, label in P.listed(lines)[0]:
        if label not in out:
            s = sec.start + offs[k]
            out[label] = Labelled(label, evidence(doc, s, s + len(lines[k]), "layout:principles-met", 0.95))
    for label, s, e in P.named_in_prose(sec.text):
        if label not in out:
            out[label] = Labelled(label, evidence(doc, sec.start + s, sec.start + e, "text:principle-of", 0.8))
    return list(out.values())


# ---------------------------------------------------------------- funded projects


def funded_project(ctx: Context, sec: Section) -> Initiative:
    doc = ctx.doc
    title = sec.title or ""
    t0, t1 = find_span(doc, title, sec.start, sec.end)
    body = doc.text[t1:sec.end]
    ini = Initiative(doc.name, sec.first_line, sec.last_line, sec.start, sec.end, title,
                     evidence(doc, t0, t1, "layout:funded-project-entry"), year=sec.header.get("year"))
    low = (title + " " + body[:400]).lower()
    if "study visit" in title.lower():
        ini.type = "Study visit"
    elif "training" in title.lower():
        ini.type = "Training"
    elif "policy lab" in low:
        ini.type = "Policy lab"
    else:
        ini.type = "Funded project"
    for m in LED_BY.finditer(body):
        clause = re.split(r"\s+and\s+(?=(?:completed|delivered|compiled|supported|facilitated)\b)", m.group("orgs"))[0]
        ini.lead += ctx.orgs(clause, t1 + m.start("orgs"), "text:led-by", 0.9, t1, sec.end)
    if not ini.lead:
        m = ORG_LED.search(body[:300])
        if m:
            refs = ctx.orgs(m.group("org"), t1 + m.start("org"), "text:x-led-a", 0.85, t1, sec.end)
            if not refs and re.fullmatch(r"(?:the\s+)?network", m.group("org").strip(), re.I):
                refs = [OrgRef(NETWORK, evidence(doc, t1 + m.start("org"), t1 + m.end("org"), "text:x-led-a", 0.8))]
            ini.lead += refs
    if not ini.lead:
        m = WORKED_TOGETHER.match(body.lstrip(" (0123456789)–—-"))
        if m:
            ini.lead += ctx.orgs(m.group("orgs"), t1, "text:worked-together", 0.85, t1, sec.end)
    for m in DONE_BY.finditer(body):
        name = leading_name(m.group("orgs"))
        if name and not is_generic(name):
            ini.partners += ctx.orgs(name, t1 + m.start("orgs"), f"text:{m.group('verb').lower()}-by", 0.85, t1, sec.end)
    if not any(_is_network(r.name) for r in ini.lead):
        h0 = _line_offset(doc, sec.header.get("list_heading", sec.first_line) - 1)
        ini.funders.append(Funding(NETWORK, None, evidence(doc, h0, h0 + len("Funded Projects"),
                                                            "layout:funded-projects-list", 0.8)))
    return ini


def _is_network(name: str) -> bool:
    n = name.lower().replace("-", "")
    return n in {"ccin", "the ccin"} or "councils' innovation network" in n.replace("’", "'") \
        or "councils innovation network" in n


# ---------------------------------------------------------------- single-initiative pages


def initiative_page(ctx: Context, sec: Section) -> Initiative:
    doc = ctx.doc
    lines = sec.text.split("\n")
    offs = [sec.start]
    for line in lines[:-1]:
        offs.append(offs[-1] + len(line) + 1)
    lead, partners, year, type_, theme = [], [], None, None, None
    for k, line in enumerate(lines):
        m = KV.match(line.strip())
        if not m:
            continue
        key, value = m.group("key").lower(), m.group("value")
        at = offs[k] + line.find(value)
        if key.startswith("lead"):
            lead += ctx.orgs(value, at, "layout:lead-member", 0.95, offs[k], offs[k] + len(line))
        elif key.startswith(("participating", "partner")):
            partners += ctx.orgs(value, at, "layout:participating-members", 0.95, offs[k], offs[k] + len(line))
        elif key == "year" and YEAR.search(value):
            year = int(YEAR.search(value).group(0))
        elif key == "type":
            type_ = _type_name(value)
        elif key == "theme":
            theme = value.strip()
    lead_keys = {r.name.lower() for r in lead}
    partners = [p for p in partners if p.name.lower() not in lead_keys]
    marker = next((k for k, line in enumerate(lines) if is_contact_marker(line)), None)
    title, t0 = _page_title(lines, offs, doc)
    if title is None:  # no heading: say what it is ("Policy lab led by X (2031)")
        title = f"{type_ or 'Initiative'} led by {lead[0].name}" if lead else doc.name.rsplit(".", 1)[0]
        title += f" ({year})" if year else ""
    ini = Initiative(doc.name, sec.first_line, sec.last_line, sec.start, sec.end, title,
                     evidence(doc, t0, t0 + len(title) if t0 > offs[0] else t0, "layout:page-title", 0.7),
                     theme=theme, type=type_ or "Case study", year=year, lead=lead, partners=partners)
    if ini.year is None:
        ini.year = _first_year(sec.text)
    if marker is not None:
        ml = sec.first_line + marker
        ini.contacts = _contacts(ctx, ml, min(sec.last_line, ml + 14))
        if not ini.lead:  # the page's owner is the organisation its contacts work for
            orgs = {c.organisation for c in ini.contacts if c.organisation}
            if len(orgs) == 1:
                c = next(c for c in ini.contacts if c.organisation)
                ini.lead = [OrgRef(c.organisation, c.evidence.__class__(**{**_asdict(c.evidence),
                                                                          "rule": "layout:contact-organisation",
                                                                          "confidence": 0.7}))]
    ini.principles = _principles(ctx, sec)
    return ini


def _asdict(ev):
    return {f: getattr(ev, f) for f in ev.__slots__}


def _page_title(lines, offs, doc) -> tuple[str, int]:
    """A page's title: its first heading that is not a label, a key/value line or a principle."""
    skip = set(P.load_principles())
    in_principles = P.listed(lines)[1]
    for k, line in enumerate(lines):
        s = line.strip()
        if k in in_principles or not is_heading_like(s) or KV.match(s) or s in skip or len(s) < 8:
            continue
        nxt = next((lines[j] for j in range(k + 1, len(lines)) if lines[j].strip()), "")
        if is_prose(nxt, 90):
            return s, offs[k] + line.find(s)
    return None, offs[0]


# ---------------------------------------------------------------- members and works-with


def member_list(ctx: Context, sec: Section) -> list[Member]:
    doc = ctx.doc
    tokens = tokens_of(sec.text)
    terminals = sum(1 for t in tokens if t in {"Council", "Authority", "Group"})
    if terminals and terminals * 5 >= len(tokens):
        names = split_at_terminals(tokens, ctx.whole)
        rule = "layout:member-list-terminals"
    else:
        names = segment(tokens, ctx.known)
        rule = "layout:member-list-segmented"
    names = [tidy(n) for n in names if tidy(n)]
    tier = sec.header.get("tier") or infer_tier(names, ctx.is_council)
    out, pos = [], sec.start
    for name in names:
        first = name.split()[0]
        s = doc.text.find(first, pos, sec.end)
        s = pos if s < 0 else s
        e = s + len(name)
        pos = s + len(first)
        out.append(Member(name, tier, evidence(doc, s, min(e, sec.end), rule, 0.85 if "segmented" in rule else 0.9)))
    return out


def works_with(ctx: Context, sections: list[Section]) -> list[WorksWith]:
    """Affiliate → partner pairs, once each (a contents line and a page heading say the same)."""
    doc = ctx.doc
    seen: list[tuple[str, str]] = []
    out = []
    entries = sorted(sections, key=lambda s: len(s.header["affiliate_heading"]))
    for sec in entries:
        aff = tidy(sec.header["affiliate"])
        partner_text = _strip_country(sec.header["partner"])
        if any(sec.header["affiliate_heading"].startswith(h) and sec.header["affiliate_heading"] != h
               for h in (x.header["affiliate_heading"] for x in entries)):
            continue  # a page heading with the title run on: the shorter line says it
        for partner in split_org_list(partner_text, ctx.whole):
            key = (aff.lower(), partner.lower())
            if key in seen:
                continue
            seen.append(key)
            out.append(WorksWith(aff, partner, evidence(doc, sec.start, sec.end, "layout:working-with", 0.9)))
    return out
