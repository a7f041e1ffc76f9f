"""The Downloads page's list: every file of every format, with its format version and size."""
from __future__ import annotations

from edition.core import escaping
from edition.exports import formats, offline
from edition.exports.downloads import BIB_LABELS
from edition.exports.licence import licence_statement
from edition.model.edition import Edition


def downloads_page(edition: Edition, lang: str, href, pdf: bool) -> str:
    """The list on the Downloads page; `href(filename)` links a file of the shared downloads folder.
    The offline zip's item is marked so that the copy inside the zip leaves it out."""
    L = {"tr": {"offline": "Bütün site, çevrimdışı okumak için (zip; açıp index.html dosyasını tarayıcıda açın)",
                "single": "Tek dosyalık edisyon, {name} (HTML; metin, notlar, kaynakça ve arşiv dizini; JavaScript gerektirmez)",
                "pdf": "Baskıya hazır edisyon, {name} (PDF)", "md": "Metin, {name} (Markdown, edisyonun işaretlemesiyle)",
                "csv": "Arşiv belgeleri (CSV)", "readme": "Dosyaların açıklaması ve lisans (metin)",
                "tr": "Türkçe", "en": "İngilizce",
                "reg_json": "Kişi, yer, kurum ve antlaşma dizini (JSON, iki dilde)",
                "reg_csv": "Kişi, yer, kurum ve antlaşma dizini (CSV, iki dilde)"},
         "en": {"offline": "The whole site, for offline reading (zip; unpack it and open index.html in a browser)",
                "single": "The edition in one file, {name} (HTML; text, notes, bibliography and archive register; no JavaScript needed)",
                "pdf": "The edition ready to print, {name} (PDF)", "md": "The text, {name} (Markdown, in the edition's markup)",
                "csv": "Archival documents (CSV)", "readme": "What the files are, and their license (text)",
                "tr": "Turkish", "en": "English",
                "reg_json": "Register of persons, places, organizations and agreements (JSON, both languages)",
                "reg_csv": "Register of persons, places, organizations and agreements (CSV, both languages)"}}[lang]
    link = lambda name, label, dl=True: (f'<li><a href="{escaping.attr(href(name))}"{" download" if dl else ""}>'
                                         f'{escaping.text(label)}</a></li>')
    items = [offline.OFFLINE_START + link(offline.ZIP_NAME, L["offline"]) + offline.OFFLINE_END]
    for x in edition.languages:
        items.append(link(offline.SINGLE_NAME.format(lang=x), L["single"].format(name=L[x]), False))
    items += formats.download_items(edition, lang, href, pdf)   # TEI, EPUB, PDF with versions and sizes
    for x in edition.languages:
        items.append(link(f"metin.{x}.md", L["md"].format(name=L[x])))
    items += [link(name, label) for name, label in BIB_LABELS[lang].items()]
    items += [link("arsiv-belgeleri.csv", L["csv"]), link("README.txt", L["readme"], False)]
    if edition.register:
        items += [link("dizin.json", L["reg_json"]), link("dizin.csv", L["reg_csv"])]
    items = formats.with_sizes(items)   # every file's size, filled in once the files exist
    return ('<ul class="downloads">' + "".join(items) + "</ul>\n\n"
            f'<p class="licence">{escaping.text(licence_statement(edition, lang))}</p>')
