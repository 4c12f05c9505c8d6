from __future__ import annotations

from orgkit import chart, team_of

from orgdesigner.checks import structure
from orgdesigner.metrics.hierarchy import LazyOrgGraph
from orgdesigner.model.document import Note, Process, RaciRole, Team
from orgdesigner.model.profile import CheckProfile

P = CheckProfile()

CLEAN = """
ceo: Ann Lee | Chief Executive Officer | u=exec
  a: Bob Ray | Head of Sales | u=sales
""" + team_of(3, "s", "sales", 4, cf=True)


def run(rule, scenario):
    return rule(LazyOrgGraph(scenario), scenario, P)


def test_clean_chart_has_no_structure_finding():
    s = chart(CLEAN)
    for rule in structure.RULES:
        assert run(rule, s) == []


def test_cycle_named_with_people_and_ids():
    s = chart(CLEAN + "\nx: Xena | Lead | u=ops\n  y: Yuri | Lead | u=ops",
              extra_lines=[("y", "x")])
    [f] = run(structure.cycles, s)
    assert f.code == "STRUCT_CYCLE" and f.severity == "error"
    assert set(f.ids) == {"x", "y"}
    assert "Xena (Lead)" in f.message and "Yuri (Lead)" in f.message


def test_positions_hanging_from_a_cycle_are_unreachable_but_cycle_members_are_not_repeated():
    s = chart(CLEAN + "\nx: Xena | Lead | u=ops\n  y: Yuri | Lead | u=ops\n    z: Zed | Agent",
              extra_lines=[("y", "x")])
    [f] = run(structure.unreachable, s)
    assert f.code == "STRUCT_UNREACHABLE" and f.ids == ("z",)


def test_two_solid_managers():
    s = chart(CLEAN, extra_lines=[("ceo", "s1")])
    [f] = run(structure.two_managers, s)
    assert f.code == "STRUCT_TWO_MANAGERS"
    assert f.ids == ("s1", "a", "ceo")
    assert "Ps1" in f.message and "2 solid-line managers" in f.message


def test_dotted_line_is_not_a_second_manager():
    s = chart(CLEAN, dotted=[("ceo", "s1")])
    assert run(structure.two_managers, s) == []


def test_several_tops_names_the_floating_ones_not_the_main_top():
    s = chart(CLEAN + "\nlost: Lou | Analyst | u=ops")
    [f] = run(structure.several_tops, s)
    assert f.code == "STRUCT_SEVERAL_TOPS" and f.ids == ("lost",)
    assert "Ann Lee" in f.message and "Lou" in f.message


def test_dangling_references_of_every_kind():
    s = chart(CLEAN, extra_lines=[("ghost", "s1")],
              teams=[Team(id="t1", name="Tiger", member_ids=("a", "nobody"))],
              processes=[Process(id="pr", name="Billing",
                                 assignments={"missing": RaciRole.ACCOUNTABLE})],
              notes=[Note(id="n1", attached_to="gone")])
    s.positions.append(s.positions[0].model_copy(update={"id": "odd", "unit_id": "nounit"}))
    found = run(structure.dangling_references, s)
    assert {f.code for f in found} == {"STRUCT_DANGLING"}
    assert {f.ids[0] for f in found} == {"s1", "t1", "pr", "n1", "odd"}
    assert any("ghost" in f.message for f in found)
