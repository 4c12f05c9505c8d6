"""The teams dock: create, rename and delete teams, members by drag and by the canvas
context menu, the highlight and frame on the canvas, and the cross-functional finding."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from uikit import shown_window

from orgdesigner.model.document import OrgDocument, Team
from orgdesigner.ui.canvas import interactions


def with_team(doc: OrgDocument) -> OrgDocument:
    doc.scenario().teams = [Team(id="t1", name="Account team: Hansa Logistik",
                                 sponsor_id="ceo", member_ids=("a1",))]
    return doc


@pytest.fixture
def window(qtbot, small_document, test_layout):
    w = shown_window(qtbot, with_team(small_document), test_layout)
    w.responsibilities.teams_dock.raise_()
    w.chart_view.set_zoom(1.0)
    w.chart_view.centerOn(w.presenter.scene.chart_rect().center())
    return w


def members(window, team_id: str = "t1") -> tuple[str, ...]:
    return next(t for t in window.controller.scenario.teams if t.id == team_id).member_ids


def drop_on(tree, item, mime) -> None:
    """Deliver a drag of ``mime`` onto ``item`` as Qt would: enter, move, drop."""
    pos = QPointF(tree.visualItemRect(item).center())
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    action = Qt.DropAction.CopyAction
    vp = tree.viewport()
    enter = QDragEnterEvent(pos.toPoint(), action, mime, buttons, mods)
    QApplication.sendEvent(vp, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(pos.toPoint(), action, mime, buttons, mods)
    QApplication.sendEvent(vp, move)
    assert move.isAccepted()
    QApplication.sendEvent(vp, QDropEvent(pos, action, mime, buttons, mods))


def test_create_rename_describe_and_delete_a_team(qtbot, window):
    panel = window.responsibilities.teams
    stack = window.controller.undo_stack
    before = list(window.controller.scenario.teams)
    tid = panel.new_team()
    team = next(t for t in window.controller.scenario.teams if t.id == tid)
    assert team.sponsor_id == "ceo"  # sponsored by the top by default
    panel.name.setFocus()
    panel.name.selectAll()
    qtbot.keyClicks(panel.name, "Account team: Atlas")
    qtbot.keyClick(panel.name, Qt.Key.Key_Return)
    panel.purpose.setFocus()
    qtbot.keyClicks(panel.purpose, "Serve Atlas Hospitals as one team")
    panel.name.setFocus()  # leaving the purpose commits it
    team = next(t for t in window.controller.scenario.teams if t.id == tid)
    assert (team.name, team.purpose) == ("Account team: Atlas",
                                         "Serve Atlas Hospitals as one team")
    window.presenter.select("b")
    qtbot.mouseClick(panel.set_sponsor_button, Qt.MouseButton.LeftButton)
    assert next(t for t in window.controller.scenario.teams if t.id == tid).sponsor_id == "b"
    assert stack.count() == 4  # new, rename, purpose, sponsor
    panel.delete_action.trigger()
    assert [t.id for t in window.controller.scenario.teams] == ["t1"]
    for _ in range(5):
        stack.undo()
    assert window.controller.scenario.teams == before


def test_drag_a_box_from_the_canvas_onto_a_team(qtbot, window, point_of, monkeypatch):
    panel = window.responsibilities.teams
    dropped = []

    class FakeDrag:  # QDrag.exec runs its own event loop; deliver the drop ourselves
        def __init__(self, source):
            self.source = source

        def setMimeData(self, mime):  # noqa: N802 - Qt's name
            self.mime = mime

        def exec(self, action):
            dropped.append(self.mime)
            drop_on(panel.tree, panel.team_item("t1"), self.mime)
            return action

    monkeypatch.setattr(interactions, "QDrag", FakeDrag)
    view = window.chart_view
    vp = view.viewport()
    start = point_of(view, "b1")
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, start + QPoint(30, 0))  # a drag on the chart starts
    assert view.interaction.dragging
    qtbot.mouseMove(vp, QPoint(vp.width() + 40, start.y()))  # ...and leaves it
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=QPoint(vp.width() + 40, start.y()))
    assert len(dropped) == 1
    assert interactions.positions_from_mime(dropped[0]) == ["b1"]
    assert members(window) == ("a1", "b1")
    assert window.controller.scenario.manager_of("b1") == "b"  # the chart is unchanged
    assert window.controller.undo_stack.count() == 1
    window.controller.undo_stack.undo()
    assert members(window) == ("a1",)


def test_a_drop_of_other_data_is_refused(window):
    from PySide6.QtCore import QMimeData

    panel = window.responsibilities.teams
    mime = QMimeData()
    mime.setText("b1")
    pos = panel.tree.visualItemRect(panel.team_item("t1")).center()
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel.tree.viewport(), enter)
    assert not enter.isAccepted()
    assert members(window) == ("a1",)


def test_add_to_team_from_the_canvas_context_menu(window):
    menu = window.edit_actions.context_menu("a2")
    sub = next(a.menu() for a in menu.actions() if a.menu() is not None
               and a.text().replace("&", "") == "Add to team")
    entry = next(a for a in sub.actions() if a.text() == "Account team: Hansa Logistik")
    assert entry.isEnabled() and not entry.isChecked()
    entry.trigger()
    assert members(window) == ("a1", "a2")
    # Already a member: ticked and disabled.
    sub = next(a.menu() for a in window.edit_actions.context_menu("a2").actions()
               if a.menu() is not None)
    entry = next(a for a in sub.actions() if a.text() == "Account team: Hansa Logistik")
    assert entry.isChecked() and not entry.isEnabled()
    new = next(a for a in sub.actions() if a.text() == "New team with this box")
    new.trigger()
    assert window.controller.scenario.teams[-1].member_ids == ("a2",)


def test_team_highlight_frame_functions_and_finding(qtbot, window):
    panel = window.responsibilities.teams
    overlay = window.responsibilities.team_overlay
    assert panel.add_members("t1", ["a2"])
    # a1 and a2 sit side by side: one frame around both; every member has a badge.
    assert [f.members for f in overlay.frames] == [("a1", "a2")]
    assert set(overlay.marks) == {"a1", "a2"}
    panel.select_team(None)
    assert overlay.highlighted is None
    item = panel.team_item("t1")
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert overlay.highlighted == "t1"
    assert sorted(overlay.highlighted_members()) == ["a1", "a2"]
    # Both from Sales: the cross-functional finding shows on the team.
    assert panel.functions.text() == "1 function: sales"
    assert "draws from only sales" in panel.finding.text()
    assert item.text(0).startswith("⚠")
    # The head of Finance, one row up with Bob between: the sellers keep their frame.
    assert panel.add_members("t1", ["b"])
    assert panel.functions.text() == "2 functions: finance, sales"
    assert [f.members for f in overlay.frames] == [("a1", "a2")]
    # The accountant sits right beside Dee: one frame around the three of them.
    window.controller.undo_stack.undo()
    assert panel.add_members("t1", ["b1"])
    assert [f.members for f in overlay.frames] == [("a1", "a2", "b1")]
    window.controller.doc.check_profile = window.controller.doc.check_profile.model_copy(
        update={"team_min_functions": 2})
    panel.reload()
    assert panel.finding.text() == ""
    assert not panel.team_item("t1").text(0).startswith("⚠")


def test_the_account_teams_template_lists_its_cross_functional_teams(qtbot):
    from orgdesigner.io.templates import load_template
    from orgdesigner.ui.main_window import MainWindow

    w = MainWindow(load_template("account-teams"), with_files=False)
    qtbot.addWidget(w)
    panel = w.responsibilities.teams
    assert panel.tree.topLevelItemCount() == 3
    assert panel.findings == {}  # each team draws from enough functions
    panel.select_team(w.controller.scenario.teams[0].id)
    for function in ("sales", "marketing", "product design", "accounts receivable"):
        assert function in panel.functions.text()
    assert len(w.responsibilities.team_overlay.highlighted_members()) == 4


def test_delete_key_takes_a_member_out_and_the_colour_follows_the_team(qtbot, window):
    from PySide6.QtGui import QColor

    panel = window.responsibilities.teams
    overlay = window.responsibilities.team_overlay
    assert panel.add_members("t1", ["a2"])
    member = panel.team_item("t1").child(0)
    panel.tree.setFocus()
    panel.tree.setCurrentItem(member)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert members(window) == ("a2",)
    panel.select_team("t1")
    assert panel.set_colour(QColor("#123456"))
    assert next(t for t in window.controller.scenario.teams if t.id == "t1").color == "#123456"
    assert overlay.marks["a2"][0][1] == QColor("#123456")
    window.controller.undo_stack.undo()
    assert overlay.marks["a2"][0][1] != QColor("#123456")
