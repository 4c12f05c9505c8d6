"""Customer-proximity rules: enough people face the customer, every division has some,
and the customer has a leader close to the top ("find, if you can, the job of customer on
the chart")."""

from __future__ import annotations

from itertools import compress
from operator import or_

from orgdesigner.checks.finding import Family, Finding, Severity, describe
from orgdesigner.metrics.classify import customer_function, is_customer_leader_title
from orgdesigner.metrics.hierarchy import lean
from orgdesigner.metrics.rollup import OUTSIDE, division_rollups, org_rollup
from orgdesigner.model.document import Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.profile import CheckProfile

__all__ = ["RULES", "customer_leader", "customer_share", "divisions_without_customer",
           "find_customer_leader"]

F = Family.CUSTOMER


def customer_share(graph: OrgGraph, scenario: Scenario, profile: CheckProfile) -> list[Finding]:
    """CUSTOMER_SHARE_LOW: fewer customer-facing people than ``customer_facing_min_share``."""
    org = org_rollup(lean(graph))
    if not org.headcount:
        return []
    share = org.customer_facing / org.headcount
    if share >= profile.customer_facing_min_share:
        return []
    if org.customer_facing == 0:
        message = "Nobody on the chart is marked customer-facing."
    else:
        message = (f"Only {org.customer_facing:,} of {org.headcount:,} people ({share:.0%}) "
                   f"are customer-facing; the profile expects at least "
                   f"{profile.customer_facing_min_share:.0%}.")
    return [Finding(code="CUSTOMER_SHARE_LOW", severity=Severity.WARNING, family=F,
                    message=message,
                    suggestion="Mark who meets customers, or move people closer to them.")]


def divisions_without_customer(graph: OrgGraph, scenario: Scenario,
                               profile: CheckProfile) -> list[Finding]:
    """CUSTOMER_DIVISION_NONE: a division (with people) where nobody faces the customer."""
    return [Finding(
        code="CUSTOMER_DIVISION_NONE", severity=Severity.INFO, family=F, ids=(r.id,),
        message=f"Nobody in {r.name} ({r.headcount} "
                f"{'person' if r.headcount == 1 else 'people'}) is customer-facing.",
        suggestion="Check that its people know which customer-facing colleagues they serve.")
        for r in division_rollups(lean(graph))
        if r.id != OUTSIDE and r.headcount and not r.customer_facing]


def find_customer_leader(graph: OrgGraph | Scenario) -> str | None:
    """The position that leads the customer: the highest-placed one whose title reads like
    a customer leader (Chief Customer Officer, head of customer service...) or who heads a
    customer unit (its manager is outside the unit)."""
    g = lean(graph)
    depths = g.depths()
    customer_units = {uid for uid, u in g.units.items()
                      if "customer" in (customer_function(u.function),
                                        customer_function(u.name))}
    titles = g.column("title")
    leader_titles = {t for t in set(titles) if is_customer_leader_title(t)}
    candidates = compress(g.positions, map(or_, map(leader_titles.__contains__, titles),
                                           map(customer_units.__contains__,
                                               g.column("unit_id"))))
    best: tuple[int, int, str] | None = None
    parent = g.parent
    for pid in candidates:
        p = g.positions[pid]
        if p.title not in leader_titles:
            if pid not in g.children:
                continue
            boss = parent.get(pid)
            if boss is not None and g.positions[boss].unit_id == p.unit_id:
                continue  # not the head of the customer unit
        if pid in depths:
            key = (depths[pid], 0 if pid in g.children else 1, pid)
            if best is None or key[:2] < best[:2]:
                best = key
    return best[2] if best else None


def customer_leader(graph: OrgGraph, scenario: Scenario,
                    profile: CheckProfile) -> list[Finding]:
    """CUSTOMER_LEADER_BURIED / CUSTOMER_NO_LEADER: where the customer leader sits."""
    g = lean(graph)
    if not g.positions:
        return []
    leader = find_customer_leader(g)
    if leader is None:
        return [Finding(
            code="CUSTOMER_NO_LEADER", severity=Severity.INFO, family=F,
            message="Nobody on the chart leads the customer: no title names a customer "
                    "leader (such as Chief Customer Officer or head of customer service).",
            suggestion="Consider a customer leader reporting to the top.")]
    depth = g.depths()[leader]
    if depth <= 2:
        return []
    chain = [describe(g.positions[pid]) for pid in g.chain_of_command(leader)[1:]]
    return [Finding(
        code="CUSTOMER_LEADER_BURIED", severity=Severity.WARNING, family=F,
        ids=(leader,),
        message=f"The customer leader, {describe(g.positions[leader])}, sits {depth - 1} "
                f"levels below the top (reporting through {' → '.join(chain)}).",
        suggestion="Let the customer leader report directly to the top.")]


RULES = (customer_share, divisions_without_customer, customer_leader)
