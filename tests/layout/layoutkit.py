"""Shared helpers for the layout tests: build small orgs, generate many shapes with
Hypothesis, and check the geometry invariants every view must keep."""

from __future__ import annotations

from hypothesis import strategies as st

from orgdesigner.layout.geometry import (
    LINE_HEIGHT,
    TEXT_PADDING,
    ConnectorKind,
    Geometry,
    Rect,
)
from orgdesigner.model.document import (
    LineKind,
    Position,
    PositionKind,
    ReportingLine,
    Scenario,
    Unit,
    ViewSettings,
)

EPS = 1e-6


def org(spec: dict[str, str | None], *, units: list[Unit] | None = None,
        unit_of: dict[str, str] | None = None, facing: set[str] = frozenset(),
        assistants: set[str] = frozenset(), dotted: list[tuple[str, str]] = (),
        view: ViewSettings | None = None) -> Scenario:
    """A scenario from {position: manager or None}, in that order."""
    unit_of = unit_of or {}
    positions = [Position(id=pid, title=f"Title {pid}", holder=f"Person {pid}",
                          unit_id=unit_of.get(pid), customer_facing=pid in facing,
                          kind=PositionKind.ASSISTANT if pid in assistants
                          else PositionKind.PERSON)
                 for pid in spec]
    lines = [ReportingLine(manager_id=m, report_id=pid) for pid, m in spec.items() if m]
    lines += [ReportingLine(manager_id=m, report_id=r, kind=LineKind.DOTTED) for m, r in dotted]
    return Scenario(id="s", name="S", units=units or [], positions=positions, lines=lines,
                    view=view or ViewSettings())


_words = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzÉéü WMIl-"),
                 min_size=0, max_size=60)


@st.composite
def scenarios(draw: st.DrawFn, max_size: int = 40) -> Scenario:
    """Orgs of many shapes: one or several tops, deep chains, wide rows, many leaves,
    assistants, vacancies, long labels, divisions, customer-facing staff, collapsed
    subtrees and dotted lines."""
    n = draw(st.integers(1, max_size))
    style = draw(st.sampled_from(["random", "wide", "chain", "bushy"]))
    units = [Unit(id=f"d{i}", name=f"Division {i}", is_division=True,
                  color=f"#{(40 * i) % 256:02x}7799") for i in range(draw(st.integers(0, 4)))]
    positions: list[Position] = []
    lines: list[ReportingLine] = []
    for i in range(n):
        pid = f"p{i}"
        if i == 0:
            manager = None
        elif style == "chain":
            manager = f"p{i - 1}"
        elif style == "wide":
            manager = "p0" if i < n // 2 + 1 else f"p{draw(st.integers(1, n // 2))}"
        elif style == "bushy":
            manager = f"p{(i - 1) // 6}"
        else:
            k = draw(st.integers(-1, i - 1))
            manager = None if k < 0 else f"p{k}"
        holder = draw(st.one_of(st.just(""), _words))
        positions.append(Position(
            id=pid, holder=holder, title=draw(_words),
            unit_id=units[draw(st.integers(0, len(units) - 1))].id if units else None,
            kind=PositionKind.ASSISTANT if draw(st.integers(0, 7)) == 0 else PositionKind.PERSON,
            customer_facing=draw(st.booleans()),
        ))
        if manager is not None:
            lines.append(ReportingLine(manager_id=manager, report_id=pid))
    ids = [p.id for p in positions]
    for _ in range(draw(st.integers(0, 3))):
        a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        if a != b:
            lines.append(ReportingLine(manager_id=a, report_id=b, kind=LineKind.DOTTED))
    collapsed = tuple(draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)))
    return Scenario(id="s", name="S", units=units, positions=positions, lines=lines,
                    view=ViewSettings(collapsed=collapsed))


def on_boundary(p: tuple[float, float], r: Rect, eps: float = 1e-6) -> bool:
    x, y = p
    inside = r.x - eps <= x <= r.right + eps and r.y - eps <= y <= r.bottom + eps
    edge = (abs(x - r.x) < eps or abs(x - r.right) < eps or abs(y - r.y) < eps
            or abs(y - r.bottom) < eps)
    return inside and edge


def check_invariants(g: Geometry) -> None:
    """No overlaps, orthogonal connectors that join their boxes, labels that fit."""
    boxes = g.boxes
    ids = [b.id for b in boxes]
    assert len(ids) == len(set(ids)), "a position is drawn twice"
    rects = [b.rect for b in boxes]
    order = sorted(range(len(rects)), key=lambda i: rects[i].x)
    for a_i, a in enumerate(order):  # sweep: only neighbours along x can overlap
        ra = rects[a]
        for b in order[a_i + 1:]:
            rb = rects[b]
            if rb.x >= ra.right:
                break
            assert not ra.intersects(rb), f"boxes {ids[a]} and {ids[b]} overlap"
    index = {b.id: b.rect for b in boxes}
    band = g.bands[0].rect if g.bands else None
    for c in g.connectors:
        pts = c.points
        assert len(pts) >= 2
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            assert abs(x0 - x1) < EPS or abs(y0 - y1) < EPS, f"{c} is not orthogonal"
        if c.kind is ConnectorKind.CUSTOMER:
            assert band is not None and abs(pts[0][1] - band.bottom) < EPS
        else:
            assert on_boundary(pts[0], index[c.source_id]), f"{c} leaves its manager"
        assert on_boundary(pts[-1], index[c.target_id]), f"{c} misses its report"
    for b in boxes:
        inner = b.w - 2 * TEXT_PADDING
        for line in b.lines:
            assert line.width <= inner + EPS, f"{line.text!r} overflows box {b.id}"
        used = 2 * TEXT_PADDING + sum(line.size * LINE_HEIGHT for line in b.lines)
        assert used <= b.h + EPS
        assert b.lines, f"box {b.id} has no label"
