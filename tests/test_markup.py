"""The citation and note markup parser: table-driven cases and properties (hypothesis)."""
from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings, strategies as st

from edition.core.errors import EditionError
from edition.sources.markup import parse_chapter, parse_inline, plain_text
from edition.core.document import Citation, Emendation, Locator, NoteRef, PageBreak, Text
from edition.html.chapters import Renderer
from edition.html.urls import Linker


@pytest.mark.parametrize("source,expected", [
    ("plain text", (Text("plain text"),)),
    ("belirtilmektedir.[^1] Sonra", (Text("belirtilmektedir."), NoteRef(1), Text(" Sonra"))),
    ("bir {pb 5} yandan", (Text("bir"), PageBreak(5), Text(" yandan"))),
    ("{~~Reigtag~>Reichstag~~}’da", (Emendation("Reigtag", "Reichstag"), Text("’da"))),
    ("[x] and [y]", (Text("[x] and [y]"),)),
    ("Çulha`in Odessa`da", (Text("Çulha`in Odessa`da"),)),
])
def test_inline_tokens(source, expected):
    tokens = parse_inline(source, "t.md", 1)
    assert tuple(Emendation(t.original, t.corrected) if isinstance(t, Emendation) else t for t in tokens) == expected


def test_citation_with_locators_and_nested_brackets():
    (cite, rest) = parse_inline("[Cumhuriyet, “Başka” [Another], 16 Aralık 1925]{@cumhuriyet-1925-12-16, no. 21, pp. 5-9}.",
                                "t.md", 3)
    assert isinstance(cite, Citation) and cite.key == "cumhuriyet-1925-12-16"
    assert cite.locators == (Locator("number", "21"), Locator("page", "5", "9"))
    assert plain_text(cite.content) == "Cumhuriyet, “Başka” [Another], 16 Aralık 1925"
    assert rest == Text(".")


def test_chapter_line_numbers_count_the_front_matter():
    source = "---\ntitle: X\n---\n\n# X {#s1}\n\n{¶1} Text.[^1]\n\n[^1]: [A]{@bad key}\n"
    with pytest.raises(EditionError) as err:
        parse_chapter(source, "docs/x.md", "tr")
    assert "docs/x.md:9" in str(err.value)


# --- properties ------------------------------------------------------------------------

MARKUP = st.text(alphabet=st.sampled_from(list("ab ç{}[]^~>@*¶:.,-<&\"'0123456789pbl")), max_size=60)


@settings(max_examples=400, deadline=None)
@given(MARKUP)
def test_random_text_parses_or_fails_with_a_located_error(text):
    try:
        tokens = parse_inline(text, "docs/x.md", 7)
    except EditionError as err:
        assert "docs/x.md:7" in str(err) and err.problems[0].category
    else:
        assert isinstance(tokens, tuple)


class _TextOf(HTMLParser):
    def __init__(self):
        super().__init__()
        self.out, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.out.append(data)


PLAIN = st.text(alphabet=st.characters(blacklist_characters="{}[]*", blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=300, deadline=None)
@given(PLAIN)
def test_rendering_escapes_any_text(text):
    tokens = parse_inline(text, "docs/x.md", 1)
    out = Renderer(edition=None, lang="tr", linker=Linker("x.md")).inline(tokens)
    parser = _TextOf()
    parser.feed(out)
    parser.close()
    assert parser.tags == []                       # no element came from the text
    assert "".join(parser.out) == text              # the parser has already decoded the references once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="{}[]*~>", blacklist_categories=("Cs",)), min_size=1, max_size=20),
       st.text(alphabet=st.characters(blacklist_characters="{}[]*~>", blacklist_categories=("Cs",)), min_size=1, max_size=20))
def test_emendations_keep_the_source_reading_escaped(original, corrected):
    (em,) = [t for t in parse_inline(f"x {{~~{original}~>{corrected}~~}} y", "d.md", 1) if isinstance(t, Emendation)]
    assert em.original == original and em.corrected == corrected
    out = Renderer(edition=None, lang="en", linker=Linker("x.md")).emendation(em)
    assert f'data-sic="{html.escape(original, quote=True)}"' in out
    assert "<script" not in out.replace("&lt;script", "")
