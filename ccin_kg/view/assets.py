"""vis-network's script and style sheet, read from the installed pyvis package to be inlined.

pyvis 0.3.2 ships vis-network 9.1.2 (``pyvis/lib/vis-9.1.2/``), dual-licensed
Apache-2.0 / MIT; its licence header stays at the top of the inlined script.
Nothing is fetched: the page carries both files inside itself.
"""

from __future__ import annotations

import functools
from importlib.resources import files

from ccin_kg.errors import CcinKgError

__all__ = ["VIS_VERSION", "AssetMissing", "vis_assets"]

VIS_VERSION = "9.1.2"
_FOLDERS = (("lib", f"vis-{VIS_VERSION}"), ("templates", "lib", f"vis-{VIS_VERSION}"))


class AssetMissing(CcinKgError):
    """The vis-network files are not in the installed pyvis package."""


def _read(name: str) -> str:
    root = files("pyvis")
    for folder in _FOLDERS:
        path = root.joinpath(*folder, name)
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise AssetMissing(f"pyvis/lib/vis-{VIS_VERSION}/{name} is missing: reinstall pyvis==0.3.2")


@functools.cache
def vis_assets() -> tuple[str, str]:
    """``(script, style sheet)`` of vis-network, safe to put inside ``<script>`` and ``<style>``.

    Raises
    ------
    AssetMissing
        when pyvis does not carry the files.
    ValueError
        if a file holds a closing tag that would end its element early.

    Examples
    --------
    >>> js, css = vis_assets()
    >>> "vis-network" in js[:200], "vis-network" in css
    (True, True)
    """
    js, css = _read("vis-network.min.js"), _read("vis-network.css")
    if "</script" in js.lower() or "</style" in css.lower():
        raise ValueError("vis-network file holds a closing tag: it cannot be inlined as is")
    return js, css
