"""The edition's domain: what a chapter, a paragraph, a note and a citation are.

Plain dataclasses, no MkDocs. Inline content is a list of *tokens* (text, note
reference, page break, emendation, citation, emphasis) so that every renderer
(HTML page, fidelity text, exports) walks the same structure.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Location:
    """A place in a source file, for error messages (1-based line)."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


# --- inline tokens -----------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class NoteRef:
    """A reference mark in the reading text: the article's own note number."""

    number: int


@dataclass(frozen=True)
class PageBreak:
    """The start of page `page` of the source PDF (the seed's page count)."""

    page: int


@dataclass(frozen=True)
class Emendation:
    """An editorial correction: `original` is the source's reading, kept on the page."""

    original: str
    corrected: str
    reason: str = ""
    location: Location | None = None


@dataclass(frozen=True)
class Locator:
    """A pinpoint inside a cited work: kind is 'page', 'sheet' or 'number'."""

    kind: str
    start: str
    end: str = ""

    def __str__(self) -> str:
        label = {"page": "p.", "sheet": "l.", "number": "no."}[self.kind]
        if self.end:
            label = {"page": "pp.", "sheet": "ll.", "number": "nos."}[self.kind]
            return f"{label} {self.start}-{self.end}"
        return f"{label} {self.start}"


@dataclass(frozen=True)
class Citation:
    """A span of note text that cites one work or archival document."""

    key: str
    content: tuple["Inline", ...]
    locators: tuple[Locator, ...] = ()
    location: Location | None = None


@dataclass(frozen=True)
class Emphasis:
    content: tuple["Inline", ...]


@dataclass(frozen=True)
class Mention:
    """A name in the text that refers to a register entry (TEI persName/placeName/orgName @ref).

    Made by `mentions.link_edition` from the register's spellings, or written in the chapter as
    `[Chamberlain]{=austen-chamberlain}` (`marked`). `[Ankara]{=-}` (entity "-") says "not a
    mention" and is dissolved into its content by the same pass, so renderers never see it.
    """

    entity: str
    content: tuple["Inline", ...]
    marked: bool = False
    location: Location | None = None


Inline = Union[Text, NoteRef, PageBreak, Emendation, Citation, Emphasis, Mention]


# --- blocks -------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    content: tuple[Inline, ...]
    supplied: bool = False  # heading added by the editors, not in the article
    lang: str | None = None
    location: Location | None = None


@dataclass(frozen=True)
class Paragraph:
    """A paragraph with its stable identifier (`12`, `oz1`, `ea3`)."""

    ident: str
    content: tuple[Inline, ...]
    lang: str | None = None
    location: Location | None = None

    @property
    def anchor(self) -> str:
        return f"p{self.ident}" if self.ident.isdigit() else self.ident

    @property
    def numbered(self) -> bool:
        """Body paragraphs carry a running number (¶ 12); front matter does not."""
        return self.ident.isdigit()


@dataclass(frozen=True)
class Directive:
    """A generated block placed by the editors, e.g. `{contents}`."""

    name: str
    location: Location | None = None


@dataclass(frozen=True)
class PageMarker:
    """A page break standing between blocks (a page that starts with a heading)."""

    page: int
    location: Location | None = None


Block = Union[Heading, Paragraph, Directive, PageMarker]


@dataclass(frozen=True)
class Note:
    number: int
    content: tuple[Inline, ...]
    location: Location | None = None


@dataclass
class Chapter:
    """One Markdown source file of the edition, parsed."""

    path: str
    lang: str
    blocks: list[Block] = field(default_factory=list)
    notes: dict[int, Note] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    @property
    def title(self) -> Heading | None:
        hs = self.headings
        return hs[0] if hs else None


# --- archives -----------------------------------------------------------------


@dataclass(frozen=True)
class Archive:
    ident: str
    abbr: str
    name: dict[str, str]
    name_orig: str = ""
    place: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ArchivalFile:
    """A file (delo) of an archive: fond/opis/delo for Russian archives, a code for DİB."""

    ident: str
    archive: Archive
    fond: str = ""
    opis: str = ""
    delo: str = ""
    code: str = ""


@dataclass(frozen=True)
class ArchivalDocument:
    key: str
    file: ArchivalFile
    date: dt.date | None = None
    undated: bool = False
    date_from: str = "note"
    para: str = ""
    author: str = ""
    recipient: str = ""
    kind: dict[str, str] = field(default_factory=dict)
    title: str = ""
    title_en: str = ""
    summary: dict[str, str] = field(default_factory=dict)
    item: str = ""
    sheets: str = ""
    location: Location | None = None


# --- uses ----------------------------------------------------------------------


@dataclass(frozen=True)
class CitationUse:
    """Where a key is cited: note number and the chapter file carrying the note."""

    key: str
    note: int
    chapter: str
    locators: tuple[Locator, ...] = ()
