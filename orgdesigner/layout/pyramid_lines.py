"""The inverted view's connectors, once every box is placed.

Inside a group (a division column, or the top management at the point) each tree is the
classic tidy layout mirrored, so its connectors are the classic ones mirrored. Lines
between the groups, the customer-facing row and the point run along channels in the
gaps between them (``Channels``); the lines from the point up to the division heads
share a trunk and run across under the columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from orgdesigner.layout.forest import TreeIndex
from orgdesigner.layout.geometry import Box, Connector, ConnectorKind, Rect
from orgdesigner.layout.text import BoxLabel
from orgdesigner.layout.tidy import Placement
from orgdesigner.layout.views import LEVEL_GAP, clean_polyline, dotted_connectors

__all__ = ["Channels", "crossing_connectors", "dotted_lines", "group_connectors"]


@dataclass(frozen=True, slots=True)
class Channels:
    """Where the lines between the chart's parts run (y, points)."""

    band: float  # the CUSTOMER band's bottom: its lines to the customer-facing row start here
    facing: float  # across, between the customer-facing row and the columns
    point: float  # across, between the columns and the top management at the point
    beside: float  # above boxes side by side: this far over the higher one's top


def _route4(x1: float, y1: float, ch: float, x2: float, y2: float
            ) -> list[tuple[float, float]]:
    """``clean_polyline`` of the orthogonal route (x1, y1) -> (x1, ch) -> (x2, ch) ->
    (x2, y2), without its general loop when no two points meet or line up."""
    if x1 != x2 and y1 != ch and ch != y2:
        return [(x1, y1), (x1, ch), (x2, ch), (x2, y2)]
    return clean_polyline([(x1, y1), (x1, ch), (x2, ch), (x2, y2)])


def group_connectors(internal: list[int], kids_of: Sequence[list[int] | None],
                     group: list[int], frames: dict[int, tuple[float, float]],
                     at_u: list[float], at_level: list[int], hang: list[Placement | None],
                     pitch: float, ids: list[str], labels: Sequence[BoxLabel | None]
                     ) -> list[Connector]:
    """Each box's connector from its manager in the same group, the classic one mirrored:
    ``internal`` the managers with reports in their group, ``frames`` each group's
    centre line and base."""
    connectors: list[Connector] = []
    add_connector = connectors.append
    row = Placement.ROW
    half_gap = LEVEL_GAP / 2
    for m in internal:
        centre, base = frames[group[m]]
        um = at_u[m]
        xm = centre + um
        y0 = base - (at_level[m] * pitch + labels[m].height)  # type: ignore[union-attr]
        mgr = ids[m]
        for c in kids_of[m]:  # type: ignore[union-attr]
            u = at_u[c]
            v = at_level[c] * pitch
            if hang[c] is row:
                xc = centre + u
                yb = base - (v - half_gap)
                y2 = base - v
                pts = ([(xm, y0), (xm, yb), (xc, yb), (xc, y2)]
                       if xm != xc and y0 != yb and yb != y2
                       else clean_polyline([(xm, y0), (xm, yb), (xc, yb), (xc, y2)]))
            else:
                lab = labels[c]
                w = lab.width  # type: ignore[union-attr]
                mid = base - (v + lab.height / 2)  # type: ignore[union-attr]
                side = centre + (u - w / 2 if u >= um else u + w / 2)
                pts = ([(xm, y0), (xm, mid), (side, mid)] if y0 != mid and xm != side
                       else clean_polyline([(xm, y0), (xm, mid), (side, mid)]))
            add_connector(Connector(mgr, ids[c], pts))
    return connectors


def crossing_connectors(crossing: list[tuple[int, int]], placed: Sequence[Box | None],
                        parent: Sequence[int], ids: list[str], customer_id: str,
                        channels: Channels, trunks: dict[int, tuple[float, float, bool]],
                        cx: float, point_group: int) -> list[Connector]:
    """The lines of the boxes ``crossing`` as (index, group; -1 for the customer-facing):
    CUSTOMER to each customer-facing box, and each box's line from a manager in another
    group; ``trunks`` as the point has them (offset from the centre line ``cx``, foot,
    beside the boxes above), ``point_group`` the point's group."""
    connectors: list[Connector] = []
    add_connector = connectors.append
    customer = ConnectorKind.CUSTOMER
    band, facing_ch, point_ch, beside = (channels.band, channels.facing, channels.point,
                                         channels.beside)
    half_gap = LEVEL_GAP / 2
    for i, g in crossing:
        b = placed[i]
        b_cx = b.x + b.w / 2  # type: ignore[union-attr]
        if g < 0:
            add_connector(Connector(customer_id, ids[i], [(b_cx, band), (b_cx, b.y)],  # type: ignore[union-attr]
                                    customer))
        m = parent[i]
        if m < 0:
            continue
        a = placed[m]
        if a is None:
            continue
        a_cx = a.x + a.w / 2
        a_bottom, b_bottom = a.y + a.h, b.y + b.h  # type: ignore[union-attr]
        if b_bottom <= a.y:  # report above its manager
            if g < 0:
                ch = facing_ch
            elif m in trunks and g != point_group:
                ch = point_ch
                if trunks[m][2]:  # beside the boxes above
                    x = cx + trunks[m][0]
                    a_cy = a.y + a.h / 2  # type: ignore[union-attr]
                    add_connector(Connector(ids[m], ids[i], clean_polyline(
                        [(a.x + a.w, a_cy), (x, a_cy), (x, ch), (b_cx, ch),  # type: ignore[union-attr]
                         (b_cx, b_bottom)])))
                    continue
            else:
                ch = a.y - half_gap  # type: ignore[union-attr]
            pts = _route4(a_cx, a.y, ch, b_cx, b_bottom)  # type: ignore[union-attr]
        elif b.y >= a_bottom:  # type: ignore[union-attr]
            pts = _route4(a_cx, a_bottom, b.y - half_gap, b_cx, b.y)  # type: ignore[union-attr]
        else:
            pts = _route4(a_cx, a.y, min(a.y, b.y) - beside, b_cx, b.y)  # type: ignore[union-attr]
        add_connector(Connector(ids[m], ids[i], pts))
    return connectors


def dotted_lines(tree: TreeIndex, placed: Sequence[Box | None]) -> list[Connector]:
    """The dotted lines between boxes on view (``views.dotted_connectors``)."""
    if not tree.dotted:
        return []
    index_get = tree.index.get
    rects = {}
    for pid in {pid for pair in tree.dotted for pid in pair}:
        j = index_get(pid)
        b = placed[j] if j is not None else None
        if b is not None:
            rects[pid] = Rect(b.x, b.y, b.w, b.h)
    return dotted_connectors(rects, tree.dotted)
