"""EditActions: building and reshaping the chart from the keyboard and the context menu.

One action collection (frescobaldi style) that the main window installs in its Edit menu,
its toolbar and the canvas. Every change is one model edit through the presenter, so each
is one undo step: Tab adds a direct report, Enter a peer, F2 renames inline, Delete asks
what happens to the reports, the arrows walk the tree, Space collapses or expands.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar, QWidget

from orgdesigner.model.document import Position
from orgdesigner.model.edits import (
    Compound,
    Relation,
    RemoveMode,
    add_dotted_line,
    add_position,
    change_position,
    new_id,
    remove_position,
    toggle_collapsed,
)
from orgdesigner.ui.canvas.interactions import PickBoxInteraction
from orgdesigner.ui.canvas.presenter import ChartPresenter
from orgdesigner.ui.canvas.view import ChartView
from orgdesigner.ui.navigation import Direction, neighbour_in_direction

__all__ = ["EditActions", "ask_remove_mode", "NEW_TITLE"]

#: Title of a position added from the keyboard (a vacancy until someone is named).
NEW_TITLE = "New position"


def ask_remove_mode(parent: QWidget, label: str, reports: int,
                    everyone: int, has_manager: bool) -> RemoveMode | None:
    """Ask what happens to the reports of a removed position; None = cancel."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Remove position")
    box.setText(f"Remove {label}?")
    box.setInformativeText(
        f"{label} has {reports} direct report{'s' if reports != 1 else ''} "
        f"({everyone} {'person' if everyone == 1 else 'people'} in all below).")
    up = box.addButton("Move reports up" if has_manager else "Keep reports as top positions",
                       QMessageBox.ButtonRole.AcceptRole)
    subtree = box.addButton("Remove whole subtree", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is up:
        return RemoveMode.REHOME
    if clicked is subtree:
        return RemoveMode.SUBTREE
    return None


class EditActions(QObject):
    """The chart's editing actions, bound to a presenter and its view."""

    #: Ctrl+F: the window shows and focuses the outline's search field.
    find_requested = Signal()

    def __init__(self, presenter: ChartPresenter, view: ChartView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.view = view
        self.window = parent
        stack = presenter.controller.undo_stack
        self.undo = stack.createUndoAction(self, "&Undo")
        self.undo.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo = stack.createRedoAction(self, "&Redo")
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Shift+Z") not in redo_keys:  # the standard key on every OS
            redo_keys.append(QKeySequence("Ctrl+Shift+Z"))
        self.redo.setShortcuts(redo_keys)
        canvas = Qt.ShortcutContext.WidgetWithChildrenShortcut
        a = self._action
        self.add_report = a("Add direct &report", self.add_report_to_selection, ["Tab"], canvas)
        self.add_peer = a("Add &peer", self.add_peer_to_selection, ["Return", "Enter"], canvas)
        self.add_assistant = a("Add &assistant", self.add_assistant_to_selection)
        self.rename = a("Re&name", self.rename_selection, ["F2"], canvas)
        self.mark_vacant = a("Mark &vacancy", self.mark_selection_vacant)
        self.dotted_line = a("&Dotted line to...", self.pick_dotted_manager)
        self.delete = a("&Delete...", self.delete_selection,
                        QKeySequence.keyBindings(QKeySequence.StandardKey.Delete), canvas)
        self.collapse = a("&Collapse / expand", self.toggle_selection_collapsed,
                          ["Space"], canvas)
        self.find = a("&Find...", self.find_requested.emit,
                      QKeySequence.keyBindings(QKeySequence.StandardKey.Find))
        self.zoom_in = a("Zoom &in", view.zoom_in,
                         QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn))
        self.zoom_out = a("Zoom &out", view.zoom_out,
                          QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomOut))
        self.fit = a("&Fit chart", view.fit_all, ["Ctrl+0"])
        self.go = {
            Direction.UP: a("Select up", lambda: self.move_selection(Direction.UP), ["Up"],
                            canvas),
            Direction.DOWN: a("Select down", lambda: self.move_selection(Direction.DOWN),
                              ["Down"], canvas),
            Direction.LEFT: a("Select left", lambda: self.move_selection(Direction.LEFT),
                              ["Left"], canvas),
            Direction.RIGHT: a("Select right", lambda: self.move_selection(Direction.RIGHT),
                               ["Right"], canvas),
        }
        self.selection_actions = [self.add_report, self.add_peer, self.add_assistant,
                                  self.rename, self.mark_vacant, self.dotted_line,
                                  self.delete, self.collapse]
        for action in (*self.selection_actions, *self.go.values()):
            view.addAction(action)
        #: Other features' additions to the context menu: ``extend(menu, position_id)``.
        self.menu_extensions: list[Callable[[QMenu, str | None], None]] = []
        view.context_menu_requested.connect(self.show_context_menu)
        view.box_activated.connect(lambda _pid: self.rename_selection())
        presenter.scene.selection_changed.connect(self._update_enabled)
        presenter.relaid_out.connect(self._update_enabled)
        self._update_enabled()

    def _action(self, text: str, slot: Callable[[], object],
                keys: list[str] | list[QKeySequence] | None = None,
                context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) if isinstance(k, str) else k for k in keys])
            action.setShortcutContext(context)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def install(self, edit_menu: QMenu, view_menu: QMenu | None = None,
                toolbar: QToolBar | None = None) -> None:
        """Put the actions in the window's menus and toolbar."""
        edit_menu.addAction(self.undo)
        edit_menu.addAction(self.redo)
        edit_menu.addSeparator()
        for action in (self.add_report, self.add_peer, self.add_assistant):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (self.rename, self.mark_vacant, self.dotted_line, self.delete):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find)
        if view_menu is not None:
            for action in (self.zoom_in, self.zoom_out, self.fit, self.collapse):
                view_menu.addAction(action)
        if toolbar is not None:
            for action in (self.undo, self.redo, None, self.add_report, self.add_peer,
                           self.delete, None, self.zoom_out, self.zoom_in, self.fit):
                if action is None:
                    toolbar.addSeparator()
                else:
                    toolbar.addAction(action)

    def _update_enabled(self, *_args: object) -> None:
        selected = self.presenter.selected_id
        empty = not self.presenter.scenario.positions
        for action in self.selection_actions:
            action.setEnabled(selected is not None)
        # On an empty chart Tab or Enter adds the first position.
        self.add_report.setEnabled(selected is not None or empty)
        self.add_peer.setEnabled(selected is not None or empty)

    # -- building ----------------------------------------------------------------------
    def _selected(self) -> str | None:
        selected = self.presenter.selected_id
        if selected is None:
            self.presenter.message.emit("Select a box first")
        return selected

    def add_report_to_selection(self) -> None:
        self._add_related(Relation.REPORT)

    def add_peer_to_selection(self) -> None:
        self._add_related(Relation.PEER)

    def add_assistant_to_selection(self) -> None:
        self._add_related(Relation.ASSISTANT)

    def _add_related(self, relation: Relation) -> None:
        presenter = self.presenter
        scenario = presenter.scenario
        anchor = presenter.selected_id
        if anchor is None and scenario.positions:
            presenter.message.emit("Select a box first")
            return
        unit = scenario.position(anchor).unit_id if anchor else None
        position = Position(id=new_id((p.id for p in scenario.positions), "p"),
                            title=NEW_TITLE, unit_id=unit)
        collapsed = anchor is not None and relation is not Relation.PEER \
            and anchor in scenario.view.collapsed

        def build() -> Compound:
            doc = presenter.controller.doc
            add = add_position(doc, position, anchor_id=anchor, relation=relation)
            if collapsed:  # show the new report: expanding is part of the same step
                return Compound(add.label, (toggle_collapsed(doc, anchor), add))
            return Compound(add.label, (add,))

        if presenter.apply(build, select=position.id):
            self.rename_selection()

    def rename_selection(self) -> None:
        """F2: edit the holder's name on the box itself."""
        pid = self._selected()
        if pid is None:
            return
        presenter = self.presenter
        position = presenter.scenario.position(pid)

        def commit(text: str) -> None:
            name = text.strip()
            if name != position.holder:
                presenter.apply(lambda: change_position(presenter.controller.doc, pid,
                                                        holder=name), select=pid)

        if self.view.start_inline_edit(pid, position.holder, commit) is None:
            presenter.message.emit("That position is hidden in a collapsed subtree")

    def mark_selection_vacant(self) -> None:
        pid = self._selected()
        if pid is None:
            return
        if self.presenter.scenario.position(pid).vacant:
            self.presenter.message.emit("That position is already vacant")
            return
        self.presenter.apply(lambda: change_position(self.presenter.controller.doc, pid,
                                                     holder=""), select=pid)

    def pick_dotted_manager(self) -> None:
        pid = self._selected()
        if pid is None:
            return
        label = self.presenter.scenario.position(pid).label

        def picked(manager_id: str) -> None:
            self.presenter.apply(lambda: add_dotted_line(
                self.presenter.controller.doc, manager_id=manager_id, report_id=pid),
                select=pid)

        self.view.set_interaction(PickBoxInteraction(
            self.view, picked, f"Click the box {label} reports to by a dotted line "
                               "(Esc cancels)"))

    def delete_selection(self) -> None:
        pid = self._selected()
        if pid is None:
            return
        presenter = self.presenter
        graph = presenter.graph
        reports = graph.reports(pid)
        manager = graph.manager(pid)
        mode = RemoveMode.REHOME
        if reports:
            label = graph.positions[pid].label
            everyone = len(graph.subtree(pid)) - 1
            chosen = ask_remove_mode(self.window or self.view, label, len(reports),
                                     everyone, manager is not None)
            if chosen is None:
                return
            mode = chosen
        if presenter.apply(lambda: remove_position(presenter.controller.doc, pid, mode)):
            presenter.select(manager)

    def toggle_selection_collapsed(self) -> None:
        pid = self._selected()
        if pid is None:
            return
        scenario = self.presenter.scenario
        if not self.presenter.graph.reports(pid) and pid not in scenario.view.collapsed:
            self.presenter.message.emit("Nobody reports to this position")
            return
        self.presenter.apply(lambda: toggle_collapsed(self.presenter.controller.doc, pid),
                             select=pid)

    # -- selection ---------------------------------------------------------------------
    def move_selection(self, direction: Direction) -> None:
        """Arrow keys: to the manager, a report or a sibling that lies that way."""
        presenter = self.presenter
        scene = presenter.scene
        selected = presenter.selected_id
        if selected is None or scene.box(selected) is None:
            tops = [b for b in scene.geometry.boxes if presenter.graph.manager(b.id) is None]
            if tops:
                presenter.select(tops[0].id)
                self.view.ensure_box_visible(tops[0].id)
            return
        target = neighbour_in_direction(presenter.graph, scene.index.by_id, selected,
                                        direction)
        if target is not None:
            presenter.select(target)
            self.view.ensure_box_visible(target)

    # -- context menu ------------------------------------------------------------------
    def context_menu(self, position_id: str | None) -> QMenu:
        menu = QMenu(self.view)
        if position_id is not None:
            for action in (self.add_report, self.add_peer, self.add_assistant):
                menu.addAction(action)
            menu.addSeparator()
            for action in (self.rename, self.mark_vacant, self.dotted_line, self.collapse):
                menu.addAction(action)
            menu.addSeparator()
            menu.addAction(self.delete)
            for extend in self.menu_extensions:
                extend(menu, position_id)
        else:
            if not self.presenter.scenario.positions:
                menu.addAction(self.add_report)
            for action in (self.zoom_in, self.zoom_out, self.fit):
                menu.addAction(action)
        return menu

    def show_context_menu(self, position_id: str | None, global_pos: QPoint) -> None:
        self.context_menu(position_id).exec(global_pos)
