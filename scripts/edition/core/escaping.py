"""The edition's one escaping discipline.

Every string that comes from a source file — chapter text, headings, front matter, BibTeX
fields, YAML data (article, archives, registers, termbase) — is *text*. It becomes HTML,
XML or JSON only here, in the renderer that deliberately writes it into a page:

- `text(s)`: text content of an element (`&`, `<`, `>` escaped);
- `attr(s)`: an attribute value in double quotes (quotes escaped too);
- `url(s)`: a link address from data: only http(s), mailto, fragment and relative
  addresses pass; anything else (`javascript:`, `data:`, `vbscript:`…) raises
  `UnsafeURL`, which the loaders turn into a located error;
- `json_script(obj)`: JSON for a `<script>` element (JSON-LD): `<`, `>`, `&`, U+2028 and
  U+2029 are written as `\\uXXXX`, so no text can close the element or open a comment;
- `markdown_text(s)`: text placed in Markdown that MkDocs renders (the headings of chapters
  and generated pages): entities for `&`, `<`, `>`, a backslash before every character
  Python-Markdown would read as markup;
- `markdown_source(s)`: the edition's own Markdown source offered as a download (metin.*.md):
  the text stays as written, but a `<` that would open an HTML tag or comment in a Markdown
  viewer is written `&lt;` (which every Markdown renders as `<`);
- `csv_cell(s)`: a cell of a CSV download; one that starts like a formula (`=`, `+`, `-`,
  `@`) gets a leading `'`, so no spreadsheet runs it.

A renderer that writes markup of its own (a link, a `<span>`) escapes every piece of
source text it puts inside it with these functions; nothing else in the package calls
`html.escape` on source text directly.
"""
from __future__ import annotations

import functools
import html
import json
import re
from urllib.parse import urlsplit

__all__ = ["text", "attr", "url", "is_safe_url", "json_script", "markdown_text", "markdown_source", "csv_cell",
           "UnsafeURL"]

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


class UnsafeURL(ValueError):
    """A link address whose scheme is not allowed on a page."""


def text(s: object) -> str:
    """Escape for element content."""
    return html.escape(str(s), quote=False)


def attr(s: object) -> str:
    """Escape for a double-quoted attribute value."""
    return html.escape(str(s), quote=True)


_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def is_safe_url(s: str) -> bool:
    """True for http(s), mailto, fragment-only and relative addresses."""
    return _is_safe_url(str(s))


@functools.lru_cache(maxsize=16384)   # pure; a build asks about the same few thousand addresses ~14,000 times
def _is_safe_url(s: str) -> bool:
    # Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
    probe = _CONTROL.sub("", s)
    if not probe:
        return False
    scheme = urlsplit(probe).scheme.lower()
    if not scheme:
        # "//host/path" is protocol-relative: it leaves the site; allow only true relatives.
        return not probe.startswith("//") and not probe.startswith("\\")
    return scheme in SAFE_SCHEMES


def url(s: str) -> str:
    """An allow-listed address, escaped for an attribute; raises UnsafeURL otherwise."""
    if not is_safe_url(s):
        raise UnsafeURL(f"address {str(s)[:80]!r} is not allowed (only http, https, mailto or relative)")
    return attr(s)


_JSON_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")


def json_script(obj, indent: int | None = 1) -> str:
    """JSON safe inside `<script type="application/ld+json">`."""
    data = json.dumps(obj, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE_RE.sub(lambda m: _JSON_UNSAFE[m.group()], data)


# Characters Python-Markdown gives a meaning to inside a line of text (its ESCAPED_CHARS,
# less those that cannot start markup in a heading's text); '<', '>' and '&' become entities.
_MD_ACTIVE = re.compile(r"([\\`*_\[\]!#])")


def markdown_text(s: object) -> str:
    """Source text placed in Markdown that MkDocs renders (a heading written as `## …`): it
    stays text — no raw HTML, no link, no emphasis, no code span."""
    return _MD_ACTIVE.sub(r"\\\1", text(s))


_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")


def markdown_source(s: object) -> str:
    """Markdown source for a download: no raw HTML tag, comment or autolink a viewer would act on."""
    return _TAG_OPEN.sub("&lt;", str(s))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(s: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP: a leading `'`)."""
    value = str(s)
    return "'" + value if value.startswith(_FORMULA_START) else value
