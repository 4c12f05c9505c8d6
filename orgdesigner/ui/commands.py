"""QUndoCommands that wrap model edits and nothing else (STYLE.md pattern 2)."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from orgdesigner.model.edits import Edit

if TYPE_CHECKING:
    from orgdesigner.ui.document import DocumentController


class EditCommand(QUndoCommand):
    """One undo step. Created *after* its edit was applied (so a refused edit never enters
    the stack); the first ``redo`` that ``QUndoStack.push`` makes is therefore skipped.

    The command lives in its controller's undo stack, so it refers to the controller only
    weakly: a strong reference would close the cycle controller -> stack -> command ->
    controller, which only the cyclic collector can free. When it does, it may clear a
    command before the controller it belongs to; the controller's C++ destructor then
    deletes that command again inside ``QUndoStack::clear`` and the interpreter crashes
    (seen at the end of the test suite). Without the cycle the controller, its stack and
    its commands are freed by reference counting, in Qt's order."""

    def __init__(self, controller: DocumentController, inverse: Edit, label: str) -> None:
        super().__init__(label)
        self._controller = weakref.ref(controller)
        self._inverse = inverse
        self._redo: Edit | None = None
        self._fresh = True

    def _owner(self) -> DocumentController:
        controller = self._controller()
        if controller is None:  # the stack is the controller's child: it cannot outlive it
            raise RuntimeError(f"undo step {self.text()!r} outlived its document")
        return controller

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            return
        assert self._redo is not None
        self._inverse = self._owner().apply_raw(self._redo)

    def undo(self) -> None:
        self._redo = self._owner().apply_raw(self._inverse)
