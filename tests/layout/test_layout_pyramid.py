"""The inverted view of the Nordstrom template, the triangle's shape, and the tilt of an
unbalanced org."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from layoutkit import check_invariants, org, scenarios

from orgdesigner.io.templates import TEMPLATE_NAMES, load_template
from orgdesigner.layout import layout_scenario
from orgdesigner.layout.geometry import ConnectorKind, Geometry
from orgdesigner.layout.pyramid import DEPTH_RATIO, POINT_GAP
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


def _inside_triangle(g: Geometry) -> None:
    """Every box, division column and reporting line lies inside the upright triangle
    (dotted lines are routed by the shared helper and may cut a corner)."""
    (lx, top), (rx, _), (ax, ay) = g.pyramid.points
    half = (rx - lx) / 2

    def inside(x: float, y: float) -> bool:
        return top - 1e-6 <= y and abs(x - ax) <= half * (ay - y) / (ay - top) + 1e-6

    for r in [b.rect for b in g.boxes] + [c.rect for c in g.columns]:
        assert inside(r.x, r.bottom) and inside(r.right, r.bottom), \
            f"{r} sticks out of the triangle"
    for c in g.connectors:
        if c.kind is ConnectorKind.SOLID:  # the triangle is convex: corners suffice
            assert all(inside(x, y) for x, y in c.points), f"{c} leaves the triangle"


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_every_box_and_line_inside_the_triangle(name):
    _inside_triangle(layout_scenario(load_template(name).scenario(), "inverted"))


def _rotate(p, pivot, degrees):
    a = math.radians(degrees)
    dx, dy = p[0] - pivot[0], p[1] - pivot[1]
    return (pivot[0] + dx * math.cos(a) - dy * math.sin(a),
            pivot[1] + dx * math.sin(a) + dy * math.cos(a))


def test_the_triangle_hugs_the_chart(nordstrom):
    g = layout_scenario(nordstrom, "inverted")
    (lx, top), (rx, _), (_, ay) = g.pyramid.points
    span = g.columns[-1].rect.right - g.columns[0].rect.x
    facing = [b for b in g.boxes if b.style.customer_facing]
    # Its top edge is only a little wider than the columns and the customer-facing row
    # (it was three times as wide), and the band spans exactly that edge.
    assert span < rx - lx < 1.4 * span
    assert min(b.x for b in facing) > lx and max(b.x + b.w for b in facing) < rx
    band = g.bands[0].rect
    assert (band.x, band.right) == pytest.approx((lx, rx))
    # A fixed shape, a bit flatter than equilateral.
    assert (ay - top) / (rx - lx) == pytest.approx(DEPTH_RATIO)
    # The top management sits well below the columns, near the point.
    col_bottom = max(c.rect.bottom for c in g.columns)
    top_box = max(g.boxes, key=lambda b: b.y)
    assert top_box.y - col_bottom > POINT_GAP
    assert ay - top_box.rect.bottom < (ay - col_bottom) / 4
    # The lines from the point to the division heads cross under the columns.
    heads = {b.id for b in g.boxes if b.style.division_id is not None}
    up = [c for c in g.connectors if c.source_id == top_box.id and c.target_id in heads]
    assert len(up) == len(g.columns)
    for c in up:
        ys = sorted({y for _, y in c.points})
        assert col_bottom < ys[1] < col_bottom + POINT_GAP
    # The whole chart fits a landscape frame without wasting it: the bounds are little
    # more than the triangle.
    assert g.bounds.w < 1.1 * (rx - lx) and g.bounds.h < 1.1 * (ay - 0.0)


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


def test_the_tilted_outline_stays_near_the_chart():
    g = layout_scenario(_lopsided(("a", "b", "c")), "inverted")
    pyr = g.pyramid
    assert pyr.tilt_degrees > 5
    _inside_triangle(g)
    tilted = [_rotate(p, pyr.pivot, pyr.tilt_degrees) for p in pyr.points]
    (lx, top), (rx, _), (_, ay) = pyr.points
    xs = [x for x, _ in tilted]
    ys = [y for _, y in tilted]
    # The swing moves the top edge by less than half its width and keeps it near the
    # band, and the drawing's bounds hold both outlines without much more room.
    assert max(xs) - rx < (rx - lx) / 2 and lx - min(xs) < (rx - lx) / 2
    assert min(ys) > top - (ay - top) / 2
    assert g.bounds.x <= min(xs) + 1e-6 and g.bounds.right >= max(xs) - 1e-6
    assert g.bounds.w * g.bounds.h < 2.0 * (rx - lx) * (ay - 0.0)


def test_columns_and_balance_agree_with_a_cycle_and_a_collapsed_box():
    # No unit is a division, so the tops' reports head the columns; x and y manage each
    # other (a cycle, broken at x: x becomes a top and y heads a column), and a's team is
    # collapsed, so the balance counts the people hidden under a too.
    spec = {"ceo": None, "a": "ceo", "b": "ceo", "a1": "a", "a2": "a", "b1": "b",
            "x": "y", "y": "x"}
    g = layout_scenario(org(spec, view=ViewSettings(collapsed=["a"])), "inverted")
    check_invariants(g)
    assert [(c.unit_id, c.headcount) for c in g.columns] == [("a", 3), ("b", 2), ("y", 1)]
    assert [row["id"] for row in g.balance.divisions] == ["a", "b", "y"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_any_org_fits_the_same_shape(scenario):
    g = layout_scenario(scenario, "inverted")
    _inside_triangle(g)
    (lx, top), (rx, _), (ax, ay) = g.pyramid.points
    assert (ay - top) / (rx - lx) == pytest.approx(DEPTH_RATIO)
    assert ax == pytest.approx((lx + rx) / 2)
    assert layout_scenario(scenario, "inverted").to_dict() == g.to_dict()  # deterministic
