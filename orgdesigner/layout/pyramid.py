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

It is built in steps: the positions in groups, each laid out as a tidy forest
(``pyramid_groups``); the frame (column width and triangle); the boxes; the connectors
(``pyramid_lines``); then the balance and the outline.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import add, attrgetter
from typing import TYPE_CHECKING

from orgdesigner.layout.box_read import BoxRead
from orgdesigner.layout.forest import TreeIndex
from orgdesigner.layout.geometry import (
    BalanceFigures,
    Band,
    Box,
    Connector,
    DivisionColumn,
    Geometry,
    Label,
    LegendEntry,
    Pyramid,
    Rect,
)
from orgdesigner.layout.pyramid_groups import (
    Groups,
    GroupTrees,
    PointGroup,
    group_positions,
    lay_out_groups,
    point_group,
)
from orgdesigner.layout.pyramid_lines import (
    Channels,
    crossing_connectors,
    dotted_lines,
    group_connectors,
)
from orgdesigner.layout.text import BoxLabel
from orgdesigner.layout.tidy import Placement
from orgdesigner.layout.views import LEVEL_GAP, bounds_of
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
ROW_TOP = BAND_HEIGHT + ROW_GAP  # the customer-facing row's top
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
    columns: int  # how many
    wrapped: dict[str, list[list[int]]]  # per division: lines of customer-facing indices
    div_rows: int  # the most lines of any division's customer-facing row
    loose: list[list[int]]  # customer-facing positions in no division
    row_h: float  # a customer-facing line's pitch
    total_w: float
    facing_bottom: float
    col_bottom: float
    half: float  # of the triangle's top edge
    depth: float  # of the triangle

    @property
    def cx(self) -> float:
        """The chart's centre line."""
        return self.total_w / 2

    @property
    def x0(self) -> float:
        """The left of the first column."""
        return self.cx - self.columns * self.col_w / 2

    @property
    def y_col(self) -> float:
        """The top of the column trees."""
        return self.facing_bottom + CHANNEL

    @property
    def apex(self) -> float:
        """The triangle's point."""
        return BAND_HEIGHT + self.depth


@dataclass(slots=True)
class _Framer:
    """Frames the chart for a column width, from what else that takes."""

    labels: Sequence[BoxLabel | None]
    division_ids: list[str]
    facing_by_div: dict[str | None, list[int]]  # None: in no division
    row_h: float
    trees_h: float | None  # the tallest column tree; None when no column has one
    point: PointGroup

    def frame(self, col_w: float) -> _Frame:
        """The rows, columns and triangle with columns ``col_w`` wide."""
        labels, facing_by_div, row_h = self.labels, self.facing_by_div, self.row_h
        division_ids, point = self.division_ids, self.point
        n = len(division_ids)
        wrapped = {key: _wrap(facing_by_div.get(key, []), labels, col_w - 2 * COLUMN_PAD)
                   for key in division_ids}
        total_w = max(n * col_w, 2 * (point.half + COLUMN_PAD), col_w if not n else 0.0)
        loose = _wrap(facing_by_div.get(None, []), labels, total_w - 2 * COLUMN_PAD)
        div_rows = max((len(lines) for lines in wrapped.values()), default=0)
        facing_bottom = ROW_TOP + (div_rows + len(loose)) * row_h
        col_bottom = (facing_bottom + CHANNEL + self.trees_h if self.trees_h is not None
                      else facing_bottom) + COLUMN_FOOT
        extents = [(n * col_w / 2, max(col_bottom, facing_bottom))] if n else []
        extents += [(_line_width(line, labels) / 2,
                     ROW_TOP + (div_rows + r + 1) * row_h - ROW_GAP)
                    for r, line in enumerate(loose)]
        base = col_bottom + POINT_GAP + point.rise
        extents += [(abs(u) + w / 2, base - v) for _, u, v, w in point.boxes]
        extents += [(abs(t), base - foot) for t, foot, _ in point.trunks.values()]
        half, depth = _fit_triangle(extents, BAND_HEIGHT)
        return _Frame(col_w, n, wrapped, div_rows, loose, row_h, total_w, facing_bottom,
                      col_bottom, half, depth)


def _choose_frame(groups: Groups, trees: GroupTrees, point: PointGroup,
                  labels: Sequence[BoxLabel | None], division: Sequence[str | None],
                  shown: list[BoxLabel], pitch: float) -> _Frame:
    """Columns as narrow as their trees, or wider to hold more of the customer-facing row
    on a line: whichever makes the smallest triangle (the narrowest on a tie)."""
    n, spans, division_ids, slot = groups.n, trees.spans, groups.division_ids, groups.slot
    widest_box = max(map(attrgetter("width"), shown), default=0.0)
    tree_w = widest_box + 2 * COLUMN_PAD
    for g in range(n):
        if g in spans:
            tree_w = max(tree_w, spans[g][1] - spans[g][0] + 2 * COLUMN_PAD)
    facing_by_div: dict[str | None, list[int]] = {}
    for i in groups.facing:
        did = division[i]
        facing_by_div.setdefault(did if did in slot else None, []).append(i)
    row_h = max((labels[i].height for i in groups.facing), default=0.0) + ROW_GAP  # type: ignore[union-attr]
    deepest = max((spans[g][2] for g in range(n) if g in spans), default=-1)
    trees_h = (deepest + 1) * pitch - LEVEL_GAP if deepest >= 0 else None
    framer = _Framer(labels, division_ids, facing_by_div, row_h, trees_h, point)
    widths = {tree_w}
    if n:
        natural = max(sum(labels[p].width + ROW_GAP for p in facing_by_div.get(k, []))  # type: ignore[union-attr]
                      for k in division_ids) + 2 * COLUMN_PAD
        for k in range(1, MAX_ROW_BOXES + 1):
            widths.add(max(tree_w, min(natural, k * (widest_box + ROW_GAP) + 2 * COLUMN_PAD)))
    return min((framer.frame(w) for w in sorted(widths)), key=attrgetter("half"))


class _Placer:
    """Makes the boxes, in order and by index."""

    __slots__ = ("boxes", "hang", "ids", "labels", "placed", "variants")

    def __init__(self, ids: list[str], read: BoxRead, hang: list[Placement | None]) -> None:
        self.ids = ids
        self.labels = read.labels
        self.variants = read.variants
        self.hang = hang
        self.boxes: list[Box] = []
        self.placed: list[Box | None] = [None] * len(ids)

    def rows(self, lines: list[list[int]], left: float, width: float, top: float,
             row_h: float) -> None:
        """Customer-facing ``lines`` centred in ``width`` from ``left``, from ``top`` down."""
        ids, labels, variants, hang, placed = (self.ids, self.labels, self.variants,
                                               self.hang, self.placed)
        add_box = self.boxes.append
        for r, line in enumerate(lines):
            x = left + (width - _line_width(line, labels)) / 2
            for i in line:
                lab = labels[i]
                box = placed[i] = Box(ids[i], x, top + r * row_h, lab.width, lab.height,  # type: ignore[union-attr]
                                      lab.lines, variants[i][hang[i]])  # type: ignore[union-attr,index]
                add_box(box)
                x += lab.width + ROW_GAP  # type: ignore[union-attr]

    def tree(self, members: list[int], centre: float, base: float, at_u: list[float],
             at_level: list[int], pitch: float) -> None:
        """A group's ``members``, a mirrored tidy tree on ``centre`` standing on ``base``."""
        ids, labels, variants, hang, placed = (self.ids, self.labels, self.variants,
                                               self.hang, self.placed)
        add_box = self.boxes.append
        for i in members:
            lab = labels[i]
            w = lab.width  # type: ignore[union-attr]
            h = lab.height  # type: ignore[union-attr]
            placed[i] = box = Box(ids[i], centre + at_u[i] - w / 2,
                                  base - at_level[i] * pitch - h, w, h, lab.lines,  # type: ignore[union-attr]
                                  variants[i][hang[i]])  # type: ignore[index]
            add_box(box)


def _place_facing(placer: _Placer, division_ids: list[str], fr: _Frame) -> None:
    """The customer-facing row(s), wrapped inside each column, then those in no division."""
    col_w, x0, row_h = fr.col_w, fr.x0, fr.row_h
    for i, key in enumerate(division_ids):
        placer.rows(fr.wrapped[key], x0 + i * col_w + COLUMN_PAD, col_w - 2 * COLUMN_PAD,
                    ROW_TOP, row_h)
    placer.rows(fr.loose, fr.cx - fr.total_w / 2 + COLUMN_PAD, fr.total_w - 2 * COLUMN_PAD,
                ROW_TOP + fr.div_rows * row_h, row_h)


def _group_frames(spans: dict[int, tuple[float, float, int]], n: int, fr: _Frame,
                  point: PointGroup, pitch: float) -> dict[int, tuple[float, float]]:
    """Each group's centre line and base. The point sits as low in the triangle as its
    boxes fit, leaving room for the lines above it."""
    cx, x0, col_w, apex, y_col = fr.cx, fr.x0, fr.col_w, fr.apex, fr.y_col
    frames: dict[int, tuple[float, float]] = {}
    for g, (lo, hi, depth) in spans.items():
        if g == n:
            centre = cx
            base = fr.col_bottom + POINT_GAP + point.rise
            base = max(base, min([apex - 2 * DEPTH_RATIO * (abs(u) + w / 2 + EDGE_GAP) + v
                                  for _, u, v, w in point.boxes]
                                 + [apex - 2 * DEPTH_RATIO * (abs(t) + EDGE_GAP) + foot
                                    for t, foot, _ in point.trunks.values()]))
        else:
            centre = x0 + (g + 0.5) * col_w - (lo + hi) / 2
            base = y_col + (depth + 1) * pitch - LEVEL_GAP
        frames[g] = (centre, base)
    return frames


def _connectors(tree: TreeIndex, labels: Sequence[BoxLabel | None], groups: Groups,
                trees: GroupTrees, point: PointGroup, fr: _Frame, placed: list[Box | None],
                frames: dict[int, tuple[float, float]], pitch: float) -> list[Connector]:
    """Every connector: inside the groups, between them (only the customer-facing boxes
    and each group's tops can have a manager elsewhere), and the dotted lines."""
    ids = tree.ids
    connectors = group_connectors(trees.internal, trees.kids_of, groups.group, frames,
                                  trees.at_u, trees.at_level, trees.hang, pitch, ids,
                                  labels)
    crossing = [(i, -1) for i in groups.facing]
    crossing += [(i, g) for g, top in enumerate(trees.tops) for i in top]
    channels = Channels(BAND_HEIGHT, fr.facing_bottom + CHANNEL / 2,
                        fr.col_bottom + POINT_GAP / 2, ROW_GAP / 2)
    connectors += crossing_connectors(crossing, placed, tree.parent, ids, CUSTOMER, channels,
                                      point.trunks, fr.cx, groups.n)
    connectors += dotted_lines(tree, placed)
    return connectors


def _division_balance(engine: LayoutEngine, scenario: Scenario, tree: TreeIndex,
                      division: list[str | None], divisions: list[Division],
                      division_ids: list[str]) -> BalanceFigures:
    """The balance of the columns: every position counts, the hidden under a collapsed
    box too (only an uncollapsed chart's divisions are all known here already), with the
    same managers as the columns (a reporting cycle is broken the same way)."""
    every: dict[str, str | None] | list[str | None] = (
        assign_divisions(scenario, manager_by_id(tree), division_ids)[1] if tree.collapsed
        else division)  # by index, in document order: every position is on view
    return division_balance(scenario, order=division_ids, tolerance=engine.tolerance,
                            assigned=(divisions, every))


def _columns(divisions: list[Division], balance: BalanceFigures, fr: _Frame
             ) -> tuple[list[DivisionColumn], list[Label]]:
    """The division columns with their figures, and their labels."""
    columns: list[DivisionColumn] = []
    labels: list[Label] = []
    stats = {row["id"]: row for row in balance.divisions}
    x0, col_w, y_col = fr.x0, fr.col_w, fr.y_col
    for i, d in enumerate(divisions):
        s = stats[d.id]
        rect = Rect(x0 + i * col_w, BAND_HEIGHT, col_w,
                    max(fr.col_bottom, fr.facing_bottom) - BAND_HEIGHT)
        columns.append(DivisionColumn(d.id, d.name, rect, d.color, s["headcount"], s["fte"],
                                      s["share"]))
        labels.append(Label(d.name, rect.cx, y_col - CHANNEL / 4, COLUMN_LABEL_SIZE, True))
    return columns, labels


def _extent(boxes: list[Box]) -> Rect:
    """The rectangle around ``boxes`` (some)."""
    xs = list(map(attrgetter("x"), boxes))
    ys = list(map(attrgetter("y"), boxes))
    left, top = min(xs), min(ys)
    return Rect(left, top, max(map(add, xs, map(attrgetter("w"), boxes))) - left,
                max(map(add, ys, map(attrgetter("h"), boxes))) - top)


def pyramid_geometry(engine: LayoutEngine, scenario: Scenario, tree: TreeIndex,
                     read: BoxRead, divisions: list[Division],
                     legend: list[LegendEntry]) -> Geometry:
    """The inverted geometry of ``scenario`` (see the module docstring) from its tree and
    boxes by position index, as ``read_boxes`` read them (vertical sizes)."""
    labels = read.labels
    groups = group_positions(tree, read.division, divisions)
    shown = list(filter(None, labels))
    pitch = max(map(attrgetter("height"), shown), default=0.0) + LEVEL_GAP
    trees = lay_out_groups(engine, tree, read, groups)
    point = point_group(groups, trees, tree, labels, pitch)
    fr = _choose_frame(groups, trees, point, labels, read.division, shown, pitch)

    placer = _Placer(tree.ids, read, trees.hang)
    _place_facing(placer, groups.division_ids, fr)
    frames = _group_frames(trees.spans, groups.n, fr, point, pitch)
    for g, (centre, base) in frames.items():
        placer.tree(groups.members[g], centre, base, trees.at_u, trees.at_level, pitch)
    boxes, placed = placer.boxes, placer.placed
    connectors = _connectors(tree, labels, groups, trees, point, fr, placed, frames, pitch)

    # The triangle: its top edge under the band, its point below the top management,
    # tilted toward the heavy side.
    balance = _division_balance(engine, scenario, tree, read.division, divisions,
                                 groups.division_ids)
    tilt = TILT_SCALE * tilt_degrees(balance.normalised_torque, balance.tolerance)
    cx, half = fr.cx, fr.half
    corners = [(cx - half, BAND_HEIGHT), (cx + half, BAND_HEIGHT), (cx, fr.apex)]
    pyramid = Pyramid(points=corners, pivot=(cx, fr.apex), tilt_degrees=tilt)
    band = Band(CUSTOMER, Rect(cx - half, 0.0, 2 * half, BAND_HEIGHT))
    columns, column_labels = _columns(divisions, balance, fr)
    labels_out = [Label(CUSTOMER, cx, BAND_HEIGHT / 2 + BAND_LABEL_SIZE * 0.35,
                        BAND_LABEL_SIZE, True), *column_labels]
    tilted = [_rotate(p, pyramid.pivot, tilt) for p in corners]
    bounds = bounds_of([_extent(boxes), band.rect] if boxes else [band.rect], corners + tilted)
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
