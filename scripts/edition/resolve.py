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

from .errors import EditionError, Problem
from .formatting import References
from .markup import iter_tokens
from .model import Chapter, Citation, CitationUse, Location, Note, NoteRef, Paragraph
from .sources import Sources

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
            problems.append(Problem(Location(f"docs/{missing[0] if missing else '?'}", 1), "alignment",
                                    f"the {lang!r} edition lacks chapter(s): {', '.join(missing)}"))
            continue
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
    return ed


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
                    problems.append(Problem(loc, "key-unknown", f"note {number}: unknown citation key {tok.key!r}"))
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
        ids_a = [p.ident for p in a.paragraphs]
        ids_b = [p.ident for p in b.paragraphs]
        if ids_a != ids_b:
            missing = [i for i in ids_a if i not in ids_b]
            extra = [i for i in ids_b if i not in ids_a]
            where = b.paragraphs[0].location if b.paragraphs else Location(b.path, 1)
            detail = (f"missing ¶{', ¶'.join(missing)}" if missing else "") + \
                     (f" extra ¶{', ¶'.join(extra)}" if extra else "") or "order differs"
            for p in b.paragraphs:
                if p.ident in extra:
                    where = p.location
                    break
            problems.append(Problem(where, "alignment", f"paragraphs differ from {a.path}: {detail.strip()}"))
        anchors_a = [h.anchor for h in a.headings]
        anchors_b = [h.anchor for h in b.headings]
        if anchors_a != anchors_b:
            problems.append(Problem(Location(b.path, 1), "alignment",
                                    f"heading anchors differ from {a.path}: {anchors_a} vs {anchors_b}"))
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
