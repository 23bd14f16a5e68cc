"""Line-level layout cues shared by sectioning and extraction.

Each predicate looks at one line of cleaned text and says what it looks
like: a contact marker, a link, a heading-like short line, prose.
"""

from __future__ import annotations

import re

CONTACT_MARKER = re.compile(
    r"^\W*for\s+(further|more)\s+information,?\s*(please\s+)?(contact|email|see)\b[^a-z]*$", re.I
)
LINK_LINE = re.compile(
    r"^\W*(download|find out more|see all|to find out more|read more|visit)\b.*?:\s*\S+", re.I
)
URLISH = re.compile(r"(https?://|www\.|bit\.ly/|\b[\w-]+\.(?:co\.uk|org\.uk|gov\.uk|com|org|coop|cop|uk)\b)", re.I)
SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)]*\s*$")
WORD = re.compile(r"[A-Za-z\u00C0-\u024F][\w'\u2019&.-]*")
PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")

# Lines that open a list of principles an initiative meets.
PRINCIPLES_HEADING = re.compile(r"^\W*principles?\s+(met|addressed|demonstrated)\W*$", re.I)


def is_blank(line: str) -> bool:
    """True for an empty or whitespace-only line.

    >>> is_blank("   "), is_blank("x")
    (True, False)
    """
    return not line.strip()


def is_contact_marker(line: str) -> bool:
    """True for "For further information, contact:" and its variants.

    >>> is_contact_marker("For further information, contact:")
    True
    >>> is_contact_marker("For further information contact:")
    True
    >>> is_contact_marker("For further information on the fund, see the website.")
    False
    """
    return bool(CONTACT_MARKER.match(line.strip()))


def is_link_line(line: str) -> bool:
    """A call to action with a link: "Download: bit.ly/x", "Find out more: ...".

    >>> is_link_line("Find out more: bit.ly/CCIN-arts")
    True
    >>> is_link_line("Led by Oldham Council.")
    False
    """
    return bool(LINK_LINE.match(line.strip()))


def is_furniture(line: str) -> bool:
    """Page furniture that survived cleaning: handles, bare links, page numbers.

    >>> is_furniture("@coopcouncils"), is_furniture("12"), is_furniture("bit.ly/CCIN-x")
    (True, True, True)
    >>> is_furniture("Community")
    False
    """
    s = line.strip()
    if not s:
        return False
    if PAGE_NUMBER.match(s):
        return True
    words = s.split()
    if all(w.startswith("@") or URLISH.search(w) or not WORD.search(w) for w in words):
        return True
    return "@" in s and len(words) <= 4 and not is_contact_detail(s)


def is_contact_detail(line: str) -> bool:
    """An "e:", "t:", "w:" line (or a bare email) of a contact block.

    >>> is_contact_detail("- e: jo@example.org"), is_contact_detail("t: 01234 567890")
    (True, True)
    >>> is_contact_detail("Head of Policy")
    False
    """
    s = line.strip().lstrip("-•* ").strip()
    return bool(re.match(r"^(e|t|w|m|tel|email|phone|web|mob)\s*:", s, re.I)) or bool(
        re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", s)
    )


def word_count(line: str) -> int:
    return len(WORD.findall(line))


def is_prose(line: str, min_chars: int = 110) -> bool:
    """A paragraph of running text (long, several words).

    >>> is_prose("Short heading")
    False
    >>> is_prose("word " * 30)
    True
    """
    s = line.strip()
    return len(s) >= min_chars and word_count(s) >= 12


def is_heading_like(line: str, max_chars: int = 160) -> bool:
    """A short line that could be a heading, a name or a title.

    >>> is_heading_like("Save Birmingham Campaign to Protect Community Places")
    True
    >>> is_heading_like("This is a sentence that ends.")
    False
    >>> is_heading_like("- e: a@b.org")
    False
    """
    s = line.strip()
    if not s or len(s) > max_chars or is_furniture(s) or is_contact_detail(s) or is_link_line(s):
        return False
    if s[0] in "-•*" or is_contact_marker(s):
        return False
    if SENTENCE_END.search(s) and not s.endswith("!") and word_count(s) > 3:
        return False
    first = WORD.search(s)
    return bool(first) and (first.group(0)[0].isupper() or first.group(0)[0].isdigit() or s[0].isdigit())


def is_label_like(line: str) -> bool:
    """A short theme label printed above a case study ("Community", "Health & Social Care").

    >>> is_label_like("Community Wealth Building"), is_label_like("Health & Social Care")
    (True, True)
    >>> is_label_like("Birmingham City Council, working in partnership with the NHS")
    False
    """
    s = line.strip()
    if not s or len(s) > 40 or ":" in s or "@" in s or any(c.isdigit() for c in s):
        return False
    words = s.split()
    if not 1 <= len(words) <= 5 or SENTENCE_END.search(s) or words[-1] in {"Council", "Authority"}:
        return False
    return s[0].isupper() and all(w[0].isupper() or w in {"&", "and", "of", "the"} for w in words)
