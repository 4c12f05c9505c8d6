"""Editing on the canvas with real mouse and key events: drag-and-drop reassign, the
refused drop, Tab/Enter building, Delete with both answers, inline rename, and the undo
and redo of each."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


def manager(window, pid):
    return window.controller.scenario.manager_of(pid)


def ids(window):
    return [p.id for p in window.controller.scenario.positions]


def click(qtbot, window, point_of, pid):
    view = window.chart_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, pid))
    assert window.presenter.selected_id == pid


def drag(qtbot, view, start, end, before_release=None):
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    steps = 6
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        qtbot.mouseMove(vp, p)
    if before_release is not None:
        before_release()
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)


def test_drag_box_onto_another_reassigns_as_one_undo_step(qtbot, chart_window, point_of):
    w = chart_window
    view = w.chart_view
    stack = w.controller.undo_stack
    seen = {}

    def hovering():
        seen["ghost"] = view.interaction.dragging
        seen["target"] = w.presenter.scene.drop_mark.isVisible()
        seen["cursor"] = view.viewport().cursor().shape()

    drag(qtbot, view, point_of(view, "a1"), point_of(view, "b"), hovering)
    assert seen == {"ghost": True, "target": True, "cursor": Qt.CursorShape.DragMoveCursor}
    assert manager(w, "a1") == "b"
    assert stack.count() == 1
    assert stack.undoText() == "Move position"
    assert w.presenter.selected_id == "a1"
    assert not view.interaction.dragging
    stack.undo()
    assert manager(w, "a1") == "a"
    stack.redo()
    assert manager(w, "a1") == "b"


def test_drag_carries_the_subtree(qtbot, chart_window, point_of):
    w = chart_window
    view = w.chart_view
    sizes = {}
    drag(qtbot, view, point_of(view, "a"), point_of(view, "b1"),
         lambda: sizes.setdefault("ghost", len(view.interaction._ghost.boxes)))
    assert sizes["ghost"] == 3  # a with a1 and a2
    assert manager(w, "a") == "b1"
    assert manager(w, "a1") == "a"


def test_drop_onto_own_subtree_is_refused(qtbot, chart_window, point_of):
    w = chart_window
    view = w.chart_view
    before = w.controller.doc.model_dump()
    seen = {}

    def hovering():
        seen["cursor"] = view.viewport().cursor().shape()
        seen["refused"] = w.presenter.scene.refused_mark.isVisible()
        seen["allowed"] = w.presenter.scene.drop_mark.isVisible()

    drag(qtbot, view, point_of(view, "a"), point_of(view, "a2"), hovering)
    assert seen == {"cursor": Qt.CursorShape.ForbiddenCursor, "refused": True,
                    "allowed": False}
    assert w.controller.doc.model_dump() == before
    assert w.controller.undo_stack.count() == 0
    assert "cannot move under" in w.statusBar().currentMessage()


def test_tab_adds_report_and_enter_adds_peer_with_inline_naming(qtbot, chart_window,
                                                                 point_of):
    w = chart_window
    view = w.chart_view
    stack = w.controller.undo_stack
    click(qtbot, w, point_of, "a")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    new = w.presenter.selected_id
    assert new not in ("a", None)
    assert manager(w, new) == "a"
    assert w.controller.scenario.position(new).unit_id == "u1"
    editor = view.editor
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor, "Gus")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert w.controller.scenario.position(new).holder == "Gus"
    assert stack.count() == 2
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # a peer of Gus
    peer = w.presenter.selected_id
    assert peer not in (new, None)
    assert manager(w, peer) == "a"
    qtbot.keyClick(view.editor, Qt.Key.Key_Escape)  # keep it vacant
    assert w.controller.scenario.position(peer).vacant
    reports = [ln.report_id for ln in w.controller.scenario.lines if ln.manager_id == "a"]
    assert reports == ["a1", "a2", new, peer]
    assert stack.count() == 3
    stack.undo()
    assert peer not in ids(w)
    stack.undo()
    assert w.controller.scenario.position(new).holder == ""
    stack.undo()
    assert new not in ids(w)
    stack.redo()
    stack.redo()
    stack.redo()
    assert manager(w, peer) == "a"
    assert w.controller.scenario.position(new).holder == "Gus"


def test_tab_on_empty_chart_adds_first_position(qtbot, test_layout):
    from orgdesigner.model.document import OrgDocument
    from orgdesigner.ui.main_window import MainWindow

    w = MainWindow(OrgDocument.empty(), layout=test_layout, with_files=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.chart_view.setFocus()
    qtbot.waitUntil(w.chart_view.hasFocus)
    qtbot.keyClick(w.chart_view, Qt.Key.Key_Tab)
    assert len(w.controller.scenario.positions) == 1
    assert w.presenter.selected_id == w.controller.scenario.positions[0].id


def answer_remove_dialog(monkeypatch, prefix):
    chosen = {}

    def fake_exec(box):
        chosen["text"] = box.text()
        return 0

    def fake_clicked(box):
        return next(b for b in box.buttons() if b.text().startswith(prefix))

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "clickedButton", fake_clicked)
    return chosen


def test_delete_moving_reports_up(qtbot, chart_window, point_of, monkeypatch):
    w = chart_window
    asked = answer_remove_dialog(monkeypatch, "Move reports up")
    click(qtbot, w, point_of, "a")
    qtbot.keyClick(w.chart_view, Qt.Key.Key_Delete)
    assert asked["text"] == "Remove Bob?"
    assert "a" not in ids(w)
    assert manager(w, "a1") == "ceo" and manager(w, "a2") == "ceo"
    assert w.presenter.selected_id == "ceo"
    w.controller.undo_stack.undo()
    assert manager(w, "a1") == "a" and manager(w, "a") == "ceo"
    w.controller.undo_stack.redo()
    assert "a" not in ids(w)


def test_delete_whole_subtree(qtbot, chart_window, point_of, monkeypatch):
    w = chart_window
    answer_remove_dialog(monkeypatch, "Remove whole subtree")
    click(qtbot, w, point_of, "a")
    qtbot.keyClick(w.chart_view, Qt.Key.Key_Delete)
    assert ids(w) == ["ceo", "b", "b1"]
    w.controller.undo_stack.undo()
    assert ids(w) == ["ceo", "a", "a1", "a2", "b", "b1"]
    assert manager(w, "a2") == "a"
    w.controller.undo_stack.redo()
    assert ids(w) == ["ceo", "b", "b1"]


def test_delete_cancelled_changes_nothing(qtbot, chart_window, point_of, monkeypatch):
    w = chart_window
    answer_remove_dialog(monkeypatch, "Cancel")
    click(qtbot, w, point_of, "a")
    qtbot.keyClick(w.chart_view, Qt.Key.Key_Delete)
    assert "a" in ids(w)
    assert w.controller.undo_stack.count() == 0


def test_delete_leaf_needs_no_question(qtbot, chart_window, point_of, monkeypatch):
    w = chart_window
    monkeypatch.setattr(QMessageBox, "exec", lambda box: (_ for _ in ()).throw(
        AssertionError("no question for a leaf")))
    click(qtbot, w, point_of, "b1")
    qtbot.keyClick(w.chart_view, Qt.Key.Key_Delete)
    assert "b1" not in ids(w)
    assert w.presenter.selected_id == "b"


def test_f2_renames_inline_with_undo_redo(qtbot, chart_window, point_of):
    w = chart_window
    view = w.chart_view
    click(qtbot, w, point_of, "a")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.editor
    assert editor.text() == "Bob"
    editor.clear()
    qtbot.keyClicks(editor, "Robert")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert w.controller.scenario.position("a").holder == "Robert"
    assert w.controller.undo_stack.undoText() == "Rename"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.controller.scenario.position("a").holder == "Bob"
    qtbot.keyClick(view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.controller.scenario.position("a").holder == "Robert"


def test_escape_cancels_inline_rename(qtbot, chart_window, point_of):
    w = chart_window
    click(qtbot, w, point_of, "b")
    qtbot.keyClick(w.chart_view, Qt.Key.Key_F2)
    qtbot.keyClicks(w.chart_view.editor, "xyz")
    qtbot.keyClick(w.chart_view.editor, Qt.Key.Key_Escape)
    assert w.controller.scenario.position("b").holder == "Eve"
    assert w.controller.undo_stack.count() == 0


def test_arrow_keys_walk_the_tree(qtbot, chart_window, point_of):
    w = chart_window
    view = w.chart_view
    click(qtbot, w, point_of, "a1")
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert w.presenter.selected_id == "a2"
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert w.presenter.selected_id == "a"
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert w.presenter.selected_id == "b"
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert w.presenter.selected_id == "b1"
    qtbot.keyClick(view, Qt.Key.Key_Left)  # nothing to the left in the tree: stays
    assert w.presenter.selected_id == "b1"


def test_space_collapses_and_expands(qtbot, chart_window, point_of):
    w = chart_window
    view = w.chart_view
    click(qtbot, w, point_of, "a")
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert "a" in w.controller.scenario.view.collapsed
    assert w.presenter.scene.box("a1") is None
    assert w.presenter.scene.box("a").style.collapsed_count == 2
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert w.controller.scenario.view.collapsed == ()
    assert w.presenter.scene.box("a1") is not None


def test_context_menu_actions(qtbot, chart_window, point_of):
    w = chart_window
    actions = w.edit_actions
    click(qtbot, w, point_of, "b1")
    menu = actions.context_menu("b1")
    texts = [a.text() for a in menu.actions() if a.text()]
    assert "Add &assistant" in texts and "Mark &vacancy" in texts
    assert "&Dotted line to..." in texts
    actions.mark_vacant.trigger()
    assert w.controller.scenario.position("b1").vacant
    actions.add_assistant.trigger()
    qtbot.keyClick(w.chart_view.editor, Qt.Key.Key_Escape)
    new = w.presenter.selected_id
    assert w.controller.scenario.position(new).kind.value == "assistant"
    assert manager(w, new) == "b1"


def test_dotted_line_to_picks_a_box(qtbot, chart_window, point_of):
    w = chart_window
    view = w.chart_view
    click(qtbot, w, point_of, "a1")
    w.edit_actions.dotted_line.trigger()
    assert view.viewport().cursor().shape() == Qt.CursorShape.CrossCursor
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, "b"))
    dotted = [(ln.manager_id, ln.report_id) for ln in w.controller.scenario.lines
              if ln.kind.value == "dotted"]
    assert dotted == [("b", "a1")]
    assert manager(w, "a1") == "a"
    w.controller.undo_stack.undo()
    assert all(ln.kind.value == "solid" for ln in w.controller.scenario.lines)


def test_zoom_keys_and_fit(qtbot, chart_window):
    w = chart_window
    view = w.chart_view
    z = view.zoom()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom() > z
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom() < z
    w.edit_actions.fit.trigger()
    rect = view.mapFromScene(w.presenter.scene.chart_rect()).boundingRect()
    assert view.viewport().rect().adjusted(-2, -2, 2, 2).contains(rect)


def test_ctrl_wheel_zooms_and_ctrl_0_fits(qtbot, chart_window):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view = chart_window.chart_view
    before = view.zoom()
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(centre, QPointF(view.viewport().mapToGlobal(centre.toPoint())),
                        QPoint(), QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom() == pytest.approx(before * 1.25 ** 2)
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    rect = view.mapFromScene(chart_window.presenter.scene.chart_rect()).boundingRect()
    assert view.viewport().rect().adjusted(-2, -2, 2, 2).contains(rect)
