"""The edition as EPUB 3, one book per language.

Chapters are built from the model with lxml (text stays text): note references are
`epub:type="noteref"` links to `aside epub:type="footnote"` notes that link back
(reading systems that pop notes up do so; others follow the links both ways), the PDF's
page boundaries are `epub:type="pagebreak"` markers listed in the navigation document's
page-list, a paragraph or heading in another language carries `lang`/`xml:lang`.
The bibliography, the archive register and the editorial pages reuse the site's
registers (their HTML, re-parsed into XHTML elements). The package has the
accessibility metadata of EPUB Accessibility 1.1 (schema.org accessMode,
accessibilityFeature, accessibilityHazard, accessibilitySummary). The three figures (issue 25)
stand in a document of their own after the chapters: their narrow drawings as inline SVG (the
chronology one drawing per section, so that each fits a page), each with its caption, source
line, description and data table; their links lead to documents of the book or are dropped
(the register has no pages here).

Deterministic: fixed identifier (UUID 5 of the title and language), the modification
date of the changelog's current release (else the edition's year), fixed zip timestamps;
`mimetype` first and stored.
"""
from __future__ import annotations

import copy
import io
import re
import uuid
import zipfile
from pathlib import Path

import lxml.html
from lxml import etree

from edition import figures as figs
from edition.checks import commentary
from edition.core.document import (Chapter, Citation, Directive, Emendation, Emphasis, Heading, NoteRef, PageBreak,
    PageMarker, Paragraph, Text)
from edition.core.i18n import t
from edition.core.xmltext import append_text
from edition.exports.licence import licence_statement
from edition.html import apparatus_pages as registers
from edition.html.chapters import markdown_html
from edition.html.directives import fill_prose
from edition.html.urls import ARCHIVE_DIR, BIBLIOGRAPHY_PAGE, Linker
from edition.model.edition import Edition
from edition.sources.datafiles import read_text
from edition.sources.load import chapter_path
from edition.sources.markup import plain_text, split_front_matter
from edition.core import i18n

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SVG_NS = "http://www.w3.org/2000/svg"
FIGURES_FILE = "gorseller.xhtml"
EPUB_VERSION = "EPUB 3.3"
FILE_NAME = "edisyon.{lang}.epub"
PROSE_PAGES = ("ilkeler.md", "ceviri.md", "sozluk.md")
_EPOCH = (1980, 1, 1, 0, 0, 0)

CSS = """
body { font-family: serif; line-height: 1.5; margin: 0 1em; }
h1, h2, h3 { line-height: 1.25; }
p.para { margin: 0.6em 0; }
.para-num { font-family: sans-serif; font-size: 0.7em; color: #555; margin-right: 0.4em; }
.sic { font-size: 0.8em; text-decoration: line-through; color: #555; }
.supplied { font-style: italic; }
.label { font-size: 0.85em; font-style: italic; }
sup { line-height: 0; }
aside.footnote { font-size: 0.9em; margin: 0.4em 0; }
aside.footnote p { margin: 0; }
table { border-collapse: collapse; } td, th { border-top: 1px solid #999; padding: 0.2em; vertical-align: top; text-align: left; }
figure.edition-figure { margin: 1em 0; }
figure.edition-figure svg { display: block; width: 100%; height: auto; margin: 0.5em 0; }
table.figure-table { font-size: 0.85em; margin-bottom: 1.5em; }
table.figure-table caption { text-align: left; font-weight: bold; }
.figure-desc { font-size: 0.9em; }
"""

L = i18n.each("epub")


def x(tag: str) -> str:
    return f"{{{XHTML}}}{tag}"


def _el(parent, tag: str, text: str | None = None, **attrs):
    el = etree.SubElement(parent, x(tag))
    for name, value in attrs.items():
        if value is None or value == "":
            continue
        if name == "epub_type":
            el.set(f"{{{OPS}}}type", value)
        elif name == "lang":
            el.set("lang", value)
            el.set(f"{{{XML_NS}}}lang", value)
        else:
            el.set(name.rstrip("_").replace("_", "-"), str(value))
    if text:
        el.text = text
    return el


def file_of(src: str) -> str:
    """The book's file for a page of the site."""
    if src.startswith(f"{ARCHIVE_DIR}/") or src == "arsivler.md":
        return "arsivler.xhtml"
    if src in ("gazeteler.md", BIBLIOGRAPHY_PAGE):
        return "kaynakca.xhtml"
    return src.rsplit("/", 1)[-1].removesuffix(".md") + ".xhtml"


class EpubLinker(Linker):
    def to(self, src: str, anchor: str = "") -> str:
        target = file_of(src)
        if not anchor and src.startswith(f"{ARCHIVE_DIR}/"):
            anchor = src[len(ARCHIVE_DIR) + 1:].removesuffix(".md")
        if target == file_of(self.current):
            target = ""
        return f"{target}#{anchor}" if anchor else (target or "#")


class Book:
    def __init__(self, edition: Edition, lang: str, title: str, docs_dir: Path | None = None, release=None,
                 figures: figs.Figures | None = None):
        self.ed, self.lang, self.title = edition, lang, title
        self.figures = figures
        self.release = release   # the changelog's current release: the book's version and date
        self.docs_dir = docs_dir
        self.em_ids = ({id(em): ident for _, _, em, ident in registers.emendations_in(edition)}
                       if lang == edition.default_lang else {})
        self.pages: list[tuple[str, int]] = []      # (file, page) for the page-list
        self.toc: list[tuple[str, str, str, list]] = []  # (file, anchor, label, subs)
        self.files: dict[str, bytes] = {}

    # -- documents -------------------------------------------------------------------
    def xhtml(self, title: str):
        root = etree.Element(x("html"), nsmap={None: XHTML, "epub": OPS})
        root.set("lang", self.lang)
        root.set(f"{{{XML_NS}}}lang", self.lang)
        head = _el(root, "head")
        _el(head, "meta", charset="utf-8")
        _el(head, "title", title)
        _el(head, "link", rel="stylesheet", type="text/css", href="style.css")
        return root, _el(root, "body")

    def save(self, name: str, root) -> None:
        body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
        self.files[name] = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n' + body + b"\n"

    # -- inline ------------------------------------------------------------------------
    def inline(self, parent, content, *, in_note: bool = False) -> None:
        for tok in content:
            if isinstance(tok, Text):
                append_text(parent, tok.text)
            elif isinstance(tok, NoteRef):
                n = tok.number
                sup = _el(parent, "sup")
                _el(sup, "a", str(n), id=f"nr{n}", href=f"#n{n}", epub_type="noteref", role="doc-noteref")
            elif isinstance(tok, PageBreak):
                if not in_note:   # a page break inside a note repeats a page of the body
                    self.page_break(parent, tok.page)
            elif isinstance(tok, Emendation):
                span = _el(parent, "span", tok.corrected, class_="emendation", id=self.em_ids.get(id(tok)))
                _el(span, "span", f" [{tok.original}]", class_="sic",
                    title=t(self.lang, "emended_from").format(original=tok.original))
            elif isinstance(tok, Emphasis):
                self.inline(_el(parent, "em"), tok.content, in_note=in_note)
            elif isinstance(tok, Citation):
                href = self.linker.document(self.ed, tok.key) if tok.key in self.ed.sources.documents \
                    else self.linker.work(tok.key)
                self.inline(_el(parent, "a", href=href), tok.content, in_note=in_note)
            elif isinstance(tok, commentary.Mark):
                self.comment_mark(parent, tok)
            elif hasattr(tok, "content"):   # a token this writer does not know yet (e.g. a register mention)
                self.inline(parent, tok.content, in_note=in_note)

    def comment_mark(self, parent, mark: commentary.Mark) -> None:
        """The marker of an editorial comment after its lemma: a letter linking to the comment at
        the end of its chapter (this one or another)."""
        href = self.linker.to(self.ed.commentary.home(mark.label), f"ed-{mark.label}")
        sup = _el(parent, "sup", class_="ed-ref", id=mark.ref_id)
        _el(sup, "a", mark.label, class_="ed-mark", href=href,
            aria_label=f"{commentary.STRINGS[self.lang]['comment']} {mark.label}")

    def marked(self, content, anchor: str):
        """The content with the markers of the editorial comments anchored to it."""
        return self.ed.commentary.mark(content, self.lang, anchor) if self.ed.commentary else content

    def comments(self, parent, name: str) -> None:
        """The editorial comments whose first place is in this chapter, after the author's notes."""
        placed = self.ed.commentary.in_chapter(name) if self.ed.commentary else []
        if not placed:
            return
        heading = commentary.STRINGS[self.lang]["heading"]
        box = _el(parent, "section", class_="ed-comments", aria_label=heading)
        _el(box, "h2", heading)
        self.from_html(box, '<ol type="a">' + "".join(
            commentary.item_html(p, self.lang, "", self.linker.to) for p in placed) + "</ol>")

    def page_break(self, parent, page: int) -> None:
        label = f"{t(self.lang, 'pdf_page')} {page}"
        _el(parent, "span", id=f"page-{page}", epub_type="pagebreak", role="doc-pagebreak", title=label,
            aria_label=label)
        self.pages.append((self.current, page))

    # -- chapters ----------------------------------------------------------------------
    def chapter(self, chapter: Chapter, name: str) -> None:
        self.current = file_of(name)
        self.linker = EpubLinker(name)
        heads = chapter.headings
        title = plain_text(heads[0].content, reading="corrected") if heads else self.title
        root, body = self.xhtml(title)
        section = _el(body, "section", epub_type="chapter" if name != "index.md" else "frontmatter",
                      role="doc-chapter" if name != "index.md" else None, aria_label=title if not heads or heads[0].level > 1 else None)
        subs: list = []
        first = True
        labelled = False
        for block in chapter.blocks:
            if isinstance(block, Heading):
                level = block.level if heads[0].level == 1 else block.level - 1
                text = plain_text(block.content, reading="corrected")
                if block.supplied:
                    text = f"[{text}]"
                h = _el(section, f"h{min(level, 6)}", text, id=block.anchor,
                        class_="supplied" if block.supplied else None,
                        lang=block.lang if block.lang and block.lang != self.lang else None)
                del h
                if first:
                    self.toc.append((self.current, block.anchor, text, subs))
                    first = False
                elif block.level <= 2:
                    subs.append((block.anchor, text))
            elif isinstance(block, Paragraph):
                foreign = block.lang and block.lang != self.lang
                if foreign and not labelled and self.lang != "en":
                    _el(section, "p", L[self.lang]["author_text"], class_="label")
                labelled = bool(foreign)
                p = _el(section, "p", class_="para", id=block.anchor, lang=block.lang if foreign else None)
                if block.numbered:
                    _el(p, "span", f"¶ {block.ident}", class_="para-num")
                    p[-1].tail = " "
                self.inline(p, self.marked(block.content, block.anchor))
            elif isinstance(block, PageMarker):
                self.page_break(_el(section, "div"), block.page)
            elif isinstance(block, Directive):
                self.directive(section, block.name)
        if chapter.notes:
            notes = _el(section, "section", class_="notes", aria_label=t(self.lang, "notes"))
            _el(notes, "h2", t(self.lang, "notes"))
            for n in sorted(chapter.notes):
                aside = _el(notes, "aside", id=f"n{n}", class_="footnote", epub_type="footnote", role="doc-footnote")
                p = _el(aside, "p")
                _el(p, "a", f"{n}.", href=f"#nr{n}", role="doc-backlink",
                    aria_label=f"{t(self.lang, 'back_to_text')} {n}")
                p[-1].tail = " "
                self.inline(p, self.marked(chapter.notes[n].content, f"n{n}"), in_note=True)
        self.comments(section, name)
        if not heads:
            self.toc.append((self.current, "", title, subs))
        self.save(self.current, root)

    def directive(self, parent, name: str) -> None:
        if name == "contents":
            nav = _el(parent, "ol", class_="contents")
            for chapter, cname in zip(self.ed.chapters(self.lang), self.ed.chapter_names):
                heads = chapter.headings
                if heads and cname != "index.md":
                    li = _el(nav, "li")
                    _el(li, "a", plain_text(heads[0].content, reading="corrected").join(
                        ("[", "]") if heads[0].supplied else ("", "")), href=file_of(cname) + "#" + heads[0].anchor)
        elif name == "publication":
            self.from_html(parent, registers.publication(self.ed, self.lang), shift=1)
        elif name == "emendations":
            self.from_html(parent, registers.emendations(self.ed, self.lang, self.linker))

    # -- re-parsed register HTML ---------------------------------------------------------
    def from_html(self, parent, text: str, shift: int = 0) -> None:
        """Markdown + HTML of a register, as XHTML elements under `parent`."""
        self.from_markup(parent, markdown_html(text), shift)

    def from_markup(self, parent, html: str, shift: int = 0) -> None:
        """HTML (escaped by its writer), as XHTML elements under `parent`."""
        wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
        append_text(parent, wrapper.text or "")
        for child in wrapper:
            self._convert(child, parent, shift)

    def _convert(self, src, parent, shift: int) -> None:
        if not isinstance(src.tag, str):     # a comment
            append_text(parent, src.tail or "")
            return
        tag = src.tag
        if shift and re.fullmatch(r"h[1-5]", tag):
            tag = f"h{int(tag[1]) + shift}"
        el = etree.SubElement(parent, x(tag))
        for name, value in src.attrib.items():
            if name in ("download",):
                continue
            if name == "lang":
                if value == self._lang_of(parent):
                    continue   # the language it stands in already: no change of language to mark
                el.set(f"{{{XML_NS}}}lang", value)
            el.set(name, value)
        el.text = src.text
        for child in src:
            self._convert(child, el, 0 if shift == 0 else shift)
        el.tail = src.tail

    def _lang_of(self, el) -> str:
        """The language an element stands in: its nearest xml:lang, else the book's."""
        while el is not None:
            value = el.get(f"{{{XML_NS}}}lang")
            if value:
                return value
            el = el.getparent()
        return self.lang

    def register_page(self, name: str, title: str, anchor: str, parts: list[str]) -> None:
        self.current = name
        self.linker = EpubLinker({"kaynakca.xhtml": BIBLIOGRAPHY_PAGE, "arsivler.xhtml": "arsivler.md"}[name])
        root, body = self.xhtml(title)
        section = _el(body, "section", epub_type="bibliography" if name == "kaynakca.xhtml" else "appendix",
                      role="doc-bibliography" if name == "kaynakca.xhtml" else "doc-appendix")
        _el(section, "h1", title, id=anchor)
        for part in parts:   # the page's title is h1: a register's own headings start at h2
            self.from_html(section, part, shift=1 if re.search(r"^# ", part, re.M) else 0)
        self.toc.append((name, anchor, title, []))
        self.save(name, root)

    def prose_page(self, name: str) -> None:
        if self.docs_dir is None:
            return
        source = Path(self.docs_dir) / chapter_path(name, self.lang, self.ed.default_lang)
        if not source.exists():
            return
        self.current = file_of(name)
        self.linker = EpubLinker(name)
        text, _ = split_front_matter(read_text(source, f"docs/{source.name}"))
        text = re.sub(r"\]\(([a-z\-]+)\.md(#[^)]*)?\)",
                      lambda m: f"]({file_of(m.group(1) + '.md')}{m.group(2) or ''})", text)
        text = fill_prose(text, self.ed, self.lang, self.linker)
        m = re.search(r"^# (.+?)(?: \{#([a-z0-9-]+)\})?$", text, re.M)
        title = m.group(1) if m else name
        root, body = self.xhtml(title)
        section = _el(body, "section", epub_type="appendix", role="doc-appendix")
        self.from_html(section, text)
        self.toc.append((self.current, m.group(2) if m and m.group(2) else "", title, []))
        self.save(self.current, root)

    # -- figures -------------------------------------------------------------------------
    def figures_page(self) -> None:
        """The figures' document (written after every other one: its links are checked against them)."""
        self.current = FIGURES_FILE
        self.linker = EpubLinker(figs.PAGE)
        title = figs.T[self.lang]["figures"]
        root, body = self.xhtml(title)
        section = _el(body, "section", epub_type="appendix", role="doc-appendix")
        _el(section, "h1", title, id="gorseller")
        for f in self.figures.narrow_figures(self.lang, self.linker, register=False):
            figure = _el(section, "figure", id=f"{f['ident']}-figure", class_="edition-figure")
            caption = _el(figure, "figcaption")
            _el(caption, "strong", f["title"]).tail = ". " + f["source"]
            _el(figure, "p", f["desc"], class_="figure-desc")
            for svg in f["svgs"]:
                figure.append(etree.fromstring(svg))
            self.from_markup(section, f["table"])
        self.links_inside(root)
        self.toc.append((self.current, "gorseller", title, []))
        self.save(self.current, root)

    def links_inside(self, root) -> None:
        """Every link of `root` that leads to no document of the book, or to no element of it (the
        register's pages, which the book does not have), becomes a plain span (in SVG a group):
        its text stays."""
        ids = {name: set(re.findall(r'\sid="([^"]+)"', data.decode("utf-8"))) for name, data in self.files.items()}
        ids[self.current] = set(root.xpath("//@id"))
        for a in list(root.iter(x("a"), f"{{{SVG_NS}}}a")):
            href = a.get("href") or ""
            name, _, anchor = href.partition("#")
            name = name or self.current
            if name in ids and (not anchor or anchor in ids[name]):
                continue
            for attr in ("href", "aria-label"):
                a.attrib.pop(attr, None)
            a.tag = x("span") if a.tag == x("a") else f"{{{SVG_NS}}}g"

    # -- navigation and package --------------------------------------------------------
    def nav(self) -> None:
        root, body = self.xhtml(L[self.lang]["contents"])
        toc = _el(body, "nav", epub_type="toc", role="doc-toc", id="toc")
        _el(toc, "h1", L[self.lang]["contents"])
        ol = _el(toc, "ol")
        for file, anchor, label, subs in self.toc:
            li = _el(ol, "li")
            _el(li, "a", label, href=f"{file}#{anchor}" if anchor else file)
            if subs:
                sub = _el(li, "ol")
                for a, text in subs:
                    _el(_el(sub, "li"), "a", text, href=f"{file}#{a}")
        pl = _el(body, "nav", epub_type="page-list", id="page-list", hidden="hidden", aria_label=L[self.lang]["pages"])
        _el(pl, "h2", L[self.lang]["pages"])
        ol = _el(pl, "ol")
        for file, page in self.pages:
            _el(_el(ol, "li"), "a", str(page), href=f"{file}#page-{page}")
        lm = _el(body, "nav", epub_type="landmarks", id="landmarks", hidden="hidden", aria_label=L[self.lang]["landmarks"])
        _el(lm, "h2", L[self.lang]["landmarks"])
        ol = _el(lm, "ol")
        start = self.toc[1] if len(self.toc) > 1 else self.toc[0]
        _el(_el(ol, "li"), "a", L[self.lang]["start"], href=start[0], epub_type="bodymatter")
        _el(_el(ol, "li"), "a", L[self.lang]["bibliography"], href="kaynakca.xhtml", epub_type="bibliography")
        self.save("nav.xhtml", root)

    def package(self, spine: list[str]) -> bytes:
        pub = self.ed.sources.publication
        year = str(pub.get("edition", {}).get("year", "2026"))
        editors = pub.get("edition", {}).get("editors", {}).get(self.lang, "")
        ident = "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{pub.get('title_en', '')}#{self.lang}"))
        OPF, DC = "http://www.idpf.org/2007/opf", "http://purl.org/dc/elements/1.1/"
        pkg = etree.Element(f"{{{OPF}}}package", nsmap={None: OPF, "dc": DC})
        pkg.set("version", "3.0")
        pkg.set("unique-identifier", "bookid")
        pkg.set(f"{{{XML_NS}}}lang", self.lang)
        meta = etree.SubElement(pkg, f"{{{OPF}}}metadata")

        def dc(name, text, **attrs):
            el = etree.SubElement(meta, f"{{{DC}}}{name}", **attrs)
            el.text = text

        def prop(name, text):
            el = etree.SubElement(meta, f"{{{OPF}}}meta", property=name)
            el.text = text

        dc("identifier", ident, id="bookid")
        dc("title", self.title)
        dc("language", self.lang)
        if editors:
            dc("contributor", editors)
        if pub.get("url"):
            dc("source", pub["url"])

        dc("rights", licence_statement(self.ed, self.lang))
        if self.release is not None:
            dc("date", self.release.date.isoformat())
            prop("dcterms:modified", f"{self.release.date.isoformat()}T00:00:00Z")
            prop("schema:version", self.release.version)
        else:
            prop("dcterms:modified", f"{year}-01-01T00:00:00Z")
        for mode in ("textual",) + (("visual",) if self.figures else ()):
            prop("schema:accessMode", mode)
        prop("schema:accessModeSufficient", "textual")
        for feature in ("structuralNavigation", "tableOfContents", "readingOrder", "pageNavigation",
                        "pageBreakMarkers", "displayTransformability"):
            prop("schema:accessibilityFeature", feature)
        prop("schema:accessibilityHazard", "none")
        prop("schema:accessibilitySummary", L[self.lang]["summary"])
        if pub.get("url"):
            prop("pageBreakSource", pub["url"])
        manifest = etree.SubElement(pkg, f"{{{OPF}}}manifest")
        etree.SubElement(manifest, f"{{{OPF}}}item", id="nav", href="nav.xhtml",
                         **{"media-type": "application/xhtml+xml", "properties": "nav"})
        etree.SubElement(manifest, f"{{{OPF}}}item", id="css", href="style.css", **{"media-type": "text/css"})
        for i, name in enumerate(spine):
            svg = {"properties": "svg"} if b"<svg" in self.files[name] else {}
            etree.SubElement(manifest, f"{{{OPF}}}item", id=f"f{i}", href=name,
                             **{"media-type": "application/xhtml+xml", **svg})
        sp = etree.SubElement(pkg, f"{{{OPF}}}spine")
        for i, _ in enumerate(spine):
            etree.SubElement(sp, f"{{{OPF}}}itemref", idref=f"f{i}")
        return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(pkg, encoding="UTF-8", pretty_print=True)

    def build(self) -> bytes:
        for chapter, name in zip(self.ed.chapters(self.lang), self.ed.chapter_names):
            self.chapter(chapter, name)
        chapters, in_toc = list(self.files), len(self.toc)
        bib_linker = EpubLinker(BIBLIOGRAPHY_PAGE)
        self.register_page("kaynakca.xhtml", L[self.lang]["bibliography"], "kaynakca",
                           [registers.bibliography(self.ed, self.lang, bib_linker)])
        arch_linker = EpubLinker("arsivler.md")
        parts = [registers.archives_index(self.ed, self.lang, arch_linker)]
        parts += [registers.archive_file_page(self.ed, f, self.lang, arch_linker)
                  for f in self.ed.sources.files.values()]
        self.register_page("arsivler.xhtml", L[self.lang]["archives"], "arsivler", parts)
        for name in PROSE_PAGES:
            self.prose_page(name)
        if self.figures is not None:   # in the reading order after the chapters, before the back matter
            self.figures_page()
            self.toc.insert(in_toc, self.toc.pop())
            chapters.append(FIGURES_FILE)
        spine = chapters + [name for name in self.files if name not in chapters]
        self.nav()
        return _zip({
            "META-INF/container.xml": CONTAINER,
            "EPUB/package.opf": self.package(spine),
            "EPUB/style.css": CSS.lstrip().encode("utf-8"),
            **{f"EPUB/{name}": data for name, data in self.files.items()},
        })


CONTAINER = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
             b'<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
             b'  <rootfiles>\n    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>\n'
             b'  </rootfiles>\n</container>\n')


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("mimetype", date_time=_EPOCH)
        info.compress_type = zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        zf.writestr(info, b"application/epub+zip")
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compresslevel=9)
    return buf.getvalue()


def epub_bytes(edition: Edition, lang: str, title: str, docs_dir: Path | None = None, release=None,
               figures: figs.Figures | None = None) -> bytes:
    return Book(edition, lang, title, docs_dir, release, figures).build()


def write_epubs(edition: Edition, out_dir: Path, docs_dir: Path | None, titles, release=None,
                figures: figs.Figures | None = None) -> list[Path]:
    """One EPUB per language; `titles` is a site name or a function lang -> title; `figures`
    (figures.load) adds the figures' document."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for lang in edition.languages:
        title = titles(lang) if callable(titles) else titles
        path = out_dir / FILE_NAME.format(lang=lang)
        path.write_bytes(epub_bytes(edition, lang, title, docs_dir, release, figures))
        paths.append(path)
    return paths


__all__ = ["Book", "epub_bytes", "write_epubs", "FILE_NAME", "EPUB_VERSION", "copy"]
