"""Render chapters to the Markdown + HTML that MkDocs turns into pages.

Headings stay Markdown (so MkDocs builds the table of contents and page
titles); paragraphs and notes become HTML blocks, escaped here, so that no
Markdown rule can touch the article's text (backticks, asterisks, "1." at a
line start). Links are computed by a `Linker`, never guessed.
"""
from __future__ import annotations

import functools
import hashlib
import html
import re
from dataclasses import dataclass

import markdown

from edition.checks import commentary
from edition.core import escaping
from edition.core.document import (Chapter, Citation, Directive, Emendation, Emphasis, Heading, Mention, NoteRef,
    PageBreak, PageMarker, Paragraph, Text)
from edition.core.escaping import attr, text
from edition.core.i18n import t
from edition.html import entity_pages as entities
from edition.html import urls
from edition.html.cards import LOC_SLOT, Cards
from edition.html.urls import Linker, SingleFileLinker
from edition.model.edition import Edition
from edition.model.formatting import document_html, format_locators
from edition.sources.markup import plain_text


def markdown_html(text: str) -> str:
    """The Markdown that a renderer makes, as HTML, for the exports made without MkDocs (the
    one-file edition, the EPUB): Python-Markdown with MkDocs' `attr_list` and `tables`."""
    return _markdown().reset().convert(text)


@functools.lru_cache(maxsize=1)
def _markdown():
    """One converter, reset before each document (making one costs ~3 ms, ~60 times a build)."""
    return markdown.Markdown(extensions=["attr_list", "tables"])


@dataclass
class Renderer:
    edition: Edition
    lang: str
    linker: Linker
    emendation_ids: dict[int, str] | None = None  # id(Emendation) -> anchor, for the default language
    prefix: str = ""  # prefixes every id, for pages that show two languages side by side
    notes_anchor: str = "notlar"  # the notes heading's id (one per chapter; the single file needs several)
    comments_anchor: str = "yorumlar"  # the editorial comments heading's id (likewise)
    changed: dict[str, str] | None = None  # paragraph anchor -> marker text ("changed in 1.1"), see html/changelog.py
    # The page's card templates (see cards.py): note references, citations and emendations become
    # card triggers. None for documents without the card script (the one-file edition): plain links,
    # with the browser's own tooltip (title) on citations and emendations.
    cards: Cards | None = None
    _in_note: bool = False

    def inline(self, content) -> str:
        out = []
        for tok in content:
            if isinstance(tok, Text):
                out.append(escaping.text(tok.text))
            elif isinstance(tok, NoteRef):
                n = tok.number
                card = f' data-card="{self.prefix}n{n}"' if self.cards is not None else ""
                out.append(f'<sup class="fnref" id="{self.prefix}nr{n}"><a class="footnote-ref" href="#{self.prefix}n{n}"{card} '
                           f'aria-label="{escaping.attr(t(self.lang, "note"))} {n}">{n}</a></sup>')
            elif isinstance(tok, PageBreak):
                out.append(self.page_break(tok.page))
            elif isinstance(tok, Emendation):
                out.append(self.emendation(tok))
            elif isinstance(tok, Emphasis):
                out.append(f"<em>{self.inline(tok.content)}</em>")
            elif isinstance(tok, Citation):
                out.append(self.citation(tok))
            elif isinstance(tok, Mention):
                out.append(self.mention(tok, self.inline(tok.content)))
            elif isinstance(tok, commentary.Mark):
                out.append(commentary.marker_html(tok, self.lang, self.prefix, card=self.cards is not None,
                                                  href=self._elsewhere(tok.label)))
        return "".join(out)

    def mention(self, tok: Mention, inner: str) -> str:
        """A name linked to its register page, with its card (entities.card_html)."""
        register = self.edition.register
        e = register.entities.get(tok.entity) if register else None
        if e is None:
            return inner
        href = self.linker.to(urls.entity_src(e.ident))
        if len(tok.content) == 1 and isinstance(tok.content[0], Emendation):
            return self._emended_mention(e, tok.content[0], href)
        return urls.mention_html(href, inner)   # its card is the shared e-<id>, found by the link

    def _emended_mention(self, e, em: Emendation, href: str) -> str:
        """An emended name ({~~Reigtag~>Reichstag~~}) is one element, link and emendation at once
        (a card trigger inside a link would nest interactive elements): its card gives the entity
        and the source reading."""
        ident, card = self._emendation_marks(em, f"e-{e.ident}-em-", lambda: entities.card_html(e, self.lang, href))
        return (f'<a class="entity emendation"{ident} href="{attr(href)}" '
                f'data-sic="{attr(em.original)}"{card}>{text(em.corrected)}</a>')

    def heading_text(self, content) -> str:
        """A heading's Markdown: its text escaped for Markdown (escaping.markdown_text), with
        mentions as links."""
        out = []
        for tok in content:
            if isinstance(tok, Mention):
                out.append(self.mention(tok, escaping.markdown_text(plain_text(tok.content, reading="corrected"))))
            elif isinstance(tok, Emphasis):
                out.append(self.heading_text(tok.content))
            else:
                out.append(escaping.markdown_text(plain_text((tok,), reading="corrected")))
        return "".join(out)

    def _elsewhere(self, label: str) -> str:
        """The address of comment `label` when it stands at the end of another chapter, else ""."""
        home = self.edition.commentary.home(label)
        here = self.linker.current.rsplit("/", 1)[-1]   # giris.md, also for its parallel view
        if home == here or isinstance(self.linker, SingleFileLinker):
            return ""
        return self.linker.to(home, f"ed-{label}")

    def marked(self, content, anchor: str):
        """The content with the markers of the editorial comments anchored to it."""
        comments = self.edition.commentary
        return comments.mark(content, self.lang, anchor) if comments else content

    def page_break(self, page: int) -> str:
        label = escaping.attr(t(self.lang, "pdf_page"))
        # Page breaks inside notes repeat a page of the body: no second id for them.
        ident = "" if self._in_note else f' id="{self.prefix}page-{page}"'
        return (f'<span class="pb"{ident} data-page="{page}" '
                f'title="{label} {page}" aria-label="{label} {page}" role="note"></span>')

    def emendation(self, tok: Emendation) -> str:
        """The corrected reading; the source reading follows it (CSS, from data-sic) and its
        card says both, with the reason."""
        ident, card = self._emendation_marks(tok, "em-", lambda: "")
        return (f'<span class="emendation"{ident} data-sic="{attr(tok.original)}"{card}>'
                f'{text(tok.corrected)}</span>')

    def _emendation_marks(self, em: Emendation, key: str, lead) -> tuple[str, str]:
        """An emendation's id (in the default language) and its card — `lead()` above the source
        reading — or, in documents without cards, the browser's own tooltip."""
        note = t(self.lang, "emended_from").format(original=em.original) + (f" ({em.reason})" if em.reason else "")
        anchor = (self.emendation_ids or {}).get(id(em), "")
        ident = f' id="{self.prefix}{anchor}"' if anchor else ""
        if self.cards is None:
            return ident, f' title="{attr(note)}"'
        key = f"{self.prefix}{key}{_digest(em.original, em.reason or '')}"
        return ident, f' data-card="{attr(self.cards.add(key, lead() + f"<p>{text(note)}</p>"))}"'


    def citation(self, tok: Citation) -> str:
        """A link to the bibliography entry or the archival document; its card is the shared
        reference card (reference_card) with the cited pages of this citation (`data-loc`)."""
        ed = self.edition
        href = self.linker.document(ed, tok.key) if tok.key in ed.sources.documents else self.linker.work(tok.key)
        locators = format_locators(tok.locators, self.lang) if tok.locators else ""
        if self.cards is None:
            full = reference_html(ed, tok.key, self.lang)
            if locators:
                full = f"{full.rstrip().removesuffix('.')}, {text(locators)}."
            card = f' title="{attr(html.unescape(_TAG.sub("", full)))}"'
        else:
            card = f' data-card="{attr(reference_card_id(tok.key))}"' + (f' data-loc="{attr(locators)}"' if locators else "")
        return (f'<a class="cite" href="{attr(href)}"{card}>'
                f'{self.inline(tok.content)}</a>')

    # -- blocks ------------------------------------------------------------------
    def paragraph(self, p: Paragraph, cls: str = "para", lang_always: bool = False) -> str:
        code = p.lang or self.lang
        lang = f' lang="{code}"' if lang_always or code != self.lang else ""
        num = ""
        if p.numbered:
            label = escaping.attr(f"¶ {p.ident}")
            num = (f'<a class="para-num" href="#{self.prefix}{p.anchor}" data-n="{p.ident}" '
                   f'aria-label="{label}" title="{escaping.attr(t(self.lang, "para_link"))}"></a>')
        mark = (self.changed or {}).get(p.anchor)
        changed = f' data-changed="{escaping.attr(mark)}"' if mark else ""
        body = self.inline(self.marked(p.content, p.anchor))
        return f'<p class="{cls}" id="{self.prefix}{p.anchor}"{lang}{changed}>{num}{body}</p>'

    def heading(self, h: Heading) -> str:
        attrs = [f"#{h.anchor}"]
        if h.supplied:
            attrs += [".supplied", f'title="{t(self.lang, "supplied_heading")}"']
        if h.lang and h.lang != self.lang:
            attrs.append(f"lang={h.lang}")
        text = self.heading_text(h.content)
        if h.supplied:
            text = f"\\[{text}\\]"  # the editorial convention for a supplied heading
        return f"{'#' * h.level} {text} {{ {' '.join(attrs)} }}"

    def note_body(self, note) -> str:
        back = escaping.attr(t(self.lang, "back_to_text"))
        n = note.number
        self._in_note = True
        try:
            body = self.inline(self.marked(note.content, f"n{n}"))
        finally:
            self._in_note = False
        return (f'{body} <a class="footnote-backref" href="#{self.prefix}nr{n}" '
                f'aria-label="{back} {n}" title="{back}" data-card-omit>↩</a>')

    def provenance(self, chapter: Chapter, block, previous) -> str:
        """Labels saying whose text the reader sees: the author's own English, or our translation."""
        if isinstance(block, Paragraph) and block.lang and not (isinstance(previous, Paragraph) and previous.lang):
            return f'<p class="provenance author-text">{escaping.attr(t(self.lang, "author_text"))}</p>'
        return ""

    def translation_banner(self, chapter: Chapter, linker: Linker) -> str:
        if self.lang == self.edition.default_lang or all(p.lang for p in chapter.paragraphs) \
                or not t(self.lang, "translation_banner"):
            return ""
        href = escaping.attr(linker.to("ceviri.md"))
        return (f'<p class="provenance translation">{escaping.attr(t(self.lang, "translation_banner"))} '
                f'<a href="{href}">{escaping.attr(t(self.lang, "translator_note"))}</a></p>')

    def notes(self, chapter: Chapter) -> str:
        if not chapter.notes:
            return ""
        items = [f'<li id="{self.prefix}n{n}" value="{n}"><p>{self.note_body(chapter.notes[n])}</p></li>'
                 for n in sorted(chapter.notes)]
        return (f'## {t(self.lang, "notes")} {{ #{self.notes_anchor} .notes-heading }}\n\n'
                f'<div class="footnote notes"><ol>\n' + "\n".join(items) + "\n</ol></div>")

    def _name_of(self, chapter: Chapter) -> str:
        for lang in self.edition.languages:
            for ch, name in zip(self.edition.chapters(lang), self.edition.chapter_names):
                if ch is chapter:
                    return name
        return ""

    def chapter(self, chapter: Chapter, directive, tools: str = "") -> str:
        """Markdown for the whole chapter; `directive(name)` renders generated blocks,
        `tools` (links such as the parallel view) go under the title."""
        parts = []
        previous = None
        banner = self.translation_banner(chapter, self.linker) + tools
        for block in chapter.blocks:
            if isinstance(block, Heading):
                if banner and block.level > 1:   # no title of its own (the home page): before the first heading
                    parts.append(banner)
                    banner = ""
                parts.append(self.heading(block))
                if banner and block.level == 1:
                    parts.append(banner)
                    banner = ""
            elif isinstance(block, Paragraph):
                label = self.provenance(chapter, block, previous)
                if label:
                    parts.append(label)
                parts.append(self.paragraph(block))
            elif isinstance(block, PageMarker):
                parts.append(f'<div class="pb-block">{self.page_break(block.page)}</div>')
            elif isinstance(block, Directive):
                parts.append(directive(block.name))
            previous = block
        if banner:
            parts.insert(0, banner)
        notes = self.notes(chapter)
        if notes:
            parts.append(notes)
        comments = commentary.section(self.edition.commentary, self._name_of(chapter), self.lang,
                                      self.comments_anchor, self.prefix, self.linker.to)
        if comments:
            parts.append(comments)
        if self.cards:
            parts.append(self.cards.html())
        return "\n\n".join(parts) + "\n"


_TAG = re.compile(r"<[^>]+>")


def reference_html(edition: Edition, key: str, lang: str) -> str:
    """The full reference of a work or an archival document, escaped HTML."""
    if key in edition.sources.documents:
        return document_html(edition.sources.documents[key], lang)
    return edition.references.html(key, lang)


def reference_card_id(key: str) -> str:
    return f"ref-{key}"


def reference_card(edition: Edition, key: str, lang: str) -> str:
    """The shared card of a reference (cards.py): the full reference, with the slot where the
    card script puts the cited place of each citation (", p. 44") before the final full stop."""
    full = reference_html(edition, key, lang).rstrip()
    stop = "." if full.endswith(".") else ""
    return f"<p>{full.removesuffix('.')}{LOC_SLOT}{stop}</p>"


def _digest(*parts: str) -> str:
    """A short, stable id part for card content that has no key of its own."""
    return hashlib.blake2s("\x1f".join(parts).encode("utf-8"), digest_size=4).hexdigest()
