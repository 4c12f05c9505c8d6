"""Spotlight a unit or a division: everything else on the canvas dims.

A ``SpotlightItem`` lies over the chart: it shades the exposed part of the scene, then
paints the lit boxes (and the solid lines between them) again on top, so the unit or
division stands out while the rest stays readable as context. The spotlight is a way of
looking, not a change: it is not saved and makes no undo step. It follows edits (the lit
set is worked out again after every relayout) and goes off when its unit or division is
gone.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QLineF, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QMenu, QStyleOptionGraphicsItem, QWidget

from orgdesigner.layout.geometry import Box, ConnectorKind
from orgdesigner.metrics.balance import assign_divisions
from orgdesigner.model.document import Scenario
from orgdesigner.ui.canvas.items import TEXT_ZOOM
from orgdesigner.ui.canvas.painting import Palette, paint_boxes, prepare_text, unit_fill
from orgdesigner.ui.canvas.view import ChartView

__all__ = ["SpotlightKind", "SpotlightItem", "Spotlight", "lit_positions"]

#: The shade laid over what is not in the spotlight (dark, so it reads as "lights off"
#: in every theme).
VEIL = QColor(20, 26, 33, 125)


class SpotlightKind(enum.Enum):
    UNIT = "unit"
    DIVISION = "division"


def lit_positions(scenario: Scenario, kind: SpotlightKind, target: str) -> set[str]:
    """The positions in a unit (with its sub-units) or in a division."""
    if kind is SpotlightKind.DIVISION:
        _divisions, division_of = assign_divisions(scenario)
        return {pid for pid, did in division_of.items() if did == target}
    children: dict[str, list[str]] = {}
    for u in scenario.units:
        if u.parent_id is not None:
            children.setdefault(u.parent_id, []).append(u.id)
    units, stack = set(), [target]
    while stack:
        uid = stack.pop()
        if uid not in units:
            units.add(uid)
            stack.extend(children.get(uid, ()))
    return {p.id for p in scenario.positions if p.unit_id in units}


class SpotlightItem(QGraphicsItem):
    """The veil and the lit boxes over it."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setZValue(8.5)  # over the chart and the notes, under the selection mark
        self.lit: set[str] = set()
        self.boxes: list[Box] = []
        self.lines: list[QLineF] = []
        self._bounds = QRectF()
        self.hide()

    def set_lit(self, lit: set[str], boxes: list[Box],
                lines: list[QLineF], bounds: QRectF) -> None:
        self.prepareGeometryChange()
        self.lit, self.boxes, self.lines = lit, boxes, lines
        self._bounds = bounds
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        exposed = option.exposedRect
        painter.fillRect(exposed, VEIL)
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        pen = QPen(Palette.LINE, 1.1)
        pen.setCosmetic(zoom < 0.6)
        painter.setPen(pen)
        painter.drawLines(self.lines)
        shown = [b for b in self.boxes if exposed.intersects(QRectF(b.x, b.y, b.w, b.h))]
        if zoom >= TEXT_ZOOM:
            dpi = widget.logicalDpiY() if widget is not None else 96
            paint_boxes(painter, shown, dpi, lambda box: prepare_text(box, dpi))
            return
        painter.setPen(Qt.PenStyle.NoPen)
        for b in shown:
            painter.fillRect(QRectF(b.x, b.y, b.w, b.h), unit_fill(b))


class Spotlight(QObject):
    """The spotlight on one chart view, with its actions (View menu and context menu)."""

    #: (kind, target id) when switched on, (None, None) when off.
    changed = Signal(object, object)

    def __init__(self, view: ChartView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.presenter = view.presenter
        self.kind: SpotlightKind | None = None
        self.target: str | None = None
        self.item = SpotlightItem()
        view.chart_scene.addItem(self.item)
        self.unit_action = self._action(
            "Spotlight the selected position's &unit", "Ctrl+L",
            "Dim everything but the unit of the selected position (Ctrl+L)",
            lambda: self.spotlight_selected(SpotlightKind.UNIT))
        self.division_action = self._action(
            "Spotlight the selected position's di&vision", "Ctrl+Shift+L",
            "Dim everything but the division of the selected position (Ctrl+Shift+L)",
            lambda: self.spotlight_selected(SpotlightKind.DIVISION))
        self.off_action = self._action("Spotlight &off", "Ctrl+Alt+L",
                                       "Show the whole chart again (Ctrl+Alt+L)", self.clear)
        self.off_action.setIconText("Spotlight off")
        self.presenter.relaid_out.connect(self.refresh)
        self._update_actions()

    def _action(self, text: str, keys: str, tip: str, slot) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _c=False: slot())
        self.view.addAction(action)
        return action

    def install(self, view_menu: QMenu) -> None:
        menu = view_menu.addMenu("&Spotlight")
        for action in (self.unit_action, self.division_action, self.off_action):
            menu.addAction(action)

    def extend_box_menu(self, menu: QMenu, position_id: str | None) -> None:
        """For the canvas context menu of a box."""
        menu.addSeparator()
        menu.addAction(self.unit_action)
        menu.addAction(self.division_action)
        if self.active:
            menu.addAction(self.off_action)

    @property
    def active(self) -> bool:
        return self.kind is not None

    def spotlight_selected(self, kind: SpotlightKind) -> bool:
        selected = self.presenter.selected_id
        if selected is None:
            self.presenter.message.emit("Select a position first")
            return False
        scenario = self.presenter.scenario
        if kind is SpotlightKind.UNIT:
            target = scenario.position(selected).unit_id
        else:
            target = assign_divisions(scenario)[1].get(selected)
        if target is None:
            self.presenter.message.emit(f"That position is in no {kind.value}")
            return False
        return self.show_target(kind, target)

    def show_target(self, kind: SpotlightKind, target: str) -> bool:
        """Spotlight a unit or a division by id."""
        self.kind, self.target = kind, target
        self.refresh()
        if self.active:
            name = self._name(kind, target)
            self.presenter.message.emit(
                f"Spotlight on {name}: {len(self.item.lit):,} positions")
        return self.active

    def _name(self, kind: SpotlightKind, target: str) -> str:
        scenario = self.presenter.scenario
        names = {u.id: u.name for u in scenario.units}
        if kind is SpotlightKind.DIVISION and target not in names:
            divisions = assign_divisions(scenario)[0]
            return next((d.name for d in divisions if d.id == target), target)
        return names.get(target, target)

    def clear(self) -> None:
        self.kind = self.target = None
        self.item.hide()
        self._update_actions()
        self.changed.emit(None, None)

    def refresh(self) -> None:
        """Work out the lit boxes again (after an edit, or a new target)."""
        if self.kind is None or self.target is None:
            return
        lit = lit_positions(self.presenter.scenario, self.kind, self.target)
        if not lit:
            self.clear()
            return
        scene = self.view.chart_scene
        geometry = scene.geometry
        boxes = [b for b in geometry.boxes if b.id in lit]
        lines = []
        for con in geometry.connectors:
            if con.kind is ConnectorKind.SOLID and con.source_id in lit \
                    and con.target_id in lit:
                pts = con.points
                lines.extend(QLineF(x1, y1, x2, y2)
                             for (x1, y1), (x2, y2) in zip(pts, pts[1:], strict=False))
        self.item.set_lit(lit, boxes, lines, scene.sceneRect())
        self.item.show()
        self._update_actions()
        self.changed.emit(self.kind, self.target)

    def _update_actions(self) -> None:
        self.off_action.setEnabled(self.active)
