"""Outline, inspector, status bar and the incremental layout hand-off."""

from __future__ import annotations

from PySide6.QtCore import Qt

from orgdesigner.model.document import Position
from orgdesigner.model.edits import (
    Relation,
    RemoveMode,
    add_position,
    change_position,
    change_view,
    reassign_manager,
    remove_position,
)
from orgdesigner.ui.canvas.presenter import IncrementalLayout, _Snapshot, changed_positions
from orgdesigner.ui.main_window import status_text


def test_outline_selection_selects_and_centres_on_canvas(qtbot, chart_window):
    w = chart_window
    tree = w.outline.tree
    model = w.outline.hierarchy
    index = model.index_of("b1")
    assert index.isValid() and index.data() == "Fay — Accountant"
    w.chart_view.set_zoom(2.0)
    w.chart_view.centerOn(-2000, -2000)
    tree.setCurrentIndex(index)
    assert w.presenter.selected_id == "b1"
    box = w.presenter.scene.box("b1")
    centre = w.chart_view.mapToScene(w.chart_view.viewport().rect().center())
    assert abs(centre.x() - (box.x + box.w / 2)) < 5
    assert abs(centre.y() - (box.y + box.h / 2)) < 5


def test_canvas_selection_opens_outline_to_it(qtbot, chart_window):
    w = chart_window
    w.presenter.select("a2")
    current = w.outline.tree.currentIndex()
    assert current.data(Qt.ItemDataRole.UserRole) == "a2"
    assert w.outline.tree.isExpanded(current.parent())


def test_outline_follows_edits_and_keeps_expansion(qtbot, chart_window):
    w = chart_window
    model = w.outline.hierarchy
    w.outline.tree.setExpanded(model.index_of("a"), True)
    w.controller.apply(reassign_manager(w.controller.doc, "b1", "a"))
    index = model.index_of("b1")
    assert index.parent().data(Qt.ItemDataRole.UserRole) == "a"
    assert model.rowCount(model.index_of("a")) == 3
    assert w.outline.tree.isExpanded(model.index_of("a"))


def test_ctrl_f_searches_and_picks_a_match(qtbot, chart_window):
    w = chart_window
    qtbot.keyClick(w.chart_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.outline.search_field.hasFocus()
    qtbot.keyClicks(w.outline.search_field, "seller")
    qtbot.keyClick(w.outline.search_field, Qt.Key.Key_Return)
    results = w.outline.results
    assert w.outline.tree.model() is results
    assert [p.id for p in results.matches] == ["a1", "a2"]
    w.outline.tree.setCurrentIndex(results.index(1, 0))
    assert w.presenter.selected_id == "a2"
    w.outline.search_field.clear()
    qtbot.keyClick(w.outline.search_field, Qt.Key.Key_Return)
    assert w.outline.tree.model() is w.outline.hierarchy


def test_inspector_edits_are_single_undo_steps(qtbot, chart_window):
    w = chart_window
    w.presenter.select("a1")
    ins = w.inspector
    assert ins.holder.text() == "Cid"
    ins.title.setText("Senior Seller")
    ins.title.editingFinished.emit()
    ins.fte.setValue(0.5)
    ins.customer_facing.setChecked(True)
    ins.tags.setText("north, key accounts, north")
    ins.tags.editingFinished.emit()
    ins.cost.setText("52,000")
    ins.cost.editingFinished.emit()
    p = w.controller.scenario.position("a1")
    assert (p.title, p.fte, p.customer_facing, p.tags, p.cost) == (
        "Senior Seller", 0.5, True, ("north", "key accounts"), 52000.0)
    assert w.controller.undo_stack.count() == 5
    w.controller.undo_stack.undo()
    assert w.controller.scenario.position("a1").cost is None
    assert ins.cost.text() == ""


def test_inspector_refuses_bad_values_and_shows_why(qtbot, chart_window):
    w = chart_window
    w.presenter.select("a1")
    ins = w.inspector
    ins.cost.setText("lots")
    ins.cost.editingFinished.emit()
    assert "not a number" in ins.error.text()
    assert ins.cost.text() == ""  # back to the stored value
    ins.tags.setText("x" * 81)
    ins.tags.editingFinished.emit()
    assert "tags" in ins.error.text()
    assert w.controller.undo_stack.count() == 0
    ins.unit.setCurrentIndex(ins.unit.findData("u2"))
    ins.unit.activated.emit(ins.unit.currentIndex())
    assert w.controller.scenario.position("a1").unit_id == "u2"
    assert ins.error.text() == ""


def test_status_bar_shows_headcount_layers_and_span(qtbot, chart_window):
    w = chart_window
    qtbot.waitUntil(lambda: w.figures.text() ==
                    "As-is: headcount 6 (0 vacant) · 3 layers · average span 1.7")
    w.controller.apply(change_position(w.controller.doc, "b1", holder=""))
    qtbot.waitUntil(lambda: "headcount 5 (1 vacant)" in w.figures.text())
    assert status_text(w.presenter) == w.figures.text()


def test_view_menu_switches_orientation_as_an_edit(qtbot, chart_window):
    w = chart_window
    w.orientation_actions[next(iter(w.orientation_actions))].trigger()  # already classic
    assert w.controller.undo_stack.count() == 0
    from orgdesigner.model.document import Orientation

    w.orientation_actions[Orientation.HORIZONTAL].trigger()
    assert w.controller.scenario.view.orientation is Orientation.HORIZONTAL
    assert w.presenter.scene.geometry.view == "horizontal"
    w.controller.undo_stack.undo()
    assert w.orientation_actions[Orientation.CLASSIC].isChecked()


def test_changed_positions_names_what_an_edit_touched(qtbot, small_document):
    doc = small_document
    before = _Snapshot(doc.scenario())
    reassign_manager(doc, "a1", "b").apply(doc)
    assert changed_positions(before, _Snapshot(doc.scenario())) == {"a1"}
    before = _Snapshot(doc.scenario())
    remove_position(doc, "a", RemoveMode.REHOME).apply(doc)
    assert changed_positions(before, _Snapshot(doc.scenario())) == {"a", "a2"}
    before = _Snapshot(doc.scenario())
    add_position(doc, Position(id="n"), anchor_id="b", relation=Relation.PEER).apply(doc)
    assert changed_positions(before, _Snapshot(doc.scenario())) == {"n"}
    before = _Snapshot(doc.scenario())
    change_view(doc, collapsed=("b",)).apply(doc)
    assert changed_positions(before, _Snapshot(doc.scenario())) is None


def test_incremental_layout_matches_a_fresh_layout(qtbot, small_document):
    from orgdesigner.layout import layout_scenario

    doc = small_document
    layout = IncrementalLayout()
    layout(doc.scenario(), "classic")
    reassign_manager(doc, "a2", "b").apply(doc)
    patched = layout(doc.scenario(), "classic")
    fresh = layout_scenario(doc.scenario(), "classic")
    assert {b.id: (b.x, b.y) for b in patched.boxes} == {b.id: (b.x, b.y) for b in fresh.boxes}


def test_dropping_a_chart_file_forwards_it_to_the_file_actions(qtbot, tmp_path, test_layout):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from orgdesigner.ui.main_window import MainWindow

    w = MainWindow(layout=test_layout)
    qtbot.addWidget(w)
    opened = []
    w.file_actions.open_or_import = opened.append
    for name in ("team.csv", "notes.txt"):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(tmp_path / name))])
        event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        w.dropEvent(event)
    assert opened == [tmp_path / "team.csv"]


def test_edit_menu_names_the_next_undo_and_redo(qtbot, chart_window):
    w = chart_window
    w.controller.apply(reassign_manager(w.controller.doc, "a1", "b"))
    assert w.edit_actions.undo.text() == "&Undo Move position"
    w.controller.undo_stack.undo()
    assert w.edit_actions.redo.text() == "&Redo Move position"
