"""Records produced by the ingest stage.

Offsets and line numbers refer to :attr:`Document.text`, the cleaned text.
Cleaning never adds or removes a line break, so line ``n`` of the cleaned
text is line ``n`` of the source file (for HTML and PDF input: of the text
extracted from it).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Document:
    """One source document after reading and cleaning.

    Attributes
    ----------
    name : the file's own name (``002_2de81e56ae3274dc.txt``), used as its id.
    path : the path it was read from.
    text : cleaned text; same line count as the source text.
    sha256 : hex digest of the raw bytes of the file.
    media_type : ``text/plain``, ``text/markdown``, ``text/html`` or ``application/pdf``.
    """

    name: str
    path: str
    text: str
    sha256: str
    media_type: str = "text/plain"

    def line_of(self, offset: int) -> int:
        """1-based line number of character ``offset``.

        >>> Document("a", "a", "x\\ny\\nz", "0").line_of(2)
        2
        """
        return self.text.count("\n", 0, offset) + 1


@dataclass(frozen=True, slots=True)
class Section:
    """A contiguous part of a document that holds one kind of content.

    ``kind`` is one of:

    - ``case_study``: a council's or affiliate's case study (theme label,
      presenting organisation, title, body, contact block);
    - ``funded_project``: one entry in a list of funded projects;
    - ``initiative_page``: a single-initiative web page (e.g. a policy lab
      with Lead, Participating Members, Year, Type, Principles met);
    - ``members``: a membership list; ``tier`` in ``header``;
    - ``affiliates_index``: "X working with Y" lines of affiliate members;
    - ``principles``: the statement of principles;
    - ``other``: anything else (front matter, adverts, events).

    ``first_line``/``last_line`` are 1-based and inclusive; ``start``/``end``
    are character offsets into the document text, ``text`` is
    ``document.text[start:end]``. ``header`` holds what the layout states
    (``theme``, ``organisation``, ``title``, ``tier``, ``year`` ...).
    """

    source: str
    kind: str
    first_line: int
    last_line: int
    start: int
    end: int
    text: str
    title: str | None = None
    header: dict = field(default_factory=dict, hash=False, compare=False)
