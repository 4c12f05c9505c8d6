"""Marks laid over the chart by the analysis features: finding badges and highlights.

Overlay items sit on the chart's scene above the boxes. They read the boxes' places from
the scene's geometry by position id and keep no model data: the checks dock tells them
which ids carry which severity.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from orgdesigner.checks.finding import Severity
from orgdesigner.ui.canvas.scene import ChartScene

__all__ = ["SEVERITY_COLOURS", "FindingBadges", "HighlightItem", "worst_severity"]

SEVERITY_COLOURS: dict[Severity, QColor] = {
    Severity.ERROR: QColor("#d64545"),
    Severity.WARNING: QColor("#e8a33d"),
    Severity.INFO: QColor("#3d7fd6"),
}
_GLYPHS = {Severity.ERROR: "!", Severity.WARNING: "!", Severity.INFO: "i"}
#: Badge radius in points (scene units).
BADGE_RADIUS = 6.0


def worst_severity(severities: list[Severity]) -> Severity:
    return min(severities, key=lambda s: s.rank)


class _Overlay(QGraphicsItem):
    """An item as large as the chart, repainted with it."""

    def __init__(self, scene: ChartScene, z: float) -> None:
        super().__init__()
        self.chart_scene = scene
        self.setZValue(z)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self._bounds = QRectF()
        scene.addItem(self)
        scene.geometry_changed.connect(self._refit)
        self._refit()

    def _refit(self) -> None:
        b = self.chart_scene.geometry.bounds
        self.prepareGeometryChange()
        self._bounds = QRectF(b.x, b.y, b.w, b.h).adjusted(-20, -20, 20, 20)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._bounds


class FindingBadges(_Overlay):
    """A small round badge at the top-left corner of every box with a finding, coloured
    by the worst severity among its findings."""

    def __init__(self, scene: ChartScene) -> None:
        self.badges: dict[str, Severity] = {}
        self._speck_cache: tuple[tuple[int, float], list[tuple[Severity, list[QRectF]]]] | None
        self._speck_cache = None
        super().__init__(scene, 6)

    def set_badges(self, badges: dict[str, Severity]) -> None:
        self.badges = badges
        self._speck_cache = None
        self.update()

    def _specks(self, radius: float) -> list[tuple[Severity, list[QRectF]]]:
        """Every badge as a square speck, one list per severity (errors last, on top);
        kept until the badges, the geometry or the zoom's speck size change."""
        key = (id(self.chart_scene.geometry), round(radius, 2))
        if self._speck_cache is not None and self._speck_cache[0] == key:
            return self._speck_cache[1]
        by_id = self.chart_scene.index.by_id
        rects: dict[Severity, list[QRectF]] = {}
        side = 2 * radius
        for pid, severity in self.badges.items():
            box = by_id.get(pid)
            if box is not None:
                rects.setdefault(severity, []).append(
                    QRectF(box.x + 2.0 - radius, box.y + 2.0 - radius, side, side))
        ordered = sorted(rects.items(), key=lambda item: -item[0].rank)
        self._speck_cache = (key, ordered)
        return ordered

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if not self.badges:
            return
        exposed = option.exposedRect.adjusted(-10, -10, 10, 10)
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        by_id = self.chart_scene.index.by_id
        # Far out a badge would be a speck: keep it at least three pixels wide.
        radius = max(BADGE_RADIUS, 3.0 / max(zoom, 1e-6))
        if zoom * radius < 4.0:
            # Zoomed out, a badge is a speck of colour: one cached path per severity (a
            # circle, an outline and a glyph per badge made fit-all frames crawl).
            painter.setPen(Qt.PenStyle.NoPen)
            for severity, rects in self._specks(radius):
                painter.setBrush(SEVERITY_COLOURS[severity])
                painter.drawRects(rects)
            return
        groups: dict[Severity, list[QPointF]] = {s: [] for s in Severity}
        for pid, severity in self.badges.items():
            box = by_id.get(pid)
            if box is not None and exposed.contains(box.x, box.y):
                groups[severity].append(QPointF(box.x + 2.0, box.y + 2.0))
        outline = QPen(QColor("#ffffff"), 1.2)
        text = zoom * radius >= 5.0
        font = painter.font()
        font.setBold(True)
        font.setPixelSize(max(1, round(radius * 1.5)))
        painter.setFont(font)
        for severity in sorted(groups, key=lambda s: -s.rank):  # errors painted last, on top
            centres = groups[severity]
            if not centres:
                continue
            painter.setBrush(SEVERITY_COLOURS[severity])
            for c in centres:
                painter.setPen(outline)
                painter.drawEllipse(c, radius, radius)
                if text:
                    painter.setPen(QColor("#ffffff"))
                    painter.drawText(QRectF(c.x() - radius, c.y() - radius, 2 * radius,
                                            2 * radius), Qt.AlignmentFlag.AlignCenter,
                                     _GLYPHS[severity])


class HighlightItem(_Overlay):
    """An outline around several boxes (the positions of the finding picked)."""

    def __init__(self, scene: ChartScene, colour: QColor | None = None) -> None:
        self.ids: list[str] = []
        self.colour = colour or QColor("#8e44ad")
        super().__init__(scene, 9)

    def set_ids(self, ids: list[str]) -> None:
        self.ids = ids
        self.update()

    def rect_of(self, ids: list[str]) -> QRectF:
        """The boxes of ``ids`` that are drawn, as one rectangle (empty when none is)."""
        rect = QRectF()
        for pid in ids:
            box = self.chart_scene.box(pid)
            if box is not None:
                rect = rect.united(QRectF(box.x, box.y, box.w, box.h))
        return rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        pen = QPen(self.colour, 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pid in self.ids:
            box = self.chart_scene.box(pid)
            if box is not None:
                painter.drawRoundedRect(QRectF(box.x, box.y, box.w, box.h).adjusted(
                    -5, -5, 5, 5), 5.0, 5.0)
