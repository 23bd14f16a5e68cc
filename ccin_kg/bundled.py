"""Paths of the data that ships inside the package."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def corpus_paths() -> list[Path]:
    """The bundled CCIN source documents, sorted by name.

    >>> [p.name[:3] for p in corpus_paths()]
    ['000', '001', '002', '003', '004']
    """
    folder = Path(str(files("ccin_kg") / "data" / "corpus"))
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in {".txt", ".md", ".html", ".pdf"})
