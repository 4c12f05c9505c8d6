"""The PDF appendix prints the responsibility chart and the team rosters with the
functions each team draws from."""

from __future__ import annotations

from pypdf import PdfReader

from orgdesigner.checks.teams import functions_of_team
from orgdesigner.io.templates import load_template
from orgdesigner.model.document import LineKind, Team
from orgdesigner.render.options import Appendix, PdfOptions
from orgdesigner.render.pdf import export_pdf


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_raci_appendix_prints_the_matrix(tmp_path):
    doc = load_template("customer-centric")
    out = tmp_path / "raci.pdf"
    export_pdf(doc, out, PdfOptions(appendices=(Appendix.RACI,), date="2026-01-01"))
    text = _text(out)
    assert "Responsibility chart (RACI)" in text
    for proc in doc.scenario().processes:
        assert proc.name in text
    # The first table's row of "Resolve a customer problem", cell by cell (empty cells
    # print nothing): María A, Kevin R, Stanislav C, Patrick C, Julien I, Bernd I.
    lines = text.splitlines()
    start = lines.index("Resolve a customer problem")
    assert lines[start + 1:lines.index("Launch a new service")] == ["A", "R", "C", "C",
                                                                    "I", "I"]
    assert "María" in lines[:start] and "(Head of" in lines[:start]


def test_team_appendix_prints_rosters_and_functions(tmp_path):
    doc = load_template("account-teams")
    scenario = doc.scenario()
    # A team drawn from one function only, to see the count on paper.
    dotted = {line.report_id for line in scenario.lines if line.kind is LineKind.DOTTED}
    sales = [p.id for p in scenario.positions
             if p.unit_id == "sales" and p.id not in dotted][:2]
    scenario.teams.append(Team(id="solo", name="Sales huddle", member_ids=tuple(sales)))
    out = tmp_path / "teams.pdf"
    export_pdf(doc, out, PdfOptions(appendices=(Appendix.TEAMS,), date="2026-01-01"))
    text = _text(out)
    assert "Team rosters" in text
    assert "Account team: Hansa Logistik" in text
    # Members bring their unit's function and, through a dotted line, their other
    # manager's (as the cross-functional check counts them).
    hansa = functions_of_team(scenario, scenario.teams[0])
    assert {"accounts receivable", "marketing", "product design", "sales"} <= set(hansa)
    assert f"Draws from {len(hansa)} functions: {', '.join(hansa)}" in text
    assert "Draws from 1 function: sales" in text
    first = scenario.position(scenario.teams[0].member_ids[0])
    assert first.label in text
