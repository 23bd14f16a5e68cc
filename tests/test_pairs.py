"""close_pairs (block-by-block cdist) finds exactly the pairs of a full cdist matrix."""

from __future__ import annotations

import random

import numpy as np
from rapidfuzz import fuzz, process

from ccin_kg.resolve.pairs import close_pairs


def _names(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    parts = ["acme", "oak", "fen", "trust", "food", "network", "the", "co op", "youth", "arts"]
    return [" ".join(rng.sample(parts, rng.randint(1, 3))) for _ in range(n)]


def test_blocks_find_the_full_matrix_pairs():
    names = _names(300)
    for scorer, cutoff in ((fuzz.token_set_ratio, 95), (fuzz.ratio, 90)):
        full = process.cdist(names, names, scorer=scorer, score_cutoff=cutoff, dtype=np.uint8)
        want = [(i, j, int(full[i, j])) for i in range(len(names)) for j in range(i + 1, len(names))
                if full[i, j] >= cutoff]
        assert close_pairs(names, scorer, cutoff, block=7) == want
        assert close_pairs(names, scorer, cutoff) == want


def test_no_pairs_in_tiny_inputs():
    assert close_pairs([], fuzz.ratio, 95) == []
    assert close_pairs(["x"], fuzz.ratio, 95) == []
