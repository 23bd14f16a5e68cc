"""Group the organisation names of an extraction into canonical, typed entities.

:func:`resolve` collects every organisation name (members, works-with pairs,
initiative leads, partners, funders, contacts' organisations), then groups
them in this order:

1. **register** — names the local-authority register matches
   (:meth:`~ccin_kg.resolve.register.Register.lookup`) group by register row;
   the label is the register's official name.
2. **local councils** — other council names (town, parish and community
   councils; councils the register does not know) group by council key
   without "town"/"parish"/"community" ("Seaton Valley Council" and "Seaton
   Valley Community Council").
3. **normalised key** — every other name groups by
   :func:`~ccin_kg.resolve.names.name_key` ("The Acme Trust" / "Acme Trust").
4. **acronym** — a name that is an acronym ("GMCA", "FCP") joins the one
   group whose name has those initials ("Greater Manchester Combined
   Authority"); it is left alone when several groups have them.
5. **fuzzy** — two non-council groups (or two local-council groups) merge
   when their keys without legal forms ("Ltd", "Limited", "CIC" ...) have
   ``token_set_ratio >= 95`` *and* ``token_sort_ratio >= 90`` and their
   first significant words agree (or differ by OCR damage); or when those
   keys without spaces have ``ratio >= 95`` ("Inver clyde Trust" /
   "Inverclyde Trust"). Numbers and direction words ("North", "East") must
   agree either way, so "Ward 1" / "Ward 2" stay apart.

Two register councils never merge, and a council never merges with a
non-council (an acronym joins whatever it abbreviates). The result does not
depend on input order.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz, process

from ccin_kg.extract.records import Extraction
from ccin_kg.namespaces import slugify
from ccin_kg.resolve.names import (
    council_key,
    council_tier_from_name,
    initials,
    is_acronym,
    is_council_name,
    name_key,
    org_type_from_name,
    significant_words,
)
from ccin_kg.resolve.pairs import close_pairs
from ccin_kg.resolve.records import CouncilInfo, Entity, Resolution, Sighting
from ccin_kg.resolve.register import Register, load_register

__all__ = ["FIND_THRESHOLD", "FUZZY_SET_THRESHOLD", "find_entity", "resolve", "surface_names"]

FUZZY_SET_THRESHOLD = 95  # token_set_ratio of two non-council names' keys
FUZZY_SORT_THRESHOLD = 90  # token_sort_ratio of the keys without legal forms
FIND_THRESHOLD = 85  # WRatio for find_entity's last step
_LEGAL = frozenset({"ltd", "limited", "plc", "llp", "cic", "cio", "inc", "co", "solicitors"})
_MARKS = frozenset({"north", "south", "east", "west", "central", "mid", "upper", "lower", "greater",
                    "inner", "outer", "new", "old"})
_LOCAL_WORDS = frozenset({"town", "parish", "community", "village", "neighbourhood"})
_CLASS_ORDER = {"reg": 0, "local": 1, "org": 2}
_THE = re.compile(r"^the\s+", re.I)


def _clean(text: str) -> str:
    return " ".join(text.split())


def surface_names(extraction: Extraction) -> Iterator[tuple[str, str, int]]:
    """Every organisation name in an extraction: ``(name as written, source, first line)``.

    Members, both sides of works-with pairs, initiative leads, partners,
    funders and contacts' organisations.

    Examples
    --------
    >>> from ccin_kg.extract.records import Evidence, Member
    >>> ev = Evidence("m.txt", 4, 4, 0, 9, "", "members")
    >>> list(surface_names(Extraction(members=[Member("Oldham Council", "Full", ev)])))
    [('Oldham Council', 'm.txt', 4)]
    """
    for m in extraction.members:
        yield m.name, m.evidence.source, m.evidence.first_line
    for w in extraction.works_with:
        yield w.affiliate, w.evidence.source, w.evidence.first_line
        yield w.partner, w.evidence.source, w.evidence.first_line
    for ini in extraction.initiatives:
        for ref in (*ini.lead, *ini.partners):
            yield ref.name, ref.evidence.source, ref.evidence.first_line
        for f in ini.funders:
            yield f.funder, f.evidence.source, f.evidence.first_line
        for c in ini.contacts:
            if c.organisation:
                yield c.organisation, c.evidence.source, c.evidence.first_line


class _Groups:
    """Union-find over group ids; the root of a merged set is the earlier-ranked id."""

    def __init__(self, ids: list[tuple[str, str]]) -> None:
        self.parent = {g: g for g in ids}

    def find(self, g: tuple[str, str]) -> tuple[str, str]:
        while self.parent[g] != g:
            self.parent[g] = self.parent[self.parent[g]]
            g = self.parent[g]
        return g

    def union(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=lambda g: (_CLASS_ORDER[g[0]], g[1]))
            self.parent[second] = first


def _local_key(surface: str) -> str:
    """Key of a council name the register lacks: council key without town/parish/community."""
    words = [w for w in council_key(surface).split() if w not in _LOCAL_WORDS]
    return " ".join(words) or name_key(surface)


def _core(key: str) -> str:
    """A key without legal forms, and with "funding" read as "fund" ("UK Shared Prosperity Funding").

    >>> _core("acme trading ltd"), _core("uk shared prosperity funding")
    ('acme trading', 'uk shared prosperity fund')
    """
    return " ".join("fund" if w == "funding" else w for w in key.split() if w not in _LEGAL)


def _one_word_dropped(a: str, b: str) -> bool:
    """One key is the other with one inner word lost (OCR damage), both long enough to be sure.

    The head word (last) and the first word must survive, so "UK Prosperity Fund"
    joins "UK Shared Prosperity Fund" but "Prosperity Fund" joins nothing.

    >>> _one_word_dropped("uk prosperity fund", "uk shared prosperity fund")
    True
    >>> _one_word_dropped("youth fund", "youth music fund")
    False
    """
    short, long_ = sorted((a.split(), b.split()), key=len)
    if len(long_) != len(short) + 1 or len(short) < 3 or short[0] != long_[0] or short[-1] != long_[-1]:
        return False
    return any(long_[:k] + long_[k + 1:] == short for k in range(1, len(long_) - 1))


def _numbers_and_marks(key: str) -> frozenset[str]:
    return frozenset(w for w in key.split() if w.isdigit() or w in _MARKS)


def _first_words_agree(a: str, b: str) -> bool:
    wa, wb = significant_words(a)[:1], significant_words(b)[:1]
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    return min(len(wa[0]), len(wb[0])) >= 5 and fuzz.ratio(wa[0], wb[0]) >= 85


def _fuzzy_ok(a: str, b: str) -> bool:
    """The guards on a fuzzy pair of keys without legal forms (see the module docstring)."""
    if _numbers_and_marks(a) != _numbers_and_marks(b):
        return False
    if fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")) >= FUZZY_SET_THRESHOLD or _one_word_dropped(a, b):
        return True
    return _first_words_agree(a, b) and fuzz.token_sort_ratio(a, b) >= FUZZY_SORT_THRESHOLD


def _fuzzy_pairs(keys: list[str]) -> list[tuple[int, int, int]]:
    """Index pairs ``(i, j, score)`` of keys close enough to merge, best first."""
    if len(keys) < 2:
        return []
    pairs: dict[tuple[int, int], int] = {}
    for scorer, choices in ((fuzz.token_set_ratio, keys), (fuzz.ratio, [k.replace(" ", "") for k in keys])):
        for i, j, score in close_pairs(choices, scorer, FUZZY_SET_THRESHOLD):
            if _fuzzy_ok(keys[i], keys[j]):
                pairs[(i, j)] = max(pairs.get((i, j), 0), score)
    return sorted(((i, j, s) for (i, j), s in pairs.items()), key=lambda t: (-t[2], t[0], t[1]))


NETWORK_KEY = "ccin"  # the network itself: one node, id/org/ccin, whatever it is called


def _is_network(name: str) -> bool:
    """The CCIN named by its name or acronym.

    >>> _is_network("The Co-operative Councils' Innovation Network"), _is_network("CCIN"), _is_network("CCIN Ltd")
    (True, True, False)
    """
    return name_key(name).replace(" ", "") in {"ccin", "cooperativecouncilsinnovationnetwork"}


def _label(counts: Counter[str]) -> str:
    """Most frequent surface, ties → the longest, then alphabetical; acronyms only if nothing else."""
    names = [s for s in counts if not is_acronym(s)] or list(counts)
    return min(names, key=lambda s: (-counts[s], -len(s), s))


def resolve(extraction: Extraction, register: Register | None = None) -> Resolution:
    """Canonical entities for every organisation name in an extraction.

    Parameters
    ----------
    extraction : Extraction
        Records from the extract stage.
    register : Register, optional
        The local-authority register (default: the bundled one).

    Returns
    -------
    Resolution
        Entities by key, and every surface name (as written and with its
        whitespace collapsed) mapped to its entity's key.

    Examples
    --------
    >>> from ccin_kg.extract.records import Evidence, Member, WorksWith
    >>> ev = Evidence("m.txt", 3, 3, 0, 9, "", "members")
    >>> ex = Extraction(members=[Member("Telford & Wrekin Council", "Full", ev),
    ...                          Member("The Acme Trust", "Affiliate", ev)],
    ...                 works_with=[WorksWith("Acme Trust", "Telford and Wrekin Council", ev),
    ...                             WorksWith("Acme Trust", "Oldham", ev)])
    >>> res = resolve(ex)
    >>> sorted(res.entities)
    ['acme-trust', 'oldham', 'telford-and-wrekin-council']
    >>> council = res.entity_for("Telford and Wrekin Council")
    >>> council.label, council.council.gss, council.org_type
    ('Telford & Wrekin Council', 'E06000020', 'council')
    >>> res.entity_for("The Acme Trust").label, res.entity_for("The Acme Trust").org_type
    ('Acme Trust', 'charity')
    """
    register = register if register is not None else load_register()
    raw_of: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    seen_at: set[tuple[str, str, int]] = set()
    for raw, source, line in surface_names(extraction):
        surface = _clean(raw or "")
        if not surface or not name_key(surface):
            continue
        raw_of[surface].add(raw)
        counts[surface] += 1
        seen_at.add((surface, source, line))
    surfaces = sorted(counts)

    # 1-3: initial groups
    group_of: dict[str, tuple[str, str]] = {}
    how: dict[str, str] = {}  # register rule per surface
    infos: dict[str, CouncilInfo] = {}
    for s in surfaces:
        hit = register.lookup(s)
        if hit is not None:
            info, rule = hit
            group_of[s] = ("reg", info.code or info.official_name)
            infos[group_of[s][1]] = info
            how[s] = rule
        elif council_tier_from_name(s) or is_council_name(s):
            group_of[s] = ("local", _local_key(s))
        else:
            group_of[s] = ("org", _core(name_key(s)) or name_key(s))
    ids = sorted(set(group_of.values()), key=lambda g: (_CLASS_ORDER[g[0]], g[1]))
    groups = _Groups(ids)
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s in surfaces:
        members[group_of[s]].append(s)

    # 4: acronyms
    why: dict[tuple[str, str], str] = {}
    expansions: dict[str, set[tuple[str, str]]] = defaultdict(set)
    expansion_name: dict[tuple[str, tuple[str, str]], str] = {}
    for g in ids:
        forms = list(members[g]) + ([infos[g[1]].official_name] if g[0] == "reg" else [])
        for form in sorted(forms):
            if is_acronym(form) or len(significant_words(form)) < 2:
                continue
            for letters in {initials(form), initials(form, keep_capitals=True)}:
                expansions[letters].add(g)
                expansion_name.setdefault((letters, g), form)
    for g in ids:
        # an acronym group: one word, written in capitals at least once ("CCIN", "The CCIN")
        if g[0] != "org" or " " in g[1] or not any(is_acronym(_THE.sub("", s)) for s in members[g]):
            continue
        letters = g[1].upper()
        targets = {t for t in expansions.get(letters, ()) if t != g}
        roots = {groups.find(t) for t in targets}
        if len(roots) == 1:
            target = min(targets)
            groups.union(g, target)
            why[g] = f"acronym of {expansion_name[(letters, target)]}"

    # 5: fuzzy, within non-councils and within local councils
    for cls in ("org", "local"):
        live = [g for g in ids if g[0] == cls and groups.find(g)[0] == cls]
        keys = [_core(g[1]) or g[1] for g in live]
        for i, j, score in _fuzzy_pairs(keys):
            groups.union(live[i], live[j])
            for g in (live[i], live[j]):
                why.setdefault(g, f"fuzzy {score}")

    return _entities(surfaces, group_of, groups, infos, how, why, counts, raw_of, seen_at)


def _entities(surfaces, group_of, groups, infos, how, why, counts, raw_of, seen_at) -> Resolution:
    """Label, type, key and sightings of each merged group."""
    by_root: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s in surfaces:
        by_root[groups.find(group_of[s])].append(s)
    drafts = []
    for root, forms in by_root.items():
        form_counts = Counter({s: counts[s] for s in forms})
        info = infos.get(root[1]) if root[0] == "reg" else None
        spelled_out = Counter({s: n for s, n in form_counts.items()
                               if not why.get(group_of[s], "").startswith("acronym")})
        label = info.official_name if info else _label(spelled_out or form_counts)
        if info:
            org_type, rule = "council", f"register:{info.code}"
        elif root[0] == "local":
            tiered = any(council_tier_from_name(s) for s in forms)
            org_type, rule = "council", "name-cue:town/parish/community council" if tiered else "name-cue:council"
            if tiered:
                info = CouncilInfo(None, label, None, None, None, "town-parish-community", None, None, None)
        else:
            ranked = sorted(forms, key=lambda s: (s != label, -form_counts[s], -len(s), s))
            typed = [org_type_from_name(s) for s in ranked]
            org_type, rule = next((t for t in typed if t[1] != "default"), typed[0])
        drafts.append((root, label, org_type, rule, info, forms))

    entities: dict[str, Entity] = {}
    by_surface: dict[str, str] = {}
    drafts.sort(key=lambda d: (_CLASS_ORDER[d[0][0]], d[1], d[5]))
    label_key = {d[0]: name_key(d[1]) for d in drafts}
    reasons = {}
    for root, label, _, _, info, forms in drafts:
        for s in forms:
            g = group_of[s]
            if s == label:
                reasons[s] = "exact"
            elif root[0] == "reg" and g[0] == "reg":
                reasons[s] = how[s]
            elif name_key(s) == label_key[root]:
                reasons[s] = "normalised key"
            elif g in why:
                reasons[s] = why[g]
            else:
                reasons[s] = "council key" if g[0] == "local" else "normalised key"
    sightings = defaultdict(list)
    for s, source, line in sorted(seen_at):
        sightings[s].append(Sighting(s, source, line, reasons[s]))
    for root, label, org_type, rule, info, forms in drafts:
        key = NETWORK_KEY if any(_is_network(f) for f in forms) and NETWORK_KEY not in entities else slugify(label)
        if key in entities:
            digest = hashlib.sha1("\n".join([label, *sorted(forms)]).encode("utf-8")).hexdigest()[:6]
            key = f"{key}-{digest}"
        entity = Entity(key, label, org_type, rule, set(forms), info,
                        sorted((x for s in forms for x in sightings[s]),
                               key=lambda x: (x.source, x.first_line, x.surface)))
        entities[key] = entity
        for s in forms:
            for name in (s, *raw_of[s]):
                by_surface[name] = key
    return Resolution(dict(sorted(entities.items())), dict(sorted(by_surface.items())))


# --- finding an entity from a user's query --------------------------------------------------------

def _forms(entity: Entity) -> list[str]:
    return sorted({entity.label, *entity.alt_labels, *(s.surface for s in entity.sightings)})


def _unique(keys: set[str], resolution: Resolution, query_key: str) -> Entity | None:
    if not keys:
        return None
    if len(keys) > 1:
        exact = {k for k in keys if name_key(resolution.entities[k].label) == query_key}
        keys = exact or keys
    return resolution.entities[min(keys)]


def find_entity(resolution: Resolution, query: str) -> Entity | None:
    """The entity a user means by ``query`` ("Cheshire West", "GMCA", "oldham council"), or None.

    Tried in order: a surface name as written; equal
    :func:`~ccin_kg.resolve.names.name_key` with the label or any form; for
    councils, equal :func:`~ccin_kg.resolve.names.council_key` (short forms
    expanded); an acronym of a label or form; and last the best rapidfuzz
    ``WRatio`` of the keys, at least ``FIND_THRESHOLD``.

    Parameters
    ----------
    resolution : Resolution
        From :func:`resolve` (or read back from a build).
    query : str
        A name as a user types it.

    Returns
    -------
    Entity or None

    Examples
    --------
    >>> from ccin_kg.resolve.records import Entity, Resolution
    >>> ents = [Entity("cheshire-west-and-chester-council", "Cheshire West and Chester Council", "council"),
    ...         Entity("greater-manchester-combined-authority", "Greater Manchester Combined Authority", "council"),
    ...         Entity("oldham-metropolitan-borough-council", "Oldham Metropolitan Borough Council", "council",
    ...                alt_labels={"Oldham Council"})]
    >>> res = Resolution({e.key: e for e in ents}, {})
    >>> for q in ("Cheshire West", "GMCA", "oldham council"):
    ...     print(find_entity(res, q).key)
    cheshire-west-and-chester-council
    greater-manchester-combined-authority
    oldham-metropolitan-borough-council
    >>> find_entity(res, "Zedland Trust") is None
    True
    """
    q = _clean(query or "")
    qkey = name_key(q)
    if not qkey:
        return None
    if q in resolution.by_surface and resolution.by_surface[q] in resolution.entities:
        return resolution.entities[resolution.by_surface[q]]
    by_key: dict[str, set[str]] = defaultdict(set)
    by_council: dict[str, set[str]] = defaultdict(set)
    by_initials: dict[str, set[str]] = defaultdict(set)
    choices: list[tuple[str, str]] = []
    for key in sorted(resolution.entities):
        entity = resolution.entities[key]
        is_council = entity.org_type == "council" or entity.council is not None
        for form in _forms(entity):
            fk = name_key(form)
            by_key[fk].add(key)
            choices.append((fk, key))
            if is_council and is_council_name(form):
                by_council[council_key(form, expand=True)].add(key)
            if len(significant_words(form)) >= 2:
                for letters in {initials(form), initials(form, keep_capitals=True)}:
                    by_initials[letters].add(key)
        if entity.council is not None and entity.council.nice_name:
            by_council[council_key(entity.council.nice_name, expand=True)].add(key)
    found = _unique(by_key.get(qkey, set()), resolution, qkey)
    if found is None:
        ckey = council_key(q, expand=True)
        if ckey:
            found = _unique(by_council.get(ckey, set()), resolution, qkey)
    if found is None and (is_acronym(q) or re.fullmatch(r"[a-z]{3,6}", q)):
        found = _unique(by_initials.get(q.upper(), set()), resolution, qkey)
    if found is None and choices:
        best = process.extractOne(qkey, [c[0] for c in choices], scorer=fuzz.WRatio,
                                  score_cutoff=FIND_THRESHOLD)
        if best is not None:
            found = resolution.entities[choices[best[2]][1]]
    return found
