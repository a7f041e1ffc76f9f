"""The figures of issue 17: chronology, correspondence network, map of places.

Unit tests on the real edition's data (no site build), bad-input cases on copies of the
chronology file, and browser tests on the built Figures page (label boxes measured by
Chromium, phone width, light and dark screenshots in tests/artifacts/).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from edition import figures
from edition.core.errors import EditionError
from edition.figures import chronology as C
from edition.figures import svg as S
from edition.sources.markup import plain_text
from edition.html.urls import Linker
from loading import load_root

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ["index.md", "giris.md", "sovyet-dis-politikasi.md", "savas-korkusu.md", "sovyet-tepkisi.md",
            "sonuc.md", "extended-abstract.md"]
MONTHS_TR = ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
             "Kasım", "Aralık"]
LINKER = Linker(figures.PAGE)


@pytest.fixture(scope="module")
def edition():
    return load_root(ROOT).edition


@pytest.fixture(scope="module")
def figs(edition):
    return figures.load(edition, ROOT)


def _para_text(edition, number: int) -> str:
    chapter, p = C.para_index(edition)[number]
    return plain_text(p.content, reading="original")


def _note_text(edition, number: int) -> str:
    for ch in edition.chapters("tr"):
        if number in ch.notes:
            return plain_text(ch.notes[number].content, reading="original")
    return ""


def _context_year(edition, number: int) -> str:
    """The year the text last wrote before ¶ `number` (what a reader takes 'On 11 October' to mean)."""
    for n in range(number - 1, 0, -1):
        years = re.findall(r"\b(19[12]\d)\b", _para_text(edition, n))
        if years:
            return years[-1]
    return ""


def test_every_event_date_stands_in_its_paragraph(edition):
    """Day and month as the Turkish text writes them ('16 Aralık', 'Ekim'), the year as digits,
    in the paragraph the event cites; a year the paragraph leaves out ('11 Ekim tarihinde')
    must stand in the event's note or be the year the text last wrote before it."""
    events, _ = C.load_events(ROOT)
    assert len(events) >= 50
    missing = []
    for e in events:
        text = _para_text(edition, e.para)
        d = e.date
        if d.day:
            ok = re.search(rf"(?<!\d){d.day}\s+{MONTHS_TR[d.month - 1]}", text)
        elif d.month:
            ok = re.search(MONTHS_TR[d.month - 1], text)
        else:
            ok = True
        year_ok = (str(d.year) in text or (e.note and str(d.year) in _note_text(edition, e.note))
                   or _context_year(edition, e.para) == str(d.year))
        if not (ok and year_ok):
            missing.append(f"{e.id}: {d.iso} not in ¶ {e.para}")
    assert missing == []


def test_every_event_and_document_is_on_the_timeline(edition, figs):
    keys = {i.key for i in figs.items}
    assert set(edition.sources.documents) <= keys
    for lang in ("tr", "en"):
        svg, boxes = figs.chronology_svg(lang, LINKER)
        for it in figs.items:
            assert f'href="{it.href(edition, LINKER)}"' in svg.replace("&amp;", "&"), it.key
        assert len(boxes) == len(figs.items) + len(figs.lanes(lang))


def test_events_link_to_their_paragraph(edition, figs):
    paras = C.para_index(edition)
    for it in figs.items:
        if it.kind == "event":
            chapter, p = paras[it.para]
            assert it.href(edition, LINKER) == LINKER.to(chapter, p.anchor)


def test_every_document_is_an_edge_of_the_network(edition, figs):
    (svg, boxes, nodes, edges), _ = figs.network_svg("en", LINKER)
    assert sorted({e.key for e in edges}) == sorted(edition.sources.documents)
    linked = [n for n in nodes.values() if n["entity"]]
    assert len(linked) >= 15 and all(n["entity"] in edition.register.entities for n in linked)
    for key in edition.sources.documents:
        assert f'href="{LINKER.document(edition, key)}"' in svg


def test_every_place_on_the_map_is_in_the_register_and_links_to_it(edition, figs):
    svg, boxes, _, places = figs.map_svg("en", LINKER)
    reg = edition.register
    cities = {e.ident for e in reg.of_kind("place") if e.subkind == "city" and e.entry.coords}
    on_map = {key for key, _ in boxes}
    # every city whose coordinates a source confirms, unless it lies outside the map (Peking)
    assert len(on_map) >= 15 and on_map <= cities and len(cities - on_map) <= 3
    for key, _ in boxes:
        assert key in reg.entities and reg.entities[key].kind == "place"
        assert f'href="{LINKER.to(f"dizin/{key}.md")}"' in svg
    # 1920s names where the register gives them
    assert ">Constantinople<" in svg


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_no_two_labels_intersect(figs, lang):
    _, chrono = figs.chronology_svg(lang, LINKER)
    _, vertical = figs.chronology_vertical(lang, LINKER)
    (_, net, _, _), _ = figs.network_svg(lang, LINKER)
    _, net_n, _, _ = figs.network_narrow(lang, LINKER)
    _, geo, _, _ = figs.map_svg(lang, LINKER)
    _, geo_n = figs.map_narrow(lang, LINKER)
    for boxes in (chrono, vertical, net, net_n, geo, geo_n):
        assert S.overlapping(boxes) == []


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_the_narrow_drawings_carry_what_the_wide_ones_do(edition, figs, lang):
    """The chronology down the page has every item, with its label in full (no "…"); the narrow
    network and map every node and city, with the same links."""
    svg, boxes = figs.chronology_vertical(lang, LINKER)
    assert {k for k, _ in boxes} >= {i.key for i in figs.items}
    for it in figs.items:
        assert f'href="{it.href(edition, LINKER)}"' in svg.replace("&amp;", "&"), it.key
    assert "…" not in re.sub(r"<title>.*?</title>|aria-label=\"[^\"]*\"", "", svg)
    (wide, *_), _ = figs.network_svg(lang, LINKER)
    narrow, *_ = figs.network_narrow(lang, LINKER)
    geo, *_ = figs.map_svg(lang, LINKER)
    geo_n, _ = figs.map_narrow(lang, LINKER)
    for a, b in ((wide, narrow), (geo, geo_n)):
        assert sorted(re.findall(r'href="([^"#][^"]*)"', a)) == sorted(re.findall(r'href="([^"#][^"]*)"', b))
    # the narrow map draws the wide map's land (no second copy in the page), or its own
    assert '<use href="#map-land"' in geo_n and 'id="map-land"' in geo
    assert 'class="land"' in figs.map_narrow(lang, LINKER, inline=True)[0]


def test_box_intersection():
    a = S.Box(0, 0, 10, 10)
    assert a.intersects(S.Box(5, 5, 10, 10))
    assert not a.intersects(S.Box(10, 0, 5, 5))       # touching edges do not intersect
    assert S.overlapping([("a", a), ("b", S.Box(9, 9, 2, 2)), ("c", S.Box(50, 0, 1, 1))]) == [("a", "b")]


def test_figures_are_deterministic(edition):
    out = []
    for _ in range(2):
        f = figures.load(edition, ROOT)
        out.append("".join(f.block(w, lang, LINKER) for lang in ("tr", "en")
                           for w in ("chronology", "network", "map")))
    assert out[0] == out[1]
    assert not re.search(r"\d\.\d{2,}", re.sub(r"<table.*?</table>", "", out[0]))   # one fixed number format


def _graphs(edition):
    """The real network's groups and random ones (sizes 2-30, sparse and dense, repeated edges)."""
    import random

    from edition.figures import network as N

    nodes, edges = N.graph(edition)
    weight: dict = {}
    for e in edges:
        if e.source != e.target:
            pair = tuple(sorted((e.source, e.target)))
            weight[pair] = weight.get(pair, 0) + 1
    yield from ((sorted(g), weight) for g in N._components(sorted(nodes), weight) if len(g) > 1)
    rnd = random.Random(5)
    for size in (2, 3, 7, 12, 20, 30):
        group = [f"n{i:02d}" for i in range(size)]
        weight = {}
        for _ in range(size * rnd.choice((1, 2, 4))):
            a, b = sorted(rnd.sample(group, 2))
            weight[(a, b)] = weight.get((a, b), 0) + 1
        yield group, weight


def test_spring_layout_is_networkx_spring_layout(edition):
    """The network's layout computes networkx's spring layout without networkx: the same floats."""
    import networkx as nx

    from edition.figures import network as N

    for group, weight in _graphs(edition):
        g = nx.Graph()
        g.add_nodes_from(group)
        g.add_edges_from(sorted((a, b, {"weight": w}) for (a, b), w in weight.items() if a in group))
        k = 1.8 / len(group) ** 0.5
        theirs = nx.spring_layout(g, seed=N.SEED, iterations=300, k=k)
        ours = N.spring_layout(group, weight, seed=N.SEED, iterations=300, k=k)
        assert list(ours) == list(theirs)
        assert all(ours[n].tolist() == theirs[n].tolist() for n in group), group


_RENDER = """
import hashlib, sys
sys.path.insert(0, "tests")
import test_figures as T
from edition import figures
ed = T.load_root(T.ROOT).edition
f = figures.load(ed, T.ROOT)
out = "".join(f.block(w, lang, T.LINKER) for lang in ("tr", "en") for w in ("chronology", "network", "map"))
print(hashlib.sha256(out.encode()).hexdigest())
"""


def test_figures_do_not_depend_on_the_hash_seed():
    """Set and dict orders change with PYTHONHASHSEED from one process to the next: the figures must not."""
    import os
    import subprocess
    import sys

    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", _RENDER], cwd=ROOT, env=env, capture_output=True, text=True,
                             check=True)
        digests.add(run.stdout.strip())
    assert len(digests) == 1


def test_number_format():
    assert [S.num(x) for x in (1.0, 1.25, -0.04, 12.345, 0.0)] == ["1", "1.2", "0", "12.3", "0"]


def test_text_from_data_is_escaped(edition):
    item = C.Item("x", "event", C.PartialDate(1926), "giris.md", {"tr": "<script>a&b</script>", "en": "x"},
                  "giris.md", "p1", 1)
    svg, _ = C.draw(edition, [item], [("giris.md", "Giriş <b>")], "tr", LINKER, "t", "T", "D")
    assert "<script>" not in svg and "&lt;script&gt;a&amp;b" in svg and "Giriş &lt;b&gt;" in svg


BAD = [
    ("- id: x\n  date: 1926\n  para: 999\n  label: {tr: a, en: b}\n", 1, "no ¶ 999"),
    ("- id: x\n  date: 1926\n  para: 1\n  note: 90\n  label: {tr: a, en: b}\n", 1, "note 90 is not referred to"),
    ("- id: x\n  date: 1926-13-01\n  para: 1\n  label: {tr: a, en: b}\n", 2, "impossible date"),
    ("- id: x\n  date: \"1926-13\"\n  para: 1\n  label: {tr: a, en: b}\n", 2, "month 13"),
    ("- id: x\n  date: 1926\n  para: 1\n  label: {tr: a}\n", 4, "label.en"),
    ("- id: x\n  date: 1926\n  para: 1\n  place: y\n  label: {tr: a, en: b}\n", 4, "place"),
    ("- id: x\n  date: 1926\n  para: 1\n  label: {tr: a, en: b}\n  comment: {tr: c, en: d}\n", 1, "needs the sources"),
    ("- id: x\n  date: 1926\n  para: 1\n  label: {tr: a, en: b}\n  comment: {tr: c, en: d}\n"
     "  sources: [{work: wikipedia-en, url: \"javascript:x\"}]\n", 6, "not an http(s) address"),
    ("- id: x\n  date: 1926\n  para: 1\n  label: {tr: a, en: b}\n  comment: {tr: c, en: d}\n"
     "  sources: [{work: no-such-work, entry: e}]\n", 6, "is not an id in apparatus/references.yaml"),
    ("- id: x\n  date: 1926\n  para: 1\n  label: {tr: a, en: b}\n  comment: {tr: c, en: d}\n"
     "  sources: [{work: wikipedia-en, url: \"https://www.piglix.com/x\"}]\n", 6, "is a mirror"),
    ("- id: x\n  date: 1926\n  para: 1\n  label: {tr: a, en: b}\n  actual: 1925\n", 1, "needs an editorial comment"),
    ("- id: x\n  date: 1926\n  para: 1\n  label: {tr: a, en: b}\n  entity: {id: nobody, field: died}\n", 1,
     "not a register entry"),
    ("- id: X Y\n  date: 1926\n  para: 1\n  label: {tr: a, en: b}\n", 1, "not a valid identifier"),
    ("- id: x\n  date: 1926\n  para: 1\n  label: {tr: a, en: b}\n- id: x\n  date: 1926\n  para: 2\n"
     "  label: {tr: a, en: b}\n", 5, "used twice"),
]


@pytest.mark.parametrize("text,line,message", BAD)
def test_bad_events_stop_with_file_and_line(edition, tmp_path, text, line, message):
    (tmp_path / "chronology").mkdir()
    (tmp_path / "chronology" / "events.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "maps", tmp_path / "maps")
    with pytest.raises(EditionError) as exc:
        figures.load(edition, tmp_path)
    problem = exc.value.problems[0]
    assert str(problem.location) == f"chronology/events.yaml:{line}", str(exc.value)
    assert message in problem.message, str(exc.value)


@pytest.mark.parametrize("text,message", [(None, "file does not exist"), ("{not json", "Expecting"),
                                          ('{"extent": [1, 2], "rings": []}', "needs 'extent'")])
def test_bad_basemap_stops_with_its_file(edition, tmp_path, text, message):
    shutil.copytree(ROOT / "chronology", tmp_path / "chronology")
    (tmp_path / "maps").mkdir()
    if text is not None:
        (tmp_path / "maps" / "basemap.json").write_text(text, encoding="utf-8")
    with pytest.raises(EditionError) as exc:
        figures.load(edition, tmp_path)
    assert str(exc.value).startswith("maps/basemap.json:") and message in str(exc.value)


def test_no_chronology_no_figures(edition, tmp_path):
    assert figures.load(edition, tmp_path) is None


def test_chapter_strips(edition, figs):
    for name in ("giris.md", "savas-korkusu.md", "sovyet-tepkisi.md"):
        html = figs.chapter_strip(name, "tr", Linker(name))
        assert "<svg" in html and "gorseller.html#chronology" in html
        # on the site the drawing is shared content, put in when the fold opens
        folded = figs.chapter_strip(name, "tr", Linker(name), deferred=True)
        ident = figures.strip_id(name)
        assert "<svg" not in folded and f'data-strip="{ident}"' in folded and "gorseller.html#chronology" in folded
        assert figs.strips("tr", [name])[ident] == figs.strip_drawing(name, "tr", Linker(name))
    assert figs.chapter_strip("extended-abstract.md", "tr", Linker("extended-abstract.md")) == ""
    assert figs.strips("tr", ["extended-abstract.md"]) == {}


# --- the built site ---------------------------------------------------------------------------------

def test_figures_pages_built_and_linked_from_home(site):
    import gzip

    for prefix in ("", "en/"):
        page = (site / prefix / "gorseller.html").read_bytes()
        # each figure twice: for a wide and for a narrow column
        assert page.count(b'class="edition-svg') == 6 and page.count(b"<table class=\"figure-table\"") == 3
        assert len(gzip.compress(page)) <= 150_000
        assert b'href="gorseller.html"' in (site / prefix / "index.html").read_bytes()
        assert b"<figure" in (site / prefix / "gorseller.html").read_bytes()
    single = (site / "downloads" / "edisyon.tr.html")
    if single.exists():   # the wide drawings, and the narrow ones with the chronology one per section (print)
        assert single.read_bytes().count(b'class="edition-svg') == 3 + 5 + 2


def test_figures_make_no_external_request(site):
    page = (site / "gorseller.html").read_text(encoding="utf-8")
    svgs = re.findall(r'<svg[^>]*class="edition-svg.*?</svg>', page, re.S)
    assert len(svgs) == 6
    for svg in svgs:
        refs = re.findall(r'(?:href|src)="([^"]+)"', svg)
        assert refs and all(not r.startswith(("http:", "https:", "//")) for r in refs)


# What a reader sees: the drawing the page shows at that width, measured by Chromium
_MEASURE = """fig => {
    const col = fig.getBoundingClientRect();
    const shown = [...fig.querySelectorAll('svg.edition-svg')].filter(s => s.getBoundingClientRect().width > 0);
    const svg = shown[0], r = svg.getBoundingClientRect(), k = r.width / svg.viewBox.baseVal.width;
    const labels = [...svg.querySelectorAll('text')].map(t => {
        const b = t.getBoundingClientRect();
        return [t.textContent, b.x, b.y, b.width, b.height, parseFloat(getComputedStyle(t).fontSize) * k]; });
    return {shown: shown.length, col: [col.left, col.right], svg: [r.left, r.right], labels,
            overflow: fig.scrollWidth - fig.clientWidth};
}"""
FIGURES = ("chronology", "network", "map")
SCREENS = {"phone": (390, 844), "desktop": (1280, 900)}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["tr", "en"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_figures_fit_the_screen_with_legible_labels_apart(server, browser, lang, scheme, screen, artifacts):
    """At 390 x 844 and 1280 x 900, both languages and schemes: one drawing of each figure shown,
    inside its column (no sideways scroll, nothing clipped), every label at least 11 px as shown
    and no two labels intersecting; screenshots of each figure in tests/artifacts/."""
    width, height = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{server}/{'' if lang == 'tr' else 'en/'}gorseller.html")
    page.add_style_tag(content=".md-header{position:static}")   # no sticky header over the screenshots
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    smallest = []
    for ident in FIGURES:
        fig = page.locator(f"#{ident}-figure")
        m = fig.evaluate(_MEASURE)
        assert m["shown"] == 1, ident
        assert m["col"][0] - 0.5 <= m["svg"][0] and m["svg"][1] <= m["col"][1] + 0.5, (ident, m["col"], m["svg"])
        assert m["overflow"] <= 0, ident
        labels = [(t, S.Box(x, y, w, h), size) for t, x, y, w, h, size in m["labels"] if w and h]
        assert labels
        small = [(t, round(size, 2)) for t, _, size in labels if size < 11]
        assert small == [], ident
        smallest.append(min(size for *_, size in labels))
        # glyph boxes take the line's ascent and descent: shrunk to the letters themselves
        shrunk = [(t, S.Box(b.x + 0.5, b.y + 2, b.w - 1, b.h - 4)) for t, b, _ in labels]
        assert S.overlapping(shrunk) == [], ident
        fig.screenshot(path=str(artifacts / f"figure-{ident}-{lang}-{width}-{scheme}.png"))
    (artifacts / f"figure-label-sizes-{lang}-{width}-{scheme}.txt").write_text(
        " ".join(f"{i}:{s:.2f}" for i, s in zip(FIGURES, smallest)) + "\n", encoding="utf-8")
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["tr", "en"])
def test_on_a_phone_the_network_and_the_map_open_full_screen_without_script(server, browser, lang, artifacts):
    """A tap on "open full screen" shows the wide drawing at its own size over the page (a
    :target, no script), to pan and pinch; "close" goes back to the figure."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False,
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/{'' if lang == 'tr' else 'en/'}gorseller.html")
    assert page.locator("#chronology-figure .figure-enlarge").count() == 0   # it runs down the page
    for ident in ("network", "map"):
        page.locator(f"#{ident}-figure .figure-enlarge a").tap()
        zoom = page.locator(f"#{ident}-zoom")
        zoom.wait_for(state="visible")
        box = zoom.bounding_box()
        assert box["x"] == 0 and box["y"] == 0 and box["width"] >= 390 and box["height"] >= 844   # the screen
        svg = zoom.locator("svg").bounding_box()
        assert svg["width"] >= 780                  # its own size: 12 px labels
        zoom.screenshot(path=str(artifacts / f"figure-{ident}-{lang}-390-fullscreen.png"))
        page.locator(f"#{ident}-zoom .figure-close").tap()
        zoom.wait_for(state="hidden")
        assert page.locator(f"#{ident}-figure .figure-narrow svg").is_visible()
    context.close()


# axe with WCAG 2.2's target size; "resultTypes" only spares listing every passing node (the same
# violations, found faster; each passing rule keeps one node and its id).
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["tr", "en"])
def test_figures_page_passes_axe_on_a_phone(server, browser, lang, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                  color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{server}/{'' if lang == 'tr' else 'en/'}gorseller.html")
    result = Axe().run(page, options=AXE_OPTIONS).response
    assert any(r["id"] == "target-size" for r in result["passes"] + result["violations"])
    assert [(v["id"], v["nodes"][0]["target"]) for v in result["violations"]] == []
    context.close()


@pytest.mark.browser
def test_a_chapters_chronology_opens_in_its_fold_and_links_to_its_paragraphs(server, browser):
    """The chapter's drawing is not in the page (its weight): opening the fold puts it in from the
    language's card file; its marks link to the chapter's own paragraphs. Without JavaScript the
    fold links to the whole chronology on the Figures page."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{server}/en/sovyet-tepkisi.html")
    fold = page.locator("details.figure-strip")
    assert fold.locator("svg").count() == 0
    fold.locator("summary").click()
    drawing = fold.locator(".figure-scroll svg.edition-svg")
    drawing.wait_for()
    marks = drawing.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert marks and all(h.startswith("#p") for h in marks)
    assert all(page.locator(h).count() == 1 for h in set(marks))
    fold.locator("summary").click()
    fold.locator("summary").click()
    assert fold.locator("svg.edition-svg").count() == 1   # put in once
    page.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/en/sovyet-tepkisi.html")
    page.locator("details.figure-strip summary").click()
    assert page.locator("details.figure-strip a[href='gorseller.html#chronology']").is_visible()
    context.close()


def test_the_pdf_prints_each_figure_once_within_its_page_with_legible_labels(figs):
    """WeasyPrint (the PDF) draws the narrow drawings only (the chronology one per section), each
    inside the page's text block, every label at least 11 px (8.25 pt) as printed: its font size
    times the drawing's width over its viewBox's width."""
    from weasyprint import HTML

    from edition.exports import formats

    html = (f"<!DOCTYPE html><html><head><style>{figures.PRINT_CSS}</style></head>"
            f"<body>{figs.single_file('en')}</body></html>")
    document = HTML(string=formats.pdf_document(html)).render()
    found = []

    def walk(box, page):
        element = getattr(box, "element", None)
        if element is not None and "edition-svg" in (element.get("class") or "") and box.width:
            found.append((element, box.width, box.height, page))
        for child in getattr(box, "children", None) or []:
            walk(child, page)

    for page in document.pages:
        walk(page._page_box, page)
    assert [f[0].get("aria-labelledby").split()[0] for f in found] == [
        f"chronology-b{n}-title" for n in range(1, 6)] + ["network-n-title", "map-n-title"]
    smallest = []
    for element, width, height, page in found:
        box = page._page_box     # its width and height: the page's text block, within the margins
        assert width <= min(box.width, figures.PRINT_WIDTH) + 0.5 and height <= box.height + 0.5
        view = float(element.get("viewBox").split()[2])
        font = float(re.search(r"font-size:([\d.]+)px", element.get("style")).group(1))
        smallest.append(font * width / view)
    assert min(smallest) >= 11, smallest
