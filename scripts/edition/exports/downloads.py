"""Data downloads: the bibliography (classic BibTeX, biblatex, RIS, CSL-JSON; written by
bibexport.py), the article's citation files, the text as Markdown, the archival documents as
CSV, a README with the licence; and the lists that link them."""
from __future__ import annotations

import re
from pathlib import Path

from edition.sources.datafiles import read_text
from edition.exports import bibexport
from edition.core import escaping
from edition.model.edition import Edition

DOWNLOADS = "downloads"
BIB_FILES = ("kaynakca.bib", "kaynakca.biblatex.bib", "kaynakca.ris", "kaynakca.json")


def write_bibliography_downloads(edition: Edition, site_dir: Path) -> None:
    """The bibliography in four formats (scripts/edition/exports/bibexport.py), one record per entry."""
    out = site_dir / DOWNLOADS
    out.mkdir(parents=True, exist_ok=True)
    recs = bibexport.records(edition.sources.bibliography)
    (out / "kaynakca.bib").write_text(bibexport.bibtex(recs), encoding="utf-8")
    (out / "kaynakca.biblatex.bib").write_text(bibexport.biblatex(recs), encoding="utf-8")
    (out / "kaynakca.ris").write_bytes(bibexport.ris(recs).encode("utf-8"))
    (out / "kaynakca.json").write_text(bibexport.csl_json(recs), encoding="utf-8")


def write_article_downloads(edition: Edition, site_dir: Path) -> None:
    """The article's own citation data: BibTeX, RIS and CSL-JSON."""
    from edition.html import cite

    out = site_dir / DOWNLOADS
    out.mkdir(parents=True, exist_ok=True)
    pub = edition.sources.publication
    (out / "makale.bib").write_text(cite.article_bibtex(pub), encoding="utf-8")
    (out / "makale.ris").write_bytes(cite.article_ris(pub).encode("utf-8"))
    (out / "makale.json").write_text(cite.article_csl(pub), encoding="utf-8")


_BIB_LABELS = {"tr": {"kaynakca.bib": "Kaynakça (BibTeX)", "kaynakca.biblatex.bib": "Kaynakça (biblatex/biber)",
                      "kaynakca.ris": "Kaynakça (RIS)", "kaynakca.json": "Kaynakça (CSL-JSON)"},
               "en": {"kaynakca.bib": "Bibliography (BibTeX)", "kaynakca.biblatex.bib": "Bibliography (biblatex/biber)",
                      "kaynakca.ris": "Bibliography (RIS)", "kaynakca.json": "Bibliography (CSL-JSON)"}}


def downloads_block(lang: str, linker) -> str:
    return ('<ul class="downloads">' + "".join(
        f'<li><a href="{escaping.attr(linker.to(DOWNLOADS + "/" + name))}" download>{escaping.text(label)}</a></li>'
        for name, label in _BIB_LABELS[lang].items()) + "</ul>")


LICENCE = {
    "tr": "Makalenin metni yazarına ve Vakanüvis dergisine aittir; lisansı henüz doğrulanmamıştır. "
          "Edisyonun katkıları (çeviri, düzeltmeler, kaynakça ve arşiv verisi) {licence} lisansıyla sunulur.",
    "en": "The article's text belongs to its author and the journal Vakanüvis; its license is not yet confirmed. "
          "The edition's contributions (translation, emendations, bibliographic and archival data) are offered under {licence}.",
}


def licence_statement(edition: Edition, lang: str) -> str:
    licence = edition.sources.publication.get("edition", {}).get("licence", "CC BY 4.0")
    return LICENCE[lang].format(licence=licence)


MARKUP_NOTE = {
    "tr": "Bu dosya edisyonun kaynak metnidir, edisyonun işaretlemesiyle (CONTRIBUTING.md): "
          "{{pb N}} PDF'in N. sayfasının başı; {{¶id}} paragrafın kalıcı kimliği (sitede #id); "
          "[metin]{{@anahtar, yer}} kaynakçadaki bir kayda (kaynakca.bib'deki anahtar) ya da bir arşiv belgesine "
          "(arsiv-belgeleri.csv'deki key) atıf; {{#id}} başlığın kalıcı kimliği; [^N] makalenin N numaralı notu. "
          "Sitedeki üretilmiş bloklar (yayın bilgisi, içindekiler, indirme bağlantıları) bu dosyada yoktur.",
    "en": "This file is the edition's source text, in the edition's markup (CONTRIBUTING.md): "
          "{{pb N}} the start of page N of the PDF; {{¶id}} the paragraph's permanent id (#id on the site); "
          "[text]{{@key, locator}} a citation of a bibliography entry (its key in kaynakca.bib) or of an archival "
          "document (its key in arsiv-belgeleri.csv); {{#id}} a heading's permanent id; [^N] the article's note N. "
          "The site's generated blocks (publication data, contents, download links) are left out here.",
}
_DIRECTIVE_LINE = re.compile(r"^\{[a-z]+\}[ \t]*\n?", re.M)

README = {
    "tr": ("Bu klasördeki dosyalar", [
        ("kaynakca.bib", "kaynakça, klasik BibTeX (journal, year, address; her BibTeX aracı okur)"),
        ("kaynakca.biblatex.bib", "aynı kayıtlar, biblatex/biber için (journaltitle, date, location)"),
        ("kaynakca.ris", "aynı kayıtlar, RIS (2011 belirtimi)"),
        ("kaynakca.json", "aynı kayıtlar, CSL-JSON"),
        ("arsiv-belgeleri.csv", "arşiv belgeleri, CSV (UTF-8, virgülle ayrılmış, ilk satır başlık)"),
        ("metin.tr.md, metin.en.md", "metin, Markdown (edisyonun işaretlemesi dosyanın başında açıklanır)"),
        ("makale.bib, makale.ris, makale.json", "makalenin kendisi, atıf için"),
    ]),
    "en": ("The files in this folder", [
        ("kaynakca.bib", "the bibliography, classic BibTeX (journal, year, address; every BibTeX tool reads it)"),
        ("kaynakca.biblatex.bib", "the same entries for biblatex/biber (journaltitle, date, location)"),
        ("kaynakca.ris", "the same entries as RIS (2011 specification)"),
        ("kaynakca.json", "the same entries as CSL-JSON"),
        ("arsiv-belgeleri.csv", "the archival documents, CSV (UTF-8, comma-separated, first row the header)"),
        ("metin.tr.md, metin.en.md", "the text, Markdown (the edition's markup is explained at the top of each file)"),
        ("makale.bib, makale.ris, makale.json", "the article itself, for citing it"),
    ]),
}
README_NOTES = {
    "tr": "Çevrilmiş başlıklar: BibTeX, biblatex ve CSL-JSON'da note alanında (\"English title: …\"), RIS'te TT "
          "(ve N1) alanında. Rusça eserlerde yazar ve başlık, kaynakça yöneticilerinin eşleştirmede kullandığı "
          "alanlarda Library of Congress çevriyazısıyla; makaledeki biçim note alanında (\"As cited in the "
          "article\"). Kaynakta olmayan bilgi uydurulmaz: yılı olmayan kayıtlarda klasik BibTeX'te \"n.d.\", "
          "klasik BibTeX'in istediği ama kaynağın vermediği yayınevi ya da okul \"[s.n.]\".",
    "en": "Translated titles: in note (\"English title: …\") in BibTeX, biblatex and CSL-JSON, in TT (and N1) "
          "in RIS. Russian works: authors and titles in the Library of Congress romanization in the fields "
          "reference managers match on; the article's own form in the note (\"As cited in the article\"). "
          "Nothing the source does not give is made up: an entry without a year has \"n.d.\" in classic BibTeX; "
          "a publisher or school that classic BibTeX requires and the source does not give is \"[s.n.]\".",
}


def downloads_readme(edition: Edition) -> str:
    parts = []
    for lang in ("tr", "en"):
        head, files = README[lang]
        parts.append(f"{head}\n" + "=" * len(head) + "\n\n" + "\n".join(f"- {n}: {d}" for n, d in files)
                     + f"\n\n{README_NOTES[lang]}\n\n{licence_statement(edition, lang)}\n")
    return "\n".join(parts)


def markdown_download(body_parts: list[str], edition: Edition, lang: str) -> str:
    """A language's text as Markdown: the licence and the markup explained at the top,
    the site's directive lines ({publication}, {offline}, {contents}…) left out."""
    head = f"<!-- {escaping.text(licence_statement(edition, lang))} -->\n\n<!-- {MARKUP_NOTE[lang].format()} -->\n"
    return "\n".join([head] + [escaping.markdown_source(_DIRECTIVE_LINE.sub("", b)) for b in body_parts])


def write_data_downloads(edition: Edition, site_dir: Path, docs_dir: Path) -> None:
    """Reusable data: the text of each language as Markdown (the edition's sources,
    in the markup CONTRIBUTING.md documents), the archival documents as CSV; the
    licence in each Markdown file and in the folder's README.txt (not in the CSV,
    whose first row is its header, as every CSV reader expects)."""
    import csv
    import io

    from edition.model.formatting import document_signature
    from edition.sources.markup import split_front_matter
    from edition.sources.load import chapter_path

    out = site_dir / DOWNLOADS
    out.mkdir(parents=True, exist_ok=True)
    for lang in edition.languages:
        parts = []
        for name in edition.chapter_names:
            body, _ = split_front_matter(read_text(docs_dir / chapter_path(name, lang), f"docs/{chapter_path(name, lang)}"))
            parts.append(body.strip() + "\n")
        (out / f"metin.{lang}.md").write_text(markdown_download(parts, edition, lang), encoding="utf-8")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["key", "archive", "fond", "opis", "delo", "code", "item", "signature", "date", "date_from",
                     "author", "recipient", "kind", "title", "title_en", "summary_tr", "summary_en", "cited_in_notes"])
    for key in sorted(edition.sources.documents):
        d = edition.sources.documents[key]
        f = d.file
        writer.writerow([escaping.csv_cell(x) for x in (
            key, f.archive.abbr, f.fond, f.opis, f.delo, f.code, d.item, document_signature(d, "en"),
            d.date.isoformat() if d.date else "", d.date_from, d.author, d.recipient,
            d.kind.get("en", ""), d.title, d.title_en, d.summary.get("tr", ""), d.summary.get("en", ""),
            " ".join(str(u.note) for u in edition.uses.get(key, [])))])
    (out / "arsiv-belgeleri.csv").write_text(buf.getvalue(), encoding="utf-8")
    (out / "README.txt").write_text(downloads_readme(edition), encoding="utf-8")
    if edition.register:
        from edition.html.entity_pages import register_csv, register_json

        (out / "dizin.json").write_text(register_json(edition, licence_statement(edition, "en")), encoding="utf-8")
        (out / "dizin.csv").write_text(register_csv(edition), encoding="utf-8")


def downloads_page(edition: Edition, lang: str, href, pdf: bool) -> str:
    """The list on the Downloads page; `href(filename)` links a file of the shared downloads folder.
    The offline zip's item is marked so that the copy inside the zip leaves it out."""
    from edition.exports import formats
    from edition.exports import offline

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
    items += [link(name, label) for name, label in _BIB_LABELS[lang].items()]
    items += [link("arsiv-belgeleri.csv", L["csv"]), link("README.txt", L["readme"], False)]
    if edition.register:
        items += [link("dizin.json", L["reg_json"]), link("dizin.csv", L["reg_csv"])]
    items = formats.with_sizes(items)   # every file's size, filled in once the files exist
    return ('<ul class="downloads">' + "".join(items) + "</ul>\n\n"
            f'<p class="licence">{escaping.text(licence_statement(edition, lang))}</p>')
