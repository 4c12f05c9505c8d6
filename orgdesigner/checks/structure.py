"""Structure rules: the chart must be a tree a person can read.

No reporting cycles, at most one solid-line manager per position (matrix links are dotted
lines), every position reachable from a top, one top, and no reference to something that
is not there.
"""

from __future__ import annotations

from orgdesigner.checks.finding import Family, Finding, Severity, describe, listing
from orgdesigner.metrics.hierarchy import lean
from orgdesigner.model.document import Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.profile import CheckProfile

__all__ = ["RULES", "cycles", "dangling_references", "several_tops", "two_managers",
           "unreachable"]

F = Family.STRUCTURE


def cycles(graph: OrgGraph, scenario: Scenario, profile: CheckProfile) -> list[Finding]:
    """STRUCT_CYCLE: people who (indirectly) report to themselves."""
    g = lean(graph)
    out = []
    for cycle in g.cycles():
        names = [describe(g.positions[pid]) for pid in cycle]
        chain = " → ".join(names + names[:1])
        out.append(Finding(
            code="STRUCT_CYCLE", severity=Severity.ERROR, family=F, ids=tuple(cycle),
            message=f"Reporting cycle: {chain}. Nobody in it has a real top.",
            suggestion="Reassign one of them to a manager outside the cycle."))
    return out


def two_managers(graph: OrgGraph, scenario: Scenario, profile: CheckProfile) -> list[Finding]:
    """STRUCT_TWO_MANAGERS: a position with more than one solid-line manager."""
    g = lean(graph)
    out = []
    for report, extra in g.extra_managers.items():
        managers = [g.parent[report], *extra]
        names = listing(describe(g.positions[m]) for m in managers)
        out.append(Finding(
            code="STRUCT_TWO_MANAGERS", severity=Severity.ERROR, family=F,
            ids=(report, *managers),
            message=f"{describe(g.positions[report])} has {len(managers)} solid-line "
                    f"managers: {names}.",
            suggestion="Keep one solid line; make the others dotted (matrix) lines."))
    return out


def unreachable(graph: OrgGraph, scenario: Scenario, profile: CheckProfile) -> list[Finding]:
    """STRUCT_UNREACHABLE: positions hanging from a cycle, which no top reaches."""
    g = lean(graph)
    lost = g.unreachable()
    if not lost:
        return []
    on_cycle = {pid for c in g.cycles() for pid in c}
    hanging = [pid for pid in lost if pid not in on_cycle]
    if not hanging:
        return []
    names = listing(describe(g.positions[pid]) for pid in hanging)
    return [Finding(
        code="STRUCT_UNREACHABLE", severity=Severity.ERROR, family=F, ids=tuple(hanging),
        message=f"{len(hanging)} position(s) cannot be reached from any top because their "
                f"line of command runs into a cycle: {names}.",
        suggestion="Break the reporting cycle above them.")]


def several_tops(graph: OrgGraph, scenario: Scenario, profile: CheckProfile) -> list[Finding]:
    """STRUCT_SEVERAL_TOPS: more than one position without a manager."""
    g = lean(graph)
    tops = g.tops()
    if len(tops) <= 1:
        return []
    main = g.main_top()  # the top with the most people under it; the rest float
    floating = [t for t in tops if t != main]
    names = listing(describe(g.positions[t]) for t in floating)
    return [Finding(
        code="STRUCT_SEVERAL_TOPS", severity=Severity.WARNING, family=F,
        ids=tuple(floating),
        message=f"The chart has {len(tops)} tops: besides {describe(g.positions[main])}, "
                f"{names} report(s) to nobody.",
        suggestion="Give each of them a manager, or split the chart into scenarios.")]


def dangling_references(graph: OrgGraph, scenario: Scenario,
                        profile: CheckProfile) -> list[Finding]:
    """STRUCT_DANGLING: lines, units, teams, processes or notes naming what is not there."""
    g = lean(graph)
    problems: list[tuple[str, str]] = []  # (id concerned, what is wrong)
    for m, r in g.dangling:
        missing = [x for x in (m, r) if x not in g.positions]
        problems.append((r if r in g.positions else m,
                         f"reporting line {m} → {r} names missing position "
                         f"{listing(missing)}"))
    if not g.units.keys() >= set(g.column("unit_id")) - {None}:
        for p in scenario.positions:
            if p.unit_id is not None and p.unit_id not in g.units:
                problems.append((p.id, f"{describe(p)} is in missing unit {p.unit_id}"))
    for u in scenario.units:
        if u.parent_id is not None and u.parent_id not in g.units:
            problems.append((u.id, f"unit {u.name} has missing parent unit {u.parent_id}"))
    for t in scenario.teams:
        gone = [m for m in t.member_ids if m not in g.positions]
        if t.sponsor_id is not None and t.sponsor_id not in g.positions:
            gone.append(t.sponsor_id)
        if gone:
            problems.append((t.id, f"team {t.name} names missing position(s) {listing(gone)}"))
    for pr in scenario.processes:
        gone = [x for x in pr.assignments if x not in g.positions and x not in g.units]
        if gone:
            problems.append((pr.id, f"process {pr.name} assigns missing part(y/ies) "
                                    f"{listing(gone)}"))
    for n in scenario.notes:
        if n.attached_to is not None and n.attached_to not in g.positions:
            problems.append((n.id, f"a note is attached to missing position {n.attached_to}"))
    return [Finding(code="STRUCT_DANGLING", severity=Severity.ERROR, family=F, ids=(i,),
                    message=f"Dangling reference: {what}.",
                    suggestion="Remove the reference or restore what it points to.")
            for i, what in problems]


RULES = (cycles, two_managers, unreachable, several_tops, dangling_references)
