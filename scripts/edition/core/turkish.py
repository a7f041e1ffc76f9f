"""Turkish text, one helper per job: lower case, case folding for matching, a plain-Latin form for
search, and alphabetical order (Turkish alphabet for Turkish, accents ignored for English)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLD = (("İ", "i"), ("I", "ı"), ("â", "a"), ("î", "i"), ("û", "u"), ("Â", "a"), ("Î", "i"), ("Û", "u"),
         ("’", "'"), ("‘", "'"))
_PLAIN = str.maketrans({"ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ğ": "g", "Ğ": "G", "ç": "c", "Ç": "C",
                        "ö": "o", "Ö": "O", "ü": "u", "Ü": "U", "â": "a", "î": "i", "û": "u"})
_ORDER = str.maketrans({"ç": "c~", "ğ": "g~", "ı": "h~", "i": "i", "ö": "o~", "ş": "s~", "ü": "u~",
                        "â": "a", "î": "i", "û": "u", "“": "", "”": "", "‘": "", "’": "", '"': ""})


def lower(text: str) -> str:
    """Turkish lower case: I -> ı, İ -> i (Python's str.lower gives i and i̇)."""
    return text.replace("İ", "i").replace("I", "ı").lower()


def fold_case(text: str) -> str:
    """Turkish case folding for matching, without changing the length (İ→i, I→ı, â→a, ’→')."""
    for a, b in _FOLD:   # str.replace: ten times faster than str.translate with a table here
        if a in text:
            text = text.replace(a, b)
    return text.lower()


@lru_cache(maxsize=65536)  # pure; the same words recur on every page
def plain_latin(word: str) -> str:
    """Plain-Latin form: Rüşdü -> Rusdu, İzvestiya -> Izvestiya, Çiçerin -> Cicerin."""
    word = word.translate(_PLAIN)
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def sort_key(text: str, lang: str = "tr") -> str:
    """Alphabetical order. Turkish: c < ç, g < ğ, ı < i, o < ö, s < ş, u < ü, numbers by value
    (vol. 8 before vol. 10), markup ignored. English: letters without their accents."""
    if lang != "tr":
        return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\d+", lambda m: m.group().zfill(6), text)
    return lower(text).translate(_ORDER)
