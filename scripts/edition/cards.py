"""Cards: the small pop-ups for notes, citations, emendations, entities and editorial comments.

One convention for every kind (read by `assets/edition.js`, the edition's one card script):

- a *trigger* is an element (usually `<a>`) with `data-card="ID"`; its `href` is where a
  reader goes without JavaScript (the note, the bibliography entry, the entity's page);
- ID names an element of the same page whose content is the card: the note's own `<li>`
  for a note, or a `<template id="ID">` that this module collects for content the page
  does not otherwise show (a formatted reference, an entity's name forms and dates);
- triggers carry no `title` attribute: the card replaces the browser tooltip (and Material's
  tooltip features, which were the slowest script on a phone).

`Cards` collects the templates of one page (each once, however often it is used); the
renderer appends `Cards.html()` at the end of the page. Template content is HTML that the
caller has already escaped (see `escaping`).
"""
from __future__ import annotations

from .escaping import attr


class Cards:
    """The card templates of one page, in first-use order."""

    def __init__(self, prefix: str = "card-"):
        self.prefix = prefix
        self._templates: dict[str, str] = {}

    def add(self, key: str, inner_html: str) -> str:
        """Register a template for `key` (e.g. "ref-jacobson1994", "e-chicherin"); return its id."""
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
