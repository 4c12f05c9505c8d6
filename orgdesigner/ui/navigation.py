"""Arrow-key navigation through the tree, whatever way the chart is drawn.

The candidates are the tree neighbours of the selected position (its manager, its reports
and its two siblings); the arrow picks the one whose box lies most nearly in its direction
on screen, so the same keys work in the classic, horizontal and inverted views.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from orgdesigner.layout.geometry import Box
from orgdesigner.model.graph import OrgGraph

__all__ = ["Direction", "neighbour_in_direction", "tree_neighbours"]


class Direction(enum.Enum):
    UP = (0.0, -1.0)
    DOWN = (0.0, 1.0)
    LEFT = (-1.0, 0.0)
    RIGHT = (1.0, 0.0)


def tree_neighbours(graph: OrgGraph, position_id: str) -> list[str]:
    """Manager, reports, and the previous and next sibling of a position."""
    result: list[str] = []
    manager = graph.manager(position_id)
    if manager is not None:
        result.append(manager)
        siblings = graph.reports(manager)
    else:
        siblings = graph.tops()
    i = siblings.index(position_id)
    if i > 0:
        result.append(siblings[i - 1])
    if i + 1 < len(siblings):
        result.append(siblings[i + 1])
    result.extend(graph.reports(position_id))
    return result


def neighbour_in_direction(graph: OrgGraph, boxes: Mapping[str, Box], position_id: str,
                           direction: Direction) -> str | None:
    """The drawn tree neighbour that lies best in ``direction`` (None when none does)."""
    here = boxes.get(position_id)
    if here is None:
        return None
    dx, dy = direction.value
    cx, cy = here.x + here.w / 2, here.y + here.h / 2
    best: tuple[float, str] | None = None
    for other_id in tree_neighbours(graph, position_id):
        other = boxes.get(other_id)
        if other is None:
            continue
        ox, oy = other.x + other.w / 2 - cx, other.y + other.h / 2 - cy
        along = ox * dx + oy * dy
        across = abs(ox * dy - oy * dx)
        if along <= 1e-6 or across > 2 * along + max(here.w, here.h):
            continue  # behind, or too far off to the side to count as "that way"
        score = along + 2 * across
        if best is None or score < best[0]:
            best = (score, other_id)
    return best[1] if best else None
