"""Editorial commentary: the edition's own notes on slips of the source, kept apart from
the author's 98 notes.

Data: `apparatus/comments.yaml` (schema `CommentFile`). A comment has its own label (a, b,
c…: letters, never numbers, so that no output confuses it with the author's notes), a text
in each language, the public sources that support it, and one or
more places it is *anchored* to: a paragraph (`p14`, `oz2`) or a note (`n24`) and a *lemma*
in each language, an exact phrase of that paragraph or note which must occur there exactly
once (the Turkish lemma in the source's reading, before emendation). The marker stands
right after the lemma (after the citation, if the lemma lies inside one).

Labels are cited, so a label once published never changes: comments are added in rounds
(`added`: 1, 2, …), a later round is appended after the earlier ones with the next letters, and
within a round the comments run in the reading order of their first place, as the pages show
it (a chapter's paragraphs, then its notes).

The article's text is not touched: comments are data, resolved against the parsed chapters
and inserted as marker tokens only when a page is rendered.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, field_validator, model_validator

from edition.core import escaping
from edition.core.dates import format_date
from edition.core.document import Location, Text
from edition.core.errors import EditionError, Problem
from edition.model.formatting import source_html
from edition.sources.apparatus import Apparatus, Cited, Source, check_addresses, cited, load_apparatus
from edition.sources.datafiles import DataFile, DateSpan, Schema, check_pattern, load_data
from edition.sources.markup import plain_text
from edition.core import i18n

LABELS = "abcdefghijklmnopqrstuvwxyz"


class Bilingual(Schema):
    tr: str
    en: str


class Anchor(Schema):
    at: str             # p14, oz2, ea3 (a paragraph's anchor) or n24 (a note)
    lemma: Bilingual

    @field_validator("at")
    @classmethod
    def _at(cls, value: str) -> str:
        return check_pattern(value, r"p\d+|n\d+|[a-z]{1,3}\d+", "a paragraph (p14, oz2) or a note (n24)")


When = Annotated[DateSpan, BeforeValidator(DateSpan.parse)]


class Fact(Schema):
    """A date the comment states, for the one-fact-one-value check (tests/test_consistency.py):
    the date of a chronology `event`, or of a register `entity`'s date `field` (born, died, signed…).
    The date must be written in the comment's text in both languages."""

    event: str | None = None
    entity: str | None = None
    field: str | None = None
    date: When

    model_config = Schema.model_config | {"arbitrary_types_allowed": True}

    @model_validator(mode="after")
    def _what(self):
        if (self.event is None) == (self.entity is None):
            raise ValueError("a fact is about a chronology `event` or a register `entity` (with its date `field`)")
        if self.entity is not None and not self.field:
            raise ValueError("give the entity's date `field` (born, died, signed, ended, founded, dissolved)")
        return self


class Comment(Schema):
    label: str
    anchors: list[Anchor]
    text: Bilingual
    sources: list[Source]
    facts: list[Fact] = []
    added: int = 1          #: the round of comments it was added in (labels, once published, stay)

    @field_validator("anchors", "sources")
    @classmethod
    def _some(cls, value: list) -> list:
        if not value:
            raise ValueError("at least one is needed")
        return value


class CommentFile(Schema):
    comments: list[Comment]


@dataclass(frozen=True)
class Mark:
    """An inline token: the marker of comment `label` (its `n`-th place) in the text."""

    label: str
    n: int = 1

    @property
    def ref_id(self) -> str:
        return f"edr-{self.label}" + (f"-{self.n}" if self.n > 1 else "")


@dataclass
class Placed:
    comment: Comment
    chapter: str            # the chapter (default-language file name) whose end shows the comment: its first place's
    places: list[str]       # anchors (p14, n24), in order
    chapters: list[str] = field(default_factory=list)   # the chapter of each place (a comment may mark several)
    sources: list[Cited] = field(default_factory=list)  # the comment's sources with their works


@dataclass
class Commentary:
    comments: list[Placed]
    #: (lang, anchor) -> [(lemma, Mark)]
    marks: dict[tuple[str, str], list[tuple[str, Mark]]] = field(default_factory=dict)

    def in_chapter(self, name: str) -> list[Placed]:
        return [c for c in self.comments if c.chapter == name]

    def home(self, label: str) -> str:
        """The chapter whose end shows comment `label`."""
        return next((c.chapter for c in self.comments if c.comment.label == label), "")

    def mark(self, content, lang: str, anchor: str):
        """The content with the markers of comments on `anchor` inserted after their lemmas."""
        for lemma, mark in self.marks.get((lang, anchor), []):
            content = insert_after(content, lemma, mark)
        return content


def _places(edition) -> dict[str, dict[str, tuple[str, object, Location | None]]]:
    """lang -> anchor -> (chapter name, content, location)."""
    out: dict[str, dict] = {}
    for lang in edition.languages:
        table = out.setdefault(lang, {})
        for chapter, name in zip(edition.chapters(lang), edition.chapter_names):
            for p in chapter.paragraphs:
                table[p.anchor] = (name, p.content, p.location)
            for number, note in chapter.notes.items():
                table[f"n{number}"] = (name, note.content, note.location)
    return out


def resolve(data: DataFile, edition, apparatus: Apparatus | None = None) -> Commentary:
    """Check every comment against the edition: labels in order, places exist, each lemma
    occurs exactly once, each stated fact's date is in its text; problems are located in the
    comments file."""
    apparatus = apparatus if apparatus is not None else edition.sources.apparatus
    problems: list[Problem] = check_addresses(data, apparatus)
    places = _places(edition)
    order = {anchor: i for i, anchor in enumerate(places.get(edition.default_lang, {}))}
    placed: list[Placed] = []
    marks: dict[tuple[str, str], list[tuple[str, Mark]]] = {}
    for i, comment in enumerate(data.data.comments):
        where = data.location("comments", i)
        expected = LABELS[i] if i < len(LABELS) else "?"
        if comment.label != expected:
            problems.append(Problem(data.location("comments", i, "label"), "comment",
                                    f"comment {i + 1} is labelled {comment.label!r}; labels run a, b, c… "
                                    f"in reading order, so this one is {expected!r}"))
            continue
        chapter = ""
        anchors, chapters = [], []
        for j, anchor in enumerate(comment.anchors):
            where_name = places.get(edition.default_lang, {}).get(anchor.at, ("",))[0]
            for lang in edition.languages:
                table = places[lang]
                lemma = getattr(anchor.lemma, lang, None)
                loc = data.location("comments", i, "anchors", j, "lemma", lang)
                if anchor.at not in table:
                    problems.append(Problem(data.location("comments", i, "anchors", j, "at"), "comment",
                                            f"comment {comment.label}: no paragraph or note {anchor.at!r}"))
                    break
                name, content, src = table[anchor.at]
                count = plain_text(content).count(lemma)
                if count != 1:
                    problems.append(Problem(loc, "comment",
                                            f"comment {comment.label}: the {lang} lemma “{lemma}” occurs {count} "
                                            f"times in {_place(anchor.at)} ({src}); it must occur exactly once"))
                    continue
                chapter = chapter or name
                marks.setdefault((lang, anchor.at), []).append((lemma, Mark(comment.label, j + 1)))
            anchors.append(anchor.at)
            chapters.append(where_name)
        for j, fact in enumerate(comment.facts):
            for lang in ("tr", "en"):
                if not date_in_text(fact.date, getattr(comment.text, lang), lang):
                    problems.append(Problem(data.location("comments", i, "facts", j), "comment",
                                            f"comment {comment.label}: the {lang} text does not give the date "
                                            f"{span_text(fact.date, lang)!r} it states ({fact.date.iso})"))
        placed.append(Placed(comment, chapter, anchors, chapters, cited(comment.sources, apparatus.works)))
    if not problems:
        keys = [(p.comment.added, order.get(p.places[0], 0)) for p in placed]
        for i in range(1, len(keys)):
            if keys[i] < keys[i - 1]:
                label = placed[i].comment.label
                problems.append(Problem(data.location("comments", i), "comment",
                                        f"comment {label}: comments are listed round by round (`added`), and "
                                        "within a round in the reading order of their first place"))
                break
    if problems:
        raise EditionError(problems)
    return Commentary(placed, marks)


def load(root: Path, rel: str, edition) -> Commentary:
    apparatus = getattr(edition.sources, "apparatus", None) or load_apparatus(root)
    return resolve(load_data(root / rel, rel, CommentFile, category="comment", context=apparatus.context),
                   edition, apparatus)


def span_text(when: DateSpan, lang: str) -> str:
    """`12-25 Ağustos 1920`, `17 December 1925`, `January 1925`: a date as the comments write it."""
    a, b = when.start, when.end
    if b is None:
        return format_date(a.iso, lang)
    if a.year == b.year and a.month == b.month and a.day and b.day:
        return f"{a.day}-{format_date(b.iso, lang)}"
    return f"{format_date(a.iso, lang)} - {format_date(b.iso, lang)}"


def date_in_text(when: DateSpan, text: str, lang: str) -> bool:
    pattern = re.escape(span_text(when, lang)).replace(r"\-", "[-–]").replace(r"\ ", r"\s").replace(r"\s[-–]\s", r"\s?[-–]\s?")
    return re.search(rf"(?<!\d){pattern}(?!\d)", text) is not None


def _place(anchor: str) -> str:
    return f"note {anchor[1:]}" if anchor.startswith("n") else f"¶ {anchor.removeprefix('p')}"


# --- inserting a marker into inline content ---------------------------------------------

def _length(tok) -> int:
    """A token's share of `plain_text` (so that any inline token the markup may gain is counted
    the way the lemma check counts it)."""
    return len(tok.text) if isinstance(tok, Text) else len(plain_text((tok,)))


def insert_after(content, lemma: str, mark: Mark):
    """Insert `mark` right after the (unique) lemma; after a whole citation, emphasis or
    emendation when the lemma ends inside one (a link cannot hold another link)."""
    end = plain_text(content).find(lemma)
    if end < 0:
        return content
    end += len(lemma)
    out = []
    pos = 0
    done = False
    for tok in content:
        size = _length(tok)
        if not done and isinstance(tok, Text) and pos < end <= pos + size:
            cut = end - pos
            out += [t for t in (Text(tok.text[:cut]),) if t.text] + [mark] + \
                   [t for t in (Text(tok.text[cut:]),) if t.text]
            done = True
        elif not done and pos < end <= pos + size:
            out += [tok, mark]
            done = True
        else:
            out.append(tok)
        pos += size
    if not done:
        out.append(mark)
    return tuple(out)


# --- rendering ------------------------------------------------------------------------------

STRINGS = i18n.each("commentary")


def marker_html(mark: Mark, lang: str, prefix: str = "", card: bool = True, href: str = "") -> str:
    """The marker after the lemma: an italic letter, a link to the comment; on pages with the
    card script (`card`), a card trigger whose card is the comment's own list item (cards.py).
    `href`: the comment's address when it stands in another chapter (then no card)."""
    label = escaping.attr(f"{STRINGS[lang]['comment']} {mark.label}")
    target = f"{prefix}ed-{mark.label}"
    trigger = f' data-card="{target}"' if card and not href else ""
    return (f'<sup class="ed-ref" id="{prefix}{mark.ref_id}"><a class="ed-mark" '
            f'href="{escaping.attr(href or "#" + target)}"{trigger} '
            f'aria-label="{label}">{mark.label}</a></sup>')


def sources_html(placed: Placed, lang: str) -> str:
    """The comment's sources, as Chicago notes (formatting.source_html), separated by semicolons."""
    refs = "; ".join(source_html(c, lang).removesuffix(".") for c in placed.sources)
    return f'<span class="ed-sources">{STRINGS[lang]["sources"]}: {refs}.</span>'


def item_html(placed: Placed, lang: str, prefix: str = "", link=None) -> str:
    """One comment as a list item: text, sources, links back to each marked place (on this page,
    or, for a place in another chapter, `link(chapter, anchor)`)."""
    c = placed.comment
    s = STRINGS[lang]
    index = LABELS.index(c.label) + 1

    def back(n: int) -> str:
        ref = Mark(c.label, n).ref_id
        chapter = placed.chapters[n - 1] if len(placed.chapters) >= n else placed.chapter
        return f"#{prefix}{ref}" if chapter == placed.chapter or link is None else link(chapter, ref)

    backs = " ".join(
        f'<a class="ed-backref" href="{escaping.attr(back(n))}" '
        f'aria-label="{escaping.attr(s["back"])} {c.label}" data-card-omit>↩</a>'
        for n in range(1, len(c.anchors) + 1))
    # The letter is written out (not left to <ol type="a">): WeasyPrint, which prints the PDF, ignores <li value>.
    return (f'<li id="{prefix}ed-{c.label}" value="{index}"><p><span class="ed-label">{c.label}.</span> '
            f'{escaping.text(getattr(c.text, lang))} '
            f'{sources_html(placed, lang)} {backs}</p></li>')


def section(commentary: Commentary | None, name: str, lang: str, anchor: str, prefix: str = "", link=None) -> str:
    """The chapter's editorial comments, under their own heading, after the author's notes."""
    placed = commentary.in_chapter(name) if commentary else []
    if not placed:
        return ""
    items = "\n".join(item_html(p, lang, prefix, link) for p in placed)
    return (f'## {STRINGS[lang]["heading"]} {{ #{anchor} .ed-heading }}\n\n'
            f'<div class="ed-comments"><ol type="a">\n{items}\n</ol></div>')


def listing(commentary: Commentary | None, lang: str, link) -> str:
    """All comments, for the Editorial principles page: label, places, lemma, comment, sources.
    `link(chapter, anchor)` gives the address of a place."""
    if not commentary or not commentary.comments:
        return ""
    s = STRINGS[lang]
    rows = []
    for placed in commentary.comments:
        c = placed.comment
        where = "<br>".join(
            f'<a href="{escaping.attr(link(placed.chapters[n - 1], Mark(c.label, n).ref_id))}">'
            f'{escaping.text(_place_label(a.at, lang))}</a>' for n, a in enumerate(c.anchors, 1))
        lemmas = "<br>".join(f"“{escaping.text(getattr(a.lemma, lang))}”" for a in c.anchors)
        rows.append(f'<tr><th scope="row"><i>{c.label}</i></th><td>{where}</td><td>{lemmas}</td>'
                    f"<td>{escaping.text(getattr(c.text, lang))} {sources_html(placed, lang)}</td></tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in (s["label"], s["place"], s["lemma"], s["text"]))
    return f'<table class="ed-listing"><thead><tr>{head}</tr></thead><tbody>' + "".join(rows) + "</tbody></table>"


def _place_label(anchor: str, lang: str) -> str:
    if anchor.startswith("n"):
        return f"{STRINGS[lang]['note']}\u00a0{anchor[1:]}"
    return f"¶\u00a0{anchor.removeprefix('p')}"
