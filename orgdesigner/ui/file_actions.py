"""The File menu as one action collection: New, Open, Recent, Save, Import, Export, recovery.

``FileActions(window)`` needs ``window.controller`` (DocumentController), ``window.chart_view``
(the canvas, a QGraphicsView) and ``window.statusBar()``. It owns autosave and keeps the
window title ("name[*] — OrgDesigner") in step with the document. Errors from the files
layer are shown in a message box with their clear message; a failed open, import or save
changes neither the document on screen nor the file on disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMenu,
    QMessageBox,
    QToolBar,
    QWidget,
)

from orgdesigner.errors import OrgDesignerError
from orgdesigner.io import native
from orgdesigner.io.atomic import atomic_write_bytes
from orgdesigner.ui.autosave import Autosave, RecoveryFile, snapshot_document
from orgdesigner.ui.chart_image import ImageFormat
from orgdesigner.ui.document import DocumentController
from orgdesigner.ui.file_progress import Cancelled, chart_bytes, run_in_thread
from orgdesigner.ui.settings import APP_NAME, AppSettings

__all__ = ["FileActions", "NATIVE_SUFFIX", "IMPORT_SUFFIXES"]

log = logging.getLogger(__name__)

NATIVE_SUFFIX = ".orgchart"
IMPORT_SUFFIXES = (".csv", ".graphml", ".xml")
_NATIVE_FILTER = "Org charts (*.orgchart)"
_IMPORT_FILTER = "CSV or GraphML (*.csv *.graphml *.xml)"
#: Above this many positions, Export SVG asks first (about 2.5 KB and 1 ms per position).
SVG_CONFIRM_POSITIONS = 20_000
_T = TypeVar("_T")


class FileActions(QObject):
    """File actions for one window; ``install`` puts them in its File menu."""

    def __init__(self, window: QWidget, *, settings: AppSettings | None = None,
                 recovery_dir: Path | None = None, autosave: Autosave | None = None) -> None:
        super().__init__(window)
        self.window: QWidget = window
        self.controller: DocumentController = window.controller  # type: ignore[attr-defined]
        self.settings = settings if settings is not None else AppSettings()
        self.autosave = autosave if autosave is not None else Autosave(
            self.controller, recovery_dir, parent=self)
        self.autosave.failed.connect(self._show_status)

        self.new_action = self._action("&New...", QKeySequence.StandardKey.New, self.new_document,
                                       "New chart from a template or blank")
        self.open_action = self._action("&Open...", QKeySequence.StandardKey.Open, self.open_file,
                                        "Open an .orgchart file")
        self.save_action = self._action("&Save", QKeySequence.StandardKey.Save, self.save,
                                        "Save the chart")
        self.save_as_action = self._action("Save &As...", QKeySequence.StandardKey.SaveAs,
                                           self.save_as, "Save the chart under a new name")
        self.import_action = self._action("&Import CSV/GraphML...", QKeySequence("Ctrl+I"),
                                          self.import_file, "Import a CSV or GraphML file")
        self.export_png_action = self._action("Export &PNG...", QKeySequence("Ctrl+E"),
                                              lambda: self.export_image(ImageFormat.PNG),
                                              "Export the chart as a PNG picture")
        self.export_svg_action = self._action("Export S&VG...", QKeySequence("Ctrl+Shift+E"),
                                              lambda: self.export_image(ImageFormat.SVG),
                                              "Export the chart as an SVG drawing")
        self.recent_menu = QMenu("Open &Recent", window)
        start = self.controller.path
        if start is not None and start.suffix.lower() == NATIVE_SUFFIX:
            self.settings.add_recent(start)  # opened from the command line or the desktop
        self._rebuild_recent_menu()

        self._edit_count = 0  # edits, undos and redos so far (a save knows what it holds)
        self.controller.changed.connect(self._count_edit)
        self.controller.path_changed.connect(self.update_title)
        self.controller.modified_changed.connect(self.update_title)
        self.controller.replaced.connect(self.update_title)
        self.update_title()

    def _action(self, text: str, keys: QKeySequence | QKeySequence.StandardKey,
                slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self.window)
        if isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)  # every binding the platform has for it
        else:
            action.setShortcut(keys)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- wiring into the window ----------------------------------------------------------
    def install(self, menu: QMenu, toolbar: QToolBar | None = None) -> None:
        """Add the file actions to ``menu`` (and New/Open/Save to ``toolbar``)."""
        menu.addAction(self.new_action)
        menu.addAction(self.open_action)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        menu.addAction(self.save_action)
        menu.addAction(self.save_as_action)
        menu.addSeparator()
        menu.addAction(self.import_action)
        menu.addAction(self.export_png_action)
        menu.addAction(self.export_svg_action)
        if toolbar is not None:
            toolbar.addAction(self.new_action)
            toolbar.addAction(self.open_action)
            toolbar.addAction(self.save_action)

    def display_name(self) -> str:
        path = self.controller.path
        if path is not None:
            return path.name
        return self.controller.doc.meta.title or "Untitled"

    def update_title(self) -> None:
        """Window title: the file's name, the modified mark and the application."""
        self.window.setWindowTitle(f"{self.display_name()}[*] — {APP_NAME}")
        self.window.setWindowModified(self.controller.modified)

    # -- closing and recovery ----------------------------------------------------------
    def confirm_close(self) -> bool:
        """Ask about unsaved changes (Save / Discard / Cancel). True: the window may close,
        and this session's recovery file is removed (a clean close)."""
        if not self.maybe_save(f"Save the changes to “{self.display_name()}” before closing?"):
            return False
        self.autosave.finish()
        return True

    def maybe_save(self, question: str) -> bool:
        """True when the current document may be replaced: it is saved, the user saved it
        now, or chose to discard the changes."""
        if not self.controller.modified:
            return True
        answer = QMessageBox.question(
            self.window, "Unsaved changes", question,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def offer_recovery(self) -> bool:
        """At start: offer to restore what a crashed session autosaved, newest first.
        Returns True when a document was restored (it is marked modified)."""
        orphans = self.autosave.find_orphans()
        restored = False
        for rec in orphans:
            if restored:
                rec.release()  # one window restores one document; the rest wait
                continue
            answer = QMessageBox.question(
                self.window, "Recover unsaved changes", self._recovery_text(rec),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Ignore, QMessageBox.StandardButton.Yes)
            if answer == QMessageBox.StandardButton.Discard:
                rec.discard()
            elif answer == QMessageBox.StandardButton.Yes:
                restored = self._restore(rec)
            else:
                rec.release()
        return restored

    @staticmethod
    def _recovery_text(rec: RecoveryFile) -> str:
        name = rec.original_path.name if rec.original_path else (rec.title or "an unsaved chart")
        when = rec.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        return (f"OrgDesigner did not close properly last time. Changes to “{name}” were "
                f"autosaved at {when}.\n\nYes restores them; Discard deletes them; Ignore "
                f"keeps them for the next start.")

    def _restore(self, rec: RecoveryFile) -> bool:
        try:
            doc = rec.load()
        except OrgDesignerError as err:
            self._error("Could not recover", f"{err}\n\nThe file was set aside in "
                        f"{rec.document_path.parent}.")
            rec.set_aside()
            return False
        if not self.maybe_save("Save the current chart before restoring the recovered one?"):
            rec.release()
            return False
        self.controller.set_document(doc, rec.original_path)
        self.controller.mark_modified()
        if self.autosave.save_now():  # our own copy exists before the old one goes
            rec.discard()
        else:
            rec.release()
        self._show_status("Recovered unsaved changes; save them to keep them.")
        return True

    # -- New / Open --------------------------------------------------------------------
    def new_document(self) -> bool:
        """New chart from the template gallery (or blank)."""
        from orgdesigner.ui.dialogs.template_gallery import TemplateGalleryDialog

        if not self.maybe_save("Save the changes before starting a new chart?"):
            return False
        dialog = TemplateGalleryDialog(self.window)
        if dialog.exec() != TemplateGalleryDialog.DialogCode.Accepted:
            return False
        doc = self._guard("Could not create the chart", dialog.create_document)
        if doc is None:
            return False
        self.controller.set_document(doc, None)
        return True

    def open_file(self) -> bool:
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Open chart", str(self.settings.last_folder()),
            f"{_NATIVE_FILTER};;{_IMPORT_FILTER};;All files (*)")
        return bool(name) and self.open_or_import(Path(name))

    def open_or_import(self, path: Path) -> bool:
        """Open an ``.orgchart`` or import a CSV/GraphML file (used by drops too)."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix == NATIVE_SUFFIX:
            return self.open_path(path)
        if suffix in IMPORT_SUFFIXES:
            return self.import_path(path)
        self._error("Cannot open this file",
                    f"{path.name}: not a chart OrgDesigner can read (it opens .orgchart "
                    f"files and imports .csv and .graphml).")
        return False

    def open_path(self, path: Path) -> bool:
        """Open a native file; on failure the current chart stays as it is."""
        if not self.maybe_save(f"Save the changes before opening “{path.name}”?"):
            return False
        doc = self._guard("Could not open", lambda: run_in_thread(
            self.window, f"Opening {path.name}...", lambda: native.load(path)))
        if doc is None:
            if not path.exists():
                self.settings.remove_recent(path)
                self._rebuild_recent_menu()
            return False
        self.controller.set_document(doc, path.absolute())
        self._remember(path)
        self._show_status(f"Opened {path}")
        return True

    # -- Import ------------------------------------------------------------------------
    def import_file(self) -> bool:
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Import", str(self.settings.last_folder()),
            f"{_IMPORT_FILTER};;All files (*)")
        return bool(name) and self.import_path(Path(name))

    def import_path(self, path: Path) -> bool:
        """Import CSV (after the preview dialog) or GraphML as a new, unsaved chart."""
        if not self.maybe_save(f"Save the changes before importing “{path.name}”?"):
            return False
        if path.suffix.lower() == ".csv":
            from orgdesigner.ui.dialogs.import_preview import ImportPreviewDialog

            dialog = self._guard("Could not import", lambda: ImportPreviewDialog(path,
                                                                                 self.window))
            if dialog is None or dialog.exec() != ImportPreviewDialog.DialogCode.Accepted:
                return False
            doc = dialog.document
        else:
            from orgdesigner.io.graphml import import_graphml

            doc = self._guard("Could not import", lambda: run_in_thread(
                self.window, f"Importing {path.name}...", lambda: import_graphml(path)))
        if doc is None:
            return False
        self.controller.set_document(doc, None)
        self.controller.mark_modified()  # not saved anywhere yet
        self.settings.set_last_folder(path.parent)
        self._show_status(f"Imported {path.name}: {len(doc.scenario().positions)} positions")
        return True

    # -- Save --------------------------------------------------------------------------
    def save(self) -> bool:
        """Save to the current file, or ask for one. False when nothing was saved."""
        path = self.controller.path
        if path is None or path.suffix.lower() != NATIVE_SUFFIX:
            return self.save_as()
        return self._save_to(path)

    def save_as(self) -> bool:
        current = self.controller.path
        folder = current.parent if current is not None else self.settings.last_folder()
        stem = current.stem if current is not None else _safe_stem(self.display_name())
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Save chart as", str(folder / f"{stem}{NATIVE_SUFFIX}"), _NATIVE_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != NATIVE_SUFFIX:
            path = path.with_name(path.name + NATIVE_SUFFIX)
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        doc = snapshot_document(self.controller.doc)
        edits_before = self._edit_count
        ok = self._guard("Could not save", lambda: run_in_thread(
            self.window, f"Saving {path.name}...", lambda: native.save(doc, path) or True,
            cancellable=False))
        if not ok:
            return False
        path = path.absolute()
        if path != self.controller.path:
            self.controller.set_path(path)
        if self._edit_count == edits_before:
            self.controller.mark_saved()
            self._show_status(f"Saved {path}")
        else:  # the user kept editing while a big chart was written: those are unsaved
            self._show_status(f"Saved {path}; the changes made while saving are not saved yet")
        self._remember(path)
        return True

    def _count_edit(self) -> None:
        self._edit_count += 1

    # -- Export ------------------------------------------------------------------------
    def export_image(self, fmt: ImageFormat, path: Path | None = None) -> bool:
        """Export the chart as drawn on the canvas to PNG or SVG."""
        if path is None:
            current = self.controller.path
            stem = current.stem if current is not None else _safe_stem(self.display_name())
            folder = self.settings.last_folder()
            name, _ = QFileDialog.getSaveFileName(
                self.window, f"Export {fmt.name}", str(folder / f"{stem}{fmt.suffix}"),
                f"{fmt.name} (*{fmt.suffix})")
            if not name:
                return False
            path = Path(name)
            if path.suffix.lower() != fmt.suffix:
                path = path.with_name(path.name + fmt.suffix)
        if fmt is ImageFormat.SVG and not self._confirm_big_svg():
            return False
        scene = self.window.chart_view.scene()  # type: ignore[attr-defined]
        title = self.controller.doc.meta.title
        data = self._guard("Could not export", lambda: chart_bytes(
            self.window, scene, fmt, title=title, label=f"Exporting {path.name}..."))
        if data is None or not self._guard(
                "Could not export", lambda: atomic_write_bytes(path, data) or True):
            return False
        self.settings.set_last_folder(path.parent)
        self._show_status(f"Exported {path}")
        return True

    def _confirm_big_svg(self) -> bool:
        """SVG of a very big chart is huge and slow, and painting it cannot be interrupted:
        say so, and suggest the PDF export."""
        count = len(self.controller.scenario.positions)
        if count <= SVG_CONFIRM_POSITIONS:
            return True
        answer = QMessageBox.question(
            self.window, "Export SVG",
            f"This chart has {count:,} positions. Its SVG will be about "
            f"{count * 2.5 / 1000:,.0f} MB and take a minute or more, during which the window "
            f"cannot be used; the PDF export handles charts this big better.\n\n"
            f"Export SVG anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # -- recent files ------------------------------------------------------------------
    def _remember(self, path: Path) -> None:
        self.settings.add_recent(path)
        self.settings.set_last_folder(path.parent)
        self._rebuild_recent_menu()

    def _rebuild_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.settings.recent_files()
        for number, path in enumerate(files, start=1):
            label = f"&{number} {path.name}" if number < 10 else f"{number} {path.name}"
            action = menu.addAction(label)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.setData(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_or_import(p))
        if files:
            menu.addSeparator()
            menu.addAction("Clear Menu", self._clear_recent)
        menu.setEnabled(bool(files))

    def _clear_recent(self) -> None:
        self.settings.clear_recent()
        self._rebuild_recent_menu()

    # -- helpers -----------------------------------------------------------------------
    def _guard(self, title: str, work: Callable[[], _T]) -> _T | None:
        """Run ``work``; show its error in a message box and return None when it fails."""
        try:
            return work()
        except Cancelled:
            self._show_status("Cancelled.")
        except OrgDesignerError as err:
            self._error(title, str(err))
        except OSError as err:
            self._error(title, f"{err.filename or ''}: {err.strerror or err}".lstrip(": "))
        except Exception as err:  # a bug must not take the user's work down with it
            log.exception("%s", title)
            self._error(title, f"Unexpected error: {type(err).__name__}: {err}")
        return None

    def _error(self, title: str, message: str) -> None:
        QMessageBox.critical(self.window, title, message)

    def _show_status(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)  # type: ignore[attr-defined]


def _safe_stem(title: str) -> str:
    """A file name proposed from a chart title (no path separators or odd characters)."""
    cleaned = "".join(c if c.isalnum() or c in " -_." else "_" for c in title).strip(" .")
    return cleaned[:80] or "Untitled"

