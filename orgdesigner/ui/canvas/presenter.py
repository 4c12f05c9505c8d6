"""ChartPresenter: keeps the scene in step with the document.

After every change of the document (an edit, an undo, a redo, a new document) it lays the
active scenario out again and hands the geometry to the scene, keeping the selection. It
is also where the canvas's gestures become model edits: ``apply`` pushes one undo step
and turns a refused edit into a status message.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from orgdesigner.layout.engine import LayoutEngine
from orgdesigner.layout.geometry import Geometry
from orgdesigner.metrics.hierarchy import LazyOrgGraph
from orgdesigner.model.document import LineKind, OrgDocument, Scenario
from orgdesigner.model.edits import Edit, EditError, reassign_manager
from orgdesigner.perf import paused_gc
from orgdesigner.ui.canvas.scene import ChartScene
from orgdesigner.ui.document import DocumentController

__all__ = ["ChartPresenter", "LayoutFunction", "IncrementalLayout"]

LayoutFunction = Callable[[Scenario, str | None], Geometry]


class _Snapshot:
    """What the last layout was made from, to tell the engine what an edit touched."""

    def __init__(self, scenario: Scenario) -> None:
        self.positions = {p.id: p for p in scenario.positions}
        self.parents: dict[str, str] = {}
        self.dotted: list[tuple[str, str]] = []
        for ln in scenario.lines:
            if ln.kind is LineKind.SOLID:
                self.parents.setdefault(ln.report_id, ln.manager_id)
            else:
                self.dotted.append((ln.manager_id, ln.report_id))
        self.units = list(scenario.units)
        self.view = scenario.view


def changed_positions(before: _Snapshot, after: _Snapshot) -> set[str] | None:
    """Positions an edit added, removed, edited or re-parented (with the reports of a
    removed one); None when something else changed (units, view, dotted lines)."""
    if (after.view is not before.view or after.dotted != before.dotted
            or len(after.units) != len(before.units)
            or any(a is not b for a, b in zip(after.units, before.units, strict=True))):
        return None
    changed: set[str] = set()
    old, new = before.positions, after.positions
    for pid, position in new.items():
        if old.get(pid) is not position:
            changed.add(pid)
    removed = old.keys() - new.keys()
    changed |= removed
    old_parents, new_parents = before.parents, after.parents
    for pid, manager in new_parents.items():
        if old_parents.get(pid) != manager:
            changed.add(pid)
    for pid, manager in old_parents.items():
        if manager in removed or pid not in new_parents:
            changed.add(pid)
    return changed


class IncrementalLayout:
    """A layout function over one ``LayoutEngine`` per scenario: after an edit only what
    changed is measured and shaped again (the engine is told which positions moved)."""

    #: Beyond this many changed positions a full pass is as quick.
    PATCH_LIMIT = 2000

    def __init__(self) -> None:
        self._engine: LayoutEngine | None = None
        self._scenario_id: str | None = None
        self._snapshot: _Snapshot | None = None

    def __call__(self, scenario: Scenario, view: str | None) -> Geometry:
        wanted = view or scenario.view.orientation.value
        snapshot = _Snapshot(scenario)
        before, self._snapshot = self._snapshot, snapshot
        if self._engine is None or self._scenario_id != scenario.id or before is None:
            self._engine = LayoutEngine(scenario, wanted)
            self._scenario_id = scenario.id
            return self._engine.geometry()
        changed = changed_positions(before, snapshot)
        if changed is not None and len(changed) > self.PATCH_LIMIT:
            changed = None
        return self._engine.update(scenario, wanted, changed=changed)

    def reset(self) -> None:
        """Forget everything (a different document was opened)."""
        self._engine = None
        self._scenario_id = None
        self._snapshot = None


class ChartPresenter(QObject):
    """Document → layout → scene, and gestures → edits."""

    #: A line for the status bar (refused edits, hints).
    message = Signal(str)
    #: The document changed: models over the old graph must reset now (sent first).
    graph_changed = Signal()
    #: The scene shows a new layout of the (possibly changed) document.
    relaid_out = Signal()

    def __init__(self, controller: DocumentController, scene: ChartScene | None = None,
                 layout: LayoutFunction | None = None, view: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.scene = scene if scene is not None else ChartScene(self)
        self.layout: LayoutFunction = layout if layout is not None else IncrementalLayout()
        #: A view forced from outside (``--view``); None follows the scenario's setting.
        self.view_override = view
        self._graph: LazyOrgGraph | None = None
        #: The edit a drop of a box on another makes: (doc, position id, new manager id).
        self.move_edit: Callable[[OrgDocument, str, str], Edit] = reassign_manager
        controller.changed.connect(self.relayout)
        controller.replaced.connect(self._on_replaced)
        self.relayout()

    # -- state -------------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self.controller.scenario

    @property
    def graph(self) -> LazyOrgGraph:
        """The hierarchy of the active scenario as it is now (built when first asked; plain
        dicts, networkx only if a caller needs it)."""
        if self._graph is None or self._graph.scenario is not self.scenario:
            self._graph = LazyOrgGraph(self.scenario)
        return self._graph

    @property
    def selected_id(self) -> str | None:
        return self.scene.selected_id

    def select(self, position_id: str | None) -> None:
        self.scene.select(position_id)

    def view_name(self) -> str:
        return self.view_override or self.scenario.view.orientation.value

    # -- document changes --------------------------------------------------------------
    def relayout(self) -> None:
        """Lay the active scenario out again and show it; the selection is kept when its
        position still exists."""
        self._graph = None
        self.graph_changed.emit()
        selected = self.scene.selected_id
        if selected is not None and not any(p.id == selected for p in self.scenario.positions):
            self.scene.select(None)
        with paused_gc():  # a big chart makes millions of objects the collector would scan
            self.scene.set_geometry(self.layout(self.scenario, self.view_name()))
        self.relaid_out.emit()

    def _on_replaced(self) -> None:
        if isinstance(self.layout, IncrementalLayout):
            self.layout.reset()
        self.scene.select(None)
        self.relayout()

    def set_view_override(self, view: str | None) -> None:
        self.view_override = view
        self.relayout()

    # -- edits -------------------------------------------------------------------------
    def apply(self, build: Callable[[], Edit], select: str | None = None) -> bool:
        """Build an edit and make it one undo step. A refusal (``EditError``) changes
        nothing and becomes a status message. ``select`` is selected afterwards."""
        try:
            self.controller.apply(build())
        except EditError as err:
            self.message.emit(str(err))
            return False
        if select is not None:
            self.scene.select(select)
        return True
