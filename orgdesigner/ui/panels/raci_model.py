"""The table model of the responsibility (RACI) dock: processes as rows, parties as columns.

Parties are positions or units (``ColumnMode``). In position mode the columns are the
positions that hold a letter in some process (in order of first appearance, as the PDF
appendix prints them), plus the box selected on the chart (so a
letter can be given to someone new) — never all 100,000 positions of a big chart. In unit
mode every unit is a column. The model reads the scenario and the accountability findings
and keeps no copy of its own: it is refreshed after every change of the document.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from orgdesigner.checks.finding import Family, Finding, describe
from orgdesigner.checks.report import run_checks
from orgdesigner.model.document import Process, RaciRole, Scenario
from orgdesigner.ui.canvas.presenter import ChartPresenter

__all__ = ["ColumnMode", "RaciTableModel", "LETTER_CYCLE", "ROLE_COLOURS", "next_role",
           "PROBLEM_CODES"]

Index = QModelIndex | QPersistentModelIndex

#: A click moves a cell on through this cycle (None = empty).
LETTER_CYCLE: tuple[RaciRole | None, ...] = (None, RaciRole.RESPONSIBLE,
                                              RaciRole.ACCOUNTABLE, RaciRole.CONSULTED,
                                              RaciRole.INFORMED)

#: Cell fill and ink for each letter (the canvas badges use the same fills).
ROLE_COLOURS: dict[RaciRole, tuple[str, str]] = {
    RaciRole.ACCOUNTABLE: ("#1f4e79", "#ffffff"),
    RaciRole.RESPONSIBLE: ("#4e79a7", "#ffffff"),
    RaciRole.CONSULTED: ("#f2c14e", "#1f2933"),
    RaciRole.INFORMED: ("#d9dee4", "#1f2933"),
}
#: Findings that mark a row of the matrix.
PROBLEM_CODES = ("RACI_NO_ACCOUNTABLE", "RACI_SEVERAL_ACCOUNTABLE", "RACI_NO_RESPONSIBLE")
ROW_PROBLEM = QColor("#fdecea")
DOUBLE_A = QColor("#d64545")
PROBLEM_INK = QColor("#b3261e")


def next_role(role: RaciRole | None) -> RaciRole | None:
    """The letter a click gives a cell that holds ``role``."""
    return LETTER_CYCLE[(LETTER_CYCLE.index(role) + 1) % len(LETTER_CYCLE)]


class ColumnMode(enum.Enum):
    POSITIONS = "positions"
    UNITS = "units"


class RaciTableModel(QAbstractTableModel):
    """Rows: the scenario's processes in order. Columns: parties (see the module doc)."""

    def __init__(self, presenter: ChartPresenter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.mode = ColumnMode.POSITIONS
        self.processes: list[Process] = []
        self.parties: list[str] = []
        self._names: dict[str, str] = {}
        self._tips: dict[str, str] = {}
        self.findings: dict[str, list[Finding]] = {}
        self.refresh()

    # -- reading the document ----------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self.presenter.scenario

    def _columns(self, scenario: Scenario) -> list[str]:
        if self.mode is ColumnMode.UNITS:
            return [u.id for u in scenario.units]
        positions = self.presenter.graph.positions
        held: dict[str, None] = {}  # in order of first appearance, as the PDF prints them
        for proc in scenario.processes:
            for pid in proc.assignments:
                if pid in positions:
                    held.setdefault(pid, None)
        selected = self.presenter.selected_id
        if selected is not None and selected in positions:
            held.setdefault(selected, None)
        return list(held)

    def refresh(self) -> None:
        """Read the scenario again; keeps rows and columns (and so the view's current
        cell) when only letters or names changed."""
        scenario = self.scenario
        processes = list(scenario.processes)
        parties = self._columns(scenario)
        positions = self.presenter.graph.positions
        units = self.presenter.graph.units
        self._names, self._tips = {}, {}
        for pid in parties:
            if pid in positions:
                p = positions[pid]
                self._names[pid] = p.holder.strip() or f"Vacant {p.title}".strip()
                self._tips[pid] = describe(p)
            elif pid in units:
                self._names[pid] = self._tips[pid] = units[pid].name or pid
        report = run_checks(scenario, self.presenter.controller.doc.check_profile,
                            graph=self.presenter.graph, families={Family.ACCOUNTABILITY})
        findings: dict[str, list[Finding]] = {}
        for f in report.findings:
            if f.code in PROBLEM_CODES and f.ids:
                findings.setdefault(f.ids[0], []).append(f)
        self.findings = findings
        same_shape = ([p.id for p in processes] == [p.id for p in self.processes]
                      and parties == self.parties)
        if same_shape:
            self.processes = processes
            if processes and parties:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(processes) - 1, len(parties) - 1))
            if processes:
                self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(processes) - 1)
            if parties:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(parties) - 1)
            return
        self.beginResetModel()
        self.processes = processes
        self.parties = parties
        self.endResetModel()

    def set_mode(self, mode: ColumnMode) -> None:
        if mode is not self.mode:
            self.mode = mode
            self.refresh()

    # -- lookups -----------------------------------------------------------------------
    def process_at(self, row: int) -> Process | None:
        return self.processes[row] if 0 <= row < len(self.processes) else None

    def party_at(self, column: int) -> str | None:
        return self.parties[column] if 0 <= column < len(self.parties) else None

    def role_at(self, row: int, column: int) -> RaciRole | None:
        proc, party = self.process_at(row), self.party_at(column)
        if proc is None or party is None:
            return None
        return proc.assignments.get(party)

    def row_of(self, process_id: str) -> int:
        for i, p in enumerate(self.processes):
            if p.id == process_id:
                return i
        return -1

    def column_of(self, party_id: str) -> int:
        try:
            return self.parties.index(party_id)
        except ValueError:
            return -1

    def problems(self, row: int) -> list[Finding]:
        proc = self.process_at(row)
        return self.findings.get(proc.id, []) if proc else []

    def party_name(self, party_id: str) -> str:
        return self._tips.get(party_id, party_id)

    # -- Qt model ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.processes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.parties)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        letter = self.role_at(index.row(), index.column())
        problems = self.problems(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return letter.value if letter else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            if letter is RaciRole.ACCOUNTABLE and any(
                    f.code == "RACI_SEVERAL_ACCOUNTABLE" for f in problems):
                return QBrush(DOUBLE_A)
            if letter is not None:
                return QBrush(QColor(ROLE_COLOURS[letter][0]))
            return QBrush(ROW_PROBLEM) if problems else None
        if role == Qt.ItemDataRole.ForegroundRole and letter is not None:
            return QBrush(QColor(ROLE_COLOURS[letter][1]))
        if role == Qt.ItemDataRole.FontRole and letter is not None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            proc = self.processes[index.row()]
            party = self.party_name(self.parties[index.column()])
            what = {None: "no letter", RaciRole.RESPONSIBLE: "Responsible",
                    RaciRole.ACCOUNTABLE: "Accountable", RaciRole.CONSULTED: "Consulted",
                    RaciRole.INFORMED: "Informed"}[letter]
            lines = [f"{party}: {what} for {proc.name!r}",
                     "Click to cycle R → A → C → I → empty; type R, A, C or I; "
                     "Delete clears."]
            lines += [f"⚠ {f.message}" for f in problems]
            return "\n".join(lines)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical:
            proc = self.process_at(section)
            if proc is None:
                return None
            problems = self.problems(section)
            if role == Qt.ItemDataRole.DisplayRole:
                return f"⚠ {proc.name}" if problems else proc.name
            if role == Qt.ItemDataRole.ForegroundRole and problems:
                return QBrush(PROBLEM_INK)
            if role == Qt.ItemDataRole.ToolTipRole:
                if not problems:
                    return f"{proc.name}: one Accountable, at least one Responsible."
                return "\n".join(f"{f.message} {f.suggestion}".strip() for f in problems)
            return None
        party = self.party_at(section)
        if party is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._names.get(party, party)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.party_name(party)
        if role == Qt.ItemDataRole.FontRole and party == self.presenter.selected_id:
            font = QFont()
            font.setItalic(True)
            return font
        return None
