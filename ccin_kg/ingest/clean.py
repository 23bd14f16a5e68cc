"""Clean extracted text line by line, never adding or removing a line.

Line numbers are defined on the text after newline normalisation:
``\\r\\n`` and a lone ``\\r`` both become ``\\n`` first, and a line is what
lies between two ``\\n`` (``text.count("\\n") + 1`` lines). Nothing else
breaks a line: form feeds, ``U+2028`` and the other characters that
:meth:`str.splitlines` treats as breaks become spaces. After that,
:func:`clean_text` keeps the count exactly, so line ``n`` of its output is
line ``n`` of its input; a line it removes becomes an empty line.

Cleaning runs in three steps, each a fixed point so that cleaning twice
changes nothing:

1. Each line on its own (:func:`clean_line`): odd spaces, zero-width
   characters, soft hyphens and control characters; emoji, pictographs,
   geometric shapes (``U+25xx``) and private-use glyphs that PDF
   extraction scatters through lines; ``\\pounds`` and ``&pound;`` become
   ``£``; markdown ``**bold**`` and ``*italic*`` markers go.
2. Words broken across lines (``commun-`` / ``ity rest``) are rejoined by
   moving the fragment up: ``community`` ends the first line, ``rest``
   starts the second (:func:`join_hyphenated`).
3. Page furniture and stray glyph lines are blanked
   (:func:`furniture_lines` states the rule).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

__all__ = ["clean_text", "clean_line", "join_hyphenated", "furniture_lines", "normalise_newlines"]

# -- step 1: one line at a time ----------------------------------------------

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_BREAKS_AS_SPACE = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_DROPPED = (
    "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width characters
    + "".join(map(chr, range(0x00, 0x09)))
    + "".join(map(chr, range(0x0E, 0x1C)))
    + "\x1f\x7f"
    + "".join(chr(c) for c in range(0x80, 0xA0) if c != 0x85)
)
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_TRANSLATION = str.maketrans(
    {**{c: " " for c in _SPACES + _BREAKS_AS_SPACE}, **{c: None for c in _DROPPED}, **_LIGATURES}
)

# Glyphs with no textual meaning here: box drawing and geometric shapes
# (U+2500-25FF), misc technical, misc symbols and dingbats, misc symbols
# and arrows, private use, variation selectors, replacement characters,
# lone surrogates, and the whole emoji / pictograph plane range U+1F000-1FBFF.
# Kept on purpose: £ € – — ‘ ’ “ ” • … © arrows (U+2190-21FF).
_JUNK_CLASS = (
    "[\u2300-\u23ff\u2500-\u25ff\u2600-\u27bf\u2b00-\u2bff\u20e3"
    "\ud800-\udfff\ue000-\uf8ff\ufe00-\ufe0f\ufffc\ufffd"
    "\U0001f000-\U0001fbff\U000e0000-\U000e01ef\U000f0000-\U0010ffff]"
)
_JUNK = re.compile(f"[ \t]*(?:{_JUNK_CLASS}[ \t]*)+")
_POUND_ENTITY = re.compile(r"&(?:pound|#163|#[xX]0*[aA]3);")
_LATEX_POUNDS = re.compile(r"\\pounds(?![A-Za-z])(?:\{\})? ?")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_STRAY_BOLD = re.compile(r"(?<!\*)(?:(?<=\S)\*\*|\*\*(?=\S))(?!\*)")
_DIRTY = re.compile(
    f"[{_SPACES}{_BREAKS_AS_SPACE}{''.join(_DROPPED)}{''.join(_LIGATURES)}\\\\&*{_JUNK_CLASS[1:-1]}]"
)


def _drop_junk(match: re.Match) -> str:
    line = match.string
    return "" if match.start() == 0 or match.end() == len(line) else " "


def _clean_once(line: str) -> str:
    line = line.translate(_TRANSLATION)
    line = _JUNK.sub(_drop_junk, line)
    line = _POUND_ENTITY.sub("£", line)
    line = _LATEX_POUNDS.sub("£", line)
    if "*" in line:
        line = _BOLD.sub(r"\1", line)
        line = _ITALIC.sub(r"\1", line)
        line = _STRAY_BOLD.sub("", line)
    return line.rstrip()


def clean_line(line: str) -> str:
    """Clean one line (no ``\\n`` in it) on its own.

    Parameters
    ----------
    line : str
        One line of text, without its line break.

    Returns
    -------
    str
        The line without pictographs, zero-width or control characters,
        markdown emphasis or trailing whitespace; odd spaces become plain
        spaces and ``\\pounds`` / ``&pound;`` become ``£``.

    Examples
    --------
    >>> clean_line("Lewisham Council 😑 🔵 Liverpool City Council 🔵 🌑")
    'Lewisham Council Liverpool City Council'
    >>> clean_line(r"saved \\pounds 90k, a **big** *win*")
    'saved £90k, a big win'
    >>> clean_line("* item, 5 * 3")
    '* item, 5 * 3'
    """
    if not _DIRTY.search(line):
        return line.rstrip()
    while True:  # each pass removes something no later pass brings back: this ends
        cleaned = _clean_once(line)
        if cleaned == line:
            return line
        line = cleaned


# -- step 2: words broken across lines ----------------------------------------

_BROKEN_END = re.compile(r"(?:^|(?<=[\s(\"'‘“]))([A-Za-z]{2,})-$")
_CONTINUATION = re.compile(r"^([ \t]*)([a-z]{2,}[.,;:!?)'’”\"]*)(?:[ \t]+|$)")
_KEEP_HYPHEN = frozenset(
    "co self non anti multi cross well full part half long short low high "
    "place people community council family user".split()
)


def join_hyphenated(lines: list[str]) -> list[str]:
    """Rejoin words hyphenated across line ends, keeping the line count.

    The fragment at the start of the next line moves up to complete the
    word; the next line keeps the rest (or becomes empty). The hyphen stays
    after common prefixes (``co-``, ``self-``, ``non-`` ...), where it is
    usually part of the word. Lines are joined from the bottom up, so a
    word broken over three lines comes together in one pass.

    Parameters
    ----------
    lines : list of str
        Lines already cleaned by :func:`clean_line`.

    Returns
    -------
    list of str
        A new list of the same length.

    Examples
    --------
    >>> join_hyphenated(["a strong commun-", "ity spirit", "x"])
    ['a strong community', 'spirit', 'x']
    >>> join_hyphenated(["our co-", "operative values"])
    ['our co-operative', 'values']
    >>> join_hyphenated(["anti-", "", "Poverty"])
    ['anti-', '', 'Poverty']
    """
    out = list(lines)
    for i in range(len(out) - 2, -1, -1):
        line = out[i]
        if not line.endswith("-"):
            continue
        end = _BROKEN_END.search(line)
        if end is None:
            continue
        nxt = _CONTINUATION.match(out[i + 1])
        if nxt is None:
            continue
        fragment = end.group(1)
        joiner = "-" if fragment.lower() in _KEEP_HYPHEN else ""
        out[i] = line[: end.start(1)] + fragment + joiner + nxt.group(2)
        rest = out[i + 1][nxt.end():]
        out[i + 1] = nxt.group(1) + rest if rest else ""
    return out


# -- step 3: page furniture and stray glyphs ------------------------------------

_PAGE_NUMBER = re.compile(r"\d{1,3}")
_HANDLE = re.compile(r"[A-Za-z]?(@[A-Za-z0-9_]{2,})")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,6}(?:/\S*)?")
_TOKEN_EDGES = "\"'()[]<>,;‘’“”"
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_CODE_TOKEN = re.compile(r"[£$€]?\d[\d,.]*[A-Za-z%]{0,3}|[A-Za-z]\d[A-Za-z0-9]*")
_CONTACT_LABELS = frozenset("e: w: t: m: email: e-mail: tel: phone: web: website:".split())
_FURNITURE_REPEATS = 4
_WEB_TOKEN_LINES = 3
_SHORT = 80


def _web_token(token: str) -> str | None:
    """The web address, e-mail or handle ``token`` is, normalised, else None."""
    token = token.strip(_TOKEN_EDGES).rstrip(".:!?")
    handle = _HANDLE.fullmatch(token)
    if handle:
        return handle.group(1).lower()
    if _EMAIL.fullmatch(token) or _URL.fullmatch(token) or _DOMAIN.fullmatch(token):
        return token.lower()
    return None


def _web_candidates(key: str) -> list[str]:
    """Tokens of ``key`` that could be a web address, e-mail or handle."""
    return [t for t in key.split(" ") if "@" in t or "." in t]


def _is_fragment(token: str) -> bool:
    """A broken-off bit of a footer: a short bare word or one symbol."""
    return (token.isalpha() and len(token) <= 12) or (len(token) == 1 and not token.isalnum())


def _is_stray(key: str) -> bool:
    """A line of one to three tokens of stray glyphs (``Ø``, ``1 X``, ``d D b``)."""
    tokens = key.split(" ")
    if len(tokens) > 3 or _LATIN_WORD.search(key):
        return False
    if not any(c.isalpha() or unicodedata.category(c).startswith("M") for c in key):
        return False  # numbers and punctuation: "-", "(4))", "2024", "•"
    return not any(len(t) >= 2 and _CODE_TOKEN.fullmatch(t.strip(_TOKEN_EDGES)) for t in tokens)


def _protected(key: str) -> bool:
    """Labels that repeat on purpose (``For further information, contact:``)
    and labelled contact details (``- w: fooshire.gov.uk``)."""
    if key.endswith(":") or key.lower().startswith("for further information"):
        return True
    return any(t.lower() in _CONTACT_LABELS for t in key.split(" "))


def furniture_lines(lines: list[str]) -> set[int]:
    """0-based indexes of lines that are page furniture or stray glyphs.

    The rule, on each line with its whitespace collapsed (its *key*):

    - a page number: the key is 1 to 3 digits;
    - a stray-glyph line: 1 to 3 tokens, no run of two Latin letters, some
      letter or mark in it, and no code or amount such as ``E3M`` or ``£5``
      (``Ь``, ``ଷ୍``, ``Ø``, ``1 X``);
    - a repeated line: shorter than 80 characters, seen 4 or more times
      verbatim, and either holding a web address, e-mail or ``@handle``
      or being 5 or more words long (``People-centred councils driving
      social innovation``);
    - a part of such a repeated 5+ word line (2 or more words, itself seen
      4 or more times): ``putting people first``;
    - a footer line: shorter than 80 characters, made only of web
      addresses, e-mails and ``@handles`` plus at most two bare-word or
      one-symbol fragments, with at least one of the addresses seen on 3
      or more lines (``councils.cop``, ``op @coopinnovation``,
      ``f@coopcouncils X@coopinnovation comms@councils.coop``).

    Never blanked: lines ending with ``:``, lines starting
    ``For further information``, contact details with a label such as
    ``e:``, ``w:`` or ``t:`` (``- w: brent.gov.uk``), and short repeated
    lines with no web address, such as theme labels (``Community``,
    ``Poverty``) or ``Principles met``.

    Parameters
    ----------
    lines : list of str
        The document's lines, already cleaned by :func:`clean_line`.

    Returns
    -------
    set of int

    Examples
    --------
    >>> furniture_lines(["Poverty", "12", "@coopcouncils", "Poverty", "Ø", "E3M"])
    {1, 4}
    >>> sorted(furniture_lines(["@coopcouncils", "Community", "@coopcouncils"] * 2))
    [0, 2, 3, 5]
    """
    keys = [" ".join(line.split()) for line in lines]
    counts = Counter(k for k in keys if k)
    web_of = {k: {w for w in map(_web_token, _web_candidates(k)) if w} for k in counts}
    web_lines = Counter()
    for k, n in counts.items():
        for w in web_of[k]:
            web_lines[w] += n

    furniture: set[str] = set()
    long_repeats: list[str] = []
    for k, n in counts.items():
        if _protected(k):
            continue
        if _PAGE_NUMBER.fullmatch(k) or _is_stray(k):
            furniture.add(k)
            continue
        if len(k) >= _SHORT:
            continue
        toks = k.split(" ")
        if n >= _FURNITURE_REPEATS and (web_of[k] or "@" in k or len(toks) >= 5):
            furniture.add(k)
            if len(toks) >= 5:
                long_repeats.append(f" {k} ")
            continue
        if web_of[k] and any(web_lines[w] >= _WEB_TOKEN_LINES for w in web_of[k]):
            others = [t for t in toks if not _web_token(t)]
            if len(others) <= 2 and all(map(_is_fragment, others)):
                furniture.add(k)
    if long_repeats:
        for k, n in counts.items():
            if n >= _FURNITURE_REPEATS and " " in k and not _protected(k) and k not in furniture:
                if any(f" {k} " in long for long in long_repeats):
                    furniture.add(k)
    return {i for i, k in enumerate(keys) if k in furniture}


# -- the whole text -------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n?")


def normalise_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``; line numbers count ``\\n``.

    Examples
    --------
    >>> normalise_newlines("a\\r\\nb\\rc\\n")
    'a\\nb\\nc\\n'
    """
    return _NEWLINES.sub("\n", text)


def clean_text(text: str) -> str:
    """Clean a document's text, keeping its line count.

    Parameters
    ----------
    text : str
        Text extracted from a source file, with any line endings.

    Returns
    -------
    str
        Cleaned text with exactly as many ``\\n`` as
        ``normalise_newlines(text)``. Cleaning is idempotent.

    Examples
    --------
    >>> clean_text("Fund: \\\\pounds 90k 🔵\\r\\n7\\r\\nFor further information, contact:")
    'Fund: £90k\\n\\nFor further information, contact:'
    """
    lines = [clean_line(line) for line in normalise_newlines(text).split("\n")]
    lines = join_hyphenated(lines)
    for i in furniture_lines(lines):
        lines[i] = ""
    return "\n".join(lines)
