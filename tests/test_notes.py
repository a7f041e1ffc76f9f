"""Notes keep the article's numbers 1-98 across the edition and link both ways (issue 3)."""
from __future__ import annotations

from sitetext import CHAPTERS, main_content, soup


def test_each_note_reference_shows_its_original_number_and_links_both_ways(site):
    seen = []
    for name in CHAPTERS:
        main = main_content(soup(site / f"{name}.html"))
        for sup in main.select("sup.fnref"):
            a = sup.select_one("a.footnote-ref")
            n = int(a.get_text())
            seen.append(n)
            assert sup["id"] == f"nr{n}" and a["href"] == f"#n{n}"
            li = main.select_one(f"li#n{n}")
            assert li is not None and li["value"] == str(n), f"note {n} has no text on {name}"
            back = li.select_one("a.footnote-backref")
            assert back["href"] == f"#nr{n}"
    assert seen == list(range(1, 99))


def test_no_other_numbering_in_note_lists(site):
    for name in CHAPTERS:
        for ol in main_content(soup(site / f"{name}.html")).select("div.footnote ol"):
            values = [int(li["value"]) for li in ol.select("li")]
            assert values == sorted(values) and values, name
