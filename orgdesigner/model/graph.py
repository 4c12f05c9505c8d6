"""OrgGraph: a networkx view of one scenario for the algorithms.

Solid reporting lines form ``hierarchy`` (manager → report); dotted lines are kept apart
in ``dotted`` so they never bend the tree. Children keep the order of the scenario's
lines, which is the order a person arranged them in.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from orgdesigner.model.document import LineKind, Position, Scenario, Unit
from orgdesigner.perf import paused_gc

__all__ = ["OrgGraph"]


class OrgGraph:
    """Read-only graph view of a scenario. Build a new one after edits (it is cheap)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.positions: dict[str, Position] = {p.id: p for p in scenario.positions}
        self.units: dict[str, Unit] = {u.id: u for u in scenario.units}
        self.hierarchy: nx.DiGraph = nx.DiGraph()
        self.dotted: nx.DiGraph = nx.DiGraph()
        #: Lines whose ends are not positions of the scenario (dangling references).
        self.dangling: list[tuple[str, str]] = []
        #: Reports that have more than one solid-line manager: report → managers.
        self.extra_managers: dict[str, list[str]] = {}
        solid: list[tuple[str, str]] = []
        dotted: list[tuple[str, str]] = []
        managed: set[str] = set()
        known = self.positions
        for line in scenario.lines:
            m, r = line.manager_id, line.report_id
            if m not in known or r not in known:
                self.dangling.append((m, r))
            elif line.kind is LineKind.DOTTED:
                dotted.append((m, r))
            elif r in managed:
                self.extra_managers.setdefault(r, []).append(m)
            else:
                managed.add(r)
                solid.append((m, r))
        with paused_gc():
            self.hierarchy.add_nodes_from(known)
            self.hierarchy.add_edges_from(solid)
            self.dotted.add_nodes_from(known)
            self.dotted.add_edges_from(dotted)

    # -- structure ---------------------------------------------------------------------
    def manager(self, position_id: str) -> str | None:
        preds = self.hierarchy.pred[position_id]
        return next(iter(preds), None)

    def reports(self, position_id: str) -> list[str]:
        """Direct solid-line reports, in the order the user arranged them."""
        return list(self.hierarchy.succ[position_id])

    def tops(self) -> list[str]:
        """Positions with no solid-line manager, in document order."""
        indeg = self.hierarchy.in_degree
        return [pid for pid in self.positions if indeg(pid) == 0]

    def has_cycle(self) -> bool:
        return not nx.is_directed_acyclic_graph(self.hierarchy)

    def cycles(self) -> list[list[str]]:
        """Each reporting cycle once (a position in a cycle has no real top)."""
        return [list(c) for c in nx.simple_cycles(self.hierarchy)]

    def subtree(self, position_id: str) -> set[str]:
        """The position and everybody under it."""
        return {position_id} | nx.descendants(self.hierarchy, position_id)

    def chain_of_command(self, position_id: str) -> list[str]:
        """From the position up to its top (the position first). Stops on a cycle."""
        chain = [position_id]
        seen = {position_id}
        current = self.manager(position_id)
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = self.manager(current)
        return chain

    def would_create_cycle(self, position_id: str, new_manager_id: str) -> bool:
        """Whether making ``new_manager_id`` the manager of ``position_id`` closes a loop."""
        return new_manager_id == position_id or new_manager_id in nx.descendants(
            self.hierarchy, position_id
        )

    def depths(self) -> dict[str, int]:
        """Layer of every position reachable from a top (tops are layer 1)."""
        result: dict[str, int] = {}
        for top in self.tops():
            result[top] = 1
            for parent, child in nx.bfs_edges(self.hierarchy, top):
                result[child] = result[parent] + 1
        return result

    def unreachable(self) -> list[str]:
        """Positions no top reaches (they sit on a cycle or hang from one)."""
        reached = self.depths()
        return [pid for pid in self.positions if pid not in reached]

    def walk(self, root: str) -> Iterator[str]:
        """Depth-first pre-order from ``root`` in the user's sibling order."""
        stack = [root]
        succ = self.hierarchy.succ
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(list(succ[node])))

    def division_of(self) -> dict[str, str | None]:
        """Division (unit id) of each position: its unit, or the nearest ancestor unit,
        marked ``is_division``. None when no unit on the way up is a division."""
        division_units: dict[str, str | None] = {}

        def unit_division(unit_id: str | None) -> str | None:
            if unit_id is None:
                return None
            if unit_id in division_units:
                return division_units[unit_id]
            seen: list[str] = []
            current: str | None = unit_id
            found: str | None = None
            while current is not None and current in self.units and current not in seen:
                seen.append(current)
                if self.units[current].is_division:
                    found = current
                    break
                current = self.units[current].parent_id
            for uid in seen:
                division_units[uid] = found
            return found

        return {pid: unit_division(p.unit_id) for pid, p in self.positions.items()}
