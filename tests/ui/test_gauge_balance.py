"""The balance gauge of the inverted view: live with drags between divisions, and column
reordering by dragging headers (real mouse events, real layout)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from test_canvas_editing import drag
from uikit import small_doc

from orgdesigner.model.document import Orientation
from orgdesigner.ui.balance_gauge import gauge_text, header_rect, move_across_divisions, reordered


def inverted_window(qtbot):
    from orgdesigner.ui.main_window import MainWindow

    window = MainWindow(small_doc(), with_files=False)
    qtbot.addWidget(window)
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    window.flip.enabled = False
    window.set_orientation(Orientation.INVERTED)
    window.chart_view.set_zoom(1.0)
    window.chart_view.centerOn(window.presenter.scene.chart_rect().center())
    return window


def test_gauge_shows_only_in_the_inverted_view_and_names_the_heavy_side(qtbot):
    from orgdesigner.ui.main_window import MainWindow

    window = MainWindow(small_doc(), with_files=False)
    qtbot.addWidget(window)
    window.show()
    gauge = window.balance_tools.gauge
    assert not gauge.isVisible()
    window.flip.enabled = False
    window.set_orientation(Orientation.INVERTED)
    assert gauge.isVisible()
    # Sales 3 people on the left arm, Finance 2 on the right: leans left, within tolerance.
    assert gauge.text.startswith("Stands, leaning left toward Sales")
    assert gauge.lean_degrees() < 0
    window.set_orientation(Orientation.CLASSIC)
    assert not gauge.isVisible()


def test_dragging_people_to_another_division_moves_the_gauge_and_tilts_the_pyramid(
        qtbot, point_of):
    w = inverted_window(qtbot)
    view, scene, gauge = w.chart_view, w.presenter.scene, w.balance_tools.gauge
    before = scene.geometry.balance.normalised_torque
    assert scene.geometry.pyramid.tilt_degrees == 0.0
    drag(qtbot, view, point_of(view, "a1"), point_of(view, "b"))
    scenario = w.presenter.scenario
    assert scenario.manager_of("a1") == "b"
    assert scenario.position("a1").unit_id == "u2"  # joined the new manager's division
    after = scene.geometry.balance.normalised_torque
    assert after > before
    assert gauge.text.startswith("Stands, leaning right toward Finance")
    assert gauge.lean_degrees() > 0
    # A second person over: Finance 4 against 1, past the tolerance: it tips.
    drag(qtbot, view, point_of(view, "a2"), point_of(view, "b"))
    balance = scene.geometry.balance
    assert balance.tips and balance.heavy_division == "u2"
    assert scene.geometry.pyramid.tilt_degrees > 0
    assert gauge.text.startswith("Tips right: Finance is too heavy")
    # Each drop is one undo step, manager and unit together.
    w.controller.undo_stack.undo()
    assert w.presenter.scenario.position("a2").unit_id == "u1"
    assert w.presenter.scenario.manager_of("a2") == "a"
    assert gauge.text.startswith("Stands, leaning right toward Finance")


def test_dragging_a_column_header_reorders_the_divisions_and_changes_the_torque(qtbot):
    w = inverted_window(qtbot)
    view, scene = w.chart_view, w.presenter.scene
    geometry = scene.geometry
    assert [c.unit_id for c in geometry.columns] == ["u1", "u2"]
    torque = geometry.balance.torque
    sales, finance = geometry.columns
    start = view.mapFromScene(header_rect(geometry, sales).center())
    end = view.mapFromScene(finance.rect.cx, header_rect(geometry, finance).center().y())
    drag(qtbot, view, start, end)
    assert w.presenter.scenario.view.division_order == ("u2", "u1")
    assert [c.unit_id for c in scene.geometry.columns] == ["u2", "u1"]
    assert scene.geometry.balance.torque == -torque
    assert w.balance_tools.gauge.text.startswith("Stands, leaning right toward Sales")
    # The keyboard way: select someone in Sales, Ctrl+Shift+Left moves its column back.
    w.presenter.select("a1")
    view.setFocus()
    w.activateWindow()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Left,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.presenter.scenario.view.division_order == ("u1", "u2")


def test_a_click_on_a_header_without_moving_changes_nothing(qtbot):
    w = inverted_window(qtbot)
    view = w.chart_view
    geometry = view.chart_scene.geometry
    point = view.mapFromScene(header_rect(geometry, geometry.columns[0]).center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point))
    assert w.controller.undo_stack.count() == 1  # only the switch to the inverted view


def test_move_across_divisions_keeps_a_plain_move_inside_a_division():
    doc = small_doc()
    edit = move_across_divisions(doc, "a1", "a2")
    edit.apply(doc)
    assert doc.scenario().manager_of("a1") == "a2"
    assert doc.scenario().position("a1").unit_id == "u1"
    # A person with no unit of their own follows the manager's division anyway: no unit.
    doc.scenario().positions[2] = doc.scenario().positions[2].model_copy(
        update={"unit_id": None})
    move_across_divisions(doc, "a1", "b").apply(doc)
    assert doc.scenario().position("a1").unit_id is None
    assert reordered(["x", "y", "z"], "x", 2) == ["y", "z", "x"]
    assert reordered(["x", "y", "z"], "z", -4) == ["z", "x", "y"]


def test_gauge_text_when_balanced():
    from orgdesigner.layout.geometry import BalanceFigures

    none = BalanceFigures(torque=0.0, normalised_torque=0.0, tolerance=0.15, tips=False,
                          heavy_division=None)
    assert gauge_text(none, {}).startswith("No divisions yet")
    rows = [{"id": "x", "name": "X", "headcount": 2, "arm": -0.5},
            {"id": "y", "name": "Y", "headcount": 2, "arm": 0.5}]
    even = BalanceFigures(torque=0.0, normalised_torque=0.0, tolerance=0.15, tips=False,
                          heavy_division=None, divisions=rows)
    assert gauge_text(even, {}) == "Balanced: the pyramid stands on its point"
