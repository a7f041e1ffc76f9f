"""Data downloads: the bibliography (classic BibTeX, biblatex, RIS, CSL-JSON; written by
bibexport.py), the article's citation files, the text as Markdown, the archival documents as
CSV, a README with the licence; and the lists that link them."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from edition.core import escaping
from edition.exports import bibexport
from edition.exports.licence import licence_statement
from edition.html import cite
from edition.html.entity_pages import register_csv, register_json
from edition.model.edition import Edition
from edition.model.formatting import document_signature
from edition.sources.datafiles import read_text
from edition.sources.load import chapter_path
from edition.sources.markup import split_front_matter

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
    out = site_dir / DOWNLOADS
    out.mkdir(parents=True, exist_ok=True)
    pub = edition.sources.publication
    (out / "makale.bib").write_text(cite.article_bibtex(pub), encoding="utf-8")
    (out / "makale.ris").write_bytes(cite.article_ris(pub).encode("utf-8"))
    (out / "makale.json").write_text(cite.article_csl(pub), encoding="utf-8")


BIB_LABELS = {"tr": {"kaynakca.bib": "Kaynakça (BibTeX)", "kaynakca.biblatex.bib": "Kaynakça (biblatex/biber)",
                      "kaynakca.ris": "Kaynakça (RIS)", "kaynakca.json": "Kaynakça (CSL-JSON)"},
               "en": {"kaynakca.bib": "Bibliography (BibTeX)", "kaynakca.biblatex.bib": "Bibliography (biblatex/biber)",
                      "kaynakca.ris": "Bibliography (RIS)", "kaynakca.json": "Bibliography (CSL-JSON)"}}


def downloads_block(lang: str, linker) -> str:
    return ('<ul class="downloads">' + "".join(
        f'<li><a href="{escaping.attr(linker.to(DOWNLOADS + "/" + name))}" download>{escaping.text(label)}</a></li>'
        for name, label in BIB_LABELS[lang].items()) + "</ul>")


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
        (out / "dizin.json").write_text(register_json(edition, licence_statement(edition, "en")), encoding="utf-8")
        (out / "dizin.csv").write_text(register_csv(edition), encoding="utf-8")


