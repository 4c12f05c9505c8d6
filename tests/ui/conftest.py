"""Shared fixtures for the GUI tests: a small org, a simple deterministic layout and a
shown main window. The layout here is deliberately plain (leaves side by side, managers
centred above), so canvas tests do not depend on the real engine's spacing choices."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QStandardPaths
from uikit import simple_layout, small_doc

from orgdesigner.model.document import OrgDocument


@pytest.fixture(autouse=True, scope="session")
def _qt_test_paths():
    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture
def small_document() -> OrgDocument:
    """A fresh copy of ``small_doc()``."""
    return small_doc()


@pytest.fixture
def test_layout():
    """The simple layout function, for windows a test builds itself."""
    return simple_layout


@pytest.fixture
def chart_window(qtbot):
    """A shown main window over ``small_doc`` with the simple layout, canvas focused."""
    from orgdesigner.ui.main_window import MainWindow

    window = MainWindow(small_doc(), layout=simple_layout, with_files=False)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.chart_view.set_zoom(1.0)
    window.chart_view.centerOn(window.presenter.scene.sceneRect().center())
    window.chart_view.setFocus()
    qtbot.waitUntil(lambda: window.chart_view.hasFocus())
    return window


def _box_point(view, position_id: str) -> QPoint:
    box = view.chart_scene.box(position_id)
    assert box is not None, f"{position_id} is not drawn"
    return view.mapFromScene(box.x + box.w / 2, box.y + box.h / 2)


@pytest.fixture
def point_of():
    """``point_of(view, id)``: the viewport point at the centre of a position's box."""
    return _box_point
