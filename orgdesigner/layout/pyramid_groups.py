"""The inverted view's groups of positions, each laid out as a tidy tree.

One group per division (a column, in column order), the last for the positions in none
(the top management, hanging from the pyramid's point); the customer-facing positions
are in no group (they form the row under the CUSTOMER band). Each group is a classic
tidy forest with its children inside the group only; the pyramid mirrors it (depth runs
up).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import add, attrgetter, sub
from typing import TYPE_CHECKING

from orgdesigner.layout.box_read import BoxRead
from orgdesigner.layout.forest import TreeIndex
from orgdesigner.layout.text import BoxLabel
from orgdesigner.layout.tidy import IndexedShapes, Placement, TidyParams, _pack, shape_tree
from orgdesigner.layout.views import LEVEL_GAP
from orgdesigner.metrics.balance import Division

if TYPE_CHECKING:
    from orgdesigner.layout.engine import LayoutEngine

__all__ = ["GroupTrees", "Groups", "PointGroup", "group_positions", "lay_out_groups",
           "point_group"]


@dataclass(slots=True)
class Groups:
    """The visible positions in groups: one per division (in column order), the last
    (number ``n``) for the positions in none; the customer-facing ones are in no group."""

    order: list[int]  # the visible positions in depth-first pre-order
    facing: list[int]  # the customer-facing ones, in pre-order
    division_ids: list[str]
    slot: dict[str, int]  # division id -> its group
    group: list[int]  # by index, -1 for the customer-facing (hidden ones: in no list)
    members: list[list[int]]  # by group, in pre-order

    @property
    def n(self) -> int:
        """The number of divisions: the point's group."""
        return len(self.division_ids)


@dataclass(slots=True)
class GroupTrees:
    """Each group as a classic tidy forest (children inside the group only): every box's
    tidy centre and level, and how it hangs (a group's top: from its manager's row
    unless it tops the chart)."""

    kids_of: list[list[int] | None]  # by index: the children in the same group
    tops: list[list[int]]  # by group: the boxes whose manager is elsewhere
    internal: list[int]  # the boxes with kids_of, children before their parents
    at_u: list[float]
    at_level: list[int]
    hang: list[Placement | None]
    spans: dict[int, tuple[float, float, int]]  # group with members -> lo, hi, depth


@dataclass(slots=True)
class PointGroup:
    """The top management hanging from the point."""

    boxes: list[tuple[int, float, float, float]]  # (index, u, v, width), v up from the base
    rise: float  # from its lowest box's bottom to its highest box's top
    half: float  # half its width
    #: Managers there with division heads reporting: the offset of their trunk from the
    #: centre line, its foot above the base, and whether it leaves the box's side.
    trunks: dict[int, tuple[float, float, bool]]


def _preorder(tree: TreeIndex) -> list[int]:
    """The visible positions of ``tree`` in depth-first pre-order (by index)."""
    visible = tree.visible
    order: list[int] = []
    add = order.append
    for root in tree.roots:
        stack = [root]
        pop, extend = stack.pop, stack.extend
        while stack:
            node = pop()
            add(node)
            kids = visible[node]
            if kids:
                extend(reversed(kids))
    return order


def group_positions(tree: TreeIndex, division: Sequence[str | None],
                    divisions: list[Division]) -> Groups:
    """The positions of ``tree`` by group, from each one's division by index."""
    order = _preorder(tree)
    customer_facing = list(map(attrgetter("customer_facing"), tree.positions))
    facing = [i for i in order if customer_facing[i]]
    division_ids = [d.id for d in divisions]
    n = len(division_ids)
    slot = {did: g for g, did in enumerate(division_ids)}
    group = list(map(slot.get, division, repeat(n)))
    for i in facing:
        group[i] = -1
    members: list[list[int]] = [[] for _ in range(n + 1)]
    join = [mem.append for mem in members]
    for i in order:
        g = group[i]
        if g >= 0:
            join[g](i)
    return Groups(order, facing, division_ids, slot, group, members)  # type: ignore[arg-type]


def lay_out_groups(engine: LayoutEngine, tree: TreeIndex, read: BoxRead,
                   groups: Groups) -> GroupTrees:
    """Each group as a classic tidy forest: the subtree shapes of all groups in one pass,
    each group's tops packed on their own."""
    parent, visible = tree.parent, tree.visible
    group = groups.group
    count = len(tree.ids)
    kids_of: list[list[int] | None] = [None] * count
    tops: list[list[int]] = [[] for _ in range(groups.n + 1)]
    for g, mem in enumerate(groups.members):
        tops[g] = [i for i in mem if (m := parent[i]) < 0 or group[m] != g]
        for i in mem:
            kids = visible[i]
            if kids:
                same = [c for c in kids if group[c] == g]
                if same:
                    kids_of[i] = same
    params = engine.params or TidyParams()
    sizes = read.sizes
    ts = shape_tree([], [i for i in reversed(groups.order) if group[i] >= 0], kids_of,
                    tree.ids, sizes, read.assistants, params,
                    engine.cache("inverted") if engine.keep_state else None)
    at_u, at_level, hang = _tidy_places(tree, tops, ts, params.gap)
    return GroupTrees(kids_of, tops, ts.internal, at_u, at_level, hang,
                      _spans(groups.members, at_u, at_level, sizes))


def _tidy_places(tree: TreeIndex, tops: list[list[int]], ts: IndexedShapes, gap: float
                 ) -> tuple[list[float], list[int], list[Placement | None]]:
    """Every box's tidy centre and level from the shapes ``ts``, each group's ``tops``
    packed on their own, and how each box hangs (a top: from its manager's row unless it
    tops the chart)."""
    count = len(tree.ids)
    shapes = ts.shapes
    at_u = [0.0] * count
    at_level = [0] * count
    row = Placement.ROW
    hang: list[Placement | None] = [row if m >= 0 else None for m in tree.parent]
    for top in tops:
        if top:
            pos = _pack([shapes[r] for r in top], gap)  # type: ignore[misc]
            shift = -(pos[0] + pos[-1]) / 2
            for r, p in zip(top, pos, strict=True):
                at_u[r] = p + shift
    index = tree.index
    for m in reversed(ts.internal):  # parents before their children
        x = at_u[m]
        lv = at_level[m]
        for cid, du, dl, how in shapes[m].kids:  # type: ignore[union-attr]
            c = index[cid]
            at_u[c] = x + du
            at_level[c] = lv + dl
            hang[c] = how
    return at_u, at_level, hang


def _spans(members: list[list[int]], at_u: list[float], at_level: list[int],
           sizes: list[float]) -> dict[int, tuple[float, float, int]]:
    """Each group with members: its tidy left and right, and its deepest level."""
    half_size = [s / 2 for s in sizes]
    spans: dict[int, tuple[float, float, int]] = {}
    for g, mem in enumerate(members):
        if mem:
            us = list(map(at_u.__getitem__, mem))
            halves = list(map(half_size.__getitem__, mem))
            spans[g] = (min(map(sub, us, halves)), max(map(add, us, halves)),
                        max(map(at_level.__getitem__, mem)))
    return spans


def point_group(groups: Groups, trees: GroupTrees, tree: TreeIndex,
                labels: Sequence[BoxLabel | None], pitch: float) -> PointGroup:
    """The top management at the point; its highest place is right under the columns."""
    n = groups.n
    point: list[tuple[int, float, float, float]] = []
    rise = 0.0
    if n in trees.spans:
        at_u, at_level = trees.at_u, trees.at_level
        point = [(i, at_u[i], at_level[i] * pitch, labels[i].width)  # type: ignore[union-attr]
                 for i in groups.members[n]]
        rise = (trees.spans[n][2] + 1) * pitch - LEVEL_GAP
    half = max((abs(u) + w / 2 for _, u, _, w in point), default=0.0)
    return PointGroup(point, rise, half, _trunks(point, groups.group, n, tree.visible, labels))


def _trunks(point: list[tuple[int, float, float, float]], group: list[int], n: int,
            visible: Sequence[list[int] | None], labels: Sequence[BoxLabel | None]
            ) -> dict[int, tuple[float, float, bool]]:
    """The trunk up to the division heads of each manager at the point with some: it
    leaves the top of the box, or its side when boxes sit above it, so the triangle can
    hold it."""
    trunks: dict[int, tuple[float, float, bool]] = {}
    heights = {i: labels[i].height for i, _, _, _ in point}  # type: ignore[union-attr]
    for m, u_m, v_m, _ in point:
        if not any(0 <= group[c] < n for c in visible[m] or ()):
            continue
        top_m = v_m + heights[m]
        if not any(q != m and v + heights[q] > top_m and abs(u - u_m) <= w / 2
                   for q, u, v, w in point):
            trunks[m] = (u_m, top_m, False)
        else:  # right of every box reaching above the manager's middle
            right = max(u + w / 2 for q, u, v, w in point
                        if q == m or v + heights[q] > v_m + heights[m] / 2)
            trunks[m] = (right + LEVEL_GAP / 2, v_m + heights[m] / 2, True)
    return trunks
