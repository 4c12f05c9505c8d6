"""The scenarios dock: the document's scenarios ("As-is", "To-be A"...), each action one
edit: duplicate, rename (F2 or the button), delete, switch (double-click or Enter), and
compare two of them."""

from __future__ import annotations

import string
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.model.document import OrgDocument
from orgdesigner.model.edits import (
    add_scenario_copy,
    remove_scenario,
    rename_scenario,
    set_active_scenario,
)
from orgdesigner.ui.canvas.presenter import ChartPresenter

__all__ = ["ScenariosPanel", "next_scenario_name"]

ID_ROLE = Qt.ItemDataRole.UserRole


def next_scenario_name(doc: OrgDocument) -> str:
    """"To-be A", then "To-be B"... the first letter no scenario uses yet."""
    taken = {s.name.casefold() for s in doc.scenarios}
    for letter in string.ascii_uppercase:
        name = f"To-be {letter}"
        if name.casefold() not in taken:
            return name
    n = len(doc.scenarios) + 1
    while f"to-be {n}" in taken:
        n += 1
    return f"To-be {n}"


class ScenariosPanel(QWidget):
    """The list of scenarios; the active one is bold. ``compare`` opens the comparison."""

    def __init__(self, presenter: ChartPresenter, compare: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.list = QListWidget(self)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.itemActivated.connect(lambda item: self.switch_to(item.data(ID_ROLE)))
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.setToolTip("Double-click or Enter: show this scenario · F2: rename")
        self.duplicate_button = QPushButton("&Duplicate", self)
        self.duplicate_button.setToolTip("Copy the selected scenario into a new one (To-be A…)")
        self.rename_button = QPushButton("&Rename", self)
        self.rename_button.setToolTip("Rename the selected scenario (F2)")
        self.delete_button = QPushButton("De&lete", self)
        self.delete_button.setToolTip("Delete the selected scenario (undo brings it back)")
        self.switch_button = QPushButton("&Show", self)
        self.switch_button.setToolTip("Show the selected scenario on the canvas")
        self.compare_button = QPushButton("&Compare…", self)
        self.compare_button.setToolTip("Compare two scenarios: differences and metric deltas")
        self.duplicate_button.clicked.connect(lambda: self.duplicate(self.current_id()))
        self.rename_button.clicked.connect(self.start_rename)
        self.delete_button.clicked.connect(lambda: self.delete(self.current_id()))
        self.switch_button.clicked.connect(lambda: self.switch_to(self.current_id()))
        self._can_compare = compare is not None
        if compare is not None:
            self.compare_button.clicked.connect(compare)
        buttons = QGridLayout()
        for i, button in enumerate((self.duplicate_button, self.rename_button,
                                    self.delete_button, self.switch_button,
                                    self.compare_button)):
            buttons.addWidget(button, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        presenter.controller.changed.connect(self.refresh)
        presenter.controller.replaced.connect(self.refresh)
        self.refresh()

    @property
    def doc(self) -> OrgDocument:
        return self.presenter.controller.doc

    def refresh(self) -> None:
        """Show the document's scenarios. Rows are updated in place when the scenarios are
        the same ones (a rename, a switch): a row being edited is never deleted under its
        editor."""
        current = self.current_id()
        doc = self.doc
        ids = [s.id for s in doc.scenarios]
        self.list.blockSignals(True)
        if [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())] != ids:
            self.list.clear()
            for scenario in doc.scenarios:
                item = QListWidgetItem(scenario.name)
                item.setData(ID_ROLE, scenario.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self.list.addItem(item)
        for i, scenario in enumerate(doc.scenarios):
            item = self.list.item(i)
            if item.text() != scenario.name:
                item.setText(scenario.name)
            active = scenario.id == doc.active_scenario
            font = item.font()
            font.setBold(active)
            item.setFont(font)
            item.setToolTip(f"{scenario.name}: shown on the canvas" if active
                            else f"{scenario.name}: double-click to show it")
        want = current if current in ids else doc.active_scenario
        if want in ids and self.current_id() != want:
            self.list.setCurrentRow(ids.index(want))
        self.list.blockSignals(False)
        self.delete_button.setEnabled(len(ids) > 1)
        self.compare_button.setEnabled(self._can_compare and len(ids) > 1)

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    # -- actions (each one edit) -------------------------------------------------------
    def duplicate(self, scenario_id: str | None) -> str | None:
        """Copy a scenario under the next "To-be" name; returns the new id."""
        source = scenario_id or self.doc.active_scenario
        name = next_scenario_name(self.doc)
        before = {s.id for s in self.doc.scenarios}
        if not self.presenter.apply(lambda: add_scenario_copy(self.doc, source, name)):
            return None
        new = next(s.id for s in self.doc.scenarios if s.id not in before)
        self._select(new)
        return new

    def start_rename(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def rename(self, scenario_id: str, name: str) -> bool:
        return self.presenter.apply(lambda: rename_scenario(self.doc, scenario_id, name))

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        scenario_id = item.data(ID_ROLE)
        if self.doc.scenario(scenario_id).name != item.text():
            if not self.rename(scenario_id, item.text()):
                self.refresh()  # refused (empty or taken): show the stored name again

    def delete(self, scenario_id: str | None) -> bool:
        if scenario_id is None:
            return False
        return self.presenter.apply(lambda: remove_scenario(self.doc, scenario_id))

    def switch_to(self, scenario_id: str | None) -> bool:
        if scenario_id is None or scenario_id == self.doc.active_scenario:
            return False
        return self.presenter.apply(lambda: set_active_scenario(self.doc, scenario_id))

    def _select(self, scenario_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(ID_ROLE) == scenario_id:
                self.list.setCurrentRow(i)
