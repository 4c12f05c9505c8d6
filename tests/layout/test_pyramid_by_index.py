"""The inverted view's by-index pass: its connectors come out already clean (the fast
routes give what ``clean_polyline`` would), the columns are ``division_heads``' divisions,
and a second full pass reusing the kept shapes draws the same chart."""

from __future__ import annotations

import pytest

from orgdesigner.layout import LayoutEngine, layout_scenario
from orgdesigner.layout.forest import index_tree
from orgdesigner.layout.pyramid import division_columns, manager_by_id
from orgdesigner.layout.views import clean_polyline
from orgdesigner.metrics.balance import division_heads
from orgdesigner.model.synthetic import generate_org


def _unmarked(scenario):
    units = [u.model_copy(update={"is_division": False}) for u in scenario.units]
    return scenario.model_copy(update={"units": units})


@pytest.fixture(scope="module")
def org():
    return generate_org(600, seed=5).scenario()


@pytest.mark.parametrize("marked", [True, False])
def test_connectors_are_clean_and_end_on_their_boxes(org, marked):
    scenario = org if marked else _unmarked(org)
    g = layout_scenario(scenario, "inverted")
    boxes = {b.id: b for b in g.boxes}
    assert len(boxes) == len(scenario.positions)
    solid = [c for c in g.connectors if c.kind.value == "solid"]
    assert len(solid) == sum(1 for ln in scenario.lines if ln.kind.value == "solid")
    for c in g.connectors:
        assert c.points == clean_polyline(list(c.points))
    for c in solid:  # the last point touches the report's box edge
        b = boxes[c.target_id]
        x, y = c.points[-1]
        assert b.x - 1e-6 <= x <= b.x + b.w + 1e-6
        assert b.y - 1e-6 <= y <= b.y + b.h + 1e-6


@pytest.mark.parametrize("marked", [True, False])
def test_columns_are_the_division_heads_divisions(org, marked):
    scenario = org if marked else _unmarked(org)
    tree = index_tree(scenario)
    assert division_columns(scenario, tree) == division_heads(scenario,
                                                              manager_by_id(tree))[0]


def test_second_full_pass_with_kept_shapes_draws_the_same(org):
    engine = LayoutEngine(org, "inverted")
    first = engine.geometry().to_dict()
    again = engine.update(org).to_dict()
    assert again == first == layout_scenario(org, "inverted").to_dict()
