"""The chronology (issue 17, figure 1): every dated event the article states and every
archival document, on one time axis, with the article's sections as bands.

Data: `chronology/events.yaml` (schema `Event`, loaded with `datafiles.load_data`), the
documents of `bibliography/archives.yaml`, and the chapters (which ¶ stands in which
section). Output: an SVG (drawn here, deterministic) and a table with the same content.

Layout: time runs left to right on a piecewise-linear scale (the years before 1924 narrow,
1924-1928 wide, each year marked); each section of the article is a band, and the archival
documents one more; inside a band items are placed on the first row where their label box
does not meet another (greedy interval packing), so no two labels ever intersect. For a narrow
screen (`draw_vertical`) time runs down the page: each section a band, its items in date order
under their year, each label in full on as many lines as it needs.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from edition.core.dates import format_date
from edition.core.document import Location, Paragraph
from edition.core.errors import EditionError, Problem
from edition.figures import svg as S
from edition.html.urls import Linker
from edition.model.formatting import document_title
from edition.sources.apparatus import Apparatus, Source, check_addresses, cited, load_apparatus
from edition.sources.datafiles import DateSpan, PartialDate, Schema, check_ident, load_data
from edition.core import i18n

EVENTS_FILE = "chronology/events.yaml"

Date = Annotated[PartialDate, BeforeValidator(PartialDate.parse)]
When = Annotated[DateSpan, BeforeValidator(DateSpan.parse)]


class Label(Schema):
    tr: str = Field(min_length=1, max_length=60)
    en: str = Field(min_length=1, max_length=60)


class Comment(Schema):
    tr: str = Field(min_length=1, max_length=400)
    en: str = Field(min_length=1, max_length=400)


class Entity(Schema):
    """The register entry whose date this event is (tests/test_consistency.py: one fact, one value)."""

    id: str
    field: Literal["born", "died", "founded", "dissolved", "signed", "ended"]


class Event(Schema):
    id: str
    #: the date as the text gives it (the drawing places the event there)
    date: Date
    para: int = Field(ge=1)
    note: int | None = Field(default=None, ge=1)
    label: Label
    #: the same event in the register: its date must agree with this one (or with `actual`)
    entity: Entity | None = None
    #: the historical date, where the text's is wrong (a date or an interval, 1920-08-12/1920-08-25);
    #: the comment says so, and the sources support it
    actual: When | None = None
    #: an editorial comment (e.g. the date the text gives is not the historical one), with its sources
    comment: Comment | None = None
    sources: list[Source] = []

    model_config = Schema.model_config | {"arbitrary_types_allowed": True}

    @field_validator("id")
    @classmethod
    def _id(cls, v):
        return check_ident(v)

    @model_validator(mode="after")
    def _comment_sourced(self):
        if self.comment and not self.sources:
            raise ValueError("an editorial comment needs the sources (works) it was checked against")
        if self.actual and not self.comment:
            raise ValueError("a wrong date of the text (`actual`) needs an editorial comment that says so")
        return self


@dataclass(frozen=True)
class Item:
    """One mark on the time axis: an event of the text or an archival document."""

    key: str              # event id or document key (unique)
    kind: str             # "event" | "document"
    date: PartialDate | None
    lane: str             # chapter name (events) or "documents"
    label: dict           # lang -> short label
    chapter: str          # the chapter that carries the ¶ (events) or cites the document
    anchor: str           # the ¶ anchor (events)
    para: int | None = None
    note: int | None = None
    comment: dict | None = None     # lang -> editorial comment
    sources: tuple = ()             # references.Cited
    actual: DateSpan | None = None  # the historical date, where the text's is wrong
    long: dict | None = None        # lang -> the label not shortened (documents), for the vertical drawing

    @property
    def sort_key(self):
        d = self.date
        return (d is None, (d.year, d.month or 0, d.day or 0) if d else (9999, 0, 0), self.kind != "event", self.key)

    def href(self, edition, linker: Linker) -> str:
        if self.kind == "document":
            return linker.document(edition, self.key)
        return linker.to(self.chapter, self.anchor)


def load_events(root: Path, rel: str = EVENTS_FILE, apparatus: Apparatus | None = None
                ) -> tuple[list[Event], dict[str, Location]]:
    apparatus = apparatus if apparatus is not None else load_apparatus(root)
    data = load_data(root / rel, rel, list[Event], context=apparatus.context)
    events = list(data.data or [])
    where = {e.id: data.location(i) for i, e in enumerate(events)}
    seen: dict[str, Location] = {}
    problems = check_addresses(data, apparatus)
    for e in events:
        if e.id in seen:
            problems.append(Problem(where[e.id], "chronology", f"event id {e.id!r} is used twice (first at {seen[e.id]})"))
        seen.setdefault(e.id, where[e.id])
    if problems:
        raise EditionError(problems)
    return events, where


def para_index(edition) -> dict[int, tuple[str, Paragraph]]:
    """Body paragraph number -> (chapter name, paragraph) in the default language."""
    out = {}
    for chapter, name in zip(edition.chapters(edition.default_lang), edition.chapter_names):
        for p in chapter.paragraphs:
            if p.numbered:
                out[int(p.ident)] = (name, p)
    return out


def items(edition, events: list[Event], where: dict[str, Location]) -> list[Item]:
    """Events and documents as marks, checked against the edition (located problems)."""
    paras = para_index(edition)
    works = edition.sources.apparatus.works
    problems = []
    out = []
    for e in events:
        if e.para not in paras:
            problems.append(Problem(where[e.id], "chronology", f"event {e.id!r}: the text has no ¶ {e.para}"))
            continue
        chapter, p = paras[e.para]
        if e.note is not None and edition.note_place.get(e.note, (None, None))[1] != p.anchor:
            problems.append(Problem(where[e.id], "chronology",
                                    f"event {e.id!r}: note {e.note} is not referred to in ¶ {e.para}"))
            continue
        reg = edition.register
        if e.entity and (not reg or e.entity.id not in reg.entities
                         or e.entity.field not in dict(reg.entities[e.entity.id].dates())):
            problems.append(Problem(where[e.id], "chronology",
                                    f"event {e.id!r}: entity {e.entity.id!r} is not a register entry with a "
                                    f"{e.entity.field!r} date"))
            continue
        out.append(Item(e.id, "event", e.date, chapter, e.label.model_dump(), chapter, p.anchor, e.para, e.note,
                        e.comment.model_dump() if e.comment else None, tuple(cited(e.sources, works)), e.actual))
    if problems:
        raise EditionError(problems)
    for doc in edition.sources.documents.values():
        uses = edition.uses.get(doc.key, [])
        chapter = edition.note_place[uses[0].note][0] if uses else ""
        date = PartialDate(doc.date.year, doc.date.month, doc.date.day) if isinstance(doc.date, dt.date) else None
        label = {lang: short_document_label(edition, doc, lang) for lang in ("tr", "en")}
        long = {lang: short_document_label(edition, doc, lang, None) for lang in ("tr", "en")}
        out.append(Item(doc.key, "document", date, "documents", label, chapter, "", None,
                        uses[0].note if uses else None, long=long))
    return sorted(out, key=lambda i: i.sort_key)


def short_document_label(edition, doc, lang: str, limit: int | None = 48) -> str:
    """Author → recipient, or author — interlocutor for a conversation (names from the register where
    the document links them, else as the archive words them), with the kind of document."""
    refs = edition.sources.document_refs.get(doc.key, {}) if edition.sources.document_refs else {}
    reg = edition.register

    def names(role: str, raw: str) -> str:
        ids = [i for i in refs.get(role, []) if reg and i in reg.entities]
        if ids:
            return ", ".join(short_name(reg.entities[i], lang) for i in ids)
        return raw.split(" (")[0]

    author, recipient = names("author", doc.author), names("recipient", doc.recipient)
    if recipient:
        who = " → ".join(x for x in (author, recipient) if x)
    else:   # a conversation: its author (if any) and the persons or offices it names
        talk = [i for i in refs.get("subject", []) if reg and i in reg.entities
                and reg.entities[i].kind in ("person", "organisation") and i not in refs.get("author", [])]
        parties = [short_name(reg.entities[i], lang) for i in talk]
        who = f"{author} — {', '.join(parties)}" if author and parties else (author or " — ".join(parties))
    kind = doc.kind.get(lang, "")
    text = f"{who} ({kind})" if who and kind else (who or kind or document_title(doc, lang))
    return text if limit is None or len(text) <= limit else text[:limit - 2].rstrip() + "…"


def short_name(entity, lang: str) -> str:
    """A person's surname-first sort form gives the surname; other entries their name."""
    if entity.kind == "person" and entity.entry.sort and getattr(entity.entry.sort, lang, None):
        return getattr(entity.entry.sort, lang).split(",")[0]
    return entity.name.get(lang) or entity.name["en"]


# --- the drawing ---------------------------------------------------------------------------

LABEL_SIZE = 11.0
PAD = 3.0           # space between a dot and its label, and around label boxes
DOT = 3.2


@dataclass
class Scale:
    """Piecewise-linear time scale: `widths[year]` px per year, from `start` at x0."""

    x0: float
    widths: dict[int, float]

    @property
    def years(self) -> list[int]:
        return sorted(self.widths)

    def x(self, d: PartialDate) -> float:
        x = self.x0
        for y in self.years:
            if y == d.year:
                # the middle of the month (or the day), or the middle of the year
                if d.month:
                    frac = ((d.month - 1) + ((d.day - 0.5) / 31 if d.day else 0.5)) / 12
                else:
                    frac = 0.5
                return x + frac * self.widths[y]
            x += self.widths[y]
        return x

    @property
    def end(self) -> float:
        return self.x0 + sum(self.widths.values())

    def year_x(self, year: int) -> float:
        return self.x0 + sum(w for y, w in self.widths.items() if y < year)


def full_scale(years: range, narrow: float = 25.0, wide: float = 104.0) -> Scale:
    return Scale(12.0, {y: (wide if 1924 <= y <= 1928 else narrow) for y in years})


def band_layout(items: list[Item], scale: Scale, lang: str, right: float, size: float = LABEL_SIZE):
    """Rows for the items of one band: [(item, x, row, label box relative to the band top)]."""
    rows: list[list[tuple[float, float]]] = []
    placed = []
    row, head = size + 4, size + 7
    for it in items:
        x = scale.x(it.date) if it.date else right - 6
        w = S.text_width(shown_label(it, lang), size)
        if x + PAD + w + DOT <= right:
            span = (x - DOT - PAD, x + DOT + PAD + w + PAD)
            anchor = "start"
        else:   # near the right edge: the label to the left of its dot
            span = (x - DOT - PAD - w - PAD, x + DOT + PAD)
            anchor = "end"
        for r, taken in enumerate(rows):
            if all(span[1] <= a or span[0] >= b for a, b in taken):
                break
        else:
            r = len(rows)
            rows.append([])
        rows[r].append(span)
        box = S.Box(span[0] + PAD, head + r * row + 2, span[1] - span[0] - 2 * PAD, row - 4)
        placed.append((it, x, r, anchor, box))
    return placed, max(1, len(rows))


def _mark(edition, parent, it: Item, lang: str, linker: Linker, x: float, cy: float, tooltips: bool):
    """The link of one item with its dot (event) or square (document); returns the link."""
    full = f"{format_date(it.date.iso, lang) if it.date else UNDATED[lang]}: {it.label[lang]}"
    if it.comment:
        full += f" ({EDITORIAL[lang]}: {it.comment[lang]})"
    a = S.link(parent, it.href(edition, linker), full, tooltips)
    if it.kind == "document":
        S.el(a, "rect", {"x": x - DOT, "y": cy - DOT, "width": 2 * DOT, "height": 2 * DOT, "class": "mark doc"})
    else:
        S.el(a, "circle", {"cx": x, "cy": cy, "r": DOT, "class": "mark"})
    return a


def draw(edition, items_: list[Item], lanes: list[tuple[str, str]], lang: str, linker: Linker, ident: str,
         title: str, desc: str, scale: Scale | None = None, tooltips: bool = True, size: float = LABEL_SIZE,
         fit: bool = False) -> tuple[str, list[tuple[str, S.Box]]]:
    """The SVG of `items_` in `lanes` [(lane key, band title)], time left to right; returns (svg,
    label boxes). `fit`: the drawing fits its column up to its own width (else a fixed size)."""
    dated = [i for i in items_ if i.date]
    years = range(min(i.date.year for i in dated), max(i.date.year for i in dated) + 1) if dated else range(1925, 1926)
    scale = scale or full_scale(years)
    right = scale.end + (48.0 if any(i.date is None for i in items_) else 0) + 4
    width = right + 12
    top = size + 11
    row, head = size + 4, size + 7
    bands = []
    y = top
    for key, name in lanes:
        mine = [i for i in items_ if i.lane == key]
        if not mine:
            continue
        placed, n = band_layout(mine, scale, lang, right, size)
        height = head + n * row + 6
        bands.append((key, name, y, height, placed))
        y += height + 4
    height = y + size + 7
    style = S.fit_style(size, width) if fit else None
    root = S.svg_root(width, height, ident, title, desc, S.BASE_CSS + CSS, min_width=None if fit else width,
                      style=style)
    # year grid and labels (top and bottom)
    grid = S.el(root, "g", {"class": "years"})
    for yr in scale.years:
        x = scale.year_x(yr)
        S.el(grid, "line", {"x1": x, "y1": top - 4, "x2": x, "y2": height - size - 5, "class": "rule"})
        w = scale.widths[yr]
        label = str(yr) if w >= 2.8 * size else f"’{yr % 100:02d}"
        for ty in (top - 8, height - 4):
            S.el(grid, "text", {"x": x + w / 2, "y": ty, "text-anchor": "middle", "class": "muted year"}, label)
    S.el(grid, "line", {"x1": scale.end, "y1": top - 4, "x2": scale.end, "y2": height - size - 5, "class": "rule"})
    if right - 4 > scale.end:
        S.el(grid, "text", {"x": (scale.end + right) / 2, "y": top - 8, "text-anchor": "middle", "class": "muted year"},
             UNDATED[lang])
    boxes = []
    for n, (key, name, by, bh, placed) in enumerate(bands):
        g = S.el(root, "g", {"class": f"band band-{n % 2}" + (" docs" if key == "documents" else ""),
                             "id": f"{ident}-{key.removesuffix('.md')}"})
        S.el(g, "rect", {"x": 2.0, "y": by, "width": width - 4, "height": bh, "rx": 3.0, "class": "band-bg"})
        S.el(g, "text", {"x": 8.0, "y": by + size + 2, "class": "band-title"}, name)
        boxes.append((f"band:{key}", S.Box(8.0, by + 2, S.text_width(name, size * 1.1), size + 3)))
        for it, x, r, anchor, box in placed:
            cy = by + head + r * row + row / 2
            a = _mark(edition, g, it, lang, linker, x, cy, tooltips)
            tx = x + DOT + PAD if anchor == "start" else x - DOT - PAD
            S.el(a, "text", {"x": tx, "y": cy + size * 0.35, "text-anchor": anchor}, shown_label(it, lang))
            boxes.append((it.key, S.Box(box.x, by + box.y, box.w, box.h)))
    return S.serialize(root), boxes


def draw_vertical(edition, items_: list[Item], lanes: list[tuple[str, str]], lang: str, linker: Linker,
                  ident: str, title: str, desc: str, width: float = 340.0, size: float = 12.0,
                  fit: float = 510.0, first: int = 0) -> tuple[str, list[tuple[str, S.Box]]]:
    """The same items with time running down the page, for a narrow screen: each section a band
    (its title in full), in it the items in the order of their dates under the year they fall
    in, each label in full on as many lines as it needs. Returns (svg, label boxes). `first`: the
    number of the first band (its shade alternates), when a drawing holds one band of several."""
    step = size + 3                   # line height
    line_x, text_x = 18.0, 30.0
    text_w = width - text_x - 6
    boxes = []
    root = S.svg_root(width, 0.0, ident, title, desc, S.BASE_CSS + CSS, style=S.fit_style(size, fit),
                      cls="vertical")
    y = 4.0
    for n, (key, name) in enumerate(lanes):
        mine = [i for i in items_ if i.lane == key]
        if not mine:
            continue
        g = S.el(root, "g", {"class": f"band band-{(n + first) % 2}" + (" docs" if key == "documents" else ""),
                             "id": f"{ident}-{key.removesuffix('.md')}"})
        bg = S.el(g, "rect", {"x": 2.0, "y": y, "width": width - 4, "height": 0.0, "rx": 3.0, "class": "band-bg"})
        top = y
        head = S.wrap(name, size * 1.1, width - 16)
        S.text_lines(g, 8.0, y + size + 3, head, step + 1, {"class": "band-title"})
        boxes.append((f"band:{key}", S.Box(8.0, y + 3, max(S.text_width(h, size * 1.1) for h in head),
                                           len(head) * (step + 1))))
        y += 6 + len(head) * (step + 1)
        rule = S.el(g, "line", {"x1": line_x, "y1": y, "x2": line_x, "y2": y, "class": "rule"})
        year = object()
        for it in mine:
            this = it.date.year if it.date else None
            if this != year:
                year = this
                S.el(g, "text", {"x": text_x, "y": y + size + 1, "class": "muted year"}, str(this or UNDATED[lang]))
                boxes.append((f"year:{key}:{this}", S.Box(text_x, y + 2, S.text_width(str(this or UNDATED[lang]), size),
                                                          size + 1)))
                y += step + 2
            lines = S.wrap(shown_label(it, lang, long=True), size, text_w)
            cy = y + step / 2 + 1
            a = _mark(edition, g, it, lang, linker, line_x, cy, False)   # its text names it: no tooltip (weight)
            S.text_lines(a, text_x, cy + size * 0.35, lines, step)
            boxes.append((it.key, S.Box(text_x, y + 2, max(S.text_width(t, size) for t in lines),
                                        len(lines) * step - 2)))
            y += len(lines) * step + 3
        rule.set("y2", S.num(y - 2))
        y += 4
        bg.set("height", S.num(y - top))
        y += 4
    root.set("height", S.num(y))
    root.set("viewBox", f"0 0 {S.num(width)} {S.num(y)}")
    return S.serialize(root), boxes


UNDATED = i18n.each("undated")
EDITORIAL = i18n.each("editorial")


def shown_label(it: Item, lang: str, long: bool = False) -> str:
    """The label as drawn: an asterisk marks an editorial comment (in the tooltip and the table);
    `long`: not shortened (the vertical drawing has the room)."""
    return ((it.long or it.label) if long else it.label)[lang] + (" *" if it.comment else "")

CSS = (
    ".edition-svg .band-0 .band-bg{fill:var(--md-default-fg-color--lightest,#eee);fill-opacity:.35}"
    ".edition-svg .band-1 .band-bg{fill:var(--md-accent-fg-color--transparent,#fff3e0);fill-opacity:.6}"
    ".edition-svg .band-title{font-weight:700;font-size:1.1em}"
    ".edition-svg .mark{fill:var(--md-accent-fg-color,#e65100);stroke:var(--md-default-bg-color,#fff);stroke-width:1}"
    ".edition-svg .mark.doc{fill:currentColor}"
    ".edition-svg.vertical .year{font-weight:700}"
)
