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
bound to ``?name`` (rdflib's ``initBindings``); the query text is never
edited, so a value holding quotes, braces, ``#`` or a whole SPARQL clause is
only ever a string to compare with. Queries that look entities up by name
compare labels (``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel``) with
the value ignoring case, spaces and punctuation, and reading "&" as "and".
A parameter name never doubles as an output column.

Parameters reach every part of a query, nested groups included (rdflib's
``initBindings`` semantics); an engine that bound them with a trailing
``VALUES`` block would not see them inside nested groups, so run named
queries through :func:`ccin_kg.query.library.run_query`.

Writing a query for rdflib's engine: match the name first, in a group of its
own (``{ ?org rdfs:label ?l FILTER(...) }``), then follow links from the
bound node; within one group rdflib orders triple patterns by their number of
variables, not by what is bound, and joins nested groups lazily only when
they hold no further joins, subqueries or ``VALUES``.

Every shipped query ends with ``ORDER BY`` so its rows come out in the same
order every time. Modules: :mod:`ccin_kg.query.header` (the header),
:mod:`ccin_kg.query.library` (finding, loading and running queries),
:mod:`ccin_kg.query.render` (rows as table, CSV or JSON lines).
"""
