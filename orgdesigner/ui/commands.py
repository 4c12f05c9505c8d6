"""QUndoCommands that wrap model edits and nothing else (STYLE.md pattern 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from orgdesigner.model.edits import Edit

if TYPE_CHECKING:
    from orgdesigner.ui.document import DocumentController


class EditCommand(QUndoCommand):
    """One undo step. Created *after* its edit was applied (so a refused edit never enters
    the stack); the first ``redo`` that ``QUndoStack.push`` makes is therefore skipped."""

    def __init__(self, controller: DocumentController, inverse: Edit, label: str) -> None:
        super().__init__(label)
        self._controller = controller
        self._inverse = inverse
        self._redo: Edit | None = None
        self._fresh = True

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            return
        assert self._redo is not None
        self._inverse = self._controller.apply_raw(self._redo)

    def undo(self) -> None:
        self._redo = self._controller.apply_raw(self._inverse)
