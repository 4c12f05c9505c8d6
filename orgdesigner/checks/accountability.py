"""Accountability rules on the responsibility (RACI) chart: each process has exactly one
Accountable ("one single line of action") and at least one Responsible, and nobody is
Accountable for too many processes."""

from __future__ import annotations

from orgdesigner.checks.finding import Family, Finding, Severity, describe, listing
from orgdesigner.metrics.hierarchy import LazyOrgGraph, lean
from orgdesigner.model.document import RaciRole, Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.profile import CheckProfile

__all__ = ["RULES", "accountable_overload", "one_accountable", "responsible_present"]

F = Family.ACCOUNTABILITY


def _party(g: LazyOrgGraph, party_id: str) -> str:
    if party_id in g.positions:
        return describe(g.positions[party_id])
    if party_id in g.units:
        return g.units[party_id].name
    return party_id


def one_accountable(graph: OrgGraph, scenario: Scenario,
                    profile: CheckProfile) -> list[Finding]:
    """RACI_NO_ACCOUNTABLE / RACI_SEVERAL_ACCOUNTABLE: not exactly one Accountable."""
    g = lean(graph)
    out = []
    for pr in scenario.processes:
        accountable = [x for x, r in pr.assignments.items() if r is RaciRole.ACCOUNTABLE]
        if not accountable:
            out.append(Finding(
                code="RACI_NO_ACCOUNTABLE", severity=Severity.WARNING, family=F,
                ids=(pr.id,),
                message=f"Nobody is Accountable for the process {pr.name!r}.",
                suggestion="Name exactly one Accountable party."))
        elif len(accountable) > 1:
            names = listing(_party(g, x) for x in accountable)
            out.append(Finding(
                code="RACI_SEVERAL_ACCOUNTABLE", severity=Severity.WARNING, family=F,
                ids=(pr.id, *accountable),
                message=f"{len(accountable)} parties are Accountable for {pr.name!r}: "
                        f"{names}. A customer problem needs one single line of action.",
                suggestion="Keep one Accountable; make the others Responsible or Consulted."))
    return out


def responsible_present(graph: OrgGraph, scenario: Scenario,
                        profile: CheckProfile) -> list[Finding]:
    """RACI_NO_RESPONSIBLE: a process nobody is Responsible for doing."""
    return [Finding(
        code="RACI_NO_RESPONSIBLE", severity=Severity.WARNING, family=F, ids=(pr.id,),
        message=f"Nobody is Responsible for doing the process {pr.name!r}.",
        suggestion="Name at least one Responsible party.")
        for pr in scenario.processes
        if RaciRole.RESPONSIBLE not in pr.assignments.values()]


def accountable_overload(graph: OrgGraph, scenario: Scenario,
                         profile: CheckProfile) -> list[Finding]:
    """RACI_ACCOUNTABLE_OVERLOAD: one party Accountable for more than ``accountable_max``."""
    g = lean(graph)
    load: dict[str, list[str]] = {}
    for pr in scenario.processes:
        for party, role in pr.assignments.items():
            if role is RaciRole.ACCOUNTABLE:
                load.setdefault(party, []).append(pr.name)
    return [Finding(
        code="RACI_ACCOUNTABLE_OVERLOAD", severity=Severity.WARNING, family=F, ids=(party,),
        message=f"{_party(g, party)} is Accountable for {len(names)} processes "
                f"(profile allows {profile.accountable_max}): {listing(names)}.",
        suggestion="Delegate accountability for some of them.")
        for party, names in load.items() if len(names) > profile.accountable_max]


RULES = (one_accountable, responsible_present, accountable_overload)
