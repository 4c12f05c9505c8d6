""""Colour by": boxes filled by unit, division, layer or worst finding, with a legend.

The colours are laid over the chart by one overlay item (the chart's own painting keeps
its unit bars), grouped by colour so a big chart costs a few ``drawRects`` calls a frame.
The legend floats in the corner of the canvas and names every colour with its count.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QMenu,
    QStyleOptionGraphicsItem,
    QWidget,
)

from orgdesigner.checks.finding import Severity
from orgdesigner.metrics.rollup import division_membership
from orgdesigner.model.document import Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.ui.badges import SEVERITY_COLOURS, _Overlay
from orgdesigner.ui.canvas.items import TEXT_ZOOM
from orgdesigner.ui.canvas.presenter import ChartPresenter

__all__ = ["ColourMode", "ColourBy", "Legend", "colour_assignment", "CATEGORY_COLOURS"]

#: Distinct colours for categories without their own (Tableau 10).
CATEGORY_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
                    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")
#: Layer 1 (top) dark to the front line light.
LAYER_COLOURS = ("#08306b", "#08519c", "#2171b5", "#4292c6", "#6baed6", "#9ecae1",
                 "#c6dbef", "#deebf7", "#f7fbff")
NONE_COLOUR = "#bab0ac"


class ColourMode(enum.Enum):
    """What the box fills show."""

    PLAIN = "Plain (unit bars only)"
    UNIT = "Unit"
    DIVISION = "Division"
    LAYER = "Layer"
    SEVERITY = "Finding severity"


#: (position id → legend key, legend key → (label, colour)), keys in legend order.
Assignment = tuple[dict[str, str], dict[str, tuple[str, str]]]


def colour_assignment(mode: ColourMode, scenario: Scenario, layers: dict[str, int],
                      severities: dict[str, Severity],
                      graph: OrgGraph | None = None) -> Assignment:
    """Which legend entry every position falls in under ``mode``. ``layers`` are the drawn
    boxes' layers; ``severities`` the worst finding per position; ``graph`` (of this
    scenario) is reused when given."""
    member: dict[str, str] = {}
    legend: dict[str, tuple[str, str]] = {}
    if mode is ColourMode.UNIT:
        for i, u in enumerate(scenario.units):
            legend[u.id] = (u.name or u.id, u.color or CATEGORY_COLOURS[i % 10])
        for p in scenario.positions:
            member[p.id] = p.unit_id if p.unit_id in legend else ""
    elif mode is ColourMode.DIVISION:
        division_of, names = division_membership(graph if graph is not None else scenario)
        units = {u.id: u for u in scenario.units}
        for i, (key, name) in enumerate(names.items()):
            unit = units.get(key)
            legend[key] = (name, unit.color if unit and unit.color
                           else CATEGORY_COLOURS[i % 10])
        for p in scenario.positions:
            member[p.id] = division_of.get(p.id, "")
    elif mode is ColourMode.LAYER:
        for layer in sorted(set(layers.values())):
            legend[str(layer)] = (f"Layer {layer}",
                                  LAYER_COLOURS[min(layer, len(LAYER_COLOURS)) - 1])
        member = {pid: str(layer) for pid, layer in layers.items()}
    elif mode is ColourMode.SEVERITY:
        for s in Severity:
            legend[s.value] = (s.value.capitalize(), SEVERITY_COLOURS[s].name())
        for p in scenario.positions:
            severity = severities.get(p.id)
            member[p.id] = severity.value if severity is not None else ""
    if mode is not ColourMode.PLAIN and any(v == "" for v in member.values()):
        legend[""] = ({ColourMode.SEVERITY: "No finding", ColourMode.DIVISION:
                       "Outside the divisions"}.get(mode, "No unit"), NONE_COLOUR)
    return member, legend


class _Fills(_Overlay):
    """The fills, grouped by colour (rebuilt when the chart or the mode changes)."""

    def __init__(self, presenter: ChartPresenter) -> None:
        self.groups: dict[str, tuple[QColor, list[QRectF]]] = {}
        super().__init__(presenter.scene, 1)

    def set_groups(self, groups: dict[str, tuple[QColor, list[QRectF]]]) -> None:
        self.groups = groups
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        # Close up the text must stay readable: a light wash. Far out: nearly solid.
        alpha = 110 if zoom >= TEXT_ZOOM else 230
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, rects in self.groups.values():
            c = QColor(colour)
            c.setAlpha(alpha)
            painter.setBrush(c)
            painter.drawRects(rects)


class Legend(QFrame):
    """Swatches with labels and counts, floating at the canvas's bottom-left corner."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("colour-legend")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(8, 6, 8, 6)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)
        self.entries: list[tuple[str, str, int]] = []
        self.hide()
        parent.installEventFilter(self)

    def set_entries(self, title: str, entries: list[tuple[str, str, int]]) -> None:
        """``entries``: (label, colour, count)."""
        self.entries = entries
        while self.grid.count():
            item = self.grid.takeAt(0)
            old = item.widget()
            if old is not None:
                old.hide()
                old.setParent(None)  # gone now, not at the next turn of the event loop
        heading = QLabel(f"<b>Colour by {title.lower()}</b>", self)
        self.grid.addWidget(heading, 0, 0, 1, 3)
        shown = entries[:14]
        for row, (label, colour, count) in enumerate(shown, start=1):
            swatch = QLabel(self)
            swatch.setFixedSize(14, 14)
            swatch.setStyleSheet(f"background: {colour}; border: 1px solid #52606d;")
            self.grid.addWidget(swatch, row, 0)
            self.grid.addWidget(QLabel(label, self), row, 1)
            number = QLabel(f"{count:,}", self)
            number.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(number, row, 2)
        if len(entries) > len(shown):
            self.grid.addWidget(QLabel(f"… and {len(entries) - len(shown)} more", self),
                                len(shown) + 1, 0, 1, 3)
        for i in range(self.grid.count()):  # new children of a shown widget start hidden
            widget = self.grid.itemAt(i).widget()
            if widget is not None:
                widget.show()
        self.adjustSize()
        self._place()

    def _place(self) -> None:
        """Bottom-left of the visible canvas (above a horizontal scroll bar)."""
        parent = self.parentWidget()
        area = parent.viewport().geometry() if hasattr(parent, "viewport") else parent.rect()
        self.move(area.left() + 12, max(0, area.bottom() - self.height() - 12))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return False


class ColourBy(QObject):
    """The "colour by" setting, its overlay, its legend and its menu."""

    def __init__(self, presenter: ChartPresenter, canvas: QWidget,
                 severities: Callable[[], dict[str, Severity]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.severities = severities
        self.mode = ColourMode.PLAIN
        self.fills = _Fills(presenter)
        self.legend = Legend(canvas)
        self.member: dict[str, str] = {}
        self.actions: dict[ColourMode, QAction] = {}
        self.group = QActionGroup(self)
        for i, mode in enumerate(ColourMode):
            action = QAction(mode.value, self, checkable=True)
            action.setShortcut(f"Alt+{i}")
            action.setToolTip(f"Fill the boxes by {mode.value.lower()}, with a legend")
            action.triggered.connect(lambda _c=False, m=mode: self.set_mode(m))
            self.group.addAction(action)
            self.actions[mode] = action
        self.actions[ColourMode.PLAIN].setChecked(True)
        presenter.scene.geometry_changed.connect(self.refresh)

    def install(self, view_menu: QMenu) -> QMenu:
        menu = view_menu.addMenu("Colour &by")
        menu.addActions(list(self.actions.values()))
        return menu

    def set_mode(self, mode: ColourMode) -> None:
        self.mode = mode
        self.actions[mode].setChecked(True)
        self.refresh()

    def refresh(self) -> None:
        """Recolour after a new layout, a new mode, or new findings."""
        mode = self.mode
        if mode is ColourMode.PLAIN:
            self.member = {}
            self.fills.set_groups({})
            self.legend.hide()
            return
        boxes = self.presenter.scene.geometry.boxes
        layers = {b.id: b.style.layer for b in boxes}
        self.member, legend = colour_assignment(mode, self.presenter.scenario, layers,
                                                self.severities(), self.presenter.graph)
        groups: dict[str, tuple[QColor, list[QRectF]]] = {
            key: (QColor(colour), []) for key, (_, colour) in legend.items()}
        member = self.member
        for b in boxes:
            key = member.get(b.id, "")
            if key in groups:
                groups[key][1].append(QRectF(b.x, b.y, b.w, b.h))
        self.fills.set_groups(groups)
        counts = Counter(member.values())
        self.legend.set_entries(mode.value, [(label, colour, counts.get(key, 0))
                                             for key, (label, colour) in legend.items()])
        self.legend.show()
        self.legend.raise_()
