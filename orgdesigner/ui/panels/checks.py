"""The checks dock: the checker's findings grouped by severity, kept up to date.

After every change the checks run again on a worker thread (``DebouncedJob``: 300 ms after
the last edit, on a snapshot), so typing never waits for them. Picking a finding selects
its positions and frames them on the canvas; every box with a finding carries a badge.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.checks.finding import Finding, Severity
from orgdesigner.checks.report import CheckReport
from orgdesigner.checks.session import CheckSession
from orgdesigner.model.document import Scenario
from orgdesigner.model.edits import SetProfile
from orgdesigner.model.profile import CheckProfile
from orgdesigner.ui.background import DebouncedJob, document_snapshot
from orgdesigner.ui.badges import SEVERITY_COLOURS, FindingBadges, HighlightItem, worst_severity
from orgdesigner.ui.canvas.presenter import ChartPresenter

__all__ = ["ChecksPanel", "positions_of", "SEVERITY_TITLES"]

SEVERITY_TITLES = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings",
                   Severity.INFO: "Information"}
IDS_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2


def positions_of(finding: Finding, scenario: Scenario) -> list[str]:
    """The positions a finding concerns: its position ids, or the members of the units
    it names when it names no position."""
    ids = set(finding.ids)
    positions = [p.id for p in scenario.positions if p.id in ids]
    if positions:
        return positions
    return [p.id for p in scenario.positions if p.unit_id is not None and p.unit_id in ids]


def _checker(session: CheckSession) -> Callable[[tuple[Scenario, CheckProfile]], CheckReport]:
    """The worker's job: re-check the snapshot, reusing what the last edit left alone (the
    job runs one at a time, so one session serves every run)."""

    def check(argument: tuple[Scenario, CheckProfile]) -> CheckReport:
        scenario, profile = argument
        return session.check(scenario, profile)

    return check


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped message at the column's width."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        depth = 1 if index.parent().isValid() else 0
        width = self.tree.viewport().width() - self.tree.indentation() * (depth + 1) - 8
        text = str(index.data() or "")
        rect = QFontMetrics(option.font).boundingRect(
            QRect(0, 0, max(60, width), 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(size.width(), max(size.height(), rect.height() + 6))


class ChecksPanel(QWidget):
    """Findings by severity; ``frame(rect)`` is called to show picked positions."""

    #: A new report is shown (and the badges updated).
    report_shown = Signal()

    def __init__(self, presenter: ChartPresenter, frame: Callable[[QRectF], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self._frame = frame
        self.report: CheckReport | None = None
        self.setMinimumWidth(320)  # room for a sentence per line
        self.summary = QLabel("Checking…", self)
        self.summary.setWordWrap(True)
        self.profile_button = QPushButton("Check &profile…", self)
        self.profile_button.setToolTip("Edit the thresholds the checks use (one undo step)")
        self.profile_button.clicked.connect(self.edit_profile)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(["Finding"])
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderHidden(True)
        self.tree.header().setStretchLastSection(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.header().sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        self.tree.clicked.connect(self.show_finding)
        self.tree.activated.connect(self.show_finding)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.profile_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self.badges = FindingBadges(presenter.scene)
        self.highlight = HighlightItem(presenter.scene)
        presenter.scene.selection_changed.connect(self._on_selection)
        self.job = DebouncedJob(lambda: document_snapshot(presenter.controller.doc),
                                _checker(CheckSession()), parent=self)
        self.job.finished.connect(self.show_report)
        self.job.failed.connect(lambda text: self.summary.setText(f"Checks failed: {text}"))
        self.job.busy_changed.connect(self._on_busy)
        presenter.controller.changed.connect(self.job.schedule)
        presenter.controller.replaced.connect(self.job.run_now)
        self.job.run_now()

    # -- results -----------------------------------------------------------------------
    def _on_busy(self, busy: bool) -> None:
        if busy and self.report is None:
            self.summary.setText("Checking…")

    def show_report(self, report: CheckReport) -> None:
        """Fill the tree (expansion of the severity groups kept) and the badges."""
        expanded = {s for s, row in self._group_rows().items()
                    if self.tree.isExpanded(self.model.index(row, 0))}
        first = self.report is None
        self.report = report
        self.model.removeRows(0, self.model.rowCount())
        groups: dict[Severity, list[Finding]] = {s: [] for s in Severity}
        for finding in report.findings:
            groups[finding.severity].append(finding)
        for severity, findings in groups.items():
            if not findings:
                continue
            head = QStandardItem(f"{SEVERITY_TITLES[severity]} ({len(findings):,})")
            head.setData(severity.value, Qt.ItemDataRole.UserRole)
            head.setForeground(SEVERITY_COLOURS[severity])
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            for finding in findings:
                item = QStandardItem(finding.message)
                item.setData(finding.ids, IDS_ROLE)
                item.setData(finding.code, CODE_ROLE)
                tip = f"{finding.code} ({finding.family.value})"
                item.setToolTip(f"{tip}\n{finding.suggestion}" if finding.suggestion else tip)
                head.appendRow(item)
            self.model.appendRow(head)
            if first or severity in expanded or severity is Severity.ERROR:
                self.tree.setExpanded(head.index(), True)
        counts = report.counts
        if report.findings:
            parts = [f"{counts.get(s, 0):,} {SEVERITY_TITLES[s].lower()}" for s in Severity
                     if counts.get(s)]
            text = ", ".join(parts)
        else:
            text = "No findings"
        self.summary.setText(f"{text} · profile “{report.profile}”")
        marks: dict[str, list[Severity]] = {}
        known = self.presenter.scene.index.by_id
        for finding in report.findings:
            for i in finding.ids:
                if i in known:
                    marks.setdefault(i, []).append(finding.severity)
        self.badges.set_badges({i: worst_severity(s) for i, s in marks.items()})
        self.report_shown.emit()

    def _group_rows(self) -> dict[Severity, int]:
        rows = {}
        for row in range(self.model.rowCount()):
            value = self.model.item(row, 0).data(Qt.ItemDataRole.UserRole)
            if value:
                rows[Severity(value)] = row
        return rows

    def finding_at(self, index: QModelIndex) -> Finding | None:
        if self.report is None or not index.isValid() or not index.parent().isValid():
            return None
        head = self.model.itemFromIndex(index.parent())
        severity = Severity(head.data(Qt.ItemDataRole.UserRole))
        findings = [f for f in self.report.findings if f.severity is severity]
        return findings[index.row()] if index.row() < len(findings) else None

    # -- picking -----------------------------------------------------------------------
    def show_finding(self, index: QModelIndex) -> None:
        """Select the finding's positions (the first becomes the canvas selection, all
        are outlined) and frame them."""
        finding = self.finding_at(index)
        if finding is None:
            return
        ids = positions_of(finding, self.presenter.scenario)
        self.highlight.set_ids(ids)
        if not ids:
            self.presenter.message.emit(f"{finding.code}: no position to show")
            return
        drawn = [i for i in ids if self.presenter.scene.box(i) is not None]
        self.presenter.select(drawn[0] if drawn else ids[0])
        rect = self.highlight.rect_of(ids)
        if not rect.isEmpty():
            self._frame(rect)
        elif not drawn:
            self.presenter.message.emit("The positions are inside a collapsed branch")

    def _on_selection(self, position_id: str | None) -> None:
        """Another box was picked: the outline of the last finding goes."""
        if position_id not in self.highlight.ids:
            self.highlight.set_ids([])

    @property
    def highlighted(self) -> list[str]:
        return list(self.highlight.ids)

    # -- profile -----------------------------------------------------------------------
    def edit_profile(self) -> None:
        from orgdesigner.ui.dialogs.profile import ProfileDialog

        doc = self.presenter.controller.doc
        dialog = ProfileDialog(doc.check_profile, self)
        if dialog.exec() and dialog.profile != doc.check_profile:
            profile = dialog.profile
            self.presenter.apply(lambda: SetProfile(profile))
