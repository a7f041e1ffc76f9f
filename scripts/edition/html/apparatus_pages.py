"""Generated pages and blocks: bibliography, archive register, newspapers,
emendations, contents and publication data. Pure functions returning HTML
(escaped) or Markdown; links come from the Linker.
"""
from __future__ import annotations

from collections import defaultdict

from edition.core import escaping
from edition.core.dates import format_date
from edition.core.document import ArchivalFile, Emendation, Heading, Paragraph
from edition.core.escaping import markdown_text
from edition.core.i18n import t
from edition.core.turkish import sort_key
from edition.html.urls import ARCHIVE_DIR, Linker
from edition.model.edition import Edition
from edition.model.formatting import document_date, document_signature, document_title, file_signature
from edition.sources.markup import iter_tokens, plain_text


def _esc(s: str) -> str:
    return escaping.attr(s)


def note_links(edition: Edition, numbers, linker: Linker) -> str:
    nums = sorted(set(numbers))
    return ", ".join(f'<a href="{_esc(linker.note(edition, n))}">{n}</a>' for n in nums)


def group_of(edition: Edition, key: str) -> str:
    entries = edition.sources.bibliography.entries
    e = entries[key]
    parent = entries.get(e.fields.get("crossref", ""))
    keywords = e.fields.get("keywords", "") + (parent.fields.get("keywords", "") if parent is not None else "")
    if "primary" in keywords:
        return "primary"
    if e.fields.get("entrysubtype") == "newspaper":
        return "newspaper"
    if e.type in ("phdthesis", "mastersthesis", "thesis"):
        return "thesis"
    if e.type in ("article", "incollection", "inbook"):
        return "article"
    return "book"


def bibliography(edition: Edition, lang: str, linker: Linker) -> str:
    bib = edition.sources.bibliography
    children = defaultdict(list)
    for key, e in bib.entries.items():
        if e.fields.get("crossref"):
            children[e.fields["crossref"]].append(key)
    groups = defaultdict(list)
    for key, e in bib.entries.items():
        if e.fields.get("crossref", "") in bib.entries:
            continue
        groups[group_of(edition, key)].append(key)

    def item(key: str) -> str:
        uses = [u.note for u in edition.uses.get(key, [])]
        cited = (f' <span class="cited-in">({t(lang, "cited_in_short")} {note_links(edition, uses, linker)})</span>'
                 if uses else "")
        sub = ""
        if children.get(key):
            kids = sorted(children[key], key=lambda k: sort_key(edition.references.html(k, lang)))
            sub = '<ul class="bib-parts">' + "".join(item(k) for k in kids) + "</ul>"
        return f'<li id="{_esc(key)}" class="bib-entry">{edition.references.html(key, lang)}{cited}{sub}</li>'

    out = []
    for group in ("primary", "book", "article", "thesis", "newspaper"):
        keys = groups.get(group)
        if not keys:
            continue
        keys.sort(key=lambda k: (sort_key(bib.entries[k].fields.get("journaltitle", "")) if group == "newspaper" else "",
                                 bib.entries[k].fields.get("date", "") if group == "newspaper" else "",
                                 sort_key(edition.references.html(k, lang))))
        out.append(f'## {t(lang, "groups")[group]} {{ #{group} }}\n\n<ul class="bibliography">'
                   + "".join(item(k) for k in keys) + "</ul>")
    return "\n\n".join(out)


def documents_by_file(edition: Edition) -> dict[str, list]:
    out = defaultdict(list)
    for doc in edition.sources.documents.values():
        out[doc.file.ident].append(doc)
    for docs in out.values():
        docs.sort(key=lambda d: (d.date is None, d.date or "", d.key))
    return out


def archives_index(edition: Edition, lang: str, linker: Linker) -> str:
    by_file = documents_by_file(edition)
    out = []
    for archive in edition.sources.archives.values():
        files = [f for f in edition.sources.files.values() if f.archive is archive]
        if not files:
            continue
        name = archive.name.get(lang, archive.abbr)
        orig = f' <span class="orig" lang="ru">({_esc(archive.name_orig)})</span>' if archive.name_orig else ""
        place = archive.place.get(lang, "")
        out.append(f"## {markdown_text(archive.abbr)} {{ #{archive.ident} }}\n\n"
                   f'<p class="archive-name">{_esc(name)}{orig}{", " + _esc(place) if place else ""}</p>')
        rows = []
        for f in sorted(files, key=lambda f: f.ident):
            docs = by_file.get(f.ident, [])
            notes = sorted({u.note for d in docs for u in edition.uses.get(d.key, [])})
            rows.append(f'<li><a href="{_esc(linker.to(f"{ARCHIVE_DIR}/{f.ident}.md"))}">'
                        f"{_esc(file_signature(f, lang))}</a>: {len(docs)} {t(lang, 'documents')}; "
                        f"{t(lang, 'cited_in_short')} {note_links(edition, notes, linker)}</li>")
        out.append('<ul class="archive-files">' + "".join(rows) + "</ul>")
    return "\n\n".join(out)


def archive_file_page(edition: Edition, f: ArchivalFile, lang: str, linker: Linker) -> str:
    docs = documents_by_file(edition).get(f.ident, [])
    name = f.archive.name.get(lang, f.archive.abbr)
    head = (f"# {markdown_text(file_signature(f, lang))} {{ #{f.ident} }}\n\n"
            f'<p class="archive-name"><a href="{_esc(linker.to("arsivler.md", f.archive.ident))}">{_esc(name)}</a></p>')
    rows = []
    for d in docs:
        uses = edition.uses.get(d.key, [])
        notes = note_links(edition, [u.note for u in uses], linker)
        paras = sorted({edition.note_place[u.note] for u in uses}, key=lambda x: x[1])
        para_links = ", ".join(
            f'<a href="{_esc(linker.to(ch, anchor))}">¶ {_esc(anchor[1:] if anchor.startswith("p") else anchor)}</a>'
            for ch, anchor in paras)
        date = _esc(document_date(d, lang))
        if d.date_from == "text" and d.para:
            date += f' <span class="date-source">({_esc(t(lang, "date_from_text").format(para=d.para))})</span>'
        kind = _esc(d.kind.get(lang, ""))
        summary = _esc(d.summary.get(lang, ""))
        who = " → ".join(_esc(x) for x in (d.author, d.recipient) if x)
        title = _esc(document_title(d, lang))
        if not (d.title_en if lang == "en" else d.title):
            kind = who = ""   # the heading line already says what kind of document, and whose
        rows.append(f'<tr id="{_esc(d.key)}"><td>{date}</td>'
                    f'<td><strong>{title}</strong>{"<br>" + kind if kind else ""}'
                    f'{"<br>" + who if who else ""}{"<br>" + summary if summary else ""}'
                    f'<br><span class="signature">{_esc(document_signature(d, lang))}</span></td>'
                    f"<td>{notes}</td><td>{para_links}</td></tr>")
    table = (f'<table class="documents"><caption>{t(lang, "documents_cited")}</caption>'
             f'<thead><tr><th scope="col">{t(lang, "date")}</th>'
             f'<th scope="col">{t(lang, "document")}</th><th scope="col">{t(lang, "notes_col")}</th>'
             f'<th scope="col">{t(lang, "para_col")}</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
    return f"{head}\n\n{table}\n"


def newspapers(edition: Edition, lang: str, linker: Linker) -> str:
    bib = edition.sources.bibliography
    papers = defaultdict(list)
    for key, e in bib.entries.items():
        if e.fields.get("entrysubtype") == "newspaper":
            papers[e.fields.get("journaltitle", "")].append(key)
    out = []
    for paper in sorted(papers, key=sort_key):
        keys = sorted(papers[paper], key=lambda k: bib.entries[k].fields.get("date", ""))
        rows = []
        for key in keys:
            e = bib.entries[key]
            title = e.fields.get("title", "")
            title_html = f"“{_esc(title)}”" if title else f'<span class="untitled">({t(lang, "untitled")})</span>'
            pages = e.fields.get("pages", "")
            rows.append(f'<tr id="{_esc(key)}"><td>{_esc(format_date(e.fields.get("date"), lang))}</td>'
                        f"<td>{title_html}{', ' + _esc(pages) if pages else ''}</td>"
                        f"<td>{note_links(edition, [u.note for u in edition.uses.get(key, [])], linker)}</td></tr>")
        anchor = "paper-" + "".join(ch for ch in sort_key(paper) if ch.isalnum())
        out.append(f'## {markdown_text(paper)} {{ #{anchor} }}\n\n<table class="newspapers"><thead><tr>'
                   f'<th scope="col">{t(lang, "issue")}</th><th scope="col">{t(lang, "article_title")}</th>'
                   f'<th scope="col">{t(lang, "notes_col")}</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
    return "\n\n".join(out)


def emendations_in(edition: Edition) -> list[tuple[str, str, Emendation, str]]:
    """(chapter, place anchor, emendation, id) in reading order of the default language."""
    out = []
    for chapter, name in zip(edition.chapters(edition.default_lang), edition.chapter_names):
        for block in chapter.blocks:
            if isinstance(block, Paragraph):
                for tok in iter_tokens(block.content):
                    if isinstance(tok, Emendation):
                        out.append((name, block.anchor, tok))
        for number in sorted(chapter.notes):
            for tok in iter_tokens(chapter.notes[number].content):
                if isinstance(tok, Emendation):
                    out.append((name, f"n{number}", tok))
    return [(c, a, e, f"em{i}") for i, (c, a, e) in enumerate(out, 1)]


def emendations(edition: Edition, lang: str, linker: Linker) -> str:
    rows = []
    for chapter, anchor, em, ident in emendations_in(edition):
        place = f"¶ {anchor[1:]}" if anchor.startswith("p") else f"{t(lang, 'note')} {anchor[1:]}"
        target = linker.to(chapter, ident) if lang == edition.default_lang else linker.to(chapter, anchor)
        rows.append(f'<tr><td><del>{_esc(em.original)}</del></td><td>{_esc(em.corrected)}</td>'
                    f'<td><a href="{_esc(target)}">{_esc(place)}</a></td></tr>')
    return (f'<table class="emendations"><thead><tr><th scope="col">{t(lang, "emendation_original")}</th>'
            f'<th scope="col">{t(lang, "emendation_corrected")}</th><th scope="col">{t(lang, "emendation_place")}</th>'
            f"</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def contents(edition: Edition, lang: str, linker: Linker, pages: list[str]) -> str:
    """A table of contents of the chapters (level 1 and 2 headings)."""
    items = []
    for chapter, name in zip(edition.chapters(lang), edition.chapter_names):
        if name not in pages:
            continue
        heads = [h for h in chapter.blocks if isinstance(h, Heading)]
        if not heads:
            continue
        top, subs = heads[0], [h for h in heads[1:] if h.level == 2]
        sub = ""
        if subs and top.level == 1:
            sub = "<ul>" + "".join(f'<li><a href="{_esc(linker.to(name, h.anchor))}">'
                                   f"{_esc(plain_text(h.content, reading='corrected'))}</a></li>" for h in subs) + "</ul>"
        label = _esc(plain_text(top.content, reading="corrected"))
        if top.supplied:
            label = f'<span class="supplied">[{label}]</span>'
        items.append(f'<li><a href="{_esc(linker.to(name, top.anchor))}">{label}</a>{sub}</li>')
    return f'<nav class="edition-contents" aria-label="{t(lang, "chapters")}"><ol>' + "".join(items) + "</ol></nav>"


def publication(edition: Edition, lang: str) -> str:
    """The confirmed publication data; unknown fields are left out, never guessed."""
    pub = edition.sources.publication
    rows = []

    def row(label: str, value: str, lang_attr: str = ""):
        rows.append(f"<dt>{_esc(label)}</dt><dd{lang_attr}>{value}</dd>")

    if pub.get("title_en"):
        row(t(lang, "pub_title_en"), _esc(pub["title_en"]), ' lang="en"' if lang != "en" else "")
    if pub.get("journal"):
        row(t(lang, "pub_journal"), f"<em>{_esc(pub['journal'])}</em>")
    for field, label in (("volume", {"tr": "Cilt", "en": "Volume"}), ("issue", {"tr": "Sayı", "en": "Issue"}),
                         ("year", {"tr": "Yıl", "en": "Year"}), ("pages", {"tr": "Sayfalar", "en": "Pages"})):
        if pub.get(field):
            row(label[lang], _esc(str(pub[field])))
    if pub.get("doi"):
        row("DOI", f'<a href="https://doi.org/{_esc(pub["doi"])}">{_esc(pub["doi"])}</a>')
    if pub.get("url"):
        row(t(lang, "pub_url"), f'<a href="{_esc(pub["url"])}">{_esc(pub["url"])}</a>')
    row(t(lang, "pub_language"), t(lang, "pub_lang_value"))
    title = ""
    if pub.get("title_en"):
        attr = ' lang="en"' if lang != "en" else ""
        title = f'<h1 class="edition-title"{attr}>{_esc(pub["title_en"])}</h1>'
    return title + '<dl class="publication">' + "".join(rows) + "</dl>"
