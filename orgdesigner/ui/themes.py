"""Themes: light, dark, and the high-contrast one of the presentation mode.

A theme sets the application's palette (window chrome, docks, dialogs) and the canvas's
surroundings: the scene background and the connector colours. The boxes themselves stay
the paper cards of the PDF (white, unit-coloured bar, dark text) in every theme, so what
is on screen still matches what exports. The chosen theme is remembered between sessions.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QPalette
from PySide6.QtWidgets import QApplication, QMenu

from orgdesigner.ui.canvas.painting import Palette
from orgdesigner.ui.canvas.scene import ChartScene

__all__ = ["Theme", "ThemeColours", "THEMES", "ThemeManager", "application_palette"]

_THEME_KEY = "view/theme"


class Theme(enum.Enum):
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high-contrast"  # the presentation mode's (not offered in the menu)


@dataclass(frozen=True, slots=True)
class ThemeColours:
    window: str
    base: str
    text: str
    button: str
    highlight: str
    canvas: str
    line: str
    dotted: str
    #: Multiplier for the application font (presentation: larger type).
    font_scale: float = 1.0


THEMES: dict[Theme, ThemeColours] = {
    Theme.LIGHT: ThemeColours(window="#f5f7fa", base="#ffffff", text="#1f2933",
                              button="#e4e7eb", highlight="#2f80ed", canvas="#eef1f5",
                              line="#52606d", dotted="#9aa5b1"),
    Theme.DARK: ThemeColours(window="#2a2f36", base="#1f2329", text="#e4e7eb",
                             button="#3a414a", highlight="#4c9aff", canvas="#1b1f24",
                             line="#c3cad3", dotted="#8a96a3"),
    Theme.HIGH_CONTRAST: ThemeColours(window="#000000", base="#000000", text="#ffffff",
                                      button="#1a1a1a", highlight="#ffd400",
                                      canvas="#ffffff", line="#000000", dotted="#333333",
                                      font_scale=1.35),
}


def application_palette(colours: ThemeColours) -> QPalette:
    """A QPalette for the window chrome in these colours."""
    pal = QPalette()
    role = QPalette.ColorRole
    for r, value in ((role.Window, colours.window), (role.Base, colours.base),
                     (role.AlternateBase, colours.window), (role.Button, colours.button),
                     (role.ToolTipBase, colours.base), (role.ToolTipText, colours.text),
                     (role.Text, colours.text), (role.WindowText, colours.text),
                     (role.ButtonText, colours.text), (role.PlaceholderText, "#7b8794"),
                     (role.Highlight, colours.highlight), (role.HighlightedText, "#ffffff"),
                     (role.BrightText, "#ff5555"), (role.Link, colours.highlight)):
        pal.setColor(r, QColor(value))
    for r in (role.Text, role.WindowText, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, QColor("#7b8794"))
    return pal


class ThemeManager(QObject):
    """Applies a theme to the application and one chart scene; the View menu's choice."""

    #: The theme now applied.
    theme_changed = Signal(object)

    def __init__(self, scene: ChartScene, settings: QSettings | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.settings = settings
        self.theme = Theme.LIGHT
        self._base_font_size: float | None = None
        self.group = QActionGroup(self)
        self.actions: dict[Theme, QAction] = {}
        for theme, label, tip in ((Theme.LIGHT, "&Light theme", "Light window and canvas"),
                                  (Theme.DARK, "&Dark theme",
                                   "Dark window and canvas (the boxes stay paper white)")):
            action = QAction(label, self, checkable=True)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.triggered.connect(lambda _c=False, t=theme: self.choose(t))
            self.group.addAction(action)
            self.actions[theme] = action
        saved = settings.value(_THEME_KEY, Theme.LIGHT.value) if settings else None
        start = Theme(saved) if saved in {t.value for t in Theme} else Theme.LIGHT
        if start is not Theme.LIGHT:
            self.apply(start)
        self.actions.get(start, self.actions[Theme.LIGHT]).setChecked(True)

    def install(self, view_menu: QMenu) -> None:
        menu = view_menu.addMenu("T&heme")
        for action in self.actions.values():
            menu.addAction(action)

    def choose(self, theme: Theme) -> None:
        """The user's choice: applied and remembered."""
        self.apply(theme)
        if theme in self.actions:
            self.actions[theme].setChecked(True)
        if self.settings is not None:
            self.settings.setValue(_THEME_KEY, theme.value)

    def apply(self, theme: Theme) -> None:
        """Colour the application and the canvas (not remembered: presentation uses it)."""
        colours = THEMES[theme]
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(application_palette(colours))
            font = app.font()
            if self._base_font_size is None:
                self._base_font_size = font.pointSizeF()
            font.setPointSizeF(self._base_font_size * colours.font_scale)
            app.setFont(font)
        Palette.BACKGROUND = QColor(colours.canvas)
        Palette.LINE = QColor(colours.line)
        Palette.DOTTED = QColor(colours.dotted)
        scene = self.scene
        scene.setBackgroundBrush(Palette.BACKGROUND)
        # Pictures cached with the old colours (tiles, overview) are drawn again.
        scene.chart.set_geometry(scene.geometry, scene.index)
        scene.chart.refresh_overview()
        scene.update()
        self.theme = theme
        self.theme_changed.emit(theme)
