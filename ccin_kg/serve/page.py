"""The query page at ``/``: a SPARQL form and the named queries, results as a table.

Everything is in the one HTML document (no CDN, no external file), so the
page works offline; every text from the graph or the library is escaped on
the server (:func:`html.escape`) or set with ``textContent`` in the browser,
never parsed as HTML. A Content-Security-Policy with the hashes of the inline
script and style forbids anything else.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Sequence

__all__ = ["EXAMPLE_QUERY", "content_security_policy", "queries_json", "render_page"]

EXAMPLE_QUERY = """PREFIX ccin: <https://w3id.org/ccin-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?initiative ?label WHERE {
  ?initiative a ccin:Initiative ; rdfs:label ?label .
}
ORDER BY ?label
LIMIT 50"""

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
textarea{width:100%;min-height:11rem;font:13px/1.4 ui-monospace,monospace}
table{border-collapse:collapse;margin-top:.8rem;width:100%}
th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top;font-size:13px}
th{background:#f1f1f1}pre{background:#f6f6f6;padding:.6rem;overflow:auto;font-size:13px}
.note{color:#555}.error{color:#a00;font-weight:600}
details{margin:.35rem 0}summary{cursor:pointer}form.named input{margin:0 .4rem .3rem 0}
"""

SCRIPT = """
"use strict";
const out = document.getElementById("out");
const status = document.getElementById("status");
function clear(){ while (out.firstChild) out.removeChild(out.firstChild); }
function cell(tag, text){ const c = document.createElement(tag); c.textContent = text; return c; }
function show(text, cls){ status.textContent = text; status.className = cls || "note"; }
function table(data){
  clear();
  if (typeof data.boolean === "boolean") { out.appendChild(cell("pre", String(data.boolean))); return 1; }
  const vars = data.head.vars, t = document.createElement("table"), head = document.createElement("tr");
  vars.forEach(v => head.appendChild(cell("th", v)));
  t.appendChild(head);
  data.results.bindings.forEach(b => {
    const tr = document.createElement("tr");
    vars.forEach(v => tr.appendChild(cell("td", b[v] ? b[v].value : "")));
    t.appendChild(tr);
  });
  out.appendChild(t);
  return data.results.bindings.length;
}
async function run(url, init){
  show("running…");
  try {
    const r = await fetch(url, init);
    const type = r.headers.get("content-type") || "";
    const cut = r.headers.get("x-ccin-kg-truncated") === "true" ? " (truncated at the row limit)" : "";
    if (!r.ok) { clear(); show("HTTP " + r.status + ": " + await r.text(), "error"); return; }
    if (type.includes("sparql-results+json")) { show(table(await r.json()) + " row(s)" + cut); }
    else { clear(); out.appendChild(cell("pre", await r.text())); show("done" + cut); }
  } catch (e) { clear(); show(String(e), "error"); }
}
document.getElementById("sparql").addEventListener("submit", ev => {
  ev.preventDefault();
  const q = document.getElementById("query").value;
  const graph = /^\\s*(PREFIX[^\\n]*\\n\\s*|BASE[^\\n]*\\n\\s*|#[^\\n]*\\n\\s*)*(CONSTRUCT|DESCRIBE)/i.test(q);
  run("sparql", {method: "POST", body: new URLSearchParams({query: q}),
    headers: {"Accept": graph ? "text/turtle" : "application/sparql-results+json"}});
});
document.querySelectorAll("form.named").forEach(f => f.addEventListener("submit", ev => {
  ev.preventDefault();
  const params = new URLSearchParams(new FormData(f));
  for (const [k, v] of [...params]) if (v === "") params.delete(k);
  run(f.getAttribute("action") + "?" + params, {headers: {"Accept": "application/sparql-results+json"}});
}));
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy() -> str:
    """The page's CSP: only its own inline script and style, and requests to this server.

    Examples
    --------
    >>> "default-src 'none'" in content_security_policy()
    True
    """
    return (f"default-src 'none'; script-src {_hash(SCRIPT)}; style-src {_hash(STYLE)}; "
            "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def _named_query(query) -> str:
    name = html.escape(query.name)
    inputs = "".join(
        f'<label>{html.escape(p.name)} <input name="{html.escape(p.name)}" '
        f'value="{html.escape(p.default or "")}"></label>'
        for p in query.params
    )
    return (f'<details><summary><code>{name}</code>: {html.escape(query.summary)}</summary>'
            f'<form class="named" action="query/{name}">{inputs}<button type="submit">Run</button> '
            f'<a href="query/{name}?format=csv">CSV</a></form></details>')


def render_page(queries: Sequence, *, max_rows: int, timeout: float, read_only: bool = True) -> str:
    """The HTML of the query page.

    Parameters
    ----------
    queries : sequence of NamedQuery
        The named queries to offer (name, summary, params).
    max_rows, timeout : int, float
        The endpoint's limits, shown to the reader.
    read_only : bool
        Whether updates are refused.

    Returns
    -------
    str

    Examples
    --------
    >>> from types import SimpleNamespace as Q
    >>> page = render_page([Q(name="x", summary="<script>alert(1)</script>", params=())], max_rows=10, timeout=1)
    >>> "<script>alert(1)</script>" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    (False, True)
    >>> import re  # no script, style or link loaded from elsewhere
    >>> re.search(r"<(script|link|img|iframe)\\b[^>]*\\b(src|href)\\s*=", page, re.I) is None
    True
    """
    mode = "read-only" if read_only else "updates allowed with the token"
    named = "\n".join(_named_query(q) for q in queries) or '<p class="note">No named queries.</p>'
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ccin-kg SPARQL endpoint</title>
<style>{STYLE}</style></head>
<body>
<h1>CCIN knowledge graph: SPARQL endpoint</h1>
<p class="note">SPARQL 1.1 Protocol at <code>sparql</code> ({html.escape(mode)}; at most {max_rows:d} rows,
{timeout:g} s per query; the ccin-kg prefixes such as <code>ccin:</code> and <code>rdfs:</code> are predeclared).</p>
<form id="sparql"><textarea id="query" name="query" spellcheck="false">{html.escape(EXAMPLE_QUERY)}</textarea>
<p><button type="submit">Run query</button></p></form>
<h2>Named queries</h2>
{named}
<h2>Result</h2>
<p id="status" class="note">Run a query to see its rows here.</p>
<div id="out"></div>
<script>{SCRIPT}</script>
</body></html>
"""


def queries_json(queries: Sequence) -> bytes:
    """The named queries as JSON for ``GET /query``.

    Examples
    --------
    >>> from types import SimpleNamespace as Q
    >>> queries_json([Q(name="members", summary="CCIN members", params=(Q(name="tier", default=None),))])
    b'[{"name": "members", "summary": "CCIN members", "params": [{"name": "tier", "default": null}], "url": "/query/members"}]'
    """
    return json.dumps([
        {"name": q.name, "summary": q.summary, "params": [{"name": p.name, "default": p.default} for p in q.params],
         "url": f"/query/{q.name}"}
        for q in queries
    ], ensure_ascii=False).encode("utf-8")
