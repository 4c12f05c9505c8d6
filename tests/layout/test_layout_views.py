"""Classic and horizontal views: compact styles, collapse, offsets, dotted lines, cycles,
and the incremental engine matching a fresh layout."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layoutkit import check_invariants, org, scenarios

from orgdesigner.layout import LayoutEngine, layout_scenario
from orgdesigner.layout.geometry import ConnectorKind
from orgdesigner.model import edits
from orgdesigner.model.document import OrgDocument, Position, ViewSettings
from orgdesigner.model.synthetic import generate_org


def test_many_leaf_reports_stack_in_two_columns():
    spec: dict[str, str | None] = {"boss": None}
    spec.update({f"r{i}": "boss" for i in range(10)})
    g = layout_scenario(org(spec), "classic")
    check_invariants(g)
    boxes = g.box_index()
    left = [b for b in g.boxes if b.style.placement == "stack-left"]
    right = [b for b in g.boxes if b.style.placement == "stack-right"]
    assert len(left) == len(right) == 5
    spine = boxes["boss"].rect.cx
    assert all(b.x + b.w < spine for b in left) and all(b.x > spine for b in right)
    assert len({b.y for b in left}) == 5  # one above the other
    width = g.bounds.w
    plain = layout_scenario(org({"boss": None, **{f"r{i}": "boss" for i in range(4)}}))
    assert width < plain.bounds.w * 1.2  # ten reports take no more room across than four


def test_few_leaf_reports_stay_in_a_row_and_assistants_sit_beside_the_trunk():
    spec = {"boss": None, "pa": "boss", "a": "boss", "b": "boss", "c": "boss"}
    g = layout_scenario(org(spec, assistants={"pa"}), "classic")
    check_invariants(g)
    boxes = g.box_index()
    assert boxes["pa"].style.placement == "assistant-right"
    assert boxes["pa"].style.assistant
    assert boxes["boss"].y < boxes["pa"].y < boxes["a"].y
    assert boxes["a"].y == boxes["b"].y == boxes["c"].y
    assert boxes["pa"].x > boxes["boss"].rect.cx


def test_collapsed_subtree_is_one_box_with_a_count():
    spec = {"ceo": None, "vp": "ceo", "m": "vp", "x": "m", "y": "m", "z": "ceo"}
    g = layout_scenario(org(spec, view=ViewSettings(collapsed=("vp",))), "classic")
    ids = {b.id for b in g.boxes}
    assert ids == {"ceo", "vp", "z"}
    vp = g.box_index()["vp"]
    assert vp.style.collapsed_count == 3 and vp.lines[-1].text == "+3"


def test_manual_offsets_apply_last_and_survive_edits_elsewhere():
    spec = {"ceo": None, "a": "ceo", "b": "ceo", "a1": "a", "b1": "b"}
    plain = layout_scenario(org(spec)).box_index()
    moved = layout_scenario(org(spec, view=ViewSettings(offsets={"a1": (30.0, 12.0)})))
    check_invariants_connectors_only(moved)
    boxes = moved.box_index()
    assert boxes["a1"].x == plain["a1"].x + 30 and boxes["a1"].y == plain["a1"].y + 12
    assert boxes["b1"].x == plain["b1"].x  # nothing else moves
    # An edit elsewhere (a new report of b) keeps the offset relative to a1's place.
    spec2 = {**spec, "b2": "b"}
    plain2 = layout_scenario(org(spec2)).box_index()
    moved2 = layout_scenario(org(spec2, view=ViewSettings(offsets={"a1": (30.0, 12.0)})))
    assert moved2.box_index()["a1"].x == plain2["a1"].x + 30


def check_invariants_connectors_only(g):
    boxes = g.box_index()
    for c in g.connectors:
        assert c.points[-1][1] in (boxes[c.target_id].y, boxes[c.target_id].y + boxes[
            c.target_id].h) or c.points[-1][0] in (boxes[c.target_id].x,
                                                   boxes[c.target_id].x + boxes[c.target_id].w)


def test_dotted_lines_are_routed_and_never_move_boxes():
    spec = {"ceo": None, "a": "ceo", "b": "ceo", "a1": "a", "b1": "b"}
    plain = layout_scenario(org(spec))
    dotted = layout_scenario(org(spec, dotted=[("a", "b1"), ("b1", "a1")]))
    check_invariants(dotted)
    assert [(b.id, b.x, b.y) for b in dotted.boxes] == [(b.id, b.x, b.y) for b in plain.boxes]
    kinds = [c for c in dotted.connectors if c.kind is ConnectorKind.DOTTED]
    assert {(c.source_id, c.target_id) for c in kinds} == {("a", "b1"), ("b1", "a1")}


def test_cycles_and_dangling_lines_still_draw_everybody():
    scenario = org({"a": None, "b": "a", "c": "d", "d": "c"})
    g = layout_scenario(scenario, "classic")
    check_invariants(g)
    assert {b.id for b in g.boxes} == {"a", "b", "c", "d"}


def test_horizontal_runs_left_to_right():
    spec = {"ceo": None, "a": "ceo", "b": "ceo", "a1": "a"}
    g = layout_scenario(org(spec), "horizontal")
    check_invariants(g)
    boxes = g.box_index()
    assert boxes["ceo"].x < boxes["a"].x < boxes["a1"].x
    assert boxes["a"].x == boxes["b"].x and boxes["a"].y != boxes["b"].y


def test_view_defaults_to_the_scenarios_orientation():
    scenario = org({"ceo": None, "a": "ceo"}, view=ViewSettings(orientation="horizontal"))
    assert layout_scenario(scenario).view == "horizontal"


def test_empty_scenario_lays_out_to_nothing():
    scenario = OrgDocument.empty().scenario()
    for view in ("classic", "horizontal", "inverted"):
        g = layout_scenario(scenario, view)
        assert g.boxes == [] and g.connectors == []


def test_aspect_ratio_of_a_big_compact_chart_is_printable():
    g = layout_scenario(generate_org(3000, seed=3).scenario(), "classic")
    assert 1 / 8 <= g.bounds.w / g.bounds.h <= 8


def test_engine_update_matches_a_fresh_layout_after_edits():
    doc = generate_org(400, seed=5)
    for view in ("classic", "inverted"):
        engine = LayoutEngine(doc.scenario(), view)
        history = edits.History(doc)
        history.do(edits.add_position(doc, Position(id="new1", holder="New Person"),
                                      anchor_id="p7"))
        history.do(edits.change_position(doc, "p30", title="A much longer title than before"))
        history.do(edits.reassign_manager(doc, "p12", "p3"))
        history.do(edits.toggle_collapsed(doc, "p5"))
        updated = engine.update(doc.scenario())
        assert updated.to_json() == layout_scenario(doc.scenario(), view).to_json()
        history.undo()
        history.undo()
        updated = engine.update(doc.scenario())
        assert updated.to_json() == layout_scenario(doc.scenario(), view).to_json()
        while history.can_undo:
            history.undo()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.sampled_from(["classic", "horizontal", "inverted"]))
def test_the_canvas_engine_and_the_one_shot_layout_draw_the_same_chart(scenario, view):
    # The canvas's engine keeps what a patch needs (tables by id, cached shapes, reused
    # by its second full pass); the export's one-shot layout keeps nothing: both must
    # give the same geometry.
    engine = LayoutEngine(scenario, view)
    wider = scenario.model_copy(update={"positions": [
        p.model_copy(update={"holder": f"{p.holder} Fitzgerald-Montgomery"}) if i % 3 else p
        for i, p in enumerate(scenario.positions)]})
    kept = engine.update(wider)  # some boxes grew: their shapes and their managers' change
    once = layout_scenario(wider, view)
    assert sorted(kept.boxes, key=lambda b: b.id) == sorted(once.boxes, key=lambda b: b.id)
    key = lambda c: (c.source_id, c.target_id, c.kind, c.points)  # noqa: E731
    assert sorted(kept.connectors, key=key) == sorted(once.connectors, key=key)
    assert (kept.bounds, kept.legend, kept.columns) == (once.bounds, once.legend, once.columns)
