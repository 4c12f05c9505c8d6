"""Puts the responsibility chart and the teams in the window: the RACI dock (bottom), the
teams dock (right, beside the inspector), their canvas overlays, the inspector's
"Responsibilities" line and the canvas context menu's "Add to team ▸"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from orgdesigner.ui.panels.raci import ProcessesOfPosition, RaciPanel
from orgdesigner.ui.panels.teams import TeamsPanel
from orgdesigner.ui.raci_overlay import RaciOverlay
from orgdesigner.ui.team_overlay import TeamOverlay

if TYPE_CHECKING:
    from orgdesigner.ui.main_window import MainWindow

__all__ = ["Responsibilities"]


class Responsibilities:
    """The RACI and teams features of one window."""

    def __init__(self, window: MainWindow) -> None:
        presenter = window.presenter
        self.raci = RaciPanel(presenter)
        self.teams = TeamsPanel(presenter)
        self.raci_overlay = RaciOverlay(presenter)
        self.team_overlay = TeamOverlay(presenter)
        self.processes_of_position = ProcessesOfPosition(presenter)
        # The side docks keep the full height; the matrix sits under the chart only.
        window.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.raci_dock = window._dock("Responsibilities (RACI)", self.raci,
                                      Qt.DockWidgetArea.BottomDockWidgetArea)
        self.teams_dock = window._dock("Teams", self.teams,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        window.tabifyDockWidget(window.inspector_dock, self.teams_dock)
        window.inspector_dock.raise_()
        window.resizeDocks([self.raci_dock], [260], Qt.Orientation.Vertical)
        # The chart gets the room at first; the matrix opens from the View menu
        # (Ctrl+Shift+R) or by itself when the document has a responsibility chart.
        self.raci_dock.setVisible(bool(window.controller.scenario.processes))
        self.raci_dock.toggleViewAction().setShortcut("Ctrl+Shift+R")
        self.raci.process_selected.connect(self.raci_overlay.show_process)
        self.teams.team_selected.connect(self.team_overlay.highlight)
        window.inspector.add_section(self.processes_of_position)
        window.edit_actions.menu_extensions.append(self.teams.extend_context_menu)

    def view_actions(self) -> list[QAction]:
        """The docks' show/hide actions for the View menu."""
        return [self.raci_dock.toggleViewAction(), self.teams_dock.toggleViewAction()]
