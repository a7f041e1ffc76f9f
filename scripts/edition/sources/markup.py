"""Parse the edition's chapter Markdown into the domain model.

The markup (documented in docs/katki.md) is deliberately small:

    {¶12} Paragraph text ...             a paragraph and its stable identifier
    # Heading {#s2 .supplied lang=en}    a heading with its permanent anchor
    {pb 5}                               page 5 of the source PDF starts here
    ...belirtilmektedir.[^1]             reference to the article's note 1
    [^1]: Note text                      the text of note 1
    [Carr, a.g.e., s. 34]{@carr1964, p. 34}   a citation: verbatim text + key + locator
    {~~Reigtag~>Reichstag~~}             an emendation: source reading ~> correction
    {>>reason<<}                         optional reason, right after an emendation
    *text*                               emphasis
    [Chamberlain]{=austen-chamberlain}   a mention of a register entry (disambiguation)
    [Ankara]{=-}                         not a mention, although a spelling of the register
    {contents}                           a generated block (on its own line)

Everything here is pure: text in, model (or a located EditionError) out.
"""
from __future__ import annotations

import bisect
import re

from edition.core.document import (Block, Chapter, Citation, Directive, Emendation, Emphasis, Heading, Inline, Location,
    Locator, Mention, Note, NoteRef, PageBreak, PageMarker, Paragraph, Text)
from edition.core.errors import fail

#: longest paragraph or note accepted, in characters (a runaway block fails fast instead of slowly)
MAX_BLOCK = 100_000

DIRECTIVES = {"contents", "publication", "bibliography", "archives", "newspapers", "changelog",
              "emendations", "downloads", "citeguide", "offline", "downloadsall", "commentary", "glossary",
              "persons", "places", "organisations", "agreements",
              "chronology", "network", "map", "figureslink"}

_PARA = re.compile(r"^((?:\{pb \d+\}\s*)?)\{¶([a-z]*\d+)((?:\s+lang=[a-z]{2})?)\}\s+(.*)$", re.S)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*\{([^{}]*)\}\s*$")
_NOTE_DEF = re.compile(r"^\[\^(\d+)\]:\s*(.*)$", re.S)
_PB_LINE = re.compile(r"^\{pb (\d+)\}$")
_DIRECTIVE = re.compile(r"^\{([a-z]+)\}$")
_LOCATOR = re.compile(r"^(p|pp|l|ll|no)\.\s?(\d+[a-z]?)(?:-(\d+[a-z]?))?$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9:_.\-]*$")
_SPECIAL = re.compile(r"[{}*]|\[\^")
_BRACKET = re.compile(r"[\[\]]")
_NOTE_REF = re.compile(r"\[\^(\d+)\]")
_PB_INLINE = re.compile(r"\{pb (\d+)\}")


def split_front_matter(source: str) -> tuple[str, int]:
    """Return the body and the number of lines the front matter occupies."""
    if source.startswith("---\n"):
        end = source.find("\n---\n", 3)
        if end != -1:
            head = source[: end + 5]
            return source[end + 5:], head.count("\n")
    return source, 0


def parse_chapter(source: str, path: str, lang: str) -> Chapter:
    body, offset = split_front_matter(source)
    chapter = Chapter(path=path, lang=lang)
    for start, text in _blocks(body):
        line = start + offset
        loc = Location(path, line)
        if len(text) > MAX_BLOCK:
            raise fail(path, line, "markup", f"a paragraph or note of {len(text):,} characters: the limit is "
                       f"{MAX_BLOCK:,} (the longest of the article has about 6,000); a blank line missing?")
        m = _NOTE_DEF.match(text)
        if m:
            number = int(m.group(1))
            if number in chapter.notes:
                first = chapter.notes[number].location
                raise fail(path, line, "note-duplicate",
                           f"note {number} is defined twice (first at line {first.line if first else '?'})")
            content = parse_inline(m.group(2), path, line, in_note=True)
            chapter.notes[number] = Note(number, content, loc)
            continue
        if chapter.notes:
            raise fail(path, line, "markup", "text after the note definitions: notes must come last")
        chapter.blocks.extend(_parse_block(text, path, line))
    return chapter


def _blocks(body: str):
    """Yield (first line number, text) of blank-line separated blocks."""
    lines = body.split("\n")
    buf: list[str] = []
    start = 0
    for i, raw in enumerate(lines, 1):
        if raw.strip():
            if not buf:
                start = i
            buf.append(raw.strip())
        elif buf:
            yield start, " ".join(buf)
            buf = []
    if buf:
        yield start, " ".join(buf)


def _parse_block(text: str, path: str, line: int) -> list[Block]:
    loc = Location(path, line)
    if text.startswith("#"):
        m = _HEADING.match(text)
        if not m:
            raise fail(path, line, "markup", "a heading needs its anchor, e.g. '## Title {#s2-1}'")
        attrs = m.group(3).split()
        anchor = next((a[1:] for a in attrs if a.startswith("#")), None)
        if not anchor or not re.fullmatch(r"[a-z][a-z0-9\-]*", anchor):
            raise fail(path, line, "markup", f"heading anchor missing or malformed in {{{m.group(3)}}}")
        lang = next((a[5:] for a in attrs if a.startswith("lang=")), None)
        content = parse_inline(m.group(2), path, line)
        return [Heading(len(m.group(1)), anchor, content, ".supplied" in attrs, lang, loc)]
    m = _PB_LINE.match(text)
    if m:
        return [PageMarker(int(m.group(1)), loc)]
    m = _DIRECTIVE.match(text)
    if m:
        if m.group(1) not in DIRECTIVES:
            raise fail(path, line, "markup", f"unknown directive {{{m.group(1)}}}")
        return [Directive(m.group(1), loc)]
    m = _PARA.match(text)
    if not m:
        raise fail(path, line, "markup",
                   "a paragraph must start with its identifier, e.g. '{¶12} ...' "
                   f"(found: {text[:40]!r})")
    prefix, ident, lang_attr, rest = m.groups()
    content = parse_inline(prefix.strip() + rest, path, line)
    lang = lang_attr.strip()[5:] if lang_attr.strip() else None
    return [Paragraph(ident, content, lang, loc)]


# --- inline ---------------------------------------------------------------------

def parse_inline(text: str, path: str, line: int, *, in_note: bool = False,
                 in_citation: bool = False) -> tuple[Inline, ...]:
    """Tokenise inline markup. Raises a located EditionError on malformed markup."""
    out: list[Inline] = []
    buf: list[str] = []
    i = 0
    n = len(text)
    brackets = _bracket_pairs(text)
    # where a citation or a mention starts: the only '[' (besides '[^') that is markup
    cite_starts = sorted(k for k, close in brackets.items() if text.startswith(("]{@", "]{="), close))

    def next_special(j: int) -> int:
        """Start of the next possible markup at or after j (plain text runs up to it)."""
        m = _SPECIAL.search(text, j)
        end = m.start() if m else n
        k = bisect.bisect_left(cite_starts, j)
        return min(end, cite_starts[k]) if k < len(cite_starts) else end

    def flush():
        if buf:
            out.append(Text("".join(buf)))
            buf.clear()

    while i < n:
        c = text[i]
        if text.startswith("[^", i):
            m = _NOTE_REF.match(text, i)
            if not m:
                raise fail(path, line, "markup", f"malformed note reference near {text[i:i+12]!r}")
            if in_note or in_citation:
                raise fail(path, line, "markup", "a note reference cannot stand inside a note")
            flush()
            out.append(NoteRef(int(m.group(1))))
            i = m.end()
        elif c == "[":
            close = brackets.get(i, -1)
            if close != -1 and text.startswith("]{@", close):
                end = text.find("}", close)
                if end == -1:
                    raise fail(path, line, "markup", "citation key block is not closed with '}'")
                if in_citation:
                    raise fail(path, line, "markup", "citations cannot nest")
                flush()
                inner = parse_inline(text[i + 1:close], path, line, in_note=in_note, in_citation=True)
                key, locators = parse_citation_target(text[close + 3:end], path, line)
                out.append(Citation(key, inner, locators, Location(path, line)))
                i = end + 1
            elif close != -1 and text.startswith("]{=", close):
                end = text.find("}", close)
                target = text[close + 3:end] if end != -1 else ""
                if end == -1 or not re.fullmatch(r"-|[a-z0-9][a-z0-9-]*", target):
                    raise fail(path, line, "markup", "a mention is written [name]{=register-id} "
                               f"(or [name]{{=-}} for none), near {text[i:i + 30]!r}")
                if in_citation:
                    raise fail(path, line, "markup", "names inside a citation are not linked: "
                               f"remove {{={target}}}")
                inner = parse_inline(text[i + 1:close], path, line, in_note=in_note, in_citation=in_citation)
                if any(isinstance(t, Mention) for t in iter_tokens(inner)):
                    raise fail(path, line, "markup", "mentions cannot nest")
                flush()
                out.append(Mention(target, inner, True, Location(path, line)))
                i = end + 1
            else:
                j = next_special(i + 1)
                buf.append(text[i:j])
                i = j
        elif text.startswith("{~~", i):
            end = text.find("~~}", i)
            body = text[i + 3:end] if end != -1 else ""
            if end == -1 or body.count("~>") != 1:
                raise fail(path, line, "markup", "an emendation is written {~~original~>correction~~}")
            original, corrected = body.split("~>")
            if not original or not corrected or "{" in body or "[" in body:
                raise fail(path, line, "markup", f"malformed emendation {{~~{body}~~}}")
            i = end + 3
            reason = ""
            if text.startswith("{>>", i):
                rend = text.find("<<}", i)
                if rend == -1:
                    raise fail(path, line, "markup", "an emendation's reason is written {>>reason<<}")
                reason = text[i + 3:rend].strip()
                i = rend + 3
            flush()
            out.append(Emendation(original, corrected, reason, Location(path, line)))
        elif text.startswith("{pb ", i):
            m = _PB_INLINE.match(text, i)
            if not m:
                raise fail(path, line, "markup", f"malformed page break near {text[i:i+10]!r}")
            flush()
            # A page break eats one adjacent space: "bir {pb 5} yandan" reads "bir yandan".
            if out and isinstance(out[-1], Text) and out[-1].text.endswith(" ") \
                    and text[m.end():m.end() + 1] == " ":
                out[-1] = Text(out[-1].text[:-1])
            out.append(PageBreak(int(m.group(1))))
            i = m.end()
        elif c == "{":
            raise fail(path, line, "markup", f"unknown markup starting {text[i:i+15]!r}")
        elif c == "}":
            raise fail(path, line, "markup", "unbalanced '}'")
        elif c == "*":
            end = text.find("*", i + 1)
            if end == -1 or end == i + 1:
                raise fail(path, line, "markup", "emphasis is written *text* (unclosed '*')")
            flush()
            out.append(Emphasis(parse_inline(text[i + 1:end], path, line, in_note=in_note,
                                             in_citation=in_citation)))
            i = end + 1
        else:
            # plain text: take everything up to the next character that may start markup
            j = next_special(i + 1)
            buf.append(text[i:j])
            i = j
    flush()
    return tuple(out)


def _bracket_pairs(text: str) -> dict[int, int]:
    """Position of each '[' -> position of its matching ']', in one pass (linear time: a
    note of a million unmatched '[' is read once, not once per bracket)."""
    pairs: dict[int, int] = {}
    if "[" not in text:
        return pairs
    stack: list[int] = []
    for m in _BRACKET.finditer(text):
        if m.group() == "[":
            stack.append(m.start())
        elif stack:
            pairs[stack.pop()] = m.start()
    return pairs


def parse_citation_target(target: str, path: str, line: int) -> tuple[str, tuple[Locator, ...]]:
    """Parse `key` or `key, p. 44, no. 21` (what follows '@' in a citation)."""
    parts = [p.strip() for p in target.split(",")]
    key = parts[0]
    if not _KEY.match(key):
        raise fail(path, line, "key-malformed", f"malformed citation key {key!r}")
    locators = []
    for part in parts[1:]:
        m = _LOCATOR.match(part)
        if not m:
            raise fail(path, line, "locator",
                       f"malformed locator {part!r} for {key} (use 'p. 12', 'pp. 12-14', 'l. 3', 'no. 21')")
        label, start, end = m.groups()
        plural = label in ("pp", "ll")
        if plural != bool(end):
            raise fail(path, line, "locator",
                       f"locator {part!r}: use 'p.'/'l.' for one, 'pp.'/'ll.' for a range")
        if end and start.isdigit() and end.isdigit() and int(end) < int(start):
            raise fail(path, line, "locator", f"locator {part!r}: range ends before it starts")
        kind = {"p": "page", "pp": "page", "l": "sheet", "ll": "sheet", "no": "number"}[label]
        locators.append(Locator(kind, start, end or ""))
    return key, tuple(locators)


# --- walking ----------------------------------------------------------------------

def iter_tokens(content, *, into_citations: bool = True):
    """Depth-first walk over inline tokens."""
    for tok in content:
        yield tok
        if isinstance(tok, (Emphasis, Mention)) or (into_citations and isinstance(tok, Citation)):
            yield from iter_tokens(tok.content, into_citations=into_citations)


def plain_text(content, *, reading: str = "original") -> str:
    """The text of inline content: emendations by their original (source) or corrected reading."""
    out = []
    for tok in content:
        if isinstance(tok, Text):
            out.append(tok.text)
        elif isinstance(tok, Emendation):
            out.append(tok.original if reading == "original" else tok.corrected)
        elif isinstance(tok, (Citation, Emphasis, Mention)):
            out.append(plain_text(tok.content, reading=reading))
    return "".join(out)
