"""The site's URL scheme: where each page of the edition lives and how one page links another.
Every link in every output is computed here, never guessed."""
from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from edition.core.escaping import url
from edition.model.edition import Edition

BIBLIOGRAPHY_PAGE = "kaynakca.md"


ARCHIVE_DIR = "arsiv"


def page_url(src: str) -> str:
    """Destination of a source page with `use_directory_urls: false`."""
    return src[:-3] + ".html" if src.endswith(".md") else src


@functools.lru_cache(maxsize=65536)
def _relative(src: str, current: str) -> str:
    """The address of page `src` relative to page `current` (a pure function, asked ~15,000
    times a build for a few thousand pairs)."""
    return posixpath.relpath(page_url(src), posixpath.dirname(page_url(current)) or ".")


@dataclass
class Linker:
    """Relative links from one page of the edition to another."""

    current: str  # source path of the page being rendered, e.g. "giris.md"

    def to(self, src: str, anchor: str = "") -> str:
        target = "" if src == self.current else _relative(src, self.current)
        return f"{target}#{anchor}" if anchor else (target or "#")

    def work(self, key: str) -> str:
        return self.to(BIBLIOGRAPHY_PAGE, key)

    def document(self, edition: Edition, key: str) -> str:
        doc = edition.sources.documents[key]
        return self.to(f"{ARCHIVE_DIR}/{doc.file.ident}.md", key)

    def note(self, edition: Edition, number: int) -> str:
        chapter, _ = edition.note_place[number]
        return self.to(chapter, f"n{number}")

    def para(self, edition: Edition, number: int) -> str:
        chapter, anchor = edition.note_place[number]
        return self.to(chapter, anchor)


class SingleFileLinker(Linker):
    """Links inside the one-file edition: every target is an anchor of the same document."""

    def to(self, src: str, anchor: str = "") -> str:
        if anchor:
            return f"#{anchor}"
        stem = src.rsplit("/", 1)[-1].removesuffix(".md")
        if src.startswith("dizin/"):      # urls.REGISTER_DIR: the index at the end of the file
            return f"#e-{stem}"
        return f"#{stem}" if src.startswith(f"{ARCHIVE_DIR}/") else f"#ch-{stem}"


REGISTER_DIR = "dizin"


def entity_src(ident: str) -> str:
    return f"{REGISTER_DIR}/{ident}.md"


def mention_html(href: str, inner: str) -> str:
    """A mention: a plain link to the entity's page, whose card the card script finds by that link."""
    return f'<a class="entity" href="{url(href)}">{inner}</a>'
