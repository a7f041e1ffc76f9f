"""The public address (issue 15): absolute language alternates with x-default when the site
address is set, the right alternates on generated pages, and a production build without an
address stopped by `--strict`."""
from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import Abort

from conftest import ROOT, build_site, copy_root
from edition.site.addresses import MISSING_SITE_URL, absolute_alternates, generated_alternates, site_url_problem
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


def _register_project(tmp_path):
    project = copy_root("register", tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  name: material\n",
                                                       f"  name: material\n  custom_dir: {ROOT / 'overrides'}\n")
    config.write_text("site_url: https://edition.example/ed/\n" + text, encoding="utf-8")
    return project


def _pages(site) -> list[str]:
    """Every published page, as its path without the language folder."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.name != "404.html" and not p.relative_to(site).as_posix().startswith(("en/", "downloads/")))


def test_every_page_knows_its_own_counterpart(tmp_path):
    """Entity pages, register indexes, archive pages, parallel views and the prose pages: canonical,
    hreflang alternates and the language switch all name the page itself and its own counterpart
    (an entity page's switch led to the list of places)."""
    from urllib.parse import urljoin

    site = build_site(_register_project(tmp_path), tmp_path / "site")
    base = "https://edition.example/ed/"
    pages = _pages(site)
    kinds = {p.split("/")[0] if "/" in p else "top" for p in pages}
    assert {"dizin", "arsiv", "paralel", "top"} <= kinds, kinds
    assert "dizin/chicherin.html" in pages and "kisiler.html" in pages
    for dest in pages:
        own = {"tr": base + dest, "en": base + "en/" + dest}
        for lang, path in (("tr", dest), ("en", f"en/{dest}")):
            doc = soup(site / path)
            canonical = doc.select_one('link[rel="canonical"]')["href"]
            assert canonical == own[lang], path
            links = {a["hreflang"]: a["href"] for a in doc.select('link[rel="alternate"][hreflang]')}
            assert links == {**own, "x-default": own["tr"]}, path
            switch = {a["hreflang"]: urljoin(own[lang], a["href"]) for a in doc.select("a.md-select__link[hreflang]")}
            assert switch == own, path
    # the sitemap lists every page of both languages, each with its alternates
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", xml)
    assert sorted(locs) == sorted([base + p for p in pages] + [base + "en/" + p for p in pages])
    assert f'hreflang="en" href="{base}en/dizin/chicherin.html"' in xml
    assert xml.count("<url>") == xml.count('hreflang="x-default"') == 2 * len(pages)
    assert (site / "en" / "sitemap.xml").read_text(encoding="utf-8") == xml
    for folder in ("dizin", "en/dizin"):
        assert (site / folder / "sitemap.xml").exists()


def test_a_local_build_writes_an_empty_sitemap(tmp_path):
    """Without a site address a sitemap cannot hold absolute addresses: it is empty and valid."""
    project = copy_root("register", tmp_path)
    site = build_site(project, tmp_path / "site")
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<urlset" in xml and "<url>" not in xml and not (site / "sitemap.xml.gz").exists()


def test_the_sitemap_lists_alternates_only_where_a_counterpart_exists():
    from edition.site.addresses import sitemap

    xml = sitemap("https://e.example", {"tr": {"a.html", "b.html"}, "en": {"a.html"}}, ["tr", "en"], "tr")
    assert xml.count("<url>") == 3
    b = xml.split("<loc>https://e.example/b.html</loc>")[1].split("</url>")[0]
    assert "xhtml:link" not in b
    assert '<xhtml:link rel="alternate" hreflang="en" href="https://e.example/en/a.html"/>' in xml


def test_the_404_page_of_a_production_build_is_styled_in_a_preview_under_its_path(tmp_path):
    """Its styles, script and links are rooted at the address's path (a preview serving the site
    under /ed/ loads them; host-absolute addresses left it unstyled), and its language switch
    leads to each language's home, not to the last page built."""
    site = build_site(_register_project(tmp_path), tmp_path / "site")
    doc = soup(site / "404.html")
    sheets = [link["href"] for link in doc.select('link[rel="stylesheet"]')]
    assert sheets and all(h.startswith("/ed/assets/") for h in sheets), sheets
    for h in sheets:
        assert (site / h[len("/ed/"):]).exists(), h
    switch = {a["hreflang"]: a["href"] for a in doc.select("a.md-select__link[hreflang]")}
    assert switch == {"tr": "/ed/index.html", "en": "/ed/en/index.html"}
    assert not [el for el in doc.select("[href], [src]") if (el.get("href") or el.get("src")).startswith("https://edition.example")]
