"""The metrics dock: figures, charts and roll-ups follow the edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from orgdesigner.metrics.summary import org_stats
from orgdesigner.model.document import Position
from orgdesigner.model.edits import Relation, add_position, move_to_unit
from orgdesigner.ui.analysis import AnalysisFeatures
from orgdesigner.ui.charts import BarChart


@pytest.fixture
def metrics(qtbot, chart_window):
    w = chart_window
    features = getattr(w, "analysis", None) or AnalysisFeatures(w)
    features.metrics_dock.show()
    features.metrics_dock.raise_()
    panel = features.metrics
    qtbot.waitUntil(lambda: panel.stats is not None and not panel.job.busy)
    return w, panel


def _table(panel):
    t = panel.units
    return {t.item(r, 0).text(): [t.item(r, c).text() for c in range(1, t.columnCount())]
            for r in range(t.rowCount())}


def test_figures_charts_and_rollups(metrics):
    w, panel = metrics
    assert panel.figures["Headcount"].text() == "6"
    assert panel.figures["Layers"].text() == "3"
    assert panel.figures["Managers"].text() == "3"
    # spans: ceo 2, Bob 2, Eve 1 -> one manager with 1 report, two with 2
    assert [(lbl, v) for lbl, v, _ in panel.span_chart.bars] == [("1", 1.0), ("2", 2.0)]
    assert [(lbl, v) for lbl, v, _ in panel.layer_chart.bars] == [
        ("1", 1.0), ("2", 2.0), ("3", 3.0)]
    divisions = {lbl: v for lbl, v, _ in panel.division_chart.bars}
    assert divisions["Sales"] == 3.0 and divisions["Finance"] == 2.0
    assert _table(panel)["Sales"][0] == "3" and _table(panel)["Finance"][0] == "2"
    stats = org_stats(w.controller.scenario)
    assert stats.structure.type.value.capitalize() in panel.structure.text()


def test_metrics_follow_an_edit(qtbot, metrics):
    w, panel = metrics
    doc = w.controller.doc
    before = panel.stats
    w.controller.apply(add_position(doc, Position(id="b2", holder="Hal", title="Clerk",
                                                  unit_id="u2"),
                                    anchor_id="b", relation=Relation.REPORT))
    w.controller.apply(move_to_unit(doc, "a2", "u2"))
    qtbot.waitUntil(lambda: panel.stats is not before and not panel.job.busy, timeout=5000)
    divisions = {lbl: v for lbl, v, _ in panel.division_chart.bars}
    assert panel.figures["Headcount"].text() == "7"
    assert _table(panel)["Finance"][0] == "4"
    assert [(lbl, v) for lbl, v, _ in panel.span_chart.bars] == [("2", 3.0)]
    assert divisions["Sales"] + divisions["Finance"] == 6.0


def test_unit_table_sorts_by_number(metrics):
    _, panel = metrics
    panel.units.sortItems(1, Qt.SortOrder.DescendingOrder)
    values = [int(panel.units.item(r, 1).text()) for r in range(panel.units.rowCount())]
    assert values == sorted(values, reverse=True)


def test_bar_chart_paints_bars_in_proportion(qtbot):
    chart = BarChart("test")
    qtbot.addWidget(chart)
    chart.resize(300, 160)
    chart.set_bars([("a", 1.0, None), ("b", 4.0, None), ("c", 2.0, None)])
    chart.show()
    qtbot.waitExposed(chart)
    rects = chart.bar_rects()
    assert rects[1].height() == pytest.approx(4 * rects[0].height())
    assert rects[2].height() == pytest.approx(2 * rects[0].height())
    assert rects[0].bottom() == pytest.approx(rects[1].bottom())
    image = chart.grab().toImage()
    centre = rects[1].center().toPoint()
    assert image.pixelColor(centre) == chart.colour
