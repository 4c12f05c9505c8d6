"""The scene without a window: spatial index queries, hit tests, selection kept across
layouts, and painting at every level of detail."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPainter

from orgdesigner.layout.geometry import Box, Connector, ConnectorKind, Geometry, Rect
from orgdesigner.model.synthetic import generate_org
from orgdesigner.ui.canvas.index import GridIndex
from orgdesigner.ui.canvas.items import TEXT_ZOOM, Detail, detail_for
from orgdesigner.ui.canvas.scene import ChartScene


def grid_geometry(n: int, w: float = 100.0, h: float = 40.0, gap: float = 20.0) -> Geometry:
    """n boxes on a square grid, each joined to its left neighbour."""
    side = int(n ** 0.5) + 1
    boxes = [Box(f"b{i}", (i % side) * (w + gap), (i // side) * (h + gap), w, h)
             for i in range(n)]
    cons = [Connector(boxes[i - 1].id, boxes[i].id,
                      [(boxes[i - 1].x + w, boxes[i].y + h / 2), (boxes[i].x, boxes[i].y + h / 2)])
            for i in range(1, n) if i % side]
    return Geometry(view="classic", boxes=boxes, connectors=cons,
                    bounds=Rect(0, 0, side * (w + gap), side * (h + gap)))


def test_index_finds_exactly_the_boxes_in_a_rectangle(qtbot):
    geometry = grid_geometry(2500)
    index = GridIndex(geometry, cell=300.0)
    window = QRectF(250.0, 130.0, 700.0, 400.0)
    expected = {b.id for b in geometry.boxes
                if b.x < window.right() and b.x + b.w > window.left()
                and b.y < window.bottom() and b.y + b.h > window.top()}
    assert {b.id for b in index.boxes_in(window)} == expected
    assert expected  # the window is not empty


def test_long_connector_is_found_from_every_cell_and_drawn_once(qtbot):
    geometry = Geometry(view="classic", connectors=[
        Connector("a", "b", [(0.0, 10.0), (2500.0, 10.0)], ConnectorKind.SOLID)],
        bounds=Rect(0, 0, 2500, 20))
    index = GridIndex(geometry, cell=1000.0)
    for x in (100.0, 1500.0, 2400.0):  # each of the three cells it crosses
        found = index.lines_in(QRectF(x, 0.0, 10.0, 10.0))[ConnectorKind.SOLID]
        assert [ln.length() for ln in found] == [2500.0]
    assert len(index.lines_in(QRectF(0.0, 0.0, 2500.0, 20.0))[ConnectorKind.SOLID]) == 1
    assert index.lines_in(QRectF(0.0, 1500.0, 2500.0, 20.0)) == {}


def test_flat_rectangles_grouped_by_fill(qtbot):
    geometry = grid_geometry(100)
    index = GridIndex(geometry, cell=300.0)
    grouped = index.rects_in(QRectF(-1e4, -1e4, 2e4, 2e4))
    assert sum(len(r) for r in grouped.values()) == 100


def test_hit_test_and_selection_survive_a_new_layout(qtbot):
    scene = ChartScene()
    geometry = grid_geometry(30)
    scene.set_geometry(geometry)
    box = geometry.boxes[7]
    assert scene.box_at(QPointF(box.x + 5, box.y + 5)).id == box.id
    assert scene.box_at(QPointF(box.x - 5, box.y - 5)) is None  # in the gap
    seen = []
    scene.selection_changed.connect(seen.append)
    scene.select(box.id)
    assert scene.selection_mark.isVisible()
    scene.set_geometry(grid_geometry(30))
    assert scene.selected_id == box.id
    scene.set_geometry(grid_geometry(5))  # b7 is gone
    assert scene.selected_id is None
    assert seen == [box.id, None]


def test_detail_levels_follow_the_zoom():
    assert detail_for(1.0, 0.01) is Detail.FULL
    assert detail_for(0.1, 0.01) is Detail.FLAT
    assert detail_for(0.012, 0.01) is Detail.OVERVIEW


@pytest.fixture(scope="module")
def org_geometry():
    from orgdesigner.layout import layout_scenario

    return layout_scenario(generate_org(400, seed=3).scenario(), "classic")


@pytest.mark.parametrize("detail", list(Detail))
def test_painting_at_each_level_of_detail_draws_ink(qtbot, org_geometry, detail):
    scene = ChartScene()
    # Flat rectangles are for big charts only: a sparse grid stands in for one.
    scene.set_geometry(grid_geometry(400, 300.0, 120.0, 1000.0) if detail is Detail.FLAT
                       else org_geometry)
    bounds = scene.sceneRect()
    overview = scene.chart.overview_zoom()
    zoom = {Detail.FULL: 1.0, Detail.FLAT: (TEXT_ZOOM + 1.5 * overview) / 2,
            Detail.OVERVIEW: None}[detail]
    if zoom is not None:
        assert detail_for(zoom, overview) is detail
    image = QImage(800, 500, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    if zoom is None:  # everything at once
        source = bounds
    else:
        top = scene.geometry.boxes[0]
        source = QRectF(top.x - 400 / zoom + top.w / 2, top.y - 20, 800 / zoom, 500 / zoom)
    scene.render(painter, QRectF(0, 0, 800, 500), source)
    painter.end()
    assert scene.chart.last_detail is detail
    background = scene.backgroundBrush().color().rgba()
    inked = sum(1 for x in range(0, 800, 8) for y in range(0, 500, 8)
                if image.pixel(x, y) != background)
    assert inked > 20
