"""The outline dock: the hierarchy as a tree, with a search field.

The tree model reads the presenter's OrgGraph lazily (rows are made only when a branch is
opened), so it costs nothing extra on a 100,000-position chart. Typing in the search field
swaps the tree for a flat list of matches (name, title or unit); selecting a row selects
and centres the box on the canvas, and a selection on the canvas opens the tree to it.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QLineEdit, QTreeView, QVBoxLayout, QWidget

from orgdesigner.model.document import Position
from orgdesigner.ui.canvas.presenter import ChartPresenter

__all__ = ["OutlinePanel", "HierarchyModel", "SearchModel", "MAX_MATCHES"]

#: The search list shows at most this many matches.
MAX_MATCHES = 500

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def _describe(position: Position) -> str:
    name = position.holder.strip() or "Vacant"
    return f"{name} — {position.title}" if position.title else name


class HierarchyModel(QAbstractItemModel):
    """The reporting tree of the active scenario. Each index carries the row number of
    its position in ``_ids`` as its internal id."""

    def __init__(self, presenter: ChartPresenter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self._ids: list[str] = []
        self._number: dict[str, int] = {}
        self._tops: list[str] | None = None
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._ids = []
        self._number = {}
        self._tops = None
        self.endResetModel()

    def _num(self, position_id: str) -> int:
        n = self._number.get(position_id)
        if n is None:
            n = len(self._ids)
            self._ids.append(position_id)
            self._number[position_id] = n
        return n

    def position_id(self, index: Index) -> str | None:
        return self._ids[index.internalId()] if index.isValid() else None

    def _children(self, position_id: str | None) -> list[str]:
        graph = self.presenter.graph
        if position_id is None:
            if self._tops is None:
                self._tops = graph.tops()
            return self._tops
        return graph.reports(position_id)

    # -- QAbstractItemModel ------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        children = self._children(self.position_id(parent))
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, self._num(children[row]))

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        pid = self.position_id(index)
        if pid is None:
            return QModelIndex()
        graph = self.presenter.graph
        manager = graph.manager(pid) if pid in graph.positions else None
        if manager is None:
            return QModelIndex()
        siblings = self._children(graph.manager(manager))
        return self.createIndex(siblings.index(manager), 0, self._num(manager))

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt override
        if parent.column() > 0:
            return 0
        return len(self._children(self.position_id(parent)))

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt override
        return 1

    def hasChildren(self, parent: Index = _ROOT) -> bool:  # noqa: N802 - Qt override
        pid = self.position_id(parent)
        return bool(self._children(pid)) if pid is not None else True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        pid = self.position_id(index)
        if pid is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _describe(self.presenter.graph.positions[pid])
        if role == Qt.ItemDataRole.UserRole:
            return pid
        return None

    def index_of(self, position_id: str) -> QModelIndex:
        """The index of a position (its ancestors' rows found on the way down)."""
        graph = self.presenter.graph
        if position_id not in graph.positions:
            return QModelIndex()
        chain = list(reversed(graph.chain_of_command(position_id)))
        index = QModelIndex()
        parent_id: str | None = None
        for pid in chain:
            siblings = self._children(parent_id)
            if pid not in siblings:
                return QModelIndex()
            index = self.index(siblings.index(pid), 0, index)
            parent_id = pid
        return index


class SearchModel(QAbstractListModel):
    """Positions whose name, title or unit contains the search text."""

    def __init__(self, presenter: ChartPresenter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.matches: list[Position] = []
        self.total = 0

    def search(self, text: str) -> None:
        self.beginResetModel()
        needle = text.casefold().strip()
        scenario = self.presenter.scenario
        units = {u.id: u.name.casefold() for u in scenario.units}
        found = [p for p in scenario.positions
                 if needle in p.holder.casefold() or needle in p.title.casefold()
                 or (p.unit_id is not None and needle in units.get(p.unit_id, ""))]
        self.total = len(found)
        self.matches = found[:MAX_MATCHES]
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.matches)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        position = self.matches[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _describe(position)
        if role == Qt.ItemDataRole.UserRole:
            return position.id
        return None


class OutlinePanel(QWidget):
    """Search field over a tree view; keeps its selection in step with the canvas."""

    def __init__(self, presenter: ChartPresenter, center_on: object = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        #: Called with a position id to centre the canvas on it.
        self.center_on = center_on
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText("Search names, titles, units")
        self.search_field.setClearButtonEnabled(True)
        self.tree = QTreeView(self)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        # Owned by the panel, so Qt deletes them with it (not the cyclic collector later).
        self.hierarchy = HierarchyModel(presenter, self)
        self.results = SearchModel(presenter, self)
        self.tree.setModel(self.hierarchy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search_field)
        layout.addWidget(self.tree)
        self._syncing = False
        self._expanded: set[str] = set()
        self.tree.expanded.connect(self._remember_expanded)
        self.tree.collapsed.connect(self._forget_expanded)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self._run_search)
        self.search_field.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_field.returnPressed.connect(self._run_search)
        self._connect_selection()
        self.tree.activated.connect(self._on_activated)
        presenter.graph_changed.connect(self.hierarchy.reload)
        presenter.relaid_out.connect(self._on_document_changed)
        presenter.scene.selection_changed.connect(self._on_canvas_selection)

    def _connect_selection(self) -> None:
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)

    # -- search ------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _run_search(self) -> None:
        self._search_timer.stop()
        text = self.search_field.text()
        if text.strip():
            self.results.search(text)
            if self.tree.model() is not self.results:
                self.tree.setModel(self.results)
                self._connect_selection()
        elif self.tree.model() is not self.hierarchy:
            self.tree.setModel(self.hierarchy)
            self._connect_selection()
            self._on_canvas_selection(self.presenter.selected_id)

    # -- syncing -----------------------------------------------------------------------
    def _remember_expanded(self, index: QModelIndex) -> None:
        pid = index.data(Qt.ItemDataRole.UserRole)
        if self.tree.model() is self.hierarchy and pid:
            self._expanded.add(pid)

    def _forget_expanded(self, index: QModelIndex) -> None:
        if self.tree.model() is self.hierarchy:
            self._expanded.discard(index.data(Qt.ItemDataRole.UserRole))

    def _on_document_changed(self) -> None:
        """The model was reset (``graph_changed``): open again what was open."""
        expanded = list(self._expanded)
        self._expanded.clear()
        for pid in expanded:
            index = self.hierarchy.index_of(pid)
            if index.isValid():
                self.tree.setExpanded(index, True)
        if self.tree.model() is self.results:
            self.results.search(self.search_field.text())
        self._on_canvas_selection(self.presenter.selected_id)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        pid = current.data(Qt.ItemDataRole.UserRole)
        self._syncing = True
        try:
            self.presenter.select(pid)
            if callable(self.center_on) and not self.center_on(pid):
                self.presenter.message.emit(
                    "That position is hidden in a collapsed subtree on the chart")
        finally:
            self._syncing = False

    def _on_activated(self, index: QModelIndex) -> None:
        self._on_current_changed(index, QModelIndex())

    def _on_canvas_selection(self, position_id: object) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            if self.tree.model() is self.hierarchy and isinstance(position_id, str):
                index = self.hierarchy.index_of(position_id)
                if index.isValid():
                    self.tree.setCurrentIndex(index)
                    self.tree.scrollTo(index)
            elif position_id is None:
                self.tree.clearSelection()
        finally:
            self._syncing = False
