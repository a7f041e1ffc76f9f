"""Who wrote to whom (issue 17, figure 2): people and offices as nodes, the archival documents
as edges, laid out at build time.

Data: the documents of `bibliography/archives.yaml` with their register links (`author_refs`,
`recipient_refs`, `subject_refs`: ids of the register). Two kinds of edge:

- a letter, report or memorandum with a recipient: an arrow from each author to each recipient;
- a record or report of a conversation (no recipient): a dashed line from its author to the
  persons or offices it names (`subject_refs`), or between the two parties of a conversation
  whose record names no author (the minutes of Odessa).

A side that is not linked to the register keeps the archive's own wording (a grey node), and a
document without author or recipient points to a node saying so: every document is an edge.

Layout: networkx's spring layout (Fruchterman-Reingold; `spring_layout`, its computation on numpy
without importing networkx) with a fixed seed and fixed iterations,
each connected group on its own, rounded to 0.1 px: the same picture on every build. Labels are
placed like the map's (eight positions, nearest first), so no two intersect.
"""
from __future__ import annotations

from dataclasses import dataclass

from edition.core.dates import format_date
from edition.figures import svg as S
from edition.figures.chronology import short_name
from edition.figures.mapfig import SIZE as FIXED_SIZE
from edition.figures.mapfig import label, place_labels
from edition.html.urls import Linker, entity_src
from edition.core import i18n

SEED = 17
WIDTH, HEIGHT = 800.0, 560.0
#: the drawing for a narrow screen: NARROW px wide (its height from the layout), labels of SIZE px
#: broken into lines of at most WRAP px
NARROW, SIZE, WRAP = 340.0, 12.0, 130.0
NONE = "none"
NO_ADDRESSEE = i18n.each("no_addressee")
NO_AUTHOR = i18n.each("no_author")
ACTORS = ("person", "organisation")


@dataclass(frozen=True)
class Edge:
    key: str                 # the document
    source: str
    target: str
    date: object             # datetime.date or None
    talk: bool = False       # a conversation (undirected, dashed), not a letter


def graph(edition):
    """(nodes {id: {lang: label, 'entity': id or ''}}, edges [Edge]) in a fixed order."""
    reg = edition.register
    refs_all = edition.sources.document_refs or {}
    nodes: dict[str, dict] = {}
    edges: list[Edge] = []

    def actors(ids: list[str]) -> list[str]:
        return [i for i in ids if reg and i in reg.entities and reg.entities[i].kind in ACTORS]

    pending: dict[str, dict] = {}

    def raw(text: str, role: str, doc: str) -> str:
        if text:
            name = text.split(" (")[0]
            key = "raw-" + "".join(ch for ch in name.lower() if ch.isalnum())[:40]
            pending.setdefault(key, {"tr": name, "en": name, "entity": ""})
            return key
        key = f"{NONE}-{role}-{doc}"    # one per document: two unknown authors are not one person
        pending.setdefault(key, {**(NO_ADDRESSEE if role == "recipient" else NO_AUTHOR), "entity": ""})
        return key

    docs = sorted(edition.sources.documents.values(), key=lambda d: (d.date is None, d.date or 0, d.key))
    for d in docs:
        refs = refs_all.get(d.key, {})
        authors = actors(refs.get("author", []))
        recipients = actors(refs.get("recipient", []))
        subjects = [i for i in actors(refs.get("subject", [])) if i not in authors]
        if recipients or d.recipient:
            for a in authors or [raw(d.author, "author", d.key)]:
                for r in recipients or [raw(d.recipient, "recipient", d.key)]:
                    edges.append(Edge(d.key, a, r, d.date))
        elif (authors or d.author) and subjects:
            for a in authors or [raw(d.author, "author", d.key)]:
                for s in subjects:
                    edges.append(Edge(d.key, a, s, d.date, talk=True))
        elif len(subjects) >= 2:
            for s in subjects[1:]:
                edges.append(Edge(d.key, subjects[0], s, d.date, talk=True))
        else:
            edges.append(Edge(d.key, (authors or [raw(d.author, "author", d.key)])[0], raw("", "recipient", d.key),
                              d.date))
    for e in edges:     # only the nodes that an edge uses
        for n in (e.source, e.target):
            if n not in nodes:
                nodes[n] = pending[n] if n in pending else {
                    "tr": short_name(reg.entities[n], "tr"), "en": short_name(reg.entities[n], "en"), "entity": n}
    return dict(sorted(nodes.items())), edges


def layout(nodes: dict, edges: list[Edge], narrow: bool = False) -> dict[str, tuple[float, float]]:
    """Positions in px: the largest connected group in the main area, smaller groups stacked
    in a column on the right (a spring layout would push them to the far corners); `narrow`:
    for the narrow drawing, the smaller groups in rows under the main one."""
    weight: dict[tuple[str, str], int] = {}   # an undirected graph: one weight per pair of nodes
    for e in edges:
        if e.source != e.target:
            pair = tuple(sorted((e.source, e.target)))
            weight[pair] = weight.get(pair, 0) + 1
    groups = sorted((sorted(c) for c in _components(sorted(nodes), weight)), key=lambda c: (-len(c), c[0]))
    out: dict[str, tuple[float, float]] = {}
    side_y = 40.0
    for i, group in enumerate(groups):
        if i == 0:
            box = (50.0, 50.0, NARROW - 100, 330.0) if narrow else (150.0, 40.0, 500.0, HEIGHT - 80.0)
            side_y = 50.0 + 330.0 + 60.0 if narrow else side_y
        elif narrow:
            box = (60.0, side_y, NARROW - 160, 20.0 * (len(group) - 2))
            side_y += 60.0 + 20.0 * (len(group) - 2)
        else:
            h = 40.0 + 20.0 * len(group)
            box = (WIDTH - 150.0, side_y, 60.0, h)
            side_y += h + 20
        if len(group) == 1:
            pos = {group[0]: (0.0, 0.0)}
        else:
            pos = spring_layout(group, weight, seed=SEED, iterations=300, k=1.8 / len(group) ** 0.5)
        xs = [float(p[0]) for p in pos.values()]
        ys = [float(p[1]) for p in pos.values()]
        minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
        x0, y0, w, h = box
        for n in group:
            x, y = pos[n]
            out[n] = (round(x0 + (float(x) - minx) / ((maxx - minx) or 1) * w, 1),
                      round(y0 + (float(y) - miny) / ((maxy - miny) or 1) * h, 1))
    return out


def _components(nodes: list[str], weight: dict[tuple[str, str], int]) -> list[set[str]]:
    """The connected groups of nodes."""
    neighbours: dict[str, set[str]] = {n: set() for n in nodes}
    for a, b in weight:
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen: set[str] = set()
    groups = []
    for n in nodes:
        if n in seen:
            continue
        group, todo = {n}, [n]
        while todo:
            for m in neighbours[todo.pop()] - group:
                group.add(m)
                todo.append(m)
        seen |= group
        groups.append(group)
    return groups


def spring_layout(group: list[str], weight: dict[tuple[str, str], int], seed: int, iterations: int,
                  k: float, threshold: float = 1e-4) -> dict:
    """networkx 3.6's `spring_layout(G, seed=seed, iterations=iterations, k=k)` of the graph of
    `group` (its node order) and `weight`, step for step on numpy as networkx computes it (its
    dense Fruchterman-Reingold, `_fruchterman_reingold`, and `rescale_layout`; BSD licence), so
    that the build need not import networkx (0.15 s): tests/test_figures.py compares the two."""
    import numpy as np  # only when the figure is drawn

    index = {n: i for i, n in enumerate(group)}
    A = np.zeros((len(group), len(group)))      # networkx's to_numpy_array: weights, float64
    for (a, b), w in weight.items():
        if a in index:
            A[index[a], index[b]] = A[index[b], index[a]] = w
    nnodes = len(group)
    pos = np.asarray(np.random.RandomState(seed).rand(nnodes, 2), dtype=A.dtype)
    t = max(max(pos.T[0]) - min(pos.T[0]), max(pos.T[1]) - min(pos.T[1])) * 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, np.newaxis, :] - pos[np.newaxis, :, :]
        distance = np.linalg.norm(delta, axis=-1)
        np.clip(distance, 0.01, None, out=distance)
        displacement = np.einsum("ijk,ij->ik", delta, (k * k / distance**2 - A * distance / k))
        length = np.linalg.norm(displacement, axis=-1)
        length = np.clip(length, a_min=0.01, a_max=None)
        delta_pos = np.einsum("ij,i->ij", displacement, t / length)
        pos += delta_pos
        t -= dt
        if (np.linalg.norm(delta_pos) / nnodes) < threshold:
            break
    pos -= pos.mean(axis=0)                       # rescale_layout(pos, scale=1) + center
    lim = np.abs(pos).max()
    if lim > 0:
        pos *= 1 / lim
    pos = pos + np.zeros(2)
    return dict(zip(group, pos))


CSS = (
    ".edition-svg .edge{fill:none;stroke:var(--md-default-fg-color--light,#777);stroke-width:1.2}"
    ".edition-svg .edge.talk{stroke-dasharray:4 3}"
    ".edition-svg a:hover .edge,.edition-svg a:focus .edge{stroke:var(--md-accent-fg-color,#e65100);stroke-width:2.4}"
    ".edition-svg .node{fill:var(--md-accent-fg-color,#e65100);stroke:var(--md-default-bg-color,#fff);stroke-width:1.5}"
    ".edition-svg .node.raw{fill:var(--md-default-fg-color--light,#777)}"
    ".edition-svg .leader{stroke:var(--md-default-fg-color--light,#666);stroke-width:.6}"
    ".edition-svg .arrow{fill:var(--md-default-fg-color--light,#777)}"
    ".edition-svg .halo{fill:currentColor}"
    # a halo under labels on screen (print renderers without paint-order would draw it over the text)
    "@media screen{.edition-svg .halo{stroke:var(--md-default-bg-color,#fff);stroke-width:3px;"
    "stroke-linejoin:round;paint-order:stroke}}"
)


def draw(edition, lang: str, linker: Linker, ident: str, title: str, desc: str, pos: dict | None = None,
         narrow: bool = False, fit: float | None = None):
    """The network's SVG (with its label boxes, nodes and edges): `narrow`, the drawing for a
    narrow screen (positions from `layout(…, narrow=True)`); `fit`: fits its column up to this
    many px (else a fixed size)."""
    nodes, edges = graph(edition)
    pos = pos or layout(nodes, edges, narrow)
    width = NARROW if narrow else WIDTH
    height = (max(y for _, y in pos.values()) + 40) if narrow else HEIGHT
    size = SIZE if (narrow or fit) else FIXED_SIZE
    degree = {n: 0 for n in nodes}
    for e in edges:
        degree[e.source] += 1
        degree[e.target] += 1
    root = S.svg_root(width, height, ident, title, desc, S.BASE_CSS + CSS, min_width=None if fit else width,
                      style=S.fit_style(size, fit) if fit else None)
    defs = S.el(root, "defs")
    marker = S.el(defs, "marker", {"id": f"{ident}-arrow", "viewBox": "0 0 10 10", "refX": "9", "refY": "5",
                                   "markerWidth": "7", "markerHeight": "7", "orient": "auto-start-reverse"})
    S.el(marker, "path", {"d": "M0 0L10 5L0 10Z", "class": "arrow"})
    radius = {n: 4.0 + min(8.0, degree[n] * 0.8) for n in nodes}
    # edges: parallel documents between the same pair bend apart
    seen: dict[tuple, int] = {}
    along: list[tuple[float, float]] = []      # points on the edges, for the labels to keep clear of
    ge = S.el(root, "g", {"class": "edges"})
    for e in edges:
        pair = tuple(sorted((e.source, e.target)))
        k = seen.get(pair, 0)
        seen[pair] = k + 1
        date = format_date(e.date, lang) if e.date else {"tr": "tarihsiz", "en": "undated"}[lang]
        arrow = " — " if e.talk else " → "
        name = f"{date}: {nodes[e.source][lang]}{arrow}{nodes[e.target][lang]}"
        a = S.link(ge, linker.document(edition, e.key), name)
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        if e.source == e.target:
            r = radius[e.source]
            d = (f"M{S.num(x1 - r)} {S.num(y1)}C{S.num(x1 - 30 - 8 * k)} {S.num(y1 - 40 - 8 * k)} "
                 f"{S.num(x1 + 30 + 8 * k)} {S.num(y1 - 40 - 8 * k)} {S.num(x1 + r)} {S.num(y1 - 1)}")
        else:
            dx, dy = x2 - x1, y2 - y1
            dist = (dx * dx + dy * dy) ** 0.5 or 1
            ux, uy = dx / dist, dy / dist
            sx, sy = x1 + ux * radius[e.source], y1 + uy * radius[e.source]
            tx, ty = x2 - ux * (radius[e.target] + 1), y2 - uy * (radius[e.target] + 1)
            bend = (k - 0) * 14 * (1 if e.source < e.target else -1) + (6 if e.source < e.target else -6)
            cx, cy = (sx + tx) / 2 - uy * bend, (sy + ty) / 2 + ux * bend
            d = f"M{S.num(sx)} {S.num(sy)}Q{S.num(cx)} {S.num(cy)} {S.num(tx)} {S.num(ty)}"
            n = max(2, int(dist / 4))
            along += [((1 - u) ** 2 * sx + 2 * u * (1 - u) * cx + u * u * tx,
                       (1 - u) ** 2 * sy + 2 * u * (1 - u) * cy + u * u * ty) for u in (i / n for i in range(n + 1))]
        if e.talk:
            S.el(a, "path", {"d": d, "class": "edge talk"})
        else:
            S.el(a, "path", {"d": d, "class": "edge", "marker-end": f"url(#{ident}-arrow)"})
    points = [(n, pos[n][0], pos[n][1], nodes[n][lang]) for n in sorted(nodes)]
    labels = place_labels(points, width, height, radius, size=size, wrap=WRAP if narrow else None,
                          avoid=along)
    gn = S.el(root, "g", {"class": "nodes"})
    boxes = []
    first_doc = {}
    for e in edges:
        first_doc.setdefault(e.source, e.key)
        first_doc.setdefault(e.target, e.key)
    for n in sorted(nodes):
        info = nodes[n]
        href = linker.to(entity_src(info["entity"])) if info["entity"] else linker.document(edition, first_doc[n])
        a = S.link(gn, href, info[lang])
        x, y = pos[n]
        S.el(a, "circle", {"cx": x, "cy": y, "r": radius[n], "class": "node" + ("" if info["entity"] else " raw")})
        label(a, x, y, labels[n], size)
        boxes.append((n, labels[n][3]))
    return S.serialize(root), boxes, nodes, edges
