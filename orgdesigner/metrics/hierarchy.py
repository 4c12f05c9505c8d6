"""LazyOrgGraph: an OrgGraph held in plain dicts, building networkx only when asked.

The checks and metrics walk the hierarchy many times per run but need nothing networkx
does that a dict of parents and a dict of children cannot. Building a 100,000-node
``nx.DiGraph`` costs more than every check together, so this view reads the scenario's
lines once into dicts and builds the networkx graphs only if a caller touches
``hierarchy`` or ``dotted``. It is a read-only snapshot, like ``OrgGraph``: build a new one
after an edit. Given the graph of the scenario before the edit (``previous=``), it takes
over what the edit left alone: items are frozen, so an item list holding the very same
objects holds the same data (``checks.session.CheckSession`` does this for the window).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from itertools import chain, compress, repeat
from operator import attrgetter, is_, not_
from typing import Any, TypeVar

import networkx as nx

from orgdesigner.model.document import LineKind, ReportingLine, Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.perf import paused_gc

__all__ = ["LazyOrgGraph", "lean"]

T = TypeVar("T")
_ID = attrgetter("id")
_MANAGER = attrgetter("manager_id")
_REPORT = attrgetter("report_id")
_KIND = attrgetter("kind")
#: Memo entries a graph hands to its successor when positions and units are unchanged;
#: the roll-ups reuse them only if the division membership is equal as well.
_CARRIED = ("division_membership", "cell_sums")



class LazyOrgGraph(OrgGraph):
    """The same answers as ``OrgGraph`` from plain dicts; networkx only on demand."""

    def __init__(self, scenario: Scenario,  # noqa: D107 - no super(): lazy by design
                 previous: LazyOrgGraph | None = None) -> None:
        self.scenario = scenario
        #: The items this graph was read from (frozen values: same object, same data).
        self.items = self.items_of(scenario)
        same = previous.unchanged(self.items) if previous is not None else set()
        self._memo: dict[str, Any] = {}
        #: Figures of the previous graph that are valid again when their inputs are equal.
        self.carried: dict[str, Any] = {}
        if previous is not None and "positions" in same:
            self.positions = previous.positions
            self._memo.update((k, v) for k, v in previous._memo.items()
                              if k.startswith("column:"))
            if "units" in same:
                self.carried = {k: previous._memo[k] for k in _CARRIED if k in previous._memo}
        else:
            self.positions = dict(zip(map(_ID, scenario.positions), scenario.positions,
                                      strict=True))
        self.units = {u.id: u for u in scenario.units}
        self._depths: dict[str, int] | None = None
        self._top_sizes: dict[str, int] = {}
        self._tops: list[str] | None = None
        self._hierarchy: nx.DiGraph | None = None
        self._dotted: nx.DiGraph | None = None
        if previous is not None and {"positions", "lines"} <= same:
            self.dangling, self.extra_managers = previous.dangling, previous.extra_managers
            self.parent, self.children = previous.parent, previous.children
            self.dotted_lines = previous.dotted_lines
            self._depths, self._top_sizes = previous.depths(), previous._top_sizes
            self._tops = previous._tops
            self._line_columns = previous._line_columns
            return
        #: (kind, manager id, report id) of every line, when read from columns.
        self._line_columns: tuple[list[Any], list[str], list[str]] | None = None
        if previous is not None and previous._line_columns is not None:
            self._line_columns = _carried_line_columns(previous, scenario.lines)
        self.dangling: list[tuple[str, str]] = []
        self.extra_managers: dict[str, list[str]] = {}
        #: report → its solid-line manager.
        self.parent: dict[str, str] = {}
        #: manager → direct reports in the user's order (only managers are keys).
        self.children: dict[str, list[str]] = {}
        self.dotted_lines: list[tuple[str, str]] = []
        with paused_gc():
            self._read_lines(scenario.lines)

    @staticmethod
    def items_of(scenario: Scenario) -> dict[str, tuple[Any, ...]]:
        """The item lists a graph is read from, as they are now."""
        return {"positions": tuple(scenario.positions), "units": tuple(scenario.units),
                "lines": tuple(scenario.lines)}

    def unchanged(self, items: dict[str, tuple[Any, ...]]) -> set[str]:
        """Which of a newer scenario's item lists hold exactly the items this graph was
        read from (compared by identity, in C)."""
        return {name for name, mine in self.items.items()
                if len(mine) == len(theirs := items[name]) and all(map(is_, mine, theirs))}

    def _read_lines(self, lines: list[ReportingLine]) -> None:
        if self._read_clean_lines(lines):
            return
        known, parent, children = self.positions, self.parent, self.children
        for line in lines:
            m, r = line.manager_id, line.report_id
            if m not in known or r not in known:
                self.dangling.append((m, r))
            elif line.kind is LineKind.DOTTED:
                self.dotted_lines.append((m, r))
            elif r in parent:
                self.extra_managers.setdefault(r, []).append(m)
            else:
                parent[r] = m
                kids = children.get(m)
                if kids is None:
                    children[m] = [r]
                else:
                    kids.append(r)

    def _read_clean_lines(self, lines: list[ReportingLine]) -> bool:
        """The common case read with C-level passes: every line between known positions,
        one solid manager each. False (nothing read) when any line is not."""
        columns = self._line_columns or (
            list(map(_KIND, lines)), list(map(_MANAGER, lines)), list(map(_REPORT, lines)))
        self._line_columns = columns
        kinds, managers, reports = columns
        dotted: list[tuple[str, str]] = []
        if LineKind.DOTTED in kinds:
            solid = [k is not LineKind.DOTTED for k in kinds]
            dotted = [(m, r) for m, r, keep in zip(managers, reports, solid, strict=True)
                      if not keep]
            if not all(m in self.positions and r in self.positions for m, r in dotted):
                return False
            managers, reports = list(compress(managers, solid)), list(compress(reports, solid))
        known = self.positions.keys()
        parent = dict(zip(reports, managers, strict=True))
        if len(parent) != len(reports) or not known >= parent.keys():
            return False
        children: dict[str, list[str]] = {}
        for m, r in zip(managers, reports, strict=True):
            kids = children.get(m)
            if kids is None:
                children[m] = [r]
            else:
                kids.append(r)
        if not known >= children.keys():
            return False
        self.parent, self.children, self.dotted_lines = parent, children, dotted
        return True

    def column(self, name: str) -> list[Any]:
        """One field of every position, in ``positions`` order (read once, in C)."""
        return self.memo(f"column:{name}",
                         lambda: list(map(attrgetter(name), self.positions.values())))

    def vacant(self) -> set[str]:
        """Ids of the positions nobody holds (``Position.vacant``), read once."""
        return self.memo("column:vacant", lambda: set(compress(
            self.positions, map(not_, map(str.strip, self.column("holder"))))))

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per graph: figures several rules share (spans, roll-ups)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    # -- networkx on demand ----------------------------------------------------------
    @property
    def hierarchy(self) -> nx.DiGraph:  # type: ignore[override]
        if self._hierarchy is None:
            g = nx.DiGraph()
            with paused_gc():
                g.add_nodes_from(self.positions)
                g.add_edges_from((m, r) for m, kids in self.children.items() for r in kids)
            self._hierarchy = g
        return self._hierarchy

    @property
    def dotted(self) -> nx.DiGraph:  # type: ignore[override]
        if self._dotted is None:
            g = nx.DiGraph()
            g.add_nodes_from(self.positions)
            g.add_edges_from(self.dotted_lines)
            self._dotted = g
        return self._dotted

    # -- structure from dicts ----------------------------------------------------------
    def manager(self, position_id: str) -> str | None:
        return self.parent.get(position_id)

    def reports(self, position_id: str) -> list[str]:
        return list(self.children.get(position_id, ()))

    def tops(self) -> list[str]:
        """Positions with no solid-line manager, in document order."""
        if self._tops is None:
            parent = self.parent
            self._tops = [pid for pid in self.positions if pid not in parent]
        return list(self._tops)

    def depths(self) -> dict[str, int]:
        """Layer of every position reachable from a top (tops are layer 1). Cached; its
        keys come top-down (every manager before their reports)."""
        if self._depths is None:
            depth: dict[str, int] = {}
            sizes: dict[str, int] = {}
            children = self.children
            for top in self.tops():
                before = len(depth)
                depth[top] = 1
                frontier = [top]
                level = 1
                while frontier:
                    level += 1
                    nxt = list(chain.from_iterable(filter(None, map(children.get, frontier))))
                    depth.update(dict.fromkeys(nxt, level))
                    frontier = nxt
                sizes[top] = len(depth) - before
            self._depths = depth
            self._top_sizes = sizes
        return self._depths

    def main_top(self) -> str | None:
        """The top with the most people under it (the first such in document order)."""
        self.depths()
        sizes = self._top_sizes
        return max(sizes, key=sizes.__getitem__) if sizes else None

    def branch_of(self) -> dict[str, str]:
        """For everybody under the main top: the top's direct report they work under."""
        return self.memo("branch_of", self._branches)

    def _branches(self) -> dict[str, str]:
        top = self.main_top()
        branch: dict[str, str] = {}
        if top is None:
            return branch
        children = self.children
        for head in children.get(top, ()):
            frontier = [head]
            while frontier:
                branch.update(dict.fromkeys(frontier, head))
                frontier = list(chain.from_iterable(filter(None, map(children.get, frontier))))
        return branch

    def unreachable(self) -> list[str]:
        reached = self.depths()
        if len(reached) == len(self.positions):
            return []
        return [pid for pid in self.positions if pid not in reached]

    def has_cycle(self) -> bool:
        return bool(self.cycles())

    def cycles(self) -> list[list[str]]:
        """Each reporting cycle once, in manager → report order. With one solid manager
        per position, a cycle is where following managers upwards comes back round."""
        found: list[list[str]] = []
        done: set[str] = set()
        for start in self.unreachable():
            if start in done:
                continue
            path: list[str] = []
            on_path: dict[str, int] = {}
            node: str | None = start
            while node is not None and node not in done and node not in on_path:
                on_path[node] = len(path)
                path.append(node)
                node = self.parent.get(node)
            if node is not None and node in on_path:
                cycle = path[on_path[node]:]
                cycle.reverse()
                found.append(cycle)
            done.update(path)
        return found

    def subtree(self, position_id: str) -> set[str]:
        seen = {position_id}
        stack = [position_id]
        children = self.children
        while stack:
            for kid in children.get(stack.pop(), ()):
                if kid not in seen:
                    seen.add(kid)
                    stack.append(kid)
        return seen

    def would_create_cycle(self, position_id: str, new_manager_id: str) -> bool:
        return new_manager_id in self.subtree(position_id)

    def walk(self, root: str) -> Iterator[str]:
        stack = [root]
        seen: set[str] = set()
        children = self.children
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            yield node
            stack.extend(reversed(children.get(node, ())))


def _carried_line_columns(previous: LazyOrgGraph, lines: list[ReportingLine]
                          ) -> tuple[list[Any], list[str], list[str]] | None:
    """The line columns of ``lines`` taken from the previous graph's where the line is the
    very same object (both lists are alive, so no id is reused); the few new lines read.
    None when too much changed to be worth it."""
    assert previous._line_columns is not None
    old = previous.items["lines"]
    if not old:
        return None
    index = dict(zip(map(id, old), range(len(old)), strict=True))
    where = list(map(index.get, map(id, lines)))
    fresh = list(compress(range(len(where)), map(is_, where, repeat(None))))
    if len(fresh) > 64:
        return None
    for k in fresh:
        where[k] = 0
    kinds, managers, reports = (list(map(col.__getitem__, where))
                                for col in previous._line_columns)
    for k in fresh:
        line = lines[k]
        kinds[k], managers[k], reports[k] = line.kind, line.manager_id, line.report_id
    return kinds, managers, reports


_LEAN: weakref.WeakKeyDictionary[OrgGraph, LazyOrgGraph] = weakref.WeakKeyDictionary()


def lean(graph: OrgGraph | Scenario) -> LazyOrgGraph:
    """The dict-backed view of a graph (itself when it already is one) or of a scenario.
    Rules call this so that a plain ``OrgGraph`` works too, read once and cached."""
    if isinstance(graph, LazyOrgGraph):
        return graph
    if isinstance(graph, Scenario):
        return LazyOrgGraph(graph)
    cached = _LEAN.get(graph)
    if cached is None:
        cached = LazyOrgGraph(graph.scenario)
        _LEAN[graph] = cached
    return cached
