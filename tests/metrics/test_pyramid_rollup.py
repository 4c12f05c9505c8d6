"""The division roll-up's pyramid balance must equal the layout's division_balance."""

from __future__ import annotations

import pytest
from orgkit import chart

import orgdesigner.layout  # noqa: F401 - the layout package imports metrics.balance
from orgdesigner.io.templates import TEMPLATE_NAMES, load_template
from orgdesigner.metrics.balance import division_balance
from orgdesigner.metrics.rollup import division_rollups, org_rollup, pyramid_balance
from orgdesigner.model.document import Unit, ViewSettings
from orgdesigner.model.synthetic import generate_org


def same(a, b):
    assert len(a.divisions) == len(b.divisions)
    for ra, rb in zip(a.divisions, b.divisions, strict=True):
        assert ra.keys() == rb.keys()
        for key, value in ra.items():
            assert value == (pytest.approx(rb[key]) if isinstance(value, float) else rb[key])
    assert (a.torque, a.tips, a.heavy_division) == (b.torque, b.tips, b.heavy_division)
    assert a.normalised_torque == pytest.approx(b.normalised_torque)


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_templates(name):
    s = load_template(name).scenario()
    same(pyramid_balance(s, 0.1), division_balance(s, tolerance=0.1))


@pytest.mark.parametrize("seed", [0, 1])
def test_generated_orgs_with_and_without_marked_divisions(seed):
    s = generate_org(600, seed=seed).scenario()
    same(pyramid_balance(s), division_balance(s))
    s.units = [u.model_copy(update={"is_division": False}) for u in s.units]
    s.view = ViewSettings(division_order=("p3",))
    same(pyramid_balance(s), division_balance(s))


def test_unmarked_units_inherit_and_cycles_walk_up():
    units = [Unit(id="d1", name="One", is_division=True), Unit(id="d2", name="Two",
             is_division=True), Unit(id="x", name="Loose")]
    s = chart("ceo: A | CEO\n  a: B | Head | u=d1\n    a1: C | Agent | u=x\n"
              "  b: D | Head | u=d2\n    b1: E | Agent\nq: Q | L | u=d2\n  r: R | L",
              units=units, extra_lines=[("r", "q")])
    same(pyramid_balance(s), division_balance(s))
    rows = {r.id: r.positions for r in division_rollups(s)}
    assert rows["d1"] == 2 and rows["d2"] == 2 + 2  # q and r sit on a cycle in Two
    assert org_rollup(s).positions == len(s.positions)
