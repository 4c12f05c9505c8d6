from __future__ import annotations

from collections.abc import Callable

import pytest

from orgdesigner.checks.finding import Finding, Severity
from orgdesigner.checks.report import CheckReport, run_checks
from orgdesigner.checks.session import CheckSession
from orgdesigner.metrics.hierarchy import LazyOrgGraph
from orgdesigner.metrics.summary import org_stats
from orgdesigner.model import edits
from orgdesigner.model.document import OrgDocument, Unit
from orgdesigner.model.edit_primitives import Edit, RemoveMode
from orgdesigner.model.synthetic import generate_org


def _ids(doc: OrgDocument) -> list[str]:
    return [p.id for p in doc.scenario().positions]


def _division(doc: OrgDocument) -> str:
    return next(u.id for u in doc.scenario().units if u.is_division)


EDITS: dict[str, Callable[[OrgDocument], Edit]] = {
    "reassign": lambda d: edits.reassign_manager(d, _ids(d)[-1], _ids(d)[5]),
    "vacate": lambda d: edits.change_position(d, _ids(d)[3], holder=""),
    "face the customer": lambda d: edits.change_position(d, _ids(d)[-2],
                                                         customer_facing=True, fte=0.5),
    "move unit": lambda d: edits.move_to_unit(d, _ids(d)[-3], _division(d)),
    "remove manager": lambda d: edits.remove_position(d, _ids(d)[1], RemoveMode.REHOME),
    "remove subtree": lambda d: edits.remove_position(d, _ids(d)[2], RemoveMode.SUBTREE),
    "dotted line": lambda d: edits.add_dotted_line(d, _ids(d)[4], _ids(d)[-5]),
    "new unit": lambda d: edits.add_unit(d, Unit(id="u-new", name="Customer Care",
                                                 is_division=True)),
    "unit no longer a division": lambda d: edits.change_unit(d, _division(d),
                                                             is_division=False),
    "view": lambda d: edits.change_view(d, division_order=list(reversed(
        [u.id for u in d.scenario().units if u.is_division]))),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_a_session_reports_what_a_full_run_reports_after_an_edit_and_its_undo(name):
    doc = generate_org(400, seed=7)
    session = CheckSession()
    session.check(doc)
    session.stats(doc.scenario())
    undo = EDITS[name](doc).apply(doc)
    assert session.check(doc) == run_checks(doc)
    _same_reading(session.graph(doc.scenario()), LazyOrgGraph(doc.scenario()))
    assert session.stats(doc.scenario()) == org_stats(doc.scenario())
    undo.apply(doc)
    assert session.check(doc) == run_checks(doc)
    assert session.stats(doc.scenario()) == org_stats(doc.scenario())


def _same_reading(reused: LazyOrgGraph, fresh: LazyOrgGraph) -> None:
    """The same lines read the same way, in the same order (dict order matters too)."""
    for name in ("parent", "children", "dotted_lines", "dangling", "extra_managers"):
        assert list(getattr(reused, name).items() if name in ("parent", "children",
                    "extra_managers") else getattr(reused, name)) == list(
            getattr(fresh, name).items() if name in ("parent", "children", "extra_managers")
            else getattr(fresh, name)), name
    assert list(reused.depths().items()) == list(fresh.depths().items())


def test_a_line_edit_keeps_the_position_index_and_the_roll_up_cells():
    doc = generate_org(300, seed=3)
    session = CheckSession()
    session.check(doc)
    before = session._graph
    assert before is not None and "cell_sums" in before._memo  # the checks computed it
    edits.reassign_manager(doc, _ids(doc)[-1], _ids(doc)[4]).apply(doc)
    report = session.check(doc)
    after = session._graph
    assert after is not None and after is not before
    assert after.positions is before.positions
    assert after.parent is not before.parent and after.parent[_ids(doc)[-1]] == _ids(doc)[4]
    assert after._memo["cell_sums"] is before._memo["cell_sums"]
    assert report == run_checks(doc)


def test_a_position_edit_rebuilds_the_index():
    doc = generate_org(300, seed=3)
    session = CheckSession()
    session.check(doc)
    before = session._graph
    edits.change_position(doc, _ids(doc)[7], holder="").apply(doc)
    session.check(doc)
    after = session._graph
    assert after is not None and before is not None
    assert after.positions is not before.positions
    assert after.positions[_ids(doc)[7]].vacant


def test_a_graph_built_from_another_scenario_shares_nothing():
    doc = generate_org(200, seed=5)
    other = generate_org(200, seed=6).scenario()
    first = LazyOrgGraph(doc.scenario())
    second = LazyOrgGraph(other, previous=first)
    assert second.positions is not first.positions
    assert run_checks(other, graph=second) == run_checks(other)


def test_findings_built_without_validation_are_valid_findings():
    doc = generate_org(1500, seed=11)
    report = run_checks(doc)
    assert {"SPAN_ONE_OR_TWO", "VACANCY_MANAGER", "SPAN_TOO_WIDE"} <= report.codes()
    for f in report.findings:
        assert Finding.model_validate(f.model_dump()) == f
        assert isinstance(f.ids, tuple) and isinstance(f.severity, Severity)
    assert CheckReport.model_validate_json(report.model_dump_json()) == report
