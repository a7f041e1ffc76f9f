"""The markup feeding the card script (issue 15): every trigger names a card the script finds (an
element of its own page, or a shared card of its language's card file), citations and emendations
carry no title attribute, templates are emitted once per page, and the one-file edition (no
JavaScript) keeps plain links."""
from __future__ import annotations

import html

import pytest

from edition.html.cards import Cards
from edition.sources.markup import parse_inline
from edition.core.document import Emendation
from edition.html.chapters import Renderer
from edition.html.urls import Linker
from sitetext import card_of, main_content, shared_cards, soup

WITH_NOTES = ["giris", "sovyet-dis-politikasi", "savas-korkusu", "sovyet-tepkisi"]
PAGES = [f"{name}.html" for name in WITH_NOTES] + [f"en/{name}.html" for name in WITH_NOTES] + \
        ["paralel/savas-korkusu.html", "en/paralel/sovyet-tepkisi.html"]


@pytest.mark.parametrize("path", PAGES)
def test_every_trigger_names_a_card_the_script_finds(site, path):
    doc = soup(site / path)
    main = main_content(doc)
    triggers = main.select("[data-card], a.entity")
    assert triggers, path
    templates = [t["id"] for t in main.select("div.cards[hidden] > template")]
    assert len(templates) == len(set(templates))
    for el in triggers:
        target = card_of(doc, el, site)
        assert target is not None, f"{path}: {el}"
        assert target.get_text(strip=True), f"{path}: empty card {el}"
        assert not el.has_attr("title"), f"{path}: a trigger with a title: {el}"
    for a in main.select("a.footnote-ref"):
        assert a["data-card"] == a["href"][1:]           # a note's card is its own <li>
    kinds = {el.name + "." + el["class"][0] for el in triggers}
    assert {"a.footnote-ref", "a.cite", "a.entity"} <= kinds, kinds
    # cards that are the same on every page are not repeated in it (they are in the card file);
    # an emended name's card (entity and source reading) is the page's own
    assert not [t for t in templates if t.startswith(("card-e-", "card-ref-")) and "-em-" not in t], path


def test_a_reference_card_is_shared_and_each_citation_gives_its_pages(site):
    main = main_content(soup(site / "savas-korkusu.html"))
    cards = [a["data-card"] for a in main.select("a.cite")]
    assert len(cards) > len(set(cards)) and all(c.startswith("ref-") for c in cards)
    carr = main.select_one("li#n42 a.cite")
    assert carr["data-card"] == "ref-carr1964" and carr["data-loc"] == "s. 443"
    card = shared_cards(site, "tr")["ref-carr1964"]
    assert "Socialism in One Country" in card.get_text() and card.select("span[data-card-loc]")
    assert card.get_text().endswith(".")      # the script puts ", s. 443" before the full stop
    # the English card file has the same card in English
    assert "Socialism in One Country" in shared_cards(site, "en")["ref-carr1964"].get_text()


def test_every_entity_and_reference_has_a_shared_card_in_both_languages(site):
    tr, en = shared_cards(site, "tr"), shared_cards(site, "en")
    assert set(tr) == set(en)
    pages = {p.stem for p in (site / "dizin").glob("*.html")}
    assert {k[2:] for k in tr if k.startswith("e-")} == pages
    for ident in ("e-chicherin", "e-surits"):
        assert [a.get("href") for a in tr[ident].select("a")] == [None]   # the link slot: the mention's own href
        assert tr[ident].select("a[data-card-href]")
    assert "Георгий" in tr["e-chicherin"].get_text() and "1872" in tr["e-chicherin"].get_text()


def test_the_parallel_view_keeps_each_languages_cards_apart(site):
    doc = soup(site / "paralel/savas-korkusu.html")
    main = main_content(doc)
    for lang in ("tr", "en"):
        for el in main.select(f".cell[lang='{lang}'] [data-card]"):
            if doc.find(id=el["data-card"]) is not None:   # a card of the page: one per language
                assert el["data-card"].startswith((f"{lang}-", f"card-{lang}-")), el
    carr = main.select_one(".cell[lang='en'] a.cite[data-card='ref-carr1964']")
    assert carr is not None and "Socialism" in card_of(doc, carr, site).get_text()


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
