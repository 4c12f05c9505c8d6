"""Mouse modes of the canvas, as objects (not integer modes).

``SelectDragInteraction`` is the default: click selects, a drag on empty space pans, a drag
of a box carries its subtree and dropping it on another box makes that one the manager
(one ``reassign_manager`` edit, one undo step). ``PickBoxInteraction`` waits for a click on
a box and hands it to a callback ("dotted line to...").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from orgdesigner.layout.geometry import Box
from orgdesigner.ui.canvas.items import GhostItem

if TYPE_CHECKING:
    from orgdesigner.ui.canvas.view import ChartView

__all__ = ["Interaction", "SelectDragInteraction", "PickBoxInteraction", "POSITIONS_MIME",
           "positions_mime_data", "positions_from_mime"]

#: Mime type of boxes dragged out of the canvas: position ids, one per line (UTF-8).
POSITIONS_MIME = "application/x-orgdesigner-positions"


def positions_mime_data(ids: list[str]) -> QMimeData:
    """Drag data carrying position ids (also as plain text)."""
    mime = QMimeData()
    mime.setData(POSITIONS_MIME, "\n".join(ids).encode("utf-8"))
    mime.setText("\n".join(ids))
    return mime


def positions_from_mime(mime: QMimeData) -> list[str]:
    """The position ids a drop carries (none when it is not boxes from the canvas)."""
    if not mime.hasFormat(POSITIONS_MIME):
        return []
    text = bytes(mime.data(POSITIONS_MIME).data()).decode("utf-8", "replace")
    return [line.strip() for line in text.splitlines() if line.strip()]


class Interaction:
    """A mouse mode. Handlers return True when they used the event."""

    def __init__(self, view: ChartView) -> None:
        self.view = view

    @property
    def presenter(self):  # noqa: ANN201 - ChartPresenter, imported lazily by the view
        return self.view.presenter

    def activate(self) -> None:
        """Called when the view switches to this mode."""

    def mouse_press(self, event: QMouseEvent) -> bool:
        return False

    def mouse_move(self, event: QMouseEvent) -> bool:
        return False

    def mouse_release(self, event: QMouseEvent) -> bool:
        return False

    def key_press(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return True
        return False

    def cancel(self) -> None:
        """Leave this mode without changing anything."""
        self.view.reset_interaction()


class SelectDragInteraction(Interaction):
    """Select, pan, and drag a subtree onto its new manager."""

    def __init__(self, view: ChartView) -> None:
        super().__init__(view)
        self._press: QPoint | None = None
        self._pressed_box: Box | None = None
        self._pan_from: tuple[int, int] | None = None
        self._ghost: GhostItem | None = None
        self._subtree: set[str] = set()
        self._target: Box | None = None
        self._start_scene = QPointF()

    @property
    def dragging(self) -> bool:
        return self._ghost is not None

    def mouse_press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        view = self.view
        self._press = event.position().toPoint()
        self._start_scene = view.mapToScene(self._press)
        box = view.chart_scene.box_at(self._start_scene)
        self._pressed_box = box
        self.presenter.select(box.id if box else None)
        if box is None:
            self._pan_from = (view.horizontalScrollBar().value(),
                              view.verticalScrollBar().value())
            view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        return True

    def mouse_move(self, event: QMouseEvent) -> bool:
        if self._press is None:
            return False
        pos = event.position().toPoint()
        view = self.view
        if self._pan_from is not None:
            delta = pos - self._press
            view.horizontalScrollBar().setValue(self._pan_from[0] - delta.x())
            view.verticalScrollBar().setValue(self._pan_from[1] - delta.y())
            return True
        if self._pressed_box is None:
            return True
        if not self.dragging:
            if (pos - self._press).manhattanLength() < QApplication.startDragDistance():
                return True
            self._start_drag(self._pressed_box)
        if not view.viewport().rect().contains(pos):  # out of the chart, to another panel
            self._drag_out(self._pressed_box.id)
            return True
        self._drag_to(view.mapToScene(pos))
        return True

    def _drag_out(self, position_id: str) -> None:
        """The box left the canvas: carry its id on as an ordinary drag and drop (onto a
        team in the teams panel); the chart itself does not change."""
        self._end_drag()
        self._reset()
        drag = QDrag(self.view)
        drag.setMimeData(positions_mime_data([position_id]))
        drag.exec(Qt.DropAction.CopyAction)

    def mouse_release(self, event: QMouseEvent) -> bool:
        if self._press is None:
            return False
        if self.dragging:
            self._drag_to(self.view.mapToScene(event.position().toPoint()))
            moved, target = self._pressed_box, self._target
            allowed = target is not None and target.id not in self._subtree
            self._end_drag()
            if moved is not None and target is not None and allowed:
                pid, tid = moved.id, target.id
                self.presenter.apply(lambda: self.presenter.move_edit(
                    self.presenter.controller.doc, pid, tid), select=pid)
            elif target is not None:
                self.presenter.message.emit(
                    "A position cannot move under itself or anyone who reports to it")
        self._reset()
        return True

    def cancel(self) -> None:
        self._end_drag()
        self._reset()

    # -- dragging ----------------------------------------------------------------------
    def _start_drag(self, box: Box) -> None:
        scene = self.view.chart_scene
        graph = self.presenter.graph
        self._subtree = graph.subtree(box.id) if box.id in graph.positions else {box.id}
        index = scene.index.by_id
        boxes = [index[pid] for pid in self._subtree if pid in index]
        self._ghost = scene.add_ghost(boxes)

    def _drag_to(self, scene_pos: QPointF) -> None:
        assert self._ghost is not None
        view = self.view
        scene = view.chart_scene
        self._ghost.setPos(scene_pos - self._start_scene)
        target = scene.box_at(scene_pos)
        self._target = target
        if target is None:
            scene.show_drop_target(None, True)
            view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        elif target.id in self._subtree:
            scene.show_drop_target(None if target.id == self._pressed_box.id else target,
                                   False)
            view.viewport().setCursor(
                Qt.CursorShape.ClosedHandCursor if target.id == self._pressed_box.id
                else Qt.CursorShape.ForbiddenCursor)
        else:
            scene.show_drop_target(target, True)
            view.viewport().setCursor(Qt.CursorShape.DragMoveCursor)

    def _end_drag(self) -> None:
        if self._ghost is not None:
            scene = self.view.chart_scene
            scene.removeItem(self._ghost)
            self._ghost = None
            scene.show_drop_target(None, True)

    def _reset(self) -> None:
        self._press = None
        self._pressed_box = None
        self._pan_from = None
        self._target = None
        self._subtree = set()
        self.view.viewport().unsetCursor()


class PickBoxInteraction(Interaction):
    """Wait for a click on a box and pass its id to ``on_pick``; Escape cancels."""

    def __init__(self, view: ChartView, on_pick: Callable[[str], None], hint: str) -> None:
        super().__init__(view)
        self.on_pick = on_pick
        self.hint = hint

    def activate(self) -> None:
        self.view.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.view.presenter.message.emit(self.hint)

    def mouse_press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            self.cancel()
            return True
        box = self.view.chart_scene.box_at(self.view.mapToScene(event.position().toPoint()))
        if box is None:
            return True
        self.view.reset_interaction()
        self.on_pick(box.id)
        return True

    def mouse_release(self, event: QMouseEvent) -> bool:
        return True

    def cancel(self) -> None:
        self.view.presenter.message.emit("Cancelled")
        self.view.reset_interaction()
