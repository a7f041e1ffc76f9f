"""Small, deterministic SVG building blocks shared by the three figures.

SVG is written with `xml.etree.ElementTree` (every text and attribute from data is
escaped by the serializer; addresses pass `escaping.url` first), numbers with one fixed
format (`num`), and nothing depends on dict order, time or randomness: two builds give
byte-identical output.

Colours are never fixed black: the figures draw with `currentColor` and Material's CSS
variables (`--md-default-fg-color…`, `--md-accent-fg-color`), with plain fallbacks for the
one-file editions, so that both the light and the dark scheme stay legible.

Label boxes come from a font-metric estimate (`text_width`), deliberately generous
(system sans-serif fonts, 11-12 px; measured against DejaVu Sans, the widest common one), so that labels placed apart here stay apart in a browser;
`Box.intersects` is what the layout and the tests use to keep them apart.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from edition.core.escaping import url as safe_url

SVG_NS = "http://www.w3.org/2000/svg"

#: per-character advance as a share of the font size (a generous estimate for Arial/Helvetica/
#: Roboto/Segoe UI): narrow letters, wide letters, digits, everything else
_NARROW = set("iljtfrI.,;:’'‘!|()[] ")
_WIDE = set("mwMWOQGDHNCU@%—")
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"


def text_width(s: str, size: float) -> float:
    """Estimated advance width of `s` at font size `size` (px), on the generous side."""
    total = 0.0
    for ch in s:
        if ch in _NARROW:
            total += 0.36
        elif ch in _WIDE or (ch.isupper() and ch.isalpha()):
            total += 0.82
        elif ch.isdigit():
            total += 0.64
        else:
            total += 0.62
    return total * size


def num(x: float) -> str:
    """One fixed number format: at most one decimal, no trailing zero, no '-0'."""
    s = f"{x:.1f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle (x, y: top left)."""

    x: float
    y: float
    w: float
    h: float

    def intersects(self, other: "Box") -> bool:
        return (self.x < other.x + other.w and other.x < self.x + self.w
                and self.y < other.y + other.h and other.y < self.y + self.h)


def overlapping(boxes: list[tuple[str, Box]]) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes intersect (for tests and for a build-time check)."""
    out = []
    for i, (a, ba) in enumerate(boxes):
        for b, bb in boxes[i + 1:]:
            if ba.intersects(bb):
                out.append((a, b))
    return out


def el(parent: ET.Element | None, tag: str, attrs: dict | None = None, text: str | None = None) -> ET.Element:
    """A child element; numbers in attrs are formatted with `num`, attribute order kept."""
    a = {k: (num(v) if isinstance(v, float) else str(v)) for k, v in (attrs or {}).items() if v is not None}
    e = ET.Element(tag, a) if parent is None else ET.SubElement(parent, tag, a)
    if text is not None:
        e.text = text
    return e


def link(parent: ET.Element, href: str, label: str, tooltip: bool = True) -> ET.Element:
    """A link inside the figure: allow-listed address, an accessible name and a tooltip (both left
    out where page weight matters more and the link's text names it: the chapter pages' chronology)."""
    safe_url(href)   # raises UnsafeURL for javascript:, data: …
    if not tooltip:  # the link's own text is its name
        return el(parent, "a", {"href": href})
    a = el(parent, "a", {"href": href, "aria-label": label})
    el(a, "title", None, label)
    return a


def svg_root(width: float, height: float, ident: str, title: str, desc: str, css: str,
             min_width: float | None = None, view: tuple | None = None, style: str | None = None,
             cls: str = "") -> ET.Element:
    """The <svg> element with its title, description and scoped style. `min_width`: a drawing
    of fixed size in a scroll box (a chapter's chronology); otherwise `style` says how it fits
    its column (`fit_style`). `view`: a viewBox other than (0, 0, width, height)."""
    style = f"min-width:{num(min_width)}px" if min_width else style
    box = " ".join(num(v) for v in view) if view else f"0 0 {num(width)} {num(height)}"
    root = el(None, "svg", {"xmlns": SVG_NS, "viewBox": box,
                            "width": num(width), "height": num(height), "role": "group",
                            "aria-labelledby": f"{ident}-title {ident}-desc",
                            "class": ("edition-svg " + cls).strip(),
                            "style": style, "font-family": FONT})
    el(root, "title", {"id": f"{ident}-title"}, title)
    el(root, "desc", {"id": f"{ident}-desc"}, desc)
    el(root, "style", None, css)
    return root


def fit_style(font: float, max_width: float) -> str:
    """A drawing that fits its column: as wide as the column up to `max_width` px, its height
    from the viewBox, its text `font` viewBox units (CSS px at the drawing's own size)."""
    return f"width:100%;height:auto;max-width:{num(max_width)}px;font-size:{num(font)}px"


def wrap(text: str, size: float, width: float) -> list[str]:
    """`text` in lines no wider than `width` (estimated with `text_width`), broken between words;
    a single word wider than `width` keeps a line of its own."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def text_lines(parent: ET.Element, x: float, y: float, lines: list[str], step: float,
               attrs: dict | None = None) -> ET.Element:
    """A <text> of one or more lines (a <tspan> per further line), first baseline at y."""
    t = el(parent, "text", {"x": x, "y": y, **(attrs or {})}, lines[0])
    for line in lines[1:]:
        el(t, "tspan", {"x": x, "dy": step}, line)
    return t


def serialize(root: ET.Element) -> str:
    """The SVG as a string to inline in HTML (no XML declaration)."""
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


#: the colours of the figures, as CSS on top of Material's variables (with fallbacks)
BASE_CSS = (
    ".figure-scroll{overflow-x:auto;max-width:100%}"
    ".edition-figure{text-align:start;margin:1em 0}"
    ".edition-figure figcaption{max-width:none;font-style:normal;text-align:start}"
    ".edition-figure .figure-desc{text-align:start}"
    ".edition-svg{color:var(--md-default-fg-color,#222);overflow:visible;font-size:11px}"
    ".edition-svg text{fill:currentColor}"
    ".edition-svg .muted{fill:var(--md-default-fg-color--light,#666)}"
    ".edition-svg .rule{stroke:var(--md-default-fg-color--lightest,#ccc);stroke-width:1}"
    ".edition-svg .axis{stroke:currentColor;stroke-width:1}"
    ".edition-svg a:focus{outline:2px solid var(--md-accent-fg-color,#e65100)}"
    ".edition-svg a:hover text,.edition-svg a:focus text{text-decoration:underline}"
    "@media print{.figure-scroll{overflow:visible}.edition-svg{min-width:0!important;width:100%;height:auto}}"
)
