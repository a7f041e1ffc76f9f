"""Publishing without surprises (issue 27): only the repository is read, text is normalised
once, BibTeX crossref chains end. Unit tests through the edition's loaders (fast); the build
paths (`make build`, `make serve`) are covered once each where the loader alone is not enough."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.request
from pathlib import Path

import pytest

from conftest import build_site, copy_root
from edition.sources import confine
from edition.sources.datafiles import read_text
from edition.core.errors import EditionError
from edition.sources.load import load_bibtex
from sitetext import soup

BOOK = "@book{{{key},\n  title = {{Kitap}},\n  date = {{2000}},{extra}\n}}\n"
PART = "@incollection{{{key},\n  title = {{Bölüm}},\n  crossref = {{{parent}}},\n}}\n"


def _bib(tmp_path, text: str):
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    return load_bibtex([path], tmp_path)


@pytest.mark.parametrize("text,where,names", [
    ("\n" + BOOK.format(key="kendi", extra="\n  crossref = {kendi},"), "refs.bib:2", ["'kendi' crossrefs itself"]),
    (PART.format(key="a", parent="b") + "\n" + PART.format(key="b", parent="a"), "refs.bib:1",
     ["'a' -> 'b' -> 'a'", "'b' at refs.bib:6"]),
    (BOOK.format(key="z", extra="") + "\n" + PART.format(key="a", parent="b") + "\n" +
     PART.format(key="b", parent="c") + "\n" + PART.format(key="c", parent="A"), "refs.bib:6",
     ["'a' -> 'b' -> 'c' -> 'a'"]),
    (PART.format(key="x", parent="a") + "\n" + PART.format(key="a", parent="b") + "\n" +
     PART.format(key="b", parent="a"), "refs.bib:6", ["'a' -> 'b' -> 'a'"]),
], ids=["self", "two", "three-any-case", "chain-into-a-cycle"])
def test_crossref_cycles_are_located_errors_that_name_the_entries(tmp_path, text, where, names):
    with pytest.raises(EditionError) as info:
        _bib(tmp_path, text)
    message = str(info.value)
    assert message.startswith(f"{where}: [bibtex-crossref]"), message
    for name in names:
        assert name in message, message
    assert len(info.value.problems) == 1


def test_a_crossref_chain_that_ends_loads(tmp_path):
    data, _ = _bib(tmp_path, BOOK.format(key="kitap", extra="") + "\n" + PART.format(key="bolum", parent="kitap"))
    assert set(data.entries) == {"kitap", "bolum"}


# --- the build reads only the repository ----------------------------------------------------

def _project(tmp_path):
    project = copy_root("base", tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("TOPSECRET-hostname\n", encoding="utf-8")
    return project, outside / "secret.md"


def _check(project: Path, chapters=("index.md", "bolum.md"), **data):
    confine.check(project, project / "mkdocs.yml", project / "docs",
                  {"chapters": list(chapters), "bibliography": ["refs.bib"], "archives": ["archives.yaml"], **data},
                  ["register", "chronology"])


@pytest.mark.parametrize("case", ["docs-file", "docs-folder", "docs-static-file", "register", "data-file", "chain"])
def test_links_that_lead_outside_are_refused_with_their_path(tmp_path, case):
    project, secret = _project(tmp_path)
    where = {"docs-file": "docs/leak.md", "docs-folder": "docs/leaks", "docs-static-file": "docs/img/leak.txt",
             "register": "register/people.yaml", "data-file": "refs.bib", "chain": "docs/chain.md"}[case]
    link = project / where
    link.parent.mkdir(parents=True, exist_ok=True)
    if case == "data-file":
        link.unlink()
    target = {"docs-folder": secret.parent, "chain": project / "docs" / "hop.md"}.get(case, secret)
    if case == "chain":   # a link inside that leads to a link outside
        (project / "docs" / "hop.md").symlink_to(secret)
    link.symlink_to(target)
    with pytest.raises(EditionError) as info:
        _check(project)
    message = str(info.value)
    first = where   # (a chain: the first link met, in sorted order)
    if case == "data-file":
        assert message.startswith("mkdocs.yml:") and "'refs.bib'" in message, message
    else:
        assert message.startswith(f"{first}:1: [outside] {first} is a symbolic link"), message
    assert "TOPSECRET" not in message and str(secret) not in message


def test_a_link_inside_the_repository_is_allowed(tmp_path):
    project, _ = _project(tmp_path)
    (project / "docs" / "ayni.md").symlink_to(project / "docs" / "bolum.md")
    _check(project)


@pytest.mark.parametrize("entry", ["../outside/secret.md", "/etc/hostname", "alt/../../x.md"])
def test_a_chapter_outside_docs_is_refused_at_its_line_of_mkdocs_yml(tmp_path, entry):
    project, _ = _project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("chapters: [index.md, bolum.md]",
                                                                 f"chapters: [index.md, bolum.md, {entry}]"),
                      encoding="utf-8")
    line = next(n for n, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if entry in text)
    with pytest.raises(EditionError) as info:
        _check(project, chapters=["index.md", "bolum.md", entry])
    assert str(info.value).startswith(f"mkdocs.yml:{line}: [outside] chapters: {entry!r} is not a path inside docs/")


@pytest.mark.parametrize("command", ["build", "serve"])
def test_make_build_and_make_serve_refuse_a_link_outside(tmp_path, command):
    """Through MkDocs itself: the build stops before anything is written; nothing of the
    outside file reaches the site or the messages."""
    project, secret = _project(tmp_path)
    (project / "docs" / "leak.md").symlink_to(secret)
    site = tmp_path / "site"
    args = [sys.executable, "-m", "mkdocs", command, "--strict", "-f", str(project / "mkdocs.yml")]
    args += ["-d", str(site)] if command == "build" else ["-a", "127.0.0.1:0"]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=60, env=env, cwd=project)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"mkdocs {command} went on with a link outside the repository") from None
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "docs/leak.md:1: [outside]" in output and "Traceback" not in output, output
    assert "TOPSECRET" not in output
    assert not site.exists() or not any("TOPSECRET" in p.read_text(errors="replace")
                                        for p in site.rglob("*") if p.is_file())


# --- text normalised once --------------------------------------------------------------------

NFD = unicodedata.normalize("NFD", "Çiçerin")


@pytest.mark.parametrize("raw,expected", [
    (NFD.encode(), "Çiçerin"),
    ("Çiçerin".encode(), "Çiçerin"),
    (unicodedata.normalize("NFD", "İstanbul’da Ağustos").encode(), "İstanbul’da Ağustos"),
], ids=["nfd", "nfc", "nfd-dotted-capital-i"])
def test_every_source_is_read_in_one_form(tmp_path, raw, expected):
    path = tmp_path / "x.md"
    path.write_bytes(raw)
    assert read_text(path, "docs/x.md") == expected


@pytest.mark.parametrize("raw,where,says", [
    (b"\xef\xbb\xbf# Bolum\n", "docs/x.md:1: [encoding]", "byte-order mark"),
    ("a\nÇiçe\u200brin\n".encode(), "docs/x.md:2: [invisible]", "column 5: invisible character U+200B (ZERO WIDTH SPACE)"),
    ("a\n\nb \u202eevil\n".encode(), "docs/x.md:3: [invisible]", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("\u2066x\u2069\n".encode(), "docs/x.md:1: [invisible]", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ("x\u200dy\n".encode(), "docs/x.md:1: [invisible]", "U+200D (ZERO WIDTH JOINER)"),
    ("x\n\ufeffy\n".encode(), "docs/x.md:2: [invisible]", "U+FEFF"),
], ids=["bom", "zero-width-space", "rlo", "isolate", "zwj", "bom-inside"])
def test_a_bom_and_invisible_controls_are_located_errors(tmp_path, raw, where, says):
    path = tmp_path / "x.md"
    path.write_bytes(raw)
    with pytest.raises(EditionError) as info:
        read_text(path, "docs/x.md")
    assert str(info.value).startswith(where) and says in str(info.value), str(info.value)


def test_a_decomposed_name_is_linked_found_and_registered(tmp_path):
    """Every docs page written in NFD (as some editors save it): the mention is linked, the
    entity page lists the paragraph, search finds the composed form; no decomposed letter is published."""
    project = copy_root("register", tmp_path)
    for page in (project / "docs").glob("*.md"):
        page.write_text(unicodedata.normalize("NFD", page.read_text(encoding="utf-8")), encoding="utf-8")
    assert NFD in (project / "docs" / "bolum.md").read_text(encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search\n"), encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    chapter = soup(site / "bolum.html")
    assert chapter.select_one('#p1 a[href="dizin/chicherin.html"]') is not None
    entity = soup(site / "dizin" / "chicherin.html")
    assert "../bolum.html#p1" in [a["href"] for a in entity.select("#mentions + ul a")]
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(d["text"] + d["title"] for d in index["docs"])
    assert "Çiçerin" in texts and NFD not in texts
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, page


# --- make serve while the sources are broken -------------------------------------------------

def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8")
    except (OSError, TimeoutError):
        return ""


def _until(url: str, words: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _get(url)
        if words in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {words!r}; last: {page[:300]!r}")


def test_serve_shows_a_failed_rebuild_in_the_page_and_recovers(tmp_path):
    """MkDocs holds every request while a rebuild has failed (the browser waits with no sign of
    why): the edition's adapter shows the located problem in the page instead."""
    project = copy_root("base", tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}",
                               "-f", str(project / "mkdocs.yml")], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/bolum.html"
        _until(url, "Birinci cümle")
        chapter = project / "docs" / "bolum.md"
        good = chapter.read_text(encoding="utf-8")
        chapter.write_text(good.replace("{@yazar2000, p. 5}", "{@yazar2001 <b>, p. 5}"), encoding="utf-8")
        page = _until(url, "[key-")
        assert "docs/bolum.md:7" in page and "<b>" not in page
        chapter.write_text(good, encoding="utf-8")
        _until(url, "Birinci cümle")
    finally:
        server.terminate()
        server.wait(30)
