"""Cross-functional team rules: a team meant to span functions really draws from several
(at least ``team_min_functions`` distinct functions). A member brings the function of
their own unit and of every unit they represent through a dotted (matrix) line."""

from __future__ import annotations

from orgdesigner.checks.finding import Family, Finding, Severity, listing
from orgdesigner.metrics.hierarchy import LazyOrgGraph, lean
from orgdesigner.model.document import Scenario, Team
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.profile import CheckProfile

__all__ = ["RULES", "functions_of_team", "member_function", "team_functions"]

F = Family.TEAMS


def member_function(g: LazyOrgGraph, position_id: str) -> str | None:
    """The function of a position: the ``function`` of its unit or the nearest parent unit
    that has one, else the name of its unit. None without a unit."""
    p = g.positions.get(position_id)
    if p is None or p.unit_id is None or p.unit_id not in g.units:
        return None
    seen: set[str] = set()
    current: str | None = p.unit_id
    while current is not None and current in g.units and current not in seen:
        seen.add(current)
        unit = g.units[current]
        if unit.function.strip():
            return unit.function.strip().casefold()
        current = unit.parent_id
    return g.units[p.unit_id].name.strip().casefold() or None


def functions_of_team(graph: OrgGraph | Scenario, team: Team) -> list[str]:
    """The distinct functions a team draws from, sorted: its members' own and those of
    the units they represent through a dotted line (as ``team_functions`` counts them)."""
    g = lean(graph)
    represents: dict[str, list[str]] = {}
    for manager, report in g.dotted_lines:
        represents.setdefault(report, []).append(manager)
    sources = [x for m in team.member_ids for x in (m, *represents.get(m, ()))]
    return sorted({f for m in sources if (f := member_function(g, m)) is not None})


def team_functions(graph: OrgGraph, scenario: Scenario,
                   profile: CheckProfile) -> list[Finding]:
    """TEAM_FEW_FUNCTIONS: a team whose members come from too few functions."""
    g = lean(graph)
    represents: dict[str, list[str]] = {}
    for manager, report in g.dotted_lines:
        represents.setdefault(report, []).append(manager)
    out = []
    for team in scenario.teams:
        sources = [x for m in team.member_ids for x in (m, *represents.get(m, ()))]
        functions = {f for m in sources if (f := member_function(g, m)) is not None}
        if len(functions) >= profile.team_min_functions:
            continue
        drawn = f"only {listing(sorted(functions))}" if functions else "no known function"
        out.append(Finding(
            code="TEAM_FEW_FUNCTIONS", severity=Severity.WARNING, family=F,
            ids=(team.id, *team.member_ids),
            message=f"Team {team.name!r} draws from {drawn} "
                    f"({len(functions)} of the {profile.team_min_functions} distinct "
                    f"functions expected).",
            suggestion="Add members from the functions the team's customers need."))
    return out


RULES = (team_functions,)
