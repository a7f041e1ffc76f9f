"""Data downloads: the bibliography as BibTeX and as CSL-JSON."""
from __future__ import annotations

import json
import re
from pathlib import Path

from pybtex.database import Entry

from .resolve import Edition

DOWNLOADS = "downloads"
_CSL_TYPES = {"book": "book", "collection": "book", "article": "article-journal", "incollection": "chapter",
              "inbook": "chapter", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis"}
_LANGS = {"turkish": "tr", "english": "en", "russian": "ru", "german": "de", "french": "fr"}


def _clean(value) -> str:
    return str(value).replace("{", "").replace("}", "")


def _people(entry: Entry, role: str) -> list[dict]:
    out = []
    for p in entry.persons.get(role, []):
        family = " ".join(p.prelast_names + p.last_names)
        given = " ".join(p.first_names + p.middle_names)
        out.append({"family": _clean(family), **({"given": _clean(given)} if given else {})})
    return out


def csl_item(edition: Edition, key: str) -> dict:
    bib = edition.sources.bibliography
    e = bib.entries[key]
    parent = bib.entries.get(e.fields.get("crossref", ""))
    f = lambda name: _clean(e.fields.get(name, "") or (parent.fields.get(name, "") if parent is not None and name != "title" else ""))
    newspaper = e.fields.get("entrysubtype") == "newspaper"
    item: dict = {"id": key, "type": "article-newspaper" if newspaper else _CSL_TYPES.get(e.type, "document")}
    if f("title"):
        item["title"] = f("title")
    for role in ("author", "editor", "translator"):
        people = _people(e, role) or (_people(parent, role) if parent is not None and role == "editor" else [])
        if people:
            item[role] = people
    container = f("journaltitle") or (_clean(parent.fields.get("title", "")) if parent is not None else "")
    if container:
        item["container-title"] = container
    for csl, name in (("volume", "volume"), ("issue", "number"), ("publisher", "publisher"),
                      ("publisher-place", "location"), ("collection-title", "series")):
        if f(name):
            item[csl] = f(name)
    if f("pages"):
        item["page"] = f("pages").replace("--", "-")
    if e.type in ("phdthesis", "mastersthesis"):
        item["genre"] = "PhD thesis" if e.type == "phdthesis" else "MA thesis"
        if f("institution") or f("school"):
            item["publisher"] = f("institution") or f("school")
    date = f("date") or f("year")
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date)
    if m:
        item["issued"] = {"date-parts": [[int(x) for x in m.groups() if x]]}
    if f("langid") in _LANGS:
        item["language"] = _LANGS[f("langid")]
    if e.fields.get("emendation"):
        item["note"] = "Emended: " + _clean(e.fields["emendation"])
    return item


def write_bibliography_downloads(edition: Edition, site_dir: Path) -> None:
    out = site_dir / DOWNLOADS
    out.mkdir(parents=True, exist_ok=True)
    sources = edition.sources
    bib_text = []
    for path in sorted({loc.path for loc in sources.entry_locations.values()}):
        bib_text.append((sources.root / path).read_text(encoding="utf-8").strip() + "\n")
    (out / "kaynakca.bib").write_text("\n".join(bib_text), encoding="utf-8")
    items = [csl_item(edition, key) for key in sorted(sources.bibliography.entries)]
    (out / "kaynakca.json").write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_article_downloads(edition: Edition, site_dir: Path) -> None:
    """The article's own citation data: BibTeX, RIS and CSL-JSON."""
    from . import cite

    out = site_dir / DOWNLOADS
    out.mkdir(parents=True, exist_ok=True)
    pub = edition.sources.publication
    (out / "makale.bib").write_text(cite.article_bibtex(pub), encoding="utf-8")
    (out / "makale.ris").write_bytes(cite.article_ris(pub).encode("utf-8"))
    (out / "makale.json").write_text(cite.article_csl(pub), encoding="utf-8")


def downloads_block(lang: str, linker) -> str:
    labels = {"tr": ("Kaynakça (BibTeX)", "Kaynakça (CSL-JSON)"), "en": ("Bibliography (BibTeX)", "Bibliography (CSL-JSON)")}
    bib, csl = labels[lang]
    return (f'<ul class="downloads"><li><a href="{linker.to(DOWNLOADS + "/kaynakca.bib")}" download>{bib}</a></li>'
            f'<li><a href="{linker.to(DOWNLOADS + "/kaynakca.json")}" download>{csl}</a></li></ul>')
