"""DocumentController: the open document, its path and its undo stack, for the window.

The model is the only truth. Every change goes through ``apply(edit)``, which makes the edit,
pushes one undo step and emits ``changed``; views listen and repaint. Nothing else in the GUI
mutates the document.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from orgdesigner.model.document import OrgDocument, Scenario
from orgdesigner.model.edits import Edit
from orgdesigner.ui.commands import EditCommand


class DocumentController(QObject):
    #: The document changed (an edit, an undo or a redo).
    changed = Signal()
    #: A different document (or a fresh copy) was put in place: rebuild everything.
    replaced = Signal()
    #: The file path changed (Save As, Open).
    path_changed = Signal()
    #: The modified flag changed (True = unsaved changes).
    modified_changed = Signal(bool)

    def __init__(self, doc: OrgDocument | None = None, path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.doc: OrgDocument = doc if doc is not None else OrgDocument.empty()
        self.path: Path | None = path

    def _on_clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    # -- state -------------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self.doc.scenario()

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def set_document(self, doc: OrgDocument, path: Path | None = None) -> None:
        """Put another document in place (Open, New); the undo history starts afresh."""
        self.doc = doc
        self.path = path
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.replaced.emit()
        self.path_changed.emit()
        self.modified_changed.emit(False)

    def set_path(self, path: Path) -> None:
        self.path = path
        self.path_changed.emit()

    def mark_saved(self) -> None:
        self.undo_stack.setClean()

    def mark_modified(self) -> None:
        """Flag unsaved changes that no edit made (a restored or imported document): the
        document stays "modified" until saved, even if every later edit is undone."""
        self.undo_stack.resetClean()

    # -- edits -------------------------------------------------------------------------
    def apply(self, edit: Edit) -> None:
        """Make ``edit`` as one undo step. Raises ``EditError`` (nothing changed) when the
        model refuses it; callers show the message."""
        inverse = edit.apply(self.doc)
        self.changed.emit()
        self.undo_stack.push(EditCommand(self, inverse, edit.label))

    def apply_raw(self, edit: Edit) -> Edit:
        """Used by the undo commands: apply without pushing, and notify."""
        inverse = edit.apply(self.doc)
        self.changed.emit()
        return inverse
