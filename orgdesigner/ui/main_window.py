"""The main window: canvas in the middle, outline and inspector docks, menus, toolbar and
status bar. Thin on purpose: each feature is its own module (edit_actions, file_actions,
panels) and the window only puts them together."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QToolBar

from orgdesigner.model.document import OrgDocument, Orientation
from orgdesigner.model.edits import change_view
from orgdesigner.ui.analysis import AnalysisFeatures
from orgdesigner.ui.balance_gauge import BalanceTools
from orgdesigner.ui.canvas.presenter import ChartPresenter, LayoutFunction
from orgdesigner.ui.canvas.view import ChartView
from orgdesigner.ui.document import DocumentController
from orgdesigner.ui.edit_actions import EditActions
from orgdesigner.ui.flip import FlipAnimator, install_view_switcher
from orgdesigner.ui.notes import NotesLayer
from orgdesigner.ui.panels.inspector import InspectorPanel
from orgdesigner.ui.panels.outline import OutlinePanel
from orgdesigner.ui.presentation import PresentationMode
from orgdesigner.ui.responsibilities import Responsibilities
from orgdesigner.ui.settings import default_qsettings
from orgdesigner.ui.spotlight import Spotlight
from orgdesigner.ui.themes import ThemeManager

__all__ = ["MainWindow", "status_text", "DROP_SUFFIXES"]

#: Files that can be dropped on the window (opened or imported).
DROP_SUFFIXES = (".orgchart", ".csv", ".graphml", ".xml")


def status_text(presenter: ChartPresenter) -> str:
    """Headcount, layers and average span of the active scenario. The span is the mean
    number of direct reports of an occupied manager (``mean_direct_reports`` in
    ``orgdesigner.metrics.spans_layers``), computed here in one pass for speed."""
    graph = presenter.graph
    positions = graph.positions
    people = sum(1 for p in positions.values() if not p.vacant)
    depths = graph.depths()
    layers = max(depths.values(), default=0)
    spans = [len(kids) for m, kids in graph.children.items() if not positions[m].vacant]
    span = f"{sum(spans) / len(spans):.1f}" if spans else "–"
    return (f"{presenter.scenario.name}: headcount {people:,}"
            f" ({len(positions) - people:,} vacant) · {layers} layers · average span {span}")


class MainWindow(QMainWindow):
    """One open document. ``with_files=False`` leaves out the File actions (tests)."""

    def __init__(self, doc: OrgDocument | None = None, path: Path | None = None, *,
                 layout: LayoutFunction | None = None, view: str | None = None,
                 with_files: bool = True) -> None:
        super().__init__()
        self.setWindowTitle("OrgDesigner")
        self.controller = DocumentController(doc, path, parent=self)
        self.presenter = ChartPresenter(self.controller, layout=layout, view=view, parent=self)
        self.chart_view = ChartView(self.presenter, self)
        self.setCentralWidget(self.chart_view)
        self.edit_actions = EditActions(self.presenter, self.chart_view, self)
        self.flip = FlipAnimator(self.chart_view, self)
        self.balance_tools = BalanceTools(self.chart_view, self)
        self.notes = NotesLayer(self.chart_view, self)
        self.spotlight = Spotlight(self.chart_view, self)
        self.edit_actions.menu_extensions += [self.notes.extend_box_menu,
                                              self.spotlight.extend_box_menu]
        self.outline = OutlinePanel(self.presenter, center_on=self.chart_view.center_on_box)
        self.inspector = InspectorPanel(self.presenter)
        self.outline_dock = self._dock("Outline", self.outline,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.inspector_dock = self._dock("Inspector", self.inspector,
                                         Qt.DockWidgetArea.RightDockWidgetArea)
        self.analysis = AnalysisFeatures(self)  # checks, metrics, scenarios, colour by
        self.responsibilities = Responsibilities(self)
        self.figures = QLabel(self)
        self.statusBar().addPermanentWidget(self.figures)
        self.presenter.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        # The figures follow the chart on the next turn of the event loop, so a big chart
        # is painted first and a burst of changes costs one count.
        self._figures_timer = QTimer(self, singleShot=True, interval=0)
        self._figures_timer.timeout.connect(self._update_figures)
        self.presenter.relaid_out.connect(self._figures_timer.start)
        self.edit_actions.find_requested.connect(self.show_search)
        self.file_actions = None
        self._build_menus(with_files)
        self._figures_timer.start()
        self.controller.replaced.connect(self._on_replaced)
        self._on_replaced()
        self.setAcceptDrops(True)
        self.resize(1400, 900)
        self.resizeDocks([self.outline_dock, self.inspector_dock], [230, 270],
                         Qt.Orientation.Horizontal)

    def _dock(self, title: str, widget: object, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title.lower())
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self, with_files: bool) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        if with_files:
            from orgdesigner.ui.file_actions import FileActions

            self.file_actions = FileActions(self)
            self.file_actions.install(file_menu, toolbar)
            file_menu.addSeparator()
            toolbar.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = bar.addMenu("&Edit")
        view_menu = bar.addMenu("&View")
        self.edit_actions.install(edit_menu, view_menu, toolbar)
        edit_menu.addAction(self.notes.add_action)
        view_menu.addSeparator()
        self.orientation_group = QActionGroup(self)
        self.orientation_actions: dict[Orientation, QAction] = {}
        for orientation, label in ((Orientation.CLASSIC, "&Classic pyramid"),
                                   (Orientation.HORIZONTAL, "&Horizontal"),
                                   (Orientation.INVERTED, "Customer on &top (inverted)")):
            action = QAction(label, self, checkable=True)
            action.triggered.connect(lambda _c=False, o=orientation: self.set_orientation(o))
            self.orientation_group.addAction(action)
            view_menu.addAction(action)
            self.orientation_actions[orientation] = action
        install_view_switcher(self.orientation_actions, toolbar)
        view_menu.addAction(self.balance_tools.move_left)
        view_menu.addAction(self.balance_tools.move_right)
        self.themes = ThemeManager(self.presenter.scene,
                                   default_qsettings() if with_files else None, self)
        self.themes.install(view_menu)
        self.spotlight.install(view_menu)
        self.presentation = PresentationMode(self, self.chart_view, self.themes, [
            *self.orientation_actions.values(), None, self.edit_actions.zoom_out,
            self.edit_actions.zoom_in, self.edit_actions.fit, self.spotlight.off_action])
        view_menu.addAction(self.presentation.toggle_action)
        view_menu.addSeparator()
        view_menu.addAction(self.outline_dock.toggleViewAction())
        view_menu.addAction(self.inspector_dock.toggleViewAction())
        self.analysis.install(view_menu)
        view_menu.addActions(self.responsibilities.view_actions())
        self.presenter.relaid_out.connect(self._check_orientation)
        self._check_orientation()

    # -- view --------------------------------------------------------------------------
    def set_orientation(self, orientation: Orientation) -> None:
        """Switch the classic / horizontal / inverted view (saved in the document)."""
        presenter = self.presenter
        old, old_view = presenter.scene.geometry, self.flip.view_state()
        presenter.view_override = None
        if presenter.scenario.view.orientation is orientation:
            presenter.relayout()
        else:
            presenter.apply(lambda: change_view(self.controller.doc, orientation=orientation))
        self.chart_view.fit_all()
        self.flip.flip(old, old_view)

    def _check_orientation(self) -> None:
        current = Orientation(self.presenter.view_name())
        self.orientation_actions[current].setChecked(True)

    def _update_figures(self) -> None:
        self.figures.setText(status_text(self.presenter))

    def _on_replaced(self) -> None:
        """A document was opened: select its main top and open the outline's first level."""
        graph = self.presenter.graph
        tops = graph.tops()
        if tops:
            self.presenter.select(graph.main_top() or tops[0])
        self.outline.tree.expandToDepth(0)
        self.chart_view.show_initial()

    def show_search(self) -> None:
        self.outline_dock.show()
        self.outline_dock.raise_()
        self.outline.focus_search()

    # -- window events -----------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        path = self._dropped_path(event)
        if path is not None and self.file_actions is not None:
            event.acceptProposedAction()
            self.file_actions.open_or_import(path)

    @staticmethod
    def _dropped_path(event: QDragEnterEvent | QDropEvent) -> Path | None:
        mime = event.mimeData()
        for url in mime.urls() if mime.hasUrls() else []:
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if path.suffix.lower() in DROP_SUFFIXES:
                    return path
        return None

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.file_actions is not None and not self.file_actions.confirm_close():
            event.ignore()
            return
        event.accept()
