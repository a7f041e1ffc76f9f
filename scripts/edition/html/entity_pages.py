"""Render the register (issue 12): the index pages per kind, one page per entity and language,
the entity cards of the text, the `mentions` of a chapter's JSON-LD, the register as data
(CSV, JSON) and the index at the end of the one-file editions. Pure functions over the
edition's model; every piece of source text is escaped with `escaping`.
"""
from __future__ import annotations

import csv
import io
import json

from edition.core.dates import format_date
from edition.core.escaping import attr, csv_cell, text, url
from edition.core.turkish import sort_key
from edition.html.cards import HREF_SLOT
from edition.html.urls import entity_src
from edition.model.formatting import document_date, document_signature, document_title, source_html, source_text
from edition.sources.apparatus import cited as cited_sources
from edition.sources.markup import plain_text
from edition.sources.register import KINDS, Entity, Register
from edition.core import i18n

#: the index page of each kind (docs/<name>, with the directive {<kind>s})
INDEX_PAGES = {"person": "kisiler.md", "place": "yerler.md", "organisation": "kurumlar.md",
               "agreement": "antlasmalar.md"}
DIRECTIVES = {"persons": "person", "places": "place", "organisations": "organisation", "agreements": "agreement"}

L = i18n.each("entities")


def dates_text(e: Entity, lang: str, years: bool = False) -> str:
    """"24 Kasım 1872–7 Temmuz 1936" ("1872–1936" with `years`), "?–1936", "" without dates."""
    fields = e.dates()
    if not fields:
        return ""
    values = [(str(v.year) if years else format_date(v.iso, lang)) if v else "" for _, v in fields]
    if not any(values):
        return ""
    if e.kind == "agreement" and not values[1]:
        return values[0]
    return "–".join(v or "?" for v in values)


CARD_LINE = 90


def card_html(e: Entity, lang: str, href: str | None = None) -> str:
    """The card of a mention: name forms, dates, one line, link to the entity's page (`href`;
    without it the shared card's link slot, filled with the mention's own link: cards.py)."""
    names = e.name
    others = [f'<span lang="{x}">{text(names[x])}</span>' for x in ("tr", "en", "ru") if x in names and x != lang
              and names[x] != names[lang]]
    dates = dates_text(e, lang, years=True)
    role = e.entry.role.model_dump()[lang]
    first = role.split(". ")[0].rstrip(".") + "."
    if len(first) > CARD_LINE:      # one line: a card, not the entity's page
        first = first[:CARD_LINE].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    link = f'<a href="{url(href)}">' if href else HREF_SLOT
    return (f'<p class="entity-card"><strong>{text(names[lang])}</strong>'
            + (f' ({", ".join(others)})' if others else "")
            + (f"<br>{text(dates)}" if dates else "")
            + f"<br>{text(first)}"
            + f'<br>{link}{text(L[lang]["page"])} →</a></p>')


def card_id(e: Entity) -> str:
    """The id of an entity's shared card (cards.py): the card script derives it from a mention's link."""
    return f"e-{e.ident}"


# --- pages -------------------------------------------------------------------------

def _dd(label: str, value_html: str, lang_attr: str = "") -> str:
    # spaces between the items: the search index reads the text without the markup
    return f"<dt>{text(label)}</dt> <dd{lang_attr}>{value_html}</dd> "


def entity_page(edition, e: Entity, lang: str, linker) -> str:
    """Markdown (heading) + HTML blocks of one entity's page in one language."""
    lab = L[lang]
    names = e.name
    facts = []
    for x in ("tr", "en", "ru"):
        if x in names:
            facts.append(_dd(lab[f"name_{x}"], text(names[x]), f' lang="{x}"' if x != lang else ""))
    if e.entry.translit:
        facts.append(_dd(lab["translit"], text(e.entry.translit), ' lang="ru-Latn"'))
    hist = getattr(e.entry, "historical", None)
    if hist and getattr(hist, lang, None):
        facts.append(_dd(lab["historical"], text(getattr(hist, lang))))
    if e.subkind:
        facts.append(_dd(lab["kind"], text(lab["kinds"].get(e.subkind, e.subkind))))
    for fieldname, value in e.dates():
        shown = text(format_date(value.iso, lang)) if value else f'<span class="unknown">{text(lab["unknown"])}</span>'
        if fieldname == "ended" and not value:
            continue   # a treaty has no end date; only conferences close
        facts.append(_dd(lab[fieldname], shown))
    at = getattr(e.entry, "signed_at", None)
    if at and at in edition.register.entities:
        place = edition.register.entities[at]
        facts.append(_dd(lab["signed_at"], f'<a href="{url(linker.to(entity_src(at)))}">{text(place.name[lang])}</a>'))
    coords = getattr(e.entry, "coords", None)
    if coords:
        facts.append(_dd(lab["coords"], text(f"{coords[0]:.4f}, {coords[1]:.4f}")))
    for x in ("tr", "en"):   # both languages' forms: search finds the page by any of them
        forms = e.spellings(x)
        if forms:
            facts.append(_dd(f'{lab["spellings"]} ({lab[f"name_{x}"]})', text("; ".join(forms)),
                             f' lang="{x}"' if x != lang else ""))
    if e.entry.variants:
        facts.append(_dd(lab["variants"], text("; ".join(e.entry.variants))))
    links = [f'<a href="{url(e.entry.authority)}">{text(e.entry.authority)}</a>'] if e.entry.authority else []
    if e.entry.wikidata:
        wd = f"https://www.wikidata.org/wiki/{e.entry.wikidata}"
        links.append(f'Wikidata: <a href="{url(wd)}">{text(e.entry.wikidata)}</a>')
    facts.append(_dd(lab["authority"], "<br>".join(links) or f'<span class="unknown">{text(lab["none_found"])}</span>'))
    role = e.entry.role.model_dump()[lang]
    out = [f"# {md_text(names[lang])} {{ #entity }}",
           f'<p class="entity-role">{text(role)}</p>',
           f'<dl class="entity-facts">{"".join(facts)}</dl>']
    occ = edition.mentions.occurrences(e.ident, lang) if edition.mentions else []
    body = [o for o in occ if o.place in ("para", "heading")]
    notes = [o for o in occ if o.place == "note"]
    cited = [o for o in occ if o.place == "cited"]
    out.append(f'<h2 id="mentions">{text(lab["mentions"])}</h2>')
    if body:
        out.append('<ul class="entity-mentions" data-search-exclude>' + "".join(_occurrence(edition, o, lang, linker) for o in body) + "</ul>")
    elif not notes:
        out.append(f"<p>{text(lab['none_body'])}</p>")
    if notes:
        out.append(f'<h2 id="notes">{text(lab["in_notes"])}</h2>')
        out.append('<ul class="entity-mentions" data-search-exclude>' + "".join(_occurrence(edition, o, lang, linker) for o in notes) + "</ul>")
    if cited:
        out.append(f'<h2 id="cited">{text(lab["in_citations"])}</h2>')
        out.append('<ul class="entity-mentions" data-search-exclude>' + "".join(_occurrence(edition, o, lang, linker) for o in cited) + "</ul>")
    docs = documents_of(edition, e.ident)
    if docs:
        out.append(f'<h2 id="documents">{text(lab["documents"])}</h2>')
        out.append(_documents(edition, docs, lang, linker))
    out.append(f'<h2 id="sources">{text(lab["sources"])}</h2>')
    out.append('<ul class="entity-sources" data-search-exclude>' + "".join(
        f'<li>{source_html(c, lang)}</li>' for c in cited_sources(e.entry.sources, edition.sources.apparatus.works)) + "</ul>")
    return "\n\n".join(out) + "\n"


def md_text(s: str) -> str:
    """Text for a Markdown heading: escaped HTML, Markdown's own signs neutralised."""
    return text(s).replace("*", "&#42;").replace("_", "&#95;").replace("`", "&#96;").replace("[", "&#91;")


def _chapter_title(edition, name: str, lang: str) -> str:
    ch = edition.chapter(name, lang)
    return plain_text(ch.title.content, reading="corrected") if ch and ch.title else name


def _occurrence(edition, o, lang: str, linker) -> str:
    lab = L[lang]
    if o.place == "para":
        label = f"¶ {o.label}" if o.label.isdigit() else f"¶ {o.label}"
    elif o.place in ("note", "cited"):
        label = f"{lab['note']} {o.label}"
    else:
        label = f"{lab['heading']}: {o.label}"
    href = linker.to(o.chapter, o.anchor)
    return (f'<li><a href="{url(href)}">{text(label)}</a> <span class="entity-chapter">'
            f"({text(_chapter_title(edition, o.chapter, lang))})</span>: "
            f'<span class="entity-context">{text(o.context)}</span></li>')


def documents_of(edition, ident: str) -> list[tuple[str, list[str]]]:
    """[(document key, roles)] of the archival documents the entity wrote, received or is the subject of."""
    out = []
    for key, refs in edition.sources.document_refs.items():
        roles = [role for role in ("author", "recipient", "subject") if ident in refs.get(role, [])]
        if roles and key in edition.sources.documents:
            out.append((key, roles))
    docs = edition.sources.documents
    out.sort(key=lambda kr: (docs[kr[0]].date is None, docs[kr[0]].date or "", kr[0]))
    return out


def _documents(edition, docs, lang: str, linker) -> str:
    lab = L[lang]
    rows = []
    for key, roles in docs:
        d = edition.sources.documents[key]
        rows.append(f'<li>{text(document_date(d, lang))}: <a href="{url(linker.document(edition, key))}">'
                    f"{text(document_title(d, lang))}</a> "
                    f'<span class="entity-doc-role">({text(", ".join(lab[r] for r in roles))})</span>'
                    f'<br><span class="signature">{text(document_signature(d, lang))}</span></li>')
    return '<ul class="entity-documents" data-search-exclude>' + "".join(rows) + "</ul>"


def index_page(edition, kind: str, lang: str, linker) -> str:
    """The list of one kind's entries, sorted as the language sorts."""
    lab = L[lang]
    reg: Register = edition.register
    entries = sorted(reg.of_kind(kind), key=lambda e: sort_key(e.sort_name(lang), lang))
    items = []
    for e in entries:
        dates = dates_text(e, lang)
        n = len({(o.chapter, o.anchor) for o in edition.mentions.occurrences(e.ident, lang)}) if edition.mentions else 0
        ru = f' <span lang="ru">{text(e.name["ru"])}</span>' if "ru" in e.name else ""
        items.append(f'<li id="{attr(e.ident)}"><a href="{url(linker.to(entity_src(e.ident)))}">'
                     f"{text(e.sort_name(lang))}</a>{ru}"
                     + (f" ({text(dates)})" if dates else "")
                     + (f' <span class="entity-kind">{text(lab["kinds"].get(e.subkind, e.subkind))}</span>' if e.subkind else "")
                     + f' <span class="entity-count">— {text(lab["count"].format(n=n))}</span></li>')
    others = " · ".join(f'<a href="{url(linker.to(INDEX_PAGES[k]))}">{text(lab[k])}</a>' for k in KINDS if k != kind)
    return (f'<p class="entity-kinds">{others}</p>\n\n'
            f'<ul class="entity-index" data-search-exclude>' + "".join(items) + "</ul>")


# --- metadata and data -----------------------------------------------------------------

_SCHEMA_TYPES = {"person": "Person", "organisation": "Organization", "agreement": "CreativeWork", "place": "Place"}


def json_ld_mentions(edition, ident_list: list[str], lang: str, page_url) -> list[dict]:
    """schema.org objects for a chapter's `mentions`: type, name and, only for the checked authority and
    Wikidata links, sameAs (the Russian names and everything else are on the entity's page, `url`)."""
    out = []
    for ident in ident_list:
        e = edition.register.entities[ident]
        kind = _SCHEMA_TYPES[e.kind]
        if e.kind == "place" and e.subkind == "country":
            kind = "Country"
        elif e.kind == "place" and e.subkind == "city":
            kind = "City"
        elif e.kind == "agreement" and e.subkind == "conference":
            kind = "Event"
        elif e.kind == "organisation" and e.subkind in ("government", "ministry"):
            kind = "GovernmentOrganization"
        item = {"@type": kind, "name": e.name[lang]}
        same = ([e.entry.authority] if e.entry.authority else []) + \
            ([f"https://www.wikidata.org/wiki/{e.entry.wikidata}"] if e.entry.wikidata else [])
        if same:
            item["sameAs"] = same if len(same) > 1 else same[0]
        href = page_url(entity_src(ident))
        if href:
            item["url"] = href
        out.append(item)
    return out


def register_records(edition) -> list[dict]:
    """The register as plain records (both languages), with where each entry is mentioned."""
    out = []
    for e in edition.register.entities.values():
        entry = e.entry.model_dump(mode="json", exclude_none=True, by_alias=True)
        works = edition.sources.apparatus.works
        entry["sources"] = [_source_record(c) for c in cited_sources(e.entry.sources, works)]
        for f, v in e.dates():
            if v:
                entry[f] = v.iso
        record = {"kind": e.kind, **entry}
        if edition.mentions:
            record["mentioned_in"] = {lang: sorted({f"{o.chapter.removesuffix('.md')}#{o.anchor}"
                                                    for o in edition.mentions.occurrences(e.ident, lang)})
                                      for lang in edition.languages}
        docs = documents_of(edition, e.ident)
        if docs:
            record["documents"] = [{"key": k, "roles": r} for k, r in docs]
        out.append(record)
    return out


def _source_record(c) -> dict:
    """A source in the JSON download: its fields, and the reference as the edition writes it."""
    record = c.source.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    if c.source.date:
        record["date"] = c.source.date.iso
    record["citation"] = {lang: source_text(c, lang) for lang in ("tr", "en")}
    return record


def register_json(edition, licence: str) -> str:
    return json.dumps({"licence": licence, "entries": register_records(edition)}, ensure_ascii=False, indent=1,
                      default=str) + "\n"


def register_csv(edition) -> str:
    """The register as CSV (its licence is in the downloads' README.txt, as for the other CSV)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "kind", "subkind", "name_tr", "name_en", "name_ru", "translit", "spellings_tr", "spellings_en",
                "variants", "born_founded_signed", "died_dissolved_ended", "signed_at", "latitude", "longitude",
                "role_tr", "role_en", "authority", "wikidata", "sources", "paragraphs_tr", "paragraphs_en"])
    for e in edition.register.entities.values():
        dates = [v.iso if v else "" for _, v in e.dates()] + ["", ""]
        coords = getattr(e.entry, "coords", None) or ("", "")
        occ = {lang: " ".join(sorted({f"{o.chapter.removesuffix('.md')}#{o.anchor}"
                                      for o in edition.mentions.occurrences(e.ident, lang)}))
               if edition.mentions else "" for lang in ("tr", "en")}
        w.writerow([csv_cell(x) for x in [e.ident, e.kind, e.subkind, e.name["tr"], e.name["en"], e.name.get("ru", ""), e.entry.translit or "",
                    " | ".join(e.spellings("tr")), " | ".join(e.spellings("en")), " | ".join(e.entry.variants),
                    dates[0], dates[1], getattr(e.entry, "signed_at", "") or "", coords[0], coords[1],
                    e.entry.role.tr, e.entry.role.en, e.entry.authority or "", e.entry.wikidata or "",
                    " | ".join(source_text(c, "en") for c in cited_sources(e.entry.sources, edition.sources.apparatus.works)),
                    occ["tr"], occ["en"]]])
    return buf.getvalue()


def single_file_index(edition, lang: str, linker) -> str:
    """The register at the end of the one-file edition: each entry with links to its places."""
    lab = L[lang]
    parts = [f'<h1 id="dizin">{text(lab["register"])}</h1>']
    for kind in KINDS:
        entries = sorted(edition.register.of_kind(kind), key=lambda e: sort_key(e.sort_name(lang), lang))
        if not entries:
            continue
        parts.append(f'<h2 id="dizin-{kind}">{text(lab[kind])}</h2><ul class="entity-index">')
        for e in entries:
            occ = edition.mentions.occurrences(e.ident, lang)
            places = []
            for o in dict.fromkeys((o.chapter, o.anchor, o.place, o.label) for o in occ):
                chapter, anchor, place, label = o
                shown = f"¶ {label}" if place == "para" else (f"{lab['note']} {label}" if place in ("note", "cited") else label)
                places.append(f'<a href="#{attr(anchor)}">{text(shown)}</a>')
            dates = dates_text(e, lang)
            parts.append(f'<li id="e-{attr(e.ident)}"><strong>{text(e.sort_name(lang))}</strong>'
                         + (f" ({text(dates)})" if dates else "")
                         + f". {text(e.entry.role.model_dump()[lang])} " + ", ".join(places) + "</li>")
        parts.append("</ul>")
    return '<section class="chapter" id="ch-dizin">' + "".join(parts) + "</section>"
