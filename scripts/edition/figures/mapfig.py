"""The map of places (issue 17, figure 3): the cities of the register on a land outline of
Europe and the Near East.

Data: the register's places (`register/places.yaml`: `coords`, `historical` names) and the
vendored land outline `maps/basemap.json` (Natural Earth 1:50m land, public domain, via the npm
package world-atlas; made by scripts/make_basemap.py). Land only: today's borders would be
anachronistic on a map of the 1920s. Names are the 1920s names where the register gives one
(`historical`: Constantinople in English, Peking…), otherwise the register's heading name.

Projection: equirectangular with a standard parallel of 45° N (x = λ·cos 45°, y = φ), which is
fine at this scale. Labels: each city tries eight positions around its dot, nearest first, then
the same further out with a leader line; the first whose box meets no other label, no dot and
no edge wins, so no two labels intersect (the tests check the boxes).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from edition.core.errors import fail
from edition.figures import svg as S
from edition.html.urls import Linker, entity_src
from edition.sources.datafiles import read_text

BASEMAP = "maps/basemap.json"
WIDTH = 800.0
SIZE = 11.0
DOT = 3.0
COS = math.cos(math.radians(45))


@dataclass(frozen=True)
class Place:
    ident: str
    lat: float
    lon: float
    label: dict          # lang -> name shown (1920s name where the register has one)
    modern: dict         # lang -> the register's heading name


def load_basemap(root: Path) -> dict:
    """The land outline; a missing or broken file is a located error (it stops the build)."""
    text = read_text(root / BASEMAP, BASEMAP)
    try:
        data = json.loads(text)
        extent = tuple(float(x) for x in data["extent"])
        rings = data["rings"]
        if len(extent) != 4 or not all(isinstance(r, list) and len(r) % 2 == 0 for r in rings):
            raise ValueError("needs 'extent' (4 numbers) and 'rings' (lists of lon, lat pairs)")
    except (ValueError, KeyError, TypeError) as exc:
        raise fail(BASEMAP, getattr(exc, "lineno", 1), "basemap", str(exc)) from None
    return data


def places(register, extent) -> tuple[list[Place], list[Place]]:
    """(cities inside the extent, cities outside), in the register's order."""
    inside, outside = [], []
    if not register:
        return inside, outside
    x0, y0, x1, y1 = extent
    for e in register.of_kind("place"):
        if e.subkind != "city" or not e.entry.coords:
            continue
        lat, lon = e.entry.coords
        hist = e.entry.historical
        label = {lang: (getattr(hist, lang, None) if hist else None) or e.name.get(lang) or e.name["en"]
                 for lang in ("tr", "en")}
        p = Place(e.ident, lat, lon, label, {lang: e.name.get(lang, e.name["en"]) for lang in ("tr", "en")})
        (inside if x0 <= lon <= x1 and y0 <= lat <= y1 else outside).append(p)
    return inside, outside


class Projection:
    def __init__(self, extent, width: float = WIDTH):
        self.x0, self.y0, self.x1, self.y1 = extent
        self.k = width / ((self.x1 - self.x0) * COS)
        self.width = width
        self.height = (self.y1 - self.y0) * self.k

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.x0) * COS * self.k, (self.y1 - lat) * self.k


def land_path(basemap: dict, proj: Projection) -> str:
    parts = []
    for ring in basemap["rings"]:
        pts = [proj(ring[i], ring[i + 1]) for i in range(0, len(ring), 2)]
        parts.append("M" + "L".join(f"{S.num(x)} {S.num(y)}" for x, y in pts) + "Z")
    return "".join(parts)


_DIRS = [(1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1), (0, -1), (0, 1)]


def place_labels(points: list[tuple[str, float, float, str]], width: float, height: float,
                 radii: dict | None = None, size: float = SIZE, wrap: float | None = None,
                 area: tuple[float, float, float, float] | None = None, avoid: list | None = None):
    """[(key, x, y, text)] -> {key: (text x, text y, lines, box, leader?)}; labels never intersect
    each other nor any dot (of radius `radii[key]`, default DOT). `wrap`: a label wider than this
    breaks into lines; `area`: the (x, y, w, h) the labels stay in (default the whole canvas);
    `avoid`: points (x, y) along the lines of the drawing, which a label keeps clear of where it can."""
    radii = radii or {}
    ax, ay, aw, ah = area or (0.0, 0.0, width, height)
    r_ = {k: radii.get(k, DOT) for k, _, _, _ in points}
    dots = [S.Box(x - r_[k] - 1, y - r_[k] - 1, 2 * r_[k] + 2, 2 * r_[k] + 2) for k, x, y, _ in points]
    taken: list[S.Box] = []
    out = {}
    step = size + 2
    # the most crowded first: they have the fewest free positions
    def crowd(p):
        return -sum(1 for q in points if q is not p and abs(q[1] - p[1]) < 5 * size and abs(q[2] - p[2]) < 2 * size)
    for key, x, y, text in sorted(points, key=lambda p: (crowd(p), p[0])):
        lines = S.wrap(text, size, wrap) if wrap else [text]
        w = max(S.text_width(t, size) for t in lines)
        h = len(lines) * step
        chosen = None
        r0 = r_[key]
        # first a place clear of the lines too (`avoid`: points along them), then one clear of labels and dots
        for strict in ((True, False) if avoid else (False,)):
            for extra in (2, 12, 24, 40, 60, 84):
                dist = r0 + extra * size / SIZE
                for dx, dy in _DIRS:
                    bx = x + dx * dist + (0 if dx > 0 else -w if dx < 0 else -w / 2)
                    by = y + dy * dist - h / 2 + dy * (h / 2 - 2)
                    box = S.Box(bx, by, w, h)
                    if (box.x < ax + 1 or box.y < ay + 1 or box.x + box.w > ax + aw - 1
                            or box.y + box.h > ay + ah - 1):
                        continue
                    if any(box.intersects(b) for b in taken) or any(box.intersects(d) for d in dots):
                        continue
                    if strict and any(bx <= px <= bx + w and by <= py <= by + h for px, py in avoid):
                        continue
                    chosen = (box, extra > 2)
                    break
                if chosen:
                    break
            if chosen:
                break
        if chosen is None:   # no free place: the drawing needs more room (a fault of the layout, not the data)
            raise ValueError(f"no room for the label of {key!r}")
        box, leader = chosen
        taken.append(box)
        out[key] = (box.x, box.y + step - 3, lines, box, leader)
    return out


def label(parent, x: float, y: float, placed, size: float = SIZE):
    """A placed label (`place_labels`), with its leader line when it stands off its dot."""
    tx, ty, lines, box, leader = placed
    if leader:   # under the dot: before the link's shapes (after its <title>)
        line = S.el(None, "line", {"x1": x, "y1": y, "x2": min(max(x, box.x), box.x + box.w),
                                   "y2": min(max(y, box.y), box.y + box.h), "class": "leader"})
        parent.insert(sum(1 for c in parent if c.tag == "title"), line)
    S.text_lines(parent, tx, ty, lines, size + 2, {"class": "halo"})


CSS = (
    ".edition-svg .sea{fill:var(--md-accent-fg-color--transparent,#e3f2fd);fill-opacity:.5}"
    ".edition-svg .land{fill:var(--md-default-fg-color--lightest,#eee);stroke:var(--md-default-fg-color--lighter,#aaa);"
    "stroke-width:.7px;vector-effect:non-scaling-stroke}"
    ".edition-svg .city{fill:var(--md-accent-fg-color,#e65100);stroke:var(--md-default-bg-color,#fff);stroke-width:1}"
    ".edition-svg .leader{stroke:var(--md-default-fg-color--light,#666);stroke-width:.6}"
    ".edition-svg .halo{fill:currentColor}"
    # a halo under labels on screen (print renderers without paint-order would draw it over the text)
    "@media screen{.edition-svg .halo{stroke:var(--md-default-bg-color,#fff);stroke-width:3px;"
    "stroke-linejoin:round;paint-order:stroke}}"
)


def draw(register, basemap: dict, lang: str, linker: Linker, ident: str, title: str, desc: str,
         width: float = WIDTH, size: float = SIZE, fit: float | None = None):
    """The map's SVG and its label boxes: the whole basemap `width` px wide."""
    extent = tuple(basemap["extent"])
    proj = Projection(extent, width)
    inside, _ = places(register, extent)
    points = [(p.ident, *proj(p.lon, p.lat), p.label[lang]) for p in inside]
    labels = place_labels(points, proj.width, proj.height, size=size)
    root = S.svg_root(proj.width, proj.height, ident, title, desc, S.BASE_CSS + CSS,
                      min_width=None if fit else proj.width, style=S.fit_style(size, fit) if fit else None)
    S.el(root, "rect", {"x": 0.0, "y": 0.0, "width": proj.width, "height": proj.height, "class": "sea"})
    S.el(root, "path", {"d": land_path(basemap, proj), "class": "land", "id": f"{ident}-land"})
    return _cities(root, inside, points, labels, lang, linker, size)


def draw_narrow(register, basemap: dict, lang: str, linker: Linker, ident: str, title: str, desc: str,
                land: str | None = None, width: float = WIDTH, shown: float = 340.0, size: float = 12.0,
                fit: float = 510.0):
    """The map for a narrow screen: the same projection as `draw(…, width)`, cut to the cities
    (a margin for their labels around them), its text `size` px when the drawing is `shown` px
    wide. `land`: the id of the land outline of the wide map, drawn here with <use> (no second
    copy of it in the page); without it the outline is drawn here."""
    extent = tuple(basemap["extent"])
    proj = Projection(extent, width)
    inside, _ = places(register, extent)
    points = [(p.ident, *proj(p.lon, p.lat), p.label[lang]) for p in inside]
    xs, ys = [p[1] for p in points], [p[2] for p in points]
    x0, x1 = max(0.0, min(xs) - 40), min(proj.width, max(xs) + 40)
    k = (x1 - x0) / shown                       # viewBox units per px at the size it is designed for
    font = size * k
    y0, y1 = max(0.0, min(ys) - 3 * font), min(proj.height, max(ys) + 2 * font)
    view = (round(x0, 1), round(y0, 1), round(x1 - x0, 1), round(y1 - y0, 1))
    labels = place_labels(points, proj.width, proj.height, {p[0]: DOT * k for p in points}, size=font,
                          area=view)
    root = S.svg_root(shown, round(shown * view[3] / view[2], 1), ident, title, desc, S.BASE_CSS + CSS,
                      view=view, style=S.fit_style(font, fit) + ";overflow:hidden")
    S.el(root, "rect", {"x": view[0], "y": view[1], "width": view[2], "height": view[3], "class": "sea"})
    if land:
        S.el(root, "use", {"href": f"#{land}", "class": "land"})
    else:
        S.el(root, "path", {"d": land_path(basemap, proj), "class": "land"})
    return _cities(root, inside, points, labels, lang, linker, font, DOT * k)


def _cities(root, inside, points, labels, lang: str, linker: Linker, size: float, dot: float = DOT):
    g = S.el(root, "g", {"class": "places"})
    boxes = []
    for p, (key, x, y, text) in zip(inside, points):
        name = p.label[lang] + (f" ({p.modern[lang]})" if p.modern[lang] != p.label[lang] else "")
        a = S.link(g, linker.to(entity_src(p.ident)), name)
        S.el(a, "circle", {"cx": x, "cy": y, "r": dot, "class": "city"})
        label(a, x, y, labels[key], size)
        boxes.append((key, labels[key][3]))
    return S.serialize(root), boxes
