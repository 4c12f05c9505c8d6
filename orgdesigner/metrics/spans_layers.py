"""Spans and layers: how wide each manager's span is and how deep the organisation goes.

The average span follows the spans-and-layers reviews: (people − managers) / managers,
counting occupied positions only, where a manager is an occupied position with at least
one direct report. Assistants are not counted in a manager's span (they support the
manager rather than being managed as part of the line).
"""

from __future__ import annotations

import statistics
from collections import Counter

from pydantic import BaseModel, Field

from orgdesigner.metrics.hierarchy import LazyOrgGraph, lean
from orgdesigner.metrics.rollup import org_rollup
from orgdesigner.model.document import PositionKind, Scenario
from orgdesigner.model.graph import OrgGraph

__all__ = ["SpansLayers", "pass_through_managers", "span_of_control", "spans_and_layers"]


class SpansLayers(BaseModel):
    """Spans-and-layers figures for one scenario."""

    positions: int = Field(description="all boxes, vacancies included")
    people: int = Field(description="occupied positions")
    managers: int = Field(description="occupied positions with at least one direct report")
    average_span: float | None = Field(description="(people - managers) / managers")
    mean_direct_reports: float | None = Field(description="mean span of occupied managers")
    median_span: float | None = Field(description="median span of occupied managers")
    span_distribution: dict[int, int] = Field(
        default_factory=dict, description="span (direct reports) -> number of managers")
    layer_count: int = Field(description="layers from the top to the deepest position")
    positions_per_layer: list[int] = Field(default_factory=list, description="layer 1 first")
    managers_per_layer: list[int] = Field(default_factory=list, description="layer 1 first")


def span_of_control(graph: OrgGraph | Scenario) -> dict[str, int]:
    """Direct reports (assistants excluded) of every position that has any, by id."""
    g = lean(graph)
    return g.memo("span_of_control", lambda: _spans(g))


def _spans(g: LazyOrgGraph) -> dict[str, int]:
    if PositionKind.ASSISTANT not in g.column("kind"):
        return {m: len(kids) for m, kids in g.children.items()}
    positions = g.positions
    assistant = PositionKind.ASSISTANT
    spans: dict[str, int] = {}
    for manager, kids in g.children.items():
        n = 0
        for kid in kids:
            if positions[kid].kind is not assistant:
                n += 1
        if n:
            spans[manager] = n
    return spans


def pass_through_managers(graph: OrgGraph | Scenario) -> dict[str, str]:
    """Managers whose single (non-assistant) report manages in turn: manager → report."""
    g = lean(graph)
    return g.memo("pass_through", lambda: _pass_through(g))


def _pass_through(g: LazyOrgGraph) -> dict[str, str]:
    spans = span_of_control(g)
    positions = g.positions
    out: dict[str, str] = {}
    for pid, span in spans.items():
        if span == 1:
            kid = next(k for k in g.children[pid]
                       if positions[k].kind is not PositionKind.ASSISTANT)
            if kid in spans:
                out[pid] = kid
    return out


def spans_and_layers(graph: OrgGraph | Scenario) -> SpansLayers:
    """The spans-and-layers figures of a scenario (or of its graph)."""
    g = lean(graph)
    return g.memo("spans_and_layers", lambda: _figures(g))


def _figures(g: LazyOrgGraph) -> SpansLayers:
    spans = span_of_control(g)
    positions = g.positions
    people = org_rollup(g).headcount
    vacant = g.vacant()
    occupied_spans = [(pid, s) for pid, s in spans.items() if pid not in vacant]
    managers = len(occupied_spans)
    distribution = Counter(s for _, s in occupied_spans)
    depths = g.depths()
    layer_count = max(depths.values(), default=0)
    counts = Counter(depths.values())
    per_layer = [counts.get(d, 0) for d in range(1, layer_count + 1)]
    managers_layer = [0] * layer_count
    for pid, _ in occupied_spans:
        d = depths.get(pid)
        if d is not None:
            managers_layer[d - 1] += 1
    spans_only = [s for _, s in occupied_spans]
    return SpansLayers(
        positions=len(positions),
        people=people,
        managers=managers,
        average_span=round((people - managers) / managers, 3) if managers else None,
        mean_direct_reports=round(sum(spans_only) / managers, 3) if managers else None,
        median_span=float(statistics.median(spans_only)) if managers else None,
        span_distribution=dict(sorted(distribution.items())),
        layer_count=layer_count,
        positions_per_layer=per_layer,
        managers_per_layer=managers_layer,
    )
