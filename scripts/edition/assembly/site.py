"""`SiteBuild`: the site made from a loaded edition, one method per step of a MkDocs build. The
adapter (edition.mkdocs_plugin) calls these with plain values; nothing here imports MkDocs.

Page names: `name` is a page's source path in the default language (`giris.md`, `arsiv/x.md`);
`src` is the path MkDocs reads (`giris.en.md`); `prefix` is the language's folder (`""`, `en/`)."""
from __future__ import annotations

import html
import json
import re
import secrets
from pathlib import Path

from edition import figures as figure_blocks
from edition.assembly.load import Loaded
from edition.assembly.settings import Settings
from edition.core import escaping
from edition.core.i18n import t
from edition.exports import downloads, downloads_page, formats, offline
from edition.exports import versions as version_files
from edition.html import apparatus_pages, changelog, cite, entity_pages, metadata, parallel
from edition.html.cards import Cards
from edition.html.chapters import Renderer
from edition.html.directives import DIRECTIVE_LINE, html_directives
from edition.html.urls import ARCHIVE_DIR, REGISTER_DIR, Linker, entity_src, page_url
from edition.site import addresses, csp, material_fixes, search, siteassets
from edition.sources.changelog import CHANGELOG_PAGE
from edition.sources.datafiles import read_text
from edition.sources.load import chapter_path
from edition.sources.markup import split_front_matter

_TOKEN_PARAGRAPH = re.compile(r"<p>(EDITIONHTML[0-9a-f]{16}x\d{5})</p>")
#: folders of generated pages (one page per archival file, chapter in parallel, register entry)
GENERATED_DIRS = (ARCHIVE_DIR, parallel.PARALLEL_DIR, REGISTER_DIR)


class UnknownDirective(ValueError):
    pass


def source_name(src: str, lang: str) -> str:
    """`giris.en.md` -> `giris.md`: the page's name in the default language."""
    suffix = f".{lang}.md"
    return src[: -len(suffix)] + ".md" if src.endswith(suffix) else src


class SiteBuild:
    """One build of the site. Without a loaded edition (the plugin's `enabled: false`, the
    benchmark's plain-Material baseline) only the site-wide steps run: assets, addresses,
    the theme's fixes and the content security policy."""

    def __init__(self, settings: Settings, loaded: Loaded | None = None, serving: bool = False, nonce: str = ""):
        self.settings = settings
        self.loaded = loaded
        self.edition = loaded.edition if loaded else None
        self.figures = loaded.figures if loaded else None
        self.versions = loaded.versions if loaded else None
        self.serving = serving    # under `mkdocs serve` the offline zip is not rebuilt on every save
        self.nonce = nonce        # the live-reload script's nonce under `mkdocs serve` (csp.py)
        # rows rendered once for both languages
        self.parallel_views = parallel.ParallelViews(self.edition) if self.edition else None
        self._cite_sets: dict[str, dict] = {}
        self._html_blocks: dict[str, dict[str, str]] = {}  # page -> its HTML blocks, markdown -> content
        self._titles: dict[str, str] = {}   # page -> its title as plain text (see page_title)
        self._assets: siteassets.SiteAssets | None = None
        self._published: dict[str, set[str]] = {}   # lang -> pages written (path without the language folder)

    def prefix(self, lang: str) -> str:
        return "" if lang == self.settings.default_language else f"{lang}/"

    # --- on_files ---------------------------------------------------------------------------
    def generated_pages(self) -> list[str]:
        ed = self.edition
        generated = [f"{ARCHIVE_DIR}/{ident}.md" for ident in ed.sources.files]
        if len(ed.languages) > 1:
            generated += [f"{parallel.PARALLEL_DIR}/{name}" for name in self.settings.chapters]
        if ed.register:
            generated += [entity_src(ident) for ident in ed.register.entities]
        return generated

    # --- on_page_markdown / on_page_content ---------------------------------------------------
    def page_markdown(self, markdown: str, src: str, lang: str, page_meta: dict, page_names: list[str],
                      site_name: str, site_url: str | None) -> str:
        """A page's Markdown: a chapter or a generated page rendered, directives filled; the HTML
        blocks kept out of Python-Markdown (put back by `page_content`)."""
        name = source_name(src, lang)
        return self._stash_html(src, self._page_markdown(markdown, src, name, lang, page_meta, page_names,
                                                         site_name, site_url))

    def _page_markdown(self, markdown, src, name, lang, page_meta, page_names, site_name, site_url) -> str:
        ed = self.edition
        renderer = Renderer(ed, lang, Linker(name), self.loaded.emendation_ids if lang == ed.default_lang else None,
                            cards=Cards(), changed=changelog.markers(self.versions, lang))

        def directive(which: str) -> str:
            return self.directive(which, src, name, lang, page_names, site_name, site_url)

        if name in self.settings.chapters:
            chapter = ed.chapter(name, lang) or ed.chapter(name, ed.default_lang)
            tools = ""
            if len(ed.languages) > 1 and chapter.paragraphs:
                href = Linker(name).to(f"{parallel.PARALLEL_DIR}/{name}")
                tools = (f'<p class="chapter-tools"><a href="{href}">{t(lang, "parallel")}: '
                         f'Türkçe | English</a></p>')
            if self.figures:
                tools += self.figures.chapter_strip(name, lang, Linker(name), deferred=True)
            return renderer.chapter(chapter, directive, tools)
        if name.startswith(f"{parallel.PARALLEL_DIR}/"):
            page_meta["search"] = {"exclude": True}   # the same text as the chapters: not twice in search
            return self.parallel_views.page(name[len(parallel.PARALLEL_DIR) + 1:], lang)
        if name.startswith(f"{ARCHIVE_DIR}/"):
            ident = name[len(ARCHIVE_DIR) + 1:-3]
            return apparatus_pages.archive_file_page(ed, ed.sources.files[ident], lang, Linker(name))
        if name.startswith(f"{REGISTER_DIR}/") and ed.register:
            return entity_pages.entity_page(ed, ed.register.entities[name[len(REGISTER_DIR) + 1:-3]], lang,
                                            Linker(name))
        return DIRECTIVE_LINE.sub(lambda m: directive(m.group(1)), markdown)

    def directive(self, which: str, src: str, name: str, lang: str, page_names: list[str], site_name: str,
                  site_url: str | None) -> str:
        """What a directive line becomes on a page of the site: the edition's own table
        (html.directives) and the ones that need the figures, the downloads or the site."""
        ed = self.edition
        linker = Linker(name)
        table = html_directives(ed, lang, linker)
        if which in table:
            return table[which]()
        if which == "contents":
            return apparatus_pages.contents(ed, lang, linker, [source_name(p, lang) for p in page_names])
        if which in figure_blocks.DIRECTIVES:
            return self.figures.block(which, lang, linker) if self.figures else ""
        up = "" if lang == ed.default_lang else "../"  # shared downloads live at the site root
        if which == "downloads":
            return downloads.downloads_block(lang, linker)
        if which == "offline":
            return offline.offline_link(lang, up + linker.to(f"{downloads.DOWNLOADS}/{offline.ZIP_NAME}"),
                                        linker.to("indir.md"))
        if which == "downloadsall":
            folder = linker.to(f"{downloads.DOWNLOADS}/-")[:-1]   # e.g. "downloads/" or "../downloads/"
            return downloads_page.downloads_page(ed, lang, lambda f: up + folder + f, self.settings.pdf)
        if which == "changelog":
            return changelog.changelog_html(self.versions, lang, lambda anchor: self._para_href(linker, lang, anchor))
        if which == "citeguide":
            year = str(ed.sources.publication.get("edition", {}).get("year", ""))
            cs = cite.citation_set(ed.sources.publication, cite.Context(lang, site_name, year, False))
            return cite.guide_examples(cs, (site_url or "https://…/") + self.prefix(lang))
        raise UnknownDirective(f"{src}: unknown directive {{{which}}}")

    def _para_href(self, linker: Linker, lang: str, anchor: str) -> str:
        for name in self.edition.chapter_names:
            chapter = self.edition.chapter(name, lang)
            if chapter and any(p.anchor == anchor for p in chapter.paragraphs):
                return linker.to(name, anchor)
        return linker.to(name)

    def _stash_html(self, src: str, markdown: str) -> str:
        """Keep the HTML blocks out of Python-Markdown, which would re-parse them slowly
        (a third of the build): each block becomes a token, put back in `page_content`."""
        stash: dict[str, str] = {}
        blocks = []
        nonce = secrets.token_hex(8)   # a token written in the text itself is not one of ours
        for block in markdown.split("\n\n"):
            if block.lstrip().startswith("<"):
                key = f"EDITIONHTML{nonce}x{len(stash):05d}"
                stash[key] = block
                block = key
            blocks.append(block)
        self._html_blocks[src] = stash
        return "\n\n".join(blocks)

    def page_content(self, content: str, src: str) -> str:
        stash = self._html_blocks.pop(src, None)
        if not stash:
            return content
        return _TOKEN_PARAGRAPH.sub(lambda m: stash.get(m.group(1), m.group(0)), content)

    def page_title(self, src: str, title: str | None, page_meta: dict) -> str:
        """One door for the page's title (issue 22). MkDocs takes it from the first heading as HTML
        text (entities kept); Material writes it raw into the navigation, header and footer, and
        into <title> through `striptags`, which turns `&lt;/title&gt;` back into markup. The title
        is kept here as plain text (for the page's metadata) and given back to MkDocs escaped;
        overrides/main.html writes <title> from `edition_htmltitle`, never through `striptags`.
        The front matter's title and description, written raw by Material, are escaped in place."""
        plain = " ".join(html.unescape(title or "").split())
        self._titles[src] = plain
        for key, escape in (("title", escaping.text), ("description", escaping.attr)):
            if isinstance(page_meta.get(key), str):
                page_meta[key] = escape(page_meta[key])
        return escaping.text(plain)

    # --- on_page_context / on_env -------------------------------------------------------------
    def html_title(self, src: str, site_name: str, front_matter_title: bool, homepage: bool) -> str:
        """Material's rule (base.html, block htmltitle): a front-matter title, or the page's title
        except on the home page, then the site's name; as escaped text."""
        plain = self._titles.get(src, "")
        shown = f"{plain} - {site_name}" if plain and (front_matter_title or not homepage) else site_name
        return escaping.text(shown)

    def page_context(self, src: str, lang: str, file_url: str, site_name: str, site_url: str | None) -> dict:
        """The head metadata, citation block, version footer and JSON-LD of one page."""
        ed = self.edition
        pub = ed.sources.publication
        name = source_name(src, lang)
        plain = self._titles.get(src, "")
        url = (site_url or "") + file_url if site_url else ""
        v = self.versions.current if self.versions else None
        if lang not in self._cite_sets:   # formatted once per language and build
            year = str(v.date.year) if v else str(pub.get("edition", {}).get("year", ""))
            ctx = cite.Context(lang, site_name, year, lang != ed.default_lang, v.version if v else "")
            self._cite_sets[lang] = cite.citation_set(pub, ctx)
        linker = Linker(name)
        context = {"edition_cite_block": cite.cite_block(
            self._cite_sets[lang], url or file_url, lambda ext: linker.to(f"{downloads.DOWNLOADS}/makale.{ext}"),
            linker.to("atif.md"), lambda ext: linker.to(f"{downloads.DOWNLOADS}/{version_files.EDITION_FILES}.{ext}"),
            v.version if v else "", cite.unconfirmed_note(pub, lang))}
        if self.versions:
            context["edition_version_footer"] = changelog.footer_html(self.versions, lang, linker.to(CHANGELOG_PAGE))
        others = [x for x in ed.languages if x != lang]
        kind = metadata.page_kind(name, self.settings.chapters)
        context["edition_meta"] = metadata.meta_tags(pub, lang, url, site_name, others, kind, plain, ed.default_lang)
        editors = pub.get("edition", {}).get("editors", {}).get(lang, "")
        mentions = []
        if ed.mentions and name in self.settings.chapters:
            base = (site_url or "") + self.prefix(lang)
            mentions = entity_pages.json_ld_mentions(ed, ed.mentions.by_chapter.get((lang, name), []), lang,
                                                     lambda target: base + page_url(target) if site_url else "")
        context["edition_jsonld"] = metadata.json_ld(pub, lang, ed.default_lang, url, editors, kind, plain, site_name,
                                                     v.version if v else "", v.date.isoformat() if v else "", mentions)
        return context

    def assets(self) -> siteassets.SiteAssets:
        """The edition's CSS, script and card files: files of their own, cached across pages."""
        if self._assets is None:
            ed = self.edition
            self._assets = siteassets.build({lang: siteassets.shared_cards(ed, lang, self.figures, self.settings.chapters)
                                             for lang in ed.languages} if ed else {})
        return self._assets

    # --- on_post_page / on_post_template --------------------------------------------------------
    def post_page(self, output: str, src: str, lang: str, canonical_url: str | None, site_name: str) -> str:
        name = source_name(src, lang)
        self._published.setdefault(lang, set()).add(page_url(name))
        default = self.settings.default_language
        if self.edition is not None and name.startswith(tuple(f"{d}/" for d in GENERATED_DIRS)):
            output = addresses.generated_alternates(output, page_url(name), lang, self.edition.languages, default)
        output = addresses.absolute_alternates(output, canonical_url, default)
        if self.edition is not None:
            output = self._escaped_title(output, src, site_name)
        return csp.with_policy(siteassets.compact_html(material_fixes.repair(output, lang)), self.nonce)

    def _escaped_title(self, output: str, src: str, site_name: str) -> str:
        """Where a theme without the edition's overrides wrote <title> through `striptags` (Material's
        base.html: the page's title unescaped), write it again escaped. With overrides/main.html
        the title is already escaped and this finds nothing to do."""
        plain = self._titles.get(src, "")
        if not plain or plain == escaping.text(plain):
            return output
        raw = f"<title>{plain} - {site_name}</title>"
        return output.replace(raw, f"<title>{escaping.text(f'{plain} - {site_name}')}</title>", 1)

    def post_template(self, output: str, template: str, lang: str, site_url: str | None) -> str:
        """A page MkDocs writes from a template alone (404.html, sitemap.xml)."""
        output = material_fixes.repair(output, lang)
        if template != "404.html":
            return output
        if self.edition is not None:
            output = addresses.home_alternates(output, self.edition.languages, self.settings.default_language)
        return csp.with_policy(offline.page_404_links(output, site_url), self.nonce)

    # --- on_post_build ----------------------------------------------------------------------------
    def write_assets(self, site_dir: Path) -> None:
        if self._assets is not None:
            self._assets.write(site_dir)

    def write_downloads(self, site_dir: Path, lang: str, site_name: str, site_url: str | None) -> None:
        """Each language's bibliography, article and edition citation downloads."""
        ed = self.edition
        folder = site_dir / self.prefix(lang)
        downloads.write_bibliography_downloads(ed, folder)
        downloads.write_article_downloads(ed, folder)
        if self.versions:
            name = site_name if lang == ed.default_lang else self.settings.site_name_of(lang, site_name)
            record = cite.EditionRecord(name, lang, self.versions.current.version,
                                        self.versions.current.date.isoformat(),
                                        (site_url or "") + self.prefix(lang) if site_url else "")
            version_files.write_edition_downloads(folder / downloads.DOWNLOADS, record)

    def finish(self, site: Path, docs_dir: Path, site_name: str, site_url: str | None) -> None:
        """When the outermost build ends: the search index split by language, sitemaps, the
        version file, and the whole-site exports."""
        langs = self.edition.languages
        default = self.settings.default_language
        self._split_search_index(site, langs)
        addresses.write_sitemaps(site, site_url, self._published, langs, default)
        addresses.folder_sitemaps(site, list(GENERATED_DIRS), langs, default)
        version_files.write_version_file(site, self.edition, self.versions)
        if self.settings.exports:
            self._write_offline(site, docs_dir, site_name)

    def _split_search_index(self, site: Path, langs: list[str]) -> None:
        path = site / "search" / "search_index.json"
        if not path.exists():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        default = self.settings.default_language
        for lang, part in search.split_index(index, default, langs).items():
            out = site / ("" if lang == default else lang) / "search" / "search_index.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            data = json.dumps(part, ensure_ascii=False, separators=(",", ":"))
            out.write_text(data, encoding="utf-8")
            # From file:// Material reads the index as a script (what its offline plugin does).
            out.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")

    def _write_offline(self, site: Path, docs: Path, site_name: str) -> None:
        """Shared downloads at the site root: one-file editions (and PDFs), data, the offline zip."""
        ed = self.edition
        out = site / downloads.DOWNLOADS
        out.mkdir(parents=True, exist_ok=True)
        name_of = lambda lang: self.settings.site_name_of(lang, site_name)   # noqa: E731
        for lang in ed.languages:
            prose = {}
            for page in ("ilkeler.md", "ceviri.md", "sozluk.md"):
                source = docs / chapter_path(page, lang)
                if source.exists():
                    prose[page] = offline.single_file_links(split_front_matter(read_text(source, f"docs/{source.name}"))[0])
            name = site_name if lang == ed.default_lang else name_of(lang)
            extra = (self.figures.single_file(lang),) if self.figures else ()
            css = figure_blocks.PRINT_CSS if self.figures else ""
            document = csp.with_policy(offline.single_file(ed, lang, name, prose, extra, css))   # no script at all
            (out / offline.SINGLE_NAME.format(lang=lang)).write_text(document, encoding="utf-8")
            if self.settings.pdf:
                formats.write_pdf(document, out / formats.PDF_NAME.format(lang=lang))
        downloads.write_data_downloads(ed, site, docs)
        formats.write_formats(ed, out, docs, name_of, self.versions.current if self.versions else None, self.figures)
        for lang in ed.languages:
            formats.fill_sizes(site / self.prefix(lang) / "indir.html", out, lang)
        if self.serving:
            return
        size = offline.write_zip(site, out / offline.ZIP_NAME, ed.languages)
        for lang in ed.languages:   # the zip's own size (its copy of the page shows "…")
            formats.fill_sizes(site / self.prefix(lang) / "indir.html", out, lang)
        for lang in ed.languages:
            home = site / self.prefix(lang) / "index.html"
            if home.exists():
                offline.fill_size(home, size, lang)
