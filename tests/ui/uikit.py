"""Plain helpers for the GUI tests (imported by name; fixtures live in conftest.py): a
small org and a simple deterministic layout. The layout is deliberately plain (leaves side
by side, managers centred above), so canvas tests do not depend on the real engine's
spacing choices."""

from __future__ import annotations

from orgdesigner.layout.geometry import (
    Box,
    BoxStyle,
    Connector,
    Geometry,
    Rect,
    TextLine,
    TextRole,
)
from orgdesigner.model.document import (
    OrgDocument,
    Position,
    PositionKind,
    ReportingLine,
    Scenario,
    Unit,
)
from orgdesigner.model.graph import OrgGraph

BOX_W, BOX_H, GAP_X, GAP_Y = 120.0, 50.0, 30.0, 50.0


def simple_layout(scenario: Scenario, view: str | None = None) -> Geometry:
    """Leaves left to right, each manager centred over its reports; collapsed subtrees
    hidden with a count. Enough geometry to click on."""
    graph = OrgGraph(scenario)
    collapsed = set(scenario.view.collapsed)
    units = {u.id: u for u in scenario.units}
    boxes: list[Box] = []
    connectors: list[Connector] = []
    next_x = [0.0]

    def place(pid: str, depth: int) -> float:
        kids = [] if pid in collapsed else graph.reports(pid)
        if kids:
            centres = [place(k, depth + 1) for k in kids]
            cx = (centres[0] + centres[-1]) / 2
        else:
            cx = next_x[0] + BOX_W / 2
            next_x[0] += BOX_W + GAP_X
        p = graph.positions[pid]
        y = depth * (BOX_H + GAP_Y)
        unit = units.get(p.unit_id) if p.unit_id else None
        hidden = len(graph.subtree(pid)) - 1 if pid in collapsed else 0
        lines = [TextLine(p.holder or "Vacant", TextRole.NAME, 9.0, True, 60.0),
                 TextLine(p.title, TextRole.TITLE, 8.0, False, 50.0)]
        boxes.append(Box(pid, cx - BOX_W / 2, y, BOX_W, BOX_H, lines, BoxStyle(
            unit_id=p.unit_id, unit_color=unit.color if unit else None, vacant=p.vacant,
            assistant=p.kind is PositionKind.ASSISTANT, collapsed_count=hidden,
            layer=depth + 1)))
        for k in kids:
            kid = next(b for b in boxes if b.id == k)
            connectors.append(Connector(pid, k, [(cx, y + BOX_H), (cx, y + BOX_H + GAP_Y / 2),
                                                 (kid.x + BOX_W / 2, y + BOX_H + GAP_Y / 2),
                                                 (kid.x + BOX_W / 2, kid.y)]))
        return cx

    for top in graph.tops():
        place(top, 0)
    depth = max((b.y for b in boxes), default=0.0) + BOX_H
    return Geometry(view=view or "classic", boxes=boxes, connectors=connectors,
                    bounds=Rect(0.0, 0.0, max(next_x[0] - GAP_X, 0.0), depth))


def small_doc() -> OrgDocument:
    """ceo Ann → a Bob (→ a1 Cid, a2 Dee), b Eve (→ b1 Fay)."""
    units = [Unit(id="u1", name="Sales", color="#4e79a7", is_division=True),
             Unit(id="u2", name="Finance", color="#e15759", is_division=True)]
    people = [("ceo", "Ann", "Chief Executive", None), ("a", "Bob", "Head of Sales", "u1"),
              ("a1", "Cid", "Seller", "u1"), ("a2", "Dee", "Seller", "u1"),
              ("b", "Eve", "Head of Finance", "u2"), ("b1", "Fay", "Accountant", "u2")]
    positions = [Position(id=i, holder=h, title=t, unit_id=u) for i, h, t, u in people]
    lines = [ReportingLine(manager_id=m, report_id=r) for m, r in
             (("ceo", "a"), ("a", "a1"), ("a", "a2"), ("ceo", "b"), ("b", "b1"))]
    scenario = Scenario(id="as-is", name="As-is", units=units, positions=positions,
                        lines=lines)
    return OrgDocument(scenarios=[scenario], active_scenario="as-is")


def shown_window(qtbot, doc: OrgDocument, layout, size: tuple[int, int] = (1400, 900)):  # noqa: ANN001, ANN201
    """A shown main window over ``doc`` (no file actions), closed with the test."""
    from orgdesigner.ui.main_window import MainWindow

    window = MainWindow(doc, layout=layout, with_files=False)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window
