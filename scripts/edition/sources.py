"""Load the edition's sources from disk: chapters, BibTeX, archives, publication data.

Every loader turns a low-level failure (YAML, BibTeX syntax, a missing field)
into a located EditionError. Nothing here knows about MkDocs.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pybtex import errors as pybtex_errors
from pybtex.database import BibliographyData, parse_string
from pybtex.scanner import PybtexSyntaxError

from .errors import EditionError, Problem, fail
from .markup import parse_chapter
from .model import Archive, ArchivalDocument, ArchivalFile, Chapter, Location
from .register import Register, document_refs, load_register

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
            chapters.append(parse_chapter(path.read_text(encoding="utf-8"), f"docs/{rel}", lang))
        out[lang] = chapters
    return out


_ENTRY_START = re.compile(r"^[ \t]*@(\w+)\s*\{\s*([^,\s]+)\s*,", re.M)


def load_bibtex(paths: list[Path], root: Path) -> tuple[BibliographyData, dict[str, Location]]:
    """Parse the .bib files with pybtex; report syntax errors and duplicate keys with their line."""
    data = BibliographyData()
    where: dict[str, Location] = {}
    for path in paths:
        rel = str(path.relative_to(root)) if path.is_absolute() else str(path)
        text = path.read_text(encoding="utf-8")
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
                parsed = parse_string(text, "bibtex")
            except PybtexSyntaxError as exc:
                raise fail(rel, exc.lineno or 1, "bibtex-syntax", str(exc)) from None
        if captured:
            exc = captured[0]
            raise fail(rel, getattr(exc, "lineno", None) or 1, "bibtex-syntax", str(exc))
        for key, entry in parsed.entries.items():
            if not entry.fields.get("title") and not entry.fields.get("journaltitle"):
                raise fail(rel, where[key].line, "bibtex-field", f"entry {key!r} has no title")
            data.add_entry(key, entry)
    for key, entry in data.entries.items():
        parent = entry.fields.get("crossref")
        if parent and parent not in data.entries:
            raise fail(where[key].path, where[key].line, "bibtex-crossref",
                       f"entry {key!r} crossrefs unknown entry {parent!r}")
    return data, where


def _yaml_lines(text: str) -> dict[str, int]:
    """Line of each `key: X` / `id: X` in a YAML file, for located messages."""
    lines = {}
    for i, line in enumerate(text.split("\n"), 1):
        m = re.match(r"^\s*-?\s*(?:key|id):\s*['\"]?([^'\"\s#]+)", line)
        if m:
            lines.setdefault(m.group(1), i)
    return lines


def load_yaml(path: Path, rel: str):
    try:
        # libyaml's loader where PyYAML has it (ten times faster), the same safe subset
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise fail(rel, (mark.line + 1) if mark else 1, "yaml", str(exc).replace("\n", " ")) from None


def load_archives(path: Path, rel: str):
    text = path.read_text(encoding="utf-8")
    raw = load_yaml(path, rel) or {}
    lines = _yaml_lines(text)
    problems: list[Problem] = []

    text_lines = text.split("\n")

    def where(ident: str, field: str = "") -> Location:
        """The record's line, or the line of one of its fields."""
        start = lines.get(ident, 1)
        if field:
            for i in range(start - 1, len(text_lines)):
                if i > start - 1 and re.match(r"^\s*-\s", text_lines[i]):
                    break
                if re.match(rf"^\s*-?\s*{field}:", text_lines[i]):
                    return Location(rel, i + 1)
        return Location(rel, start)

    if not isinstance(raw, dict) or not {"archives", "files", "documents"} <= set(raw):
        raise fail(rel, 1, "archive", "needs the sections 'archives', 'files' and 'documents'")
    archives = {}
    for ident, a in raw["archives"].items():
        archives[ident] = Archive(ident, str(a["abbr"]), dict(a["name"]), str(a.get("name_orig", "")),
                                  dict(a.get("place", {})))
    files: dict[str, ArchivalFile] = {}
    for f in raw["files"]:
        ident = str(f.get("id", ""))
        if ident in files:
            problems.append(Problem(where(ident), "archive-duplicate", f"file {ident!r} is listed twice"))
            continue
        if f.get("archive") not in archives:
            problems.append(Problem(where(ident, "archive"), "archive", f"file {ident!r}: unknown archive {f.get('archive')!r}"))
            continue
        files[ident] = ArchivalFile(ident, archives[f["archive"]], str(f.get("fond", "")), str(f.get("opis", "")),
                                    str(f.get("delo", "")), str(f.get("code", "")))
    documents: dict[str, ArchivalDocument] = {}
    for d in raw["documents"]:
        key = str(d.get("key", ""))
        loc = where(key)
        if key in documents:
            problems.append(Problem(loc, "archive-duplicate", f"document {key!r} is listed twice"))
            continue
        if d.get("file") not in files:
            problems.append(Problem(where(key, "file"), "archive-file", f"document {key!r} points to unknown file {d.get('file')!r}"))
            continue
        date = d.get("date")
        if date is not None and not isinstance(date, dt.date):
            problems.append(Problem(where(key, "date"), "archive-date", f"document {key!r}: date {date!r} is not YYYY-MM-DD"))
            continue
        documents[key] = ArchivalDocument(
            key=key, file=files[d["file"]], date=date, undated=bool(d.get("undated")),
            date_from=str(d.get("date_from", "note")), para=str(d.get("para", "")),
            author=str(d.get("author", "")), recipient=str(d.get("recipient", "")),
            kind=dict(d.get("kind", {})), title=str(d.get("title", "")), title_en=str(d.get("title_en", "")),
            summary=dict(d.get("summary", {})), item=str(d.get("item", "")), sheets=str(d.get("sheets", "")),
            location=loc)
    if problems:
        raise EditionError(problems)
    return archives, files, documents


def load_sources(root: Path, docs_dir: Path, chapters: list[str], bib: list[str], archives: str,
                 publication: str, register: str | None = None) -> Sources:
    chapter_model = load_chapters(docs_dir, chapters)
    data, where = load_bibtex([root / b for b in bib], root)
    arch, files, docs = load_archives(root / archives, archives)
    pub = load_yaml(root / publication, publication) or {}
    clash = set(data.entries) & set(docs)
    if clash:
        key = sorted(clash)[0]
        raise fail(where[key].path, where[key].line, "key-duplicate",
                   f"key {key!r} names both a BibTeX entry and an archival document")
    reg = None
    refs: dict = {}
    if register and (root / register).is_dir():
        reg = load_register(root / register, register)
        refs = document_refs((load_yaml(root / archives, archives) or {}).get("documents"))
    return Sources(chapter_model, data, where, arch, files, docs, pub, root, reg, refs)
