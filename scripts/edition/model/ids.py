"""The edition's identifiers: unique and in order, per language.

Readers cite paragraphs (¶ 12), PDF pages and sections by their anchors, and the parallel
view pairs paragraphs by id. So, in each language:

- every paragraph id appears once, and within one series (`oz1, oz2…`, `1, 2…`, `ea1…`)
  the numbers run in reading order;
- every page marker of the reading text (`{pb N}`, not the repeats inside notes) appears
  once, and pages run in order;
- every heading anchor appears once, and no heading takes an id the edition gives to
  something else (`p12`, `n3`, `nr3`, `page-5`, `em2`).

Each failure is a located Problem (category `id-duplicate` or `id-order`) naming the
first occurrence too. Pure: chapters in, problems out.
"""
from __future__ import annotations

import re

from edition.core.document import Chapter, Heading, Location, PageBreak, PageMarker, Paragraph
from edition.core.errors import Problem
from edition.sources.markup import iter_tokens

_SERIES = re.compile(r"^([a-z]*)(\d+)$")
_RESERVED = re.compile(r"^(?:p\d+|n\d+|nr\d+|page-\d+|em\d+|notlar(?:-.*)?)$")


def check_ids(chapters: list[Chapter]) -> list[Problem]:
    """Problems with the ids of one language's chapters (in reading order)."""
    problems: list[Problem] = []
    anchors: dict[str, Location] = {}
    series_last: dict[str, tuple[int, str, Location]] = {}
    pages: dict[int, Location] = {}
    last_page: tuple[int, Location] | None = None

    def page(number: int, loc: Location) -> None:
        nonlocal last_page
        if number in pages:
            problems.append(Problem(loc, "id-duplicate", f"page marker {{pb {number}}} appears twice "
                                    f"(first at {pages[number]})"))
            return
        if last_page and number <= last_page[0]:
            problems.append(Problem(loc, "id-order", f"page {number} comes after page {last_page[0]} "
                                    f"({last_page[1]})"))
        pages[number] = loc
        last_page = (number, loc)

    for chapter in chapters:
        for block in chapter.blocks:
            loc = getattr(block, "location", None) or Location(chapter.path, 1)
            if isinstance(block, Paragraph):
                if block.anchor in anchors:
                    problems.append(Problem(loc, "id-duplicate", f"paragraph {{¶{block.ident}}} appears twice "
                                            f"(first at {anchors[block.anchor]})"))
                    continue
                anchors[block.anchor] = loc
                m = _SERIES.match(block.ident)
                if m:
                    prefix, number = m.group(1), int(m.group(2))
                    last = series_last.get(prefix)
                    if last and number <= last[0]:
                        problems.append(Problem(loc, "id-order", f"paragraph {{¶{block.ident}}} comes after "
                                                f"{{¶{last[1]}}} ({last[2]}): paragraph numbers run in order"))
                    series_last[prefix] = (number, block.ident, loc)
                for tok in iter_tokens(block.content):
                    if isinstance(tok, PageBreak):
                        page(tok.page, loc)
            elif isinstance(block, PageMarker):
                page(block.page, loc)
            elif isinstance(block, Heading):
                if _RESERVED.match(block.anchor):
                    problems.append(Problem(loc, "id-duplicate", f"heading anchor #{block.anchor} is reserved "
                                            "for the edition's own ids (paragraphs, notes, pages, emendations)"))
                elif block.anchor in anchors:
                    problems.append(Problem(loc, "id-duplicate", f"heading anchor #{block.anchor} appears twice "
                                            f"(first at {anchors[block.anchor]})"))
                else:
                    anchors[block.anchor] = loc
    return problems

