"""Import preview: what a CSV file holds and how it will be read, before anything is imported.

Shows the detected encoding, delimiter and header row, one combo box per field (which column
holds it, or "not imported"), the first rows, and every problem a real import would report,
each with its row. Changing a combo box reads the file again with that mapping. The Import
button stays disabled while there is any problem: nothing is half-imported.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.errors import ImportProblems, OrgDesignerError
from orgdesigner.io.csv import CsvPreview, detect_columns, import_csv
from orgdesigner.io.csv_format import FIELDS, ColumnMapping, ManagerRef
from orgdesigner.model.document import OrgDocument

__all__ = ["FIELD_LABELS", "ImportPreviewDialog", "NOT_IMPORTED"]

#: The combo box entry for "this field is not in the file".
NOT_IMPORTED = "(not imported)"

FIELD_LABELS: dict[str, str] = {
    "id": "ID", "name": "Name", "first_name": "First name", "last_name": "Last name",
    "title": "Title", "manager": "Manager", "unit": "Department / unit", "fte": "FTE",
    "cost": "Cost", "email": "Email", "phone": "Phone", "customer_facing": "Customer facing",
    "kind": "Kind", "dotted_managers": "Dotted-line managers", "tags": "Tags",
    "notes": "Notes",
}
_MANAGER_BY = {ManagerRef.AUTO: "ID or unique name", ManagerRef.ID: "ID",
               ManagerRef.NAME: "Name"}
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


class ImportPreviewDialog(QDialog):
    """Preview and column mapping for one CSV file; ``document`` after it is accepted."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.document: OrgDocument | None = None
        self.preview: CsvPreview = detect_columns(self.path)  # LoadError: caller shows it
        self.setWindowTitle(f"Import {self.path.name}")
        self.resize(860, 720)

        self.detected_label = QLabel(self)
        self.detected_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.combos: dict[str, QComboBox] = {}
        mapping_box = QGroupBox("Columns", self)
        grid = QGridLayout(mapping_box)
        for i, name in enumerate(FIELDS):
            combo = QComboBox(mapping_box)
            combo.setObjectName(f"column_{name}")
            self.combos[name] = combo
            label = QLabel(f"{FIELD_LABELS.get(name, name)}:", mapping_box)
            label.setBuddy(combo)
            row, col = divmod(i, 2)
            grid.addWidget(label, row, col * 2)
            grid.addWidget(combo, row, col * 2 + 1)
        self.manager_by = QComboBox(mapping_box)
        for ref, text in _MANAGER_BY.items():
            self.manager_by.addItem(text, ref)
        last = (len(FIELDS) + 1) // 2
        grid.addWidget(QLabel("Manager given by:", mapping_box), last, 0)
        grid.addWidget(self.manager_by, last, 1)

        self.sample = QTableWidget(self)
        self.sample.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems_label = QLabel(self)
        self.problems_label.setWordWrap(True)
        self.problems = QListWidget(self)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.detected_label)
        layout.addWidget(mapping_box)
        layout.addWidget(QLabel("First rows:", self))
        layout.addWidget(self.sample, 3)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 2)
        layout.addWidget(self.buttons)

        self._fill_combos()
        self._show_preview()
        for combo in self.combos.values():
            combo.currentIndexChanged.connect(self._mapping_changed)
        self.manager_by.currentIndexChanged.connect(self._mapping_changed)

    # -- mapping -----------------------------------------------------------------------
    def _fill_combos(self) -> None:
        columns = self.preview.header
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IMPORTED, "")
            for column in columns:
                combo.addItem(column, column)
            chosen = getattr(self.preview.mapping, name) or ""
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)
        self.manager_by.blockSignals(True)
        self.manager_by.setCurrentIndex(self.manager_by.findData(self.preview.mapping.manager_by))
        self.manager_by.blockSignals(False)

    def mapping(self) -> ColumnMapping:
        """The mapping as the combo boxes show it (every field explicit)."""
        chosen = {name: str(combo.currentData() or "") for name, combo in self.combos.items()}
        return ColumnMapping(**chosen, manager_by=self.manager_by.currentData())

    def set_column(self, field_name: str, column: str) -> None:
        """Choose the column for a field ("" = not imported), as a user would."""
        combo = self.combos[field_name]
        index = combo.findData(column)
        if index < 0:
            raise ValueError(f"{column!r} is not a column of {self.path.name}")
        combo.setCurrentIndex(index)

    def _mapping_changed(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.preview = detect_columns(self.path, self.mapping())
        except OrgDesignerError as err:  # the file changed or vanished meanwhile
            self.preview = _with_problems(self.preview, [str(err)])
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_preview()

    # -- showing -----------------------------------------------------------------------
    def _show_preview(self) -> None:
        p = self.preview
        delimiter = _DELIMITERS.get(p.delimiter, repr(p.delimiter))
        self.detected_label.setText(
            f"<b>{self.path.name}</b>: encoding {p.encoding}, delimiter {delimiter}, "
            f"header in row {p.header_row}, {p.row_count} data row(s)."
            + (f" Not imported: {', '.join(p.unmapped)}." if p.unmapped else ""))

        fields_of = {column: FIELD_LABELS.get(f, f) for f, column in p.mapping.columns().items()}
        self.sample.clear()
        self.sample.setColumnCount(len(p.header))
        self.sample.setRowCount(len(p.sample_rows))
        self.sample.setHorizontalHeaderLabels(
            [f"{c}\n→ {fields_of[c]}" if c in fields_of else f"{c}\n(not imported)"
             for c in p.header])
        self.sample.setVerticalHeaderLabels(
            [str(p.header_row + 1 + i) for i in range(len(p.sample_rows))])
        for r, cells in enumerate(p.sample_rows):
            for c, text in enumerate(cells[:len(p.header)]):
                self.sample.setItem(r, c, QTableWidgetItem(text))
        self.sample.resizeColumnsToContents()

        self.problems.clear()
        self.problems.addItems(p.problems)
        if p.problems:
            self.problems_label.setText(
                f"<b>{len(p.problems)} problem(s)</b>: fix the file or the column choices; "
                f"nothing is imported until there are none.")
        else:
            self.problems_label.setText(f"No problems: {p.row_count} position(s) ready.")
        self.import_button.setEnabled(not p.problems)

    # -- importing ---------------------------------------------------------------------
    def accept(self) -> None:
        """Import with the chosen mapping; stay open and list the problems if it fails."""
        if self.preview.problems:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.document = import_csv(self.path, self.mapping())
        except ImportProblems as err:
            self.preview = _with_problems(self.preview, err.problems)
            self._show_preview()
            return
        except OrgDesignerError as err:
            self.preview = _with_problems(self.preview, [str(err)])
            self._show_preview()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        super().accept()


def _with_problems(preview: CsvPreview, problems: list[str]) -> CsvPreview:
    return replace(preview, problems=problems)
