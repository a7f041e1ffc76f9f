"""The markup feeding the card script (issue 15): every trigger names an element of its own
page, citations and emendations carry no title attribute, templates are emitted once per page,
and the one-file edition (no JavaScript) keeps plain links."""
from __future__ import annotations

import html

import pytest

from edition.cards import Cards
from edition.markup import parse_inline
from edition.model import Emendation
from edition.render import Linker, Renderer
from sitetext import main_content, soup

WITH_NOTES = ["giris", "sovyet-dis-politikasi", "savas-korkusu", "sovyet-tepkisi"]
PAGES = [f"{name}.html" for name in WITH_NOTES] + [f"en/{name}.html" for name in WITH_NOTES] + \
        ["paralel/savas-korkusu.html", "en/paralel/sovyet-tepkisi.html"]


@pytest.mark.parametrize("path", PAGES)
def test_every_trigger_names_an_element_of_its_own_page(site, path):
    doc = soup(site / path)
    main = main_content(doc)
    triggers = main.select("[data-card]")
    assert triggers, path
    templates = [t["id"] for t in main.select("div.cards[hidden] > template")]
    assert len(templates) == len(set(templates))
    for el in triggers:
        target = doc.find(id=el["data-card"])
        assert target is not None, f"{path}: {el}"
        assert target.get_text(strip=True), f"{path}: empty card {el['data-card']}"
        assert not el.has_attr("title"), f"{path}: a trigger with a title: {el}"
    for a in main.select("a.footnote-ref"):
        assert a["data-card"] == a["href"][1:]           # a note's card is its own <li>
    kinds = {el.name + "." + el["class"][0] for el in triggers}
    assert "a.footnote-ref" in kinds and "a.cite" in kinds, kinds


def test_a_reference_cited_twice_with_the_same_pages_has_one_template(site):
    main = main_content(soup(site / "savas-korkusu.html"))
    cards = [a["data-card"] for a in main.select("a.cite")]
    templates = main.select("div.cards > template")
    assert len(cards) > len(set(cards)) == len([t for t in templates if t["id"].startswith("card-ref-")])
    # the card holds the full reference with the cited page
    carr = main.select_one("li#n42 a.cite")
    card = main.find(id=carr["data-card"])
    assert "Socialism in One Country" in card.get_text() and "443" in card.get_text()


def test_the_parallel_view_keeps_each_languages_cards_apart(site):
    main = main_content(soup(site / "paralel/savas-korkusu.html"))
    for lang in ("tr", "en"):
        for el in main.select(f".cell[lang='{lang}'] [data-card]"):
            assert el["data-card"].startswith((f"{lang}-", f"card-{lang}-")), el


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_the_one_file_edition_has_plain_links_and_no_templates(site, lang):
    doc = soup(site / "downloads" / f"edisyon.{lang}.html")
    assert doc.select("[data-card]") == [] and doc.select("template") == []
    assert all(a.get("title") for a in doc.select("a.cite"))   # the browser's own tooltip


EMENDATIONS = [
    ("Reigtag", "Reichstag", None),
    ("<script>alert(1)</script>", "x", "misprint & more"),
    ('a "quoted" one', "b", "it’s <b>bold</b>"),
]


@pytest.mark.parametrize("original,corrected,reason", EMENDATIONS)
def test_an_emendations_card_says_the_source_reading_and_reason_escaped(original, corrected, reason):
    source = f"x {{~~{original}~>{corrected}~~}}" + (f"{{>>{reason}<<}}" if reason else "") + " y"
    (em,) = [t for t in parse_inline(source, "d.md", 1) if isinstance(t, Emendation)]
    cards = Cards()
    out = Renderer(edition=None, lang="en", linker=Linker("x.md"), cards=cards).emendation(em)
    assert "title=" not in out and 'data-card="card-em-' in out
    block = cards.html()
    assert block.startswith('<div class="cards" hidden><template id="card-em-')
    assert "<script" not in block and "<b>" not in block
    assert html.escape(original, quote=False) in block
    if reason:
        assert html.escape(reason, quote=False) in block
    # the same emendation twice on a page: one template
    Renderer(edition=None, lang="en", linker=Linker("x.md"), cards=cards).emendation(em)
    assert len(cards) == 1
