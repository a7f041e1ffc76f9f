"""The Content-Security-Policy of every page: the second wall behind escaping.py (issue 22).

Static hosts and file:// send no headers, so the policy is a `<meta http-equiv>` put first in
each page's `<head>` (in `on_post_page`). Scripts may come only from the edition's own files
('self') and from the inline scripts the templates themselves write, each allowed by its
sha256 hash: Material's (the storage scope, the palette, the tabbed-anchor fix) and the
edition's (`edition-js`, the search base of a language). An inline script is hashed only if,
with the parts that vary from page to page (the relative path of the site's root, the
language's folder) normalised, it is one of `TEMPLATE_SCRIPTS` — so a script that slipped into
a page through its text is not allowed, whatever it says. No 'unsafe-inline', no 'unsafe-eval'
for scripts. Under `mkdocs serve` the live-reload script MkDocs injects gets a per-session nonce.

A Material upgrade that changes its inline scripts shows as blocked scripts in the browser
tests; `template_digest(body)` gives the new digests.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_VARIABLE = [(re.compile(r'new URL\("[./]*",location\)'), 'new URL(".",location)'),
             (re.compile(r'\+"/[a-z]{2,3}/";'), '+"/xx/";')]

#: sha256 (hex) of the normalised inline scripts of the templates (Material 9.8.2 and overrides/main.html)
TEMPLATE_SCRIPTS = frozenset({
    "0eb10c249dbdb0beef225a10ce5cbe55418cc4a7014cc208f8e7d6ed8f00906e",
    "51dc007f19351a8c28f281ea0f3e2b394bbea4e50110b759ac828d394bfd3734",
    "6a9a103c779f08d5a3c5b0a6f87cd50ce016e024955a163b5729508e0385c9f9",
    "eeab9db2f9fc2e3533796d8c5726aa923043e16f8b4828ebbbdbc64f08bbf1bf",
    "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f",
})

def shim_frame_script(shim: str) -> str:
    """The inline script the file:// search-worker shim (assets/iframe-worker-shim.js) writes into its
    frame, which inherits the page's policy: `postMessage=<c>;importScripts=<d>;addEventListener(…)`."""
    functions = {m.group(1): m.group(0) for m in re.finditer(
        r"function (c|d)\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*?\)\{.*?\}(?=function |var )", shim)}
    body = re.search(r"<script>(postMessage=\$\{c\};importScripts=\$\{d\};.*?)<\\/script>", shim).group(1)
    return body.replace("${c}", functions["c"]).replace("${d}", functions["d"])


SHIM_FRAME_HASH = None   # filled below from the shim the edition serves


POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
          "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")


def template_digest(body: str) -> str:
    for pattern, replacement in _VARIABLE:
        body = pattern.sub(replacement, body)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _source_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def inline_scripts(page: str) -> list[str]:
    """The bodies of the page's inline scripts that run (not JSON, JSON-LD or other data blocks)."""
    out = []
    for m in _SCRIPT.finditer(page):
        attrs = m.group("attrs")
        if re.search(r"\bsrc\s*=", attrs):
            continue
        kind = re.search(r'\btype\s*=\s*"([^"]*)"', attrs)
        if kind and kind.group(1).strip().lower() not in ("text/javascript", "module", "application/javascript"):
            continue
        out.append(m.group("body"))
    return out


def policy(page: str, nonce: str = "") -> str:
    hashes = sorted({_source_hash(b) for b in inline_scripts(page) if template_digest(b) in TEMPLATE_SCRIPTS}
                    | {SHIM_FRAME_HASH})
    if nonce:
        hashes.append(f"'nonce-{nonce}'")
    return POLICY.format(hashes=" ".join(hashes))


def with_policy(page: str, nonce: str = "") -> str:
    """The page with its policy as the first element of <head>."""
    head = page.find("<head>")
    if head < 0:
        return page
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page, nonce)}">'
    return page[:head + 6] + meta + page[head + 6:]


SHIM_FRAME_HASH = _source_hash(shim_frame_script(
    (Path(__file__).parent / "assets" / "iframe-worker-shim.js").read_text(encoding="utf-8")))


def with_nonce(inject, nonce: str):
    """MkDocs' live-reload injector (`server._inject_js_into_html`), giving its inline script the
    nonce the pages' policy allows, so that live reload keeps working under the policy."""
    token = nonce.encode()

    def inject_with_nonce(content, epoch):
        out = inject(content, epoch)
        at = out.rfind(b"<script>")
        return out[:at] + b'<script nonce="' + token + b'">' + out[at + 8:] if at >= 0 and token else out

    return inject_with_nonce
