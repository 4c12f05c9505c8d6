"""Span-of-control rules: managers with too many direct reports, or too few.

"Managers with 1-2 direct reports" is the classic finding of spans-and-layers reviews;
the profile's ``span_min``/``span_max`` (by manager archetype) set what is too narrow or
too wide. Pass-through managers (a single report who manages in turn) are left to the
layers family, which says what to do about them.
"""

from __future__ import annotations

from orgdesigner.checks.finding import Family, Finding, Severity, describe
from orgdesigner.metrics.hierarchy import lean
from orgdesigner.metrics.spans_layers import (
    pass_through_managers,
    span_of_control,
    spans_and_layers,
)
from orgdesigner.model.document import Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.profile import CheckProfile

__all__ = ["RULES", "average_span", "one_or_two_reports", "span_too_narrow", "span_too_wide"]

F = Family.SPANS


def span_too_wide(graph: OrgGraph, scenario: Scenario, profile: CheckProfile) -> list[Finding]:
    """SPAN_TOO_WIDE: more direct reports than ``span_max``."""
    g = lean(graph)
    limit = profile.span_max
    return [Finding.model_construct(  # trusted values: no validation per finding
        code="SPAN_TOO_WIDE", severity=Severity.WARNING, family=F, ids=(pid,),
        message=f"{describe(g.positions[pid])} has {span} direct reports "
                f"(profile {profile.name!r} allows up to {limit}).",
        suggestion="Add a team lead layer or move some reports to a peer manager.")
        for pid, span in span_of_control(g).items() if span > limit]


def one_or_two_reports(graph: OrgGraph, scenario: Scenario,
                       profile: CheckProfile) -> list[Finding]:
    """SPAN_ONE_OR_TWO: a manager with only 1-2 direct reports (below ``span_min``)."""
    g = lean(graph)
    if profile.span_min <= 1:
        return []
    spans = span_of_control(g)
    top_limit = min(2, profile.span_min - 1)
    passing = pass_through_managers(g)
    return [Finding.model_construct(
        code="SPAN_ONE_OR_TWO", severity=Severity.WARNING, family=F, ids=(pid,),
        message=f"{describe(g.positions[pid])} manages only {span} direct "
                f"report{'s' if span > 1 else ''}.",
        suggestion="Merge the team with a neighbouring one, or make this a working role.")
        for pid, span in spans.items()
        if span <= top_limit and pid not in passing]


def span_too_narrow(graph: OrgGraph, scenario: Scenario,
                    profile: CheckProfile) -> list[Finding]:
    """SPAN_TOO_NARROW: 3 or more reports but fewer than ``span_min`` (archetype presets)."""
    g = lean(graph)
    return [Finding.model_construct(
        code="SPAN_TOO_NARROW", severity=Severity.INFO, family=F, ids=(pid,),
        message=f"{describe(g.positions[pid])} has {span} direct reports, below the "
                f"{profile.span_min} expected for profile {profile.name!r}.",
        suggestion="Widen the span or check that the archetype fits this manager.")
        for pid, span in span_of_control(g).items() if 3 <= span < profile.span_min]


def average_span(graph: OrgGraph, scenario: Scenario, profile: CheckProfile) -> list[Finding]:
    """SPAN_AVERAGE_OUT_OF_RANGE: the organisation's average span outside the profile."""
    figures = spans_and_layers(lean(graph))
    avg = figures.average_span
    if avg is None or profile.span_min <= avg <= profile.span_max:
        return []
    side = "below" if avg < profile.span_min else "above"
    return [Finding(
        code="SPAN_AVERAGE_OUT_OF_RANGE", severity=Severity.INFO, family=F,
        message=f"The average span of control is {avg:.1f} over {figures.managers} "
                f"managers, {side} the {profile.span_min}-{profile.span_max} range of "
                f"profile {profile.name!r}.",
        suggestion="Look at the narrowest spans first." if side == "below"
        else "Look at the widest spans first.")]


RULES = (span_too_wide, one_or_two_reports, span_too_narrow, average_span)
