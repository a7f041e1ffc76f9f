"""Link every mention of a register entry in the text (issue 12): one pass over the parsed
chapters, after parsing and before rendering, so that every renderer sees `Mention` tokens.

Rules (handbook/register.md):
- a page matches the spellings of its language (`spellings.tr` in docs/*.md, `spellings.en` in
  docs/*.en.md); a paragraph or heading in another language (the author's English abstract in
  a Turkish file) matches that language's spellings too;
- longest spelling first, whole words only, exact letters and case: "Milletler Cemiyeti" wins
  over "Cemiyet"; a Turkish suffix after an apostrophe stays outside the link (Çiçerin’in:
  the link is "Çiçerin"), since an apostrophe is not a letter;
- body text, headings and the author's notes are linked; the text of a citation is not (a
  bibliographic title is the cited work's, and a citation is already a link), but a name in it
  is indexed: the entity's page lists the notes whose references name it ("cited");
- `[Chamberlain]{=austen-chamberlain}` links a span to an entry explicitly (disambiguation, or a
  form the register's spellings do not list); `[Ankara]{=-}` keeps a spelling unlinked.

The pass returns a `MentionIndex`: where each entity is mentioned (paragraphs, headings, notes,
with a short context), which entities each chapter mentions, and how often each spelling
matched, for the checks in `check`.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from edition.core.document import Citation, Emendation, Emphasis, Heading, Location, Mention, Note, Paragraph, Text
from edition.core.errors import Problem
from edition.sources.markup import plain_text
from edition.sources.register import Register


@dataclass(frozen=True)
class Occurrence:
    """One place that mentions an entity: a paragraph, heading or note of a chapter."""

    lang: str
    chapter: str          # default-language file name, e.g. "savas-korkusu.md"
    anchor: str           # "p12", "s2-1", "n40"
    place: str            # "para" | "heading" | "note" | "cited" (named in a note's citation, not linked)
    label: str            # "12", "s2-1", "40" (¶ number, heading anchor, note number)
    context: str          # a short stretch of text around the first mention in that place


@dataclass
class MentionIndex:
    by_entity: dict[str, list[Occurrence]] = field(default_factory=lambda: defaultdict(list))
    by_chapter: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (lang, chapter) -> ids
    spelling_hits: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    cited_hits: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))   # inside citations
    links: dict[str, int] = field(default_factory=lambda: defaultdict(int))      # lang -> links made
    suppressed: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # lang -> {=-} spans
    problems: list[Problem] = field(default_factory=list)

    def occurrences(self, ident: str, lang: str) -> list[Occurrence]:
        return [o for o in self.by_entity.get(ident, []) if o.lang == lang]


class Matcher:
    """Finds the spellings of one or more languages in text, longest first, whole words."""

    def __init__(self, register: Register, langs: tuple[str, ...]):
        self.owner: dict[str, str] = {}
        self.lang_of: dict[str, str] = {}
        for lang in langs:
            for e in register.entities.values():
                for form in e.spellings(lang):
                    self.owner.setdefault(form, e.ident)
                    self.lang_of.setdefault(form, lang)
        forms = sorted(self.owner, key=lambda f: (-len(f), f))
        self.pattern = (re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
                        if forms else None)

    def split(self, text: str):
        """Yield (start, end, form) of each match."""
        if self.pattern is None:
            return
        for m in self.pattern.finditer(text):
            yield m.start(), m.end(), m.group()


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    if a > 0:
        a = text.find(" ", a, start) + 1 or a
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space > end else b
    return ("… " if a > 0 else "") + " ".join(text[a:b].split()) + (" …" if b < len(text) else "")


class _Pass:
    def __init__(self, register: Register, index: MentionIndex, lang: str):
        self.register = register
        self.index = index
        self.lang = lang
        self.matchers: dict[tuple[str, ...], Matcher] = {}

    def matcher(self, langs: tuple[str, ...]) -> Matcher:
        if langs not in self.matchers:
            self.matchers[langs] = Matcher(self.register, langs)
        return self.matchers[langs]

    def content(self, content, matcher: Matcher, found: list, loc: Location | None):
        out = []
        for tok in content:
            if isinstance(tok, Text):
                pos = 0
                for start, end, form in matcher.split(tok.text):
                    if start > pos:
                        out.append(Text(tok.text[pos:start]))
                    ident = matcher.owner[form]
                    out.append(Mention(ident, (Text(form),)))
                    self.index.spelling_hits[(matcher.lang_of[form], form)] += 1
                    found.append((ident, tok.text, start, end, False))
                    pos = end
                if pos == 0:
                    out.append(tok)
                elif pos < len(tok.text):
                    out.append(Text(tok.text[pos:]))
            elif isinstance(tok, Emphasis):
                out.append(Emphasis(tuple(self.content(tok.content, matcher, found, loc))))
            elif isinstance(tok, Mention):
                if tok.entity == "-":
                    self.index.suppressed[self.lang] += 1
                    out.extend(tok.content)       # not a mention: its text, unlinked
                    continue
                if tok.entity not in self.register.entities:
                    self.index.problems.append(Problem(tok.location or loc, "register-unknown",
                                                       f"[{plain_text(tok.content)}]{{={tok.entity}}}: "
                                                       f"no register entry has the id {tok.entity!r}"))
                text = plain_text(tok.content)
                found.append((tok.entity, text, 0, len(text), False))
                out.append(tok)
            elif isinstance(tok, Citation):
                # The text of a citation (a cited document's title) is not linked, but a name in it is
                # indexed: the entity's page lists the notes whose references name it.
                cited = plain_text(tok.content)
                for start, end, form in matcher.split(cited):
                    self.index.cited_hits[(matcher.lang_of[form], form)] += 1
                    found.append((matcher.owner[form], cited, start, end, True))
                out.append(tok)
            elif isinstance(tok, Emendation) and tok.corrected in matcher.owner and \
                    matcher.pattern.fullmatch(tok.corrected):
                # an emended name ({~~Reigtag~>Reichstag~~}) is found by its corrected reading
                ident = matcher.owner[tok.corrected]
                self.index.spelling_hits[(matcher.lang_of[tok.corrected], tok.corrected)] += 1
                found.append((ident, tok.corrected, 0, len(tok.corrected), False))
                out.append(Mention(ident, (tok,)))
            else:   # NoteRef, PageBreak, other emendations
                out.append(tok)
        return out

    def place(self, content, langs, loc, chapter, anchor, kind, label):
        found: list = []
        new = tuple(self.content(content, self.matcher(langs), found, loc))
        seen: dict[str, None] = {}   # in order of first mention (a set's order changes with the hash seed)
        seen_cited: set[str] = set()
        full = " ".join(plain_text(new, reading="corrected").split())
        for ident, text, start, end, in_citation in found:
            if in_citation:
                if ident in seen_cited:
                    continue
                seen_cited.add(ident)
                self.index.by_entity[ident].append(
                    Occurrence(self.lang, chapter, anchor, "cited", label, _context(" ".join(text.split()), start, end)))
                continue
            self.index.links[self.lang] += 1
            if ident in seen:
                continue
            seen[ident] = None
            name = " ".join(text[start:end].split())
            at = max(full.find(name), 0)
            self.index.by_entity[ident].append(
                Occurrence(self.lang, chapter, anchor, kind, label, _context(full, at, at + len(name))))
        return new, seen


def link_edition(edition, register: Register) -> MentionIndex:
    """Replace the chapters' inline content by linked content, in every language; index it."""
    index = MentionIndex()
    for lang in edition.languages:
        run = _Pass(register, index, lang)
        for chapter, name in zip(edition.chapters(lang), edition.chapter_names):
            mentioned: dict[str, None] = {}
            for i, block in enumerate(chapter.blocks):
                langs = (lang,) if not block_lang(block) or block_lang(block) == lang else (lang, block_lang(block))
                if isinstance(block, Paragraph):
                    label = block.ident
                    content, ids = run.place(block.content, langs, block.location, name, block.anchor,
                                             "para", label)
                    chapter.blocks[i] = Paragraph(block.ident, content, block.lang, block.location)
                elif isinstance(block, Heading):
                    content, ids = run.place(block.content, langs, block.location, name, block.anchor,
                                             "heading", plain_text(block.content, reading="corrected"))
                    chapter.blocks[i] = Heading(block.level, block.anchor, content, block.supplied, block.lang,
                                                block.location)
                else:
                    continue
                mentioned.update(dict.fromkeys(ids))
            for number in sorted(chapter.notes):
                note = chapter.notes[number]
                content, ids = run.place(note.content, (lang,), note.location, name, f"n{number}", "note",
                                         str(number))
                chapter.notes[number] = Note(number, content, note.location)
                mentioned.update(dict.fromkeys(ids))
            index.by_chapter[(lang, name)] = list(mentioned)
    return index


def block_lang(block) -> str | None:
    return getattr(block, "lang", None)


def check(register: Register, index: MentionIndex) -> list[Problem]:
    """Unknown ids in markup, entries never mentioned, spellings that never occur."""
    problems = list(index.problems)
    for e in register.entities.values():
        if not index.by_entity.get(e.ident):
            problems.append(Problem(e.location, "register-unused",
                                    f"{e.ident!r} is never mentioned in the text: add the spelling the text uses, "
                                    "or remove the entry"))
            continue
        for (lang, form), where in e.spelling_locations.items():
            if not index.spelling_hits.get((lang, form)) and not index.cited_hits.get((lang, form)):
                problems.append(Problem(where, "register-spelling",
                                        f"{e.ident}: spelling {form!r} ({lang}) never occurs in the "
                                        f"{'Turkish' if lang == 'tr' else 'English'} text (a longer spelling "
                                        "may cover every occurrence)"))
    return problems


def mentions_in(content) -> list[str]:
    """The entity ids of the mentions in inline content, in order (with repetitions)."""
    out = []
    for tok in content:
        if isinstance(tok, Mention):
            out.append(tok.entity)
        elif isinstance(tok, Emphasis):
            out += mentions_in(tok.content)
        elif isinstance(tok, Citation):
            continue
    return out
