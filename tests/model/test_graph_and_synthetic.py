from orgdesigner.model import OrgDocument, OrgGraph, Position, ReportingLine, Scenario, Unit
from orgdesigner.model.synthetic import generate_org


def scenario_with(lines, units=(), positions="abcd", unit_of=None):
    unit_of = unit_of or {}
    return Scenario(
        id="s", name="S", units=list(units),
        positions=[Position(id=p, unit_id=unit_of.get(p)) for p in positions],
        lines=[ReportingLine(manager_id=m, report_id=r, kind=k) for m, r, k in lines],
    )


def test_graph_reports_order_tops_and_depths():
    s = scenario_with([("a", "c", "solid"), ("a", "b", "solid"), ("b", "d", "solid")])
    g = OrgGraph(s)
    assert g.reports("a") == ["c", "b"]
    assert g.tops() == ["a"]
    assert g.depths() == {"a": 1, "c": 2, "b": 2, "d": 3}
    assert list(g.walk("a")) == ["a", "c", "b", "d"]
    assert g.chain_of_command("d") == ["d", "b", "a"]
    assert g.would_create_cycle("b", "d") and not g.would_create_cycle("d", "c")


def test_graph_keeps_broken_structure_visible_for_the_checks():
    s = scenario_with([("a", "b", "solid"), ("c", "b", "solid"), ("b", "x", "solid"),
                       ("c", "d", "solid"), ("d", "c", "solid")])
    g = OrgGraph(s)
    assert g.extra_managers == {"b": ["c"]}
    assert g.dangling == [("b", "x")]
    assert g.has_cycle()
    assert sorted(g.unreachable()) == ["c", "d"]


def test_division_of_walks_up_the_unit_tree():
    units = [Unit(id="div", name="Sales", is_division=True),
             Unit(id="team", name="Inside sales", parent_id="div"),
             Unit(id="loose", name="Board")]
    s = scenario_with([], units=units, unit_of={"a": "team", "b": "div", "c": "loose"})
    assert OrgGraph(s).division_of() == {"a": "div", "b": "div", "c": None, "d": None}


def test_generator_is_seeded_sized_and_realistic():
    doc = generate_org(2000, seed=7)
    assert doc.scenarios == generate_org(2000, seed=7).scenarios
    assert doc.scenarios != generate_org(2000, seed=8).scenarios
    g = OrgGraph(doc.scenario())
    assert len(g.positions) == 2000 and g.tops() == ["p1"] and not g.has_cycle()
    assert 4 <= max(g.depths().values()) <= 8
    spans = [len(g.reports(p)) for p in g.positions if g.reports(p)]
    assert 3 <= sum(spans) / len(spans) <= 8
    assert any(p.vacant for p in doc.scenario().positions)
    assert any(p.customer_facing for p in doc.scenario().positions)
    OrgDocument.model_validate_json(doc.model_dump_json())
