"""Autosave to the recovery folder and recovery after a crash."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QMainWindow, QMessageBox

from orgdesigner.io import native
from orgdesigner.model import OrgDocument
from orgdesigner.model.edits import change_position
from orgdesigner.model.synthetic import generate_org
from orgdesigner.ui.autosave import (
    Autosave,
    default_recovery_dir,
    find_orphans,
    snapshot_document,
)
from orgdesigner.ui.document import DocumentController
from orgdesigner.ui.file_actions import FileActions
from orgdesigner.ui.settings import AppSettings

Button = QMessageBox.StandardButton


class TinyWindow(QMainWindow):
    def __init__(self, doc: OrgDocument) -> None:
        super().__init__()
        self.controller = DocumentController(doc)
        scene = QGraphicsScene(self)
        scene.addRect(0, 0, 200, 100, brush=QColor("#f28e2b"))
        self.chart_view = QGraphicsView(scene, self)
        self.setCentralWidget(self.chart_view)
        self.statusBar()


@pytest.fixture
def home(tmp_path, monkeypatch):
    """Qt's test-mode standard paths under a fresh home folder."""
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def settings(tmp_path):
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def rename_top(controller: DocumentController, holder: str) -> None:
    top = controller.scenario.positions[0].id
    controller.apply(change_position(controller.doc, top, holder=holder))


def fast_autosave(controller: DocumentController, folder: Path | None = None) -> Autosave:
    return Autosave(controller, folder, interval_ms=60_000, idle_ms=30)


def test_recovery_folder_is_under_app_data(home):
    folder = default_recovery_dir()
    assert folder.name == "recovery"
    assert home in folder.parents


def test_idle_autosave_writes_only_while_modified(qtbot, tmp_path):
    controller = DocumentController(generate_org(10, seed=1))
    autosave = fast_autosave(controller, tmp_path / "rec")
    qtbot.wait(80)
    assert not autosave.file_path.exists()  # nothing changed: nothing written

    with qtbot.waitSignal(autosave.saved, timeout=2000):
        rename_top(controller, "First change")
    assert native.load(autosave.file_path).model_dump() == controller.doc.model_dump()
    assert not autosave.pending

    # Undo back to the saved state: the recovery file is not needed any more.
    controller.undo_stack.undo()
    assert not autosave.file_path.exists()

    with qtbot.waitSignal(autosave.saved, timeout=2000):
        controller.undo_stack.redo()
    controller.mark_saved()  # a clean save elsewhere
    assert not autosave.file_path.exists()


def test_periodic_autosave_while_changes_keep_coming(qtbot, tmp_path):
    controller = DocumentController(generate_org(10, seed=1))
    autosave = Autosave(controller, tmp_path / "rec", interval_ms=100, idle_ms=60_000)
    with qtbot.waitSignal(autosave.saved, timeout=2000):
        rename_top(controller, "Busy")
    assert autosave.file_path.exists()


def test_autosave_failure_is_reported_not_raised(qtbot, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    controller = DocumentController(generate_org(5))
    autosave = fast_autosave(controller, blocker / "rec")
    with qtbot.waitSignal(autosave.failed, timeout=2000) as blocker_signal:
        rename_top(controller, "x")
    assert "Autosave failed" in blocker_signal.args[0]
    assert autosave.pending  # the next change or tick tries again


def test_clean_close_removes_recovery_file(qtbot, home, settings, monkeypatch):
    window = TinyWindow(generate_org(10))
    qtbot.addWidget(window)
    actions = FileActions(window, settings=settings)
    rename_top(window.controller, "Someone")
    assert actions.autosave.save_now()
    path = actions.autosave.file_path
    assert path.exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: Button.Discard)
    assert actions.confirm_close()
    assert not path.exists()
    assert find_orphans(path.parent) == []


def test_crash_then_recovery_on_next_start(qtbot, home, settings, monkeypatch):
    # Session 1: changes, autosave writes, then the window is gone without confirm_close.
    window = TinyWindow(generate_org(15, seed=7))
    actions = FileActions(window, settings=settings)
    actions.autosave.idle_ms = 30
    with qtbot.waitSignal(actions.autosave.saved, timeout=2000):
        rename_top(window.controller, "Crashed Carla")
    expected = window.controller.doc.model_dump()
    recovery = actions.autosave.file_path
    shiboken6.delete(window)
    del window, actions
    gc.collect()
    assert recovery.exists()

    # Session 2 starts on a demo chart and is offered the autosaved one.
    window2 = TinyWindow(generate_org(3))
    qtbot.addWidget(window2)
    actions2 = FileActions(window2, settings=settings)
    asked: list[str] = []

    def restore(_parent, title, text, *a):
        asked.append(text)
        return Button.Yes

    monkeypatch.setattr(QMessageBox, "question", restore)
    assert actions2.offer_recovery()
    assert len(asked) == 1 and "did not close properly" in asked[0]
    assert window2.controller.doc.model_dump() == expected
    assert window2.controller.modified and window2.isWindowModified()
    assert not recovery.exists()  # the old session's copy is gone...
    assert actions2.autosave.file_path.exists()  # ...once ours is written
    # Nothing more to offer.
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("asked again"))
    assert not actions2.offer_recovery()


def test_recovery_after_a_killed_process(qtbot, tmp_path, settings, monkeypatch):
    """A real crash: the process dies holding its lock; the next start restores."""
    folder = tmp_path / "rec"
    script = textwrap.dedent(f"""
        import os, signal
        from PySide6.QtCore import QCoreApplication
        from orgdesigner.model.edits import change_position
        from orgdesigner.model.synthetic import generate_org
        from orgdesigner.ui.autosave import Autosave
        from orgdesigner.ui.document import DocumentController
        app = QCoreApplication([])
        ctl = DocumentController(generate_org(8, seed=2))
        ctl.set_path(__import__("pathlib").Path({str(tmp_path / "team.orgchart")!r}))
        auto = Autosave(ctl, __import__("pathlib").Path({str(folder)!r}))
        top = ctl.scenario.positions[0].id
        ctl.apply(change_position(ctl.doc, top, holder="Killed Kim"))
        assert auto.save_now()
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert done.returncode == -9, done.stderr.decode()
    assert list(folder.glob("*.lock")), "the dead session's lock is left behind"

    window = TinyWindow(OrgDocument.empty())
    qtbot.addWidget(window)
    actions = FileActions(window, settings=settings, recovery_dir=folder)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a: asked.append(text) or Button.Yes)
    assert actions.offer_recovery()
    assert "team.orgchart" in asked[0]
    assert window.controller.scenario.positions[0].holder == "Killed Kim"
    assert window.controller.path == tmp_path / "team.orgchart"
    assert window.windowTitle().startswith("team.orgchart")


def test_running_sessions_files_are_not_offered(qtbot, tmp_path, settings, monkeypatch):
    folder = tmp_path / "rec"
    other = DocumentController(generate_org(6))
    other_autosave = fast_autosave(other, folder)
    rename_top(other, "Still running")
    assert other_autosave.save_now()

    window = TinyWindow(OrgDocument.empty())
    qtbot.addWidget(window)
    actions = FileActions(window, settings=settings, recovery_dir=folder)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("must not ask"))
    assert not actions.offer_recovery()
    assert other_autosave.file_path.exists()


def test_discard_and_ignore_choices(qtbot, tmp_path, settings, monkeypatch):
    folder = tmp_path / "rec"
    ctl = DocumentController(generate_org(6))
    crashed = fast_autosave(ctl, folder)
    rename_top(ctl, "Left behind")
    assert crashed.save_now()
    crashed._lock.unlock()  # noqa: SLF001 - as if its process had ended
    path = crashed.file_path

    window = TinyWindow(OrgDocument.empty())
    qtbot.addWidget(window)
    actions = FileActions(window, settings=settings, recovery_dir=folder)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: Button.Ignore)
    assert not actions.offer_recovery()
    assert path.exists()  # kept for the next start
    monkeypatch.setattr(QMessageBox, "question", lambda *a: Button.Discard)
    assert not actions.offer_recovery()
    assert not path.exists()
    assert window.controller.scenario.positions == []


def test_unreadable_recovery_file_is_set_aside(qtbot, tmp_path, settings, monkeypatch):
    folder = tmp_path / "rec"
    folder.mkdir()
    (folder / "dead-1.orgchart").write_bytes(b"{ not json")
    window = TinyWindow(OrgDocument.empty())
    qtbot.addWidget(window)
    actions = FileActions(window, settings=settings, recovery_dir=folder)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: Button.Yes)
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    assert not actions.offer_recovery()
    assert shown and "dead-1.orgchart" in shown[0]
    assert (folder / "dead-1.orgchart.unreadable").exists()
    assert find_orphans(folder) == []


def test_background_write_uses_a_snapshot(qtbot, tmp_path):
    controller = DocumentController(generate_org(40, seed=5))
    autosave = Autosave(controller, tmp_path / "rec", idle_ms=30)
    rename_top(controller, "At snapshot")
    snapshot = snapshot_document(controller.doc).model_dump()
    with qtbot.waitSignal(autosave.saved, timeout=5000):
        assert autosave.save_in_background()
        assert not autosave.save_in_background()  # one write at a time
        rename_top(controller, "After snapshot")  # the GUI keeps editing meanwhile
    assert native.load(autosave.file_path).model_dump() == snapshot
    # The later change is still pending and is written once the user pauses.
    with qtbot.waitSignal(autosave.saved, timeout=5000):
        pass
    assert native.load(autosave.file_path).scenario().positions[0].holder == "After snapshot"


def test_saving_while_a_background_write_runs_leaves_no_recovery_file(qtbot, tmp_path):
    controller = DocumentController(generate_org(40, seed=5))
    autosave = Autosave(controller, tmp_path / "rec", idle_ms=60_000)
    rename_top(controller, "Racing")
    assert autosave.save_in_background()
    controller.mark_saved()  # a clean save lands while the worker writes
    autosave.wait()
    qtbot.wait(20)
    assert not autosave.file_path.exists()


def test_snapshot_is_independent_of_later_edits():
    doc = generate_org(10, seed=2)
    copy = snapshot_document(doc)
    before = copy.model_dump()
    change_position(doc, doc.scenario().positions[0].id, holder="Changed").apply(doc)
    assert copy.model_dump() == before
    assert doc.scenario().positions[0].holder == "Changed"


def test_stale_lock_without_recovery_file_is_cleaned(qtbot, tmp_path):
    folder = tmp_path / "rec"
    controller = DocumentController(generate_org(5))
    autosave = fast_autosave(controller, folder)
    rename_top(controller, "Briefly")
    assert autosave.save_now()
    controller.mark_saved()  # the recovery file goes, the session's lock stays
    assert not autosave.file_path.exists()
    lock = autosave.file_path.with_suffix(".lock")
    assert lock.exists()
    assert find_orphans(folder) == [] and lock.exists()  # alive: left alone
    autosave._lock.unlock()  # noqa: SLF001 - its process ends without cleaning up
    from PySide6.QtCore import QSysInfo

    lock.write_text(f"999999999\nghost\n{QSysInfo.machineHostName()}\n")  # a dead pid
    assert find_orphans(folder) == []
    assert not lock.exists()
