"""Under `mkdocs serve`: a failed rebuild shown in place of every page, not a server that hangs."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from edition.core import escaping

ERROR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed · Derleme başarısız</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}
pre{{white-space:pre-wrap;background:#fdecea;border-left:4px solid #b71c1c;padding:1rem}}</style></head>
<body><h1>The edition's sources have a problem · Kaynaklarda bir sorun var</h1>
<p>Fix it and save: this page reloads by itself. · Düzeltip kaydedin: sayfa kendiliğinden yenilenir.</p>
<pre>{message}</pre></body></html>
"""


def serve_error_pages(site_dir: Path, message: str) -> None:
    """Under `mkdocs serve` only: every page of the served folder shows the failed build's message
    (escaped); the next good build writes the pages again."""
    page = ERROR_PAGE.format(message=escaping.text(message))
    for path in site_dir.rglob("*.html"):
        path.write_text(page, encoding="utf-8")


def showing_errors(builder: Callable[[], None], site_dir: Path, last_error: Callable[[], str],
                   forget_error: Callable[[], None], log: logging.Logger) -> Callable[[], None]:
    """MkDocs' server holds every request while a rebuild has failed (the browser waits, with
    no sign of why): a failed rebuild is shown instead, in place of every page, and the pages
    come back by themselves (live reload) when the sources are fixed."""
    def build():
        forget_error()
        try:
            builder()
        except Exception:   # noqa: BLE001 - MkDocs has logged it; the reader sees it too
            serve_error_pages(site_dir, last_error() or "the build failed (see the terminal)")
            log.error("The rebuild failed: every page shows the problem until the sources are fixed.")
    return build
