"""Reading without a network: the whole site as one zip, and the whole edition
as one self-contained HTML file per language (text, notes, bibliography,
archive register; CSS inline; no JavaScript).

Both are deterministic: the same sources give byte-identical files.
"""
from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from edition.core import escaping
from edition.html import apparatus_pages as registers
from edition.html import metadata as meta
from edition.html.chapters import Renderer, markdown_html
from edition.html.directives import fill_prose
from edition.html.entity_pages import single_file_index
from edition.html.urls import SingleFileLinker
from edition.model.edition import Edition

ZIP_NAME = "edisyon-cevrimdisi.zip"
ZIP_ROOT = "edisyon"
SINGLE_NAME = "edisyon.{lang}.html"
OFFLINE_START, OFFLINE_END = "<!--offline-link-->", "<!--/offline-link-->"
_EPOCH = (1980, 1, 1, 0, 0, 0)  # zip timestamps: fixed, so that two builds are identical


def _unused_search_language(rel: str, langs) -> bool:
    """Material ships lunr support for thirty languages; the offline copy needs its own two."""
    m = re.match(r"assets/javascripts/lunr/(?:min/lunr\.([a-z]{2})\.min\.js|(tinyseg|wordcut)\.js)$", rel)
    return bool(m) and (m.group(2) is not None or m.group(1) not in langs)


def write_zip(site: Path, target: Path, langs=("tr", "en")) -> int:
    """Zip the built site (without the zip itself); return its size in bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    files = sorted(p for p in site.rglob("*") if p.is_file() and p.suffix not in (".zip", ".tmp", ".gz")
                   and not _unused_search_language(p.relative_to(site).as_posix(), langs))
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path in files:
            rel = path.relative_to(site).as_posix()
            data = path.read_bytes()
            if path.suffix == ".html":  # the offline copy does not offer itself for download
                data = _drop_offline_link(data)
            info = zipfile.ZipInfo(f"{ZIP_ROOT}/{rel}", date_time=_EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=6)
    os.replace(tmp, target)
    return target.stat().st_size


def _drop_offline_link(data: bytes) -> bytes:
    """Every marked link to the zip (home pages, Downloads pages) goes."""
    if OFFLINE_START.encode() not in data:
        return data
    text = data.decode("utf-8")
    while (start := text.find(OFFLINE_START)) != -1 and (end := text.find(OFFLINE_END, start)) != -1:
        text = text[:start] + text[end + len(OFFLINE_END):]
    return text.encode("utf-8")


def page_404_links(document: str, site_url: str | None) -> str:
    """MkDocs writes 404.html with root-absolute links ("/assets/…"), which break under a
    sub-path and from file://. With a public address they are rooted at the address's path
    ("/edition/assets/…"): a server answers a missing page at any depth with this page, and
    its styles and links still resolve, on the public host and in a local preview served under
    the same path (a host-absolute address left a preview unstyled). Without an address they
    are relative to the site root (where 404.html lies). The language switch and alternates
    lead to each language's home (the page has no counterpart)."""

    prefix = urlsplit(site_url).path if site_url else ""
    prefix = (prefix.rstrip("/") + "/") if site_url else ""

    def rooted(path: str) -> str:
        if not site_url:
            return path.lstrip("/")
        return path if path.startswith(prefix) else prefix + path.lstrip("/")

    document = re.sub(r'(\s(?:href|src|action)=")(/(?!/)[^"]*)', lambda m: m.group(1) + rooted(m.group(2)), document)
    return re.sub(r'("base":\s*)"(/[^"]*)"', lambda m: m.group(1) + (f'"{rooted(m.group(2))}"' if site_url else '"."'),
                  document)


def human_size(size: int, lang: str) -> str:
    mb = size / 1_000_000
    text = f"{mb:.1f} MB" if mb >= 1 else f"{size / 1000:.0f} kB"
    return text.replace(".", ",") if lang == "tr" else text


def fill_size(page: Path, size: int, lang: str) -> None:
    """Write the zip's size into the download link of a built home page."""
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r'<span class="offline-size">[^<]*</span>',
                           f'<span class="offline-size">{human_size(size, lang)}</span>', text), encoding="utf-8")


def offline_link(lang: str, href: str, downloads_page: str) -> str:
    label, more = {"tr": ("Çevrimdışı okumak için bütün edisyonu indirin (zip)",
                          "diğer biçimler ve veri: İndir"),
                   "en": ("Download the whole edition for offline reading (zip)",
                          "other formats and data: Downloads")}[lang]
    return (f'{OFFLINE_START}<p class="offline-download"><a href="{escaping.attr(href)}" download>{label}</a> '
            f'(<span class="offline-size">…</span>); <a href="{escaping.attr(downloads_page)}">{more}</a></p>'
            f'{OFFLINE_END}')


# --- one file ----------------------------------------------------------------------------

SINGLE_CSS = """
:root { color-scheme: light dark; }
body { font: 1.05rem/1.6 "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "DejaVu Serif", serif;
  max-width: 40rem; margin: 2rem auto; padding: 0 1.2rem; }
h1, h2, h3 { line-height: 1.25; font-weight: 600; }
a { color: inherit; }
p.para { position: relative; }
.para-num { text-decoration: none; font: 0.7rem/1.9 system-ui, sans-serif; opacity: 0.7; }
.para-num::before { content: "¶\\00a0" attr(data-n) "\\2002"; }
.pb::before { content: "[PDF " attr(data-page) "]"; font: 0.65rem system-ui, sans-serif; opacity: 0.6; }
.emendation { text-decoration: underline dotted; }
.emendation::after { content: "\\2009[" attr(data-sic) "]"; font-size: 0.72em; text-decoration: line-through; opacity: 0.7; }
.supplied { font-style: italic; }
.footnote { font-size: 0.88rem; }
.provenance, .cited-in, .date-source, .signature { font-size: 0.85em; opacity: 0.8; }
sup.fnref a { text-decoration: none; font-weight: 600; }
sup.ed-ref a { font-style: italic; text-decoration: none; }
.footnote ol { list-style: none; padding-left: 0; }
.note-num { font-weight: 600; }
.ed-comments ol { list-style: none; padding-left: 0; font-size: 0.88rem; }
.ed-label { font-style: italic; font-weight: 600; }
.ed-sources { font-size: 0.9em; }
table { border-collapse: collapse; font-size: 0.9rem; } td, th { border-top: 1px solid #8884; padding: 0.3em; vertical-align: top; text-align: left; }
section.chapter { break-before: page; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  @page { size: A4; margin: 2.2cm 2.2cm 2.5cm; @bottom-center { content: counter(page); font-size: 9pt; } }
  a { text-decoration: none; }
  h1, h2 { break-after: avoid; }
}
"""


def _md(text: str) -> str:
    return markdown_html(text)


def single_file(edition: Edition, lang: str, site_name: str, prose: dict[str, str], extra: tuple[str, ...] = (),
                css: str = "") -> str:
    """The edition in one HTML document: front matter, chapters with their notes,
    bibliography, archive register, editorial pages (`prose`: name -> Markdown); `extra`
    sections and their `css` (e.g. the figures and their print rules)."""
    linker = SingleFileLinker("edisyon.md")
    parts = []
    ids = {id(em): ident for _, _, em, ident in registers.emendations_in(edition)} if lang == edition.default_lang else None

    def directive(name: str) -> str:
        if name == "publication":
            return registers.publication(edition, lang)
        if name == "contents":
            return registers.contents(edition, lang, linker, list(edition.chapter_names))
        if name == "emendations":
            return registers.emendations(edition, lang, linker)
        return ""

    for chapter, name in zip(edition.chapters(lang), edition.chapter_names):
        stem = name.removesuffix(".md")
        renderer = Renderer(edition, lang, linker, ids, notes_anchor=f"notlar-{stem}",
                            comments_anchor=f"yorumlar-{stem}")
        body = _NOTE_ITEM.sub(_numbered_note, _md(renderer.chapter(chapter, directive)))
        parts.append(f'<section class="chapter" id="ch-{stem}">{body}</section>')
    parts.append(f'<section class="chapter" id="ch-kaynakca"><h1 id="kaynakca">{_title(lang, "bibliography")}</h1>'
                 f"{_md(registers.bibliography(edition, lang, linker))}</section>")
    archive = [f'<h1 id="arsivler">{_title(lang, "archives")}</h1>', _md(registers.archives_index(edition, lang, linker))]
    for f in edition.sources.files.values():
        page = registers.archive_file_page(edition, f, lang, linker).replace("# ", "## ", 1)
        archive.append(_md(page))
    parts.append(f'<section class="chapter" id="ch-arsivler">{"".join(archive)}</section>')
    if edition.register:
        parts.append(single_file_index(edition, lang, linker))
    parts.extend(extra)   # e.g. the figures (issue 17), already HTML
    for name, text in prose.items():
        body = fill_prose(text, edition, lang, linker)
        parts.append(f'<section class="chapter" id="ch-{name.removesuffix(".md")}">{_md(body)}</section>')
    title = escaping.attr(site_name)
    # The article's citation metadata, as on its pages (html/metadata.py): Zotero and indexers read it here too.
    others = [x for x in edition.languages if x != lang]
    head = meta.head_html(meta.meta_tags(edition.sources.publication, lang, "", site_name, others, "article",
                                         "", edition.default_lang))
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
            f"{head}\n<style>{SINGLE_CSS}{css}</style>\n</head>\n<body>\n<main>\n" + "\n".join(parts)
            + "\n</main>\n</body>\n</html>\n")


_NOTE_ITEM = re.compile(r'<li id="n(\d+)" value="\1"><p>')


def _numbered_note(m: re.Match) -> str:
    """The article's note number written out: WeasyPrint, which prints the PDF from this file,
    ignores <li value> and would number every chapter's notes from 1."""
    return f'{m.group(0)}<span class="note-num">{m.group(1)}.</span> '


def _title(lang: str, what: str) -> str:
    return {("tr", "bibliography"): "Kaynakça", ("en", "bibliography"): "Bibliography",
            ("tr", "archives"): "Arşiv dizini", ("en", "archives"): "Archive register"}[(lang, what)]


def single_file_links(text: str) -> str:
    """Links between pages become links inside the one file."""
    def repl(m):
        name, anchor = m.group(1), m.group(2) or ""
        target = {"gazeteler": "kaynakca"}.get(name, name)
        return f"](#{anchor[1:]})" if anchor else f"](#ch-{target})"

    return re.sub(r"\]\(([a-z\-]+)\.md(#[^)]*)?\)", repl, text)


def write_pdf(document: str, target: Path) -> None:
    """Print the one-file edition with WeasyPrint (the `pdf` extra)."""
    from weasyprint import HTML

    HTML(string=document).write_pdf(target)
