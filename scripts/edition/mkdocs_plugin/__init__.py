"""MkDocs plugin: the thin adapter between MkDocs and the edition package — the MkDocs glue alone.

`on_pre_build` loads the edition once with `load_edition` (edition.assembly.load): it runs before
MkDocs cleans site_dir, so bad input stops the build with the previous site untouched (static-i18n
builds the other languages later in the same process, so everything is checked here, once, up
front). Every other hook hands plain values to one `SiteBuild` (edition.assembly.site). static-i18n
runs each other language's build inside this one: `_depth` counts how deep we are, so that the
whole-site work runs once, when the outermost build ends.
"""
from __future__ import annotations

import logging
import secrets
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from edition.assembly.load import load_edition
from edition.assembly.settings import Settings
from edition.assembly.site import SiteBuild, UnknownDirective
from edition.core.errors import EditionError
from edition.site import addresses, csp, errorpage
from edition.sources.datafiles import read_text

log = logging.getLogger("mkdocs.plugins.edition")


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
    # The whole-site exports (offline zip, one-file editions, data); off where nothing reads them.
    exports = c.Type(bool, default=True)
    # The termbase and the editorial commentary (data files relative to mkdocs.yml; "" = none).
    termbase = c.Type(str, default="")
    comments = c.Type(str, default="")
    # A build for publication (EDITION_PRODUCTION=true): warns when there is no site address.
    production = c.Type(bool, default=False)


def settings(config, options) -> Settings:
    """The build's settings from MkDocs' configuration and this plugin's options (also for tests)."""
    i18n = config.plugins.get("i18n")
    names = {x["locale"]: x["site_name"] for x in (i18n.config.get("languages", []) if i18n else [])
             if x.get("locale") and x.get("site_name")}
    return Settings(
        Path(config.config_file_path).resolve().parent, Path(config.config_file_path), Path(config.docs_dir),
        list(options.chapters), list(options.bibliography), options.archives, options.publication, options.register,
        options.default_language, options.changelog, options.termbase, options.comments, options.pdf,
        options.exports, options.production, names)


def failure_message(exc: EditionError) -> str:
    """What a build stopped by bad sources reports (also what the bad-input tests read)."""
    return f"The edition's sources have {exc.causes} problem(s):\n{exc}"


def _failed(exc: EditionError) -> PluginError:
    return PluginError(failure_message(exc))


class EditionPlugin(BasePlugin[EditionConfig]):
    def __init__(self):
        self.site: SiteBuild | None = None
        self.serving, self._nonce, self._depth, self._build_error = False, "", 0, ""

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self._nonce = secrets.token_urlsafe(18) if self.serving else ""

    def on_config(self, config):
        self._depth += 1
        if self._depth > 1:
            return  # an inner per-language build: keep the edition the outer build checked
        if self.config.enabled and (problem := addresses.site_url_problem(config.site_url, self.config.production)):
            log.warning(problem)
        self.site = SiteBuild(settings(config, self.config), None, self.serving, self._nonce)

    def on_pre_build(self, config):
        if self.config.enabled and self.site.edition is None:
            try:
                self.site = SiteBuild(self.site.settings, load_edition(self.site.settings), self.serving, self._nonce)
            except EditionError as exc:
                raise _failed(exc) from None

    def on_page_read_source(self, page, config):
        """Every page is read as the edition reads its sources (NFC, no BOM, no control characters)."""
        if not self.config.enabled or page.file.generated_by or not page.file.abs_src_path:
            return None
        try:
            return read_text(Path(page.file.abs_src_path), f"{Path(config.docs_dir).name}/{page.file.src_uri}")
        except EditionError as exc:
            raise _failed(exc) from None

    def _lang(self, config) -> str:
        return config.theme.get("language") or self.config.default_language

    @event_priority(-200)  # after static-i18n (-100), which rebuilds the file list per language
    def on_files(self, files: Files, config) -> Files:
        if self.site.edition is None:
            return files
        prefix = self.site.prefix(self._lang(config))
        for src in self.site.generated_pages():
            if files.get_file_from_path(src) is None:
                file = File.generated(config, src, content="# …\n")
                file.dest_uri = prefix + file.dest_uri   # static-i18n's language folder, for generated files too
                files.append(file)
        return files

    def on_page_markdown(self, markdown: str, page, config, files):
        if self.site.edition is None:
            return markdown
        try:
            return self.site.page_markdown(markdown, page.file.src_uri, self._lang(config), page.meta,
                                           [f.src_uri for f in files.documentation_pages()], config.site_name,
                                           config.site_url)
        except UnknownDirective as exc:
            raise PluginError(str(exc)) from None

    def on_page_content(self, html: str, page, config, files) -> str:
        if self.config.enabled:
            page.title = self.site.page_title(page.file.src_uri, page.title, page.meta)
        return self.site.page_content(html, page.file.src_uri)

    def on_post_page(self, output: str, page, config) -> str:
        return self.site.post_page(output, page.file.src_uri, self._lang(config), page.canonical_url, config.site_name)

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        return self.site.post_template(output_content, template_name, self._lang(config), config.site_url)

    def on_build_error(self, *, error):
        self._depth = 0   # a failed build must not leave the next `mkdocs serve` rebuild "inside" it
        self._build_error = str(error)

    def on_serve(self, server, config, builder):
        for path in self.site.settings.watched():
            if (self.site.settings.root / path).exists():   # (a watched path that does not exist stops serve)
                server.watch(str(self.site.settings.root / path))
        server.builder = errorpage.showing_errors(server.builder, Path(config.site_dir), lambda: self._build_error,
                                                  lambda: setattr(self, "_build_error", ""), log)
        server._inject_js_into_html = csp.with_nonce(server._inject_js_into_html, self._nonce)
        return server

    def on_env(self, env, config, files):
        assets = self.site.assets()
        env.globals["edition_css_file"], env.globals["edition_js_file"] = assets.css, assets.js
        return env

    def on_page_context(self, context, page, config, nav):
        # The site root of the page's language ("" or "en"): Material's search reads that language's index.
        context["edition_lang_root"] = self.site.prefix(self._lang(config)).rstrip("/")
        if not self.config.enabled:
            return context
        context["edition_htmltitle"] = self.site.html_title(page.file.src_uri, config.site_name,
                                                            bool(page.meta.get("title")), page.is_homepage)
        if self.site.edition is not None:
            context.update(self.site.page_context(page.file.src_uri, self._lang(config), page.file.url,
                                                  config.site_name, config.site_url))
        return context

    @event_priority(-50)
    def _write_downloads(self, config):
        self.site.write_assets(Path(config.site_dir))
        if self.site.edition is not None:
            self.site.write_downloads(Path(config.site_dir), self._lang(config), config.site_name, config.site_url)

    @event_priority(-150)  # after static-i18n (-100), which builds the other languages and merges the index
    def _finish_site(self, config):
        self._depth -= 1
        if self.site.edition is not None and self._depth == 0:   # the outermost build: the site is complete
            self.site.finish(Path(config.site_dir), Path(config.docs_dir), config.site_name, config.site_url)

    on_post_build = CombinedEvent(_write_downloads, _finish_site)
