"""The scenarios dock: duplicate, rename, delete and switch, each one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from orgdesigner.ui.analysis import AnalysisFeatures


@pytest.fixture
def scenarios(qtbot, chart_window):
    w = chart_window
    features = getattr(w, "analysis", None) or AnalysisFeatures(w)
    return w, features.scenarios


def test_duplicate_as_is_into_to_be_a(qtbot, scenarios):
    w, panel = scenarios
    doc = w.controller.doc
    qtbot.mouseClick(panel.duplicate_button, Qt.MouseButton.LeftButton)
    assert [s.name for s in doc.scenarios] == ["As-is", "To-be A"]
    assert panel.names() == ["As-is", "To-be A"]
    copy = doc.scenarios[1]
    assert copy.positions == doc.scenarios[0].positions
    assert copy.lines == doc.scenarios[0].lines
    assert copy.id != "as-is"
    assert doc.active_scenario == "as-is"  # duplicating does not switch
    qtbot.mouseClick(panel.duplicate_button, Qt.MouseButton.LeftButton)
    assert panel.names() == ["As-is", "To-be A", "To-be B"]
    w.controller.undo_stack.undo()
    w.controller.undo_stack.undo()
    assert panel.names() == ["As-is"]
    assert not panel.delete_button.isEnabled()


def test_switch_rename_delete(qtbot, scenarios):
    w, panel = scenarios
    doc = w.controller.doc
    new = panel.duplicate("as-is")
    # Switch with a double-click on the list row; the canvas shows the other scenario.
    row = panel.list.visualItemRect(panel.list.item(1))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    assert doc.active_scenario == "as-is"  # a single click only selects the row
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    assert doc.active_scenario == new
    assert w.presenter.scenario.id == new
    assert panel.list.item(1).font().bold() and not panel.list.item(0).font().bold()
    # Rename in place (F2, type, Enter): one edit.
    panel.list.setCurrentRow(1)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_F2)
    editor = panel.list.viewport().findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "Customer first")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: doc.scenario(new).name == "Customer first")  # a queued commit
    assert panel.names() == ["As-is", "Customer first"]
    # A taken name is refused and the list shows the stored name again.
    assert not panel.rename(new, "as-is")
    assert panel.names() == ["As-is", "Customer first"]
    # Delete the active scenario: the other one is shown; undo brings it back active.
    panel.list.setCurrentRow(1)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert panel.names() == ["As-is"]
    assert w.presenter.scenario.id == "as-is"
    w.controller.undo_stack.undo()
    assert panel.names() == ["As-is", "Customer first"]
    assert doc.active_scenario == new
