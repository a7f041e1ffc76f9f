"""Read the built pages the way a reader sees them."""
from __future__ import annotations

import functools
from pathlib import Path

from bs4 import BeautifulSoup

CHAPTERS = ["index", "giris", "sovyet-dis-politikasi", "savas-korkusu", "sovyet-tepkisi", "sonuc",
            "extended-abstract"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def main_content(doc: BeautifulSoup):
    return doc.select_one("article.md-content__inner")


def reading_text(node) -> str:
    """Text of a node with emendations counted by their original reading (kept in data-sic),
    without the permalink signs that MkDocs adds to headings and the markers of editorial comments."""
    node = BeautifulSoup(str(node), "lxml")
    for em in node.select(".emendation"):
        em.string = em["data-sic"]
    # The edition's own editorial comment markers (sup.ed-ref) are not the author's text.
    for a in node.select("a.headerlink, a.footnote-backref, .provenance, .chapter-tools, .cite-this, script, "
                         "div.cards, sup.ed-ref"):
        a.decompose()
    return node.get_text()


def shared_cards(site: Path, lang: str) -> dict[str, BeautifulSoup]:
    """The shared cards of one language (cards.py), from the card file the card script loads:
    card id -> its HTML, parsed (read once per file)."""
    (path,) = (site / "assets").glob(f"cards.{lang}.*.js")
    return _card_file(path, lang)


@functools.lru_cache(maxsize=8)
def _card_file(path: Path, lang: str) -> dict[str, BeautifulSoup]:
    import json
    import re

    m = re.fullmatch(r'\(window\.__editionCards=window\.__editionCards\|\|\{\}\)\["(\w+)"\]=(\{.*\});\n',
                     path.read_text(encoding="utf-8"), re.S)
    assert m and m.group(1) == lang, path
    return {ident: BeautifulSoup(html, "html.parser") for ident, html in json.loads(m.group(2)).items()}


_last_ids: list = [None, {}]   # the page whose ids were last indexed, and its index


def _by_id(doc: BeautifulSoup) -> dict:
    """id -> the first element with it, as getElementById finds it: indexed once for the many
    triggers of a page (the last page asked about is kept)."""
    if _last_ids[0] is not doc:
        index: dict = {}
        for el in doc.find_all(id=True):
            index.setdefault(el["id"], el)
        _last_ids[:] = [doc, index]
    return _last_ids[1]


def card_of(doc: BeautifulSoup, trigger, site: Path) -> BeautifulSoup | None:
    """The content a card trigger shows, found as the card script finds it (cards.py): an element of
    the page, else the shared card of the trigger's language; a mention is named by its link."""
    import re

    ident = trigger.get("data-card")
    if not ident and "entity" in trigger.get("class", []):
        ident = "e-" + re.search(r"([^/#?]+)\.html", trigger["href"]).group(1)
    found = _by_id(doc).get(ident)
    if found is not None:
        return found
    lang = next((p["lang"] for p in trigger.parents if p.has_attr("lang")), None)
    return shared_cards(site, lang).get(ident)


def cited_key(link) -> str:
    """The bibliography key of a citation link on a site page: its shared card is `ref-<key>`."""
    return link["data-card"].removeprefix("ref-")
