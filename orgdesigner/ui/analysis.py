"""The analysis features put into the main window: the checks, metrics and scenarios
docks, the compare dialog and "colour by". The window calls ``AnalysisFeatures(window)``
once; everything else lives in the features' own modules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from orgdesigner.ui.colouring import ColourBy, ColourMode
from orgdesigner.ui.compare import CompareDialog, CompareOverlay
from orgdesigner.ui.dialogs.export_pdf import ExportPdfDialog
from orgdesigner.ui.panels.checks import ChecksPanel
from orgdesigner.ui.panels.metrics import MetricsPanel
from orgdesigner.ui.panels.scenarios import ScenariosPanel

if TYPE_CHECKING:
    from orgdesigner.ui.canvas.view import ChartView
    from orgdesigner.ui.main_window import MainWindow

__all__ = ["AnalysisFeatures", "frame_rect"]


def frame_rect(view: ChartView, rect: QRectF, max_zoom: float = 1.0) -> None:
    """Show ``rect`` (scene points) whole in the view, never enlarged past ``max_zoom``."""
    view.fitInView(rect.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)
    if view.zoom() > max_zoom:
        view.set_zoom(max_zoom)
    view.centerOn(rect.center())


class AnalysisFeatures(QObject):
    """Builds the docks and their menu entries on ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        presenter, view = window.presenter, window.chart_view
        self.checks = ChecksPanel(presenter, lambda r: frame_rect(view, r))
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.checks_dock = window._dock("Checks", self.checks, right)
        window.tabifyDockWidget(window.inspector_dock, self.checks_dock)
        self.metrics = MetricsPanel(presenter)
        self.metrics_dock = window._dock("Metrics", self.metrics, right)
        window.tabifyDockWidget(self.checks_dock, self.metrics_dock)
        window.inspector_dock.raise_()
        self.compare_overlay = CompareOverlay(presenter.scene)
        self.compare_dialog: CompareDialog | None = None
        self.scenarios = ScenariosPanel(presenter, compare=self.open_compare)
        self.scenarios_dock = window._dock("Scenarios", self.scenarios,
                                           Qt.DockWidgetArea.LeftDockWidgetArea)
        window.splitDockWidget(window.outline_dock, self.scenarios_dock,
                               Qt.Orientation.Vertical)
        window.resizeDocks([window.outline_dock, self.scenarios_dock], [600, 200],
                           Qt.Orientation.Vertical)
        self.docks = [self.checks_dock, self.metrics_dock, self.scenarios_dock]
        self.colour_by = ColourBy(presenter, view, lambda: self.checks.badges.badges, self)
        self.checks.report_shown.connect(self._on_findings)

    def install(self, view_menu: QMenu) -> None:
        """Add the docks' toggles and the analysis actions to the View menu."""
        for dock in self.docks:
            view_menu.addAction(dock.toggleViewAction())
        profile = QAction("Check &profile…", self)
        profile.setShortcut(QKeySequence("Ctrl+Shift+K"))
        profile.setToolTip("Edit the check thresholds")
        profile.triggered.connect(self.checks.edit_profile)
        view_menu.addAction(profile)
        compare = QAction("Co&mpare scenarios…", self)
        compare.setShortcut(QKeySequence("Ctrl+Shift+D"))
        compare.setToolTip("Differences and metric deltas between two scenarios")
        compare.triggered.connect(self.open_compare)
        view_menu.addAction(compare)
        self.colour_by.install(view_menu)
        self.export_pdf_action = QAction("Export P&DF…", self)
        self.export_pdf_action.setShortcut(QKeySequence("Ctrl+P"))
        self.export_pdf_action.setToolTip("Export the chart to PDF: paper, fit, appendices")
        self.export_pdf_action.triggered.connect(self.open_export_pdf)
        self._add_to_file_menu(self.export_pdf_action)

    def _add_to_file_menu(self, action: QAction) -> None:
        """Beside the other exports in the File menu (the window has none in tests)."""
        files = self.window.file_actions
        anchor = getattr(files, "export_svg_action", None)
        menus = [m for m in anchor.associatedObjects() if isinstance(m, QMenu)] if anchor else []
        if not menus:
            self.window.addAction(action)  # the shortcut still works
            return
        actions = menus[0].actions()
        after = actions.index(anchor) + 1
        if after < len(actions):
            menus[0].insertAction(actions[after], action)
        else:
            menus[0].addAction(action)

    def open_export_pdf(self) -> ExportPdfDialog:
        """The PDF export dialog (modal to the window, the export runs off its thread)."""
        dialog = ExportPdfDialog(self.window.presenter, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_findings(self) -> None:
        if self.colour_by.mode is ColourMode.SEVERITY:
            self.colour_by.refresh()

    def open_compare(self) -> CompareDialog:
        """Open (or bring forward) the non-modal compare dialog."""
        if self.compare_dialog is None or not self.compare_dialog.isVisible():
            if self.compare_dialog is not None:
                self.compare_dialog.deleteLater()  # a closed one: its links to the document go
            self.compare_dialog = CompareDialog(self.window.presenter, self.compare_overlay,
                                                self.window)
        self.compare_dialog.show()
        self.compare_dialog.raise_()
        return self.compare_dialog
