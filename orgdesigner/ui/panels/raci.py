"""The responsibility (RACI) dock: who is Responsible, Accountable, Consulted and Informed
for each process.

A click on a cell moves it on through R → A → C → I → empty; typing R, A, C or I sets
the letter and Delete clears it. Processes are added, renamed (double-click or F2 on the
row header opens an editor on it), moved up and down and removed from the dock's toolbar.
Every change is one model edit through the presenter, so one undo step. Rows breaking the
accountability rules (no A, two As, no R) are marked in the matrix with the checker's own
message. The selected process is shown on the canvas (``RaciOverlay``), and
``ProcessesOfPosition`` lists the selected box's letters in the inspector.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.errors import OrgDesignerError
from orgdesigner.model.document import Process, RaciRole
from orgdesigner.model.edits import (
    add_process,
    move_process,
    new_id,
    remove_process,
    rename_process,
    set_raci,
)
from orgdesigner.ui.canvas.presenter import ChartPresenter
from orgdesigner.ui.canvas.view import InlineEditor
from orgdesigner.ui.panels.raci_model import ColumnMode, RaciTableModel, next_role

__all__ = ["RaciPanel", "RaciTableView", "ProcessesOfPosition", "NEW_PROCESS"]

NEW_PROCESS = "New process"
_LETTER_KEYS = {Qt.Key.Key_R: RaciRole.RESPONSIBLE, Qt.Key.Key_A: RaciRole.ACCOUNTABLE,
                Qt.Key.Key_C: RaciRole.CONSULTED, Qt.Key.Key_I: RaciRole.INFORMED}
_ROLE_WORDS = {RaciRole.RESPONSIBLE: "Responsible", RaciRole.ACCOUNTABLE: "Accountable",
               RaciRole.CONSULTED: "Consulted", RaciRole.INFORMED: "Informed"}


class RaciTableView(QTableView):
    """The matrix: clicks cycle a cell, letter keys set it, Delete clears it."""

    #: (row, column, letter or None): the user asked for this letter in this cell.
    letter_requested = Signal(int, int, object)
    #: The row header was double-clicked or F2 pressed: rename that process.
    rename_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setDefaultSectionSize(96)
        self.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setMaximumWidth(280)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft
                                                  | Qt.AlignmentFlag.AlignVCenter)
        self.verticalHeader().sectionDoubleClicked.connect(self.rename_requested.emit)
        self._pressed: QModelIndex | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._pressed = self.indexAt(event.position().toPoint())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        index = self.indexAt(event.position().toPoint())
        pressed, self._pressed = self._pressed, None
        if (event.button() == Qt.MouseButton.LeftButton and index.isValid()
                and pressed is not None and pressed == index):
            model = self.model()
            assert isinstance(model, RaciTableModel)
            role = model.role_at(index.row(), index.column())
            self.letter_requested.emit(index.row(), index.column(), next_role(role))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        index = self.currentIndex()
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                          | Qt.KeyboardModifier.AltModifier))
        if index.isValid() and plain:
            key = Qt.Key(event.key())
            if key in _LETTER_KEYS:
                self.letter_requested.emit(index.row(), index.column(), _LETTER_KEYS[key])
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Space):
                self.letter_requested.emit(index.row(), index.column(), None)
                return
            if key == Qt.Key.Key_F2:
                self.rename_requested.emit(index.row())
                return
        super().keyPressEvent(event)


class RaciPanel(QWidget):
    """The RACI dock's widget."""

    #: The selected process id (None when none): the canvas shows its letters.
    process_selected = Signal(object)

    def __init__(self, presenter: ChartPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.model = RaciTableModel(presenter, self)  # deleted with the panel, by Qt
        self.table = RaciTableView(self)
        self.table.setModel(self.model)
        self.mode = QComboBox(self)
        self.mode.addItem("Columns: positions", ColumnMode.POSITIONS)
        self.mode.addItem("Columns: units", ColumnMode.UNITS)
        self.mode.setToolTip("Positions: everyone holding a letter, plus the box selected "
                             "on the chart. Units: every unit.")
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        a = self._action
        self.add_action = a("Add process", self.add_new_process, "Ctrl+Shift+P")
        self.rename_action = a("Rename", self.rename_current)
        self.up_action = a("Up", lambda: self.move_current(-1), "Alt+Up")
        self.down_action = a("Down", lambda: self.move_current(1), "Alt+Down")
        self.remove_action = a("Remove", self.remove_current, "Ctrl+Delete")
        self.export_action = a("Export CSV…", self.ask_export_csv)
        self.import_action = a("Import CSV…", self.ask_import_csv)
        for action in (self.add_action, self.rename_action, self.up_action,
                       self.down_action, self.remove_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.mode)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.export_action)
        self.toolbar.addAction(self.import_action)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.editor: InlineEditor | None = None
        self._current_process: str | None = None
        self.table.letter_requested.connect(self.set_letter)
        self.table.rename_requested.connect(self.start_rename)
        self.table.selectionModel().currentChanged.connect(self._on_current)
        self.model.modelReset.connect(self._restore_current)
        self.table.horizontalHeader().sectionClicked.connect(self._on_party_clicked)
        self.mode.activated.connect(
            lambda _i: self.set_mode(self.mode.currentData()))
        presenter.relaid_out.connect(self.refresh)
        presenter.scene.selection_changed.connect(self._on_canvas_selection)
        self.refresh()

    def _action(self, text: str, slot, keys: str | None = None) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- state -------------------------------------------------------------------------
    @property
    def current_process(self) -> str | None:
        return self._current_process

    def refresh(self) -> None:
        self.model.refresh()
        self._restore_current()
        problems = sum(1 for row in range(self.model.rowCount()) if self.model.problems(row))
        n = self.model.rowCount()
        if not n:
            self.summary.setText("No processes yet: “Add process” starts the chart.")
        elif problems:
            self.summary.setText(f"⚠ {problems} of {n} processes break the rule of one "
                                 "Accountable and at least one Responsible (hover a ⚠ row).")
        else:
            self.summary.setText(f"{n} processes, each with one Accountable and a "
                                 "Responsible.")
        has_row = self.model.process_at(self.table.currentIndex().row()) is not None
        for action in (self.rename_action, self.up_action, self.down_action,
                       self.remove_action):
            action.setEnabled(has_row)

    def set_mode(self, mode: ColumnMode) -> None:
        """Show positions or units as the columns."""
        self.mode.setCurrentIndex(self.mode.findData(mode))
        self.model.set_mode(mode)
        self._restore_current()

    def select_process(self, process_id: str | None) -> None:
        row = self.model.row_of(process_id) if process_id else -1
        if row < 0:
            self.table.setCurrentIndex(QModelIndex())
            self._set_current(None)
            return
        column = max(0, self.table.currentIndex().column())
        if self.model.columnCount():
            self.table.setCurrentIndex(self.model.index(row, column))
        else:
            self._set_current(process_id)

    def _restore_current(self) -> None:
        wanted = self._current_process
        if wanted is not None and self.model.row_of(wanted) >= 0:
            current = self.table.currentIndex()
            if self.model.process_at(current.row()) is None or \
                    self.model.process_at(current.row()).id != wanted:
                self.select_process(wanted)
        elif wanted is not None:
            self._set_current(None)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        proc = self.model.process_at(current.row()) if current.isValid() else None
        if proc is not None or self.model.rowCount() == 0:
            self._set_current(proc.id if proc else None)

    def _set_current(self, process_id: str | None) -> None:
        if process_id != self._current_process:
            self._current_process = process_id
            self.process_selected.emit(process_id)
        for action in (self.rename_action, self.up_action, self.down_action,
                       self.remove_action):
            action.setEnabled(process_id is not None)

    def _on_canvas_selection(self, _pid: object) -> None:
        if self.model.mode is ColumnMode.POSITIONS:
            self.refresh()

    def _on_party_clicked(self, column: int) -> None:
        party = self.model.party_at(column)
        if party is not None and party in self.presenter.graph.positions:
            self.presenter.select(party)

    # -- edits -------------------------------------------------------------------------
    def set_letter(self, row: int, column: int, role: RaciRole | None) -> bool:
        """Give the party of ``column`` the letter ``role`` for the process of ``row``."""
        proc, party = self.model.process_at(row), self.model.party_at(column)
        if proc is None or party is None:
            return False
        if proc.assignments.get(party) == role:
            return False
        self._current_process = proc.id
        pid = proc.id
        return self.presenter.apply(
            lambda: set_raci(self.presenter.controller.doc, pid, party, role))

    def add_new_process(self, name: str = NEW_PROCESS, *, edit: bool = True) -> str | None:
        """A new process after the current one; its name opens for editing."""
        scenario = self.presenter.scenario
        pid = new_id((p.id for p in scenario.processes), "process-")
        current = self.model.row_of(self._current_process) if self._current_process else -1
        at = current + 1 if current >= 0 else None
        process = Process(id=pid, name=name)
        if not self.presenter.apply(lambda: add_process(self.presenter.controller.doc,
                                                        process, index=at)):
            return None
        self.select_process(pid)
        if edit:
            self.start_rename(self.model.row_of(pid))
        return pid

    def rename_current(self) -> None:
        row = self.model.row_of(self._current_process) if self._current_process else -1
        if row >= 0:
            self.start_rename(row)

    def start_rename(self, row: int) -> InlineEditor | None:
        """An editor over the row header; Enter renames the process (one undo step)."""
        proc = self.model.process_at(row)
        if proc is None:
            return None
        self.select_process(proc.id)
        header = self.table.verticalHeader()
        if self.model.columnCount():
            self.table.scrollTo(self.model.index(row, 0))
        y = header.y() + header.sectionViewportPosition(row)
        editor = InlineEditor(self.table, proc.name, lambda text: self.rename(proc.id, text))
        editor.setGeometry(0, y, max(240, header.width()), max(24, header.sectionSize(row)))
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor = editor
        return editor

    def rename(self, process_id: str, name: str) -> bool:
        name = name.strip()
        self.table.setFocus()
        row = self.model.row_of(process_id)
        if row < 0 or not name or self.model.processes[row].name == name:
            return False
        return self.presenter.apply(
            lambda: rename_process(self.presenter.controller.doc, process_id, name))

    def move_current(self, step: int) -> bool:
        pid = self._current_process
        row = self.model.row_of(pid) if pid else -1
        if pid is None or row < 0:
            return False
        target = row + step
        if not 0 <= target < self.model.rowCount():
            return False
        done = self.presenter.apply(
            lambda: move_process(self.presenter.controller.doc, pid, target))
        self.select_process(pid)
        return done

    def remove_current(self) -> bool:
        pid = self._current_process
        row = self.model.row_of(pid) if pid else -1
        if pid is None or row < 0:
            return False
        if not self.presenter.apply(
                lambda: remove_process(self.presenter.controller.doc, pid)):
            return False
        rows = self.model.rowCount()
        self.select_process(self.model.processes[min(row, rows - 1)].id if rows else None)
        return True

    # -- CSV ---------------------------------------------------------------------------
    def export_csv(self, path: Path) -> None:
        """Write the chart as CSV; the columns follow the dock's choice."""
        from orgdesigner.io.raci_csv import export_raci_csv

        export_raci_csv(self.presenter.controller.doc, path,
                        columns=self.model.mode.value)

    def import_csv(self, path: Path) -> bool:
        """Replace the chart with a CSV file's, as one undo step; raises
        OrgDesignerError (nothing changed) on any problem."""
        from orgdesigner.io.raci_csv import import_raci_csv

        edit = import_raci_csv(path, self.presenter.controller.doc)
        return self.presenter.apply(lambda: edit)

    def ask_export_csv(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export responsibility chart",
                                              "responsibilities.csv", "CSV files (*.csv)")
        if name:
            try:
                self.export_csv(Path(name))
            except OrgDesignerError as err:
                QMessageBox.warning(self, "Export responsibility chart", str(err))
                return
            self.presenter.message.emit(f"Responsibility chart written to {name}")

    def ask_import_csv(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import responsibility chart", "",
                                              "CSV files (*.csv);;All files (*)")
        if name:
            try:
                self.import_csv(Path(name))
            except OrgDesignerError as err:
                QMessageBox.warning(self, "Import responsibility chart", str(err))


class ProcessesOfPosition(QLabel):
    """The inspector's "Responsibilities" line: the letters the selected box holds, and
    those its unit holds."""

    def __init__(self, presenter: ChartPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        presenter.scene.selection_changed.connect(lambda _pid: self.reload())
        presenter.relaid_out.connect(self.reload)
        self.reload()

    def lines(self, position_id: str | None) -> list[str]:
        """"A — Resolve a customer problem" for each process the position (or its unit)
        holds a letter in."""
        scenario = self.presenter.scenario
        position = self.presenter.graph.positions.get(position_id) if position_id else None
        if position is None:
            return []
        out = []
        for proc in scenario.processes:
            role = proc.assignments.get(position.id)
            if role is not None:
                out.append(f"{role.value} — {proc.name} ({_ROLE_WORDS[role]})")
            elif position.unit_id and (unit_role := proc.assignments.get(position.unit_id)):
                out.append(f"{unit_role.value} — {proc.name} (through the unit)")
        return out

    def reload(self) -> None:
        pid = self.presenter.selected_id
        if pid is None:
            self.setText("")
            return
        found = self.lines(pid)
        self.setText("Responsibilities:\n" + "\n".join(found) if found
                     else "Responsibilities: none in the RACI chart.")
