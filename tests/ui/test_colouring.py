"""Colour by unit, division, layer or finding severity, with a legend."""

from __future__ import annotations

import pytest

from orgdesigner.checks.finding import Severity
from orgdesigner.model.edits import move_to_unit
from orgdesigner.ui.analysis import AnalysisFeatures
from orgdesigner.ui.colouring import LAYER_COLOURS, ColourMode


@pytest.fixture
def colouring(qtbot, chart_window):
    w = chart_window
    features = getattr(w, "analysis", None) or AnalysisFeatures(w)
    qtbot.waitUntil(lambda: features.checks.report is not None and not features.checks.job.busy)
    return w, features.colour_by


def _pixel(w, pid):
    w.chart_view.viewport().repaint()
    image = w.chart_view.viewport().grab().toImage()
    box = w.presenter.scene.box(pid)
    # a point inside the card, left of centre, below the unit bar and clear of the text
    point = w.chart_view.mapFromScene(box.x + 6, box.y + box.h - 4)
    return image.pixelColor(point)


def _legend(colour_by):
    return [(label, count) for label, _, count in colour_by.legend.entries]


def test_colour_by_unit_fills_boxes_and_shows_legend(qtbot, colouring):
    w, colour_by = colouring
    plain = _pixel(w, "a1")
    colour_by.actions[ColourMode.UNIT].trigger()
    assert colour_by.legend.isVisible()
    assert _legend(colour_by) == [("Sales", 3), ("Finance", 2), ("No unit", 1)]
    sales = _pixel(w, "a1")
    finance = _pixel(w, "b1")
    assert sales != plain
    assert sales.blue() > sales.red()  # Sales is #4e79a7
    assert finance.red() > finance.blue()  # Finance is #e15759
    # An edit recolours: Cid moves to Finance.
    w.controller.apply(move_to_unit(w.controller.doc, "a1", "u2"))
    assert _legend(colour_by) == [("Sales", 2), ("Finance", 3), ("No unit", 1)]
    moved = _pixel(w, "a1")
    assert moved.red() > moved.blue()
    colour_by.actions[ColourMode.PLAIN].trigger()
    assert not colour_by.legend.isVisible()
    assert _pixel(w, "b1") == plain


def test_colour_by_layer_and_division(qtbot, colouring):
    w, colour_by = colouring
    colour_by.set_mode(ColourMode.LAYER)
    assert _legend(colour_by) == [("Layer 1", 1), ("Layer 2", 2), ("Layer 3", 3)]
    assert [c for _, c, _ in colour_by.legend.entries] == list(LAYER_COLOURS[:3])
    colour_by.set_mode(ColourMode.DIVISION)
    assert dict(_legend(colour_by))["Sales"] == 3


def test_colour_by_severity_follows_the_checks(qtbot, colouring):
    w, colour_by = colouring
    colour_by.set_mode(ColourMode.SEVERITY)
    member = colour_by.member
    assert member["a"] == Severity.WARNING.value  # Bob has 2 reports only
    assert member["a1"] == ""  # no finding
    counts = dict(_legend(colour_by))
    assert counts["Warning"] == 3 and counts["No finding"] == 3
    # The legend is in the canvas's bottom-left corner.
    legend = colour_by.legend
    view = w.chart_view
    assert legend.geometry().left() < 40
    assert legend.geometry().bottom() > view.height() - 40
    assert legend.parentWidget() is view


def test_legend_grows_with_its_entries_when_the_mode_changes(qtbot, colouring):
    w, colour_by = colouring
    colour_by.set_mode(ColourMode.UNIT)
    qtbot.wait(10)
    colour_by.set_mode(ColourMode.LAYER)
    legend = colour_by.legend
    assert legend.height() > 4 * 14  # heading and three layers, not a collapsed frame
    assert legend.width() > 60
