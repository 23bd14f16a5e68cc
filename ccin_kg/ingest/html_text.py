"""Turn a saved web page into plain text shaped like the corpus web pages.

Uses only the standard library's :mod:`html.parser`. The text keeps the
page's visible content, one block per line:

- ``script``, ``style``, ``noscript``, ``svg``, ``head``, ``nav``,
  ``footer``, ``form`` (and ``template``, ``iframe``, ``button``,
  ``select``) are dropped with everything inside them;
- block elements (``p``, ``div``, ``section``, ``article``, ``h1``-``h6``,
  ``li``, ``tr``, ``dt``, ``dd``, ``blockquote``, ``br`` ...) start new
  lines, and whitespace inside a line collapses to single spaces;
- ``<li>`` becomes ``- item`` (``1. item`` inside ``<ol>``); a block inside
  an item starts its own line, leaving ``-`` alone on the item's line;
- a ``<dt>`` starts a line ``- term`` and its ``<dd>`` joins that line after
  a space (several ``<dd>`` for one term are joined with ``, ``), so a
  definition list reads ``- Lead Member Fooshire Borough Council``;
- table cells in a row are joined with `` | ``;
- entities such as ``&pound;`` are decoded; runs of more than two blank
  lines become two.

The first non-empty ``<h1>`` is taken out of the flow and put first, since a
single-initiative page often names the initiative only there.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["HtmlText", "html_to_text"]

_SKIP = frozenset(
    "script style noscript svg head nav footer form template iframe button select object canvas".split()
)
_BLOCK = frozenset(
    "p div section article main header aside address blockquote figure figcaption "
    "h1 h2 h3 h4 h5 h6 ul ol dl table thead tbody tfoot caption tr hr pre fieldset details summary".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_CELLS = frozenset({"td", "th"})
_TERMS = frozenset({"dt", "dd"})
_CONTAINERS = frozenset({"dl", "table", "thead", "tbody", "tfoot", "tr"})  # end any open term or cell


@dataclass(frozen=True, slots=True)
class HtmlText:
    """Text of a web page with its ``<title>`` and first ``<h1>``.

    Attributes
    ----------
    text : the visible text, the ``<h1>`` (if any) as its first line.
    title : the ``<title>`` text, or None.
    h1 : the first non-empty ``<h1>`` text, or None.
    """

    text: str
    title: str | None
    h1: str | None


def _squash(text: str) -> str:
    return " ".join(text.split())


class _TextParser(HTMLParser):
    """Collects lines of visible text; see the module docstring for the rules."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.cur: list[str] = []
        self.skip: list[str] = []  # open elements whose content is dropped
        self.lists: list[list] = []  # [tag, items so far] per open ul/ol
        self.inline = 0  # depth inside dt/dd/td/th, where blocks do not break lines
        self.term: str | None = None  # "dt" or "dd" while a definition line is open
        self.cells = 0
        self.title: list[str] | None = None
        self.title_text: str | None = None
        self.h1: list[str] | None = None
        self.h1_text: str | None = None
        self.pre = 0

    # -- line building --------------------------------------------------------

    def flush(self) -> None:
        line = "".join(self.cur)
        if self.pre:
            if line.strip():
                self.lines.extend(part.rstrip() for part in line.strip("\n").split("\n"))
        else:
            line = _squash(line)
            if line:
                self.lines.append(line)
        self.cur = []
        self.term = None
        self.cells = 0

    def bare_marker(self) -> bool:
        """True if the open line holds only a list marker (``- `` or ``3. ``)."""
        line = _squash("".join(self.cur))
        return line == "-" or (line.endswith(".") and line[:-1].isdigit())

    def start_item(self, marker: str, replace_bare: bool = False) -> None:
        if replace_bare and self.bare_marker():
            self.cur = []
        self.flush()
        self.cur = [marker]

    # -- parser callbacks -----------------------------------------------------

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body" and "head" in self.skip:
            del self.skip[self.skip.index("head"):]
        if tag == "title" and self.title is None and self.title_text is None and "svg" not in self.skip:
            self.title = []
            return
        if self.skip:
            if tag in _SKIP and tag not in _VOID:
                self.skip.append(tag)
            return
        if tag in _SKIP:
            self.skip.append(tag)
            return
        if tag == "h1" and self.h1_text is None and self.h1 is None:
            self.flush()
            self.h1 = []
            return
        if tag in _CONTAINERS:
            self.inline = 0
        if tag in _TERMS or tag in _CELLS:
            self._start_inline(tag)
        elif self.inline:
            if tag in _BLOCK or tag in _VOID or tag == "li":
                self.cur.append(" ")
        elif tag == "dl":
            if not self.bare_marker():  # an item holding a list of terms: no lone "-"
                self.flush()
        elif tag == "li":
            marker = "- "
            if self.lists and self.lists[-1][0] == "ol":
                self.lists[-1][1] += 1
                marker = f"{self.lists[-1][1]}. "
            self.start_item(marker)
        elif tag == "br":
            if _squash("".join(self.cur)):
                self.flush()
            else:
                self.cur = []
                self.lines.append("")
        elif tag in _BLOCK:
            self.flush()
            if tag in ("ul", "ol"):
                self.lists.append([tag, 0])
            elif tag == "pre":
                self.pre += 1
            elif tag == "tr":
                self.cells = 0

    def _start_inline(self, tag: str) -> None:
        if tag == "dt":
            self.start_item("- ", replace_bare=True)
            self.term = "dt"
        elif tag == "dd":
            if self.term is None:  # a description with no term before it
                self.start_item("- ", replace_bare=True)
            else:
                self.cur.append(" " if self.term == "dt" else ", ")
            self.term = "dd"
        else:  # td, th
            if self.cells:
                self.cur.append(" | ")
            self.cells += 1
        self.inline = 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title is not None:
            self.title_text = _squash("".join(self.title)) or None
            self.title = None
            return
        if self.skip:
            if tag in self.skip:
                del self.skip[len(self.skip) - 1 - self.skip[::-1].index(tag):]
            return
        if tag == "h1" and self.h1 is not None:
            self.h1_text = _squash("".join(self.h1)) or None
            self.h1 = None
            return
        if tag in _TERMS or tag in _CELLS or tag in _CONTAINERS:
            self.inline = 0
            if tag in _CONTAINERS:
                self.flush()
            return
        if self.inline:
            if tag in _BLOCK:
                self.cur.append(" ")
            return
        if tag in ("ul", "ol"):
            self.flush()
            if self.lists and self.lists[-1][0] == tag:
                self.lists.pop()
        elif tag == "pre":
            self.flush()
            self.pre = max(0, self.pre - 1)
        elif tag in _BLOCK or tag == "li":
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.title is not None:
            self.title.append(data)
        elif self.skip:
            return
        elif self.h1 is not None:
            self.h1.append(data)
        else:
            self.cur.append(data)

    def close(self) -> None:
        super().close()
        if self.h1 is not None:
            self.h1_text = _squash("".join(self.h1)) or None
            self.h1 = None
        if self.title is not None:
            self.title_text = _squash("".join(self.title)) or None
            self.title = None
        self.flush()


def _limit_blank_runs(lines: list[str], most: int = 2) -> list[str]:
    out: list[str] = []
    blanks = 0
    for line in lines:
        blanks = blanks + 1 if not line else 0
        if blanks <= most:
            out.append(line)
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return out


def html_to_text(html: str) -> HtmlText:
    """Visible text of an HTML page, one block per line.

    Parameters
    ----------
    html : str
        The page's markup.

    Returns
    -------
    HtmlText
        The text (first ``<h1>`` as its first line), the title and the h1.

    Raises
    ------
    AssertionError
        From :mod:`html.parser` on some malformed markup (``<![if x]>``);
        callers turn it into a :class:`~ccin_kg.errors.SourceError`.

    Examples
    --------
    >>> page = '''<html><head><title>Lab | CCIN</title></head><body>
    ... <nav><a href="/">Home</a></nav><p>Intro &pound;5k</p><h1>The Lab</h1>
    ... <ul><li><dl><dt>Lead Member</dt><dd>Fooshire Council</dd></dl></li></ul>
    ... </body></html>'''
    >>> result = html_to_text(page)
    >>> print(result.text)
    The Lab
    Intro £5k
    - Lead Member Fooshire Council
    >>> result.title, result.h1
    ('Lab | CCIN', 'The Lab')
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = _limit_blank_runs(parser.lines)
    if parser.h1_text:
        lines.insert(0, parser.h1_text)
    return HtmlText("\n".join(lines), parser.title_text, parser.h1_text)
