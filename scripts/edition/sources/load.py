"""Load the edition's sources from disk: chapters, BibTeX, archives, publication data.

Every loader turns a low-level failure (YAML, BibTeX syntax, a missing field)
into a located EditionError. Nothing here knows about MkDocs.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

import latexcodec  # noqa: F401  (registers the 'ulatex' codec)
from pybtex import errors as pybtex_errors
from pybtex.database import BibliographyData, parse_string
from pybtex.database.input.bibtex import Parser as BibtexParser
from pybtex.scanner import PybtexSyntaxError

from edition.core import escaping
from edition.core.document import ArchivalDocument, ArchivalFile, Archive, Chapter, Location
from edition.core.errors import EditionError, Problem, fail
from edition.sources.apparatus import Apparatus, load_apparatus
from edition.sources.datafiles import load_data, parse_yaml, read_text, validate
from edition.sources.markup import parse_chapter, split_front_matter
from edition.sources.register import Register, document_refs, load_register
from edition.sources.schemas import ArchivesFile, ArticleFile, FrontMatter

LANGS = ("tr", "en")


@dataclass
class Sources:
    """Everything the edition is made from, as loaded (not yet cross-checked)."""

    chapters: dict[str, list[Chapter]]          # lang -> chapters in reading order
    bibliography: BibliographyData
    entry_locations: dict[str, Location]
    archives: dict[str, Archive]
    files: dict[str, ArchivalFile]
    documents: dict[str, ArchivalDocument]
    publication: dict
    root: Path = field(default=Path("."))
    #: the register of persons, places, organisations, agreements (None: the edition has none)
    register: Register | None = None
    #: archival document key -> {"author"|"recipient"|"subject": [register ids]}
    document_refs: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: the works the edition's own sources cite and the publishers they may link to (issue 23)
    apparatus: Apparatus = field(default_factory=Apparatus)


def chapter_path(name: str, lang: str, default: str = "tr") -> str:
    """`giris.md` -> `giris.en.md` for a non-default language (static-i18n suffix layout)."""
    if lang == default:
        return name
    stem, ext = name.rsplit(".", 1)
    return f"{stem}.{lang}.{ext}"


def load_chapters(docs_dir: Path, names: list[str], langs=LANGS) -> dict[str, list[Chapter]]:
    out: dict[str, list[Chapter]] = {}
    for lang in langs:
        chapters = []
        for name in names:
            rel = chapter_path(name, lang)
            path = docs_dir / rel
            if not path.exists():
                if lang == langs[0]:
                    raise fail(f"docs/{rel}", 1, "missing", "chapter file listed in mkdocs.yml does not exist")
                continue
            chapters.append(parse_chapter(read_text(path, f"docs/{rel}"), f"docs/{rel}", lang))
        out[lang] = chapters
    return out


_ENTRY_START = re.compile(r"^[ \t]*@(\w+)\s*\{\s*([^,\s]+)\s*,", re.M)
_AT_LINE = re.compile(r"^[ \t]*@", re.M)
_FIELD_AFTER = re.compile(r"\s*,?\s*\w+\s*=")

#: fields that must be present, per entry type (any one of the alternatives)
REQUIRED_FIELDS: dict[str, list[tuple[str, ...]]] = {
    "article": [("title",), ("journaltitle", "journal"), ("date", "year")],
    "book": [("title",)],
    "collection": [("title",), ("editor",), ("date", "year")],
    "incollection": [("title",), ("crossref", "booktitle")],
    "inbook": [("title",), ("crossref", "booktitle")],
    "phdthesis": [("title",), ("author",), ("date", "year")],
    "mastersthesis": [("title",), ("author",), ("date", "year")],
    "thesis": [("title",), ("author",), ("date", "year")],
}
#: entry types the bibliography formats (formatting.ChicagoStyle)
ENTRY_TYPES = frozenset(REQUIRED_FIELDS) | {"misc"}
#: fields kept verbatim (addresses, identifiers, keys): never decoded from LaTeX
_VERBATIM_FIELDS = {"url", "doi", "crossref", "keywords", "date", "year", "langid", "entrysubtype", "file", "eprint"}
#: text-formatting commands whose argument is kept as plain text
_FORMAT_COMMAND = re.compile(r"\\(?:textit|emph|textbf|textsc|textup|textrm|textsl|textnormal|mbox|mkbibquote|enquote)"
                             r"\s*\{([^{}]*)\}")
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+|\\.")


def decode_latex(value: str) -> str:
    """BibTeX text as Unicode: `G\\"u\\c{c}l\\"u \\&` -> `Güçlü &`, `\\textit{X}` -> `X`.
    Raises ValueError for a command that has no Unicode reading."""
    if "\\" not in value:
        return value
    prev = None
    while prev != value:
        prev, value = value, _FORMAT_COMMAND.sub(r"{\1}", value)
    decoded = codecs.decode(value, "ulatex")
    left = _LATEX_COMMAND.search(decoded)
    if left:
        raise ValueError(f"LaTeX command {left.group()!r} has no plain-text reading; write the character itself")
    return decoded


def _bib_structure(text: str, rel: str) -> None:
    """Braces balanced inside each entry: an unclosed entry is reported at its own line
    (pybtex notices it only where the next entry starts)."""
    starts = [m.start() for m in _AT_LINE.finditer(text)] + [len(text)]
    for a, b in zip(starts, starts[1:]):
        depth = 0
        chunk = text[a:b]
        for i, c in enumerate(chunk):
            if c == "\\":
                continue
            if c == "{" and (i == 0 or chunk[i - 1] != "\\"):
                depth += 1
            elif c == "}" and (i == 0 or chunk[i - 1] != "\\"):
                depth -= 1
                if depth == 0 and _FIELD_AFTER.match(chunk, i + 1):
                    line = text.count("\n", 0, a + i) + 1
                    raise fail(rel, line, "bibtex-syntax", "this '}' closes the entry, but fields follow: "
                               "a '}' too many?")
                if depth < 0:
                    line = text.count("\n", 0, a + i) + 1
                    raise fail(rel, line, "bibtex-syntax", "unbalanced '}'")
        if depth > 0:
            line = text.count("\n", 0, a) + 1
            head = chunk.split("\n", 1)[0].strip()[:60]
            raise fail(rel, line, "bibtex-syntax", f"entry {head!r} is not closed: {depth} '{{' without '}}'")


def _check_entry(key: str, entry, loc: Location) -> list[Problem]:
    problems = []
    for name, value in list(entry.fields.items()):
        if name.lower() in _VERBATIM_FIELDS:
            continue
        try:
            entry.fields[name] = decode_latex(value)
        except ValueError as exc:
            problems.append(Problem(loc, "bibtex-latex", f"entry {key!r}, field {name}: {exc}"))
    for role, people in entry.persons.items():
        for person in people:
            parts = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names]
            if not parts or any(p.lower() == "and" for p in parts):
                problems.append(Problem(loc, "bibtex-field", f"entry {key!r}: empty name in {role} "
                                        "(a stray 'and'?)"))
                break
            try:
                for attr in ("first_names", "middle_names", "prelast_names", "last_names", "lineage_names"):
                    setattr(person, attr, [decode_latex(x) for x in getattr(person, attr)])
            except ValueError as exc:
                problems.append(Problem(loc, "bibtex-latex", f"entry {key!r}, {role}: {exc}"))
    if entry.type.lower() not in ENTRY_TYPES:
        return problems + [Problem(loc, "bibtex-type", f"entry {key!r}: unknown entry type @{entry.type} "
                                   f"(the edition knows @{', @'.join(sorted(ENTRY_TYPES))})")]
    present = {k.lower() for k, v in entry.fields.items() if str(v).strip()} | set(entry.persons)
    for need in REQUIRED_FIELDS.get(entry.type.lower(), [("title",)]):
        if not present & set(need):
            problems.append(Problem(loc, "bibtex-field",
                                    f"@{entry.type} {key!r} has no {' or '.join(need)}"))
    return problems


def load_bibtex(paths: list[Path], root: Path) -> tuple[BibliographyData, dict[str, Location]]:
    """Parse the .bib files with pybtex; report syntax errors and duplicate keys with their line,
    decode LaTeX to Unicode and check the fields each entry type needs."""
    data = BibliographyData()
    where: dict[str, Location] = {}
    problems: list[Problem] = []
    for path in paths:
        rel = str(path.relative_to(root)) if path.is_absolute() else str(path)
        text = read_text(path, rel)
        _bib_structure(text, rel)
        for m in _ENTRY_START.finditer(text):
            key = m.group(2)
            line = text.count("\n", 0, m.start()) + 1
            if m.group(1).lower() in ("comment", "preamble", "string"):
                continue
            if key.lower() in (k.lower() for k in where):
                first = where[next(k for k in where if k.lower() == key.lower())]
                raise fail(rel, line, "bibtex-duplicate", f"key {key!r} is defined twice (first at {first})")
            where[key] = Location(rel, line)
        with pybtex_errors.capture() as captured:
            try:
                parsed = parse_string(text, BibtexParser)   # the class: no look-up in the package metadata
            except PybtexSyntaxError as exc:
                raise fail(rel, exc.lineno or 1, "bibtex-syntax", str(exc)) from None
        if captured:
            exc = captured[0]
            raise fail(rel, getattr(exc, "lineno", None) or 1, "bibtex-syntax", str(exc))
        for key, entry in parsed.entries.items():
            loc = where.get(key, Location(rel, 1))
            problems += _check_entry(key, entry, loc)
            data.add_entry(key, entry)
    if problems:
        raise EditionError(problems)
    for key, entry in data.entries.items():
        parent = entry.fields.get("crossref")
        if parent and parent not in data.entries:
            raise fail(where[key].path, where[key].line, "bibtex-crossref",
                       f"entry {key!r} crossrefs unknown entry {parent!r}")
    _crossref_cycles(data, where)
    return data, where


def _crossref_cycles(data: BibliographyData, where: dict[str, Location]) -> None:
    """A crossref chain must end: an entry that crossrefs itself, or a cycle (a -> b -> a), is an
    error naming the entries (pybtex would drop them, and their citations point nowhere)."""
    def parent_of(key: str) -> str | None:
        parent = data.entries[key].fields.get("crossref")
        if not parent:
            return None
        return next((k for k in data.entries if k.lower() == parent.strip().lower()), None)

    reported: set[str] = set()
    problems: list[Problem] = []
    for key in data.entries:
        chain = [key]
        nxt = parent_of(key)
        while nxt is not None and nxt not in chain:
            chain.append(nxt)
            nxt = parent_of(nxt)
        if nxt is None:
            continue
        cycle = chain[chain.index(nxt):]
        if reported & set(cycle):
            continue
        reported |= set(cycle)
        loc = where.get(cycle[0], Location("bibliography", 1))
        if len(cycle) == 1:
            problems.append(Problem(loc, "bibtex-crossref", f"entry {cycle[0]!r} crossrefs itself"))
        else:
            path = " -> ".join(repr(k) for k in [*cycle, cycle[0]])
            places = ", ".join(f"{k!r} at {where[k]}" for k in cycle if k in where)
            problems.append(Problem(loc, "bibtex-crossref", f"crossref cycle {path} ({places}): "
                                    "a crossref must point to a parent that does not point back"))
    if problems:
        raise EditionError(problems)


def load_yaml(path: Path, rel: str):
    """A YAML file with no schema of its own: read safely (UTF-8 checked, no aliases)."""
    return parse_yaml(read_text(path, rel), rel)[0]


def load_publication(path: Path, rel: str) -> dict:
    """article.yaml, validated (schemas.ArticleFile), as the plain mapping renderers read."""
    return load_data(path, rel, ArticleFile).data.as_dict()


def load_archives(path: Path, rel: str):
    loaded = load_data(path, rel, ArchivesFile)
    raw: ArchivesFile = loaded.data
    problems: list[Problem] = []
    archives = {ident: Archive(ident, a.abbr, dict(a.name), a.name_orig, dict(a.place))
                for ident, a in raw.archives.items()}
    files: dict[str, ArchivalFile] = {}
    for i, f in enumerate(raw.files):
        if f.id in files:
            problems.append(Problem(loaded.location("files", i, "id"), "archive-duplicate",
                                    f"file {f.id!r} is listed twice"))
            continue
        if f.archive not in archives:
            problems.append(Problem(loaded.location("files", i, "archive"), "archive",
                                    f"file {f.id!r}: unknown archive {f.archive!r}"))
            continue
        files[f.id] = ArchivalFile(f.id, archives[f.archive], f.fond, f.opis, f.delo, f.code)
    documents: dict[str, ArchivalDocument] = {}
    for i, d in enumerate(raw.documents):
        loc = loaded.location("documents", i, "key")
        if d.key in documents:
            problems.append(Problem(loc, "archive-duplicate", f"document {d.key!r} is listed twice"))
            continue
        if d.file not in files:
            problems.append(Problem(loaded.location("documents", i, "file"), "archive-file",
                                    f"document {d.key!r} points to unknown file {d.file!r}"))
            continue
        documents[d.key] = ArchivalDocument(
            key=d.key, file=files[d.file], date=d.date, undated=d.undated, date_from=d.date_from,
            para=d.para, author=d.author, recipient=d.recipient, kind=dict(d.kind), title=d.title,
            title_en=d.title_en, summary=dict(d.summary), item=d.item, sheets=d.sheets, location=loc)
    if problems:
        raise EditionError(problems)
    return archives, files, documents


def check_front_matter(docs_dir: Path) -> None:
    """The front matter of every page is safe YAML and its title plain text (schemas.FrontMatter)."""
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = f"docs/{path.relative_to(docs_dir).as_posix()}"
        source = read_text(path, rel)
        _, size = split_front_matter(source)
        if not size:
            continue
        head = "\n".join(source.split("\n")[:size - 1]) + "\n"   # the YAML and its opening '---'
        try:
            data, lines = parse_yaml(head[4:], rel)
            validate(FrontMatter, data if data is not None else {}, lines)
        except EditionError as exc:
            problems += [Problem(Location(p.location.path, p.location.line + 1), "front-matter", p.message)
                         for p in exc.problems]
    if problems:
        raise EditionError(problems)


# Raw HTML in a page's Markdown (a tag, a comment, an autolink), and link addresses.
_RAW_HTML = re.compile(r"<(?=[A-Za-z/!?])")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_LINK_ADDRESS = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)")


def check_pages(docs_dir: Path, chapters: list[str]) -> None:
    """The pages that are not chapters (principles, translation notes, register and download
    pages…) are Markdown that MkDocs renders as it is: no raw HTML in them (a tag, a comment),
    and no link address outside the allow-list (escaping.is_safe_url), each refused at its line.
    (Chapters are parsed by the edition itself, which writes every piece of their text escaped.)"""
    names = {chapter_path(name, lang) for name in chapters for lang in LANGS}
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel_docs = path.relative_to(docs_dir).as_posix()
        if rel_docs in names:
            continue
        rel = f"docs/{rel_docs}"
        fence = False
        for number, line in enumerate(read_text(path, rel).split("\n"), 1):
            if line.lstrip().startswith(("```", "~~~")):
                fence = not fence
                continue
            if fence:
                continue
            prose = _CODE_SPAN.sub("", line)
            if _RAW_HTML.search(prose):
                problems.append(Problem(Location(rel, number), "markup",
                                        "raw HTML ('<' before a letter, '/', '!' or '?') is not allowed in a page's "
                                        "text: write '&lt;', or put the markup in a template or a generated block"))
            for m in _LINK_ADDRESS.finditer(prose):
                address = m.group(1) if m.group(1) is not None else m.group(2)
                if address and not escaping.is_safe_url(address):
                    problems.append(Problem(Location(rel, number), "markup",
                                            f"link address {address[:80]!r} is not allowed "
                                            "(only http, https, mailto or relative)"))
    if problems:
        raise EditionError(problems)


def load_sources(root: Path, docs_dir: Path, chapters: list[str], bib: list[str], archives: str,
                 publication: str, register: str | None = None) -> Sources:
    check_front_matter(docs_dir)
    check_pages(docs_dir, chapters)
    chapter_model = load_chapters(docs_dir, chapters)
    data, where = load_bibtex([root / b for b in bib], root)
    arch, files, docs = load_archives(root / archives, archives)
    pub = load_publication(root / publication, publication)
    clash = set(data.entries) & set(docs)
    if clash:
        key = sorted(clash)[0]
        raise fail(where[key].path, where[key].line, "key-duplicate",
                   f"key {key!r} names both a BibTeX entry and an archival document")
    apparatus = load_apparatus(root)
    reg = None
    refs: dict = {}
    if register and (root / register).is_dir():
        reg = load_register(root / register, register, apparatus)
        refs = document_refs((load_yaml(root / archives, archives) or {}).get("documents"))
    return Sources(chapter_model, data, where, arch, files, docs, pub, root, reg, refs, apparatus)
