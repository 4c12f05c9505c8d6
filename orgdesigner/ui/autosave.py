"""Autosave to a recovery folder, and finding what a crashed session left behind.

While the document has unsaved changes it is written (atomically, as a normal ``.orgchart``
file) to ``<app data>/recovery/<session>.orgchart`` a few seconds after the last change and
at least every minute, with a small ``<session>.json`` beside it (the file it came from, when
it was written). A clean save, undoing back to the saved state, opening another document or
a clean close removes it. Each running session holds ``<session>.lock`` (a ``QLockFile``):
a recovery file whose lock is free at start-up was left by a session that crashed, while
one whose lock is held belongs to another window that is still running and is left alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLockFile,
    QObject,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)

from orgdesigner.errors import OrgDesignerError
from orgdesigner.io import native
from orgdesigner.io.atomic import atomic_write_bytes
from orgdesigner.model.document import OrgDocument
from orgdesigner.ui.document import DocumentController

__all__ = [
    "AUTOSAVE_INTERVAL_MS",
    "IDLE_DELAY_MS",
    "Autosave",
    "RecoveryFile",
    "default_recovery_dir",
    "find_orphans",
    "snapshot_document",
]

#: Autosave at least this often while there are unsaved changes.
AUTOSAVE_INTERVAL_MS = 60_000
#: ... and this long after the last change (the user paused).
IDLE_DELAY_MS = 4_000

_DOC_SUFFIX = ".orgchart"
_META_SUFFIX = ".json"
_LOCK_SUFFIX = ".lock"
_UNREADABLE_SUFFIX = ".unreadable"


def default_recovery_dir() -> Path:
    """``recovery`` under the platform's per-user application data folder."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


def snapshot_document(doc: OrgDocument) -> OrgDocument:
    """A copy that later edits cannot reach: the items are frozen values, so copying the
    lists that hold them (milliseconds, even at 100,000 positions) is enough."""
    scenarios = [
        scenario.model_copy(update={
            name: list(value) for name in type(scenario).model_fields
            if isinstance(value := getattr(scenario, name), list)})
        for scenario in doc.scenarios
    ]
    return doc.model_copy(update={"scenarios": scenarios, "meta": doc.meta.model_copy(),
                                  "check_profile": doc.check_profile.model_copy()})


def _new_lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    # Only a dead owner makes a lock stale: a window left open for days keeps its claim.
    lock.setStaleLockTime(0)
    return lock


@dataclass
class RecoveryFile:
    """A recovery file left by a session that did not close cleanly. While this object
    holds ``lock``, no other starting window will offer the same file."""

    document_path: Path
    lock: QLockFile = field(repr=False)
    original_path: Path | None
    saved_at: datetime
    title: str

    @property
    def session(self) -> str:
        return self.document_path.stem

    def load(self) -> OrgDocument:
        """The autosaved document; ``LoadError`` when it cannot be read."""
        return native.load(self.document_path)

    def discard(self) -> None:
        """Delete the recovery file and its companions."""
        for path in (self.document_path, self.document_path.with_suffix(_META_SUFFIX)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        self.lock.unlock()

    def set_aside(self) -> None:
        """Keep an unreadable file for a person to look at, but stop offering it."""
        target = self.document_path.with_name(self.document_path.name + _UNREADABLE_SUFFIX)
        with contextlib.suppress(OSError):
            os.replace(self.document_path, target)
        with contextlib.suppress(FileNotFoundError):
            self.document_path.with_suffix(_META_SUFFIX).unlink()
        self.lock.unlock()

    def release(self) -> None:
        """Leave the file for the next start."""
        self.lock.unlock()


def _read_meta(doc_path: Path) -> tuple[Path | None, datetime, str]:
    saved_at = datetime.fromtimestamp(doc_path.stat().st_mtime, UTC)
    original: Path | None = None
    title = ""
    try:
        meta = json.loads(doc_path.with_suffix(_META_SUFFIX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return original, saved_at, title
    if isinstance(meta, dict):
        if isinstance(meta.get("original_path"), str) and meta["original_path"]:
            original = Path(meta["original_path"])
        if isinstance(meta.get("title"), str):
            title = meta["title"]
        with contextlib.suppress(TypeError, ValueError):
            saved_at = datetime.fromisoformat(meta["saved_at"])
    return original, saved_at, title


def find_orphans(folder: Path | None = None, *, exclude: str = "") -> list[RecoveryFile]:
    """Recovery files of sessions that are no longer running, newest first. Each one is
    returned locked: call ``discard``, ``set_aside`` or ``release`` on every one."""
    folder = folder if folder is not None else default_recovery_dir()
    if not folder.is_dir():
        return []
    found: list[RecoveryFile] = []
    for doc_path in folder.glob(f"*{_DOC_SUFFIX}"):
        if doc_path.stem == exclude or not doc_path.is_file():
            continue
        lock = _new_lock(doc_path.with_suffix(_LOCK_SUFFIX))
        if not lock.tryLock(0):
            continue  # another running window owns it
        if not doc_path.exists():  # its owner removed it while we were looking
            lock.unlock()
            continue
        original, saved_at, title = _read_meta(doc_path)
        found.append(RecoveryFile(doc_path, lock, original, saved_at, title))
    for lock_path in folder.glob(f"*{_LOCK_SUFFIX}"):  # crashed with nothing to recover
        if lock_path.stem != exclude and not lock_path.with_suffix(_DOC_SUFFIX).exists():
            lock = _new_lock(lock_path)
            if lock.tryLock(0):
                lock.unlock()  # removes the stale lock file
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


class Autosave(QObject):
    """Writes the controller's document to the recovery folder while it is modified."""

    #: A recovery file was written (its path).
    saved = Signal(Path)
    #: Writing the recovery file failed (a clear message); the next change tries again.
    failed = Signal(str)
    #: From the worker thread: a background write ended ("" or the error message).
    _written = Signal(str)

    def __init__(self, controller: DocumentController, folder: Path | None = None, *,
                 interval_ms: int = AUTOSAVE_INTERVAL_MS, idle_ms: int = IDLE_DELAY_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.folder = folder if folder is not None else default_recovery_dir()
        self.session = f"{os.getpid()}-{uuid.uuid4().hex[:10]}"
        self._lock = _new_lock(self.folder / f"{self.session}{_LOCK_SUFFIX}")
        self._pending = False
        self._stopped = False
        self._worker: threading.Thread | None = None
        self._discard_after_write = False
        self._written.connect(self._on_written, Qt.ConnectionType.QueuedConnection)

        self._interval = QTimer(self)
        self._interval.setInterval(interval_ms)
        self._interval.timeout.connect(self._on_timer)
        self._interval.start()
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self._on_timer)

        controller.changed.connect(self._on_changed)
        controller.modified_changed.connect(self._on_modified_changed)

    # -- state -------------------------------------------------------------------------
    @property
    def file_path(self) -> Path:
        """Where this session's recovery file is (it exists only while needed)."""
        return self.folder / f"{self.session}{_DOC_SUFFIX}"

    @property
    def idle_ms(self) -> int:
        """Milliseconds after the last change before autosaving."""
        return self._idle.interval()

    @idle_ms.setter
    def idle_ms(self, value: int) -> None:
        self._idle.setInterval(value)

    @property
    def interval_ms(self) -> int:
        """Autosave at least this often (milliseconds) while there are unsaved changes."""
        return self._interval.interval()

    @interval_ms.setter
    def interval_ms(self, value: int) -> None:
        self._interval.setInterval(value)

    @property
    def pending(self) -> bool:
        """There are changes not yet in the recovery file."""
        return self._pending

    # -- reacting to the document ------------------------------------------------------
    def _on_changed(self) -> None:
        if self._stopped:
            return
        self._pending = True
        self._idle.start()

    def _on_modified_changed(self, modified: bool) -> None:
        if self._stopped:
            return
        if modified:
            self._pending = True
            self._idle.start()
        else:  # saved, undone back to the saved state, or another document opened
            self._pending = False
            self._idle.stop()
            self.discard()

    def _on_timer(self) -> None:
        if self._pending and self.controller.modified:
            self.save_in_background()

    # -- writing -----------------------------------------------------------------------
    def _prepare(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self._lock.isLocked() and not self._lock.tryLock(0):
            raise OrgDesignerError(f"{self.folder}: the recovery folder is locked")

    def _write(self, doc: OrgDocument, original: Path | None) -> None:
        """Serialise and write (safe on a worker thread: ``doc`` is a private snapshot)."""
        atomic_write_bytes(self.file_path, native.dumps(doc))
        meta = {
            "original_path": str(original) if original is not None else "",
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "title": doc.meta.title,
        }
        atomic_write_bytes(self.file_path.with_suffix(_META_SUFFIX),
                           json.dumps(meta, ensure_ascii=False).encode("utf-8"))

    def save_now(self) -> bool:
        """Write the recovery file now, on this thread; False (and ``failed`` emitted) when
        it could not."""
        if self._stopped:
            return False
        self.wait()
        try:
            self._prepare()
            self._write(self.controller.doc, self.controller.path)
        except (OrgDesignerError, OSError) as err:
            self.failed.emit(f"Autosave failed: {err}")
            return False
        self._pending = False
        self.saved.emit(self.file_path)
        return True

    def save_in_background(self) -> bool:
        """Snapshot the document here and write it on a worker thread, so a big chart's
        autosave does not freeze the window. False when a write is already running (the
        changes stay pending and are written when it ends)."""
        if self._stopped or self._worker is not None:
            return False
        try:
            self._prepare()
        except (OrgDesignerError, OSError) as err:
            self.failed.emit(f"Autosave failed: {err}")
            return False
        doc = snapshot_document(self.controller.doc)
        original = self.controller.path
        self._pending = False
        self._discard_after_write = False
        self._worker = threading.Thread(target=self._run_worker, args=(doc, original),
                                        name="autosave", daemon=True)
        self._worker.start()
        return True

    def _run_worker(self, doc: OrgDocument, original: Path | None) -> None:
        error = ""
        try:
            self._write(doc, original)
        except (OrgDesignerError, OSError) as err:
            error = f"Autosave failed: {err}"
        except Exception as err:  # noqa: BLE001 - a worker must always report back
            error = f"Autosave failed: {type(err).__name__}: {err}"
        self._written.emit(error)

    def _on_written(self, error: str) -> None:
        if self._worker is not None:
            self._worker.join()
            self._worker = None
        if self._discard_after_write or self._stopped:
            self._discard_after_write = False
            self.discard()
        elif error:
            self._pending = True
            self.failed.emit(error)
        else:
            self.saved.emit(self.file_path)
        if self._pending and not self._stopped and self.controller.modified:
            self._idle.start()

    def wait(self) -> None:
        """Wait for a background write to end (and handle its result)."""
        worker = self._worker
        if worker is None:
            return
        worker.join()
        QCoreApplication.sendPostedEvents(self)  # deliver its queued report now
        if self._worker is worker:  # the report was not delivered: handle it directly
            self._worker = None
            if self._discard_after_write:
                self.discard()

    def discard(self) -> None:
        """Remove this session's recovery file (the document is safe elsewhere)."""
        if self._worker is not None:
            self._discard_after_write = True  # a write still running must not bring it back
        for path in (self.file_path, self.file_path.with_suffix(_META_SUFFIX)):
            with contextlib.suppress(OSError):
                path.unlink()

    def finish(self) -> None:
        """A clean close: stop, remove the recovery file and give up the lock."""
        self._interval.stop()
        self._idle.stop()
        self.wait()
        self._stopped = True
        self.discard()
        if self._lock.isLocked():
            self._lock.unlock()

    def find_orphans(self) -> list[RecoveryFile]:
        """Recovery files left by crashed sessions (never this session's own)."""
        return find_orphans(self.folder, exclude=self.session)

