"""The SPARQL endpoint behind ``ccin-kg serve``.

Modules: :mod:`~ccin_kg.serve.app` (the ASGI app and its routes),
:mod:`~ccin_kg.serve.pool` and :mod:`~ccin_kg.serve.worker` (queries in
worker processes, stopped at the time limit), :mod:`~ccin_kg.serve.guard`
(query form, updates and ``SERVICE`` found by a small lexer),
:mod:`~ccin_kg.serve.formats` (content negotiation),
:mod:`~ccin_kg.serve.results` (serialisations with the row cap),
:mod:`~ccin_kg.serve.page` (the offline query page) and
:mod:`~ccin_kg.serve.run` (uvicorn, or one in-process request for ``--get``).
Nothing heavy is imported here.
"""
