"""The PDF export dialog: same file as the command line, progress, cancel, preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from orgdesigner.cli import main as cli_main
from orgdesigner.io import native
from orgdesigner.model.synthetic import generate_org
from orgdesigner.render.options import Appendix, FitMode, Paper
from orgdesigner.ui.analysis import AnalysisFeatures
from orgdesigner.ui.dialogs.export_pdf import ExportPdfDialog


def _texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def _pick(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))
    assert combo.currentData() == data


@pytest.fixture
def features(chart_window):
    return getattr(chart_window, "analysis", None) or AnalysisFeatures(chart_window)


def test_dialog_writes_the_same_pdf_as_the_command_line(qtbot, tmp_path, chart_window,
                                                        features):
    w = chart_window
    dialog = features.open_export_pdf()
    qtbot.addWidget(dialog)
    _pick(dialog.view, "inverted")
    _pick(dialog.paper, Paper.A3)
    _pick(dialog.orientation, True)
    _pick(dialog.fit, FitMode.TILE)
    dialog.scale.setValue(150)
    dialog.appendices[Appendix.CHECKS].setChecked(True)
    dialog.appendices[Appendix.METRICS].setChecked(True)
    dialog.title.setText("Workshop")
    gui_pdf = tmp_path / "gui.pdf"
    dialog.output.setText(str(gui_pdf))
    steps: list[tuple[int, int]] = []
    dialog._relay.progress.connect(lambda done, total: steps.append((done, total)))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_ is not None or dialog.error is not None,
                    timeout=30_000)
    assert dialog.error is None, dialog.error
    assert "Wrote" in dialog.status.text() and dialog.cancel_button.text() == "Close"
    dones = [done for done, _ in steps]
    assert len(steps) > 2 and dones == sorted(dones)  # the progress bar was fed as it went
    assert dialog.progress.value() == dialog.progress.maximum()
    source = tmp_path / "doc.orgchart"
    native.save(w.controller.doc, source)
    cli_pdf = tmp_path / "cli.pdf"
    args = dialog.command_line(str(source))
    args[args.index("-o") + 1] = str(cli_pdf)
    assert "--appendix" in args and "--landscape" in args and "--scale" in args
    assert cli_main([*args, "-q"]) == 0
    gui, cli = _texts(gui_pdf), _texts(cli_pdf)
    assert dialog.result_.pages == len(gui) == len(cli) > 1
    assert gui == cli
    assert any("Workshop" in t for t in gui)


def test_cancel_leaves_no_file(qtbot, tmp_path, chart_window):
    w = chart_window
    w.controller.set_document(generate_org(3000, seed=3))
    dialog = ExportPdfDialog(w.presenter, w)
    qtbot.addWidget(dialog)
    _pick(dialog.fit, FitMode.TILE)
    dialog.scale.setValue(400)
    out = tmp_path / "big.pdf"
    dialog.output.setText(str(out))
    assert dialog.start()
    assert dialog.cancel_button.text() == "Cancel"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running and bool(dialog.error or dialog.result_),
                    timeout=60_000)
    assert dialog.result_ is None and dialog.error
    assert "Not exported" in dialog.status.text() and "cancel" in dialog.error
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_preview_follows_paper_and_orientation(qtbot, chart_window, features):
    dialog = ExportPdfDialog(chart_window.presenter, chart_window)
    qtbot.addWidget(dialog)
    dialog.show()
    _pick(dialog.paper, Paper.A4)
    _pick(dialog.orientation, True)
    w, h = dialog.preview.page
    assert w > h and (w, h) == pytest.approx((841.89, 595.28), abs=0.1)
    _pick(dialog.orientation, False)
    w, h = dialog.preview.page
    assert w < h
    rect = dialog.preview.page_rect()
    assert rect.width() / rect.height() == pytest.approx(w / h, rel=0.01)
    assert dialog.preview.geometry_ is chart_window.presenter.scene.geometry
    _pick(dialog.view, "inverted")  # another view: laid out for the preview
    assert dialog.preview.geometry_.view == "inverted"


def test_bad_file_name_is_refused(qtbot, tmp_path, chart_window):
    dialog = ExportPdfDialog(chart_window.presenter, chart_window)
    qtbot.addWidget(dialog)
    dialog.output.setText(str(tmp_path / "chart.png"))
    assert not dialog.start()
    assert ".pdf" in dialog.status.text()


def test_export_pdf_sits_in_the_file_menu_beside_the_other_exports(qtbot, small_document,
                                                                   test_layout):
    from orgdesigner.ui.main_window import MainWindow

    window = MainWindow(small_document, layout=test_layout)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    svg = texts.index(window.file_actions.export_svg_action.text())
    assert texts[svg + 1] == "Export P&DF…"
    action = file_menu.actions()[svg + 1]
    assert action.shortcut().toString() == "Ctrl+P"
    window.file_actions = None  # closing must not ask about saving
