"""Spotlight a unit or a division: the rest of the chart dims (checked on painted pixels)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from orgdesigner.model.document import Unit
from orgdesigner.model.edits import add_unit, change_position, remove_position
from orgdesigner.ui.spotlight import SpotlightKind, lit_positions


def brightness(window, point_of, pid: str) -> int:
    view = window.chart_view
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    p = point_of(view, pid) + QPoint(0, 14)  # inside the card, below the text
    colour = image.pixelColor(p)
    return colour.red() + colour.green() + colour.blue()


def test_ctrl_l_spotlights_the_unit_and_dims_the_rest(qtbot, chart_window, point_of):
    w = chart_window
    view = w.chart_view
    lit_before = brightness(w, point_of, "a1")
    dim_before = brightness(w, point_of, "b1")
    w.presenter.select("a1")
    qtbot.keyClick(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert w.spotlight.active and w.spotlight.target == "u1"
    assert w.spotlight.item.lit == {"a", "a1", "a2"}
    assert brightness(w, point_of, "a1") == lit_before  # the spotlit box as it was
    assert brightness(w, point_of, "b1") < dim_before - 60  # the rest dimmed
    assert w.spotlight.off_action.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    assert not w.spotlight.active and not w.spotlight.item.isVisible()
    assert brightness(w, point_of, "b1") == dim_before


def test_division_spotlight_follows_edits_and_goes_off_when_empty(qtbot, chart_window):
    w = chart_window
    w.presenter.select("b1")
    assert w.spotlight.spotlight_selected(SpotlightKind.DIVISION)
    assert w.spotlight.item.lit == {"b", "b1"}
    doc = w.controller.doc
    w.controller.apply(change_position(doc, "a2", unit_id="u2"))  # joins Finance
    assert w.spotlight.item.lit == {"b", "b1", "a2"}
    w.presenter.select("ceo")
    assert not w.spotlight.spotlight_selected(SpotlightKind.DIVISION)  # in no division
    assert w.spotlight.target == "u2"  # the spotlight stays where it was
    w.controller.apply(remove_position(doc, "b1"))
    w.controller.apply(remove_position(doc, "b"))
    w.controller.apply(change_position(doc, "a2", unit_id="u1"))
    assert not w.spotlight.active


def test_unit_spotlight_takes_sub_units_and_box_menu_offers_it(qtbot, chart_window):
    w = chart_window
    doc = w.controller.doc
    w.controller.apply(add_unit(doc, Unit(id="u1x", name="Inside sales", parent_id="u1")))
    w.controller.apply(change_position(doc, "a2", unit_id="u1x"))
    assert lit_positions(w.presenter.scenario, SpotlightKind.UNIT, "u1") == {"a", "a1", "a2"}
    menu = w.edit_actions.context_menu("a1")
    texts = [a.text() for a in menu.actions()]
    assert w.spotlight.unit_action.text() in texts
    assert w.notes.add_action.text() in texts
