"""Optional appendix pages: check findings, spans-and-layers and roll-up tables with bar
charts, the RACI matrix, team rosters, a scenario diff and the sticky notes."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from orgdesigner.model.document import OrgDocument, Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.render.flow import flow_pages, heading, para, side_by_side, spacer, table
from orgdesigner.render.fonts import REGULAR
from orgdesigner.render.options import Appendix, PdfOptions
from orgdesigner.render.writer import PdfWriter

__all__ = ["write_appendices", "bar_chart"]

#: Findings listed in full; beyond this the appendix says how many more there are.
MAX_FINDINGS = 600
#: Parties per RACI table (wider matrices continue in further tables).
RACI_COLUMNS = 8


def write_appendices(writer: PdfWriter, doc: OrgDocument, scenario: Scenario,
                     options: PdfOptions, warnings: list[str]) -> None:
    """Each requested appendix on its own pages, in the order asked for."""
    graph = OrgGraph(scenario)
    for appendix in options.appendices:
        builders = {
            Appendix.CHECKS: lambda: _checks(doc, scenario, graph),
            Appendix.METRICS: lambda: _metrics(graph),
            Appendix.RACI: lambda: _raci(scenario),
            Appendix.TEAMS: lambda: _teams(scenario),
            Appendix.DIFF: lambda: _diff(doc, scenario, options, warnings),
            Appendix.NOTES: lambda: _notes(scenario, writer.pages_of),
        }
        title, story = builders[appendix]()
        if story:
            flow_pages(writer, [heading(title), *story], f"Appendix: {title}",
                       f"Appendix: {title}")


def bar_chart(labels: Sequence[str], values: Sequence[float], *, width: float = 420,
              height: float = 150, colours: Sequence[str] | None = None,
              caption: str = "") -> Drawing:
    """A vertical bar chart (reportlab graphics) with value labels."""
    d = Drawing(width, height + 18)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34, 28, width - 44, height - 30
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = [lbl[:14] for lbl in labels] or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 30 if len(labels) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 6 else "n"
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.valueMin = 0
    chart.bars.strokeWidth = 0
    chart.bars[0].fillColor = HexColor("#4e79a7")
    for i, colour in enumerate(colours or []):
        chart.bars[(0, i)].fillColor = HexColor(colour)
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 6
    d.add(chart)
    if caption:
        d.add(String(0, height + 6, caption, fontName=REGULAR, fontSize=8,
                     fillColor=HexColor("#52606d")))
    return d


def _checks(doc: OrgDocument, scenario: Scenario, graph: OrgGraph
            ) -> tuple[str, list[Flowable]]:
    from orgdesigner.checks.report import run_checks

    report = run_checks(scenario, doc.check_profile, graph=graph)
    counts = ", ".join(f"{n} {sev.value}{'s' if n != 1 else ''}"
                       for sev, n in report.counts.items())
    story: list[Flowable] = [para(f"Profile: {report.profile}. {counts or 'No findings'}.")]
    if not report.findings:
        story.append(para("No findings: the structure passes every check."))
        return "Check findings", story
    rows = [(f.severity.value, f.family.value, f.message, f.suggestion)
            for f in report.findings[:MAX_FINDINGS]]
    story += [spacer(), table(["Severity", "Family", "Finding", "Suggestion"], rows,
                              widths=[50, 70, None, 190])]
    if len(report.findings) > MAX_FINDINGS:
        story.append(para(f"… and {len(report.findings) - MAX_FINDINGS} more findings "
                          "(run 'orgdesigner check' for the full list).", "muted"))
    return "Check findings", story


def _metrics(graph: OrgGraph) -> tuple[str, list[Flowable]]:
    from orgdesigner.metrics.classify import classify_structure
    from orgdesigner.metrics.rollup import division_rollups, org_rollup
    from orgdesigner.metrics.spans_layers import spans_and_layers

    sl = spans_and_layers(graph)
    org = org_rollup(graph)
    divisions = division_rollups(graph)
    kind = classify_structure(graph)

    def num(v: float | None, digits: int = 1) -> str:
        return "–" if v is None else f"{v:,.{digits}f}"

    figures = [("Positions", f"{sl.positions:,}"), ("People (filled)", f"{sl.people:,}"),
               ("Managers", f"{sl.managers:,}"), ("Average span", num(sl.average_span)),
               ("Median span", num(sl.median_span)), ("Layers", str(sl.layer_count)),
               ("Vacancies", f"{org.vacancies:,}"), ("FTE", num(org.fte)),
               ("Cost", num(org.cost, 0)),
               ("Customer-facing share", "–" if org.customer_facing_share is None
                else f"{org.customer_facing_share:.0%}")]
    story: list[Flowable] = [heading("Spans and layers", 2),
                             table(["Figure", "Value"], figures, widths=[150, 90], numeric=[1])]
    spans = sorted(sl.span_distribution.items())
    charts = []
    if spans:
        charts.append(bar_chart([str(k) for k, _ in spans], [v for _, v in spans],
                                width=340, height=130,
                                caption="Managers by number of direct reports"))
    if sl.positions_per_layer:
        charts.append(bar_chart([f"L{i}" for i in range(1, len(sl.positions_per_layer) + 1)],
                                sl.positions_per_layer, width=340, height=130,
                                caption="Positions per layer"))
    if charts:
        story += [spacer(), side_by_side(*charts)]
    if divisions:
        colours = {u.id: u.color for u in graph.units.values() if u.color}
        story += [heading("Roll-up by division", 2), table(
            ["Division", "Positions", "Headcount", "FTE", "Cost", "Vacancies",
             "Cust.-facing"],
            [(d.name, f"{d.positions:,}", f"{d.headcount:,}", num(d.fte), num(d.cost, 0),
              f"{d.vacancies:,}", "–" if d.customer_facing_share is None
              else f"{d.customer_facing_share:.0%}") for d in divisions],
            widths=[150, 60, 60, 60, 80, 60, 80], numeric=[1, 2, 3, 4, 5, 6]),
            spacer(),
            bar_chart([d.name for d in divisions], [d.headcount for d in divisions],
                      colours=[colours.get(d.id, "#4e79a7") for d in divisions],
                      caption="Headcount by division")]
    story += [heading(f"Structure type: {kind.type.value}", 2)]
    story += [para(f"• {e}") for e in kind.evidence]
    if kind.benefits:
        story.append(para(f"Benefits: {kind.benefits}"))
    if kind.challenges:
        story.append(para(f"Challenges: {kind.challenges}"))
    return "Spans, layers and roll-ups", story


def _party_name(scenario: Scenario, positions: dict, units: dict, pid: str) -> str:
    if pid in positions:
        p = positions[pid]
        return f"{p.label} ({p.title})" if p.holder.strip() and p.title else p.label
    if pid in units:
        return units[pid].name
    return pid


def _raci(scenario: Scenario) -> tuple[str, list[Flowable]]:
    title = "Responsibility chart (RACI)"
    if not scenario.processes:
        return title, [para("This scenario has no processes in its responsibility chart.")]
    positions = {p.id: p for p in scenario.positions}
    units = {u.id: u for u in scenario.units}
    parties: list[str] = []
    for proc in scenario.processes:
        for pid in proc.assignments:
            if pid not in parties:
                parties.append(pid)
    story: list[Flowable] = [para("R responsible · A accountable · C consulted · "
                                  "I informed. Parties are positions or units.", "muted")]
    for start in range(0, max(1, len(parties)), RACI_COLUMNS):
        chunk = parties[start:start + RACI_COLUMNS]
        header = ["Process"] + [_party_name(scenario, positions, units, p) for p in chunk]
        rows = [[proc.name] + [proc.assignments[p].value if p in proc.assignments else ""
                               for p in chunk] for proc in scenario.processes]
        story += [spacer(6), table(header, rows, widths=[160] + [70] * len(chunk))]
    return title, story


def _teams(scenario: Scenario) -> tuple[str, list[Flowable]]:
    from orgdesigner.checks.teams import functions_of_team, member_function
    from orgdesigner.metrics.hierarchy import LazyOrgGraph

    title = "Team rosters"
    if not scenario.teams:
        return title, [para("This scenario has no cross-functional teams.")]
    graph = LazyOrgGraph(scenario)
    positions = graph.positions
    units = graph.units
    story: list[Flowable] = []
    for team in scenario.teams:
        story.append(heading(team.name, 2))
        if team.purpose:
            story.append(para(team.purpose))
        if team.sponsor_id:
            sponsor = positions.get(team.sponsor_id)
            story.append(para(f"Sponsor: {sponsor.label if sponsor else team.sponsor_id}"))
        functions = functions_of_team(graph, team)
        story.append(para(f"Draws from {len(functions)} "
                          f"function{'s' if len(functions) != 1 else ''}: "
                          + (", ".join(functions) if functions else "none known")))
        rows = []
        for mid in team.member_ids:
            p = positions.get(mid)
            if p is None:
                rows.append((mid, "(not in this scenario)", "", ""))
                continue
            unit = units.get(p.unit_id or "")
            rows.append((p.label, p.title, unit.name if unit else "",
                         member_function(graph, mid) or ""))
        story.append(table(["Member", "Title", "Unit", "Function"], rows,
                           widths=[130, 160, 130, 100]))
    return title, story


def _notes(scenario: Scenario, pages_of: dict[str, list[int]]
           ) -> tuple[str, list[Flowable]]:
    """The sticky notes: their text, the position each is pinned to and its page."""
    title = "Sticky notes"
    if not scenario.notes:
        return title, []  # nothing to print: no page
    labels = {p.id: f"{p.label} ({p.title})" if p.title and p.holder.strip() else p.label
              for p in scenario.positions}
    rows = []
    for i, note in enumerate(scenario.notes, 1):
        on = note.attached_to
        pages = ", ".join(str(n) for n in pages_of.get(on, [])) if on else ""
        rows.append((str(i), note.text, labels.get(on, on) if on else "free on the chart",
                     pages))
    return title, [table(["#", "Note", "Pinned to", "Page"], rows,
                         widths=[22, None, 170, 40], numeric=[0])]


def _diff(doc: OrgDocument, scenario: Scenario, options: PdfOptions,
          warnings: list[str]) -> tuple[str, list[Flowable]]:
    from orgdesigner.metrics.diff import diff_scenarios

    others = [s for s in doc.scenarios if s.id != scenario.id]
    if options.diff_against:
        try:
            before = doc.scenario_by_name(options.diff_against)
        except KeyError:
            warnings.append(f"no scenario {options.diff_against!r} to compare with; "
                            "the diff appendix is left out")
            return "", []
    elif others:
        before = others[0]
    else:
        warnings.append("the document has a single scenario; the diff appendix is left out")
        return "", []
    d = diff_scenarios(before, scenario)
    title = f"Changes from {d.before} to {d.after}"
    name = d.labels.get
    story: list[Flowable] = []
    if d.unchanged:
        story.append(para("No position, reporting line or unit changed."))
    sections = [("Added", [(name(i, i), "") for i in d.added]),
                ("Removed", [(name(i, i), "") for i in d.removed]),
                ("Moved to a new manager", [(m.label, f"{m.old_name} → {m.new_name}")
                                            for m in d.moved]),
                ("Retitled", [(m.label, f"{m.old_name} → {m.new_name}") for m in d.retitled]),
                ("Changed unit", [(m.label, f"{m.old_name} → {m.new_name}")
                                  for m in d.changed_unit])]
    for label, rows in sections:
        if rows:
            story += [heading(f"{label} ({len(rows)})", 2),
                      table(["Position", "Change"], rows, widths=[220, 300])]
    if d.metrics:
        story += [heading("Figures", 2), table(
            ["Figure", d.before, d.after, "Change"],
            [(m.name, m.before, m.after, "" if m.delta is None else f"{m.delta:+,g}")
             for m in d.metrics], widths=[180, 90, 90, 80], numeric=[1, 2, 3])]
    return title, story
