"""All pairs of strings scoring at least a cutoff, found block by block.

``rapidfuzz.process.cdist`` on n names makes an n×n matrix: at 100 times
the bundled corpus (tens of thousands of names) that is gigabytes, and
walking it in Python takes minutes. :func:`close_pairs` scores one block of
rows against the names after it (the upper triangle only), on every core,
and keeps only the cells at or above the cutoff, so memory is
``block × n`` bytes and no Python loop runs over pairs that do not match.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from rapidfuzz import process

__all__ = ["BLOCK", "close_pairs"]

BLOCK = 512


def close_pairs(choices: Sequence[str], scorer: Callable, cutoff: int, block: int = BLOCK
                ) -> list[tuple[int, int, int]]:
    """``(i, j, score)`` for every ``i < j`` with ``scorer(choices[i], choices[j]) >= cutoff``, sorted by i, j.

    Examples
    --------
    >>> from rapidfuzz import fuzz
    >>> close_pairs(["acme trust", "the acme trust", "oldham", "acme trust"], fuzz.token_set_ratio, 95)
    [(0, 1, 100), (0, 3, 100), (1, 3, 100)]
    """
    found: list[tuple[int, int, int]] = []
    for start in range(0, len(choices), block):
        rows = list(choices[start:start + block])
        scores = process.cdist(rows, list(choices[start:]), scorer=scorer, score_cutoff=cutoff,
                               dtype=np.uint8, workers=-1)
        r, c = np.nonzero(np.triu(scores >= max(cutoff, 1), k=1))
        found.extend((start + i, start + j, int(scores[i, j])) for i, j in zip(r.tolist(), c.tolist()))
    return found
