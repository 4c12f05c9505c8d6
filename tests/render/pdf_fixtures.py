"""Helpers for the PDF tests: small documents and a simple stand-in layout (boxes in
layers, parents centred over their children) so the painter is tested on its own.
(A module with its own name: "conftest" is ambiguous when several test folders have one.)"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from orgdesigner.layout.geometry import (
    Box,
    BoxStyle,
    Connector,
    Geometry,
    LegendEntry,
    Rect,
    TextLine,
    TextRole,
)
from orgdesigner.model.document import (
    Meta,
    OrgDocument,
    Position,
    ReportingLine,
    Scenario,
    Unit,
)
from orgdesigner.model.graph import OrgGraph
from orgdesigner.render.fonts import BOLD, REGULAR, ensure_fonts

BOX_W, BOX_H, GAP_X, GAP_Y = 130.0, 46.0, 16.0, 40.0


def simple_layout(scenario: Scenario) -> Geometry:
    """Layers top-down; leaves left to right; each parent centred over its children."""
    ensure_fonts()
    g = OrgGraph(scenario)
    units = {u.id: u for u in scenario.units}
    xs: dict[str, float] = {}
    depth: dict[str, int] = {}
    next_x = 0.0

    def place(pid: str, d: int) -> None:
        nonlocal next_x
        depth[pid] = d
        kids = g.reports(pid)
        for k in kids:
            place(k, d + 1)
        if kids:
            xs[pid] = (xs[kids[0]] + xs[kids[-1]]) / 2
        else:
            xs[pid] = next_x
            next_x += BOX_W + GAP_X

    for top in g.tops():
        place(top, 0)
    boxes = []
    for p in scenario.positions:
        if p.id not in xs:
            continue
        unit = units.get(p.unit_id or "")
        name = p.holder or "Vacant"
        lines = [TextLine(name, TextRole.NAME, 9.0, True, pdfmetrics.stringWidth(name, BOLD, 9)),
                 TextLine(p.title, TextRole.TITLE, 8.0, False,
                          pdfmetrics.stringWidth(p.title, REGULAR, 8))]
        boxes.append(Box(p.id, xs[p.id], depth[p.id] * (BOX_H + GAP_Y), BOX_W, BOX_H, lines,
                         BoxStyle(unit_id=p.unit_id, unit_color=unit.color if unit else None,
                                  vacant=p.vacant, customer_facing=p.customer_facing,
                                  layer=depth[p.id] + 1)))
    index = {b.id: b for b in boxes}
    connectors = []
    for m, r in g.hierarchy.edges:
        a, b = index[m], index[r]
        mid = a.y + a.h + GAP_Y / 2
        connectors.append(Connector(m, r, [(a.x + a.w / 2, a.y + a.h), (a.x + a.w / 2, mid),
                                           (b.x + b.w / 2, mid),
                                           (b.x + b.w / 2, b.y)]))
    right = max((b.x + b.w for b in boxes), default=0.0)
    bottom = max((b.y + b.h for b in boxes), default=0.0)
    legend = [LegendEntry(u.name, u.color) for u in scenario.units if u.color]
    return Geometry(view=scenario.view.orientation.value, boxes=boxes, connectors=connectors,
                    legend=legend, bounds=Rect(0.0, 0.0, right, bottom))


def small_document(extra_names: list[str] | None = None) -> OrgDocument:
    """A CEO, three divisions with a head and a few people each (+ any extra names)."""
    units = [Unit(id="u1", name="Sales", is_division=True, color="#4e79a7"),
             Unit(id="u2", name="Finance", is_division=True, color="#e15759"),
             Unit(id="u3", name="Operations", is_division=True, color="#59a14f")]
    positions = [Position(id="ceo", title="Chief Executive", holder="Ana Almeida")]
    lines = []
    names = iter(extra_names or [])
    for i, u in enumerate(units, start=1):
        head = f"h{i}"
        positions.append(Position(id=head, title=f"Head of {u.name}", holder=f"Head {u.name}",
                                  unit_id=u.id))
        lines.append(ReportingLine(manager_id="ceo", report_id=head))
        for j in range(3):
            pid = f"p{i}{j}"
            holder = next(names, f"Person {i}{j}")
            positions.append(Position(id=pid, title=f"{u.name} specialist", holder=holder,
                                      unit_id=u.id, customer_facing=u.id == "u1"))
            lines.append(ReportingLine(manager_id=head, report_id=pid))
    scenario = Scenario(id="as-is", name="As-is", units=units, positions=positions,
                        lines=lines)
    return OrgDocument(meta=Meta(title="Small Co", author="Test Author"),
                       scenarios=[scenario], active_scenario="as-is")
