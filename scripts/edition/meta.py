"""Metadata that reference managers and indexers read: Highwire Press
`citation_*` tags (Zotero relies on them), Dublin Core, Open Graph and a
schema.org ScholarlyArticle (the English pages as a translationOfWork).
Only confirmed publication data appears; unknown fields are left out."""
from __future__ import annotations

import json

OG_LOCALES = {"tr": "tr_TR", "en": "en_US"}


def meta_tags(pub: dict, lang: str, page_url: str, site_name: str, other_langs: list[str]) -> list[tuple[str, str, str]]:
    """(attribute, name, content) triples, in a stable order."""
    title = pub.get("title") or pub.get("title_en", "")
    tags: list[tuple[str, str, str]] = [("name", "citation_title", title)]
    for author in pub.get("authors", []):
        tags.append(("name", "citation_author", author))
    for name, key in (("citation_journal_title", "journal"), ("citation_volume", "volume"),
                      ("citation_issue", "issue"), ("citation_firstpage", "first_page"),
                      ("citation_lastpage", "last_page"), ("citation_publication_date", "year"),
                      ("citation_doi", "doi")):
        if pub.get(key):
            tags.append(("name", name, str(pub[key])))
    tags.append(("name", "citation_language", pub.get("language", "tr")))
    if pub.get("url"):
        tags.append(("name", "citation_abstract_html_url", pub["url"]))
    if page_url:
        tags.append(("name", "citation_fulltext_html_url", page_url))
    tags += [("name", "DC.title", title), ("name", "DC.type", "Text"),
             ("name", "DC.language", pub.get("language", "tr"))]
    for author in pub.get("authors", []):
        tags.append(("name", "DC.creator", author))
    if pub.get("journal"):
        tags.append(("name", "DC.source", pub["journal"]))
    if pub.get("url"):
        tags.append(("name", "DC.identifier", pub["url"]))
    tags += [("property", "og:type", "article"), ("property", "og:title", title),
             ("property", "og:site_name", site_name), ("property", "og:locale", OG_LOCALES.get(lang, lang))]
    for other in other_langs:
        tags.append(("property", "og:locale:alternate", OG_LOCALES.get(other, other)))
    if page_url:
        tags.append(("property", "og:url", page_url))
    return tags


def json_ld(pub: dict, lang: str, default_lang: str, page_url: str, translator: str,
            version: str = "", modified: str = "") -> str:
    original = {"@type": "ScholarlyArticle", "name": pub.get("title") or pub.get("title_en", ""),
                "inLanguage": pub.get("language", "tr")}
    if pub.get("title_en"):
        original["alternateName"] = pub["title_en"]
    if pub.get("authors"):
        original["author"] = [{"@type": "Person", "name": a} for a in pub["authors"]]
    if pub.get("journal"):
        periodical = {"@type": "Periodical", "name": pub["journal"]}
        original["isPartOf"] = periodical
    if pub.get("url"):
        original["url"] = pub["url"]
        original["sameAs"] = pub["url"]
    if pub.get("doi"):
        original["identifier"] = f"https://doi.org/{pub['doi']}"
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
    if version:   # this edition's version and its date (changelog/changelog.yaml)
        data["version"] = version
        data["dateModified"] = modified
    # "</" must not end the script element early
    return json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
