"""Sticky notes: add with N, edit, colour, drag (one undo step), attach and free, and the
round trip through save and open. Real key presses and mouse drags."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from test_canvas_editing import drag
from uikit import simple_layout

from orgdesigner.io.native import load, save
from orgdesigner.model.document import Note
from orgdesigner.model.edits import add_note
from orgdesigner.ui.notes import ATTACH_OFFSET, NOTE_COLOURS


def note_point(view, item) -> QPoint:
    r = item.sceneBoundingRect()
    return view.mapFromScene(QPointF(r.left() + 20, r.top() + 20))


def add_by_keyboard(qtbot, w, text: str):
    view = w.chart_view
    qtbot.keyClick(view, Qt.Key.Key_N)
    editor = w.notes.editor
    assert editor is not None and editor.hasFocus()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert w.notes.editor is None


def test_n_adds_a_note_on_the_selected_box_as_one_undo_step(qtbot, chart_window):
    w = chart_window
    w.presenter.select("a")
    steps = w.controller.undo_stack.count()
    add_by_keyboard(qtbot, w, "Split sales by region?")
    notes = w.presenter.scenario.notes
    assert len(notes) == 1
    note = notes[0]
    assert note.text == "Split sales by region?" and note.attached_to == "a"
    assert note.color == NOTE_COLOURS[0][1]
    assert w.controller.undo_stack.count() == steps + 1
    box = w.presenter.scene.box("a")
    item = w.notes.items[note.id]
    assert (item.pos().x(), item.pos().y()) == (box.x + ATTACH_OFFSET[0],
                                                box.y + ATTACH_OFFSET[1])
    w.controller.undo_stack.undo()
    assert not w.presenter.scenario.notes and not w.notes.items


def test_escape_drops_a_new_note_and_nothing_selected_makes_a_free_one(qtbot, chart_window):
    w = chart_window
    w.presenter.select(None)
    qtbot.keyClick(w.chart_view, Qt.Key.Key_N)
    qtbot.keyClicks(w.notes.editor, "never mind")
    qtbot.keyClick(w.notes.editor, Qt.Key.Key_Escape)
    assert not w.presenter.scenario.notes
    add_by_keyboard(qtbot, w, "Parking lot")
    (note,) = w.presenter.scenario.notes
    assert note.attached_to is None


def test_drag_frees_and_attaches_a_note_one_undo_step_each(qtbot, chart_window, point_of):
    w = chart_window
    view = w.chart_view
    doc = w.controller.doc
    w.controller.apply(add_note(doc, Note(id="n1", text="Ask HR", x=10, y=-70,
                                          attached_to="a1")))
    item = w.notes.items["n1"]
    start = note_point(view, item)
    steps = w.controller.undo_stack.count()
    drag(qtbot, view, start, start + QPoint(0, -120))  # onto empty space above
    note = w.presenter.scenario.notes[0]
    assert note.attached_to is None
    assert w.controller.undo_stack.count() == steps + 1
    zoom = view.zoom()
    box = w.presenter.scene.box("a1")
    assert abs(note.x - (box.x + 10)) < 1 and abs(note.y - (box.y - 70 - 120 / zoom)) < 1
    # Dropped on a box (the pointer over b1): attached to b1, following it.
    drag(qtbot, view, note_point(view, w.notes.items["n1"]), point_of(view, "b1"))
    note = w.presenter.scenario.notes[0]
    assert note.attached_to == "b1"
    assert w.presenter.scenario.manager_of("a1") == "a"  # no box was moved
    w.controller.undo_stack.undo()
    assert w.presenter.scenario.notes[0].attached_to is None


def test_double_click_edits_and_context_menu_colours_and_deletes(qtbot, chart_window):
    w = chart_window
    view = w.chart_view
    doc = w.controller.doc
    w.controller.apply(add_note(doc, Note(id="n1", text="Old", x=-300, y=0)))
    point = note_point(view, w.notes.items["n1"])
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    editor = w.notes.editor
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "New text")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert w.presenter.scenario.notes[0].text == "New text"
    menu = w.notes.context_menu("n1")
    colours = next(a.menu() for a in menu.actions() if a.text() == "&Colour")
    next(a for a in colours.actions() if a.text() == "Pink").trigger()
    assert w.presenter.scenario.notes[0].color == dict(NOTE_COLOURS)["Pink"]
    w.presenter.select("b")
    menu = w.notes.context_menu("n1")
    next(a for a in menu.actions() if a.text() == "&Attach to the selected box").trigger()
    assert w.presenter.scenario.notes[0].attached_to == "b"
    menu = w.notes.context_menu("n1")
    next(a for a in menu.actions() if a.text() == "&Delete note").trigger()
    assert not w.presenter.scenario.notes and "n1" not in w.notes.items


def test_notes_round_trip_through_save_and_open(qtbot, chart_window, tmp_path):
    from orgdesigner.ui.main_window import MainWindow

    w = chart_window
    doc = w.controller.doc
    w.controller.apply(add_note(doc, Note(id="n1", text="Über-team?\nline 2",
                                          color="#b3e5fc", x=5, y=-60, attached_to="b")))
    w.controller.apply(add_note(doc, Note(id="n2", text="free", x=-200, y=40)))
    path = tmp_path / "notes.orgchart"
    save(doc, path)
    loaded = load(path)
    assert loaded.scenario().notes == doc.scenario().notes
    again = MainWindow(loaded, path, layout=simple_layout, with_files=False)
    qtbot.addWidget(again)
    assert set(again.notes.items) == {"n1", "n2"}
    box = again.presenter.scene.box("b")
    pos = again.notes.items["n1"].pos()
    assert (pos.x(), pos.y()) == (box.x + 5, box.y - 60)


def test_an_attached_note_hides_with_its_box_and_comes_back(qtbot, chart_window):
    from orgdesigner.model.edits import toggle_collapsed

    w = chart_window
    doc = w.controller.doc
    w.controller.apply(add_note(doc, Note(id="n1", text="x", attached_to="b1")))
    w.controller.apply(toggle_collapsed(doc, "b"))
    assert "n1" not in w.notes.items
    w.controller.undo_stack.undo()
    assert "n1" in w.notes.items


def test_shift_n_edits_the_note_of_the_selected_box_and_its_menu_lists_it(qtbot,
                                                                         chart_window):
    w = chart_window
    doc = w.controller.doc
    w.controller.apply(add_note(doc, Note(id="n1", text="First", attached_to="b")))
    w.presenter.select("b")
    qtbot.keyClick(w.chart_view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    editor = w.notes.editor
    assert editor is not None and editor.toPlainText() == "First"
    editor.selectAll()
    qtbot.keyClicks(editor, "Second")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert w.presenter.scenario.notes[0].text == "Second"
    menu = w.edit_actions.context_menu("b")
    sub = next(a.menu() for a in menu.actions() if a.text().startswith("Note “Second"))
    assert "&Delete note" in [a.text() for a in sub.actions()]
    w.presenter.select("a")
    assert w.notes.edit_selected() is None  # nothing pinned there: a status message
