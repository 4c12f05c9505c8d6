from __future__ import annotations

from orgkit import chart, document, team_of

from orgdesigner.metrics.diff import ScenarioDiff, diff_scenarios
from orgdesigner.model import edits
from orgdesigner.model.document import Position, Unit

BASE = ("ceo: Ann | CEO | u=exec\n  a: Bob | Head of Sales | u=sales\n"
        + team_of(3, "a", "sales", 4, True) + "\n  b: Cy | Head of Ops | u=ops\n"
        + team_of(3, "b", "ops", 4))


def test_identical_scenarios_have_no_changes_and_flat_metrics():
    d = diff_scenarios(chart(BASE), chart(BASE))
    assert d.unchanged
    assert all(m.before == m.after for m in d.metrics)
    assert {m.name for m in d.metrics} >= {"headcount", "average span", "layers",
                                           "structure type", "customer-facing share"}


def test_restructure_through_edits_lists_every_kind_of_change():
    doc = document(chart(BASE))
    before = doc.scenario().model_copy(deep=True)
    edits.reassign_manager(doc, "a1", "b").apply(doc)
    edits.change_position(doc, "b2", title="Senior Agent").apply(doc)
    edits.add_unit(doc, Unit(id="svc", name="Service")).apply(doc)
    edits.move_to_unit(doc, "b3", "svc").apply(doc)
    edits.add_position(doc, Position(id="new", holder="Dee", title="Analyst"),
                       anchor_id="b").apply(doc)
    edits.remove_position(doc, "a3", edits.RemoveMode.REHOME).apply(doc)
    d = diff_scenarios(before, doc.scenario(), before_name="As-is", after_name="To-be")
    assert d.added == ["new"] and d.removed == ["a3"]
    [moved] = d.moved
    assert (moved.id, moved.old, moved.new) == ("a1", "a", "b")
    assert (moved.old_name, moved.new_name) == ("Bob", "Cy")
    assert [(m.id, m.old, m.new) for m in d.retitled] == [("b2", "Agent", "Senior Agent")]
    assert [(m.id, m.new_name) for m in d.changed_unit] == [("b3", "Service")]
    assert d.units_added == ["svc"] and d.units_removed == []
    metrics = {m.name: m for m in d.metrics}
    assert (metrics["positions"].before, metrics["positions"].after) == (9, 9)
    assert metrics["headcount: Sales"].delta == -2  # a1 moved out, a3 removed
    assert d.labels["a3"] == "Pa3"
    assert ScenarioDiff.model_validate_json(d.model_dump_json()) == d
