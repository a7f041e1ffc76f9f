"""“Cite this”: the article as published and this edition, in Chicago
(notes-bibliography, 17th ed.), APA (7th ed.) and MLA (9th ed.), in the page's
language, formatted from the one publication data file.

Each style is a small pybtex style over one pybtex Entry built from
bibliography/article.yaml, so every string is escaped when rendered, and
unknown data (author, year, volume, pages, DOI) simply drops out of the
formatted citation instead of being guessed. Citations of a paragraph or note
carry the markers {loc} and {url}, filled in by the page's script with
"¶ 12" / "n. 47" and the permalink.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from pybtex.database import BibliographyData, Entry, Person
from pybtex.richtext import Tag, Text

from edition.core import escaping
from edition.model.formatting import HTML_BACKEND, format_people
from edition.core import i18n

LABELS = i18n.each("cite")
STYLE_NAMES = {
    "chicago": {"tr": "Chicago (17. baskı, not-kaynakça)", "en": "Chicago (17th ed., notes and bibliography)"},
    "apa": {"tr": "APA (7. baskı)", "en": "APA (7th ed.)"},
    "mla": {"tr": "MLA (9. baskı)", "en": "MLA (9th ed.)"},
}
LOC, URL = "{loc}", "{url}"


def article_entry(pub: dict) -> Entry:
    """The article as published, as a pybtex Entry (only confirmed fields)."""
    fields = {k: str(pub[k]) for k in ("journal", "volume", "issue", "year", "pages", "doi", "url") if pub.get(k)}
    fields["title"] = pub.get("title") or pub.get("title_en", "")
    if pub.get("title") and pub.get("title_en"):
        fields["title_en"] = pub["title_en"]
    fields["shorttitle"] = pub.get("short_title_en", "")
    fields["langid"] = "turkish"
    persons = {"author": [Person(a) for a in pub.get("authors", [])]} if pub.get("authors") else {}
    return Entry("article", fields=fields, persons=persons)


@dataclass
class Context:
    lang: str
    edition_title: str
    edition_year: str
    translated: bool  # an English page: the edition's translation
    version: str = ""  # the edition's version (changelog/changelog.yaml), e.g. "1.1"

    @property
    def version_label(self) -> str:
        """'version 1.1' / 'sürüm 1.1' ("" when unknown)."""
        if not self.version:
            return ""
        return f"{'sürüm' if self.lang == 'tr' else 'version'} {self.version}"


class CiteStyle:
    """Shared pieces; subclasses give the three styles."""

    key = ""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.l = LABELS[ctx.lang]

    def authors(self, e: Entry, invert: bool) -> str:
        people = e.persons.get("author", [])
        return format_people(people, self.ctx.lang, invert) if people else ""

    def date(self, e: Entry) -> str:
        return e.fields.get("year", "") or self.l["nd"]

    def link(self, e: Entry) -> str:
        """The DOI where there is one, else the article's page."""
        return f"https://doi.org/{e.fields['doi']}" if e.fields.get("doi") else e.fields.get("url", "")

    def render(self, text: Text) -> str:
        return text.render(HTML_BACKEND)

    def head(self, e: Entry, invert: bool, end: str) -> Text:
        """Authors and the quoted title, each closed by `end` ("," in a note, "." in a reference)."""
        t = Text()
        a = self.authors(e, invert=invert)
        if a:
            t += Text(a + end + " ")
        return t + Text(f"“{e.fields['title']}{end}” ")

    def version_part(self) -> str:
        """", version 1.2" after the edition's title, where the edition has a version."""
        return f", {self.ctx.version_label}" if self.ctx.version else ""

    def container(self, title: str, start: bool) -> Text:
        """'In *Edition*' in English, '*Edition* içinde' in Turkish."""
        if self.ctx.lang == "tr":
            return Text(Tag("em", title), " içinde")
        return Text("In " if start else "in ", Tag("em", title))


class Chicago(CiteStyle):
    key = "chicago"

    def journal(self, e: Entry) -> Text:
        """*Journal* 9, no. 2 (2025): 100-130 — with what is known."""
        t = Text(Tag("em", e.fields.get("journal", "")))
        if e.fields.get("volume"):
            t += Text(f" {e.fields['volume']}")
        if e.fields.get("issue"):
            t += Text(f", {self.l['no']} {e.fields['issue']}")
        t += Text(f" ({self.date(e)})")
        if e.fields.get("pages"):
            t += Text(f": {e.fields['pages']}")
        return t

    def note(self, e: Entry, edition: bool) -> str:
        """A full first note, with the locator and the permalink."""
        t = self.head(e, False, ",")
        if edition:
            t += self.container(self.ctx.edition_title, False) + Text(
                f"{self.version_part()} ({self.ctx.edition_year}), {LOC}, {URL}.")
            return self.render(t)
        t += self.journal(e) + Text(f", {LOC}")
        link = self.link(e)
        t += Text(f", {link}." if link else ".")
        return self.render(t)

    def reference(self, e: Entry, edition: bool) -> str:
        t = self.head(e, True, ".")
        if edition:
            t += self.container(self.ctx.edition_title, True) + Text(
                f"{self.version_part()}. {self.ctx.edition_year}. {URL}.")
            return self.render(t)
        t += self.journal(e)
        link = self.link(e)
        t += Text(f". {link}." if link else ".")
        return self.render(t)


class APA(CiteStyle):
    key = "apa"

    def note(self, e: Entry, edition: bool) -> str:
        """The in-text citation, with the locator."""
        a = self.authors(e, invert=True).split(",")[0] if e.persons.get("author") else f"“{e.fields.get('shorttitle') or e.fields['title']},”"
        year = self.ctx.edition_year if edition else self.date(e)
        sep = " " if a.endswith(",”") else ", "
        return self.render(Text(f"({a}{sep}{year}, {LOC})"))

    def reference(self, e: Entry, edition: bool) -> str:
        t = Text()
        a = self.authors(e, invert=True)
        year = self.ctx.edition_year if edition else self.date(e)
        if a:
            t += Text(f"{a}. ({year}). {e.fields['title']}. ")
        else:  # no author: the title moves to the author's place
            t += Text(f"{e.fields['title']}. ({year}). ")
        if edition:
            v = f" ({self.ctx.version_label[:1].upper()}{self.ctx.version_label[1:]})" if self.ctx.version else ""
            t += self.container(self.ctx.edition_title, True) + Text(f"{v}. {URL}")
            return self.render(t)
        journal = Text(Tag("em", e.fields.get("journal", "")))
        if e.fields.get("volume"):
            journal += Text(", ") + Tag("em", e.fields["volume"])
        if e.fields.get("issue"):
            journal += Text(f"({e.fields['issue']})")
        if e.fields.get("pages"):
            journal += Text(f", {e.fields['pages']}")
        t += journal + Text(".")
        link = self.link(e)
        if link:
            t += Text(f" {link}")
        return self.render(t)


class MLA(CiteStyle):
    key = "mla"

    def note(self, e: Entry, edition: bool) -> str:
        a = e.persons.get("author")
        who = " ".join(a[0].last_names) if a else f"“{e.fields.get('shorttitle') or e.fields['title']}”"
        return self.render(Text(f"({who} {LOC})"))

    def reference(self, e: Entry, edition: bool) -> str:
        t = self.head(e, True, ".")
        if edition:
            t += Tag("em", self.ctx.edition_title) + Text(f"{self.version_part()}, {self.ctx.edition_year}, {URL}.")
            return self.render(t)
        parts = [Text(Tag("em", e.fields.get("journal", ""))).render(HTML_BACKEND)]
        if e.fields.get("volume"):
            parts.append(f"vol. {e.fields['volume']}")
        if e.fields.get("issue"):
            parts.append(f"no. {e.fields['issue']}")
        if e.fields.get("year"):
            parts.append(e.fields["year"])
        if e.fields.get("pages"):
            parts.append(f"pp. {e.fields['pages']}")
        link = self.link(e) if e.fields.get("doi") else e.fields.get("url", "").split("://", 1)[-1]
        if link:
            parts.append(link)
        # the journal is rendered (escaped) by pybtex; every other part is source text, escaped here
        return self.render(t) + ", ".join([parts[0]] + [escaping.text(x) for x in parts[1:]]) + "."


STYLES = (Chicago, APA, MLA)


def citation_set(pub: dict, ctx: Context) -> dict:
    """Every style's article and edition citations for one language, as HTML with
    {loc}/{url} markers; the page fills them in (see scripts/edition/site/assets/edition.js)."""
    e = article_entry(pub)
    out = {"lang": ctx.lang, "labels": {"para": LABELS[ctx.lang]["para"], "note": LABELS[ctx.lang]["note"],
                                         "apa_para": LABELS[ctx.lang]["apa_para"], "mla_para": LABELS[ctx.lang]["mla_para"]},
           "styles": []}
    for cls in STYLES:
        s = cls(ctx)
        out["styles"].append({
            "id": s.key, "name": STYLE_NAMES[s.key][ctx.lang],
            "article": {"note": s.note(e, False), "reference": s.reference(e, False)},
            "edition": {"note": s.note(e, True), "reference": s.reference(e, True)},
        })
    return out


def fill(template: str, loc: str, url: str) -> str:
    return template.replace(LOC, loc).replace(URL, url)


def locator_label(style: str, kind: str, value: str, lang: str) -> str:
    """'¶ 12' (Chicago), 'para. 12' (APA), 'par. 12' (MLA); notes 'n. 47' / 'dn. 47'."""
    l = LABELS[lang]
    if kind == "note":
        return f"{l['note']} {value}"
    return {"chicago": f"{l['para']} {value}", "apa": f"{l['apa_para']} {value}", "mla": f"{l['mla_para']} {value}"}[style]


# --- downloads ---------------------------------------------------------------

def article_bibtex(pub: dict) -> str:
    e = article_entry(pub)
    # `journal`: classic BibTeX's field, which biblatex reads as an alias of journaltitle (issue 14)
    fields = {"title": e.fields["title"], "journal": e.fields.get("journal", ""), "langid": "turkish"}
    for k in ("volume", "issue", "year", "pages", "doi", "url"):
        if e.fields.get(k):
            fields["number" if k == "issue" else k] = e.fields[k]
    entry = Entry("article", fields=fields, persons=e.persons)
    return BibliographyData({"vakanuvis-soviet-fear": entry}).to_string("bibtex")


def article_ris(pub: dict) -> str:
    e = article_entry(pub)
    # T2: the journal of a JOUR item in the RIS 2011 specification (JO is its abbreviation)
    lines = ["TY  - JOUR", f"TI  - {e.fields['title']}", f"T2  - {e.fields.get('journal', '')}", "LA  - tr"]
    for p in e.persons.get("author", []):
        lines.append(f"AU  - {p}")
    for tag, k in (("VL", "volume"), ("IS", "issue"), ("PY", "year"), ("DO", "doi"), ("UR", "url")):
        if e.fields.get(k):
            lines.append(f"{tag}  - {e.fields[k]}")
    if e.fields.get("pages"):
        sp, _, ep = e.fields["pages"].partition("-")
        lines.append(f"SP  - {sp}")
        if ep:
            lines.append(f"EP  - {ep}")
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def article_csl(pub: dict) -> str:
    e = article_entry(pub)
    item = {"id": "vakanuvis-soviet-fear", "type": "article-journal", "title": e.fields["title"],
            "container-title": e.fields.get("journal", ""), "language": "tr"}
    if e.fields.get("url"):
        item["URL"] = e.fields["url"]
    for csl, k in (("volume", "volume"), ("issue", "issue"), ("page", "pages"), ("DOI", "doi")):
        if e.fields.get(k):
            item[csl] = e.fields[k]
    if e.fields.get("year"):
        item["issued"] = {"date-parts": [[int(e.fields["year"])]]}
    if e.persons.get("author"):
        item["author"] = [{"family": " ".join(p.last_names), "given": " ".join(p.first_names)} for p in e.persons["author"]]
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"


@dataclass
class EditionRecord:
    """This digital edition as a citable item of its own: title, language, version, date, address."""

    title: str
    lang: str
    version: str
    date: str          # YYYY-MM-DD of the version
    url: str = ""      # the edition's public address, when configured
    translator: str = ""


def edition_bibtex(r: EditionRecord) -> str:
    fields = {"title": r.title, "version": r.version, "date": r.date, "year": r.date[:4],
              "langid": {"tr": "turkish", "en": "english"}.get(r.lang, r.lang),
              "note": ("Dijital edisyon" if r.lang == "tr" else "Digital edition") + f", {r.version}"}
    if r.url:
        fields["url"] = r.url
    return BibliographyData({f"edition-soviet-fear-{r.lang}": Entry("online", fields=fields)}).to_string("bibtex")


def edition_ris(r: EditionRecord) -> str:
    y, m, d = r.date.split("-")
    # ELEC: "Web Page" in the RIS 2011 type list
    lines = ["TY  - ELEC", f"TI  - {r.title}", f"ET  - {r.version}", f"PY  - {y}", f"DA  - {y}/{m}/{d}",
             f"LA  - {r.lang}"]
    if r.url:
        lines.append(f"UR  - {r.url}")
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def edition_csl(r: EditionRecord) -> str:
    item = {"id": f"edition-soviet-fear-{r.lang}", "type": "webpage", "title": r.title, "version": r.version,
            "language": r.lang, "issued": {"date-parts": [[int(x) for x in r.date.split("-")]]}}
    if r.url:
        item["URL"] = r.url
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"


BLOCK_LABELS = i18n.each("cite_block")


def page_level(template: str, url: str) -> str:
    """A citation of the whole page: no locator, the page's address."""
    return _without_locator(template).replace(URL, f'<span class="cite-url">{url}</span>')


@functools.lru_cache(maxsize=256)   # pure; the same dozen templates on every page
def _without_locator(template: str) -> str:
    return _LOC.sub("", _COMMA_LOC.sub("", template))


_COMMA_LOC = re.compile(r",\s*\{loc\}")
_LOC = re.compile(r"\s*\{loc\}")


def unconfirmed_note(pub: dict, lang: str) -> str:
    """What the citations leave out because it is not confirmed (author, publication date)."""
    lab = BLOCK_LABELS[lang]
    missing = [lab[k] for k, field in (("author", "authors"), ("year", "year")) if not pub.get(field)]
    if not missing:
        return ""
    what = lab["and"].join(missing)
    if lang == "en":
        what += " are" if len(missing) > 1 else " is"
    return f'<p class="cite-unconfirmed">{escaping.text(lab["unconfirmed"].format(what=what))}</p>'


def cite_block(cs: dict, url: str, download_href, guide: str, edition_href=None, version: str = "",
               unconfirmed: str = "") -> str:
    """The static “Cite this” block of a page: works without JavaScript (<details>)."""
    lang = cs["lang"]
    lab = BLOCK_LABELS[lang]
    esc_url = escaping.attr(url)
    # `edition.release publish` fills the marked place on the pages of an older version.
    parts = [f'<details class="cite-this" id="cite-this"><summary>{lab["summary"]}</summary>',
             "<!--edition:old-version--><!--/edition:old-version-->",
             f'<p>{lab["permalink"]}: <span class="cite-url">{esc_url}</span></p>', unconfirmed]
    for work in ("article", "edition"):
        parts.append(f'<p class="cite-head"><strong>{lab[work]}</strong></p><dl class="cite-styles">')
        for s in cs["styles"]:
            kind = lab["note"] if s["id"] == "chicago" else lab["intext"]
            parts.append(f'<dt>{escaping.attr(s["name"])}, {kind}</dt><dd>{page_level(s[work]["note"], esc_url)}</dd>'
                         f'<dt>{escaping.attr(s["name"])}, {lab["reference"]}</dt>'
                         f'<dd>{page_level(s[work]["reference"], esc_url)}</dd>')
        parts.append("</dl>")
    links = " · ".join(f'<a href="{download_href(ext)}" download>{name}</a>'
                       for ext, name in (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON")))
    parts.append(f'<p>{lab["download"]}: {links}</p>')
    if edition_href and version:
        links = " · ".join(f'<a href="{edition_href(ext)}" download>{name}</a>'
                           for ext, name in (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON")))
        parts.append(f'<p>{lab["download"]} ({escaping.attr(lab["download_edition"].format(version=version))}): {links}</p>')
    parts.append(f'<p class="cite-howto">{lab["howto"]} <a href="{guide}">{lab["guide"]}</a></p></details>')
    data = json.dumps(cs, ensure_ascii=False).replace("</", "<\\/")
    parts.append(f'<script type="application/json" id="edition-cite">{data}</script>')
    return "".join(parts)


def guide_examples(cs: dict, base_url: str) -> str:
    """Worked examples for the “How to cite” page: ¶ 17 and note 38 of section 2."""
    lang = cs["lang"]
    lab = BLOCK_LABELS[lang]
    rows = []
    for kind, value, anchor in (("para", "17", "p17"), ("note", "38", "n38")):
        url = f"{base_url}savas-korkusu.html#{anchor}"
        for work in ("article", "edition"):
            for s in cs["styles"]:
                loc = locator_label(s["id"], kind, value, lang)
                rows.append(f'<tr><td>{escaping.attr(s["name"])}</td><td>{lab[work]}</td>'
                            f'<td>{fill(s[work]["note"], escaping.attr(loc), escaping.attr(url))}</td>'
                            f'<td>{fill(s[work]["reference"], "", escaping.attr(url))}</td></tr>')
    head = {"tr": ("Biçem", "Atıf yapılan", "Not / metin içi", "Kaynakça"),
            "en": ("Style", "Citing", "Note / in-text", "Bibliography")}[lang]
    return ('<table class="cite-examples"><thead><tr>' + "".join(f'<th scope="col">{h}</th>' for h in head)
            + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
