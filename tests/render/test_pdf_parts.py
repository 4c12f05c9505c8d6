"""The parts of the PDF export: fonts and CJK fallback, tile grid, booklet pagination and
links, the inverted view, and the appendices."""

from __future__ import annotations

import re

import pytest
from pdf_fixtures import simple_layout, small_document
from pypdf import PdfReader

from orgdesigner.io.templates import load_template
from orgdesigner.layout.geometry import Rect
from orgdesigner.model.document import Process, RaciRole, Team
from orgdesigner.model.synthetic import generate_org
from orgdesigner.render.fonts import BOLD, REGULAR, text_runs
from orgdesigner.render.options import Appendix, FitMode, Paper, PdfOptions
from orgdesigner.render.pdf import export_pdf
from orgdesigner.render.tiling import column_name, make_grid


def _texts(path) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(path).pages]


def test_text_runs_use_dejavu_unless_a_glyph_is_missing():
    assert text_runs("Ωμέγα Дмитрий Müller") == [(REGULAR, "Ωμέγα Дмитрий Müller")]
    assert text_runs("Ana", bold=True) == [(BOLD, "Ana")]
    runs = text_runs("Mix 山田 Hanako")
    assert [piece for _, piece in runs] == ["Mix ", "山田 ", "Hanako"]
    assert runs[1][0] not in (REGULAR, BOLD)
    assert text_runs("김민수")[0][0] != text_runs("田中")[0][0]  # Korean vs Chinese font


def test_column_names_and_grid_cover_the_chart():
    assert [column_name(i) for i in (0, 25, 26, 27, 701, 702)] == \
        ["A", "Z", "AA", "AB", "ZZ", "AAA"]
    grid = make_grid(Rect(0, 0, 2000, 700), Rect(0, 0, 500, 300), scale=1.0, overlap=20)
    assert grid.cols == 5 and grid.rows == 3  # steps of 480 / 280 cover 2000 x 700
    last = grid.source(grid.cols - 1, grid.rows - 1)
    assert last.right >= 2000 and last.bottom >= 700
    assert list(grid.span(470, 490, 0)) == [0, 1]  # inside the overlap: two tiles
    assert grid.owner(479, 10) == (0, 0) and grid.owner(481, 10) == (1, 0)


def test_booklet_links_every_cut_box_to_the_page_that_continues_it(tmp_path):
    doc = generate_org(400, seed=5)
    out = tmp_path / "b.pdf"
    result = export_pdf(doc, out, PdfOptions(fit=FitMode.DIVISIONS, paper=Paper.A4),
                        layout=simple_layout)
    reader = PdfReader(out)
    texts = _texts(out)
    assert all(p.id in result.pages_of for p in doc.scenario().positions)
    # the overview links each division head to its section's first page
    overview_links = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
    assert len(overview_links) >= len(doc.scenario().units)
    tags = re.findall(r"▸ p\. (\d+)", " ".join(texts))
    assert tags and all(1 <= int(n) <= len(reader.pages) for n in tags)
    for page in reader.pages:
        box = page.mediabox
        assert max(float(box.width), float(box.height)) <= 842 + 1e-6


def test_inverted_view_draws_band_pyramid_and_gauge(tmp_path):
    doc = load_template("nordstrom")
    out = tmp_path / "inv.pdf"
    export_pdf(doc, out, PdfOptions(view="inverted", paper=Paper.A3))
    text = _texts(out)[0]
    assert "CUSTOMER" in text and "Balance:" in text and "torque" in text
    assert "inverted view" in text


def test_inverted_booklet_starts_with_the_pyramid(tmp_path):
    out = tmp_path / "invb.pdf"
    result = export_pdf(load_template("nordstrom"), out,
                        PdfOptions(view="inverted", fit=FitMode.DIVISIONS))
    texts = _texts(out)
    assert "CUSTOMER" in texts[0] and "Balance:" in texts[0]
    titles = [o.title for o in PdfReader(out).outline if not isinstance(o, list)]
    assert titles[:2] == ["Customer-on-top pyramid", "Overview"]
    assert result.pages == len(texts)


def _with_processes_and_teams():
    doc = small_document()
    sc = doc.scenario()
    sc.processes.append(Process(id="pr1", name="Handle <b>complaint</b> & </para>",
                                assignments={"h1": RaciRole.ACCOUNTABLE,
                                             "p10": RaciRole.RESPONSIBLE,
                                             "u2": RaciRole.INFORMED}))
    sc.teams.append(Team(id="t1", name="Key <img src='x.png'/> team", purpose="Serve accounts",
                         sponsor_id="ceo", member_ids=("p10", "p20", "p30")))
    moved = sc.model_copy(deep=True, update={"id": "to-be", "name": "To-be"})
    moved.lines[-1] = moved.lines[-1].model_copy(update={"manager_id": "h1"})
    return doc.model_copy(update={"scenarios": [sc, moved], "active_scenario": "to-be"})


def test_appendices_print_escaped_tables_and_charts(tmp_path):
    doc = _with_processes_and_teams()
    out = tmp_path / "app.pdf"
    result = export_pdf(doc, out, PdfOptions(appendices=tuple(Appendix)), layout=simple_layout)
    assert not [w for w in result.warnings if "appendix" in w]
    text = " ".join(_texts(out))
    for title in ("Check findings", "Spans, layers and roll-ups", "Responsibility chart",
                  "Team rosters", "Changes from As-is to To-be"):
        assert title in text, title
    assert "Handle <b>complaint</b> & </para>" in text  # markup printed as text
    assert "Key <img src='x.png'/> team" in text
    assert "Moved to a new manager (1)" in text
    assert "Managers by number of direct reports" in text  # a bar chart caption
    assert "Headcount by division" in text
    titles = [o.title for o in PdfReader(out).outline if not isinstance(o, list)]
    assert [t for t in titles if t.startswith("Appendix")] == [
        "Appendix: Check findings", "Appendix: Spans, layers and roll-ups",
        "Appendix: Responsibility chart (RACI)", "Appendix: Team rosters",
        "Appendix: Changes from As-is to To-be"]


def test_diff_appendix_without_a_second_scenario_is_a_warning(tmp_path, small_doc):
    result = export_pdf(small_doc, tmp_path / "d.pdf",
                        PdfOptions(appendices=(Appendix.DIFF,)), layout=simple_layout)
    assert any("single scenario" in w for w in result.warnings)


@pytest.mark.parametrize("view", ["classic", "horizontal"])
def test_every_template_name_is_searchable(tmp_path, view):
    for name in ("functional", "account-teams"):
        doc = load_template(name)
        out = tmp_path / f"{name}.pdf"
        export_pdf(doc, out, PdfOptions(view=view, paper=Paper.A3))
        text = _texts(out)[0]
        for p in doc.scenario().positions:
            if p.holder:
                assert p.holder in text, (name, p.holder)


@pytest.mark.parametrize("fit", list(FitMode))
def test_nobody_is_left_out_even_in_a_reporting_cycle(tmp_path, fit):
    from orgdesigner.model.document import (
        LineKind,
        OrgDocument,
        Position,
        ReportingLine,
        Scenario,
    )

    positions = [Position(id=i, holder=f"Holder {i.upper()}", title="Role") for i in "abcdef"]
    lines = [ReportingLine(manager_id="a", report_id="b"),
             ReportingLine(manager_id="c", report_id="d"),
             ReportingLine(manager_id="d", report_id="c"),
             ReportingLine(manager_id="a", report_id="e", kind=LineKind.DOTTED)]
    doc = OrgDocument(scenarios=[Scenario(id="s", name="S", positions=positions, lines=lines)],
                      active_scenario="s")
    out = tmp_path / "c.pdf"
    result = export_pdf(doc, out, PdfOptions(fit=fit))
    assert sorted(result.pages_of) == list("abcdef")
    text = " ".join(_texts(out))
    assert all(f"Holder {i}" in text for i in "ABCDEF")
