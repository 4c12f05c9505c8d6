"""A bucketed spatial index of a Geometry, built once per layout.

The chart item asks it which boxes and connector pieces fall in the exposed rectangle,
so a frame costs what is visible, not what the chart holds. Boxes sit in the cell of their
centre; connector segments are cut into pieces no longer than a cell, each in the cell of
its midpoint, so nothing is drawn twice. Queries widen the rectangle by the largest box and
one cell to catch what sticks out of its cell.
"""

from __future__ import annotations

import math
from collections import defaultdict

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor

from orgdesigner.layout.geometry import Box, ConnectorKind, Geometry
from orgdesigner.perf import paused_gc
from orgdesigner.ui.canvas.painting import unit_fill

__all__ = ["GridIndex", "CELL"]

#: Side of a cell, in points.
CELL = 1000.0

Cell = tuple[int, int]


class GridIndex:
    """Boxes, flat box rectangles (by fill colour) and connector pieces per grid cell."""

    def __init__(self, geometry: Geometry, cell: float = CELL) -> None:
        self.cell = cell
        self.boxes: dict[Cell, list[Box]] = defaultdict(list)
        self.rects: dict[Cell, dict[int, list[QRectF]]] = {}
        self.lines: dict[Cell, dict[ConnectorKind, list[QLineF]]] = {}
        #: fill colour key (rgba) -> QColor, for the flat rectangles.
        self.colors: dict[int, QColor] = {}
        self.by_id: dict[str, Box] = {}
        self.max_w = 0.0
        self.max_h = 0.0
        with paused_gc():
            self._add_boxes(geometry.boxes)
            self._add_connectors(geometry)

    def _add_boxes(self, boxes: list[Box]) -> None:
        c = self.cell
        floor = math.floor
        cell_boxes = self.boxes
        by_id = self.by_id
        rects: dict[Cell, dict[int, list[QRectF]]] = {}
        colors = self.colors
        fills: dict[tuple[str | None, bool], int] = {}
        max_w = max_h = 0.0
        for box in boxes:
            x, y, w, h = box.x, box.y, box.w, box.h
            key = (floor((x + w / 2) / c), floor((y + h / 2) / c))
            cell_boxes[key].append(box)
            by_id[box.id] = box
            if w > max_w:
                max_w = w
            if h > max_h:
                max_h = h
            style = box.style
            fill_key = (style.unit_color, style.vacant)
            rgba = fills.get(fill_key)
            if rgba is None:
                fill = unit_fill(box)
                rgba = fills[fill_key] = fill.rgba()
                colors.setdefault(rgba, fill)
            per_cell = rects.get(key)
            if per_cell is None:
                per_cell = rects[key] = {}
            same = per_cell.get(rgba)
            if same is None:
                per_cell[rgba] = [QRectF(x, y, w, h)]
            else:
                same.append(QRectF(x, y, w, h))
        self.max_w, self.max_h = max_w, max_h
        self.rects = rects

    def _add_connectors(self, geometry: Geometry) -> None:
        c = self.cell
        floor = math.floor
        lines: dict[Cell, dict[ConnectorKind, list[QLineF]]] = {}

        def put(key: Cell, kind: ConnectorKind, line: QLineF) -> None:
            per_cell = lines.get(key)
            if per_cell is None:
                per_cell = lines[key] = {}
            same = per_cell.get(kind)
            if same is None:
                per_cell[kind] = [line]
            else:
                same.append(line)

        for con in geometry.connectors:
            pts = con.points
            kind = con.kind
            x1, y1 = pts[0]
            for x2, y2 in pts[1:]:
                kx, ky = floor(x1 / c), floor(y1 / c)
                if kx == floor(x2 / c) and ky == floor(y2 / c):
                    put((kx, ky), kind, QLineF(x1, y1, x2, y2))  # the usual short segment
                else:
                    pieces = max(1, math.ceil(max(abs(x2 - x1), abs(y2 - y1)) / c))
                    for k in range(pieces):
                        ax = x1 + (x2 - x1) * k / pieces
                        ay = y1 + (y2 - y1) * k / pieces
                        bx = x1 + (x2 - x1) * (k + 1) / pieces
                        by = y1 + (y2 - y1) * (k + 1) / pieces
                        put((floor((ax + bx) / 2 / c), floor((ay + by) / 2 / c)), kind,
                            QLineF(ax, ay, bx, by))
                x1, y1 = x2, y2
        self.lines = lines

    # -- queries -----------------------------------------------------------------------
    def cells(self, rect: QRectF, margin: float = 0.0) -> list[Cell]:
        """The occupied cells that may hold something inside ``rect`` (widened)."""
        c = self.cell
        x0 = math.floor((rect.left() - margin) / c)
        x1 = math.floor((rect.right() + margin) / c)
        y0 = math.floor((rect.top() - margin) / c)
        y1 = math.floor((rect.bottom() + margin) / c)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > 4 * (len(self.boxes) + len(self.lines)) + 16:
            # Far zoomed out: walking the occupied cells is cheaper than the empty grid.
            occupied = set(self.boxes) | set(self.lines)
            return [k for k in occupied if x0 <= k[0] <= x1 and y0 <= k[1] <= y1]
        return [(ix, iy) for ix in range(x0, x1 + 1) for iy in range(y0, y1 + 1)]

    def box_margin(self) -> float:
        return max(self.max_w, self.max_h) / 2 + 1.0

    def boxes_in(self, rect: QRectF) -> list[Box]:
        """Boxes that intersect ``rect``."""
        found: list[Box] = []
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        for key in self.cells(rect, self.box_margin()):
            for b in self.boxes.get(key, ()):
                if b.x < right and b.x + b.w > left and b.y < bottom and b.y + b.h > top:
                    found.append(b)
        return found

    def box_at(self, x: float, y: float) -> Box | None:
        """The box under a point (the last drawn wins, as on screen)."""
        hit = self.boxes_in(QRectF(x, y, 0.01, 0.01))
        return hit[-1] if hit else None
