"""The inverted view: Nordstrom's customer-on-top pyramid standing on its point.

From the top down: the CUSTOMER band; right under it, in a row (wrapped inside each
column when there are many), the customer-facing positions; then the divisions as
equal-width columns in the scenario's division order, each an upside-down tidy tree with
its head at the bottom of the column; and at the bottom point the positions in no
division (top management), upside down too, the top position lowest. A downward-pointing
triangle framing every box outlines the chart; it tilts toward the heavy side when the
division balance (``orgdesigner.metrics.balance``) passes its tolerance.

Each tree is the classic tidy layout mirrored (depth runs up), so its connectors are the
classic ones mirrored; lines between the trees, the row and the point are routed along
channels in the gaps between them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from orgdesigner.layout.forest import Forest
from orgdesigner.layout.geometry import (
    Band,
    Box,
    BoxStyle,
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
from orgdesigner.layout.views import (
    LEVEL_GAP,
    Abstract,
    bounds_of,
    clean_polyline,
    dotted_connectors,
    tree_connectors,
)
from orgdesigner.metrics.balance import Division, division_balance, tilt_degrees
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


def _rotate(p: tuple[float, float], pivot: tuple[float, float],
            degrees: float) -> tuple[float, float]:
    a = math.radians(degrees)
    dx, dy = p[0] - pivot[0], p[1] - pivot[1]
    return (pivot[0] + dx * math.cos(a) - dy * math.sin(a),
            pivot[1] + dx * math.sin(a) + dy * math.cos(a))


def _triangle(rects: Iterable[Rect], cx: float, y_top: float,
              least_half: float) -> tuple[float, float]:
    """Half width and point depth of the smallest (by area) downward triangle with its
    top edge at ``y_top`` that holds every rectangle, trying widths from the least up."""
    extremes = [(max(abs(r.x - cx), abs(r.right - cx)), r.bottom) for r in rects]
    if not extremes:
        return least_half + COLUMN_PAD, y_top + POINT_GAP
    lowest = max(b for _, b in extremes) + POINT_GAP
    widest = max(d for d, _ in extremes)
    best: tuple[float, float, float] | None = None
    start = max(least_half + COLUMN_PAD, widest * 1.02)
    for f in (1.0, 1.1, 1.2, 1.35, 1.5, 1.75, 2.0, 2.5, 3.0):
        half = start * f
        apex = lowest
        for d, b in extremes:
            k = d / half
            apex = max(apex, (b - k * y_top) / (1 - k))
        area = half * (apex - y_top)
        if best is None or area < best[0]:
            best = (area, half, apex)
    return best[1], best[2]


def pyramid_geometry(engine: LayoutEngine, scenario: Scenario, forest: Forest,
                     labels: dict[str, BoxLabel], divisions: list[Division],
                     division_of: dict[str, str | None], styles: dict[str, BoxStyle],
                     legend: list[LegendEntry]) -> Geometry:
    """The inverted geometry of ``scenario`` (see the module docstring)."""
    order = forest.order
    positions = forest.positions
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
    for key, members in groups.items():
        if not members:
            continue
        member_set = set(members)
        children = {pid: [c for c in forest.children.get(pid, ()) if c in member_set]
                    for pid in members}
        roots = [pid for pid in members if forest.manager.get(pid) not in member_set]
        sizes = {pid: labels[pid].width for pid in members}
        tidy = engine.tidy(f"inverted:{key}", roots, children, sizes,
                           [p for p in members if styles[p].assistant])
        for pid, how in tidy.placement.items():
            styles[pid].placement = how.value
        lo = min(tidy.u[p] - sizes[p] / 2 for p in members)
        hi = max(tidy.u[p] + sizes[p] / 2 for p in members)
        depth = max(tidy.level.values())
        layouts[key] = (members, tidy, lo, hi, depth)

    division_ids = [d.id for d in divisions]
    n = len(division_ids)
    widest_box = max((lab.width for lab in labels.values()), default=0.0)
    col_w = widest_box + 2 * COLUMN_PAD
    for key in division_ids:
        if key in layouts:
            col_w = max(col_w, layouts[key][3] - layouts[key][2] + 2 * COLUMN_PAD)
    facing_by_div: dict[str | None, list[str]] = {}
    for pid in facing:
        did = division_of.get(pid)
        facing_by_div.setdefault(did if did in groups and did is not None else None,
                                 []).append(pid)
    if n:
        # Widen the columns until no division needs more than a few rows of its row.
        for key in division_ids:
            row = facing_by_div.get(key, [])
            natural = sum(labels[p].width + ROW_GAP for p in row) + 2 * COLUMN_PAD
            col_w = max(col_w, min(natural, 6 * (widest_box + ROW_GAP) + 2 * COLUMN_PAD))
    total_w = max(n * col_w, (layouts[None][3] - layouts[None][2] + 2 * COLUMN_PAD)
                  if None in layouts else 0.0, col_w if not n else 0.0)
    cx = total_w / 2
    x0 = cx - n * col_w / 2

    boxes: list[Box] = []
    rects: dict[str, Rect] = {}

    def place(pid: str, x: float, y: float) -> None:
        lab = labels[pid]
        box = Box(pid, x, y, lab.width, lab.height, lab.lines, styles[pid])
        boxes.append(box)
        rects[pid] = Rect(x, y, lab.width, lab.height)

    # The customer-facing row(s), wrapped inside each column.
    y_row = BAND_HEIGHT + ROW_GAP
    row_h = max((labels[p].height for p in facing), default=0.0) + ROW_GAP
    rows_used = 0

    def fill(members: list[str], left: float, width: float, top: float) -> int:
        lines: list[list[str]] = [[]]
        used = 0.0
        for pid in members:
            w = labels[pid].width + ROW_GAP
            if lines[-1] and used + w > width:
                lines.append([])
                used = 0.0
            lines[-1].append(pid)
            used += w
        for r, line in enumerate(lines):
            line_w = sum(labels[p].width for p in line) + ROW_GAP * (len(line) - 1)
            x = left + (width - line_w) / 2
            for pid in line:
                place(pid, x, top + r * row_h)
                x += labels[pid].width + ROW_GAP
        return len(lines)

    for i, key in enumerate(division_ids):
        members = facing_by_div.get(key, [])
        if members:
            rows_used = max(rows_used, fill(members, x0 + i * col_w + COLUMN_PAD,
                                            col_w - 2 * COLUMN_PAD, y_row))
    loose = facing_by_div.get(None, [])
    if loose:
        rows_used += fill(loose, cx - total_w / 2 + COLUMN_PAD, total_w - 2 * COLUMN_PAD,
                          y_row + rows_used * row_h)
    facing_bottom = y_row + rows_used * row_h
    y_col = facing_bottom + CHANNEL

    # The division columns and the point, each a mirrored tidy tree.
    connectors: list[Connector] = []
    deepest = max((layouts[k][4] for k in division_ids if k in layouts), default=-1)
    col_bottom = y_col + (deepest + 1) * pitch - LEVEL_GAP if deepest >= 0 else y_col
    for key, (members, tidy, lo, hi, depth) in layouts.items():
        if key is None:
            centre = cx
            base = col_bottom + POINT_GAP + (depth + 1) * pitch - LEVEL_GAP
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

    # Lines between the groups, the row and the point; CUSTOMER to the row.
    group_of = {pid: key for key, lay in layouts.items() for pid in lay[0]}
    for pid in order:
        m = forest.manager.get(pid)
        if m is None or m not in rects or (pid in group_of and group_of.get(m, 0) ==
                                           group_of[pid]):
            continue
        a, b = rects[m], rects[pid]
        if b.bottom <= a.y:  # report above its manager
            ch = facing_bottom + CHANNEL / 2 if pid in facing_set else a.y - LEVEL_GAP / 2
            pts = [(a.cx, a.y), (a.cx, ch), (b.cx, ch), (b.cx, b.bottom)]
        elif b.y >= a.bottom:
            ch = b.y - LEVEL_GAP / 2
            pts = [(a.cx, a.bottom), (a.cx, ch), (b.cx, ch), (b.cx, b.y)]
        else:
            ch = min(a.y, b.y) - ROW_GAP / 2
            pts = [(a.cx, a.y), (a.cx, ch), (b.cx, ch), (b.cx, b.y)]
        connectors.append(Connector(m, pid, clean_polyline(pts)))
    for pid in facing:
        b = rects[pid]
        connectors.append(Connector(CUSTOMER, pid, [(b.cx, BAND_HEIGHT), (b.cx, b.y)],
                                    ConnectorKind.CUSTOMER))
    connectors.extend(dotted_connectors(rects, forest.dotted))

    # The triangle: its top edge under the band, wide enough for the columns, its point
    # deep enough that every box lies inside.
    y_top = BAND_HEIGHT
    half, apex = _triangle(rects.values(), cx, y_top, max(n * col_w / 2, total_w / 2))
    balance = division_balance(scenario, order=division_ids, tolerance=engine.tolerance)
    tilt = tilt_degrees(balance.normalised_torque, balance.tolerance)
    corners = [(cx - half, y_top), (cx + half, y_top), (cx, apex)]
    pyramid = Pyramid(points=corners, pivot=(cx, apex), tilt_degrees=tilt)
    band = Band(CUSTOMER, Rect(cx - half, 0.0, 2 * half, BAND_HEIGHT))
    labels_out = [Label(CUSTOMER, cx, BAND_HEIGHT / 2 + BAND_LABEL_SIZE * 0.35,
                        BAND_LABEL_SIZE, True)]
    columns: list[DivisionColumn] = []
    stats = {row["id"]: row for row in balance.divisions}
    col_top = y_top
    for i, d in enumerate(divisions):
        s = stats[d.id]
        rect = Rect(x0 + i * col_w, col_top, col_w, max(col_bottom, facing_bottom) - col_top)
        columns.append(DivisionColumn(d.id, d.name, rect, d.color, s["headcount"], s["fte"],
                                      s["share"]))
        labels_out.append(Label(d.name, rect.cx, y_col - CHANNEL / 4, COLUMN_LABEL_SIZE, True))
    tilted = [_rotate(p, pyramid.pivot, tilt) for p in corners]
    bounds = bounds_of(list(rects.values()) + [band.rect], corners + tilted)
    return Geometry(view="inverted", boxes=boxes, connectors=connectors, bands=[band],
                    labels=labels_out, columns=columns, pyramid=pyramid, balance=balance,
                    legend=legend, bounds=bounds)
