"""The selected process of the responsibility chart, on the canvas.

When a process is selected in the RACI dock, every box that holds a letter for it gets
an outline and a round badge with its letter (R, A, C, I) in the matrix's colours; when
a unit holds the letter, the boxes of that unit get a lighter badge. Reads the process
from the document and the boxes from the scene after every change.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from orgdesigner.model.document import RaciRole
from orgdesigner.ui.canvas.painting import font_for
from orgdesigner.ui.canvas.presenter import ChartPresenter
from orgdesigner.ui.panels.raci_model import ROLE_COLOURS
from orgdesigner.ui.team_overlay import BoxOverlay

__all__ = ["RaciOverlay"]

BADGE = 9.0


class RaciOverlay(BoxOverlay):
    """Letters of one process on the boxes; ``show_process(None)`` hides them."""

    def __init__(self, presenter: ChartPresenter) -> None:
        super().__init__(presenter, 6.0)
        self.process_id: str | None = None
        #: position id -> (letter, through a unit) for the drawn boxes.
        self.letters: dict[str, tuple[RaciRole, bool]] = {}
        self.refresh()

    def show_process(self, process_id: str | None) -> None:
        self.process_id = process_id
        self.refresh()

    def refresh(self) -> None:
        self.letters = {}
        scenario = self.presenter.scenario
        process = next((p for p in scenario.processes if p.id == self.process_id), None)
        if process is None:
            self.process_id = None
        else:
            scene = self.presenter.scene
            units = self.presenter.graph.units
            by_unit = {party: role for party, role in process.assignments.items()
                       if party in units}
            if by_unit:
                for box in scene.geometry.boxes:
                    role = by_unit.get(box.style.unit_id or "")
                    if role is not None:
                        self.letters[box.id] = (role, True)
            for party, role in process.assignments.items():
                if scene.box(party) is not None:
                    self.letters[party] = (role, False)
        super().refresh()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if not self.letters:
            return
        exposed = option.exposedRect.adjusted(-30, -30, 30, 30)
        scene = self.presenter.scene
        dpi = widget.logicalDpiY() if widget is not None else 96
        font = font_for(8.0, True, dpi)
        for pid, (role, via_unit) in self.letters.items():
            box = scene.box(pid)
            if box is None:
                continue
            r = QRectF(box.x, box.y, box.w, box.h)
            if not r.intersects(exposed):
                continue
            fill, ink = (QColor(c) for c in ROLE_COLOURS[role])
            if not via_unit:
                painter.setPen(QPen(fill, 3.0))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(r.adjusted(-2, -2, 2, 2), 4, 4)
            centre = QPointF(r.left() + 2, r.top() + 2)
            if via_unit:
                fill.setAlpha(150)
            painter.setPen(QPen(QColor("#ffffff"), 1.5))
            painter.setBrush(fill)
            painter.drawEllipse(centre, BADGE, BADGE)
            painter.setFont(font)
            painter.setPen(ink)
            painter.drawText(QRectF(centre.x() - BADGE, centre.y() - BADGE, 2 * BADGE,
                                    2 * BADGE), Qt.AlignmentFlag.AlignCenter, role.value)
