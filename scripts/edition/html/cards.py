"""Cards: the small pop-ups for notes, citations, emendations, entities and editorial comments.

One convention for every kind (read by `assets/edition.js`, the edition's one card script):

- a *trigger* is an element (usually `<a>`) with `data-card="ID"`; its `href` is where a
  reader goes without JavaScript (the note, the bibliography entry, the entity's page);
- ID names the card's content, found in this order:
  1. an element of the same page: the note's own `<li>` for a note, or a `<template id="ID">`
     that `Cards` collects for content only this page has (an emendation's source reading);
  2. else a *shared card* of the trigger's language (the closest `lang`): the same on every
     page, so it is not repeated in each page but written once per language into a card file
     (`assets/cards.<lang>.<hash>.js`, see `siteassets`), which the card script loads on the
     first hover, focus or tap of such a trigger (a `<script src>`: from file:// too) and the
     browser caches across pages. Shared cards are `e-<id>` (a register entity, `entities.card_html`)
     and `ref-<key>` (a work or an archival document, `render.reference_card`);
- a mention of the register (`<a class="entity" href="…/dizin/<id>.html">`) needs no `data-card`:
  its card is the shared `e-<id>`, named by its link (it is on ~700 links a page);
- a shared card has no page-relative address of its own: an `<a data-card-href>` in it gets the
  trigger's `href`, and a `<span data-card-loc>` the trigger's `data-loc` (", p. 44", the cited
  place, which differs from citation to citation), or goes when there is none;
- triggers carry no `title` attribute: the card replaces the browser tooltip (and Material's
  tooltip features, which were the slowest script on a phone).

`Cards` collects the templates of one page (each once, however often it is used); the
renderer appends `Cards.html()` at the end of the page. Template content, like shared card
content, is HTML that the caller has already escaped (see `escaping`).
"""
from __future__ import annotations

import json

from edition.core.escaping import attr

#: the element of a shared card that receives the trigger's cited place (data-loc)
LOC_SLOT = "<span data-card-loc></span>"
#: the link of a shared card, which receives the trigger's href
HREF_SLOT = "<a data-card-href>"


class Cards:
    """The card templates of one page, in first-use order."""

    def __init__(self, prefix: str = "card-"):
        self.prefix = prefix
        self._templates: dict[str, str] = {}

    def add(self, key: str, inner_html: str) -> str:
        """Register a template for `key` (e.g. "em-1a2b3c4d"); return its id."""
        ident = self.prefix + key
        self._templates.setdefault(ident, inner_html)
        return ident

    def __contains__(self, key: str) -> bool:
        return self.prefix + key in self._templates

    def __len__(self) -> int:
        return len(self._templates)

    def html(self) -> str:
        """All templates, as one HTML block (empty when the page has none)."""
        if not self._templates:
            return ""
        body = "".join(f'<template id="{attr(i)}">{content}</template>' for i, content in self._templates.items())
        return f'<div class="cards" hidden>{body}</div>'


def shared_script(lang: str, cards: dict[str, str]) -> str:
    """The card file of one language: a script that adds its cards (id -> escaped HTML) to
    `window.__editionCards[lang]`, where the card script looks them up."""
    data = json.dumps(cards, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"(window.__editionCards=window.__editionCards||{{}})[{json.dumps(lang)}]={data};\n"
