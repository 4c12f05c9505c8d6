"""Incremental re-layout of the classic and horizontal views after a small edit.

``TreeState`` is everything a full layout learnt (the forest, labels, subtree
shapes, where each box went, the boxes and connectors themselves). ``patch_tree`` takes
the ids an edit touched and does only the work that edit needs:

1. find what the edit changed: the stretch of the position and line lists that differs
   from the lists as last seen (``line_index.diff_window``: the equal ends compared in C),
   plus the ids the caller names; the reporting lines around a touched position come
   from a ``LineIndex`` by position id, so no list is read whole and no dict of the whole
   org is rebuilt (the first patch after a full layout builds the index, once);
2. re-shape the touched subtrees and the path from them to the root (``tidy._shape``);
   a shape that comes out equal to the old one keeps the old object;
3. walk down from the roots, skipping every subtree whose shape object and place are
   unchanged: only boxes that moved or changed, and the connectors into them, are new
   objects; everything else is reused as is. A subtree that moves whole (a tidy tree
   re-centres everything between two edited places: moving a team of a 20k chart moves
   8k boxes) is rebuilt from its old boxes and its shapes alone (``moved_boxes``), without
   looking at labels, styles or the document.

It returns None whenever the edit is not one it can patch exactly (the set of tops
changes, a collapsed subtree or a cycle is involved, units or view settings changed, the
level pitch changes...): the engine then lays out from scratch. The result is the same
geometry a full layout gives, except for the order of boxes and connectors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from orgdesigner.layout.forest import Forest
from orgdesigner.layout.geometry import (
    Box,
    BoxStyle,
    Connector,
    Geometry,
    LegendEntry,
)
from orgdesigner.layout.line_index import LineIndex, diff_window
from orgdesigner.layout.moved_boxes import abstract_of, anchor_of, connector, shift_subtree
from orgdesigner.layout.text import BoxLabel
from orgdesigner.layout.tidy import Placement, Shape, TidyParams, _leaf, _pack, _shape
from orgdesigner.layout.views import (
    LEVEL_GAP,
    dotted_connectors,
    tree_bounds,
)
from orgdesigner.model.document import LineKind, Position, PositionKind, Scenario, Unit

__all__ = ["TreeState", "patch_tree"]

_PLACED: dict[Placement | None, str] = {p: p.value for p in Placement}
_PLACED[None] = "root"


@dataclass(slots=True)
class TreeState:
    """What a classic or horizontal layout knows, kept for the next patch."""

    view: str
    horizontal: bool
    params: TidyParams
    view_settings: object  # the scenario's ViewSettings object the layout used
    units: list[Unit]
    forest: Forest
    labels: dict[str, BoxLabel]
    division_of: dict[str, str | None]
    unit_division: dict[str, str | None]
    colors: dict[str, tuple[str | None, str | None]]
    shapes: dict[str, Shape]
    u: dict[str, float]
    level: dict[str, int]
    placement: dict[str, Placement]
    pitch: float
    boxes: dict[str, Box]
    connectors: dict[str, Connector]  # solid connector into each report
    legend_use: dict[str, int] = field(default_factory=dict)  # colour-owner unit -> boxes
    deepest: int = 0  # labels as deep as the level pitch allows (while > 0 it holds)
    #: The scenario's reporting lines by position, and its positions, as this state
    #: knows them (a patch finds what an edit changed by comparing). None until the
    #: first patch, which then trusts its ``changed``, unless the full pass fills them
    #: (``LineIndex(scenario.lines)``, ``list(scenario.positions)``).
    line_index: LineIndex | None = None
    seen_positions: list[Position] | None = None


def _chain(manager: dict[str, str], node: str, limit: int) -> list[str] | None:
    """``node``'s managers up to its top; None on a cycle."""
    out: list[str] = []
    current = manager.get(node)
    while current is not None:
        if current == node or len(out) > limit:
            return None
        out.append(current)
        current = manager.get(current)
    return out


def patch_tree(st: TreeState, scenario: Scenario, changed: Iterable[str],
               label_of: object) -> Geometry | None:
    """Re-lay out after an edit that touched the positions ``changed`` (added, removed,
    edited, or given another manager). ``label_of(position, unit_name, count)`` measures
    a label. None when only a full layout can answer exactly."""
    f = st.forest
    if (scenario.view is not st.view_settings or list(scenario.units) != st.units
            or f.collapsed or not any(u.is_division for u in st.units)):
        return None
    read = _read_edit(st, scenario, changed)
    if read is None:
        return None
    index, found, removed, touched, dot_ids = read
    if not touched and not dot_ids:
        return _geometry(st)
    positions = f.positions
    roots_set = set(f.roots)
    old_manager = {c: f.manager.get(c) for c in touched}
    # -- reporting lines around the touched positions ------------------------------------
    def exists(pid: str) -> bool:
        return pid in found or (pid in positions and pid not in removed)

    solid = LineKind.SOLID
    new_manager: dict[str, str] = {}
    for r in touched:
        if not exists(r):
            continue
        for line in index.lines_of(r):  # the first solid line into r to a position
            m = line.manager_id
            if line.report_id == r and line.kind is solid and m != r and exists(m):
                new_manager[r] = m
                break
    dotted = f.dotted
    if dot_ids:
        dotted = [(m, r) for m, r in dotted if m not in dot_ids and r not in dot_ids]
        seen: set[int] = set()
        for pid in dot_ids:
            for line in index.lines_of(pid):
                m, r = line.manager_id, line.report_id
                if (line.kind is not solid and id(line) not in seen and m != r and exists(m)
                        and exists(r)):
                    seen.add(id(line))
                    dotted.append((m, r))
    for c in touched:
        if (c in roots_set) != (c in found and c not in new_manager):
            return None  # the set of tops changes: the roots' order needs a full pass
    managers = {m for m in old_manager.values() if m is not None and m not in removed}
    managers |= set(new_manager.values())
    managers |= found.keys()

    def manager_now(r: str) -> str | None:
        return new_manager.get(r) if r in touched else f.manager.get(r)

    kids_of: dict[str, list[str]] = {}
    for m in managers:  # each one's reports in line order
        kids: list[str] = []
        taken: set[str] = set()
        for line in index.lines_of(m):
            r = line.report_id
            if (line.manager_id == m and line.kind is solid and r not in taken and exists(r)
                    and manager_now(r) == m):
                taken.add(r)
                kids.append(r)
        kids_of[m] = kids
    # -- apply to the forest ---------------------------------------------------------------
    for c in removed:
        if c not in positions:
            return None
        del positions[c]
        f.manager.pop(c, None)
    for c, p in found.items():
        positions[c] = p
        if c in new_manager:
            f.manager[c] = new_manager[c]
    limit = len(positions)
    for c in found:
        if _chain(f.manager, c, limit) is None:
            return None
    same = f.children is f.all_children
    for m, kids in kids_of.items():
        if kids:
            f.all_children[m] = kids
            if not same:
                f.children[m] = kids
        else:
            f.all_children.pop(m, None)
            if not same:
                f.children.pop(m, None)
    for c in removed:
        f.all_children.pop(c, None)
        f.children.pop(c, None)
    # -- labels and styles of the touched positions --------------------------------------
    unit_names = {u.id: u.name for u in st.units}
    horizontal = st.horizontal
    depth_room = st.pitch - LEVEL_GAP
    for c, p in found.items():
        lab = label_of(p, unit_names.get(p.unit_id, "") if p.unit_id else "", 0)
        depth = lab.width if horizontal else lab.height
        if depth > depth_room:
            return None  # a deeper box than any: the pitch grows
        old = st.labels.get(c)
        if old is not None and (old.width if horizontal else old.height) == depth_room:
            st.deepest -= 1
        if depth == depth_room:
            st.deepest += 1
        st.labels[c] = lab
    for c in removed:
        old = st.labels.pop(c)
        if (old.width if horizontal else old.height) == depth_room:
            st.deepest -= 1
    if st.deepest <= 0:
        return None  # no box is as deep as the pitch any more: it shrinks
    # -- re-shape the dirty paths, deepest first -------------------------------------------
    dirty: dict[str, int] = {}
    for start in set(found) | managers:
        chain = _chain(f.manager, start, limit)
        if chain is None:
            return None
        depth = len(chain) + 1
        if start not in dirty:
            dirty[start] = depth
        for i, m in enumerate(chain):
            if m in dirty:
                break
            dirty[m] = depth - 1 - i
    shapes = st.shapes
    old_shapes = dict.fromkeys(dirty)
    for c in removed:
        shapes.pop(c, None)
    assistant = PositionKind.ASSISTANT
    for node in sorted(dirty, key=dirty.__getitem__, reverse=True):
        lab = st.labels[node]
        size = lab.height if horizontal else lab.width
        is_assistant = positions[node].kind is assistant
        kids = f.children.get(node)
        new = (_shape(size, is_assistant, kids, shapes, st.params) if kids
               else _leaf(size, is_assistant))
        old = shapes.get(node)
        old_shapes[node] = old
        if (old is not None and old.size == new.size and old.assistant == new.assistant
                and old.children == new.children and old.left == new.left
                and old.right == new.right and old.kids == new.kids):
            continue
        shapes[node] = new
    roots = f.roots
    root_u = {r: st.u[r] for r in roots}
    if any(shapes[r] is not old_shapes.get(r, shapes[r]) for r in roots if r in dirty):
        pos = _pack([shapes[r] for r in roots], st.params.gap)
        shift = -(pos[0] + pos[-1]) / 2
        root_u = {r: p + shift for r, p in zip(roots, pos, strict=True)}
    # -- walk down, rebuilding only what moved or changed ----------------------------------
    for c in removed:
        _forget(st, c)
    reshaped = {n for n in dirty if shapes[n] is not old_shapes[n]}
    force_below = {c for c in found if old_manager.get(c) != f.manager.get(c)}
    _walk(st, roots, root_u, reshaped, set(found), force_below, set(dirty))
    f.dotted = dotted
    return _geometry(st)


def _read_edit(st: TreeState, scenario: Scenario, changed: Iterable[str]
               ) -> tuple[LineIndex, dict[str, Position], set[str], set[str], set[str]] | None:
    """What the edit changed: the line index brought up to date, the positions that are
    new or edited or touched (by id, as they are now), the removed ones, every position
    whose box or manager may change, and the positions whose dotted lines may change.
    Found from the difference between the lists as last seen and now, plus ``changed``;
    on the first patch after a full layout, from ``changed`` alone. None when the
    change cannot be patched."""
    f = st.forest
    positions = f.positions
    touched = set(changed)
    index = st.line_index
    seen = st.seen_positions
    found: dict[str, Position] = {}
    if index is None or seen is None:
        index = LineIndex(scenario.lines)
        if index.broken:
            return None
        for p in scenario.positions:
            if p.id in touched:
                found[p.id] = p
        removed = {c for c in touched if c not in found and c in positions}
        touched -= {c for c in touched if c not in found and c not in removed}
        dot_ids = set(touched)
    else:
        lines = index.update(scenario.lines)
        if lines is None:
            return None
        now = scenario.positions
        start, old_end, new_end = diff_window(seen, now)
        came = now[start:new_end]
        came_ids = {p.id for p in came}
        if len(came_ids) != len(came):
            return None  # one id twice
        for p in came:
            if positions.get(p.id) is not p:
                found[p.id] = p
        removed = {p.id for p in seen[start:old_end] if p.id not in came_ids}
        if len(f.roots) > 1 and not came_ids.isdisjoint(f.roots):
            return None  # tops reordered, perhaps: their order is the document's
        dot_ids: set[str] = set()
        solid = LineKind.SOLID
        for line in (*lines[0], *lines[1]):
            if line.kind is solid:
                touched.add(line.report_id)
            else:
                dot_ids.add(line.manager_id)
                dot_ids.add(line.report_id)
        appeared = {c for c in found if c not in positions}
        for pid in appeared | removed:  # lines to or from them start or stop counting
            dot_ids.add(pid)
            for line in index.lines_of(pid):
                if line.kind is solid:
                    touched.add(line.report_id)
            touched.update(f.all_children.get(pid, ()))
        touched |= found.keys()
        touched |= removed
        for c in list(touched):
            if c in found or c in removed:
                continue
            if c in positions:
                found[c] = positions[c]  # its box or manager may change
            else:
                touched.discard(c)  # named by the caller or a line, but not a position
    st.line_index = index
    st.seen_positions = list(scenario.positions)
    return index, found, removed, touched, dot_ids


def _forget(st: TreeState, pid: str) -> None:
    for table in (st.u, st.level, st.placement, st.connectors, st.division_of,
                  st.forest.layer):
        table.pop(pid, None)  # type: ignore[attr-defined]
    box = st.boxes.pop(pid, None)
    if box is not None:
        _legend_count(st, box.style, -1)


def _legend_count(st: TreeState, style: BoxStyle, delta: int) -> None:
    if style.unit_id is None:
        return
    owner = st.colors.get(style.unit_id, (None, None))[1]
    if owner is not None:
        st.legend_use[owner] = st.legend_use.get(owner, 0) + delta


def _walk(st: TreeState, roots: list[str], root_u: dict[str, float], reshaped: set[str],
          edited: set[str], force_below: set[str], paths: set[str]) -> None:
    """Place boxes top-down, reusing every unchanged subtree whole (the paths to edited
    positions are always followed)."""
    f = st.forest
    positions, shapes, boxes, conns = f.positions, st.shapes, st.boxes, st.connectors
    horizontal, pitch, half_gap = st.horizontal, st.pitch, LEVEL_GAP / 2
    offsets = st.view_settings.offsets  # type: ignore[attr-defined]
    assistant = PositionKind.ASSISTANT
    # node, centre, level, manager, how it hangs, force, the manager's anchor moved,
    # the manager's anchor (centre across, depth where its connectors leave it)
    stack: list[tuple[str, float, int, str | None, Placement | None, bool, bool,
                      tuple[float, float]]] = [
        (r, root_u[r], 0, None, None, False, False, (0.0, 0.0)) for r in reversed(roots)]
    u_get, level_get, placement_get = st.u.get, st.level.get, st.placement.get
    while stack:
        node, x, lv, mgr, how, force, manager_moved, anchor = stack.pop()
        moved = (u_get(node) != x or level_get(node) != lv
                 or (how is not None and placement_get(node) is not how))
        changed = node in edited or node in reshaped or force or moved
        if not changed and not manager_moved and node not in paths:
            continue  # this whole subtree is as it was
        if (moved and not force and node not in edited and node not in reshaped
                and node not in paths and node not in force_below and node in boxes
                and (how is None or placement_get(node) is how)):
            shift_subtree(st, node, x, lv, mgr, how, anchor)  # moved whole: only places change
            continue
        if changed:
            force = force or node in force_below
            p = positions[node]
            lab = st.labels[node]
            old_box = boxes.get(node)
            old_style = old_box.style if old_box is not None else None
            placed = _PLACED[how]
            if node in edited or force or old_style is None:
                layer = f.layer[mgr] + 1 if mgr is not None else 1
                f.layer[node] = layer
                direct = st.unit_division.get(p.unit_id) if p.unit_id else None
                division = direct if direct is not None else (
                    st.division_of.get(mgr) if mgr is not None else None)
                if st.division_of.get(node) != division:
                    force = True
                st.division_of[node] = division
                color = st.colors.get(p.unit_id, (None, None))[0] if p.unit_id else None
                style = BoxStyle(p.unit_id, color, division, not p.holder.strip(),
                                 p.kind is assistant, p.customer_facing, 0, layer, placed)
            elif old_style.placement != placed:
                style = replace(old_style, placement=placed)
            else:
                style = old_style
            if style is not old_style and old_style != style:
                if old_style is not None:
                    _legend_count(st, old_style, -1)
                _legend_count(st, style, +1)
            else:
                style = old_style
            old_anchor = (anchor_of(st, node, old_box, st.u[node])
                          if old_box is not None else None)
            st.u[node] = x
            st.level[node] = lv
            if how is not None:
                st.placement[node] = how
            bs, ds = (lab.height, lab.width) if horizontal else (lab.width, lab.height)
            u, v = x, lv * pitch
            off = offsets.get(node)
            if off is not None:
                u += off[1] if horizontal else off[0]
                v += off[0] if horizontal else off[1]
            x0 = u - bs / 2
            rect = (v, x0, ds, bs) if horizontal else (x0, v, bs, ds)
            own_anchor = (u, v + ds)
            box_moved = own_anchor != old_anchor
            if (old_box is None or rect != (old_box.x, old_box.y, old_box.w, old_box.h)
                    or old_box.style is not style or old_box.lines is not lab.lines):
                boxes[node] = Box(node, *rect, lab.lines, style)
        else:
            box_moved = False
            own_anchor = anchor_of(st, node, boxes[node], x)
        if mgr is not None and (changed or manager_moved):
            lab = st.labels[node]
            bs, ds = (lab.height, lab.width) if horizontal else (lab.width, lab.height)
            box = boxes[node]
            conns[node] = connector(anchor, own_anchor[0], bs,
                                     box.x if horizontal else box.y, ds, mgr, node, how,
                                     lv * pitch - half_gap, horizontal)
        if not changed and node not in paths:
            continue
        for cid, du, dl, kid_how in shapes[node].kids:
            stack.append((cid, x + du, lv + dl, node, kid_how, force, box_moved, own_anchor))


def _geometry(st: TreeState) -> Geometry:
    boxes = list(st.boxes.values())
    connectors = list(st.connectors.values())
    dotted: list[Connector] = []
    if st.forest.dotted:
        rects = {pid: st.boxes[pid].rect for pair in st.forest.dotted for pid in pair
                 if pid in st.boxes}
        dotted = dotted_connectors(rects, st.forest.dotted)
        connectors.extend(dotted)
    offsets = st.view_settings.offsets  # type: ignore[attr-defined]
    bounds = tree_bounds(st.forest.roots, st.u, st.shapes, st.pitch, st.horizontal,
                         [abstract_of(st, p) for p in offsets if p in st.boxes], dotted)
    legend = [LegendEntry(u.name, u.color) for u in st.units
              if u.color and st.legend_use.get(u.id, 0) > 0]
    return Geometry(view=st.view, boxes=boxes, connectors=connectors, legend=legend,
                    bounds=bounds)
