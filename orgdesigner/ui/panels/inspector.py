"""The inspector dock: the selected position's fields, each change one undo step.

A field commits when its editor is left (or Enter is pressed); the change becomes one
``change_position`` edit. The model validates it: a refusal shows its message under the
form and the field goes back to the stored value, so the form never shows what the
document does not hold.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.model.document import Position, PositionKind
from orgdesigner.model.edits import EditError, change_position
from orgdesigner.ui.canvas.presenter import ChartPresenter

__all__ = ["InspectorPanel", "parse_cost", "parse_tags"]


def parse_cost(text: str) -> float | None:
    """The cost field: empty means unknown; otherwise a number (spaces and commas allowed
    as thousands separators). Raises EditError on anything else."""
    cleaned = text.replace(",", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        raise EditError(f"cost: {text!r} is not a number") from None


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags, trimmed, empty ones and repeats dropped."""
    seen: dict[str, None] = {}
    for part in text.split(","):
        tag = part.strip()
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


class _NotesEdit(QPlainTextEdit):
    editing_finished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.editing_finished.emit()


class InspectorPanel(QWidget):
    """A form over the selected position."""

    def __init__(self, presenter: ChartPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.position_id: str | None = None
        self.heading = QLabel("Nothing selected", self)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.holder = QLineEdit(self)
        self.holder.setPlaceholderText("Vacant")
        self.title = QLineEdit(self)
        self.unit = QComboBox(self)
        self.kind = QComboBox(self)
        for kind in PositionKind:
            self.kind.addItem(kind.value.capitalize(), kind)
        self.customer_facing = QCheckBox("Works directly with customers", self)
        self.fte = QDoubleSpinBox(self)
        self.fte.setRange(0.0, 10.0)
        self.fte.setSingleStep(0.1)
        self.fte.setDecimals(2)
        self.fte.setKeyboardTracking(False)
        self.cost = QLineEdit(self)
        self.cost.setPlaceholderText("unknown")
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText("comma, separated")
        self.notes = _NotesEdit(self)
        self.notes.setTabChangesFocus(True)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Holder", self.holder)
        form.addRow("Title", self.title)
        form.addRow("Unit", self.unit)
        form.addRow("Kind", self.kind)
        form.addRow("", self.customer_facing)
        form.addRow("FTE", self.fte)
        form.addRow("Cost", self.cost)
        form.addRow("Tags", self.tags)
        form.addRow("Notes", self.notes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._sections = layout
        self._loading = False
        self.holder.editingFinished.connect(lambda: self._commit("holder", self.holder.text))
        self.title.editingFinished.connect(lambda: self._commit("title", self.title.text))
        self.unit.activated.connect(lambda _i: self._commit("unit_id", self.unit.currentData))
        self.kind.activated.connect(lambda _i: self._commit("kind", self.kind.currentData))
        self.customer_facing.toggled.connect(
            lambda _on: self._commit("customer_facing", self.customer_facing.isChecked))
        self.fte.valueChanged.connect(lambda _v: self._commit("fte", self.fte.value))
        self.cost.editingFinished.connect(
            lambda: self._commit("cost", lambda: parse_cost(self.cost.text())))
        self.tags.editingFinished.connect(
            lambda: self._commit("tags", lambda: parse_tags(self.tags.text())))
        self.notes.editing_finished.connect(
            lambda: self._commit("notes", self.notes.toPlainText))
        presenter.scene.selection_changed.connect(self._on_selection)
        presenter.relaid_out.connect(self.reload)
        self.reload()

    def add_section(self, widget: QWidget) -> None:
        """Another feature's part of the inspector (below the form, above the space)."""
        self._sections.insertWidget(self._sections.count() - 1, widget)

    @property
    def fields(self) -> list[QWidget]:
        return [self.holder, self.title, self.unit, self.kind, self.customer_facing,
                self.fte, self.cost, self.tags, self.notes]

    def _on_selection(self, position_id: object) -> None:
        self.error.clear()
        self.reload()

    def _position(self) -> Position | None:
        pid = self.presenter.selected_id
        if pid is None:
            return None
        try:
            return self.presenter.scenario.position(pid)
        except KeyError:
            return None

    def reload(self) -> None:
        """Show the stored values of the selected position."""
        position = self._position()
        self.position_id = position.id if position else None
        self._loading = True
        try:
            for widget in self.fields:
                widget.setEnabled(position is not None)
            if position is None:
                self.heading.setText("Nothing selected")
                for edit in (self.holder, self.title, self.cost, self.tags):
                    edit.clear()
                self.notes.clear()
                return
            self.heading.setText(position.label)
            self.holder.setText(position.holder)
            self.title.setText(position.title)
            self.unit.clear()
            self.unit.addItem("(none)", None)
            for unit in self.presenter.scenario.units:
                self.unit.addItem(unit.name, unit.id)
            self.unit.setCurrentIndex(max(0, self.unit.findData(position.unit_id)))
            self.kind.setCurrentIndex(max(0, self.kind.findData(position.kind)))
            self.customer_facing.setChecked(position.customer_facing)
            self.fte.setValue(position.fte)
            self.cost.setText("" if position.cost is None else f"{position.cost:g}")
            self.tags.setText(", ".join(position.tags))
            if self.notes.toPlainText() != position.notes:
                self.notes.setPlainText(position.notes)
        finally:
            self._loading = False

    def _commit(self, field: str, read: Callable[[], Any]) -> None:
        """One field changed: make it one edit, or show why the model refuses it."""
        position = self._position()
        if self._loading or position is None:
            return
        try:
            value = read()
            if field in ("holder", "title"):
                value = value.strip()
            if getattr(position, field) == value:
                return
            pid = position.id
            doc = self.presenter.controller.doc
            self.presenter.controller.apply(change_position(doc, pid, **{field: value}))
        except EditError as err:
            self.error.setText(str(err))
            self.presenter.message.emit(str(err))
            self.reload()
            return
        self.error.clear()

