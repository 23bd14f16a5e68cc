"""Load a built graph from a build directory or an RDF file, with one-line errors."""

from __future__ import annotations

from pathlib import Path

from ccin_kg.errors import GraphMissing, SourceError

FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig",
           ".nq": "nquads", ".rdf": "xml", ".xml": "xml"}


def load_graph(path: str | Path):
    """An rdflib Graph from a build directory (its ``ccin.ttl``) or an RDF file.

    Raises
    ------
    GraphMissing
        when the path does not exist or the directory holds no ``ccin.ttl``.
    SourceError
        when the file does not parse ("path:line:col: message" where known).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "g.ttl").write_text("<urn:a> <urn:b> <urn:c> .")
    >>> len(load_graph(d / "g.ttl"))
    1
    >>> try:
    ...     load_graph(d / "nope")
    ... except GraphMissing as e:
    ...     print(str(e).endswith("no built graph here (run: ccin-kg build)"))
    True
    """
    from rdflib import Graph

    path = Path(path)
    if path.is_dir():
        path = path / "ccin.ttl"
    if not path.is_file():
        raise GraphMissing(f"{path}: no built graph here (run: ccin-kg build)")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise SourceError(path, f"unknown RDF format {path.suffix!r} (use .ttl, .nt, .jsonld, .trig, .nq or .rdf)")
    g = Graph()
    try:
        if fmt == "json-ld":  # never fetch the published @context: use the shipped copy
            from ccin_kg.build.write import read_jsonld

            return read_jsonld(path)
        g.parse(path, format=fmt)
    except UnicodeDecodeError as e:
        raise SourceError(path, f"is not UTF-8 text ({e.reason} at byte {e.start})") from None
    except Exception as e:  # rdflib raises many parser-specific types
        line = getattr(e, "lines", None) or getattr(e, "line", None)
        msg = " ".join(str(e).split())[:300]
        raise SourceError(path, f"cannot parse {fmt}: {msg}", line=line if isinstance(line, int) else None) from None
    return g
