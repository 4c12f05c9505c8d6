"""New boxes and connectors for the places a patch of the tree views changed.

A subtree that moves whole after an edit (a tidy tree re-centres everything between two
edited places: moving a team of a 20k chart moves 8k boxes) keeps every label, style and
shape below its top, so ``shift_subtree`` rebuilds its boxes from the old ones and the
shapes alone, one pass per parent over its reports with the parent's end of their
connectors worked out once. Places are summed down from the top exactly as the full
layout (``views.tree_geometry``) sums them, so the result is the same to the last bit;
``connector`` draws the same polylines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgdesigner.layout.geometry import Box, Connector
from orgdesigner.layout.tidy import Placement
from orgdesigner.layout.views import LEVEL_GAP, Abstract, report_points

if TYPE_CHECKING:
    from orgdesigner.layout.incremental import TreeState

__all__ = ["abstract_of", "anchor_of", "connector", "shift_subtree"]


def anchor_of(st: TreeState, node: str, box: Box, x: float) -> tuple[float, float]:
    """Where the connectors to ``node``'s reports leave its box: its centre across (tidy
    centre ``x`` plus its manual offset, summed as a full layout sums it) and its far
    edge in depth."""
    off = st.view_settings.offsets.get(node)  # type: ignore[attr-defined]
    if st.horizontal:
        return (x + off[1] if off is not None else x), box.x + box.w
    return (x + off[0] if off is not None else x), box.y + box.h


def shift_subtree(st: TreeState, top: str, x: float, lv: int, mgr: str | None,
                  how: Placement | None, anchor: tuple[float, float]) -> None:
    """Move the unchanged subtree under ``top`` whole: ``top`` centred at ``x`` on level
    ``lv``, hanging ``how`` from ``mgr`` (whose connectors leave it at ``anchor``). Below
    ``top`` boxes keep size, lines and style and are rebuilt from the old ones: no label
    or style look-ups; depths are only worked out again when the level changed."""
    boxes, conns, shapes = st.boxes, st.connectors, st.shapes
    u_of, level_of = st.u, st.level
    horizontal, pitch, half_gap = st.horizontal, st.pitch, LEVEL_GAP / 2
    offsets = st.view_settings.offsets  # type: ignore[attr-defined]
    offsets_get = offsets.get if offsets else None
    row = Placement.ROW
    relevel = lv != level_of[top]  # then every depth below is new too
    lab = st.labels[top]
    bs, ds = (lab.height, lab.width) if horizontal else (lab.width, lab.height)
    u, v = x, lv * pitch
    off = offsets_get(top) if offsets_get is not None else None
    if off is not None:
        u += off[1] if horizontal else off[0]
        v += off[0] if horizontal else off[1]
    old = boxes[top]
    x0 = u - bs / 2
    boxes[top] = (Box(top, v, x0, ds, bs, old.lines, old.style) if horizontal
                  else Box(top, x0, v, bs, ds, old.lines, old.style))
    if mgr is not None:
        conns[top] = connector(anchor, u, bs, v, ds, mgr, top, how, lv * pitch - half_gap,
                                horizontal)
    u_of[top] = x
    level_of[top] = lv
    stack = [(top, x, lv, u, v + ds)] if shapes[top].kids else []
    while stack:
        node, x, lv, um, edge = stack.pop()
        start = (edge, um) if horizontal else (um, edge)
        for cid, du, dl, kid_how in shapes[node].kids:
            xc = x + du
            u_of[cid] = xc
            old = boxes[cid]
            if horizontal:
                ds, bs, v = old.w, old.h, old.x
            else:
                bs, ds, v = old.w, old.h, old.y
            u = xc
            if offsets_get is not None:
                off = offsets_get(cid)
                if off is not None:
                    u += off[1] if horizontal else off[0]
            if relevel:
                level_of[cid] = lv + dl
                v = (lv + dl) * pitch
                if offsets_get is not None and off is not None:
                    v += off[0] if horizontal else off[1]
            x0 = u - bs / 2
            pts = report_points(start, um, u, v, x0, bs, ds,
                                (lv + dl) * pitch - half_gap if kid_how is row else None,
                                horizontal)
            if horizontal:
                boxes[cid] = Box(cid, v, x0, ds, bs, old.lines, old.style)
            else:
                boxes[cid] = Box(cid, x0, v, bs, ds, old.lines, old.style)
            conns[cid] = Connector(node, cid, pts)
            if shapes[cid].kids:
                stack.append((cid, xc, lv + dl, u, v + ds))


def connector(anchor: tuple[float, float], u: float, bs: float, v: float, ds: float,
              mid: str, pid: str, how: Placement | None, bus: float,
              horizontal: bool) -> Connector:
    """The connector ``views.tree_geometry`` draws from a manager (``anchor``: its centre
    across and its far edge in depth) to a report centred at ``u`` (breadth ``bs``) whose
    box spans ``v`` to ``v + ds`` in depth."""
    um, edge = anchor
    start = (edge, um) if horizontal else (um, edge)
    return Connector(mid, pid, report_points(start, um, u, v, u - bs / 2, bs, ds,
                                             bus if how is Placement.ROW else None,
                                             horizontal))


def abstract_of(st: TreeState, pid: str) -> Abstract:
    """A placed box in abstract coordinates, as ``views.tree_geometry`` computes it."""
    lab = st.labels[pid]
    horizontal = st.horizontal
    bs, ds = (lab.height, lab.width) if horizontal else (lab.width, lab.height)
    u, v = st.u[pid], st.level[pid] * st.pitch
    off = st.view_settings.offsets.get(pid)  # type: ignore[attr-defined]
    if off is not None:
        u += off[1] if horizontal else off[0]
        v += off[0] if horizontal else off[1]
    return (u, bs, v, ds)
