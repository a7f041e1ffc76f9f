"""A small helper shared by the XML writers (TEI, EPUB): mixed content built with lxml/ElementTree."""
from __future__ import annotations


def append_text(el, text: str) -> None:
    """Text after the last child (its tail) or inside `el`."""
    if not text:
        return
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text
