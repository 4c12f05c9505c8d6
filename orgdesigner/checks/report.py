"""run_checks: every rule over one scenario, sharing one graph, into a CheckReport."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, Field

from orgdesigner.checks.finding import Family, Finding, Severity
from orgdesigner.checks.registry import rules
from orgdesigner.metrics.hierarchy import LazyOrgGraph, lean
from orgdesigner.model.document import OrgDocument, Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.profile import CheckProfile
from orgdesigner.perf import paused_gc

__all__ = ["REPORT_FORMAT_VERSION", "CheckReport", "run_checks"]

REPORT_FORMAT_VERSION = 1


class CheckReport(BaseModel):
    """All findings for one scenario under one profile (``orgdesigner check --format json``)."""

    format_version: int = REPORT_FORMAT_VERSION
    scenario_id: str
    scenario_name: str
    profile: str = Field(description="name of the check profile used")
    counts: dict[Severity, int] = Field(
        default_factory=dict, description="number of findings per severity")
    findings: list[Finding] = Field(
        default_factory=list, description="errors first, then warnings, then info")

    @property
    def has_errors(self) -> bool:
        return bool(self.counts.get(Severity.ERROR))

    def by_code(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.code == code]

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def for_id(self) -> dict[str, list[Finding]]:
        """Findings by the id they concern, for highlighting boxes on the canvas."""
        index: dict[str, list[Finding]] = {}
        for f in self.findings:
            for i in f.ids:
                index.setdefault(i, []).append(f)
        return index


def run_checks(source: OrgDocument | Scenario, profile: CheckProfile | None = None, *,
               graph: OrgGraph | None = None,
               families: set[Family] | None = None) -> CheckReport:
    """Run the rules (all families, or ``families``) over a scenario: the document's
    active one when given a document. ``profile`` defaults to the document's own profile.
    Pass ``graph`` to reuse a graph already built for this scenario."""
    if isinstance(source, OrgDocument):
        scenario = source.scenario()
        profile = profile or source.check_profile
    else:
        scenario = source
    profile = profile or CheckProfile()
    findings: list[Finding] = []
    with paused_gc():  # many small objects, none cyclic: the collector would only rescan
        g: LazyOrgGraph = lean(graph) if graph is not None else LazyOrgGraph(scenario)
        for rule in rules(families):
            findings.extend(rule(g, scenario, profile))
    findings.sort(key=lambda f: f.severity.rank)
    counts = Counter(f.severity for f in findings)
    return CheckReport(
        scenario_id=scenario.id, scenario_name=scenario.name, profile=profile.name,
        counts={s: counts.get(s, 0) for s in Severity}, findings=findings)
