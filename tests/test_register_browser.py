"""The register in Chromium (issue 12): search finds entities by every kind of spelling in both
languages, Cyrillic included, typed key by key; a mention is a plain link without JavaScript."""
from __future__ import annotations

import pytest

from conftest import clear_search, result_links, search

pytestmark = pytest.mark.browser


# (page language root, query, the entity page that must be among the results)
QUERIES = [
    ("", "Чичерин", "dizin/chicherin.html"),
    ("en", "Чичерин", "dizin/chicherin.html"),
    ("en", "Tchitcherine", "dizin/chicherin.html"),
    ("", "Chicherin", "dizin/chicherin.html"),
    ("", "Литвинов", "dizin/litvinov.html"),
    ("en", "Сурицz", None),        # no such name: no entity page (the index does not match everything)
    ("", "Mosul", "dizin/mosul.html"),
    ("en", "Musul", "dizin/mosul.html"),
    ("en", "Москва", "dizin/moscow.html"),
    ("", "Moskova", "dizin/moscow.html"),
]


@pytest.mark.parametrize("root,query,expected", QUERIES, ids=[f"{r or 'tr'}-{q}" for r, q, _ in QUERIES])
def test_search_finds_the_entity_page_by_any_spelling(search_page, server, root, query, expected):
    page, _, _ = search_page(f"{root + '/' if root else ''}giris.html")   # one page per language
    if expected is None:
        field = page.locator("input.md-search__input")
        field.click()
        clear_search(page)
        field.press_sequentially(query)
        field.press("End")
        page.wait_for_timeout(1500)
        hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
        assert not any("/dizin/" in h for h in hrefs)
        return
    search(page, query)
    prefix = f"{server}/{root + '/' if root else ''}{expected}"

    def found(hrefs):
        return any(h.startswith(prefix) for h in hrefs)

    hrefs = result_links(page, found, selector=".md-search-result__item a")
    assert found(hrefs), hrefs[:8]


def test_a_mention_is_a_plain_link_without_javascript_and_reachable_by_keyboard(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{server}/sovyet-tepkisi.html")
    link = page.locator("#p26 a.entity[href$='dizin/chicherin.html']").first
    assert link.is_visible()
    link.focus()
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith("dizin/chicherin.html")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/dizin/chicherin.html")
    assert page.locator("h1#entity").inner_text().startswith("Georgi Çiçerin")
    assert page.locator("ul.entity-mentions a[href$='sovyet-tepkisi.html#p26']").count() == 1
    page.locator("ul.entity-mentions a[href$='sovyet-tepkisi.html#p26']").click()
    page.wait_for_url(f"{server}/sovyet-tepkisi.html#p26")
    context.close()


def test_entity_pages_work_in_the_offline_zip_from_file_urls(site, browser, tmp_path):
    import zipfile

    with zipfile.ZipFile(site / "downloads" / "edisyon-cevrimdisi.zip") as zf:
        zf.extractall(tmp_path)
        names = set(zf.namelist())
    assert {"edisyon/dizin/chicherin.html", "edisyon/en/dizin/chicherin.html", "edisyon/kisiler.html"} <= names
    root = (tmp_path / "edisyon").as_uri()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{root}/en/sovyet-tepkisi.html#p26")
    page.locator("#p26 a.entity[href$='dizin/chicherin.html']").first.click()
    page.wait_for_url(f"{root}/en/dizin/chicherin.html")
    page.locator("ul.entity-mentions a[href$='sovyet-tepkisi.html#p26']").click()
    page.wait_for_url(f"{root}/en/sovyet-tepkisi.html#p26")
    page.goto(f"{root}/kisiler.html")
    page.locator("ul.entity-index a[href$='dizin/surits.html']").click()
    page.wait_for_url(f"{root}/dizin/surits.html")
    search(page, "Чичерин")
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert any(h.startswith(f"{root}/dizin/chicherin.html") for h in hrefs), hrefs[:5]
    context.close()
    assert [u for u in requests if not u.startswith("file://")] == []


def _card(page):
    card = page.locator("#edition-card")
    card.wait_for(state="visible", timeout=5000)
    return card


def test_entity_card_on_hover_and_keyboard_focus(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/sovyet-tepkisi.html")
    link = page.locator("#p26 a.entity[href$='dizin/chicherin.html']").first
    link.hover()
    card = _card(page)
    text = card.inner_text()
    assert "Georgi Çiçerin" in text and "Георгий Васильевич Чичерин" in text and "1872–1936" in text
    assert card.locator("a[href$='dizin/chicherin.html']").count() == 1
    assert page.evaluate("location.hash") == ""
    page.mouse.move(5, 5)
    card.wait_for(state="hidden", timeout=3000)
    # keyboard: focus shows the card, Escape hides it, Enter follows the link
    link.focus()
    assert "Georgi Çiçerin" in _card(page).inner_text()
    assert link.get_attribute("aria-describedby") == "edition-card"
    from axe_playwright_python.sync_playwright import Axe
    violations = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert violations == []
    page.keyboard.press("Escape")
    card.wait_for(state="hidden", timeout=3000)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/dizin/chicherin.html")
    context.close()


def test_entity_card_on_a_phone_first_tap_shows_second_tap_follows(browser, server, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/en/sovyet-tepkisi.html#p26")
    link = page.locator("#p26 a.entity[href$='dizin/chicherin.html']").first
    link.scroll_into_view_if_needed()
    link.tap()
    card = _card(page)
    assert "Georgy Chicherin" in card.inner_text() and page.url.endswith("#p26")
    box = card.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.screenshot(path=str(artifacts / "entity-card-phone.png"))
    link.tap()                                                  # the second tap follows the link
    page.wait_for_url(f"{server}/en/dizin/chicherin.html")
    context.close()


def test_an_emended_name_is_one_link_whose_card_gives_the_source_reading(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/savas-korkusu.html")
    name = page.locator("a.entity.emendation[data-sic='Reigtag']")
    assert name.count() == 1 and name.locator("[data-card]").count() == 0   # no trigger inside a link
    name.focus()
    text = _card(page).inner_text()
    assert "Reigtag" in text and "Reichstag" in text
    context.close()
