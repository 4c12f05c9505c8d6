"""Views: the tidy tree turned into points for the classic (top-down) and horizontal
(left-to-right) charts, and the connector routing every view shares.

The tidy tree works in abstract coordinates, ``u`` across the tree and the level down it.
Here a level becomes ``level * pitch`` points of depth (the pitch is the deepest box plus
``LEVEL_GAP``), and (u, depth) map to (x, y) in the classic view and to (y, x) in the
horizontal one. Manual offsets move single boxes last; connectors are routed from the
final boxes, so they stay attached to a box that was moved by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import islice

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
from orgdesigner.layout.tidy import Placement, Shape, TidyResult

__all__ = [
    "LEVEL_GAP",
    "MARGIN",
    "Abstract",
    "tree_geometry",
    "tree_bounds",
    "tree_connectors",
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


def _route(m: Abstract, c: Abstract, how: Placement, bus: float, sign: float
           ) -> list[tuple[float, float]]:
    """Abstract polyline from manager ``m`` to child ``c``. ``sign`` is +1 when children
    lie deeper (larger depth) than their manager, -1 in a mirrored (inverted) tree."""
    um, bm, vm, dm = m
    uc, bc, vc, dc = c
    m_edge = vm + dm if sign > 0 else vm
    if how is Placement.ROW:
        c_edge = vc if sign > 0 else vc + dc
        return [(um, m_edge), (um, bus), (uc, bus), (uc, c_edge)]
    mid = vc + dc / 2
    side = uc - bc / 2 if uc >= um else uc + bc / 2
    return [(um, m_edge), (um, mid), (side, mid)]


def tree_connectors(abstract: Mapping[str, Abstract], tidy: TidyResult, pitch: float,
                    sign: float = 1.0) -> list[tuple[str, str, list[tuple[float, float]]]]:
    """Solid connectors (manager, report, abstract points) of a tidy layout."""
    out = []
    half_gap = LEVEL_GAP / 2
    for cid, mid in tidy.manager.items():
        how = tidy.placement[cid]
        bus = (tidy.level[cid] * pitch - half_gap) * sign
        out.append((mid, cid, _route(abstract[mid], abstract[cid], how, bus, sign)))
    return out


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


def tree_geometry(view: str, order: list[str], labels: Mapping[str, BoxLabel],
                  styles: Mapping[str, BoxStyle], tidy: TidyResult,
                  offsets: Mapping[str, tuple[float, float]],
                  dotted: Iterable[tuple[str, str]], legend: list[LegendEntry],
                  abstract_out: dict[str, Abstract] | None = None,
                  boxes_out: dict[str, Box] | None = None,
                  solid_out: dict[str, Connector] | None = None) -> Geometry:
    """Classic or horizontal geometry of a tidy layout of the positions in ``order``
    (depth-first pre-order: a manager comes before its reports). ``abstract_out``,
    ``boxes_out`` and ``solid_out`` receive each box in abstract coordinates, each box and
    the solid connector into each report, by position id."""
    horizontal = view == "horizontal"
    deepest = 0.0
    for lab in labels.values():
        d = lab.width if horizontal else lab.height
        if d > deepest:
            deepest = d
    pitch = deepest + LEVEL_GAP
    abstract: dict[str, Abstract] = {} if abstract_out is None else abstract_out
    boxes: dict[str, Box] = {} if boxes_out is None else boxes_out
    solid: dict[str, Connector] = {} if solid_out is None else solid_out
    if horizontal or offsets:
        _place_any(order, labels, styles, tidy, offsets, horizontal, pitch, abstract, boxes,
                   solid)
    else:
        _place_classic(labels, styles, tidy, pitch, abstract, boxes, solid)
    connectors = list(solid.values())
    dotted_lines: list[Connector] = []
    if dotted:
        rects = {}
        for b in boxes.values():
            rects[b.id] = Rect(b.x, b.y, b.w, b.h)
        dotted_lines = dotted_connectors(rects, dotted)
        connectors.extend(dotted_lines)
    if not boxes:
        return Geometry(view=view, legend=legend)
    roots = list(islice(tidy.u, len(tidy.u) - len(tidy.manager)))  # tidy places roots first
    bounds = tree_bounds(roots, tidy.u, tidy.shapes, pitch, horizontal,
                         [abstract[p] for p in offsets if p in abstract], dotted_lines)
    return Geometry(view=view, boxes=list(boxes.values()), connectors=connectors,
                    legend=legend, bounds=bounds)


def _place_classic(labels: Mapping[str, BoxLabel], styles: Mapping[str, BoxStyle],
                   tidy: TidyResult, pitch: float, abstract: dict[str, Abstract],
                   boxes: dict[str, Box], solid: dict[str, Connector]) -> None:
    """Boxes and solid connectors of the classic view without manual offsets: one pass
    over the reports in the order tidy placed them (a manager before its reports), the
    four tidy tables read side by side (they share that order) instead of looked up."""
    u_of, level_of, manager_of = tidy.u, tidy.level, tidy.manager
    n_roots = len(u_of) - len(manager_of)
    for pid, u in islice(u_of.items(), n_roots):
        lab = labels[pid]
        bs, ds = lab.width, lab.height
        v = level_of[pid] * pitch
        abstract[pid] = (u, bs, v, ds)
        boxes[pid] = Box(pid, u - bs / 2, v, bs, ds, lab.lines, styles[pid])
    half_gap = LEVEL_GAP / 2
    row = Placement.ROW
    for (pid, m), u, lv, how in zip(manager_of.items(), islice(u_of.values(), n_roots, None),
                                    islice(level_of.values(), n_roots, None),
                                    tidy.placement.values(), strict=True):
        lab = labels[pid]
        bs = lab.width
        ds = lab.height
        v = lv * pitch
        abstract[pid] = (u, bs, v, ds)
        x0 = u - bs / 2
        boxes[pid] = Box(pid, x0, v, bs, ds, lab.lines, styles[pid])
        um, _bm, vm, dm = abstract[m]
        if how is row:
            if um == u:
                pts = [(u, vm + dm), (u, v)]
            else:
                bus = v - half_gap
                pts = [(um, vm + dm), (um, bus), (u, bus), (u, v)]
        else:
            mid = v + ds / 2
            pts = [(um, vm + dm), (um, mid), (x0 if u >= um else x0 + bs, mid)]
        solid[pid] = Connector(m, pid, pts)


def _place_any(order: list[str], labels: Mapping[str, BoxLabel],
               styles: Mapping[str, BoxStyle], tidy: TidyResult,
               offsets: Mapping[str, tuple[float, float]], horizontal: bool, pitch: float,
               abstract: dict[str, Abstract], boxes: dict[str, Box],
               solid: dict[str, Connector]) -> None:
    """Boxes and solid connectors of either tree view, with manual offsets."""
    half_gap = LEVEL_GAP / 2
    u_of, level_of, manager_of, placement_of = tidy.u, tidy.level, tidy.manager, tidy.placement
    row = Placement.ROW
    for pid in order:
        lab = labels[pid]
        if horizontal:
            bs, ds = lab.height, lab.width
        else:
            bs, ds = lab.width, lab.height
        u = u_of[pid]
        v = level_of[pid] * pitch
        if offsets:
            off = offsets.get(pid)
            if off is not None:
                u += off[1] if horizontal else off[0]
                v += off[0] if horizontal else off[1]
        a = (u, bs, v, ds)
        abstract[pid] = a
        x0 = u - bs / 2
        if horizontal:
            boxes[pid] = Box(pid, v, x0, ds, bs, lab.lines, styles[pid])
        else:
            boxes[pid] = Box(pid, x0, v, bs, ds, lab.lines, styles[pid])
        m = manager_of.get(pid)
        if m is None:
            continue
        um, bm, vm, dm = abstract[m]
        how = placement_of[pid]
        if how is row:
            if um == u:
                pts = [(u, vm + dm), (u, v)]
            else:
                bus = level_of[pid] * pitch - half_gap
                pts = [(um, vm + dm), (um, bus), (u, bus), (u, v)]
        else:
            mid = v + ds / 2
            side = x0 if u >= um else x0 + bs
            pts = [(um, vm + dm), (um, mid), (side, mid)]
        if horizontal:
            pts = [(y, x) for x, y in pts]
        solid[pid] = Connector(m, pid, pts)


def tree_bounds(roots: Iterable[str], u: Mapping[str, float], shapes: Mapping[str, Shape],
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
