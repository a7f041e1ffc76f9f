"""Issue 22: every string of every source file through one door, proven field by field.

The fields are not listed by hand. The edition's own sources (copied), loaded as every build loads
them first (`load_edition`), record every data file a build reads through `datafiles.load_data` and
the pydantic schema it is read with; the test walks each schema together with the file's data
(nested models, lists, dicts, optional fields absent from the data are added) and plants a payload
with a distinct marker (`QZ0042Z`) in every string field, every heading of every page, the first
paragraph and note of every chapter, every field of one BibTeX entry of each type and every
front-matter text. A new data file, a new field or a new shape of an old one (the `sources:` items,
say) is planted without anyone writing a case.

Each payload is then either refused, with the planted file and line (or its marker) in the
message, or the build succeeds and every output file is checked: the payload's markup appears
only escaped (HTML, XHTML, SVG, XML and Markdown: no tag, comment or CDATA end it opens; JSON-LD
and the search index: no raw `<`; XML files parse), and `javascript:` planted in every address
field is refused or never becomes a link. Many fields share one build (each with its own marker),
so the whole edition is planted in a few builds. Chromium then opens one page of each type of the
planted site, hovers a card, opens the chronology fold and runs a search: no dialog.
"""
from __future__ import annotations

import json
import re
import shutil
import types
import typing
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree
from mkdocs.exceptions import Abort, PluginError
from pydantic import BaseModel

from conftest import ROOT, build_site
from loading import load_root

# The module's fixtures build editions of their own: one pytest-xdist worker runs all its tests, building them once.
pytestmark = pytest.mark.xdist_group("payloads")

#: what is copied of the repository: the edition's sources and its templates
SOURCES = ("mkdocs.yml", "docs", "overrides", "bibliography", "register", "chronology", "termbase", "apparatus",
           "changelog", "maps", "CITATION.cff")
MARK = "QZ{n:04d}Z"
MARK_RE = re.compile(r"QZ(\d{4})Z")


def payload(n: int) -> str:
    """Markup for every context: element text, <title>, attributes, XML (CDATA end, comment), JSON."""
    return (f"{MARK.format(n=n)}</title><script>alert({n})</script><img src=x onerror=alert({n})>"
            f"<svg onload=alert({n})>]]><!--'\"&amp;")


def short_payload(n: int) -> str:
    """For a field with a length limit (a chronology label): the markup that matters, in 30 characters."""
    return f"{MARK.format(n=n)}<svg onload=alert({n})>"


# raw markup a payload must never leave in a rendered file
RAW = [re.compile(p) for p in (r"<script>alert\(\d+\)", r"<img src=x onerror", r"<svg onload=alert",
                               r"\]\]><!--'", r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""")]
#: downloads that are data, read by programs, not rendered: raw text is their content
DATA_SUFFIXES = (".csv", ".bib", ".ris", ".txt", ".json", ".yaml", ".cff")
#: files that are parsed as XML
XML_SUFFIXES = (".xml", ".xhtml", ".opf", ".ncx", ".svg")


# --- the schemas, walked with the data ---------------------------------------------------------

def _unwrap(ann):
    while typing.get_origin(ann) is typing.Annotated:
        ann = typing.get_args(ann)[0]
    return ann


def _is_model(ann) -> bool:
    return isinstance(ann, type) and issubclass(ann, BaseModel)


def _admits_str(ann) -> bool:
    ann = _unwrap(ann)
    if ann is str:
        return True
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        return any(_admits_str(a) for a in typing.get_args(ann))
    return False


def _blank(ann, text: str):
    """A value for a field absent from the data, if one can be made from text alone."""
    ann = _unwrap(ann)
    origin, args = typing.get_origin(ann), typing.get_args(ann)
    if _admits_str(ann):
        return text
    if origin in (typing.Union, types.UnionType):
        for a in args:
            if a is not type(None) and (value := _blank(a, text)) is not None:
                return value
        return None
    if origin in (list, tuple, set) and args and _admits_str(args[0]):
        return [text]
    if origin is dict and len(args) == 2 and _admits_str(args[1]):
        keys = typing.get_args(_unwrap(args[0])) if typing.get_origin(_unwrap(args[0])) is typing.Literal else ()
        return {k: text for k in keys} if keys else None
    return None


@dataclass
class Site:
    """One planted string: where it is in the data, which schema field it is."""

    file: str
    path: tuple
    field: str
    url: bool = False


def walk(ann, value, path: tuple, fid: str, found: dict[str, tuple], missing: dict[str, tuple]) -> None:
    """Every string field of `ann` in `value`: found[field id] = path of its first occurrence;
    missing[field id] = (path of the record, key, annotation) for a field no record has."""
    ann = _unwrap(ann)
    origin, args = typing.get_origin(ann), typing.get_args(ann)
    if isinstance(value, str) and _admits_str(ann):
        found.setdefault(fid, path)
        return
    if origin in (typing.Union, types.UnionType):
        for a in args:
            if a is not type(None):
                walk(a, value, path, fid, found, missing)
        return
    if _is_model(ann) and isinstance(value, dict):
        for name, info in ann.model_fields.items():
            key = info.alias or name
            sub = f"{fid}.{key}"
            if key in value:
                missing.pop(sub, None)
                walk(info.annotation, value[key], path + (key,), sub, found, missing)
            elif sub not in found:
                missing.setdefault(sub, (path, key, info.annotation))
        return
    if origin in (list, tuple, set) and isinstance(value, list) and args:
        for i, item in enumerate(value):
            walk(args[0], item, path + (i,), f"{fid}[]", found, missing)
        return
    if origin is dict and isinstance(value, dict) and len(args) == 2:
        for k, item in value.items():
            walk(args[1], item, path + (k,), f"{fid}{{}}", found, missing)


def _get(data, path):
    for p in path:
        data = data[p]
    return data


def _set(data, path, value):
    _get(data, path[:-1])[path[-1]] = value


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):   # the edition refuses anchors and aliases
        return True


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


# --- the fixture: the edition's sources, and what its build reads ---------------------------------

def copy_sources(dst: Path) -> Path:
    dst.mkdir(parents=True)
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dst / name)
        elif src.exists():
            shutil.copy2(src, dst / name)
    return dst


def recorded_load(project: Path, monkeypatch) -> list[tuple[str, Any]]:
    """Load the edition as every build does first (`load_edition`, where every data file is read);
    return (file, schema) for every data file read through datafiles.load_data."""
    from edition.sources import datafiles

    seen: list[tuple[str, Any]] = []
    parse, check = datafiles.parse_yaml, datafiles.validate
    current: list[str] = []

    def parse_yaml(text, rel, *a, **k):
        current[:] = [rel]
        return parse(text, rel, *a, **k)

    def validate(schema, data, lines, *a, **k):
        if current and current[0].endswith((".yaml", ".yml")) and all(current[0] != r for r, _ in seen):
            seen.append((current[0], schema))
        current[:] = []
        return check(schema, data, lines, *a, **k)

    with monkeypatch.context() as m:
        m.setattr(datafiles, "parse_yaml", parse_yaml)
        m.setattr(datafiles, "validate", validate)
        load_root(project)
    return seen


@dataclass
class Plan:
    """The planted strings of one build: marker number -> (file, field id, original text)."""

    project: Path
    sites: dict[int, Site] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)      # data file -> its data (planted)
    texts: dict[str, str] = field(default_factory=dict)     # other source file -> its text (planted)
    originals: dict[int, Any] = field(default_factory=dict)
    added: set[int] = field(default_factory=set)
    written: dict[str, str] = field(default_factory=dict)
    short: set[int] = field(default_factory=set)

    def write(self) -> dict[int, tuple[str, int]]:
        """Write every planted file; return marker -> (file, line) as written."""
        where: dict[int, tuple[str, int]] = {}
        for rel, data in self.data.items():
            text = _dump(data)
            (self.project / rel).write_text(text, encoding="utf-8")
            self.written[rel] = text
            self._lines(rel, text, where)
        for rel, text in self.texts.items():
            (self.project / rel).write_text(text, encoding="utf-8")
            self._lines(rel, text, where)
        return where

    @staticmethod
    def _lines(rel, text, where):
        for number, line in enumerate(text.split("\n"), 1):
            for m in MARK_RE.finditer(line):
                where.setdefault(int(m.group(1)), (rel, number))

    def unplant(self, n: int) -> None:
        site = self.sites[n]
        if site.file in self.data:
            data = self.data[site.file]
            if n in self.added:
                del _get(data, site.path[:-1])[site.path[-1]]
            else:
                _set(data, site.path, self.originals[n])
        elif isinstance(self.originals[n], tuple):
            self.texts[site.file] = self.texts[site.file].replace(*self.originals[n], 1)
        else:
            self.texts[site.file] = self.texts[site.file].replace(self.originals[n], "", 1)

    def record_markers(self, rel: str, line: int) -> set[int]:
        """The markers inside the record (YAML item or mapping) that starts at `line` of `rel`."""
        lines = self.written.get(rel, "").split("\n")
        if not 0 < line <= len(lines):
            return set()
        first = lines[line - 1]
        indent = len(first) - len(first.lstrip(" -"))
        block = [first]
        for nxt in lines[line:]:
            body = nxt.lstrip(" ")
            if nxt.strip() and (len(nxt) - len(body) < indent or (body.startswith("- ") and len(nxt) - len(body) <= indent - 2)):
                break
            block.append(nxt)
        return {int(m.group(1)) for m in MARK_RE.finditer("\n".join(block))}


_HEADING = re.compile(r"^(#{1,6} )(.+?)(\s*\{[^{}]*\})?[ \t]*$", re.M)
_FRONT_TEXT = re.compile(r"^(title|description):[ \t]*(.+)$", re.M)
_BIB_ENTRY = re.compile(r"^@(\w+)\{", re.M)
_BIB_FIELD = re.compile(r"^(\s+)(\w+)(\s*=\s*\{)(.*)(\},?)\s*$", re.M)
_PARAGRAPH = re.compile(r"^(\{¶[^}]+\}[^\n]*?)([.:;!?])?$", re.M)
_NOTE = re.compile(r"^(\[\^\d+\]: [^\n]*?)([.:;!?])?$", re.M)


def plan_everything(project: Path, loaded: list[tuple[str, Any]], chapters: list[str], url_round: bool) -> Plan:
    """Plant a payload (or, in the address round, `javascript:`) in every string field."""
    plan = Plan(project)
    counter = iter(range(1, 10_000))
    for rel, schema in loaded:
        data = yaml.safe_load((project / rel).read_text(encoding="utf-8"))
        found: dict[str, tuple] = {}
        missing: dict[str, tuple] = {}
        walk(schema, data, (), rel, found, missing)
        for fid, path in found.items():
            old = _get(data, path)
            is_url = bool(re.match(r"(https?:|mailto:)", old))
            if url_round != is_url:
                continue
            n = next(counter)
            plan.sites[n] = Site(rel, path, fid, is_url)
            plan.originals[n] = old
            _set(data, path, f"javascript:alert({n})//{MARK.format(n=n)}" if url_round else f"{old} {payload(n)}")
        if not url_round:
            for fid, (path, key, ann) in missing.items():
                n = next(counter)
                value = _blank(ann, payload(n))
                if value is None:
                    continue
                record = _get(data, path)
                if not isinstance(record, dict):
                    continue
                record[key] = value
                plan.sites[n] = Site(rel, path + (key,), fid + " (added)")
                plan.added.add(n)
        plan.data[rel] = data
    if url_round:
        return plan
    names = {name: name for name in chapters}
    names.update({name[:-3] + ".en.md": name for name in chapters})
    for path in sorted((project / "docs").rglob("*.md")):
        rel = path.relative_to(project).as_posix()
        text = path.read_text(encoding="utf-8")

        def plant(m, kind, group=2, keep=True):
            n = next(counter)
            added = f" {payload(n)}"
            plan.sites[n] = Site(rel, (), f"{rel}: {kind}")
            plan.originals[n] = added
            return m.group(0)[:m.end(group) - m.start(0)] + added + m.group(0)[m.end(group) - m.start(0):]

        text = _HEADING.sub(lambda m: plant(m, "heading " + m.group(1).strip()), text)
        if text.startswith("---"):
            def front(m):
                n = next(counter)
                plan.sites[n] = Site(rel, (), f"{rel}: front matter {m.group(1)}")
                new_line = f"{m.group(1)}: {json.dumps(str(yaml.safe_load(m.group(2))) + ' ' + payload(n))}"
                plan.originals[n] = (new_line, m.group(0))
                return new_line
            head, sep, rest = text[3:].partition("\n---")
            text = "---" + _FRONT_TEXT.sub(front, head) + sep + rest
        if path.name in names:
            text = _PARAGRAPH.sub(lambda m: plant(m, "paragraph", 1), text, count=1)
            text = _NOTE.sub(lambda m: plant(m, "note", 1), text, count=1)
        plan.texts[rel] = text
    for path in sorted(project.glob("bibliography/*.bib")):
        rel = path.relative_to(project).as_posix()
        text = path.read_text(encoding="utf-8")
        seen_types: set[str] = set()
        chunks = _BIB_ENTRY.split(text)
        out = [chunks[0]]
        for kind, body in zip(chunks[1::2], chunks[2::2]):
            if kind.lower() not in seen_types and kind.lower() not in ("comment", "string", "preamble"):
                seen_types.add(kind.lower())

                def bib(m):
                    if m.group(2).lower() in ("date", "year", "crossref", "ids", "langid", "language", "doi", "url",
                                              "isbn", "issn", "urldate", "entrysubtype"):
                        return m.group(0)
                    n = next(counter)
                    plan.sites[n] = Site(rel, (), f"{rel}: @{kind.lower()}.{m.group(2).lower()}")
                    plan.originals[n] = f" {payload(n)}"
                    return f"{m.group(1)}{m.group(2)}{m.group(3)}{m.group(4)} {payload(n)}{m.group(5)}"
                body = _BIB_FIELD.sub(bib, body)
            out += [f"@{kind}{{", body]
        plan.texts[rel] = "".join(out)
    return plan


_PROBLEM = re.compile(r"^\s*(?:\(and \d+ more caused by this: )?(.*)$")
_LOCATION = re.compile(r"([\w./-]+\.(?:ya?ml|md|bib)):(\d+)")


def build_until_it_builds(plan: Plan, site: Path, caplog, rounds: int = 20) -> tuple[dict[int, str], int]:
    """Build; each refusal must name a planted file:line or marker; unplant what was refused and
    build again. Returns the refusals (marker -> message) and the number of builds."""
    from edition.core import errors

    refused: dict[int, str] = {}
    shown, errors.SHOWN = errors.SHOWN, 100_000   # every location of a folded problem, not five
    try:
        return _rounds(plan, site, caplog, rounds, refused)
    finally:
        errors.SHOWN = shown


def _rounds(plan: Plan, site: Path, caplog, rounds: int, refused: dict[int, str]) -> tuple[dict[int, str], int]:
    for build in range(1, rounds + 1):
        where = plan.write()
        caplog.clear()
        try:
            build_site(plan.project, site)
            return refused, build
        except (Abort, PluginError) as exc:
            message = caplog.text + "\n" + str(exc)
        by_line = {loc: n for n, loc in where.items()}
        hits: set[int] = set()
        unexplained = []
        for line in message.splitlines():
            if not re.search(r"\[[a-z-]+\]|more caused by this", line):
                continue
            mine = {int(m.group(1)) for m in MARK_RE.finditer(line)}
            for m in _LOCATION.finditer(line):
                n = by_line.get((m.group(1), int(m.group(2))))
                if n is not None:
                    mine.add(n)
            mine &= set(plan.sites) - set(refused)
            if not mine:   # a rule about the whole record (e.g. translit without name.ru): its planted fields
                for m in _LOCATION.finditer(line):
                    inside = plan.record_markers(m.group(1), int(m.group(2))) - set(refused)
                    mine |= (inside & plan.added) or inside
            if mine:
                hits |= mine
                for n in mine:
                    refused[n] = line.strip()
            elif "[" in line and "more caused by this" not in line:
                unexplained.append(line.strip())
        assert hits, f"the build stopped for none of the planted payloads:\n{message[-3000:]}"
        for n in hits:
            planted = plan.sites[n]
            if re.search(r"at most \d+ characters", refused[n]) and planted.file in plan.data and n not in plan.short:
                # a length limit refused it, not its markup: plant a short payload instead
                plan.short.add(n)
                _set(plan.data[planted.file], planted.path, short_payload(n))
                del refused[n]
            else:
                plan.unplant(n)
    raise AssertionError(f"still refusing after {rounds} builds")


# --- the outputs ----------------------------------------------------------------------------------

def output_files(site: Path):
    """(name, text) of every file the build wrote, the EPUBs' members included (the zip is the site)."""
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix in (".zip", ".gz", ".png", ".woff2", ".woff", ".ico", ".pdf"):
            continue
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as z:
                for member in z.namelist():
                    if not member.endswith(("/", ".png", ".jpg", ".woff2")) and member != "mimetype":
                        yield f"{rel}!{member}", z.read(member).decode("utf-8")
            continue
        try:
            yield rel, path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue


def check_outputs(site: Path, markers: set[int]) -> tuple[dict[int, set[str]], int, list[str]]:
    """Every output file: a payload's markup only escaped. Returns where each marker shows,
    the number of files checked, and the problems found."""
    shown: dict[int, set[str]] = {}
    problems: list[str] = []
    count = 0
    for name, text in output_files(site):
        count += 1
        here = {int(m.group(1)) for m in MARK_RE.finditer(text)} & markers
        for n in here:
            shown.setdefault(n, set()).add(name)
        base = name.rsplit("!", 1)[-1]
        if base.endswith(DATA_SUFFIXES) and "/search/" not in f"/{name}":
            if base.endswith(".json"):
                try:
                    json.loads(text)
                except ValueError as exc:
                    problems.append(f"{name}: not JSON any more ({exc})")
            continue
        if base.endswith(".json") or "search_index" in base:   # the search index: Material shows it as HTML
            text = json.dumps(json.loads(text.split("=", 1)[1] if base.endswith(".js") else text), ensure_ascii=False)
        for pattern in RAW:
            for m in pattern.finditer(text):
                before = list(MARK_RE.finditer(text, 0, m.start()))
                problems.append(f"{before[-1].group(0) if before else '?'} {name}: raw {m.group(0)!r}")
        if base.endswith(XML_SUFFIXES) and here:
            try:
                etree.fromstring(text.encode("utf-8"))
            except etree.XMLSyntaxError as exc:
                problems.append(f"{name}: not well-formed XML any more ({exc})")
        if base.endswith(".html"):
            for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
                if "<" in block or ">" in block:
                    problems.append(f"{name}: JSON-LD with a raw < or >")
    return shown, count, problems


# --- the tests ------------------------------------------------------------------------------------

CHAPTERS = ["index.md", "giris.md", "sovyet-dis-politikasi.md", "savas-korkusu.md", "sovyet-tepkisi.md", "sonuc.md",
            "extended-abstract.md"]


@dataclass
class Planted:
    site: Path
    plan: Plan
    refused: dict[int, str]
    builds: int
    loaded: list


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """The edition's sources, copied and loaded once; the data files a build reads, and their schemas."""
    tmp = tmp_path_factory.mktemp("clean")
    project = copy_sources(tmp / "project")
    monkeypatch = pytest.MonkeyPatch()
    try:
        loaded = recorded_load(project, monkeypatch)
    finally:
        monkeypatch.undo()
    return project, loaded


def _planted(clean, tmp: Path, caplog, url_round: bool) -> Planted:
    project = tmp / "project"
    shutil.copytree(clean[0], project)
    plan = plan_everything(project, clean[1], CHAPTERS, url_round)
    refused, builds = build_until_it_builds(plan, tmp / "site", caplog)
    return Planted(tmp / "site", plan, refused, builds, clean[1])


@pytest.fixture(scope="module")
def planted(clean, tmp_path_factory):
    import logging

    handler = _Capture()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        return _planted(clean, tmp_path_factory.mktemp("planted"), handler, url_round=False)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


class _Capture:
    """A tiny caplog for module fixtures: the text of the build's log."""

    level = 0

    def __init__(self):
        self.lines: list[str] = []

    def handle(self, record):
        self.lines.append(record.getMessage())

    def clear(self):
        self.lines.clear()

    @property
    def text(self):
        return "\n".join(self.lines)


def test_the_schemas_and_pages_are_planted_field_by_field(clean, planted):
    files = {rel for rel, _ in clean[1]}
    # every kind of data file the edition reads is found by the build itself, not listed here
    for rel in ("bibliography/article.yaml", "bibliography/archives.yaml", "register/persons.yaml",
                "chronology/events.yaml", "termbase/terms.yaml", "apparatus/comments.yaml",
                "changelog/changelog.yaml"):
        assert rel in files, (rel, files)
    fields = {s.field for s in planted.plan.sites.values()}
    assert len(fields) > 150, len(fields)
    assert any("heading" in f for f in fields) and any(".bib:" in f for f in fields)


def test_every_payload_is_refused_with_its_place_or_stays_text(planted):
    markers = set(planted.plan.sites) - set(planted.refused)
    shown, count, problems = check_outputs(planted.site, markers)
    assert count > 100
    by_marker: dict[str, set[str]] = {}
    for problem in problems:
        marker, rest = problem.split(" ", 1)
        by_marker.setdefault(marker, set()).add(rest.split(":")[0])
    sites = planted.plan.sites
    assert not problems, "\n".join(
        f"{sites[int(m[2:6])].field if MARK_RE.match(m) else m}: {len(files)} files, e.g. {sorted(files)[:4]}"
        for m, files in sorted(by_marker.items()))
    # refused payloads never reach a file; payloads that built reach at least one
    assert not set(shown) & set(planted.refused)
    reached = len(set(shown)) / max(1, len(markers))
    assert reached > 0.8, sorted(planted.plan.sites[n].field for n in markers - set(shown))
    _report(planted, shown, count)


def test_javascript_in_every_address_field_is_refused(clean, tmp_path, caplog):
    result = _planted(clean, tmp_path, caplog, url_round=True)
    assert result.plan.sites, "no address field found"
    left = set(result.plan.sites) - set(result.refused)
    shown, _, problems = check_outputs(result.site, left)
    assert not problems, problems
    assert not left, sorted(result.plan.sites[n].field for n in left)


def _report(planted: Planted, shown, count) -> None:
    fields = planted.plan.sites
    lines = [f"{len(fields)} planted strings ({len({s.field for s in fields.values()})} fields) in "
             f"{len({s.file for s in fields.values()})} source files; {len(planted.refused)} refused with their place, "
             f"{len(shown)} shown escaped in {len({f for v in shown.values() for f in v})} of {count} output files; "
             f"{planted.builds} builds"]
    lines += [f"  refused {fields[n].field}: {m}" for n, m in sorted(planted.refused.items())]
    lines += [f"  not shown anywhere: {fields[n].field}" for n in sorted(set(fields) - set(shown) - set(planted.refused))]
    out = ROOT / "tests" / "artifacts"
    out.mkdir(parents=True, exist_ok=True)
    (out / "payloads.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- Chromium: one page of each type of the planted site --------------------------------------------

PAGE_TYPES = ["index.html", "giris.html", "en/savas-korkusu.html", "paralel/giris.html", "kaynakca.html",
              "arsivler.html", "gazeteler.html", "kisiler.html", "antlasmalar.html", "gorseller.html", "sozluk.html",
              "ilkeler.html", "atif.html", "indir.html", "surumler.html", "en/surumler.html",
              "downloads/edisyon.tr.html", "downloads/edisyon.en.html"]


@pytest.fixture(scope="module")
def planted_server(planted):
    import socket
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(Quiet, directory=str(planted.site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    httpd.shutdown()


@pytest.mark.browser
def test_no_planted_payload_runs_in_chromium(planted, planted_server, browser):
    """Each page type: load, hover cards, open the chronology fold, search: no dialog."""
    from conftest import search

    site = planted.site
    pages = PAGE_TYPES + [f"{folder}/{sorted((site / folder).glob('*.html'))[0].name}" for folder in ("arsiv", "dizin")]
    dialogs: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    context.on("page", lambda p: p.on("dialog", lambda d: (dialogs.append(f"{p.url}: {d.message}"), d.dismiss())))
    page = context.new_page()
    cards = folds = 0
    try:
        for rel in pages:
            assert (site / rel).exists(), rel
            page.goto(f"{planted_server}/{rel}")
            page.wait_for_load_state("load")
            assert len(page.locator("body").inner_text(timeout=5000).strip()) > 40, f"{rel} renders blank"
            for link in page.locator("a.footnote-ref, sup a, a.entity, a[data-card], a.cite").all()[:4]:
                if link.is_visible():
                    link.hover()
                    page.wait_for_timeout(150)
                    cards += page.locator("#edition-card").is_visible()
            fold = page.locator("details.figure-strip summary")
            if fold.count():
                fold.first.click()
                page.wait_for_timeout(300)
                folds += page.locator("details.figure-strip svg").count() > 0
        page.close()
        page = context.new_page()   # search in a fresh tab, as a reader opening the site
        page.goto(f"{planted_server}/giris.html")
        page.wait_for_load_state("load")
        # results show planted titles and text: "onerror" is in every full payload and, unlike "alert", is a
        # word of its own for the Turkish index too (29 pages found in each language)
        search(page, "onerror", reloads=4, retypes=3)
        page.wait_for_timeout(300)
        page.goto(f"{planted_server}/en/giris.html")
        search(page, "onerror", reloads=4, retypes=3)
        page.wait_for_timeout(300)
    finally:
        context.close()
    assert not dialogs, dialogs
    assert cards and folds, (cards, folds)
