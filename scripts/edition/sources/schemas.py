"""Schemas of the edition's YAML data files (pydantic models, loaded by `datafiles.load_data`).

- `ArticleFile`: bibliography/article.yaml, the publication data of the article;
- `ArchivesFile`: bibliography/archives.yaml, the archives, their files and the cited documents.

Rules shared by every schema: unknown keys are errors (a misspelt field is not silently
ignored); identifiers pass `datafiles.check_ident` (they become file names, URLs and ids,
so `../../../x` is refused); dates are real dates; every address from data passes the
escaping module's URL allow-list (`javascript:` is a located error, not a live link);
a list is a list (`authors: "Ali Veli"` is refused, not read letter by letter).
Free text stays text: it is escaped where a renderer writes it (see escaping.py).
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, model_validator

from edition.core import escaping
from edition.sources.datafiles import Schema, check_ident, plain_date

LANG_CODES = ("tr", "en")


def _scalar_text(value):
    """A scalar written without quotes (`fond: 5`, `year: 2026`) is still text."""
    if isinstance(value, bool):
        raise ValueError("expected text, not true/false")
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _safe_url(value: str) -> str:
    if not escaping.is_safe_url(value):
        raise ValueError(f"address {value[:80]!r} is not allowed (only http, https, mailto or relative)")
    return value


def _no_newline(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be one line")
    return value


def _balanced(value: str) -> str:
    # the citation styles read the article's fields as BibTeX (pybtex): braces must pair up
    depth = 0
    for c in value:
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth < 0:
            break
    if depth:
        raise ValueError("braces '{' '}' do not pair up (the field is also read as BibTeX)")
    return value


Ident = Annotated[str, AfterValidator(check_ident)]
Text = Annotated[str, BeforeValidator(_scalar_text)]
Line = Annotated[str, BeforeValidator(_scalar_text), AfterValidator(_no_newline)]
NonEmptyLine = Annotated[str, BeforeValidator(_scalar_text), AfterValidator(_no_newline), Field(min_length=1)]
#: a line that also goes into BibTeX (the article's own citation)
BibLine = Annotated[str, BeforeValidator(_scalar_text), AfterValidator(_no_newline), AfterValidator(_balanced)]
Url = Annotated[str, AfterValidator(_safe_url)]
Date = Annotated[dt.date, BeforeValidator(plain_date)]
Lang = Literal["tr", "en"]
#: text in the edition's languages: {tr: "…", en: "…"}
LangText = dict[Lang, Text]


# --- article.yaml ----------------------------------------------------------------------

class EditionData(Schema):
    year: int | None = None
    editors: dict[Lang, Line] = {}
    licence: Line = "CC BY 4.0"


class ArticleFile(Schema):
    """bibliography/article.yaml: confirmed publication facts only (see its comments)."""

    title: BibLine | None = None
    title_en: BibLine | None = None
    short_title_en: BibLine | None = None
    language: Lang = "tr"
    authors: list[Annotated[NonEmptyLine, AfterValidator(_balanced)]] = []
    journal: BibLine | None = None
    volume: BibLine | None = None
    issue: BibLine | None = None
    year: int | None = None
    pages: BibLine | None = None
    first_page: BibLine | None = None
    last_page: BibLine | None = None
    doi: Annotated[Line, Field(pattern=r"^10\.\d{4,9}/[^\s{}]+$")] | None = None
    url: Annotated[Url, AfterValidator(_balanced)] | None = None
    edition: EditionData = EditionData()

    @model_validator(mode="after")
    def _some_title(self):
        if not self.title and not self.title_en:
            raise ValueError("give the article's title (title or title_en)")
        return self

    def as_dict(self) -> dict:
        """The plain mapping the renderers read (`pub.get("journal")`); absent fields left out."""
        return self.model_dump(exclude_none=True)


# --- archives.yaml ---------------------------------------------------------------------

class ArchiveEntry(Schema):
    abbr: NonEmptyLine
    name: LangText
    name_orig: Line = ""
    place: LangText = {}


class FileEntry(Schema):
    id: Ident
    archive: Ident
    fond: Line = ""
    opis: Line = ""
    delo: Line = ""
    code: Line = ""


class DocumentEntry(Schema):
    key: Ident
    file: Ident
    date: Date | None = None
    undated: bool = False
    date_from: Literal["note", "text"] = "note"
    para: Line = ""
    author: Line = ""
    recipient: Line = ""
    kind: LangText = {}
    title: Text = ""
    title_en: Text = ""
    summary: LangText = {}
    item: Line = ""
    sheets: Line = ""
    # register ids (the register module checks that they exist)
    author_refs: list[Ident] | None = None
    recipient_refs: list[Ident] | None = None
    subject_refs: list[Ident] | None = None


class ArchivesFile(Schema):
    """bibliography/archives.yaml."""

    archives: dict[Ident, ArchiveEntry]
    files: list[FileEntry]
    documents: list[DocumentEntry]


# --- front matter of the pages (docs/*.md) -------------------------------------------------

def _plain_title(value: str) -> str:
    # Material writes page.title unescaped into <title>, the header and the navigation.
    if "<" in value or ">" in value:
        raise ValueError("must be plain text: '<' and '>' are not allowed (the title is written into "
                         "every page's <title>, header and navigation)")
    return value


PlainLine = Annotated[str, BeforeValidator(_scalar_text), AfterValidator(_no_newline), AfterValidator(_plain_title)]


class SearchOptions(Schema):
    exclude: bool = False
    boost: float | None = None


class FrontMatter(Schema):
    """The YAML block at the top of a page: the texts Material writes raw are plain text, and only
    the options the edition uses are allowed (Material writes `author`, `subtitle`, `icon`,
    `template`… raw into pages or template paths: an unknown key is refused, not passed on)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: PlainLine | None = None
    description: PlainLine | None = None
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] = []
    search: SearchOptions | None = None
