"""The Downloads page's list: every file of every format, with its format version and size."""
from __future__ import annotations

from edition.core import escaping, i18n
from edition.exports import formats, offline
from edition.exports.downloads import BIB_LABELS
from edition.exports.licence import licence_statement
from edition.model.edition import Edition

STRINGS = i18n.each("downloads_page")


def downloads_page(edition: Edition, lang: str, href, pdf: bool) -> str:
    """The list on the Downloads page; `href(filename)` links a file of the shared downloads folder.
    The offline zip's item is marked so that the copy inside the zip leaves it out."""
    L = STRINGS[lang]
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
