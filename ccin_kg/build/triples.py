"""A compact set of RDF triples: interned rdflib terms and three arrays of term ids.

The builder collects millions of triples; a Python ``set`` of rdflib tuples
costs about 200 bytes a triple, an on-disk or rdflib store more. Here each
distinct term is kept once and a triple is three 4-byte ids, duplicates
dropped when the set is read. :meth:`TripleSet.table` gives the canonical,
sorted form every writer streams from (:mod:`ccin_kg.build.bulk`).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from rdflib.term import Node

from ccin_kg.namespaces import canonical_term

__all__ = ["Table", "TripleSet"]

Triple = tuple[Node, Node, Node]


def _unique_rows(s: np.ndarray, p: np.ndarray, o: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct ``(s, p, o)`` rows, sorted by s, then p, then o."""
    order = np.lexsort((o, p, s))
    s, p, o = s[order], p[order], o[order]
    keep = np.ones(len(s), dtype=bool)
    if len(s) > 1:
        keep[1:] = (s[1:] != s[:-1]) | (p[1:] != p[:-1]) | (o[1:] != o[:-1])
    return s[keep], p[keep], o[keep]


@dataclass
class Table:
    """Distinct canonical triples sorted by their terms' N-Triples forms.

    ``terms[i]`` is a canonical rdflib term (:func:`ccin_kg.namespaces.canonical_term`),
    ``n3[i]`` its N-Triples form; ids are ranks in N-Triples order, so the
    rows ``(s[k], p[k], o[k])`` are in the order of ``tuple(t.n3() for t in triple)``.
    """

    terms: list[Node]
    n3: list[str]
    s: np.ndarray
    p: np.ndarray
    o: np.ndarray

    def __len__(self) -> int:
        return len(self.s)

    def id_of(self, term: Node) -> int:
        """The id of ``term`` (canonical), or -1 when no triple uses it."""
        text = canonical_term(term).n3()
        k = _bisect(self.n3, text)
        return k if k < len(self.n3) and self.n3[k] == text else -1

    def rows(self, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, int, int]]:
        """``(s, p, o)`` ids of rows ``start:stop`` as Python ints."""
        return zip(self.s[start:stop].tolist(), self.p[start:stop].tolist(), self.o[start:stop].tolist())

    def triples(self) -> Iterator[Triple]:
        """Every triple as rdflib terms, in order."""
        t = self.terms
        for start in range(0, len(self), 65536):
            for s, p, o in self.rows(start, start + 65536):
                yield t[s], t[p], t[o]

    def subject_ranges(self) -> Iterator[tuple[int, int]]:
        """``(start, stop)`` of each subject's run of rows."""
        if not len(self):
            return
        edges = np.flatnonzero(self.s[1:] != self.s[:-1]) + 1
        bounds = [0, *edges.tolist(), len(self)]
        yield from zip(bounds[:-1], bounds[1:])


def _bisect(items: list[str], x: str) -> int:
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


class TripleSet:
    """A set of rdflib triples with ``add``, ``update``, ``len`` and iteration, at about 12 bytes a triple.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> ts = TripleSet()
    >>> a, b = URIRef("https://e.org/a"), URIRef("https://e.org/b")
    >>> ts.add((a, b, Literal(1)))
    >>> ts.update([(a, b, Literal(1)), (b, b, a)])
    >>> len(ts), sorted(o.n3() for _, _, o in ts)
    (2, ['"1"^^<http://www.w3.org/2001/XMLSchema#integer>', '<https://e.org/a>'])
    """

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._ids: dict[Node, int] = {}
        self._terms: list[Node] = []
        self._s, self._p, self._o = array("I"), array("I"), array("I")
        self.update(triples)

    def _id(self, term: Node) -> int:
        i = self._ids.get(term)
        if i is None:
            i = self._ids[term] = len(self._terms)
            self._terms.append(term)
        return i

    def add(self, triple: Triple) -> None:
        s, p, o = triple
        self._s.append(self._id(s))
        self._p.append(self._id(p))
        self._o.append(self._id(o))

    def update(self, triples: Iterable[Triple]) -> None:
        for triple in triples:
            self.add(triple)

    def _arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return _unique_rows(*(np.frombuffer(a, dtype=np.uint32) if len(a) else np.zeros(0, np.uint32)
                              for a in (self._s, self._p, self._o)))

    def _compact(self) -> None:
        """Drop repeated rows from the arrays (they grow with every ``add``)."""
        s, p, o = self._arrays()
        self._s, self._p, self._o = (_to_array(a) for a in (s, p, o))

    def __len__(self) -> int:
        self._compact()
        return len(self._s)

    def __iter__(self) -> Iterator[Triple]:
        t = self._terms
        s, p, o = self._arrays()
        for i, j, k in zip(s.tolist(), p.tolist(), o.tolist()):
            yield t[i], t[j], t[k]

    def table(self) -> Table:
        """The canonical, sorted :class:`Table` of these triples (this set is left as it was)."""
        canonical: dict[Node, int] = {}
        terms: list[Node] = []
        remap = np.empty(len(self._terms), dtype=np.int64)
        for i, term in enumerate(self._terms):
            c = canonical_term(term)
            j = canonical.get(c)
            if j is None:
                j = canonical[c] = len(terms)
                terms.append(c)
            remap[i] = j
        del canonical
        n3 = [t.n3() for t in terms]
        order = sorted(range(len(terms)), key=n3.__getitem__)
        rank = np.empty(len(terms), dtype=np.int64)
        rank[np.asarray(order, dtype=np.int64)] = np.arange(len(terms), dtype=np.int64)
        remap = rank[remap].astype(np.uint32) if len(terms) else remap.astype(np.uint32)
        s, p, o = self._arrays()
        rows = _unique_rows(remap[s], remap[p], remap[o])
        return Table([terms[i] for i in order], [n3[i] for i in order], *rows)


def _to_array(a: np.ndarray) -> array:
    out = array("I")
    out.frombytes(a.astype(np.uint32).tobytes())
    return out
