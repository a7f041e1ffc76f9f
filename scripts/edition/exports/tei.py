"""The edition as TEI P5 XML: one document per language, valid against tei_all.

Why one document per language: the Turkish text and the English translation are two
texts with the same anchors (¶ 12 is `p12` in both, note 12 is `n12`); one document
holding both would need prefixed ids, and the TEI's `xml:id`s would no longer be the
site's anchors. Each document says in its header which it is (the article, or the
edition's translation of it, with the translation's responsibility statement).

Built with lxml's element tree from the model (text stays text: no markup is made by
joining strings). Layout:

- teiHeader: fileDesc (titleStmt, publicationStmt with the licence, sourceDesc with
  the article's `biblStruct`: only the confirmed data of bibliography/article.yaml, the
  rest said to be unknown), encodingDesc (the editorial principles page, paragraph by
  paragraph), profileDesc/langUsage;
- text/front: the home chapter (Öz, English title, Abstract); body: the chapters as
  `div`s with `head`s; back: the Extended Abstract, the bibliography (`listBibl` of
  `biblStruct` built from the BibTeX) and the archive register (`listBibl` of `msDesc`);
- `p @n @xml:id` (the site's anchors), `pb @n` (the PDF's pages; `@xml:id` =
  `page-N` as on the site), `note @n @place="foot" @xml:id="nN"` at its reference,
  `choice/sic/corr` for each emendation (`@xml:id` = the site's `emN`), `bibl @corresp`
  for each citation, with `citedRange` for its locators;
- an editorial comment (apparatus/comments.yaml) is an empty `anchor @xml:id` after its lemma
  (the site's `edr-a`, `edr-a-2`…) and a `note type="editorial" resp="#editors" @target` (the
  anchors) in `back/div type="editorial-comments"`, with the sources it was checked against;
- a mention of the register (people, places, organisations, agreements) is
  `persName`/`placeName`/`orgName`/`name type="agreement"` `@ref` to its entry in
  `standOff` (`listPerson`/`listPlace`/`listOrg`/`listEvent`): names per language, dates,
  coordinates, authority and Wikidata addresses, role.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from edition.checks import commentary
from edition.core.dates import format_date
from edition.core.document import (ArchivalDocument, Chapter, Citation, Directive, Emendation, Emphasis, Heading,
    Mention, NoteRef, PageBreak, PageMarker, Paragraph, Text)
from edition.core.xmltext import append_text
from edition.exports.licence import licence_statement
from edition.html.apparatus_pages import emendations_in
from edition.model.edition import Edition
from edition.model.formatting import LABELS, source_parts
from edition.sources.datafiles import read_text
from edition.sources.load import chapter_path
from edition.sources.markup import iter_tokens, split_front_matter
from edition.core import i18n

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
TEI_VERSION = "P5 4.9.0"
FILE_NAME = "edisyon.{lang}.tei.xml"
FRONT, BACK = "index.md", "extended-abstract.md"
_LANG_CODES = {"turkish": "tr", "english": "en", "russian": "ru", "german": "de", "french": "fr"}
_LANG_NAMES = i18n.each("language_names")
_LOCATOR_UNITS = {"page": "page", "sheet": "folio", "number": "number"}

# The register of people, places, organisations and agreements (issue 12): the inline
# element of a mention of each kind, and its list and item in standOff.
ENTITY_ELEMENTS = {"person": ("persName", "listPerson", "person", "persName"),
                   "place": ("placeName", "listPlace", "place", "placeName"),
                   "organisation": ("orgName", "listOrg", "org", "orgName"),
                   "agreement": ("name", "listEvent", "event", "label")}

L = i18n.each("tei")


def _q(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _el(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    """A TEI child element; attribute names `xml_id`/`xml_lang` become xml:id/xml:lang."""
    el = etree.SubElement(parent, _q(tag)) if parent is not None else etree.Element(_q(tag), nsmap={None: TEI_NS})
    for name, value in attrs.items():
        if value is None or value == "":
            continue
        key = f"{{{XML_NS}}}{name[4:]}" if name.startswith("xml_") else name
        el.set(key, str(value))
    if text:
        el.text = text
    return el


_TITLE_LEVEL = {"series": "s", "journal": "j", "newspaper": "j", "article": "j"}


def source_bibl(parent, cited, lang: str) -> etree._Element:
    """A source of the edition's own apparatus as a <bibl>: the work's <title>, the entry as
    <title level="a">, the locator as <biblScope>, a newspaper's <date>, the address as <ref>."""
    bibl = _el(parent, "bibl")
    kind = cited.work.kind if cited.work is not None else ""
    for part, value in source_parts(cited, lang):
        if part == "title":
            _el(bibl, "title", value, level=_TITLE_LEVEL.get(kind, "m"))
        elif part == "entry":
            append_text(bibl, "“")
            _el(bibl, "title", value.rstrip(",."), level="a")
            append_text(bibl, value[len(value.rstrip(",.")):] + "”")
        elif part == "author":
            _el(bibl, "author", value)
        elif part == "locator":
            _el(bibl, "biblScope", value)
        elif part == "date":
            _el(bibl, "date", value, when=cited.source.date.iso)
        elif part == "url":
            _el(bibl, "ref", value, target=value)
        else:
            append_text(bibl, value)
    return bibl


class TeiWriter:
    def __init__(self, edition: Edition, lang: str, principles: str = "", register=None, release=None):
        self.ed = edition
        self.release = release   # the changelog's current release (version, date), if any
        self.lang = lang
        self.principles = principles
        # the register of people, places, organisations and agreements (issue 12), if any
        self.register = register if register is not None else getattr(edition, "register", None)
        self.em_ids = ({id(em): ident for _, _, em, ident in emendations_in(edition)}
                       if lang == edition.default_lang else {})
        self.entities_used: dict[str, set[str]] = {}

    # -- inline ------------------------------------------------------------------------
    def inline(self, parent, content, *, in_note: bool = False, chapter: Chapter | None = None) -> None:
        for tok in content:
            if isinstance(tok, Text):
                append_text(parent, tok.text)
            elif isinstance(tok, NoteRef):
                note = chapter.notes[tok.number]
                el = _el(parent, "note", n=tok.number, place="foot", xml_id=f"n{tok.number}")
                self.inline(el, self.marked(note.content, f"n{tok.number}"), in_note=True, chapter=chapter)
            elif isinstance(tok, PageBreak):
                # A page break inside a note repeats a page of the body: no second id.
                _el(parent, "pb", n=tok.page, xml_id=None if in_note else f"page-{tok.page}")
            elif isinstance(tok, Emendation):
                choice = _el(parent, "choice", xml_id=self.em_ids.get(id(tok)))
                _el(choice, "sic", tok.original)
                corr = _el(choice, "corr", tok.corrected, resp="#editors")
                if tok.reason:
                    corr.set("type", re.sub(r"\W+", "-", tok.reason.strip().lower()).strip("-") or "emendation")
            elif isinstance(tok, Emphasis):
                self.inline(_el(parent, "hi", rend="italic"), tok.content, in_note=in_note, chapter=chapter)
            elif isinstance(tok, Citation):
                kind = "archival" if tok.key in self.ed.sources.documents else None
                bibl = _el(parent, "bibl", type=kind, corresp=f"#{tok.key}")
                self.inline(bibl, tok.content, in_note=in_note, chapter=chapter)
                for loc in tok.locators:
                    _el(bibl, "citedRange", unit=_LOCATOR_UNITS[loc.kind], **({"from": loc.start, "to": loc.end}
                                                                               if loc.end else {"n": loc.start}))
            elif isinstance(tok, Mention):
                self.mention(parent, tok, in_note=in_note, chapter=chapter)
            elif isinstance(tok, commentary.Mark):
                _el(parent, "anchor", xml_id=tok.ref_id)

    def marked(self, content, anchor: str):
        """The content with the anchors of the editorial comments on it."""
        return self.ed.commentary.mark(content, self.lang, anchor) if self.ed.commentary else content

    def mention(self, parent, tok: Mention, *, in_note: bool, chapter) -> None:
        """persName/placeName/orgName (name type="agreement") @ref to its entry in standOff."""
        entity = self.register.entities.get(tok.entity) if self.register else None
        if entity is None:   # no register in this edition: the words only
            self.inline(parent, tok.content, in_note=in_note, chapter=chapter)
            return
        element = ENTITY_ELEMENTS[entity.kind][0]
        self.entities_used.setdefault(entity.kind, set()).add(entity.ident)
        el = _el(parent, element, ref=f"#{entity.ident}", type="agreement" if entity.kind == "agreement" else None)
        self.inline(el, tok.content, in_note=in_note, chapter=chapter)

    # -- blocks ------------------------------------------------------------------------
    def chapter(self, container, chapter: Chapter) -> None:
        """Headings open nested divs by level; pb between blocks goes where the next block goes."""
        stack: list[tuple[int, etree._Element]] = [(0, container)]
        pending: list[int] = []

        def flush(target):
            for page in pending:
                _el(target, "pb", n=page, xml_id=f"page-{page}")
            pending.clear()

        for block in chapter.blocks:
            if isinstance(block, PageMarker):
                pending.append(block.page)
            elif isinstance(block, Heading):
                while stack[-1][0] >= block.level:
                    stack.pop()
                div = _el(stack[-1][1], "div", xml_id=block.anchor,
                          xml_lang=block.lang if block.lang and block.lang != self.lang else None)
                flush(div)
                head = _el(div, "head")
                if block.supplied:
                    head = _el(head, "supplied", reason=L[self.lang]["supplied"])
                self.inline(head, block.content, chapter=chapter)
                stack.append((block.level, div))
            elif isinstance(block, Paragraph):
                parent = stack[-1][1]
                flush(parent)
                p = _el(parent, "p", n=block.ident if block.numbered else None, xml_id=block.anchor,
                        xml_lang=block.lang if block.lang and block.lang != self.lang else None)
                self.inline(p, self.marked(block.content, block.anchor), chapter=chapter)
            elif isinstance(block, Directive) and block.name == "contents":
                flush(stack[-1][1])
                _el(stack[-1][1], "divGen", type="toc")
        if pending:
            flush(stack[-1][1])

    # -- header ------------------------------------------------------------------------
    def header(self, tei) -> None:
        pub = self.ed.sources.publication
        lang, labels = self.lang, L[self.lang]
        editors = pub.get("edition", {}).get("editors", {}).get(lang, labels["publisher"])
        h = _el(tei, "teiHeader")
        fd = _el(h, "fileDesc")
        ts = _el(fd, "titleStmt")
        _el(ts, "title", pub.get("title_en", ""), type="main", xml_lang="en")
        _el(ts, "title", labels["edition"], type="sub")
        rs = _el(ts, "respStmt", xml_id="editors")
        _el(rs, "resp", labels["edition"])
        _el(rs, "name", editors)
        if lang != self.ed.default_lang:
            rs = _el(ts, "respStmt", xml_id="translators")
            _el(rs, "resp", labels["translation"])
            _el(rs, "name", editors)
        if self.release is not None:
            es = _el(fd, "editionStmt")
            edition = _el(es, "edition", n=self.release.version)
            edition.text = f"{labels['version']} {self.release.version}, "
            _el(edition, "date", self.release.date.isoformat(), when=self.release.date.isoformat())
        ps = _el(fd, "publicationStmt")
        _el(ps, "publisher", labels["publisher"])
        year = pub.get("edition", {}).get("year")
        if self.release is not None:
            _el(ps, "date", self.release.date.isoformat(), when=self.release.date.isoformat())
        elif year:
            _el(ps, "date", str(year), when=str(year))
        av = _el(ps, "availability")
        licence = pub.get("edition", {}).get("licence", "CC BY 4.0")

        _el(av, "licence", licence_statement(self.ed, lang),
            target="https://creativecommons.org/licenses/by/4.0/" if licence == "CC BY 4.0" else None)
        sd = _el(fd, "sourceDesc")
        bs = _el(sd, "biblStruct", type="article", xml_lang=pub.get("language"))
        an = _el(bs, "analytic")
        _el(an, "title", pub.get("title_en", ""), level="a", xml_lang="en")
        mo = _el(bs, "monogr")
        _el(mo, "title", pub.get("journal", ""), level="j")
        imprint = _el(mo, "imprint")
        for field, unit in (("volume", "volume"), ("issue", "issue"), ("pages", "page")):
            if pub.get(field):
                _el(imprint, "biblScope", str(pub[field]), unit=unit)
        if pub.get("year"):
            _el(imprint, "date", str(pub["year"]), when=str(pub["year"]))
        else:
            _el(imprint, "date", labels["date_unknown"])
        if pub.get("doi"):
            _el(bs, "idno", str(pub["doi"]), type="DOI")
        if pub.get("url"):
            _el(bs, "ptr", target=pub["url"])
        _el(bs, "note", labels["unknown"], type="unknown")
        ed = _el(h, "encodingDesc")
        pd = _el(ed, "projectDesc")
        _el(pd, "p", labels["source_pdf"])
        decl = _el(ed, "editorialDecl")
        paras = _principles(self.principles) or [labels["source_pdf"]]
        for text in paras:
            _el(decl, "p", text)
        _el(decl, "p", labels["pages"])
        prof = _el(h, "profileDesc")
        lu = _el(prof, "langUsage")
        for code in self._languages():
            _el(lu, "language", _LANG_NAMES[lang].get(code, code), ident=code)

    def _languages(self) -> list[str]:
        seen = [self.lang]
        for chapter in self.ed.chapters(self.lang):
            for block in chapter.blocks:
                code = getattr(block, "lang", None)
                if code and code not in seen:
                    seen.append(code)
        for entry in self.ed.sources.bibliography.entries.values():
            code = _LANG_CODES.get(entry.fields.get("langid", ""))
            if code and code not in seen:
                seen.append(code)
        return seen

    # -- back: bibliography and archive register ----------------------------------------
    def bibliography(self, back) -> None:
        div = _el(back, "div", type="bibliography", xml_id="kaynakca")
        _el(div, "head", L[self.lang]["bibliography"])
        lb = _el(div, "listBibl")
        entries = self.ed.sources.bibliography.entries
        for key in sorted(entries):
            self.bibl_struct(lb, key, entries[key])

    def bibl_struct(self, parent, key: str, e) -> None:
        entries = self.ed.sources.bibliography.entries
        f = lambda name, entry=e: str(entry.fields.get(name, "")).replace("{", "").replace("}", "")
        parent_entry = entries.get(e.fields.get("crossref", "")) if e.fields.get("crossref") else None
        newspaper = e.fields.get("entrysubtype") == "newspaper"
        analytic = e.type in ("article", "incollection", "inbook") or parent_entry is not None
        bs = _el(parent, "biblStruct", xml_id=key, type=("newspaper" if newspaper else e.type),
                 xml_lang=_LANG_CODES.get(f("langid")))
        if analytic and (f("title") or e.persons.get("author")):
            an = _el(bs, "analytic")
            self._people(an, e, "author")
            self._title(an, f("title"), f("title_en"), "a")
        mo = _el(bs, "monogr")
        if analytic:
            if parent_entry is not None:
                self._people(mo, parent_entry, "author")
                self._people(mo, parent_entry, "editor")
                self._title(mo, f("title", parent_entry), f("title_en", parent_entry), "m")
            else:
                self._title(mo, f("journaltitle") or f("title"), "", "j")
        else:
            self._people(mo, e, "author")
            self._people(mo, e, "editor")
            self._title(mo, f("title"), f("title_en"), "m")
        source = parent_entry if parent_entry is not None else e
        imprint = _el(mo, "imprint")
        if f("location", source):
            _el(imprint, "pubPlace", f("location", source))
        if f("publisher", source):
            _el(imprint, "publisher", f("publisher", source))
        date = f("date") or f("year") or f("date", source) or f("year", source)
        if date:
            when = date if re.fullmatch(r"\d{4}(-\d{2}){0,2}", date) else None
            _el(imprint, "date", date, when=when)
        for field, unit in (("volume", "volume"), ("number", "issue"), ("pages", "page")):
            value = f(field) or (f(field, source) if field == "volume" else "")
            if value:
                if field == "pages" and "--" in value:
                    start, end = value.split("--", 1)
                    _el(imprint, "biblScope", value.replace("--", "–"), unit=unit, **{"from": start, "to": end})
                else:
                    _el(imprint, "biblScope", value, unit=unit)
        if not len(imprint):
            _el(imprint, "date", L[self.lang]["date_unknown"])
        if f("series", source):
            _el(_el(bs, "series"), "title", f("series", source), level="s")
        if f("note"):
            _el(bs, "note", f("note"))
        if f("emendation"):
            _el(bs, "note", f("emendation"), type="emendation", resp="#editors")

    def _people(self, parent, entry, role: str) -> None:
        tag = "author" if role == "author" else "editor"
        for person in entry.persons.get(role, []):
            last = " ".join(person.prelast_names + person.last_names).replace("{", "").replace("}", "")
            first = " ".join(person.first_names + person.middle_names).replace("{", "").replace("}", "")
            el = _el(parent, tag)
            if last == "others":
                el.text = "et al." if self.lang == "en" else "vd."
                continue
            name = _el(el, "persName")
            _el(name, "surname", last)
            if first:
                append_text(name, ", ")
                _el(name, "forename", first)

    def _title(self, parent, title: str, title_en: str, level: str) -> None:
        if title:
            _el(parent, "title", title, level=level)
        if title_en and title_en != title:
            _el(parent, "title", title_en, level=level, type="translated", xml_lang="en")
        if not title and not title_en:
            _el(parent, "title", level=level)

    def archives(self, back) -> None:
        div = _el(back, "div", type="archives", xml_id="arsivler")
        _el(div, "head", L[self.lang]["archives"])
        lb = _el(div, "listBibl")
        for key in sorted(self.ed.sources.documents):
            self.ms_desc(lb, self.ed.sources.documents[key], LABELS[self.lang], format_date)

    def comments(self, back) -> None:
        """The editorial comments, each pointing at the anchors after its lemmas."""
        placed = self.ed.commentary.comments if self.ed.commentary else []
        if not placed:
            return
        div = _el(back, "div", type="editorial-comments", xml_id="ed-comments")
        _el(div, "head", commentary.STRINGS[self.lang]["heading"])
        for p in placed:
            c = p.comment
            targets = " ".join(f"#{commentary.Mark(c.label, n).ref_id}" for n in range(1, len(c.anchors) + 1))
            note = _el(div, "note", getattr(c.text, self.lang), type="editorial", resp="#editors",
                       n=c.label, xml_id=f"ed-{c.label}", target=targets)
            for source in p.sources:
                source_bibl(note, source, self.lang)

    def ms_desc(self, parent, d: ArchivalDocument, labels, format_date) -> None:
        ms = _el(parent, "msDesc", xml_id=d.key)
        ident = _el(ms, "msIdentifier")
        archive = d.file.archive
        if archive.place.get(self.lang):
            _el(ident, "settlement", archive.place[self.lang])
        repo = _el(ident, "repository", archive.name.get(self.lang, archive.abbr))
        repo.set("n", archive.abbr)
        for name in ("fond", "opis", "delo"):
            if getattr(d.file, name):
                _el(ident, "idno", getattr(d.file, name), type=name)
        if d.file.code:
            _el(ident, "idno", d.file.code, type="yer-bilgisi")
        if d.item:
            _el(ident, "idno", d.item, type="item")
        title = d.title_en if self.lang == "en" and d.title_en else d.title
        if title:
            _el(ms, "head", title)
        contents = _el(ms, "msContents")
        if d.summary.get(self.lang):
            _el(contents, "summary", d.summary[self.lang])
        item = _el(contents, "msItem")
        if d.sheets:
            _el(item, "locus", f"{labels['l']} {d.sheets}")
        if d.author:
            _el(item, "author", d.author)
        if d.recipient:
            _el(item, "note", d.recipient, type="recipient")
        if d.kind.get(self.lang):
            _el(item, "note", d.kind[self.lang], type="kind")
        if not len(item):
            _el(item, "title", title or d.key)
        history = _el(ms, "history")
        origin = _el(history, "origin")
        if d.date:
            _el(origin, "origDate", format_date(d.date, self.lang), when=d.date.isoformat())
        else:
            _el(origin, "origDate", labels["undated"])

    def standoff(self, tei) -> None:
        """The register's entries the text mentions, in listPerson/listPlace/listOrg/listEvent."""
        if not self.register or not self.entities_used:
            return
        so = _el(tei, "standOff")
        for kind, (_, list_tag, item_tag, name_tag) in ENTITY_ELEMENTS.items():
            used = [e for e in self.register.entities.values()
                    if e.kind == kind and e.ident in self.entities_used.get(kind, ())]
            if not used:
                continue
            lst = _el(so, list_tag)
            for entity in used:
                self.entity(lst, entity, item_tag, name_tag)

    def entity(self, parent, entity, item_tag: str, name_tag: str) -> None:
        e = entity.entry
        date = lambda value: value.iso if value is not None else None
        attrs = {}
        if entity.kind == "agreement" and getattr(e, "signed", None) is not None:
            attrs["when"] = date(e.signed)
        item = _el(parent, item_tag, xml_id=entity.ident, **attrs)
        ids = [(e.authority, "URI"), (f"https://www.wikidata.org/wiki/{e.wikidata}" if e.wikidata else None, "wikidata")]
        if entity.kind == "agreement":   # event: idno first, then its labels
            for value, kind in ids:
                if value:
                    _el(item, "idno", value, type=kind)
        names = entity.name
        order = [self.lang] + [x for x in ("tr", "en", "ru") if x != self.lang]
        for code in order:
            if names.get(code):
                _el(item, name_tag, names[code], xml_lang=code)
        if getattr(e, "translit", None):
            _el(item, name_tag, e.translit, type="transliterated", xml_lang="ru-Latn")
        if entity.kind == "person":
            if getattr(e, "born", None) is not None:
                _el(item, "birth", when=date(e.born))
            if getattr(e, "died", None) is not None:
                _el(item, "death", when=date(e.died))
        if entity.kind == "place" and getattr(e, "coords", None):
            _el(_el(item, "location"), "geo", f"{e.coords[0]} {e.coords[1]}")
        if entity.kind != "agreement":
            for value, kind in ids:
                if value:
                    _el(item, "idno", value, type=kind)
        role = getattr(e.role, self.lang, None)
        if role:
            _el(item, "note", role, type="role")

    # -- the document ------------------------------------------------------------------
    def document(self) -> etree._Element:
        tei = _el(None, "TEI", xml_lang=self.lang)
        self.header(tei)
        text = _el(tei, "text")
        front, body, back = _el(text, "front"), _el(text, "body"), _el(text, "back")
        for chapter, name in zip(self.ed.chapters(self.lang), self.ed.chapter_names):
            target = front if name == FRONT else back if name == BACK else body
            self.chapter(target, chapter)
        self.bibliography(back)
        self.archives(back)
        self.comments(back)
        # standOff follows teiHeader and precedes text in the TEI content model
        self.standoff(tei)
        so = tei.find(_q("standOff"))
        if so is not None:
            tei.remove(so)
            tei.insert(1, so)
        _indent(tei)
        return tei


_MIXED = {"p", "head", "note", "bibl", "ref", "hi", "sic", "corr", "supplied", "title", "persName", "resp", "name",
          "publisher", "licence", "summary", "edition", "language", "surname", "forename", "author", "editor", "date",
          "biblScope", "pubPlace", "settlement", "repository", "idno", "origDate", "locus", "placeName", "orgName",
          "label", "geo", "birth", "death"}


def _indent(el, level: int = 0) -> None:
    """Indent the structure, never mixed content (whitespace there would change the text)."""
    if etree.QName(el).localname in _MIXED or not len(el):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        _indent(child, level + 1)
        child.tail = pad
    el[-1].tail = "\n" + "  " * level


def _principles(markdown_text: str) -> list[str]:
    """The editorial principles page as plain paragraphs (links, emphasis and code marks dropped)."""
    body, _ = split_front_matter(markdown_text) if markdown_text else ("", 0)
    out = []
    for line in body.split("\n"):
        line = line.strip()
        if not line or line.startswith("#") or re.fullmatch(r"\{[a-z]+\}", line):
            continue
        line = re.sub(r"^[-*]\s+", "", line)
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"[`*]", "", line)
        out.append(line)
    return out


def tei_bytes(edition: Edition, lang: str, docs_dir: Path | None = None, register=None, release=None) -> bytes:
    principles = ""
    if docs_dir is not None:
        source = Path(docs_dir) / chapter_path("ilkeler.md", lang, edition.default_lang)
        if source.exists():
            principles = read_text(source, f"docs/{source.name}")
    root = TeiWriter(edition, lang, principles, register, release).document()
    model = ('<?xml-model href="http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" '
             'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n')
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + model.encode() + body + b"\n"


def write_tei(edition: Edition, out_dir: Path, docs_dir: Path | None = None, register=None,
              release=None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for lang in edition.languages:
        path = out_dir / FILE_NAME.format(lang=lang)
        path.write_bytes(tei_bytes(edition, lang, docs_dir, register, release))
        paths.append(path)
    return paths


def note_numbers(root) -> list[int]:
    return [int(n.get("n")) for n in root.iter(_q("note")) if n.get("place") == "foot"]


__all__ = ["TeiWriter", "tei_bytes", "write_tei", "FILE_NAME", "TEI_VERSION", "ENTITY_ELEMENTS", "iter_tokens"]
