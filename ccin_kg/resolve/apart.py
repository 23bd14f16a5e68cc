"""Near-identical names that resolution kept as separate entities, and why.

Two entities whose names normalise to the same key, or score 95 or more with
rapidfuzz's token-set ratio, look like duplicates. Each such pair must have a
reason to stay apart; :func:`near_pairs` finds the pairs and
:func:`reason_apart` says the reason (None means: a duplicate, a bug).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz

from ccin_kg.resolve.names import name_key
from ccin_kg.resolve.pairs import close_pairs
from ccin_kg.resolve.records import Entity, Resolution

NEAR = 95
COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
           "greater", "upper", "lower", "inner", "outer"}


def _words(e: Entity) -> list[str]:
    return name_key(e.label).split()


def reason_apart(a: Entity, b: Entity) -> str | None:
    """Why two entities with near-identical names are different organisations, or None.

    >>> from ccin_kg.resolve.records import Entity
    >>> reason_apart(Entity("a", "Fooshire Council", "council"), Entity("b", "Fooshire Food Network", "network"))
    'different kinds of organisation: council / network'
    >>> reason_apart(Entity("a", "Youth Fund", "fund"), Entity("b", "Youth Music Fund", "fund"))
    'the longer name adds words the shorter lacks (music): too short to merge safely'
    >>> reason_apart(Entity("a", "Acme Trust", "charity"), Entity("b", "The Acme Trust", "charity")) is None
    True
    """
    ca, cb = a.council, b.council
    if ca and cb and (ca.code or ca.official_name) != (cb.code or cb.official_name):
        return f"different councils in the register: {ca.official_name} / {cb.official_name}"
    if a.org_type != b.org_type:
        return f"different kinds of organisation: {a.org_type} / {b.org_type}"
    wa, wb = _words(a), _words(b)
    if wa == wb:
        return None
    if {w for w in wa if w.isdigit() or w in COMPASS} != {w for w in wb if w.isdigit() or w in COMPASS}:
        return "different numbers or compass words"
    if wa and wb and wa[-1] != wb[-1]:
        return f"different head nouns: {wa[-1]} / {wb[-1]}"
    short, long_ = sorted((wa, wb), key=len)
    extra = [w for w in long_ if w not in short]
    missing = [w for w in short if w not in long_]
    if extra and not missing:
        return f"the longer name adds words the shorter lacks ({' '.join(extra)}): too short to merge safely"
    if extra or missing:
        return f"different words: {' '.join(missing) or '-'} / {' '.join(extra) or '-'}"
    return None


def near_pairs(resolution: Resolution, threshold: int = NEAR) -> Iterator[tuple[Entity, Entity, int]]:
    """Pairs of entities whose labels share a key or score >= ``threshold`` (token-set ratio)."""
    entities = [resolution.entities[k] for k in sorted(resolution.entities)]
    keys = [name_key(e.label) for e in entities]
    if len(keys) < 2:
        return
    pairs = {(i, j): score for i, j, score in close_pairs(keys, fuzz.token_set_ratio, threshold)}
    same: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        same[key].append(i)
    for group in same.values():  # equal keys are near whatever they score (even empty ones)
        pairs.update(((i, j), 100) for n, i in enumerate(group) for j in group[n + 1:])
    for i, j in sorted(pairs):
        yield entities[i], entities[j], pairs[(i, j)]


def kept_apart(resolution: Resolution) -> list[dict]:
    """Every near pair with the reason it was kept apart (``reason`` None: a duplicate)."""
    return [
        {"a": a.key, "b": b.key, "score": score, "reason": reason_apart(a, b)}
        for a, b, score in near_pairs(resolution)
    ]
