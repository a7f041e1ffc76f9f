"""MkDocs plugin: the thin adapter between MkDocs and the edition package.

Hooks and their jobs:
- on_config: resolve paths; forget everything from a previous build.
- on_pre_build: load and cross-check all sources of all languages. Runs before
  MkDocs cleans site_dir, so bad input stops the build with the previous site
  untouched (static-i18n builds the other languages later in the same process,
  so everything is checked here, once, up front).
- on_files: add one generated page per archival file (after static-i18n).
- on_page_markdown: replace a chapter by its rendered form; fill generated blocks. The HTML
  blocks travel as tokens past Python-Markdown and are put back in on_page_content.
- on_page_context: tell the templates the root of the page's language.
- on_post_page / on_post_template: repair two bits of Material's markup (material_fixes);
  language alternates of generated pages, absolute with a site address (addresses).
- on_serve: watch the bibliography sources too.
- on_post_build: write each language's bibliography and citation downloads; when the
  outermost build ends: split the search index by language, write the one-file
  editions, the data downloads and the offline zip.
"""
from __future__ import annotations

import html
import json
import logging
import re
import secrets
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from edition import figures
from edition.checks import commentary, termbase
from edition.core import escaping
from edition.core.errors import EditionError
from edition.core.i18n import t
from edition.exports import downloads as exports
from edition.exports import downloads_page, formats, offline
from edition.exports import versions as version_files
from edition.html import apparatus_pages as registers
from edition.html import changelog as changelog_page
from edition.html import cite, parallel, urls
from edition.html import entity_pages as entities
from edition.html import metadata as meta
from edition.html.cards import Cards
from edition.html.chapters import Renderer
from edition.html.urls import ARCHIVE_DIR, Linker, page_url
from edition.model.edition import Edition, build_edition
from edition.site import addresses, csp, material_fixes, search, siteassets
from edition.sources import changelog as versions
from edition.sources import confine
from edition.sources.datafiles import read_text
from edition.sources.load import chapter_path, load_sources
from edition.sources.markup import split_front_matter

log = logging.getLogger("mkdocs.plugins.edition")

_DIRECTIVE_LINE = re.compile(r"^\{([a-z]+)\}[ \t]*$", re.M)
_TOKEN_PARAGRAPH = re.compile(r"<p>(EDITIONHTML[0-9a-f]{16}x\d{5})</p>")


class EditionConfig(Config):
    enabled = c.Type(bool, default=True)
    # Chapter files of the default language, in the article's order.
    chapters = c.ListOfItems(c.Type(str))
    # BibTeX files and the archival register, relative to mkdocs.yml.
    bibliography = c.ListOfItems(c.Type(str), default=["bibliography/works.bib"])
    archives = c.Type(str, default="bibliography/archives.yaml")
    publication = c.Type(str, default="bibliography/article.yaml")
    # The register of persons, places, organisations and agreements (a folder; none if it does not exist).
    register = c.Type(str, default="register")
    default_language = c.Type(str, default="tr")
    # The changelog (newest release first): the edition's version and date, and what changed.
    changelog = c.Optional(c.Type(str))
    # Also print the one-file edition to PDF (WeasyPrint; slow, so off by default: `make pdf`).
    pdf = c.Type(bool, default=False)
    # The whole-site exports (offline zip, one-file editions, data); off only to measure the pages alone.
    exports = c.Type(bool, default=True)
    # The termbase and the editorial commentary (data files relative to mkdocs.yml; "" = none).
    termbase = c.Type(str, default="")
    comments = c.Type(str, default="")
    # A build for publication (EDITION_PRODUCTION=true): warns when there is no site address.
    production = c.Type(bool, default=False)


class EditionPlugin(BasePlugin[EditionConfig]):
    def __init__(self):
        self.edition: Edition | None = None
        self.figures: figures.Figures | None = None
        self.versions: versions.Versions | None = None
        self.parallel_views: parallel.ParallelViews | None = None
        self.serving = False
        self._depth = 0
        self._cite_sets: dict[str, dict] = {}
        self._html_blocks: dict[str, dict[str, str]] = {}  # page -> its HTML blocks, markdown -> content
        self._titles: dict[str, str] = {}   # page -> its title as plain text (see _set_title)
        self._nonce = ""   # under `mkdocs serve`: the live-reload script's nonce (csp.py)
        self.emendation_ids: dict[int, str] = {}
        self.root = Path(".")
        self._assets: siteassets.SiteAssets | None = None
        self._published: dict[str, set[str]] = {}   # lang -> pages written (path without the language folder)
        self._build_error = ""

    def on_startup(self, *, command, dirty):
        # Under `mkdocs serve` the offline zip is not rebuilt on every save.
        self.serving = command == "serve"
        self._nonce = secrets.token_urlsafe(18) if self.serving else ""

    def on_config(self, config):
        # static-i18n runs the other languages' builds inside this one: count how deep we are,
        # so that the whole-site work runs once, when the outermost build ends.
        self._depth += 1
        if not self.config.enabled:
            return
        self.root = Path(config.config_file_path).resolve().parent
        if self._depth > 1:
            return  # an inner per-language build: keep the edition the outer build checked
        problem = addresses.site_url_problem(config.site_url, self.config.production)
        if problem:
            log.warning(problem)
        self.edition = None
        self.figures = None
        self.versions = None
        self.emendation_ids = {}
        self._cite_sets: dict[str, dict] = {}
        self._assets = None
        self._published = {}

    def on_pre_build(self, config):
        if not self.config.enabled or (self._depth > 1 and self.edition is not None):
            return
        try:
            self._confine(config)   # nothing outside the repository is read, let alone published
            sources = load_sources(self.root, Path(config.docs_dir), self.config.chapters,
                                   self.config.bibliography, self.config.archives, self.config.publication,
                                   self.config.register)
            self.edition = build_edition(sources, self.config.chapters, self.config.default_language)
            self.figures = figures.load(self.edition, self.root)   # chronology, network, map (issue 17)
            if self.config.termbase:   # the translation keeps to the termbase, or the build stops
                self.edition.termbase = termbase.load(self.root, self.config.termbase, sources.apparatus)
                termbase.check_or_fail(self.edition, self.edition.termbase, Path(config.docs_dir),
                                        self.config.chapters)
            if self.config.comments:
                self.edition.commentary = commentary.load(self.root, self.config.comments, self.edition)
            if self.config.changelog:
                self.versions = versions.load_versions(self.root, self.edition, self.config.changelog)
        except EditionError as exc:
            raise PluginError(f"The edition's sources have {exc.causes} problem(s):\n{exc}") from None
        self.emendation_ids = {id(em): ident for _, _, em, ident in registers.emendations_in(self.edition)}
        self.parallel_views = parallel.ParallelViews(self.edition)   # rows rendered once for both languages

    def _confine(self, config) -> None:
        files = [*self.config.bibliography, self.config.archives, self.config.publication, self.config.termbase,
                 self.config.comments, self.config.changelog or ""]
        folders = {str(Path(f).parent) for f in files if f} - {"."}
        folders |= {self.config.register, *figures.WATCH}
        confine.check(self.root, Path(config.config_file_path), Path(config.docs_dir),
                      {"chapters": self.config.chapters, "bibliography": self.config.bibliography,
                       **{option: [self.config[option] or ""] for option in
                          ("archives", "publication", "termbase", "comments", "changelog", "register")}},
                      sorted(f for f in folders if f))

    def on_page_read_source(self, page, config):
        """Every page MkDocs reads from docs/ is read as the edition reads its sources (datafiles.read_text):
        NFC, no byte-order mark, no invisible control characters."""
        if not self.config.enabled or page.file.generated_by or not page.file.abs_src_path:
            return None
        try:
            return read_text(Path(page.file.abs_src_path), f"{Path(config.docs_dir).name}/{page.file.src_uri}")
        except EditionError as exc:
            raise PluginError(f"The edition's sources have {exc.causes} problem(s):\n{exc}") from None

    def _lang(self, config) -> str:
        return config.theme.get("language") or self.config.default_language

    @event_priority(-200)  # after static-i18n (-100), which rebuilds the file list per language
    def on_files(self, files: Files, config) -> Files:
        if not self.config.enabled or self.edition is None:
            return files
        generated = [f"{ARCHIVE_DIR}/{ident}.md" for ident in self.edition.sources.files]
        if len(self.edition.languages) > 1:
            generated += [f"{parallel.PARALLEL_DIR}/{name}" for name in self.config.chapters]
        if self.edition.register:
            generated += [urls.entity_src(ident) for ident in self.edition.register.entities]
        prefix = self._prefix(config)
        for src in generated:
            if files.get_file_from_path(src) is None:
                file = File.generated(config, src, content="# …\n")
                # static-i18n places a non-default language under /<lang>/ by rewriting
                # each file's destination; generated files need the same.
                file.dest_uri = prefix + file.dest_uri
                files.append(file)
        return files

    def _prefix(self, config) -> str:
        lang = self._lang(config)
        return "" if lang == self.config.default_language else f"{lang}/"

    def _name(self, page, lang: str) -> str:
        src = page.file.src_uri
        suffix = f".{lang}.md"
        return src[: -len(suffix)] + ".md" if src.endswith(suffix) else src

    def on_page_markdown(self, markdown: str, page, config, files):
        if not self.config.enabled or self.edition is None:
            return markdown
        lang = self._lang(config)
        name = self._name(page, lang)
        return self._stash_html(page, self._page_markdown(markdown, page, config, files, lang, name))

    def _page_markdown(self, markdown: str, page, config, files, lang: str, name: str) -> str:
        ed = self.edition
        renderer = Renderer(ed, lang, Linker(name), self.emendation_ids if lang == ed.default_lang else None,
                            cards=Cards(), changed=changelog_page.markers(self.versions, lang))
        def directive(which: str) -> str:
            return self._directive(which, page, config, lang, name, files)

        if name in self.config.chapters:
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
            page.meta["search"] = {"exclude": True}   # the same text as the chapters: not twice in search
            return self.parallel_views.page(name[len(parallel.PARALLEL_DIR) + 1:], lang)
        if name.startswith(f"{ARCHIVE_DIR}/"):
            ident = name[len(ARCHIVE_DIR) + 1:-3]
            return registers.archive_file_page(ed, ed.sources.files[ident], lang, Linker(name))
        if name.startswith(f"{urls.REGISTER_DIR}/") and ed.register:
            return entities.entity_page(ed, ed.register.entities[name[len(urls.REGISTER_DIR) + 1:-3]], lang,
                                        Linker(name))
        return _DIRECTIVE_LINE.sub(lambda m: directive(m.group(1)), markdown)

    def _directive(self, which: str, page, config, lang: str, name: str, files) -> str:
        ed = self.edition
        linker = Linker(name)
        if which == "bibliography":
            return registers.bibliography(ed, lang, linker)
        if which == "archives":
            return registers.archives_index(ed, lang, linker)
        if which == "newspapers":
            return registers.newspapers(ed, lang, linker)
        if which == "emendations":
            return registers.emendations(ed, lang, linker)
        if which == "commentary":
            return commentary.listing(ed.commentary, lang, linker.to)
        if which == "glossary":
            return termbase.glossary(ed.termbase, lang) if ed.termbase else ""
        if which == "contents":
            return registers.contents(ed, lang, linker,
                                      [self._name_of(f.src_uri, lang) for f in files.documentation_pages()])
        if which == "publication":
            return registers.publication(ed, lang)
        if which in entities.DIRECTIVES:
            return entities.index_page(ed, entities.DIRECTIVES[which], lang, linker) if ed.register else ""
        if which in figures.DIRECTIVES:
            return self.figures.block(which, lang, linker) if self.figures else ""
        if which == "downloads":
            return exports.downloads_block(lang, linker)
        if which == "offline":
            up = "" if lang == ed.default_lang else "../"  # shared downloads live at the site root
            return offline.offline_link(lang, up + Linker(name).to(f"{exports.DOWNLOADS}/{offline.ZIP_NAME}"),
                                        Linker(name).to("indir.md"))
        if which == "downloadsall":
            up = "" if lang == ed.default_lang else "../"
            folder = Linker(name).to(f"{exports.DOWNLOADS}/-")[:-1]   # e.g. "downloads/" or "../downloads/"
            return downloads_page.downloads_page(ed, lang, lambda f: up + folder + f, self.config.pdf)
        if which == "changelog":
            return changelog_page.changelog_html(self.versions, lang, lambda anchor: self._para_href(linker, lang, anchor))
        if which == "citeguide":
            year = str(ed.sources.publication.get("edition", {}).get("year", ""))
            cs = cite.citation_set(ed.sources.publication, cite.Context(lang, config.site_name, year, False))
            root = (config.site_url or "https://…/") + self._prefix(config)
            return cite.guide_examples(cs, root)
        raise PluginError(f"{page.file.src_uri}: unknown directive {{{which}}}")

    def _para_href(self, linker: Linker, lang: str, anchor: str) -> str:
        for name in self.edition.chapter_names:
            chapter = self.edition.chapter(name, lang)
            if chapter and any(p.anchor == anchor for p in chapter.paragraphs):
                return linker.to(name, anchor)
        return linker.to(name)

    def _stash_html(self, page, markdown: str) -> str:
        """Keep the HTML blocks out of Python-Markdown, which would re-parse them slowly
        (a third of the build): each block becomes a token, put back in on_page_content."""
        stash: dict[str, str] = {}
        blocks = []
        nonce = secrets.token_hex(8)   # a token written in the text itself is not one of ours
        for block in markdown.split("\n\n"):
            if block.lstrip().startswith("<"):
                key = f"EDITIONHTML{nonce}x{len(stash):05d}"
                stash[key] = block
                block = key
            blocks.append(block)
        self._html_blocks[page.file.src_uri] = stash
        return "\n\n".join(blocks)

    def on_page_content(self, html: str, page, config, files) -> str:
        if self.config.enabled:
            self._set_title(page)
        stash = self._html_blocks.pop(page.file.src_uri, None)
        if not stash:
            return html
        return _TOKEN_PARAGRAPH.sub(lambda m: stash.get(m.group(1), m.group(0)), html)

    def _set_title(self, page) -> None:
        """One door for the page's title (issue 22). MkDocs takes it from the first heading as HTML
        text (entities kept); Material writes it raw into the navigation, header and footer, and
        into <title> through `striptags`, which turns `&lt;/title&gt;` back into markup. The title
        is kept here as plain text (for the page's metadata) and given back to MkDocs escaped;
        overrides/main.html writes <title> from `edition_htmltitle`, never through `striptags`."""
        plain = " ".join(html.unescape(page.title or "").split())
        self._titles[page.file.src_uri] = plain
        page.title = escaping.text(plain)
        for key, escape in (("title", escaping.text), ("description", escaping.attr)):   # written raw by Material
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key])

    def _name_of(self, src: str, lang: str) -> str:
        suffix = f".{lang}.md"
        return src[: -len(suffix)] + ".md" if src.endswith(suffix) else src

    def on_post_page(self, output: str, page, config) -> str:
        lang = self._lang(config)
        name = self._name(page, lang)
        self._published.setdefault(lang, set()).add(page_url(name))
        if self.edition is not None and name.startswith((f"{ARCHIVE_DIR}/", f"{parallel.PARALLEL_DIR}/",
                                                         f"{urls.REGISTER_DIR}/")):
            output = addresses.generated_alternates(output, page_url(name), lang, self.edition.languages,
                                                    self.config.default_language)
        output = addresses.absolute_alternates(output, page.canonical_url, self.config.default_language)
        if self.config.enabled:
            output = self._escaped_title(output, page, config)
        return csp.with_policy(siteassets.compact_html(material_fixes.repair(output, lang)), self._nonce)

    def _escaped_title(self, output: str, page, config) -> str:
        """Where a theme without the edition's overrides wrote <title> through `striptags` (Material's
        base.html: the page's title unescaped), write it again escaped. With overrides/main.html
        the title is already escaped and this finds nothing to do."""
        plain = self._titles.get(page.file.src_uri, "")
        if not plain or plain == escaping.text(plain):
            return output
        raw = f"<title>{plain} - {config.site_name}</title>"
        return output.replace(raw, f"<title>{escaping.text(f'{plain} - {config.site_name}')}</title>", 1)

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        output_content = material_fixes.repair(output_content, self._lang(config))  # 404.html
        if template_name != "404.html":
            return output_content
        if self.edition is not None:
            output_content = addresses.home_alternates(output_content, self.edition.languages,
                                                       self.config.default_language)
        return csp.with_policy(offline.page_404_links(output_content, config.site_url), self._nonce)

    def on_build_error(self, *, error):
        self._depth = 0   # a failed build must not leave the next `mkdocs serve` rebuild "inside" it
        self._build_error = str(error)

    def on_serve(self, server, config, builder):
        for path in [*self.config.bibliography, self.config.archives, self.config.publication, self.config.register,
                     *figures.WATCH, self.config.termbase, self.config.comments,
                     *([str(Path(self.config.changelog).parent)] if self.config.changelog else [])]:
            if path and (self.root / path).exists():   # (a watched path that does not exist stops serve)
                server.watch(str(self.root / path))
        server.builder = self._showing_errors(server.builder, Path(config.site_dir))
        # MkDocs injects its live-reload script inline into every page it serves: give it the nonce
        # the pages' policy allows (csp.py), so that live reload keeps working under the policy.
        inject, nonce = server._inject_js_into_html, self._nonce.encode()

        def inject_with_nonce(content, epoch):
            out = inject(content, epoch)
            at = out.rfind(b"<script>")
            return out[:at] + b'<script nonce="' + nonce + b'">' + out[at + 8:] if at >= 0 and nonce else out

        server._inject_js_into_html = inject_with_nonce
        return server

    def _showing_errors(self, builder, site_dir: Path):
        """MkDocs' server holds every request while a rebuild has failed (the browser waits, with
        no sign of why): a failed rebuild is shown instead, in place of every page, and the pages
        come back by themselves (live reload) when the sources are fixed."""
        def build():
            self._build_error = ""
            try:
                builder()
            except Exception:   # noqa: BLE001 - MkDocs has logged it; the reader sees it too
                serve_error_pages(site_dir, self._build_error or "the build failed (see the terminal)")
                log.error("The rebuild failed: every page shows the problem until the sources are fixed.")
        return build

    def on_env(self, env, config, files):
        # The edition's CSS, script and card files: files of their own, cached across pages (siteassets).
        if self._assets is None:
            ed = self.edition if self.config.enabled else None
            self._assets = siteassets.build({lang: siteassets.shared_cards(ed, lang, self.figures, self.config.chapters)
                                             for lang in ed.languages} if ed else {})
        env.globals["edition_css_file"] = self._assets.css
        env.globals["edition_js_file"] = self._assets.js
        return env

    def on_page_context(self, context, page, config, nav):
        # The site root of the page's language ("" or "en"): overrides/main.html points
        # Material's search at that language's own index.
        context["edition_lang_root"] = self._prefix(config).rstrip("/")
        if not self.config.enabled:
            return context
        plain = self._titles.get(page.file.src_uri, "")
        # Material's rule (base.html, block htmltitle): a front-matter title, or the page's title
        # except on the home page, then the site's name; written here as escaped text.
        shown = f"{plain} - {config.site_name}" if plain and (page.meta.get("title") or not page.is_homepage) \
            else config.site_name
        context["edition_htmltitle"] = escaping.text(shown)
        if self.edition is None:
            return context
        lang = self._lang(config)
        pub = self.edition.sources.publication
        name = self._name(page, lang)
        url = (config.site_url or "") + page.file.url if config.site_url else ""
        shown_url = url or page.file.url
        v = self.versions.current if self.versions else None
        if lang not in self._cite_sets:   # formatted once per language and build
            year = str(v.date.year) if v else str(pub.get("edition", {}).get("year", ""))
            ctx = cite.Context(lang, config.site_name, year, lang != self.edition.default_lang,
                               v.version if v else "")
            self._cite_sets[lang] = cite.citation_set(pub, ctx)
        linker = Linker(name)
        context["edition_cite_block"] = cite.cite_block(
            self._cite_sets[lang], shown_url, lambda ext: linker.to(f"{exports.DOWNLOADS}/makale.{ext}"),
            linker.to("atif.md"), lambda ext: linker.to(f"{exports.DOWNLOADS}/{version_files.EDITION_FILES}.{ext}"),
            v.version if v else "", cite.unconfirmed_note(pub, lang))
        if self.versions:
            context["edition_version_footer"] = changelog_page.footer_html(self.versions, lang,
                                                                     linker.to(versions.CHANGELOG_PAGE))
        others = [x for x in self.edition.languages if x != lang]
        kind, title = meta.page_kind(name, self.config.chapters), plain
        context["edition_meta"] = meta.meta_tags(pub, lang, url, config.site_name, others, kind, title,
                                                 self.edition.default_lang)
        editors = pub.get("edition", {}).get("editors", {}).get(lang, "")
        mentions = []
        if self.edition.mentions and name in self.config.chapters:
            base = (config.site_url or "") + self._prefix(config)
            mentions = entities.json_ld_mentions(self.edition, self.edition.mentions.by_chapter.get((lang, name), []),
                                                 lang, lambda src: base + page_url(src) if config.site_url else "")
        context["edition_jsonld"] = meta.json_ld(pub, lang, self.edition.default_lang, url, editors, kind, title,
                                                 config.site_name, v.version if v else "",
                                                 v.date.isoformat() if v else "", mentions)
        return context

    @event_priority(-50)
    def _write_downloads(self, config):
        if self._assets is not None:
            self._assets.write(Path(config.site_dir))
        if not self.config.enabled or self.edition is None:
            return
        exports.write_bibliography_downloads(self.edition, Path(config.site_dir) / self._prefix(config))
        exports.write_article_downloads(self.edition, Path(config.site_dir) / self._prefix(config))
        if self.versions:
            lang = self._lang(config)
            name = config.site_name if lang == self.edition.default_lang else self._site_name(config, lang)
            record = cite.EditionRecord(name, lang, self.versions.current.version,
                                        self.versions.current.date.isoformat(),
                                        (config.site_url or "") + self._prefix(config) if config.site_url else "")
            version_files.write_edition_downloads(Path(config.site_dir) / self._prefix(config) / exports.DOWNLOADS, record)

    @event_priority(-150)  # after static-i18n (-100), which builds the other languages and merges the index
    def _finish_site(self, config):
        self._depth -= 1
        if not self.config.enabled or self.edition is None or self._depth > 0:
            return  # an inner (per-language) build: the site is not complete yet
        site = Path(config.site_dir)
        langs = self.edition.languages
        self._split_search_index(site, langs)
        addresses.write_sitemaps(site, config.site_url, self._published, langs, self.config.default_language)
        addresses.folder_sitemaps(site, [ARCHIVE_DIR, parallel.PARALLEL_DIR, urls.REGISTER_DIR], langs,
                                  self.config.default_language)
        version_files.write_version_file(site, self.edition, self.versions)
        if self.config.exports:
            self._write_offline(config, site)

    def _split_search_index(self, site: Path, langs: list[str]) -> None:
        path = site / "search" / "search_index.json"
        if not path.exists():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        for lang, part in search.split_index(index, self.config.default_language, langs).items():
            out = site / ("" if lang == self.config.default_language else lang) / "search" / "search_index.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            data = json.dumps(part, ensure_ascii=False, separators=(",", ":"))
            out.write_text(data, encoding="utf-8")
            # From file:// Material reads the index as a script (what its offline plugin does).
            out.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")

    def _write_offline(self, config, site: Path) -> None:
        """Shared downloads at the site root: one-file editions (and PDFs), data, the offline zip."""
        ed = self.edition
        docs = Path(config.docs_dir)
        out = site / exports.DOWNLOADS
        out.mkdir(parents=True, exist_ok=True)
        for lang in ed.languages:
            prose = {}
            for page in ("ilkeler.md", "ceviri.md", "sozluk.md"):
                source = docs / chapter_path(page, lang)
                if source.exists():
                    prose[page] = offline.single_file_links(split_front_matter(read_text(source, f"docs/{source.name}"))[0])
            name = config.site_name if lang == ed.default_lang else self._site_name(config, lang)
            extra = (self.figures.single_file(lang),) if self.figures else ()
            css = figures.PRINT_CSS if self.figures else ""
            document = csp.with_policy(offline.single_file(ed, lang, name, prose, extra, css))   # no script at all
            (out / offline.SINGLE_NAME.format(lang=lang)).write_text(document, encoding="utf-8")
            if self.config.pdf:
                formats.write_pdf(document, out / formats.PDF_NAME.format(lang=lang))
        exports.write_data_downloads(ed, site, docs)
        formats.write_formats(ed, out, docs, lambda lang: self._site_name(config, lang),
                              self.versions.current if self.versions else None, self.figures)
        for lang in ed.languages:
            formats.fill_sizes(site / self._prefix_of(lang) / "indir.html", out, lang)
        if self.serving:
            return
        size = offline.write_zip(site, out / offline.ZIP_NAME, ed.languages)
        for lang in ed.languages:   # the zip's own size (its copy of the page shows "…")
            formats.fill_sizes(site / self._prefix_of(lang) / "indir.html", out, lang)
        for lang in ed.languages:
            home = site / ("" if lang == ed.default_lang else lang) / "index.html"
            if home.exists():
                offline.fill_size(home, size, lang)

    def _prefix_of(self, lang: str) -> str:
        return "" if lang == self.config.default_language else lang

    def _site_name(self, config, lang: str) -> str:
        for plugin in [config.plugins.get("i18n")]:
            for language in getattr(plugin, "config", {}).get("languages", []) if plugin else []:
                if language.get("locale") == lang and language.get("site_name"):
                    return language["site_name"]
        return config.site_name

    on_post_build = CombinedEvent(_write_downloads, _finish_site)


ERROR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed · Derleme başarısız</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}
pre{{white-space:pre-wrap;background:#fdecea;border-left:4px solid #b71c1c;padding:1rem}}</style></head>
<body><h1>The edition's sources have a problem · Kaynaklarda bir sorun var</h1>
<p>Fix it and save: this page reloads by itself. · Düzeltip kaydedin: sayfa kendiliğinden yenilenir.</p>
<pre>{message}</pre></body></html>
"""


def serve_error_pages(site_dir: Path, message: str) -> None:
    """Under `mkdocs serve` only: every page of the served folder shows the failed build's message
    (escaped); the next good build writes the pages again."""
    page = ERROR_PAGE.format(message=escaping.text(message))
    for path in site_dir.rglob("*.html"):
        path.write_text(page, encoding="utf-8")
