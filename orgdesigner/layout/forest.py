"""The tree a layout draws: one scenario read once into plain dicts and lists.

Solid lines give each position at most one manager (the first, as ``OrgGraph`` does);
lines to unknown ids are ignored; a reporting cycle is broken at its first position in
document order, which becomes an extra root, so every position is drawn exactly once.
Collapsed positions hide their subtree and count the people under them.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgdesigner.model.document import LineKind, Position, Scenario

__all__ = ["Forest", "build_forest", "count_below", "unit_colors"]


@dataclass(slots=True)
class Forest:
    positions: dict[str, Position]
    roots: list[str]  # visible roots in order
    children: dict[str, list[str]]  # visible children (no entry: none shown)
    all_children: dict[str, list[str]]  # every solid-line report, collapsed or not
    manager: dict[str, str]  # solid-line manager of every position that has one
    order: list[str]  # visible positions, depth-first pre-order
    layer: dict[str, int]  # 1 = top
    hidden: dict[str, int]  # collapsed position -> people hidden under it
    dotted: list[tuple[str, str]]  # dotted lines between positions that exist
    collapsed: set[str]


def build_forest(scenario: Scenario) -> Forest:
    """Read ``scenario`` into a ``Forest`` in one pass over its positions and lines."""
    positions = {p.id: p for p in scenario.positions}
    all_children: dict[str, list[str]] = {}
    manager: dict[str, str] = {}
    dotted: list[tuple[str, str]] = []
    solid = LineKind.SOLID
    for line in scenario.lines:
        m, r = line.manager_id, line.report_id
        if line.kind is solid:
            if r not in manager and m != r and m in positions and r in positions:
                manager[r] = m
                kids = all_children.get(m)
                if kids is None:
                    all_children[m] = [r]
                else:
                    kids.append(r)
        elif m != r and m in positions and r in positions:
            dotted.append((m, r))
    collapsed = set(scenario.view.collapsed)
    roots = [pid for pid in positions if pid not in manager]
    order: list[str] = []
    layer: dict[str, int] = {}
    hidden: dict[str, int] = {}
    children = all_children if not collapsed else {
        k: v for k, v in all_children.items() if k not in collapsed}
    _visit(roots, children, order, layer)
    for c in collapsed:
        if c in layer and c in all_children:
            hidden[c] = count_below(c, all_children)
    if len(order) + sum(hidden.values()) < len(positions):  # cycles: break each once
        reached = set(order)
        for c in hidden:
            reached.update(_below(c, all_children))
        for pid in positions:
            if pid not in reached:
                m = manager.pop(pid)
                all_children[m] = [c for c in all_children[m] if c != pid]
                if m not in collapsed:
                    children[m] = all_children[m]
                roots.append(pid)
                start = len(order)
                _visit([pid], children, order, layer)
                reached.update(order[start:])
                for c in order[start:]:
                    if c in collapsed and c in all_children:
                        hidden[c] = count_below(c, all_children)
                        reached.update(_below(c, all_children))
    return Forest(positions, roots, children, all_children, manager, order, layer, hidden,
                  dotted, collapsed)


def _visit(roots: list[str], children: dict[str, list[str]], order: list[str],
           layer: dict[str, int]) -> None:
    get = children.get
    for root in roots:
        layer[root] = 1
        stack = [root]
        while stack:
            node = stack.pop()
            order.append(node)
            kids = get(node)
            if kids:
                d = layer[node] + 1
                for k in kids:
                    layer[k] = d
                stack.extend(reversed(kids))


def _below(node: str, children: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    stack = list(children.get(node, ()))
    seen = {node}
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        out.append(n)
        stack.extend(children.get(n, ()))
    return out


def count_below(node: str, children: dict[str, list[str]]) -> int:
    """People under ``node`` in the full hierarchy (what a collapsed box hides)."""
    return len(_below(node, children))


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
