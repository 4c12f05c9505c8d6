"""Sticky notes on the canvas: add, edit, colour, move, attach to a box or leave free.

The notes live in the scenario (``Note``: text, colour, x, y, attached_to); this module
only draws them and turns gestures into note edits, one undo step each. A free note's
``x, y`` is its top-left corner on the chart; an attached note's is its offset from the
top-left corner of its position's box, so it follows the box through relayouts and view
switches (and hides while the box is hidden under a collapsed manager).

Gestures: N (or Edit ▸ Add sticky note, or a box's context menu) opens an editor for a new
note, attached to the selected box if any, else free at the middle of the view; Ctrl+Enter
or clicking away keeps it, Esc drops it. Dragging a note moves it (dropped on a box it is
attached to that box, on empty space it is free); double-click edits its text; its
context menu changes the colour, attaches or frees it, or deletes it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QMenu,
    QPlainTextEdit,
    QStyleOptionGraphicsItem,
    QWidget,
)

from orgdesigner.model.document import Note
from orgdesigner.model.edits import add_note, change_note, new_id, remove_note
from orgdesigner.ui.canvas.painting import font_for
from orgdesigner.ui.canvas.presenter import ChartPresenter
from orgdesigner.ui.canvas.view import ChartView

__all__ = ["NOTE_COLOURS", "NoteItem", "NoteEditor", "NotesLayer", "note_rect"]

NOTE_WIDTH = 150.0
NOTE_MIN_HEIGHT = 56.0
NOTE_PADDING = 8.0
NOTE_FONT = 9.0
#: The colours a note can take (name, colour); the first is the default.
NOTE_COLOURS: list[tuple[str, str]] = [("Yellow", "#fff59d"), ("Pink", "#f8bbd0"),
                                       ("Green", "#c5e1a5"), ("Blue", "#b3e5fc"),
                                       ("Orange", "#ffcc80")]
#: Where a note attached to a box starts, from the box's top-left corner.
ATTACH_OFFSET = (12.0, -NOTE_MIN_HEIGHT - 8.0)


def note_height(text: str, dpi: int = 96) -> float:
    metrics = QFontMetricsF(font_for(NOTE_FONT, False, dpi))
    inner = QRectF(0, 0, NOTE_WIDTH - 2 * NOTE_PADDING, 10_000)
    used = metrics.boundingRect(inner, int(Qt.TextFlag.TextWordWrap), text or " ")
    return max(NOTE_MIN_HEIGHT, used.height() + 2 * NOTE_PADDING + 6)


def note_rect(note: Note, box_xy: tuple[float, float] | None) -> QRectF:
    """The note's rectangle on the chart (``box_xy``: its box's corner when attached)."""
    x, y = note.x, note.y
    if box_xy is not None:
        x, y = box_xy[0] + x, box_xy[1] + y
    return QRectF(x, y, NOTE_WIDTH, note_height(note.text))


class NoteItem(QGraphicsItem):
    """One note: a coloured card with a folded corner and wrapped text."""

    def __init__(self, note: Note, rect: QRectF) -> None:
        super().__init__()
        self.note_id = note.id
        self.setZValue(8)
        self.update_note(note, rect)

    def update_note(self, note: Note, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self.text = note.text
        self.colour = QColor(note.color)
        self.attached = note.attached_to is not None
        self.rect = QRectF(0, 0, rect.width(), rect.height())
        self.setPos(rect.topLeft())
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect.adjusted(-3, -3, 5, 5)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        dpi = widget.logicalDpiY() if widget is not None else 96
        r = self.rect
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 40))
        painter.drawRect(r.translated(2.5, 2.5))
        painter.setBrush(self.colour)
        painter.setPen(QPen(self.colour.darker(135), 0.8))
        fold = 12.0
        painter.drawPolygon([r.topLeft(), r.topRight(), QPointF(r.right(), r.bottom() - fold),
                             QPointF(r.right() - fold, r.bottom()), r.bottomLeft()])
        painter.setBrush(self.colour.darker(115))
        painter.drawPolygon([QPointF(r.right(), r.bottom() - fold),
                             QPointF(r.right() - fold, r.bottom() - fold),
                             QPointF(r.right() - fold, r.bottom())])
        if self.attached:  # a pin: this note belongs to a box
            painter.setBrush(QColor("#c53030"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(r.center().x(), r.top() + 4), 3.5, 3.5)
        painter.setPen(QColor("#1f2933"))
        painter.setFont(font_for(NOTE_FONT, False, dpi))
        painter.drawText(r.adjusted(NOTE_PADDING, NOTE_PADDING + 2, -NOTE_PADDING,
                                    -NOTE_PADDING), int(Qt.TextFlag.TextWordWrap), self.text)


class NoteEditor(QPlainTextEdit):
    """Text editor laid over a note: Ctrl+Enter or leaving keeps the text, Esc drops it."""

    committed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget, text: str, colour: str) -> None:
        super().__init__(text, parent)
        self._done = False
        self.setStyleSheet(f"QPlainTextEdit {{ background: {colour}; color: #1f2933; "
                           "border: 2px solid #2f80ed; }")
        self.setToolTip("Ctrl+Enter keeps the note, Esc drops the change")
        self.selectAll()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:  # every key belongs to the editor
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.finish(False)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.finish(True)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        super().focusOutEvent(event)
        self.finish(True)

    def finish(self, keep: bool) -> None:
        if self._done:
            return
        self._done = True
        self.hide()
        self.deleteLater()
        if keep:
            self.committed.emit(self.toPlainText())
        else:
            self.cancelled.emit()


class NotesLayer(QObject):
    """The notes of the active scenario on one chart view (see the module docstring)."""

    def __init__(self, view: ChartView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.presenter: ChartPresenter = view.presenter
        self.items: dict[str, NoteItem] = {}
        self.editor: NoteEditor | None = None
        self._press: QPoint | None = None
        self._pressed: NoteItem | None = None
        self._start_pos = QPointF()
        self._dragging = False
        self.add_action = QAction("Add sticky &note", self)
        self.add_action.setShortcut(QKeySequence("N"))
        self.add_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        tip = "A sticky note on the selected box, or free in the middle of the view (N)"
        self.add_action.setToolTip(tip)
        self.add_action.setStatusTip(tip)
        self.add_action.triggered.connect(lambda _c=False: self.start_new_note())
        view.addAction(self.add_action)
        self.edit_action = QAction("&Edit the selected box's note", self)
        self.edit_action.setShortcut(QKeySequence("Shift+N"))
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        tip = "Edit the text of the note pinned to the selected box (Shift+N)"
        self.edit_action.setToolTip(tip)
        self.edit_action.setStatusTip(tip)
        self.edit_action.triggered.connect(lambda _c=False: self.edit_selected())
        view.addAction(self.edit_action)
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        self.presenter.relaid_out.connect(self.sync)
        self.sync()

    # -- model -> items ----------------------------------------------------------------
    def _corner(self, note: Note) -> tuple[float, float] | None | bool:
        """The box corner an attached note hangs from; None for a free note; False when
        its box is not drawn."""
        if note.attached_to is None:
            return None
        box = self.view.chart_scene.box(note.attached_to)
        return (box.x, box.y) if box is not None else False

    def sync(self) -> None:
        """Make the note items match the scenario's notes."""
        scene = self.view.chart_scene
        seen: set[str] = set()
        for note in self.presenter.scenario.notes:
            corner = self._corner(note)
            if corner is False:
                continue
            rect = note_rect(note, corner or None)
            seen.add(note.id)
            item = self.items.get(note.id)
            if item is None:
                item = self.items[note.id] = NoteItem(note, rect)
                scene.addItem(item)
            else:
                item.update_note(note, rect)
        for nid in list(self.items):
            if nid not in seen:
                scene.removeItem(self.items.pop(nid))

    def note(self, note_id: str) -> Note | None:
        return next((n for n in self.presenter.scenario.notes if n.id == note_id), None)

    def note_at(self, scene_pos: QPointF) -> NoteItem | None:
        hits = [it for it in self.items.values()
                if it.isVisible() and it.sceneBoundingRect().adjusted(3, 3, -5, -5)
                .contains(scene_pos)]
        return max(hits, key=lambda it: it.zValue(), default=None)

    # -- adding and editing ------------------------------------------------------------
    def start_new_note(self, colour: str = NOTE_COLOURS[0][1]) -> NoteEditor:
        """Open the editor for a new note: on the selected box, else free mid-view."""
        selected = self.presenter.selected_id
        box = self.view.chart_scene.box(selected) if selected else None
        if box is not None:
            attached, (x, y) = box.id, ATTACH_OFFSET
            at = QPointF(box.x + x, box.y + y)
        else:
            attached = None
            at = self.view.mapToScene(self.view.viewport().rect().center()) - QPointF(
                NOTE_WIDTH / 2, NOTE_MIN_HEIGHT / 2)
            x, y = at.x(), at.y()
        rect = QRectF(at, QPointF(at.x() + NOTE_WIDTH, at.y() + NOTE_MIN_HEIGHT))

        def commit(text: str) -> None:
            if not text.strip():
                return
            doc = self.presenter.controller.doc
            nid = new_id((n.id for n in self.presenter.scenario.notes), "note")
            note = Note(id=nid, text=text, color=colour, x=round(x, 1), y=round(y, 1),
                        attached_to=attached)
            self.presenter.apply(lambda: add_note(doc, note))

        return self._open_editor(rect, "", colour, commit)

    def edit_note(self, note_id: str) -> NoteEditor | None:
        note, item = self.note(note_id), self.items.get(note_id)
        if note is None or item is None:
            return None

        def commit(text: str) -> None:
            if text != note.text:
                doc = self.presenter.controller.doc
                self.presenter.apply(lambda: change_note(doc, note_id, text=text))

        return self._open_editor(item.sceneBoundingRect().adjusted(3, 3, -5, -5),
                                 note.text, note.color, commit)

    def _open_editor(self, rect: QRectF, text: str, colour: str, commit) -> NoteEditor:  # noqa: ANN001
        if self.editor is not None:
            self.editor.finish(True)
        view = self.view
        top_left = view.mapFromScene(rect.topLeft())
        bottom_right = view.mapFromScene(rect.bottomRight())
        editor = NoteEditor(view.viewport(), text, colour)
        editor.setGeometry(top_left.x(), top_left.y(), max(180, bottom_right.x() - top_left.x()),
                           max(90, bottom_right.y() - top_left.y()))
        editor.committed.connect(commit)
        editor.committed.connect(self._editor_closed)
        editor.cancelled.connect(self._editor_closed)
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor = editor
        return editor

    def _editor_closed(self, *_args: object) -> None:
        self.editor = None
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def notes_on(self, position_id: str | None) -> list[Note]:
        """The notes pinned to a position, in document order."""
        return [n for n in self.presenter.scenario.notes
                if position_id is not None and n.attached_to == position_id]

    def edit_selected(self) -> NoteEditor | None:
        """Shift+N: edit the (first) note pinned to the selected box."""
        notes = self.notes_on(self.presenter.selected_id)
        if not notes:
            self.presenter.message.emit("No note is pinned to the selected box (N adds one)")
            return None
        return self.edit_note(notes[0].id)

    def set_colour(self, note_id: str, colour: str) -> bool:
        doc = self.presenter.controller.doc
        return self.presenter.apply(lambda: change_note(doc, note_id, color=colour))

    def place(self, note_id: str, top_left: QPointF, on_box: str | None) -> bool:
        """Move a note so its corner is at ``top_left``: attached to ``on_box`` or free."""
        doc = self.presenter.controller.doc
        if on_box is not None:
            box = self.view.chart_scene.box(on_box)
            x, y = top_left.x() - box.x, top_left.y() - box.y
        else:
            x, y = top_left.x(), top_left.y()
        return self.presenter.apply(lambda: change_note(
            doc, note_id, x=round(x, 1), y=round(y, 1), attached_to=on_box))

    def delete(self, note_id: str) -> bool:
        doc = self.presenter.controller.doc
        return self.presenter.apply(lambda: remove_note(doc, note_id))

    def context_menu(self, note_id: str, parent: QWidget | None = None) -> QMenu:
        menu = QMenu(parent if parent is not None else self.view)
        menu.addAction("&Edit text...", lambda: self.edit_note(note_id))
        colours = menu.addMenu("&Colour")
        for name, value in NOTE_COLOURS:
            colours.addAction(name, lambda v=value: self.set_colour(note_id, v))
        note = self.note(note_id)
        selected = self.presenter.selected_id
        item = self.items[note_id]
        corner = item.scenePos()
        if note is not None and note.attached_to is not None:
            menu.addAction("&Free (detach from its box)", lambda: self.place(
                note_id, corner, None))
        if selected is not None and self.view.chart_scene.box(selected) is not None and (
                note is None or note.attached_to != selected):
            menu.addAction("&Attach to the selected box", lambda: self.place(
                note_id, corner, selected))
        menu.addSeparator()
        menu.addAction("&Delete note", lambda: self.delete(note_id))
        return menu

    def extend_box_menu(self, menu: QMenu, position_id: str | None) -> None:
        """For the canvas context menu: add a note to this box, or work on its notes."""
        menu.addSeparator()
        menu.addAction(self.add_action)
        for note in self.notes_on(position_id):
            short = note.text.splitlines()[0][:30] if note.text.strip() else note.id
            menu.addMenu(self.context_menu(note.id, menu)).setText(f"Note \u201c{short}\u201d")

    # -- mouse -------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                        QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
                        QEvent.Type.ContextMenu) or watched is not self._viewport:
            return False
        if kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            item = self.note_at(self.view.mapToScene(event.pos()))
            if item is None:
                return False
            self.context_menu(item.note_id).exec(event.globalPos())
            return True
        if not isinstance(event, QMouseEvent):
            return False
        pos = event.position().toPoint()
        if kind == QEvent.Type.MouseButtonDblClick:
            item = self.note_at(self.view.mapToScene(pos))
            if item is not None:
                self.edit_note(item.note_id)
                return True
            return False
        if kind == QEvent.Type.MouseButtonPress:
            if event.button() != Qt.MouseButton.LeftButton:
                return False
            item = self.note_at(self.view.mapToScene(pos))
            if item is None:
                return False
            self._press, self._pressed, self._start_pos = pos, item, item.pos()
            self._dragging = False
            item.setZValue(9)
            return True
        if self._pressed is None:
            return False
        item = self._pressed
        delta = self.view.mapToScene(pos) - self.view.mapToScene(self._press)
        if kind == QEvent.Type.MouseMove:
            if not self._dragging and (pos - self._press).manhattanLength() >= \
                    QApplication.startDragDistance():
                self._dragging = True
                self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            if self._dragging:
                item.setPos(self._start_pos + delta)
            return True
        # Release: one edit for the whole drag.
        dragging, self._pressed, self._press = self._dragging, None, None
        self._dragging = False
        item.setZValue(8)
        self.view.viewport().unsetCursor()
        if dragging:
            box = self.view.chart_scene.box_at(self.view.mapToScene(pos))
            if not self.place(item.note_id, self._start_pos + delta,
                              box.id if box is not None else None):
                item.setPos(self._start_pos)
        return True
