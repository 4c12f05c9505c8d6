"""OrgStats: every metric of one scenario in one documented model (``orgdesigner stats``)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from orgdesigner.metrics.classify import Classification, classify_structure
from orgdesigner.metrics.hierarchy import LazyOrgGraph, lean
from orgdesigner.metrics.rollup import Rollup, division_rollups, org_rollup, unit_rollups
from orgdesigner.metrics.spans_layers import SpansLayers, spans_and_layers
from orgdesigner.model.document import Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.perf import paused_gc

__all__ = ["STATS_FORMAT_VERSION", "OrgStats", "headline", "org_stats"]

STATS_FORMAT_VERSION = 1


class OrgStats(BaseModel):
    """Spans and layers, roll-ups and structure type of one scenario."""

    format_version: int = STATS_FORMAT_VERSION
    scenario_id: str
    scenario_name: str
    spans_layers: SpansLayers
    organisation: Rollup
    divisions: list[Rollup] = Field(default_factory=list)
    units: list[Rollup] = Field(default_factory=list)
    structure: Classification


def org_stats(source: Scenario | OrgGraph) -> OrgStats:
    """All metrics of a scenario (or of a graph already built for it)."""
    with paused_gc():
        g: LazyOrgGraph = lean(source)
        return OrgStats(
            scenario_id=g.scenario.id, scenario_name=g.scenario.name,
            spans_layers=spans_and_layers(g), organisation=org_rollup(g),
            divisions=division_rollups(g), units=unit_rollups(g),
            structure=classify_structure(g))


def headline(stats: OrgStats) -> dict[str, float | int | str | None]:
    """The figures a comparison lists, by a readable name, in a stable order."""
    sl, org = stats.spans_layers, stats.organisation
    out: dict[str, float | int | str | None] = {
        "positions": sl.positions,
        "headcount": org.headcount,
        "fte": org.fte,
        "cost": org.cost,
        "vacancies": org.vacancies,
        "customer-facing share": org.customer_facing_share,
        "managers": sl.managers,
        "average span": sl.average_span,
        "median span": sl.median_span,
        "layers": sl.layer_count,
        "structure type": stats.structure.type.value,
    }
    for d in stats.divisions:
        out[f"headcount: {d.name}"] = d.headcount
    return out
