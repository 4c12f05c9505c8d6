"""Take the screenshots of the responsibility chart and the teams (raci-matrix.png,
teams-canvas.png). Run under a virtual display from the project folder:

    xvfb-run -a -s "-screen 0 1600x1000x24" python docs/screenshots/raci_teams_shots.py OUTDIR
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtWidgets import QApplication

from orgdesigner.io.templates import load_template
from orgdesigner.model.document import RaciRole, Team
from orgdesigner.model.edits import set_raci
from orgdesigner.ui.app import open_window, take_screenshot
from orgdesigner.ui.canvas.painting import load_bundled_fonts


def raci(out: Path) -> None:
    """The customer-centric template's chart, with a second Accountable to show a mark."""
    doc = load_template("customer-centric")
    s = doc.scenario()
    w = open_window(doc, None, with_files=False)
    w.resize(1600, 1000)
    w.show()
    r = w.responsibilities
    w.presenter.apply(lambda: set_raci(doc, s.processes[-1].id, "ceo", RaciRole.ACCOUNTABLE))
    w.resizeDocks([r.raci_dock], [330], Qt.Orientation.Vertical)
    w.presenter.select(None)
    r.raci.select_process(s.processes[0].id)
    r.raci.table.setFocus()
    take_screenshot(w, out / "raci-matrix.png")
    w.close()


def teams(out: Path) -> None:
    """The account-teams template, one team selected, and a squad sitting together."""
    doc = load_template("account-teams")
    s = doc.scenario()
    names = {"Monika Schneider", "Kwabena Boateng", "Inês Carvalho"}
    s.teams.append(Team(id="squad", name="Key account squad",
                        purpose="Weekly pipeline review", sponsor_id=s.teams[0].sponsor_id,
                        member_ids=tuple(p.id for p in s.positions if p.holder in names)))
    w = open_window(doc, None, with_files=False)
    w.resize(1600, 1000)
    w.show()
    r = w.responsibilities
    r.teams_dock.raise_()
    r.teams.select_team(s.teams[0].id)
    r.raci_dock.hide()
    take_screenshot(w, out / "teams-canvas.png")
    view = w.chart_view
    rect = QRectF()
    for pid in s.teams[0].member_ids + s.teams[-1].member_ids:
        box = w.presenter.scene.box(pid)
        if box is not None:
            rect = rect.united(QRectF(box.x, box.y, box.w, box.h))
    view.set_zoom(0.95)
    view.centerOn(rect.center())
    for _ in range(10):
        QCoreApplication.processEvents()
    w.grab().save(str(out / "teams-canvas.png"))
    w.close()


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    load_bundled_fonts()
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    raci(target)
    teams(target)
