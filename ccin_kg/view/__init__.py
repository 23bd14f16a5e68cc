"""Interactive network views: one self-contained HTML page, offline.

- :mod:`~ccin_kg.view.select` picks what the page shows (focus, depth,
  filters, the most linked nodes of a large graph);
- :mod:`~ccin_kg.view.page` renders it (:func:`~ccin_kg.view.page.render_view`)
  with our own template and vis-network inlined from the pyvis package;
- :mod:`~ccin_kg.view.write` writes it atomically;
- :mod:`~ccin_kg.view.chromium` drives headless Chromium for tests and benchmarks.
"""
