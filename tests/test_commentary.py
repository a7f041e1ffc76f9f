"""Editorial commentary (issue 13): the edition's own comments on slips of the source, in both
languages, anchored to a lemma, each with its sources, kept apart from the author's 98 notes in
every output (site, parallel view, one-file editions, offline zip), reachable by keyboard and tap."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from conftest import build_site, copy_root
from loading import load_root
from edition.checks import commentary
from edition.core.errors import EditionError
from edition.sources.markup import parse_inline
from edition.core.document import Citation, Text
from sitetext import CHAPTERS, main_content, soup

LABELS = list("abcdefghijklmnopqrstuv")   # a-e (issue 13), f-v the fact-check's slips (issue 23)
#: the comments as the chapters show them: each at the end of the chapter of its first place, in the
#: order of the file (published labels stay, so a later round's letters follow the earlier ones')
BY_CHAPTER = list("af" "ghi" "bcdjklmn" "eopqr" "stuv")


# --- placing a marker after its lemma ----------------------------------------------------

@pytest.mark.parametrize("source,lemma,expected", [
    ("Bir iki üç.", "iki", ["Bir iki", "MARK", " üç."]),
    ("Bir iki üç.", "Bir iki üç.", ["Bir iki üç.", "MARK"]),
    ("Önce [Yazar, a.g.e., s. 7]{@yazar2000, p. 7} sonra.", "a.g.e.", ["Önce ", "CITE", "MARK", " sonra."]),
    ("Bir *iki* üç.", "Bir iki", ["Bir ", "EMPH", "MARK", " üç."]),
])
def test_a_marker_follows_its_lemma_and_never_enters_a_link(source, lemma, expected):
    content = parse_inline(source, "t.md", 1, in_note=True)
    marked = commentary.insert_after(content, lemma, commentary.Mark("a"))
    shape = [t.text if isinstance(t, Text) else "MARK" if isinstance(t, commentary.Mark)
             else "CITE" if isinstance(t, Citation) else "EMPH" for t in marked]
    assert shape == expected


# --- the real edition ----------------------------------------------------------------------

def _chapter(site, lang, name):
    return main_content(soup(site / ("" if lang == "tr" else "en") / f"{name}.html"))


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_every_comment_is_marked_and_listed_with_its_sources_apart_from_the_notes(site, lang):
    markers, comments = [], {}
    for name in CHAPTERS:
        main = _chapter(site, lang, name)
        markers += main.select("sup.ed-ref a")
        for li in main.select(".ed-comments li[id]"):
            comments[li["id"]] = li
        # the author's notes are untouched: numbers only, and no comment among them
        assert not main.select("div.footnote .ed-comments, div.footnote li[id^=ed-]")
    assert sorted(comments) == [f"ed-{x}" for x in LABELS]
    assert {m.get_text() for m in markers} == set(LABELS)        # letters, never numbers
    for m in markers:
        if m.has_attr("data-card"):                               # the comment stands on this page
            assert m["href"] == f"#{m['data-card']}" and m["href"][1:] in comments
        else:                                                     # …or at the end of another chapter
            assert re.fullmatch(r"[a-z-]+\.html#ed-[a-z]", m["href"]), m
        assert not m.has_attr("title")                            # the card convention
        assert m.get("aria-label", "").endswith(m.get_text())
    for li in comments.values():
        # every comment names its sources; an address goes with a source where it has one
        assert li.select_one(".ed-sources").get_text(strip=True).removeprefix("Kaynak:").removeprefix("Source:")
        assert all(a["href"].startswith("https://") for a in li.select(".ed-sources a")), li["id"]
        assert li.select(".ed-sources a[href^='http']") or li["id"] == "ed-i", li["id"]
        back = li.select("a.ed-backref")
        assert back and all(re.fullmatch(r"([a-z-]+\.html)?#edr-[a-z](-\d)?", b["href"]) for b in back)
    total_notes = sum(len(_chapter(site, lang, n).select("div.footnote li[id^=n]")) for n in CHAPTERS)
    assert total_notes == 98


def test_comments_stand_under_their_own_heading_after_the_notes(site):
    main = _chapter(site, "tr", "savas-korkusu")
    headings = [h.get("id") for h in main.select("h2")]
    assert headings.index("yorumlar") > headings.index("notlar")
    assert main.select_one("h2#yorumlar").get_text(strip=True).startswith("Editörün yorumları")
    en = _chapter(site, "en", "savas-korkusu")
    assert en.select_one("h2#yorumlar").get_text(strip=True).startswith("Editorial comments")


def test_the_chamberlain_comment_marks_all_four_places(site):
    main = _chapter(site, "tr", "savas-korkusu")
    places = [m.find_parent("p", class_="para")["id"] for m in main.select("sup.ed-ref a[href='#ed-b']")]
    assert places == ["p11", "p14", "p15", "p20"]
    marker = main.select_one("#p14 sup.ed-ref")
    assert marker.previous_sibling.endswith("İngiliz Başbakanı")


def test_the_editorial_principles_page_lists_every_comment(site):
    for page in ("ilkeler.html", "en/ilkeler.html"):
        rows = main_content(soup(site / page)).select("table.ed-listing tbody tr")
        assert [r.th.get_text() for r in rows] == LABELS
        assert all(r.select(".ed-sources a[href^='http']") for r in rows if r.th.get_text() != "i")
        links = [a["href"] for r in rows for a in r.select("td:nth-of-type(1) a")]
        assert links[:2] == ["giris.html#edr-a", "extended-abstract.html#edr-a-2"]
        assert "sovyet-tepkisi.html#edr-e-2" in links


def test_a_comment_marks_the_authors_own_english_too_and_links_across_chapters(site):
    for lang in ("tr", "en"):
        ea = _chapter(site, lang, "extended-abstract")
        marker = ea.select_one("#ea1 sup.ed-ref a")
        assert marker["href"] == "giris.html#ed-a" and not marker.has_attr("data-card")
        back = _chapter(site, lang, "giris").select("#ed-a a.ed-backref")
        assert [a["href"] for a in back] == ["#edr-a", "extended-abstract.html#edr-a-2"]


def test_the_parallel_view_shows_comments_in_both_columns(site):
    main = main_content(soup(site / "paralel" / "sovyet-tepkisi.html"))
    row = main.select_one(".pair-comment#ed-e")
    assert [c["lang"] for c in row.select(".cell")] == ["tr", "en"]
    assert row.select_one("li#tr-ed-e") and row.select_one("li#en-ed-e")
    assert main.select_one("#tr-p26 a[href='#tr-ed-e']") and main.select_one("#en-p26 a[href='#en-ed-e']")


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_the_one_file_edition_keeps_comments_apart_and_linked(site, lang):
    doc = soup(site / "downloads" / f"edisyon.{lang}.html")
    ids = {el["id"] for el in doc.select("[id]")}
    items = doc.select(".ed-comments li[id]")
    assert [li["id"] for li in items] == [f"ed-{x}" for x in BY_CHAPTER]
    # the letter is written out: the PDF (WeasyPrint) would number the list a, a, a…
    assert [li.select_one(".ed-label").get_text() for li in items] == [f"{x}." for x in BY_CHAPTER]
    for a in doc.select("sup.ed-ref a"):
        assert a["href"][1:] in ids
    for a in doc.select("a.ed-backref, table.ed-listing a[href^='#']"):
        assert a["href"][1:] in ids, a["href"]
    notes = doc.select("div.footnote li[id^=n]")
    # the article's note numbers written out too (WeasyPrint ignores <li value>: the PDF said 1, 1, 1…)
    assert [li.select_one(".note-num").get_text() for li in notes] == [f"{n}." for n in range(1, 99)]


def test_the_offline_zip_carries_the_comments(site):
    with zipfile.ZipFile(site / "downloads" / "edisyon-cevrimdisi.zip") as zf:
        page = zf.read("edisyon/savas-korkusu.html").decode("utf-8")
    assert 'class="ed-ref"' in page and 'id="ed-c"' in page


# --- bad input, on a fake edition -------------------------------------------------------------

@pytest.fixture
def apparatus(tmp_path) -> Path:
    return copy_root("apparatus", tmp_path)


def test_the_fake_edition_renders_comments_on_paragraphs_and_notes(apparatus, tmp_path):
    site = build_site(apparatus, tmp_path / "site")
    for lang in ("", "en/"):
        main = main_content(soup(site / f"{lang}bolum.html"))
        assert main.select_one("#p2 sup.ed-ref a[href='#ed-a']")
        assert main.select_one("#n2 sup.ed-ref a[href='#ed-b']")
        assert [li["id"] for li in main.select(".ed-comments li")] == ["ed-a", "ed-b"]


@pytest.mark.parametrize("old,new,where,message", [
    ('{tr: "İngiliz başbakanı", en: "British prime minister"}', '{tr: "İngiliz başbakanı", en: "British premier"}',
     "apparatus/comments.yaml:5", "the en lemma “British premier” occurs 0 times in ¶ 2"),
    ('{tr: "İngiliz başbakanı", en: "British prime minister"}', '{tr: "i", en: "British prime minister"}',
     "apparatus/comments.yaml:5", "the tr lemma “i” occurs"),
    ("      - at: p2", "      - at: p9", "apparatus/comments.yaml:4", "no paragraph or note 'p9'"),
    ("  - label: b", "  - label: c", "apparatus/comments.yaml:9", "labels run a, b, c"),
    ('url: "https://example.org/source"', 'url: "javascript:alert(1)"', "apparatus/comments.yaml:15", "sources"),
    ("    sources:\n      - {work: example,", "    sources: []\n    x:\n      - {work: example,",
     "apparatus/comments.yaml:14", "sources"),
    ("  - label: a\n    anchors:", "  - label: a\n    added: 2\n    anchors:", "apparatus/comments.yaml:10",
     "comment b: comments are listed round by round"),
], ids=["lemma-missing", "lemma-twice", "place-unknown", "label-out-of-order", "unsafe-source", "no-source",
        "round-out-of-order"])
def test_a_bad_comment_is_located(apparatus, old, new, where, message):
    path = apparatus / "apparatus" / "comments.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    ed = load_root(apparatus, comments="", termbase="").edition
    with pytest.raises(EditionError) as info:
        commentary.load(apparatus, "apparatus/comments.yaml", ed)
    assert any(str(p).startswith(f"{where}: [comment]") and message in str(p) for p in info.value.problems), \
        info.value


def test_a_later_round_of_comments_is_appended_with_the_next_letters(apparatus):
    """Published labels stay: a comment of a later round (`added: 2`) follows the earlier ones even
    where its place comes first in the text."""
    path = apparatus / "apparatus" / "comments.yaml"
    text = path.read_text(encoding="utf-8")
    # b (a note) comes after a (a paragraph of the same chapter); as a round-2 comment it may also
    # be one whose place precedes a's: the round decides first.
    text = text.replace("  - label: a\n    anchors:\n      - at: p2", "  - label: a\n    anchors:\n      - at: n2", 1)
    text = text.replace('lemma: {tr: "İngiliz başbakanı", en: "British prime minister"}',
                        'lemma: {tr: "Yazar", en: "Yazar"}', 1)
    text = text.replace("  - label: b\n    anchors:\n      - at: n2\n        lemma: {tr: \"Yazar, a.g.e.\", en: \"Yazar, op. cit.\"}",
                        "  - label: b\n    added: 2\n    anchors:\n      - at: p2\n"
                        "        lemma: {tr: \"İngiliz başbakanı\", en: \"British prime minister\"}", 1)
    path.write_text(text, encoding="utf-8")
    ed = load_root(apparatus, comments="", termbase="").edition
    placed = commentary.load(apparatus, "apparatus/comments.yaml", ed).comments
    assert [(p.comment.label, p.comment.added, p.places) for p in placed] == [("a", 1, ["n2"]), ("b", 2, ["p2"])]


# --- what a reader does ---------------------------------------------------------------------------

@pytest.mark.browser
def test_a_comment_is_reached_by_keyboard_and_by_tap_and_leads_back(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}/savas-korkusu.html")
    marker = page.locator("#p22 sup.ed-ref a[href='#ed-c']")
    marker.focus()
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#ed-c"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#ed-c'")
    assert page.locator("#ed-c").is_visible()
    page.locator("#ed-c a.ed-backref").click()
    page.wait_for_function("location.hash === '#edr-c'")
    context.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(f"{server}/en/savas-korkusu.html")
    page.locator("#p22 sup.ed-ref a[href='#ed-c']").tap()
    page.wait_for_timeout(300)
    # with or without the card script, the comment is shown: as a card, or by following the link
    shown = page.evaluate("""() => location.hash === '#ed-c' ||
        [...document.querySelectorAll('[role=dialog], [role=tooltip], .card, .edition-card')]
          .some(el => el.offsetParent !== null && el.textContent.includes('1920'))""")
    assert shown
    phone.close()
