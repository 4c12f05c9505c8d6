"""The inverted view: Nordstrom's customer-on-top pyramid standing on its point.

From the top down: the CUSTOMER band; right under it, in a row (wrapped inside each
column when there are many), the customer-facing positions; then the divisions as
equal-width columns in the scenario's division order, each an upside-down tidy tree with
its head at the bottom of the column; and at the bottom point the positions in no
division (top management), upside down too, the top position lowest. A downward-pointing
triangle framing every box and column outlines the chart; it tilts toward the heavy side
when the division balance (``orgdesigner.metrics.balance``) passes its tolerance.

The triangle always has the same shape (depth ``DEPTH_RATIO`` times its top edge, a bit
flatter than equilateral): its top edge is as short as holding the columns allows, so it
hugs the chart. The columns sit in its upper part; the deep space below them holds the
lines down to the top management, which sits just above the point: they run across under
the columns and down one trunk (beside the top management when boxes sit above the
manager). The column width is chosen among a few wrappings of the customer-facing row,
the one giving the smallest triangle.

Each tree is the classic tidy layout mirrored (depth runs up), so its connectors are the
classic ones mirrored; lines between the trees, the row and the point are routed along
channels in the gaps between them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orgdesigner.layout.forest import Forest
from orgdesigner.layout.geometry import (
    Band,
    Box,
    Connector,
    ConnectorKind,
    DivisionColumn,
    Geometry,
    Label,
    LegendEntry,
    Pyramid,
    Rect,
)
from orgdesigner.layout.text import BoxLabel
from orgdesigner.layout.tidy import Placement
from orgdesigner.layout.views import (
    LEVEL_GAP,
    Abstract,
    StyleVariants,
    bounds_of,
    clean_polyline,
    dotted_connectors,
    tree_connectors,
)
from orgdesigner.metrics.balance import (
    Division,
    assign_divisions,
    division_balance,
    tilt_degrees,
)
from orgdesigner.model.document import Scenario

if TYPE_CHECKING:
    from orgdesigner.layout.engine import LayoutEngine

__all__ = ["CUSTOMER", "BAND_HEIGHT", "pyramid_geometry"]

CUSTOMER = "CUSTOMER"
BAND_HEIGHT = 40.0
BAND_LABEL_SIZE = 16.0
COLUMN_LABEL_SIZE = 10.0
COLUMN_PAD = 16.0  # inside a column, on each side
ROW_GAP = 12.0  # between customer-facing boxes, and between their rows
CHANNEL = 40.0  # between the customer-facing row and the columns (labels + lines)
POINT_GAP = 48.0  # between the columns and the top management at the point
COLUMN_FOOT = 18.0  # under the lowest box of the columns: the painters' headcount line
EDGE_GAP = 8.0  # least clearance between a box (or column) and the triangle's sides
DEPTH_RATIO = 0.6  # triangle depth / top edge (equilateral: 0.866)
MAX_ROW_BOXES = 6  # widest customer-facing row inside one column, in boxes
#: The outline turns this fraction of the balance's tilt: turning about its far point, a
#: whole tilt would swing the top edge far from the chart.
TILT_SCALE = 0.5


def _rotate(p: tuple[float, float], pivot: tuple[float, float],
            degrees: float) -> tuple[float, float]:
    a = math.radians(degrees)
    dx, dy = p[0] - pivot[0], p[1] - pivot[1]
    return (pivot[0] + dx * math.cos(a) - dy * math.sin(a),
            pivot[1] + dx * math.sin(a) + dy * math.cos(a))


def _fit_triangle(extents: Iterable[tuple[float, float]], y_top: float) -> tuple[float, float]:
    """Half width and depth of the smallest downward triangle of the fixed shape
    (``DEPTH_RATIO``), its top edge at ``y_top``, that holds every point given as
    (distance from the axis, y) with ``EDGE_GAP`` to spare on the sides."""
    half = COLUMN_PAD
    for d, y in extents:
        # (d + gap, y) lies inside when d + gap <= half - (y - y_top) / (2 * ratio).
        half = max(half, d + EDGE_GAP + (y - y_top) / (2 * DEPTH_RATIO))
    return half, 2 * DEPTH_RATIO * half


def _wrap(members: list[str], labels: dict[str, BoxLabel], width: float) -> list[list[str]]:
    """Customer-facing boxes in lines no wider than ``width`` (at least one box a line)."""
    if not members:
        return []
    lines: list[list[str]] = [[]]
    used = 0.0
    for pid in members:
        w = labels[pid].width + ROW_GAP
        if lines[-1] and used + w > width:
            lines.append([])
            used = 0.0
        lines[-1].append(pid)
        used += w
    return lines


def _line_width(line: list[str], labels: dict[str, BoxLabel]) -> float:
    return sum(labels[p].width for p in line) + ROW_GAP * (len(line) - 1)


@dataclass(slots=True)
class _Frame:
    """The customer-facing rows, column heights and triangle for one column width."""

    col_w: float
    wrapped: dict[str, list[list[str]]]  # per division: lines of customer-facing ids
    loose: list[list[str]]  # customer-facing positions in no division
    total_w: float
    facing_bottom: float
    col_bottom: float
    half: float  # of the triangle's top edge
    depth: float  # of the triangle


def pyramid_geometry(engine: LayoutEngine, scenario: Scenario, forest: Forest,
                     labels: dict[str, BoxLabel], divisions: list[Division],
                     division_of: dict[str, str | None], variants: Mapping[str, StyleVariants],
                     legend: list[LegendEntry]) -> Geometry:
    """The inverted geometry of ``scenario`` (see the module docstring); ``variants``
    gives each box its (shared, read-only) style for the way it hangs."""
    order = forest.order
    positions = forest.positions
    # A box hangs from its manager's row unless it tops the chart; tidy placements below.
    managed = forest.manager
    row = Placement.ROW
    styles = {pid: v[row if pid in managed else None] for pid, v in variants.items()}
    facing = [pid for pid in order if positions[pid].customer_facing]
    facing_set = set(facing)
    groups: dict[str | None, list[str]] = {d.id: [] for d in divisions}
    groups[None] = []
    for pid in order:
        if pid not in facing_set:
            did = division_of.get(pid)
            groups[did if did in groups else None].append(pid)
    pitch = max((lab.height for lab in labels.values()), default=0.0) + LEVEL_GAP

    # Lay out each group as a classic tidy forest (children inside the group only).
    layouts = {}
    group_roots: dict[str | None, list[str]] = {}  # boxes whose manager is in no group
    for key, members in groups.items():
        if not members:
            continue
        member_set = set(members)
        children: dict[str, list[str]] = {}
        kids_of = forest.children.get
        for pid in members:
            kids = kids_of(pid)
            if kids:
                children[pid] = [c for c in kids if c in member_set]
        roots = [pid for pid in members if forest.manager.get(pid) not in member_set]
        group_roots[key] = roots
        sizes = {pid: labels[pid].width for pid in members}
        tidy = engine.tidy(f"inverted:{key}", roots, children, sizes,
                           [p for p in members if styles[p].assistant])
        for pid, how in tidy.placement.items():
            styles[pid] = variants[pid][how]
        lo = min(tidy.u[p] - sizes[p] / 2 for p in members)
        hi = max(tidy.u[p] + sizes[p] / 2 for p in members)
        depth = max(tidy.level.values())
        layouts[key] = (members, tidy, lo, hi, depth)

    division_ids = [d.id for d in divisions]
    n = len(division_ids)
    widest_box = max((lab.width for lab in labels.values()), default=0.0)
    tree_w = widest_box + 2 * COLUMN_PAD
    for key in division_ids:
        if key in layouts:
            tree_w = max(tree_w, layouts[key][3] - layouts[key][2] + 2 * COLUMN_PAD)
    facing_by_div: dict[str | None, list[str]] = {}
    for pid in facing:
        did = division_of.get(pid)
        facing_by_div.setdefault(did if did in groups and did is not None else None,
                                 []).append(pid)
    y_top = BAND_HEIGHT
    y_row = BAND_HEIGHT + ROW_GAP
    row_h = max((labels[p].height for p in facing), default=0.0) + ROW_GAP
    deepest = max((layouts[k][4] for k in division_ids if k in layouts), default=-1)
    trees_h = (deepest + 1) * pitch - LEVEL_GAP if deepest >= 0 else 0.0

    # The top management hangs from the point: (u, v, width) of each box, v up from its
    # lowest box's bottom; its highest place is right under the columns.
    point: list[tuple[str, float, float, float]] = []
    point_rise = 0.0
    if None in layouts:
        members, tidy, _, _, depth = layouts[None]
        point = [(pid, tidy.u[pid], tidy.level[pid] * pitch, labels[pid].width)
                 for pid in members]
        point_rise = (depth + 1) * pitch - LEVEL_GAP
    point_half = max((abs(u) + w / 2 for _, u, _, w in point), default=0.0)
    # Managers there with division heads reporting: the trunk up to the heads leaves the
    # top of the box, or its side when boxes sit above it (offset of the trunk from the
    # centre line, and its foot above the group's base), so the triangle can hold it.
    trunks: dict[str, tuple[float, float, bool]] = {}
    if point:
        heights = {pid: labels[pid].height for pid, _, _, _ in point}
        point_ids = {pid for pid, _, _, _ in point}
        for pid in order:
            m = forest.manager.get(pid)
            if m not in point_ids or m in trunks or pid in facing_set \
                    or division_of.get(pid) not in groups or division_of.get(pid) is None:
                continue
            _, u_m, v_m, w_m = next(p for p in point if p[0] == m)
            top_m = v_m + heights[m]
            if not any(q != m and v + heights[q] > top_m and abs(u - u_m) <= w / 2
                       for q, u, v, w in point):
                trunks[m] = (u_m, top_m, False)
            else:  # right of every box reaching above the manager's middle
                right = max(u + w / 2 for q, u, v, w in point
                            if q == m or v + heights[q] > v_m + heights[m] / 2)
                trunks[m] = (right + LEVEL_GAP / 2, v_m + heights[m] / 2, True)

    def frame(col_w: float) -> _Frame:
        wrapped = {key: _wrap(facing_by_div.get(key, []), labels, col_w - 2 * COLUMN_PAD)
                   for key in division_ids}
        total_w = max(n * col_w, 2 * (point_half + COLUMN_PAD), col_w if not n else 0.0)
        loose = _wrap(facing_by_div.get(None, []), labels, total_w - 2 * COLUMN_PAD)
        div_rows = max((len(lines) for lines in wrapped.values()), default=0)
        facing_bottom = y_row + (div_rows + len(loose)) * row_h
        col_bottom = (facing_bottom + CHANNEL + trees_h if deepest >= 0 else facing_bottom) \
            + COLUMN_FOOT
        extents = [(n * col_w / 2, max(col_bottom, facing_bottom))] if n else []
        extents += [(_line_width(line, labels) / 2, y_row + (div_rows + r + 1) * row_h - ROW_GAP)
                    for r, line in enumerate(loose)]
        base = col_bottom + POINT_GAP + point_rise
        extents += [(abs(u) + w / 2, base - v) for _, u, v, w in point]
        extents += [(abs(t), base - foot) for t, foot, _ in trunks.values()]
        half, depth = _fit_triangle(extents, y_top)
        return _Frame(col_w, wrapped, loose, total_w, facing_bottom, col_bottom, half, depth)

    # Columns as narrow as their trees, or wider to hold more of the customer-facing row
    # on a line: whichever makes the smallest triangle (the narrowest on a tie).
    widths = {tree_w}
    if n:
        natural = max(sum(labels[p].width + ROW_GAP for p in facing_by_div.get(k, []))
                      for k in division_ids) + 2 * COLUMN_PAD
        for k in range(1, MAX_ROW_BOXES + 1):
            widths.add(max(tree_w, min(natural, k * (widest_box + ROW_GAP) + 2 * COLUMN_PAD)))
    best = min((frame(w) for w in sorted(widths)), key=lambda f: f.half)
    col_w, total_w = best.col_w, best.total_w
    facing_bottom, col_bottom = best.facing_bottom, best.col_bottom
    half, tri_depth = best.half, best.depth
    cx = total_w / 2
    x0 = cx - n * col_w / 2
    apex = y_top + tri_depth

    boxes: list[Box] = []
    placed: dict[str, Box] = {}

    def place(pid: str, x: float, y: float) -> None:
        lab = labels[pid]
        box = placed[pid] = Box(pid, x, y, lab.width, lab.height, lab.lines, styles[pid])
        boxes.append(box)

    def place_lines(lines: list[list[str]], left: float, width: float, top: float) -> None:
        for r, line in enumerate(lines):
            x = left + (width - _line_width(line, labels)) / 2
            for pid in line:
                place(pid, x, top + r * row_h)
                x += labels[pid].width + ROW_GAP

    # The customer-facing row(s), wrapped inside each column, then those in no division.
    for i, key in enumerate(division_ids):
        place_lines(best.wrapped[key], x0 + i * col_w + COLUMN_PAD, col_w - 2 * COLUMN_PAD,
                    y_row)
    div_rows = max((len(lines) for lines in best.wrapped.values()), default=0)
    place_lines(best.loose, cx - total_w / 2 + COLUMN_PAD, total_w - 2 * COLUMN_PAD,
                y_row + div_rows * row_h)
    y_col = facing_bottom + CHANNEL

    # The division columns and the point, each a mirrored tidy tree. The point sits as
    # low in the triangle as its boxes fit, leaving room for the lines above it.
    connectors: list[Connector] = []
    for key, (members, tidy, lo, hi, depth) in layouts.items():
        if key is None:
            centre = cx
            base = col_bottom + POINT_GAP + point_rise
            base = max(base, min([apex - 2 * DEPTH_RATIO * (abs(u) + w / 2 + EDGE_GAP) + v
                                  for _, u, v, w in point]
                                 + [apex - 2 * DEPTH_RATIO * (abs(t) + EDGE_GAP) + foot
                                    for t, foot, _ in trunks.values()]))
        else:
            i = division_ids.index(key)
            centre = x0 + (i + 0.5) * col_w - (lo + hi) / 2
            base = y_col + (depth + 1) * pitch - LEVEL_GAP
        abstract: dict[str, Abstract] = {}
        for pid in members:
            lab = labels[pid]
            u, v = tidy.u[pid], tidy.level[pid] * pitch
            abstract[pid] = (u, lab.width, v, lab.height)
            place(pid, centre + u - lab.width / 2, base - v - lab.height)
        for mid, cid, pts in tree_connectors(abstract, tidy, pitch):
            connectors.append(Connector(mid, cid, clean_polyline(
                [(centre + u, base - v) for u, v in pts])))

    # Lines between the groups, the row and the point; CUSTOMER to the row. Lines from
    # the point up to the division heads share a trunk and run across under the columns.
    # Only the customer-facing boxes and each group's tops can have a manager elsewhere.
    crossing = [(pid, None) for pid in facing]
    crossing += [(pid, key) for key, tops in group_roots.items() for pid in tops]
    for pid, key in crossing:
        m = forest.manager.get(pid)
        if m is None or m not in placed:
            continue
        a, b = placed[m].rect, placed[pid].rect
        if b.bottom <= a.y:  # report above its manager
            if pid in facing_set:
                ch = facing_bottom + CHANNEL / 2
            elif m in trunks and key is not None:
                ch = col_bottom + POINT_GAP / 2
                if trunks[m][2]:  # beside the boxes above
                    x = cx + trunks[m][0]
                    connectors.append(Connector(m, pid, clean_polyline(
                        [(a.right, a.cy), (x, a.cy), (x, ch), (b.cx, ch), (b.cx, b.bottom)])))
                    continue
            else:
                ch = a.y - LEVEL_GAP / 2
            pts = [(a.cx, a.y), (a.cx, ch), (b.cx, ch), (b.cx, b.bottom)]
        elif b.y >= a.bottom:
            ch = b.y - LEVEL_GAP / 2
            pts = [(a.cx, a.bottom), (a.cx, ch), (b.cx, ch), (b.cx, b.y)]
        else:
            ch = min(a.y, b.y) - ROW_GAP / 2
            pts = [(a.cx, a.y), (a.cx, ch), (b.cx, ch), (b.cx, b.y)]
        connectors.append(Connector(m, pid, clean_polyline(pts)))
    for pid in facing:
        b = placed[pid].rect
        connectors.append(Connector(CUSTOMER, pid, [(b.cx, BAND_HEIGHT), (b.cx, b.y)],
                                    ConnectorKind.CUSTOMER))
    ends = {pid for pair in forest.dotted for pid in pair if pid in placed}
    connectors.extend(dotted_connectors({pid: placed[pid].rect for pid in ends}, forest.dotted))

    # The triangle: its top edge under the band, its point below the top management.
    # (every position counts, the hidden under a collapsed box too: only an uncollapsed
    # chart's divisions are all known here already)
    # (with the same managers as the columns: a reporting cycle is broken the same way)
    every = (assign_divisions(scenario, forest.manager, division_ids)[1] if forest.collapsed
             else division_of)
    balance = division_balance(scenario, order=division_ids, tolerance=engine.tolerance,
                               assigned=(divisions, every))
    tilt = TILT_SCALE * tilt_degrees(balance.normalised_torque, balance.tolerance)
    corners = [(cx - half, y_top), (cx + half, y_top), (cx, apex)]
    pyramid = Pyramid(points=corners, pivot=(cx, apex), tilt_degrees=tilt)
    band = Band(CUSTOMER, Rect(cx - half, 0.0, 2 * half, BAND_HEIGHT))
    labels_out = [Label(CUSTOMER, cx, BAND_HEIGHT / 2 + BAND_LABEL_SIZE * 0.35,
                        BAND_LABEL_SIZE, True)]
    columns: list[DivisionColumn] = []
    stats = {row["id"]: row for row in balance.divisions}
    for i, d in enumerate(divisions):
        s = stats[d.id]
        rect = Rect(x0 + i * col_w, y_top, col_w, max(col_bottom, facing_bottom) - y_top)
        columns.append(DivisionColumn(d.id, d.name, rect, d.color, s["headcount"], s["fte"],
                                      s["share"]))
        labels_out.append(Label(d.name, rect.cx, y_col - CHANNEL / 4, COLUMN_LABEL_SIZE, True))
    tilted = [_rotate(p, pyramid.pivot, tilt) for p in corners]
    extent = Rect(0.0, 0.0, 0.0, 0.0)
    if boxes:
        left = min(b.x for b in boxes)
        top = min(b.y for b in boxes)
        extent = Rect(left, top, max(b.x + b.w for b in boxes) - left,
                      max(b.y + b.h for b in boxes) - top)
    bounds = bounds_of([extent, band.rect] if boxes else [band.rect], corners + tilted)
    return Geometry(view="inverted", boxes=boxes, connectors=connectors, bands=[band],
                    labels=labels_out, columns=columns, pyramid=pyramid, balance=balance,
                    legend=legend, bounds=bounds)
