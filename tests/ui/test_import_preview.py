"""Import preview: detected columns, editable mapping, problems with rows, refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QMainWindow, QMessageBox

from orgdesigner.model import OrgDocument
from orgdesigner.model.synthetic import generate_org
from orgdesigner.ui.dialogs.import_preview import NOT_IMPORTED, ImportPreviewDialog
from orgdesigner.ui.document import DocumentController
from orgdesigner.ui.file_actions import FileActions
from orgdesigner.ui.settings import AppSettings

BAD_CSV = (
    "ID;Name;Title;Manager ID;FTE\n"
    "1;Ann Abel;CEO;;1\n"
    "2;Bob Berg;CFO;1;0,5\n"
    "3;Cy Costa;CTO;9;abc\n"
    "3;Dee Dubois;COO;1;1\n"
)
GOOD_CSV = (
    "Key,Full Name,Job,Chef\n"
    "1,Ann Abel,CEO,\n"
    "2,Bob Berg,CFO,Ann Abel\n"
    "3,Cy Costa,CTO,Ann Abel\n"
)


class TinyWindow(QMainWindow):
    def __init__(self, doc: OrgDocument) -> None:
        super().__init__()
        self.controller = DocumentController(doc)
        scene = QGraphicsScene(self)
        scene.addRect(0, 0, 100, 50)
        self.chart_view = QGraphicsView(scene, self)
        self.setCentralWidget(self.chart_view)
        self.statusBar()


@pytest.fixture
def window_actions(qtbot, tmp_path, monkeypatch):
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    window = TinyWindow(generate_org(6, seed=4))
    qtbot.addWidget(window)
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    return window, FileActions(window, settings=settings, recovery_dir=tmp_path / "rec")


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(dialog: ImportPreviewDialog) -> list[str]:
    return [dialog.problems.item(i).text() for i in range(dialog.problems.count())]


def test_preview_shows_detection_mapping_rows_and_every_problem(qtbot, tmp_path):
    dialog = ImportPreviewDialog(write(tmp_path, "bad.csv", BAD_CSV))
    qtbot.addWidget(dialog)
    assert "semicolon" in dialog.detected_label.text()
    assert "utf-8" in dialog.detected_label.text()
    assert dialog.combos["id"].currentText() == "ID"
    assert dialog.combos["manager"].currentText() == "Manager ID"
    assert dialog.combos["unit"].currentText() == NOT_IMPORTED
    assert dialog.sample.rowCount() == 4 and dialog.sample.columnCount() == 5
    assert dialog.sample.item(2, 1).text() == "Cy Costa"
    assert dialog.sample.verticalHeaderItem(0).text() == "2"  # spreadsheet row numbers

    found = problems_of(dialog)
    assert any("row 4" in p and "FTE" in p for p in found)
    assert any("row 5" in p and "'3'" in p for p in found)
    assert any("row 4" in p and "'9'" in p for p in found)
    assert not dialog.import_button.isEnabled()

    # Not importing FTE removes that problem but not the others: still refused.
    dialog.set_column("fte", "")
    left = problems_of(dialog)
    assert len(left) == 2 and not any("FTE" in p for p in left)
    assert not dialog.import_button.isEnabled()


def test_bad_csv_is_refused_and_nothing_changes(qtbot, window_actions, tmp_path, monkeypatch):
    window, actions = window_actions
    before = window.controller.doc.model_dump()
    seen: list[list[str]] = []

    def click_import(self):
        self.show()
        seen.append(problems_of(self))
        qtbot.mouseClick(self.import_button, Qt.MouseButton.LeftButton)  # disabled: no effect
        assert self.isVisible()
        self.reject()
        return self.result()

    monkeypatch.setattr(ImportPreviewDialog, "exec", click_import)
    assert not actions.open_or_import(write(tmp_path, "bad.csv", BAD_CSV))
    assert sum("row 4" in p for p in seen[0]) >= 2 and any("row 5" in p for p in seen[0])
    assert window.controller.doc.model_dump() == before
    assert not window.controller.modified


def test_mapping_fix_then_import_through_the_file_menu(qtbot, window_actions, tmp_path,
                                                       monkeypatch):
    window, actions = window_actions
    path = write(tmp_path, "staff.csv", GOOD_CSV, encoding="cp1252")

    def map_and_import(self):
        self.show()
        assert self.combos["manager"].currentText() == NOT_IMPORTED  # "Chef" is unknown
        self.set_column("id", "Key")
        self.set_column("manager", "Chef")
        assert problems_of(self) == [] and self.import_button.isEnabled()
        qtbot.mouseClick(self.import_button, Qt.MouseButton.LeftButton)
        return self.result()

    monkeypatch.setattr(ImportPreviewDialog, "exec", map_and_import)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(path), ""))
    actions.import_action.trigger()
    scenario = window.controller.scenario
    assert [p.holder for p in scenario.positions] == ["Ann Abel", "Bob Berg", "Cy Costa"]
    assert {(ln.manager_id, ln.report_id) for ln in scenario.lines} == {("1", "2"), ("1", "3")}
    assert window.controller.path is None and window.controller.modified
    assert window.isWindowModified()


def test_unreadable_csv_shows_a_message(qtbot, window_actions, tmp_path, monkeypatch):
    window, actions = window_actions
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    monkeypatch.setattr(ImportPreviewDialog, "exec",
                        lambda self: pytest.fail("no preview for an unreadable file"))
    empty = write(tmp_path, "empty.csv", "")
    assert not actions.import_path(empty)
    assert shown and "empty.csv" in shown[0] and "Traceback" not in shown[0]


def test_graphml_is_imported_without_preview(qtbot, window_actions, tmp_path, monkeypatch):
    from orgdesigner.io.graphml import export_graphml

    window, actions = window_actions
    source = generate_org(9, seed=11)
    path = tmp_path / "org.graphml"
    export_graphml(source, path)
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda self: pytest.fail("CSV only"))
    assert actions.open_or_import(path)
    got = window.controller.scenario
    assert [p.id for p in got.positions] == [p.id for p in source.scenario().positions]
    assert window.controller.modified and window.controller.path is None


def test_unsafe_graphml_is_refused_with_a_message(qtbot, window_actions, tmp_path,
                                                  monkeypatch):
    window, actions = window_actions
    before = window.controller.doc.model_dump()
    evil = write(tmp_path, "evil.graphml", (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>'
        '<node id="&lol;"/></graph></graphml>'))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    assert not actions.open_or_import(evil)
    assert shown and "evil.graphml" in shown[0]
    assert window.controller.doc.model_dump() == before
