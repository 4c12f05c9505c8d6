"""Poster tiling: the chart at a legible scale cut into page-sized tiles that overlap,
with crop marks, a grid reference ("B3") on each tile and an overview page of the grid.
Tiles without a box are left out; each box is indexed on the tile that holds its centre."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from orgdesigner.layout.geometry import Box, Connector, Geometry, Rect
from orgdesigner.render.fonts import REGULAR, text_width
from orgdesigner.render.ops import OpBlock, link
from orgdesigner.render.options import MIN_TEXT_PT
from orgdesigner.render.pages import PageFrame
from orgdesigner.render.painter import MUTED, Window
from orgdesigner.render.writer import ChartPage, fit_window

GRID = HexColor("#2b6cb0")
BLACK = HexColor("#000000")

__all__ = ["TileGrid", "column_name", "plan_tiles", "smallest_text"]

#: Outline entries per tile only up to this many tiles (a reader's outline stays usable).
MAX_TILE_OUTLINE = 400


def column_name(index: int) -> str:
    """Spreadsheet-style column letters: 0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def smallest_text(geometry: Geometry) -> float:
    """Smallest text size (points at 100%) of any box line; 10 for an empty chart."""
    return min((ln.size for b in geometry.boxes for ln in b.lines), default=10.0)


@dataclass(slots=True)
class TileGrid:
    """The cut of a chart into ``cols`` x ``rows`` tiles (geometry units)."""

    origin_x: float
    origin_y: float
    tile_w: float  # source width shown on one tile
    tile_h: float
    step_x: float  # tile_w minus the overlap
    step_y: float
    cols: int
    rows: int

    def ref(self, col: int, row: int) -> str:
        return f"{column_name(col)}{row + 1}"

    def source(self, col: int, row: int) -> Rect:
        return Rect(self.origin_x + col * self.step_x, self.origin_y + row * self.step_y,
                    self.tile_w, self.tile_h)

    def span(self, lo: float, hi: float, axis: int) -> range:
        """Tiles along an axis whose source intersects [lo, hi]."""
        origin, step, size, count = ((self.origin_x, self.step_x, self.tile_w, self.cols)
                                     if axis == 0 else
                                     (self.origin_y, self.step_y, self.tile_h, self.rows))
        first = max(0, math.floor((lo - origin - size) / step) + 1)
        last = min(count - 1, math.floor((hi - origin) / step))
        return range(first, last + 1)

    def spans(self, axis: int) -> Callable[[float, float], range]:
        """``span`` for one axis with the grid's figures bound (the same arithmetic)."""
        origin, step, size, count = ((self.origin_x, self.step_x, self.tile_w, self.cols)
                                     if axis == 0 else
                                     (self.origin_y, self.step_y, self.tile_h, self.rows))
        floor = math.floor

        def span(lo: float, hi: float) -> range:
            return range(max(0, floor((lo - origin - size) / step) + 1),
                         min(count - 1, floor((hi - origin) / step)) + 1)
        return span

    def owner(self, x: float, y: float) -> tuple[int, int]:
        col = min(self.cols - 1, max(0, int((x - self.origin_x) // self.step_x)))
        row = min(self.rows - 1, max(0, int((y - self.origin_y) // self.step_y)))
        return col, row


def make_grid(bounds: Rect, area: Rect, scale: float, overlap: float) -> TileGrid:
    tile_w, tile_h = area.w / scale, area.h / scale
    step_x, step_y = (area.w - overlap) / scale, (area.h - overlap) / scale
    cols = max(1, math.ceil((bounds.w - tile_w) / step_x - 1e-9) + 1)
    rows = max(1, math.ceil((bounds.h - tile_h) / step_y - 1e-9) + 1)
    return TileGrid(bounds.x, bounds.y, tile_w, tile_h, step_x, step_y, cols, rows)


def plan_tiles(geometry: Geometry, frame: PageFrame, *, scale: float, overlap: float,
               warnings: list[str], title: str = "Poster") -> list[ChartPage]:
    """The overview page followed by every non-empty tile, row by row."""
    area = frame.content
    small = smallest_text(geometry)
    if small * scale < MIN_TEXT_PT:
        scale = MIN_TEXT_PT / small
        warnings.append(f"tile scale raised to {scale:.0%} so text stays at least "
                        f"{MIN_TEXT_PT:g} pt")
    grid = make_grid(geometry.bounds, area, scale, overlap)
    box_cells: dict[tuple[int, int], list[Box]] = {}
    owned: dict[tuple[int, int], set[str]] = {}
    span_x, span_y = grid.spans(0), grid.spans(1)
    # one pass per box in 20k: grid.span and grid.owner inlined, with their arithmetic
    ox, oy, sx, sy = grid.origin_x, grid.origin_y, grid.step_x, grid.step_y
    tw, th, last_col, last_row = grid.tile_w, grid.tile_h, grid.cols - 1, grid.rows - 1
    floor = math.floor
    for b in geometry.boxes:
        x, y, w, h = b.x, b.y, b.w, b.h
        c0 = max(0, floor((x - ox - tw) / sx) + 1)
        c1 = min(last_col, floor((x + w - ox) / sx))
        r0 = max(0, floor((y - oy - th) / sy) + 1)
        r1 = min(last_row, floor((y + h - oy) / sy))
        if c0 == c1 and r0 == r1:  # most boxes lie on one tile
            cell = (c0, r0)
            found = box_cells.get(cell)
            if found is None:
                box_cells[cell] = [b]
            else:
                found.append(b)
        else:
            for col in range(c0, c1 + 1):
                for row in range(r0, r1 + 1):
                    box_cells.setdefault((col, row), []).append(b)
        cell = (min(last_col, max(0, int((x + w / 2 - ox) // sx))),
                min(last_row, max(0, int((y + h / 2 - oy) // sy))))
        ids = owned.get(cell)
        if ids is None:
            owned[cell] = {b.id}
        else:
            ids.add(b.id)
    con_cells: dict[tuple[int, int], list[Connector]] = {}
    for con in geometry.connectors:
        if not con.points:
            continue
        xs, ys = zip(*con.points, strict=True)
        rows = span_y(min(ys), max(ys))
        for col in span_x(min(xs), max(xs)):
            for row in rows:
                found = con_cells.get((col, row))
                if found is None:
                    con_cells[(col, row)] = [con]
                else:
                    found.append(con)
    # a tile with no box on it (only lines passing through) is left out: the overview
    # shows where the lines run
    cells = [(col, row) for row in range(grid.rows) for col in range(grid.cols)
             if (col, row) in box_cells]
    lines_only = sum(1 for cell in con_cells if cell not in box_cells)
    keys = {cell: f"tile-{grid.ref(*cell)}" for cell in cells}
    extent = Rect(grid.origin_x, grid.origin_y,
                  (grid.cols - 1) * grid.step_x + grid.tile_w,
                  (grid.rows - 1) * grid.step_y + grid.tile_h)
    overview_window = fit_window(extent, area, max_scale=1.0)
    pages = [ChartPage(
        geometry=geometry, window=overview_window, section=f"{title}: overview of "
        f"{len(cells)} tile(s), {grid.cols} column(s) x {grid.rows} row(s)" + (
            f"; {lines_only} with only lines left out" if lines_only else ""),
        outline=[(f"{title} overview", 0)], key="tiles-overview",
        text=small * overview_window.scale >= MIN_TEXT_PT, index_ids=set(),
        decorate=_overview_decoration(grid, overview_window, keys),
    )]
    widths = _Widths()  # of the tile names and arrows the tiles' margins repeat
    for n, cell in enumerate(cells):
        col, row = cell
        source = grid.source(col, row)
        window = Window(source, area.x, area.bottom, scale)
        ref = grid.ref(col, row)
        outline = [(f"Tile {ref}", 1)] if len(cells) <= MAX_TILE_OUTLINE else (
            [(f"Tiles from {ref}", 1)] if n % 50 == 0 else [])
        pages.append(ChartPage(
            geometry=geometry, window=window, key=keys[cell],
            section=f"Tile {ref} (column {column_name(col)} of {column_name(grid.cols - 1)}"
                    f", row {row + 1} of {grid.rows})",
            outline=outline, boxes=box_cells.get(cell, []),
            connectors=con_cells.get(cell, []), index_ids=owned.get(cell, set()),
            gauge=n == 0, decorate=_tile_decoration(grid, col, row, overlap, keys, widths),
        ))
    return pages


def _overview_decoration(grid: TileGrid, w: Window, keys: dict[tuple[int, int], str]):
    def decorate(c: Canvas, frame: PageFrame, ops: OpBlock) -> None:
        """Each tile's part of the chart outlined, named and linked (thousands of cells:
        written as operators)."""
        cells: list[str] = []
        names: list[tuple[float, float, float, str]] = []
        for (col, row), key in keys.items():
            src = grid.source(col, row)
            # the part this tile owns (overlap split in the middle)
            x1, y1, x2, y2 = w.page_rect(Rect(src.x, src.y, grid.step_x, grid.step_y))
            cells.append(f"{x1:.2f} {y1:.2f} {x2 - x1:.2f} {y2 - y1:.2f} re")
            size = max(4.0, min(12.0, (y2 - y1) * 0.3, (x2 - x1) * 0.25))
            ref = grid.ref(col, row)
            names.append(((x1 + x2 - text_width(ref, size, True)) / 2,
                          (y1 + y2) / 2 - size / 3, size, ref))
            link(c, (x1, y1, x2, y2), key)
        ops.style(stroke=GRID, width=0.6, dash=(3, 2))
        ops.path(" ".join(cells))
        ops.stroke_path()
        ops.text_colour(GRID)
        for x, y, size, ref in names:
            ops.line(x, y, size, ref, True)
    return decorate


class _Widths(dict[tuple[str, float, bool], float]):
    """Widths of short labels, measured once each (``text_width``)."""

    def __missing__(self, key: tuple[str, float, bool]) -> float:
        found = self[key] = text_width(*key)
        return found


def _tile_decoration(grid: TileGrid, col: int, row: int, overlap: float,
                     keys: dict[tuple[int, int], str], widths: _Widths):
    def decorate(c: Canvas, frame: PageFrame, ops: OpBlock) -> None:
        area = frame.content
        half = overlap / 2
        xs = [area.x + (half if col else 0.0),
              area.right - (half if col < grid.cols - 1 else 0.0)]
        ys = [area.bottom - (half if row else 0.0),
              area.y + (half if row < grid.rows - 1 else 0.0)]
        ops.style(stroke=BLACK, width=0.4, solid=True)
        marks = []  # cut marks in the margins
        for x in xs:
            marks.append(f"{x:.1f} {area.y - 2:.1f} m {x:.1f} {area.y - 12:.1f} l "
                         f"{x:.1f} {area.bottom + 2:.1f} m {x:.1f} {area.bottom + 12:.1f} l")
        for y in ys:
            marks.append(f"{area.x - 2:.1f} {y:.1f} m {area.x - 12:.1f} {y:.1f} l "
                         f"{area.right + 2:.1f} {y:.1f} m {area.right + 12:.1f} {y:.1f} l")
        ops.path(" ".join(marks))
        ops.stroke_path()
        ref = grid.ref(col, row)
        ops.text_colour(GRID)
        ops.line(area.right - 4 - widths[ref, 14, True], area.bottom - 16, 14, ref, True)
        # the neighbouring tiles, named and linked, in the margins
        m = area.x / 2
        ops.text_colour(MUTED)
        for dc, dr in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            cell = (col + dc, row + dr)
            if cell not in keys:
                continue
            arrow = {(-1, 0): "← ", (1, 0): " →", (0, -1): "↑ ", (0, 1): " ↓"}[(dc, dr)]
            other = grid.ref(*cell)
            # "← B3" as two pieces: the tile name's encoding is shared by its neighbours
            runs = [(REGULAR, arrow), (REGULAR, other)] if dc + dr < 0 else \
                [(REGULAR, other), (REGULAR, arrow)]
            width = widths[arrow, 7, False] + widths[other, 7, False]
            if dc:  # along the side margins, reading upwards / downwards
                x = m + 2.5 if dc < 0 else frame.width - m - 2.5
                y = area.cy - width / 2 if dc < 0 else area.cy + width / 2
                ops.text(x, y, 7, runs, rotate=90 if dc < 0 else -90)
                box = (x - 8, area.cy - width / 2, x + 3, area.cy + width / 2)
            else:
                y = frame.height - m - 3 if dr < 0 else m - 3
                ops.text(area.cx - width / 2, y, 7, runs)
                box = (area.cx - width / 2, y - 2, area.cx + width / 2, y + 8)
            link(c, box, keys[cell])
    return decorate
