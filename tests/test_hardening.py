"""Issue 11: a careless editor, a hostile contributor, a flaky machine.

Classes of bad input, each a table (see tests/badinput.py to add a case):
data-file schemas, encodings, ids, front matter, BibTeX, errors for humans; then
escaping (payloads in every source field: nothing runs, nothing blanks a page),
linear-time parsing, and a property: any input either builds or stops with the
edition's own located error.
"""
from __future__ import annotations

import csv
import io
import logging
import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings, strategies as st
from mkdocs.exceptions import Abort

from badinput import Bad, build_fails
from conftest import build_site, copy_root
from loading import load_root

# The module's fixtures build editions of their own: one pytest-xdist worker runs all its tests, building them once.
pytestmark = pytest.mark.xdist_group("hardening")

ARTICLE_TAIL = 'journal: "Sahte Dergi"\n'
DOC_DATE = "    date: 1925-01-06\n"


def _article(extra: str) -> tuple[str, str]:
    return ARTICLE_TAIL, ARTICLE_TAIL + extra


def _doc(extra: str) -> tuple[str, str]:
    return DOC_DATE, DOC_DATE + extra


SCHEMA_CASES = [
    Bad("article-authors-a-string", "article.yaml", *_article('authors: "Ali Veli"\n'), "schema", "article.yaml:3"),
    Bad("article-javascript-url", "article.yaml", *_article('url: "javascript:alert(1)"\n'), "schema", "article.yaml:3"),
    Bad("article-url-scheme-with-tab", "article.yaml", *_article('url: "java\\tscript:alert(1)"\n'), "schema",
        "article.yaml:3"),
    Bad("article-data-url", "article.yaml", *_article('url: "data:text/html,<script>alert(1)</script>"\n'), "schema",
        "article.yaml:3"),
    Bad("article-missing", "article.yaml", "", None, "missing", "article.yaml:1"),
    Bad("article-alias-bomb", "article.yaml", 'title_en: "A Fake Article"',
        'a: &a ["lol", "lol", "lol"]\nb: &b [*a, *a, *a]\ntitle_en: "A Fake Article"', "yaml", "article.yaml:1"),
    Bad("article-unknown-key", "article.yaml", *_article('titel: "Başka"\n'), "schema", "article.yaml:3"),
    Bad("article-edition-year-not-a-number", "article.yaml", *_article("edition:\n  year: soon\n"), "schema",
        "article.yaml:4"),
    Bad("article-malformed-doi", "article.yaml", *_article('doi: "not a doi"\n'), "schema", "article.yaml:3"),
    Bad("article-without-title", "article.yaml", 'title_en: "A Fake Article"\n', "", "schema", "article.yaml:1"),
    Bad("article-empty-author", "article.yaml", *_article('authors: ["", "B. Yazar"]\n'), "schema", "article.yaml:3"),
    Bad("article-unknown-language", "article.yaml", *_article("language: klingon\n"), "schema", "article.yaml:3"),
    Bad("article-title-unpaired-brace", "article.yaml", 'title_en: "A Fake Article"', 'title_en: "A Fake {Article"',
        "schema", "article.yaml:1"),
    Bad("article-not-utf8", "article.yaml", b"Sahte", b"Sahte \xff", "encoding", "article.yaml:2"),
    Bad("archive-file-id-path-traversal", "archives.yaml", "  - id: avprf-1-2-3", "  - id: ../../../x", "schema",
        "archives.yaml:6"),
    Bad("archive-impossible-date", "archives.yaml", "date: 1925-01-06", "date: 1922-13-45", "yaml", "archives.yaml:14"),
    Bad("archive-date-with-time", "archives.yaml", "date: 1925-01-06", "date: 1925-01-06 10:00:00", "schema",
        "archives.yaml:14"),
    Bad("archive-document-without-key", "archives.yaml", "  - key: avprf-3-1925-01-06\n    file:", "  - file:",
        "schema", "archives.yaml:12"),
    Bad("archive-without-abbr", "archives.yaml", "    abbr: AVPRF\n", "", "schema", "archives.yaml:2"),
    Bad("archive-fond-a-list", "archives.yaml", 'fond: "1"', "fond: [1, 2]", "schema", "archives.yaml:8"),
    Bad("archive-summary-a-string", "archives.yaml", 'summary: {tr: "Kısa özet.", en: "Short summary."}',
        'summary: "Kısa özet."', "schema", "archives.yaml:16"),
    Bad("archive-misspelt-key", "archives.yaml", "    abbr: AVPRF\n", "    abbr: AVPRF\n    abrv: X\n", "schema",
        "archives.yaml:4"),
    Bad("archive-unknown-date-source", "archives.yaml", *_doc("    date_from: somewhere\n"), "schema",
        "archives.yaml:15"),
    Bad("archive-register-refs-not-a-list", "archives.yaml", *_doc("    author_refs: ali-veli\n"), "schema",
        "archives.yaml:15"),
    Bad("archive-register-ref-not-an-id", "archives.yaml", *_doc("    subject_refs: [Ali Veli]\n"), "schema",
        "archives.yaml:15"),
    Bad("archive-alias", "archives.yaml", "abbr: AVPRF", "abbr: &x AVPRF", "yaml", "archives.yaml:3"),
    Bad("archive-not-utf8", "archives.yaml", "Bir görüşme".encode(), b"Bir g\xf6r\xfc\xfeme", "encoding",
        "archives.yaml:15"),
]

CHAPTER_CASES = [
    Bad("chapter-not-utf8", "docs/bolum.md", b"Birinci", b"Birinci \xfe", "encoding", "docs/bolum.md:3"),
    Bad("paragraph-id-twice", "docs/bolum.md", "{¶2} Üçüncü", "{¶1} Üçüncü", "id-duplicate", "docs/bolum.md:5"),
    Bad("paragraph-ids-out-of-order", "docs/bolum.md", "{¶1} Birinci", "{¶3} Birinci", "id-order", "docs/bolum.md:5"),
    Bad("page-marker-twice", "docs/bolum.md", "{¶1} Birinci cümle.", "{¶1} Birinci {pb 2} cümle.", "id-duplicate",
        "docs/bolum.md:5"),
    Bad("page-markers-out-of-order", "docs/bolum.md", "{pb 2} burada", "{pb 2} burada {pb 1}", "id-order",
        "docs/bolum.md:5"),
    Bad("heading-anchor-twice", "docs/bolum.md", "# Bölüm {#s1}", "# Bölüm {#oz}", "id-duplicate", "docs/bolum.md:1"),
    Bad("heading-takes-a-paragraph-id", "docs/bolum.md", "# Bölüm {#s1}", "# Bölüm {#p1}", "id-duplicate",
        "docs/bolum.md:1"),
    Bad("front-matter-title-with-markup", "docs/index.md", "title: Ana sayfa",
        "title: Ana <img src=x onerror=alert(1)>", "front-matter", "docs/index.md:2"),
    Bad("front-matter-alias", "docs/index.md", "title: Ana sayfa", "x: &x Ana\ntitle: *x", "front-matter",
        "docs/index.md:2"),
    Bad("front-matter-author-raw-in-a-meta-tag", "docs/index.md", "title: Ana sayfa",
        'title: Ana sayfa\nauthor: \'"><script>alert(1)</script>\'', "front-matter", "docs/index.md:3"),
    Bad("front-matter-title-a-list", "docs/index.md", "title: Ana sayfa", "title: [Ana, sayfa]", "front-matter",
        "docs/index.md:2"),
    Bad("page-raw-html-in-a-heading", "docs/kaynakca.md", "# Kaynakça {#kaynakca}",
        "# Kaynakça </title><script>alert(1)</script> {#kaynakca}", "markup", "docs/kaynakca.md:1"),
    Bad("page-raw-html-in-text", "docs/kaynakca.md", "{bibliography}", "{bibliography}\n\nA <img src=x onerror=alert(1)>",
        "markup", "docs/kaynakca.md:5"),
    Bad("page-javascript-link", "docs/kaynakca.md", "{bibliography}", "{bibliography}\n\n[x](javascript:alert(1))",
        "markup", "docs/kaynakca.md:5"),
    Bad("page-javascript-reference-link", "docs/kaynakca.md", "{bibliography}",
        "{bibliography}\n\n[x][y]\n\n[y]: javascript:alert(1)", "markup", "docs/kaynakca.md:7"),
    Bad("runaway-note", "docs/bolum.md", "[^3]: [Gazete", "[^3]: " + "a[" * 60_000 + " [Gazete", "markup",
        "docs/bolum.md:11"),
    Bad("translation-file-missing", "docs/bolum.en.md", "", None, "missing", "docs/bolum.en.md:1", root="bilingual"),
    Bad("original-paragraph-renumbered", "docs/bolum.md", "{¶2} Üçüncü", "{¶3} Üçüncü", "alignment", "docs/bolum.md:5",
        root="bilingual"),
    Bad("original-heading-anchor-changed", "docs/bolum.md", "# Bölüm {#s1}", "# Bölüm {#s9}", "alignment",
        "docs/bolum.md:1", root="bilingual"),
]

BIBTEX_CASES = [
    Bad("bib-not-utf8", "refs.bib", b"Kitap", b"Kitap \xe7", "encoding", "refs.bib:3"),
    Bad("bib-article-without-journal", "refs.bib", "  journaltitle = {Gazete},\n", "", "bibtex-field", "refs.bib:8"),
    Bad("bib-article-without-title", "refs.bib", "  title = {Başlık},\n", "", "bibtex-field", "refs.bib:8"),
    Bad("bib-article-without-date", "refs.bib", "  date = {1925-01-01},\n", "", "bibtex-field", "refs.bib:8"),
    Bad("bib-stray-and-in-author", "refs.bib", "author = {Yazar, Ali}", "author = {Yazar, Ali and }", "bibtex-field",
        "refs.bib:1"),
    Bad("bib-unknown-latex-command", "refs.bib", "title = {Kitap}", "title = {Kitap \\foo{x}}", "bibtex-latex",
        "refs.bib:1"),
    Bad("bib-entry-not-closed", "refs.bib", "  date = {2000},\n}", "  date = {2000},\n", "bibtex-syntax", "refs.bib:1"),
    Bad("bib-stray-closing-brace", "refs.bib", "title = {Kitap},", "title = {Kitap}},", "bibtex-syntax", "refs.bib:3"),
    Bad("bib-unknown-entry-type", "refs.bib", "@article{gazete", "@artcle{gazete", "bibtex-type", "refs.bib:8"),
    Bad("bib-collection-without-editor", "refs.bib", "@book{yazar2000,", "@collection{yazar2000,", "bibtex-field",
        "refs.bib:1"),
    Bad("bib-thesis-without-author", "refs.bib", "@book{yazar2000,\n  author = {Yazar, Ali},", "@phdthesis{yazar2000,",
        "bibtex-field", "refs.bib:1"),
]

ALL_CASES = SCHEMA_CASES + CHAPTER_CASES + BIBTEX_CASES


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_bad_input_stops_with_the_right_file_and_line(case, tmp_path, caplog):
    build_fails(case, tmp_path, caplog)


#: one case of each kind, built for real: the build reports what load_edition raised
BUILT = ("article-javascript-url", "archive-not-utf8", "paragraph-id-twice", "bib-not-utf8")


@pytest.mark.parametrize("case", [c for c in ALL_CASES if c.id in BUILT], ids=BUILT)
def test_bad_input_stops_a_real_build_with_the_right_file_and_line(case, tmp_path, caplog):
    build_fails(case, tmp_path, caplog, build=True)


def test_the_previous_site_stays_when_a_data_file_is_bad(tmp_path, caplog):
    project = copy_root("base", tmp_path)
    site = build_site(project, tmp_path / "site")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (project / "archives.yaml").write_text("files: [", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(project, site)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


# --- errors for humans ----------------------------------------------------------------------

def test_one_cause_is_reported_once(tmp_path, caplog):
    """Renaming a cited entry breaks every note that cites it: one message, the rest folded."""
    case = Bad("entry-renamed", "refs.bib", "@book{yazar2000,", "@book{yazar1999,", "key-unknown", "docs/bolum.md:7")
    message = build_fails(case, tmp_path, caplog)
    assert message.count("[key-unknown]") == 1, message
    assert "(and 1 more caused by this: docs/bolum.md:9)" in message
    assert "1 problem(s)" in message


def test_the_first_error_names_the_default_language_file(tmp_path, caplog):
    """The same mistake in both languages: the Turkish file (the original) is named first."""
    project = copy_root("bilingual", tmp_path)
    for name in ("docs/bolum.md", "docs/bolum.en.md"):
        path = project / name
        path.write_text(path.read_text(encoding="utf-8").replace("{@yazar2000, p. 5}", "{@yazar2001, p. 5}"),
                        encoding="utf-8")
    caplog.clear()
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    lines = [x for x in caplog.text.splitlines() if "[key-unknown]" in x]
    assert lines and lines[0].startswith("docs/bolum.md:7: [key-unknown]"), caplog.text
    assert "docs/bolum.en.md:7" in caplog.text and len(lines) == 1


# --- BibTeX: LaTeX decoded ------------------------------------------------------------------

LATEX = [
    ('G\\"u\\c{c}l\\"u', "Güçlü"),
    ("Kitap \\& Dergi", "Kitap & Dergi"),
    ("\\textit{Italic} title", "Italic title"),
    ("{\\\"U}sk\\\"{u}dar", "Üsküdar"),
    ("\\emph{Vakit}", "Vakit"),
    ("50\\% indirim", "50% indirim"),
]


@pytest.mark.parametrize("latex,unicode", LATEX, ids=[x[1] for x in LATEX])
def test_latex_in_bibtex_becomes_unicode_on_the_page(latex, unicode, tmp_path):
    project = copy_root("base", tmp_path)
    bib = project / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("title = {Kitap}", f"title = {{{latex}}}"), encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    page = BeautifulSoup((site / "kaynakca.html").read_text(encoding="utf-8"), "lxml")
    text = re.sub(r"[{}]", "", page.get_text(" "))
    assert unicode in text
    assert "\\" not in page.select_one("article").get_text()


# --- escaping: payloads in every source field -------------------------------------------------

PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(2)</script><!--<script>"


def _seed_payloads(project: Path) -> None:
    def sub(rel, old, new):
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    sub("docs/bolum.md", "# Bölüm {#s1}", f"# Bölüm {PAYLOAD} [x](javascript:alert(3)) *y* `z` {{#s1}}")
    sub("docs/bolum.md", "Birinci cümle.", f"Birinci {PAYLOAD} cümle EDITIONHTML00000.")
    sub("docs/bolum.md", "[^3]: [Gazete", f"[^3]: {SCRIPT} [Gazete")
    sub("docs/index.md", "## Öz {#oz}", f"## Öz {SCRIPT} {{#oz}}")
    sub("refs.bib", "journaltitle = {Gazete}", f"journaltitle = {{Vakit{PAYLOAD}}}")
    sub("refs.bib", "title = {Kitap}", f"title = {{Kitap {SCRIPT}}}")
    sub("refs.bib", "location = {İstanbul}", f"location = {{İstanbul {PAYLOAD}}}")
    sub("refs.bib", "author = {Yazar, Ali}", f"author = {{Yazar{PAYLOAD}, Ali}}")
    sub("archives.yaml", "abbr: AVPRF", f'abbr: "AVPRF{PAYLOAD}"')
    sub("archives.yaml", 'fond: "1"', f'fond: "1{PAYLOAD}"')
    sub("archives.yaml", 'title: "Bir görüşme"', f'title: "=HYPERLINK(1){PAYLOAD}"\n    author: "{SCRIPT}"\n'
                                                 f'    kind: {{tr: "{PAYLOAD}", en: "{PAYLOAD}"}}')
    sub("archives.yaml", 'summary: {tr: "Kısa özet."', f'summary: {{tr: "Kısa {SCRIPT}"')
    sub("archives.yaml", 'name: {tr: "Rusya', f'name_orig: "{PAYLOAD}"\n    place: {{tr: "M {PAYLOAD}", en: "M"}}\n'
                                          f'    name: {{tr: "Rusya{PAYLOAD}')
    sub("article.yaml", 'title_en: "A Fake Article"',
        f'title_en: "A Fake Article {SCRIPT}"\ntitle: "Sahte {PAYLOAD}"\nauthors: ["Ali {PAYLOAD}"]\n'
        'url: "https://example.org/?a=1&b=<2>"')
    sub("article.yaml", 'journal: "Sahte Dergi"',
        f'journal: "Sahte Dergi {SCRIPT}"\nshort_title_en: "Fake {PAYLOAD}"\nvolume: "3{PAYLOAD}"\n'
        f'edition:\n  year: 2026\n  editors: {{tr: "Ed {PAYLOAD}", en: "Ed {SCRIPT}"}}\n  licence: "CC {PAYLOAD}"')
    sub("refs.bib", "  date = {2000},", f"  date = {{2000}},\n  title_en = {{Book {PAYLOAD}}},\n"
                                        f"  publisher = {{Yayınevi {SCRIPT}}},\n  note = {{Not {PAYLOAD}}},")
    sub("refs.bib", "  date = {1925-01-01},", f"  date = {{1925-01-01}},\n  pages = {{3{PAYLOAD}}},")
    sub("archives.yaml", 'opis: "2"', f'opis: "2{PAYLOAD}"')
    sub("archives.yaml", 'delo: "3"', f'delo: "3{SCRIPT}"')
    sub("archives.yaml", "    date: 1925-01-06\n",
        f'    date: 1925-01-06\n    recipient: "R {PAYLOAD}"\n    title_en: "T {PAYLOAD}"\n'
        f'    item: "4{PAYLOAD}"\n    sheets: "5{SCRIPT}"\n')
    sub("docs/bolum.en.md", "# Chapter {#s1}", f"# Chapter {PAYLOAD} [x](javascript:alert(3)) {{#s1}}")
    sub("docs/bolum.en.md", "First sentence.", f"First {PAYLOAD} sentence.")
    sub("docs/bolum.en.md", "[^3]: [Gazete", f"[^3]: {SCRIPT} [Gazete")
    sub("mkdocs.yml", "  - arsivler.md", "  - arsivler.md\n  - gazeteler.md")
    for name, title in (("gazeteler.md", "Gazeteler"), ("gazeteler.en.md", "Newspapers")):
        (project / "docs" / name).write_text(f"# {title} {{#gazeteler}}\n\n{{newspapers}}\n\nEDITIONHTML00000\n",
                                             encoding="utf-8")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("payload")
    project = copy_root("bilingual", tmp)   # both languages: chapters, parallel views, registers, downloads
    _seed_payloads(project)
    return build_site(project, tmp / "site")


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_payloads_stay_text_in_every_generated_file(payload_site):
    pages = _pages(payload_site) + sorted((payload_site / "downloads").glob("*.html"))
    assert len(pages) >= 20 and (payload_site / "en" / "bolum.html").exists()
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        assert not soup.select('img[src="x"]'), page
        assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)], page
        assert not [a for a in soup.select("a[href]") if a["href"].strip().lower().startswith("javascript")], page
        scripts = [s.get_text() for s in soup.find_all("script")]
        assert not [s for s in scripts if "alert(" in s and "ld+json" not in s], page
    for jsonld in payload_site.rglob("*.html"):
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>',
                                jsonld.read_text(encoding="utf-8"), re.S):
            assert "<" not in block and ">" not in block, jsonld


def test_payload_text_is_shown_as_written(payload_site):
    chapter = BeautifulSoup((payload_site / "bolum.html").read_text(encoding="utf-8"), "lxml")
    assert PAYLOAD in chapter.select_one("h1").get_text()
    assert "EDITIONHTML00000" in chapter.get_text()
    papers = BeautifulSoup((payload_site / "gazeteler.html").read_text(encoding="utf-8"), "lxml")
    assert f"Vakit{PAYLOAD}" in papers.select_one("article h2").get_text()
    # a literal stash token on a prose page stays text (it once pulled in, or lost, a generated block)
    assert len(papers.select("article table.newspapers")) == 1
    assert "EDITIONHTML00000" in papers.select_one("article").get_text()


def test_csv_cells_cannot_run_as_formulas(payload_site):
    text = (payload_site / "downloads" / "arsiv-belgeleri.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text.split("\n", 1)[1])))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert any(c.startswith("'=HYPERLINK") for c in cells)


@pytest.mark.browser
def test_no_page_of_the_payload_fixture_runs_script_or_renders_blank(payload_site, browser):
    """Every generated page, opened in Chromium: no dialog, and the article text is there."""
    pages = _pages(payload_site) + sorted((payload_site / "downloads").glob("*.html"))
    dialogs: list[str] = []
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    try:
        for path in pages:
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            page.wait_for_timeout(50)
            body = page.locator("body").inner_text(timeout=5000)
            assert len(body.strip()) > 40, f"{path} renders blank"
    finally:
        context.close()
    assert not dialogs, dialogs


# --- linear-time parsing --------------------------------------------------------------------

PATHOLOGICAL = ["a[", "[", "[^", "]", "*a*", "[x]{@k} ", "{pb 1} ", "[a]", "{~~a~>b~~} ", "[x]{@"]


@pytest.mark.parametrize("unit", PATHOLOGICAL)
def test_a_megabyte_of_pathological_markup_fails_or_builds_in_under_two_seconds(unit):
    from edition.core.errors import EditionError
    from edition.sources.markup import parse_chapter

    note = unit * (1_000_000 // len(unit))
    for text in (f"{{¶1}} Metin.[^1]\n\n[^1]: {note}\n", f"{{¶1}} Metin.[^1]\n\n[^1]: {note[:90_000]}\n"):
        start = time.perf_counter()
        try:
            parse_chapter(text, "docs/x.md", "tr")
        except EditionError as exc:
            assert exc.problems[0].location.path == "docs/x.md"
        assert time.perf_counter() - start < 2.0, (unit, len(text))


# --- property: any input builds or stops with the edition's own located error ------------------

def _load(project: Path):
    return load_root(project).edition


_SOURCES = dict.fromkeys(["docs/bolum.md", "docs/index.md", "refs.bib", "archives.yaml", "article.yaml"])
_SNIPPETS = st.sampled_from(["{", "}", "[", "]", "[^1]", "{¶", "{pb 2}", "{@", "*", "~~", "&a", "*a", ": ", "- ",
                             "\n", "\n\n", "@book{", "  title = {", "date: 1922-13-45", "\t", "\xff", "'", '"',
                             "{~~a~>b~~}", "---\n", "!!python/object:os.system", "%", "\\\"u"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(target=st.sampled_from(sorted(_SOURCES)), position=st.floats(0, 1),
       insert=st.lists(_SNIPPETS | st.text(max_size=5), max_size=6).map("".join), cut=st.integers(0, 30))
def test_any_input_loads_or_raises_a_located_edition_error(tmp_path, target, position, insert, cut):
    from edition.core.errors import EditionError

    project = tmp_path / "project"
    if not project.exists():
        project = copy_root("base", tmp_path)
        for rel in _SOURCES:
            _SOURCES[rel] = (project / rel).read_text(encoding="utf-8")
    for rel, original in _SOURCES.items():
        (project / rel).write_text(original, encoding="utf-8")
    text = _SOURCES[target]
    at = int(position * len(text))
    (project / target).write_bytes((text[:at] + insert + text[at + cut:]).encode("utf-8", "surrogatepass")
                                   .replace(b"\xc3\xbf", b"\xff"))
    try:
        edition = _load(project)
    except EditionError as exc:
        for problem in exc.problems:
            assert problem.location.path and problem.location.line >= 1
            assert re.fullmatch(r"[a-z\-]+", problem.category)
        return
    # what loads also renders: chapters, references, registers
    from edition.html import apparatus_pages as registers
    from edition.html.chapters import Renderer
    from edition.html.urls import Linker

    for name, chapter in zip(edition.chapter_names, edition.chapters("tr")):
        Renderer(edition, "tr", Linker(name)).chapter(chapter, lambda which: "")
    registers.bibliography(edition, "tr", Linker("kaynakca.md"))
    registers.archives_index(edition, "tr", Linker("arsivler.md"))


def test_logging_of_a_failed_build_has_no_traceback(tmp_path, caplog):
    project = copy_root("base", tmp_path)
    (project / "archives.yaml").write_bytes(b"archives: {avprf: {abbr: \xff}}")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    assert "Traceback" not in caplog.text and "archives.yaml:1: [encoding]" in caplog.text


# --- the escaping functions themselves ---------------------------------------------------------

MARKDOWN_TEXT = ["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "*a* _b_", "`code`", "![i](x.png)",
                 "&amp; &lt;", "\\*not\\*", "<!-- c -->", "<https://example.org>", "a # b ##"]


@pytest.mark.parametrize("source", MARKDOWN_TEXT)
def test_markdown_text_stays_text_in_a_heading(source):
    import markdown

    from edition.core.escaping import markdown_text

    html = markdown.markdown(f"## {markdown_text(source)} {{ #a }}", extensions=["attr_list", "toc"])
    soup = BeautifulSoup(html, "lxml")
    heading = soup.select_one("h2#a")
    assert heading is not None and heading.get_text() == source, html
    assert not heading.find_all(True)


@pytest.mark.parametrize("cell,expected", [("=1+1", "'=1+1"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
                                           ("\t=1", "'\t=1"), ("Vakit", "Vakit"), ("1925-01-06", "1925-01-06")])
def test_csv_cell(cell, expected):
    from edition.core.escaping import csv_cell

    assert csv_cell(cell) == expected


@pytest.mark.parametrize("obj", [{"a": "</script><script>alert(1)</script>"}, {"a": "<!--<script>"},
                                 {"a": "x\u2028y\u2029&"}])
def test_json_ld_cannot_leave_its_script_element(obj):
    import json

    from edition.core.escaping import json_script

    out = json_script(obj)
    assert not re.search("[<>&\u2028\u2029]", out) and json.loads(out) == obj


# --- issue 22: titles MkDocs and Material write from headings --------------------------------

TITLE_BREAK = "</title><script>alert({n})</script>"


@pytest.fixture(scope="module")
def title_site(tmp_path_factory) -> Path:
    """The two paths found in the second pass: a chapter heading reaching the parallel view's
    <title>, an archive's abbreviation reaching its file pages' <title> (both languages)."""
    tmp = tmp_path_factory.mktemp("titles")
    project = copy_root("bilingual", tmp)
    for rel, old, new in (("docs/bolum.md", "# Bölüm {#s1}", f"# Bölüm {TITLE_BREAK.format(n=1)} & co {{#s1}}"),
                          ("archives.yaml", "abbr: AVPRF", f'abbr: "AV{TITLE_BREAK.format(n=2)}"')):
        path = project / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return build_site(project, tmp / "site")


@pytest.mark.parametrize("rel,shown", [("paralel/bolum.html", "Bölüm " + TITLE_BREAK.format(n=1) + " & co"),
                                       ("bolum.html", "Bölüm " + TITLE_BREAK.format(n=1) + " & co"),
                                       ("arsiv/avprf-1-2-3.html", "AV" + TITLE_BREAK.format(n=2)),
                                       ("en/arsiv/avprf-1-2-3.html", "AV" + TITLE_BREAK.format(n=2))])
def test_a_heading_or_an_abbreviation_stays_text_in_the_title(title_site, rel, shown):
    html = (title_site / rel).read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "lxml")
    assert not [s for s in soup.find_all("script") if "alert(" in s.get_text()], rel
    assert len(soup.find_all("title")) == 1 and soup.title.get_text().startswith(shown), soup.title
    # the page's own metadata carries the text once escaped, not twice
    og = soup.select_one('meta[property="og:title"]')
    assert og is None or "&lt;" not in og["content"], og


def test_the_markdown_download_opens_no_tag_in_a_viewer(title_site):
    text = (title_site / "downloads" / "metin.tr.md").read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;/title>&lt;script>alert(1)&lt;/script>" in text
