"""Division-balance rules (the pyramid rule): the customer-on-top pyramid stands on its
point, so if one division grows too large the whole thing tips over. Flags a tipping
torque beyond the profile's tolerance and any division far above the average share, with
the same figures the pyramid is drawn from (``metrics.balance.division_balance``, here
computed from the shared division roll-up)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgdesigner.checks.finding import Family, Finding, Severity
from orgdesigner.metrics.hierarchy import lean
from orgdesigner.metrics.rollup import pyramid_balance
from orgdesigner.model.document import Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.profile import CheckProfile

if TYPE_CHECKING:
    from orgdesigner.layout.geometry import BalanceFigures

__all__ = ["RULES", "balance_figures", "heavy_division", "tipping_torque"]

F = Family.BALANCE


def balance_figures(graph: OrgGraph, profile: CheckProfile) -> BalanceFigures:
    """The pyramid's balance for this graph's scenario, computed once per graph."""
    return pyramid_balance(lean(graph), profile.balance_tolerance)


def tipping_torque(graph: OrgGraph, scenario: Scenario, profile: CheckProfile) -> list[Finding]:
    """BALANCE_TIPS: the pyramid's normalised torque beyond ``balance_tolerance``."""
    fig = balance_figures(graph, profile)
    if not fig.tips:
        return []
    side = "right" if fig.normalised_torque > 0 else "left"
    rows = {r["id"]: r for r in fig.divisions}
    heavy = rows.get(fig.heavy_division or "")
    who = f"; the heaviest division on that side is {heavy['name']} " \
          f"({heavy['share']:.0%} of the people)" if heavy else ""
    return [Finding(
        code="BALANCE_TIPS", severity=Severity.WARNING, family=F,
        ids=(fig.heavy_division,) if fig.heavy_division else (),
        message=f"The customer-on-top pyramid tips to the {side}: its torque is "
                f"{abs(fig.normalised_torque):.2f}, beyond the tolerance of "
                f"{fig.tolerance:.2f}{who}.",
        suggestion="Rebalance the divisions, or reorder the columns to put weight "
                   "nearer the axis.")]


def heavy_division(graph: OrgGraph, scenario: Scenario, profile: CheckProfile) -> list[Finding]:
    """BALANCE_HEAVY_DIVISION: a division's share of the people above
    ``division_share_factor`` times the average share."""
    rows = balance_figures(graph, profile).divisions
    total = sum(r["headcount"] for r in rows)
    if len(rows) < 2 or not total:
        return []
    average = 1 / len(rows)
    return [Finding(
        code="BALANCE_HEAVY_DIVISION", severity=Severity.WARNING, family=F, ids=(r["id"],),
        message=f"{r['name']} holds {r['share']:.0%} of the people in the divisions, "
                f"{r['share'] / average:.1f} times the average share of {average:.0%}.",
        suggestion="Rebalance: move work or teams to lighter divisions.")
        for r in rows if r["share"] > profile.division_share_factor * average]


RULES = (tipping_torque, heavy_division)
