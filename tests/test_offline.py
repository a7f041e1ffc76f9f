"""Reading without a network (issue 7): the offline zip from file://, the
one-file edition, the data downloads, and deterministic exports."""
from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_root, search
from sitetext import soup


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_exports_are_deterministic(site, tmp_path):
    again = build_site(ROOT, tmp_path / "again")
    for name in ("edisyon-cevrimdisi.zip", "edisyon.tr.html", "edisyon.en.html", "kaynakca.bib", "kaynakca.json",
                 "kaynakca.biblatex.bib", "kaynakca.ris", "arsiv-belgeleri.csv", "metin.tr.md", "metin.en.md",
                 "README.txt", "edisyon.tr.tei.xml", "edisyon.en.tei.xml", "edisyon.tr.epub", "edisyon.en.epub"):
        assert _digest(site / "downloads" / name) == _digest(again / "downloads" / name), name


def test_the_zip_holds_the_whole_site_and_its_size_is_on_the_home_pages(site):
    path = site / "downloads" / "edisyon-cevrimdisi.zip"
    names = set(zipfile.ZipFile(path).namelist())
    for page in ("index.html", "en/index.html", "savas-korkusu.html", "en/kaynakca.html", "arsiv/dib-12-71.html",
                 "search/search_index.js", "en/search/search_index.js"):
        assert f"edisyon/{page}" in names, page
    assert not any(n.endswith(".zip") for n in names)
    size_mb = f"{path.stat().st_size / 1e6:.1f}"
    assert f"{size_mb.replace('.', ',')} MB" in (site / "index.html").read_text(encoding="utf-8")
    assert f"{size_mb} MB" in (site / "en" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_the_one_file_edition_has_every_note_and_nothing_from_outside(site, lang):
    path = site / "downloads" / f"edisyon.{lang}.html"
    doc = soup(path)
    values = [int(li["value"]) for li in doc.select("div.footnote li[id^=n]")]
    assert values == list(range(1, 99))
    assert doc.select("script") == [] and doc.select("link[rel=stylesheet]") == []
    assert not doc.select("[src]")
    assert "url(http" not in path.read_text(encoding="utf-8")
    assert len(doc.select("li.bib-entry")) > 50 and len(doc.select("table.documents tr[id]")) == 21
    ids = [el["id"] for el in doc.select("[id]")]
    assert len(ids) == len(set(ids))
    known = set(ids)      # every element with an id, looked up at once (not a search of the file per link)
    for a in doc.select('a[href^="#"]'):
        assert a["href"][1:] in known, a["href"]


def test_data_downloads_carry_the_licence(site):
    rows = list(csv.reader(io.StringIO((site / "downloads" / "arsiv-belgeleri.csv").read_text(encoding="utf-8"))))
    assert rows[0][0] == "key" and len(rows) == 1 + 21      # the licence is in README.txt (issue 14)
    assert "license" in (site / "downloads" / "README.txt").read_text(encoding="utf-8")
    for lang in ("tr", "en"):
        text = (site / "downloads" / f"metin.{lang}.md").read_text(encoding="utf-8")
        assert text.startswith("<!-- ") and "[^98]:" in text
    ris = (site / "downloads" / "kaynakca.ris").read_bytes().decode("utf-8")
    assert ris.count("TY  - ") == ris.count("ER  - ") > 50


@pytest.fixture(scope="module")
def unzipped(site, tmp_path_factory) -> tuple[Path, list[str]]:
    """The offline zip, unzipped (read only by the tests); its pages, as the zip names them."""
    tmp_path = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(site / "downloads" / "edisyon-cevrimdisi.zip") as zf:
        zf.extractall(tmp_path)
        pages = sorted(n for n in zf.namelist()
                       if n.endswith(".html") and not n.endswith("404.html") and "/downloads/" not in n)
    return tmp_path, pages


# Every page of the zip opens from file://, in parts that pytest-xdist's workers share.
PARTS = 4


def _watched_page(browser):
    """A desktop-sized page whose requests and script errors are recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, requests, errors


@pytest.mark.browser
@pytest.mark.parametrize("part", range(PARTS), ids=[f"part{i + 1}of{PARTS}" for i in range(PARTS)])
def test_every_page_of_the_unzipped_edition_opens_from_file_urls(unzipped, browser, part):
    tmp_path, pages = unzipped
    assert len(pages) > 50
    context, page, requests, errors = _watched_page(browser)
    for name in pages[part::PARTS]:
        page.goto(f"{tmp_path.as_uri()}/{name}")
        # the DOM asked directly: a locator would have Playwright put its own script in every page
        assert page.evaluate("document.querySelectorAll('article.md-content__inner').length") == 1, name
    context.close()
    assert [u for u in requests if not u.startswith("file://")] == []
    assert errors == []


@pytest.mark.browser
def test_the_unzipped_edition_works_from_file_urls(unzipped, browser, artifacts):
    tmp_path, pages = unzipped
    root = (tmp_path / "edisyon").as_uri()
    context, page, requests, errors = _watched_page(browser)
    assert len(pages) > 50
    # a note's card, then the note and back
    page.goto(f"{root}/savas-korkusu.html")
    page.locator("#nr38 a").hover()
    card = page.locator("#edition-card")
    card.wait_for(state="visible", timeout=5000)
    assert "ARCOS" in card.inner_text()
    page.locator("#nr38 a").click()
    page.wait_for_function("location.hash === '#n38'")
    # shared cards (an entity, a reference with its cited page) come from the card file, from file:// too
    page.mouse.move(5, 5)
    card.wait_for(state="hidden", timeout=3000)
    page.locator("li#n42 a.cite").hover()
    card.wait_for(state="visible", timeout=5000)
    assert "Socialism in One Country" in card.inner_text() and "s. 443." in card.inner_text()
    page.goto(f"{root}/en/sovyet-tepkisi.html#p26")
    page.locator("#p26 a.entity[href$='dizin/chicherin.html']").first.focus()
    card.wait_for(state="visible", timeout=5000)
    assert "Georgy Chicherin" in card.inner_text()
    assert card.locator("a").first.get_attribute("href") == "dizin/chicherin.html"
    # the language switch keeps the place
    page.goto(f"{root}/savas-korkusu.html#p17")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(".md-select__link[hreflang='en']").first.click()
    page.wait_for_url(f"{root}/en/savas-korkusu.html#p17")
    page.screenshot(path=str(artifacts / "offline-en-p17.png"))
    # search in each language
    for start, query, expected in (("giris.html", "Locarno", f"{root}/"), ("en/giris.html", "Locarno", f"{root}/en/")):
        page.goto(f"{root}/{start}")
        page.wait_for_load_state("load")
        search(page, query)
        links = page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
        assert links and all(u.startswith(expected) for u in links)
        assert all(u.startswith(f"{root}/en/") == start.startswith("en/") for u in links)
    page.screenshot(path=str(artifacts / "offline-search.png"))
    context.close()
    assert [u for u in requests if not u.startswith("file://")] == []
    assert errors == []


def test_a_pdf_per_language_from_the_one_file_edition(tmp_path):
    project = copy_root("bilingual", tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("publication: article.yaml",
                                                                 "publication: article.yaml\n      pdf: true"),
                      encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    for lang in ("tr", "en"):
        pdf = (site / "downloads" / f"edisyon.{lang}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF") and len(pdf) > 5000
