"""Light and dark themes from the View menu, remembered in the settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from orgdesigner.ui.canvas.painting import Palette
from orgdesigner.ui.canvas.scene import ChartScene
from orgdesigner.ui.themes import THEMES, Theme, ThemeManager


def test_view_menu_switches_to_dark_and_back(qtbot, chart_window):
    w = chart_window
    scene = w.presenter.scene
    view_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&View")
    theme_menu = next(a.menu() for a in view_menu.actions() if a.text() == "T&heme")
    dark = next(a for a in theme_menu.actions() if a.text() == "&Dark theme")
    assert dark.toolTip()
    dark.trigger()
    assert w.themes.theme is Theme.DARK and dark.isChecked()
    assert scene.backgroundBrush().color() == QColor(THEMES[Theme.DARK].canvas)
    assert QApplication.palette().color(QPalette.ColorRole.Window) == QColor(
        THEMES[Theme.DARK].window)
    assert Palette.LINE == QColor(THEMES[Theme.DARK].line)
    # The canvas still paints (cached pictures were dropped and are drawn again).
    w.chart_view.viewport().repaint()
    w.themes.actions[Theme.LIGHT].trigger()
    assert scene.backgroundBrush().color() == QColor(THEMES[Theme.LIGHT].canvas)
    assert Palette.LINE == QColor(THEMES[Theme.LIGHT].line)


def test_the_choice_is_remembered(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = ThemeManager(ChartScene(), settings)
    first.choose(Theme.DARK)
    second = ThemeManager(ChartScene(), settings)
    try:
        assert second.theme is Theme.DARK
        assert second.actions[Theme.DARK].isChecked()
    finally:
        second.choose(Theme.LIGHT)
    assert Palette.BACKGROUND == QColor(THEMES[Theme.LIGHT].canvas)
