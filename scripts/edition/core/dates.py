"""The one date formatter: ISO dates (or `datetime.date`) as a reader of each language writes them."""
from __future__ import annotations

import datetime as dt
import re
from edition.core import i18n

MONTHS = i18n.each("months")


def format_date(value: str | dt.date | None, lang: str) -> str:
    """`1926-11-16` -> `16 Kasım 1926` / `16 November 1926`; `1926-11` -> `Kasım 1926`; a bare year
    stays a year; anything else is returned as it is."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        y, m, d = value.year, value.month, value.day
    else:
        m_ = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(value).strip())
        if not m_:
            return str(value)
        y, m, d = int(m_.group(1)), int(m_.group(2) or 0), int(m_.group(3) or 0)
    months = MONTHS[lang]
    if m and d:
        return f"{d} {months[m - 1]} {y}"
    if m:
        return f"{months[m - 1]} {y}"
    return str(y)
