"""Division balance: headcount and FTE per division, shares, torque, tips, heavy side."""

from __future__ import annotations

import pytest

from orgdesigner.metrics.balance import assign_divisions, division_balance, tilt_degrees
from orgdesigner.model.document import (
    Position,
    ReportingLine,
    Scenario,
    Unit,
    ViewSettings,
)
from orgdesigner.model.graph import OrgGraph


def chart(counts: dict[str, int], *, order: tuple[str, ...] = (), marked: bool = True,
          vacant_in: str | None = None) -> Scenario:
    units = [Unit(id=d, name=d.upper(), is_division=marked) for d in counts]
    positions = [Position(id="ceo", holder="Boss")]
    lines = []
    for d, n in counts.items():
        head = f"{d}-head"
        positions.append(Position(id=head, holder="Head", unit_id=d, fte=1.0))
        lines.append(ReportingLine(manager_id="ceo", report_id=head))
        for i in range(n - 1):
            pid = f"{d}-{i}"
            holder = "" if d == vacant_in and i == 0 else "Someone"
            # Staff have no unit of their own: they belong to their manager's division.
            positions.append(Position(id=pid, holder=holder, fte=0.5))
            lines.append(ReportingLine(manager_id=head, report_id=pid))
    return Scenario(id="s", name="S", units=units, positions=positions, lines=lines,
                    view=ViewSettings(division_order=order))


def test_balanced_org_stands_straight():
    b = division_balance(chart({"a": 5, "b": 5, "c": 5, "d": 5}))
    assert b.torque == 0 and b.normalised_torque == 0
    assert not b.tips and b.heavy_division is None
    assert [d["share"] for d in b.divisions] == [0.25] * 4
    assert tilt_degrees(b.normalised_torque, b.tolerance) == 0.0


def test_mirror_symmetric_weights_balance_too():
    b = division_balance(chart({"a": 9, "b": 2, "c": 2, "d": 9}))
    assert b.torque == 0 and not b.tips


def test_formula_and_heavy_side():
    # Arms for three columns: -2/3, 0, +2/3 half-widths.
    b = division_balance(chart({"a": 2, "b": 3, "c": 10}))
    assert b.torque == pytest.approx(2 * -2 / 3 + 10 * 2 / 3)
    assert b.normalised_torque == pytest.approx(b.torque / 15)
    assert b.tips and b.heavy_division == "c"
    assert tilt_degrees(b.normalised_torque, b.tolerance) > 0


def test_reordering_columns_changes_the_torque():
    s = chart({"a": 2, "b": 3, "c": 10})
    right = division_balance(s)
    left = division_balance(s, order=["c", "b", "a"])
    middle = division_balance(s, order=["a", "c", "b"])
    assert right.torque > 0 > left.torque
    assert right.torque == pytest.approx(-left.torque)
    assert middle.torque != right.torque
    assert [d["id"] for d in left.divisions] == ["c", "b", "a"]
    # The view's saved order is the default.
    saved = division_balance(chart({"a": 2, "b": 3, "c": 10}, order=("c", "b", "a")))
    assert saved.torque == pytest.approx(left.torque)


def test_tolerance_decides_tipping():
    s = chart({"a": 5, "b": 6})
    assert not division_balance(s, tolerance=0.15).tips
    assert division_balance(s, tolerance=0.01).tips


def test_headcount_fte_and_vacancies():
    b = division_balance(chart({"a": 4, "b": 4}, vacant_in="a"))
    a = b.divisions[0]
    assert a["headcount"] == 4 and a["filled"] == 3 and a["vacancies"] == 1
    assert a["fte"] == pytest.approx(1.0 + 2 * 0.5)


def test_fallback_divisions_are_the_tops_direct_reports():
    s = chart({"a": 3, "b": 1}, marked=False)
    divisions, of = assign_divisions(s)
    assert [d.id for d in divisions] == ["a-head", "b-head"]
    assert of["a-0"] == "a-head" and of["ceo"] is None
    b = division_balance(s)
    assert [d["headcount"] for d in b.divisions] == [3, 1]


def test_graph_gives_the_same_figures():
    s = chart({"a": 2, "b": 7, "c": 3})
    assert division_balance(s, OrgGraph(s)) == division_balance(s)


def test_divisions_assigned_by_id_or_in_document_order_give_the_same_figures():
    s = chart({"a": 2, "b": 7, "c": 3}, vacant_in="b")
    divisions, of = assign_divisions(s)
    in_order = [of[p.id] for p in s.positions]
    by_list = division_balance(s, assigned=(divisions, in_order))
    assert by_list == division_balance(s, assigned=(divisions, of)) == division_balance(s)
    assert [d["headcount"] for d in by_list.divisions] == [2, 7, 3]
