"""Analysis subcommands: ``check`` (balance checks), ``stats`` (metrics) and ``diff``
(compare two scenarios or two files).

``check`` exits 0 when no finding is at error level and 1 when one is; bad input exits 2
(see ``orgdesigner.cli``). ``--format json`` prints the documented pydantic models
(``--schema`` prints their JSON Schema) so other tools can consume the output.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from orgdesigner.checks.report import CheckReport, run_checks
from orgdesigner.cli import EXIT_FINDINGS, EXIT_OK
from orgdesigner.errors import OrgDesignerError
from orgdesigner.io import native
from orgdesigner.metrics.diff import ScenarioDiff, diff_scenarios
from orgdesigner.metrics.summary import OrgStats, org_stats
from orgdesigner.model.document import OrgDocument, Scenario
from orgdesigner.model.profile import SPAN_ARCHETYPES, CheckProfile

__all__ = ["register"]

PROFILE_NAMES = ("document", "default", *SPAN_ARCHETYPES)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``check``, ``stats`` and ``diff`` to the ``orgdesigner`` parser."""
    check = subparsers.add_parser(
        "check", help="run the balance checks on a chart",
        description="Run the balance checks (structure, spans, layers, division balance, "
        "customer proximity, accountability, teams, vacancies). Exit 0 when no finding is "
        "an error, 1 when one is, 2 for bad input.")
    check.add_argument("file", nargs="?", type=Path, metavar="FILE", help=".orgchart file")
    check.add_argument("--scenario", metavar="NAME", help="scenario name or id (default: "
                       "the active one)")
    check.add_argument("--profile", default="document", choices=PROFILE_NAMES,
                       help="thresholds: the document's own (default), 'default', or a "
                       "span archetype preset")
    _format_options(check)
    check.set_defaults(handler=run_check)

    stats = subparsers.add_parser(
        "stats", help="spans, layers, roll-ups and structure type",
        description="Print the metrics of a chart: spans and layers, headcount, FTE, cost, "
        "vacancies and customer-facing share per division and unit, and the structure type.")
    stats.add_argument("file", nargs="?", type=Path, metavar="FILE", help=".orgchart file")
    stats.add_argument("--scenario", metavar="NAME", help="scenario name or id")
    _format_options(stats)
    stats.set_defaults(handler=run_stats)

    diff = subparsers.add_parser(
        "diff", help="compare two scenarios or two files",
        description="Compare two files (A B), or two scenarios of one file (FILE --from S1 "
        "--to S2): positions added, removed, moved, retitled, changed unit; units added "
        "and removed; every metric before -> after.")
    diff.add_argument("file", nargs="?", type=Path, metavar="A", help="first .orgchart file")
    diff.add_argument("other", nargs="?", type=Path, metavar="B", help="second file")
    diff.add_argument("--from", dest="from_scenario", metavar="S1",
                      help="scenario of A to compare from (default: the active one)")
    diff.add_argument("--to", dest="to_scenario", metavar="S2",
                      help="scenario to compare to (of B when given, else of A)")
    _format_options(diff)
    diff.set_defaults(handler=run_diff)


def _format_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text for people (default) or json for tools")
    parser.add_argument("--schema", action="store_true",
                        help="print the JSON Schema of the json output and exit")


# -- helpers -------------------------------------------------------------------------------
def _load(path: Path | None) -> OrgDocument:
    if path is None:
        raise OrgDesignerError("a FILE is required")
    return native.load(path)


def _scenario(doc: OrgDocument, name: str | None, path: Path) -> Scenario:
    if name is None:
        return doc.scenario()
    try:
        return doc.scenario_by_name(name)
    except KeyError:
        known = ", ".join(repr(s.name) for s in doc.scenarios)
        raise OrgDesignerError(f"{path}: no scenario {name!r} (scenarios: {known})") from None


def _schema(model: type) -> int:
    print(json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _number(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


# -- check ---------------------------------------------------------------------------------
def run_check(args: argparse.Namespace) -> int:
    if args.schema:
        return _schema(CheckReport)
    doc = _load(args.file)
    scenario = _scenario(doc, args.scenario, args.file)
    try:
        profile = (doc.check_profile if args.profile == "document"
                   else CheckProfile.preset(args.profile))
    except KeyError as err:  # argparse limits the choices; kept for safety
        raise OrgDesignerError(str(err.args[0])) from None
    report = run_checks(scenario, profile)
    if args.format == "json":
        print(report.model_dump_json(indent=2))
    else:
        print(_check_text(report))
    return EXIT_FINDINGS if report.has_errors else EXIT_OK


def _check_text(report: CheckReport) -> str:
    c = report.counts
    lines = [f"Scenario {report.scenario_name!r}, profile {report.profile!r}: "
             f"{c.get('error', 0)} error(s), {c.get('warning', 0)} warning(s), "
             f"{c.get('info', 0)} note(s)."]
    for f in report.findings:
        lines.append(f"{f.severity.value:<8}{f.code}: {f.message}")
        if f.suggestion:
            lines.append(f"{'':8}→ {f.suggestion}")
    if not report.findings:
        lines.append("No findings: the structure is in balance for this profile.")
    return "\n".join(lines)


# -- stats ---------------------------------------------------------------------------------
def run_stats(args: argparse.Namespace) -> int:
    if args.schema:
        return _schema(OrgStats)
    doc = _load(args.file)
    stats = org_stats(_scenario(doc, args.scenario, args.file))
    print(stats.model_dump_json(indent=2) if args.format == "json" else _stats_text(stats))
    return EXIT_OK


def _stats_text(stats: OrgStats) -> str:
    sl, org, st = stats.spans_layers, stats.organisation, stats.structure
    out = [f"Scenario {stats.scenario_name!r}",
           f"  positions {sl.positions:,}, people {sl.people:,}, managers {sl.managers:,}",
           f"  average span {_number(sl.average_span)} ((people - managers) / managers), "
           f"median span {_number(sl.median_span)}",
           f"  layers {sl.layer_count}: positions per layer "
           f"{', '.join(map(str, sl.positions_per_layer))}; managers per layer "
           f"{', '.join(map(str, sl.managers_per_layer))}",
           "  span distribution: " + (", ".join(
               f"{k}: {v}" for k, v in sl.span_distribution.items()) or "-"),
           f"Structure type: {st.type.value}"]
    out += [f"  - {e}" for e in st.evidence]
    if st.benefits:
        out += [f"  Benefits: {st.benefits}", f"  Challenges: {st.challenges}"]
    header = (f"  {'':<32}{'positions':>10}{'headcount':>10}{'FTE':>9}{'cost':>14}"
              f"{'vacant':>8}{'cust.%':>8}")

    def row(r) -> str:
        share = "-" if r.customer_facing_share is None else f"{r.customer_facing_share:.0%}"
        return (f"  {r.name[:31]:<32}{r.positions:>10,}{r.headcount:>10,}{r.fte:>9,.1f}"
                f"{r.cost:>14,.0f}{r.vacancies:>8,}{share:>8}")

    out += ["Organisation", header, row(org)]
    if stats.divisions:
        out += ["Divisions", header, *map(row, stats.divisions)]
    if stats.units:
        out += ["Units (with their sub-units)", header, *map(row, stats.units)]
    return "\n".join(out)


# -- diff ----------------------------------------------------------------------------------
def run_diff(args: argparse.Namespace) -> int:
    if args.schema:
        return _schema(ScenarioDiff)
    doc_a = _load(args.file)
    if args.other is not None:
        doc_b = _load(args.other)
        before = _scenario(doc_a, args.from_scenario, args.file)
        after = _scenario(doc_b, args.to_scenario, args.other)
        names = (f"{args.file.name}: {before.name}", f"{args.other.name}: {after.name}")
    else:
        if not args.from_scenario or not args.to_scenario:
            raise OrgDesignerError("diff needs two files (A B), or one file with "
                                   "--from S1 --to S2")
        before = _scenario(doc_a, args.from_scenario, args.file)
        after = _scenario(doc_a, args.to_scenario, args.file)
        names = (before.name, after.name)
    result = diff_scenarios(before, after, before_name=names[0], after_name=names[1])
    print(result.model_dump_json(indent=2) if args.format == "json" else _diff_text(result))
    return EXIT_OK


def _diff_text(d: ScenarioDiff) -> str:
    name = d.labels.get
    out = [f"{d.before!r} → {d.after!r}"]
    if d.unchanged:
        out.append("No position or unit changed.")
    sections = (("Added", d.added), ("Removed", d.removed))
    for title, ids in sections:
        if ids:
            out.append(f"{title} ({len(ids)}): " + ", ".join(name(i, i) for i in ids))
    for title, moves in (("Moved", d.moved), ("Retitled", d.retitled),
                         ("Changed unit", d.changed_unit)):
        if moves:
            out.append(f"{title} ({len(moves)}):")
            out += [f"  {m.label}: {m.old_name} → {m.new_name}" for m in moves]
    if d.units_added:
        out.append("Units added: " + ", ".join(name(u, u) for u in d.units_added))
    if d.units_removed:
        out.append("Units removed: " + ", ".join(name(u, u) for u in d.units_removed))
    out.append("Metrics (before → after):")
    for m in d.metrics:
        delta = "" if not m.delta else f"  ({m.delta:+,.4g})"
        out.append(f"  {m.name:<32}{_number(m.before):>14} → {_number(m.after):<14}{delta}")
    return "\n".join(out)

