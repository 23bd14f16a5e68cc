"""Why entities look as they do: the surface forms merged into each, where each was seen, and why.

The build writes the resolution as ``entities.json`` beside the graph;
``ccin-kg explain`` reads it back and prints one entity's story.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from ccin_kg.errors import CcinKgError, GraphMissing, SourceError
from ccin_kg.resolve.records import CouncilInfo, Entity, Resolution, Sighting

ENTITIES_NAME = "entities.json"


def resolution_bytes(resolution: Resolution) -> bytes:
    """The resolution as deterministic JSON (sorted keys and lists).

    >>> r = Resolution({"a": Entity("a", "A Trust", "charity", "name-cue:Trust", {"A Trust", "The A Trust"})}, {})
    >>> json.loads(resolution_bytes(r))["entities"][0]["alt_labels"]
    ['A Trust', 'The A Trust']
    """
    entities = []
    for key in sorted(resolution.entities):
        e = resolution.entities[key]
        entities.append({
            "key": e.key, "label": e.label, "org_type": e.org_type, "type_rule": e.type_rule,
            "alt_labels": sorted(e.alt_labels),
            "council": asdict(e.council) if e.council else None,
            "sightings": sorted((asdict(s) for s in e.sightings),
                                key=lambda s: (s["source"], s["first_line"], s["surface"], s["reason"])),
        })
    from ccin_kg.resolve.apart import kept_apart

    data = {"entities": entities, "kept_apart": kept_apart(resolution)}
    return (json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def load_resolution(graph_dir: Path) -> Resolution:
    """Read ``entities.json`` from a build directory."""
    path = Path(graph_dir) / ENTITIES_NAME
    if not path.is_file():
        raise GraphMissing(f"{path}: no entity file here (run: ccin-kg build)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entities = {}
        by_surface = {}
        for d in data["entities"]:
            e = Entity(d["key"], d["label"], d["org_type"], d["type_rule"], set(d["alt_labels"]),
                       CouncilInfo(**d["council"]) if d["council"] else None,
                       [Sighting(**s) for s in d["sightings"]])
            entities[e.key] = e
            for form in {e.label, *e.alt_labels}:
                by_surface.setdefault(form, e.key)
    except (ValueError, KeyError, TypeError) as e:
        raise SourceError(path, f"not an entity file written by ccin-kg build ({e})") from None
    return Resolution(entities, by_surface)


def explain_lines(entity: Entity) -> Iterator[str]:
    """A readable account of one entity, line by line.

    >>> e = Entity("x", "X Trust", "charity", "name-cue:Trust", {"The X Trust"},
    ...            sightings=[Sighting("The X Trust", "a.txt", 3, "normalised key")])
    >>> print("\\n".join(explain_lines(e)))
    X Trust
      type: charity (name-cue:Trust)
      surface forms merged (1 sighting):
        "The X Trust"  a.txt:3  normalised key
    """
    yield entity.label
    yield f"  type: {entity.org_type} ({entity.type_rule})"
    c = entity.council
    if c:
        yield f"  council: {c.official_name} [{c.tier}]"
        yield f"  GSS code: {c.gss or '-'}   org-id: {c.org_id or '-'}   register code: {c.code or '-'}"
        if c.gss:
            yield f"  area served: http://statistics.data.gov.uk/id/statistical-geography/{c.gss}"
        if c.end_date:
            yield f"  former council: ended {c.end_date}, replaced by register code {c.replaced_by or '-'}"
    yield f"  surface forms merged ({len(entity.sightings)} sighting{'s' if len(entity.sightings) != 1 else ''}):"
    for s in sorted(entity.sightings, key=lambda s: (s.surface, s.source, s.first_line)):
        yield f'    "{s.surface}"  {s.source}:{s.first_line}  {s.reason}'


class EntityNotFound(CcinKgError):
    """No entity matches what the user typed."""
