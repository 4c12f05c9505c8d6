"""Layer rules: not too many layers for the organisation's size, no pass-through managers,
and few "layers of bureaucracy between customers and the employees best equipped to solve
their problems"."""

from __future__ import annotations

from itertools import compress, repeat

from orgdesigner.checks.finding import Family, Finding, Severity, describe, listing
from orgdesigner.metrics.hierarchy import lean
from orgdesigner.metrics.spans_layers import pass_through_managers
from orgdesigner.model.document import Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.profile import CheckProfile

__all__ = ["RULES", "layer_target", "layers_to_customer", "pass_through", "too_many_layers"]

F = Family.LAYERS


def layer_target(profile: CheckProfile, headcount: int) -> int:
    """The most layers an organisation of this size should need."""
    if headcount < 500:
        return profile.layers_max_small
    if headcount <= 5000:
        return profile.layers_max_medium
    return profile.layers_max_large


def too_many_layers(graph: OrgGraph, scenario: Scenario,
                    profile: CheckProfile) -> list[Finding]:
    """LAYER_TOO_MANY: deeper than the target for the headcount."""
    g = lean(graph)
    depths = g.depths()
    layers = max(depths.values(), default=0)
    size = len(g.positions)
    target = layer_target(profile, size)
    if layers <= target:
        return []
    deepest = [pid for pid, d in depths.items() if d == layers]
    names = listing(describe(g.positions[pid]) for pid in deepest)
    return [Finding(
        code="LAYER_TOO_MANY", severity=Severity.WARNING, family=F, ids=tuple(deepest),
        message=f"{layers} layers for {size:,} positions; about {target} should do. "
                f"Deepest: {names}.",
        suggestion="Remove pass-through layers and widen narrow spans.")]


def pass_through(graph: OrgGraph, scenario: Scenario, profile: CheckProfile) -> list[Finding]:
    """LAYER_PASS_THROUGH: a manager whose single report is a manager in turn."""
    g = lean(graph)
    out = []
    for pid, kid in pass_through_managers(g).items():
        out.append(Finding.model_construct(  # trusted values: no validation per finding
            code="LAYER_PASS_THROUGH", severity=Severity.WARNING, family=F, ids=(pid, kid),
            message=f"{describe(g.positions[pid])} is a pass-through manager: the only "
                    f"report is {describe(g.positions[kid])}, who manages in turn.",
            suggestion="Remove the layer: let the report's team report one level up."))
    return out


def layers_to_customer(graph: OrgGraph, scenario: Scenario,
                       profile: CheckProfile) -> list[Finding]:
    """LAYER_CUSTOMER_DISTANCE: customer-facing staff too many layers below the top."""
    g = lean(graph)
    depths = g.depths()
    limit = profile.customer_layers_max
    facing = list(compress(g.positions, g.column("customer_facing")))
    far = list(compress(facing, map((limit + 1).__lt__, map(depths.get, facing, repeat(0)))))
    if not far:
        return []
    layers = list(map(depths.__getitem__, far))
    deepest = max(layers) - 1
    example = far[layers.index(deepest + 1)]
    return [Finding(
        code="LAYER_CUSTOMER_DISTANCE", severity=Severity.WARNING, family=F,
        ids=tuple(far),
        message=f"{len(far):,} customer-facing position(s) sit more than {limit} layers "
                f"below the top (deepest: {describe(g.positions[example])}, {deepest} "
                f"layers): layers of bureaucracy between customers and the people best "
                f"equipped to solve their problems.",
        suggestion="Shorten the line from the front line to the top.")]


RULES = (too_many_layers, pass_through, layers_to_customer)
