"""The primitive edits and how they combine: insert, remove or replace one item of a
scenario's collection, swap a whole collection, insert or remove a scenario, set a document
field, a ``Compound`` of edits, and a plain undo/redo ``History``. Each ``apply(doc)`` makes
its change and returns the edit that undoes it exactly. The builders users call
(``add_position``, ``reassign_manager``...) are in ``edits.py``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Protocol

from orgdesigner.model.document import Meta, OrgDocument, Scenario, ViewSettings
from orgdesigner.model.profile import CheckProfile


class EditError(ValueError):
    """An edit was refused; the message says why in words a user understands."""


class Collection(enum.Enum):
    UNITS = "units"
    POSITIONS = "positions"
    LINES = "lines"
    TEAMS = "teams"
    PROCESSES = "processes"
    NOTES = "notes"


class Relation(enum.Enum):
    """Where a new position goes relative to the selected one."""

    REPORT = "report"
    PEER = "peer"
    ASSISTANT = "assistant"


class RemoveMode(enum.Enum):
    """What happens to the reports of a removed position."""

    REHOME = "rehome"  # they move up to the removed position's manager
    SUBTREE = "subtree"  # they go too, with everybody under them


def _items(scenario: Scenario, collection: Collection) -> list[Any]:
    match collection:
        case Collection.UNITS:
            return scenario.units
        case Collection.POSITIONS:
            return scenario.positions
        case Collection.LINES:
            return scenario.lines
        case Collection.TEAMS:
            return scenario.teams
        case Collection.PROCESSES:
            return scenario.processes
        case Collection.NOTES:
            return scenario.notes


class Edit(Protocol):
    label: str

    def apply(self, doc: OrgDocument) -> Edit:
        """Make the change on ``doc`` and return the edit that undoes it."""
        ...


# -- primitive edits ---------------------------------------------------------------------
@dataclass(frozen=True)
class InsertItem:
    scenario_id: str
    collection: Collection
    index: int
    item: Any
    label: str = "Insert"

    def apply(self, doc: OrgDocument) -> Edit:
        _items(doc.scenario(self.scenario_id), self.collection).insert(self.index, self.item)
        return RemoveItem(self.scenario_id, self.collection, self.index, self.label)


@dataclass(frozen=True)
class RemoveItem:
    scenario_id: str
    collection: Collection
    index: int
    label: str = "Remove"

    def apply(self, doc: OrgDocument) -> Edit:
        item = _items(doc.scenario(self.scenario_id), self.collection).pop(self.index)
        return InsertItem(self.scenario_id, self.collection, self.index, item, self.label)


@dataclass(frozen=True)
class ReplaceItem:
    scenario_id: str
    collection: Collection
    index: int
    item: Any
    label: str = "Change"

    def apply(self, doc: OrgDocument) -> Edit:
        items = _items(doc.scenario(self.scenario_id), self.collection)
        old = items[self.index]
        items[self.index] = self.item
        return ReplaceItem(self.scenario_id, self.collection, self.index, old, self.label)


@dataclass(frozen=True)
class ReplaceCollection:
    """Swap a whole collection at once: bulk changes (a subtree removed) in O(n)."""

    scenario_id: str
    collection: Collection
    items: tuple[Any, ...]
    label: str = "Change"

    def apply(self, doc: OrgDocument) -> Edit:
        current = _items(doc.scenario(self.scenario_id), self.collection)
        old = tuple(current)
        current[:] = self.items
        return ReplaceCollection(self.scenario_id, self.collection, old, self.label)


@dataclass(frozen=True)
class SetView:
    scenario_id: str
    view: ViewSettings
    label: str = "Change view"

    def apply(self, doc: OrgDocument) -> Edit:
        scenario = doc.scenario(self.scenario_id)
        old = scenario.view
        scenario.view = self.view
        return SetView(self.scenario_id, old, self.label)


@dataclass(frozen=True)
class SetScenarioName:
    scenario_id: str
    name: str
    label: str = "Rename scenario"

    def apply(self, doc: OrgDocument) -> Edit:
        scenario = doc.scenario(self.scenario_id)
        old = scenario.name
        scenario.name = self.name
        return SetScenarioName(self.scenario_id, old, self.label)


@dataclass(frozen=True)
class InsertScenario:
    index: int
    scenario: Scenario
    label: str = "Add scenario"

    def apply(self, doc: OrgDocument) -> Edit:
        doc.scenarios.insert(self.index, self.scenario.model_copy(deep=True))
        return RemoveScenario(self.index, self.label)


@dataclass(frozen=True)
class RemoveScenario:
    index: int
    label: str = "Remove scenario"

    def apply(self, doc: OrgDocument) -> Edit:
        if len(doc.scenarios) == 1:
            raise EditError("a document keeps at least one scenario")
        scenario = doc.scenarios.pop(self.index)
        if doc.active_scenario == scenario.id:
            doc.active_scenario = doc.scenarios[min(self.index, len(doc.scenarios) - 1)].id
            return Compound(
                self.label,
                (InsertScenario(self.index, scenario, self.label),
                 SetActiveScenario(scenario.id, self.label)),
            )
        return InsertScenario(self.index, scenario, self.label)


@dataclass(frozen=True)
class SetActiveScenario:
    scenario_id: str
    label: str = "Switch scenario"

    def apply(self, doc: OrgDocument) -> Edit:
        old = doc.active_scenario
        doc.scenario(self.scenario_id)
        doc.active_scenario = self.scenario_id
        return SetActiveScenario(old, self.label)


@dataclass(frozen=True)
class SetMeta:
    meta: Meta
    label: str = "Change document properties"

    def apply(self, doc: OrgDocument) -> Edit:
        old = doc.meta
        doc.meta = self.meta
        return SetMeta(old, self.label)


@dataclass(frozen=True)
class SetProfile:
    profile: CheckProfile
    label: str = "Change check profile"

    def apply(self, doc: OrgDocument) -> Edit:
        old = doc.check_profile
        doc.check_profile = self.profile
        return SetProfile(old, self.label)


@dataclass(frozen=True)
class Compound:
    """Several edits made and undone as one step (one drag, one delete with re-homing)."""

    label: str
    edits: tuple[Edit, ...]

    def apply(self, doc: OrgDocument) -> Edit:
        inverses: list[Edit] = []
        try:
            for edit in self.edits:
                inverses.append(edit.apply(doc))
        except Exception:
            for inverse in reversed(inverses):
                inverse.apply(doc)
            raise
        return Compound(self.label, tuple(reversed(inverses)))


# -- history -----------------------------------------------------------------------------
class History:
    """A plain undo/redo history for headless use (the GUI uses QUndoStack instead)."""

    def __init__(self, doc: OrgDocument) -> None:
        self.doc = doc
        self._undo: list[Edit] = []
        self._redo: list[Edit] = []

    def do(self, edit: Edit) -> None:
        self._undo.append(edit.apply(self.doc))
        self._redo.clear()

    def undo(self) -> None:
        self._redo.append(self._undo.pop().apply(self.doc))

    def redo(self) -> None:
        self._undo.append(self._redo.pop().apply(self.doc))

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)
