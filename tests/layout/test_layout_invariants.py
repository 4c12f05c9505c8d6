"""Hypothesis: every view of orgs of many shapes keeps the geometry invariants."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from layoutkit import check_invariants, scenarios

from orgdesigner.layout import layout_scenario
from orgdesigner.layout.tidy import TidyParams, tidy_layout

SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(scenarios())
def test_classic_invariants(scenario):
    g = layout_scenario(scenario, "classic")
    check_invariants(g)
    # Every position is drawn unless a collapsed manager hides it.
    assert len(g.boxes) + sum(b.style.collapsed_count for b in g.boxes) == len(
        scenario.positions)


@SETTINGS
@given(scenarios())
def test_horizontal_invariants(scenario):
    check_invariants(layout_scenario(scenario, "horizontal"))


@SETTINGS
@given(scenarios())
def test_inverted_invariants(scenario):
    g = layout_scenario(scenario, "inverted")
    check_invariants(g)
    assert g.pyramid is not None and g.balance is not None
    assert g.bands and g.bands[0].label == "CUSTOMER"


@SETTINGS
@given(scenarios())
def test_classic_parents_centred_over_their_row(scenario):
    g = layout_scenario(scenario, "classic")
    boxes = g.box_index()
    rows: dict[str, list[str]] = {}
    for c in g.connectors:
        if c.kind.value == "solid" and boxes[c.target_id].style.placement == "row":
            rows.setdefault(c.source_id, []).append(c.target_id)
    for manager, kids in rows.items():
        xs = sorted(boxes[k].rect.cx for k in kids)
        assert abs(boxes[manager].rect.cx - (xs[0] + xs[-1]) / 2) < 1e-6
        assert all(boxes[k].y > boxes[manager].y for k in kids)


@SETTINGS
@given(scenarios(max_size=25))
def test_layout_is_deterministic(scenario):
    for view in ("classic", "horizontal", "inverted"):
        first = layout_scenario(scenario, view).to_json()
        again = layout_scenario(scenario.model_copy(deep=True), view).to_json()
        assert first == again


@SETTINGS
@given(scenarios(max_size=30))
def test_plain_tidy_tree_is_mirror_symmetric(scenario):
    children: dict[str, list[str]] = {p.id: [] for p in scenario.positions}
    has_manager = set()
    for line in scenario.lines:
        if line.kind.value == "solid" and line.report_id not in has_manager:
            has_manager.add(line.report_id)
            children[line.manager_id].append(line.report_id)
    roots = [p.id for p in scenario.positions if p.id not in has_manager]
    sizes = {p.id: 60.0 + 7 * (len(p.holder) % 9) for p in scenario.positions}
    plain = TidyParams(compact=False)
    straight = tidy_layout(roots, children, sizes, params=plain)
    mirrored = tidy_layout(list(reversed(roots)), {k: list(reversed(v))
                                                   for k, v in children.items()},
                           sizes, params=plain)
    for pid, u in straight.u.items():
        assert abs(mirrored.u[pid] + u) < 1e-6
        assert mirrored.level[pid] == straight.level[pid]
