"""Long file work with a progress dialog that can be cancelled (exports of big charts).

Work that does not touch Qt objects of the GUI (PNG encoding, which lets go of Python while
it runs) goes to a worker thread while the window keeps repainting, with a Cancel button;
a dialog appears only when the work takes longer than ``SHOW_AFTER_MS``. Cancelling raises
:class:`Cancelled`. Painting the scene (SVG) may only happen on the GUI thread: it shows a
busy dialog without Cancel.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGraphicsScene, QProgressDialog, QWidget

from orgdesigner.ui.chart_image import ImageFormat, encode_png, render_png_image, render_svg

__all__ = ["SHOW_AFTER_MS", "Cancelled", "chart_bytes", "progress_dialog", "run_in_thread"]

SHOW_AFTER_MS = 400
_T = TypeVar("_T")


class Cancelled(Exception):  # noqa: N818 - it is not an error: the user chose it
    """The user cancelled; nothing was written."""


def progress_dialog(parent: QWidget | None, label: str, maximum: int = 0) -> QProgressDialog:
    """A window-modal progress dialog (``maximum`` 0: a busy indicator)."""
    dialog = QProgressDialog(label, "Cancel", 0, maximum, parent)
    dialog.setWindowTitle("OrgDesigner")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog


def run_in_thread(parent: QWidget | None, label: str, work: Callable[[], _T], *,
                  cancellable: bool = True) -> _T:
    """Run ``work`` on a worker thread, keeping the window alive; its result or its error.
    On Cancel the result is thrown away when it arrives and :class:`Cancelled` is raised
    (so work that writes a file must not be ``cancellable``)."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as err:  # noqa: BLE001 - handed over to the GUI thread
            box["error"] = err

    thread = threading.Thread(target=target, name="file-work", daemon=True)
    thread.start()
    dialog = progress_dialog(parent, label)
    if not cancellable:
        dialog.setCancelButton(None)
    try:
        while thread.is_alive():
            thread.join(0.03)
            QApplication.processEvents()
            if dialog.wasCanceled():
                raise Cancelled
        if cancellable and dialog.wasCanceled():  # Cancel pressed as the work ended
            raise Cancelled
    finally:
        dialog.close()
        dialog.deleteLater()
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def chart_bytes(parent: QWidget | None, scene: QGraphicsScene, fmt: ImageFormat, *,
                title: str = "", label: str = "Exporting...") -> bytes:
    """PNG or SVG bytes of the scene, with progress; :class:`Cancelled` on Cancel."""
    if fmt is ImageFormat.PNG:
        dialog = progress_dialog(parent, label, 100)

        def painted(done: int, strips: int) -> bool:
            dialog.setValue(done * 50 // strips)  # painting is the first half
            QApplication.processEvents()
            return not dialog.wasCanceled()

        try:
            image = render_png_image(scene, progress=painted)
        finally:
            dialog.close()
            dialog.deleteLater()
        if image is None:
            raise Cancelled
        return run_in_thread(parent, label, lambda: encode_png(image))

    # SVG paints the scene, which only the GUI thread may do: a busy dialog, no Cancel.
    dialog = progress_dialog(parent, label)
    dialog.setCancelButton(None)
    dialog.show()
    QApplication.processEvents()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return render_svg(scene, title=title)
    finally:
        QApplication.restoreOverrideCursor()
        dialog.close()
        dialog.deleteLater()
