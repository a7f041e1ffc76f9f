"""Every citation resolved (issue 4): the keys of each note match a table built
by reading the notes; every entry and document is cited; every link lands."""
from __future__ import annotations

from pathlib import Path

import yaml

from sitetext import CHAPTERS, card_of, main_content, soup, cited_key

EXPECTED = yaml.safe_load((Path(__file__).parent / "data" / "expected_citations.yaml").read_text(encoding="utf-8"))


def _notes(site):
    for name in CHAPTERS:
        for li in main_content(soup(site / f"{name}.html")).select("div.footnote li[id^=n]"):
            yield name, int(li["value"]), li


def test_each_note_cites_the_expected_keys(site):
    found = {n: [cited_key(a) for a in li.select("a.cite")] for _, n, li in _notes(site)}
    assert sorted(found) == list(range(1, 99))
    wrong = {n: (found[n], EXPECTED[n]) for n in found if found[n] != (EXPECTED[n] or [])}
    assert wrong == {}


def test_back_reference_chains_resolve_to_the_right_work():
    # Read off the notes: 33-36 Dyck, 38 Peçatnov, 42-43 Carr, 46-47 Bakanov.
    for n in (33, 34, 35, 36, 40):
        assert EXPECTED[n] == ["dyck1966"]
    assert EXPECTED[38] == ["pechatnov2019", "pechatnov2019"]
    assert EXPECTED[42] == EXPECTED[43] == ["carr1964"]
    assert EXPECTED[46] == EXPECTED[47] == ["bakanov2024"]


def _anchors(path: Path) -> set[str]:
    return {el["id"] for el in soup(path).select("[id]")}


def test_every_citation_link_lands_on_an_existing_anchor(site):
    cache: dict[Path, set[str]] = {}
    pages: dict[Path, object] = {}

    def soup_of(path: Path):   # each page parsed once (setdefault would parse it on every call)
        if path not in pages:
            pages[path] = soup(path)
        return pages[path]
    checked = 0
    for name, n, li in _notes(site):
        for a in li.select("a.cite"):
            target, _, anchor = a["href"].partition("#")
            path = (site / name).parent / target
            assert path.exists(), f"note {n}: {a['href']}"
            if path not in cache:
                cache[path] = _anchors(path)
            ids = cache[path]
            assert anchor in ids, f"note {n}: no #{anchor} in {target}"
            card = card_of(soup_of(site / f"{name}.html"), a, site)   # the card the card script shows
            assert card is not None and card.get_text(strip=True), f"note {n}: citation without its full reference"
            checked += 1
    assert checked > 100


def test_every_entry_and_document_is_cited_and_listed(site):
    import bibtex_keys

    bib_page = soup(site / "kaynakca.html")
    listed = {li["id"] for li in bib_page.select("li.bib-entry")}
    assert listed == bibtex_keys.all_keys()
    cited = {key for keys in EXPECTED.values() for key in (keys or [])}
    documents = bibtex_keys.document_keys()
    assert documents <= cited
    uncited_entries = bibtex_keys.all_keys() - cited - bibtex_keys.parents_of(cited)
    assert uncited_entries == set()
    # each archival document has its row on its file's page, with links back to the notes citing it
    rows = {}
    for page in (site / "arsiv").glob("*.html"):
        for tr in soup(page).select("tr[id]"):
            rows[tr["id"]] = tr
    assert set(rows) == documents
    for key, tr in rows.items():
        assert tr.select("a[href*='#n']"), key
