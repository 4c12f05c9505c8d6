"""The RACI dock: cells by click and keyboard (each one undo step), the accountability
marks, processes added / renamed / moved / removed, the canvas letters and the inspector."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit
from uikit import shown_window

from orgdesigner.model.document import OrgDocument, Process, RaciRole
from orgdesigner.ui.panels.raci_model import DOUBLE_A, ColumnMode

A, R, C, I = (RaciRole.ACCOUNTABLE, RaciRole.RESPONSIBLE,  # noqa: E741 - chart letters
              RaciRole.CONSULTED, RaciRole.INFORMED)


def with_processes(doc: OrgDocument) -> OrgDocument:
    doc.scenario().processes = [
        Process(id="solve", name="Resolve a customer problem",
                assignments={"ceo": I, "a": A, "a1": R}),
        Process(id="profile", name="Customer profile upkeep",
                assignments={"a": A, "b": A, "b1": C}),
    ]
    return doc


@pytest.fixture
def window(qtbot, small_document, test_layout):
    w = shown_window(qtbot, with_processes(small_document), test_layout)
    w.presenter.select(None)
    return w


def click_cell(qtbot, panel, row: int, party: str) -> None:
    column = panel.model.column_of(party)
    assert column >= 0, f"{party} is not a column"
    index = panel.model.index(row, column)
    panel.table.scrollTo(index)
    rect = panel.table.visualRect(index)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def roles(window, process_id: str) -> dict[str, RaciRole]:
    return dict(next(p for p in window.controller.scenario.processes
                     if p.id == process_id).assignments)


def test_columns_are_the_parties_with_letters_plus_the_selected_box(window):
    panel = window.responsibilities.raci
    assert panel.model.parties == ["ceo", "a", "a1", "b", "b1"]
    window.presenter.select("a2")
    assert panel.model.parties == ["ceo", "a", "a1", "b", "b1", "a2"]  # the selected box last
    panel.set_mode(ColumnMode.UNITS)
    assert panel.model.parties == ["u1", "u2"]


def test_click_cycles_a_cell_and_each_click_is_one_undo_step(qtbot, window):
    panel = window.responsibilities.raci
    stack = window.controller.undo_stack
    window.presenter.select("a2")
    click_cell(qtbot, panel, 0, "a2")
    assert roles(window, "solve")["a2"] is R
    click_cell(qtbot, panel, 0, "a2")
    assert roles(window, "solve")["a2"] is A
    click_cell(qtbot, panel, 0, "a2")
    click_cell(qtbot, panel, 0, "a2")
    assert roles(window, "solve")["a2"] is I
    click_cell(qtbot, panel, 0, "a2")  # I -> empty
    assert "a2" not in roles(window, "solve")
    assert stack.count() == 5
    stack.undo()
    assert roles(window, "solve")["a2"] is I
    for _ in range(4):
        stack.undo()
    assert "a2" not in roles(window, "solve")


def test_keyboard_sets_and_clears_and_ctrl_z_undoes(qtbot, window):
    panel = window.responsibilities.raci
    table = panel.table
    table.setFocus()
    table.setCurrentIndex(panel.model.index(1, panel.model.column_of("b1")))
    qtbot.keyClick(table, Qt.Key.Key_R)
    assert roles(window, "profile")["b1"] is R
    qtbot.keyClick(table, Qt.Key.Key_I)
    assert roles(window, "profile")["b1"] is I
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert "b1" not in roles(window, "profile")
    # The cell keeps the focus and its place: the window's Ctrl+Z undoes the clear.
    assert table.currentIndex().row() == 1
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert roles(window, "profile")["b1"] is I
    assert window.controller.undo_stack.count() == 3


def test_a_row_with_two_accountables_is_marked(qtbot, window):
    panel = window.responsibilities.raci
    model = panel.model
    assert not model.problems(0)
    codes = {f.code for f in model.problems(1)}
    assert codes == {"RACI_SEVERAL_ACCOUNTABLE", "RACI_NO_RESPONSIBLE"}
    header = model.headerData(1, Qt.Orientation.Vertical)
    assert header.startswith("⚠")
    tip = model.headerData(1, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert "2 parties are Accountable for 'Customer profile upkeep'" in tip
    for party in ("a", "b"):
        index = model.index(1, model.column_of(party))
        assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == DOUBLE_A
        assert "single line of action" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "⚠ 1 of 2 processes" in panel.summary.text()
    # Make Eve Responsible instead: the row is fine again.
    table = panel.table
    table.setFocus()
    table.setCurrentIndex(model.index(1, model.column_of("b")))
    qtbot.keyClick(table, Qt.Key.Key_R)
    assert not model.problems(1)
    assert not model.headerData(1, Qt.Orientation.Vertical).startswith("⚠")
    window.controller.undo_stack.undo()
    assert model.problems(1)


def test_add_rename_move_remove_processes(qtbot, window):
    panel = window.responsibilities.raci
    stack = window.controller.undo_stack
    before = list(window.controller.scenario.processes)
    panel.select_process("solve")
    panel.add_action.trigger()
    names = [p.name for p in window.controller.scenario.processes]
    assert names == ["Resolve a customer problem", "New process", "Customer profile upkeep"]
    editor = panel.table.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "Answer a tender")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    scenario = window.controller.scenario
    new_id = scenario.processes[1].id
    assert scenario.processes[1].name == "Answer a tender"
    assert panel.current_process == new_id
    # Rename from the row header: double-click it, type, Enter.
    header = panel.table.verticalHeader()
    y = header.sectionViewportPosition(0) + header.sectionSize(0) // 2
    qtbot.mouseDClick(header.viewport(), Qt.MouseButton.LeftButton,
                      pos=QPoint(10, y))
    editor = [e for e in panel.table.findChildren(QLineEdit) if e.isVisible()][-1]
    editor.selectAll()
    qtbot.keyClicks(editor, "Solve a customer problem")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.controller.scenario.processes[0].name == "Solve a customer problem"
    panel.select_process(new_id)
    panel.up_action.trigger()
    assert [p.id for p in window.controller.scenario.processes][0] == new_id
    panel.down_action.trigger()
    panel.down_action.trigger()
    assert [p.id for p in window.controller.scenario.processes][-1] == new_id
    panel.remove_action.trigger()
    assert new_id not in [p.id for p in window.controller.scenario.processes]
    assert stack.count() == 7  # add, rename, rename, up, down, down, remove
    for _ in range(7):
        stack.undo()
    assert window.controller.scenario.processes == before


def test_selected_process_shows_letters_on_the_canvas(qtbot, window):
    panel = window.responsibilities.raci
    overlay = window.responsibilities.raci_overlay
    assert overlay.letters == {}
    click_cell(qtbot, panel, 1, "b1")  # selecting the row (and cycling that cell: C -> I)
    assert panel.current_process == "profile"
    assert overlay.letters == {"a": (A, False), "b": (A, False), "b1": (I, False)}
    # A unit's letter marks every box of that unit, lighter.
    panel.set_mode(ColumnMode.UNITS)
    click_cell(qtbot, panel, 1, "u1")
    assert overlay.letters["a1"] == (R, True) and overlay.letters["a2"] == (R, True)
    assert overlay.letters["a"] == (A, False)  # the position's own letter wins


def test_inspector_lists_the_processes_of_the_selected_position(window):
    label = window.responsibilities.processes_of_position
    window.presenter.select("a")
    assert "A — Resolve a customer problem (Accountable)" in label.text()
    assert "A — Customer profile upkeep (Accountable)" in label.text()
    window.presenter.select("a2")
    assert "none" in label.text()
    assert label.isVisibleTo(window.inspector)


def test_csv_round_trip_through_the_dock(tmp_path, window):
    panel = window.responsibilities.raci
    path = tmp_path / "raci.csv"
    panel.export_csv(path)
    before = list(window.controller.scenario.processes)
    panel.remove_action.setEnabled(True)
    panel.select_process("solve")
    panel.remove_current()
    assert len(window.controller.scenario.processes) == 1
    assert panel.import_csv(path)
    assert window.controller.scenario.processes == before
    assert panel.model.rowCount() == 2
    window.controller.undo_stack.undo()  # the import is one step
    assert len(window.controller.scenario.processes) == 1


def test_the_customer_centric_template_carries_a_clean_starter_chart(qtbot):
    from orgdesigner.io.templates import load_template
    from orgdesigner.ui.main_window import MainWindow

    w = MainWindow(load_template("customer-centric"), with_files=False)
    qtbot.addWidget(w)
    panel = w.responsibilities.raci
    assert panel.model.rowCount() == 5
    assert panel.model.headerData(0, Qt.Orientation.Vertical) == "Resolve a customer problem"
    assert not any(panel.model.problems(row) for row in range(5))
    assert "each with one Accountable" in panel.summary.text()
