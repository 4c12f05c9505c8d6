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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import add, attrgetter, sub
from typing import TYPE_CHECKING

from orgdesigner.layout.box_read import BoxRead
from orgdesigner.layout.forest import TreeIndex
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
from orgdesigner.layout.tidy import Placement, TidyParams, _pack, shape_tree
from orgdesigner.layout.views import (
    LEVEL_GAP,
    bounds_of,
    clean_polyline,
    dotted_connectors,
)
from orgdesigner.metrics.balance import (
    Division,
    assign_divisions,
    division_balance,
    division_heads,
    marked_divisions,
    tilt_degrees,
)
from orgdesigner.model.document import Scenario

if TYPE_CHECKING:
    from orgdesigner.layout.engine import LayoutEngine

__all__ = ["CUSTOMER", "BAND_HEIGHT", "division_columns", "manager_by_id", "pyramid_geometry"]

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


def _wrap(members: list[int], labels: Sequence[BoxLabel | None], width: float
          ) -> list[list[int]]:
    """Customer-facing boxes in lines no wider than ``width`` (at least one box a line)."""
    if not members:
        return []
    lines: list[list[int]] = [[]]
    used = 0.0
    for pid in members:
        w = labels[pid].width + ROW_GAP  # type: ignore[union-attr]
        if lines[-1] and used + w > width:
            lines.append([])
            used = 0.0
        lines[-1].append(pid)
        used += w
    return lines


def _line_width(line: list[int], labels: Sequence[BoxLabel | None]) -> float:
    return sum(labels[p].width for p in line) + ROW_GAP * (len(line) - 1)  # type: ignore[union-attr]


@dataclass(slots=True)
class _Frame:
    """The customer-facing rows, column heights and triangle for one column width."""

    col_w: float
    wrapped: dict[str, list[list[int]]]  # per division: lines of customer-facing indices
    loose: list[list[int]]  # customer-facing positions in no division
    total_w: float
    facing_bottom: float
    col_bottom: float
    half: float  # of the triangle's top edge
    depth: float  # of the triangle


def _preorder(tree: TreeIndex) -> list[int]:
    """The visible positions of ``tree`` in depth-first pre-order (by index)."""
    visible = tree.visible
    order: list[int] = []
    add = order.append
    for root in tree.roots:
        stack = [root]
        pop, extend = stack.pop, stack.extend
        while stack:
            node = pop()
            add(node)
            kids = visible[node]
            if kids:
                extend(reversed(kids))
    return order


def _route4(x1: float, y1: float, ch: float, x2: float, y2: float
            ) -> list[tuple[float, float]]:
    """``clean_polyline`` of the orthogonal route (x1, y1) -> (x1, ch) -> (x2, ch) ->
    (x2, y2), without its general loop when no two points meet or line up."""
    if x1 != x2 and y1 != ch and ch != y2:
        return [(x1, y1), (x1, ch), (x2, ch), (x2, y2)]
    return clean_polyline([(x1, y1), (x1, ch), (x2, ch), (x2, y2)])


def pyramid_geometry(engine: LayoutEngine, scenario: Scenario, tree: TreeIndex,
                     read: BoxRead, divisions: list[Division],
                     legend: list[LegendEntry]) -> Geometry:
    """The inverted geometry of ``scenario`` (see the module docstring) from its tree and
    boxes by position index, as ``read_boxes`` read them (vertical sizes)."""
    ids, parent, visible = tree.ids, tree.parent, tree.visible
    labels = read.labels
    variants = read.variants
    division = read.division
    count = len(ids)
    order = _preorder(tree)
    row = Placement.ROW
    customer_facing = list(map(attrgetter("customer_facing"), tree.positions))
    facing = [i for i in order if customer_facing[i]]

    # The groups: one per division (in column order), the last (number n) for the
    # positions in none; the customer-facing positions are in no group (-1).
    division_ids = [d.id for d in divisions]
    n = len(division_ids)
    slot = {did: g for g, did in enumerate(division_ids)}
    group = list(map(slot.get, division, repeat(n)))  # (hidden positions: in no list)
    for i in facing:
        group[i] = -1
    members: list[list[int]] = [[] for _ in range(n + 1)]
    join = [mem.append for mem in members]
    for i in order:
        g = group[i]
        if g >= 0:
            join[g](i)
    shown = list(filter(None, labels))
    pitch = max(map(attrgetter("height"), shown), default=0.0) + LEVEL_GAP

    # Lay out each group as a classic tidy forest (children inside the group only): the
    # subtree shapes of all groups in one pass, each group's tops packed on their own.
    kids_of: list[list[int] | None] = [None] * count
    tops: list[list[int]] = [[] for _ in range(n + 1)]  # boxes whose manager is elsewhere
    for g, mem in enumerate(members):
        tops[g] = [i for i in mem if (m := parent[i]) < 0 or group[m] != g]
        for i in mem:
            kids = visible[i]
            if kids:
                same = [c for c in kids if group[c] == g]
                if same:
                    kids_of[i] = same
    params = engine.params or TidyParams()
    sizes = read.sizes
    ts = shape_tree([], [i for i in reversed(order) if group[i] >= 0], kids_of, ids, sizes,
                    read.assistants, params,
                    engine.cache("inverted") if engine.keep_state else None)
    shapes = ts.shapes
    # Every box's tidy centre and level, and how it hangs (a group's top: from its
    # manager's row unless it tops the chart).
    at_u = [0.0] * count
    at_level = [0] * count
    hang: list[Placement | None] = [row if m >= 0 else None for m in parent]
    for top in tops:
        if top:
            pos = _pack([shapes[r] for r in top], params.gap)  # type: ignore[misc]
            shift = -(pos[0] + pos[-1]) / 2
            for r, p in zip(top, pos, strict=True):
                at_u[r] = p + shift
    index = tree.index
    for m in reversed(ts.internal):  # parents before their children
        x = at_u[m]
        lv = at_level[m]
        for cid, du, dl, how in shapes[m].kids:  # type: ignore[union-attr]
            c = index[cid]
            at_u[c] = x + du
            at_level[c] = lv + dl
            hang[c] = how
    half_size = [s / 2 for s in sizes]
    layouts: list[tuple[int, list[int], float, float, int]] = []  # group, members, lo, hi, depth
    for g, mem in enumerate(members):
        if mem:
            us = list(map(at_u.__getitem__, mem))
            halves = list(map(half_size.__getitem__, mem))
            layouts.append((g, mem, min(map(sub, us, halves)), max(map(add, us, halves)),
                            max(map(at_level.__getitem__, mem))))
    by_group = {g: (lo, hi, depth) for g, _, lo, hi, depth in layouts}

    widest_box = max(map(attrgetter("width"), shown), default=0.0)
    tree_w = widest_box + 2 * COLUMN_PAD
    for g in range(n):
        if g in by_group:
            tree_w = max(tree_w, by_group[g][1] - by_group[g][0] + 2 * COLUMN_PAD)
    facing_by_div: dict[str | None, list[int]] = {}
    for i in facing:
        did = division[i]
        facing_by_div.setdefault(did if did in slot else None, []).append(i)
    y_top = BAND_HEIGHT
    y_row = BAND_HEIGHT + ROW_GAP
    row_h = max((labels[i].height for i in facing), default=0.0) + ROW_GAP  # type: ignore[union-attr]
    deepest = max((by_group[g][2] for g in range(n) if g in by_group), default=-1)
    trees_h = (deepest + 1) * pitch - LEVEL_GAP if deepest >= 0 else 0.0

    # The top management hangs from the point: (u, v, width) of each box, v up from its
    # lowest box's bottom; its highest place is right under the columns.
    point: list[tuple[int, float, float, float]] = []
    point_rise = 0.0
    if n in by_group:
        point = [(i, at_u[i], at_level[i] * pitch, labels[i].width)  # type: ignore[union-attr]
                 for i in members[n]]
        point_rise = (by_group[n][2] + 1) * pitch - LEVEL_GAP
    point_half = max((abs(u) + w / 2 for _, u, _, w in point), default=0.0)
    # Managers there with division heads reporting: the trunk up to the heads leaves the
    # top of the box, or its side when boxes sit above it (offset of the trunk from the
    # centre line, and its foot above the group's base), so the triangle can hold it.
    trunks: dict[int, tuple[float, float, bool]] = {}
    heights = {i: labels[i].height for i, _, _, _ in point}  # type: ignore[union-attr]
    for m, u_m, v_m, _ in point:
        if not any(0 <= group[c] < n for c in visible[m] or ()):
            continue
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
        natural = max(sum(labels[p].width + ROW_GAP for p in facing_by_div.get(k, []))  # type: ignore[union-attr]
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
    add_box = boxes.append
    placed: list[Box | None] = [None] * count

    def place_lines(lines: list[list[int]], left: float, width: float, top: float) -> None:
        for r, line in enumerate(lines):
            x = left + (width - _line_width(line, labels)) / 2
            for i in line:
                lab = labels[i]
                box = placed[i] = Box(ids[i], x, top + r * row_h, lab.width, lab.height,  # type: ignore[union-attr]
                                      lab.lines, variants[i][hang[i]])  # type: ignore[union-attr,index]
                add_box(box)
                x += lab.width + ROW_GAP  # type: ignore[union-attr]

    # The customer-facing row(s), wrapped inside each column, then those in no division.
    for i, key in enumerate(division_ids):
        place_lines(best.wrapped[key], x0 + i * col_w + COLUMN_PAD, col_w - 2 * COLUMN_PAD,
                    y_row)
    div_rows = max((len(lines) for lines in best.wrapped.values()), default=0)
    place_lines(best.loose, cx - total_w / 2 + COLUMN_PAD, total_w - 2 * COLUMN_PAD,
                y_row + div_rows * row_h)
    y_col = facing_bottom + CHANNEL

    # The division columns and the point, each a mirrored tidy tree. The point sits as
    # low in the triangle as its boxes fit, leaving room for the lines above it. Each
    # box's connector from its manager in the group is the classic one mirrored.
    connectors: list[Connector] = []
    add_connector = connectors.append
    half_gap = LEVEL_GAP / 2
    frames: dict[int, tuple[float, float]] = {}  # group -> centre line, base
    for g, mem, lo, hi, depth in layouts:
        if g == n:
            centre = cx
            base = col_bottom + POINT_GAP + point_rise
            base = max(base, min([apex - 2 * DEPTH_RATIO * (abs(u) + w / 2 + EDGE_GAP) + v
                                  for _, u, v, w in point]
                                 + [apex - 2 * DEPTH_RATIO * (abs(t) + EDGE_GAP) + foot
                                    for t, foot, _ in trunks.values()]))
        else:
            centre = x0 + (g + 0.5) * col_w - (lo + hi) / 2
            base = y_col + (depth + 1) * pitch - LEVEL_GAP
        frames[g] = (centre, base)
        for i in mem:
            lab = labels[i]
            w = lab.width  # type: ignore[union-attr]
            h = lab.height  # type: ignore[union-attr]
            placed[i] = box = Box(ids[i], centre + at_u[i] - w / 2,
                                  base - at_level[i] * pitch - h, w, h, lab.lines,  # type: ignore[union-attr]
                                  variants[i][hang[i]])  # type: ignore[index]
            add_box(box)
    for m in ts.internal:
        centre, base = frames[group[m]]
        um = at_u[m]
        xm = centre + um
        y0 = base - (at_level[m] * pitch + labels[m].height)  # type: ignore[union-attr]
        mgr = ids[m]
        for c in kids_of[m]:  # type: ignore[union-attr]
            u = at_u[c]
            v = at_level[c] * pitch
            if hang[c] is row:
                xc = centre + u
                yb = base - (v - half_gap)
                y2 = base - v
                pts = ([(xm, y0), (xm, yb), (xc, yb), (xc, y2)]
                       if xm != xc and y0 != yb and yb != y2
                       else clean_polyline([(xm, y0), (xm, yb), (xc, yb), (xc, y2)]))
            else:
                lab = labels[c]
                w = lab.width  # type: ignore[union-attr]
                mid = base - (v + lab.height / 2)  # type: ignore[union-attr]
                side = centre + (u - w / 2 if u >= um else u + w / 2)
                pts = ([(xm, y0), (xm, mid), (side, mid)] if y0 != mid and xm != side
                       else clean_polyline([(xm, y0), (xm, mid), (side, mid)]))
            add_connector(Connector(mgr, ids[c], pts))

    # Lines between the groups, the row and the point; CUSTOMER to the row. Lines from
    # the point up to the division heads share a trunk and run across under the columns.
    # Only the customer-facing boxes and each group's tops can have a manager elsewhere.
    crossing = [(i, -1) for i in facing]
    crossing += [(i, g) for g, top in enumerate(tops) for i in top]
    customer = ConnectorKind.CUSTOMER
    for i, g in crossing:
        b = placed[i]
        b_cx = b.x + b.w / 2  # type: ignore[union-attr]
        if g < 0:
            add_connector(Connector(CUSTOMER, ids[i], [(b_cx, BAND_HEIGHT), (b_cx, b.y)],  # type: ignore[union-attr]
                                    customer))
        m = parent[i]
        if m < 0:
            continue
        a = placed[m]
        if a is None:
            continue
        a_cx = a.x + a.w / 2
        a_bottom, b_bottom = a.y + a.h, b.y + b.h  # type: ignore[union-attr]
        if b_bottom <= a.y:  # report above its manager
            if g < 0:
                ch = facing_bottom + CHANNEL / 2
            elif m in trunks and g != n:
                ch = col_bottom + POINT_GAP / 2
                if trunks[m][2]:  # beside the boxes above
                    x = cx + trunks[m][0]
                    a_cy = a.y + a.h / 2  # type: ignore[union-attr]
                    add_connector(Connector(ids[m], ids[i], clean_polyline(
                        [(a.x + a.w, a_cy), (x, a_cy), (x, ch), (b_cx, ch),  # type: ignore[union-attr]
                         (b_cx, b_bottom)])))
                    continue
            else:
                ch = a.y - LEVEL_GAP / 2  # type: ignore[union-attr]
            pts = _route4(a_cx, a.y, ch, b_cx, b_bottom)  # type: ignore[union-attr]
        elif b.y >= a_bottom:  # type: ignore[union-attr]
            pts = _route4(a_cx, a_bottom, b.y - LEVEL_GAP / 2, b_cx, b.y)  # type: ignore[union-attr]
        else:
            pts = _route4(a_cx, a.y, min(a.y, b.y) - ROW_GAP / 2, b_cx, b.y)  # type: ignore[union-attr]
        add_connector(Connector(ids[m], ids[i], pts))
    if tree.dotted:
        index_get = index.get
        rects = {}
        for pid in {pid for pair in tree.dotted for pid in pair}:
            j = index_get(pid)
            b = placed[j] if j is not None else None
            if b is not None:
                rects[pid] = Rect(b.x, b.y, b.w, b.h)
        connectors.extend(dotted_connectors(rects, tree.dotted))

    # The triangle: its top edge under the band, its point below the top management.
    # (every position counts, the hidden under a collapsed box too: only an uncollapsed
    # chart's divisions are all known here already)
    # (with the same managers as the columns: a reporting cycle is broken the same way)
    every: dict[str, str | None] | list[str | None] = (
        assign_divisions(scenario, manager_by_id(tree), division_ids)[1] if tree.collapsed
        else division)  # by index, in document order: every position is on view
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
        xs = list(map(attrgetter("x"), boxes))
        ys = list(map(attrgetter("y"), boxes))
        left, top = min(xs), min(ys)
        extent = Rect(left, top, max(map(add, xs, map(attrgetter("w"), boxes))) - left,
                      max(map(add, ys, map(attrgetter("h"), boxes))) - top)
    bounds = bounds_of([extent, band.rect] if boxes else [band.rect], corners + tilted)
    return Geometry(view="inverted", boxes=boxes, connectors=connectors, bands=[band],
                    labels=labels_out, columns=columns, pyramid=pyramid, balance=balance,
                    legend=legend, bounds=bounds)


def manager_by_id(tree: TreeIndex) -> dict[str, str]:
    """Each position's solid-line manager by id, as the tree has them (cycles broken)."""
    ids = tree.ids
    return {ids[r]: ids[m] for r, m in enumerate(tree.parent) if m >= 0}


def division_columns(scenario: Scenario, tree: TreeIndex) -> list[Division]:
    """The divisions in column order (``metrics.balance.division_heads``), the managers
    taken from ``tree``. Divisions marked on units come from the units alone: the
    positions they hold are left unread (the layout has each box's division already)."""
    return marked_divisions(scenario) or division_heads(scenario, manager_by_id(tree))[0]
