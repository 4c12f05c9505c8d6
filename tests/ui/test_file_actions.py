"""File menu: save and reopen, title mark, recent files, close prompts, errors, export, New."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QGraphicsScene,
    QGraphicsView,
    QMainWindow,
    QMenu,
    QMessageBox,
)

from orgdesigner.io import native
from orgdesigner.model import OrgDocument, Position
from orgdesigner.model.edits import change_position
from orgdesigner.model.synthetic import generate_org
from orgdesigner.ui.dialogs.template_gallery import BLANK, TemplateGalleryDialog
from orgdesigner.ui.document import DocumentController
from orgdesigner.ui.file_actions import FileActions
from orgdesigner.ui.settings import AppSettings

Button = QMessageBox.StandardButton


class TinyWindow(QMainWindow):
    """The least a window must offer FileActions (the real one is the core engineer's)."""

    def __init__(self, doc: OrgDocument) -> None:
        super().__init__()
        self.controller = DocumentController(doc)
        scene = QGraphicsScene(self)
        scene.addRect(0, 0, 300, 120, brush=QColor("#4e79a7"))
        scene.addText("CEO").setPos(20, 20)
        self.chart_view = QGraphicsView(scene, self)
        self.setCentralWidget(self.chart_view)
        self.statusBar()


@pytest.fixture
def make(qtbot, tmp_path, monkeypatch):
    """make(doc) -> (window, actions), isolated settings and recovery folder."""
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))

    def build(doc: OrgDocument | None = None) -> tuple[TinyWindow, FileActions]:
        window = TinyWindow(doc if doc is not None else generate_org(12, seed=3))
        qtbot.addWidget(window)
        actions = FileActions(window, settings=settings, recovery_dir=tmp_path / "recovery")
        menu = QMenu("&File", window)
        window.menuBar().addMenu(menu)
        actions.install(menu, window.addToolBar("File"))
        return window, actions

    return build


@pytest.fixture
def errors(monkeypatch):
    """Collects QMessageBox.critical calls instead of showing them."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, title, text, *a: shown.append((title, text)))
    return shown


def answer_save_dialog(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def answer_open_dialog(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def rename_top(window: TinyWindow, holder: str) -> None:
    top = window.controller.scenario.positions[0].id
    window.controller.apply(change_position(window.controller.doc, top, holder=holder))


def test_save_and_reopen_round_trips_and_tracks_title(make, monkeypatch, tmp_path):
    window, actions = make()
    rename_top(window, "Ada Lovelace")
    assert window.isWindowModified()
    assert window.windowTitle().endswith("[*] — OrgDesigner")

    target = tmp_path / "acme"  # the suffix is added
    answer_save_dialog(monkeypatch, target)
    actions.save_action.trigger()
    saved = tmp_path / "acme.orgchart"
    assert saved.is_file()
    assert not window.controller.modified and not window.isWindowModified()
    assert window.windowTitle().startswith("acme.orgchart[*]")
    assert actions.settings.recent_files() == [saved]

    other, other_actions = make(OrgDocument.empty())
    answer_open_dialog(monkeypatch, saved)
    assert other_actions.open_file()
    assert other.controller.path == saved
    assert other.controller.doc.model_dump() == window.controller.doc.model_dump()
    assert other.controller.scenario.positions[0].holder == "Ada Lovelace"
    assert not other.controller.modified
    assert other.windowTitle().startswith("acme.orgchart")

    # Save again goes to the same file without asking, keeping the previous version.
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: pytest.fail("Save must not ask for a name"))
    rename_top(other, "Grace Hopper")
    assert other_actions.save()
    assert native.load(saved).scenario().positions[0].holder == "Grace Hopper"
    assert native.load(saved.with_name("acme.orgchart.bak")).scenario().positions[0].holder \
        == "Ada Lovelace"


def test_ctrl_s_on_the_window_saves(make, monkeypatch, qtbot, tmp_path):
    window, _ = make()
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.chart_view.setFocus()
    rename_top(window, "Keyboard")
    answer_save_dialog(monkeypatch, tmp_path / "keys.orgchart")
    qtbot.keyClick(window.chart_view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: (tmp_path / "keys.orgchart").exists(), timeout=2000)
    assert not window.controller.modified


def test_open_bad_file_shows_message_and_changes_nothing(make, errors, tmp_path):
    window, actions = make()
    before = window.controller.doc.model_dump()
    broken = tmp_path / "broken.orgchart"
    broken.write_bytes(b'{"format": "orgdesigner", "schema_version": 1, "scenarios": [')
    assert not actions.open_or_import(broken)
    assert len(errors) == 1
    title, text = errors[0]
    assert "broken.orgchart" in text and "Traceback" not in text
    assert window.controller.doc.model_dump() == before
    assert broken.read_bytes().endswith(b"[")


def test_failed_save_keeps_document_modified(make, errors, monkeypatch, tmp_path):
    window, actions = make()
    rename_top(window, "Unsaved")
    answer_save_dialog(monkeypatch, tmp_path / "no-such-folder" / "x.orgchart")
    assert not actions.save()
    assert errors and "x.orgchart" in errors[0][1]
    assert window.controller.modified
    assert window.controller.path is None


def test_confirm_close_cancel_discard_and_save(make, monkeypatch, tmp_path):
    window, actions = make()
    assert actions.confirm_close() is True  # nothing to save: no question

    window, actions = make()
    rename_top(window, "Changed")
    asked: list[str] = []

    def reply(button):
        def question(_parent, title, text, *a):
            asked.append(text)
            return button
        return question

    monkeypatch.setattr(QMessageBox, "question", reply(Button.Cancel))
    assert actions.confirm_close() is False
    assert window.controller.modified and len(asked) == 1

    monkeypatch.setattr(QMessageBox, "question", reply(Button.Save))
    answer_save_dialog(monkeypatch, tmp_path / "closing.orgchart")
    assert actions.confirm_close() is True
    assert (tmp_path / "closing.orgchart").exists() and not window.controller.modified

    window, actions = make()
    rename_top(window, "Thrown away")
    monkeypatch.setattr(QMessageBox, "question", reply(Button.Discard))
    assert actions.confirm_close() is True


def test_recent_files_menu_opens_most_recent_first(make, monkeypatch, tmp_path):
    window, actions = make()
    for name in ("one", "two"):
        answer_save_dialog(monkeypatch, tmp_path / f"{name}.orgchart")
        assert actions.save_as()
    files = [a.data() for a in actions.recent_menu.actions() if a.data()]
    assert [Path(f).name for f in files] == ["two.orgchart", "one.orgchart"]

    other, other_actions = make(OrgDocument.empty())
    first = next(a for a in other_actions.recent_menu.actions() if a.data())
    first.trigger()
    assert other.controller.path == tmp_path / "two.orgchart"

    # A recent file that vanished is reported and dropped from the menu.
    (tmp_path / "one.orgchart").unlink()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    assert not other_actions.open_path(tmp_path / "one.orgchart")
    assert shown and "one.orgchart" in shown[0]
    assert [p.name for p in other_actions.settings.recent_files()] == ["two.orgchart"]


def test_export_png_and_svg_of_the_canvas(make, tmp_path):
    window, actions = make()
    png = tmp_path / "chart.png"
    svg = tmp_path / "chart.svg"
    from orgdesigner.ui.chart_image import ImageFormat

    assert actions.export_image(ImageFormat.PNG, png)
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 300 and image.height() > 120
    # The blue box is in the picture, on a white background.
    assert image.pixelColor(2, 2) == QColor("white")
    assert image.pixelColor(image.width() // 2, image.height() // 2).blue() > 150

    assert actions.export_image(ImageFormat.SVG, svg)
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "</svg>" in text


def test_export_of_an_empty_chart_is_refused(make, errors, tmp_path):
    window, actions = make()
    window.chart_view.scene().clear()
    from orgdesigner.ui.chart_image import ImageFormat

    assert not actions.export_image(ImageFormat.PNG, tmp_path / "empty.png")
    assert errors and "empty" in errors[0][1]
    assert not (tmp_path / "empty.png").exists()


def test_unknown_file_kind_is_refused(make, errors, tmp_path):
    _, actions = make()
    odd = tmp_path / "notes.txt"
    odd.write_text("hello")
    assert not actions.open_or_import(odd)
    assert ".orgchart" in errors[0][1]


def test_new_from_template_gallery(make, monkeypatch):
    window, actions = make()
    gallery = TemplateGalleryDialog()
    names = gallery.names()
    assert names[0] == BLANK and len(names) == 10 and "nordstrom" in names

    def pick(self):
        self.select("nordstrom")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TemplateGalleryDialog, "exec", pick)
    assert actions.new_document()
    assert window.controller.path is None
    assert len(window.controller.scenario.positions) >= 15
    assert not window.controller.modified

    def blank(self):
        self.select(BLANK)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TemplateGalleryDialog, "exec", blank)
    assert actions.new_document()
    assert window.controller.scenario.positions == []


def test_new_asks_before_dropping_changes(make, monkeypatch):
    window, actions = make()
    window.controller.apply(change_position(window.controller.doc,
                                            window.controller.scenario.positions[0].id,
                                            holder="Keep me"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: Button.Cancel)
    monkeypatch.setattr(TemplateGalleryDialog, "exec",
                        lambda self: pytest.fail("the gallery must not open"))
    assert not actions.new_document()
    assert window.controller.scenario.positions[0].holder == "Keep me"
    assert isinstance(window.controller.scenario.positions[0], Position)


def test_wide_svg_keeps_everything(make, tmp_path):
    from orgdesigner.ui.chart_image import ImageFormat

    window, actions = make()
    window.chart_view.scene().addRect(9000, 0, 300, 120, brush=QColor("#e15759"))
    path = tmp_path / "wide.svg"
    assert actions.export_image(ImageFormat.SVG, path)
    text = path.read_text(encoding="utf-8")
    assert "#4e79a7" in text and "#e15759" in text
    width, height = (int(v) for v in re.search(r'viewBox="0 0 (\d+) (\d+)"', text).groups())
    assert 9348 <= width <= 9350 and 168 <= height <= 170  # both boxes and the margins


def test_cancelled_png_export_writes_nothing(make, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QProgressDialog

    from orgdesigner.ui.chart_image import ImageFormat

    _, actions = make()
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    path = tmp_path / "cancelled.png"
    assert not actions.export_image(ImageFormat.PNG, path)
    assert [p for p in tmp_path.rglob("*")
            if p.suffix == ".png" or p.name.startswith(".~od-")] == []
    assert "Cancelled" in actions.window.statusBar().currentMessage()
def test_in_the_main_window_menu_export_and_drop(qtbot, tmp_path, monkeypatch):
    """FileActions wired into the real window: menu, canvas export, a dropped file."""
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from orgdesigner.io.templates import load_template
    from orgdesigner.ui.chart_image import ImageFormat
    from orgdesigner.ui.main_window import MainWindow

    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    window = MainWindow(load_template("functional"))
    qtbot.addWidget(window)
    actions = window.file_actions
    assert isinstance(actions, FileActions)
    actions.settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text().replace("&", "") for a in file_menu.actions()]
    for wanted in ("New...", "Open...", "Open Recent", "Save", "Save As...",
                   "Import CSV/GraphML...", "Export PNG...", "Export SVG..."):
        assert wanted in texts

    png = tmp_path / "functional.png"
    assert actions.export_image(ImageFormat.PNG, png)
    image = QImage(str(png))
    assert image.width() > 400
    colours = {image.pixelColor(x, image.height() // 3).name()
               for x in range(0, image.width(), 7)}
    assert len(colours) > 3  # boxes, text and lines, not a blank page

    other = tmp_path / "dropped.orgchart"
    native.save(generate_org(7, seed=9), other)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.controller.path == other
    assert len(window.controller.scenario.positions) == 7
    assert window.windowTitle().startswith("dropped.orgchart")


def test_an_edit_made_while_saving_stays_unsaved(make, monkeypatch, tmp_path):
    import orgdesigner.ui.file_actions as file_actions_module

    window, actions = make()
    rename_top(window, "Before saving")

    def run_with_a_key_press_meanwhile(_parent, _label, work, cancellable=True):
        result = work()
        rename_top(window, "During saving")  # the GUI thread handled an edit meanwhile
        return result

    monkeypatch.setattr(file_actions_module, "run_in_thread", run_with_a_key_press_meanwhile)
    answer_save_dialog(monkeypatch, tmp_path / "busy.orgchart")
    assert actions.save()
    assert window.controller.modified
    assert native.load(tmp_path / "busy.orgchart").scenario().positions[0].holder \
        == "Before saving"


def test_cancelled_open_keeps_the_current_chart(make, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QProgressDialog

    window, actions = make()
    before = window.controller.doc.model_dump()
    path = tmp_path / "other.orgchart"
    native.save(generate_org(30, seed=8), path)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    assert not actions.open_path(path)
    assert window.controller.doc.model_dump() == before
    assert window.controller.path is None
    assert "Cancelled" in window.statusBar().currentMessage()


def test_png_painted_in_strips_keeps_layers_and_can_stop(qtbot, monkeypatch):
    import orgdesigner.ui.chart_image as chart_image

    scene = QGraphicsScene()
    scene.addRect(0, 0, 1000, 200, brush=QColor("#dddddd")).setZValue(0)  # spans strips
    scene.addRect(100, 50, 80, 40, brush=QColor("#ff0000")).setZValue(1)
    scene.addRect(800, 50, 80, 40, brush=QColor("#0000ff")).setZValue(1)
    monkeypatch.setattr(chart_image, "PNG_STRIP_PIXELS", 64)
    calls: list[tuple[int, int]] = []
    image = chart_image.render_png_image(
        scene, scale=1.0, progress=lambda done, total: calls.append((done, total)) or True)
    assert len(calls) == calls[0][1] > 10 and calls[-1][0] == calls[-1][1]
    m = chart_image.MARGIN
    assert image.pixelColor(int(140 + m), int(70 + m)).name() == "#ff0000"
    assert image.pixelColor(int(840 + m), int(70 + m)).name() == "#0000ff"
    assert image.pixelColor(int(500 + m), int(150 + m)).name() == "#dddddd"
    assert image.pixelColor(2, 2).name() == "#ffffff"
    assert chart_image.render_png_image(scene, progress=lambda done, total: False) is None


def test_svg_of_a_very_big_chart_asks_first(make, monkeypatch, tmp_path):
    import orgdesigner.ui.file_actions as file_actions_module
    from orgdesigner.ui.chart_image import ImageFormat

    _, actions = make()
    monkeypatch.setattr(file_actions_module, "SVG_CONFIRM_POSITIONS", 5)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a: asked.append(text) or Button.No)
    assert not actions.export_image(ImageFormat.SVG, tmp_path / "big.svg")
    assert "12 positions" in asked[0] and "PDF" in asked[0]
    assert not (tmp_path / "big.svg").exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: Button.Yes)
    assert actions.export_image(ImageFormat.SVG, tmp_path / "big.svg")


def test_a_file_the_window_starts_with_is_a_recent_file(make, tmp_path):
    path = tmp_path / "start.orgchart"
    native.save(generate_org(4), path)
    window = TinyWindow(native.load(path))
    window.controller.set_path(path)
    settings = AppSettings(QSettings(str(tmp_path / "own.ini"), QSettings.Format.IniFormat))
    actions = FileActions(window, settings=settings, recovery_dir=tmp_path / "rec")
    assert settings.recent_files() == [path]
    assert window.windowTitle().startswith("start.orgchart")
    actions.autosave.finish()
    window.deleteLater()
