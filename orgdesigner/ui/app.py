"""``orgdesigner [FILE] [--screenshot OUT.png] [--view NAME] [--size WxH]``: the window.

With no FILE the Nordstrom template opens as a demo, so a newcomer sees a real chart at
once. ``--screenshot`` opens the window (the offscreen platform works), waits until the
chart has been painted, saves a picture of the whole window and quits: it is how the
README's pictures are made.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from orgdesigner import __version__
from orgdesigner.errors import OrgDesignerError
from orgdesigner.model.document import OrgDocument, Orientation
from orgdesigner.perf import paused_gc

if TYPE_CHECKING:
    from orgdesigner.ui.main_window import MainWindow

__all__ = ["run_gui", "parse_gui_args", "load_start_document", "open_window",
           "take_screenshot"]

DEMO_TEMPLATE = "nordstrom"
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"orgdesigner: error: {message}\n")


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1600x1000") \
            from None
    if not (200 <= w <= 10_000 and 200 <= h <= 10_000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 10000")
    return w, h


def parse_gui_args(argv: list[str]) -> argparse.Namespace:
    parser = _Parser(prog="orgdesigner", description="Open the OrgDesigner window.")
    parser.add_argument("file", nargs="?", type=Path, help="an .orgchart file to open")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png",
                        help="save a picture of the window and quit")
    parser.add_argument("--view", choices=[o.value for o in Orientation],
                        help="the view to show (default: the one saved in the file)")
    parser.add_argument("--size", type=_size, default=None, metavar="WxH",
                        help="window size, e.g. 1600x1000")
    parser.add_argument("--version", action="version", version=f"orgdesigner {__version__}")
    return parser.parse_args(argv)


def load_start_document(path: Path | None) -> OrgDocument:
    """The file to open, or the demo chart."""
    if path is None:
        from orgdesigner.io.templates import load_template

        return load_template(DEMO_TEMPLATE)
    from orgdesigner.io.native import load

    return load(path)


def _wait_until(condition, timeout_ms: int) -> bool:  # noqa: ANN001 - a callable
    timer = QElapsedTimer()
    timer.start()
    while not condition():
        if timer.elapsed() > timeout_ms:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return True


def take_screenshot(window, out: Path, timeout_ms: int = 120_000) -> None:  # noqa: ANN001
    """Wait until the chart is painted, then save the whole window as a picture."""
    view = window.chart_view
    _wait_until(lambda: window.isVisible() and view.isVisible(), timeout_ms)
    QCoreApplication.processEvents()
    view.show_initial()
    start = view.paint_count
    view.viewport().update()
    _wait_until(lambda: view.paint_count > start, timeout_ms)
    QCoreApplication.processEvents()
    picture = window.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not picture.save(str(out)):
        raise OrgDesignerError(f"{out}: could not write the picture")


def open_window(doc: OrgDocument, path: Path | None = None, *, view: str | None = None,
                **options: object) -> MainWindow:
    """The main window over ``doc``, built the quick way for big charts."""
    from orgdesigner.ui.main_window import MainWindow

    with paused_gc():  # a 100k chart makes millions of objects the collector would scan
        window = MainWindow(doc, path, view=view, **options)
    # The document and its layout live as long as the window: keep the cyclic collector
    # from rescanning them on every later allocation (they are still freed by refcount).
    gc.freeze()
    return window


def run_gui(argv: list[str]) -> int:
    """Entry point of the window (``orgdesigner`` with no subcommand)."""
    args = parse_gui_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("OrgDesigner")
    app.setOrganizationName("OrgDesigner")
    app.setApplicationVersion(__version__)
    from orgdesigner.ui.canvas.painting import load_bundled_fonts

    load_bundled_fonts()
    try:
        doc = load_start_document(args.file)
    except OrgDesignerError as err:
        print(f"orgdesigner: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    screenshot = args.screenshot is not None
    window = open_window(doc, args.file.resolve() if args.file else None, view=args.view)
    del doc
    if args.size:
        window.resize(*args.size)
    window.show()
    if screenshot:
        try:
            take_screenshot(window, args.screenshot)
        except OrgDesignerError as err:
            print(f"orgdesigner: {err}", file=sys.stderr)
            return EXIT_BAD_INPUT
        window.setWindowModified(False)
        window.file_actions = None  # quitting from a screenshot never asks to save
        window.close()
        return 0
    QTimer.singleShot(0, window.chart_view.show_initial)
    if window.file_actions is not None:
        QTimer.singleShot(0, window.file_actions.offer_recovery)
    return app.exec()
