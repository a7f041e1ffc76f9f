"""Write maps/basemap.json, the land outline under the map of places (issue 17).

Source: Natural Earth's 1:50m land polygons (public domain), as redistributed in the npm
package world-atlas 2.0.2 (TopoJSON, ISC licence). Land only, no modern borders: the map
is of the 1920s, and today's borders would be anachronistic. Not run by the build; run it
again only to change the extent or the detail:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/make_basemap.py package/land-50m.json > maps/basemap.json

The result is clipped to the extent below, simplified (Douglas-Peucker) and rounded, so
that the page carrying the map stays light; it is deterministic.
"""
from __future__ import annotations

import json
import sys

#: lon_min, lat_min, lon_max, lat_max: Europe and the Near East
EXTENT = (-11.0, 29.0, 54.0, 63.0)
TOLERANCE = 0.12   # degrees
DIGITS = 2


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, indexes):
    pts = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def clip(poly, extent):
    """Sutherland-Hodgman against the rectangle."""
    x0, y0, x1, y1 = extent
    edges = [(lambda p: p[0] >= x0, lambda a, b: _ix(a, b, x0)), (lambda p: p[0] <= x1, lambda a, b: _ix(a, b, x1)),
             (lambda p: p[1] >= y0, lambda a, b: _iy(a, b, y0)), (lambda p: p[1] <= y1, lambda a, b: _iy(a, b, y1))]
    out = poly
    for inside, cut in edges:
        if not out:
            break
        src, out = out, []
        prev = src[-1]
        for cur in src:
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur))
            prev = cur
    return out


def _ix(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _iy(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(pts, tol):
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        ax, ay = pts[i]
        bx, by = pts[j]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, where = -1.0, -1
        for k in range(i + 1, j):
            px, py = pts[k]
            # distance to the chord, or to its end when the chord closes a ring
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > best:
                best, where = d, k
        if best > tol:
            keep[where] = True
            stack += [(i, where), (where, j)]
    return [p for p, k in zip(pts, keep) if k]


def area(pts):
    return abs(sum(pts[i][0] * pts[i - 1][1] - pts[i - 1][0] * pts[i][1] for i in range(len(pts)))) / 2


def main(path):
    topo = json.load(open(path, encoding="utf-8"))
    arcs = decode_arcs(topo)
    rings = []
    for geom in topo["objects"]["land"]["geometries"]:
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for poly in polys:
            for r in poly:
                pts = clip(ring(arcs, r), EXTENT)
                if len(pts) < 4 or area(pts) < 0.05:
                    continue
                pts = simplify(pts + [pts[0]], TOLERANCE)[:-1]
                pts = [(round(x, DIGITS), round(y, DIGITS)) for x, y in pts]
                pts = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
                if len(pts) >= 4:
                    rings.append([c for p in pts for c in p])
    rings.sort(key=lambda r: (r[0], r[1], len(r)))
    json.dump({"source": "Natural Earth 1:50m land (public domain), via world-atlas 2.0.2 land-50m.json",
               "extent": EXTENT, "rings": rings}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
