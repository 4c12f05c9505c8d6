"""Take the screenshots of the workshop tools (the flip, the balance gauge, presentation
mode, sticky notes, spotlight, dark theme). Run under a virtual display from the project
folder:

    xvfb-run -a -s "-screen 0 1600x1000x24" python docs/screenshots/workshop_shots.py OUTDIR
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop
from PySide6.QtWidgets import QApplication, QDockWidget

from orgdesigner.io.templates import load_template
from orgdesigner.model.document import Note, Orientation
from orgdesigner.model.edits import add_note
from orgdesigner.ui.app import open_window
from orgdesigner.ui.balance_gauge import move_across_divisions
from orgdesigner.ui.canvas.painting import load_bundled_fonts
from orgdesigner.ui.spotlight import SpotlightKind
from orgdesigner.ui.themes import Theme


def settle(ms: int = 500) -> None:
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def window_for(template: str, size: tuple[int, int] = (1500, 920), *,
               docks: tuple[str, ...] = ("outline", "inspector")):  # noqa: ANN201
    """The window over a template, with only the docks named (object names) open."""
    window = open_window(load_template(template), with_files=False)
    window.resize(*size)
    window.move(0, 0)
    window.show()
    for dock in window.findChildren(QDockWidget):
        dock.setVisible(dock.objectName() in docks)
    settle()
    return window


def frame_columns(window) -> None:  # noqa: ANN001
    """Zoom the inverted view onto its division columns and the point."""
    g = window.presenter.scene.geometry
    left = min(c.rect.x for c in g.columns)
    right = max(c.rect.right for c in g.columns)
    top = g.bands[0].rect.y
    bottom = g.pyramid.pivot[1]
    view = window.chart_view
    view.fitInView(left - 40, top - 60, right - left + 80, bottom - top + 120)
    settle(200)


def shot(window, out: Path) -> None:  # noqa: ANN001
    settle()
    window.grab().save(str(out))
    print(out)


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    load_bundled_fonts()
    out.mkdir(parents=True, exist_ok=True)

    # 1. The flip, half way from the classic chart to the customer-on-top pyramid.
    w = window_for("nordstrom", docks=("outline",))
    w.set_orientation(Orientation.CLASSIC)
    w.flip.stop()
    w.chart_view.fit_all()
    settle()
    w.set_orientation(Orientation.INVERTED)
    w.flip.animation.pause()
    w.flip._step(0.5)  # noqa: SLF001 - hold the animation half way for the picture
    shot(w, out / "flip-halfway.png")
    w.flip.stop()

    # 2. People moved from Finance into Sales Support: the pyramid tips, the gauge says so.
    doc = w.controller.doc
    for pid in ("fin-2", "fin-3", "fin-4", "fin-7", "credit-2", "credit-3", "credit-4",
                "credit-5", "ops-2", "ops-3"):
        w.controller.apply(move_across_divisions(doc, pid, "buy-1"))
    frame_columns(w)
    shot(w, out / "inverted-gauge-tips.png")

    # 3. Presentation mode (F5) on the same chart.
    w.presentation.set_active(True)
    settle(800)
    frame_columns(w)
    shot(w, out / "presentation-mode.png")
    w.presentation.set_active(False)
    w.close()

    # 4. Sticky notes, pinned to boxes and free, in the classic view.
    w = window_for("nordstrom", docks=("outline",))
    w.set_orientation(Orientation.CLASSIC)
    w.flip.stop()
    doc = w.controller.doc
    top = w.presenter.scene.box("pres")
    store = w.presenter.scene.box("store")
    for note in (Note(id="n1", text="Who owns the customer complaint here?",
                      attached_to="store", x=store.w - 30, y=-80),
                 Note(id="n2", text="Merge Alterations into Operations?", color="#c5e1a5",
                      attached_to="alt-1", x=40, y=-75),
                 Note(id="n3", text="Parking lot:\n- pricing\n- online shop",
                      color="#b3e5fc", x=top.x + top.w + 200, y=top.y - 10)):
        w.controller.apply(add_note(doc, note))
    w.presenter.select("store")
    w.chart_view.set_zoom(0.9)
    w.chart_view.centerOn((store.x + top.x + top.w) / 2 + 120, top.y + 300)
    shot(w, out / "sticky-notes.png")

    # 5. Spotlight on a division: the rest of the chart dims.
    w.presenter.select("cfo")
    w.spotlight.spotlight_selected(SpotlightKind.DIVISION)
    w.chart_view.fit_all()
    shot(w, out / "spotlight-division.png")
    w.spotlight.clear()

    # 6. The dark theme.
    w.themes.choose(Theme.DARK)
    w.set_orientation(Orientation.INVERTED)
    w.flip.stop()
    frame_columns(w)
    shot(w, out / "dark-theme.png")
    w.themes.apply(Theme.LIGHT)  # not remembered: the picture run leaves settings alone
    w.close()
    del app


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
