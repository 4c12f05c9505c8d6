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
``layout_scenario`` is the one-shot form for the PDF export and the command line.

A full pass holds the positions by index, in lists, not in dicts keyed by id (at 100k
positions the dicts' cache misses cost more than the work): ``forest.index_tree`` reads
the lines, ``box_read`` the positions (level by level), ``tidy.shape_tree`` shapes the
subtrees and ``views.place_tree`` walks them down. The tables by id that a patch edits
(``TreeState``) are made from those lists only by an engine that keeps its state. Box
and connector order carries no meaning; ``Box.lines`` lists are shared between boxes
with the same label, and ``Box.style`` objects between boxes that look alike: treat both
as read-only.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import chain

from orgdesigner.layout.box_read import read_boxes
from orgdesigner.layout.forest import forest_of, index_tree, unit_colors
from orgdesigner.layout.geometry import Geometry, LegendEntry
from orgdesigner.layout.incremental import TreeState, patch_tree
from orgdesigner.layout.pyramid import division_columns, pyramid_geometry
from orgdesigner.layout.text import MAX_BOX_WIDTH, BoxLabel, shared_measurer
from orgdesigner.layout.tidy import TidyCache, TidyParams, shape_tree
from orgdesigner.layout.views import LEVEL_GAP, Placed, tree_geometry
from orgdesigner.metrics.balance import unit_divisions
from orgdesigner.model.document import Orientation, Position, Scenario

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
                 tolerance: float = 0.15, params: TidyParams | None = None,
                 keep_state: bool = True) -> None:
        self.tolerance = tolerance
        #: Whether to keep what the layout learnt for incremental updates (a one-shot
        #: layout skips recording every placement by id).
        self.keep_state = keep_state
        self.params = params
        self.measurer = shared_measurer()
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
            with _promoted_gc():  # the new boxes skip the young generation's sweep
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
        """The shape cache of one tree of one view (the inverted view: one for all columns)."""
        found = self._caches.get(key)
        if found is None:
            found = self._caches[key] = TidyCache()
        return found

    def _label(self, p: Position, unit: str, count: int) -> BoxLabel:
        """The measured label of one position (the measurer caches it by its text)."""
        return self.measurer.box_label(p.holder.strip() or "Vacant", p.title, unit, count)

    def _layout(self, scenario: Scenario) -> Geometry:
        self._state = None
        with _promoted_gc():
            tree = index_tree(scenario)
            horizontal = self.view is Orientation.HORIZONTAL
            colors = unit_colors(scenario)
            read = read_boxes(scenario, tree, self.measurer, colors, horizontal)
            shown = read.legend_units()
            legend = [LegendEntry(u.name, u.color) for u in scenario.units
                      if u.color and u.id in shown]
            if self.view is Orientation.INVERTED:
                divisions = division_columns(scenario, tree)
                return pyramid_geometry(self, scenario, tree, read, divisions, legend)
            params = self.params or TidyParams()
            if horizontal and params.compact:
                # Leaves already form a column left to right; wide subtrees still hang,
                # steered towards a landscape page (across is y here, levels run along x).
                params = replace(params, stack_threshold=10**9, two_columns_above=10**9,
                                 level_size=MAX_BOX_WIDTH + LEVEL_GAP,
                                 target_aspect=params.target_aspect / 4)
            cache = self.cache(self.view.value) if self.keep_state else None
            shapes = shape_tree(tree.roots, chain.from_iterable(reversed(tree.levels)),
                                tree.visible, tree.ids, read.sizes, read.assistants, params,
                                cache)
            pitch = read.depth + LEVEL_GAP
            kept = Placed() if self.keep_state else None
            geometry = tree_geometry(self.view.value, tree, shapes, read.labels, read.variants,
                                     pitch, scenario.view.offsets, legend, kept)
            if geometry.boxes and kept is not None and cache is not None:
                forest = forest_of(tree)
                labels, division_of = read.by_id(
                    tree, list(chain.from_iterable(tree.levels)))
                deepest = sum(1 for lab in labels.values()
                              if (lab.width if horizontal else lab.height) == read.depth)
                self._state = TreeState(
                    view=self.view.value, horizontal=horizontal, params=params,
                    view_settings=scenario.view, units=list(scenario.units), forest=forest,
                    labels=labels, division_of=division_of,
                    unit_division=unit_divisions(scenario.units), colors=colors,
                    shapes=cache.shapes, u=kept.u, level=kept.level,
                    placement=kept.placement, pitch=pitch, deepest=deepest,
                    boxes=kept.boxes, connectors=kept.connectors,
                    legend_use=read.legend_use())
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


def layout_scenario(scenario: Scenario, view: Orientation | str | None = None, *,
                    tolerance: float = 0.15) -> Geometry:
    """Lay out ``scenario`` in ``view`` (``"classic"``, ``"horizontal"``, ``"inverted"``,
    an Orientation, or None for the scenario's saved orientation)."""
    return LayoutEngine(scenario, view, tolerance=tolerance, keep_state=False).geometry()
