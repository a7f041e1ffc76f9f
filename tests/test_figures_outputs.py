"""The figures in the outputs that do not scroll (issue 25): the EPUB and print.

The EPUB of each language holds a Figures document after the chapters with the narrow
drawings (the chronology one drawing per section), their captions and tables; EPUBCheck
validates that book in tests/test_formats.py. The one-file edition, printed by Chromium
(print media, an A4 page's 794 px) and laid out by WeasyPrint (the PDF), shows the narrow
drawings at most `figures.PRINT_WIDTH` px wide: every label at least 11 px, no drawing wider
than its column or taller than a page. Screenshots in tests/artifacts/.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from edition import figures

LANGS = ["tr", "en"]
NS = {"h": "http://www.w3.org/1999/xhtml", "s": "http://www.w3.org/2000/svg",
      "opf": "http://www.idpf.org/2007/opf", "epub": "http://www.idpf.org/2007/ops"}
EPUB_DOC = "EPUB/gorseller.xhtml"
#: the narrow drawings: the chronology's sections, the network, the map
NARROW = ["chronology-b1", "chronology-b2", "chronology-b3", "chronology-b4", "chronology-b5", "network-n", "map-n"]


def _epub(site: Path, lang: str) -> Path:
    return site / "downloads" / f"edisyon.{lang}.epub"


def _ids(doc) -> set[str]:
    return set(doc.xpath("//@id"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_epub_has_a_figures_document_after_the_chapters(site, lang):
    with zipfile.ZipFile(_epub(site, lang)) as zf:
        docs = {n[5:]: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith(".xhtml")}
        opf = etree.fromstring(zf.read("EPUB/package.opf"))
    doc = docs["gorseller.xhtml"]
    svgs = doc.findall(".//s:svg", NS)
    assert [s.get("aria-labelledby").split()[0].removesuffix("-title") for s in svgs] == NARROW
    assert len(doc.findall(".//h:figure", NS)) == 3 and len(doc.findall(".//h:table", NS)) == 3
    assert [f.get("id") for f in doc.findall(".//h:figure", NS)] == ["chronology-figure", "network-figure", "map-figure"]
    # each figure: caption, description, its drawings; then its table
    for figure in doc.findall(".//h:figure", NS):
        assert figure[0].tag == f"{{{NS['h']}}}figcaption" and figure.find("h:p[@class='figure-desc']", NS) is not None
        assert figure.getnext().tag == f"{{{NS['h']}}}table"
    # the same data as the site's tables
    page = (site / ("" if lang == "tr" else "en") / "gorseller.html").read_text(encoding="utf-8")
    site_rows = re.findall(r'<table class="figure-table">.*?</table>', page, re.S)
    for table, theirs in zip(doc.findall(".//h:table", NS), site_rows):
        assert len(table.findall(".//h:tr", NS)) == theirs.count("<tr")
    # the manifest says it has SVG; the reading order and the contents put it after the chapters
    items = {i.get("id"): i for i in opf.iterfind(".//opf:item", NS)}
    spine = [items[r.get("idref")].get("href") for r in opf.iterfind(".//opf:itemref", NS)]
    assert items[next(k for k, i in items.items() if i.get("href") == "gorseller.xhtml")].get("properties") == "svg"
    assert [i.get("href") for i in items.values() if "svg" in (i.get("properties") or "")] == ["gorseller.xhtml"]
    assert spine.index("gorseller.xhtml") == spine.index("extended-abstract.xhtml") + 1
    assert spine.index("gorseller.xhtml") < spine.index("kaynakca.xhtml")
    toc = [a.get("href") for a in docs["nav.xhtml"].find(".//h:nav[@epub:type='toc']", NS).iterfind("h:ol/h:li/h:a", NS)]
    assert "gorseller.xhtml#gorseller" in toc
    assert toc.index("gorseller.xhtml#gorseller") < toc.index("kaynakca.xhtml#kaynakca")
    assert "visual" in [m.text for m in opf.iterfind(".//opf:meta[@property='schema:accessMode']", NS)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_epubs_figures_link_inside_the_book_and_load_nothing(site, lang):
    """Every link leads to an element of a document of the book (the register's pages, which the
    book does not have, are dropped: the label stays); no script, no external resource, no
    CSS variable or media query the drawing needs to be seen."""
    with zipfile.ZipFile(_epub(site, lang)) as zf:
        docs = {n[5:]: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith(".xhtml")}
        raw = zf.read(EPUB_DOC).decode("utf-8")
    doc = docs["gorseller.xhtml"]
    links = doc.xpath("//h:a/@href | //s:a/@href", namespaces=NS)
    assert len(links) > 100
    for href in links:
        name, _, anchor = href.partition("#")
        target = docs[name or "gorseller.xhtml"]
        assert anchor and anchor in _ids(target), href
    # the cities and the people, not linked here, are still named
    assert doc.xpath("count(//s:svg[starts-with(@aria-labelledby, 'map-n')]//s:text)", namespaces=NS) >= 15
    assert "<script" not in raw and "var(--" not in raw and "<use" not in raw
    # nor do the descriptions promise links to the register's pages
    page = (site / ("" if lang == "tr" else "en") / "gorseller.html").read_text(encoding="utf-8")
    for on_site, in_book in figures.WITHOUT_REGISTER[lang]:
        assert on_site in page and on_site not in raw
        assert not in_book or raw.count(in_book) == 2   # the figure's description and the drawing's <desc>
    assert not re.search(r'(?:href|src)="(?:https?:)?//', raw)
    for style in doc.iterfind(".//s:style", NS):   # screen and print only add a halo / undo a scroll box
        assert "display:none" not in re.sub(r"\s", "", style.text)


_MEASURE = """() => [...document.querySelectorAll('svg.edition-svg')].map(svg => {
    const r = svg.getBoundingClientRect(), k = r.width / svg.viewBox.baseVal.width;
    const col = svg.parentElement.getBoundingClientRect();
    const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * k);
    return {id: svg.getAttribute('aria-labelledby').split(' ')[0].replace(/-title$/, ''),
            left: r.left, right: r.right, height: r.height, col: [col.left, col.right],
            shown: r.width > 0 && getComputedStyle(svg.parentElement).display !== 'none',
            labels: sizes.length, smallest: Math.min(...sizes)};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_epubs_figures_read_on_a_390_px_page(browser, site, lang, artifacts, tmp_path):
    """The Figures document as a reading system lays it out on a 390 px screen (Chromium, the
    book's own style sheet): every drawing within the column, every label at least 11 px."""
    with zipfile.ZipFile(_epub(site, lang)) as zf:
        zf.extractall(tmp_path)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto((tmp_path / EPUB_DOC).as_uri())
    found = page.evaluate(_MEASURE)
    assert [f["id"] for f in found] == NARROW
    for f in found:
        assert f["shown"] and f["labels"] > 0, f
        assert f["col"][0] - 0.5 <= f["left"] and f["right"] <= f["col"][1] + 0.5 <= 390, f
        assert f["smallest"] >= 11, f
    (artifacts / f"figures-epub-390-{lang}.txt").write_text(
        " ".join(f"{f['id']}:{f['smallest']:.2f}" for f in found) + "\n", encoding="utf-8")
    page.add_style_tag(content="table{display:none}")   # the drawings, not the tables, in the picture
    page.screenshot(path=str(artifacts / f"figures-epub-390-{lang}.png"), full_page=True)
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_printing_the_one_file_edition_shows_the_narrow_figures_legibly(browser, site, lang, artifacts):
    """Chromium's print media at an A4 page's 794 px: the wide drawings hidden, the narrow ones
    shown, none wider than its column or than PRINT_WIDTH, none taller than an A4 text block
    (945 px), every label at least 11 px."""
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto((site / "downloads" / f"edisyon.{lang}.html").as_uri())
    found = page.evaluate(_MEASURE)
    shown = [f for f in found if f["shown"]]
    assert [f["id"] for f in shown] == NARROW
    assert sorted(f["id"] for f in found if not f["shown"]) == ["chronology", "map", "network"]
    for f in shown:
        assert f["col"][0] - 0.5 <= f["left"] and f["right"] <= f["col"][1] + 0.5, f
        assert f["right"] - f["left"] <= figures.PRINT_WIDTH + 0.5 and f["height"] <= 945, f
        assert f["smallest"] >= 11, f
    (artifacts / f"figures-print-a4-{lang}.txt").write_text(
        " ".join(f"{f['id']}:{f['smallest']:.2f}" for f in shown) + "\n", encoding="utf-8")
    page.add_style_tag(content="table,details{display:none}")
    page.locator("#ch-gorseller").screenshot(path=str(artifacts / f"figures-print-a4-{lang}.png"))
    context.close()
