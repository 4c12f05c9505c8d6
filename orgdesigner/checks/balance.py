"""Division-balance rules (the pyramid rule): the customer-on-top pyramid stands on its
point, so if one division grows too large the whole thing tips over. Flags a tipping
torque beyond the profile's tolerance and any division far above the average share."""

from __future__ import annotations

from orgdesigner.checks.finding import Family, Finding, Severity
from orgdesigner.metrics.hierarchy import lean
from orgdesigner.metrics.rollup import OUTSIDE, division_rollups
from orgdesigner.model.document import Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.profile import CheckProfile

__all__ = ["RULES", "heavy_division"]

F = Family.BALANCE


def heavy_division(graph: OrgGraph, scenario: Scenario, profile: CheckProfile) -> list[Finding]:
    """BALANCE_HEAVY_DIVISION: a division's headcount share above ``division_share_factor``
    times the average share."""
    rollups = [r for r in division_rollups(lean(graph)) if r.id != OUTSIDE]
    total = sum(r.headcount for r in rollups)
    if len(rollups) < 2 or not total:
        return []
    average = 1 / len(rollups)
    out = []
    for r in rollups:
        share = r.headcount / total
        if share > profile.division_share_factor * average:
            out.append(Finding(
                code="BALANCE_HEAVY_DIVISION", severity=Severity.WARNING, family=F,
                ids=(r.id,),
                message=f"{r.name} holds {share:.0%} of the people in the divisions, "
                        f"{share / average:.1f} times the average share of {average:.0%}.",
                suggestion="Rebalance: move work or teams to lighter divisions."))
    return out


RULES = (heavy_division,)
