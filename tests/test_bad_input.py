"""Bad input stops the build with one clear, located message, and leaves the
previous good site untouched (issues 3, 4, 8). Each case mutates a tiny fake
edition under tests/roots/base and is checked through `load_edition` (tests/badinput.py);
a few are built for real over a good site."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from badinput import Bad, stop_message
from conftest import build_site, copy_root

NOTE1 = "[^1]: [Ali Yazar, Kitap, İstanbul, 2000, s. 5]{@yazar2000, p. 5}."

# (id, file, old text, new text, category, "file:line" expected in the message)
CASES = [
    ("note-without-text", "docs/bolum.md", "[^3]: [Gazete, 1 Ocak 1925]{@gazete-1925-01-01}.\n", "",
     "note-undefined", "docs/bolum.md:5"),
    ("note-never-referenced", "docs/bolum.md", "{@gazete-1925-01-01}.\n", "{@gazete-1925-01-01}.\n\n[^4]: Fazla not.\n",
     "note-unreferenced", "docs/bolum.md:13"),
    ("note-out-of-order", "docs/bolum.md", "Birinci cümle.[^1] İkinci cümle.[^2]", "Birinci cümle.[^2] İkinci cümle.[^1]",
     "note-order", "docs/bolum.md:3"),
    ("note-defined-twice", "docs/bolum.md", NOTE1, NOTE1 + "\n\n[^1]: İkinci kez.",
     "note-duplicate", "docs/bolum.md:9"),
    ("note-referenced-twice", "docs/bolum.md", "burada {~~", "burada[^1] {~~", "note-duplicate", "docs/bolum.md:5"),
    ("unknown-key", "docs/bolum.md", "{@yazar2000, p. 5}", "{@yazar2001, p. 5}", "key-unknown", "docs/bolum.md:7"),
    ("malformed-key", "docs/bolum.md", "{@yazar2000, p. 5}", "{@Yazar 2000, p. 5}", "key-malformed", "docs/bolum.md:7"),
    ("bad-locator", "docs/bolum.md", "{@yazar2000, p. 5}", "{@yazar2000, page 5}", "locator", "docs/bolum.md:7"),
    ("range-with-p", "docs/bolum.md", "{@yazar2000, p. 5}", "{@yazar2000, p. 5-9}", "locator", "docs/bolum.md:7"),
    ("backward-range", "docs/bolum.md", "{@yazar2000, p. 5}", "{@yazar2000, pp. 9-5}", "locator", "docs/bolum.md:7"),
    ("backref-first", "docs/bolum.md", "[Ali Yazar, Kitap, İstanbul, 2000, s. 5]", "[Yazar, a.g.e., s. 5]",
     "backref", "docs/bolum.md:7"),
    ("bibtex-syntax", "refs.bib", "  date = {2000},\n}", "  date = {2000},\n", "bibtex-syntax", "refs.bib:"),
    ("bibtex-duplicate", "refs.bib", "@article{gazete-1925-01-01,", "@book{yazar2000, title={X}}\n\n@article{gazete-1925-01-01,",
     "bibtex-duplicate", "refs.bib:8"),
    ("bibtex-no-title", "refs.bib", "  title = {Kitap},\n", "", "bibtex-field", "refs.bib:1"),
    ("bibtex-crossref", "refs.bib", "  title = {Kitap},\n", "  title = {Kitap},\n  crossref = {nowhere},\n",
     "bibtex-crossref", "refs.bib:1"),
    ("uncited-entry", "refs.bib", "@article{gazete", "@book{fazla1999,\n  title = {Fazla},\n}\n\n@article{gazete",
     "uncited", "refs.bib:8"),
    ("archive-unknown-file", "archives.yaml", "    file: avprf-1-2-3", "    file: avprf-9-9-9",
     "archive-file", "archives.yaml:13"),
    ("archive-bad-date", "archives.yaml", "date: 1925-01-06", "date: 6 Ocak 1925", "schema", "archives.yaml:14"),
    ("archive-malformed-yaml", "archives.yaml", "  avprf:\n", "  avprf: [\n", "yaml", "archives.yaml:"),
    ("paragraph-without-id", "docs/bolum.md", "{¶2} Üçüncü", "Üçüncü", "markup", "docs/bolum.md:5"),
    ("unbalanced-brace", "docs/bolum.md", "{pb 2}", "{pb 2", "markup", "docs/bolum.md:5"),
    ("unknown-markup", "docs/bolum.md", "{pb 2}", "{sayfa 2}", "markup", "docs/bolum.md:5"),
    ("bad-emendation", "docs/bolum.md", "{~~bitmektedir~>bitmektedir~~}", "{~~bitmektedir~~}", "markup", "docs/bolum.md:5"),
    ("heading-without-anchor", "docs/bolum.md", "# Bölüm {#s1}", "# Bölüm", "markup", "docs/bolum.md:1"),
    ("citation-not-closed", "docs/bolum.md", "{@gazete-1925-01-01}.", "{@gazete-1925-01-01.", "markup", "docs/bolum.md:11"),
    ("text-after-notes", "docs/bolum.md", "{@gazete-1925-01-01}.\n", "{@gazete-1925-01-01}.\n\n{¶3} Geç paragraf.\n",
     "markup", "docs/bolum.md:13"),
    ("unknown-directive", "docs/index.md", "{publication}", "{yayin}", "markup", "docs/index.md:5"),
    ("note-ref-inside-note", "docs/bolum.md", "{@gazete-1925-01-01}.", "{@gazete-1925-01-01}.[^2]", "markup", "docs/bolum.md:11"),
]


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_root("base", tmp_path)


def test_the_fake_edition_builds(project, tmp_path):
    site = build_site(project, tmp_path / "site")
    assert (site / "bolum.html").exists()
    assert (site / "arsiv" / "avprf-1-2-3.html").exists()


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input_stops_the_build_with_a_located_message(tmp_path, case, caplog):
    message = stop_message(Bad(*case), tmp_path, caplog)
    assert f"[{case[4]}]" in message and case[5] in message, message


#: cases built for real, over a good site that must stay as it was (nothing half-built)
BUILT = ("note-out-of-order", "bibtex-duplicate", "archive-malformed-yaml", "unknown-directive")


@pytest.mark.parametrize("case", [c for c in CASES if c[0] in BUILT], ids=BUILT)
def test_bad_input_leaves_the_previous_site_as_it_was(project, tmp_path, case, caplog):
    _, rel, old, new, category, where = case
    site = build_site(project, tmp_path / "site")          # a good site first
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture does not contain {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    caplog.clear()
    with pytest.raises(Abort):
        build_site(project, site)
    message = caplog.text
    assert f"[{category}]" in message, message
    assert where in message, message
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_text_from_bibtex_and_yaml_is_escaped(project, tmp_path):
    bib = project / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("title = {Kitap}", "title = {Kitap <script>alert(1)</script> & Co}"),
                   encoding="utf-8")
    arch = project / "archives.yaml"
    arch.write_text(arch.read_text(encoding="utf-8").replace('title: "Bir görüşme"', 'title: "<img src=x onerror=alert(1)>"'),
                    encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    for page in ("kaynakca.html", "bolum.html", "arsiv/avprf-1-2-3.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, page
    assert "Kitap &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in (site / "kaynakca.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in (site / "arsiv/avprf-1-2-3.html").read_text(encoding="utf-8")
