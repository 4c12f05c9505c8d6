"""The teams dock: cross-functional teams, their purpose, sponsor and members.

Teams are created, renamed and deleted here; members join by dragging boxes from the
canvas onto a team in the list, from the canvas's context menu ("Add to team ▸") or with
"Add selected box". Selecting a team highlights its members on the canvas
(``TeamOverlay``) and says which functions it draws from, with the checker's
cross-functional finding when there are too few. Every change is one model edit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QIcon,
    QKeyEvent,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.checks.finding import Family, Finding, describe
from orgdesigner.checks.report import run_checks
from orgdesigner.checks.teams import functions_of_team, member_function
from orgdesigner.model.document import Team
from orgdesigner.model.edits import (
    Compound,
    Edit,
    EditError,
    add_team,
    add_team_member,
    change_team,
    new_id,
    remove_team,
    remove_team_member,
)
from orgdesigner.ui.canvas.interactions import (
    POSITIONS_MIME,
    positions_from_mime,
    positions_mime_data,
)
from orgdesigner.ui.canvas.presenter import ChartPresenter
from orgdesigner.ui.team_overlay import team_colour

__all__ = ["TeamsPanel", "TeamTree", "POSITIONS_MIME", "positions_mime_data",
           "positions_from_mime", "add_members_edit", "NEW_TEAM"]

NEW_TEAM = "New team"
_TEAM_ROLE = Qt.ItemDataRole.UserRole
_MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1


def add_members_edit(presenter: ChartPresenter, team_id: str, ids: list[str]) -> Edit:
    """One edit adding every position of ``ids`` not yet in the team."""
    doc = presenter.controller.doc
    team = next((t for t in presenter.scenario.teams if t.id == team_id), None)
    if team is None:
        raise EditError(f"there is no team {team_id!r}")
    new = [pid for pid in dict.fromkeys(ids) if pid not in team.member_ids]
    if not new:
        raise EditError(f"already in {team.name}")
    for pid in new:  # refuses unknown positions with the model's own message
        add_team_member(doc, team_id, pid)
    label = "Add team member" if len(new) == 1 else "Add team members"
    return Compound(label, (change_team(doc, team_id, member_ids=(*team.member_ids, *new)),))


def _swatch(colour: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(colour)
    return QIcon(pixmap)


class TeamTree(QTreeWidget):
    """Teams with their members below; boxes dragged from the canvas drop onto a team."""

    #: (team id, position ids) dropped on a team.
    members_dropped = Signal(str, list)
    #: Delete or Backspace on a member: take it out of its team.
    delete_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["Team / member", "Function"])
        self.setColumnWidth(0, 200)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)

    def team_at(self, item: QTreeWidgetItem | None) -> str | None:
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item.data(0, _TEAM_ROLE) if item is not None else None

    def _target(self, event: QDragMoveEvent | QDropEvent) -> str | None:
        if not positions_from_mime(event.mimeData()):
            return None
        return self.team_at(self.itemAt(event.position().toPoint()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasFormat(POSITIONS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        if self._target(event) is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        team_id = self._target(event)
        if team_id is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.members_dropped.emit(team_id, positions_from_mime(event.mimeData()))


class _PurposeEdit(QPlainTextEdit):
    editing_finished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.editing_finished.emit()


class TeamsPanel(QWidget):
    """The teams dock's widget."""

    #: The selected team id (None when none): the canvas highlights its members.
    team_selected = Signal(object)

    def __init__(self, presenter: ChartPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.tree = TeamTree(self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_action = self._action("New team", lambda: self.new_team())
        self.delete_action = self._action("Delete team", self.delete_current)
        self.add_selected_action = self._action("Add selected box", self.add_selected_box)
        self.remove_member_action = self._action("Remove member", self.remove_current_member)
        for action in (self.new_action, self.delete_action, self.add_selected_action,
                       self.remove_member_action):
            self.toolbar.addAction(action)
        self.name = QLineEdit(self)
        self.purpose = _PurposeEdit(self)
        self.purpose.setTabChangesFocus(True)
        self.purpose.setMaximumHeight(70)
        self.sponsor = QLabel(self)
        self.sponsor.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_sponsor_button = QPushButton("Selected box", self)
        self.set_sponsor_button.setToolTip("Make the box selected on the chart the sponsor")
        self.clear_sponsor_button = QPushButton("Clear", self)
        self.colour_button = QPushButton("Colour…", self)
        self.colour_button.setToolTip("The colour of the team's outlines, badges and frame")
        sponsor_buttons = QHBoxLayout()
        sponsor_buttons.addWidget(self.set_sponsor_button)
        sponsor_buttons.addWidget(self.clear_sponsor_button)
        sponsor_buttons.addWidget(self.colour_button)
        sponsor_buttons.addStretch(1)
        sponsor_row = QVBoxLayout()
        sponsor_row.addWidget(self.sponsor)
        sponsor_row.addLayout(sponsor_buttons)
        self.functions = QLabel(self)
        self.functions.setWordWrap(True)
        self.finding = QLabel(self)
        self.finding.setWordWrap(True)
        self.finding.setStyleSheet("color: #b3261e;")
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Purpose", self.purpose)
        form.addRow("Sponsor", sponsor_row)
        form.addRow("Draws from", self.functions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tree, 1)
        layout.addLayout(form)
        layout.addWidget(self.finding)
        hint = QLabel("Drag boxes from the chart onto a team to add them.", self)
        hint.setStyleSheet("color: #7b8794;")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.findings: dict[str, Finding] = {}
        self._current: str | None = None
        self._loading = False
        self.tree.currentItemChanged.connect(lambda cur, _prev: self._on_current(cur))
        self.tree.members_dropped.connect(self.add_members)
        self.name.editingFinished.connect(self._commit_name)
        self.purpose.editing_finished.connect(self._commit_purpose)
        self.set_sponsor_button.clicked.connect(self.sponsor_selected_box)
        self.clear_sponsor_button.clicked.connect(lambda: self._change(sponsor_id=None))
        self.colour_button.clicked.connect(self.ask_colour)
        self.tree.delete_pressed.connect(self.remove_current_member)
        presenter.relaid_out.connect(self.reload)
        presenter.scene.selection_changed.connect(lambda _p: self._update_enabled())
        self.reload()

    def _action(self, text: str, slot) -> QAction:  # noqa: ANN001 - a callable
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- state -------------------------------------------------------------------------
    @property
    def current_team(self) -> str | None:
        return self._current

    def _team(self, team_id: str | None) -> Team | None:
        return next((t for t in self.presenter.scenario.teams if t.id == team_id), None)

    def team_item(self, team_id: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, _TEAM_ROLE) == team_id:
                return item
        return None

    def reload(self) -> None:
        """Rebuild the list from the document, keeping the selected team."""
        scenario = self.presenter.scenario
        graph = self.presenter.graph
        report = run_checks(scenario, self.presenter.controller.doc.check_profile,
                            graph=graph, families={Family.TEAMS})
        self.findings = {f.ids[0]: f for f in report.findings
                         if f.code == "TEAM_FEW_FUNCTIONS" and f.ids}
        keep = self._current
        self._loading = True
        try:
            self.tree.clear()
            for team in scenario.teams:
                item = QTreeWidgetItem([team.name, f"{len(team.member_ids)} members"])
                item.setData(0, _TEAM_ROLE, team.id)
                item.setIcon(0, _swatch(team_colour(scenario, team)))
                finding = self.findings.get(team.id)
                if finding is not None:
                    item.setText(0, f"⚠ {team.name}")
                    item.setForeground(0, QColor("#b3261e"))
                    item.setToolTip(0, finding.message)
                for mid in team.member_ids:
                    p = graph.positions.get(mid)
                    child = QTreeWidgetItem([describe(p) if p else mid,
                                             (member_function(graph, mid) or "–")
                                             if p else "not in this scenario"])
                    child.setData(0, _MEMBER_ROLE, mid)
                    item.addChild(child)
                self.tree.addTopLevelItem(item)
            self.tree.expandAll()
        finally:
            self._loading = False
        self.select_team(keep if self._team(keep) else None)

    def select_team(self, team_id: str | None) -> None:
        item = self.team_item(team_id) if team_id else None
        self.tree.setCurrentItem(item)
        self._set_current(team_id if item is not None else None)

    def _on_current(self, item: QTreeWidgetItem | None) -> None:
        if self._loading:
            return
        team_id = self.tree.team_at(item)
        self._set_current(team_id)
        member = item.data(0, _MEMBER_ROLE) if item is not None else None
        if member is not None and member in self.presenter.graph.positions:
            self.presenter.select(member)

    def _set_current(self, team_id: str | None) -> None:
        changed = team_id != self._current
        self._current = team_id
        self._show_details()
        if changed:
            self.team_selected.emit(team_id)

    def _show_details(self) -> None:
        team = self._team(self._current)
        self._loading = True
        try:
            for widget in (self.name, self.purpose, self.set_sponsor_button,
                           self.clear_sponsor_button, self.colour_button):
                widget.setEnabled(team is not None)
            if team is None:
                self.name.clear()
                self.purpose.clear()
                self.sponsor.setText("")
                self.functions.setText("Select a team.")
                self.finding.setText("")
            else:
                self.name.setText(team.name)
                if self.purpose.toPlainText() != team.purpose:
                    self.purpose.setPlainText(team.purpose)
                sponsor = self.presenter.graph.positions.get(team.sponsor_id or "")
                self.sponsor.setText(describe(sponsor) if sponsor else "none")
                self.sponsor.setToolTip(self.sponsor.text())
                functions = functions_of_team(self.presenter.graph, team)
                self.functions.setText(
                    f"{len(functions)} function{'s' if len(functions) != 1 else ''}: "
                    + ", ".join(functions) if functions else "no known function")
                finding = self.findings.get(team.id)
                self.finding.setText(f"⚠ {finding.message} {finding.suggestion}"
                                     if finding else "")
        finally:
            self._loading = False
        self._update_enabled()

    def _update_enabled(self) -> None:
        has_team = self._current is not None
        self.delete_action.setEnabled(has_team)
        self.add_selected_action.setEnabled(has_team
                                            and self.presenter.selected_id is not None)
        item = self.tree.currentItem()
        self.remove_member_action.setEnabled(
            item is not None and item.data(0, _MEMBER_ROLE) is not None)

    # -- edits -------------------------------------------------------------------------
    def new_team(self, name: str = NEW_TEAM, members: tuple[str, ...] = ()) -> str | None:
        """A new team (sponsored by the chart's top by default); selected afterwards."""
        scenario = self.presenter.scenario
        tid = new_id((t.id for t in scenario.teams), "team-")
        top = self.presenter.graph.main_top() if scenario.positions else None
        team = Team(id=tid, name=name, sponsor_id=top, member_ids=members)
        if not self.presenter.apply(lambda: add_team(self.presenter.controller.doc, team)):
            return None
        self.select_team(tid)
        self.name.setFocus()
        self.name.selectAll()
        return tid

    def delete_current(self) -> bool:
        tid = self._current
        if tid is None:
            return False
        return self.presenter.apply(lambda: remove_team(self.presenter.controller.doc, tid))

    def add_members(self, team_id: str, ids: list[str]) -> bool:
        """Add positions to a team (a drop, the context menu): one undo step."""
        known = [pid for pid in ids if pid in self.presenter.graph.positions]
        if not known:
            self.presenter.message.emit("Nothing to add: drop boxes from the chart")
            return False
        done = self.presenter.apply(lambda: add_members_edit(self.presenter, team_id, known))
        if done:
            self.select_team(team_id)
        return done

    def add_selected_box(self) -> bool:
        pid = self.presenter.selected_id
        if self._current is None or pid is None:
            self.presenter.message.emit("Select a team and a box on the chart first")
            return False
        return self.add_members(self._current, [pid])

    def remove_current_member(self) -> bool:
        item = self.tree.currentItem()
        member = item.data(0, _MEMBER_ROLE) if item is not None else None
        tid = self.tree.team_at(item)
        if member is None or tid is None:
            return False
        return self.presenter.apply(
            lambda: remove_team_member(self.presenter.controller.doc, tid, member))

    def _change(self, **changes: object) -> bool:
        tid = self._current
        if tid is None or self._loading:
            return False
        return self.presenter.apply(
            lambda: change_team(self.presenter.controller.doc, tid, **changes))

    def _commit_name(self) -> None:
        team = self._team(self._current)
        name = self.name.text().strip()
        if team is None or self._loading or not name or name == team.name:
            if team is not None and not name:
                self.name.setText(team.name)
            return
        self._change(name=name)

    def _commit_purpose(self) -> None:
        team = self._team(self._current)
        if team is not None and not self._loading \
                and self.purpose.toPlainText() != team.purpose:
            self._change(purpose=self.purpose.toPlainText())

    def set_colour(self, colour: QColor) -> bool:
        """The team's own colour (one undo step)."""
        return colour.isValid() and self._change(color=colour.name())

    def ask_colour(self) -> None:
        team = self._team(self._current)
        if team is not None:
            start = team_colour(self.presenter.scenario, team)
            self.set_colour(QColorDialog.getColor(start, self, f"Colour of {team.name}"))

    def sponsor_selected_box(self) -> bool:
        pid = self.presenter.selected_id
        if pid is None:
            self.presenter.message.emit("Select the sponsor's box on the chart first")
            return False
        return self._change(sponsor_id=pid)

    # -- canvas context menu -----------------------------------------------------------
    def extend_context_menu(self, menu: QMenu, position_id: str | None) -> None:
        """"Add to team ▸" with every team (ticked when the box is already in it)."""
        if position_id is None:
            return
        sub = menu.addMenu("Add to &team")
        for team in self.presenter.scenario.teams:
            action = sub.addAction(team.name)
            inside = position_id in team.member_ids
            action.setCheckable(True)
            action.setChecked(inside)
            action.setEnabled(not inside)
            action.triggered.connect(
                lambda _c=False, t=team.id: self.add_members(t, [position_id]))
        if self.presenter.scenario.teams:
            sub.addSeparator()
        new = sub.addAction("New team with this box")
        new.triggered.connect(lambda _c=False: self.new_team(members=(position_id,)))
