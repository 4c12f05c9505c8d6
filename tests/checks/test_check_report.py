from __future__ import annotations

import json

from orgkit import chart, document, team_of

from orgdesigner.checks.finding import Family, Finding, Severity
from orgdesigner.checks.registry import RULES, rules
from orgdesigner.checks.report import CheckReport, run_checks
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.profile import CheckProfile
from orgdesigner.model.synthetic import generate_org

CLEAN = ("ceo: Ann | Chief Executive Officer | u=exec\n"
         "  cco: Bo | Chief Customer Officer | u=cust\n" + team_of(4, "c", "cust", 4, True) +
         "\n  ops: Cy | Head of Operations | u=ops\n" + team_of(4, "o", "ops", 4, True) +
         "\n  fin: Di | Head of Finance | u=fin\n" + team_of(4, "f", "fin", 4, True))


def test_a_clean_org_gives_an_empty_report():
    report = run_checks(document(chart(CLEAN)))
    assert report.findings == [] and not report.has_errors
    assert report.counts == {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}


def test_errors_sort_first_and_count():
    s = chart(CLEAN + "\nx: X | Lead\n  y: Y | Lead", extra_lines=[("y", "x")])
    report = run_checks(s)
    assert report.has_errors and report.findings[0].code == "STRUCT_CYCLE"
    ranks = [f.severity.rank for f in report.findings]
    assert ranks == sorted(ranks)
    assert report.counts[Severity.ERROR] == 1
    assert "STRUCT_CYCLE" in report.for_id()["x"][0].code


def test_document_profile_is_used_unless_one_is_given():
    doc = document(chart(CLEAN))
    doc.check_profile = CheckProfile(name="strict", span_min=5)
    assert run_checks(doc).profile == "strict"
    assert "SPAN_TOO_NARROW" in run_checks(doc).codes()
    assert run_checks(doc, CheckProfile()).findings == []


def test_plain_networkx_graph_gives_the_same_findings():
    doc = generate_org(400, seed=3)
    s = doc.scenario()
    fast = run_checks(s)
    slow = run_checks(s, graph=OrgGraph(s))
    assert fast.findings == slow.findings and fast.findings


def test_every_family_is_registered_and_can_be_selected():
    assert set(RULES) == set(Family)
    assert len(rules({Family.TEAMS})) == 1
    s = chart(CLEAN.replace(" cf", ""))
    report = run_checks(s, families={Family.CUSTOMER})
    assert report.codes() == {"CUSTOMER_SHARE_LOW", "CUSTOMER_DIVISION_NONE"}


def test_report_json_round_trips_and_has_a_schema():
    s = chart(CLEAN.replace(" cf", ""))
    report = run_checks(s)
    again = CheckReport.model_validate_json(report.model_dump_json())
    assert again == report
    data = json.loads(report.model_dump_json())
    assert data["findings"][0]["severity"] == "warning"
    schema = CheckReport.model_json_schema()
    assert "Finding" in schema["$defs"]
    assert set(Finding.model_json_schema()["required"]) >= {"code", "severity", "message"}


def test_empty_and_one_box_charts_do_not_break_anything():
    from orgdesigner.model.document import Position, Scenario

    assert run_checks(Scenario(id="e", name="Empty")).findings == []
    one = Scenario(id="o", name="One", positions=[Position(id="a", holder="A")])
    assert run_checks(one).codes() == {"CUSTOMER_SHARE_LOW", "CUSTOMER_NO_LEADER"}
