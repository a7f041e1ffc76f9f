"""Versions a citation can rely on (issue 18): the changelog as the one place of the version,
the version in every citation, two consecutive releases of a fake edition browsable side by
side, the changed-paragraph markers, deterministic bundles, CITATION.cff and .zenodo.json."""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, _Quiet, copy_root
from edition.html import cite
from edition.tools import release
from edition.sources import changelog as versions
from edition.core.errors import EditionError

# The module's fixtures build editions of their own: one pytest-xdist worker runs all its tests, building them once.
pytestmark = pytest.mark.xdist_group("versions")

CHANGELOG_10 = """releases:
  - version: "1.0"
    date: 2026-01-10
    summary: {tr: İlk sürüm., en: First version.}
"""
CHANGELOG_11 = """releases:
  - version: "1.1"
    date: 2026-02-20
    summary: {tr: İkinci sürüm., en: Second version.}
    translation:
      - {tr: "¶ 2’nin çevirisi düzeltildi.", en: "The translation of ¶ 2 revised."}
  - version: "1.0"
    date: 2026-01-10
    summary: {tr: İlk sürüm., en: First version.}
"""


# --- the changelog's schema --------------------------------------------------------

@pytest.mark.parametrize("text, line, words", [
    ('releases:\n  - version: "1"\n    date: 2026-01-10\n    summary: {tr: a, en: b}\n', 2, "MAJOR.MINOR"),
    ('releases:\n  - version: "1.0"\n    date: 2026-01-10\n    summary: {tr: a, en: b}\n'
     '  - version: "1.1"\n    date: 2026-01-11\n    summary: {tr: a, en: b}\n', 2, "newest first"),
    ('releases:\n  - version: "1.1"\n    date: 2026-01-09\n    summary: {tr: a, en: b}\n'
     '  - version: "1.0"\n    date: 2026-01-10\n    summary: {tr: a, en: b}\n', 2, "dated before"),
    ('releases:\n  - version: "1.0"\n    date: 2026-13-10\n    summary: {tr: a, en: b}\n', 3, "impossible date"),
    ('releases:\n  - version: "1.0"\n    date: 2026-01-10\n    summary: {tr: a}\n', 4, "summary.en"),
    ('releases:\n  - version: "1.0"\n    date: 2026-01-10\n    summary: {tr: a, en: b}\n    notes: x\n', 5, "Extra"),
    ("releases: []\n", 1, "at least one"),
])
def test_bad_changelog_is_located(tmp_path, text, line, words):
    (tmp_path / "changelog").mkdir()
    (tmp_path / "changelog" / "changelog.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(EditionError) as info:
        versions.load_versions(tmp_path)
    problem = info.value.problems[0]
    assert (problem.location.path, problem.location.line) == ("changelog/changelog.yaml", line), str(info.value)
    assert words in str(info.value)


def test_the_real_changelog_is_the_one_place_of_the_version():
    """CITATION.cff and .zenodo.json carry the changelog's newest version and date."""
    current = versions.load_versions(ROOT).current
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert (str(cff["version"]), str(cff["date-released"])) == (current.version, current.date.isoformat())
    assert (zenodo["version"], zenodo["publication_date"]) == (current.version, current.date.isoformat())
    # Neither invents an author (only the edition's editors, unnamed) or a DOI.
    assert [a.get("name") for a in cff["authors"]] == ["The editors of the digital edition"]
    assert "doi" not in cff and all(i["type"] != "doi" for i in cff.get("identifiers", []))
    assert "doi" not in zenodo and "10." not in json.dumps([i["identifier"] for i in zenodo["related_identifiers"]])



def test_every_released_version_has_its_fingerprint_committed():
    """The next release compares the text with the previous one's fingerprint: every version of
    the changelog keeps its fingerprint in changelog/fingerprints/, committed (a clean checkout
    could not cut 1.2 while 1.1.json was missing)."""
    releases = versions.load_versions(ROOT).releases
    tracked = set(subprocess.run(["git", "ls-files", "changelog/fingerprints"], cwd=ROOT, capture_output=True,
                                 text=True, check=True).stdout.split())
    for r in releases:
        rel = f"changelog/fingerprints/{r.version}.json"
        assert rel in tracked, f"{rel} (release {r.version}) is not committed: cut with `make release`, commit it"
        fp = json.loads((ROOT / rel).read_text(encoding="utf-8"))
        assert (fp["version"], fp["date"]) == (r.version, r.date.isoformat()), rel
        assert set(fp["paragraphs"]) == set(fp["notes"]) == {"tr", "en"} and fp["paragraphs"]["tr"], rel


def test_the_next_release_can_be_cut_from_a_clean_clone(tmp_path):
    """`make release VERSION=x.y` on a fresh clone of the repository (committed files only), with
    the next version put first in its changelog: the build finds the previous fingerprint and
    writes the bundle and the new fingerprint. Without the PDFs (--no-pdf), to stay cheap."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    newest = versions.load_versions(clone).current
    major, minor = newest.key
    version = f"{major}.{minor + 1}"
    changelog = clone / "changelog" / "changelog.yaml"
    text = changelog.read_text(encoding="utf-8")
    entry = (f'  - version: "{version}"\n    date: {newest.date.isoformat()}\n'
             f'    summary: {{tr: Deneme sürümü., en: A throw-away release.}}\n')
    changelog.write_text(text.replace("releases:\n", "releases:\n" + entry, 1), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITION_")}
    env.update(PYTHONPATH=str(clone / "scripts"), NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "edition.tools.release", "build", version, "--no-pdf",
                           "--dist", str(tmp_path / "dist")], cwd=clone, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    bundle = tmp_path / "dist" / f"soviet-fear-edition-{version}-{newest.date.isoformat()}.zip"
    assert bundle.exists() and bundle.with_suffix(".sha256").exists()
    fp = json.loads((clone / "changelog" / "fingerprints" / f"{version}.json").read_text(encoding="utf-8"))
    assert fp["version"] == version

def test_citation_cff_is_valid():
    exe = ROOT / ".venv-cff" / "bin" / "cffconvert"
    assert exe.exists(), "cffconvert is installed by `make test` (.venv-cff)"
    done = subprocess.run([str(exe), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "valid" in done.stdout


@pytest.mark.parametrize("lang, words", [("tr", "sürüm 1.1"), ("en", "version 1.1")])
def test_every_style_names_the_version(lang, words):
    cs = cite.citation_set({"title_en": "T", "journal": "Vakanüvis"},
                           cite.Context(lang, "Edition", "2026", lang == "en", "1.1"))
    for style in cs["styles"]:
        text = style["edition"]["reference"] + style["edition"]["note"] * (style["id"] == "chicago")
        assert words.lower() in text.lower(), (style["id"], text)


def test_edition_download_records():
    r = cite.EditionRecord("Edition", "en", "1.1", "2026-02-20", "https://example.org/e/")
    assert re.search(r"version = [{\"]1.1", cite.edition_bibtex(r)) and re.search(r"date = [{\"]2026-02-20", cite.edition_bibtex(r))
    assert "ET  - 1.1" in cite.edition_ris(r) and "DA  - 2026/02/20" in cite.edition_ris(r)
    item = json.loads(cite.edition_csl(r))[0]
    assert item["version"] == "1.1" and item["issued"] == {"date-parts": [[2026, 2, 20]]}


# --- two consecutive releases of a fake edition ----------------------------------

def _project(tmp_path: Path) -> Path:
    project = copy_root("bilingual", tmp_path)
    cfg = (project / "mkdocs.yml").read_text(encoding="utf-8")
    cfg = cfg.replace("  font: false\n", f"  font: false\n  custom_dir: {ROOT / 'overrides'}\n")
    cfg = cfg.replace("      publication: article.yaml\n", "      publication: article.yaml\n      changelog: changelog/changelog.yaml\n")
    cfg = cfg.replace("  - arsivler.md\n", "  - arsivler.md\n  - surumler.md\n")
    (project / "mkdocs.yml").write_text(cfg, encoding="utf-8")
    for suffix in ("", ".en"):
        shutil.copy(ROOT / "docs" / f"surumler{suffix}.md", project / "docs" / f"surumler{suffix}.md")
    (project / "changelog").mkdir()
    return project


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("releases")
    project = _project(tmp)
    changelog = project / "changelog" / "changelog.yaml"
    dist, dist2 = tmp / "dist", tmp / "dist2"
    changelog.write_text(CHANGELOG_10, encoding="utf-8")
    release.build("1.0", project, dist, pdf=False)
    en = project / "docs" / "bolum.en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("{¶2} Third sentence", "{¶2} The third sentence"),
                  encoding="utf-8")
    changelog.write_text(CHANGELOG_11, encoding="utf-8")
    release.build("1.1", project, dist, pdf=False)
    release.build("1.1", project, dist2, pdf=False)
    public = tmp / "public"
    release.publish(dist, public)
    return {"project": project, "dist": dist, "dist2": dist2, "public": public}


def test_release_needs_the_changelog_first(releases, tmp_path):
    with pytest.raises(release.ReleaseError, match="must stand first"):
        release.build("1.2", releases["project"], tmp_path / "d", pdf=False)


def test_release_bundles_are_deterministic_and_checksummed(releases):
    name = "soviet-fear-edition-1.1-2026-02-20"
    for ext in ("zip", "sha256"):
        assert (releases["dist"] / f"{name}.{ext}").read_bytes() == (releases["dist2"] / f"{name}.{ext}").read_bytes()
    sums = (releases["dist"] / f"{name}.sha256").read_text(encoding="utf-8").splitlines()
    assert sums[-1].endswith(f"  {name}.zip")
    assert any(line.endswith(f"  {name}/en/bolum.html") for line in sums)
    fp = json.loads((releases["project"] / "changelog" / "fingerprints" / "1.0.json").read_text(encoding="utf-8"))
    assert fp["version"] == "1.0" and set(fp["paragraphs"]["en"]) >= {"p1", "p2"}


def test_both_versions_laid_out(releases):
    public = releases["public"]
    listing = json.loads((public / "versions.json").read_text(encoding="utf-8"))
    assert listing == [{"version": "1.1", "title": "1.1 (2026-02-20)", "aliases": ["latest"]},
                       {"version": "1.0", "title": "1.0 (2026-01-10)", "aliases": []}]
    for folder in ("1.0", "1.1", "latest"):
        assert (public / folder / "index.html").exists() and (public / folder / "en" / "bolum.html").exists()
    assert "latest/index.html" in (public / "index.html").read_text(encoding="utf-8")


def _changed(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    return re.findall(r'<p class="para" id="(p\d+)"[^>]*data-changed="([^"]+)"', html)


def test_changed_markers_exactly_where_the_english_changed(releases):
    public = releases["public"]
    assert _changed(public / "1.1" / "en" / "bolum.html") == [("p2", "changed in 1.1")]
    assert _changed(public / "1.1" / "bolum.html") == []           # the Turkish did not change
    assert _changed(public / "1.0" / "en" / "bolum.html") == []    # nothing before the first version
    log = (public / "1.1" / "en" / "surumler.html").read_text(encoding="utf-8")
    assert re.search(r'Paragraphs whose English changed \(1\.0 → 1\.1\): <a href="bolum\.html#p2">¶ 2</a>', log)
    assert "The translation of ¶ 2 revised." in log


def test_cite_box_and_footer_name_the_version(releases):
    public = releases["public"]
    old = (public / "1.0" / "en" / "bolum.html").read_text(encoding="utf-8")
    new = (public / "1.1" / "en" / "bolum.html").read_text(encoding="utf-8")
    assert "Version 1.0 · 10 January 2026" in old and "Version 1.1 · 20 February 2026" in new
    assert "version 1.0" in old and "version 1.1" in new           # in the cite strings
    assert 'class="version-notice"' in old and "earlier version of the edition (1.0, 10 January 2026)" in old
    assert 'class="version-notice"' not in new
    assert 'href="../../latest/en/bolum.html"' in old


def _serve(folder: Path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{port}"


@pytest.mark.browser
def test_reader_switches_versions_keeping_the_paragraph(releases, browser, artifacts):
    httpd, base = _serve(releases["public"])
    try:
        page = browser.new_page()
        page.goto(f"{base}/1.0/en/bolum.html#p2")
        box = page.locator("details.cite-this")
        box.locator("summary").click()
        notice = box.locator(".version-notice")
        assert "earlier version" in notice.inner_text()
        page.screenshot(path=str(artifacts / "versions-old-en.png"), full_page=True)
        # the footer's version list: to 1.1, same page, same ¶
        page.locator("nav.edition-versions a", has_text="1.1").click()
        page.wait_for_url(f"{base}/1.1/en/bolum.html#p2")
        assert page.locator("#p2").get_attribute("data-changed") == "changed in 1.1"
        assert page.locator("nav.edition-versions a[aria-current]").inner_text() == "1.1"
        # and back, in Turkish
        page.goto(f"{base}/1.1/bolum.html#p1")
        page.locator("nav.edition-versions a", has_text="1.0").click()
        page.wait_for_url(f"{base}/1.0/bolum.html#p1")
        # the old page's notice leads to the same place in the latest version
        page.locator("details.cite-this summary").click()
        page.locator(".version-notice a.edition-latest").click()
        page.wait_for_url(f"{base}/latest/bolum.html#p1")
        page.close()
    finally:
        httpd.shutdown()
