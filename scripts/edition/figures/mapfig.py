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

from ..datafiles import read_text
from ..entities import entity_src
from ..errors import fail
from ..render import Linker
from . import svg as S

BASEMAP = "maps/basemap.json"
WIDTH = 900.0
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
                 radii: dict | None = None):
    """[(key, x, y, text)] -> {key: (text x, text y, anchor, box, leader?)}; labels never intersect
    each other nor any dot (of radius `radii[key]`, default DOT)."""
    radii = radii or {}
    r_ = {k: radii.get(k, DOT) for k, _, _, _ in points}
    dots = [S.Box(x - r_[k] - 1, y - r_[k] - 1, 2 * r_[k] + 2, 2 * r_[k] + 2) for k, x, y, _ in points]
    taken: list[S.Box] = []
    out = {}
    # the most crowded first: they have the fewest free positions
    def crowd(p):
        return -sum(1 for q in points if q is not p and abs(q[1] - p[1]) < 60 and abs(q[2] - p[2]) < 20)
    for key, x, y, text in sorted(points, key=lambda p: (crowd(p), p[0])):
        w = S.text_width(text, SIZE)
        h = SIZE + 2
        chosen = None
        r0 = r_[key]
        for dist in (r0 + 2, r0 + 12, r0 + 24, r0 + 40):
            for dx, dy in _DIRS:
                bx = x + dx * dist + (0 if dx > 0 else -w if dx < 0 else -w / 2)
                by = y + dy * dist - h / 2 + dy * (h / 2 - 2)
                box = S.Box(bx, by, w, h)
                if box.x < 1 or box.y < 1 or box.x + box.w > width - 1 or box.y + box.h > height - 1:
                    continue
                if any(box.intersects(b) for b in taken) or any(box.intersects(d) for d in dots):
                    continue
                chosen = (box, dist > r0 + 2)
                break
            if chosen:
                break
        if chosen is None:   # no free place: stack below the canvas edge is never needed at this scale
            raise ValueError(f"no room for the label of {key!r}")
        box, leader = chosen
        taken.append(box)
        out[key] = (box.x, box.y + h - 3, "start", box, leader)
    return out


CSS = (
    ".edition-svg .sea{fill:var(--md-accent-fg-color--transparent,#e3f2fd);fill-opacity:.5}"
    ".edition-svg .land{fill:var(--md-default-fg-color--lightest,#eee);stroke:var(--md-default-fg-color--lighter,#aaa);"
    "stroke-width:.6}"
    ".edition-svg .city{fill:var(--md-accent-fg-color,#e65100);stroke:var(--md-default-bg-color,#fff);stroke-width:1}"
    ".edition-svg .leader{stroke:var(--md-default-fg-color--light,#666);stroke-width:.6}"
    ".edition-svg .halo{fill:currentColor}"
    # a halo under labels on screen (print renderers without paint-order would draw it over the text)
    "@media screen{.edition-svg .halo{stroke:var(--md-default-bg-color,#fff);stroke-width:3px;"
    "stroke-linejoin:round;paint-order:stroke}}"
)


def draw(register, basemap: dict, lang: str, linker: Linker, ident: str, title: str, desc: str):
    """The map's SVG and its label boxes."""
    extent = tuple(basemap["extent"])
    proj = Projection(extent)
    inside, _ = places(register, extent)
    points = []
    for p in inside:
        x, y = proj(p.lon, p.lat)
        points.append((p.ident, x, y, p.label[lang]))
    labels = place_labels(points, proj.width, proj.height)
    root = S.svg_root(proj.width, proj.height, ident, title, desc, S.BASE_CSS + CSS, min_width=proj.width)
    S.el(root, "rect", {"x": 0.0, "y": 0.0, "width": proj.width, "height": proj.height, "class": "sea"})
    S.el(root, "path", {"d": land_path(basemap, proj), "class": "land"})
    g = S.el(root, "g", {"class": "places"})
    boxes = []
    for p, (key, x, y, text) in zip(inside, points):
        tx, ty, anchor, box, leader = labels[key]
        name = p.label[lang] + (f" ({p.modern[lang]})" if p.modern[lang] != p.label[lang] else "")
        a = S.link(g, linker.to(entity_src(p.ident)), name)
        if leader:
            cx = min(max(x, box.x), box.x + box.w)
            cy = min(max(y, box.y), box.y + box.h)
            S.el(a, "line", {"x1": x, "y1": y, "x2": cx, "y2": cy, "class": "leader"})
        S.el(a, "circle", {"cx": x, "cy": y, "r": DOT, "class": "city"})
        S.el(a, "text", {"x": tx, "y": ty, "class": "halo"}, text)
        boxes.append((key, box))
    return S.serialize(root), boxes
