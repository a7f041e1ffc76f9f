"""The termbase: the edition's historical terms and institutions, the one English rendering
of each, and a check that the translation keeps to it.

Data: `termbase/terms.yaml` (schema `TermFile` below), loaded with `datafiles.load_data`.
Each term lists

- `tr`: the Turkish headword; `forms`: the Turkish forms to look for, written as *stems*. Turkish is agglutinative
  ("Komiserliği", "Komiserliği’nin", "Komiserliğinin"), so a stem matches at the start of
  a word and the last word of the stem may go on with any suffix (letters, apostrophes):
  `Dışişleri Halk Komiserliğ` finds all three forms above. Matching is Turkish-case-blind
  (İ/i, I/ı) and blind to the circumflex (â/a, î/i, û/u); a stem that must not run on
  into a longer word ends with `$` (`Konsey$` finds "Konsey’de", not "Konseyi" — rarely needed);
- `en`: the edition's rendering; `variants`: other English forms the translation may use
  (a short form, a plural, an abbreviation); `avoid`: English forms it must not use;
- `ru`: the Russian name (Cyrillic and Library of Congress romanisation) where relevant;
- `note`: when to use which form (both languages); `sources`: the works (references.Source) that
  support any historical fact the entry states.

The check (`check`) walks every aligned pair of paragraphs and notes of the default language
and the translation: where a Turkish form occurs, the English side must contain the
rendering or one of its variants (English is matched case-sensitively except for the first
letter, so "League secretariat" is not "League Secretariat"). Where several terms match
overlapping text, the longest match wins ("Sovyet Dışişleri Halk Komiseri" is the Commissar,
not the Commissariat). The author's own English (paragraphs marked `lang=en`) is not a
translation and is not checked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import field_validator

from edition.core import escaping
from edition.core.document import Location, Paragraph
from edition.core.errors import EditionError, Problem
from edition.core.turkish import fold_case, sort_key
from edition.model.formatting import source_html
from edition.sources.apparatus import Apparatus, Source, Works, check_addresses, cited, load_apparatus
from edition.sources.datafiles import DataFile, Schema, check_ident, check_unique, load_data
from edition.sources.markup import plain_text
from edition.core import i18n

_WORD_CHAR = r"[\w'’]"


def _fold_en(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


class Bilingual(Schema):
    tr: str
    en: str


class Russian(Schema):
    cyrl: str   # Cyrillic
    latn: str   # Library of Congress romanisation, without diacritics


class Term(Schema):
    id: str
    tr: str                 # the headword, as the Glossary shows it
    forms: list[str] = []   # the stems looked for in the text (default: the headword)
    en: str
    variants: list[str] = []
    avoid: list[str] = []
    ru: Russian | None = None
    note: Bilingual | None = None
    sources: list[Source] = []

    _id = field_validator("id")(check_ident)

    @field_validator("forms")
    @classmethod
    def _stems(cls, value: list[str]) -> list[str]:
        for stem in value:
            if len(stem.rstrip("$")) < 3:
                raise ValueError(f"Turkish form {stem!r} is too short to be looked for safely")
        return value

    @property
    def stems(self) -> list[str]:
        return self.forms or [self.tr]

    @property
    def renderings(self) -> list[str]:
        return [self.en, *self.variants]


class StylePhrase(Schema):
    """A calque or a wrong form the house style of the translation rules out wherever it stands
    (chapters, notes, the edition's own English pages, the register's English roles)."""

    avoid: str              # the phrase, matched like an avoided form of a term
    use: str                # what the house style writes instead
    note: str | None = None

    @field_validator("avoid")
    @classmethod
    def _long_enough(cls, value: str) -> str:
        if len(value.strip()) < 4:
            raise ValueError(f"style phrase {value!r} is too short to be looked for safely")
        return value


class TermFile(Schema):
    terms: list[Term]
    style: list[StylePhrase] = []

    @field_validator("terms")
    @classmethod
    def _unique(cls, value: list[Term]) -> list[Term]:
        return check_unique(value, lambda term: term.id, "term id {!r} is used twice")


@dataclass
class Termbase:
    terms: list[Term]
    data: DataFile | None = None
    works: Works | None = None     # the works the terms' sources cite
    style: list[StylePhrase] = field(default_factory=list)

    def __post_init__(self):
        # each stem with a plain substring that must occur before its (slower) pattern is tried
        self._tr = [(term, fold_case(stem.rstrip("$")).split()[0], _tr_pattern(stem))
                    for term in self.terms for stem in term.stems]
        # English phrases likewise: a lower-case substring test first, the pattern only if it passes
        self._en = {term.id: [(_needle(r), _en_pattern(r)) for r in term.renderings] for term in self.terms}
        self._avoid = [(term, a, _needle(a), _en_pattern(a, exact_case=True)) for term in self.terms for a in term.avoid]
        self._style = [(rule, _needle(rule.avoid), _en_pattern(rule.avoid)) for rule in self.style]

    def location(self, term: Term) -> Location:
        if self.data is None:
            return Location("termbase", 1)
        return self.data.location("terms", self.terms.index(term))

    def find_tr(self, text: str) -> list[tuple[Term, int, int]]:
        """Terms occurring in Turkish text: (term, start, end), overlaps resolved longest first."""
        folded = fold_case(text)
        hits = [(term, m.start(), m.end()) for term, needle, pattern in self._tr if needle in folded
                for m in pattern.finditer(folded) if _word_start(folded, m.start())]
        hits.sort(key=lambda h: (-(h[2] - h[1]), h[1]))
        taken: list[tuple[Term, int, int]] = []
        for hit in hits:
            if all(hit[2] <= s or hit[1] >= e for _, s, e in taken):
                taken.append(hit)
        return sorted(taken, key=lambda h: h[1])

    def rendered(self, term: Term, english: str) -> bool:
        text = _fold_en(english)
        lower = text.lower()
        return any(needle in lower and p.search(text) for needle, p in self._en[term.id])

    def avoided(self, english: str) -> list[tuple[Term, str]]:
        text = _fold_en(english)
        lower = text.lower()
        return [(term, phrase) for term, phrase, needle, p in self._avoid if needle in lower and p.search(text)]

    def unstyled(self, english: str) -> list[StylePhrase]:
        """The house style's ruled-out phrases in English text (first letter case-blind)."""
        text = _fold_en(english)
        lower = text.lower()
        return [rule for rule, needle, p in self._style if needle in lower and p.search(text)]

    def style_location(self, rule: StylePhrase) -> Location:
        if self.data is None:
            return Location("termbase", 1)
        return self.data.location("style", self.style.index(rule))


def _tr_pattern(stem: str) -> re.Pattern:
    exact = stem.endswith("$")
    body = re.escape(fold_case(stem.rstrip("$"))).replace(r"\ ", r"\s+")
    tail = r"(?![\w])" if exact else _WORD_CHAR + "*"
    # no look-behind: a pattern that starts with a literal is searched much faster (word start: _word_start)
    return re.compile(rf"{body}{tail}")


def _word_start(text: str, i: int) -> bool:
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")


def _needle(phrase: str) -> str:
    return _fold_en(phrase).lower().split()[0]


def _en_pattern(phrase: str, exact_case: bool = False) -> re.Pattern:
    phrase = _fold_en(phrase)
    first, rest = phrase[0], re.escape(phrase[1:]).replace(r"\ ", r"\s+")
    head = re.escape(first) if exact_case or not first.isalpha() else f"[{first.upper()}{first.lower()}]"
    return re.compile(rf"(?<![\w]){head}{rest}")


def load(root: Path, rel: str, apparatus: Apparatus | None = None) -> Termbase:
    apparatus = apparatus if apparatus is not None else load_apparatus(root)
    data = load_data(root / rel, rel, TermFile, category="termbase", context=apparatus.context)
    problems = check_addresses(data, apparatus)
    if problems:
        raise EditionError(problems)
    return Termbase(list(data.data.terms), data, apparatus.works, list(data.data.style))


# --- the check ------------------------------------------------------------------------

@dataclass(frozen=True)
class Pair:
    """One aligned unit: a paragraph or a note, in the original and in the translation."""

    place: str           # "¶ 14", "¶ oz2", "note 24"
    original: str
    translation: str
    location: Location | None   # of the translation's text


def pairs(edition, lang: str) -> list[Pair]:
    """Every aligned paragraph pair and note pair of the original and `lang`."""
    out = []
    for a, b in zip(edition.chapters(edition.default_lang), edition.chapters(lang)):
        by_id = {p.ident: p for p in b.paragraphs}
        for p in a.paragraphs:
            q = by_id.get(p.ident)
            if q is None:
                continue
            out.append(Pair(f"¶ {p.ident}", _text(p), _text(q), q.location))
        for number, note in sorted(a.notes.items()):
            if number in b.notes:
                other = b.notes[number]
                out.append(Pair(f"note {number}", plain_text(note.content), plain_text(other.content),
                                other.location))
    return out


def _text(p: Paragraph) -> str:
    return plain_text(p.content)


def _is_translation(edition, lang: str) -> dict[str, bool]:
    """Paragraph ids whose original is the author's own English (`lang=en`): not translations."""
    out = {}
    for ch in edition.chapters(edition.default_lang):
        for p in ch.paragraphs:
            out[f"¶ {p.ident}"] = not (p.lang and p.lang != edition.default_lang)
    return out


@dataclass
class Report:
    checked: int            # pairs looked at
    occurrences: int        # Turkish term occurrences found
    problems: list[Problem]


def check(edition, termbase: Termbase, lang: str = "en") -> Report:
    """Every Turkish term in a pair must be rendered on the English side; no avoided form is used."""
    problems: list[Problem] = []
    translated = _is_translation(edition, lang)
    checked = occurrences = 0
    for pair in pairs(edition, lang):
        if not translated.get(pair.place, True):
            continue
        checked += 1
        where = pair.location or Location("?", 1)
        seen: set[str] = set()
        for term, start, end in termbase.find_tr(pair.original):
            occurrences += 1
            if term.id in seen:
                continue
            seen.add(term.id)
            if not termbase.rendered(term, pair.translation):
                found = pair.original[start:end]
                wanted = " / ".join(f"“{r}”" for r in term.renderings)
                problems.append(Problem(where, "term",
                                        f"{pair.place}: the original has “{found}” ({term.id}); "
                                        f"the translation uses none of {wanted}"))
        for term, phrase in termbase.avoided(pair.translation):
            problems.append(Problem(where, "term",
                                    f"{pair.place}: the translation uses “{phrase}”; the termbase ({term.id}) "
                                    f"asks for “{term.en}”"))
        problems += _style_problems(termbase, pair.translation, where, pair.place)
    return Report(checked, occurrences, problems)


def _style_problems(termbase: Termbase, english: str, where: Location, place: str) -> list[Problem]:
    return [Problem(where, "style", f"{place}: “{rule.avoid}” is ruled out by the house style "
                                    f"(termbase, style); write “{rule.use}”") for rule in termbase.unstyled(english)]


# A phrase the edition's own pages *mention* (in quotation marks, or as an italic Turkish word) is
# not a use of it: the Translator's note says which renderings are ruled out.
_MENTIONED = re.compile(r"“[^”\n]*”|\*[^*\n]+\*|`[^`\n]*`")


def check_pages(termbase: Termbase, pages: list[tuple[str, str]], roles: list[tuple[Location, str, str]]) -> list[Problem]:
    """The edition's own English pages (`(rel path, Markdown)`) and the register's English roles
    (`(location, entry id, text)`): no avoided form of a term, no phrase the house style rules out.
    There is no Turkish to align them with, so only the `avoid` lists and the style apply."""
    problems: list[Problem] = []
    for rel, text in pages:
        for number, line in enumerate(text.splitlines(), 1):
            if "lang=en}" in line:        # the author's own English, reproduced verbatim
                continue
            used = _MENTIONED.sub(" ", line)
            where = Location(rel, number)
            for term, phrase in termbase.avoided(used):
                problems.append(Problem(where, "term", f"the page uses “{phrase}”; the termbase ({term.id}) "
                                                       f"asks for “{term.en}”"))
            problems += _style_problems(termbase, used, where, "the page")
    for where, ident, text in roles:
        for term, phrase in termbase.avoided(text):
            problems.append(Problem(where, "term", f"the English role of {ident} uses “{phrase}”; the termbase "
                                                   f"({term.id}) asks for “{term.en}”"))
        problems += _style_problems(termbase, text, where, f"the English role of {ident}")
    return problems


def edition_pages(docs_dir: Path, chapters: list[str], lang: str) -> list[tuple[str, str]]:
    """The edition's own pages in `lang` (`x.en.md`), chapters left out: (path from the docs folder, text)."""
    chapter_stems = {Path(c).with_suffix("").name for c in chapters}
    out = []
    for path in sorted(docs_dir.glob(f"*.{lang}.md")):
        stem = path.name[: -len(f".{lang}.md")]
        if stem not in chapter_stems:
            out.append((f"docs/{path.name}", path.read_text(encoding="utf-8")))
    return out


def register_roles(edition, lang: str) -> list[tuple[Location, str, str]]:
    register = edition.register
    if not register:
        return []
    return [(e.location, e.ident, getattr(e.entry.role, lang)) for e in register.entities.values()
            if getattr(e.entry, "role", None) is not None and getattr(e.entry.role, lang, None)]


def check_or_fail(edition, termbase: Termbase, docs_dir: Path | None = None,
                  chapters: list[str] | None = None) -> Report:
    """Run the check for every translation, and on the edition's own pages and register roles in
    each translation's language; stop the build with located problems."""
    langs = [lang for lang in edition.languages if lang != edition.default_lang]
    reports = [check(edition, termbase, lang) for lang in langs]
    problems = [p for r in reports for p in r.problems]
    for lang in langs:
        pages = edition_pages(docs_dir, chapters or [], lang) if docs_dir is not None else []
        problems += check_pages(termbase, pages, register_roles(edition, lang))
    if problems:
        raise EditionError(problems)
    return reports[0] if reports else Report(0, 0, [])


# --- the glossary ------------------------------------------------------------------------

_HEAD = i18n.each("glossary_head")
_ALSO = i18n.each("glossary_also")
_AVOID = i18n.each("glossary_avoid")
_SOURCES = i18n.each("glossary_sources")


def glossary(termbase: Termbase, lang: str) -> str:
    """The Glossary (Sözlük) table: one row per term, in Turkish alphabetical order."""

    t = escaping.text
    rows = []
    for term in sorted(termbase.terms, key=lambda x: sort_key(x.tr)):
        english = f'<span lang="en">{t(term.en)}</span>'
        if term.variants:
            english += f'<br><small>{_ALSO[lang]}: ' + ", ".join(
                f'<span lang="en">{t(v)}</span>' for v in term.variants) + "</small>"
        if term.avoid:
            english += f'<br><small>{_AVOID[lang]}: ' + ", ".join(
                f'<s lang="en">{t(v)}</s>' for v in term.avoid) + "</small>"
        russian = ""
        if term.ru:
            russian = f'<span lang="ru">{t(term.ru.cyrl)}</span><br><i lang="ru-Latn">{t(term.ru.latn)}</i>'
        usage = t(getattr(term.note, lang)) if term.note else ""
        if term.sources:
            refs = "; ".join(source_html(c, lang).removesuffix(".")
                             for c in cited(term.sources, termbase.works or Works()))
            usage += f' <small class="term-sources">({_SOURCES[lang]}: {refs}.)</small>'
        forms = ", ".join(t(f.rstrip("$")) + ("" if f.endswith("$") else "…") for f in term.stems)
        rows.append(f'<tr id="term-{escaping.attr(term.id)}"><th scope="row" lang="tr">{t(term.tr)}'
                    f'<br><small class="term-forms">{forms}</small></th>'
                    f"<td>{english}</td><td>{russian}</td><td>{usage}</td></tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in _HEAD[lang])
    return (f'<table class="glossary"><thead><tr>{head}</tr></thead><tbody>' + "".join(rows)
            + "</tbody></table>")

