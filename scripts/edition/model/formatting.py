"""Format references per language.

Works are formatted from BibTeX by `ChicagoStyle`, a pybtex style after the
Chicago Manual of Style (17th ed.), notes-bibliography system, bibliography
entries; labels are Turkish or English. Output is pybtex rich text, so every
string from BibTeX is HTML-escaped when rendered.
"""
from __future__ import annotations

import re
from urllib.parse import unquote

from pybtex.backends.html import Backend as _HtmlBackend
from pybtex.backends.plaintext import Backend as _TextBackend
from pybtex.database import BibliographyData, Entry, Person
from pybtex.richtext import Tag, Text
from pybtex.style.formatting import BaseStyle
from pybtex.style.labels.number import LabelStyle as NumberLabels
from pybtex.style.names.plain import NameStyle as PlainNames
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitle

from edition.core import escaping
from edition.core.dates import format_date
from edition.core.document import ArchivalDocument, ArchivalFile, Locator
from edition.core import i18n

# Backends are stateless; made once (pybtex's plugin look-up is slow).
HTML_BACKEND = _HtmlBackend()
TEXT_BACKEND = _TextBackend()

LABELS = i18n.each("citation")


def format_locators(locators: tuple[Locator, ...], lang: str) -> str:
    labels = LABELS[lang]
    out = []
    for loc in locators:
        if loc.kind == "page":
            out.append(f"{labels['pp' if loc.end else 'p']} {loc.start}{'–' + loc.end if loc.end else ''}")
        elif loc.kind == "sheet":
            out.append(f"{labels['ll' if loc.end else 'l']} {loc.start}{'–' + loc.end if loc.end else ''}")
        else:
            out.append(f"{labels['number']} {loc.start}")
    return ", ".join(out)


def _person(p: Person, inverted: bool) -> str:
    first = " ".join(p.first_names + p.middle_names)
    last = " ".join(p.prelast_names + p.last_names)
    if inverted and first:
        return f"{last}, {first}"
    return f"{first} {last}".strip()


def format_people(persons: list[Person], lang: str, invert_first: bool = True) -> str:
    etal = " vd." if lang == "tr" else " et al."
    if persons and str(persons[-1]) == "others":  # BibTeX "and others"
        return format_people(persons[:-1], lang, invert_first) + etal
    names = [_person(p, invert_first and i == 0) for i, p in enumerate(persons)]
    if len(names) > 3:
        names = names[:3]
        return ", ".join(names) + (" vd." if lang == "tr" else " et al.")
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]}{',' if invert_first else ''} {LABELS[lang]['and']} {names[1]}"
    return ", ".join(names[:-1]) + f", {LABELS[lang]['and']} {names[-1]}"


def _pages(value: str) -> str:
    return value.replace("--", "–")


class ChicagoStyle(BaseStyle):
    """Chicago notes-bibliography, bibliography form, with Turkish or English labels."""

    # the plugin classes themselves: pybtex looks a name up in the package metadata (~10 ms each)
    default_sorting_style = AuthorYearTitle
    default_label_style = NumberLabels
    default_name_style = PlainNames

    def __init__(self, lang: str = "tr", bib_data: BibliographyData | None = None, **kwargs):
        super().__init__(**kwargs)
        self.lang = lang
        self.labels = LABELS[lang]
        self.bib_data = bib_data

    # -- helpers -------------------------------------------------------------
    def _f(self, entry: Entry, name: str) -> str:
        value = entry.fields.get(name, "")
        if not value and entry.fields.get("crossref") and self.bib_data:
            parent = self.bib_data.entries.get(entry.fields["crossref"])
            if parent is not None and name not in ("title", "title_en", "pages", "subtitle"):
                value = parent.fields.get(name, "")
        return str(value).replace("{", "").replace("}", "")

    def _contributors(self, entry: Entry) -> list:
        """Lead: authors, else editors with 'ed.'"""
        if "author" in entry.persons:
            return [format_people(entry.persons["author"], self.lang)]
        if "editor" in entry.persons:
            eds = entry.persons["editor"]
            label = self.labels["eds"] if len(eds) > 1 else self.labels["ed"]
            return [f"{format_people(eds, self.lang)}, {label}"]
        return []

    def _pub(self, entry: Entry) -> str:
        place, publisher = self._f(entry, "location"), self._f(entry, "publisher")
        year = format_date(self._f(entry, "date") or self._f(entry, "year"), self.lang)
        head = ": ".join(x for x in (place, publisher) if x)
        return ", ".join(x for x in (head, year) if x)

    def _sentence(self, *parts) -> Text:
        parts = [p for p in parts if p]
        out = Text()
        for i, p in enumerate(parts):
            if i:
                out += Text(" ")
            out += p if isinstance(p, (Text, Tag)) else Text(p)
            plain = str(p).rstrip()
            if not plain.endswith((".", "?", "!", ".”", "?”", "!”")):
                out += Text(".")
        return out

    def _translation(self, e: Entry) -> str:
        """On English pages a non-English title is followed by its rendering in brackets."""
        return self._f(e, "title_en") if self.lang == "en" else ""

    def _title_quoted(self, title: str, translation: str = "") -> str:
        """Chicago puts the full stop inside the closing quotation mark (or after the bracket)."""
        if not title:
            return ""
        if translation:
            return f"“{title}” [{translation}]."
        return f"“{title}”" if title.endswith((".", "?", "!")) else f"“{title}.”"

    # -- entry types -----------------------------------------------------------
    def format_book(self, context) -> Text:
        e = context["entry"]
        lead = self._contributors(e)
        title = Text(Tag("em", self._f(e, "title")))
        if self._translation(e):
            title += Text(f" [{self._translation(e)}]")
        extra = []
        if "author" in e.persons and "editor" in e.persons:
            extra.append(f"{self.labels['edited_by'].capitalize()} {format_people(e.persons['editor'], self.lang, False)}")
        if "translator" in e.persons:
            extra.append(f"{self.labels['trans'].capitalize()} {format_people(e.persons['translator'], self.lang, False)}")
        if self._f(e, "volume"):
            extra.append(f"{self.labels['vol']} {self._f(e, 'volume')}")
        series = self._f(e, "series")
        return self._sentence(*lead, title, *extra, series, self._pub(e))

    format_collection = format_book

    def format_incollection(self, context) -> Text:
        e = context["entry"]
        parent = self.bib_data.entries.get(e.fields.get("crossref", "")) if self.bib_data else None
        lead = self._contributors(e)
        container = parent.fields.get("title", "") if parent is not None else self._f(e, "booktitle")
        container = str(container).replace("{", "").replace("}", "")
        in_part = Text()
        if self.lang == "tr":
            in_part += Tag("em", container) + Text(f" {self.labels['in']}")
        else:
            in_part += Text(f"{self.labels['in']} ") + Tag("em", container)
            if parent is not None and parent.fields.get("title_en"):
                in_part += Text(f" [{parent.fields['title_en']}]")
        src = parent if parent is not None else e
        if "editor" in src.persons:
            in_part += Text(f", {self.labels['edited_by'] if self.lang == 'en' else 'ed.'} "
                            f"{format_people(src.persons['editor'], self.lang, False)}")
        vol = self._f(e, "volume")
        if vol:  # mid-sentence: "vol. 6"
            in_part += Text(f", {self.labels['vol'].lower() if self.lang == 'en' else self.labels['vol']} {vol}")
        if self._f(e, "pages"):
            in_part += Text(f", {self.labels['pp']} {_pages(self._f(e, 'pages'))}")
        return self._sentence(*lead, self._title_quoted(self._f(e, "title"), self._translation(e)), in_part, self._pub(e))

    format_inbook = format_incollection

    def format_article(self, context) -> Text:
        e = context["entry"]
        if self._f(e, "entrysubtype") == "newspaper":
            return self.format_newspaper(e)
        lead = self._contributors(e)
        journal = Tag("em", self._f(e, "journaltitle") or self._f(e, "journal"))
        tail = Text(journal)
        vol, num = self._f(e, "volume"), self._f(e, "number")
        if vol:
            tail += Text(f" {vol}")
        if num:
            tail += Text(f"{',' if vol else ''} {self.labels['no']} {num}")
        date = format_date(self._f(e, "date") or self._f(e, "year"), self.lang)
        if date:
            tail += Text(f" ({date})")
        if self._f(e, "pages"):
            tail += Text(f": {_pages(self._f(e, 'pages'))}")
        return self._sentence(*lead, self._title_quoted(self._f(e, "title"), self._translation(e)), tail)

    def format_newspaper(self, e: Entry) -> Text:
        paper = Tag("em", self._f(e, "journaltitle"))
        date = format_date(self._f(e, "date"), self.lang)
        tail = Text(paper) + Text(f", {date}" if date else "")
        if self._f(e, "pages"):
            tail += Text(f", {self.labels['p']} {_pages(self._f(e, 'pages'))}")
        return self._sentence(self._title_quoted(self._f(e, "title"), self._translation(e)), tail)

    def _thesis(self, e: Entry, kind: str) -> Text:
        lead = self._contributors(e)
        where = ", ".join(x for x in (self.labels[kind], self._f(e, "institution") or self._f(e, "school"),
                                      self._f(e, "location"),
                                      format_date(self._f(e, "date") or self._f(e, "year"), self.lang)) if x)
        return self._sentence(*lead, self._title_quoted(self._f(e, "title"), self._translation(e)), where)

    def format_phdthesis(self, context) -> Text:
        return self._thesis(context["entry"], "phdthesis")

    def format_mastersthesis(self, context) -> Text:
        return self._thesis(context["entry"], "mastersthesis")

    def format_thesis(self, context) -> Text:
        e = context["entry"]
        kind = "phdthesis" if "phd" in self._f(e, "type").lower() else "mastersthesis"
        return self._thesis(e, kind)

    def format_misc(self, context) -> Text:
        e = context["entry"]
        return self._sentence(*self._contributors(e), self._title_quoted(self._f(e, "title"), self._translation(e)), self._pub(e))


class References:
    """Formatted works of one bibliography, each formatted once per language.

    pybtex looks its plugins up through package metadata, which is slow; so the
    styles and backends are made once here and the results kept (per build: an
    Edition owns its References)."""

    def __init__(self, bib: BibliographyData):
        self.bib = bib
        self._styles = {lang: ChicagoStyle(lang, bib) for lang in LABELS}
        self._cache: dict[tuple[str, str, str], str] = {}

    def _text(self, key: str, lang: str):
        return self._styles[lang].format_entry(key, self.bib.entries[key], bib_data=self.bib).text

    def html(self, key: str, lang: str) -> str:
        """One entry, formatted and HTML-escaped."""
        k = ("html", key, lang)
        if k not in self._cache:
            self._cache[k] = self._text(key, lang).render(HTML_BACKEND)
        return self._cache[k]

    def text(self, key: str, lang: str) -> str:
        k = ("text", key, lang)
        if k not in self._cache:
            self._cache[k] = self._text(key, lang).render(TEXT_BACKEND)
        return self._cache[k]


def entry_html(bib: BibliographyData, key: str, lang: str) -> str:
    """One entry, formatted and escaped (for a one-off use; pages use References)."""
    return References(bib).html(key, lang)


# --- archives ---------------------------------------------------------------------

def file_signature(f: ArchivalFile, lang: str) -> str:
    """`AVPRF, f. 4, op. 39, d. 53297` or `DİB Arşivi, Yer Bilgisi 218-472`."""
    labels = LABELS[lang]
    if f.code:
        return f"{f.archive.abbr}, {labels['code']} {f.code}"
    parts = [f.archive.abbr]
    for name in ("fond", "opis", "delo"):
        value = getattr(f, name)
        if value:
            parts.append(f"{labels[name]} {value}")
    return ", ".join(parts)


def document_signature(d: ArchivalDocument, lang: str) -> str:
    sig = file_signature(d.file, lang)
    if d.item:
        sig = f"{sig}-{d.item}" if d.file.code else f"{sig}, {d.item}"
    if d.sheets:
        sig += f", {LABELS[lang]['l']} {d.sheets}"
    return sig


def document_date(d: ArchivalDocument, lang: str) -> str:
    if d.date:
        return format_date(d.date, lang)
    return LABELS[lang]["undated"]


def document_title(d: ArchivalDocument, lang: str) -> str:
    if lang == "en" and d.title_en:
        return d.title_en
    if d.title:
        return d.title
    kind = d.kind.get(lang, "")
    who = " → ".join(x for x in (d.author, d.recipient) if x)
    return ", ".join(x for x in (kind, who) if x)


def document_html(d: ArchivalDocument, lang: str) -> str:
    """A one-line reference to an archival document, escaped."""
    kind = d.kind.get(lang, "")
    parts = [escaping.attr(document_signature(d, lang)), escaping.attr(document_title(d, lang))]
    tail = ", ".join(x for x in (kind if d.title else "", document_date(d, lang)) if x)
    return ": ".join(parts[:1] + [", ".join(x for x in (parts[1], escaping.attr(tail)) if x)]) + "."


# --- the edition's own sources (issue 23) ------------------------------------------------------
#
# A source of the register, the chronology, the termbase or a comment (references.Source) with its
# work (references.Work), as a Chicago note (17th ed., 14.232-14.234 for reference works: "s.v."),
# with Turkish conventions on Turkish pages ("md." after the entry, "içinde", "C.", "s.").
# `source_parts` gives typed pieces; `source_html`, `source_text` and tei.py write them.

_SOURCE_LABELS = i18n.each("source")
_EDITION_WORDS = {
    "online": ("çevrimiçi sürüm", "online ed."), "English": ("İngilizce sürüm", "English ed."),
    "Turkish": ("Türkçe sürüm", "Turkish ed."), "Russian": ("Rusça sürüm", "Russian ed."),
    "German": ("Almanca sürüm", "German ed."), "French": ("Fransızca sürüm", "French ed."),
    "Polish": ("Lehçe sürüm", "Polish ed."), "Danish": ("Danca sürüm", "Danish ed."),
}
_TR_LOCATOR = (("vols.", "C."), ("vol.", "C."), ("pp.", "s."), ("p.", "s."), ("cols.", "sütun"), ("col.", "sütun"),
               ("docs.", "belge"), ("doc.", "belge"), ("no.", "nr."), ("nos.", "nr."), ("nn.", "dn."),
               ("n.", "dn."), ("art.", "md."), ("title page", "iç kapak"))
_TR_LOCATOR_RE = re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a, _ in _TR_LOCATOR) + r")(?=\s|$)")


def _edition_label(value: str, lang: str) -> str:
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)\s+ed\.?", value.strip())
    if m:
        return f"{m.group(1)}. bs." if lang == "tr" else value
    if value in _EDITION_WORDS:
        return _EDITION_WORDS[value][0 if lang == "tr" else 1]
    return value


def _locator(value: str, lang: str) -> str:
    if lang != "tr":
        return value
    table = dict(_TR_LOCATOR)
    return _TR_LOCATOR_RE.sub(lambda m: table[m.group(1)], value)


def _names(names: list[str], lang: str) -> str:
    word = _SOURCE_LABELS[lang]["and"]
    if len(names) <= 2:
        return f" {word} ".join(names)
    return ", ".join(names[:-1]) + f", {word} {names[-1]}"


def _imprint(work) -> str:
    head = ": ".join(x for x in (work.place, work.publisher) if x)
    return ", ".join(x for x in (head, str(work.year or "").replace("-", "–")) if x)


def source_parts(cited, lang: str) -> list[tuple[str, str]]:
    """A source as typed pieces: ("text"|"title"|"entry"|"author"|"locator"|"date"|"url", value).
    Connecting punctuation is in "text" pieces; an "entry" is quoted by the writer."""
    src, work = cited.source, cited.work
    if work is None:   # a work the loader did not know (it refuses those): the address alone
        return [("url", cited.url)]
    lab = _SOURCE_LABELS[lang]
    kind = work.kind
    segs: list[list[tuple[str, str]]] = []   # joined by ", "
    edition = [("text", _edition_label(str(work.edition), lang))] if work.edition else []
    imprint = _imprint(work) if kind in ("book", "chapter") or (work.year and kind in (
        "encyclopedia", "dictionary", "collection")) else ""
    # a quotation inside a quoted entry takes single quotation marks (Chicago 6.11)
    entry = src.entry.replace("“", "‘").replace("”", "’") if src.entry else src.entry
    authors = work.people("author")
    if kind in ("encyclopedia", "dictionary"):
        title = [("title", work.title)]
        if edition:
            title += [("text", ", ")] + edition
        if imprint:
            title += [("text", f" ({imprint})")]
        entry_seg = [("text", lab["sv"]), ("entry", entry), ("text", lab["md"])] if entry else []
        segs += [entry_seg, title] if lang == "tr" else [title, entry_seg]
    elif kind in ("database", "website"):
        segs += [[("title", work.title)], [("entry", entry)] if entry else []]
    elif kind in ("series", "newspaper"):
        segs += [[("entry", entry)] if entry else [], [("title", work.title)], edition]
        if src.date:
            segs.append([("date", format_date(src.date.iso, lang))])
    elif kind == "collection":
        title = [("title", work.title)]
        title = title + [("text", f" {lab['in']}")] if lang == "tr" else [("text", f"{lab['in']} ")] + title
        if imprint:
            title += [("text", f" ({imprint})")]
        segs += [[("entry", entry)] if entry else [], title if entry else [("title", work.title)], edition]
    elif kind in ("book", "chapter"):
        if authors:
            segs.append([("author", _names(authors, lang))])
        if kind == "chapter":
            book = [("title", work.in_ or "")]
            book = book + [("text", f" {lab['in']}")] if lang == "tr" else [("text", f"{lab['in']} ")] + book
            segs += [[("entry", work.title)], book]
        else:
            segs.append([("title", work.title)])
        segs.append(edition)
        editors = work.people("editor")
        tail = [("text", f"{lab['ed']} {_names(editors, lang)}")] if editors else []
        if imprint:
            tail += [("text", f" ({imprint})" if tail else f"({imprint})")]
        if tail and not editors and segs and segs[-1] == []:
            segs.pop()
        if tail:
            if editors:
                segs.append(tail)
            else:   # "*Title* (Place: Publisher, Year)": no comma before the imprint
                last = next(s for s in reversed(segs) if s)
                last += [("text", " ")] + tail
        if entry:
            segs.append([("entry", entry)])
    elif kind == "article":
        if authors:
            segs.append([("author", _names(authors, lang))])
        segs.append([("entry", work.title)])
        journal = [("title", work.journal or "")]
        if work.volume:
            journal += [("text", f" {work.volume}")]
        if work.year:
            journal += [("text", f" ({work.year})")]
        if work.pages and not src.locator:
            journal += [("text", f": {str(work.pages).replace('--', '–')}")]
        segs.append(journal)
        if entry:
            segs.append([("entry", entry)])
    if src.locator:
        segs.append([("locator", _locator(src.locator, lang))])
    link = src.url or (f"https://doi.org/{work.doi}" if work.doi else "")
    if link:
        segs.append([("url", link)])
    out: list[tuple[str, str]] = []
    for seg in (s for s in segs if s):
        if out:
            out.append(("text", ", "))
        out += seg
    return _merge_text(out + [("text", ".")], lang)


def _merge_text(parts: list[tuple[str, str]], lang: str) -> list[tuple[str, str]]:
    """Adjacent text pieces joined, no doubled full stop; in English the comma or full stop after a
    quoted entry goes inside the quotation marks (“Entry,”), as Chicago has it."""
    out: list[tuple[str, str]] = []
    for kind, value in parts:
        if kind == "text" and out and out[-1][0] == "text":
            joined = out[-1][1] + value
            out[-1] = ("text", joined[:-1] if joined.endswith("..") else joined)
        elif value:
            out.append((kind, value))
    if len(out) > 1 and out[-1] == ("text", ".") and out[-2][0] != "url" and out[-2][1].endswith((".", "?", "!")):
        out.pop()
    if lang == "en":
        for i in range(len(out) - 1):
            if out[i][0] == "entry" and out[i + 1][0] == "text" and out[i + 1][1][:1] in (",", "."):
                mark = "" if out[i][1].endswith((".", "?", "!")) else out[i + 1][1][0]
                out[i] = ("entry", out[i][1] + mark)
                out[i + 1] = ("text", out[i + 1][1][1:])
    return [(k, v) for k, v in out if v]


def _display_url(address: str) -> str:
    """An address as a reader reads it: percent-escapes decoded (the link keeps them)."""
    return unquote(address)


def source_text(cited, lang: str) -> str:
    """A source as plain text (downloads, drawings' tooltips)."""
    return "".join(f"“{v}”" if k == "entry" else (_display_url(v) if k == "url" else v)
                   for k, v in source_parts(cited, lang))


def source_html(cited, lang: str) -> str:
    """A source as HTML: titles in <em>, the address a link; every piece escaped."""
    out = []
    for kind, value in source_parts(cited, lang):
        if kind == "title":
            out.append(f"<em>{escaping.text(value)}</em>")
        elif kind == "entry":
            out.append(f"“{escaping.text(value)}”")
        elif kind == "url":
            out.append(f'<a href="{escaping.url(value)}">{escaping.text(_display_url(value))}</a>')
        else:
            out.append(escaping.text(value))
    return "".join(out)
