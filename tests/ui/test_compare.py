"""Compare two scenarios: the table lists the differences with metric deltas, and the
canvas overlay marks added and moved boxes and ghosts of removed ones."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from orgdesigner.model.document import Position
from orgdesigner.model.edits import (
    Relation,
    RemoveMode,
    add_position,
    change_position,
    reassign_manager,
    remove_position,
)
from orgdesigner.ui.analysis import AnalysisFeatures


@pytest.fixture
def to_be(qtbot, chart_window):
    """As-is, and To-be A made from it in the dock, shown and changed."""
    w = chart_window
    features = getattr(w, "analysis", None) or AnalysisFeatures(w)
    panel = features.scenarios
    qtbot.mouseClick(panel.duplicate_button, Qt.MouseButton.LeftButton)
    new = panel.current_id()
    qtbot.mouseClick(panel.switch_button, Qt.MouseButton.LeftButton)
    doc = w.controller.doc
    assert doc.active_scenario == new
    apply = w.controller.apply
    apply(add_position(doc, Position(id="c", holder="Kim", title="Chief Customer Officer"),
                       anchor_id="ceo", relation=Relation.REPORT))
    apply(reassign_manager(doc, "a2", "c"))
    apply(remove_position(doc, "b1", RemoveMode.REHOME))
    apply(change_position(doc, "a1", title="Key Account Manager"))
    return w, features


def _groups(dialog):
    out = {}
    for i in range(dialog.changes.topLevelItemCount()):
        group = dialog.changes.topLevelItem(i)
        title = group.text(0).split(" (")[0]
        out[title] = [(group.child(j).text(0), group.child(j).text(1))
                      for j in range(group.childCount())]
    return out


def test_compare_lists_differences_and_deltas(qtbot, to_be):
    w, features = to_be
    dialog = features.open_compare()
    qtbot.addWidget(dialog)
    assert dialog.before.currentText() == "As-is" and dialog.after.currentText() == "To-be A"
    groups = _groups(dialog)
    assert groups["Added"] == [("Kim", "")]
    assert groups["Removed"] == [("Fay", "")]
    assert groups["Moved"] == [("Dee", "Bob → Kim")]
    assert groups["Retitled"] == [("Cid", "Seller → Key Account Manager")]
    assert "Changed unit" not in groups
    metrics = {dialog.metrics.item(r, 0).text(): [dialog.metrics.item(r, c).text()
                                                  for c in (1, 2, 3)]
               for r in range(dialog.metrics.rowCount())}
    assert metrics["headcount"] == ["6", "6", "+0"]
    assert metrics["managers"] == ["3", "3", "+0"]  # Eve lost Fay, Kim gained Dee
    assert "1 added, 1 removed, 1 moved, 1 retitled" in dialog.summary.text()
    # Swapping the two reverses the lists.
    dialog.before.setCurrentIndex(1)
    dialog.after.setCurrentIndex(0)
    groups = _groups(dialog)
    assert groups["Added"] == [("Fay", "")] and groups["Removed"] == [("Kim", "")]
    assert w.controller.doc.active_scenario == "as-is"  # the canvas shows "after"


def test_canvas_overlay_marks_the_differences(qtbot, to_be):
    w, features = to_be
    dialog = features.open_compare()
    qtbot.addWidget(dialog)
    overlay = features.compare_overlay
    assert overlay.isVisible()
    assert overlay.marks() == {"c": "added", "a2": "moved", "a1": "changed"}
    ghosts = overlay.ghost_rects()
    assert list(ghosts) == ["b1"]
    # Fay's ghost hangs under Eve, her old manager, as in the As-is layout.
    eve = w.presenter.scene.box("b")
    assert ghosts["b1"].top() > eve.y + eve.h
    assert abs(ghosts["b1"].center().x() - (eve.x + eve.w / 2)) < 1.0
    # The marks are painted: the pixel on an added box's outline is the added colour.
    w.chart_view.viewport().repaint()
    image = w.chart_view.viewport().grab().toImage()
    box = w.presenter.scene.box("c")
    edge = w.chart_view.mapFromScene(box.x + box.w / 2, box.y + box.h + 3)
    colour = image.pixelColor(edge)
    assert colour.green() > colour.red() and colour.green() > colour.blue()
    dialog.on_canvas.setChecked(False)
    assert not overlay.isVisible()
    dialog.on_canvas.setChecked(True)
    features.scenarios.switch_to("as-is")  # another chart: the marks go
    assert not overlay.isVisible()
    dialog.close()


def test_reopening_compare_after_closing_it(qtbot, to_be):
    w, features = to_be
    first = features.open_compare()
    assert features.open_compare() is first  # still open: brought forward
    first.close()
    assert not features.compare_overlay.isVisible()
    second = features.open_compare()
    qtbot.addWidget(second)
    assert second is not first
    w.controller.undo_stack.undo()  # edits after the first one closed reach only the second
    assert features.compare_overlay.isVisible()
    second.compare()
    assert "1 retitled" not in second.summary.text()
