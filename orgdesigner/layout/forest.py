"""The tree a layout draws: one scenario read once into plain dicts and lists.

Solid lines give each position at most one manager (the first, as ``OrgGraph`` does);
lines to unknown ids are ignored; a reporting cycle is broken at its first position in
document order, which becomes an extra root, so every position is drawn exactly once.
Collapsed positions hide their subtree and count the people under them.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgdesigner.model.document import LineKind, Position, PositionKind, Scenario

__all__ = ["Forest", "build_forest", "unit_colors"]


@dataclass(slots=True)
class Forest:
    positions: dict[str, Position]
    roots: list[str]  # visible roots in order
    children: dict[str, list[str]]  # visible children (empty for a collapsed position)
    manager: dict[str, str]  # solid-line manager of every position that has one
    order: list[str]  # visible positions, depth-first pre-order
    layer: dict[str, int]  # 1 = top
    hidden: dict[str, int]  # collapsed position -> people hidden under it
    dotted: list[tuple[str, str]]  # dotted lines between positions that exist

    @property
    def assistants(self) -> list[str]:
        return [pid for pid in self.order if self.positions[pid].kind is PositionKind.ASSISTANT]


def build_forest(scenario: Scenario) -> Forest:
    """Read ``scenario`` into a ``Forest`` in one pass over its positions and lines."""
    positions = {p.id: p for p in scenario.positions}
    all_children: dict[str, list[str]] = {}
    manager: dict[str, str] = {}
    dotted: list[tuple[str, str]] = []
    solid = LineKind.SOLID
    for line in scenario.lines:
        m, r = line.manager_id, line.report_id
        if m not in positions or r not in positions or m == r:
            continue
        if line.kind is not solid:
            dotted.append((m, r))
        elif r not in manager:
            manager[r] = m
            all_children.setdefault(m, []).append(r)
    collapsed = set(scenario.view.collapsed)
    roots: list[str] = [pid for pid in positions if pid not in manager]
    order: list[str] = []
    layer: dict[str, int] = {}
    hidden: dict[str, int] = {}
    children: dict[str, list[str]] = {}
    seen: set[str] = set()
    empty: list[str] = []

    def visit(root: str) -> None:
        stack = [(root, 1)]
        while stack:
            node, depth = stack.pop()
            seen.add(node)
            order.append(node)
            layer[node] = depth
            kids = all_children.get(node, empty)
            if node in collapsed and kids:
                hidden[node] = _count_below(node, all_children, seen)
                children[node] = empty
                continue
            children[node] = kids
            stack.extend((k, depth + 1) for k in reversed(kids))

    for root in roots:
        visit(root)
    if len(seen) < len(positions):  # cycles: break each at its first position
        for pid in positions:
            if pid not in seen:
                m = manager.pop(pid)
                all_children[m] = [c for c in all_children[m] if c != pid]
                if m in children and children[m] is not empty:
                    children[m] = all_children[m]
                roots.append(pid)
                visit(pid)
    return Forest(positions, roots, children, manager, order, layer, hidden, dotted)


def _count_below(node: str, children: dict[str, list[str]], seen: set[str]) -> int:
    """People under ``node`` (marked seen: they are not drawn)."""
    count = 0
    stack = list(children.get(node, ()))
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        count += 1
        stack.extend(children.get(n, ()))
    return count


def unit_colors(scenario: Scenario) -> dict[str, tuple[str | None, str | None]]:
    """Each unit's colour, inherited from the nearest coloured parent unit, and the id of
    the unit that colour belongs to (for the legend)."""
    units = {u.id: u for u in scenario.units}
    result: dict[str, tuple[str | None, str | None]] = {}
    for uid in units:
        current: str | None = uid
        seen: set[str] = set()
        found: tuple[str | None, str | None] = (None, None)
        while current is not None and current in units and current not in seen:
            seen.add(current)
            if units[current].color:
                found = (units[current].color, current)
                break
            current = units[current].parent_id
        result[uid] = found
    return result
