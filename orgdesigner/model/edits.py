"""Edits: every change a user makes, as a value that applies itself and returns its inverse.

There are a few primitive edits (insert, remove or replace one item of a scenario's
collection; swap a whole collection; insert or remove a scenario; set a document field)
and a ``Compound`` of them. The builder functions below (``add_position``,
``reassign_manager``...) look at the document, refuse what would break it with an
``EditError`` whose message a user can read, and return an edit that has not been applied
yet::

    edit = reassign_manager(doc, "p7", "p2")
    inverse = edit.apply(doc)      # the change is made
    redo = inverse.apply(doc)      # undone exactly; ``redo`` makes it again

Because items are frozen values, an edit never mutates one: it swaps it for another, so the
inverse only has to put the old value back.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from orgdesigner.model.document import (
    LineKind,
    Note,
    OrgDocument,
    Position,
    PositionKind,
    Process,
    RaciRole,
    ReportingLine,
    Scenario,
    Team,
    Unit,
)
from orgdesigner.model.edit_primitives import (
    Collection,
    Compound,
    Edit,
    EditError,
    History,
    InsertItem,
    InsertScenario,
    Relation,
    RemoveItem,
    RemoveMode,
    RemoveScenario,
    ReplaceCollection,
    ReplaceItem,
    SetActiveScenario,
    SetMeta,
    SetProfile,
    SetScenarioName,
    SetView,
)

__all__ = [
    "Collection", "Compound", "Edit", "EditError", "History", "InsertItem", "InsertScenario",
    "Relation", "RemoveItem", "RemoveMode", "RemoveScenario", "ReplaceCollection",
    "ReplaceItem", "SetActiveScenario", "SetMeta", "SetProfile", "SetScenarioName", "SetView",
    "add_dotted_line", "add_note", "add_position", "add_process", "add_scenario_copy",
    "add_team", "add_team_member", "add_unit", "change_note", "change_position",
    "change_team", "change_unit", "change_view", "move_process", "move_to_unit", "new_id",
    "reassign_manager", "remove_dotted_line", "remove_note", "remove_position",
    "remove_process", "remove_scenario", "remove_team", "remove_team_member", "remove_unit",
    "rename_process", "rename_scenario", "rename_unit", "set_active_scenario", "set_raci",
    "toggle_collapsed",
]


# -- helpers -----------------------------------------------------------------------------
def _scenario(doc: OrgDocument, scenario_id: str | None) -> Scenario:
    try:
        return doc.scenario(scenario_id)
    except KeyError:
        raise EditError(f"there is no scenario {scenario_id!r}") from None


def _index(items: Sequence[Any], item_id: str, what: str) -> int:
    for i, item in enumerate(items):
        if item.id == item_id:
            return i
    raise EditError(f"there is no {what} {item_id!r}")


def _changed(item: BaseModel, changes: dict[str, Any], what: str) -> BaseModel:
    """A validated copy of ``item`` with ``changes``; refuses unknown fields and the id."""
    if "id" in changes and changes["id"] != getattr(item, "id", None):
        raise EditError(f"the id of a {what} cannot be changed")
    unknown = set(changes) - set(type(item).model_fields)
    if unknown:
        raise EditError(f"a {what} has no field {', '.join(sorted(unknown))}")
    data = item.model_dump()
    data.update(changes)
    try:
        return type(item).model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise EditError(f"{what} {field}: {err['msg']}") from None


def new_id(existing: Iterable[str], prefix: str) -> str:
    """The first ``prefix1``, ``prefix2``... not in ``existing``."""
    taken = set(existing)
    for n in itertools.count(1):
        candidate = f"{prefix}{n}"
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable")


def _parents(scenario: Scenario) -> dict[str, str]:
    return {
        line.report_id: line.manager_id
        for line in scenario.lines
        if line.kind is LineKind.SOLID
    }


def _solid_line_index(scenario: Scenario, report_id: str) -> int | None:
    for i, line in enumerate(scenario.lines):
        if line.report_id == report_id and line.kind is LineKind.SOLID:
            return i
    return None


def _after_last_report(lines: Sequence[ReportingLine], manager_id: str) -> int:
    """Index for a new line that makes its report the manager's last one."""
    last = None
    for i, line in enumerate(lines):
        if line.manager_id == manager_id and line.kind is LineKind.SOLID:
            last = i
    return len(lines) if last is None else last + 1


def _without_references(scenario: Scenario, gone: set[str], label: str) -> list[Edit]:
    """Edits that drop every reference to the positions in ``gone`` (teams, RACI, notes,
    view) so no dangling id is left behind."""
    sid = scenario.id
    edits: list[Edit] = []
    for i, team in enumerate(scenario.teams):
        members = tuple(m for m in team.member_ids if m not in gone)
        sponsor = None if team.sponsor_id in gone else team.sponsor_id
        if members != team.member_ids or sponsor != team.sponsor_id:
            new = team.model_copy(update={"member_ids": members, "sponsor_id": sponsor})
            edits.append(ReplaceItem(sid, Collection.TEAMS, i, new, label))
    for i, proc in enumerate(scenario.processes):
        if gone.intersection(proc.assignments):
            kept = {k: v for k, v in proc.assignments.items() if k not in gone}
            new = proc.model_copy(update={"assignments": kept})
            edits.append(ReplaceItem(sid, Collection.PROCESSES, i, new, label))
    for i, note in enumerate(scenario.notes):
        if note.attached_to in gone:
            new = note.model_copy(update={"attached_to": None})
            edits.append(ReplaceItem(sid, Collection.NOTES, i, new, label))
    view = scenario.view
    collapsed = tuple(c for c in view.collapsed if c not in gone)
    offsets = {k: v for k, v in view.offsets.items() if k not in gone}
    if collapsed != view.collapsed or offsets != view.offsets:
        new_view = view.model_copy(update={"collapsed": collapsed, "offsets": offsets})
        edits.append(SetView(sid, new_view, label))
    return edits


# -- positions and reporting lines ------------------------------------------------------
def add_position(
    doc: OrgDocument,
    position: Position,
    *,
    anchor_id: str | None = None,
    relation: Relation = Relation.REPORT,
    scenario_id: str | None = None,
) -> Edit:
    """Add ``position`` as a report, peer or assistant of ``anchor_id`` (a new top when
    there is no anchor, or when it is the peer of a top)."""
    scenario = _scenario(doc, scenario_id)
    sid = scenario.id
    if any(p.id == position.id for p in scenario.positions):
        raise EditError(f"a position with id {position.id!r} already exists")
    label = {
        Relation.REPORT: "Add report",
        Relation.PEER: "Add peer",
        Relation.ASSISTANT: "Add assistant",
    }[relation]
    if anchor_id is None:
        return InsertItem(sid, Collection.POSITIONS, len(scenario.positions), position,
                          "Add position")
    anchor_index = _index(scenario.positions, anchor_id, "position")
    if relation is Relation.ASSISTANT:
        position = position.model_copy(update={"kind": PositionKind.ASSISTANT})
    edits: list[Edit] = []
    if relation is Relation.PEER:
        line_index = _solid_line_index(scenario, anchor_id)
        edits.append(InsertItem(sid, Collection.POSITIONS, anchor_index + 1, position, label))
        if line_index is not None:
            manager = scenario.lines[line_index].manager_id
            line = ReportingLine(manager_id=manager, report_id=position.id)
            edits.append(InsertItem(sid, Collection.LINES, line_index + 1, line, label))
    else:
        edits.append(InsertItem(sid, Collection.POSITIONS, len(scenario.positions), position,
                                label))
        line = ReportingLine(manager_id=anchor_id, report_id=position.id)
        index = _after_last_report(scenario.lines, anchor_id)
        edits.append(InsertItem(sid, Collection.LINES, index, line, label))
    return Compound(label, tuple(edits))


def remove_position(
    doc: OrgDocument,
    position_id: str,
    mode: RemoveMode = RemoveMode.REHOME,
    *,
    scenario_id: str | None = None,
) -> Edit:
    """Remove a position. Its reports move up to its manager (``REHOME``; they become tops
    when it had none) or leave with it (``SUBTREE``)."""
    scenario = _scenario(doc, scenario_id)
    sid = scenario.id
    _index(scenario.positions, position_id, "position")
    label = "Remove position" if mode is RemoveMode.REHOME else "Remove subtree"
    if mode is RemoveMode.SUBTREE:
        children: dict[str, list[str]] = {}
        for rid, mid in _parents(scenario).items():
            children.setdefault(mid, []).append(rid)
        gone = {position_id}
        stack = [position_id]
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in gone:
                    gone.add(child)
                    stack.append(child)
        lines = tuple(
            ln for ln in scenario.lines if ln.manager_id not in gone and ln.report_id not in gone
        )
    else:
        gone = {position_id}
        manager = scenario.manager_of(position_id)
        # The reports take the removed position's place among its manager's reports.
        rehomed = [
            ln.model_copy(update={"manager_id": manager})
            for ln in scenario.lines
            if ln.manager_id == position_id and ln.kind is LineKind.SOLID
            and manager is not None
        ]
        new_lines: list[ReportingLine] = []
        for ln in scenario.lines:
            if ln.report_id == position_id:
                if ln.kind is LineKind.SOLID:
                    new_lines.extend(rehomed)
                continue
            if ln.manager_id == position_id:
                continue
            new_lines.append(ln)
        lines = tuple(new_lines)
    positions = tuple(p for p in scenario.positions if p.id not in gone)
    edits: list[Edit] = [
        ReplaceCollection(sid, Collection.LINES, lines, label),
        ReplaceCollection(sid, Collection.POSITIONS, positions, label),
        *_without_references(scenario, gone, label),
    ]
    return Compound(label, tuple(edits))


def reassign_manager(
    doc: OrgDocument,
    position_id: str,
    new_manager_id: str | None,
    *,
    scenario_id: str | None = None,
) -> Edit:
    """Make ``new_manager_id`` the solid-line manager of a position (its subtree comes
    along; None makes it a top). Refused when it would create a reporting cycle."""
    scenario = _scenario(doc, scenario_id)
    sid = scenario.id
    position = scenario.positions[_index(scenario.positions, position_id, "position")]
    label = "Move position"
    if new_manager_id is not None:
        manager = scenario.positions[_index(scenario.positions, new_manager_id, "position")]
        parents = _parents(scenario)
        current: str | None = new_manager_id
        seen: set[str] = set()
        while current is not None and current not in seen:
            if current == position_id:
                raise EditError(
                    f"{manager.label} reports to {position.label}: making them "
                    f"{position.label}'s manager would create a reporting cycle"
                )
            seen.add(current)
            current = parents.get(current)
    old_index = _solid_line_index(scenario, position_id)
    if old_index is not None and scenario.lines[old_index].manager_id == new_manager_id:
        raise EditError(f"{position.label} already reports there")
    if old_index is None and new_manager_id is None:
        raise EditError(f"{position.label} is already a top position")
    edits: list[Edit] = []
    if old_index is not None:
        edits.append(RemoveItem(sid, Collection.LINES, old_index, label))
    if new_manager_id is not None:
        lines = list(scenario.lines)
        if old_index is not None:
            lines.pop(old_index)
        index = _after_last_report(lines, new_manager_id)
        line = ReportingLine(manager_id=new_manager_id, report_id=position_id)
        edits.append(InsertItem(sid, Collection.LINES, index, line, label))
    return Compound(label, tuple(edits))


def add_dotted_line(
    doc: OrgDocument, manager_id: str, report_id: str, *, scenario_id: str | None = None
) -> Edit:
    """A dotted (matrix) line from ``manager_id`` to ``report_id``."""
    scenario = _scenario(doc, scenario_id)
    _index(scenario.positions, manager_id, "position")
    _index(scenario.positions, report_id, "position")
    if manager_id == report_id:
        raise EditError("a position cannot have a dotted line to itself")
    for ln in scenario.lines:
        if ln.manager_id == manager_id and ln.report_id == report_id:
            kind = "dotted" if ln.kind is LineKind.DOTTED else "solid"
            raise EditError(f"there is already a {kind} line between them")
    line = ReportingLine(manager_id=manager_id, report_id=report_id, kind=LineKind.DOTTED)
    return InsertItem(scenario.id, Collection.LINES, len(scenario.lines), line,
                      "Add dotted line")


def remove_dotted_line(
    doc: OrgDocument, manager_id: str, report_id: str, *, scenario_id: str | None = None
) -> Edit:
    scenario = _scenario(doc, scenario_id)
    for i, ln in enumerate(scenario.lines):
        if (ln.manager_id, ln.report_id, ln.kind) == (manager_id, report_id, LineKind.DOTTED):
            return RemoveItem(scenario.id, Collection.LINES, i, "Remove dotted line")
    raise EditError(f"there is no dotted line from {manager_id!r} to {report_id!r}")


def change_position(
    doc: OrgDocument, position_id: str, *, scenario_id: str | None = None, **changes: Any
) -> Edit:
    """Change any fields of a position (holder, title, unit_id, fte...), validated."""
    scenario = _scenario(doc, scenario_id)
    i = _index(scenario.positions, position_id, "position")
    if "unit_id" in changes and changes["unit_id"] is not None:
        _index(scenario.units, changes["unit_id"], "unit")
    new = _changed(scenario.positions[i], changes, "position")
    label = "Rename" if set(changes) <= {"holder", "title"} else "Change position"
    return ReplaceItem(scenario.id, Collection.POSITIONS, i, new, label)


def move_to_unit(
    doc: OrgDocument, position_id: str, unit_id: str | None, *, scenario_id: str | None = None
) -> Edit:
    return change_position(doc, position_id, scenario_id=scenario_id, unit_id=unit_id)


# -- units -------------------------------------------------------------------------------
def add_unit(doc: OrgDocument, unit: Unit, *, scenario_id: str | None = None) -> Edit:
    scenario = _scenario(doc, scenario_id)
    if any(u.id == unit.id for u in scenario.units):
        raise EditError(f"a unit with id {unit.id!r} already exists")
    if unit.parent_id is not None:
        _index(scenario.units, unit.parent_id, "unit")
    return InsertItem(scenario.id, Collection.UNITS, len(scenario.units), unit, "Add unit")


def change_unit(
    doc: OrgDocument, unit_id: str, *, scenario_id: str | None = None, **changes: Any
) -> Edit:
    """Rename a unit, recolour it, mark it a division, give it a parent..."""
    scenario = _scenario(doc, scenario_id)
    i = _index(scenario.units, unit_id, "unit")
    parent = changes.get("parent_id")
    if parent is not None:
        _index(scenario.units, parent, "unit")
        current: str | None = parent
        by_id = {u.id: u for u in scenario.units}
        while current is not None:
            if current == unit_id:
                raise EditError("a unit cannot sit inside itself")
            current = by_id[current].parent_id if current in by_id else None
    new = _changed(scenario.units[i], changes, "unit")
    return ReplaceItem(scenario.id, Collection.UNITS, i, new, "Change unit")


def rename_unit(doc: OrgDocument, unit_id: str, name: str, **kw: Any) -> Edit:
    return change_unit(doc, unit_id, name=name, **kw)


def remove_unit(doc: OrgDocument, unit_id: str, *, scenario_id: str | None = None) -> Edit:
    """Remove a unit. Its positions and sub-units move to its parent unit (or none)."""
    scenario = _scenario(doc, scenario_id)
    sid = scenario.id
    i = _index(scenario.units, unit_id, "unit")
    parent = scenario.units[i].parent_id
    label = "Remove unit"
    edits: list[Edit] = []
    for j, p in enumerate(scenario.positions):
        if p.unit_id == unit_id:
            edits.append(ReplaceItem(sid, Collection.POSITIONS, j,
                                     p.model_copy(update={"unit_id": parent}), label))
    for j, u in enumerate(scenario.units):
        if u.parent_id == unit_id:
            edits.append(ReplaceItem(sid, Collection.UNITS, j,
                                     u.model_copy(update={"parent_id": parent}), label))
    if unit_id in scenario.view.division_order:
        order = tuple(d for d in scenario.view.division_order if d != unit_id)
        edits.append(SetView(sid, scenario.view.model_copy(update={"division_order": order}),
                             label))
    gone = {unit_id}
    for j, proc in enumerate(scenario.processes):
        if gone.intersection(proc.assignments):
            kept = {k: v for k, v in proc.assignments.items() if k not in gone}
            edits.append(ReplaceItem(sid, Collection.PROCESSES, j,
                                     proc.model_copy(update={"assignments": kept}), label))
    edits.append(RemoveItem(sid, Collection.UNITS, i, label))
    return Compound(label, tuple(edits))


# -- teams -------------------------------------------------------------------------------
def add_team(doc: OrgDocument, team: Team, *, scenario_id: str | None = None) -> Edit:
    scenario = _scenario(doc, scenario_id)
    if any(t.id == team.id for t in scenario.teams):
        raise EditError(f"a team with id {team.id!r} already exists")
    known = {p.id for p in scenario.positions}
    missing = [m for m in (*team.member_ids, team.sponsor_id) if m is not None and m not in known]
    if missing:
        raise EditError(f"there is no position {missing[0]!r}")
    return InsertItem(scenario.id, Collection.TEAMS, len(scenario.teams), team, "Add team")


def change_team(
    doc: OrgDocument, team_id: str, *, scenario_id: str | None = None, **changes: Any
) -> Edit:
    scenario = _scenario(doc, scenario_id)
    i = _index(scenario.teams, team_id, "team")
    if changes.get("sponsor_id") is not None:
        _index(scenario.positions, changes["sponsor_id"], "position")
    new = _changed(scenario.teams[i], changes, "team")
    return ReplaceItem(scenario.id, Collection.TEAMS, i, new, "Change team")


def remove_team(doc: OrgDocument, team_id: str, *, scenario_id: str | None = None) -> Edit:
    scenario = _scenario(doc, scenario_id)
    i = _index(scenario.teams, team_id, "team")
    return RemoveItem(scenario.id, Collection.TEAMS, i, "Remove team")


def add_team_member(
    doc: OrgDocument, team_id: str, position_id: str, *, scenario_id: str | None = None
) -> Edit:
    scenario = _scenario(doc, scenario_id)
    i = _index(scenario.teams, team_id, "team")
    _index(scenario.positions, position_id, "position")
    team = scenario.teams[i]
    if position_id in team.member_ids:
        raise EditError(f"{scenario.position(position_id).label} is already in {team.name}")
    new = team.model_copy(update={"member_ids": (*team.member_ids, position_id)})
    return ReplaceItem(scenario.id, Collection.TEAMS, i, new, "Add team member")


def remove_team_member(
    doc: OrgDocument, team_id: str, position_id: str, *, scenario_id: str | None = None
) -> Edit:
    scenario = _scenario(doc, scenario_id)
    i = _index(scenario.teams, team_id, "team")
    team = scenario.teams[i]
    if position_id not in team.member_ids:
        raise EditError(f"{position_id!r} is not a member of {team.name}")
    members = tuple(m for m in team.member_ids if m != position_id)
    new = team.model_copy(update={"member_ids": members})
    return ReplaceItem(scenario.id, Collection.TEAMS, i, new, "Remove team member")


# -- responsibility chart (RACI) ----------------------------------------------------------
def add_process(
    doc: OrgDocument, process: Process, *, index: int | None = None,
    scenario_id: str | None = None,
) -> Edit:
    scenario = _scenario(doc, scenario_id)
    if any(p.id == process.id for p in scenario.processes):
        raise EditError(f"a process with id {process.id!r} already exists")
    at = len(scenario.processes) if index is None else max(0, min(index,
                                                                  len(scenario.processes)))
    return InsertItem(scenario.id, Collection.PROCESSES, at, process, "Add process")


def rename_process(
    doc: OrgDocument, process_id: str, name: str, *, scenario_id: str | None = None
) -> Edit:
    scenario = _scenario(doc, scenario_id)
    i = _index(scenario.processes, process_id, "process")
    new = _changed(scenario.processes[i], {"name": name}, "process")
    return ReplaceItem(scenario.id, Collection.PROCESSES, i, new, "Rename process")


def remove_process(
    doc: OrgDocument, process_id: str, *, scenario_id: str | None = None
) -> Edit:
    scenario = _scenario(doc, scenario_id)
    i = _index(scenario.processes, process_id, "process")
    return RemoveItem(scenario.id, Collection.PROCESSES, i, "Remove process")


def move_process(
    doc: OrgDocument, process_id: str, new_index: int, *, scenario_id: str | None = None
) -> Edit:
    scenario = _scenario(doc, scenario_id)
    sid = scenario.id
    i = _index(scenario.processes, process_id, "process")
    new_index = max(0, min(new_index, len(scenario.processes) - 1))
    if new_index == i:
        raise EditError("the process is already there")
    item = scenario.processes[i]
    return Compound("Move process", (
        RemoveItem(sid, Collection.PROCESSES, i, "Move process"),
        InsertItem(sid, Collection.PROCESSES, new_index, item, "Move process"),
    ))


def set_raci(
    doc: OrgDocument,
    process_id: str,
    party_id: str,
    role: RaciRole | None,
    *,
    scenario_id: str | None = None,
) -> Edit:
    """Give a position or unit a letter (R, A, C, I) for a process; None clears it."""
    scenario = _scenario(doc, scenario_id)
    i = _index(scenario.processes, process_id, "process")
    if not any(p.id == party_id for p in scenario.positions) and not any(
        u.id == party_id for u in scenario.units
    ):
        raise EditError(f"there is no position or unit {party_id!r}")
    proc = scenario.processes[i]
    assignments = dict(proc.assignments)
    if role is None:
        if party_id not in assignments:
            raise EditError("that cell is already empty")
        del assignments[party_id]
    else:
        assignments[party_id] = RaciRole(role)
    new = proc.model_copy(update={"assignments": assignments})
    return ReplaceItem(scenario.id, Collection.PROCESSES, i, new, "Set responsibility")


# -- notes -------------------------------------------------------------------------------
def add_note(doc: OrgDocument, note: Note, *, scenario_id: str | None = None) -> Edit:
    scenario = _scenario(doc, scenario_id)
    if any(n.id == note.id for n in scenario.notes):
        raise EditError(f"a note with id {note.id!r} already exists")
    if note.attached_to is not None:
        _index(scenario.positions, note.attached_to, "position")
    return InsertItem(scenario.id, Collection.NOTES, len(scenario.notes), note, "Add note")


def change_note(
    doc: OrgDocument, note_id: str, *, scenario_id: str | None = None, **changes: Any
) -> Edit:
    scenario = _scenario(doc, scenario_id)
    i = _index(scenario.notes, note_id, "note")
    if changes.get("attached_to") is not None:
        _index(scenario.positions, changes["attached_to"], "position")
    new = _changed(scenario.notes[i], changes, "note")
    return ReplaceItem(scenario.id, Collection.NOTES, i, new, "Edit note")


def remove_note(doc: OrgDocument, note_id: str, *, scenario_id: str | None = None) -> Edit:
    scenario = _scenario(doc, scenario_id)
    i = _index(scenario.notes, note_id, "note")
    return RemoveItem(scenario.id, Collection.NOTES, i, "Remove note")


# -- view settings -----------------------------------------------------------------------
def change_view(doc: OrgDocument, *, scenario_id: str | None = None, **changes: Any) -> Edit:
    """Orientation, collapsed subtrees, manual offsets, division order."""
    scenario = _scenario(doc, scenario_id)
    new = _changed(scenario.view, changes, "view")
    return SetView(scenario.id, new, "Change view")


def toggle_collapsed(
    doc: OrgDocument, position_id: str, *, scenario_id: str | None = None
) -> Edit:
    scenario = _scenario(doc, scenario_id)
    _index(scenario.positions, position_id, "position")
    collapsed = scenario.view.collapsed
    if position_id in collapsed:
        new = tuple(c for c in collapsed if c != position_id)
        label = "Expand"
    else:
        new = (*collapsed, position_id)
        label = "Collapse"
    return SetView(scenario.id, scenario.view.model_copy(update={"collapsed": new}), label)


# -- scenarios ---------------------------------------------------------------------------
def add_scenario_copy(
    doc: OrgDocument, source_id: str, name: str, *, new_id_: str | None = None
) -> Edit:
    """A new scenario as a copy of another ("To-be A" from "As-is"), placed after it."""
    source = _scenario(doc, source_id)
    name = name.strip()
    if not name:
        raise EditError("a scenario needs a name")
    if any(s.name.casefold() == name.casefold() for s in doc.scenarios):
        raise EditError(f"there is already a scenario called {name!r}")
    sid = new_id_ or new_id((s.id for s in doc.scenarios), "scenario-")
    copy = source.model_copy(deep=True, update={"id": sid, "name": name})
    index = doc.scenarios.index(source) + 1
    return InsertScenario(index, copy, f"Add scenario {name}")


def rename_scenario(doc: OrgDocument, scenario_id: str, name: str) -> Edit:
    scenario = _scenario(doc, scenario_id)
    name = name.strip()
    if not name:
        raise EditError("a scenario needs a name")
    if any(s.name.casefold() == name.casefold() and s is not scenario for s in doc.scenarios):
        raise EditError(f"there is already a scenario called {name!r}")
    return SetScenarioName(scenario.id, name)


def remove_scenario(doc: OrgDocument, scenario_id: str) -> Edit:
    scenario = _scenario(doc, scenario_id)
    if len(doc.scenarios) == 1:
        raise EditError("a document keeps at least one scenario")
    return RemoveScenario(doc.scenarios.index(scenario), f"Remove scenario {scenario.name}")


def set_active_scenario(doc: OrgDocument, scenario_id: str) -> Edit:
    _scenario(doc, scenario_id)
    return SetActiveScenario(scenario_id)
