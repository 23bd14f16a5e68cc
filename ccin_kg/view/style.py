"""How node types look: colours, legend names, display labels."""

from __future__ import annotations

__all__ = ["TYPE_COLOURS", "TYPE_NAMES", "display_label", "type_colour"]

TYPE_COLOURS: dict[str, str] = {
    "council": "#1f77b4",
    "charity": "#2ca02c",
    "cooperative": "#17becf",
    "company": "#8c564b",
    "university": "#9467bd",
    "nhs": "#005eb8",
    "government": "#7f7f7f",
    "network": "#d62728",
    "fund": "#ff7f0e",
    "funder": "#ffbb78",
    "organisation": "#98df8a",
    "initiative": "#e377c2",
    "person": "#bcbd22",
    "theme": "#c5b0d5",
    "principle": "#f7b6d2",
    "approach": "#c49c94",
    "place": "#dbdb8d",
}
"""Node type → colour (a colour-blind-aware palette, one hue per kind of thing)."""

TYPE_NAMES: dict[str, str] = {
    "nhs": "NHS body",
    "government": "government body",
    "cooperative": "co-operative",
    "organisation": "other organisation",
}
"""Legend names where the type's own name is not the best one."""

OTHER_COLOUR = "#aaaaaa"


def type_colour(kind: str) -> str:
    """The colour of a node type; grey for a type with none.

    Examples
    --------
    >>> type_colour("council"), type_colour("spaceship")
    ('#1f77b4', '#aaaaaa')
    """
    return TYPE_COLOURS.get(kind, OTHER_COLOUR)


def display_label(text: str, limit: int = 40) -> str:
    """A label short enough to draw on the canvas: cut at a word, with an ellipsis.

    Examples
    --------
    >>> display_label("Oldham Council")
    'Oldham Council'
    >>> display_label("Cooperatives Unleashed: as seen from the Grassroots", 30)
    'Cooperatives Unleashed: as…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:-–") + "…"
