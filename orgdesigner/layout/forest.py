"""The tree a layout draws: one scenario read once into plain lists and dicts.

Solid lines give each position at most one manager (the first, as ``OrgGraph`` does);
lines to unknown ids are ignored; a reporting cycle is broken at its first position in
document order, which becomes an extra root, so every position is drawn exactly once.
Collapsed positions hide their subtree and count the people under them.

``index_tree`` reads the scenario by position *index* (document order): lists instead of
dicts keyed by id, and the visible positions level by level, which is the order both
halves of a tree layout need (deepest first to shape the subtrees, top down to place
them). ``build_forest`` gives the same tree keyed by id, for the code that edits it (the
incremental re-layout).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, repeat
from operator import attrgetter

from orgdesigner.model.document import LineKind, Position, Scenario

__all__ = ["Forest", "TreeIndex", "build_forest", "forest_of", "index_tree", "unit_colors"]


@dataclass(slots=True)
class TreeIndex:
    """The reporting tree by position index (the position's place in the document)."""

    positions: list[Position]
    ids: list[str]
    index: dict[str, int]  # position id -> index
    parent: list[int]  # solid-line manager's index, -1 for a root
    children: list[list[int] | None]  # every solid-line report, None for none
    visible: list[list[int] | None]  # the reports shown (None under a collapsed box too)
    roots: list[int]  # visible roots in order
    levels: list[list[int]]  # visible positions by depth, roots first
    hidden: dict[int, int]  # collapsed box -> people hidden under it
    dotted: list[tuple[str, str]]  # dotted lines between positions that exist
    collapsed: set[str]


@dataclass(slots=True)
class Forest:
    positions: dict[str, Position]
    roots: list[str]  # visible roots in order
    children: dict[str, list[str]]  # visible children (no entry: none shown)
    all_children: dict[str, list[str]]  # every solid-line report, collapsed or not
    manager: dict[str, str]  # solid-line manager of every position that has one
    layer: dict[str, int]  # 1 = top
    hidden: dict[str, int]  # collapsed position -> people hidden under it
    dotted: list[tuple[str, str]]  # dotted lines between positions that exist
    collapsed: set[str]


def index_tree(scenario: Scenario) -> TreeIndex:
    """Read ``scenario`` into a ``TreeIndex`` in one pass over its lines."""
    positions = scenario.positions
    ids = list(map(attrgetter("id"), positions))
    n = len(ids)
    index = dict(zip(ids, range(n), strict=True))
    get = index.get
    parent = [-1] * n
    children: list[list[int] | None] = [None] * n
    dotted: list[tuple[str, str]] = []
    solid = LineKind.SOLID
    for line in scenario.lines:
        r = get(line.report_id)
        m = get(line.manager_id)
        if r is None or m is None or m == r:
            continue
        if line.kind is not solid:
            dotted.append((line.manager_id, line.report_id))
        elif parent[r] < 0:
            parent[r] = m
            kids = children[m]
            if kids is None:
                children[m] = [r]
            else:
                kids.append(r)
    collapsed = set(scenario.view.collapsed)
    visible = children
    folded = [i for i in map(get, collapsed) if i is not None and children[i] is not None]
    if folded:
        visible = list(children)
        for i in folded:
            visible[i] = None
    roots = [i for i, m in enumerate(parent) if m < 0]
    levels = _levels(roots, visible)
    hidden: dict[int, int] = {}
    shown = sum(map(len, levels))
    if folded:
        on_view = set(chain.from_iterable(levels))
        for i in folded:
            if i in on_view:
                hidden[i] = len(_below(i, children))
    if shown + sum(hidden.values()) < n:  # cycles: break each once, in document order
        reached = set(chain.from_iterable(levels))
        for i in hidden:
            reached.update(_below(i, children))
        for i in range(n):
            if i in reached:
                continue
            m = parent[i]
            parent[i] = -1
            kids = [c for c in children[m] if c != i]  # type: ignore[union-attr]
            children[m] = kids or None
            if visible is not children and visible[m] is not None:
                visible[m] = children[m]
            roots.append(i)
            more = _levels([i], visible)
            for depth, nodes in enumerate(more):
                if depth < len(levels):
                    levels[depth].extend(nodes)
                else:
                    levels.append(nodes)
            for c in chain.from_iterable(more):
                reached.add(c)
                if visible[c] is None and children[c] is not None:
                    hidden[c] = len(_below(c, children))
                    reached.update(_below(c, children))
    return TreeIndex(positions, ids, index, parent, children, visible, roots, levels, hidden,
                     dotted, collapsed)


def _levels(roots: list[int], visible: list[list[int] | None]) -> list[list[int]]:
    """The positions under ``roots`` level by level (breadth first), roots first."""
    levels = [list(roots)] if roots else []
    frontier = roots
    kids_of = visible.__getitem__
    while True:
        frontier = list(chain.from_iterable(filter(None, map(kids_of, frontier))))
        if not frontier:
            return levels
        levels.append(frontier)


def _below(node: int, children: list[list[int] | None]) -> list[int]:
    out: list[int] = []
    stack = list(children[node] or ())
    seen = {node}
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        out.append(n)
        stack.extend(children[n] or ())
    return out


def build_forest(scenario: Scenario) -> Forest:
    """Read ``scenario`` into a ``Forest`` (by id, depth-first)."""
    return forest_of(index_tree(scenario))


def forest_of(tree: TreeIndex) -> Forest:
    """The ``Forest`` of a ``TreeIndex``: the same tree by position id."""
    ids = tree.ids
    name = ids.__getitem__
    all_children = {ids[m]: list(map(name, kids))
                    for m, kids in enumerate(tree.children) if kids is not None}
    if tree.visible is tree.children:
        children = all_children
    else:
        children = {ids[m]: all_children[ids[m]]
                    for m, kids in enumerate(tree.visible) if kids is not None}
    manager = {ids[r]: ids[m] for r, m in enumerate(tree.parent) if m >= 0}
    layer: dict[str, int] = {}
    for depth, level in enumerate(tree.levels, 1):
        layer.update(zip(map(name, level), repeat(depth)))
    return Forest(dict(zip(ids, tree.positions, strict=True)), list(map(name, tree.roots)),
                  children, all_children, manager, layer,
                  {ids[i]: count for i, count in tree.hidden.items()}, tree.dotted,
                  tree.collapsed)


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
