"""Data downloads: the bibliography as BibTeX and as CSL-JSON."""
from __future__ import annotations

import json
import re
from pathlib import Path

from pybtex.database import Entry

from . import escaping
from .resolve import Edition

DOWNLOADS = "downloads"
_CSL_TYPES = {"book": "book", "collection": "book", "article": "article-journal", "incollection": "chapter",
              "inbook": "chapter", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis"}
_LANGS = {"turkish": "tr", "english": "en", "russian": "ru", "german": "de", "french": "fr"}


def _clean(value) -> str:
    return str(value).replace("{", "").replace("}", "")


def _people(entry: Entry, role: str) -> list[dict]:
    out = []
    for p in entry.persons.get(role, []):
        family = " ".join(p.prelast_names + p.last_names)
        given = " ".join(p.first_names + p.middle_names)
        out.append({"family": _clean(family), **({"given": _clean(given)} if given else {})})
    return out


def csl_item(edition: Edition, key: str) -> dict:
    bib = edition.sources.bibliography
    e = bib.entries[key]
    parent = bib.entries.get(e.fields.get("crossref", ""))
    f = lambda name: _clean(e.fields.get(name, "") or (parent.fields.get(name, "") if parent is not None and name != "title" else ""))
    newspaper = e.fields.get("entrysubtype") == "newspaper"
    item: dict = {"id": key, "type": "article-newspaper" if newspaper else _CSL_TYPES.get(e.type, "document")}
    if f("title"):
        item["title"] = f("title")
    for role in ("author", "editor", "translator"):
        people = _people(e, role) or (_people(parent, role) if parent is not None and role == "editor" else [])
        if people:
            item[role] = people
    container = f("journaltitle") or (_clean(parent.fields.get("title", "")) if parent is not None else "")
    if container:
        item["container-title"] = container
    for csl, name in (("volume", "volume"), ("issue", "number"), ("publisher", "publisher"),
                      ("publisher-place", "location"), ("collection-title", "series")):
        if f(name):
            item[csl] = f(name)
    if f("pages"):
        item["page"] = f("pages").replace("--", "-")
    if e.type in ("phdthesis", "mastersthesis"):
        item["genre"] = "PhD thesis" if e.type == "phdthesis" else "MA thesis"
        if f("institution") or f("school"):
            item["publisher"] = f("institution") or f("school")
    date = f("date") or f("year")
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date)
    if m:
        item["issued"] = {"date-parts": [[int(x) for x in m.groups() if x]]}
    if f("langid") in _LANGS:
        item["language"] = _LANGS[f("langid")]
    if e.fields.get("emendation"):
        item["note"] = "Emended: " + _clean(e.fields["emendation"])
    return item


def write_bibliography_downloads(edition: Edition, site_dir: Path) -> None:
    out = site_dir / DOWNLOADS
    out.mkdir(parents=True, exist_ok=True)
    sources = edition.sources
    bib_text = []
    for path in sorted({loc.path for loc in sources.entry_locations.values()}):
        bib_text.append((sources.root / path).read_text(encoding="utf-8").strip() + "\n")
    (out / "kaynakca.bib").write_text("\n".join(bib_text), encoding="utf-8")
    items = [csl_item(edition, key) for key in sorted(sources.bibliography.entries)]
    (out / "kaynakca.json").write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_article_downloads(edition: Edition, site_dir: Path) -> None:
    """The article's own citation data: BibTeX, RIS and CSL-JSON."""
    from . import cite

    out = site_dir / DOWNLOADS
    out.mkdir(parents=True, exist_ok=True)
    pub = edition.sources.publication
    (out / "makale.bib").write_text(cite.article_bibtex(pub), encoding="utf-8")
    (out / "makale.ris").write_bytes(cite.article_ris(pub).encode("utf-8"))
    (out / "makale.json").write_text(cite.article_csl(pub), encoding="utf-8")


def downloads_block(lang: str, linker) -> str:
    labels = {"tr": ("Kaynakça (BibTeX)", "Kaynakça (CSL-JSON)"), "en": ("Bibliography (BibTeX)", "Bibliography (CSL-JSON)")}
    bib, csl = labels[lang]
    return (f'<ul class="downloads"><li><a href="{linker.to(DOWNLOADS + "/kaynakca.bib")}" download>{bib}</a></li>'
            f'<li><a href="{linker.to(DOWNLOADS + "/kaynakca.json")}" download>{csl}</a></li></ul>')


LICENCE = {
    "tr": "Makalenin metni yazarına ve Vakanüvis dergisine aittir; lisansı henüz doğrulanmamıştır. "
          "Edisyonun katkıları (çeviri, düzeltmeler, kaynakça ve arşiv verisi) {licence} lisansıyla sunulur.",
    "en": "The article's text belongs to its author and the journal Vakanüvis; its licence is not yet confirmed. "
          "The edition's contributions (translation, emendations, bibliographic and archival data) are offered under {licence}.",
}


def licence_statement(edition: Edition, lang: str) -> str:
    licence = edition.sources.publication.get("edition", {}).get("licence", "CC BY 4.0")
    return LICENCE[lang].format(licence=licence)


def write_data_downloads(edition: Edition, site_dir: Path, docs_dir: Path) -> None:
    """Reusable data: the text of each language as Markdown (the edition's sources,
    in the markup CONTRIBUTING.md documents), the archival documents as CSV, the
    bibliography as RIS; each carries the licence statement."""
    import csv
    import io

    from .formatting import document_signature
    from .markup import split_front_matter
    from .sources import chapter_path

    out = site_dir / DOWNLOADS
    out.mkdir(parents=True, exist_ok=True)
    for lang in edition.languages:
        parts = [f"<!-- {licence_statement(edition, lang)} -->\n"]
        for name in edition.chapter_names:
            body, _ = split_front_matter((docs_dir / chapter_path(name, lang)).read_text(encoding="utf-8"))
            parts.append(body.strip() + "\n")
        (out / f"metin.{lang}.md").write_text("\n".join(parts), encoding="utf-8")
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
    (out / "arsiv-belgeleri.csv").write_text(f"# {licence_statement(edition, 'en')}\n" + buf.getvalue(), encoding="utf-8")
    (out / "kaynakca.ris").write_bytes(bibliography_ris(edition).encode("utf-8"))


_RIS_TYPES = {"book": "BOOK", "collection": "EDBOOK", "article": "JOUR", "incollection": "CHAP", "inbook": "CHAP",
              "phdthesis": "THES", "mastersthesis": "THES"}


def bibliography_ris(edition: Edition) -> str:
    lines = []
    for key in sorted(edition.sources.bibliography.entries):
        item = csl_item(edition, key)
        e = edition.sources.bibliography.entries[key]
        kind = "NEWS" if item["type"] == "article-newspaper" else _RIS_TYPES.get(e.type, "GEN")
        lines += [f"TY  - {kind}", f"ID  - {key}"]
        for role, tag in (("author", "AU"), ("editor", "ED"), ("translator", "A4")):
            for p in item.get(role, []):
                lines.append(f"{tag}  - {p['family']}" + (f", {p['given']}" if p.get("given") else ""))
        for field, tag in (("title", "TI"), ("container-title", "T2"), ("volume", "VL"), ("issue", "IS"),
                           ("publisher", "PB"), ("publisher-place", "CY"), ("language", "LA"), ("note", "N1")):
            if item.get(field):
                lines.append(f"{tag}  - {item[field]}")
        if item.get("page"):
            sp, _, ep = item["page"].partition("-")
            lines.append(f"SP  - {sp}")
            if ep:
                lines.append(f"EP  - {ep}")
        if item.get("issued"):
            parts = item["issued"]["date-parts"][0]
            lines.append(f"PY  - {parts[0]}")
            if len(parts) == 3:
                lines.append(f"DA  - {parts[0]:04d}/{parts[1]:02d}/{parts[2]:02d}")
        lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def downloads_page(edition: Edition, lang: str, href, pdf: bool) -> str:
    """The list on the Downloads page; `href(filename)` links a file of the shared downloads folder."""
    from . import offline

    L = {"tr": {"offline": "Bütün site, çevrimdışı okumak için (zip; açıp index.html dosyasını tarayıcıda açın)",
                "single": "Tek dosyalık edisyon, {name} (HTML; metin, notlar, kaynakça ve arşiv dizini; JavaScript gerektirmez)",
                "pdf": "Baskıya hazır edisyon, {name} (PDF)", "md": "Metin, {name} (Markdown, edisyonun işaretlemesiyle)",
                "bib": "Kaynakça (BibTeX)", "csl": "Kaynakça (CSL-JSON)", "ris": "Kaynakça (RIS)",
                "csv": "Arşiv belgeleri (CSV)", "tr": "Türkçe", "en": "İngilizce"},
         "en": {"offline": "The whole site, for offline reading (zip; unpack it and open index.html in a browser)",
                "single": "The edition in one file, {name} (HTML; text, notes, bibliography and archive register; no JavaScript needed)",
                "pdf": "The edition ready to print, {name} (PDF)", "md": "The text, {name} (Markdown, in the edition's markup)",
                "bib": "Bibliography (BibTeX)", "csl": "Bibliography (CSL-JSON)", "ris": "Bibliography (RIS)",
                "csv": "Archival documents (CSV)", "tr": "Turkish", "en": "English"}}[lang]
    items = [f'<li><a href="{href(offline.ZIP_NAME)}" download>{L["offline"]}</a></li>']
    for x in edition.languages:
        items.append(f'<li><a href="{href(offline.SINGLE_NAME.format(lang=x))}">{L["single"].format(name=L[x])}</a></li>')
        if pdf:
            items.append(f'<li><a href="{href(f"edisyon.{x}.pdf")}">{L["pdf"].format(name=L[x])}</a></li>')
    for x in edition.languages:
        items.append(f'<li><a href="{href(f"metin.{x}.md")}" download>{L["md"].format(name=L[x])}</a></li>')
    items += [f'<li><a href="{href("kaynakca.bib")}" download>{L["bib"]}</a></li>',
              f'<li><a href="{href("kaynakca.json")}" download>{L["csl"]}</a></li>',
              f'<li><a href="{href("kaynakca.ris")}" download>{L["ris"]}</a></li>',
              f'<li><a href="{href("arsiv-belgeleri.csv")}" download>{L["csv"]}</a></li>']
    return ('<ul class="downloads">' + "".join(items) + "</ul>\n\n"
            f'<p class="licence">{html_escape(licence_statement(edition, lang))}</p>')


def html_escape(text: str) -> str:
    return escaping.attr(text)
