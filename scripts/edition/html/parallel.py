"""The parallel view: the Turkish original and the English translation side by
side, paragraph by paragraph and note by note (one generated page per chapter).

Light on a phone (issue 15): each row is one grid whose cells are the paragraphs, headings
and note lists themselves (no wrapper per cell), and rows off screen are not laid out
(`content-visibility: auto` in edition.css)."""
from __future__ import annotations

from edition.checks import commentary
from edition.core import escaping
from edition.core.document import Heading, Paragraph
from edition.core.i18n import t
from edition.html.cards import Cards
from edition.html.chapters import Renderer
from edition.html.urls import Linker
from edition.model.edition import Edition
from edition.sources.markup import plain_text
from edition.core import i18n

PARALLEL_DIR = "paralel"
COLUMN_LABELS = i18n.each("parallel_columns")


class ParallelViews:
    """The parallel views of one build: a chapter's rows are the same in the view of either
    language (only the title and the column labels differ), so they are rendered once."""

    def __init__(self, edition: Edition):
        self.edition = edition
        self._rows: dict[str, tuple[list[str], str]] = {}

    def page(self, name: str, lang: str) -> str:
        if name not in self._rows:
            self._rows[name] = _rows(self.edition, name)
        return parallel_page(self.edition, name, lang, self._rows[name])


def parallel_page(edition: Edition, name: str, lang: str, rows: tuple[list[str], str] | None = None) -> str:
    src = f"{PARALLEL_DIR}/{name}"
    langs = _langs(edition)
    chapter = edition.chapter(name, lang)
    title = plain_text(chapter.title.content, reading="corrected") if chapter.title else name
    out = [f"# {escaping.markdown_text(title)} {{ #parallel }}",
           f'<p class="provenance">{escaping.attr(t(lang, "parallel_intro"))} '
           f'<a href="{escaping.attr(Linker(src).to(name))}">{escaping.attr(title)}</a></p>']
    head = "".join(f'<div class="cell col-label" lang="{x}">{escaping.attr(COLUMN_LABELS[lang][x])}</div>' for x in langs)
    body, cards = rows if rows is not None else _rows(edition, name)
    out.append('<div class="parallel">' + "\n".join([f'<div class="pair pair-labels" aria-hidden="true">{head}</div>',
                                                       *body]) + "</div>")
    if cards:
        out.append(cards)
    return "\n\n".join(out) + "\n"


def _langs(edition: Edition) -> list[str]:
    return [edition.default_lang] + [x for x in edition.languages if x != edition.default_lang]


def _rows(edition: Edition, name: str) -> tuple[list[str], str]:
    """The rows of a chapter's parallel view (paragraphs, headings, notes, comments) and its cards."""
    src = f"{PARALLEL_DIR}/{name}"
    langs = _langs(edition)
    chapters = {x: edition.chapter(name, x) for x in langs}
    cards = Cards()   # one set of card templates for the page; ids carry the column's language
    renderers = {x: Renderer(edition, x, Linker(src), prefix=f"{x}-", cards=cards) for x in langs}
    base = chapters[edition.default_lang]
    top = min((h.level for h in base.headings), default=1)
    others = {x: {_key(b): b for b in chapters[x].blocks if _key(b)} for x in langs}
    rows = []
    for block in base.blocks:
        key = _key(block)
        if not key:
            continue
        cells = []
        for x in langs:
            other = others[x].get(key)
            r = renderers[x]
            if isinstance(other, Heading):
                text = escaping.attr(plain_text(other.content, reading="corrected"))
                level = min(other.level - top + 2, 6)  # the page's own title is the only h1
                cells.append(f'<h{level} class="cell" lang="{x}" id="{x}-{other.anchor}">{text}</h{level}>')
            elif isinstance(other, Paragraph):
                cells.append(r.paragraph(other, cls="para cell", lang_always=True))
        anchor = block.anchor
        rows.append(f'<div class="pair" id="{anchor}">' + "".join(cells) + "</div>")
    for number in sorted(base.notes):
        cells = []
        for x in langs:
            note = chapters[x].notes[number]
            cells.append(f'<ol class="cell parallel-note" lang="{x}"><li id="{x}-n{number}" value="{number}">'
                         f'{renderers[x].note_body(note)}</li></ol>')
        rows.append(f'<div class="pair pair-note footnote" id="n{number}">' + "".join(cells) + "</div>")
    for placed in (edition.commentary.in_chapter(name) if edition.commentary else []):
        cells = "".join(f'<div class="cell" lang="{x}"><ol type="a" class="parallel-comment">'
                        f'{commentary.item_html(placed, x, f"{x}-", Linker(src).to)}</ol></div>' for x in langs)
        rows.append(f'<div class="pair pair-comment ed-comments" id="ed-{placed.comment.label}">{cells}</div>')
    return rows, cards.html() if cards else ""


def _key(block) -> str:
    if isinstance(block, Heading):
        return "h:" + block.anchor
    if isinstance(block, Paragraph):
        return "p:" + block.ident
    return ""
