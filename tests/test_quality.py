"""Quality gates (issue 8): valid HTML (Nu checker), accessibility (axe-core),
keyboard use, internal links, no external requests or assets, and reading
without JavaScript, over every page of both languages."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html as lxml_html

from conftest import JAVA_OPTIONS
from sitetext import soup

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# One page of every type, in both languages.
PAGE_TYPES = ["index.html", "giris.html", "savas-korkusu.html", "extended-abstract.html", "kaynakca.html",
              "arsivler.html", "arsiv/avprf-4-39-53297.html", "gazeteler.html", "ilkeler.html", "ceviri.html",
              "sozluk.html", "atif.html", "paralel/savas-korkusu.html", "kisiler.html", "kurumlar.html",
              "dizin/chicherin.html", "dizin/league-of-nations.html", "dizin/locarno-treaties.html", "gorseller.html",
              "404.html"]
BOTH = PAGE_TYPES + [f"en/{p}" for p in PAGE_TYPES if p != "404.html"]
# The sweeps over BOTH in a browser, in parts that pytest-xdist's workers share (every page in one part).
PARTS = 4
CHUNKS = [BOTH[i::PARTS] for i in range(PARTS)]


# axe's rules with WCAG 2.2's target size (axe leaves it out unless asked). Every rule runs on every
# node; "resultTypes" only spares building the list of every passing node (one node is kept per
# passing rule, whose ids stay listed): the violations are the same, found several times faster.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_valid_html(site):
    java = shutil.which("java")
    assert java and VNU.exists(), "the Nu HTML Checker needs java and `npm ci` (make test does both)"
    pages = _pages(site)
    assert len(pages) > 50
    run = subprocess.run([java, *JAVA_OPTIONS, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    errors = [f"{m['url'].rsplit('/site', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []


@pytest.fixture(scope="module")
def parsed(site) -> dict[Path, object]:
    """Every page of the site, parsed once for the tests of its links and its assets (one xdist group),
    by lxml's HTML parser (the one BeautifulSoup's "lxml" builder drives) into lxml's own tree."""
    return {page: _lxml(page) for page in _pages(site)}


def _lxml(page: Path):
    return lxml_html.document_fromstring(page.read_text(encoding="utf-8"))


@pytest.mark.xdist_group("quality-pages")
def test_every_internal_link_and_anchor_resolves(site, parsed):
    ids: dict[Path, set[str]] = {}
    broken, checked = [], 0
    docs = {page.resolve(): doc for page, doc in parsed.items()}
    for page in _pages(site):
        doc = docs[page.resolve()]
        for el in doc.xpath("//a[@href] | //link[@href] | //script[@src] | //img[@src]"):
            ref = el.get("href") or el.get("src")
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("//") or ref.startswith("mailto:"):
                continue
            if parts.path.startswith("/"):       # 404.html links from the site root
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {ref}")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {e.get("id") for e in (docs.get(target) if target in docs else _lxml(target)).xpath("//*[@id]")}
                if unquote(parts.fragment) not in ids[target]:
                    broken.append(f"{page.relative_to(site)} -> {ref}")
    assert checked > 4000
    assert broken == []


# URLs that Material's bundle names for features this site does not use (no Mermaid
# diagrams, no repository link, ResizeObserver present in every current browser) and
# licence/namespace strings: none is ever requested (the browser tests check that).
_JS_URL_ALLOWED = re.compile(r"^https?://(www\.w3\.org/|unpkg\.com/(resize-observer-polyfill|mermaid@)|"
                             r"api\.github\.com/|\$\{e\}/api/v4/|fontawesome\.com|clipboardjs\.com|bit\.ly/2s3ChXG|"
                             r"tartarus\.org/|lunrjs\.com)")


@pytest.mark.xdist_group("quality-pages")
def test_no_asset_is_loaded_from_outside_the_site(site, parsed):
    outside = []
    docs = parsed
    for page, doc in docs.items():
        for el in doc.xpath("//script[@src] | //link[@href] | //img[@src] | //source[@src] | //iframe[@src]"):
            ref = el.get("src") or el.get("href")
            rel = (el.get("rel") or "").split()
            if el.tag == "link" and set(rel) & {"alternate", "canonical", "schema.DC"}:
                continue   # references to pages (and Dublin Core's namespace), not assets
            if re.match(r"^(https?:)?//", ref):
                outside.append(f"{page.relative_to(site)}: {ref}")
        for style in doc.xpath("//style"):
            outside += [f"{page.relative_to(site)}: {u}" for u in re.findall(r"url\((['\"]?)(https?://[^)'\"]+)", style.text_content())]
    for css in site.rglob("*.css"):
        outside += [f"{css.relative_to(site)}: {u[1]}" for u in re.findall(r"url\((['\"]?)(https?:)?//", css.read_text())]
        outside += [f"{css.relative_to(site)}: @import" for _ in re.findall(r"@import\s+url\(['\"]?https?:", css.read_text())]
    # the scripts pages load, the search worker and the lunr files it loads for Turkish and English
    scripts = {((site / el.get("src").lstrip("/")) if el.get("src").startswith("/") else (page.parent / el.get("src"))).resolve()
               for page, doc in docs.items() for el in doc.xpath("//script[@src]")}
    scripts |= set(site.glob("assets/javascripts/workers/*.js"))
    scripts |= {site / "assets/javascripts/lunr/min" / f for f in ("lunr.tr.min.js", "lunr.stemmer.support.min.js")}
    # the edition's own: its script, the file:// worker shim and the card files it loads on first use
    scripts |= set(site.glob("assets/iframe-worker.*.js")) | set(site.glob("assets/cards.*.js"))
    assert len(scripts) >= 7
    assert any("IFrameWorker" in js.read_text(encoding="utf-8") for js in scripts)   # the file:// worker shim
    inline = {el.text or "" for page in _pages(site)[:3] for el in docs[page].xpath("//script[not(@src)]")
              if el.get("type") not in ("application/json", "application/ld+json")}
    for js in [*sorted(scripts), *inline]:
        code = js.read_text(encoding="utf-8") if isinstance(js, Path) else js
        code = re.sub(r"/\*!.*?\*/", "", code, flags=re.S)   # licence comments
        for url in re.findall(r"https?://[^\s\"'`)]+|https?://\$\{e\}[^\s\"'`)]*", code):
            if not _JS_URL_ALLOWED.match(url):
                outside.append(f"{js.relative_to(site) if isinstance(js, Path) else 'inline'}: {url}")
    assert outside == []


# Each part's tests run on one worker (their xdist group), where the part is swept once per scheme.
PART_PARAMS = [pytest.param(i, id=f"part{i + 1}of{PARTS}", marks=pytest.mark.xdist_group(f"quality-part{i + 1}"))
               for i in range(PARTS)]


@pytest.fixture(scope="module")
def swept(browser, server):
    """sweep(scheme, part): each page of a part of BOTH loaded once in that colour scheme, on first
    use: axe's serious and critical violations (path -> [(rule, first node)]), then, once the network
    is idle, every request outside the site, every failed response and every script error."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    done: dict[tuple[str, int], dict] = {}

    def sweep(scheme: str, part: int) -> dict:
        if (scheme, part) in done:
            return done[scheme, part]
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        found: dict = {"axe": {}, "outside": [], "failed": [], "errors": [], "pages": 0}
        page.on("request", lambda r: found["outside"].append(r.url) if not r.url.startswith(server) else None)
        page.on("response", lambda r: found["failed"].append(r.url) if r.status >= 400 else None)
        page.on("pageerror", lambda e: found["errors"].append(str(e)))
        for path in CHUNKS[part]:
            page.goto(f"{server}/{path}")
            result = axe.run(page, options=AXE_OPTIONS).response
            violations = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
            if violations:
                found["axe"][path] = [(v["id"], v["nodes"][0]["target"]) for v in violations]
            page.wait_for_load_state("networkidle")     # whatever the page still requests after axe ran
            found["pages"] += 1
        # the scheme asked for is the one the page shows (Material follows prefers-color-scheme)
        found["scheme"] = page.evaluate("document.body.dataset.mdColorScheme")
        context.close()
        done[scheme, part] = found
        return found

    return sweep


@pytest.mark.browser
@pytest.mark.parametrize("part", PART_PARAMS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(swept, scheme, part):
    found = swept(scheme, part)
    assert found["pages"] == len(CHUNKS[part]) and found["scheme"] == {"light": "default", "dark": "slate"}[scheme]
    assert found["axe"] == {}


@pytest.mark.browser
@pytest.mark.parametrize("part", PART_PARAMS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_loads_without_any_outside_request_or_error(swept, scheme, part):
    found = swept(scheme, part)
    assert found["pages"] == len(CHUNKS[part])
    assert found["outside"] == [] and found["errors"] == []
    assert [u for u in found["failed"] if not u.endswith("/404.html")] == []


@pytest.mark.browser
def test_every_page_reads_without_javascript(browser, server, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for path in BOTH:
        page.goto(f"{server}/{path}")
        main = page.locator("article.md-content__inner")
        text = main.inner_text()
        article = soup(site / path).select_one("article.md-content__inner")
        for hidden in article.select("details.cite-this, details.figure-strip, script, div.cards, "
                                     "svg style, svg title, svg desc"):
            hidden.decompose()     # a closed <details> shows only its summary; SVG tooltips are not page text
        expected = article.get_text()
        assert len(text) > 0.8 * len(" ".join(expected.split())), path
        assert page.locator("nav.md-nav--primary").first.is_visible(), path
        if path.endswith(("savas-korkusu.html",)) and "paralel" not in path:
            assert page.locator("div.footnote li").count() == 36
            assert page.locator("details.cite-this").is_visible()
    context.close()


@pytest.mark.browser
def test_keyboard_reaches_notes_cite_buttons_language_switch_and_search(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/giris.html")
    # each element the keyboard focuses, with its focus style, recorded in the page as focus arrives
    # (one question to the page after 400 presses of Tab, not one after each)
    page.evaluate("""() => { window.__focused = []; document.addEventListener('focusin', ({target: e}) => {
            const s = getComputedStyle(e);
            window.__focused.push({cls: String(e.className || ''), tag: e.tagName, hreflang: e.getAttribute('hreflang'),
                    outline: s.outlineStyle !== 'none' && s.outlineWidth !== '0px', shadow: s.boxShadow !== 'none'}); }, true); }""")
    for _ in range(400):
        page.keyboard.press("Tab")
    focused = page.evaluate("window.__focused")
    assert len(focused) > 300
    reached = set()
    for info in focused:
        cls = info["cls"]
        for kind in ("footnote-ref", "cite-btn", "md-search__input", "footnote-backref"):
            if kind in cls:
                assert info["outline"] or info["shadow"] or kind == "md-search__input", f"no visible focus on {kind}"
                reached.add(kind)
        if info["hreflang"]:
            reached.add("language")
    assert {"footnote-ref", "cite-btn", "md-search__input"} <= reached
    # the language switch and search work from the keyboard
    page.goto(f"{server}/sovyet-dis-politikasi.html#p4")     # a fresh page: nothing focused yet
    for attempt in range(3):     # typing again, at last a reload: only for a slow worker start
        if attempt:
            page.reload()
        page.wait_for_load_state("networkidle")
        for _ in range(20):      # Material's search shortcut, once its scripts listen
            page.keyboard.press("s")
            if page.evaluate("document.getElementById('__search').checked"):
                break
            page.wait_for_timeout(250)
        page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
        found = False
        for _ in range(3):       # a query typed while the index is being built is dropped
            page.keyboard.press("Control+A")
            page.keyboard.type("Locarno")
            try:
                page.locator(".md-search-result__item").first.wait_for(timeout=3000)
                found = True
                break
            except Exception:  # noqa: BLE001 - Playwright's timeout
                continue
        if found:
            break
    assert page.locator(".md-search-result__item").first.is_visible()
    page.keyboard.press("Escape")
    page.locator(".md-select__link[hreflang='en']").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/en/sovyet-dis-politikasi.html#p4")
    context.close()


# On a phone (390 px, touch): pages whose links sit close together (tables of links, the margin's ¶
# and cite buttons, lists of mentions) or whose layout changes at that width (the entity page's facts).
# Among axe's rules is WCAG 2.2's target size (2.5.8), which Lighthouse's accessibility score counts.
# The dark scheme on the register's page (colours of its own) and a chapter. The figures page is
# tested on a phone in test_figures.py, in both languages and both schemes, for violations of any impact.
PHONE_PAGES = {"light": ["sovyet-tepkisi.html", "en/paralel/sovyet-tepkisi.html",
                         "kisiler.html", "en/dizin/chicherin.html", "kaynakca.html", "en/arsiv/avprf-4-39-53297.html"],
               "dark": ["en/sovyet-tepkisi.html", "dizin/chicherin.html"]}


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations_on_a_phone(browser, server, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                  color_scheme=scheme)
    page = context.new_page()
    found = {}
    for path in PHONE_PAGES[scheme]:
        page.goto(f"{server}/{path}")
        # axe leaves target-size out unless asked
        result = axe.run(page, options=AXE_OPTIONS).response
        assert any(r["id"] == "target-size" for r in result["passes"] + result["violations"]), path
        serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            found[path] = [(v["id"], v["nodes"][0]["target"]) for v in serious]
    context.close()
    assert found == {}
