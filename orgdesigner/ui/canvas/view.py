"""ChartView: the QGraphicsView of the chart: zoom, fit, centring, mouse modes, inline
rename. Editing commands themselves live in ``orgdesigner.ui.edit_actions``."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QLineEdit, QWidget

from orgdesigner.ui.canvas.interactions import Interaction, SelectDragInteraction
from orgdesigner.ui.canvas.items import TEXT_ZOOM
from orgdesigner.ui.canvas.painting import font_for
from orgdesigner.ui.canvas.presenter import ChartPresenter
from orgdesigner.ui.canvas.scene import ChartScene

__all__ = ["ChartView", "InlineEditor"]

MAX_ZOOM = 4.0
ZOOM_STEP = 1.25
#: Zoom from which box text reads comfortably; small charts open at least this close.
READABLE_ZOOM = 0.6
#: Charts up to this many boxes open readable rather than whole.
SMALL_CHART = 400


class InlineEditor(QLineEdit):
    """A line edit laid over a box: Enter commits, Escape or leaving cancels."""

    def __init__(self, parent: QWidget, text: str, on_commit: Callable[[str], None]) -> None:
        super().__init__(text, parent)
        self._on_commit = on_commit
        self._done = False
        self.selectAll()
        self.returnPressed.connect(self.commit)

    def commit(self) -> None:
        if not self._done:
            self._done = True
            text = self.text()
            self.close_editor()
            self._on_commit(text)

    def close_editor(self) -> None:
        self._done = True
        parent = self.parentWidget()
        self.hide()
        self.deleteLater()
        if parent is not None:
            parent.parentWidget().setFocus()

    _OWN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Escape,
                 Qt.Key.Key_Up, Qt.Key.Key_Down)

    def event(self, event: QEvent) -> bool:
        # Keys the canvas binds (Enter adds a peer...) belong to the editor while it is open.
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in self._OWN_KEYS:
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab:
            self.commit()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close_editor()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        super().focusOutEvent(event)
        if not self._done:
            self.commit()


class ChartView(QGraphicsView):
    """Shows a ChartScene; keeps the interaction in the current mouse mode object."""

    #: Right click: (position id or None, global position) for the context menu.
    context_menu_requested = Signal(object, QPoint)
    #: A box was double-clicked (the edit actions open the inline editor).
    box_activated = Signal(str)
    #: The chart was painted at least once since the last layout (screenshots wait on it).
    painted = Signal()

    def __init__(self, presenter: ChartPresenter, parent: QWidget | None = None) -> None:
        super().__init__(presenter.scene, parent)
        self.presenter = presenter
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.interaction: Interaction = SelectDragInteraction(self)
        self.editor: InlineEditor | None = None
        self.paint_count = 0

    @property
    def chart_scene(self) -> ChartScene:
        return self.presenter.scene

    # -- zoom and position -------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float) -> None:
        zoom = max(self.min_zoom(), min(MAX_ZOOM, zoom))
        factor = zoom / self.zoom()
        self.scale(factor, factor)

    def min_zoom(self) -> float:
        """Never smaller than half the fit-all zoom."""
        rect = self.chart_scene.chart_rect()
        vp = self.viewport().rect()
        if rect.isEmpty() or vp.isEmpty():
            return 0.01
        return 0.5 * min(vp.width() / rect.width(), vp.height() / rect.height(), 1.0)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def fit_all(self) -> None:
        """Ctrl+0: the whole chart in view (never enlarged past 100%)."""
        rect = self.chart_scene.chart_rect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.0:
            self.set_zoom(1.0)
        self.centerOn(rect.center())

    def show_initial(self) -> None:
        """The first view of a chart: all of it, unless that makes a small chart's text
        too small to read; then readable, centred on the boxes. A customer-on-top pyramid
        stays whole while its text is drawn (its shape is the point), else its top shows."""
        self.fit_all()
        geometry = self.chart_scene.geometry
        boxes = geometry.boxes
        if self.zoom() >= READABLE_ZOOM or not boxes or len(boxes) > SMALL_CHART:
            return
        if geometry.pyramid is not None:
            vp = self.viewport().rect()
            b = geometry.bounds  # already framed: the triangle's corners need no margin
            whole = min(1.0, vp.width() / max(1.0, b.w), vp.height() / max(1.0, b.h))
            if whole >= TEXT_ZOOM:
                self.set_zoom(whole)
                self.centerOn(b.x + b.w / 2, b.y + b.h / 2)
            else:
                left = min(box.x for box in boxes)
                right = max(box.x + box.w for box in boxes)
                self.set_zoom(min(1.0, max(TEXT_ZOOM, vp.width() / max(1.0, right - left + 40))))
                self.centerOn((left + right) / 2, b.y + vp.height() / self.zoom() / 2)
            return
        left = min(b.x for b in boxes)
        right = max(b.x + b.w for b in boxes)
        top = min(b.y for b in boxes)
        bottom = max(b.y + b.h for b in boxes)
        vp = self.viewport().rect()
        fit_boxes = min(vp.width() / max(1.0, right - left + 40),
                        vp.height() / max(1.0, bottom - top + 40))
        self.set_zoom(min(1.0, max(READABLE_ZOOM, fit_boxes)))
        self.centerOn((left + right) / 2, (top + bottom) / 2)

    def center_on_box(self, position_id: str) -> bool:
        """Scroll so the position's box is in the middle; False when it is not drawn."""
        box = self.chart_scene.box(position_id)
        if box is None:
            return False
        if self.zoom() < 0.5:
            self.set_zoom(0.8)
        self.centerOn(box.x + box.w / 2, box.y + box.h / 2)
        return True

    def ensure_box_visible(self, position_id: str) -> None:
        box = self.chart_scene.box(position_id)
        if box is not None:
            self.ensureVisible(QRectF(box.x, box.y, box.w, box.h), 40, 40)

    # -- events ------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self.zoom() * ZOOM_STEP ** steps)
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if not self.interaction.mouse_press(event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if not self.interaction.mouse_move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if not self.interaction.mouse_release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        box = self.chart_scene.box_at(self.mapToScene(event.position().toPoint()))
        if box is not None:
            self.presenter.select(box.id)
            self.box_activated.emit(box.id)
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if self.interaction.key_press(event):
            return
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
            return
        if event.key() == Qt.Key.Key_Minus:
            self.zoom_out()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # Tab builds the chart (a new report) instead of moving the focus away.
        if event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        box = self.chart_scene.box_at(self.mapToScene(event.pos()))
        self.presenter.select(box.id if box else self.presenter.selected_id)
        self.context_menu_requested.emit(box.id if box else None, event.globalPos())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        self.paint_count += 1
        self.painted.emit()

    # -- modes -------------------------------------------------------------------------
    def set_interaction(self, interaction: Interaction) -> None:
        old, self.interaction = self.interaction, interaction
        if isinstance(old, SelectDragInteraction):
            old.cancel()
        interaction.activate()

    def reset_interaction(self) -> None:
        self.interaction = SelectDragInteraction(self)
        self.viewport().unsetCursor()

    # -- inline rename -----------------------------------------------------------------
    def start_inline_edit(self, position_id: str, text: str,
                          on_commit: Callable[[str], None]) -> InlineEditor | None:
        """Open a line edit over the box; ``on_commit(text)`` runs on Enter."""
        box = self.chart_scene.box(position_id)
        if box is None:
            return None
        self.ensure_box_visible(position_id)
        if self.editor is not None and shiboken6.isValid(self.editor) \
                and self.editor.isVisible():
            self.editor.close_editor()
        top_left = self.mapFromScene(box.x, box.y)
        bottom_right = self.mapFromScene(box.x + box.w, box.y + box.h)
        editor = InlineEditor(self.viewport(), text, on_commit)
        height = max(22, min(40, int(13 * self.zoom()) + 10))
        width = max(140, bottom_right.x() - top_left.x())
        editor.setFont(font_for(11, True, self.logicalDpiY()))
        editor.setGeometry(top_left.x(), (top_left.y() + bottom_right.y() - height) // 2,
                           width, height)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor = editor
        return editor
