"""Checks on SPARQL text before it runs: which form it is, and whether it calls ``SERVICE``.

A small lexer drops what can hold any text (comments, string literals, IRIs)
and splits the rest into tokens, so a keyword is only ever a keyword: the
word SERVICE inside a string, a comment, an IRI, a variable (``?service``) or
a prefixed name (``ex:SERVICE``) does not count. Keywords are case-insensitive
in SPARQL, and so is this check.
"""

from __future__ import annotations

import re

__all__ = ["GRAPH_FORMS", "QUERY_FORMS", "UPDATE_KEYWORDS", "query_form", "tokens", "uses_service"]

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings first
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"  # an IRI (a '<' operator is followed by a space or a term, never by '>')
    r"|#[^\n\r]*",  # a comment
    re.S,
)
# a word, with whatever marks it as a variable, prefixed name, blank node or language tag
_TOKEN = re.compile(r"[?$@]?[^\W\d][\w.\-]*(?::[\w.\-%\\:]*)?|(?:[^\W\d][\w.\-]*)?:[\w.\-%\\:]*|\S")


def tokens(text: str) -> list[str]:
    """The tokens of SPARQL text, strings, IRIs and comments removed.

    Examples
    --------
    >>> tokens('PREFIX ex: <http://e/> SELECT ?s { ?s ex:p "SERVICE" } # SERVICE')
    ['PREFIX', 'ex:', 'SELECT', '?s', '{', '?s', 'ex:p', '}']
    """
    return _TOKEN.findall(_SKIP.sub(" ", text))


def query_form(text: str) -> str | None:
    """The form of a request: ``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, ``UPDATE`` or None.

    The first keyword after the prologue (``BASE`` and ``PREFIX``
    declarations) decides; an update is any text whose first keyword starts
    an update operation.

    Examples
    --------
    >>> query_form("PREFIX ex: <http://e/> select * { ?s ?p ?o }")
    'SELECT'
    >>> query_form("# a comment\\nBASE <http://e/> ASK {}")
    'ASK'
    >>> query_form("prefix : <http://e/> INSERT DATA { :a :b :c }")
    'UPDATE'
    >>> query_form("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'UPDATE'
    >>> query_form("hello") is None
    True
    """
    words = tokens(text)
    i = 0
    while i < len(words):
        word = words[i].upper()
        if word == "PREFIX":
            i += 2  # PREFIX pname:  (the IRI was removed)
            continue
        if word == "BASE":
            i += 1
            continue
        if word in QUERY_FORMS:
            return word
        if word in UPDATE_KEYWORDS:
            return "UPDATE"
        return None
    return None


def uses_service(text: str) -> bool:
    """Whether the text holds a ``SERVICE`` clause (a federated query).

    Examples
    --------
    >>> uses_service("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service("select * { service silent ?endpoint { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT * { ?s ?p "SERVICE" . ?service ex:SERVICE ?o } # SERVICE <x>')
    False
    """
    return any(word.upper() == "SERVICE" for word in tokens(text))
