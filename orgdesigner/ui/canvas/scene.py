"""ChartScene: the Geometry on a QGraphicsScene, with the selection and drop marks.

The scene holds the current layout (one ``ChartItem`` and its spatial index) and which box
is selected. It never touches the model: it is told the new geometry after every change.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtWidgets import QGraphicsScene

from orgdesigner.layout.geometry import Box, Geometry
from orgdesigner.ui.canvas.index import GridIndex
from orgdesigner.ui.canvas.items import ChartItem, GhostItem, MarkItem, MarkKind
from orgdesigner.ui.canvas.painting import Palette, load_bundled_fonts

__all__ = ["ChartScene"]

#: Empty space around the chart, in points: room to centre any box, even at the edge.
MARGIN = 1500.0


class ChartScene(QGraphicsScene):
    """Paints one Geometry; tracks the selected box (by position id)."""

    #: The selected position id, or None.
    selection_changed = Signal(object)
    #: A new geometry is in place.
    geometry_changed = Signal()

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        load_bundled_fonts()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setBackgroundBrush(Palette.BACKGROUND)
        self.chart = ChartItem()
        self.addItem(self.chart)
        self.selection_mark = MarkItem(MarkKind.SELECTION)
        self.drop_mark = MarkItem(MarkKind.DROP_TARGET)
        self.refused_mark = MarkItem(MarkKind.DROP_REFUSED)
        for mark in (self.selection_mark, self.drop_mark, self.refused_mark):
            self.addItem(mark)
        self.selected_id: str | None = None
        self._overview_timer = QTimer(self, singleShot=True, interval=400)
        self._overview_timer.timeout.connect(self.chart.refresh_overview)

    # -- geometry ----------------------------------------------------------------------
    @property
    def geometry(self) -> Geometry:
        return self.chart.geometry

    @property
    def index(self) -> GridIndex:
        return self.chart.index

    def set_geometry(self, geometry: Geometry) -> None:
        """Show a new layout; the selection stays on its box when the box is still drawn."""
        index = GridIndex(geometry)
        self.chart.set_geometry(geometry, index)
        if self.chart.overview_stale:
            self._overview_timer.start()
        b = geometry.bounds
        self.setSceneRect(QRectF(b.x - MARGIN, b.y - MARGIN, b.w + 2 * MARGIN,
                                 b.h + 2 * MARGIN))
        self.drop_mark.mark(None)
        self.refused_mark.mark(None)
        selected = self.selected_id
        if selected is not None and selected not in index.by_id:
            selected = None
        self.selection_mark.mark(index.by_id.get(selected) if selected else None)
        if selected != self.selected_id:
            self.selected_id = selected
            self.selection_changed.emit(selected)
        self.geometry_changed.emit()

    def chart_rect(self) -> QRectF:
        """The chart itself (what "fit" shows), without the scrolling margin."""
        b = self.geometry.bounds
        return QRectF(b.x, b.y, b.w, b.h).adjusted(-30, -30, 30, 30)

    def box(self, position_id: str | None) -> Box | None:
        """The drawn box of a position (None when hidden under a collapsed manager)."""
        return self.index.by_id.get(position_id) if position_id else None

    def box_at(self, point: QPointF) -> Box | None:
        return self.index.box_at(point.x(), point.y())

    # -- selection ---------------------------------------------------------------------
    def select(self, position_id: str | None) -> None:
        """Select a position (None clears). A position without a drawn box can still be
        selected (from the outline); it is just not marked."""
        if position_id == self.selected_id:
            return
        self.selected_id = position_id
        self.selection_mark.mark(self.box(position_id))
        self.selection_changed.emit(position_id)

    # -- drag feedback -----------------------------------------------------------------
    def show_drop_target(self, box: Box | None, allowed: bool) -> None:
        self.drop_mark.mark(box if allowed else None)
        self.refused_mark.mark(None if allowed else box)

    def add_ghost(self, boxes: list[Box]) -> GhostItem:
        ghost = GhostItem(boxes)
        self.addItem(ghost)
        return ghost
