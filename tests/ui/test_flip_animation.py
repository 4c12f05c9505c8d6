"""The view switcher and the pyramid flip, with real key presses and the real layout."""

from __future__ import annotations

from PySide6.QtCore import Qt
from uikit import small_doc

from orgdesigner.layout.engine import LayoutEngine
from orgdesigner.model.document import Orientation
from orgdesigner.ui.flip import FlipState


def make_window(qtbot):
    from orgdesigner.ui.main_window import MainWindow

    window = MainWindow(small_doc(), with_files=False)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.chart_view.setFocus()
    qtbot.waitUntil(lambda: window.chart_view.hasFocus())
    return window


def test_ctrl_3_flips_and_every_box_ends_where_the_inverted_layout_puts_it(qtbot):
    w = make_window(qtbot)
    scene = w.presenter.scene
    classic = {b.id: (b.x, b.y) for b in scene.geometry.boxes}
    seen = []
    w.flip.animation.valueChanged.connect(
        lambda v: seen.append((float(v), w.flip.item.positions() if w.flip.item else None)))
    qtbot.keyClick(w.chart_view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert w.presenter.scenario.view.orientation is Orientation.INVERTED
    assert w.flip.state is FlipState.RUNNING
    assert not scene.chart.isVisible()  # the flip item paints the boxes meanwhile
    with qtbot.waitSignal(w.flip.finished, timeout=3000):
        pass
    assert w.flip.state is FlipState.IDLE and scene.chart.isVisible()
    expected = {b.id: (b.x, b.y) for b in
                LayoutEngine(w.presenter.scenario, "inverted").geometry().boxes}
    assert w.flip.last_positions == expected
    assert {b.id: (b.x, b.y) for b in scene.geometry.boxes} == expected
    # In between, boxes were on their way: neither at the start nor at the end.
    middle = [pos for t, pos in seen if 0.2 < t < 0.8 and pos]
    assert middle, "no intermediate frame"
    moving = [pid for pid in expected if classic[pid] != expected[pid]]
    assert moving
    for pid in moving:
        x, y = middle[0][pid]
        assert (x, y) != classic[pid] and (x, y) != expected[pid]
        assert min(classic[pid][1], expected[pid][1]) <= y <= max(classic[pid][1],
                                                                  expected[pid][1])


def test_flip_back_to_classic_and_horizontal_switches_without_animation(qtbot):
    w = make_window(qtbot)
    qtbot.keyClick(w.chart_view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(w.flip.finished, timeout=3000):
        pass
    qtbot.keyClick(w.chart_view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert w.flip.state is FlipState.RUNNING
    with qtbot.waitSignal(w.flip.finished, timeout=3000):
        pass
    assert w.flip.last_positions == {b.id: (b.x, b.y) for b in
                                     w.presenter.scene.geometry.boxes}
    assert w.orientation_actions[Orientation.CLASSIC].isChecked()
    qtbot.keyClick(w.chart_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert w.presenter.scenario.view.orientation is Orientation.HORIZONTAL
    assert w.flip.state is FlipState.IDLE  # horizontal is not part of the flip
    # The switcher is on the toolbar, with tooltips naming the shortcut.
    action = w.orientation_actions[Orientation.INVERTED]
    assert "Ctrl+3" in action.toolTip()
    assert action.shortcut().toString() == "Ctrl+3"


def test_an_edit_during_the_flip_ends_it(qtbot):
    w = make_window(qtbot)
    w.set_orientation(Orientation.INVERTED)
    assert w.flip.state is FlipState.RUNNING
    w.controller.undo_stack.undo()
    assert w.flip.state is FlipState.IDLE
    assert w.presenter.scene.chart.isVisible()


def test_marks_wait_for_the_landing_and_big_charts_switch_at_once(qtbot, monkeypatch):
    import orgdesigner.ui.flip as flip_module

    w = make_window(qtbot)
    scene = w.presenter.scene
    w.presenter.select("a1")
    assert scene.selection_mark.isVisible()
    w.set_orientation(Orientation.INVERTED)
    assert not scene.selection_mark.isVisible()  # hidden while the boxes travel
    w.flip.stop()
    assert scene.selection_mark.isVisible() and scene.chart.isVisible()
    monkeypatch.setattr(flip_module, "ANIMATE_LIMIT", 3)  # the small org is "too big"
    w.set_orientation(Orientation.CLASSIC)
    assert w.flip.state is FlipState.IDLE and scene.chart.isVisible()
    assert scene.geometry.view == "classic"
