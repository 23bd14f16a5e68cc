"""Named SPARQL queries: ``ccin_kg/query/*.rq``, shared by ``ccin-kg query`` and the endpoint.

Each shipped query is a SPARQL file whose first lines are a header of
``#+ key: value`` comments (the grlc convention), then the query itself with
its own ``PREFIX`` lines, so the file also runs unchanged on any endpoint::

    #+ name: funded-by
    #+ summary: Initiatives a funder funds, with the amounts the text states
    #+ params: funder=UK Shared Prosperity Fund
    PREFIX ccin: <https://w3id.org/ccin-kg/ontology#>
    SELECT ?initiative ?amount_gbp WHERE { ... ?fund rdfs:label ?l .
        FILTER(LCASE(STR(?l)) = LCASE(STR(?funder))) ... }
    ORDER BY ?initiative

Header keys (nothing else is allowed; a broken header is an error that names
the file and line):

``name``
    The query's name, lower case words joined by hyphens; for a shipped file
    it equals the file name without ``.rq``. Optional in a user's own file
    (the file name is used).
``summary``
    One line saying what the query answers; ``ccin-kg query --list`` shows it.
    Required in shipped files.
``params``
    Comma-separated parameters, each ``name=default`` (the default is used
    when the caller gives no value; write it in double quotes, JSON style,
    when it holds a comma or a quote) or a bare ``name`` (optional: left
    unbound when not given, so the query can test ``!BOUND(?name)``). Each
    name must be a variable of the query.

Parameters are **bound, never pasted in**: a value becomes an RDF literal
bound to ``?name``; the query text is never edited, so a value holding
quotes, braces, ``#`` or a whole SPARQL clause is only ever a string to
compare with. On an rdflib Graph the binding is rdflib's ``initBindings``;
on a :class:`pyoxigraph.Store` (the build's ``store/``, which ``ccin-kg
query`` and the endpoint use) it is Oxigraph's ``substitutions`` (SPARQL-dev
SEP-0007), which binds only *projected* variables, so every shipped query
lists its parameters at the end of its ``SELECT``; the library leaves those
columns out of the answer, so a parameter never doubles as an output column.
Both reach every part of a query, nested groups and ``EXISTS`` included.

Names are looked up through ``ccin:nameKey``, which the build writes for
every label, preferred or alternative label and title: the name with "&"
read as "and", only ASCII letters and digits kept, in lower case
(:func:`ccin_kg.namespaces.name_key`). For a parameter NAME the library also
binds ``?NAME_key`` to the same key of the value when the query mentions it,
so ``?node ccin:nameKey ?org_key`` is one index lookup; each query still
checks ``FILTER(?org_key = LCASE(REPLACE(...?org...)))``, so the file gives
the same answer on an endpoint that binds only ``?org``.

Writing a query that is fast on both engines (``scripts/bench_queries.py``
measures them side by side on a million triples):

- one flat group of triple patterns per ``UNION`` branch, starting from the
  looked-up node, with the ``FILTER`` in that group; do not join a branch
  to a group after it (Oxigraph then evaluates the later group on its own)
  and repeat the shared pattern in each branch instead;
- no ``EXISTS``/``NOT EXISTS`` (Oxigraph evaluates them without the outer
  bindings): ``OPTIONAL { ... }`` and ``BOUND(?x)`` say the same;
- no ``BOUND(?param)``: Oxigraph reads a substituted variable as unbound;
  test ``COALESCE(STR(?param), "") = ""`` instead;
- property paths and ``OPTIONAL`` on large properties (evidence, labels)
  cost a scan on Oxigraph; prefer plain triple patterns that are always
  there (the shapes guarantee an initiative's ``ccin:sourceDocument`` and
  ``ccin:firstLine``).

Every shipped query ends with ``ORDER BY`` so its rows come out in the same
order every time. Modules: :mod:`ccin_kg.query.header` (the header),
:mod:`ccin_kg.query.library` (finding, loading and running queries),
:mod:`ccin_kg.query.render` (rows as table, CSV or JSON lines).
"""
