"""The licence statement every download carries (README, Markdown, TEI, EPUB, register data)."""
from __future__ import annotations

from edition.model.edition import Edition
from edition.core import i18n

LICENCE = i18n.each("licence")


def licence_statement(edition: Edition, lang: str) -> str:
    licence = edition.sources.publication.get("edition", {}).get("licence", "CC BY 4.0")
    return LICENCE[lang].format(licence=licence)
