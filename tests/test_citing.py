"""Citing specific sections (issue 6): permanent anchors, “cite this” in three
styles from the one metadata file, and the tags reference managers read."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from pybtex.database import parse_string

from edition.html import cite
from edition.site.permalinks import collect, is_anchor
from sitetext import CHAPTERS, soup

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ROOT / "tests" / "data" / "permalinks.txt"
PUB = yaml.safe_load((ROOT / "bibliography" / "article.yaml").read_text(encoding="utf-8"))
TITLE = "Soviet Fear of War and the Discussion of Turkey’s Membership in the League of Nations (1925-1928)"
LANDING = "https://dergipark.org.tr/en/pub/vakanuvis/issue/88201/1647035"
EDITION = "Soviet Fear of War and Turkey’s League of Nations Membership (1925-1928): Digital Edition"


# --- permanent links ---------------------------------------------------------------

def test_no_published_anchor_disappears(site):
    built = set(collect(site))
    registry = [line for line in REGISTRY.read_text(encoding="utf-8").split("\n") if line and is_anchor(line)]
    lost = [a for a in registry if a not in built]
    assert len(registry) > 2500
    assert lost == [], f"{len(lost)} published anchors are gone, e.g. {lost[:5]}"


def test_anchors_are_unique_on_every_page(site):
    for page in site.rglob("*.html"):
        ids = re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8"))
        dup = [i for i, c in Counter(ids).items() if c > 1]
        assert dup == [], f"{page.relative_to(site)}: {dup}"


def test_chapters_have_the_same_anchors_in_both_languages(site):
    anchors = collect(site)
    for name in CHAPTERS:
        tr = {a.split("#")[1] for a in anchors if a.startswith(f"{name}.html#")}
        en = {a.split("#")[1] for a in anchors if a.startswith(f"en/{name}.html#")}
        permanent = re.compile(r"^(s\d|p\d|n\d|nr\d|page-\d|oz|ab|ea|notlar)")
        assert {a for a in tr if permanent.match(a)} == {a for a in en if permanent.match(a)}, name


# --- formatted citations -------------------------------------------------------------

def _set(lang):
    return {s["id"]: s for s in cite.citation_set(PUB, cite.Context(lang, EDITION, "2026", lang == "en"))["styles"]}


EXPECTED = {
    ("en", "chicago", "article", "note"):
        f"“{TITLE},” <em>Vakanüvis</em> (n.d.), ¶ 12, {LANDING}.",
    ("en", "chicago", "article", "reference"):
        f"“{TITLE}.” <em>Vakanüvis</em> (n.d.). {LANDING}.",
    ("en", "chicago", "edition", "note"):
        f"“{TITLE},” in <em>{EDITION}</em> (2026), ¶ 12, https://x.example/savas-korkusu.html#p12.",
    ("en", "apa", "article", "note"): "(“Soviet Fear of War,” n.d., para. 12)",
    ("en", "apa", "article", "reference"): f"{TITLE}. (n.d.). <em>Vakanüvis</em>. {LANDING}",
    ("en", "apa", "edition", "reference"):
        f"{TITLE}. (2026). In <em>{EDITION}</em>. https://x.example/savas-korkusu.html#p12",
    ("en", "mla", "article", "note"): "(“Soviet Fear of War” par. 12)",
    ("en", "mla", "article", "reference"):
        f"“{TITLE}.” <em>Vakanüvis</em>, dergipark.org.tr/en/pub/vakanuvis/issue/88201/1647035.",
    ("en", "mla", "edition", "reference"):
        f"“{TITLE}.” <em>{EDITION}</em>, 2026, https://x.example/savas-korkusu.html#p12.",
    ("tr", "chicago", "article", "note"):
        f"“{TITLE},” <em>Vakanüvis</em> (t.y.), ¶ 12, {LANDING}.",
    ("tr", "chicago", "edition", "reference"):
        f"“{TITLE}.” <em>{EDITION}</em> içinde. 2026. https://x.example/savas-korkusu.html#p12.",
    ("tr", "apa", "article", "note"): "(“Soviet Fear of War,” t.y., par. 12)",
    ("tr", "mla", "article", "note"): "(“Soviet Fear of War” par. 12)",
}


@pytest.mark.parametrize("key", list(EXPECTED), ids=["-".join(k) for k in EXPECTED])
def test_formatted_citations(key):
    lang, style, work, form = key
    template = _set(lang)[style][work][form]
    loc = cite.locator_label(style, "para", "12", lang)
    assert cite.fill(template, loc, "https://x.example/savas-korkusu.html#p12") == EXPECTED[key]


def test_a_note_is_cited_as_n_in_english_and_dn_in_turkish():
    assert cite.locator_label("chicago", "note", "47", "en") == "n. 47"
    assert cite.locator_label("chicago", "note", "47", "tr") == "dn. 47"


def test_confirmed_data_enters_every_citation_when_added():
    pub = {**PUB, "authors": ["Yazar, Ayşe"], "volume": "9", "issue": "2", "year": "2025", "pages": "100-130",
           "doi": "10.0000/example"}
    styles = {s["id"]: s for s in cite.citation_set(pub, cite.Context("en", EDITION, "2026", False))["styles"]}
    assert styles["chicago"]["article"]["reference"].startswith("Yazar, Ayşe. “")
    assert "9, no. 2 (2025): 100-130" in styles["chicago"]["article"]["reference"]
    assert "https://doi.org/10.0000/example" in styles["apa"]["article"]["reference"]
    assert styles["apa"]["article"]["note"] == "(Yazar, 2025, {loc})"


def test_markup_in_metadata_is_escaped():
    pub = {**PUB, "title_en": "A <b>bold</b> & title"}
    styles = cite.citation_set(pub, cite.Context("en", "Ed <i>", "2026", False))["styles"]
    text = json.dumps(styles)
    assert "<b>" not in text and "&lt;b&gt;" in text and "Ed <i>" not in text


# --- the pages ---------------------------------------------------------------------------

def _meta(page):
    doc = soup(page)
    return [(m.get("name") or m.get("property"), m["content"]) for m in doc.select("meta[content]")
            if (m.get("name") or m.get("property") or "").startswith(("citation_", "DC.", "og:"))]


@pytest.mark.parametrize("page", ["savas-korkusu.html", "en/savas-korkusu.html", "index.html"])
def test_highwire_dublin_core_and_open_graph_agree_with_the_metadata_file(site, page):
    tags = dict(_meta(site / page))
    assert tags["citation_title"] == PUB["title_en"]
    assert tags["citation_journal_title"] == PUB["journal"]
    assert tags["citation_language"] == ("en" if page.startswith("en/") else PUB["language"])   # issue 14
    assert tags["citation_abstract_html_url"] == PUB["url"]
    for unknown in ("citation_author", "citation_volume", "citation_issue", "citation_firstpage",
                    "citation_publication_date", "citation_doi"):
        assert unknown not in tags      # not confirmed: not guessed
    assert tags["DC.title"].endswith(PUB["title_en"]) and tags["DC.source"] == PUB["journal"]
    assert tags["og:locale"] == ("en_US" if page.startswith("en/") else "tr_TR")


def test_json_ld_english_pages_are_a_translation_of_the_original(site):
    def ld(page):
        return json.loads(soup(site / page).select_one('script[type="application/ld+json"]').string)
    tr, en = ld("giris.html"), ld("en/giris.html")
    assert tr["@type"] == "ScholarlyArticle" and tr["inLanguage"] == "tr" and tr["isPartOf"]["name"] == "Vakanüvis"
    assert en["inLanguage"] == "en" and en["translationOfWork"]["name"] == PUB["title_en"]
    assert en["translator"]["name"] == PUB["edition"]["editors"]["en"]


def test_hreflang_links_between_the_languages(site):
    links = {l["hreflang"]: l["href"] for l in soup(site / "en" / "giris.html").select('link[rel="alternate"][hreflang]')}
    assert links == {"tr": "../giris.html", "en": "giris.html"}


def test_every_page_has_a_static_cite_block_and_downloads(site):
    for page in ["giris.html", "en/savas-korkusu.html", "kaynakca.html", "en/arsiv/avprf-4-39-53297.html"]:
        block = soup(site / page).select_one("details.cite-this")
        assert block is not None, page
        text = block.get_text()
        assert "Vakanüvis" in text and "Chicago" in text and "APA" in text and "MLA" in text
        for a in block.select("a[download]"):
            assert (site / page).parent.joinpath(a["href"]).resolve().exists()
    bib = parse_string((site / "downloads" / "makale.bib").read_text(encoding="utf-8"), "bibtex")
    assert bib.entries["vakanuvis-soviet-fear"].fields["journal"] == "Vakanüvis"
    ris = (site / "downloads" / "makale.ris").read_bytes().decode("utf-8").split("\r\n")
    assert ris[0] == "TY  - JOUR" and f"TI  - {PUB['title_en']}" in ris
    csl = json.loads((site / "downloads" / "makale.json").read_text(encoding="utf-8"))
    assert csl[0]["type"] == "article-journal" and csl[0]["container-title"] == "Vakanüvis"


def test_with_a_public_address_pages_carry_canonical_and_absolute_urls(tmp_path):
    from conftest import build_site, copy_root

    project = copy_root("bilingual", tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  name: material\n", f"  name: material\n  custom_dir: {ROOT / 'overrides'}\n")
    config.write_text("site_url: https://edition.example/\n" + text, encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    doc = soup(site / "en" / "bolum.html")
    assert doc.select_one('link[rel="canonical"]')["href"] == "https://edition.example/en/bolum.html"
    tags = dict(_meta(site / "en" / "bolum.html"))
    assert tags["og:url"] == tags["citation_fulltext_html_url"] == "https://edition.example/en/bolum.html"
    assert "https://edition.example/en/bolum.html" in doc.select_one("details.cite-this").get_text()
    assert "https://edition.example/bolum.html" in (site / "sitemap.xml").read_text(encoding="utf-8")
