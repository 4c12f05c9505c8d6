"""Views: the tidy tree turned into points for the classic (top-down) and horizontal
(left-to-right) charts, and the connector routing every view shares.

The tidy tree works in abstract coordinates, ``u`` across the tree and the level down it.
Here a level becomes ``level * pitch`` points of depth (the pitch is the deepest box plus
``LEVEL_GAP``), and (u, depth) map to (x, y) in the classic view and to (y, x) in the
horizontal one. Manual offsets move single boxes last; connectors are routed from the
final boxes, so they stay attached to a box that was moved by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from typing import Any

from orgdesigner.layout.forest import TreeIndex
from orgdesigner.layout.geometry import (
    Box,
    BoxStyle,
    Connector,
    ConnectorKind,
    Geometry,
    LegendEntry,
    Rect,
)
from orgdesigner.layout.text import BoxLabel
from orgdesigner.layout.tidy import IndexedShapes, Placement, Shape

__all__ = [
    "LEVEL_GAP",
    "MARGIN",
    "Abstract",
    "Placed",
    "StyleVariants",
    "place_tree",
    "report_points",
    "tree_geometry",
    "tree_bounds",
    "dotted_connectors",
    "bounds_of",
    "clean_polyline",
]

LEVEL_GAP = 28.0  # between the deepest box of a level and the next level
MARGIN = 24.0  # around the whole chart

#: A box in abstract coordinates: centre across, breadth size, depth start, depth size.
Abstract = tuple[float, float, float, float]


def clean_polyline(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop repeated points and the middle of three points on one straight line."""
    out: list[tuple[float, float]] = []
    for p in points:
        if out and out[-1] == p:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (a[0] == b[0] == p[0]) or (a[1] == b[1] == p[1]):
                out[-1] = p
                continue
        out.append(p)
    if len(out) == 1:
        out.append(out[0])
    return out


def report_points(start: tuple[float, float], um: float, u: float, v: float, x0: float,
                  bs: float, ds: float, bus: float | None, horizontal: bool
                  ) -> list[tuple[float, float]]:
    """The solid connector from a manager to a report of a tree view, in the view's axes
    ((y, x) when ``horizontal``). It leaves the manager at ``start``, on its centre ``um``
    across; the report's box is centred at ``u`` across, spans ``x0`` to ``x0 + bs`` across
    and ``v`` to ``v + ds`` in depth. ``bus`` is the depth of the manager's row bus when
    the report hangs on the row, None when it hangs beside a spine or a trunk."""
    if bus is not None:
        if um == u:
            return [start, (v, u) if horizontal else (u, v)]
        return ([start, (bus, um), (bus, u), (v, u)] if horizontal
                else [start, (um, bus), (u, bus), (u, v)])
    mid = v + ds / 2
    side = x0 if u >= um else x0 + bs
    return [start, (mid, um), (mid, side)] if horizontal else [start, (um, mid), (side, mid)]


def dotted_connectors(rects: Mapping[str, Rect], lines: Iterable[tuple[str, str]],
                      gap: float = LEVEL_GAP) -> list[Connector]:
    """Dotted lines routed between final boxes (screen coordinates, y down): out of the
    manager's bottom (or top), along a channel in the gap by the report, into the report."""
    out: list[Connector] = []
    for m, r in lines:
        a = rects.get(m)
        b = rects.get(r)
        if a is None or b is None:
            continue
        ax, bx = a.cx, b.cx
        if b.y >= a.bottom:  # report below
            ch = b.y - gap * 0.3
            pts = [(ax, a.bottom), (ax, ch), (bx, ch), (bx, b.y)]
        elif b.bottom <= a.y:  # report above
            ch = b.bottom + gap * 0.3
            pts = [(ax, a.y), (ax, ch), (bx, ch), (bx, b.bottom)]
        else:  # side by side: over the top of both
            ch = min(a.y, b.y) - gap * 0.3
            pts = [(ax, a.y), (ax, ch), (bx, ch), (bx, b.y)]
        out.append(Connector(m, r, clean_polyline(pts), ConnectorKind.DOTTED))
    return out


def bounds_of(rects: Iterable[Rect], points: Iterable[tuple[float, float]] = (),
              margin: float = MARGIN) -> Rect:
    """The smallest rectangle holding all ``rects`` and ``points``, plus ``margin``."""
    x0 = y0 = float("inf")
    x1 = y1 = float("-inf")
    for r in rects:
        x0 = min(x0, r.x)
        y0 = min(y0, r.y)
        x1 = max(x1, r.x + r.w)
        y1 = max(y1, r.y + r.h)
    for x, y in points:
        x0 = min(x0, x)
        y0 = min(y0, y)
        x1 = max(x1, x)
        y1 = max(y1, y)
    if x0 > x1:
        return Rect(0.0, 0.0, 0.0, 0.0)
    return Rect(x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin)


class StyleVariants(dict[Placement | None, BoxStyle]):
    """The look of a group of boxes (every ``BoxStyle`` field but the placement) and its
    style per placement, made on first use: boxes that look alike share these objects."""

    __slots__ = ("base",)

    def __init__(self, base: tuple[object, ...]) -> None:
        super().__init__()
        self.base = base

    def __missing__(self, how: Placement | None) -> BoxStyle:
        style = self[how] = BoxStyle(*self.base, "root" if how is None else how.value)  # type: ignore[arg-type]
        return style


@dataclass(slots=True)
class Placed:
    """Everything a walk down the tree decided, by position id (what an incremental
    re-layout starts from): the tidy centre and level, how a box hangs, its box
    and the solid connector into it."""

    u: dict[str, float] = field(default_factory=dict)
    level: dict[str, int] = field(default_factory=dict)
    placement: dict[str, Placement] = field(default_factory=dict)
    boxes: dict[str, Box] = field(default_factory=dict)
    connectors: dict[str, Connector] = field(default_factory=dict)


def tree_geometry(view: str, tree: TreeIndex, ts: IndexedShapes,
                  labels: Sequence[BoxLabel | None], variants: Sequence[StyleVariants | None],
                  pitch: float, offsets: Mapping[str, tuple[float, float]],
                  legend: list[LegendEntry], kept: Placed | None = None) -> Geometry:
    """Classic or horizontal geometry of the tidy shapes ``ts`` of ``tree`` (labels and
    looks by position index); with ``kept``, also every placement by id, for the next
    incremental re-layout."""
    horizontal = view == "horizontal"
    boxes, connectors, moved = place_tree(tree, ts, labels, variants, pitch, horizontal,
                                          offsets, kept)
    if not boxes:
        return Geometry(view=view, legend=legend)
    dotted_lines: list[Connector] = []
    if tree.dotted:
        ends = {pid for pair in tree.dotted for pid in pair}
        rects = {b.id: Rect(b.x, b.y, b.w, b.h) for b in boxes if b.id in ends}
        dotted_lines = dotted_connectors(rects, tree.dotted)
        connectors.extend(dotted_lines)
    bounds = tree_bounds(ts.roots, dict(zip(ts.roots, ts.root_u, strict=True)), ts.shapes,
                         pitch, horizontal, moved, dotted_lines)
    return Geometry(view=view, boxes=boxes, connectors=connectors, legend=legend,
                    bounds=bounds)


def place_tree(tree: TreeIndex, ts: IndexedShapes, labels: Sequence[BoxLabel | None],
               variants: Sequence[StyleVariants | None], pitch: float, horizontal: bool,
               offsets: Mapping[str, tuple[float, float]], kept: Placed | None = None
               ) -> tuple[list[Box], list[Connector], list[Abstract]]:
    """Boxes and solid connectors of a tree view in one walk down the tidy shapes (a
    manager before its reports), and the abstract rectangles of boxes moved by hand.
    Level ``l`` starts at ``l * pitch``; manual offsets move single boxes (not their
    reports); the horizontal view swaps the axes."""
    boxes: list[Box] = []
    connectors: list[Connector] = []
    moved: list[Abstract] = []
    hows: list[Placement] = []  # of the reports, in the order of their connectors
    centres: list[float] = []  # tidy centre and level of every box, in box order
    levels: list[int] = []
    add_box, add_connector, add_how = boxes.append, connectors.append, hows.append
    add_centre, add_level = centres.append, levels.append
    shapes, index, visible, ids = ts.shapes, tree.index, tree.visible, tree.ids
    offsets_get = offsets.get if offsets else None
    half_gap = LEVEL_GAP / 2
    row = Placement.ROW
    keep = kept is not None
    #: placed managers: tidy centre, level and abstract rectangle
    at: dict[int, tuple[float, int, Abstract]] = {}
    roots = (None, (0.0, 0, (0.0, 0.0, 0.0, 0.0)),
             [(ids[r], u, 0, None) for r, u in zip(ts.roots, ts.root_u, strict=True)])
    jobs = chain((roots,), ((ids[m], at[m], shapes[m].kids)  # type: ignore[union-attr]
                            for m in reversed(ts.internal)))
    for mgr, (mu, mlv, (um, _bm, vm, dm)), kids in jobs:
        m_end = vm + dm
        start = (m_end, um) if horizontal else (um, m_end)  # where its connectors leave it
        for cid, du, dl, how in kids:
            i = index[cid]
            lab = labels[i]
            if horizontal:
                bs, ds = lab.height, lab.width  # type: ignore[union-attr]
            else:
                bs, ds = lab.width, lab.height  # type: ignore[union-attr]
            tu = mu + du
            lv = mlv + dl
            u = tu
            v = lv * pitch
            off = offsets_get(cid) if offsets_get is not None else None
            if off is not None:
                u += off[1] if horizontal else off[0]
                v += off[0] if horizontal else off[1]
                moved.append((u, bs, v, ds))
            style = variants[i][how]  # type: ignore[index]
            x0 = u - bs / 2
            add_box(Box(cid, v, x0, ds, bs, lab.lines, style) if horizontal  # type: ignore[union-attr]
                    else Box(cid, x0, v, bs, ds, lab.lines, style))  # type: ignore[union-attr]
            if visible[i] is not None:
                at[i] = (tu, lv, (u, bs, v, ds))
            if keep:
                add_centre(tu)
                add_level(lv)
            if mgr is not None:
                add_connector(Connector(mgr, cid, report_points(
                    start, um, u, v, x0, bs, ds, lv * pitch - half_gap if how is row else None,
                    horizontal)))
                if keep:
                    add_how(how)
    if kept is not None:  # the tables by id, built from the lists in one go each
        ids = list(map(attrgetter("id"), boxes))
        reports = list(map(attrgetter("target_id"), connectors))
        kept.u = dict(zip(ids, centres, strict=True))
        kept.level = dict(zip(ids, levels, strict=True))
        kept.boxes = dict(zip(ids, boxes, strict=True))
        kept.placement = dict(zip(reports, hows, strict=True))
        kept.connectors = dict(zip(reports, connectors, strict=True))
    return boxes, connectors, moved


def tree_bounds(roots: Iterable[Any], u: Mapping[Any, float],
                shapes: Mapping[Any, Shape] | Sequence[Shape | None],
                pitch: float, horizontal: bool, moved: Iterable[Abstract],
                dotted: Iterable[Connector]) -> Rect:
    """Bounds of a tidy layout from its roots' contours (no pass over every box), widened
    for boxes moved by hand and for dotted lines."""
    lo = hi = 0.0
    levels = 0
    for r in roots:
        sh = shapes[r]
        lo = min(lo, u[r] + min(sh.left))
        hi = max(hi, u[r] + max(sh.right))
        levels = max(levels, len(sh.left))
    top, bottom = 0.0, levels * pitch - LEVEL_GAP
    for a_u, a_bs, a_v, a_ds in moved:
        lo = min(lo, a_u - a_bs / 2)
        hi = max(hi, a_u + a_bs / 2)
        top = min(top, a_v)
        bottom = max(bottom, a_v + a_ds)
    extent = Rect(lo, top, hi - lo, bottom - top)
    if horizontal:
        extent = Rect(extent.y, extent.x, extent.h, extent.w)
    extra = [p for c in dotted for p in c.points]
    return bounds_of([extent], extra)
