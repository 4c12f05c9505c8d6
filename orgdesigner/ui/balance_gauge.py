"""The inverted view's balance tools: the gauge, column reordering and moves between
divisions.

``BalanceGauge`` floats in the top-right corner of the canvas while the inverted view is
shown: a beam on its point that leans with the normalised torque of the division balance
(the same ``BalanceFigures`` the layout used to tilt the pyramid), the tolerance marked on
its scale, and a line naming the heavy division. It follows every relayout, so it moves
live as people move. ``ColumnDragger`` lets the facilitator drag a division column by its
header to another place (one ``change_view(division_order=...)`` edit: the arms change, and
with them the torque). ``move_across_divisions`` is the edit a drop makes: the new manager,
and, when that manager is in another division, the new manager's unit as well, so the
person really changes division.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsRectItem, QSizePolicy, QWidget

from orgdesigner.layout.geometry import BalanceFigures, DivisionColumn, Geometry
from orgdesigner.metrics.balance import assign_divisions
from orgdesigner.model.document import OrgDocument
from orgdesigner.model.edits import (
    Compound,
    Edit,
    change_position,
    change_view,
    reassign_manager,
)
from orgdesigner.ui.canvas.presenter import ChartPresenter
from orgdesigner.ui.canvas.view import ChartView

__all__ = ["BalanceGauge", "BalanceTools", "ColumnDragger", "gauge_text",
           "move_across_divisions", "reordered", "header_rect"]

#: Height of the strip above a column's label that takes a header drag, in points.
HEADER_HEIGHT = 26.0


def move_across_divisions(doc: OrgDocument, position_id: str, manager_id: str) -> Edit:
    """Give a position a new manager (``reassign_manager``); when the manager sits in
    another division than the one the position's own unit puts it in, the position also
    joins the manager's unit (one undo step), so the division balance follows the move."""
    move = reassign_manager(doc, position_id, manager_id)
    scenario = doc.scenario()
    position = scenario.position(position_id)
    manager = scenario.position(manager_id)
    if position.unit_id is None or manager.unit_id in (None, position.unit_id):
        return move
    _divisions, division_of = assign_divisions(scenario)
    if division_of.get(position_id) is None or \
            division_of.get(position_id) == division_of.get(manager_id):
        return move
    unit = change_position(doc, position_id, unit_id=manager.unit_id)
    return Compound("Move position", (move, unit))


def gauge_text(balance: BalanceFigures, names: dict[str, str]) -> str:
    """One line for the gauge: balanced, or which way it tips and the heavy division."""
    if not balance.divisions:
        return "No divisions yet: mark units as divisions to balance the pyramid"
    tau = balance.normalised_torque
    heavy = names.get(balance.heavy_division or "", balance.heavy_division or "")
    side = "right" if tau > 0 else "left"
    if balance.tips:
        return f"Tips {side}: {heavy} is too heavy (torque {tau:+.2f})"
    if heavy and abs(tau) > 1e-9:
        return f"Stands, leaning {side} toward {heavy} (torque {tau:+.2f})"
    return "Balanced: the pyramid stands on its point"


class BalanceGauge(QWidget):
    """A small instrument: a beam on a pivot leaning with the torque (see module doc)."""

    #: Degrees the beam leans at the end of the scale (|torque| = 1).
    FULL_SCALE_DEGREES = 30.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.balance: BalanceFigures | None = None
        self.text = ""
        self._picture: QPixmap | None = None
        self._picture_key: tuple[object, ...] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
        self.setToolTip("Division balance: the inverted pyramid stands on its point; "
                        "the beam leans toward the heavy side and turns red when the "
                        "torque passes the tolerance of the check profile")
        self.hide()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(300, 120)

    def show_balance(self, geometry: Geometry) -> None:
        """Follow a new layout: shown with its figures in the inverted view only."""
        balance = geometry.balance if geometry.view == "inverted" else None
        self.balance = balance
        if balance is None:
            self.text = ""
            self.hide()
            return
        names = {row["id"]: row["name"] for row in balance.divisions}
        self.text = gauge_text(balance, names)
        self.setAccessibleDescription(self.text)
        self.resize(self.sizeHint())
        self.show()
        self.raise_()
        self.update()

    def lean_degrees(self) -> float:
        """How far the beam leans (positive: right side down)."""
        if self.balance is None:
            return 0.0
        tau = max(-1.0, min(1.0, self.balance.normalised_torque))
        return tau * self.FULL_SCALE_DEGREES

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        if self.balance is None:
            return
        ratio = self.devicePixelRatioF()
        key = (self.text, self.balance.normalised_torque, self.width(), self.height(), ratio)
        if self._picture is None or self._picture_key != key:  # drawn once per balance
            picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            self._paint_gauge(picture)
            self._picture, self._picture_key = picture, key
        p = QPainter(self)
        p.drawPixmap(0, 0, self._picture)
        p.end()

    def _paint_gauge(self, device: QPixmap) -> None:
        balance = self.balance
        assert balance is not None
        p = QPainter(device)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.setPen(QPen(QColor("#9aa5b1"), 1))
        p.setBrush(QColor(255, 255, 255, 235))
        p.drawRoundedRect(r, 8, 8)
        alarm = QColor("#c53030")
        calm = QColor("#2f855a")
        colour = alarm if balance.tips else calm
        cx, pivot_y, half = r.center().x(), r.top() + 58, r.width() / 2 - 34
        # The scale: the tolerance band on each side of upright.
        radius = 42.0
        tol = min(1.0, balance.tolerance) * self.FULL_SCALE_DEGREES
        p.setPen(QPen(QColor("#cbd2d9"), 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        p.drawArc(QRectF(cx - radius, pivot_y - radius, 2 * radius, 2 * radius),
                  int((90 - self.FULL_SCALE_DEGREES) * 16),
                  int(2 * self.FULL_SCALE_DEGREES * 16))
        p.setPen(QPen(calm.lighter(150), 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        p.drawArc(QRectF(cx - radius, pivot_y - radius, 2 * radius, 2 * radius),
                  int((90 - tol) * 16), int(2 * tol * 16))
        # The beam on its pivot, with a weight per division (arm = its column centre).
        angle = math.radians(self.lean_degrees())
        dx, dy = math.cos(angle), math.sin(angle)
        p.setPen(QPen(colour, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(cx - half * dx, pivot_y - half * dy),
                   QPointF(cx + half * dx, pivot_y + half * dy))
        total = max(1, sum(row["headcount"] for row in balance.divisions))
        for row in balance.divisions:
            arm = row["arm"] * half
            x, y = cx + arm * dx, pivot_y + arm * dy
            size = 5 + 16 * math.sqrt(row["headcount"] / total)
            fill = QColor(row.get("color") or "#7b8794")
            p.setPen(QPen(fill.darker(130), 1))
            p.setBrush(fill)
            p.drawRect(QRectF(x - size / 2, y - size - 1.5, size, size))
        # The needle: square to the beam, reading the lean on the scale.
        p.setPen(QPen(colour, 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(cx, pivot_y), QPointF(cx + dy * (radius + 4),
                                                 pivot_y - dx * (radius + 4)))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#3e4c59"))
        p.drawPolygon([QPointF(cx, pivot_y + 1), QPointF(cx - 9, pivot_y + 15),
                       QPointF(cx + 9, pivot_y + 15)])
        p.setPen(colour if balance.tips else QColor("#1f2933"))
        font = QFont(self.font())
        font.setBold(balance.tips)
        p.setFont(font)
        p.drawText(QRectF(r.left() + 8, r.bottom() - 36, r.width() - 16, 32),
                   Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.text)
        p.setPen(QColor("#7b8794"))
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        p.drawText(QRectF(r.left() + 8, r.top() + 4, r.width() - 16, 16),
                   Qt.AlignmentFlag.AlignLeft, "Division balance")
        p.end()


def header_rect(geometry: Geometry, column: DivisionColumn) -> QRectF:
    """Where a column's header (its name) is drawn: the strip a drag starts from."""
    for label in geometry.labels:
        if label.text == column.name and abs(label.x - column.rect.cx) < 0.5:
            return QRectF(column.rect.x, label.y - HEADER_HEIGHT + 6, column.rect.w,
                          HEADER_HEIGHT)
    r = column.rect
    return QRectF(r.x, r.y, r.w, HEADER_HEIGHT)


def reordered(order: list[str], moved: str, index: int) -> list[str]:
    """``order`` with ``moved`` taken out and put back at ``index``."""
    rest = [d for d in order if d != moved]
    index = max(0, min(len(rest), index))
    return rest[:index] + [moved] + rest[index:]


class ColumnDragger(QObject):
    """Drag a division column by its header to reorder the columns (an event filter on
    the canvas viewport, active in the inverted view)."""

    def __init__(self, view: ChartView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.presenter: ChartPresenter = view.presenter
        self._column: DivisionColumn | None = None
        self._start_x = 0.0
        self._ghost: QGraphicsRectItem | None = None
        view.viewport().installEventFilter(self)

    def column_at_header(self, x: float, y: float) -> DivisionColumn | None:
        geometry = self.view.chart_scene.geometry
        if geometry.view != "inverted":
            return None
        for col in geometry.columns:
            if header_rect(geometry, col).contains(QPointF(x, y)):
                return col
        return None

    def drop_index(self, x: float) -> int:
        """The column slot under scene x (clamped to the first and last)."""
        cols = self.view.chart_scene.geometry.columns
        for i, col in enumerate(cols):
            if x < col.rect.right:
                return i
        return max(0, len(cols) - 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            return self._press(event)
        if self._column is None:
            return False
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            at = self.view.mapToScene(event.position().toPoint())
            if self._ghost is not None:
                self._ghost.setPos(at.x() - self._start_x, 0)
            return True
        if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            at = self.view.mapToScene(event.position().toPoint())
            self._drop(at.x())
            return True
        return False

    def _press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        at = self.view.mapToScene(event.position().toPoint())
        if self.view.chart_scene.box_at(at) is not None:
            return False
        col = self.column_at_header(at.x(), at.y())
        if col is None:
            return False
        self._column = col
        self._start_x = at.x()
        r = col.rect
        ghost = QGraphicsRectItem(QRectF(r.x, r.y, r.w, r.h))
        ghost.setPen(QPen(QColor("#2f80ed"), 2, Qt.PenStyle.DashLine))
        ghost.setBrush(QColor(47, 128, 237, 40))
        ghost.setZValue(15)
        self.view.chart_scene.addItem(ghost)
        self._ghost = ghost
        self.view.viewport().setCursor(Qt.CursorShape.SizeHorCursor)
        self.presenter.message.emit(f"Drag the {col.name} column to its new place")
        return True

    def _drop(self, x: float) -> None:
        col, self._column = self._column, None
        if self._ghost is not None:
            self.view.chart_scene.removeItem(self._ghost)
            self._ghost = None
        self.view.viewport().unsetCursor()
        if col is None:
            return
        order = [c.unit_id for c in self.view.chart_scene.geometry.columns]
        new = reordered(order, col.unit_id, self.drop_index(x))
        if new != order:
            self.move_to(new)

    def move_to(self, order: list[str]) -> bool:
        """Put the columns in ``order`` (one undo step)."""
        doc = self.presenter.controller.doc
        return self.presenter.apply(lambda: change_view(doc, division_order=tuple(order)))

    def shift(self, unit_id: str, step: int) -> bool:
        """Move one column ``step`` places (the keyboard way: Move column left/right)."""
        order = [c.unit_id for c in self.view.chart_scene.geometry.columns]
        if unit_id not in order:
            return False
        new = reordered(order, unit_id, order.index(unit_id) + step)
        return new != order and self.move_to(new)


class BalanceTools(QObject):
    """The gauge over the canvas's top-right corner, the column dragger and the keyboard
    actions to move the selected position's column left or right."""

    MARGIN = 12

    def __init__(self, view: ChartView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.presenter: ChartPresenter = view.presenter
        self.gauge = BalanceGauge(view)
        self.dragger = ColumnDragger(view, self)
        self.presenter.move_edit = move_across_divisions
        self.presenter.relaid_out.connect(self.refresh)
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        self.move_left = self._action("Move division column &left", -1, "Ctrl+Shift+Left")
        self.move_right = self._action("Move division column &right", 1, "Ctrl+Shift+Right")
        self.refresh()

    def _action(self, text: str, step: int, keys: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"Inverted view: move the selected position's division column "
                          f"one place {'left' if step < 0 else 'right'} ({keys})")
        action.triggered.connect(lambda _c=False: self.shift_selected(step))
        self.view.addAction(action)
        return action

    def shift_selected(self, step: int) -> bool:
        """Move the column of the selected position's division by ``step`` places."""
        selected = self.presenter.selected_id
        if selected is None or self.view.chart_scene.geometry.view != "inverted":
            return False
        box = self.view.chart_scene.box(selected)
        division = box.style.division_id if box is not None else None
        if division is None:
            _divs, division_of = assign_divisions(self.presenter.scenario)
            division = division_of.get(selected)
        return division is not None and self.dragger.shift(division, step)

    def refresh(self) -> None:
        geometry = self.view.chart_scene.geometry
        self.gauge.show_balance(geometry)
        inverted = geometry.view == "inverted"
        self.move_left.setEnabled(inverted)
        self.move_right.setEnabled(inverted)
        self.place()

    def place(self) -> None:
        vp = self.view.viewport().geometry()
        size = self.gauge.sizeHint()
        self.gauge.setGeometry(vp.right() - size.width() - self.MARGIN,
                               vp.top() + self.MARGIN, size.width(), size.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and watched is self._viewport:
            self.place()
        return False
