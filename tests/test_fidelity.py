"""The Turkish reading text and notes are the article's, word for word (issue 3).

Compared with the seed text kept in tests/data/seed.txt; whitespace and the
PDF's line-end joins are normalised, nothing else. An emended word counts by its
original reading, which the page keeps (data-sic)."""
from __future__ import annotations

import re

import seedtext
from seedtext import squash
from sitetext import CHAPTERS, main_content, reading_text, soup

ARTICLE_HEADINGS = [
    "Öz",
    "Soviet Fear of War and the Discussion of Turkey’s Membership in the League of Nations (1925-1928)",
    "Abstract",
    "1920’lerde Sovyet dış politikası ve Türkiye",
    "Batı-Sovyet gerilimi ve Sovyet “savaş korkusu”",
    "1924: İngiltere’yle ilişkilerde Anlaşmadan Kaosa",
    "Almanya’yla ilişkilerde Sarsıntı",
    "1925: Locarno Süreci",
    "1926: Berlin Antlaşması",
    "1927: Sovyetler Birliği’nde Savaş Korkusunun Tırmanması",
    "Türkiye’nin Milletler Cemiyeti’ne üyelik ihtimaline Sovyet tepkisi",
    "Milletler Cemiyeti’ne İlişkin Sovyet ve Türk Değerlendirmeleri",
    "Sovyetlerin Türkiye’nin Cemiyet Üyeliği Tartışmasına Tepkileri ve Görüşme Trafiği",
    "Odessa Görüşmesi ve Sonrası",
    "Sonuç",
    "Extended Abstract",
]


def _body(site, name):
    main = main_content(soup(site / f"{name}.html"))
    # the author's notes, and the edition's own labels and editorial comments, are not the reading text
    for el in main.select("div.footnote, h2.notes-heading, .md-source-file, .provenance, .chapter-tools, "
                          "div.ed-comments, h2.ed-heading"):
        el.decompose()
    return main


def test_every_body_sentence_is_in_the_turkish_pages(site):
    body, _ = seedtext.parse()
    text = squash("".join(reading_text(_body(site, name)) for name in CHAPTERS))
    wanted = seedtext.sentences(body)
    missing = [s for s in wanted if squash(s) not in text]
    assert len(wanted) > 400
    assert missing == [], f"{len(missing)} of {len(wanted)} sentences missing, first: {missing[:3]}"


def test_every_note_is_the_seeds_note_word_for_word(site):
    _, notes = seedtext.parse()
    assert sorted(notes) == list(range(1, 99))
    built = {}
    for name in CHAPTERS:
        for li in main_content(soup(site / f"{name}.html")).select("div.footnote li[id^=n]"):
            built[int(li["value"])] = reading_text(li)
    assert sorted(built) == list(range(1, 99))
    different = [n for n in notes if squash(notes[n]) != squash(built[n])]
    assert different == [], f"notes differ from the seed: {different}"


def test_headings_are_the_articles_in_order(site):
    found = []
    for name in CHAPTERS:
        for h in main_content(soup(site / f"{name}.html")).select("h1, h2, h3"):
            classes = h.get("class", [])
            if {"supplied", "notes-heading", "edition-title", "ed-heading"} & set(classes):
                continue
            found.append(re.sub(r"\s+", " ", reading_text(h)).strip())
    assert found == ARTICLE_HEADINGS


def test_the_supplied_introduction_heading_is_marked(site):
    h1 = main_content(soup(site / "giris.html")).select_one("h1")
    assert "supplied" in h1["class"] and h1.get("title")
