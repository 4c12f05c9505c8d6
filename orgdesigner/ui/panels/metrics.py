"""The metrics dock: spans-and-layers figures, a span histogram and headcount per division
as small charts, roll-ups per unit, and the structure type with its evidence.

Like the checks, the figures are computed on a worker thread from a snapshot after the
edits stop for a moment (``org_stats`` takes about 0.4 s at 20,000 positions here).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.checks.session import CheckSession
from orgdesigner.metrics.rollup import OUTSIDE
from orgdesigner.metrics.summary import OrgStats
from orgdesigner.model.document import Scenario
from orgdesigner.ui.background import DebouncedJob, scenario_snapshot
from orgdesigner.ui.canvas.presenter import ChartPresenter
from orgdesigner.ui.charts import Bar, BarChart

__all__ = ["MetricsPanel", "ROLLUP_COLUMNS"]

#: The bar of the positions outside every division (as in the colour legend).
OUTSIDE_COLOUR = "#bab0ac"
ROLLUP_COLUMNS = ("Unit", "Headcount", "FTE", "Cost", "Vacancies", "Customer-facing")


def _number(value: float | int | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{digits}f}"


class _NumberItem(QTableWidgetItem):
    """A table cell that sorts by its number, not its text."""

    def __init__(self, value: float, text: str) -> None:
        super().__init__(text)
        self.value = value
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, _NumberItem):
            return self.value < other.value
        return super().__lt__(other)


def _stats_of(session: CheckSession) -> Callable[[Scenario], OrgStats]:
    """The worker's job: the metrics of the snapshot, reusing what the last edit left alone
    (the job runs one at a time, so one session serves every run)."""

    def stats(scenario: Scenario) -> OrgStats:
        return session.stats(scenario)

    return stats


class MetricsPanel(QWidget):
    """Figures of the active scenario, kept up to date."""

    def __init__(self, presenter: ChartPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.stats: OrgStats | None = None
        self.setMinimumWidth(320)  # room for a sentence per line
        body = QWidget(self)
        self.figures: dict[str, QLabel] = {}
        form = QFormLayout()
        for key in ("Positions", "Headcount", "Vacancies", "Managers", "Average span",
                    "Median span", "Layers", "Customer-facing"):
            label = QLabel("–", body)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.figures[key] = label
            form.addRow(key, label)
        self.span_chart = BarChart("Managers by span (direct reports)", "#4e79a7", body)
        self.layer_chart = BarChart("Positions per layer", "#76b7b2", body)
        self.division_chart = BarChart("Headcount per division", "#f28e2b", body)
        self.structure = QLabel("", body)
        self.structure.setWordWrap(True)
        self.structure.setTextFormat(Qt.TextFormat.RichText)
        self.units = QTableWidget(0, len(ROLLUP_COLUMNS), body)
        self.units.setHorizontalHeaderLabels(list(ROLLUP_COLUMNS))
        self.units.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.units.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.units.verticalHeader().hide()
        self.units.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.units.setMinimumHeight(180)
        self.units.setSortingEnabled(True)
        column = QVBoxLayout(body)
        column.addLayout(form)
        for chart in (self.span_chart, self.layer_chart, self.division_chart):
            column.addWidget(chart)
        heading = QLabel("<b>Structure type</b>", body)
        column.addWidget(heading)
        column.addWidget(self.structure)
        column.addWidget(QLabel("<b>Roll-ups per unit</b>", body))
        column.addWidget(self.units, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.job = DebouncedJob(lambda: scenario_snapshot(presenter.scenario),
                                _stats_of(CheckSession()), parent=self)
        self.job.finished.connect(self.show_stats)
        self.job.failed.connect(lambda text: self.structure.setText(f"Metrics failed: {text}"))
        presenter.controller.changed.connect(self.job.schedule)
        presenter.controller.replaced.connect(self.job.run_now)
        self.job.run_now()

    def show_stats(self, stats: OrgStats) -> None:
        self.stats = stats
        sl, org = stats.spans_layers, stats.organisation
        share = org.customer_facing_share
        values = {
            "Positions": _number(sl.positions), "Headcount": _number(org.headcount),
            "Vacancies": _number(org.vacancies), "Managers": _number(sl.managers),
            "Average span": _number(sl.average_span), "Median span": _number(sl.median_span),
            "Layers": _number(sl.layer_count),
            "Customer-facing": (f"{org.customer_facing:,} ({share:.0%})" if share is not None
                                else _number(org.customer_facing)),
        }
        for key, text in values.items():
            self.figures[key].setText(text)
        self.span_chart.set_bars([(str(span), float(n), None)
                                  for span, n in sl.span_distribution.items()])
        self.layer_chart.set_bars([(str(i), float(n), None)
                                   for i, n in enumerate(sl.positions_per_layer, start=1)])
        colours = {u.id: u.color for u in self.presenter.scenario.units}
        division_bars: list[Bar] = []
        for d in stats.divisions:
            colour = colours.get(d.id) or (OUTSIDE_COLOUR if d.id == OUTSIDE else None)
            division_bars.append((d.name, float(d.headcount),
                                  QColor(colour) if colour else None))
        self.division_chart.set_bars(division_bars)
        s = stats.structure
        evidence = "".join(f"<li>{_escape(e)}</li>" for e in s.evidence)
        parts = [f"<b>{s.type.value.capitalize()}</b>"]
        if evidence:
            parts.append(f"<ul style='margin-left:-20px'>{evidence}</ul>")
        if s.benefits:
            parts.append(f"<i>Benefits:</i> {_escape(s.benefits)}<br>")
        if s.challenges:
            parts.append(f"<i>Challenges:</i> {_escape(s.challenges)}")
        self.structure.setText("".join(parts))
        self._fill_units(stats)

    def _fill_units(self, stats: OrgStats) -> None:
        table = self.units
        table.setSortingEnabled(False)
        table.setRowCount(len(stats.units))
        for row, u in enumerate(stats.units):
            table.setItem(row, 0, QTableWidgetItem(u.name))
            cells = [(u.headcount, _number(u.headcount)), (u.fte, _number(u.fte)),
                     (u.cost, _number(u.cost, 0)), (u.vacancies, _number(u.vacancies)),
                     (u.customer_facing, _number(u.customer_facing))]
            for col, (value, text) in enumerate(cells, start=1):
                table.setItem(row, col, _NumberItem(float(value), text))
        table.setSortingEnabled(True)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
