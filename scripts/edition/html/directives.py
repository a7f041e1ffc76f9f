"""The directives a page of the edition holds on a line of its own (`{bibliography}`, `{emendations}`,
`{persons}` …), and what each one becomes: one table for every output. The site adds the ones that
need figures, downloads or the site's own pages (edition.assembly.site); the one-file edition and
the EPUB fill the prose directives of the edition's own pages (`fill_prose`)."""
from __future__ import annotations

import re
from collections.abc import Callable

from edition.checks import commentary, termbase
from edition.html import apparatus_pages, entity_pages
from edition.model.edition import Edition

#: a directive line of a Markdown page
DIRECTIVE_LINE = re.compile(r"^\{([a-z]+)\}[ \t]*$", re.M)
#: the directives of the prose pages (Editorial principles, Translator's note, Glossary) that every
#: output fills, the one-file edition and the EPUB included
PROSE = ("emendations", "commentary", "glossary")


def html_directives(edition: Edition, lang: str, linker) -> dict[str, Callable[[], str]]:
    """Directive name -> what it becomes on a page linked by `linker`."""
    table: dict[str, Callable[[], str]] = {
        "bibliography": lambda: apparatus_pages.bibliography(edition, lang, linker),
        "archives": lambda: apparatus_pages.archives_index(edition, lang, linker),
        "newspapers": lambda: apparatus_pages.newspapers(edition, lang, linker),
        "emendations": lambda: apparatus_pages.emendations(edition, lang, linker),
        "commentary": lambda: commentary.listing(edition.commentary, lang, linker.to),
        "glossary": lambda: termbase.glossary(edition.termbase, lang) if edition.termbase else "",
        "publication": lambda: apparatus_pages.publication(edition, lang),
    }
    for which, kind in entity_pages.DIRECTIVES.items():
        table[which] = (lambda kind=kind: entity_pages.index_page(edition, kind, lang, linker)
                        if edition.register else "")
    return table


def fill_prose(text: str, edition: Edition, lang: str, linker) -> str:
    """The prose directives of an edition page, filled (wherever they stand in the text)."""
    table = html_directives(edition, lang, linker)
    for name in PROSE:
        text = text.replace("{" + name + "}", table[name]())
    return text
