"""The bibliography as reference managers read it: classic BibTeX, biblatex, RIS
(2011 specification) and CSL-JSON, written from one shared record per entry.

`record()` does what every format shares, once: crossref children completed from
their parent, "and others" turned into an et-al flag (never a person), the item's
own language, the translated title, and for Russian works the Library of Congress
romanisation (fields `*_lc` of the .bib source) in the fields managers match on —
author, editor, title, container — with the article's own form and any Cyrillic
form (fields `*_ru`, each with the address that confirms it) kept in the note.
Each writer below is then only a mapping of that record onto its format.

Where each format carries a translated title (handbook/formats.md):
`note` ("English title: …") in BibTeX, biblatex and CSL-JSON (the title stays in the item's
language; biblatex's `titleaddon` and `usera` were tried and are dropped by Citation.js and
biblatex-csl-converter); RIS `TT` (2011 specification) and the same note in `N1`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from pybtex.database import BibliographyData, Entry, Person

LANG_CODES = {"turkish": "tr", "english": "en", "russian": "ru", "german": "de", "french": "fr"}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
NO_DATE = "n.d."
UNKNOWN_NAME = "[s.n.]"   # sine nomine: the cataloguer's mark for a name the source does not give


@dataclass(frozen=True)
class Name:
    family: str
    given: str = ""

    def inverted(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass
class Record:
    key: str
    kind: str                       # article, newspaper, book, collection, incollection, phdthesis, mastersthesis
    title: str                      # the form managers match on (LC romanisation for Russian works); braces kept
    langid: str                     # the language the title is written in (biblatex langid)
    language: str                   # the item's own language, ISO 639-1
    authors: list[Name] = field(default_factory=list)
    editors: list[Name] = field(default_factory=list)
    authors_et_al: bool = False
    editors_et_al: bool = False
    title_en: str = ""
    container: str = ""             # journal, newspaper or the book a part is in
    container_en: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    series: str = ""
    publisher: str = ""
    place: str = ""
    date: tuple[int, ...] = ()
    crossref: str = ""
    as_given: str = ""              # the article's own form, where the match fields differ from it
    cyrillic: str = ""              # confirmed Cyrillic form, with its source address
    source_note: str = ""
    emendation: str = ""
    keywords: str = ""

    @property
    def year(self) -> str:
        return str(self.date[0]) if self.date else ""

    def notes(self, translated_title: bool = True) -> list[str]:
        """Everything a manager shows in its note field, in a fixed order."""
        out = []
        if translated_title and self.title_en:
            out.append(f"English title: {plain(self.title_en)}")
        if self.as_given:
            out.append(f"As cited in the article: {self.as_given}")
        if self.cyrillic:
            out.append(f"Cyrillic: {self.cyrillic}")
        if self.authors_et_al or self.editors_et_al:
            out.append("Further " + ("authors" if self.authors_et_al else "editors") + " not named in the source (et al.)")
        if not self.date:
            out.append("No date given in the source")
        if self.source_note:
            out.append(plain(self.source_note))
        if self.emendation:
            out.append("Emended: " + plain(self.emendation))
        return out


def plain(value: str) -> str:
    """A field's text without BibTeX's protective braces."""
    return str(value).replace("{", "").replace("}", "")


def _names(entry: Entry | None, role: str, lc: str) -> tuple[list[Name], bool]:
    if entry is None:
        return [], False
    if entry.fields.get(lc):
        people = [Person(p) for p in re.split(r"\s+and\s+", entry.fields[lc])]
    else:
        people = entry.persons.get(role, [])
    out, et_al = [], False
    for p in people:
        family = plain(" ".join(p.prelast_names + p.last_names))
        if family == "others" and not p.first_names:
            et_al = True
            continue
        out.append(Name(family, plain(" ".join(p.first_names + p.middle_names))))
    return out, et_al


def _given_names(entry: Entry, role: str) -> str:
    people = [" ".join(p.prelast_names + p.last_names) + (", " + " ".join(p.first_names + p.middle_names)
                                                          if p.first_names else "")
              for p in entry.persons.get(role, [])]
    return "; ".join(plain(p) for p in people if p != "others")


def _date(value: str) -> tuple[int, ...]:
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    return tuple(int(x) for x in m.groups() if x) if m else ()


def record(bib: BibliographyData, key: str) -> Record:
    e = bib.entries[key]
    parent = bib.entries.get(e.fields.get("crossref", ""))
    own = lambda name, default="": e.fields.get(name, default)
    inherited = lambda name: own(name) or (parent.fields.get(name, "") if parent is not None else "")
    newspaper = own("entrysubtype") == "newspaper"
    kind = "newspaper" if newspaper else e.type.lower()
    authors, a_et_al = _names(e, "author", "author_lc")
    editors, e_et_al = _names(e, "editor", "editor_lc")
    if not editors and parent is not None:
        editors, e_et_al = _names(parent, "editor", "editor_lc")
    langid = own("langid") or "english"
    # The item's own language: biblatex `language` where the title given is a translation, else the title's.
    language = LANG_CODES.get(own("language") or langid, "en")
    title = own("title_lc") or own("title") or own("journaltitle")
    container = ""
    container_en = ""
    if kind in ("article", "newspaper"):
        container = own("journaltitle_lc") or own("journaltitle")
    elif parent is not None:
        container = parent.fields.get("title_lc") or parent.fields.get("title", "")
        container_en = parent.fields.get("title_en", "")
    as_given = []
    for role, lc in (("author", "author_lc"), ("editor", "editor_lc")):
        if own(lc):
            as_given.append(_given_names(e, role))
    if own("title_lc"):
        as_given.append(plain(own("title")))
    if own("journaltitle_lc"):
        as_given.append(plain(own("journaltitle")))
    if parent is not None and parent.fields.get("title_lc"):
        as_given.append("in " + plain(parent.fields["title"]))
    cyrillic = ""
    if own("title_ru") or own("author_ru"):
        cyrillic = "; ".join(x for x in (own("author_ru"), own("title_ru")) if x) + f" (source: {own('ru_source')})"
    return Record(
        key=key, kind=kind, title=title, langid=langid, language=language,
        authors=authors, editors=editors, authors_et_al=a_et_al, editors_et_al=e_et_al,
        title_en=own("title_en"), container=container, container_en=container_en,
        volume=inherited("volume"), number=own("number"), pages=own("pages"), series=inherited("series"),
        publisher=inherited("publisher"), place=inherited("location"), date=_date(inherited("date") or inherited("year")),
        crossref=own("crossref"), as_given="; ".join(as_given), cyrillic=cyrillic,
        source_note=own("note"), emendation=own("emendation"),
        keywords=",".join(x for x in (own("keywords"), parent.fields.get("keywords", "") if parent is not None else "") if x))


def records(bib: BibliographyData) -> list[Record]:
    return [record(bib, key) for key in sorted(bib.entries)]


# --- BibTeX and biblatex --------------------------------------------------------------

_TEX_SPECIAL = re.compile(r"(?<!\\)([&%$#_])")


def _tex(value: str) -> str:
    return _TEX_SPECIAL.sub(r"\\\1", str(value))


def _title_tex(r: Record, title: str) -> str:
    """English titles keep the source's braces round proper nouns; a title in another
    language is protected whole: English case rules must not touch it."""
    return _tex(title) if r.langid == "english" else "{" + _tex(plain(title)) + "}"


def _people_tex(names: list[Name], et_al: bool) -> str:
    """BibTeX's "and others" is left out: Citation.js and CSL converters read it as a person
    named "others"; the note says "et al." instead."""
    return " and ".join(_tex(n.inverted()) for n in names)


def _entry_tex(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    body = ",\n".join(f"  {name:<12} = {value}" for name, value in fields if value)
    return f"@{kind}{{{key},\n{body},\n}}\n"


def _ordered(recs: list[Record]) -> list[Record]:
    """Crossref parents after their children, as BibTeX requires."""
    parents = {r.crossref for r in recs if r.crossref}
    return [r for r in recs if r.key not in parents] + [r for r in recs if r.key in parents]


_BIBTEX_TYPES = {"article": "article", "newspaper": "article", "book": "book", "collection": "book",
                 "incollection": "incollection", "phdthesis": "phdthesis", "mastersthesis": "mastersthesis"}


def _names_and_titles(r, journal_field: str) -> list[tuple[str, str]]:
    """The fields both BibTeX dialects share: authors, editors, title, and the journal (under the
    dialect's `journal_field`) or the book an @incollection stands in."""
    fields = [("author", "{" + _people_tex(r.authors, r.authors_et_al) + "}" if r.authors else ""),
              ("editor", "{" + _people_tex(r.editors, r.editors_et_al) + "}" if r.editors else ""),
              ("title", "{" + _title_tex(r, r.title) + "}")]
    if r.kind in ("article", "newspaper"):
        fields.append((journal_field, "{" + _tex(r.container) + "}" if r.container else ""))
    elif r.kind == "incollection":
        fields.append(("booktitle", "{" + _title_tex(r, r.container) + "}"))
    return fields


def bibtex(recs: list[Record]) -> str:
    """Classic BibTeX: standard entry types and fields only (journal, year, month, address,
    booktitle, school); children of a crossref carry every field themselves."""
    out = ["% The edition's bibliography in classic BibTeX (every BibTeX tool reads it).\n"
           "% A biblatex version with the same entries: kaynakca.biblatex.bib.\n"]
    for r in _ordered(recs):
        braced = lambda v: "{" + _tex(v) + "}" if v else ""
        month = MONTHS[r.date[1] - 1] if len(r.date) > 1 else ""
        fields = _names_and_titles(r, "journal")
        if r.kind in ("phdthesis", "mastersthesis"):
            fields.append(("school", braced(UNKNOWN_NAME)))
        if r.kind in ("book", "collection"):
            fields.append(("publisher", braced(r.publisher or UNKNOWN_NAME)))
        fields += [("volume", braced(r.volume)), ("number", braced(r.number)), ("pages", braced(r.pages)),
                   ("series", braced(r.series)),
                   ("publisher", braced(r.publisher) if r.kind not in ("book", "collection") else ""),
                   ("address", braced(r.place)),
                   ("year", braced(r.year or NO_DATE)), ("month", month),
                   ("crossref", braced(r.crossref)), ("language", braced(_language_name(r.language))),
                   ("note", braced(". ".join(([f"Issue of {_iso(r.date)}"] if r.kind == "newspaper" and len(r.date) == 3
                                              else []) + r.notes())))]   # classic BibTeX has no day
        out.append(_entry_tex(_BIBTEX_TYPES[r.kind], r.key, fields))
    return "\n".join(out)


def _iso(date: tuple[int, ...]) -> str:
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date))


def _language_name(code: str) -> str:
    return {v: k for k, v in LANG_CODES.items()}.get(code, "")


_BIBLATEX_TYPES = {"article": "article", "newspaper": "article", "book": "book", "collection": "collection",
                   "incollection": "incollection", "phdthesis": "thesis", "mastersthesis": "thesis"}


def biblatex(recs: list[Record]) -> str:
    """biblatex (for biber): journaltitle, date, location, @collection, @thesis with a type,
    langid; children of a crossref complete here too (biblatex inherits a @book's title
    into nothing for an @incollection)."""
    out = ["% The edition's bibliography for biblatex/biber (not for classic BibTeX: see kaynakca.bib).\n"]
    for r in _ordered(recs):
        braced = lambda v: "{" + _tex(v) + "}" if v else ""
        date = _iso(r.date)
        fields = _names_and_titles(r, "journaltitle")
        fields += [("entrysubtype", "{newspaper}" if r.kind == "newspaper" else ""),
                   ("type", {"phdthesis": "{phdthesis}", "mastersthesis": "{mathesis}"}.get(r.kind, "")),
                   ("volume", braced(r.volume)), ("number", braced(r.number)), ("pages", braced(r.pages)),
                   ("series", braced(r.series)), ("publisher", braced(r.publisher)), ("location", braced(r.place)),
                   ("date", braced(date)), ("crossref", braced(r.crossref)), ("langid", braced(r.langid)),
                   ("language", braced(_language_name(r.language)) if _language_name(r.language) != r.langid else ""),
                   ("keywords", braced(r.keywords)), ("note", braced(". ".join(r.notes())))]
        out.append(_entry_tex(_BIBLATEX_TYPES[r.kind], r.key, fields))
    return "\n".join(out)


# --- RIS ------------------------------------------------------------------------------

_RIS_TYPES = {"article": "JOUR", "newspaper": "NEWS", "book": "BOOK", "collection": "EDBOOK",
              "incollection": "CHAP", "phdthesis": "THES", "mastersthesis": "THES"}


def ris(recs: list[Record]) -> str:
    """RIS as the 2011 specification has it: A2 for the editors of the book a part is in
    (A3 for a series' editors, unused here), TT translated title, T3 series, M3 thesis type,
    N1 notes, DA the full date."""
    lines: list[str] = []
    for r in recs:
        tag = lambda t, v: lines.append(f"{t}  - {v}") if v else None
        tag("TY", _RIS_TYPES[r.kind])
        tag("ID", r.key)
        for n in r.authors:
            tag("AU", n.inverted())
        # An edited volume (EDBOOK) has its editors as primary creators (AU); a part's
        # editors are those of the book it is in (A2), as the 2011 specification says.
        for n in r.editors:
            tag("AU" if r.kind == "collection" and not r.authors else "A2", n.inverted())
        tag("TI", plain(r.title))
        tag("TT", plain(r.title_en))
        tag("T2", plain(r.container))
        tag("T3", plain(r.series))
        tag("M3", {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}.get(r.kind, ""))
        tag("VL", r.volume)
        tag("IS", r.number)
        if r.pages:
            sp, _, ep = r.pages.replace("--", "-").partition("-")
            tag("SP", sp)
            tag("EP", ep)
        tag("PB", r.publisher)
        tag("CY", r.place)
        if r.date:
            tag("PY", str(r.date[0]))
            if len(r.date) > 1:
                tag("DA", "/".join([f"{r.date[0]:04d}"] + [f"{p:02d}" for p in r.date[1:]] + [""] * (3 - len(r.date))))
        tag("LA", r.language)
        # One N1 (some readers keep only one), the translated title in it too: not every reader knows TT.
        tag("N1", ". ".join(r.notes()))
        lines.append("ER  - ")
        lines.append("")
    return "\r\n".join(lines)


# --- CSL-JSON -------------------------------------------------------------------------

_CSL_TYPES = {"article": "article-journal", "newspaper": "article-newspaper", "book": "book", "collection": "book",
              "incollection": "chapter", "phdthesis": "thesis", "mastersthesis": "thesis"}


def csl(r: Record) -> dict:
    item: dict = {"id": r.key, "type": _CSL_TYPES[r.kind], "title": plain(r.title)}
    for role, names in (("author", r.authors), ("editor", r.editors)):
        if names:
            item[role] = [{"family": n.family, **({"given": n.given} if n.given else {})} for n in names]
    if r.container:
        item["container-title"] = plain(r.container)
    for name, value in (("volume", r.volume), ("issue", r.number), ("collection-title", r.series),
                        ("publisher", r.publisher), ("publisher-place", r.place)):
        if value:
            item[name] = plain(value)
    if r.pages:
        item["page"] = r.pages.replace("--", "-")
    if r.kind in ("phdthesis", "mastersthesis"):
        item["genre"] = "PhD thesis" if r.kind == "phdthesis" else "Master's thesis"
    if r.date:
        item["issued"] = {"date-parts": [list(r.date)]}
    item["language"] = r.language
    notes = r.notes()
    if notes:
        item["note"] = ". ".join(notes)
    return item


def csl_json(recs: list[Record]) -> str:
    return json.dumps([csl(r) for r in recs], ensure_ascii=False, indent=1) + "\n"
