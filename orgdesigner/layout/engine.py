"""The layout engine: one scenario and a view in, one ``Geometry`` out, kept up to date
cheaply while the user edits.

Use it like this (the canvas keeps one engine per open scenario)::

    engine = LayoutEngine(scenario, "classic")
    geometry = engine.geometry()
    ...  # an edit changes the scenario in place
    geometry = engine.update(scenario, changed={"p7", "new-1"})   # patch
    geometry = engine.update(scenario)                            # re-read everything
    geometry = engine.update(scenario, "inverted")                # another view

With ``changed`` (the positions an edit added, removed, edited or re-parented) the
classic and horizontal views are *patched* (``incremental.py``): only the touched
subtrees and their paths to the root are re-shaped, and only boxes that moved or changed
(and the connectors into them) are new objects; the others are the same objects as in
the previous geometry. ``last_update_patched`` says whether that happened; edits it
cannot patch exactly (new tops, collapsed subtrees, units or view settings, the inverted
view) fall back to a full pass. A full pass re-reads the scenario but still reuses the
measured labels (cached by text) and unchanged subtree shapes (``TidyCache``).
``layout_scenario`` is the one-shot form for the PDF export and the command line. Box
and connector order carries no meaning; ``Box.lines`` lists are shared between boxes
with the same label, and in the classic and horizontal views ``Box.style`` objects
between boxes that look alike: treat both as read-only.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from operator import attrgetter

from orgdesigner.layout.forest import Forest, build_forest, unit_colors
from orgdesigner.layout.geometry import Box, BoxStyle, Connector, Geometry, LegendEntry
from orgdesigner.layout.incremental import TreeState, patch_tree
from orgdesigner.layout.pyramid import pyramid_geometry
from orgdesigner.layout.text import MAX_BOX_WIDTH, BoxLabel, TextMeasurer
from orgdesigner.layout.tidy import Placement, TidyCache, TidyParams, TidyResult, tidy_layout
from orgdesigner.layout.views import LEVEL_GAP, tree_geometry
from orgdesigner.metrics.balance import division_heads
from orgdesigner.model.document import Orientation, Position, PositionKind, Scenario, Unit
from orgdesigner.perf import paused_gc

__all__ = ["LayoutEngine", "layout_scenario", "as_orientation"]


def as_orientation(view: Orientation | str | None, scenario: Scenario) -> Orientation:
    """The view to draw: an Orientation, its name, or None for the scenario's own."""
    if view is None:
        return scenario.view.orientation
    try:
        return Orientation(view)
    except ValueError:
        names = ", ".join(o.value for o in Orientation)
        raise ValueError(f"unknown view {view!r} (expected one of: {names})") from None


class LayoutEngine:
    """Lays out one scenario in one view and re-lays it out incrementally after edits."""

    def __init__(self, scenario: Scenario, view: Orientation | str | None = None, *,
                 tolerance: float = 0.15, params: TidyParams | None = None) -> None:
        self.tolerance = tolerance
        self.params = params
        self.measurer = TextMeasurer()
        self._caches: dict[str, TidyCache] = {}
        self.view = as_orientation(view, scenario)
        self._state: TreeState | None = None
        #: Whether the last ``update`` patched the layout (True) or laid it out afresh.
        self.last_update_patched = False
        self._geometry = self._layout(scenario)

    def geometry(self) -> Geometry:
        """The current geometry."""
        return self._geometry

    def update(self, scenario: Scenario, view: Orientation | str | None = None, *,
               changed: Iterable[str] | None = None) -> Geometry:
        """Lay out the scenario again after an edit (or in another view) and return the new
        geometry. ``changed``, when the caller knows it, names the positions the edit
        added, removed or edited, or gave another solid-line manager (for a removal that
        re-homes reports: the removed position and its reports); the classic and
        horizontal views then patch only what the edit moved. Without it (or for edits of
        units, view settings, collapsed subtrees...), everything is re-read, reusing the
        measured labels and unchanged subtree shapes."""
        new_view = self.view if view is None else as_orientation(view, scenario)
        self.last_update_patched = False
        if changed is not None and new_view is self.view and self._state is not None:
            with paused_gc():  # a full collection over a big chart costs more than a patch
                patched = patch_tree(self._state, scenario, changed, self._label)
            if patched is not None:
                self.last_update_patched = True
                self._geometry = patched
                return patched
        self.view = new_view
        self._geometry = self._layout(scenario)
        return self._geometry

    # -- internals ----------------------------------------------------------------------
    def cache(self, key: str) -> TidyCache:
        """The shape cache of one tree of one view (the inverted view keeps one a column)."""
        found = self._caches.get(key)
        if found is None:
            found = self._caches[key] = TidyCache()
        return found

    def tidy(self, key: str, roots: list[str], children: Mapping[str, list[str]],
             sizes: Mapping[str, float], assistants: list[str],
             params: TidyParams | None = None, order: list[str] | None = None) -> TidyResult:
        return tidy_layout(roots, children, sizes, assistants, params or self.params,
                           self.cache(key), order)

    def _labels_for(self, scenario: Scenario, forest: Forest,
                    sizes: dict[str, float] | None = None, horizontal: bool = False,
                    assistants: list[str] | None = None) -> dict[str, BoxLabel]:
        """Every visible position's measured label, measured once per distinct text; in
        the same pass, each box's breadth into ``sizes`` (its height when ``horizontal``)
        and the assistants into ``assistants``."""
        unit_names = {u.id: u.name for u in scenario.units}
        measure = self.measurer.box_label
        memo: dict[tuple[str, str, str | None], BoxLabel] = {}
        memo_get = memo.get
        labels: dict[str, BoxLabel] = {}
        visible = forest.layer if forest.collapsed else None
        assistant = PositionKind.ASSISTANT
        for p in scenario.positions:  # document order: no look-ups by id
            pid = p.id
            if visible is not None and pid not in visible:
                continue
            key = (p.holder, p.title, p.unit_id)
            label = memo_get(key)
            if label is None:
                unit = unit_names.get(p.unit_id, "") if p.unit_id else ""
                label = memo[key] = measure(p.holder.strip() or "Vacant", p.title, unit)
            labels[pid] = label
            if assistants is not None and p.kind is assistant:
                assistants.append(pid)
        positions = forest.positions
        for pid, count in forest.hidden.items():  # collapsed boxes show "+N"
            if pid in labels:
                p = positions[pid]
                unit = unit_names.get(p.unit_id, "") if p.unit_id else ""
                labels[pid] = measure(p.holder.strip() or "Vacant", p.title, unit, count)
        if sizes is not None:
            if horizontal:
                sizes.update({pid: lab.height for pid, lab in labels.items()})
            else:
                sizes.update({pid: lab.width for pid, lab in labels.items()})
        return labels

    def _label(self, p: Position, unit: str, count: int) -> BoxLabel:
        """The measured label of one position (the measurer caches it by its text)."""
        return self.measurer.box_label(p.holder.strip() or "Vacant", p.title, unit, count)

    def _styles(self, forest: Forest, division_of: Mapping[str, str | None],
                colors: Mapping[str, tuple[str | None, str | None]],
                placement: Mapping[str, Placement] | None = None
                ) -> tuple[dict[str, BoxStyle], dict[str, int]]:
        """Every visible box's style and how many boxes use each legend colour. With the
        tidy ``placement`` known, boxes that look alike share one (read-only) style;
        without it (the inverted view sets placements later) every box gets its own."""
        use: dict[str, int] = {}
        styles: dict[str, BoxStyle] = {}
        positions, hidden, layer = forest.positions, forest.hidden, forest.layer
        managed = forest.manager
        assistant = PositionKind.ASSISTANT
        none = (None, None)
        units: Mapping[str | None, int] = {}
        if placement is None:
            units = Counter(positions[pid].unit_id for pid in forest.order)
            for pid in forest.order:
                p = positions[pid]
                uid = p.unit_id
                styles[pid] = BoxStyle(uid, colors.get(uid, none)[0] if uid else None,
                                       division_of.get(pid), not p.holder.strip(),
                                       p.kind is assistant, p.customer_facing,
                                       hidden.get(pid, 0), layer[pid],
                                       "row" if pid in managed else "root")
        else:
            shared: dict[tuple[object, ...], BoxStyle] = {}
            shared_get = shared.get
            placed: dict[Placement | None, str] = {how: how.value for how in Placement}
            placed[None] = "root"
            placement_get = placement.get
            if forest.collapsed:
                visible = [p for p in positions.values() if p.id in layer]
            else:
                visible = list(positions.values())
            units = Counter(map(attrgetter("unit_id"), visible))
            for p in visible:  # document order: no look-ups by id
                pid = p.id
                holder = p.holder
                key = (p.unit_id, division_of[pid], not holder or holder.isspace(),
                       p.kind is assistant, p.customer_facing, layer[pid],
                       placed[placement_get(pid)])
                style = shared_get(key)
                if style is None:
                    uid = key[0]
                    style = shared[key] = BoxStyle(
                        uid, colors.get(uid, none)[0] if uid else None, key[1], key[2],
                        key[3], key[4], 0, key[5], key[6])
                styles[pid] = style
            for pid, count in hidden.items():  # a collapsed box has a style of its own
                if pid in styles:
                    styles[pid] = replace(styles[pid], collapsed_count=count)
        for uid, n in units.items():
            owner = colors.get(uid, none)[1] if uid else None
            if owner is not None:
                use[owner] = use.get(owner, 0) + n
        return styles, use

    def _layout(self, scenario: Scenario) -> Geometry:
        self._state = None
        with _promoted_gc():
            forest = build_forest(scenario)
            horizontal = self.view is Orientation.HORIZONTAL
            sizes: dict[str, float] = {}
            assistants: list[str] = []
            labels = self._labels_for(scenario, forest, sizes, horizontal, assistants)
            divisions, direct = division_heads(scenario, forest.manager)
            division_of: dict[str, str | None] = {}
            managers = forest.manager
            loose = [r for r in forest.roots if r not in direct]
            fast = len(forest.positions) - len(direct) == len(loose)
            if fast:  # all but tops without a division are placed directly: no inheriting
                division_of.update(direct)
                division_of.update(dict.fromkeys(loose))
            for pid in () if fast else forest.order:  # a manager before its reports
                d = direct.get(pid)
                if d is None:
                    m = managers.get(pid)
                    d = division_of.get(m) if m is not None else None
                division_of[pid] = d
            colors = unit_colors(scenario)
            if self.view is Orientation.INVERTED:
                styles, use = self._styles(forest, division_of, colors)
                legend = [LegendEntry(u.name, u.color) for u in scenario.units
                          if u.color and use.get(u.id, 0) > 0]
                return pyramid_geometry(self, scenario, forest, labels, divisions, division_of,
                                        styles, legend)
            params = self.params or TidyParams()
            if horizontal and params.compact:
                # Leaves already form a column left to right; wide subtrees still hang,
                # steered towards a landscape page (across is y here, levels run along x).
                params = replace(params, stack_threshold=10**9, two_columns_above=10**9,
                                 level_size=MAX_BOX_WIDTH + LEVEL_GAP,
                                 target_aspect=params.target_aspect / 4)
            tidy = self.tidy(self.view.value, forest.roots, forest.children, sizes,
                             assistants, params, forest.order)
            styles, use = self._styles(forest, division_of, colors, tidy.placement)
            legend = [LegendEntry(u.name, u.color) for u in scenario.units
                      if u.color and use.get(u.id, 0) > 0]
            abstract: dict[str, tuple[float, float, float, float]] = {}
            boxes: dict[str, Box] = {}
            solid: dict[str, Connector] = {}
            geometry = tree_geometry(self.view.value, forest.order, labels, styles, tidy,
                                     scenario.view.offsets, forest.dotted, legend, abstract,
                                     boxes, solid)
            if geometry.boxes:
                units = {u.id: u for u in scenario.units}
                depths = [lab.width if horizontal else lab.height for lab in labels.values()]
                deepest = max(depths)
                self._state = TreeState(
                    view=self.view.value, horizontal=horizontal, params=params,
                    view_settings=scenario.view, units=list(scenario.units), forest=forest,
                    labels=labels, styles=styles, division_of=division_of,
                    unit_division={uid: _division_unit(units, uid) for uid in units},
                    colors=colors, shapes=tidy.shapes, u=tidy.u, level=tidy.level,
                    placement=tidy.placement,
                    pitch=deepest + LEVEL_GAP,
                    deepest=depths.count(deepest),
                    abstract=abstract, boxes=boxes, connectors=solid,
                    legend_use=use)
            return geometry


@contextmanager
def _promoted_gc() -> Iterator[None]:
    """Pause the cyclic collector while a layout builds its million objects, then move
    them straight to the oldest generation (``gc.freeze`` + ``gc.unfreeze``: a constant
    time splice) instead of letting the first allocation afterwards scan them all in a
    young-generation pass. They are long-lived and acyclic; a full collection still sees
    them. Nested inside another pause, it leaves the collector alone."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _division_unit(units: Mapping[str, Unit], unit_id: str) -> str | None:
    """The division a unit belongs to: itself or its nearest parent marked as one."""
    current: str | None = unit_id
    seen: set[str] = set()
    while current is not None and current in units and current not in seen:
        seen.add(current)
        if units[current].is_division:
            return current
        current = units[current].parent_id
    return None


def layout_scenario(scenario: Scenario, view: Orientation | str | None = None, *,
                    tolerance: float = 0.15) -> Geometry:
    """Lay out ``scenario`` in ``view`` (``"classic"``, ``"horizontal"``, ``"inverted"``,
    an Orientation, or None for the scenario's saved orientation)."""
    return LayoutEngine(scenario, view, tolerance=tolerance).geometry()
