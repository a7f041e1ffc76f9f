"""Read the built pages the way a reader sees them."""
from __future__ import annotations

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
