"""One search index per language, and search that forgives diacritics.

static-i18n writes one index for all languages, so Turkish pages would list
English hits. `split_index` gives each language its own index (locations
relative to that language's root). lunr lowercases "İ" to "i̇" and knows
nothing of ş/ğ/ı, so `with_variants` appends, for every word with such letters,
its plain-Latin form, and for a few names the spellings readers use
("Rüştü" for the article's "Rüşdü"): "Rusdu", "izvestiya" and "Rüştü" all find
Tevfik Rüşdü and İzvestiya.
"""
from __future__ import annotations

import re
from functools import lru_cache

from edition.core.turkish import lower, plain_latin

#: spellings readers search for -> the forms the article uses
NAME_VARIANTS = {
    "Rüşdü": ["Rüştü", "Rushdi", "Rusdu"],
    "Çiçerin": ["Chicherin"],
    "Chicherin": ["Çiçerin"],
    "Karahan": ["Karakhan"],
    "Karakhan": ["Karahan"],
    "Zinovyev": ["Zinoviev"],
    "Zinoviev": ["Zinovyev"],
    "İzvestiya": ["Izvestiia", "Izvestia"],
    "Izvestiia": ["İzvestiya", "Izvestiya", "Izvestia"],
    "Surits": ["Suritz"],
}

_WORD = re.compile(r"[^\W\d_]+", re.U)


def variants(text: str) -> list[str]:
    plain = re.sub(r"<[^>]+>", " ", text)
    out: dict[str, None] = {}
    for word in dict.fromkeys(_WORD.findall(plain)):   # each distinct word once, in order
        for v in _word_variants(word):
            out[v] = None
    return list(out)


@lru_cache(maxsize=65536)
def _word_variants(word: str) -> tuple[str, ...]:
    out: list[str] = []
    folded = plain_latin(word)
    if folded != word:
        out.append(folded.lower())
    turkish_lower = lower(word)
    if turkish_lower != word.lower():  # lunr lowercases "IRAK" to "irak", a Turk types "ırak"
        out.append(turkish_lower)
    for name, alts in NAME_VARIANTS.items():
        if word.startswith(name):
            for alt in alts:
                out += [alt, plain_latin(alt).lower()]
    return tuple(out)


def with_variants(doc: dict) -> dict:
    extra = variants(doc.get("title", "") + " " + doc.get("text", ""))
    if not extra:
        return doc
    return {**doc, "text": doc.get("text", "") + f' <span hidden class="search-variants">{" ".join(extra)}</span>'}


#: pages whose sections (lists of mentions, documents, sources: excluded with data-search-exclude)
#: leave only their headings in the index; the page itself (names, role, facts) stays
SECTIONLESS = ("dizin/",)   # urls.REGISTER_DIR


def _empty_section(location: str) -> bool:
    return "#" in location and location.startswith(SECTIONLESS)


def split_index(index: dict, default_lang: str, langs: list[str]) -> dict[str, dict]:
    """{lang: index} with each language's documents only, located from its own root."""
    out = {}
    for lang in langs:
        prefix = "" if lang == default_lang else f"{lang}/"
        others = tuple(f"{x}/" for x in langs if x != default_lang)
        docs = []
        for doc in index["docs"]:
            loc = doc["location"]
            mine = loc.startswith(prefix) if prefix else not loc.startswith(others)
            if mine and not _empty_section(loc[len(prefix):]):
                docs.append(with_variants({**doc, "location": loc[len(prefix):]}))
        config = {**index["config"], "lang": [lang]}
        out[lang] = {**index, "config": config, "docs": docs}
    return out
