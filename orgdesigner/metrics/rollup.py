"""Roll-ups: headcount, FTE, cost, vacancies and customer-facing share per unit and per
division.

Headcount counts occupied positions; FTE sums the FTE of occupied positions; cost sums
the cost of every position that has one (a vacancy is budgeted too); vacancies count
positions with no holder. A unit's figures include its sub-units. Divisions are the units
marked as divisions; when there are none, the subtrees of the top's direct reports (the
same columns as the customer-on-top pyramid).
"""

from __future__ import annotations

from itertools import compress, filterfalse
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from orgdesigner.metrics.hierarchy import LazyOrgGraph, lean
from orgdesigner.model.document import Scenario
from orgdesigner.model.graph import OrgGraph

if TYPE_CHECKING:  # the layout package is heavy; BalanceFigures is imported when used
    from orgdesigner.layout.geometry import BalanceFigures

__all__ = ["Rollup", "division_membership", "division_rollups", "org_rollup", "pyramid_balance",
           "unit_rollups"]

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
    """Running totals for one roll-up."""

    __slots__ = ("cost", "facing", "fte", "headcount", "positions", "vacancies")

    def __init__(self) -> None:
        self.positions = self.headcount = self.vacancies = self.facing = 0
        self.fte = self.cost = 0.0

    def merge(self, other: _Acc) -> None:
        self.positions += other.positions
        self.headcount += other.headcount
        self.vacancies += other.vacancies
        self.facing += other.facing
        self.fte += other.fte
        self.cost += other.cost

    def rollup(self, key: str, name: str) -> Rollup:
        return Rollup(
            id=key, name=name, positions=self.positions, headcount=self.headcount,
            fte=round(self.fte, 3), cost=round(self.cost, 2), vacancies=self.vacancies,
            customer_facing=self.facing,
            customer_facing_share=round(self.facing / self.headcount, 4)
            if self.headcount else None)


def unit_rollups(graph: OrgGraph | Scenario) -> list[Rollup]:
    """Figures of every unit (sub-units included), in document order."""
    g = lean(graph)
    return g.memo("unit_rollups", lambda: _unit_rollups(g))


def _unit_rollups(g: LazyOrgGraph) -> list[Rollup]:
    direct: dict[object, _Acc] = {}
    for (uid, _), acc in _cell_sums(g).items():
        direct.setdefault(uid, _Acc()).merge(acc)
    total: dict[str, _Acc] = {uid: _Acc() for uid in g.units}
    for uid in g.units:
        acc = direct.get(uid)
        if acc is None:
            continue
        seen: set[str] = set()
        current: str | None = uid
        while current is not None and current in total and current not in seen:
            seen.add(current)
            total[current].merge(acc)
            current = g.units[current].parent_id
    return [total[uid].rollup(uid, u.name) for uid, u in g.units.items()]


def division_membership(graph: OrgGraph | Scenario) -> tuple[dict[str, str], dict[str, str]]:
    """(position id → division key, division key → name), divisions in column order.

    The same columns as the customer-on-top pyramid (``metrics.balance``): units marked
    as divisions, a position outside them belonging to its manager's division; when no
    unit is marked, the direct reports of the top(s). Positions outside every division are
    left out."""
    g = lean(graph)
    return g.memo("division_membership", lambda: _membership(g))


def _membership(g: LazyOrgGraph) -> tuple[dict[str, str], dict[str, str]]:
    parent = g.parent
    divisions = g.scenario.divisions()
    if divisions:
        names = {u.id: u.name for u in divisions}
        by_unit = {uid: d for uid, d in _unit_divisions(g).items() if d is not None}
        divs = list(map(by_unit.get, g.column("unit_id")))  # unit ids are never empty
        member: dict[str, str] = dict(compress(zip(g.positions, divs, strict=True), divs))
        depths = g.depths()
        if not g.unreachable():  # nothing hangs from a cycle: inherit top-down and done
            outside = sorted(filterfalse(member.__contains__, g.positions),
                             key=depths.__getitem__) if len(member) < len(g.positions) else []
            for pid in outside:
                boss = parent.get(pid)
                if boss is not None and boss in member:
                    member[pid] = member[boss]
            return member, names
        direct = {pid: by_unit[p.unit_id] for pid, p in g.positions.items()
                  if p.unit_id in by_unit}
    else:
        tops = set(g.tops())
        heads = [r for r, m in parent.items() if m in tops]
        rank = {did: i for i, did in enumerate(g.scenario.view.division_order)}
        order = {h: i for i, h in enumerate(heads)}
        heads.sort(key=lambda h: (rank.get(h, len(rank)), order[h]))
        names = {}
        for h in heads:
            p = g.positions[h]
            unit = g.units.get(p.unit_id) if p.unit_id else None
            names[h] = (unit.name if unit is not None else "") or p.title or p.label
        direct = {h: h for h in heads}
    member = {}
    for pid in g.depths():  # top-down: a position outside inherits its manager's
        d = direct.get(pid)
        if d is None and (boss := parent.get(pid)) is not None:
            d = member.get(boss)
        if d is not None:
            member[pid] = d
    for pid in g.unreachable():  # on or under a cycle: the first division up the line
        seen: set[str] = set()
        node: str | None = pid
        while node is not None and node not in seen and node not in direct:
            seen.add(node)
            node = parent.get(node)
        if node is not None and node in direct:
            member[pid] = direct[node]
    return member, names


def _unit_divisions(g: LazyOrgGraph) -> dict[str, str | None]:
    """The division of each unit: itself or the nearest parent unit marked as one."""
    out: dict[str, str | None] = {}
    for uid in g.units:
        seen: set[str] = set()
        current: str | None = uid
        found: str | None = None
        while current is not None and current in g.units and current not in seen:
            seen.add(current)
            if g.units[current].is_division:
                found = current
                break
            current = g.units[current].parent_id
        out[uid] = found
    return out


def _division_sums(g: LazyOrgGraph) -> dict[object, _Acc]:
    """Totals per division key (``OUTSIDE`` for the rest)."""
    def compute() -> dict[object, _Acc]:
        out: dict[object, _Acc] = {}
        for (_, key), acc in _cell_sums(g).items():
            out.setdefault(key, _Acc()).merge(acc)
        return out
    return g.memo("division_sums", compute)


def _cell_sums(g: LazyOrgGraph) -> dict[tuple[str | None, str], _Acc]:
    """Totals per (unit id, division key): the few cells both the unit and the division
    roll-ups add up, so the positions are read once for both."""
    def compute() -> dict[tuple[str | None, str], _Acc]:
        member, _ = division_membership(g)
        before = g.carried.get("division_membership")
        if before is not None and "cell_sums" in g.carried and before[0] == member:
            return g.carried["cell_sums"]  # same positions, units and divisions
        # Per cell: [positions, headcount, fte, cost, vacancies, customer-facing]
        sums: dict[tuple[str | None, str], list[float]] = {}
        for pid, p in g.positions.items():
            key = (p.unit_id, member.get(pid, OUTSIDE))
            row = sums.get(key)
            if row is None:
                row = sums[key] = [0, 0, 0.0, 0.0, 0, 0]
            row[0] += 1
            holder = p.holder
            if holder and not holder.isspace():
                row[1] += 1
                row[2] += p.fte
                if p.customer_facing:
                    row[5] += 1
            else:
                row[4] += 1
            cost = p.cost
            if cost is not None:
                row[3] += cost
        out: dict[tuple[str | None, str], _Acc] = {}
        for key, row in sums.items():
            acc = out[key] = _Acc()
            acc.positions, acc.headcount, acc.fte = int(row[0]), int(row[1]), row[2]
            acc.cost, acc.vacancies, acc.facing = row[3], int(row[4]), int(row[5])
        return out
    return g.memo("cell_sums", compute)


def org_rollup(graph: OrgGraph | Scenario) -> Rollup:
    """The whole organisation's figures."""
    g = lean(graph)

    def compute() -> Rollup:
        total = _Acc()
        for acc in _division_sums(g).values():
            total.merge(acc)
        return total.rollup("*", "Whole organisation")
    return g.memo("org_rollup", compute)


def division_rollups(graph: OrgGraph | Scenario) -> list[Rollup]:
    """Figures of every division, in column order, then the rest (if any)."""
    g = lean(graph)
    return g.memo("division_rollups", lambda: _division_rollups(g))


def _division_rollups(g: LazyOrgGraph) -> list[Rollup]:
    _, names = division_membership(g)
    accs = _division_sums(g)
    out = [accs.get(key, _Acc()).rollup(key, name) for key, name in names.items()]
    rest = accs.get(OUTSIDE)
    if rest is not None and rest.positions:
        out.append(rest.rollup(OUTSIDE, "Outside the divisions"))
    return out


def pyramid_balance(graph: OrgGraph | Scenario, tolerance: float = 0.15) -> BalanceFigures:
    """The pyramid's balance: the same figures as ``metrics.balance.division_balance``
    (formula there), from the division totals the other metrics share instead of a second
    reading of the lines. A test keeps the two equal."""
    g = lean(graph)
    return g.memo(f"pyramid_balance:{tolerance}", lambda: _pyramid(g, tolerance))


def _pyramid(g: LazyOrgGraph, tolerance: float) -> BalanceFigures:
    from orgdesigner.metrics.balance import balance_figures  # noqa: PLC0415 - heavy package

    _, names = division_membership(g)
    accs = _division_sums(g)
    n = len(names)
    total = sum(accs[k].positions for k in names if k in accs)
    torque = 0.0
    rows = []
    for i, (key, name) in enumerate(names.items()):
        acc = accs.get(key) or _Acc()
        arm = (2 * i + 1 - n) / n
        torque += acc.positions * arm
        unit = g.units.get(key)
        color = unit.color if unit is not None else (
            g.units[u].color if (u := g.positions[key].unit_id) in g.units else None)
        rows.append({"id": key, "name": name, "color": color, "headcount": acc.positions,
                     "filled": acc.headcount, "vacancies": acc.positions - acc.headcount,
                     "fte": round(acc.fte, 4), "share": acc.positions / total if total
                     else 0.0, "arm": arm})
    return balance_figures(rows, torque, total, tolerance)
