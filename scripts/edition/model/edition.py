"""Cross-check the loaded sources and index who cites what.

Checks (each failure is a located Problem with a category):
- notes: every reference has a text in the same chapter and every text a
  reference; numbers run 1, 2, 3 ... through the whole edition, once each;
- citations: every key is a BibTeX entry or an archival document; a
  back-reference ("a.g.e.", "Ibid.") follows a full citation of the same work;
  every entry and document is cited;
- languages: each translation has the same paragraphs, headings, notes and
  citation keys as the original, in the same order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from edition.core.document import Chapter, Citation, CitationUse, Location, Note, NoteRef, Paragraph
from edition.core.errors import EditionError, Problem
from edition.model.formatting import References
from edition.model.ids import check_ids
from edition.model.mentions import MentionIndex, link_edition
from edition.model.mentions import check as check_mentions
from edition.sources.load import Sources, chapter_path
from edition.sources.markup import iter_tokens
from edition.sources.register import Register

BACKREF = re.compile(r"\b(a\.\s?g\.\s?e|a\.\s?g\.\s?m|a\.\s?e\.\s?g|ibid|op\.\s?cit|aynı eser)\b", re.I)


@dataclass
class Edition:
    """The checked edition: sources plus indexes the renderers need."""

    sources: Sources
    default_lang: str
    #: note number -> (chapter name, anchor of the paragraph that carries the reference)
    note_place: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: key -> uses, in note order (from the default language)
    uses: dict[str, list[CitationUse]] = field(default_factory=dict)
    #: chapter names in reading order (default-language file names)
    chapter_names: list[str] = field(default_factory=list)
    #: the works, formatted once per language
    references: References = field(init=False)
    #: where each register entry is mentioned (None: the edition has no register)
    mentions: MentionIndex | None = None
    #: the editorial commentary (commentary.Commentary) and the termbase (termbase.Termbase), if configured
    commentary: object | None = None
    termbase: object | None = None

    def __post_init__(self):
        self.references = References(self.sources.bibliography)

    def chapters(self, lang: str) -> list[Chapter]:
        return self.sources.chapters.get(lang, [])

    def chapter(self, name: str, lang: str) -> Chapter | None:
        for ch, n in zip(self.chapters(lang), self.chapter_names):
            if n == name:
                return ch
        return None

    @property
    def languages(self) -> list[str]:
        return [lang for lang, chs in self.sources.chapters.items() if chs]

    @property
    def register(self) -> Register | None:
        return self.sources.register

    def is_cited(self, key: str) -> bool:
        return key in self.uses


def build_edition(sources: Sources, chapter_names: list[str], default_lang: str = "tr") -> Edition:
    ed = Edition(sources, default_lang, chapter_names=list(chapter_names))
    problems: list[Problem] = []
    for lang, chapters in sources.chapters.items():
        if not chapters:
            continue
        if len(chapters) != len(chapter_names):
            missing = [n for n in chapter_names
                       if not any(c.path.endswith(n.replace(".md", f".{lang}.md")) for c in chapters)]
            first = chapter_path(missing[0], lang) if missing else "?"
            problems.append(Problem(Location(f"docs/{first}", 1), "missing",
                                    f"the {lang!r} edition lacks chapter file(s): "
                                    f"{', '.join(chapter_path(n, lang) for n in missing)}"))
            continue
        problems += check_ids(chapters)
        problems += _check_notes(chapters)
        problems += _check_citations(sources, chapters, ed if lang == default_lang else None)
    if problems:
        raise EditionError(problems)
    for chapter, name in zip(sources.chapters[default_lang], chapter_names):
        for para in chapter.paragraphs:
            for tok in iter_tokens(para.content):
                if isinstance(tok, NoteRef):
                    ed.note_place[tok.number] = (name, para.anchor)
    problems += _check_uncited(sources, ed)
    for lang in ed.languages:
        if lang != default_lang:
            problems += _check_alignment(sources.chapters[default_lang], sources.chapters[lang])
    if problems:
        raise EditionError(problems)
    if sources.register is not None:
        ed.mentions = link_edition(ed, sources.register)
        problems += check_mentions(sources.register, ed.mentions)
        problems += _check_document_refs(sources)
        if problems:
            raise EditionError(problems)
    return ed


def _check_document_refs(sources: Sources) -> list[Problem]:
    """author_refs / recipient_refs / subject_refs of archives.yaml name register entries."""
    problems = []
    for key, refs in sources.document_refs.items():
        doc = sources.documents.get(key)
        for role, ids in refs.items():
            for ident in ids:
                e = sources.register.entities.get(ident)
                if e is None or (role != "subject" and e.kind not in ("person", "organisation")):
                    what = "no register entry" if e is None else f"a {e.kind}, not a person or organisation"
                    problems.append(Problem(doc.location if doc else Location("bibliography/archives.yaml", 1),
                                            "register-ref", f"document {key!r}: {role}_refs {ident!r} is {what}"))
    return problems


def _check_notes(chapters: list[Chapter]) -> list[Problem]:
    problems = []
    expected = 1
    for ch in chapters:
        refs: list[tuple[int, Location]] = []
        for block in ch.blocks:
            if isinstance(block, Paragraph):
                refs += [(t.number, block.location) for t in iter_tokens(block.content) if isinstance(t, NoteRef)]
        seen = set()
        for number, loc in refs:
            if number in seen:
                problems.append(Problem(loc, "note-duplicate", f"note {number} is referenced twice"))
            elif number not in ch.notes:
                problems.append(Problem(loc, "note-undefined", f"note {number} is referenced but has no text in {ch.path}"))
            if number != expected and number not in seen:
                problems.append(Problem(loc, "note-order", f"note {number} out of order: expected note {expected}"))
            seen.add(number)
            expected = max(expected, number + 1)
        for number, note in ch.notes.items():
            if number not in seen:
                problems.append(Problem(note.location, "note-unreferenced",
                                        f"note {number} has a text but no reference in the chapter"))
    return problems


def _work_of(sources: Sources, key: str) -> str:
    """The work a key belongs to: a crossref child belongs to its parent volume."""
    entry = sources.bibliography.entries.get(key)
    if entry is not None and entry.fields.get("crossref"):
        return entry.fields["crossref"]
    return key


def _check_citations(sources: Sources, chapters: list[Chapter], ed: Edition | None) -> list[Problem]:
    problems = []
    seen_works: set[str] = set()
    for ch in chapters:
        for number in sorted(ch.notes):
            note = ch.notes[number]
            for tok in iter_tokens(note.content):
                if not isinstance(tok, Citation):
                    continue
                loc = note.location
                if tok.key not in sources.bibliography.entries and tok.key not in sources.documents:
                    problems.append(Problem(loc, "key-unknown", f"note {number}: unknown citation key {tok.key!r}",
                                            cause=f"key-unknown|{tok.key}"))
                    continue
                text = "".join(t.text for t in iter_tokens(tok.content) if hasattr(t, "text"))
                work = _work_of(sources, tok.key)
                if BACKREF.search(text) and work not in seen_works and tok.key not in seen_works:
                    problems.append(Problem(loc, "backref",
                                            f"note {number}: back-reference {text.strip()!r} to {tok.key!r} "
                                            "has no earlier full citation of that work"))
                seen_works.update({tok.key, work})
                if ed is not None:
                    ed.uses.setdefault(tok.key, []).append(CitationUse(tok.key, number, ch.path, tok.locators))
    return problems


def _check_uncited(sources: Sources, ed: Edition) -> list[Problem]:
    problems = []
    cited_works = {_work_of(sources, k) for k in ed.uses}
    for key, entry in sources.bibliography.entries.items():
        if key in ed.uses or key in cited_works or "uncited" in entry.fields.get("keywords", ""):
            continue
        problems.append(Problem(sources.entry_locations[key], "uncited", f"entry {key!r} is never cited"))
    for key, doc in sources.documents.items():
        if key not in ed.uses:
            problems.append(Problem(doc.location, "uncited", f"archival document {key!r} is never cited"))
    return problems


def note_keys(note: Note) -> list[str]:
    return [t.key for t in iter_tokens(note.content) if isinstance(t, Citation)]


def _check_alignment(original: list[Chapter], translation: list[Chapter]) -> list[Problem]:
    problems = []
    for a, b in zip(original, translation):
        problems += _pairwise(a, b, a.paragraphs, b.paragraphs, lambda p: p.ident, "¶{}", "paragraph")
        problems += _pairwise(a, b, a.headings, b.headings, lambda h: h.anchor, "#{}", "heading")
        if sorted(a.notes) != sorted(b.notes):
            problems.append(Problem(Location(b.path, 1), "alignment",
                                    f"notes differ from {a.path}: {sorted(set(a.notes) ^ set(b.notes))}"))
            continue
        for number in a.notes:
            if note_keys(a.notes[number]) != note_keys(b.notes[number]):
                problems.append(Problem(b.notes[number].location, "alignment",
                                        f"note {number} cites {note_keys(b.notes[number])}, "
                                        f"the original cites {note_keys(a.notes[number])}"))
    return problems


def _pairwise(a: Chapter, b: Chapter, items_a, items_b, key, label: str, what: str) -> list[Problem]:
    """Where the original's and the translation's sequences first part, named in BOTH files (the
    original first): which of the two was changed only the editor knows."""
    ids_a, ids_b = [key(x) for x in items_a], [key(x) for x in items_b]
    if ids_a == ids_b:
        return []
    k = next((i for i, (x, y) in enumerate(zip(ids_a, ids_b)) if x != y), min(len(ids_a), len(ids_b)))

    def at(chapter: Chapter, items, ids) -> tuple[Location, str]:
        if k < len(items):
            return items[k].location or Location(chapter.path, 1), label.format(ids[k])
        return (items[-1].location if items else None) or Location(chapter.path, 1), "nothing"

    loc_a, here_a = at(a, items_a, ids_a)
    loc_b, here_b = at(b, items_b, ids_b)
    missing = [label.format(i) for i in ids_a if i not in ids_b]
    extra = [label.format(i) for i in ids_b if i not in ids_a]
    detail = "; ".join(x for x in ((f"not translated: {', '.join(missing)}" if missing else ""),
                                   (f"not in the original: {', '.join(extra)}" if extra else "")) if x) or "order differs"
    cause = f"alignment|{what}|{a.path}|{b.path}"
    return [Problem(loc_a, "alignment", f"the {what}s of the original and the translation part here: {here_a} "
                    f"in {a.path}, {here_b} at {loc_b} ({detail})", cause),
            Problem(loc_b, "alignment", f"{here_b} here, {here_a} in the original at {loc_a}", cause)]
