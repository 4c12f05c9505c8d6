"""The canvas items: one item paints the whole chart, a few small ones mark things on it.

``ChartItem`` draws only what the exposed rectangle holds (through ``GridIndex``) and picks
a level of detail from the zoom: full boxes with text up close, flat rectangles further
out, and a cached overview picture when the whole chart is in view. Items are dumb: they
paint a Geometry and know nothing of the model.
"""

from __future__ import annotations

import enum
import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from orgdesigner.layout.geometry import Box, ConnectorKind, Geometry, Rect
from orgdesigner.ui.canvas.index import GridIndex
from orgdesigner.ui.canvas.painting import (
    Palette,
    PreparedText,
    font_for,
    paint_box,
    paint_boxes,
    prepare_text,
    tint,
)

__all__ = ["ChartItem", "MarkItem", "MarkKind", "GhostItem", "Detail", "detail_for"]

#: Zoom (screen pixels per point) from which boxes show their text.
TEXT_ZOOM = 0.3
#: Largest overview picture, in pixels (side and area).
OVERVIEW_SIDE = 8192
OVERVIEW_AREA = 6_000_000
#: The overview leaves connectors out below this zoom (they would be under a pixel).
OVERVIEW_LINES_ZOOM = 0.03
#: Charts with more boxes than this refresh their overview after an edit on idle.
STALE_OVERVIEW = 5000
#: Bytes of flat tiles kept (each tile is at most 250x250 pixels).
TILE_BUDGET = 96 * 1024 * 1024
EMPTY_TILE = QImage()
#: Boxes whose laid-out text is kept between frames.
TEXT_CACHE = 20_000


class Detail(enum.Enum):
    """How much of a box is drawn at a zoom level."""

    FULL = "full"  # card, marks and text
    FLAT = "flat"  # filled rectangles and thin lines
    OVERVIEW = "overview"  # the cached picture of the whole chart


def detail_for(zoom: float, overview_zoom: float) -> Detail:
    if zoom >= TEXT_ZOOM:
        return Detail.FULL
    if zoom <= overview_zoom * 1.5:
        return Detail.OVERVIEW
    return Detail.FLAT


def _qrect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


class ChartItem(QGraphicsItem):
    """Paints a Geometry: decorations, connectors, boxes and labels, visible part only."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.geometry = Geometry(view="classic")
        self.index = GridIndex(self.geometry)
        self._bounds = QRectF()
        self._overview: QImage | None = None
        #: The scene rectangle the overview picture covers (an old one until refreshed).
        self._overview_rect = QRectF()
        self.overview_stale = False
        self._text: dict[str, PreparedText] = {}
        self._text_dpi = 0
        self._tiles: dict[tuple[int, tuple[int, int]], QImage] = {}
        self._tile_bytes = 0
        #: Last level of detail painted (benchmarks and tests read it).
        self.last_detail: Detail | None = None

    def set_geometry(self, geometry: Geometry, index: GridIndex) -> None:
        self.prepareGeometryChange()
        self.geometry = geometry
        self.index = index
        b = geometry.bounds
        self._bounds = QRectF(b.x, b.y, b.w, b.h).adjusted(-20, -20, 20, 20)
        # A big chart keeps its old overview for a moment (``refresh_overview`` on idle):
        # at that zoom one edit is invisible, and the edit answers at once.
        self.overview_stale = self._overview is not None and len(geometry.boxes) > STALE_OVERVIEW
        if not self.overview_stale:
            self._overview = None
        self._text = {}
        self._tiles = {}
        self._tile_bytes = 0
        self.update()

    def refresh_overview(self) -> None:
        """Drop a stale overview; the next far-out frame draws the current chart."""
        if self.overview_stale:
            self.overview_stale = False
            self._overview = None
            self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._bounds

    # -- level of detail ---------------------------------------------------------------
    def overview_zoom(self) -> float:
        """Pixels per point of the overview picture."""
        w, h = max(1.0, self._bounds.width()), max(1.0, self._bounds.height())
        return min(OVERVIEW_SIDE / w, OVERVIEW_SIDE / h, math.sqrt(OVERVIEW_AREA / (w * h)))

    def overview(self) -> QImage:
        """The whole chart drawn flat once, reused while zoomed far out."""
        if self._overview is None:
            self._overview_rect = QRectF(self._bounds)
            z = self.overview_zoom()
            w = max(1, math.ceil(self._bounds.width() * z))
            h = max(1, math.ceil(self._bounds.height() * z))
            image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            p = QPainter(image)
            p.setTransform(QTransform.fromScale(z, z).translate(-self._bounds.left(),
                                                                -self._bounds.top()))
            self._paint_decorations(p, self._bounds, z, 96)
            index = self.index
            if z >= OVERVIEW_LINES_ZOOM:  # below that, connectors are sub-pixel clutter
                pens = self._pens(z)
                for con in self.geometry.connectors:
                    p.setPen(pens[con.kind])
                    pts = con.points
                    for (x1, y1), (x2, y2) in zip(pts, pts[1:], strict=False):
                        p.drawLine(round(x1), round(y1), round(x2), round(y2))
            p.setPen(Qt.PenStyle.NoPen)
            by_fill: dict[int, list[Box]] = {}
            for box in self.geometry.boxes:
                by_fill.setdefault(index.fill_key(box), []).append(box)
            for rgba, boxes in by_fill.items():
                colour = index.colors[rgba]
                for b in boxes:
                    p.fillRect(round(b.x), round(b.y), max(1, round(b.w)), max(1, round(b.h)),
                               colour)
            p.end()
            self._overview = image
        return self._overview

    # -- painting ----------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        exposed = option.exposedRect
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        dpi = widget.logicalDpiY() if widget is not None else painter.device().logicalDpiY()
        detail = detail_for(zoom, self.overview_zoom())
        self.last_detail = detail
        if detail is Detail.OVERVIEW:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            image = self.overview()
            painter.drawImage(self._overview_rect, image)
            return
        if detail is Detail.FLAT:  # thin lines and flat fills: smoothing costs, shows nothing
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self._paint_decorations(painter, exposed, zoom, dpi)
        index = self.index
        if detail is Detail.FLAT:
            self._paint_tiles(painter, exposed, zoom)
        else:
            self._draw_lines(painter, index.lines_in(exposed), zoom)
            text = self._text
            if dpi != self._text_dpi or len(text) > TEXT_CACHE:
                text.clear()
                self._text_dpi = dpi

            def prepared(box: Box) -> PreparedText:
                found = text.get(box.id)
                if found is None:
                    found = text[box.id] = prepare_text(box, dpi)
                return found

            paint_boxes(painter, index.boxes_in(exposed), dpi, prepared)
        if zoom >= TEXT_ZOOM / 3:
            self._paint_labels(painter, exposed, dpi)

    def _paint_decorations(self, p: QPainter, exposed: QRectF, zoom: float, dpi: int) -> None:
        """Pyramid, division columns and bands, as the PDF painter draws them."""
        g = self.geometry
        readable = zoom >= TEXT_ZOOM / 3
        if g.pyramid is not None and len(g.pyramid.points) >= 3:
            tips = g.balance is not None and g.balance.tips
            poly = QPolygonF([QPointF(x, y) for x, y in g.pyramid.points])
            px, py = g.pyramid.pivot
            turn = QTransform().translate(px, py).rotate(g.pyramid.tilt_degrees) \
                .translate(-px, -py)
            pen = QPen(QColor("#c53030") if tips else Palette.MUTED, 1.5)
            pen.setCosmetic(zoom < 0.6)
            p.setPen(pen)
            p.setBrush(QColor("#fdecea") if tips else QColor("#eef2f7"))
            p.drawPolygon(turn.map(poly))
            if abs(g.pyramid.tilt_degrees) > 0.01:  # the upright outline, to show the tilt
                ghost = QPen(Palette.MUTED, 0.5, Qt.PenStyle.DashLine)
                ghost.setCosmetic(True)
                p.setPen(ghost)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawPolygon(poly)
        for col in g.columns:
            r = _qrect(col.rect)
            if not r.intersects(exposed):
                continue
            p.setPen(QPen(tint(col.color, 0.4), 0.5))
            p.setBrush(tint(col.color, 0.82))
            p.drawRect(r)
            if readable:
                p.setPen(Palette.MUTED)
                p.setFont(font_for(7.5, False, dpi))
                p.drawText(QRectF(r.x(), r.bottom() - 16, r.width(), 14),
                           Qt.AlignmentFlag.AlignCenter,
                           f"{col.headcount:,} people · {col.share:.0%}")
        labelled = {label.text for label in g.labels}
        for band in g.bands:
            r = _qrect(band.rect)
            if not r.intersects(exposed):
                continue
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(Palette.CUSTOMER)
            radius = min(6.0, r.height() / 3)
            p.drawRoundedRect(r, radius, radius)
            if readable and band.label not in labelled:
                p.setPen(QColor("#ffffff"))
                p.setFont(font_for(max(6.0, min(16.0, r.height() * 0.5)), True, dpi))
                p.drawText(r, Qt.AlignmentFlag.AlignCenter, band.label)

    def _pens(self, zoom: float) -> dict[ConnectorKind, QPen]:
        cosmetic = zoom < 0.6
        pens = {}
        for kind, colour, style in (
            (ConnectorKind.SOLID, Palette.LINE, Qt.PenStyle.SolidLine),
            (ConnectorKind.DOTTED, Palette.DOTTED, Qt.PenStyle.DashLine),
            (ConnectorKind.CUSTOMER, Palette.CUSTOMER, Qt.PenStyle.DotLine),
        ):
            pen = QPen(colour, 1.0 if cosmetic else 1.1, style)
            pen.setCosmetic(cosmetic)
            pens[kind] = pen
        return pens

    # -- flat tiles --------------------------------------------------------------------
    def _paint_tiles(self, painter: QPainter, exposed: QRectF, zoom: float) -> None:
        """Zoomed out but not all the way: each grid cell is drawn once per zoom octave
        into a small picture, and frames only blit pictures."""
        level = math.floor(math.log2(zoom))
        scale = 2.0 ** level  # the picture's pixels per point; zoom / scale is in [1, 2)
        cell = self.index.cell
        tiles = self._tiles
        if self._tile_bytes > TILE_BUDGET:
            tiles.clear()
            self._tile_bytes = 0
        for key in self.index.cells(exposed, 0.0):
            found = tiles.get((level, key))
            if found is None:
                found = tiles[(level, key)] = self._render_tile(key, scale)
                self._tile_bytes += found.sizeInBytes()
            if found is not EMPTY_TILE:
                painter.drawImage(QRectF(key[0] * cell, key[1] * cell, cell, cell), found)

    def _render_tile(self, key: tuple[int, int], scale: float) -> QImage:
        cell = self.index.cell
        rect = QRectF(key[0] * cell, key[1] * cell, cell, cell)
        lines = self.index.lines_in(rect)
        fills = self.index.rects_in(rect)
        if not lines and not any(fills.values()):
            return EMPTY_TILE
        side = max(1, math.ceil(cell * scale))
        image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.setTransform(QTransform.fromScale(scale, scale).translate(-rect.left(), -rect.top()))
        p.setClipRect(rect)
        self._draw_lines(p, lines, scale)
        p.setPen(Qt.PenStyle.NoPen)
        for rgba, rects in fills.items():
            p.setBrush(self.index.colors[rgba])
            p.drawRects(rects)
        p.end()
        return image

    def _draw_lines(self, p: QPainter, grouped: dict[ConnectorKind, list[QLineF]],
                    zoom: float) -> None:
        pens = self._pens(zoom)
        for kind, lines in grouped.items():
            p.setPen(pens[kind])
            p.drawLines(lines)

    def _paint_labels(self, p: QPainter, exposed: QRectF, dpi: int) -> None:
        bands = [_qrect(b.rect) for b in self.geometry.bands]
        for label in self.geometry.labels:
            at = QPointF(label.x, label.y)
            if not exposed.adjusted(-400, -50, 400, 50).contains(at):
                continue
            font = font_for(label.size, label.bold, dpi)
            p.setFont(font)
            on_band = any(r.contains(at) for r in bands)
            p.setPen(QColor("#ffffff") if on_band else Palette.INK)
            width = p.fontMetrics().horizontalAdvance(label.text)
            x = label.x - {"start": 0.0, "end": width}.get(label.anchor, width / 2)
            p.drawText(QPointF(x, label.y), label.text)


class MarkKind(enum.Enum):
    SELECTION = "selection"
    DROP_TARGET = "drop_target"
    DROP_REFUSED = "drop_refused"


class MarkItem(QGraphicsItem):
    """An outline around one box: the selection, or the drop target while dragging."""

    def __init__(self, kind: MarkKind) -> None:
        super().__init__()
        self.kind = kind
        self.rect = QRectF()
        self.setZValue(10 if kind is MarkKind.SELECTION else 11)
        self.hide()

    def mark(self, box: Box | None) -> None:
        if box is None:
            self.hide()
            return
        self.prepareGeometryChange()
        self.rect = QRectF(box.x, box.y, box.w, box.h)
        self.show()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect.adjusted(-6, -6, 6, 6)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        colour = {MarkKind.SELECTION: Palette.SELECTION, MarkKind.DROP_TARGET: Palette.DROP_OK,
                  MarkKind.DROP_REFUSED: Palette.DROP_REFUSED}[self.kind]
        pen = QPen(colour, 2.5)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self.rect.adjusted(-2.5, -2.5, 2.5, 2.5), 4.0, 4.0)


class GhostItem(QGraphicsItem):
    """The dragged box and its subtree, following the mouse (moved with ``setPos``)."""

    #: Beyond this many boxes the ghost draws flat rectangles only.
    TEXT_LIMIT = 400

    def __init__(self, boxes: list[Box]) -> None:
        super().__init__()
        self.boxes = boxes
        # Indexed like the chart, so a dragged division paints only what is in view.
        self._index = GridIndex(Geometry(view="ghost", boxes=boxes))
        rect = QRectF()
        if boxes:
            left = min(x.x for x in boxes)
            top = min(x.y for x in boxes)
            right = max(x.x + x.w for x in boxes)
            bottom = max(x.y + x.h for x in boxes)
            rect = QRectF(left, top, right - left, bottom - top)
        self._bounds = rect.adjusted(-2, -2, 2, 2)
        self.setOpacity(0.55)
        self.setZValue(20)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        exposed = option.exposedRect
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        dpi = widget.logicalDpiY() if widget is not None else 96
        text = zoom >= TEXT_ZOOM and len(self.boxes) <= self.TEXT_LIMIT
        painter.setPen(Qt.PenStyle.NoPen)
        for b in self._index.boxes_in(exposed):
            r = QRectF(b.x, b.y, b.w, b.h)
            if text:
                paint_box(painter, b, dpi)
            else:
                painter.fillRect(r, tint(b.style.unit_color, 0.4))
