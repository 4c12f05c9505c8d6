"""The registry of rules: every family's rules, in the order the report lists them."""

from __future__ import annotations

from collections.abc import Callable

from orgdesigner.checks import (
    accountability,
    balance,
    customer,
    layers,
    spans,
    structure,
    teams,
    vacancies,
)
from orgdesigner.checks.finding import Family, Finding
from orgdesigner.model.document import Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.profile import CheckProfile

__all__ = ["RULES", "Rule", "rules"]

#: A rule: (graph, scenario, profile) -> findings.
Rule = Callable[[OrgGraph, Scenario, CheckProfile], list[Finding]]

RULES: dict[Family, tuple[Rule, ...]] = {
    Family.STRUCTURE: structure.RULES,
    Family.SPANS: spans.RULES,
    Family.LAYERS: layers.RULES,
    Family.BALANCE: balance.RULES,
    Family.CUSTOMER: customer.RULES,
    Family.ACCOUNTABILITY: accountability.RULES,
    Family.TEAMS: teams.RULES,
    Family.VACANCIES: vacancies.RULES,
}


def rules(families: set[Family] | None = None) -> list[Rule]:
    """The rules of the given families (all when None), in registry order."""
    return [r for fam, rs in RULES.items() if families is None or fam in families for r in rs]
