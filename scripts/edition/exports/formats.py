"""The exchange formats among the downloads: TEI P5, EPUB 3 and the PDF, per language.

`write_formats` writes them (the plugin calls it once, when the whole site is built);
`download_items` lists them on the Downloads page with their format version and a size
placeholder that `fill_sizes` fills in once the files exist.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import lxml.html
from lxml import etree

from edition.exports import epub, tei
from edition.model.edition import Edition
from edition.core import i18n

PDF_NAME = "edisyon.{lang}.pdf"
PDF_VERSION = "PDF 1.7"
SIZE_RE = re.compile(r'<span class="dl-size" data-file="([^"]+)">[^<]*</span>')

LABELS = i18n.each("formats")


def size_placeholder(name: str) -> str:
    return f'<span class="dl-size" data-file="{html.escape(name)}">…</span>'


def download_items(edition: Edition, lang: str, href, pdf: bool) -> list[str]:
    """`<li>`s for the Downloads page: per language TEI, EPUB (and the PDF when built)."""
    lab = LABELS[lang]
    items = []
    for x in edition.languages:
        rows = [(tei.FILE_NAME.format(lang=x), lab["tei"].format(name=lab[x], version=f"TEI {tei.TEI_VERSION}")),
                (epub.FILE_NAME.format(lang=x), lab["epub"].format(name=lab[x], version=epub.EPUB_VERSION))]
        if pdf:
            rows.append((PDF_NAME.format(lang=x), lab["pdf"].format(name=lab[x], version=PDF_VERSION)))
        for name, label in rows:
            items.append(f'<li><a href="{html.escape(href(name))}" download>{html.escape(label)}</a> '
                         f"({size_placeholder(name)})</li>")
    return items


def with_sizes(items: list[str]) -> list[str]:
    """A size placeholder after the link of every download item that has none yet."""
    out = []
    for item in items:
        m = re.search(r'<a href="([^"]+)"', item)
        if m and "dl-size" not in item:
            name = html.unescape(m.group(1)).rsplit("/", 1)[-1]
            item = item.replace("</a>", f"</a> ({size_placeholder(name)})", 1)
        out.append(item)
    return out


def write_formats(edition: Edition, out: Path, docs_dir: Path, title_of, release=None, figures=None) -> None:
    """TEI and EPUB per language; `release` (the changelog's current one) dates and numbers them;
    `figures` (figures.load) go into the EPUB."""
    tei.write_tei(edition, out, docs_dir, release=release)
    epub.write_epubs(edition, out, docs_dir, title_of, release, figures)


def human_size(size: int, lang: str) -> str:
    mb = size / 1_000_000
    text = f"{mb:.1f} MB" if mb >= 1 else f"{size / 1000:.0f} kB"
    return text.replace(".", ",") if lang == "tr" else text


def fill_sizes(page: Path, out: Path, lang: str) -> None:
    """Write the sizes of the files in `out` into the placeholders of a built page."""
    if not page.exists():
        return
    text = page.read_text(encoding="utf-8")

    def size(m):
        path = out / html.unescape(m.group(1))
        shown = human_size(path.stat().st_size, lang) if path.exists() else "…"
        return f'<span class="dl-size" data-file="{m.group(1)}">{shown}</span>'

    new = SIZE_RE.sub(size, text)
    if new != text:
        page.write_text(new, encoding="utf-8")


# --- PDF: notes at the foot of the page ---------------------------------------------------

PDF_CSS = """
@page { size: A4; margin: 2.2cm 2.2cm 2.5cm 3cm;
  @top-center { content: string(running); font: italic 8.5pt serif; }
  @bottom-center { content: counter(page); font-size: 9pt; }
  @footnote { border-top: 0.5pt solid #888; padding-top: 4pt; } }
@page :first { @top-center { content: none; } }
body { max-width: none; margin: 0; font-size: 10.5pt; }
section.chapter h1 { string-set: running content(); }
p.para { position: relative; }
p.para .para-num { position: absolute; left: -2.6em; top: 0.15em; width: 2.2em; text-align: right; }
p.para .para-num::before { content: "¶\\00a0" attr(data-n); }
.fn { float: footnote; footnote-policy: line; font-size: 8.5pt; line-height: 1.35; text-align: left; }
.fn::footnote-call { content: attr(data-n); font-size: 70%; vertical-align: super; line-height: 0; }
.fn::footnote-marker { content: attr(data-n) ".\\00a0"; }
div.footnote.notes, h2.notes-heading { display: none; }
/* the figures: the narrow drawings (the one-file edition's print rules, figures.PRINT_CSS); hidden
   here too, as WeasyPrint does not read the <style> of an inline SVG, where the screen rules stand */
.figure-wide, .figure-enlarge, .figure-close { display: none; }
"""


def pdf_document(single_html: str) -> str:
    """The one-file edition with each note moved to its reference, to float to the page foot."""
    doc = lxml.html.document_fromstring(single_html)
    notes = {li.get("id"): li for li in doc.xpath('//div[contains(@class,"footnote")]//li[@id]')}
    for sup in doc.xpath('//sup[contains(@class,"fnref")]'):
        link = sup.find("a")
        target = (link.get("href") or "").lstrip("#") if link is not None else ""
        li = notes.get(target)
        if li is None:
            continue
        span = etree.Element("span", {"class": "fn", "data-n": li.get("value", ""), "id": target})
        body = li.find("p") if li.find("p") is not None else li
        span.text = body.text
        for child in list(body):
            if "footnote-backref" in (child.get("class") or ""):
                continue
            span.append(child)
        span.tail = sup.tail
        sup.getparent().replace(sup, span)
        li.set("id", f"moved-{target}")
    style = doc.find(".//head/style")
    if style is not None:
        style.text = (style.text or "") + PDF_CSS
    return lxml.html.tostring(doc, encoding="unicode", doctype="<!DOCTYPE html>")


def write_pdf(single_html: str, target: Path) -> None:
    from weasyprint import HTML

    HTML(string=pdf_document(single_html)).write_pdf(target)
