"""Split a membership list (a run of names with no separators) into members.

PDF-to-text turns a page of names into one line: "Adur Council Barking &
Dagenham Council Birmingham City Council ...". Names that end in a word such
as "Council" or "Group" split there. Other lists are split by dynamic
programming over the words: a split is scored by names known from elsewhere
in the document, name-final words ("Ltd", "Trust", "Society"), distinctive
single words ("RedQuadrant", "E3M/SBI"), and the alphabetical order that
such lists follow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from ccin_kg.extract.orgnames import norm_key

TERMINAL = {"Council", "Authority", "Group"}
FINAL = {
    "Council", "Authority", "Group", "Ltd", "Limited", "CIC", "LLP", "PLC", "Trust", "Society", "Solicitors",
    "Foundation", "Network", "Partnership", "Alliance", "Agency", "Consortium", "Academy", "College",
    "University", "Association", "UK", "International", "Coop", "Co-op", "Cooperative", "Co-operative",
    "Solutions", "Collective", "Commission", "Centre", "Institute", "Forum",
}
SUFFIX_ONLY = FINAL - {"UK", "International", "Coop", "Co-op", "Cooperative", "Co-operative", "Solutions"}
LEGAL = {"Ltd", "Limited", "CIC", "LLP", "PLC"}
CONNECTORS = {"of", "and", "&", "to", "the", "for", "in", "on", "at", "under", "upon", "out", "Of", "The"}
ORDER_PENALTY = 3.0  # a name out of alphabetical order: possible (lists are hand-made), unlikely
DROP = re.compile(r"[^\w\s&'’.,/()+-]")


def tokens_of(text: str) -> list[str]:
    """Words of a list line, without markup and stray symbols.

    >>> tokens_of("**Hull City Council** Inverclyde Council 🛑 (Royal")
    ['Hull', 'City', 'Council', 'Inverclyde', 'Council', 'Royal']
    """
    text = DROP.sub(" ", text.replace("**", " "))
    return [t.strip("()") for t in text.split()
            if t == "&" or re.search(r"[A-Za-z]{2}|[A-Za-z]\d|\d[A-Za-z]", t.strip("()"))]


def split_at_terminals(tokens: list[str], known: Callable[[str], bool] = lambda s: False) -> list[str]:
    """Split at "Council"/"Authority"/"Group"; split further where a known name is a prefix.

    >>> split_at_terminals("Adur Council Barking & Dagenham Council Hull City Council".split())
    ['Adur Council', 'Barking & Dagenham Council', 'Hull City Council']
    """
    names, cur = [], []
    for t in tokens:
        cur.append(t)
        if t in TERMINAL:
            names.append(" ".join(cur))
            cur = []
    if cur:
        names.append(" ".join(cur))
    out = []
    for name in names:
        out.extend(_split_known_prefix(name.split(), known))
    return out


def _split_known_prefix(words: list[str], known) -> list[str]:
    """"Royal Borough of Greenwich Hackney Council" → the known prefix, then the rest."""
    for k in range(len(words) - 1, 1, -1):
        head, tail = " ".join(words[:k]), " ".join(words[k:])
        if known(head) and len(words) - k >= 2 and (known(tail) or tail.split()[-1] in TERMINAL) \
                and tail.split()[0][0].isupper() and words[k] not in TERMINAL:
            return [head, tail]
    return [" ".join(words)]


def _sort_key(name: str) -> str:
    """The key such lists are sorted by: case-folded, a leading "The" ignored, hyphens kept.

    >>> _sort_key("Co-operatives UK") < _sort_key("Community Broadband") < _sort_key("Cooperatives West")
    True
    """
    s = re.sub(r"^the\s+", "", name.lower())
    return re.sub(r"[^a-z0-9 ./-]", "", s)


def _distinctive(word: str) -> bool:
    """A word that is a name on its own: inner capitals, digits, dots or slashes."""
    return bool(re.search(r"[a-z][A-Z]|\d|[./]|^[A-Z]{2,}$", word)) or word[:1].islower()


def segment(tokens: list[str], known: Callable[[str], float], max_len: int = 6) -> list[str]:
    """Best split of ``tokens`` into names, preferring alphabetical order.

    ``known(name)`` weighs a name seen elsewhere: 1 (or True) for a name the
    layout states, less for one the statistical NER proposed, 0 for unknown.

    >>> segment("Bates Wells Oxygen Finance Peopletoo Plinth".split(), lambda s: s in {"Oxygen Finance", "Peopletoo"})
    ['Bates Wells', 'Oxygen Finance', 'Peopletoo', 'Plinth']
    """
    n = len(tokens)

    def score(i: int, j: int) -> float:
        words = tokens[i:j]
        name = " ".join(words)
        if words[0] in CONNECTORS - {"The"} or words[-1] in CONNECTORS or not words[0][:1].isalnum():
            return float("-inf")
        if words[0][:1].islower() and not _distinctive(words[0]):
            return float("-inf")
        if words[0] in SUFFIX_ONLY or (len(words) == 1 and words[0] in FINAL):
            return float("-inf")  # "Ltd", "Solicitors" or "Co-operative" alone is no name
        s = -1.0
        weight = float(known(name))
        if not weight and len(words) > 1 and words[-1] in FINAL:
            weight = float(known(" ".join(words[:-1])))
        if weight:
            s += weight * (4.0 + 0.5 * len(words))
        if words[-1] in FINAL:
            s += 2.0
        if len(words) == 1 and _distinctive(words[0]):
            s += 1.5
        for k, w in enumerate(words[:-1]):
            if w in SUFFIX_ONLY and words[k + 1] not in LEGAL:
                s -= 2.0  # a name-final word inside a name: two names run together
        if len(words) > 4:
            s -= len(words) - 4
        return s

    @lru_cache(maxsize=None)
    def best(i: int, prev: str) -> tuple[float, tuple[str, ...]]:
        if i == n:
            return 0.0, ()
        result = (float("-inf"), ())
        for j in range(i + 1, min(n, i + max_len) + 1):
            name = " ".join(tokens[i:j])
            key = _sort_key(name)
            sc = score(i, j) - (ORDER_PENALTY if key < prev else 0.0)
            if sc == float("-inf"):
                continue
            rest, names = best(j, key)
            if sc + rest > result[0]:
                result = (sc + rest, (name,) + names)
        return result

    value, names = best(0, "")
    if value == float("-inf") or not names:  # not alphabetical at all: fall back to no ordering
        return split_at_terminals(tokens)
    return list(names)


def infer_tier(names: Iterable[str], is_principal_council: Callable[[str], bool]) -> str:
    """Tier of a list with no heading, from the kinds of name in it.

    Principal councils make a Full list; town, parish and community councils
    and political groups an Associate list; other organisations an Affiliate list.

    >>> infer_tier(["Burntwood Town Council", "Fooshire Labour Group"], lambda n: False)
    'Associate'
    """
    votes = {"Full": 0, "Associate": 0, "Affiliate": 0}
    for name in names:
        if re.search(r"\b(Town|Parish|Community|Party)\s+Council$|\bGroup$", name):
            votes["Associate"] += 1
        elif is_principal_council(name) or re.search(r"\b(Council|Combined Authority)$", name):
            votes["Full"] += 1
        else:
            votes["Affiliate"] += 1
    return max(votes, key=lambda k: (votes[k], k == "Full"))


def known_weigher(strong: Iterable[str], weak: Iterable[str] = (), weak_weight: float = 0.35):
    """A ``known`` function for :func:`segment`: 1 for ``strong`` names, ``weak_weight`` for ``weak`` ones.

    >>> w = known_weigher(["Oxygen Finance"], ["Colne Valley"])
    >>> w("oxygen finance"), w("Colne Valley"), w("Nope")
    (1.0, 0.35, 0.0)
    """
    strong_keys = {norm_key(n) for n in strong if n}
    weak_keys = {norm_key(n) for n in weak if n}

    def known(name: str) -> float:
        k = norm_key(name)
        return 1.0 if k in strong_keys else weak_weight if k in weak_keys else 0.0

    return known
