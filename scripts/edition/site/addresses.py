"""The site's public address (issue 15): absolute language alternates, and a warning when a
production build has none.

With `site_url` set (`EDITION_SITE_URL`), MkDocs gives each page a canonical address, but the
language alternates that Material writes for static-i18n stay relative (`../giris.html`), which
search engines ignore (Lighthouse: hreflang "Relative href value"). `absolute_alternates` makes
them absolute against the page's canonical address and adds the `x-default` alternate (the
default language). Without a site address nothing changes: a local or offline copy has none.

Pages the edition generates (parallel views, archive pages, register entity pages) are unknown to static-i18n, which
leaves them the alternates of another page (the language switch of a parallel view led to a
different chapter): `generated_alternates` writes theirs from the page's own path.

A production build (`EDITION_PRODUCTION=true`, the plugin's `production` option) without a site
address gets a warning, which `mkdocs build --strict` turns into a failed build.
"""
from __future__ import annotations

import gzip
import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin

from edition.core.escaping import attr, text

_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)"\s*/?>')

MISSING_SITE_URL = ("production build without a site address: canonical links, language alternates "
                    "(hreflang), og:url and the sitemap need it; set EDITION_SITE_URL=https://…/ (see handbook/releases.md)")


def absolute_alternates(html: str, page_url: str | None, default_lang: str) -> str:
    """`<link rel="alternate" hreflang>` addresses made absolute against `page_url`, plus x-default."""
    if not page_url:
        return html
    default = []

    def repl(m: re.Match) -> str:
        href = urljoin(page_url, m.group(1).replace("&amp;", "&"))
        tag = f'<link rel="alternate" href="{attr(href)}" hreflang="{attr(m.group(2))}">'
        if m.group(2) == default_lang and not default:
            default.append(href)
            tag += f'\n    <link rel="alternate" href="{attr(href)}" hreflang="x-default">'
        return tag

    return _ALTERNATE.sub(repl, html)


def site_url_problem(site_url: str | None, production: bool) -> str | None:
    """The warning for a production build without a public address, or None."""
    if production and not site_url:
        return MISSING_SITE_URL
    return None


_LANGUAGE_LINK = re.compile(r'(<(?:link rel="alternate"|a) href=")([^"]*)(" hreflang="([A-Za-z-]+)")')


def generated_alternates(html: str, dest: str, lang: str, langs: list[str], default_lang: str) -> str:
    """Language alternates and language-switch links of a generated page at `dest` (its path
    without the language folder, e.g. "paralel/giris.html"): the same path in each language."""
    def where(code: str) -> str:
        return dest if code == default_lang else f"{code}/{dest}"

    here = posixpath.dirname(where(lang)) or "."

    def repl(m: re.Match) -> str:
        code = m.group(4)
        if code not in langs:
            return m.group(0)
        return m.group(1) + attr(posixpath.relpath(where(code), here)) + m.group(3)

    return _LANGUAGE_LINK.sub(repl, html)


def home_alternates(html: str, langs: list[str], default_lang: str) -> str:
    """The 404 page has no counterpart: its language switch and alternates lead to each
    language's home, root-absolute (offline.page_404_links roots them at the site's path)."""
    def repl(m: re.Match) -> str:
        code = m.group(4)
        if code not in langs:
            return m.group(0)
        return m.group(1) + ("/index.html" if code == default_lang else f"/{attr(code)}/index.html") + m.group(3)

    return _LANGUAGE_LINK.sub(repl, html)


EMPTY_SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')


def folder_sitemaps(site: Path, folders: list[str], langs: list[str], default_lang: str) -> None:
    """Material reads `sitemap.xml` next to every language alternate of a page (to keep the page
    when switching language); for pages in sub-folders (parallel views, archive pages) that is
    `paralel/sitemap.xml`, `dizin/sitemap.xml`: an empty, valid one there, instead of a 404 on every such page."""
    for lang in langs:
        root = site if lang == default_lang else site / lang
        for folder in folders:
            if (root / folder).is_dir() and not (root / folder / "sitemap.xml").exists():
                (root / folder / "sitemap.xml").write_text(EMPTY_SITEMAP, encoding="utf-8")


def sitemap(site_url: str, pages: dict[str, set[str]], langs: list[str], default_lang: str) -> str:
    """The sitemap of every published page of every language (`pages`: language -> paths
    without the language folder), each with its alternates in the languages that have it
    (xhtml:link, and x-default for the default language). No lastmod: the same sources give
    the same file (release bundles are byte-identical)."""
    base = site_url if site_url.endswith("/") else site_url + "/"

    def where(code: str, dest: str) -> str:
        return base + (dest if code == default_lang else f"{code}/{dest}")

    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for lang in langs:
        for dest in sorted(pages.get(lang, ())):
            out.append(f"  <url>\n    <loc>{text(where(lang, dest))}</loc>")
            have = [code for code in langs if dest in pages.get(code, ())]
            if len(have) > 1:
                for code in have:
                    out.append(f'    <xhtml:link rel="alternate" hreflang="{attr(code)}" href="{attr(where(code, dest))}"/>')
                if default_lang in have:
                    out.append(f'    <xhtml:link rel="alternate" hreflang="x-default" '
                               f'href="{attr(where(default_lang, dest))}"/>')
            out.append("  </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def write_sitemaps(site: Path, site_url: str | None, pages: dict[str, set[str]], langs: list[str],
                   default_lang: str) -> None:
    """sitemap.xml (and .gz) at the root and in each language's folder (Material's language
    selector reads `<lang>/sitemap.xml`). Without a site address a sitemap's addresses would be
    meaningless (a sitemap holds absolute addresses only): an empty, valid one is written."""
    body = sitemap(site_url, pages, langs, default_lang) if site_url else EMPTY_SITEMAP
    for lang in langs:
        root = site if lang == default_lang else site / lang
        if not root.is_dir():
            continue
        (root / "sitemap.xml").write_text(body, encoding="utf-8")
        gz = root / "sitemap.xml.gz"
        if site_url:
            gz.write_bytes(gzip.compress(body.encode("utf-8"), mtime=0))
        else:
            gz.unlink(missing_ok=True)
