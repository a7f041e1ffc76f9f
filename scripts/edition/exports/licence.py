"""The licence statement every download carries (README, Markdown, TEI, EPUB, register data)."""
from __future__ import annotations

from edition.model.edition import Edition

LICENCE = {
    "tr": "Makalenin metni yazarına ve Vakanüvis dergisine aittir; lisansı henüz doğrulanmamıştır. "
          "Edisyonun katkıları (çeviri, düzeltmeler, kaynakça ve arşiv verisi) {licence} lisansıyla sunulur.",
    "en": "The article's text belongs to its author and the journal Vakanüvis; its license is not yet confirmed. "
          "The edition's contributions (translation, emendations, bibliographic and archival data) are offered under {licence}.",
}


def licence_statement(edition: Edition, lang: str) -> str:
    licence = edition.sources.publication.get("edition", {}).get("licence", "CC BY 4.0")
    return LICENCE[lang].format(licence=licence)
