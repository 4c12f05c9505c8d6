"""Compare two scenarios: a dialog listing what differs with the metric deltas
(``metrics.diff_scenarios``), and an overlay on the canvas marking the differences on the
"after" chart: added boxes, moved boxes with a dashed marker from their old manager, and
removed positions as ghosts where they stood (placed by their nearest remaining
ancestor in a layout of the "before" scenario)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyleOptionGraphicsItem,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.layout.engine import LayoutEngine
from orgdesigner.layout.geometry import Geometry
from orgdesigner.metrics.diff import ScenarioDiff, diff_scenarios
from orgdesigner.metrics.hierarchy import LazyOrgGraph
from orgdesigner.model.document import OrgDocument, Scenario
from orgdesigner.model.edits import set_active_scenario
from orgdesigner.ui.badges import _Overlay
from orgdesigner.ui.canvas.painting import font_for
from orgdesigner.ui.canvas.presenter import ChartPresenter, IncrementalLayout
from orgdesigner.ui.canvas.scene import ChartScene

__all__ = ["CompareDialog", "CompareOverlay", "Ghost", "ghosts_for", "CHANGE_KINDS"]

ADDED = QColor("#27ae60")
MOVED = QColor("#e67e22")
CHANGED = QColor("#3d7fd6")
REMOVED = QColor("#c0392b")
#: Group title and the ScenarioDiff field it lists.
CHANGE_KINDS = (("Added", "added"), ("Removed", "removed"), ("Moved", "moved"),
                ("Retitled", "retitled"), ("Changed unit", "changed_unit"),
                ("Units added", "units_added"), ("Units removed", "units_removed"))
ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Ghost:
    """A removed position drawn relative to a box still on the chart."""

    id: str
    label: str
    anchor: str  # a position drawn in both charts
    dx: float
    dy: float
    w: float
    h: float


def ghosts_for(diff: ScenarioDiff, before: Scenario, before_geometry: Geometry,
               after_ids: set[str]) -> list[Ghost]:
    """Where each removed position stood, relative to its nearest ancestor that is still
    on the "after" chart (the whole removed branch moves with that ancestor)."""
    graph = LazyOrgGraph(before)
    boxes = {b.id: b for b in before_geometry.boxes}
    ghosts = []
    for pid in diff.removed:
        box = boxes.get(pid)
        if box is None:
            continue
        anchor = graph.parent.get(pid)
        seen = {pid}
        while anchor is not None and anchor not in after_ids and anchor not in seen:
            seen.add(anchor)
            anchor = graph.parent.get(anchor)
        if anchor is None or anchor not in boxes:
            continue
        a = boxes[anchor]
        ghosts.append(Ghost(pid, diff.labels.get(pid, pid), anchor, box.x - a.x, box.y - a.y,
                            box.w, box.h))
    return ghosts


class CompareOverlay(_Overlay):
    """The differences painted over the chart of the "after" scenario."""

    def __init__(self, scene: ChartScene) -> None:
        self.diff: ScenarioDiff | None = None
        self.ghosts: list[Ghost] = []
        super().__init__(scene, 7)
        self.hide()

    def show_diff(self, diff: ScenarioDiff | None, ghosts: list[Ghost] | None = None) -> None:
        self.diff = diff
        self.ghosts = ghosts or []
        self.setVisible(diff is not None)
        self.update()

    def _refit(self) -> None:
        super()._refit()
        if self.ghosts:  # ghosts may hang outside the chart's own bounds
            rect = QRectF(self._bounds)
            for r in self.ghost_rects().values():
                rect = rect.united(r.adjusted(-10, -10, 10, 10))
            self._bounds = rect

    def ghost_rects(self) -> dict[str, QRectF]:
        """Where each ghost is drawn now (scene points): where it stood, relative to its
        anchor, moved down clear of the boxes (and ghosts) of the chart shown."""
        out: dict[str, QRectF] = {}
        index = self.chart_scene.index
        for g in self.ghosts:
            a = self.chart_scene.box(g.anchor)
            if a is None:
                continue
            rect = QRectF(a.x + g.dx, a.y + g.dy, g.w, g.h)
            for _ in range(8):
                grown = rect.adjusted(-4, -4, 4, 4)
                if not index.boxes_in(grown) and not any(grown.intersects(r)
                                                         for r in out.values()):
                    break
                rect.translate(0, g.h + 12)
            out[g.id] = rect
        return out

    def marks(self) -> dict[str, str]:
        """What is marked on which drawn box: "added", "moved", "changed"."""
        diff = self.diff
        if diff is None:
            return {}
        out: dict[str, str] = {}
        for m in (*diff.retitled, *diff.changed_unit):
            out[m.id] = "changed"
        for m in diff.moved:
            out[m.id] = "moved"
        for pid in diff.added:
            out[pid] = "added"
        return {pid: kind for pid, kind in out.items() if self.chart_scene.box(pid)}

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        diff = self.diff
        if diff is None:
            return
        dpi = widget.logicalDpiY() if widget is not None else 96
        scene = self.chart_scene
        font = font_for(7.0, True, dpi)
        painter.setFont(font)
        for pid, rect in self.ghost_rects().items():
            pen = QPen(REMOVED, 1.2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(QColor(192, 57, 43, 28))
            painter.drawRoundedRect(rect, 3.0, 3.0)
            painter.drawText(rect.adjusted(4, 2, -4, -2), Qt.AlignmentFlag.AlignCenter
                             | Qt.TextFlag.TextWordWrap,
                             f"removed: {diff.labels.get(pid, pid)}")
        colours = {"added": ADDED, "moved": MOVED, "changed": CHANGED}
        for pid, kind in self.marks().items():
            box = scene.box(pid)
            assert box is not None
            rect = QRectF(box.x, box.y, box.w, box.h).adjusted(-3, -3, 3, 3)
            pen = QPen(colours[kind], 2.4)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 4.0, 4.0)
            tag = {"added": "NEW", "moved": "MOVED", "changed": "CHANGED"}[kind]
            tag_rect = QRectF(rect.right() - 44, rect.top() - 9, 44, 11)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours[kind])
            painter.drawRoundedRect(tag_rect, 4.0, 4.0)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(tag_rect, Qt.AlignmentFlag.AlignCenter, tag)
        for move in diff.moved:
            box = scene.box(move.id)
            if box is None:
                continue
            old = scene.box(move.old) if move.old else None
            end = QPointF(box.x + box.w / 2, box.y)
            if old is not None:
                start = QPointF(old.x + old.w / 2, old.y + old.h)
                pen = QPen(MOVED, 1.4, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(start, end)
                painter.setBrush(MOVED)
                painter.drawEllipse(start, 3.0, 3.0)
            painter.setPen(MOVED)
            painter.drawText(QRectF(box.x - 20, box.y + box.h + 3, box.w + 40, 11),
                             Qt.AlignmentFlag.AlignCenter, f"was under {move.old_name}")


def _layout_of(presenter: ChartPresenter, scenario: Scenario) -> Geometry:
    """The "before" chart in the view on screen (never through the presenter's incremental
    engine, which belongs to the scenario shown)."""
    view = presenter.view_name()
    if isinstance(presenter.layout, IncrementalLayout):
        return LayoutEngine(scenario, view).geometry()
    return presenter.layout(scenario, view)


class CompareDialog(QDialog):
    """Pick two scenarios; the differences are listed and can be shown on the canvas."""

    def __init__(self, presenter: ChartPresenter, overlay: CompareOverlay,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare scenarios")
        self.presenter = presenter
        self.overlay = overlay
        self.diff: ScenarioDiff | None = None
        self.before = QComboBox(self)
        self.after = QComboBox(self)
        self.before.setToolTip("The scenario compared from (usually As-is)")
        self.after.setToolTip("The scenario compared to; the canvas shows it")
        doc = self.doc
        for combo in (self.before, self.after):
            for s in doc.scenarios:
                combo.addItem(s.name, s.id)
        ids = [s.id for s in doc.scenarios]
        active = doc.active_scenario
        after = active if active != ids[0] or len(ids) == 1 else ids[1]
        before = ids[0] if after != ids[0] else ids[-1]
        self.before.setCurrentIndex(ids.index(before))
        self.after.setCurrentIndex(ids.index(after))
        self.on_canvas = QCheckBox("Show the differences on the &canvas", self)
        self.on_canvas.setToolTip("Marks added and moved boxes and ghosts of removed ones on"
                                  " the chart of the 'after' scenario (shown if it is not)")
        self.on_canvas.setChecked(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.changes = QTreeWidget(self)
        self.changes.setHeaderLabels(["Change", "Detail"])
        self.changes.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.changes.itemActivated.connect(self._show_item)
        self.changes.itemClicked.connect(self._show_item)
        self.metrics = QTableWidget(0, 4, self)
        self.metrics.setHorizontalHeaderLabels(["Metric", "Before", "After", "Change"])
        self.metrics.verticalHeader().hide()
        self.metrics.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.metrics.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.metrics.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.metrics.setWordWrap(False)
        self.metrics.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.metrics.verticalHeader().setDefaultSectionSize(
            self.metrics.fontMetrics().height() + 6)
        pick = QHBoxLayout()
        pick.addWidget(QLabel("&Before:", self))
        pick.itemAt(0).widget().setBuddy(self.before)
        pick.addWidget(self.before, 1)
        pick.addWidget(QLabel("&After:", self))
        pick.itemAt(2).widget().setBuddy(self.after)
        pick.addWidget(self.after, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.changes)
        split.addWidget(self.metrics)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.on_canvas)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.before.currentIndexChanged.connect(self.compare)
        self.after.currentIndexChanged.connect(self.compare)
        self.on_canvas.toggled.connect(self._update_overlay)
        presenter.controller.replaced.connect(self.reject)
        presenter.controller.changed.connect(self._follow_switch)
        self.resize(640, 620)
        self.compare()

    @property
    def doc(self) -> OrgDocument:
        return self.presenter.controller.doc

    def compare(self) -> None:
        """Diff the two picked scenarios and list the result."""
        a, b = self.before.currentData(), self.after.currentData()
        doc = self.doc
        self.diff = diff = diff_scenarios(doc.scenario(a), doc.scenario(b))
        self.changes.clear()
        for title, field in CHANGE_KINDS:
            entries = getattr(diff, field)
            if not entries:
                continue
            group = QTreeWidgetItem([f"{title} ({len(entries):,})", ""])
            for entry in entries:
                if isinstance(entry, str):
                    row = QTreeWidgetItem([diff.labels.get(entry, entry), ""])
                    row.setData(0, ID_ROLE, entry)
                else:
                    row = QTreeWidgetItem([entry.label,
                                           f"{entry.old_name} → {entry.new_name}"])
                    row.setData(0, ID_ROLE, entry.id)
                group.addChild(row)
            self.changes.addTopLevelItem(group)
            group.setExpanded(len(entries) <= 50)
        self.metrics.setRowCount(len(diff.metrics))
        for r, m in enumerate(diff.metrics):
            delta = "" if m.delta is None else f"{m.delta:+,.6g}"
            if m.delta is None and m.before != m.after:
                delta = "changed"
            for c, text in enumerate((m.name, _show(m.before), _show(m.after), delta)):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if c == 3 and m.delta:
                    item.setForeground(ADDED if m.delta > 0 else REMOVED)
                self.metrics.setItem(r, c, item)
        self.summary.setText(
            f"{diff.before} → {diff.after}: "
            + ("no differences" if diff.unchanged else
               f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.moved)} "
               f"moved, {len(diff.retitled)} retitled, {len(diff.changed_unit)} changed unit"))
        self._update_overlay()

    def _update_overlay(self) -> None:
        diff = self.diff
        if diff is None or not self.on_canvas.isChecked():
            self.overlay.show_diff(None)
            return
        after = self.after.currentData()
        if self.doc.active_scenario != after:
            self.presenter.apply(lambda: set_active_scenario(self.doc, after))
        before = self.doc.scenario(self.before.currentData())
        after_ids = {p.id for p in self.doc.scenario(after).positions}
        ghosts = ghosts_for(diff, before, _layout_of(self.presenter, before), after_ids)
        self.overlay.show_diff(diff, ghosts)
        self.overlay._refit()

    def _follow_switch(self) -> None:
        """Another scenario was put on the canvas: the marks no longer apply there."""
        if self.overlay.diff is not None and self.doc.active_scenario != self.after.currentData():
            self.on_canvas.setChecked(False)

    def _show_item(self, item: QTreeWidgetItem) -> None:
        pid = item.data(0, ID_ROLE)
        if pid and self.presenter.scene.box(pid) is not None:
            self.presenter.select(pid)

    def done(self, result: int) -> None:
        self.overlay.show_diff(None)
        super().done(result)


def _show(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 10 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
