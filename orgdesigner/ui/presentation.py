"""Presentation mode (F5): the chart alone, full screen, for a room.

Entering hides the docks, toolbars, menu bar and status bar, goes full screen, switches to
the high-contrast theme (larger type) and shows a small floating toolbar over the canvas
(the three views, fit, zoom, spotlight off, leave). Esc or F5 leaves and puts everything
back as it was: docks, bars, window state and theme.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QToolBar,
    QToolButton,
    QWidget,
)

from orgdesigner.ui.canvas.view import ChartView
from orgdesigner.ui.themes import Theme, ThemeManager

__all__ = ["PresentationMode", "FloatingToolbar"]


class FloatingToolbar(QFrame):
    """A minimal row of buttons floating at the bottom centre of the canvas."""

    def __init__(self, view: ChartView, actions: Iterable[QAction | None]) -> None:
        super().__init__(view)
        self.view = view
        self.setObjectName("presentation-toolbar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.setSpacing(4)
        self.buttons: list[QToolButton] = []
        for action in actions:
            if action is None:
                line = QFrame(self)
                line.setFrameShape(QFrame.Shape.VLine)
                row.addWidget(line)
                continue
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the canvas
            row.addWidget(button)
            self.buttons.append(button)
        view.viewport().installEventFilter(self)
        self.hide()

    def place(self) -> None:
        self.adjustSize()
        vp = self.view.viewport().geometry()
        self.move(vp.left() + (vp.width() - self.width()) // 2,
                  vp.bottom() - self.height() - 14)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.place()
        return False

    def event(self, event: QEvent) -> bool:
        # A new font (the presentation's larger type) re-lays the buttons: size up again.
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            result = super().event(event)
            self.place()
            return result
        return super().event(event)


class PresentationMode(QObject):
    """Toggles the presentation mode of a main window (see the module docstring)."""

    #: True when entering, False when leaving.
    toggled = Signal(bool)

    def __init__(self, window: QMainWindow, view: ChartView, themes: ThemeManager,
                 tools: Iterable[QAction | None] = ()) -> None:
        super().__init__(window)
        self.window = window
        self.view = view
        self.themes = themes
        self.active = False
        self._hidden: list[QWidget] = []
        self._state = QByteArray()
        self._was_maximized = False
        self._theme = Theme.LIGHT
        self.toggle_action = QAction("&Presentation mode", self, checkable=True)
        self.toggle_action.setShortcut(QKeySequence("F5"))
        self.toggle_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        tip = "Full screen for a room: docks hidden, high contrast, larger type (F5, Esc leaves)"
        self.toggle_action.setToolTip(tip)
        self.toggle_action.setStatusTip(tip)
        self.toggle_action.triggered.connect(self.set_active)
        window.addAction(self.toggle_action)
        self.leave_action = QAction("Leave presentation", self)
        self.leave_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.leave_action.setToolTip("Leave the presentation mode (Esc)")
        self.leave_action.setIconText("Leave (Esc)")
        self.leave_action.setEnabled(False)
        self.leave_action.triggered.connect(lambda _c=False: self.set_active(False))
        window.addAction(self.leave_action)
        self.toolbar = FloatingToolbar(view, [*tools, None, self.leave_action])

    def set_active(self, active: bool) -> None:
        """Enter (True) or leave (False) the presentation mode."""
        active = bool(active)
        if active == self.active:
            return
        if active:
            self._enter()
        else:
            self._leave()
        self.active = active
        self.toggle_action.setChecked(active)
        self.leave_action.setEnabled(active)
        self.toggled.emit(active)

    def _chrome(self) -> list[QWidget]:
        w = self.window
        widgets: list[QWidget] = [*w.findChildren(QDockWidget), *w.findChildren(QToolBar),
                                  w.menuBar(), w.statusBar()]
        return [x for x in widgets if x.parent() is w or isinstance(x, QDockWidget)]

    def _enter(self) -> None:
        w = self.window
        self._state = w.saveState()
        self._was_maximized = w.isMaximized()
        self._theme = self.themes.theme
        self._hidden = [x for x in self._chrome() if x.isVisible()]
        for x in self._hidden:
            x.hide()
        self.themes.apply(Theme.HIGH_CONTRAST)
        w.showFullScreen()
        self.toolbar.show()
        self.toolbar.place()
        self.toolbar.raise_()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        # Once the window is full screen: the chart as large as the room can read.
        QTimer.singleShot(0, self._frame_chart)

    def _frame_chart(self) -> None:
        if self.active:
            self.view.show_initial()

    def _leave(self) -> None:
        w = self.window
        self.toolbar.hide()
        self.themes.apply(self._theme)
        if self._was_maximized:
            w.showMaximized()
        else:
            w.showNormal()
        for x in self._hidden:
            x.show()
        self._hidden = []
        w.restoreState(self._state)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
