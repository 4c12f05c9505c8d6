"""The saved org document (schema version 1).

Everything a user makes lives here as pydantic data. Items inside a scenario (units,
positions, lines, teams, processes, notes, view settings) are *frozen* values: an edit
never changes one in place, it replaces it (see ``edits.py``), which is what makes every
edit exactly undoable. Saved documents are strict: unknown keys are refused and every
string and list is bounded, so an untrusted file cannot blow up memory.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from orgdesigner.model.profile import CheckProfile

SCHEMA_VERSION = 1
FORMAT_NAME = "orgdesigner"

MAX_POSITIONS = 1_000_000
MAX_ITEMS = 1_000_000

Id = Annotated[str, StringConstraints(min_length=1, max_length=128, strip_whitespace=True)]
Name = Annotated[str, StringConstraints(max_length=300)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=80)]


def now_iso() -> str:
    """The current time as an ISO-8601 string (UTC, seconds)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class _Value(BaseModel):
    """A frozen, strict value: replaced by edits, never mutated."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PositionKind(enum.StrEnum):
    """What a box on the chart stands for. A vacancy is any position with no holder."""

    PERSON = "person"
    ASSISTANT = "assistant"
    CONTRACTOR = "contractor"


class LineKind(enum.StrEnum):
    SOLID = "solid"
    DOTTED = "dotted"


class RaciRole(enum.StrEnum):
    RESPONSIBLE = "R"
    ACCOUNTABLE = "A"
    CONSULTED = "C"
    INFORMED = "I"


class Orientation(enum.StrEnum):
    CLASSIC = "classic"
    HORIZONTAL = "horizontal"
    INVERTED = "inverted"


class Unit(_Value):
    """An organisational unit (department, business unit). ``is_division`` marks the
    columns of the customer-on-top pyramid; ``function`` names the function the unit
    performs (sales, marketing, finance...) for the cross-functional checks."""

    id: Id
    name: Name
    parent_id: Id | None = None
    is_division: bool = False
    color: Colour | None = None
    function: Name = ""


class Position(_Value):
    """A box on the chart. Positions, not people, are the nodes: a restructure moves boxes."""

    id: Id
    title: Name = ""
    holder: Name = ""
    unit_id: Id | None = None
    kind: PositionKind = PositionKind.PERSON
    customer_facing: bool = False
    fte: float = Field(default=1.0, ge=0.0, le=10.0)
    cost: float | None = Field(default=None, ge=0.0, le=1e12)
    email: Name = ""
    phone: Name = ""
    tags: tuple[Tag, ...] = Field(default=(), max_length=100)
    notes: LongText = ""

    @property
    def vacant(self) -> bool:
        return not self.holder.strip()

    @property
    def label(self) -> str:
        """The text a person recognises the box by."""
        return self.holder.strip() or self.title or self.id


class ReportingLine(_Value):
    """``manager_id`` → ``report_id``. Solid lines form the hierarchy; dotted are matrix links."""

    manager_id: Id
    report_id: Id
    kind: LineKind = LineKind.SOLID


class Team(_Value):
    """A cross-functional team drawn from several functions."""

    id: Id
    name: Name
    purpose: LongText = ""
    sponsor_id: Id | None = None
    member_ids: tuple[Id, ...] = Field(default=(), max_length=100_000)
    color: Colour | None = None


class Process(_Value):
    """A row of the responsibility (RACI) chart: who holds which letter for one process.
    Parties are position ids or unit ids."""

    id: Id
    name: Name
    assignments: dict[Id, RaciRole] = Field(default_factory=dict, max_length=100_000)


class Note(_Value):
    """A sticky note, free on the canvas or attached to a position."""

    id: Id
    text: LongText = ""
    color: Colour = "#fff59d"
    x: float = 0.0
    y: float = 0.0
    attached_to: Id | None = None


class ViewSettings(_Value):
    orientation: Orientation = Orientation.CLASSIC
    collapsed: tuple[Id, ...] = Field(default=(), max_length=MAX_ITEMS)
    offsets: dict[Id, tuple[float, float]] = Field(default_factory=dict, max_length=MAX_ITEMS)
    division_order: tuple[Id, ...] = Field(default=(), max_length=10_000)


class Scenario(BaseModel):
    """One version of the organisation ("As-is", "To-be A"...)."""

    model_config = ConfigDict(extra="forbid")

    id: Id
    name: Name
    units: list[Unit] = Field(default_factory=list, max_length=MAX_ITEMS)
    positions: list[Position] = Field(default_factory=list, max_length=MAX_POSITIONS)
    lines: list[ReportingLine] = Field(default_factory=list, max_length=MAX_ITEMS)
    teams: list[Team] = Field(default_factory=list, max_length=MAX_ITEMS)
    processes: list[Process] = Field(default_factory=list, max_length=MAX_ITEMS)
    notes: list[Note] = Field(default_factory=list, max_length=MAX_ITEMS)
    view: ViewSettings = Field(default_factory=ViewSettings)

    def position(self, position_id: str) -> Position:
        """The position with this id; KeyError when there is none."""
        for p in self.positions:
            if p.id == position_id:
                return p
        raise KeyError(position_id)

    def position_index(self, position_id: str) -> int:
        for i, p in enumerate(self.positions):
            if p.id == position_id:
                return i
        raise KeyError(position_id)

    def unit(self, unit_id: str) -> Unit:
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)

    def manager_of(self, position_id: str) -> str | None:
        """The solid-line manager of a position, or None for a top."""
        for line in self.lines:
            if line.report_id == position_id and line.kind is LineKind.SOLID:
                return line.manager_id
        return None

    def divisions(self) -> list[Unit]:
        """Units marked as divisions, in the view's division order (then document order)."""
        divs = [u for u in self.units if u.is_division]
        order = {uid: i for i, uid in enumerate(self.view.division_order)}
        return sorted(divs, key=lambda u: order.get(u.id, len(order) + divs.index(u)))


class Meta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Name = "Untitled organisation"
    author: Name = ""
    created: Name = Field(default_factory=now_iso)
    modified: Name = Field(default_factory=now_iso)
    description: LongText = ""


class OrgDocument(BaseModel):
    """The whole file: meta, the check profile and one or more scenarios."""

    model_config = ConfigDict(extra="forbid")

    format: Name = FORMAT_NAME
    schema_version: int = SCHEMA_VERSION
    meta: Meta = Field(default_factory=Meta)
    check_profile: CheckProfile = Field(default_factory=CheckProfile)
    scenarios: list[Scenario] = Field(min_length=1, max_length=1000)
    active_scenario: Id

    @model_validator(mode="after")
    def _active_exists(self) -> OrgDocument:
        ids = [s.id for s in self.scenarios]
        if len(set(ids)) != len(ids):
            raise ValueError("scenario ids must be unique")
        if self.active_scenario not in ids:
            raise ValueError(f"active_scenario {self.active_scenario!r} is not a scenario id")
        if self.format != FORMAT_NAME:
            raise ValueError(f"format must be {FORMAT_NAME!r}")
        return self

    def scenario(self, scenario_id: str | None = None) -> Scenario:
        """A scenario by id (the active one when None); KeyError when there is none."""
        sid = scenario_id or self.active_scenario
        for s in self.scenarios:
            if s.id == sid:
                return s
        raise KeyError(sid)

    def scenario_by_name(self, name_or_id: str) -> Scenario:
        """A scenario by id or by (case-insensitive) name, as the command line takes it."""
        for s in self.scenarios:
            if s.id == name_or_id:
                return s
        for s in self.scenarios:
            if s.name.casefold() == name_or_id.casefold():
                return s
        raise KeyError(name_or_id)

    @classmethod
    def empty(cls, title: str = "Untitled organisation") -> OrgDocument:
        """A new document with one empty "As-is" scenario."""
        return cls(
            meta=Meta(title=title),
            scenarios=[Scenario(id="as-is", name="As-is")],
            active_scenario="as-is",
        )
