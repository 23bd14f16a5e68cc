"""Split a cleaned document into sections (case studies, lists, pages).

The rules read the layout, not the content: a case-study pack repeats
"theme label / presenting organisation / title / body / For further
information, contact: ..." for every case study; a funded-projects list
repeats "Title (year) – Led by ..."; a membership list is a run of names;
an affiliate index lists "X working with Y". A document with at most one
contact block is a single-initiative page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ccin_kg.ingest.layout import (
    is_blank,
    is_contact_detail,
    is_contact_marker,
    is_furniture,
    is_heading_like,
    is_label_like,
    is_link_line,
    is_prose,
)
from ccin_kg.ingest.records import Document, Section

ORG_SUFFIX = re.compile(
    r"\b(Council|Authority|Borough of [A-Z][\w-]+|CIC|Ltd|Limited|LLP|PLC|Solicitors|Trust|Foundation|"
    r"Society|Co-?op(erative)?s?|Network|Partnership|Alliance|Agency|Association|Consortium|Group|"
    r"University|College|Academy|Commission|UK)\b"
)
ORG_NAME_LINE = re.compile(
    r"^([A-Z][\w&'.,-]*(\s+[\w&'.,-]+){0,7}\s+(Council|Authority|CIC|Ltd|Limited)"
    r"|(London|Royal) Borough of [A-Z][\w-]+(\s+[A-Z][\w-]+)*)$"
)
WORKING_WITH = re.compile(r"^(?P<aff>.+?),?\s+working\s+(?:in\s+partnership\s+)?with\s+(?P<partner>.+)$", re.I)
FUNDED_HEADING = re.compile(r"^\W*funded\s+projects?\W*$", re.I)
FUNDED_ENTRY = re.compile(
    r"^(?P<title>[^()]{3,200}?)\s*\((?P<year>(?:19|20)\d\d)\)\s*(?:[-–—:]\s*(?P<rest>.*))?$"
)
FUNDED_CONT = re.compile(r"^\(?(?P<year>(?:19|20)\d\d)\)?\s*[-–—]\s*(?P<rest>.*)$|^[-–—]\s*(?P<led>(?:led|compiled|delivered)\b.*)$", re.I)
MEMBER_HEADING = re.compile(r"\b(full|associate|affiliate)\s+members?(hip)?\b", re.I)
NAME_TERMINAL = re.compile(r"\b(Council|Authority|Group)\b")


@dataclass(frozen=True, slots=True)
class _Lines:
    lines: list[str]
    starts: list[int]

    @classmethod
    def of(cls, text: str) -> "_Lines":
        lines = text.split("\n")
        starts, pos = [], 0
        for line in lines:
            starts.append(pos)
            pos += len(line) + 1
        return cls(lines, starts)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of 0-based lines first..last inclusive."""
        return self.starts[first], self.starts[last] + len(self.lines[last])


def _section(doc: Document, ls: _Lines, kind: str, first: int, last: int, title=None, **header) -> Section:
    start, end = ls.span(first, last)
    return Section(doc.name, kind, first + 1, last + 1, start, end, doc.text[start:end], title, header)


def _next_nonblank(lines: list[str], i: int, limit: int) -> int | None:
    j = i + 1
    while j < min(limit, len(lines)):
        if not is_blank(lines[j]) and not is_furniture(lines[j]):
            return j
        j += 1
    return None


def _prev_nonblank(lines: list[str], i: int, floor: int) -> int | None:
    j = i - 1
    while j >= floor:
        if not is_blank(lines[j]):
            return j
        j -= 1
    return None


def split_sections(doc: Document) -> list[Section]:
    """Split a document into :class:`Section` records, in document order.

    Parameters
    ----------
    doc : a cleaned :class:`~ccin_kg.ingest.records.Document`.

    Returns
    -------
    list of Section; a document with at most one contact block and no lists
    becomes one ``initiative_page`` section spanning the whole text.

    Examples
    --------
    >>> text = "Lead Member Fooshire Council\\nYear 2025\\n\\nA pilot of things with partners across the county."
    >>> [s.kind for s in split_sections(Document("p.txt", "p.txt", text, "0"))]
    ['initiative_page']
    """
    ls = _Lines.of(doc.text)
    lines = ls.lines
    markers = [i for i, line in enumerate(lines) if is_contact_marker(line)]
    out: list[Section] = []
    out += _member_lists(doc, ls)
    index = _affiliate_index(doc, ls)
    out += index
    funded = _funded_projects(doc, ls)
    out += funded
    if len(markers) >= 2:
        floor = max([s.last_line for s in out if s.last_line <= markers[0]], default=0)
        entries = [s.header.get("affiliate_heading", "") for s in index]
        out += _case_studies(doc, ls, markers, floor, entries)
    elif any(not is_blank(line) for line in lines):
        last = max(i for i, line in enumerate(lines) if not is_blank(line))
        out.append(_section(doc, ls, "initiative_page", 0, last, None))
    return sorted(out, key=lambda s: (s.first_line, s.kind))


# ---------------------------------------------------------------- case studies


def _contact_block_end(lines: list[str], marker: int, limit: int) -> int:
    """Last line of the contact block opened at ``marker``."""
    last, blanks, seen = marker, 0, 0
    j = marker + 1
    while j < limit:
        line = lines[j]
        if is_blank(line) or is_furniture(line):
            blanks += 1
            if blanks >= 3 and seen:
                break
            j += 1
            continue
        if is_prose(line, 160) or is_contact_marker(line) or seen >= 12:
            break
        blanks = 0
        seen += 1
        last = j
        j += 1
    return last


def _org_like(line: str, contact_org: str | None, index_entries: list[str]) -> int:
    """How much a header line looks like the presenting organisation (0 = not at all)."""
    s = line.strip()
    score = 0
    if WORKING_WITH.match(s):
        score += 3
    if any(e and _norm(s).startswith(_norm(e)) for e in index_entries):
        score += 3
    if ORG_SUFFIX.search(s) and len(s.split()) <= 12:
        score += 2
    if contact_org and (_norm(contact_org) in _norm(s) or _norm(s) in _norm(contact_org)):
        score += 2
    return score


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower().replace("&", " and ")).strip()


def _contact_org_guess(lines: list[str], marker: int, end: int) -> str | None:
    """The organisation named in a contact block ("Role – Org"), for header matching."""
    for j in range(marker + 1, end + 1):
        m = re.search(r"[-–—]\s*([A-Z][^–—]{2,80})$", lines[j].strip())
        if m and not is_contact_detail(lines[j]):
            return m.group(1).strip()
    return None


def _title_after(lines, i, hi):
    """The title line after an organisation line at ``i``, and the theme label if one sits between.

    Returns (title_line, label_line) or None when no title followed by body text is there.
    """
    nxt = _next_nonblank(lines, i, hi)
    if nxt is None or not is_heading_like(lines[nxt], 260):
        return None
    label = None
    if is_label_like(lines[nxt]):  # "Org / Theme / Title" order
        after = _next_nonblank(lines, nxt, hi)
        if after is not None and is_heading_like(lines[after], 260) and _body_follows(lines, after, hi):
            if ORG_NAME_LINE.match(lines[after].strip()):
                return None  # "Footer Org / Theme / Org / Title": line i is a page footer
            label, nxt = nxt, after
    if not _body_follows(lines, nxt, hi):
        return None
    return nxt, label


def _body_follows(lines, t, hi) -> bool:
    """Prose follows line ``t`` (at once, or after one sub-heading), and it is not an advert."""
    after = _next_nonblank(lines, t, hi)
    if after is None or is_link_line(lines[after]):
        return False
    if not is_prose(lines[after], 90):
        sub = _next_nonblank(lines, after, hi)
        if not (is_heading_like(lines[after]) and sub is not None and is_prose(lines[sub], 90)):
            return False
        after = sub
    window = [k for k in range(after, min(hi, after + 12)) if is_link_line(lines[k])]
    return not (window and not any(is_prose(lines[k], 200) for k in range(after, window[0])))


def _split_inline(s: str, index_entries: list[str]) -> tuple[str, str] | None:
    """Split "Org Title" written on one line: by an index entry, else after the last org word."""
    for e in sorted(index_entries, key=len, reverse=True):
        if e and s.startswith(e) and len(s) > len(e) + 3:
            return e, s[len(e):].strip(" ,–—-")
    m = None
    for m in re.finditer(r"\b(Council|Authority|CIC|Ltd|Limited)\b", s):
        pass
    if m and m.end() < len(s) - 3:
        return s[: m.end()].strip(), s[m.end():].strip(" ,–—-")
    return None


def _find_header(lines, lo, hi, contact_org, index_entries):
    """Return (org_line, title_line, inline_title, label_line) of the case study in lines[lo:hi]."""
    for i in range(lo, hi):
        s = lines[i]
        if not is_heading_like(s, 260) or s.strip()[:1].isdigit():
            continue
        if not _org_like(s, contact_org, index_entries):
            continue
        nxt = _next_nonblank(lines, i, hi)
        if nxt is None:
            continue
        split = _split_inline(s.strip(), index_entries)
        if split and (is_prose(lines[nxt], 90) or not is_heading_like(lines[nxt], 260) or
                      any(s.strip().startswith(e) for e in index_entries if e)):
            if _norm(lines[nxt]).startswith(_norm(split[1])) and is_heading_like(lines[nxt], 260):
                return i, nxt, None, None  # the title is repeated in full on the next line
            if _body_follows(lines, i, hi) or is_heading_like(lines[nxt], 260):
                return i, None, split[1], None
        found = _title_after(lines, i, hi)
        if found is None:
            continue
        title, label = found
        # the "title" is itself the organisation line of the case study (a stray footer above it)
        if label is None and ORG_NAME_LINE.match(lines[title].strip()) and _title_after(lines, title, hi):
            continue
        return i, title, None, label
    return None


def _case_studies(doc, ls: _Lines, markers: list[int], floor: int, index_entries: list[str]) -> list[Section]:
    lines = ls.lines
    n = len(lines)
    out = []
    found = []  # (start, org_line, title_line, inline, marker, contact_end)
    lo = floor
    for k, m in enumerate(markers):
        nxt_marker = markers[k + 1] if k + 1 < len(markers) else n
        cend = _contact_block_end(lines, m, nxt_marker)
        org = _contact_org_guess(lines, m, cend)
        header = _find_header(lines, lo, m, org, index_entries)
        if header is None:
            lo = cend + 1
            continue
        org_line, title_line, inline, label_line = header
        start = org_line
        theme = lines[label_line].strip() if label_line is not None else None
        p = _prev_nonblank(lines, org_line, max(lo, org_line - 6))
        if theme is None and p is not None and is_label_like(lines[p]) and not is_furniture(lines[p]):
            theme, start = lines[p].strip(), p
        found.append([start, org_line, title_line, inline, m, cend, theme])
        lo = cend + 1
    for idx, (start, org_line, title_line, inline, m, cend, theme) in enumerate(found):
        limit = found[idx + 1][0] if idx + 1 < len(found) else n
        end = _extend_past_contact(lines, cend, limit)
        title = inline if inline is not None else lines[title_line].strip()
        organisation = lines[org_line].strip()
        if inline is not None:
            organisation = _split_inline(organisation, index_entries)[0]
        out.append(
            _section(
                doc, ls, "case_study", start, end, title,
                theme=theme, organisation=organisation, organisation_line=org_line + 1,
                title_line=(title_line if title_line is not None else org_line) + 1,
                contact_line=m + 1, contact_end_line=cend + 1,
            )
        )
    return out


def _extend_past_contact(lines: list[str], cend: int, limit: int) -> int:
    """Body text that the PDF put after the contact block still belongs to the case study."""
    end = cend
    adverts = [k for k in range(cend + 1, limit) if is_link_line(lines[k])]
    for k in range(cend + 1, limit):
        if adverts and k >= adverts[0] - 6:
            break
        if is_prose(lines[k]):
            end = k
    return end


# ---------------------------------------------------------------- funded projects


def _funded_projects(doc, ls: _Lines) -> list[Section]:
    lines = ls.lines
    out = []
    heads = [i for i, line in enumerate(lines) if FUNDED_HEADING.match(line)]
    for h in heads:
        entries = []  # (first line, title, year, body line)
        i = h + 1
        misses = 0
        while i < len(lines) and misses < 8:
            s = lines[i].strip()
            if not s or is_furniture(s):
                i += 1
                continue
            m = FUNDED_ENTRY.match(s)
            if m and m.group("rest") is not None:
                entries.append([i, m.group("title").strip(), int(m.group("year")), i])
                misses = 0
            elif m and m.group("rest") is None and len(s) < 200:
                entries.append([i, m.group("title").strip(), int(m.group("year")), None])
                misses = 0
            elif is_heading_like(s, 200) and (nx := _next_nonblank(lines, i, len(lines))) is not None \
                    and FUNDED_CONT.match(lines[nx].strip()):
                c = FUNDED_CONT.match(lines[nx].strip())
                year = int(c.group("year")) if c.group("year") else None
                entries.append([i, s, year, nx])
                i = nx + 1
                misses = 0
                continue
            elif entries and (entries[-1][3] is None) and FUNDED_CONT.match(s):
                entries[-1][3] = i
            elif entries and (is_link_line(s) or "bit.ly" in s or not is_heading_like(s, 10**6)):
                pass  # the entry's link or continuation
            elif entries:
                misses += 1
                if not is_prose(s):
                    break
            else:
                misses += 1
            i += 1
        for k, (first, title, year, _body) in enumerate(entries):
            limit = entries[k + 1][0] if k + 1 < len(entries) else i
            last = first
            for j in range(first, limit):
                s = lines[j].strip()
                if s and not is_furniture(s) or "bit.ly" in s:
                    last = j
            out.append(_section(doc, ls, "funded_project", first, last, title, year=year, list_heading=h + 1))
    return out


# ---------------------------------------------------------------- membership lists


def _is_name_run(line: str) -> bool:
    """A line that is a run of names with no sentence in it."""
    s = line.strip()
    if len(s) < 15 or is_furniture(s) or is_prose(s, 10**6) or s[:1].isdigit():
        return False
    words = [w for w in re.split(r"\s+", s) if re.search(r"[A-Za-z]", w)]
    if len(words) < 2:
        return False
    small = {"of", "and", "&", "to", "the", "for", "in", "on", "at", "under", "upon"}
    caps = sum(1 for w in words if w.lstrip("(*\"'")[:1].isupper() or w.lower() in small or w[:1].isdigit()
               or re.match(r"^[a-z]+[A-Z]", w))
    return caps / len(words) >= 0.9 and not re.search(r"[.!?]\s+[A-Z][a-z]", s) and ":" not in s


def _member_lists(doc, ls: _Lines) -> list[Section]:
    """Paragraphs that are runs of names: many "Council"/"Group" names, or under a tier heading.

    A tier heading ("Affiliate Members") applies to the name paragraphs that
    follow it, until a line that is neither blank nor a run of names.
    """
    lines = ls.lines
    out = []
    tier = None  # (tier, line) of the heading in force
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or is_furniture(s) or (len(s) < 6 and not re.search(r"[a-z]{2}", s)):
            continue
        hm = MEMBER_HEADING.search(s)
        if hm and len(s) < 80 and not is_prose(s) and not s[:1].isdigit():
            tier = (hm.group(1).capitalize(), i)
            continue
        if not _is_name_run(s) or re.match(r"^\W*(participating|lead|partner)", s, re.I):
            tier = None
            continue
        terminals = len(NAME_TERMINAL.findall(s))
        if terminals >= 3 or (tier and len(s) >= 20):
            prev = out[-1] if out else None
            if tier and prev is not None and prev.header.get("heading_line") == tier[1] + 1:
                out[-1] = _section(doc, ls, "members", prev.first_line - 1, i, None, tier=tier[0],
                                   heading_line=tier[1] + 1)  # one list, several paragraphs
            else:
                out.append(_section(doc, ls, "members", i, i, None, tier=tier[0] if tier else None,
                                    heading_line=tier[1] + 1 if tier else None))
    return out


# ---------------------------------------------------------------- affiliate index


def _affiliate_index(doc, ls: _Lines) -> list[Section]:
    """Lines "X working with Y" (a contents page, or headings of affiliate pages)."""
    out = []
    for i, line in enumerate(ls.lines):
        s = re.sub(r"^\d{1,3}\s+", "", line.strip())  # contents page numbers
        m = WORKING_WITH.match(s)
        if not m or len(s) > 120 or is_prose(s) or s.endswith("."):
            continue
        if not is_heading_like(s, 120):
            continue
        out.append(_section(doc, ls, "affiliates_index", i, i, None,
                            affiliate=m.group("aff").strip(), partner=m.group("partner").strip(),
                            affiliate_heading=s))
    return out
