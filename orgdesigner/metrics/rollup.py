"""Roll-ups: headcount, FTE, cost, vacancies and customer-facing share per unit and per
division.

Headcount counts occupied positions; FTE sums the FTE of occupied positions; cost sums
the cost of every position that has one (a vacancy is budgeted too); vacancies count
positions with no holder. A unit's figures include its sub-units. Divisions are the units
marked as divisions; when there are none, the subtrees of the top's direct reports (the
same columns as the customer-on-top pyramid).
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from orgdesigner.metrics.hierarchy import LazyOrgGraph, lean
from orgdesigner.model.document import Position, PositionKind, Scenario
from orgdesigner.model.graph import OrgGraph

__all__ = ["Rollup", "division_membership", "division_rollups", "org_rollup", "unit_rollups"]

#: Key of the bucket for positions outside every division (the top, staff functions).
OUTSIDE = ""


class Rollup(BaseModel):
    """Figures for one unit, one division or the whole organisation."""

    id: str = Field(description="unit id, branch head position id, or '' for the rest")
    name: str
    positions: int = 0
    headcount: int = Field(default=0, description="occupied positions")
    fte: float = Field(default=0.0, description="FTE of occupied positions")
    cost: float = Field(default=0.0, description="cost of all positions that have one")
    vacancies: int = 0
    customer_facing: int = Field(default=0, description="occupied customer-facing positions")
    customer_facing_share: float | None = Field(
        default=None, description="customer_facing / headcount")


class _Acc:
    __slots__ = ("cost", "facing", "fte", "headcount", "positions", "vacancies")

    def __init__(self) -> None:
        self.positions = self.headcount = self.vacancies = self.facing = 0
        self.fte = self.cost = 0.0

    def add(self, p: Position) -> None:
        self.positions += 1
        if p.holder.strip():
            self.headcount += 1
            self.fte += p.fte
            if p.customer_facing:
                self.facing += 1
        else:
            self.vacancies += 1
        if p.cost is not None:
            self.cost += p.cost

    def merge(self, other: _Acc) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def rollup(self, key: str, name: str) -> Rollup:
        return Rollup(
            id=key, name=name, positions=self.positions, headcount=self.headcount,
            fte=round(self.fte, 3), cost=round(self.cost, 2), vacancies=self.vacancies,
            customer_facing=self.facing,
            customer_facing_share=round(self.facing / self.headcount, 4)
            if self.headcount else None)


def _accumulate(positions: Iterable[Position]) -> _Acc:
    acc = _Acc()
    for p in positions:
        acc.add(p)
    return acc


def org_rollup(graph: OrgGraph | Scenario) -> Rollup:
    """The whole organisation's figures."""
    g = lean(graph)
    return g.memo("org_rollup", lambda: _accumulate(g.positions.values()).rollup(
        "*", "Whole organisation"))


def unit_rollups(graph: OrgGraph | Scenario) -> list[Rollup]:
    """Figures of every unit (sub-units included), in document order."""
    g = lean(graph)
    return g.memo("unit_rollups", lambda: _unit_rollups(g))


def _unit_rollups(g: LazyOrgGraph) -> list[Rollup]:
    direct: dict[str, _Acc] = {uid: _Acc() for uid in g.units}
    for p in g.positions.values():
        if p.unit_id in direct:
            direct[p.unit_id].add(p)
    total: dict[str, _Acc] = {uid: _Acc() for uid in g.units}
    for uid, acc in direct.items():
        seen: set[str] = set()
        current: str | None = uid
        while current is not None and current in total and current not in seen:
            seen.add(current)
            total[current].merge(acc)
            current = g.units[current].parent_id
    return [total[uid].rollup(uid, u.name) for uid, u in g.units.items()]


def division_membership(graph: OrgGraph | Scenario) -> tuple[dict[str, str], dict[str, str]]:
    """(position id → division key, division key → name), divisions in the view's order.
    Like the pyramid's columns: units marked as divisions (a position outside them belongs
    to its manager's division), else the top's direct reports (its assistants aside).
    Positions outside every division are left out."""
    g = lean(graph)
    return g.memo("division_membership", lambda: _membership(g))


def _membership(g: LazyOrgGraph) -> tuple[dict[str, str], dict[str, str]]:
    divisions = g.scenario.divisions()
    if divisions:
        names = {u.id: u.name for u in divisions}
        of = g.division_of()
        member: dict[str, str] = {}
        for top in g.tops():  # inherit the manager's division, top down
            for pid in g.walk(top):
                d = of.get(pid)
                if d is None and (boss := g.parent.get(pid)) is not None:
                    d = member.get(boss)
                if d is not None:
                    member[pid] = d
        return member, names
    tops = g.tops()
    if not tops:
        return {}, {}
    main = max(tops, key=lambda t: len(g.children.get(t, ())))
    member = {}
    names = {}
    for head in g.children.get(main, ()):
        p = g.positions[head]
        if p.kind is PositionKind.ASSISTANT:  # the top's assistant is not a division
            continue
        unit = g.units.get(p.unit_id) if p.unit_id else None
        names[head] = unit.name if unit is not None else (p.title or p.label)
        for pid in g.subtree(head):
            member[pid] = head
    return member, names


def division_rollups(graph: OrgGraph | Scenario) -> list[Rollup]:
    """Figures of every division, in the view's division order, then the rest (if any)."""
    g = lean(graph)
    return g.memo("division_rollups", lambda: _division_rollups(g))


def _division_rollups(g: LazyOrgGraph) -> list[Rollup]:
    member, names = division_membership(g)
    accs = {key: _Acc() for key in names}
    rest = _Acc()
    for pid, p in g.positions.items():
        key = member.get(pid)
        (accs[key] if key is not None else rest).add(p)
    out = [accs[key].rollup(key, name) for key, name in names.items()]
    if rest.positions:
        out.append(rest.rollup(OUTSIDE, "Outside the divisions"))
    return out
