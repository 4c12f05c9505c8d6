"""Paint a Geometry (or a window of it) onto a reportlab canvas.

The geometry is in points with y growing downwards; a ``Window`` maps a region of it onto
a rectangle of the page at some scale (flipping y). Boxes outside the window are skipped,
so a poster tile or a booklet page only pays for what it shows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas

from orgdesigner.layout.geometry import (
    LINE_HEIGHT,
    TEXT_PADDING,
    Box,
    Connector,
    ConnectorKind,
    Geometry,
    Rect,
)
from orgdesigner.render.fonts import ensure_fonts, run_width, text_runs
from orgdesigner.render.ops import OpBlock, link

__all__ = ["Window", "paint_geometry", "line_baselines", "tint", "INK", "MUTED"]

INK = HexColor("#1f2933")
MUTED = HexColor("#7b8794")
LINE = HexColor("#52606d")
DOTTED = HexColor("#9aa5b1")
CUSTOMER = HexColor("#c05621")
BOX_BORDER = HexColor("#9aa5b1")
VACANT_FILL = HexColor("#f5f7fa")
WHITE = HexColor("#ffffff")
#: DejaVu Sans ascent as a fraction of the font size.
ASCENT = 0.76


@dataclass(slots=True)
class Window:
    """Maps geometry region ``source`` to the page: its top-left lands at (``left``,
    ``top``) in PDF coordinates (y up) and lengths are multiplied by ``scale``."""

    source: Rect
    left: float
    top: float
    scale: float

    def x(self, gx: float) -> float:
        return self.left + (gx - self.source.x) * self.scale

    def y(self, gy: float) -> float:
        return self.top - (gy - self.source.y) * self.scale

    def sees(self, r: Rect) -> bool:
        return r.intersects(self.source)

    def page_rect(self, r: Rect) -> tuple[float, float, float, float]:
        """(x1, y1, x2, y2) of a geometry rect on the page, for link annotations."""
        return (self.x(r.x), self.y(r.bottom), self.x(r.right), self.y(r.y))


def tint(hex_colour: str | None, amount: float, fallback: str = "#cbd2d9") -> Color:
    """The colour mixed with white (amount 0 = white, 1 = the colour)."""
    c = HexColor(hex_colour or fallback)
    return Color(1 - (1 - c.red) * amount, 1 - (1 - c.green) * amount,
                 1 - (1 - c.blue) * amount)


def line_baselines(box: Box) -> list[float]:
    """Baseline y (geometry coordinates) of each text line of a box, text block centred
    vertically in the box and starting no higher than the padding."""
    heights = [ln.size * LINE_HEIGHT for ln in box.lines]
    block = sum(heights)
    top = box.y + max(TEXT_PADDING, (box.h - block) / 2)
    result = []
    for ln, h in zip(box.lines, heights, strict=True):
        result.append(top + (h - ln.size) / 2 + ln.size * ASCENT + ln.size * 0.12)
        top += h
    return result


def paint_geometry(c: Canvas, geometry: Geometry, window: Window, *,
                   boxes: Sequence[Box] | None = None,
                   connectors: Iterable[Connector] | None = None,
                   links: dict[str, str] | None = None,
                   text: bool = True,
                   cache: dict[tuple[str, str], list[tuple[str, str]]] | None = None,
                   ) -> list[Box]:
    """Draw what of ``geometry`` falls in ``window``; return the boxes drawn.

    ``boxes``/``connectors`` narrow what is considered (a caller with a spatial index
    passes only candidates; connectors passed are drawn without another test);
    ``links`` maps box ids to named destinations to link to;
    ``text=False`` draws outlines only (an overview too small to read); ``cache`` keeps
    encoded text between pages of one document."""
    ensure_fonts()
    if geometry.pyramid is not None:
        _paint_pyramid(c, geometry, window)
    for column in geometry.columns:
        if window.sees(column.rect):
            _paint_column(c, window, column.rect, column.color, column.name,
                          column.headcount, column.share, text)
    for band in geometry.bands:
        if window.sees(band.rect):
            _paint_band(c, window, band.rect, band.label)
    ops = OpBlock(c, {} if cache is None else cache)
    src = window.source
    x0, y0, x1, y1 = src.x, src.y, src.x + src.w, src.y + src.h
    g = geometry.bounds
    # a window onto all of the chart (a booklet page) has nothing to leave out
    whole = x0 <= g.x and y0 <= g.y and g.x + g.w <= x1 and g.y + g.h <= y1
    if connectors is None:
        _paint_connectors(ops, window, geometry.connectors, culled=whole)
    else:
        _paint_connectors(ops, window, connectors, culled=True)
    candidates = geometry.boxes if boxes is None else boxes
    if whole:
        shown = list(candidates)
    else:
        shown = [b for b in candidates
                 if b.x < x1 and x0 < b.x + b.w and b.y < y1 and y0 < b.y + b.h]
    _paint_boxes(ops, window, shown)
    if text:
        _paint_text(ops, window, shown)
    ops.flush()
    if text:
        for label in geometry.labels:
            if window.source.x <= label.x <= window.source.right and \
                    window.source.y <= label.y <= window.source.bottom:
                on_band = any(b.rect.x <= label.x <= b.rect.right and
                              b.rect.y <= label.y <= b.rect.bottom for b in geometry.bands)
                _draw_label(c, window, label.text, label.x, label.y, label.size,
                            label.bold, label.anchor, WHITE if on_band else INK)
    if links:
        for b in shown:
            dest = links.get(b.id)
            if dest:
                link(c, window.page_rect(Rect(b.x, b.y, b.w, b.h)), dest)
    return shown


_PATHS: dict[int, str] = {}


def _path_template(points: int) -> str:
    """``"x y m x y l ..."`` for a polyline of ``points`` points, as a %-format."""
    found = _PATHS[points] = "%.1f %.1f m" + " %.1f %.1f l" * (points - 1)
    return found


def _paint_connectors(ops: OpBlock, w: Window, connectors: Iterable[Connector],
                      culled: bool = False) -> None:
    """All connectors in ``w`` (``culled``: the caller already kept only those)."""
    src = w.source
    sx0, sy0, sx1, sy1 = src.x, src.y, src.x + src.w, src.y + src.h
    left, top, s = w.left - src.x * w.scale, w.top + src.y * w.scale, w.scale
    by_kind: dict[ConnectorKind, list[str]] = {}
    for con in connectors:
        pts = con.points
        if len(pts) < 2:
            continue
        if not culled:
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            if max(xs) < sx0 or min(xs) > sx1 or max(ys) < sy0 or min(ys) > sy1:
                continue
        template = _PATHS.get(len(pts)) or _path_template(len(pts))
        coords = []
        for px, py in pts:
            coords += (left + px * s, top - py * s)
        by_kind.setdefault(con.kind, []).append(template % tuple(coords))
    width = max(0.4, 0.9 * s)
    for kind, lines in by_kind.items():
        if kind is ConnectorKind.SOLID:
            ops.style(stroke=LINE, width=width, solid=True)
        elif kind is ConnectorKind.DOTTED:
            ops.style(stroke=DOTTED, width=width, dash=(2 * width, 2 * width))
        else:
            ops.style(stroke=CUSTOMER, width=width, dash=(4 * width, 2 * width))
        ops.path(" ".join(lines))
        ops.stroke_path()
    ops.style(solid=True)


def _paint_boxes(ops: OpBlock, w: Window, boxes: list[Box]) -> None:
    s = w.scale
    radius = 3 * s
    strip = min(3.5 * s, 4.0)
    src = w.source
    left, top = w.left - src.x * s, w.top + src.y * s
    ops.style(width=max(0.3, 0.8 * s))
    groups: dict[tuple[str | None, bool], list[Box]] = {}
    for b in boxes:
        groups.setdefault((b.style.unit_color, b.style.vacant), []).append(b)
    tiny = s * min((b.w for b in boxes), default=100.0) < 6  # an overview: plain blocks
    add = ops.ops.append  # boxes by the thousand: operators formatted here directly
    shapes: dict[tuple[float, float], str] = {}  # box size -> its outline at the origin
    for (colour, vacant), group in groups.items():
        if tiny:
            ops.style(fill=tint(colour, 0.7, "#9aa5b1"))
            for b in group:
                add(f"{left + b.x * s:.1f} {top - (b.y + b.h) * s:.1f} {b.w * s:.1f} "
                    f"{b.h * s:.1f} re f")
            continue
        ops.style(stroke=tint(colour, 0.8, "#9aa5b1") if colour else BOX_BORDER,
                  fill=VACANT_FILL if vacant else tint(colour, 0.08, "#ffffff"),
                  dash=(3 * s, 2 * s) if vacant else None, solid=not vacant)
        for b in group:  # what ops.round_rect writes
            path = shapes.get((b.w, b.h))
            if path is None:
                path = shapes[(b.w, b.h)] = ops.round_path(b.w * s, b.h * s, radius)
            add(f"q 1 0 0 1 {left + b.x * s:.1f} {top - (b.y + b.h) * s:.1f} cm {path} Q")
        if colour:
            ops.style(fill=HexColor(colour))
            for b in group:
                add(f"{left + b.x * s + radius:.1f} {top - b.y * s - strip:.1f} "
                    f"{b.w * s - 2 * radius:.1f} {strip:.1f} re f")
    ops.style(solid=True)
    facing = [b for b in boxes if b.style.customer_facing]
    if facing and not tiny:
        r = min(2.5 * s, 3.0)
        ops.dots([(left + (b.x + b.w) * s - 2.4 * r, top - b.y * s - 3.2 * r) for b in facing],
                 r, CUSTOMER)


def _paint_text(ops: OpBlock, w: Window, boxes: list[Box]) -> None:
    """The boxes' text lines, centred. A poster has 100k lines: a line of one font and one
    font subset (nearly all) is written here directly, from its operator cached by text;
    anything else (a CJK fallback, several subsets) goes through ``OpBlock.text``."""
    s = w.scale
    src = w.source
    left, top = w.left - src.x * s, w.top + src.y * s
    colour = None
    single = ops.single_piece
    add = ops.ops.append
    for b in boxes:
        lines = b.lines
        if not lines:
            continue
        inner = (b.w - TEXT_PADDING) * s
        want = MUTED if b.style.vacant else INK
        if want is not colour:
            ops.text_colour(want)  # the first one opens the text object
            colour = want
        cx = left + (b.x + b.w / 2) * s
        # baselines as line_baselines() computes them, inlined
        y = b.y + max(TEXT_PADDING, (b.h - sum(ln.size for ln in lines) * LINE_HEIGHT) / 2)
        for ln in lines:
            size = ln.size
            h = size * LINE_HEIGHT
            if ln.text:
                base = top - (y + (h - size) / 2 + size * (ASCENT + 0.12)) * s
                size *= s
                hit = single(ln.text, ln.bold)
                if hit is not None and ln.width * s <= inner:
                    internal, show = hit
                    half = ln.width * s / 2
                    if internal == ops.font and size == ops.size:
                        add(f"1 0 0 1 {cx - half:.1f} {base:.1f} Tm {show}")
                    else:
                        add(f"1 0 0 1 {cx - half:.1f} {base:.1f} Tm {internal} {size:.1f} Tf "
                            f"{show}")
                        ops.font, ops.size = internal, size
                else:
                    runs = text_runs(ln.text, ln.bold)
                    width = ln.width * s if len(runs) == 1 else run_width(runs, size)
                    if width > inner > 0:  # a fallback font measured wider than the layout
                        size *= inner / width
                        width = inner
                    ops.text(cx - width / 2, base, size, runs)
            y += h


def _draw_label(c: Canvas, w: Window, text: str, gx: float, gy: float, size: float,
                bold: bool, anchor: str, colour: Color = INK) -> None:
    runs = text_runs(text, bold)
    fs = size * w.scale
    width = run_width(runs, fs)
    x = w.x(gx) - {"start": 0.0, "middle": width / 2, "end": width}.get(anchor, width / 2)
    c.saveState()
    c.setFillColor(colour)
    t = c.beginText(x, w.y(gy))
    for font, piece in runs:
        t.setFont(font, fs)
        t.textOut(piece)
    c.drawText(t)
    c.restoreState()


def _paint_pyramid(c: Canvas, g: Geometry, w: Window) -> None:
    pyr = g.pyramid
    assert pyr is not None
    px, py = pyr.pivot
    a = math.radians(pyr.tilt_degrees)
    cos, sin = math.cos(a), math.sin(a)
    pts = []
    for x, y in pyr.points:  # rotate clockwise on screen (y down) about the pivot
        dx, dy = x - px, y - py
        pts.append((px + dx * cos - dy * sin, py + dx * sin + dy * cos))
    tips = g.balance is not None and g.balance.tips
    c.saveState()
    c.setFillColor(HexColor("#fdecea") if tips else HexColor("#eef2f7"))
    c.setStrokeColor(HexColor("#c53030") if tips else HexColor("#7b8794"))
    c.setLineWidth(max(0.6, 1.5 * w.scale))
    path = c.beginPath()
    path.moveTo(w.x(pts[0][0]), w.y(pts[0][1]))
    for x, y in pts[1:]:
        path.lineTo(w.x(x), w.y(y))
    path.close()
    c.drawPath(path, stroke=1, fill=1)
    if abs(pyr.tilt_degrees) > 0.01:  # the upright outline, faint, to show the tilt
        c.setDash([3, 3])
        c.setLineWidth(0.5)
        c.setStrokeColor(MUTED)
        ghost = c.beginPath()
        ghost.moveTo(w.x(pyr.points[0][0]), w.y(pyr.points[0][1]))
        for x, y in pyr.points[1:]:
            ghost.lineTo(w.x(x), w.y(y))
        ghost.close()
        c.drawPath(ghost, stroke=1, fill=0)
    c.restoreState()


def _paint_column(c: Canvas, w: Window, r: Rect, colour: str | None, name: str,
                  headcount: int, share: float, text: bool) -> None:
    """A division's column: tinted, with its headcount and share at the foot (the layout
    labels the column with its name)."""
    c.saveState()
    c.setFillColor(tint(colour, 0.18))
    c.setStrokeColor(tint(colour, 0.6))
    c.setLineWidth(0.5)
    x1, y1, x2, y2 = w.page_rect(r)
    c.rect(x1, y1, x2 - x1, y2 - y1, stroke=1, fill=1)
    c.restoreState()
    if text:
        _draw_label(c, w, f"{headcount:,} people · {share:.0%}", r.cx, r.bottom - 8,
                    9.0, False, "middle", MUTED)


def _paint_band(c: Canvas, w: Window, r: Rect, label: str) -> None:
    """The CUSTOMER band (the layout places its label)."""
    x1, y1, x2, y2 = w.page_rect(r)
    c.saveState()
    c.setFillColor(CUSTOMER)
    c.roundRect(x1, y1, x2 - x1, y2 - y1, min(6.0, (y2 - y1) / 3), stroke=0, fill=1)
    c.restoreState()
