"""The divisions booklet: an overview page of the top layers, then one section per
division, each page laid out legibly. A division too big for a page is cut: a page shows
its top layers, and the boxes where it was cut link to the pages that continue below them
(small subtrees side by side share a page)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from orgdesigner.layout.geometry import Box, Connector, Geometry, Rect
from orgdesigner.model.document import LineKind, Position, ReportingLine, Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.render.options import MIN_TEXT_PT
from orgdesigner.render.pages import PageFrame
from orgdesigner.render.tiling import smallest_text
from orgdesigner.render.writer import ChartPage, fit_window

__all__ = ["Booklet", "plan_booklet", "division_roots"]

LayoutFn = Callable[[Scenario], Geometry]
#: Chart scale on a booklet page never exceeds this (small sections are not blown up).
MAX_SCALE = 1.2


@dataclass(slots=True)
class Booklet:
    pages: list[ChartPage]
    #: Per page (same order): box id -> position id whose section continues elsewhere.
    continued: list[dict[str, str]] = field(default_factory=list)


def division_roots(graph: OrgGraph, order: Sequence[str] | None = None,
                   manager_of: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(position id, division name) of the head of each division, in chart order:
    where a unit marked as a division starts, else the direct reports of the top.
    ``order``: the chart's pre-order from its tops and ``manager_of`` each position's
    manager in it, if the caller has them."""
    div_of = graph.division_of()
    roots: list[tuple[str, str]] = []
    if any(u.is_division for u in graph.units.values()):
        if order is None:
            order = [pid for top in graph.tops() for pid in graph.walk(top)]
        for pid in order:
            div = div_of.get(pid)
            if div is None:
                continue
            manager = graph.manager(pid) if manager_of is None else manager_of.get(pid)
            if manager is None or div_of.get(manager) != div:
                roots.append((pid, graph.units[div].name))
    if not roots:
        for top in graph.tops():
            for pid in graph.reports(top):
                p = graph.positions[pid]
                roots.append((pid, p.title or p.label))
    return roots


class _Planner:
    def __init__(self, scenario: Scenario, layout: LayoutFn, frame: PageFrame,
                 warnings: list[str], tick: Callable[[], None]) -> None:
        self.scenario = scenario
        self.layout = layout
        self.area = frame.content
        self.warnings = warnings
        self.tick = tick
        self.graph = OrgGraph(scenario)
        self.children: dict[str, list[str]] = {
            pid: list(succ) for pid, succ in self.graph.hierarchy.succ.items()}
        self.size = self._subtree_sizes()
        self.solid_line: dict[str, ReportingLine] = {}
        self.dotted: list[ReportingLine] = []
        for line in scenario.lines:
            if line.kind is LineKind.SOLID:
                self.solid_line.setdefault(line.report_id, line)
            else:
                self.dotted.append(line)
        self.capacity = max(12, int(self.area.w * self.area.h / 2500))
        self.min_scale = 1.0  # set from the first layout: the smallest legible scale
        self.legend: list = []
        self.view = scenario.view.orientation.value
        self.drawn: set[str] = set()
        self.full_boxes: dict[str, Box] = {}
        self.min_size: dict[str, float] = {}
        self.full_into: dict[str, list[Connector]] = {}
        self.pages: list[ChartPage] = []
        self.continued: list[dict[str, str]] = []
        self.first_page_of: dict[str, int] = {}  # position id -> page index it heads

    def _subtree_sizes(self) -> dict[str, int]:
        """Subtree sizes; also keeps the pre-order of the whole chart, in which each
        subtree is the ``size`` entries starting at its root (``_subtree_ids``)."""
        size: dict[str, int] = {}
        self.tops = self.graph.tops()
        self.order: list[str] = []
        children = self.children
        for top in self.tops:  # pre-order in sibling order, as OrgGraph.walk
            order: list[str] = []
            stack = [top]
            while stack:
                pid = stack.pop()
                order.append(pid)
                stack.extend(reversed(children[pid]))
            for pid in reversed(order):
                size[pid] = 1 + sum(size.get(k, 0) for k in children[pid])
            self.order += order
        self.start = {pid: i for i, pid in enumerate(self.order)}
        return size

    def _subtree_ids(self, root: str) -> list[str]:
        """``root`` and everything below it, pre-order (``_down_to`` without a limit)."""
        start = self.start.get(root)
        if start is None:
            return self._down_to([root], 10**9)
        return self.order[start:start + self.size[root]]

    # -- building blocks ---------------------------------------------------------------
    def _scenario(self, ids: Sequence[str]) -> Scenario:
        """The scenario restricted to ``ids`` (given in chart order), fast."""
        keep = set(ids)
        positions: list[Position] = [self.graph.positions[i] for i in ids]
        lines = [self.solid_line[i] for i in ids
                 if i in self.solid_line and self.solid_line[i].manager_id in keep]
        if self.dotted:
            lines += [ln for ln in self.dotted if ln.manager_id in keep and ln.report_id in keep]
        view = self.scenario.view.model_copy(update={"collapsed": (), "offsets": {}})
        return Scenario.model_construct(
            id=self.scenario.id, name=self.scenario.name, units=self.scenario.units,
            positions=positions, lines=lines, teams=[], processes=[], notes=[], view=view)

    def _down_to(self, roots: Iterable[str], depth: int) -> list[str]:
        """Roots and everything within ``depth - 1`` layers below them, pre-order."""
        out: list[str] = []
        for root in roots:
            stack = [(root, 1)]
            while stack:
                pid, d = stack.pop()
                out.append(pid)
                if d < depth:
                    stack.extend((k, d + 1) for k in reversed(self.children[pid]))
        return out

    def _legible(self, geometry: Geometry, smallest: float | None = None) -> bool:
        """Whether the geometry fits on a page with its text at a legible size
        (``smallest``: its smallest text, when the caller knows it)."""
        window = fit_window(geometry.bounds, self.area, MAX_SCALE)
        if smallest is None:
            smallest = smallest_text(geometry)
        return smallest * window.scale >= MIN_TEXT_PT - 1e-9

    def _add(self, geometry: Geometry, section: str, outline: list[tuple[str, int]],
             cut: Iterable[str] = ()) -> int:
        index = len(self.pages)
        window = fit_window(geometry.bounds, self.area, MAX_SCALE)
        self.pages.append(ChartPage(geometry=geometry, window=window, section=section,
                                    outline=outline, key=f"booklet-{index + 1}",
                                    gauge=False))
        self.continued.append({pid: pid for pid in cut})
        self.drawn.update(b.id for b in geometry.boxes)
        self.tick()
        return index

    # -- pagination --------------------------------------------------------------------
    def paginate(self, roots: list[str], trail: str, level: int,
                 outline: list[tuple[str, int]] | None = None) -> None:
        """Pages for the subtrees under ``roots``: each subtree that fits is laid out once;
        a bigger one is cut, and its top layers take its place. These parts are packed
        onto shared pages in rows (chart order); after each page come the pages that
        continue the subtrees cut on it. Each page gets an outline entry at ``level``
        (``outline`` replaces the first page's entry and suppresses the others' when
        given)."""
        shelf = _Shelf(self.area.w / self.min_scale, self.area.h / self.min_scale)
        pending: list[tuple[str, Geometry]] = []
        frontier: dict[str, list[str]] = {}  # cut root -> the boxes cut below it
        heads: list[str] = []  # drawn above with too many reports: no page of their own

        for root in roots:
            if self.size.get(root, 1) <= self.capacity:
                geometry, smallest = self._subtree_geometry(root)
                if self._legible(geometry, smallest):
                    pending.append((root, geometry))
                    continue
            top = self._top(root)
            if top is None:
                heads.append(root)
                continue
            pending.append((root, top[0]))
            frontier[root] = top[1]
        for placed in shelf.pages(pending):
            names = [pid for pid, _, _, _ in placed]
            entry = [(self._names(names), level)] if outline is None else outline
            cut = [pid for name in names for pid in frontier.get(name, ())]
            index = self._add(_compose(placed, self.legend, self.view),
                              f"{trail} › {self._names(names)}", entry, cut=cut)
            for pid in names:
                self.first_page_of.setdefault(pid, index)
            if outline is not None:
                outline = []
            for pid in names:  # the subtrees cut on this page continue right after it
                if frontier.get(pid):
                    label = self.graph.positions[pid].label
                    self.paginate(frontier[pid], f"{trail} › {label}", level + 1)
        for root in heads:  # its reports' pages follow directly
            label = self.graph.positions[root].label
            before = len(self.pages)
            self.paginate(self.children[root], f"{trail} › {label}", level,
                          outline or [(label, level)])
            if outline:
                outline = []
            if len(self.pages) > before:
                self.first_page_of.setdefault(root, before)

    def _subtree_geometry(self, root: str) -> tuple[Geometry, float | None]:
        """The subtree as the layout of the whole chart placed it (a tidy tree lays out a
        subtree the same wherever it hangs), or a layout of its own; with its smallest
        text size when known without looking at every line."""
        ids = self._subtree_ids(root)
        boxes = [self.full_boxes.get(i) for i in ids]
        if self.full_boxes and None not in boxes:
            keep = set(ids)
            connectors = [c for i in ids for c in self.full_into.get(i, ())
                          if c.source_id in keep]
            x0 = min([b.x for b in boxes])  # type: ignore[union-attr]
            x1 = max([b.x + b.w for b in boxes])  # type: ignore[union-attr]
            y0 = min([b.y for b in boxes])  # type: ignore[union-attr]
            y1 = max([b.y + b.h for b in boxes])  # type: ignore[union-attr]
            for c in connectors:
                for px, py in c.points:
                    if px < x0:
                        x0 = px
                    elif px > x1:
                        x1 = px
                    if py < y0:
                        y0 = py
                    elif py > y1:
                        y1 = py
            smallest = min(map(self.min_size.__getitem__, ids), default=10.0)
            return Geometry(view=self.view, boxes=boxes, connectors=connectors,  # type: ignore[arg-type]
                            legend=self.legend, bounds=Rect(x0, y0, x1 - x0, y1 - y0)), smallest
        return self.layout(self._scenario(ids)), None

    def use_full_layout(self, geometry: Geometry) -> None:
        """Take subtree geometries from this layout of the whole scenario."""
        self.full_boxes = {b.id: b for b in geometry.boxes}
        #: Smallest text of each box (smallest_text of one box; 10 without lines).
        self.min_size = {b.id: min([ln.size for ln in b.lines], default=10.0)
                         for b in geometry.boxes}
        self.full_into = {}
        for c in geometry.connectors:
            self.full_into.setdefault(c.target_id, []).append(c)

    def _names(self, pack: Sequence[str]) -> str:
        first = self.graph.positions[pack[0]].label
        return first if len(pack) == 1 else f"{first} and {len(pack) - 1} more"

    def _top(self, root: str) -> tuple[Geometry, list[str]] | None:
        """The top layers of ``root``'s subtree for a page (as many as fit legibly, from
        two layers on) and the boxes where it is cut; None for a head with too many
        reports for one page that is already drawn on a page above."""
        geometry: Geometry | None = None
        depth, ids = 1, [root]
        for d in (2, 3, 4):
            trial = self._down_to([root], d)
            if len(trial) > self.capacity or len(trial) == len(ids):
                break
            if len(trial) == self.size.get(root) and self.full_boxes:
                # the whole subtree, which paginate found too big as the chart's layout
                # placed it (the same as a layout of its own): no need to lay it out again
                break
            candidate = self.layout(self._scenario(trial))
            if not self._legible(candidate):
                break
            geometry, depth, ids = candidate, d, trial
        if geometry is None and root in self.drawn:
            return None
        if geometry is None:  # not shown anywhere yet: a page of its own, then its reports
            geometry = self.layout(self._scenario(ids))
        inner = set(self._down_to([root], depth - 1)) if depth > 1 else set()
        return geometry, [pid for pid in ids if pid not in inner and self.children[pid]]


def plan_booklet(scenario: Scenario, layout: LayoutFn, frame: PageFrame, *,
                 full: Geometry | None = None,
                 warnings: list[str],
                 tick: Callable[[], None] = lambda: None) -> Booklet:
    """Plan every page of the booklet: the overview first, then each division. ``full``
    is a layout of the whole scenario in the same view, if the caller has one."""
    planner = _Planner(scenario, layout, frame, warnings, tick)
    graph = planner.graph
    children = planner.children
    roots = division_roots(graph, planner.order,
                           {k: pid for pid, kids in children.items() for k in kids})
    root_ids = [r for r, _ in roots]
    overview: set[str] = set(planner.tops)
    for r in root_ids:
        overview.update(graph.chain_of_command(r))
    for top in planner.tops:  # the first two layers, as far as there is room
        for pid in [top, *children[top]]:
            if len(overview) < planner.capacity:
                overview.add(pid)
    ordered = [pid for pid in planner.order if pid in overview]
    over_geometry = layout(planner._scenario(ordered))
    planner.legend = list(over_geometry.legend)
    planner.use_full_layout(full or layout(planner._scenario(planner.order)))
    planner.min_scale = min(MAX_SCALE, MIN_TEXT_PT / smallest_text(over_geometry))
    planner._add(over_geometry, "Overview: top of the organisation",
                 [("Overview", 0)], cut=[pid for pid in ordered if any(
                     k not in overview for k in planner.children[pid])])
    planner.pages[0].gauge = True
    if not planner._legible(over_geometry):
        warnings.append("the overview page has text below "
                        f"{MIN_TEXT_PT:g} pt; the division pages are legible")
    names = dict(roots)
    covered: set[str] = set()
    for r in root_ids:
        covered.update(planner._subtree_ids(r))
    for pid in ordered:
        if pid in names:
            name = names[pid]
            planner.paginate([pid], f"Division: {name}", 0, [(name, 0)])
            continue
        outside = [k for k in planner.children[pid] if k not in overview]
        if outside and pid not in covered:
            title = f"Reporting to {graph.positions[pid].label}"
            planner.paginate(outside, title, 0, [(title, 0)])
    _leftovers(planner)
    _link(planner)
    return Booklet(planner.pages, planner.continued)


def _leftovers(planner: _Planner) -> None:
    """Pages for positions no top reaches (a reporting cycle): nobody is left out."""
    left = [pid for pid in planner.graph.positions if pid not in planner.drawn]
    if not left:
        return
    title = "Not reachable from a top (reporting cycle)"
    step = max(1, planner.capacity // 2)
    for start in range(0, len(left), step):
        geometry = planner.layout(planner._scenario(left[start:start + step]))
        planner._add(geometry, title, [(title, 0)] if start == 0 else [])


def _link(planner: _Planner) -> None:
    """Link each cut box to the page that continues below it."""
    for i, (page, cut) in enumerate(zip(planner.pages, planner.continued, strict=True)):
        for pid in list(cut):
            target = _continuation(planner, pid, i)
            if target is None:
                del cut[pid]
                continue
            page.links[pid] = planner.pages[target].key
            cut[pid] = planner.pages[target].key


def _continuation(planner: _Planner, pid: str, after: int) -> int | None:
    """Index of the page (after page ``after``, where ``pid`` is cut) where the subtree
    below ``pid`` continues."""
    own = planner.first_page_of.get(pid)
    candidates = []
    if own is not None and own > after:
        candidates.append(own)
    for k in planner.children.get(pid, []):
        page = planner.first_page_of.get(k)
        if page is not None and page > after:
            candidates.append(page)
    return min(candidates) if candidates else None


class _Shelf:
    """Packs laid-out subtrees onto pages in rows (left to right, then the next row)."""

    GAP_X = 28.0
    GAP_Y = 36.0

    def __init__(self, width: float, height: float) -> None:
        self.width = width
        self.height = height

    def pages(self, items: list[tuple[str, Geometry]]
              ) -> list[list[tuple[str, Geometry, float, float]]]:
        pages: list[list[tuple[str, Geometry, float, float]]] = []
        page: list[tuple[str, Geometry, float, float]] = []
        x = y = row_h = 0.0
        for pid, g in items:
            w, h = g.bounds.w, g.bounds.h
            if page and x > 0 and x + w > self.width:  # next row
                x, y, row_h = 0.0, y + row_h + self.GAP_Y, 0.0
            if page and y + h > self.height:  # next page
                pages.append(page)
                page, x, y, row_h = [], 0.0, 0.0, 0.0
            page.append((pid, g, x, y))
            x += w + self.GAP_X
            row_h = max(row_h, h)
        if page:
            pages.append(page)
        return pages


def _compose(placed: list[tuple[str, Geometry, float, float]], legend: list,
             view: str) -> Geometry:
    """One geometry from subtrees placed at (x, y) offsets."""
    if len(placed) == 1 and placed[0][2] == 0 and placed[0][3] == 0:
        return placed[0][1]
    boxes: list[Box] = []
    connectors: list[Connector] = []
    right = bottom = 0.0
    for _, g, x, y in placed:
        dx, dy = x - g.bounds.x, y - g.bounds.y
        boxes += [Box(b.id, b.x + dx, b.y + dy, b.w, b.h, b.lines, b.style) for b in g.boxes]
        connectors += [Connector(c.source_id, c.target_id,
                                 [(px + dx, py + dy) for px, py in c.points], c.kind)
                       for c in g.connectors]
        right = max(right, x + g.bounds.w)
        bottom = max(bottom, y + g.bounds.h)
    return Geometry(view=view, boxes=boxes, connectors=connectors,
                    legend=legend or placed[0][1].legend, bounds=Rect(0.0, 0.0, right, bottom))
