"""CheckSession: re-check a scenario after each edit, reusing what the edit left alone.

Items are frozen values, so an item an edit did not touch is the same object before and
after it. A session keeps the graph of its last run; the next run's graph takes over the
position index, the columns, the reporting lines and the roll-ups whose inputs are still
the very same objects (``LazyOrgGraph(scenario, previous=...)``), and recomputes the rest.
The findings are always those of a full ``run_checks``: only the work is shared.
"""

from __future__ import annotations

from orgdesigner.checks.finding import Family
from orgdesigner.checks.report import CheckReport, run_checks
from orgdesigner.metrics.hierarchy import LazyOrgGraph
from orgdesigner.metrics.summary import OrgStats, org_stats
from orgdesigner.model.document import OrgDocument, Scenario
from orgdesigner.model.profile import CheckProfile

__all__ = ["CheckSession"]


class CheckSession:
    """Checks and metrics of one scenario as it is edited (use one session per scenario
    and per thread; a session is not shared between threads)."""

    def __init__(self) -> None:
        self._graph: LazyOrgGraph | None = None

    def graph(self, scenario: Scenario) -> LazyOrgGraph:
        """A graph of ``scenario`` as it is now, built from the last one where it can be."""
        previous = self._graph
        if previous is not None and previous.scenario.id != scenario.id:
            previous = None
        graph = self._graph = LazyOrgGraph(scenario, previous=previous)
        return graph

    def check(self, source: OrgDocument | Scenario, profile: CheckProfile | None = None, *,
              families: set[Family] | None = None) -> CheckReport:
        """``run_checks`` of the scenario (the document's active one) as it is now."""
        if isinstance(source, OrgDocument):
            profile = profile or source.check_profile
            source = source.scenario()
        return run_checks(source, profile, graph=self.graph(source), families=families)

    def stats(self, scenario: Scenario) -> OrgStats:
        """``org_stats`` of the scenario as it is now (shares the graph of ``check`` when
        nothing changed in between)."""
        graph = self._graph
        if graph is None or graph.scenario is not scenario or graph.unchanged(
                LazyOrgGraph.items_of(scenario)) != set(graph.items):
            graph = self.graph(scenario)
        return org_stats(graph)
