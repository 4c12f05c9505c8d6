"""The inverted view of the Nordstrom template, and the tilt of an unbalanced org."""

from __future__ import annotations

import pytest
from layoutkit import check_invariants, org

from orgdesigner.io.templates import load_template
from orgdesigner.layout import layout_scenario
from orgdesigner.layout.geometry import ConnectorKind
from orgdesigner.model.document import Unit, ViewSettings


@pytest.fixture(scope="module")
def nordstrom():
    return load_template("nordstrom").scenario()


def test_customer_on_top_facing_row_beneath_top_at_the_point(nordstrom):
    g = layout_scenario(nordstrom, "inverted")
    check_invariants(g)
    band = g.bands[0]
    assert band.label == "CUSTOMER" and band.rect.y <= min(b.y for b in g.boxes)
    facing = [b for b in g.boxes if b.style.customer_facing]
    others = [b for b in g.boxes if not b.style.customer_facing]
    assert facing and others
    # Customer-facing positions sit right beneath the band, above everybody else.
    assert min(b.y for b in facing) - band.rect.bottom < 20
    assert max(b.bottom for b in (b.rect for b in facing)) < min(b.y for b in others)
    # Each is linked to the CUSTOMER band.
    linked = {c.target_id for c in g.connectors if c.kind is ConnectorKind.CUSTOMER}
    assert linked == {b.id for b in facing}
    # The top position is the lowest box, centred over the point of the triangle.
    top = next(p.id for p in nordstrom.positions
               if not any(ln.report_id == p.id and ln.kind.value == "solid"
                          for ln in nordstrom.lines))
    boxes = g.box_index()
    assert boxes[top].y == max(b.y for b in g.boxes)
    apex = g.pyramid.points[2]
    assert abs(boxes[top].rect.cx - apex[0]) < 1e-6 and apex[1] > boxes[top].rect.bottom
    # Columns follow the division order, equal widths, left to right.
    assert [c.unit_id for c in g.columns] == list(nordstrom.view.division_order)
    widths = {round(c.rect.w, 6) for c in g.columns}
    assert len(widths) == 1
    xs = [c.rect.x for c in g.columns]
    assert xs == sorted(xs)
    # Every box of a division lies in its column.
    for b in g.boxes:
        col = next((c for c in g.columns if c.unit_id == b.style.division_id), None)
        if col is not None:
            assert col.rect.x <= b.x and b.x + b.w <= col.rect.right
    # The template is balanced: it stands straight.
    assert not g.balance.tips and g.pyramid.tilt_degrees == 0.0


def test_every_box_inside_the_triangle(nordstrom):
    g = layout_scenario(nordstrom, "inverted")
    (lx, top), (rx, _), (ax, ay) = g.pyramid.points
    half = (rx - lx) / 2
    for b in g.boxes:
        for x, y in ((b.x, b.y + b.h), (b.x + b.w, b.y + b.h)):
            allowed = half * (ay - y) / (ay - top)
            assert abs(x - ax) <= allowed + 1e-6


def _lopsided(order: tuple[str, ...]):
    units = [Unit(id="a", name="A", is_division=True), Unit(id="b", name="B", is_division=True),
             Unit(id="c", name="C", is_division=True)]
    spec: dict[str, str | None] = {"top": None, "ha": "top", "hb": "top", "hc": "top"}
    unit_of = {"ha": "a", "hb": "b", "hc": "c"}
    for i in range(12):  # division c is heavy
        spec[f"c{i}"] = "hc"
        unit_of[f"c{i}"] = "c"
    spec["a1"] = "ha"
    unit_of["a1"] = "a"
    return org(spec, units=units, unit_of=unit_of, facing={"c0", "c1", "a1"},
               view=ViewSettings(division_order=order))


def test_tilt_follows_the_heavier_side():
    right_heavy = layout_scenario(_lopsided(("a", "b", "c")), "inverted")
    left_heavy = layout_scenario(_lopsided(("c", "b", "a")), "inverted")
    check_invariants(right_heavy)
    assert right_heavy.balance.torque > 0 and right_heavy.pyramid.tilt_degrees > 0
    assert left_heavy.balance.torque < 0 and left_heavy.pyramid.tilt_degrees < 0
    assert right_heavy.balance.heavy_division == left_heavy.balance.heavy_division == "c"
    # Pivot is the point: the painters rotate the outline about it.
    assert right_heavy.pyramid.pivot == tuple(right_heavy.pyramid.points[2])
