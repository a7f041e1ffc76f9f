"""Sources a historian would cite (issue 23): every source of the register, the chronology, the
termbase and the editorial comments is a reference to a work of apparatus/references.yaml, and
every address in the edition's data files is on a publisher of apparatus/publishers.yaml — never
a mirror, aggregator, proxy, gateway, staging host or bare IP. The sources are written in the
edition's Chicago style, in Turkish and in English, and escaped like every other piece of data.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from edition.model import formatting
from edition.sources import apparatus as references
from edition.sources.datafiles import parse_yaml, read_text
from edition.core.errors import EditionError
from edition.sources.apparatus import Cited, Publishers, Source, Work, Works, load_apparatus, load_publishers

ROOT = Path(__file__).resolve().parents[1]
#: every data file of the edition that may hold an address of its own
DATA_FILES = sorted([*(ROOT / "register").glob("*.yaml"), ROOT / "chronology" / "events.yaml",
                     ROOT / "termbase" / "terms.yaml", ROOT / "apparatus" / "comments.yaml",
                     ROOT / "apparatus" / "references.yaml", ROOT / "bibliography" / "article.yaml"])


def _addresses(value, path=()):
    """(path, address) of every url / authority field."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _addresses(v, path + (k,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _addresses(item, path + (i,))
    elif isinstance(value, str) and path and path[-1] in ("url", "authority"):
        yield path, value


@pytest.fixture(scope="module")
def publishers() -> Publishers:
    pubs = load_publishers(ROOT)
    assert pubs is not None and len(pubs.accepted) > 50 and len(pubs.denied) > 20
    return pubs


def test_every_address_of_every_data_file_is_on_the_publishers_list(publishers):
    problems = []
    for path in DATA_FILES:
        rel = path.relative_to(ROOT).as_posix()
        data, lines = parse_yaml(read_text(path, rel), rel)
        home = rel == references.WORKS_FILE or rel == "bibliography/article.yaml"
        for where, address in _addresses(data):
            why = publishers.problem(address, home=home)
            if why:
                problems.append(f"{lines.location(where)}: {why}")
    assert problems == [], "\n".join(problems)


def test_a_plain_address_is_no_source_of_the_register(tmp_path):
    """The old shape (a bare address in `sources`) is refused at its line: a source names its work."""
    from edition.sources.register import load_register

    root = tmp_path / "register-root"
    shutil.copytree(ROOT / "tests" / "roots" / "register", root)
    path = root / "register" / "persons.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == "sources:")
    indent = lines[at + 1][:len(lines[at + 1]) - len(lines[at + 1].lstrip())]
    lines.insert(at + 1, f"{indent}- https://en.wikipedia.org/wiki/Georgy_Chicherin\n")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(EditionError) as info:
        load_register(root / "register", "register")
    assert any(str(p).startswith(f"register/persons.yaml:{at + 2}: ") for p in info.value.problems), info.value


@pytest.mark.parametrize("address,says", [
    ("https://en.wikipedia.org/wiki/Georgy_Chicherin", None),
    ("https://www.wikidata.org/wiki/Q183104", None),
    ("https://archive.spectator.co.uk/article/19th-december-1925/1/news-of-the-week", None),
    ("https://history.state.gov/historicaldocuments/frus1945v08/d1183", None),
    ("https://en.m.wikipedia.org/wiki/Georgy_Chicherin", "non-canonical view"),
    ("https://simple.wikipedia.org/wiki/Moscow", "non-canonical view"),
    ("https://en.wikipedia.org/w/index.php?title=Moscow", "not a canonical page"),
    ("https://en.wikipedia-on-ipfs.org/wiki/Austen_Chamberlain", "gateway"),
    ("http://piglix.com/piglix/Mikhail_Frunze", "mirror"),
    ("https://www.wikiwand.com/en/Locarno_Treaties", "mirror"),
    ("https://kids.britannica.com/students/article/Austen-Chamberlain/319209", "kids' edition"),
    ("http://ed.newdu.com/k2349097.html", "mirror"),
    ("http://encyclopedia2.thefreedictionary.com/Third+Congress", "aggregator"),
    ("https://zkqwpxa.shop/zekai-apaydin", "spam domain"),
    ("https://bloat.cat/dictionary/litvinov", "proxy"),
    ("https://staging.cambridge.org/core/books/x", "staging host"),
    ("http://610211.6jhxt.group/txt/time/x.html", "spam domain"),
    ("http://185.22.10.4/page", "bare IP"),
    ("http://[2001:db8::1]/page", "bare IP"),
    ("https://en.metapedia.org/wiki/Bismarck", "fan wiki"),
    ("https://www.brainyquote.com/quotes/otto_von_bismarck", "quotation site"),
    ("https://example.org/page", "not on apparatus/publishers.yaml"),
])
def test_the_publishers_list_accepts_publishers_and_names_what_it_refuses(publishers, address, says):
    why = publishers.problem(address)
    if says is None:
        assert why is None, why
    else:
        assert why and says in why, why
        if "not on" not in why and "canonical page" not in why:
            assert "cite the original work" in why


def test_no_accepted_host_is_also_denied(publishers):
    assert not [(h, d.host or d.regex) for h in publishers.accepted for d in publishers.denied if d.matches(h)]


# --- the build stops at the line of a bad source ---------------------------------------------------

@pytest.fixture
def apparatus_root(tmp_path) -> Path:
    root = tmp_path / "apparatus-root"
    shutil.copytree(ROOT / "tests" / "roots" / "apparatus", root)
    shutil.copy(ROOT / "apparatus" / "publishers.yaml", root / "apparatus" / "publishers.yaml")
    works = root / "apparatus" / "references.yaml"   # the fake site is on no publisher's list
    works.write_text(works.read_text(encoding="utf-8").replace("  url: https://example.org/\n", ""), encoding="utf-8")
    return root


@pytest.mark.parametrize("old,new,message", [
    ("url: https://en.wikipedia.org/wiki/People%27s", "url: https://www.wikiwand.com/en/People%27s", "is a mirror"),
    ("work: wikipedia-en", "work: wikipaedia", "'wikipaedia' is not an id in apparatus/references.yaml"),
    ("url: https://en.wikipedia.org/wiki/People%27s", "url: http://10.0.0.1/People%27s", "bare IP"),
    ('entry: "People\'s Commissariat for Foreign Affairs", ', "", None),
])
def test_a_bad_source_stops_the_build_at_its_line(apparatus_root, old, new, message):
    from edition.checks import termbase

    path = apparatus_root / "termbase" / "terms.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if message is None:   # a url alone is enough
        assert termbase.load(apparatus_root, "termbase/terms.yaml").terms[0].sources[0].url
        return
    with pytest.raises(EditionError) as info:
        termbase.load(apparatus_root, "termbase/terms.yaml")
    assert any(str(p).startswith("termbase/terms.yaml:8: ") and message in str(p) for p in info.value.problems), \
        info.value


def test_a_source_needs_more_than_its_work(apparatus_root):
    from edition.checks import termbase

    path = apparatus_root / "termbase" / "terms.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('sources: [{work: wikipedia-en, entry: "People\'s Commissariat for Foreign Affairs", '
                                 'url: https://en.wikipedia.org/wiki/People%27s_Commissariat_for_Foreign_Affairs}]',
                                 "sources: [{work: wikipedia-en}]"), encoding="utf-8")
    with pytest.raises(EditionError) as info:
        termbase.load(apparatus_root, "termbase/terms.yaml")
    assert "at least an entry, a locator, a date or the url" in str(info.value)


def test_every_work_of_the_edition_loads_and_is_cited():
    apparatus = load_apparatus(ROOT)
    assert {"britannica", "wikipedia-en", "gse3", "lnts", "frus", "spectator"} <= set(apparatus.works.by_id)


# --- Chicago, in both languages --------------------------------------------------------------------

WORKS = Works({
    "britannica": Work(id="britannica", kind="encyclopedia", title="Encyclopaedia Britannica", edition="online"),
    "gse3": Work(id="gse3", kind="encyclopedia", title="Bol’shaia sovetskaia entsiklopediia", edition="3rd ed.",
                 place="Moscow", publisher="Sovetskaia entsiklopediia", year="1969-1978"),
    "lnts": Work(id="lnts", kind="series", title="League of Nations Treaty Series"),
    "spectator": Work(id="spectator", kind="newspaper", title="The Spectator"),
    "ullman": Work(id="ullman", kind="book", title="The Anglo-Soviet Accord", author="Ullman, Richard H.",
                   place="Princeton", publisher="Princeton University Press", year=1972),
    "evil": Work(id="evil", kind="website", title="<script>alert(1)</script> & Co"),
})


def _cite(**fields) -> Cited:
    source = Source.model_validate(fields, context={"works": WORKS})
    return Cited(source, WORKS.get(source.work))


@pytest.mark.parametrize("fields,en,tr", [
    ({"work": "britannica", "entry": "Chicherin, Georgy", "url": "https://www.britannica.com/biography/x"},
     "Encyclopaedia Britannica, online ed., s.v. “Chicherin, Georgy,” https://www.britannica.com/biography/x.",
     "“Chicherin, Georgy” md., Encyclopaedia Britannica, çevrimiçi sürüm, https://www.britannica.com/biography/x."),
    ({"work": "gse3", "entry": "Karakhan, Lev", "locator": "vol. 11, p. 434"},
     "Bol’shaia sovetskaia entsiklopediia, 3rd ed. (Moscow: Sovetskaia entsiklopediia, 1969–1978), s.v. "
     "“Karakhan, Lev,” vol. 11, p. 434.",
     "“Karakhan, Lev” md., Bol’shaia sovetskaia entsiklopediia, 3. bs. (Moscow: Sovetskaia entsiklopediia, "
     "1969–1978), C. 11, s. 434."),
    ({"work": "lnts", "locator": "vol. 157, p. 355"},
     "League of Nations Treaty Series, vol. 157, p. 355.", "League of Nations Treaty Series, C. 157, s. 355."),
    ({"work": "spectator", "entry": "News of the Week", "date": "1925-12-19", "locator": "p. 1"},
     "“News of the Week,” The Spectator, 19 December 1925, p. 1.",
     "“News of the Week”, The Spectator, 19 Aralık 1925, s. 1."),
    ({"work": "ullman", "locator": "pp. 474-478"},
     "Richard H. Ullman, The Anglo-Soviet Accord (Princeton: Princeton University Press, 1972), pp. 474-478.",
     "Richard H. Ullman, The Anglo-Soviet Accord (Princeton: Princeton University Press, 1972), s. 474-478."),
])
def test_sources_are_written_in_chicago_style_in_both_languages(fields, en, tr):
    cited = _cite(**fields)
    assert formatting.source_text(cited, "en") == en
    assert formatting.source_text(cited, "tr") == tr


def test_a_source_is_escaped_and_its_titles_are_italic():
    html = formatting.source_html(_cite(work="evil", entry="<b>x</b>", url="https://example.org/?a=1&b=2"), "en")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert '<em>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</em>' in html
    assert 'href="https://example.org/?a=1&amp;b=2"' in html


def test_a_newspaper_date_belongs_to_newspapers_only():
    with pytest.raises(Exception, match="newspaper"):
        _cite(work="britannica", entry="x", date="1925-12-19")
