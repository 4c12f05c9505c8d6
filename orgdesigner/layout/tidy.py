"""The tidy tree: a layered, linear-time tree layout with variable box sizes and the
compact styles of real org charts.

The algorithm is Reingold and Tilford's, with the contour idea of Walker and of Buchheim,
Jünger and Leipert made explicit: every subtree is summarised by its *shape*, the left and
right edge of its boxes on each level below its root (relative to the root's centre).
Siblings are packed as close as their contours allow, once from the left and once from the
right, and the two packings are averaged, which makes the layout mirror-symmetric and
spreads small subtrees between big ones evenly; the parent is centred over its first and
last child. Contours are lists compared with ``map`` over the levels two neighbours share,
so the work per node is the height of its children's subtrees: linear for the bushy,
shallow trees organisations are (a few layers), and every shape is a value that can be
kept: ``TidyCache`` recomputes only the shapes on the path from an edited node to the root.

Coordinates are abstract: ``u`` runs across the tree (breadth; x in the classic view) and
the *level* runs down it (depth). ``views.py`` turns levels into points and maps ``u``/depth
onto x/y for each view.

Compact styles (``TidyParams.compact``):
- more than ``stack_threshold`` reports that are all leaves are stacked under their manager
  in one column (two when there are more than ``two_columns_above``) hanging from a spine,
  instead of one long row; this is what keeps a 100,000-person chart printable;
- assistants that are leaves sit beside the manager's trunk, right then left, on their own
  levels between the manager and the other reports.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import repeat
from operator import sub
from typing import Any

__all__ = ["IndexedShapes", "Placement", "Shape", "TidyParams", "TidyCache", "TidyResult",
           "TidyShapes", "shape_tree", "tidy_layout", "tidy_shapes"]


class Placement(enum.StrEnum):
    """How a child hangs from its manager (the painters' connectors follow it; a str, so
    that it hashes fast as a key)."""

    ROW = "row"  # a normal child in the row below, on the manager's bus
    STACK_RIGHT = "stack-right"  # stacked leaf right of the spine
    STACK_LEFT = "stack-left"  # stacked leaf left of the spine
    ASSISTANT_RIGHT = "assistant-right"
    ASSISTANT_LEFT = "assistant-left"


@dataclass(frozen=True, slots=True)
class TidyParams:
    gap: float = 18.0  # least distance between two boxes on one level
    stub: float = 12.0  # distance from a spine or trunk to a stacked or assistant box
    compact: bool = True
    stack_threshold: int = 4  # stack leaf reports when there are more than this
    two_columns_above: int = 6  # ... in two columns when there are more than this
    hang_min_width: float = 2000.0  # rows of subtrees wider than this may hang instead
    target_aspect: float = 2.0  # width:height a hanging subtree is steered towards
    level_size: float = 70.0  # points a level takes, to judge aspect ratios


@dataclass(slots=True)
class Shape:
    """A laid-out subtree relative to its root's centre. ``left``/``right``: edges per level
    (level 0 is the root's own box). ``kids``: (child id, centre offset, level offset,
    placement). ``size`` and ``assistant`` are what the shape was computed from."""

    left: list[float]
    right: list[float]
    kids: list[tuple[str, float, int, Placement]]
    size: float = 0.0
    assistant: bool = False
    children: list[str] = field(default_factory=list)


@dataclass(slots=True)
class TidyResult:
    """Where every node went: ``u`` is its centre across the tree, ``level`` its depth;
    ``placement`` and ``manager`` say how it hangs (roots have no manager)."""

    u: dict[str, float]
    level: dict[str, int]
    placement: dict[str, Placement]
    manager: dict[str, str]
    shapes: dict[str, Shape]
    recomputed: int  # shapes computed in this pass (the rest came from the cache)


def _leaf(size: float, assistant: bool) -> Shape:
    half = size / 2
    return Shape([-half], [half], [], size, assistant, [])


def _pack(shapes: Sequence[Shape], gap: float) -> list[float]:
    """Centre positions of sibling subtrees packed as close as their contours allow,
    the average of a left-to-right and a right-to-left packing (first child at 0)."""
    n = len(shapes)
    pos = [0.0] * n
    acc = list(shapes[0].right)
    for i in range(1, n):
        sh = shapes[i]
        s = max(map(sub, acc, sh.left)) + gap
        pos[i] = s
        right = sh.right
        m = len(right)
        if m >= len(acc):
            acc = [v + s for v in right]
        else:
            acc[:m] = [v + s for v in right]
    if n < 3:
        return pos
    back = [0.0] * n
    acc = list(shapes[-1].left)
    for i in range(n - 2, -1, -1):
        sh = shapes[i]
        s = max(map(sub, sh.right, acc)) + gap
        back[i] = -s
        left = sh.left
        m = len(left)
        if m >= len(acc):
            acc = [v - s for v in left]
        else:
            acc[:m] = [v - s for v in left]
    first = back[0]
    return [(a + b - first) / 2 for a, b in zip(pos, back, strict=True)]


def _envelope(shapes: Sequence[Shape], pos: Sequence[float],
              shift: float) -> tuple[list[float], list[float]]:
    """Left and right contours of packed siblings, moved by ``shift``."""
    p0 = pos[0] + shift
    left = [v + p0 for v in shapes[0].left]
    for p, sh in zip(pos, shapes, strict=True):
        if len(sh.left) > len(left):
            p += shift
            left.extend(v + p for v in sh.left[len(left):])
    p1 = pos[-1] + shift
    right = [v + p1 for v in shapes[-1].right]
    for p, sh in zip(reversed(pos), reversed(shapes), strict=True):
        if len(sh.right) > len(right):
            p += shift
            right.extend(v + p for v in sh.right[len(right):])
    return left, right


def _shape(size: float, assistant: bool, children: list[str], shapes: Any,
           params: TidyParams, assistants: AbstractSet[Any] | None = None,
           parents: AbstractSet[Any] | None = None, sizes: Any = None,
           nodes: list[int] | None = None) -> Shape:
    """The shape of a node from its own size and its children's shapes. ``children`` are
    ids, and so are the kids of the shape; ``nodes``, when given, are the children's
    indices, the keys of ``shapes``, ``sizes``, ``assistants`` and ``parents`` (by id
    otherwise). ``assistants`` (assistant nodes) and ``parents`` (nodes with children),
    when the caller has them, answer "any assistants / any subtrees among the children?"
    without a loop; with ``parents`` and the nodes' ``sizes``, a stack of leaves is made
    from the sizes alone."""
    half = size / 2
    left = [-half]
    right = [half]
    kids: list[tuple[str, float, int, Placement]] = []
    shape = Shape(left, right, kids, size, assistant, children)
    if not children:
        return shape
    keys: list[Any] = children if nodes is None else nodes
    compact = params.compact
    stub = params.stub
    level = 1
    if compact and (any(shapes[c].assistant for c in keys) if assistants is None
                    else not assistants.isdisjoint(keys)):
        rest: list[str] = []
        rest_keys: list[Any] = []
        helpers: list[tuple[str, float]] = []
        for cid, key in zip(children, keys, strict=True):
            sh = shapes[key]
            if sh.assistant and not sh.kids:
                helpers.append((cid, sh.size))
            else:
                rest.append(cid)
                rest_keys.append(key)
        for i in range(0, len(helpers), 2):
            cid, w = helpers[i]
            kids.append((cid, stub + w / 2, level, Placement.ASSISTANT_RIGHT))
            lo, hi = 0.0, stub + w
            if i + 1 < len(helpers):
                cid, w = helpers[i + 1]
                kids.append((cid, -stub - w / 2, level, Placement.ASSISTANT_LEFT))
                lo = -stub - w
            left.append(lo)
            right.append(hi)
            level += 1
        if not rest:
            return shape
    else:
        rest, rest_keys = children, keys
    n = len(rest)
    if parents is None or sizes is None:
        child_shapes = [shapes[c] for c in rest_keys]
        leaves = not any(sh.kids for sh in child_shapes)
    else:
        child_shapes = []
        leaves = parents.isdisjoint(rest_keys)
    if compact and n > params.stack_threshold and leaves:
        widths = (list(map(sizes.__getitem__, rest_keys)) if not child_shapes
                  else [sh.size for sh in child_shapes])
        if n > params.two_columns_above:
            n_left = (n + 1) // 2
            n_right = n - n_left
            w_left, w_right = widths[:n_left], widths[n_left:]
            kids.extend(zip(rest[:n_left], [-stub - w / 2 for w in w_left],
                            range(level, level + n_left), repeat(Placement.STACK_LEFT, n_left),
                            strict=True))
            kids.extend(zip(rest[n_left:], [stub + w / 2 for w in w_right],
                            range(level, level + n_right),
                            repeat(Placement.STACK_RIGHT, n_right), strict=True))
            left.extend([-stub - w for w in w_left])
            right.extend([stub + w for w in w_right])
            if n_right < n_left:
                right.append(0.0)
        else:
            kids.extend(zip(rest, [stub + w / 2 for w in widths], range(level, level + n),
                            repeat(Placement.STACK_RIGHT, n), strict=True))
            left.extend(repeat(0.0, n))
            right.extend([stub + w for w in widths])
        return shape
    if not child_shapes:
        child_shapes = [shapes[c] for c in rest_keys]
    if leaves:  # a row of single boxes: packed side by side, no contours to compare
        gap = params.gap
        pos = [0.0] * n
        p = 0.0
        prev = child_shapes[0].size
        for i in range(1, n):
            w = child_shapes[i].size
            p += (prev + w) / 2 + gap
            pos[i] = p
            prev = w
        shift = -p / 2
        sub_left = [shift - child_shapes[0].size / 2]
        sub_right = [p + shift + prev / 2]
    else:
        pos = _pack(child_shapes, params.gap)
        shift = -(pos[0] + pos[-1]) / 2
        sub_left, sub_right = _envelope(child_shapes, pos, shift)
    if compact and n > 1 and sub_right[0] - sub_left[0] > params.hang_min_width:
        hung_kids, hung_left, hung_right = _hang(rest, child_shapes, params.stub, level)
        if (_aspect_miss(left + hung_left, right + hung_right, params)
                < _aspect_miss(left + sub_left, right + sub_right, params)):
            kids.extend(hung_kids)
            left.extend(hung_left)
            right.extend(hung_right)
            return shape
    kids.extend(zip(rest, [p + shift for p in pos], repeat(level, n), repeat(Placement.ROW, n),
                    strict=True))
    left.extend(sub_left)
    right.extend(sub_right)
    return shape


def _aspect_miss(left: list[float], right: list[float], params: TidyParams) -> float:
    """How far a subtree's width:height is from the target (0 = on target)."""
    width = max(right) - min(left)
    height = len(left) * params.level_size
    return abs(math.log(width / height / params.target_aspect))


def _hang(rest: list[str], shapes: list[Shape], stub: float, level: int
          ) -> tuple[list[tuple[str, float, int, Placement]], list[float], list[float]]:
    """Subtrees hung one under another on both sides of a spine (left column first, in
    order), split where the two columns come out most nearly equally deep."""
    heights = [len(sh.left) for sh in shapes]
    total = sum(heights)
    split, best, run = 1, float("inf"), 0
    for k in range(1, len(shapes)):
        run += heights[k - 1]
        deeper = max(run, total - run)
        if deeper < best:
            best, split = deeper, k
    kids: list[tuple[str, float, int, Placement]] = []
    columns: list[tuple[list[float], list[float]]] = []
    spine_end = 0
    for cols, sign, how in ((range(split), -1.0, Placement.STACK_LEFT),
                            (range(split, len(shapes)), 1.0, Placement.STACK_RIGHT)):
        col_left: list[float] = []
        col_right: list[float] = []
        for i in cols:
            sh = shapes[i]
            du = -stub - max(sh.right) if sign < 0 else stub - min(sh.left)
            row = len(col_left)
            kids.append((rest[i], du, level + row, how))
            spine_end = max(spine_end, row)
            col_left += [v + du for v in sh.left]
            col_right += [v + du for v in sh.right]
        columns.append((col_left, col_right))
    (l_left, l_right), (r_left, r_right) = columns
    hung_left = l_left + r_left[len(l_left):]
    hung_right = r_right + l_right[len(r_right):]
    n = spine_end + 1
    hung_left[:n] = [v if v < 0.0 else 0.0 for v in hung_left[:n]]
    hung_right[:n] = [v if v > 0.0 else 0.0 for v in hung_right[:n]]
    return kids, hung_left, hung_right


class TidyCache:
    """Shapes kept between layouts of one evolving tree: a node's shape is reused while its
    size, assistant flag, children and all their shapes are unchanged."""

    def __init__(self) -> None:
        self.shapes: dict[str, Shape] = {}


@dataclass(slots=True)
class TidyShapes:
    """The first half of a tidy layout: every subtree's shape and where the roots go.
    ``internal`` lists the nodes with children, children before their parents (reversed,
    it is the order a walk down the tree places them in)."""

    roots: list[str]
    root_u: dict[str, float]
    shapes: dict[str, Shape]
    internal: list[str]
    recomputed: int  # shapes computed in this pass (the rest came from the cache)


def tidy_layout(roots: Sequence[str], children: Mapping[str, list[str]],
                sizes: Mapping[str, float], assistants: Iterable[str] = (),
                params: TidyParams | None = None, cache: TidyCache | None = None,
                order: Sequence[str] | None = None) -> TidyResult:
    """Lay out the forest under ``roots`` (each node's visible ``children`` in order, a
    node without an entry has none; the breadth ``sizes`` of the boxes). Roots are packed
    side by side as siblings, centred on ``u = 0``. With a ``cache``, unchanged subtrees
    keep their shapes. ``order``, when the caller has it, lists every node in depth-first
    pre-order (parents before children) and saves a traversal."""
    ts = tidy_shapes(roots, children, sizes, assistants, params, cache, order)
    u: dict[str, float] = dict(ts.root_u)
    level: dict[str, int] = dict.fromkeys(ts.root_u, 0)
    placement: dict[str, Placement] = {}
    manager: dict[str, str] = {}
    shapes = ts.shapes
    for node in reversed(ts.internal):  # parents before their children
        x = u[node]
        lv = level[node]
        for cid, du, dl, how in shapes[node].kids:
            u[cid] = x + du
            level[cid] = lv + dl
            placement[cid] = how
            manager[cid] = node
    return TidyResult(u, level, placement, manager, shapes, ts.recomputed)


def tidy_shapes(roots: Sequence[str], children: Mapping[str, list[str]],
                sizes: Mapping[str, float], assistants: Iterable[str] = (),
                params: TidyParams | None = None, cache: TidyCache | None = None,
                order: Sequence[str] | None = None) -> TidyShapes:
    """The shapes of ``tidy_layout`` and the roots' places, by id, without placing every
    node (``shape_tree`` does the work, by index)."""
    if order is None:
        order = _preorder(roots, children)
    index = {node: i for i, node in enumerate(order)}
    get_kids = children.get
    kids_of = [[index[c] for c in kids] if (kids := get_kids(node)) else None
               for node in order]
    helpers = {index[a] for a in assistants if a in index}
    ts = shape_tree([index[r] for r in roots], range(len(order) - 1, -1, -1), kids_of,
                    order, [sizes[node] for node in order], helpers, params, cache)
    return TidyShapes(list(roots), dict(zip(roots, ts.root_u, strict=True)),
                      dict(zip(order, ts.shapes, strict=True)),
                      [order[i] for i in ts.internal], ts.recomputed)


@dataclass(slots=True)
class IndexedShapes:
    """``tidy_shapes`` by node index: every laid-out node's shape (None for the others),
    the roots' centres in root order, and the nodes with children, children before
    their parents."""

    roots: list[int]
    root_u: list[float]
    shapes: list[Shape | None]
    internal: list[int]
    recomputed: int  # shapes computed in this pass (the rest came from the cache)


def shape_tree(roots: list[int], bottom_up: Iterable[int], kids_of: Sequence[list[int] | None],
               names: Sequence[str], sizes: Sequence[float], assistants: AbstractSet[int],
               params: TidyParams | None = None, cache: TidyCache | None = None
               ) -> IndexedShapes:
    """The shape of every node in ``bottom_up`` (children before their parents), nodes
    being indices into ``kids_of`` (each node's children in order, None for none),
    ``names`` (the ids the shapes name their kids by and the ``cache`` is keyed by) and
    ``sizes`` (the breadth of each box); and where the ``roots`` go, packed side by side
    as siblings centred on ``u = 0``. With a ``cache``, unchanged subtrees keep their
    shapes."""
    params = params or TidyParams()
    nodes = list(bottom_up)
    parents = {i for i in nodes if kids_of[i] is not None}
    old = cache.shapes if cache is not None else {}
    leaves: dict[float, Shape] = {}  # one shared shape per leaf size (not assistants)
    name = names.__getitem__
    internal: list[int] = []
    if not old:  # nothing cached: every node is new, no comparisons to make
        # Every node gets the leaf shape of its size in bulk (most nodes are leaves), then
        # the assistants and the parents theirs, children before their parents.
        for size in set(sizes):
            leaves[size] = _leaf(size, False)
        shapes: list[Shape | None] = list(map(leaves.__getitem__, sizes))
        for i in assistants.difference(parents):
            shapes[i] = _leaf(sizes[i], True)
        internal = [i for i in nodes if i in parents]
        for i in internal:
            kids = kids_of[i]
            shapes[i] = _shape(sizes[i], i in assistants, list(map(name, kids)),  # type: ignore[arg-type]
                               shapes, params, assistants, parents, sizes, kids)
        recomputed = len(nodes)
    else:
        shapes = [None] * len(sizes)
        fresh: set[int] = set()
        get_old = old.get
        for i in nodes:
            kids = kids_of[i]
            size = sizes[i]
            assistant = i in assistants
            prev = get_old(names[i])
            if kids is None:
                if (prev is not None and prev.size == size and not prev.children
                        and prev.assistant == assistant):
                    shapes[i] = prev
                    continue
                fresh.add(i)
                if assistant:
                    shapes[i] = _leaf(size, True)
                    continue
                leaf = leaves.get(size)
                if leaf is None:
                    leaf = leaves[size] = _leaf(size, False)
                shapes[i] = leaf
                continue
            internal.append(i)
            kid_names = list(map(name, kids))
            if (prev is not None and prev.size == size and prev.assistant == assistant
                    and prev.children == kid_names and (not fresh or fresh.isdisjoint(kids))):
                shapes[i] = prev
                continue
            fresh.add(i)
            shapes[i] = _shape(size, assistant, kid_names, shapes, params, assistants, parents,
                               sizes, kids)
        recomputed = len(fresh)
    if cache is not None:
        cache.shapes = {names[i]: shapes[i] for i in nodes}  # type: ignore[misc]
    root_u: list[float] = []
    if roots:
        pos = _pack([shapes[r] for r in roots], params.gap)  # type: ignore[misc]
        shift = -(pos[0] + pos[-1]) / 2
        root_u = [p + shift for p in pos]
    return IndexedShapes(roots, root_u, shapes, internal, recomputed)


def _preorder(roots: Sequence[str], children: Mapping[str, list[str]]) -> list[str]:
    order: list[str] = []
    for root in roots:
        stack = [root]
        while stack:
            node = stack.pop()
            order.append(node)
            kids = children.get(node)
            if kids:
                stack.extend(reversed(kids))
    return order
