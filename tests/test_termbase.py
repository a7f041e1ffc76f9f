"""The termbase keeps the translation consistent (issue 13): every aligned paragraph pair and
note pair uses the English rendering of each Turkish term it contains; a planted inconsistency
stops the build with its file and line; the Glossary shows the termbase in both languages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import ROOT, build_site, copy_root
from loading import load_root
from edition.checks import termbase
from edition.core.errors import EditionError
from sitetext import main_content, soup

TERMS = termbase.Termbase([
    termbase.Term(id="nkid", tr="Dışişleri Halk Komiserliği", forms=["Dışişleri Halk Komiserliğ"],
                  en="People's Commissariat for Foreign Affairs", variants=["NKID"]),
    termbase.Term(id="commissar", tr="Dışişleri Halk Komiseri", en="People's Commissar for Foreign Affairs"),
    termbase.Term(id="soviet-fc", tr="Sovyet Dışişleri", forms=["Sovyet Dışişler"], en="Soviet Foreign Commissariat",
                  avoid=["Soviet foreign ministry"]),
    termbase.Term(id="seat", tr="daimî üyelik", forms=["daimî üye", "kalıcı üye"], en="permanent seat"),
    termbase.Term(id="council", tr="Konsey", forms=["Konsey$"], en="Council"),
    termbase.Term(id="secretariat", tr="Genel Sekreterlik", forms=["Genel Sekreterliğ"], en="League Secretariat"),
])


@pytest.mark.parametrize("text,found", [
    ("Dışişleri Halk Komiserliği", ["nkid"]),
    ("Dışişleri Halk Komiserliği’nin raporu", ["nkid"]),                # apostrophe + suffix
    ("Dışişleri Halk Komiserliğinin", ["nkid"]),                         # suffix glued on
    ("DIŞİŞLERİ HALK KOMİSERLİĞİ", ["nkid"]),                            # Turkish upper case (I/ı, İ/i)
    ("Sovyet Dışişleri Halk Komiseri Çiçerin", ["commissar"]),           # the longest match wins
    ("Sovyet Dışişleri’nin kaygısı", ["soviet-fc"]),
    ("Sovyet dışişlerinin atağı", ["soviet-fc"]),
    ("Konsey’de daimi üyelik", ["council", "seat"]),                     # circumflex optional
    ("Konseyi toplandı", []),                                            # "$": the word must end
    ("kalıcı üyeliği", ["seat"]),
    ("Dışişleri Halk Komiserliği ve Sovyet Dışişleri", ["nkid", "soviet-fc"]),
    ("Halk Komiserliği", []),
    ("Genel Sekreterliğine cevabi mektup", ["secretariat"]),
])
def test_turkish_terms_are_found_by_their_stems(text, found):
    assert [t.id for t, _, _ in TERMS.find_tr(text)] == found


@pytest.mark.parametrize("term,english,ok", [
    ("nkid", "the People’s Commissariat for Foreign Affairs (NKID)", True),   # typographic apostrophe
    ("nkid", "the NKID's report", True),
    ("nkid", "the Soviet foreign ministry", False),
    ("secretariat", "a telegram to the League Secretariat", True),
    ("secretariat", "a telegram to the League secretariat", False),           # case counts after the first letter
    ("seat", "Permanent seat on the Council", True),                          # …but not for the first letter
])
def test_the_english_side_must_use_the_rendering_or_a_variant(term, english, ok):
    t = next(x for x in TERMS.terms if x.id == term)
    assert TERMS.rendered(t, english) is ok


def test_avoided_forms_are_found():
    assert [(t.id, p) for t, p in TERMS.avoided("the Soviet foreign ministry knew")] == \
        [("soviet-fc", "Soviet foreign ministry")]
    assert TERMS.avoided("the Soviet Foreign Commissariat knew") == []


@pytest.fixture(scope="module")
def edition():
    return load_root(ROOT).edition


def test_the_whole_translation_keeps_to_the_termbase(edition):
    pairs = termbase.pairs(edition, "en")
    paragraphs = [p for p in pairs if p.place.startswith("¶")]
    notes = [p for p in pairs if p.place.startswith("note")]
    assert (len(paragraphs), len(notes)) == (59 + 22, 98)
    report = termbase.check(edition, edition.termbase)
    # the author's own English (Abstract, Extended Abstract: 19 paragraphs) is not a translation
    assert report.checked == 59 + 22 + 98 - 19
    assert report.occurrences > 200
    assert [str(p) for p in report.problems] == []


def test_every_term_of_the_termbase_occurs_in_the_article(edition):
    found = {t.id for pair in termbase.pairs(edition, "en") for t, _, _ in edition.termbase.find_tr(pair.original)}
    assert {t.id for t in edition.termbase.terms} - found == set()


# --- a fake edition with the termbase, and planted inconsistencies --------------------

@pytest.fixture
def apparatus(tmp_path) -> Path:
    return copy_root("apparatus", tmp_path)


def test_the_fake_edition_with_a_consistent_translation_builds(apparatus, tmp_path):
    site = build_site(apparatus, tmp_path / "site")
    rows = main_content(soup(site / "en" / "sozluk.html")).select("table.glossary tbody tr")
    assert [r["id"] for r in rows][:1] and len(rows) == 4
    nkid = main_content(soup(site / "sozluk.html")).select_one("#term-nkid")
    assert nkid.select_one('[lang="ru"]').get_text() == "Народный комиссариат иностранных дел"
    assert nkid.select_one('a[href^="https://en.wikipedia.org/"]')


@pytest.mark.parametrize("file,old,new,where,message", [
    ("docs/bolum.en.md", "People’s Commissariat for Foreign Affairs", "Soviet foreign office",
     "docs/bolum.en.md:3", "the original has “Dışişleri Halk Komiserliği’nin” (nkid)"),
    ("docs/bolum.en.md", "on the war scare", "on the threat of war",
     "docs/bolum.en.md:11", "note 3: the original has “savaş korkusu” (war-scare)"),
    ("docs/bolum.en.md", "on the League of Nations", "on the Soviet foreign ministry and the League",
     "docs/bolum.en.md:3", "uses “Soviet foreign ministry”"),
], ids=["rendering-missing", "note-rendering-missing", "avoided-form-used"])
def test_a_planted_inconsistency_stops_the_build(apparatus, tmp_path, caplog, file, old, new, where, message):
    path = apparatus / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    caplog.clear()
    with pytest.raises(Abort):
        build_site(apparatus, tmp_path / "site")
    assert f"{where}: [term]" in caplog.text, caplog.text
    assert message in caplog.text


@pytest.mark.parametrize("old,new,where,category", [
    ("    en: war scare\n", "    en: war scare\n    colour: red\n", "termbase/terms.yaml:23", "termbase"),
    ("  - id: league\n", "  - id: League Of Nations\n", "termbase/terms.yaml:14", "termbase"),
    ("url: https://en.wikipedia.org", "url: javascript:alert(1)//en.wikipedia.org",
     "termbase/terms.yaml:8", "termbase"),
], ids=["unknown-field", "bad-id", "unsafe-source"])
def test_a_bad_termbase_is_located(apparatus, tmp_path, caplog, old, new, where, category):
    path = apparatus / "termbase" / "terms.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(EditionError) as info:
        termbase.load(apparatus, "termbase/terms.yaml")
    assert any(str(p).startswith(f"{where}: [{category}]") for p in info.value.problems), info.value


# --- the Glossary pages of the real edition ---------------------------------------------

@pytest.mark.parametrize("page,heading", [("sozluk.html", "Sözlük"), ("en/sozluk.html", "Glossary")])
def test_the_glossary_shows_every_term_in_both_languages(site, page, heading):
    main = main_content(soup(site / page))
    assert main.select_one("h1").get_text(strip=True).startswith(heading)
    rows = main.select("table.glossary tbody tr")
    terms = termbase.load(ROOT, "termbase/terms.yaml").terms
    assert len(rows) == len(terms) > 15
    nkid = main.select_one("#term-nkid")
    assert "НКИД" in nkid.select_one('[lang="ru"]').get_text()
    assert "People's Commissariat for Foreign Affairs" in nkid.get_text()
    war = main.select_one("#term-war-scare")
    assert re.search(r"fear of war", war.get_text()) and war.select_one("a[href^='https://']")
