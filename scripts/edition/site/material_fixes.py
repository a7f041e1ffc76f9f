"""Two small repairs of Material's page furniture that the validators report.

Each is one targeted substitution on one known element, checked by the tests
(Nu HTML Checker, axe-core); if Material changes its markup the substitution
simply stops matching and the validator tests say so.
"""
from __future__ import annotations

import re
from edition.core import i18n

# HTML allows autocomplete on text-like inputs only; Material puts it on its two header checkboxes.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
# The search overlay is role="dialog" without a name (axe: aria-dialog-name).
_SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')

SEARCH_LABEL = i18n.each("search_label")


def repair(html: str, lang: str) -> str:
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    label = SEARCH_LABEL.get(lang, "Search")
    return _SEARCH_DIALOG.sub(f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{label}">', html)
