"""A bucketed spatial index of a Geometry, built once per layout.

The chart item asks it what falls in the exposed rectangle, so a frame costs what is
visible, not what the chart holds. Boxes sit in the cell of their centre (queries widen
the rectangle by the largest box); a connector is listed in every cell its bounding box
touches and drawn once per frame. Building is kept to plain Python: the Qt rectangles and
lines a frame needs are made the first time their cell is painted, then kept.
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
    """Boxes and connectors per grid cell, with their Qt shapes made on demand."""

    def __init__(self, geometry: Geometry, cell: float = CELL) -> None:
        self.geometry = geometry
        self.cell = cell
        self.boxes: dict[Cell, list[Box]] = defaultdict(list)
        #: cell -> indices into ``geometry.connectors``.
        self.connectors: dict[Cell, list[int]] = defaultdict(list)
        self.by_id: dict[str, Box] = {}
        #: fill colour key (rgba) -> QColor, for the flat rectangles.
        self.colors: dict[int, QColor] = {}
        self._fills: dict[tuple[str | None, bool], int] = {}
        self._rects: dict[Cell, dict[int, list[QRectF]]] = {}
        self._lines: dict[int, list[QLineF]] = {}
        self.max_w = 0.0
        self.max_h = 0.0
        with paused_gc():
            self._add_boxes(geometry.boxes)
            self._add_connectors(geometry)

    def _add_boxes(self, boxes: list[Box]) -> None:
        c = self.cell
        floor = math.floor
        cells = self.boxes
        max_w = max_h = 0.0
        for box in boxes:
            w, h = box.w, box.h
            cells[(floor((box.x + w / 2) / c), floor((box.y + h / 2) / c))].append(box)
            if w > max_w:
                max_w = w
            if h > max_h:
                max_h = h
        self.by_id = {box.id: box for box in boxes}
        self.max_w, self.max_h = max_w, max_h

    def _add_connectors(self, geometry: Geometry) -> None:
        c = self.cell
        floor = math.floor
        cells = self.connectors
        for i, con in enumerate(geometry.connectors):
            pts = con.points
            if len(pts) < 2:
                continue
            xs, ys = zip(*pts, strict=True)
            x0, x1 = floor(min(xs) / c), floor(max(xs) / c)
            y0, y1 = floor(min(ys) / c), floor(max(ys) / c)
            if x0 == x1 and y0 == y1:
                cells[(x0, y0)].append(i)
                continue
            for ix in range(x0, x1 + 1):
                for iy in range(y0, y1 + 1):
                    cells[(ix, iy)].append(i)

    # -- queries -----------------------------------------------------------------------
    def cells(self, rect: QRectF, margin: float = 0.0) -> list[Cell]:
        """The cells that may hold something inside ``rect`` (widened by ``margin``)."""
        c = self.cell
        x0 = math.floor((rect.left() - margin) / c)
        x1 = math.floor((rect.right() + margin) / c)
        y0 = math.floor((rect.top() - margin) / c)
        y1 = math.floor((rect.bottom() + margin) / c)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > 4 * (len(self.boxes) + len(self.connectors)) + 16:
            # Far zoomed out: walking the occupied cells is cheaper than the empty grid.
            occupied = set(self.boxes) | set(self.connectors)
            return [k for k in occupied if x0 <= k[0] <= x1 and y0 <= k[1] <= y1]
        return [(ix, iy) for ix in range(x0, x1 + 1) for iy in range(y0, y1 + 1)]

    def box_margin(self) -> float:
        return max(self.max_w, self.max_h) / 2 + 1.0

    def boxes_in(self, rect: QRectF) -> list[Box]:
        """Boxes that intersect ``rect``."""
        found: list[Box] = []
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        cells = self.boxes
        for key in self.cells(rect, self.box_margin()):
            for b in cells.get(key, ()):
                if b.x < right and b.x + b.w > left and b.y < bottom and b.y + b.h > top:
                    found.append(b)
        return found

    def box_at(self, x: float, y: float) -> Box | None:
        """The box under a point (the last drawn wins, as on screen)."""
        hit = self.boxes_in(QRectF(x, y, 0.01, 0.01))
        return hit[-1] if hit else None

    # -- shapes for painting -----------------------------------------------------------
    def fill_key(self, box: Box) -> int:
        """The flat fill of a box, as an rgba key of ``colors``."""
        key = (box.style.unit_color, box.style.vacant)
        rgba = self._fills.get(key)
        if rgba is None:
            fill = unit_fill(box)
            rgba = self._fills[key] = fill.rgba()
            self.colors.setdefault(rgba, fill)
        return rgba

    def rects_in(self, rect: QRectF) -> dict[int, list[QRectF]]:
        """Flat box rectangles near ``rect``, grouped by fill (for one ``drawRects`` each)."""
        grouped: dict[int, list[QRectF]] = {}
        cache = self._rects
        for key in self.cells(rect, self.box_margin()):
            per_cell = cache.get(key)
            if per_cell is None:
                per_cell = {}
                for b in self.boxes.get(key, ()):
                    per_cell.setdefault(self.fill_key(b), []).append(
                        QRectF(b.x, b.y, b.w, b.h))
                cache[key] = per_cell
            for rgba, rects in per_cell.items():
                grouped.setdefault(rgba, []).extend(rects)
        return grouped

    def lines_in(self, rect: QRectF) -> dict[ConnectorKind, list[QLineF]]:
        """Connector segments near ``rect`` by kind, each connector once."""
        seen: set[int] = set()
        for key in self.cells(rect):
            seen.update(self.connectors.get(key, ()))
        return self._lines_of(seen)

    def all_lines(self) -> dict[ConnectorKind, list[QLineF]]:
        return self._lines_of(range(len(self.geometry.connectors)))

    def _lines_of(self, indices: object) -> dict[ConnectorKind, list[QLineF]]:
        grouped: dict[ConnectorKind, list[QLineF]] = {}
        cache = self._lines
        connectors = self.geometry.connectors
        for i in indices:  # type: ignore[attr-defined]
            lines = cache.get(i)
            if lines is None:
                pts = connectors[i].points
                lines = cache[i] = [QLineF(a[0], a[1], b[0], b[1])
                                    for a, b in zip(pts, pts[1:], strict=False)]
            grouped.setdefault(connectors[i].kind, []).extend(lines)
        return grouped
