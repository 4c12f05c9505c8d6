"""The divisions booklet: an overview page of the top layers, then one section per
division, each page laid out legibly. A division too big for a page is cut: a page shows
its top layers, and the boxes where it was cut link to the pages that continue below them
(small subtrees side by side share a page)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from orgdesigner.layout.geometry import Geometry
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


def division_roots(graph: OrgGraph) -> list[tuple[str, str]]:
    """(position id, division name) of the head of each division, in chart order:
    where a unit marked as a division starts, else the direct reports of the top."""
    tops = graph.tops()
    div_of = graph.division_of()
    roots: list[tuple[str, str]] = []
    if any(u.is_division for u in graph.units.values()):
        for top in tops:
            for pid in graph.walk(top):
                div = div_of.get(pid)
                if div is None:
                    continue
                manager = graph.manager(pid)
                if manager is None or div_of.get(manager) != div:
                    roots.append((pid, graph.units[div].name))
    if not roots:
        for top in tops:
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
        self.pages: list[ChartPage] = []
        self.continued: list[dict[str, str]] = []
        self.first_page_of: dict[str, int] = {}  # position id -> page index it heads

    def _subtree_sizes(self) -> dict[str, int]:
        size: dict[str, int] = {}
        for top in self.graph.tops():
            order = list(self.graph.walk(top))
            for pid in reversed(order):
                size[pid] = 1 + sum(size.get(k, 0) for k in self.children[pid])
        return size

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

    def _legible(self, geometry: Geometry) -> bool:
        window = fit_window(geometry.bounds, self.area, MAX_SCALE)
        return smallest_text(geometry) * window.scale >= MIN_TEXT_PT

    def _add(self, geometry: Geometry, section: str, outline: list[tuple[str, int]],
             cut: Iterable[str] = ()) -> int:
        index = len(self.pages)
        window = fit_window(geometry.bounds, self.area, MAX_SCALE)
        self.pages.append(ChartPage(geometry=geometry, window=window, section=section,
                                    outline=outline, key=f"booklet-{index + 1}",
                                    gauge=False))
        self.continued.append({pid: pid for pid in cut})
        self.tick()
        return index

    # -- pagination --------------------------------------------------------------------
    def paginate(self, roots: list[str], trail: str, level: int,
                 outline: list[tuple[str, int]] | None = None) -> None:
        """Pages for the subtrees under ``roots``: small neighbours share a page, big
        ones are cut. Each page gets an outline entry at ``level`` unless ``outline``."""
        packs: list[list[str]] = []
        current: list[str] = []
        total = 0
        for root in roots:
            n = self.size.get(root, 1)
            if current and total + n > self.capacity:
                packs.append(current)
                current, total = [], 0
            current.append(root)
            total += n
        if current:
            packs.append(current)
        for pack in packs:
            self._pack(pack, trail, level, outline)
            outline = []

    def _names(self, pack: Sequence[str]) -> str:
        first = self.graph.positions[pack[0]].label
        return first if len(pack) == 1 else f"{first} and {len(pack) - 1} more"

    def _pack(self, pack: list[str], trail: str, level: int,
              outline: list[tuple[str, int]] | None) -> None:
        total = sum(self.size.get(r, 1) for r in pack)
        entry = [(self._names(pack), level)] if outline is None else outline
        if total <= self.capacity:
            ids = self._down_to(pack, 10**9)
            geometry = self.layout(self._scenario(ids))
            if self._legible(geometry):
                index = self._add(geometry, f"{trail} › {self._names(pack)}", entry)
                for r in pack:
                    self.first_page_of.setdefault(r, index)
                return
        if len(pack) > 1:
            half = len(pack) // 2
            self._pack(pack[:half], trail, level, outline)
            self._pack(pack[half:], trail, level, None if outline is None else [])
            return
        self._cut(pack[0], trail, level, entry)

    def _cut(self, root: str, trail: str, level: int, outline: list[tuple[str, int]]) -> None:
        """A page with the top layers of ``root``'s subtree, then pages below the cut."""
        geometry: Geometry | None = None
        depth = 4
        ids: list[str] = []
        while depth >= 2:
            ids = self._down_to([root], depth)
            if len(ids) <= self.capacity:
                candidate = self.layout(self._scenario(ids))
                if self._legible(candidate):
                    geometry = candidate
                    break
            depth -= 1
        if geometry is None:  # too many direct reports: the head alone, then the reports
            depth, ids = 1, [root]
            geometry = self.layout(self._scenario(ids))
        inner = set(self._down_to([root], depth - 1)) if depth > 1 else set()
        frontier = [pid for pid in ids if pid not in inner and self.children[pid]]
        label = self.graph.positions[root].label
        index = self._add(geometry, f"{trail} › {label}", outline, cut=frontier)
        self.first_page_of.setdefault(root, index)
        if depth == 1:
            self.paginate(self.children[root], f"{trail} › {label}", level + 1)
        else:
            self.paginate(frontier, f"{trail} › {label}", level + 1)


def plan_booklet(scenario: Scenario, layout: LayoutFn, frame: PageFrame, *,
                 overview_layout: LayoutFn | None = None, warnings: list[str],
                 tick: Callable[[], None] = lambda: None) -> Booklet:
    """Plan every page of the booklet: the overview first, then each division."""
    planner = _Planner(scenario, layout, frame, warnings, tick)
    graph = planner.graph
    roots = division_roots(graph)
    root_ids = [r for r, _ in roots]
    depths = graph.depths()
    overview: set[str] = set(graph.tops())
    for r in root_ids:
        overview.update(graph.chain_of_command(r))
    for pid, d in depths.items():
        if d <= 2 and len(overview) < planner.capacity:
            overview.add(pid)
    ordered = [pid for top in graph.tops() for pid in graph.walk(top) if pid in overview]
    over_geometry = (overview_layout or layout)(planner._scenario(ordered))
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
        covered.update(graph.subtree(r))
    for pid in ordered:
        if pid in names:
            name = names[pid]
            planner.paginate([pid], f"Division: {name}", 0, [(name, 0)])
            continue
        outside = [k for k in planner.children[pid] if k not in overview]
        if outside and pid not in covered:
            title = f"Reporting to {graph.positions[pid].label}"
            planner.paginate(outside, title, 0, [(title, 0)])
    _link(planner)
    return Booklet(planner.pages, planner.continued)


def _link(planner: _Planner) -> None:
    """Link each cut box to the page that continues below it."""
    for page, cut in zip(planner.pages, planner.continued, strict=True):
        for pid in list(cut):
            target = _continuation(planner, pid)
            if target is None:
                del cut[pid]
                continue
            page.links[pid] = planner.pages[target].key
            cut[pid] = planner.pages[target].key


def _continuation(planner: _Planner, pid: str) -> int | None:
    """Index of the page where the subtree below ``pid`` continues."""
    own = planner.first_page_of.get(pid)
    candidates = []
    if own is not None and own > 0:
        candidates.append(own)
    for k in planner.children.get(pid, []):
        page = planner.first_page_of.get(k)
        if page is not None:
            candidates.append(page)
    return min(candidates) if candidates else None
