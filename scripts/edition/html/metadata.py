"""Metadata that reference managers and indexers read: Highwire Press
`citation_*` tags (Zotero and Google Scholar rely on them), Dublin Core, Open Graph
and schema.org JSON-LD. Only confirmed publication data appears; unknown fields are
left out.

Per page type (`page_kind`): only the article's own pages (its chapters) carry the
article's `citation_*` tags — one article per URL, as Google Scholar wants — with the
chapter's title in Dublin Core, Open Graph and JSON-LD; the bibliography, archive,
downloads and other edition pages describe themselves (DC, Open Graph, a schema.org
page about the article) and claim to be no article. Every language says its own
language: an English page is the edition's translation (`inLanguage` en,
`translationOfWork` the article).
"""
from __future__ import annotations

from edition.core import escaping
from edition.core import i18n

OG_LOCALES = i18n.each("og_locale")
DC_SCHEMA = "http://purl.org/dc/elements/1.1/"
KINDS = ("article", "bibliography", "archive", "downloads", "edition")
_SCHEMA_TYPES = {"bibliography": "CollectionPage", "archive": "ItemPage", "downloads": "WebPage", "edition": "WebPage"}
_DC_TYPES = {"article": "Text", "bibliography": "Dataset", "archive": "Dataset", "downloads": "Dataset", "edition": "Text"}


def page_kind(name: str, chapters: list[str]) -> str:
    """The page type of a page (its source name without the language suffix)."""
    if name in chapters:
        return "article"
    if name.startswith("arsiv/"):
        return "archive"
    if name in ("kaynakca.md", "gazeteler.md", "arsivler.md"):
        return "bibliography"
    if name == "indir.md":
        return "downloads"
    return "edition"


def _title(pub: dict) -> str:
    return pub.get("title") or pub.get("title_en", "")


def _article_title(pub: dict, lang: str, default_lang: str) -> str:
    """The article's title in the page's language: an English page shows the translation."""
    return pub.get("title_en") or _title(pub) if lang != default_lang else _title(pub)


def meta_tags(pub: dict, lang: str, page_url: str, site_name: str, other_langs: list[str],
              kind: str = "article", page_title: str = "", default_lang: str = "tr") -> list[tuple[str, str, str]]:
    """(attribute, name, content) triples, in a stable order."""
    title = _article_title(pub, lang, default_lang)
    tags: list[tuple[str, str, str]] = []
    if kind == "article":
        tags.append(("name", "citation_title", title))
        for author in pub.get("authors", []):
            tags.append(("name", "citation_author", author))
        for name, key in (("citation_journal_title", "journal"), ("citation_volume", "volume"),
                          ("citation_issue", "issue"), ("citation_firstpage", "first_page"),
                          ("citation_lastpage", "last_page"), ("citation_publication_date", "year"),
                          ("citation_doi", "doi")):
            if pub.get(key):
                tags.append(("name", name, str(pub[key])))
        tags.append(("name", "citation_language", lang))
        if pub.get("url"):
            tags.append(("name", "citation_abstract_html_url", pub["url"]))
        if page_url:
            tags.append(("name", "citation_fulltext_html_url", page_url))
    own_title = page_title if kind != "article" or not page_title or page_title == title else f"{page_title} — {title}"
    tags += [("name", "DC.title", own_title or title), ("name", "DC.type", _DC_TYPES[kind]),
             ("name", "DC.language", lang)]
    if kind == "article":
        for author in pub.get("authors", []):
            tags.append(("name", "DC.creator", author))
        if pub.get("journal"):
            tags.append(("name", "DC.source", pub["journal"]))
        if pub.get("url"):
            tags.append(("name", "DC.identifier", pub["url"]))
    else:
        tags.append(("name", "DC.relation", pub.get("url") or title))   # what the page is about: the article
    if page_url and kind != "article":
        tags.append(("name", "DC.identifier", page_url))
    tags += [("property", "og:type", "article" if kind == "article" else "website"),
             ("property", "og:title", own_title or title),
             ("property", "og:site_name", site_name), ("property", "og:locale", OG_LOCALES.get(lang, lang))]
    for other in other_langs:
        tags.append(("property", "og:locale:alternate", OG_LOCALES.get(other, other)))
    if page_url:
        tags.append(("property", "og:url", page_url))
    return tags


def _original(pub: dict) -> dict:
    original = {"@type": "ScholarlyArticle", "name": _title(pub), "inLanguage": pub.get("language", "tr")}
    if pub.get("title_en") and pub.get("title"):
        original["alternateName"] = pub["title_en"]
    if pub.get("authors"):
        original["author"] = [{"@type": "Person", "name": a} for a in pub["authors"]]
    if pub.get("journal"):
        original["isPartOf"] = {"@type": "Periodical", "name": pub["journal"]}
    if pub.get("url"):
        original["url"] = pub["url"]
        original["sameAs"] = pub["url"]
    if pub.get("doi"):
        original["identifier"] = f"https://doi.org/{pub['doi']}"
    return original


def json_ld_data(pub: dict, lang: str, default_lang: str, page_url: str, translator: str,
                 kind: str = "article", page_title: str = "", site_name: str = "") -> dict:
    original = _original(pub)
    if kind != "article":
        data = {"@context": "https://schema.org", "@type": _SCHEMA_TYPES[kind], "name": page_title or site_name,
                "inLanguage": lang, "about": original}
        if site_name:
            data["isPartOf"] = {"@type": "WebSite", "name": site_name}
        if page_url:
            data["url"] = page_url
        return data
    if lang == default_lang:
        data = {"@context": "https://schema.org", **original}
        if page_url:
            data["mainEntityOfPage"] = page_url
    else:
        data = {"@context": "https://schema.org", "@type": "ScholarlyArticle",
                "name": pub.get("title_en") or original["name"], "inLanguage": lang,
                "translationOfWork": original,
                "translator": {"@type": "Organization", "name": translator}}
        if page_url:
            data["url"] = page_url
    if page_title and page_title != data["name"]:
        part = {"@type": "WebPageElement", "name": page_title, "inLanguage": lang}
        if page_url:
            part["url"] = page_url
        data["hasPart"] = part
    return data


def json_ld(pub: dict, lang: str, default_lang: str, page_url: str, translator: str,
            kind: str = "article", page_title: str = "", site_name: str = "",
            version: str = "", modified: str = "", mentions: list[dict] | None = None) -> str:
    data = json_ld_data(pub, lang, default_lang, page_url, translator, kind, page_title, site_name)
    if version:   # this edition's version and its date (changelog/changelog.yaml)
        data["version"] = version
        data["dateModified"] = modified
    if mentions:
        data["mentions"] = mentions   # the register entries the page names (entities.json_ld_mentions)
    # no text can end the script element or open a comment: "<", ">", "&", U+2028/9 escaped
    return escaping.json_script(data)


def head_html(tags: list[tuple[str, str, str]]) -> str:
    """The tags as HTML (the one-file editions; the site's pages write them in overrides/main.html)."""
    lines = [f'<link rel="schema.DC" href="{DC_SCHEMA}">']
    lines += [f'<meta {attr}="{escaping.attr(name)}" content="{escaping.attr(content)}">' for attr, name, content in tags]
    return "\n".join(lines)
