"""Take the screenshots of the analysis features (checks, metrics, scenarios and compare,
colour by, PDF export). Run under a virtual display from the project folder:

    xvfb-run -a -s "-screen 0 1600x1000x24" python docs/screenshots/analysis_shots.py OUTDIR
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QRectF
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDockWidget

from orgdesigner.io.templates import load_template
from orgdesigner.model.document import Position
from orgdesigner.model.edits import (
    Relation,
    RemoveMode,
    add_position,
    reassign_manager,
    remove_position,
)
from orgdesigner.render.options import Appendix
from orgdesigner.ui.analysis import frame_rect
from orgdesigner.ui.app import open_window, take_screenshot
from orgdesigner.ui.canvas.painting import load_bundled_fonts
from orgdesigner.ui.colouring import ColourMode


def settle(ms: int = 600) -> None:
    """Let the workers report and the window repaint."""
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def screen_shot(out: Path) -> None:
    settle()
    QGuiApplication.primaryScreen().grabWindow(0).save(str(out))


def window_for(template: str, size: tuple[int, int] = (1500, 920)):  # noqa: ANN201
    window = open_window(load_template(template), with_files=False)
    ours = {window.outline_dock, window.inspector_dock, window.analysis.checks_dock,
            window.analysis.metrics_dock, window.analysis.scenarios_dock}
    for dock in window.findChildren(QDockWidget):
        if dock not in ours:
            dock.hide()  # other features' docks: more room for the chart here
    window.resize(*size)
    window.move(0, 0)
    window.show()
    return window


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    load_bundled_fonts()
    out.mkdir(parents=True, exist_ok=True)

    # 1. Checks: findings by severity, one picked (outlined and framed), badges on boxes.
    w = window_for("decentralised")
    a = w.analysis
    a.checks_dock.raise_()
    take_screenshot(w, out / "checks-dock.png")
    a.checks.job.wait()
    settle()
    tree = a.checks.tree
    head = a.checks.model.index(0, 0)
    tree.expand(head)
    a.checks.show_finding(a.checks.model.index(0, 0, head))
    tree.setCurrentIndex(a.checks.model.index(0, 0, head))
    settle()
    w.grab().save(str(out / "checks-dock.png"))

    # 2. Metrics dock beside the chart coloured by division, with the legend.
    a.metrics_dock.raise_()
    a.colour_by.set_mode(ColourMode.DIVISION)
    w.chart_view.fit_all()
    a.metrics.job.wait()
    settle()
    w.grab().save(str(out / "metrics-colour-by-division.png"))
    a.colour_by.set_mode(ColourMode.SEVERITY)
    settle()
    w.grab().save(str(out / "colour-by-severity.png"))
    w.close()

    # 3. Scenarios: To-be A made from As-is, changed, and compared.
    w = window_for("functional", (1180, 980))
    for dock in (w.inspector_dock, w.analysis.checks_dock, w.analysis.metrics_dock):
        dock.hide()
    a = w.analysis
    doc = w.controller.doc
    new = a.scenarios.duplicate(doc.active_scenario)
    assert new is not None
    a.scenarios.switch_to(new)
    scenario = doc.scenario()
    top = next(p.id for p in scenario.positions
               if not any(ln.report_id == p.id for ln in scenario.lines))
    reports = [ln.report_id for ln in scenario.lines if ln.manager_id == top]
    w.controller.apply(add_position(doc, Position(id="cco", holder="Dana Whitfield",
                                                  title="Chief Customer Officer"),
                                    anchor_id=top, relation=Relation.REPORT))
    grand = [ln.report_id for ln in scenario.lines if ln.manager_id in reports[:2]]
    for pid in grand[:2]:
        w.controller.apply(reassign_manager(doc, pid, "cco"))
    leaves = [p.id for p in scenario.positions
              if not any(ln.manager_id == p.id for ln in scenario.lines)]
    w.controller.apply(remove_position(doc, leaves[-1], RemoveMode.REHOME))
    take_screenshot(w, out / "compare.png")
    dialog = a.open_compare()
    dialog.move(1185, 0)
    dialog.resize(410, 980)
    settle()
    rect = QRectF()
    for pid in ("cco", *grand[:2], top):
        box = w.presenter.scene.box(pid)
        if box is not None:
            rect = rect.united(QRectF(box.x, box.y, box.w, box.h))
    for ghost in a.compare_overlay.ghost_rects().values():
        rect = rect.united(ghost)
    settle()
    frame_rect(w.chart_view, rect.adjusted(-20, -20, 20, 40))
    screen_shot(out / "compare.png")
    dialog.close()
    w.close()

    # 4. The PDF export dialog.
    w = window_for("customer-division")
    settle()
    dialog = w.analysis.open_export_pdf()
    dialog.output.setText("customer-division.pdf")
    dialog.appendices[Appendix.CHECKS].setChecked(True)
    dialog.appendices[Appendix.METRICS].setChecked(True)
    settle()
    dialog.grab().save(str(out / "export-pdf-dialog.png"))
    dialog.close()
    w.close()
    del app


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
