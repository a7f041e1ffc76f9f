"""The register on the real edition (issue 12): every entity named in the text is in the register,
every occurrence of every spelling is linked in both languages, both languages of a paragraph
link the same entities, every entity has its pages, and search knows every spelling."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from sitetext import CHAPTERS, main_content, soup

from edition.sources.markup import iter_tokens, parse_chapter, split_front_matter
from edition.core.document import Citation, Mention, Text
from edition.sources.register import load_register

ROOT = Path(__file__).resolve().parents[1]
NON_ENTITIES = ROOT / "tests" / "data" / "register-nonentities.txt"
REGISTER = load_register(ROOT / "register")
LANGS = ("tr", "en")
# One worker runs the module: the entity pages are parsed once for its three tests that read them.
pytestmark = pytest.mark.xdist_group("register-text")


@functools.lru_cache(maxsize=None)
def _entity_main(page: Path):
    """The main content of an entity page, parsed once (the tests only read it)."""
    return main_content(soup(page))


def _spellings(lang: str) -> list[str]:
    return sorted({f for e in REGISTER.entities.values() for f in e.spellings(lang)}, key=lambda f: (-len(f), f))


def _pattern(langs) -> re.Pattern:
    forms = sorted({f for lang in langs for f in _spellings(lang)}, key=lambda f: (-len(f), f))
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")


def _page(site: Path, name: str, lang: str) -> Path:
    return site / ("" if lang == "tr" else "en") / f"{name}.html"


def _source(name: str, lang: str) -> str:
    return (ROOT / "docs" / (f"{name}.md" if lang == "tr" else f"{name}.en.md")).read_text(encoding="utf-8")


def _readable(main):
    """The text a reader sees, with citations (not linked, by design) and cards taken out."""
    for el in main.select("div.cards, a.cite, a.footnote-backref, a.headerlink, .provenance, .chapter-tools, "
                          ".edition-title, dl.publication, nav.edition-contents"):   # generated, not the text
        el.decompose()
    return main


def test_the_register_is_not_empty_and_every_entity_has_both_pages(site):
    assert len(REGISTER.entities) >= 30
    for ident in REGISTER.entities:
        for lang in LANGS:
            page = site / ("" if lang == "tr" else "en") / "dizin" / f"{ident}.html"
            assert page.exists(), page
            assert _entity_main(page).select_one("h1#entity"), page


@pytest.mark.parametrize("lang", LANGS)
def test_every_occurrence_of_every_spelling_is_linked(site, lang):
    """Counted on the built pages: each spelling found in body text, headings and notes (outside
    citations) is a link, except the spans the chapters mark [..]{=-}."""
    total_links = 0
    for name in CHAPTERS:
        main = _readable(main_content(soup(_page(site, name, lang))))
        links = main.select("a.entity")
        total_links += len(links)
        for a in links:
            a.replace_with("\ue000")
        unlinked = []
        for el in main.select("p.para, div.footnote li, h1, h2, h3"):
            langs = {lang, el.get("lang") or lang}
            unlinked += [m.group() for m in _pattern(sorted(langs)).finditer(el.get_text())]
        suppressed = _source(name, lang).count("]{=-}")
        assert len(unlinked) == suppressed, (name, lang, unlinked)
    assert total_links > 200


def test_both_languages_of_each_paragraph_link_the_same_entities(site):
    differ = []
    for name in CHAPTERS:
        tr, en = (main_content(soup(_page(site, name, x))) for x in LANGS)
        for p in tr.select("p.para[id], div.footnote li[id]"):
            q = en.select_one(f"#{p['id']}")
            ids = [{a["href"].rsplit("/", 1)[-1] for a in x.select("a.entity")} for x in (p, q)]
            if ids[0] != ids[1]:
                differ.append(f"{name}#{p['id']}: tr only {sorted(ids[0] - ids[1])}, en only {sorted(ids[1] - ids[0])}")
    assert differ == []


def test_each_entity_page_lists_every_paragraph_that_links_to_it(site):
    for lang in LANGS:
        linked: dict[str, set[str]] = {}
        for name in CHAPTERS:
            main = main_content(soup(_page(site, name, lang)))
            for a in main.select("a.entity"):
                place = a.find_parent(["p", "li", "h1", "h2", "h3"], id=True)
                ident = a["href"].rsplit("/", 1)[-1].removesuffix(".html")
                linked.setdefault(ident, set()).add(f"{name}.html#{place['id']}")
        assert set(linked) == set(REGISTER.entities) - _only_in_citations(), lang
        for ident, places in linked.items():
            page = site / ("" if lang == "tr" else "en") / "dizin" / f"{ident}.html"
            listed = {a["href"].removeprefix("../") for a in _entity_main(page).select("ul.entity-mentions a")}
            assert places <= listed, (lang, ident, places - listed)


def _only_in_citations() -> set[str]:
    """Entities the article names only inside the references of its notes (indexed, not linked)."""
    found: set[tuple[str, str]] = set()
    for lang in LANGS:
        pattern = _pattern([lang])
        for name in CHAPTERS:
            chapter = parse_chapter(_source(name, lang), name, lang)
            contents = [b.content for b in chapter.blocks if hasattr(b, "content")] + \
                       [n.content for n in chapter.notes.values()]
            for content in contents:
                text = "".join(t.text for t in _outside_citations(content))
                found |= {(lang, m.group()) for m in pattern.finditer(text)}
    return {ident for ident, e in REGISTER.entities.items()
            if not any((lang, f) in found for lang in LANGS for f in e.spellings(lang))
            and not any(_marked(ident))}


def _marked(ident: str):
    """Chapters that mark a mention of `ident` explicitly ([name]{=ident})."""
    for name in CHAPTERS:
        for lang in LANGS:
            if f"]{{={ident}}}" in _source(name, lang):
                yield name


def _outside_citations(content):
    for tok in content:
        if isinstance(tok, Text):
            yield tok
        elif isinstance(tok, Mention):
            yield from _outside_citations(tok.content)
        elif hasattr(tok, "content") and not isinstance(tok, Citation):
            yield from _outside_citations(tok.content)
        elif not isinstance(tok, Citation):
            yield Text(" ")


# --- completeness ------------------------------------------------------------------------------

_CAPITALISED = re.compile(r"(?<![\w’'])[A-ZÇĞİÖŞÜ][\w]*(?:[ -][A-ZÇĞİÖŞÜ][\w]*)*")


def capitalised_words(lang: str) -> dict[str, int]:
    """Capitalised words of the body text and notes (outside citations) not covered by a spelling."""
    pattern = _pattern([lang])
    found: dict[str, int] = {}
    for name in CHAPTERS:
        chapter = parse_chapter(_source(name, lang), name, lang)
        contents = [b.content for b in chapter.blocks if hasattr(b, "content") and not getattr(b, "lang", None)] + \
                   [n.content for n in chapter.notes.values()]
        for content in contents:
            text = " ".join(t.text for t in _outside_citations(content))
            text = pattern.sub(" ", text)
            for m in re.finditer(r"[^\W\d_][\w’'.-]*", text):
                word = re.split(r"[’']", m.group())[0].rstrip(".-")
                if word[:1].isupper():
                    found[word] = found.get(word, 0) + 1
    return found


def _non_entities() -> dict[str, set[str]]:
    out = {"tr": set(), "en": set()}
    for line in NON_ENTITIES.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            lang, word = line.split(" ", 1)
            out[lang].add(word.strip())
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_capitalised_word_is_an_entity_spelling_or_a_listed_non_entity(lang):
    """How the register is known to be complete (handbook/register.md): every capitalised word
    of the text outside citations is either part of a register spelling, or a word reviewed and
    listed in tests/data/register-nonentities.txt (sentence starts, adjectives, months, titles…)."""
    listed = _non_entities()[lang]
    missing = sorted(set(capitalised_words(lang)) - listed)
    assert missing == [], f"{len(missing)} capitalised words are neither spellings nor listed: {missing[:40]}"
    unused = sorted(listed - set(capitalised_words(lang)))
    assert unused == [], f"listed non-entities that no longer occur: {unused[:40]}"


# --- search ------------------------------------------------------------------------------------

def _lunr_tokens(text: str) -> set[str]:
    """As Material's lunr index splits a page (separator [\\s\\-]+, lower case; trimmer and stemmer off)."""
    return {t for t in re.split(r"[\s\-]+", text.lower()) if t}


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_finds_each_entity_by_each_spelling_and_variant(site, lang):
    """Every spelling (both languages) and every variant, Cyrillic included, is a token (or the
    prefix of one, as Material searches as you type) of the entity's page in each language's index."""
    index = json.loads((site / ("" if lang == "tr" else "en") / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages: dict[str, set[str]] = {}
    for doc in index["docs"]:
        loc = doc["location"].split("#")[0]
        if loc.startswith("dizin/"):
            pages.setdefault(loc[len("dizin/"):-len(".html")], set()).update(_lunr_tokens(doc["title"] + " " + doc["text"]))
    assert set(pages) == set(REGISTER.entities)
    missing = []
    for ident, e in REGISTER.entities.items():
        for form in {*e.spellings("tr"), *e.spellings("en"), *e.entry.variants}:
            words = [w for w in re.split(r"[\s\-]+", form.lower()) if w]
            if not all(any(t.startswith(w) for t in pages[ident]) for w in words):
                missing.append((ident, form))
    assert missing == []


def test_entity_pages_list_the_archival_documents_their_people_wrote_received_or_are_the_subject_of(site):
    import yaml

    documents = yaml.safe_load((ROOT / "bibliography" / "archives.yaml").read_text(encoding="utf-8"))["documents"]
    listed = 0
    for doc in documents:
        for role in ("author", "recipient", "subject"):
            for ident in doc.get(f"{role}_refs", []):
                assert ident in REGISTER.entities, (doc["key"], ident)
                for lang in LANGS:
                    page = site / ("" if lang == "tr" else "en") / "dizin" / f"{ident}.html"
                    links = [a["href"] for a in _entity_main(page).select("ul.entity-documents a")]
                    assert any(h.endswith(f"#{doc['key']}") for h in links), (lang, ident, doc["key"])
                    listed += 1
    assert listed >= 2 * 40    # the 21 documents carry some forty references
