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
from edition.core import i18n

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


BIB_LABELS = i18n.each("bib_downloads")


def downloads_block(lang: str, linker) -> str:
    return ('<ul class="downloads">' + "".join(
        f'<li><a href="{escaping.attr(linker.to(DOWNLOADS + "/" + name))}" download>{escaping.text(label)}</a></li>'
        for name, label in BIB_LABELS[lang].items()) + "</ul>")


MARKUP_NOTE = i18n.each("markup_note")
_DIRECTIVE_LINE = re.compile(r"^\{[a-z]+\}[ \t]*\n?", re.M)

README = i18n.each("readme")
README_NOTES = i18n.each("readme_notes")


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


