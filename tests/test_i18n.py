"""The English edition: aligned with the Turkish paragraph by paragraph and note by
note, the author's own English verbatim, and a build that refuses misalignment (issue 5)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

import seedtext
from conftest import build_site, copy_root
from seedtext import squash
from sitetext import CHAPTERS, main_content, reading_text, soup, cited_key



def _ids(main, selector):
    return [el["id"] for el in main.select(selector)]


def test_each_paragraph_and_note_has_one_english_counterpart(site):
    total_p = total_n = 0
    for name in CHAPTERS:
        tr = main_content(soup(site / f"{name}.html"))
        en = main_content(soup(site / "en" / f"{name}.html"))
        assert _ids(tr, "p.para") == _ids(en, "p.para"), name
        assert _ids(tr, "div.footnote li") == _ids(en, "div.footnote li"), name
        assert _ids(tr, "h1[id], h2[id]") == _ids(en, "h1[id], h2[id]"), name
        for li_tr, li_en in zip(tr.select("div.footnote li"), en.select("div.footnote li")):
            keys = lambda li: [cited_key(a) for a in li.select("a.cite")]
            assert keys(li_tr) == keys(li_en), li_tr["id"]
        total_p += len(tr.select("p.para"))
        total_n += len(tr.select("div.footnote li"))
    assert total_n == 98
    assert total_p == 59 + 6 + 16   # body ¶1-59, Öz and Abstract, Extended Abstract


def _seed_part(start: str, end: str | None) -> str:
    body, _ = seedtext.parse()
    i = body.index(start)
    j = body.index(end, i) if end else len(body)
    return body[i:j]


@pytest.mark.parametrize("page,start,end", [
    ("index", "Abstract In the wake", "Türkiye’de zaferin"),
    ("extended-abstract", "Extended Abstract", None),
])
def test_the_authors_english_is_on_the_english_pages_verbatim(site, page, start, end):
    text = squash(reading_text(main_content(soup(site / "en" / f"{page}.html"))))
    wanted = seedtext.sentences(_seed_part(start, end))
    assert len(wanted) > 5
    missing = [s for s in wanted if squash(s) not in text]
    assert missing == []


def test_english_chapters_are_labelled_as_translation_and_author_texts_as_the_authors(site):
    giris = main_content(soup(site / "en" / "giris.html"))
    assert "translation" in giris.select_one(".provenance.translation").get_text()
    home = main_content(soup(site / "en" / "index.html"))
    label = home.select_one(".provenance.author-text")
    assert "author" in label.get_text()
    assert label.find_next("p", class_="para")["id"] == "ab1"
    ea = main_content(soup(site / "en" / "extended-abstract.html"))
    assert not ea.select(".provenance.translation")


def test_every_page_has_a_counterpart_in_the_other_language(site):
    tr_pages = {p.relative_to(site).as_posix() for p in site.glob("**/*.html")
                if not p.relative_to(site).as_posix().startswith(("en/", "downloads/"))}
    en_pages = {p.relative_to(site / "en").as_posix() for p in (site / "en").glob("**/*.html")}
    assert tr_pages - {"404.html"} == en_pages - {"404.html"}


@pytest.fixture
def bilingual(tmp_path) -> Path:
    return copy_root("bilingual", tmp_path)


def test_the_bilingual_fake_edition_builds(bilingual, tmp_path):
    site = build_site(bilingual, tmp_path / "site")
    assert (site / "en" / "bolum.html").exists() and (site / "en" / "arsiv" / "avprf-1-2-3.html").exists()
    assert (site / "paralel" / "bolum.html").exists()


@pytest.mark.parametrize("old,new,where", [
    ("{¶2} Third sentence {pb 2} ends here.[^3]", "Third sentence {pb 2} ends here.[^3]", "docs/bolum.en.md:5"),
    ("{¶2} Third", "{¶3} Third", "docs/bolum.en.md:5"),
    ("{@avprf-3-1925-01-06}", "{@yazar2000}", "docs/bolum.en.md:9"),
    ("# Chapter {#s1}", "# Chapter {#s9}", "docs/bolum.en.md:1"),
], ids=["paragraph-missing", "paragraph-id-differs", "note-cites-other-key", "heading-anchor-differs"])
def test_misaligned_translation_stops_the_build(bilingual, tmp_path, caplog, old, new, where):
    path = bilingual / "docs" / "bolum.en.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    caplog.clear()
    with pytest.raises(Abort):
        build_site(bilingual, tmp_path / "site")
    assert where in caplog.text, caplog.text
    assert re.search(r"\[(alignment|markup)\]", caplog.text)


def test_every_language_has_every_string():
    """One string table per language (edition.core.i18n), with the same keys all the way down."""
    from edition.core.i18n import STRINGS

    def shape(value):
        return {k: shape(v) for k, v in value.items()} if isinstance(value, dict) else type(value).__name__

    assert shape(STRINGS["tr"]) == shape(STRINGS["en"])
