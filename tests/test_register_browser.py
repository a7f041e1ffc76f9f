"""The register in Chromium (issue 12): search finds entities by every kind of spelling in both
languages, Cyrillic included, typed key by key; a mention is a plain link without JavaScript."""
from __future__ import annotations

import pytest

from conftest import search

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
def test_search_finds_the_entity_page_by_any_spelling(browser, server, root, query, expected):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/{root + '/' if root else ''}giris.html")
    if expected is None:
        field = page.locator("input.md-search__input")
        field.click()
        field.press_sequentially(query)
        page.wait_for_timeout(1500)
        hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
        assert not any("/dizin/" in h for h in hrefs)
        context.close()
        return
    search(page, query)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    prefix = f"{server}/{root + '/' if root else ''}{expected}"
    assert any(h.startswith(prefix) for h in hrefs), hrefs[:8]
    context.close()


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
