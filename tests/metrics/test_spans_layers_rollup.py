from __future__ import annotations

from orgkit import chart, team_of

from orgdesigner.metrics.rollup import division_rollups, org_rollup, unit_rollups
from orgdesigner.metrics.spans_layers import span_of_control, spans_and_layers
from orgdesigner.model.document import Unit

ORG = ("ceo: Ann | CEO | u=exec cost=200\n"
       "  ea: Eve | Assistant | u=exec asst cost=50\n"
       "  a: Bob | Head of Sales | u=sales cost=100\n" + team_of(4, "a", "sales", 4, True) +
       "\n  b: - | Head of Ops | u=ops cost=100\n"
       "    b1: Cy | Lead | u=ops fte=0.5\n" + team_of(2, "c", "ops", 6))


def test_spans_and_layers_by_the_book():
    s = chart(ORG)
    assert span_of_control(s) == {"ceo": 2, "a": 4, "b": 1, "b1": 2}
    f = spans_and_layers(s)
    assert f.positions == 11 and f.people == 10
    # occupied managers: ceo, a, b1 (b is vacant): (10 - 3) / 3
    assert f.managers == 3 and f.average_span == round(7 / 3, 3)
    assert f.median_span == 2.0 and f.mean_direct_reports == round(8 / 3, 3)
    assert f.span_distribution == {2: 2, 4: 1}
    assert f.layer_count == 4
    assert f.positions_per_layer == [1, 3, 5, 2]
    assert f.managers_per_layer == [1, 1, 1, 0]


def test_empty_scenario_has_no_spans():
    f = spans_and_layers(chart("solo: Sol | Founder"))
    assert f.managers == 0 and f.average_span is None and f.layer_count == 1


def test_org_and_unit_rollups():
    units = [Unit(id="exec", name="Exec"), Unit(id="sales", name="Sales"),
             Unit(id="ops", name="Ops", parent_id="exec")]
    s = chart(ORG, units=units)
    org = org_rollup(s)
    assert (org.positions, org.headcount, org.vacancies) == (11, 10, 1)
    assert org.fte == 9.5 and org.cost == 450 and org.customer_facing == 4
    assert org.customer_facing_share == 0.4
    by_id = {r.id: r for r in unit_rollups(s)}
    assert by_id["ops"].positions == 4 and by_id["ops"].headcount == 3
    assert by_id["exec"].positions == 6  # its own 2 and the 4 of Ops under it
    assert by_id["sales"].customer_facing_share == 0.8


def test_division_rollups_by_marked_units_or_by_branches():
    s = chart(ORG)
    names = [r.name for r in division_rollups(s)]
    # the top's direct reports, as the pyramid draws them (its assistant too)
    assert names == ["Exec", "Sales", "Ops", "Outside the divisions"]
    rows = {r.name: r for r in division_rollups(s)}
    assert rows["Ops"].positions == 4 and rows["Outside the divisions"].positions == 1
    units = [Unit(id="sales", name="Sales", is_division=True),
             Unit(id="ops", name="Ops", is_division=True), Unit(id="exec", name="Exec")]
    marked = division_rollups(chart(ORG, units=units))
    assert [(r.id, r.positions) for r in marked] == [("sales", 5), ("ops", 4), ("", 2)]
