"""The public address (issue 15): absolute language alternates with x-default when the site
address is set, the right alternates on generated pages, and a production build without an
address stopped by `--strict`."""
from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from conftest import ROOT, build_site, copy_root
from edition.addresses import MISSING_SITE_URL, absolute_alternates, generated_alternates, site_url_problem
from sitetext import soup

HEAD = ('<link rel="alternate" href="../giris.html" hreflang="tr">\n'
        '<link rel="alternate" href="giris.html" hreflang="en">')


@pytest.mark.parametrize("page_url,expected", [
    (None, HEAD),
    ("", HEAD),
    ("https://edition.example/en/giris.html",
     '<link rel="alternate" href="https://edition.example/giris.html" hreflang="tr">\n'
     '    <link rel="alternate" href="https://edition.example/giris.html" hreflang="x-default">\n'
     '<link rel="alternate" href="https://edition.example/en/giris.html" hreflang="en">'),
])
def test_alternates_become_absolute_only_with_an_address(page_url, expected):
    assert absolute_alternates(HEAD, page_url, "tr") == expected


@pytest.mark.parametrize("dest,lang,tr,en", [
    ("paralel/giris.html", "tr", "giris.html", "../en/paralel/giris.html"),
    ("paralel/giris.html", "en", "../../paralel/giris.html", "giris.html"),
    ("arsiv/dib-12-71.html", "tr", "dib-12-71.html", "../en/arsiv/dib-12-71.html"),
])
def test_generated_pages_get_their_own_alternates(dest, lang, tr, en):
    wrong = ('<link rel="alternate" href="../sovyet-tepkisi.html" hreflang="tr">'
             '<a href="../en/sovyet-tepkisi.html" hreflang="en" class="md-select__link">'
             '<a href="x.html" hreflang="de" class="md-select__link">')
    out = generated_alternates(wrong, dest, lang, ["tr", "en"], "tr")
    assert out == (f'<link rel="alternate" href="{tr}" hreflang="tr">'
                   f'<a href="{en}" hreflang="en" class="md-select__link">'
                   '<a href="x.html" hreflang="de" class="md-select__link">')


@pytest.mark.parametrize("site_url,production,problem", [
    (None, False, None), ("", False, None), ("https://e.example/", True, None), (None, True, MISSING_SITE_URL),
    ("", True, MISSING_SITE_URL),
])
def test_only_a_production_build_without_address_is_a_problem(site_url, production, problem):
    assert site_url_problem(site_url, production) == problem


def _project(tmp_path, site_url: str | None, production: bool):
    project = copy_root("bilingual", tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  name: material\n", f"  name: material\n  custom_dir: {ROOT / 'overrides'}\n")
    if production:
        text = text.replace("      publication: article.yaml\n", "      publication: article.yaml\n      production: true\n")
    config.write_text((f"site_url: {site_url}\n" if site_url else "") + text, encoding="utf-8")
    return project


def test_a_production_build_without_an_address_stops(tmp_path, caplog):
    with pytest.raises(Abort):
        build_site(_project(tmp_path, None, True), tmp_path / "site")
    assert "EDITION_SITE_URL" in caplog.text


def test_a_production_build_with_an_address_has_absolute_alternates(tmp_path):
    site = build_site(_project(tmp_path, "https://edition.example/", True), tmp_path / "site")
    doc = soup(site / "en" / "bolum.html")
    links = {a["hreflang"]: a["href"] for a in doc.select('link[rel="alternate"][hreflang]')}
    assert links == {"tr": "https://edition.example/bolum.html", "en": "https://edition.example/en/bolum.html",
                     "x-default": "https://edition.example/bolum.html"}
    archive = soup(site / "arsiv" / "avprf-1-2-3.html")
    links = {a["hreflang"]: a["href"] for a in archive.select('link[rel="alternate"][hreflang]')}
    assert links["en"] == "https://edition.example/en/arsiv/avprf-1-2-3.html"
    switch = {a["hreflang"]: a["href"] for a in archive.select("a.md-select__link[hreflang]")}
    assert switch == {"tr": "avprf-1-2-3.html", "en": "../en/arsiv/avprf-1-2-3.html"}
    # Material reads sitemap.xml next to each alternate: there is one in every folder of pages
    for folder in ("arsiv", "en/arsiv", "paralel", "en/paralel"):
        assert (site / folder / "sitemap.xml").read_text(encoding="utf-8").startswith("<?xml"), folder
