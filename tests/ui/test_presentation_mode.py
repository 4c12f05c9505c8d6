"""Presentation mode: F5 enters (full screen, no docks, high contrast, floating toolbar),
Esc leaves and restores everything. Real key presses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from orgdesigner.model.document import Orientation
from orgdesigner.ui.canvas.painting import Palette
from orgdesigner.ui.themes import THEMES, Theme


def test_f5_enters_and_esc_leaves_restoring_docks_and_theme(qtbot, chart_window):
    w = chart_window
    view = w.chart_view
    assert w.outline_dock.isVisible() and w.inspector_dock.isVisible()
    base_font = QApplication.font().pointSizeF()
    qtbot.keyClick(view, Qt.Key.Key_F5)
    assert w.presentation.active
    assert w.isFullScreen()
    assert not w.outline_dock.isVisible() and not w.inspector_dock.isVisible()
    assert not w.menuBar().isVisible() and not w.statusBar().isVisible()
    toolbar = w.presentation.toolbar
    assert toolbar.isVisible()
    assert w.themes.theme is Theme.HIGH_CONTRAST
    assert w.presenter.scene.backgroundBrush().color() == QColor(
        THEMES[Theme.HIGH_CONTRAST].canvas)
    assert QApplication.font().pointSizeF() > base_font  # larger type
    # The floating toolbar works: its "Customer on top" button switches the view.
    w.flip.enabled = False
    button = next(b for b in toolbar.buttons
                  if b.defaultAction() is w.orientation_actions[Orientation.INVERTED])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert w.presenter.scenario.view.orientation is Orientation.INVERTED
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not w.presentation.active
    assert not w.isFullScreen()
    assert w.outline_dock.isVisible() and w.inspector_dock.isVisible()
    assert w.menuBar().isVisible() and w.statusBar().isVisible()
    assert not toolbar.isVisible()
    assert w.themes.theme is Theme.LIGHT
    assert Palette.BACKGROUND == QColor(THEMES[Theme.LIGHT].canvas)
    assert QApplication.font().pointSizeF() == base_font


def test_a_closed_dock_stays_closed_after_presenting(qtbot, chart_window):
    w = chart_window
    w.inspector_dock.hide()
    w.presentation.set_active(True)
    w.presentation.set_active(False)
    assert w.outline_dock.isVisible()
    assert not w.inspector_dock.isVisible()


def test_esc_outside_presentation_still_reaches_the_canvas(qtbot, chart_window):
    w = chart_window
    assert not w.presentation.leave_action.isEnabled()
    w.edit_actions.dotted_line.trigger()  # a pick mode Escape cancels
    qtbot.keyClick(w.chart_view, Qt.Key.Key_Escape)
    assert type(w.chart_view.interaction).__name__ == "SelectDragInteraction"
    assert not w.presentation.active
