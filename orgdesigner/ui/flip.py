"""The pyramid flip: switching classic <-> inverted moves every box to its new place.

``FlipAnimator.flip(old_geometry)`` is called right after the new layout is in the scene.
For about half a second a ``FlipItem`` paints each box between where the old layout had it
and where the new one puts it (an eased interpolation driven by a ``QVariantAnimation``),
while the chart item itself is hidden; the view glides from the old framing to the new
one. At the end the item goes away and the real chart (connectors, pyramid, band) shows.
Boxes only in the new layout fade in at their place; boxes only in the old one are not
drawn. Charts above ``ANIMATE_LIMIT`` boxes switch at once.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QEasingCurve, QObject, QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QToolBar, QWidget

from orgdesigner.layout.geometry import Box, Geometry
from orgdesigner.model.document import Orientation
from orgdesigner.ui.canvas.items import TEXT_ZOOM
from orgdesigner.ui.canvas.painting import paint_box, unit_fill
from orgdesigner.ui.canvas.view import ChartView

__all__ = ["FlipAnimator", "FlipItem", "FlipState", "ANIMATE_LIMIT", "DURATION_MS",
           "flip_views", "install_view_switcher"]

#: Length of the flip, in milliseconds.
DURATION_MS = 500
#: Charts with more boxes than this switch without animation.
ANIMATE_LIMIT = 6000
#: Boxes drawn with their text during the flip (beyond that, flat cards).
TEXT_LIMIT = 600
#: The views between which the flip animates.
flip_views = frozenset({"classic", "inverted"})


class FlipState(enum.Enum):
    IDLE = "idle"
    RUNNING = "running"


class FlipItem(QGraphicsItem):
    """Every box of the new layout at ``progress`` (0 = old place, 1 = new place)."""

    def __init__(self, old: Geometry, new: Geometry) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setZValue(5)
        before = old.box_index()
        #: (box in the new layout, dx, dy from its old place to its new one, is new)
        self.moves: list[tuple[Box, float, float, bool]] = []
        rect = QRectF()
        for box in new.boxes:
            was = before.get(box.id)
            if was is None:
                self.moves.append((box, 0.0, 0.0, True))
            else:
                self.moves.append((box, was.x - box.x, was.y - box.y, False))
                rect = rect.united(QRectF(was.x, was.y, was.w, was.h))
            rect = rect.united(QRectF(box.x, box.y, box.w, box.h))
        self._bounds = rect.adjusted(-10, -10, 10, 10)
        self.progress = 0.0
        # Flat drawing, prepared once: per fill colour, each box's rectangle (moved in
        # place every frame: cheaper than making new ones) and its old-to-new offset.
        groups: dict[int, tuple[QColor, list[tuple[QRectF, float, float, float, float]]]] = {}
        for box, dx, dy, _fresh in self.moves:
            colour = unit_fill(box)
            group = groups.get(colour.rgba())
            if group is None:
                group = groups[colour.rgba()] = (colour, [])
            group[1].append((QRectF(box.x, box.y, box.w, box.h), box.x, box.y, dx, dy))
        self._flat = list(groups.values())

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._bounds

    def set_progress(self, progress: float) -> None:
        self.progress = progress
        self.update()

    def positions(self) -> dict[str, tuple[float, float]]:
        """Where each box is drawn now (top-left corner), by position id."""
        k = 1.0 - self.progress
        return {b.id: (b.x + dx * k, b.y + dy * k) for b, dx, dy, _ in self.moves}

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        exposed = option.exposedRect
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        dpi = widget.logicalDpiY() if widget is not None else 96
        k = 1.0 - self.progress
        fade = min(1.0, self.progress * 1.5)
        visible: list[tuple[Box, float, float, bool]] = []
        if zoom >= TEXT_ZOOM:
            for box, dx, dy, fresh in self.moves:
                ox, oy = dx * k, dy * k
                if exposed.intersects(QRectF(box.x + ox, box.y + oy, box.w, box.h)):
                    visible.append((box, ox, oy, fresh))
        if zoom >= TEXT_ZOOM and len(visible) <= TEXT_LIMIT:
            for box, ox, oy, fresh in visible:
                painter.save()
                painter.translate(ox, oy)
                if fresh:
                    painter.setOpacity(fade)
                paint_box(painter, box, dpi)
                painter.restore()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        everything = exposed.contains(self.sceneBoundingRect())
        for colour, boxes in self._flat:
            for rect, x, y, dx, dy in boxes:
                rect.moveTo(x + dx * k, y + dy * k)
            rects = [b[0] for b in boxes]
            if not everything:
                rects = [r for r in rects if exposed.intersects(r)]
            painter.setBrush(colour)
            painter.drawRects(rects)


class FlipAnimator(QObject):
    """Runs the flip on a chart view (see the module docstring)."""

    #: The flip ended (or was skipped): the chart shows the new layout.
    finished = Signal()

    def __init__(self, view: ChartView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.item: FlipItem | None = None
        self.animation = QVariantAnimation(self)
        self.animation.setDuration(DURATION_MS)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self.animation.valueChanged.connect(self._step)
        self.animation.finished.connect(self._end)
        self._from_view: tuple[QTransform, QPointF] | None = None
        self._to_view: tuple[QTransform, QPointF] | None = None
        self.enabled = True
        self._hidden: list[QGraphicsItem] = []
        #: Where the last flip left each box (top-left corner), by position id.
        self.last_positions: dict[str, tuple[float, float]] = {}
        view.presenter.relaid_out.connect(self.stop)  # an edit mid-flip: show it at once

    @property
    def state(self) -> FlipState:
        return FlipState.RUNNING if self.item is not None else FlipState.IDLE

    def should_animate(self, old: Geometry, new: Geometry) -> bool:
        return (self.enabled and old.view != new.view and {old.view, new.view} <= flip_views
                and 0 < len(new.boxes) <= ANIMATE_LIMIT and bool(old.boxes))

    def view_state(self) -> tuple[QTransform, QPointF]:
        """The view's zoom and the scene point at the centre of its viewport."""
        vp = self.view.viewport().rect()
        return QTransform(self.view.transform()), self.view.mapToScene(vp.center())

    def flip(self, old: Geometry, old_view: tuple[QTransform, QPointF] | None = None) -> bool:
        """Animate from ``old`` to the geometry now in the scene; False when the switch is
        instant (too many boxes, or not a classic <-> inverted switch)."""
        self.stop()
        scene = self.view.chart_scene
        new = scene.geometry
        if not self.should_animate(old, new):
            self.finished.emit()
            return False
        # Everything else (the chart, marks, badges, notes...) waits for the landing.
        self._hidden = [it for it in scene.items()
                        if it.parentItem() is None and it.isVisible()]
        for it in self._hidden:
            it.setVisible(False)
        self.item = FlipItem(old, new)
        scene.addItem(self.item)
        self._to_view = self.view_state()
        self._from_view = old_view
        self.animation.start()
        self._step(0.0)
        return True

    def stop(self) -> None:
        """Jump to the end of a running flip."""
        if self.animation.state() != QVariantAnimation.State.Stopped:  # running or paused
            self.animation.stop()
            self._end()

    def _step(self, value: object) -> None:
        t = float(value)
        if self.item is not None:
            self.item.set_progress(t)
        if self._from_view is not None and self._to_view is not None:
            (ta, ca), (tb, cb) = self._from_view, self._to_view
            zoom = ta.m11() + (tb.m11() - ta.m11()) * t
            self.view.setTransform(QTransform.fromScale(zoom, zoom))
            self.view.centerOn(ca + (cb - ca) * t)

    def _end(self) -> None:
        scene = self.view.chart_scene
        if self.item is not None:
            self.item.set_progress(1.0)
            self.last_positions = self.item.positions()
            scene.removeItem(self.item)
            self.item = None
        for it in self._hidden:
            it.setVisible(True)
        self._hidden = []
        scene.chart.setVisible(True)
        if self._to_view is not None:
            transform, centre = self._to_view
            self.view.setTransform(transform)
            self.view.centerOn(centre)
        self._from_view = self._to_view = None
        self.finished.emit()


#: Shortcut, toolbar label and tooltip of each view.
_SWITCHER = {
    Orientation.CLASSIC: ("Ctrl+1", "Classic",
                          "Classic pyramid: top management at the top (Ctrl+1)"),
    Orientation.HORIZONTAL: ("Ctrl+2", "Horizontal",
                             "Horizontal: the hierarchy runs left to right (Ctrl+2)"),
    Orientation.INVERTED: ("Ctrl+3", "Customer on top",
                           "Inverted pyramid: CUSTOMER on top, divisions as columns, "
                           "top management at the point (Ctrl+3)"),
}


def install_view_switcher(actions: dict[Orientation, QAction], toolbar: QToolBar) -> None:
    """Give the view actions their shortcuts (Ctrl+1/2/3) and tooltips, and put them on
    the toolbar as the view switcher."""
    toolbar.addSeparator()
    for orientation, action in actions.items():
        keys, label, tip = _SWITCHER[orientation]
        action.setShortcut(QKeySequence(keys))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setIconText(label)
        toolbar.addAction(action)
