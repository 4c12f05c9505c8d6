"""The checks dock: findings by severity, live after edits, picking frames positions,
badges on boxes, and the profile dialog as one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QSpinBox

from orgdesigner.checks.finding import Severity
from orgdesigner.model.document import Position
from orgdesigner.model.edits import Relation, add_position, change_position
from orgdesigner.ui.analysis import AnalysisFeatures
from orgdesigner.ui.dialogs.profile import ProfileDialog
from orgdesigner.ui.panels.checks import CODE_ROLE


@pytest.fixture
def analysis(qtbot, chart_window):
    w = chart_window
    features = getattr(w, "analysis", None) or AnalysisFeatures(w)
    features.checks_dock.show()
    features.checks_dock.raise_()
    qtbot.waitUntil(lambda: features.checks.report is not None and not features.checks.job.busy)
    return w, features


def _rows(panel):
    model = panel.model
    out = {}
    for r in range(model.rowCount()):
        head = model.item(r, 0)
        out[Severity(head.data(Qt.ItemDataRole.UserRole))] = [
            (head.child(i).data(CODE_ROLE), head.child(i).text()) for i in range(head.rowCount())]
    return out


def test_findings_grouped_by_severity(analysis):
    w, features = analysis
    panel = features.checks
    rows = _rows(panel)
    report = panel.report
    assert rows, "the small org has findings (spans of one or two)"
    for severity, items in rows.items():
        expected = [(f.code, f.message) for f in report.findings if f.severity is severity]
        assert items == expected
    assert "profile" in panel.summary.text()


def test_checks_rerun_after_an_edit_without_blocking(qtbot, analysis):
    w, features = analysis
    panel = features.checks
    before = panel.report
    doc = w.controller.doc
    # Bob has 2 reports only (SPAN_ONE_OR_TWO); a third report clears that finding.
    codes_before = {(f.code, f.ids) for f in before.findings}
    assert ("SPAN_ONE_OR_TWO", ("a",)) in codes_before
    w.controller.apply(add_position(doc, Position(id="a3", holder="Gil", title="Seller"),
                                    anchor_id="a", relation=Relation.REPORT))
    assert panel.job.busy  # debounced: nothing ran on the GUI thread yet
    assert panel.report is before
    qtbot.waitUntil(lambda: panel.report is not before and not panel.job.busy, timeout=5000)
    codes_after = {(f.code, f.ids) for f in panel.report.findings}
    assert codes_after != codes_before
    assert ("SPAN_ONE_OR_TWO", ("a",)) not in codes_after


def test_quick_edits_give_one_fresh_result(qtbot, analysis):
    w, features = analysis
    panel = features.checks
    results = []
    panel.job.finished.connect(results.append)
    doc = w.controller.doc
    for name in ("X", "Y", "Z"):
        w.controller.apply(change_position(doc, "b1", holder=name))
    qtbot.waitUntil(lambda: not panel.job.busy, timeout=5000)
    qtbot.wait(50)
    assert len(results) == 1


def test_clicking_a_finding_selects_and_frames_its_positions(qtbot, analysis):
    w, features = analysis
    panel = features.checks
    tree = panel.tree
    target = None
    for r in range(panel.model.rowCount()):
        head = panel.model.index(r, 0)
        tree.setExpanded(head, True)
        for i in range(panel.model.rowCount(head)):
            index = panel.model.index(i, 0, head)
            finding = panel.finding_at(index)
            if any(p.id in finding.ids for p in w.controller.scenario.positions):
                target = (index, finding)
                break
        if target:
            break
    assert target is not None
    index, finding = target
    w.chart_view.centerOn(-3000, -3000)
    tree.scrollTo(index)
    rect = tree.visualRect(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    ids = [i for i in finding.ids if w.presenter.scene.box(i) is not None]
    assert w.presenter.selected_id == ids[0]
    assert panel.highlighted == ids
    visible = w.chart_view.mapToScene(w.chart_view.viewport().rect()).boundingRect()
    for pid in ids:
        box = w.presenter.scene.box(pid)
        assert visible.contains(box.x + box.w / 2, box.y + box.h / 2)


def test_boxes_with_findings_carry_a_badge(analysis):
    w, features = analysis
    badges = features.checks.badges.badges
    report = features.checks.report
    for finding in report.findings:
        for pid in finding.ids:
            if w.presenter.scene.box(pid) is not None:
                assert pid in badges
                assert badges[pid].rank <= finding.severity.rank
    assert set(badges) <= {i for f in report.findings for i in f.ids}


def test_profile_dialog_changes_profile_in_one_undo_step(qtbot, analysis):
    w, features = analysis
    panel = features.checks
    doc = w.controller.doc
    old = doc.check_profile
    narrow_before = len(panel.report.by_code("SPAN_ONE_OR_TWO"))
    assert narrow_before > 0

    def fill() -> None:
        dialog = next(d for d in panel.findChildren(ProfileDialog) if d.isVisible())
        spin = dialog.editors["span_min"]
        assert isinstance(spin, QSpinBox)
        spin.selectAll()
        qtbot.keyClicks(spin, "1")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(100, fill)
    panel.edit_profile()
    assert doc.check_profile.span_min == 1
    assert doc.check_profile.span_max == old.span_max
    qtbot.waitUntil(lambda: not panel.job.busy, timeout=5000)
    assert not panel.report.by_code("SPAN_ONE_OR_TWO")
    w.controller.undo_stack.undo()
    assert doc.check_profile == old
    qtbot.waitUntil(lambda: not panel.job.busy, timeout=5000)
    assert len(panel.report.by_code("SPAN_ONE_OR_TWO")) == narrow_before


def test_profile_dialog_refuses_min_above_max(qtbot):
    from orgdesigner.model.profile import CheckProfile

    dialog = ProfileDialog(CheckProfile())
    qtbot.addWidget(dialog)
    dialog.editors["span_min"].setValue(20)
    dialog.editors["span_max"].setValue(10)
    dialog.accept()
    assert dialog.result() == 0 and "Span min" in dialog.error.text()
    assert dialog.profile == CheckProfile()


def test_picking_another_box_clears_the_finding_outline(qtbot, analysis, point_of):
    w, features = analysis
    panel = features.checks
    head = panel.model.index(0, 0)
    panel.tree.expand(head)
    panel.show_finding(panel.model.index(0, 0, head))
    picked = panel.highlighted
    assert picked
    other = next(p.id for p in w.controller.scenario.positions if p.id not in picked)
    w.chart_view.center_on_box(other)
    qtbot.mouseClick(w.chart_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=point_of(w.chart_view, other))
    assert w.presenter.selected_id == other
    assert panel.highlighted == []
