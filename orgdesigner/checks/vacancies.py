"""Vacancy rules: not too many open positions, and no team left without its manager."""

from __future__ import annotations

from orgdesigner.checks.finding import Family, Finding, Severity, describe
from orgdesigner.metrics.hierarchy import lean
from orgdesigner.metrics.rollup import org_rollup
from orgdesigner.metrics.spans_layers import span_of_control
from orgdesigner.model.document import Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.profile import CheckProfile

__all__ = ["RULES", "vacancy_share", "vacant_managers"]

F = Family.VACANCIES


def vacancy_share(graph: OrgGraph, scenario: Scenario, profile: CheckProfile) -> list[Finding]:
    """VACANCY_SHARE_HIGH: more open positions than ``vacancy_max_share``."""
    org = org_rollup(lean(graph))
    if not org.positions or org.vacancies / org.positions <= profile.vacancy_max_share:
        return []
    share = org.vacancies / org.positions
    return [Finding(
        code="VACANCY_SHARE_HIGH", severity=Severity.WARNING, family=F,
        message=f"{org.vacancies:,} of {org.positions:,} positions ({share:.0%}) are "
                f"vacant; the profile allows {profile.vacancy_max_share:.0%}.",
        suggestion="Fill the key vacancies first, or remove positions nobody will fill.")]


def vacant_managers(graph: OrgGraph, scenario: Scenario,
                    profile: CheckProfile) -> list[Finding]:
    """VACANCY_MANAGER: a vacant position that people report to."""
    g = lean(graph)
    vacant = g.vacant()
    return [Finding.model_construct(  # trusted values: no validation per finding
        code="VACANCY_MANAGER", severity=Severity.WARNING, family=F, ids=(pid,),
        message=f"{_capital(describe(g.positions[pid]))} has {span} direct "
                f"report{'s' if span > 1 else ''} and nobody to lead them.",
        suggestion="Fill the position or name an interim manager.")
        for pid, span in span_of_control(g).items() if pid in vacant]



def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


RULES = (vacancy_share, vacant_managers)
