"""The register of persons, places, organisations and agreements (issue 12), on a small fake
edition (tests/roots/register): linking, pages, cards, metadata, data, bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from badinput import Bad, build_fails
from conftest import build_site, copy_root
from loading import load_root
from sitetext import card_of, main_content, shared_cards, soup

from edition.core.errors import EditionError
from edition.sources.markup import parse_inline
from edition.core.document import Mention, Text
from edition.sources.register import load_register

# The module's fixtures build editions of their own: one pytest-xdist worker runs all its tests, building them once.
pytestmark = pytest.mark.xdist_group("register")


@pytest.fixture(scope="module")
def fake_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("register")
    project = copy_root("register", tmp)
    return build_site(project, tmp / "site")


def _main(site: Path, page: str):
    main = main_content(soup(site / page))
    for el in main.select("div.cards"):
        el.decompose()
    return main


# --- the model -----------------------------------------------------------------------------

def test_the_register_loads_as_a_plain_model():
    reg = load_register(Path(__file__).parent / "roots" / "register" / "register")
    assert list(reg.entities) == ["chicherin", "moscow", "league-of-nations", "locarno-treaties"]
    chicherin = reg.entities["chicherin"]
    assert chicherin.kind == "person" and chicherin.name["ru"] == "Георгий Васильевич Чичерин"
    assert [(f, str(v)) for f, v in chicherin.dates()] == [("born", "1872-11-24"), ("died", "1936-07-07")]
    assert reg.entities["moscow"].entry.coords == (55.7558, 37.6173)
    assert chicherin.location.line == 2


def test_mention_markup_parses_without_changing_the_text():
    content = parse_inline("ve [Chamberlain]{=austen-chamberlain}’ın ve [Ankara]{=-}", "x.md", 1)
    assert content[1] == Mention("austen-chamberlain", (Text("Chamberlain"),), True, content[1].location)
    assert content[3].entity == "-"
    from edition.sources.markup import plain_text
    assert plain_text(content) == "ve Chamberlain’ın ve Ankara"


# --- the pages ------------------------------------------------------------------------------

def test_every_mention_is_linked_with_its_suffix_outside(fake_site):
    p1 = _main(fake_site, "bolum.html").select_one("#p1")
    links = [(a.get_text(), a["href"], a.get("data-card")) for a in p1.select("a.entity")]
    assert links == [("Çiçerin", "dizin/chicherin.html", None),        # the card is named by the link
                     ("Moskova", "dizin/moscow.html", None),
                     ("Milletler Cemiyeti", "dizin/league-of-nations.html", None),
                     ("G. Çiçerin", "dizin/chicherin.html", None)]
    assert "Çiçerin</a>’in" in str(p1) and "Moskova</a>’dan" in str(p1)
    en = _main(fake_site, "en/bolum.html").select_one("#p1")
    assert [a.get_text() for a in en.select("a.entity")] == ["Chicherin", "Moscow", "League of Nations", "G. Chicherin"]
    assert en.select_one("a.entity")["href"] == "dizin/chicherin.html"   # en/dizin/…, the English page


def test_suppressed_spans_citations_and_headings(fake_site):
    main = _main(fake_site, "bolum.html")
    p2 = main.select_one("#p2")
    assert "Ankara hükümeti" in p2.get_text() and not any(a.get_text() == "Ankara" for a in p2.select("a"))
    assert [a.get_text() for a in p2.select("a.entity")] == ["Moskova"]
    assert not main.select("a.cite a.entity"), "no link inside a citation (titles of cited works)"
    assert [a.get_text() for a in main.select("#n3 a.entity")] == ["Çiçerin"]    # notes are linked
    assert main.select_one("h2#s1-1 a.entity")["href"] == "dizin/locarno-treaties.html"


def test_entity_cards_are_shared_not_repeated_in_the_pages(fake_site):
    doc = soup(fake_site / "bolum.html")
    assert not doc.select("template[id^='card-e-']") and not doc.select("a.entity[title]")
    for lang, page in (("tr", "bolum.html"), ("en", "en/bolum.html")):
        page_doc = soup(fake_site / page)
        cards = shared_cards(fake_site, lang)
        for a in main_content(page_doc).select("a.entity"):
            assert str(card_of(page_doc, a, fake_site)) == str(cards["e-" + a["href"].rsplit("/", 1)[1][:-5]])
    card = shared_cards(fake_site, "tr")["e-chicherin"]
    assert "Георгий Васильевич Чичерин" in card.get_text() and "1872" in card.get_text()
    assert "Georgy Chicherin" in shared_cards(fake_site, "en")["e-chicherin"].get_text()


def test_entity_page_lists_names_dates_paragraphs_notes_documents_sources(fake_site):
    for page, lang in (("dizin/chicherin.html", "tr"), ("en/dizin/chicherin.html", "en")):
        main = _main(fake_site, page)
        text = main.get_text(" ")
        for form in ("Georgi Çiçerin", "Georgy Chicherin", "Георгий Васильевич Чичерин", "Georgii Vasil'evich Chicherin",
                     "Tchitcherine", "Чичерин", "G. Çiçerin", "G. Chicherin"):
            assert form in text, (page, form)
        assert "1872" in text and "1936" in text
        hrefs = [a["href"] for a in main.select("#mentions + ul a")]
        assert hrefs == ["../bolum.html#s1-1", "../bolum.html#p1"] if "Locarno" in text else hrefs == ["../bolum.html#p1"]
        assert [a["href"] for a in main.select("#notes + ul a")] == ["../bolum.html#n3"]
        assert [a["href"] for a in main.select("#cited + ul a")] == ["../bolum.html#n2"]   # named in a citation
        assert main.select_one(".entity-documents a")["href"] == "../arsiv/avprf-1-2-3.html#avprf-3-1925-01-06"
        assert main.select_one(".entity-sources a")["href"] == "https://en.wikipedia.org/wiki/Georgy_Chicherin"
    unknown = _main(fake_site, "dizin/locarno-treaties.html").get_text(" ")
    assert "1 Aralık 1925" in unknown


def test_index_pages_sort_as_each_language_sorts(fake_site):
    for page in ("kisiler.html", "en/kisiler.html", "yerler.html", "kurumlar.html", "antlasmalar.html"):
        assert _main(fake_site, page).select("ul.entity-index li a")


def test_chapter_json_ld_lists_the_entities_it_mentions():
    from edition.html import entity_pages as entities
    from edition.html import metadata as meta
    ed = load_root(Path(__file__).parent / "roots" / "register").edition
    found = entities.json_ld_mentions(ed, ed.mentions.by_chapter[("tr", "bolum.md")], "tr", lambda src: "")
    data = json.loads(meta.json_ld({"title": "X"}, "tr", "tr", "", "", mentions=found))
    names = {(m["@type"], m["name"]) for m in data["mentions"]}
    assert names == {("Person", "Georgi Çiçerin"), ("City", "Moskova"), ("Organization", "Milletler Cemiyeti"),
                     ("CreativeWork", "Locarno Antlaşmaları")}
    assert all(m["sameAs"].startswith("https://") for m in data["mentions"])


_MENTIONS = """
import sys
from pathlib import Path
sys.path.insert(0, "tests")
from loading import load_root
ed = load_root(Path("tests/roots/register").resolve()).edition
print(ed.mentions.by_chapter)
"""


def test_chapter_mentions_in_order_of_first_mention_whatever_the_hash_seed():
    """The JSON-LD `mentions` of a chapter follow the text, not a set's order (which changes with
    PYTHONHASHSEED from one build to the next: two builds of the same sources were not identical)."""
    import os
    import subprocess
    import sys

    runs = {subprocess.run([sys.executable, "-c", _MENTIONS], cwd=Path(__file__).parents[1], check=True, text=True,
                           capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3", "4")}
    assert len(runs) == 1
    assert "('tr', 'bolum.md'): ['" in runs.pop()


def test_register_downloads_and_one_file_index(fake_site):
    data = json.loads((fake_site / "downloads" / "dizin.json").read_text(encoding="utf-8"))
    chicherin = next(e for e in data["entries"] if e["id"] == "chicherin")
    assert chicherin["born"] == "1872-11-24" and chicherin["mentioned_in"]["en"] == ["bolum#n2", "bolum#n3", "bolum#p1"]
    assert chicherin["documents"] == [{"key": "avprf-3-1925-01-06", "roles": ["author"]}]
    csv_text = (fake_site / "downloads" / "dizin.csv").read_text(encoding="utf-8")
    assert "chicherin,person,,Georgi Çiçerin,Georgy Chicherin" in csv_text
    single = soup(fake_site / "downloads" / "edisyon.tr.html")
    assert single.select_one("#e-chicherin") is not None
    assert single.select_one("#p1 a.entity")["href"] == "#e-chicherin"
    assert {a["href"] for a in single.select("#e-chicherin a")} == {"#p1", "#n2", "#n3"}   # n2: in a citation


# --- bad input ------------------------------------------------------------------------------

PERSON = "register/persons.yaml"
EXTRA = """- id: voikov
  name: {tr: Pyotr Voykov, en: Pyotr Voykov}
  spellings: {tr: [Voykov], en: [Voykov]}
  role: {tr: "Elçi.", en: "Envoy."}
  authority: https://en.wikipedia.org/wiki/Pyotr_Voykov
  sources: [{work: wikipedia-en, entry: "Pyotr Voykov", url: https://en.wikipedia.org/wiki/Pyotr_Voykov}]
"""

# (id, file, old text, new text, category, "file:line" expected in the message)
CASES = [
    ("unknown-id-in-markup", "docs/bolum.md", "[Ankara]{=-}", "[Ankara]{=ankara-hukumeti}",
     "register-unknown", "docs/bolum.md:7"),
    ("malformed-mention-markup", "docs/bolum.md", "[Ankara]{=-}", "[Ankara]{=Ankara Hükümeti}",
     "markup", "docs/bolum.md:7"),
    ("mention-inside-citation", "docs/bolum.en.md", "Chicherin]{@avprf", "[Chicherin]{=chicherin}]{@avprf",
     "markup", "docs/bolum.en.md:11"),
    ("spelling-claimed-twice", "register/places.yaml", "spellings: {tr: [Moskova], en: [Moscow]}",
     "spellings: {tr: [Moskova, Çiçerin], en: [Moscow]}", "register-ambiguous", "register/places.yaml:5"),
    ("entry-never-mentioned", PERSON, "url: https://en.wikipedia.org/wiki/Georgy_Chicherin}\n",
     "url: https://en.wikipedia.org/wiki/Georgy_Chicherin}\n" + EXTRA, "register-unused", "register/persons.yaml:21"),
    ("malformed-date", PERSON, "born: 1872-11-24", "born: 24.11.1872", "schema", "register/persons.yaml:13"),
    ("impossible-date", PERSON, "died: 1936-07-07", "died: 1936-02-30", "yaml", "register/persons.yaml:14"),
    ("missing-name-in-one-language", PERSON, "    en: Georgy Chicherin\n", "", "schema", "register/persons.yaml:3"),
    ("missing-role-in-one-language", "register/places.yaml", '    en: "Seat of the Soviet government."\n', "",
     "schema", "register/places.yaml:8"),
    ("spelling-never-occurs", PERSON, "en: [Chicherin, G. Chicherin]", "en: [Chicherin, G. Chicherin, Tchitcherin]",
     "register-spelling", "register/persons.yaml:11"),
    ("spelling-with-suffix", PERSON, "tr: [Çiçerin, G. Çiçerin]", "tr: [Çiçerin, Çiçerin’in]",
     "schema", "register/persons.yaml:10"),
    ("id-not-plain-latin", PERSON, "id: chicherin", "id: Çiçerin", "schema", "register/persons.yaml:2"),
    ("duplicate-id", "register/places.yaml", "id: moscow", "id: chicherin", "register-duplicate",
     "register/places.yaml:2"),
    ("unsafe-authority", PERSON, "authority: https://en.wikipedia.org/wiki/Georgy_Chicherin",
     "authority: javascript:alert(1)", "schema", "register/persons.yaml:18"),
    ("translit-without-russian", PERSON, "    ru: Георгий Васильевич Чичерин\n", "", "schema", "register/persons.yaml:2"),
    ("unknown-kind", "register/places.yaml", "kind: city", "kind: town", "schema", "register/places.yaml:6"),
    ("document-refers-to-unknown-entry", "archives.yaml", "author_refs: [chicherin]", "author_refs: [litvinov]",
     "register-ref", "archives.yaml:12"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_register_input_stops_the_build_with_a_located_message(tmp_path, case, caplog):
    build_fails(Bad(*case, root="register"), tmp_path / "bad", caplog)


#: cases built for real, over a good site that must stay as it was
BUILT = ("duplicate-id", "unknown-kind", "document-refers-to-unknown-entry")


@pytest.mark.parametrize("case", [c for c in CASES if c[0] in BUILT], ids=BUILT)
def test_a_bad_register_leaves_the_previous_site_as_it_was(tmp_path, case, caplog):
    project = copy_root("register", tmp_path / "good")
    site = build_site(project, tmp_path / "site")
    before = (site / "dizin" / "chicherin.html").read_bytes()
    build_fails(Bad(*case, root="register"), tmp_path / "bad", caplog, good_site=site)
    assert (site / "dizin" / "chicherin.html").read_bytes() == before


def test_bad_register_input_errors_are_all_reported_at_once(tmp_path):
    project = copy_root("register", tmp_path)
    path = project / PERSON
    path.write_text(path.read_text(encoding="utf-8").replace("born: 1872-11-24", "born: soon")
                    .replace("    en: Georgy Chicherin\n", ""), encoding="utf-8")
    with pytest.raises(EditionError) as err:
        load_register(project / "register")
    assert len(err.value.problems) == 2
