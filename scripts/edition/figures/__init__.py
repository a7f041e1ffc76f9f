"""Figures drawn at build time from the edition's own data (issue 17): a chronology, the
correspondence network and a map of the places — static, accessible SVG inlined in the
pages, each with a title, a text description, a caption naming its data source and a
table with the same content (for screen readers, for print, for a narrow phone).

    figures = load(edition, root)            # in on_pre_build: bad data stops the build, located
    figures.block("chronology", lang, linker)  # the Figures page (directives {chronology} …)
    figures.chapter_strip(name, lang, linker)  # the chronology of one chapter, on its page

Each figure is drawn twice (issue 25): for a wide column (viewBox, as wide as the column up to
its own width, 12 px text) and for a narrow one (the chronology down the page, the network in
portrait, the map cut to its cities); `FIT_CSS` shows the one that fits the screen, and on a
phone the network and the map open full screen at their wide size (:target, no script). No
figure has a fixed pixel width or a scroll box; the chapters' chronologies keep theirs.

Modules: `svg` (builder helpers, one number format, label boxes), `chronology`, `network`,
`mapfig`. Nothing here imports MkDocs; everything is deterministic.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from edition.core.dates import format_date
from edition.core.escaping import attr
from edition.figures import chronology as C
from edition.figures import mapfig as M
from edition.figures import network as N
from edition.html.urls import Linker, SingleFileLinker, entity_src
from edition.model.formatting import source_html
from edition.sources.markup import plain_text
from edition.core import i18n

DIRECTIVES = ("chronology", "network", "map", "figureslink")
PAGE = "gorseller.md"


def strip_id(chapter: str) -> str:
    """The shared content id of a chapter's chronology drawing."""
    return "strip-" + chapter.rsplit("/", 1)[-1].removesuffix(".md")


#: the folders of the figures' own data (watched under `mkdocs serve`)
WATCH = ("chronology", "maps")

T = i18n.each("figures")

#: the descriptions' sentences on links to the register's pages, as a book without those pages
#: words them (`narrow_figures(…, register=False)`)
WITHOUT_REGISTER = i18n.each("figures_without_register")


def _esc(s: str) -> str:
    return attr(s)    # the one escaping discipline (text and attribute values alike)


@dataclass
class Figures:
    edition: object
    root: Path
    items: list = field(default_factory=list)
    basemap: dict | None = None
    _layout: dict | None = None
    _layout_n: dict | None = None

    # --- chronology ---------------------------------------------------------------------
    def lanes(self, lang: str) -> list[tuple[str, str]]:
        out = []
        for chapter, name in zip(self.edition.chapters(lang), self.edition.chapter_names):
            if any(i.lane == name for i in self.items) and chapter.title:
                out.append((name, plain_text(chapter.title.content, reading="corrected")))
        return out + [("documents", T[lang]["documents"])]

    def chronology_svg(self, lang: str, linker: Linker, ident: str = "chronology"):
        t = T[lang]
        n_events = sum(1 for i in self.items if i.kind == "event")
        desc = t["chronology_desc"].format(events=n_events, docs=len(self.items) - n_events)
        return C.draw(self.edition, self.items, self.lanes(lang), lang, linker, ident, t["chronology"], desc,
                      size=WIDE_SIZE, fit=True)

    def chronology_vertical(self, lang: str, linker: Linker, ident: str = "chronology-v"):
        """The chronology for a narrow screen: time down the page (`chronology.draw_vertical`)."""
        t = T[lang]
        n_events = sum(1 for i in self.items if i.kind == "event")
        desc = t["chronology_desc_v"].format(events=n_events, docs=len(self.items) - n_events)
        return C.draw_vertical(self.edition, self.items, self.lanes(lang), lang, linker, ident, t["chronology"], desc)

    def chronology_bands(self, lang: str, linker: Linker, ident: str = "chronology-b") -> list[str]:
        """The chronology down the page as one drawing per section (band), for a page that does
        not scroll (print, an e-book): the whole is three to six pages tall, a band fits one."""
        t = T[lang]
        n_events = sum(1 for i in self.items if i.kind == "event")
        lanes = [(k, name) for k, name in self.lanes(lang) if any(i.lane == k for i in self.items)]
        out = []
        for n, (key, name) in enumerate(lanes):
            desc = (t["chronology_desc_v"].format(events=n_events, docs=len(self.items) - n_events) if n == 0
                    else t["continued"])
            svg, _ = C.draw_vertical(self.edition, self.items, [(key, name)], lang, linker, f"{ident}{n + 1}",
                                     f'{t["chronology"]} ({n + 1}/{len(lanes)}): {name}', desc, first=n)
            out.append(svg)
        return out

    def chronology_table(self, lang: str, linker: Linker) -> str:
        t = T[lang]
        lanes = dict(self.lanes(lang))
        rows = []
        year = None
        for it in self.items:
            y = it.date.year if it.date else None
            if y != year:
                year = y
                rows.append(f'<tr class="year"><th colspan="4" scope="colgroup">{y or C.UNDATED[lang]}</th></tr>')
            where = []
            if it.kind == "event":
                where.append(f'<a href="{_esc(linker.to(it.chapter, it.anchor))}">¶ {it.para}</a>')
            else:
                where.append(f'<a href="{_esc(it.href(self.edition, linker))}">{t["document"]}</a>')
            if it.note:
                where.append(f'<a href="{_esc(linker.note(self.edition, it.note))}">{t["note"]} {it.note}</a>')
            section = lanes.get(it.chapter, "") if it.chapter else ""
            date = format_date(it.date.iso, lang) if it.date else C.UNDATED[lang]
            label = _esc(it.label[lang])
            if it.comment:
                sources = "; ".join(source_html(s, lang).removesuffix(".") for s in it.sources)
                label += (f'<br><span class="editorial">[{C.EDITORIAL[lang]}: {_esc(it.comment[lang])} '
                          f'({t["source"]}: {sources}.)]</span>')
            rows.append(f"<tr><td>{_esc(date)}</td><td>{label}</td><td>{_esc(section)}</td>"
                        f"<td>{', '.join(where)}</td></tr>")
        return (f'<table class="figure-table"><caption>{_esc(t["chronology"])}</caption><thead><tr>'
                f'<th scope="col">{t["date"]}</th><th scope="col">{t["item"]}</th><th scope="col">{t["section"]}</th>'
                f'<th scope="col">{t["where"]}</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")

    def chapter_strip(self, name: str, lang: str, linker: Linker, deferred: bool = False) -> str:
        """The chronology of one chapter (its own band, its own period), for the chapter page: folded,
        and a chapter tool (`.chapter-tools`: not the article's text, which the fidelity tests read).
        `deferred`: the drawing is not in the page but the shared content `strip_id(name)` of the
        language's card file (`strips`), which the card script puts in when a reader opens the
        fold; without JavaScript the fold holds the link to the whole chronology."""
        drawing = self.strip_drawing(name, lang, linker)
        if not drawing:
            return ""
        t = T[lang]
        full = linker.to(PAGE, "chronology")
        data = f' data-strip="{strip_id(name)}"' if deferred else ""
        return (f'<details class="figure-strip chapter-tools"{data}><summary>{t["chapter_strip"]}</summary>'
                f'{"" if deferred else drawing}'
                f'<p>{t["chapter_strip_desc"]}<a href="{_esc(full)}">{t["figures"]}</a></p></details>')

    def strip_drawing(self, name: str, lang: str, linker: Linker) -> str:
        """A chapter's chronology drawing in its scroll box ("" when the chapter dates no event)."""
        mine = [i for i in self.items if i.lane == name]
        if not mine:
            return ""
        t = T[lang]
        years = range(min(i.date.year for i in mine), max(i.date.year for i in mine) + 1)
        per = max(34.0, min(150.0, 640.0 / len(years)))
        scale = C.Scale(12.0, {y: per for y in years})
        title = dict(self.lanes(lang)).get(name, "")
        svg, _ = C.draw(self.edition, mine, [(name, title)], lang, linker, "chapter-chronology",
                        f'{t["chapter_strip"]}: {title}', t["chapter_strip_desc"].rstrip(": "), scale,
                        tooltips=False)
        return (f'<div class="figure-scroll" tabindex="0" role="region" aria-label="{_esc(t["chapter_strip"])}">'
                f'{svg}</div>')

    def strips(self, lang: str, chapters) -> dict[str, str]:
        """Every chapter's drawing, as shared content of the language's card file (see cards.py).
        Its links are the chapter page's own anchors (#p28): it is shown on that page only."""
        out = {}
        for name in chapters:
            drawing = self.strip_drawing(name, lang, Linker(name))
            if drawing:
                out[strip_id(name)] = drawing
        return out

    # --- blocks ---------------------------------------------------------------------------
    def block(self, which: str, lang: str, linker: Linker, bands: bool = False) -> str:
        """A figure with its caption, wide and narrow drawings and table; `bands`: the narrow
        chronology as one drawing per section (`chronology_bands`, for a page that does not scroll)."""
        t = T[lang]
        if which == "figureslink":
            return f'<p class="figures-link"><a href="{_esc(linker.to(PAGE))}">{_esc(t["figureslink"])}</a></p>'
        if which == "chronology":
            svg, _ = self.chronology_svg(lang, linker)
            vertical = ("".join(self.chronology_bands(lang, linker)) if bands
                        else self.chronology_vertical(lang, linker)[0])
            n_events = sum(1 for i in self.items if i.kind == "event")
            desc = t["chronology_desc"].format(events=n_events, docs=len(self.items) - n_events)
            return _figure("chronology", t["chronology"], desc, t["chronology_source"], svg, vertical,
                           self.chronology_table(lang, linker), lang, zoom=False)
        if which == "network":
            return self.network_block(lang, linker)
        if which == "map":
            return self.map_block(lang, linker)
        raise KeyError(which)

    # --- network ----------------------------------------------------------------------------
    def network_svg(self, lang: str, linker: Linker):
        t = T[lang]
        nodes, edges = N.graph(self.edition)
        desc = t["network_desc"].format(docs=len({e.key for e in edges}), nodes=len(nodes))
        if self._layout is None:   # the same positions for both languages: computed once per build
            self._layout = N.layout(nodes, edges)
        return N.draw(self.edition, lang, linker, "network", t["network"], desc, self._layout, fit=N.WIDTH), desc

    def network_narrow(self, lang: str, linker: Linker):
        """The network for a narrow screen: (svg, label boxes, nodes, edges)."""

        t = T[lang]
        nodes, edges = N.graph(self.edition)
        desc = t["network_desc"].format(docs=len({e.key for e in edges}), nodes=len(nodes))
        if self._layout_n is None:
            self._layout_n = N.layout(nodes, edges, narrow=True)
        return N.draw(self.edition, lang, linker, "network-n", t["network"], desc, self._layout_n, narrow=True,
                      fit=NARROW_FIT)

    def network_block(self, lang: str, linker: Linker) -> str:
        t = T[lang]
        (svg, _, nodes, edges), desc = self.network_svg(lang, linker)
        narrow = self.network_narrow(lang, linker)[0]
        return _figure("network", t["network"], desc, t["network_source"], svg, narrow,
                       self.network_table(lang, linker, nodes, edges), lang)

    def network_table(self, lang: str, linker: Linker, nodes: dict, edges: list) -> str:
        t = T[lang]

        def who(n: str) -> str:
            info = nodes[n]
            if info["entity"]:
                return f'<a href="{_esc(linker.to(entity_src(info["entity"])))}">{_esc(info[lang])}</a>'
            return f"<i>{_esc(info[lang])}</i>"

        rows = []
        for e in edges:
            date = format_date(e.date, lang) if e.date else C.UNDATED[lang]
            doc = self.edition.sources.documents[e.key]
            rows.append(f'<tr><td>{_esc(date)}</td><td>{who(e.source)}</td><td>{"— " if e.talk else "→ "}{who(e.target)}</td>'
                        f'<td><a href="{_esc(linker.document(self.edition, e.key))}">{_esc(doc.kind.get(lang, e.key))}</a></td></tr>')
        table = (f'<table class="figure-table"><caption>{_esc(t["network"])}</caption><thead><tr>'
                 f'<th scope="col">{t["date"]}</th><th scope="col">{t["from"]}</th><th scope="col">{t["to"]}</th>'
                 f'<th scope="col">{t["document"].capitalize()}</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
        return table

    # --- map ------------------------------------------------------------------------------------
    def map_svg(self, lang: str, linker: Linker):
        t = T[lang]
        basemap = self.basemap
        inside, outside = M.places(self.edition.register, tuple(basemap["extent"]))
        out = ", ".join(p.label[lang] for p in outside) or "—"
        desc = t["map_desc"].format(n=len(inside), out=out)
        svg, boxes = M.draw(self.edition.register, basemap, lang, linker, "map", t["map"], desc, size=WIDE_SIZE,
                            width=M.WIDTH, fit=M.WIDTH)
        return svg, boxes, desc, inside + outside

    def map_narrow(self, lang: str, linker: Linker, inline: bool = False):
        """The map for a narrow screen, cut to the cities: (svg, label boxes). Its land is the wide
        map's (<use>), or, `inline`, drawn in it (a drawing on its own)."""

        t = T[lang]
        inside, outside = M.places(self.edition.register, tuple(self.basemap["extent"]))
        desc = t["map_desc"].format(n=len(inside), out=", ".join(p.label[lang] for p in outside) or "—")
        return M.draw_narrow(self.edition.register, self.basemap, lang, linker, "map-n", t["map"], desc,
                             land=None if inline else "map-land", fit=NARROW_FIT)

    def map_block(self, lang: str, linker: Linker) -> str:
        if not self.edition.register or self.basemap is None:
            return ""
        t = T[lang]
        svg, _, desc, all_places = self.map_svg(lang, linker)
        return _figure("map", t["map"], desc, t["map_source"], svg, self.map_narrow(lang, linker)[0],
                       self.map_table(lang, linker, all_places), lang)

    def map_table(self, lang: str, linker: Linker, all_places: list) -> str:
        t = T[lang]
        rows = "".join(
            f'<tr><td><a href="{_esc(linker.to(entity_src(p.ident)))}">{_esc(p.label[lang])}</a></td>'
            f"<td>{_esc(p.modern[lang])}</td><td>{p.lat:.2f}, {p.lon:.2f}</td></tr>" for p in all_places)
        table = (f'<table class="figure-table"><caption>{_esc(t["map"])}</caption><thead><tr>'
                 f'<th scope="col">{t["place"]}</th><th scope="col">{t["modern"]}</th><th scope="col">{t["coords"]}</th>'
                 f"</tr></thead><tbody>{rows}</tbody></table>")
        return table

    # --- a page that does not scroll: the e-book ----------------------------------------------------
    def narrow_figures(self, lang: str, linker: Linker, register: bool = True) -> list[dict]:
        """The three figures for an e-book's page (issue 25): their narrow drawings only (the
        chronology one drawing per section), each a drawing on its own (no <use> of another, no
        CSS variable, no media query it needs to be seen), with caption, source line, description
        and the table the site shows. A list of {ident, title, source, desc, svgs, table}.
        `register`: False for an output without the register's pages (its descriptions do not
        promise links to them; the links themselves are the caller's to drop)."""
        t = T[lang]
        n_events = sum(1 for i in self.items if i.kind == "event")
        out = [{"ident": "chronology", "title": t["chronology"], "source": t["chronology_source"],
                "desc": t["chronology_desc_v"].format(events=n_events, docs=len(self.items) - n_events),
                "svgs": self.chronology_bands(lang, linker), "table": self.chronology_table(lang, linker)}]
        (_, _, nodes, edges), desc = self.network_svg(lang, linker)
        out.append({"ident": "network", "title": t["network"], "source": t["network_source"], "desc": desc,
                    "svgs": [self.network_narrow(lang, linker)[0]],
                    "table": self.network_table(lang, linker, nodes, edges)})
        if self.edition.register and self.basemap is not None:
            _, _, desc, all_places = self.map_svg(lang, linker)
            out.append({"ident": "map", "title": t["map"], "source": t["map_source"], "desc": desc,
                        "svgs": [self.map_narrow(lang, linker, inline=True)[0]],
                        "table": self.map_table(lang, linker, all_places)})
        for figure in out:
            figure["svgs"] = [plain_colours(svg) for svg in figure["svgs"]]
            for site, book in ([] if register else WITHOUT_REGISTER[lang]):
                figure["desc"] = figure["desc"].replace(site, book)
                figure["svgs"] = [svg.replace(site, book) for svg in figure["svgs"]]
        return out


    def single_file(self, lang: str) -> str:
        """The three figures as a section of the one-file edition (and so of the PDF)."""

        linker = SingleFileLinker("edisyon.md")
        body = "".join(self.block(w, lang, linker, bands=True) for w in ("chronology", "network", "map"))
        body = plain_colours(body)
        # the page's width, not a scroll box: a printed page does not scroll
        body = re.sub(r'style="min-width:[\d.]+px"', 'style="width:100%;height:auto"', body)
        return f'<section class="chapter" id="ch-gorseller"><h1 id="gorseller">{T[lang]["figures"]}</h1>{body}</section>'


_VAR = re.compile(r"var\(--[\w-]+,([^()]+)\)")


def plain_colours(html_: str) -> str:
    """Material's colour variables replaced by their fallbacks: the one-file edition has no
    Material, and WeasyPrint's SVG renderer does not read var()."""
    return _VAR.sub(lambda m: m.group(1), html_)


#: the drawings for a wide column: text this many px at their own size (a column of 736 px or more
#: shows them, at least 11 px); the drawings for a narrow one at most this many px wide
WIDE_SIZE, NARROW_FIT = 12.0, 510.0

#: how a figure fits the reader's screen (in the wide drawing's <style>: in every output with it):
#: the wide drawing from a viewport of 768 px (a column of 736 px), the narrow one below; on a
#: narrow screen the network and the map open full screen at their wide size (:target, no script)
FIT_CSS = (
    ".edition-figure .figure-fit svg{display:block;margin:0 auto}"
    ".edition-figure .figure-narrow,.edition-figure .figure-enlarge,.edition-figure .figure-close{display:none}"
    "@media screen and (max-width:767px){"
    ".edition-figure .figure-wide{display:none}"
    ".edition-figure .figure-narrow,.edition-figure .figure-enlarge{display:block}"
    ".edition-figure .figure-zoom:target{display:block;position:fixed;inset:0;z-index:10;overflow:auto;"
    "background:var(--md-default-bg-color,#fff);padding:0 .5rem .5rem;text-align:start}"
    ".edition-figure .figure-zoom:target svg{width:auto!important;max-width:none!important;margin:0}"
    ".edition-figure .figure-zoom:target .figure-close{display:inline-block;position:sticky;top:0;left:0;z-index:1;"
    "padding:.4em 1em;margin:.5rem 0;background:var(--md-default-bg-color,#fff);border:1px solid currentColor;"
    "border-radius:.2rem}}"
)

#: print (issue 25; in the one-file edition's <style>, so in a browser's print and in the PDF):
#: the narrow drawings, never wider than PRINT_WIDTH px, so that the tallest (a section of the
#: chronology, 724 x 340 viewBox units; the network 600 x 340) fits an A4 page's text block
#: (~945 px high) while a 12-unit label prints at 12 x 420 / 340 = 14.8 px (11 pt); the wide
#: drawings, the enlarge link and the chapters' scroll boxes are not printed.
PRINT_WIDTH = 420
PRINT_CSS = (
    "@media print{"
    ".edition-figure .figure-fit .figure-wide,.edition-figure .figure-fit .figure-enlarge{display:none}"
    ".edition-figure .figure-fit .figure-narrow{display:block}"
    f".edition-figure .figure-fit .figure-narrow svg{{display:block;width:100%!important;height:auto!important;"
    f"max-width:{PRINT_WIDTH}px!important;margin:0 0 .8em;break-inside:avoid;page-break-inside:avoid}}"
    ".edition-figure figcaption,.edition-figure .figure-desc{break-after:avoid;page-break-after:avoid}"
    "}"
)


def _figure(ident: str, title: str, desc: str, source: str, svg: str, narrow: str, table: str, lang: str,
            zoom: bool = True) -> str:
    """A figure: its wide drawing and its narrow one (CSS shows the one that fits, `FIT_CSS`), a
    link that opens the wide one full screen on a narrow screen (`zoom`), and its table."""
    t = T[lang]
    svg = svg.replace("</style>", FIT_CSS + "</style>", 1)
    if zoom:
        wide = (f'<div class="figure-wide figure-zoom" id="{ident}-zoom"><a class="figure-close" '
                f'href="#{ident}-figure">{_esc(t["close"])}</a>{svg}</div>')
        enlarge = f'<p class="figure-enlarge"><a href="#{ident}-zoom">{_esc(t["enlarge"])}</a></p>'
    else:
        wide, enlarge = f'<div class="figure-wide">{svg}</div>', ""
    return (f'<figure class="edition-figure" id="{ident}-figure">'
            f'<figcaption><strong>{_esc(title)}</strong>. {_esc(source)}</figcaption>'
            f'<p class="figure-desc">{_esc(desc)}</p>'
            f'<div class="figure-fit">{wide}<div class="figure-narrow">{narrow}</div>{enlarge}</div></figure>'
            f'<details class="figure-table-box" open><summary>{_esc(t["table"])}</summary>{table}</details>')


def load(edition, root: Path) -> Figures | None:
    """Load and check the figures' data; None when the edition has no chronology file."""
    if not (root / C.EVENTS_FILE).exists():
        return None

    events, where = C.load_events(root, apparatus=edition.sources.apparatus)
    basemap = M.load_basemap(root) if edition.register else None
    return Figures(edition, root, C.items(edition, events, where), basemap)
