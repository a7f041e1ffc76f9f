"""Publishing without surprises (issue 27): only the repository is read, text is normalised
once, BibTeX crossref chains end. Unit tests through the edition's loaders (fast); the build
paths (`make build`, `make serve`) are covered once each where the loader alone is not enough."""
from __future__ import annotations

import pytest

from edition.errors import EditionError
from edition.sources import load_bibtex

BOOK = "@book{{{key},\n  title = {{Kitap}},\n  date = {{2000}},{extra}\n}}\n"
PART = "@incollection{{{key},\n  title = {{Bölüm}},\n  crossref = {{{parent}}},\n}}\n"


def _bib(tmp_path, text: str):
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    return load_bibtex([path], tmp_path)


@pytest.mark.parametrize("text,where,names", [
    ("\n" + BOOK.format(key="kendi", extra="\n  crossref = {kendi},"), "refs.bib:2", ["'kendi' crossrefs itself"]),
    (PART.format(key="a", parent="b") + "\n" + PART.format(key="b", parent="a"), "refs.bib:1",
     ["'a' -> 'b' -> 'a'", "'b' at refs.bib:6"]),
    (BOOK.format(key="z", extra="") + "\n" + PART.format(key="a", parent="b") + "\n" +
     PART.format(key="b", parent="c") + "\n" + PART.format(key="c", parent="A"), "refs.bib:6",
     ["'a' -> 'b' -> 'c' -> 'a'"]),
    (PART.format(key="x", parent="a") + "\n" + PART.format(key="a", parent="b") + "\n" +
     PART.format(key="b", parent="a"), "refs.bib:6", ["'a' -> 'b' -> 'a'"]),
], ids=["self", "two", "three-any-case", "chain-into-a-cycle"])
def test_crossref_cycles_are_located_errors_that_name_the_entries(tmp_path, text, where, names):
    with pytest.raises(EditionError) as info:
        _bib(tmp_path, text)
    message = str(info.value)
    assert message.startswith(f"{where}: [bibtex-crossref]"), message
    for name in names:
        assert name in message, message
    assert len(info.value.problems) == 1


def test_a_crossref_chain_that_ends_loads(tmp_path):
    data, _ = _bib(tmp_path, BOOK.format(key="kitap", extra="") + "\n" + PART.format(key="bolum", parent="kitap"))
    assert set(data.entries) == {"kitap", "bolum"}
