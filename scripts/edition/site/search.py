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
import unicodedata
from functools import lru_cache

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

_FOLD = str.maketrans({"ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ğ": "g", "Ğ": "G", "ç": "c", "Ç": "C",
                       "ö": "o", "Ö": "O", "ü": "u", "Ü": "U", "â": "a", "î": "i", "û": "u"})
_WORD = re.compile(r"[^\W\d_]+", re.U)


@lru_cache(maxsize=65536)  # pure; the same words recur on every page
def fold(word: str) -> str:
    """Plain-Latin form: Rüşdü -> Rusdu, İzvestiya -> Izvestiya, Çiçerin -> Cicerin."""
    word = word.translate(_FOLD)
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


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
    folded = fold(word)
    if folded != word:
        out.append(folded.lower())
    turkish_lower = word.replace("I", "ı").replace("İ", "i").lower()
    if turkish_lower != word.lower():  # lunr lowercases "IRAK" to "irak", a Turk types "ırak"
        out.append(turkish_lower)
    for name, alts in NAME_VARIANTS.items():
        if word.startswith(name):
            for alt in alts:
                out += [alt, fold(alt).lower()]
    return tuple(out)


def with_variants(doc: dict) -> dict:
    extra = variants(doc.get("title", "") + " " + doc.get("text", ""))
    if not extra:
        return doc
    return {**doc, "text": doc.get("text", "") + f' <span hidden class="search-variants">{" ".join(extra)}</span>'}


#: pages whose sections (lists of mentions, documents, sources: excluded with data-search-exclude)
#: leave only their headings in the index; the page itself (names, role, facts) stays
SECTIONLESS = ("dizin/",)   # entities.REGISTER_DIR


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
