"""The registry of published anchors: every id in the main content of every page.

Once published, an anchor must not disappear (readers cite them). The registry
lives in tests/data/permalinks.txt; a test fails when a built site lacks one.
Refresh it after adding pages or anchors:

    python -m edition.site.permalinks site > tests/data/permalinks.txt

The ids of card templates (`<template id="card-…">`, cards.py) are not anchors: a template is
never shown, so an address ending in one goes nowhere. They are not collected, and the registry's
lines of them (from before the shared cards) are not checked (`is_anchor`). Nor are the ids inside
a chapter's chronology drawing (`chapter-chronology-…`: the drawing's title, description and
band, which its SVG refers to): the drawing is shared content put in when a reader opens its fold
(figures.strip_drawing), and the ids return with it.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

_MAIN = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
_ID = re.compile(r'<(?!template\b)[a-zA-Z][^>]*?\sid="([^"]+)"')
#: the prefix of every card template's id (cards.Cards)
CARD_TEMPLATE = "card-"
#: the prefix of the ids inside a chapter's chronology drawing (figures.strip_drawing)
STRIP_DRAWING = "chapter-chronology-"


def is_anchor(entry: str) -> bool:
    """A registry line ("page.html#id") that names an anchor, not a card template or an id inside
    a folded drawing."""
    return not entry.partition("#")[2].startswith((CARD_TEMPLATE, STRIP_DRAWING))


def collect(site: Path) -> list[str]:
    out = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.endswith("404.html"):
            continue
        m = _MAIN.search(page.read_text(encoding="utf-8"))
        if not m:
            continue
        out += [f"{rel}#{ident}" for ident in _ID.findall(m.group(1))]
    return out


if __name__ == "__main__":
    print("\n".join(sorted(set(collect(Path(sys.argv[1]))))))
