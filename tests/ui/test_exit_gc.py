"""No Qt object of the GUI is left for the cyclic garbage collector to free.

A document controller, its undo stack and its commands used to form a reference cycle
(controller -> stack -> command -> controller). When the cyclic collector freed it, it
could clear the newest command before the controller; the controller's C++ destructor
then deleted that command again in ``QUndoStack::clear`` and the interpreter crashed
(exit 139 at the end of the suite, after every test had passed)."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import weakref

from orgdesigner.model.edits import change_position
from orgdesigner.model.synthetic import generate_org
from orgdesigner.ui.document import DocumentController

# Builds controllers and a window, edits, lets them go and collects: exits 0 or crashes.
_SCRIPT = textwrap.dedent("""
    import gc
    from PySide6.QtWidgets import QApplication
    from orgdesigner.model.edits import change_position
    from orgdesigner.model.synthetic import generate_org
    from orgdesigner.ui.document import DocumentController
    from orgdesigner.ui.main_window import MainWindow

    app = QApplication([])
    gc.disable()  # only the collections below, so the order of the objects is known

    def edit_twice(controller):
        top = controller.scenario.positions[0].id
        controller.apply(change_position(controller.doc, top, holder="First"))
        # The controller and its first command grow older than the next command, so
        # a full collection meets the newest command before its controller.
        gc.collect(0)
        controller.apply(change_position(controller.doc, top, holder="Second"))
        controller.undo_stack.undo()

    for seed in range(3):
        edit_twice(DocumentController(generate_org(6, seed=seed)))
        gc.collect()

    window = MainWindow(generate_org(12, seed=3), with_files=False)
    window.show()
    app.processEvents()
    edit_twice(window.controller)
    window.close()
    window.deleteLater()
    app.processEvents()
    del window
    gc.collect()
    print("collected cleanly", flush=True)
""")


def test_collecting_after_edits_does_not_crash_the_interpreter():
    done = subprocess.run([sys.executable, "-X", "faulthandler", "-c", _SCRIPT],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "collected cleanly" in done.stdout


def test_a_dropped_controller_is_freed_without_the_cyclic_collector(qtbot):
    controller = DocumentController(generate_org(6))
    top = controller.scenario.positions[0].id
    controller.apply(change_position(controller.doc, top, holder="First"))
    controller.apply(change_position(controller.doc, top, holder="Second"))
    controller.undo_stack.undo()
    controller.undo_stack.redo()
    assert controller.scenario.positions[0].holder == "Second"
    gone = weakref.ref(controller)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        del controller
        assert gone() is None, "the controller is kept alive by a reference cycle"
    finally:
        if was_enabled:
            gc.enable()
