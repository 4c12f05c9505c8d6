"""Division balance: will the customer-on-top pyramid stand on its point?

The inverted pyramid stands on its point (top management) and its divisions are
``n`` equal-width columns side by side, in the scenario's division order. Each division
weighs its headcount ``w_i`` (every position counts, filled or vacant: a vacancy is a
planned head) and the weight sits at the centre of its column. Measured in half-widths of
the pyramid from the vertical axis through the point, column ``i`` (0-based, left to
right) has its centre at the arm

    a_i = (2 i + 1 - n) / n                  (-1 < a_i < 1)

and the tipping torque about the point is

    T = sum_i w_i * a_i                      (> 0: heavier on the right)

Normalised by the total weight ``W = sum_i w_i`` and the half width (1), ``tau = T / W``
lies in (-1, 1); it is 0 for a balanced org (equal weights, or any mirror-symmetric
distribution) and, because the arms differ by position, reordering the columns changes it.
The pyramid *tips* when ``|tau| > tolerance``; it then tilts toward the heavy side by
``tilt_degrees = sign(tau) * min(MAX_TILT_DEGREES, TILT_PER_UNIT * |tau|)`` and stands
straight otherwise. The heavy division is the heaviest one on the heavy side.

Divisions are the units marked ``is_division`` (a position belongs to the division of its
unit or of the nearest parent unit that is one, else to its manager's division); when no
unit is marked, the divisions are the subtrees of the top's direct reports.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from orgdesigner.layout.geometry import BalanceFigures
from orgdesigner.model.document import LineKind, Scenario, Unit

if TYPE_CHECKING:
    from orgdesigner.model.graph import OrgGraph

__all__ = [
    "Division",
    "MAX_TILT_DEGREES",
    "TILT_PER_UNIT",
    "assign_divisions",
    "division_balance",
    "division_heads",
    "marked_divisions",
    "tilt_degrees",
    "unit_divisions",
]

MAX_TILT_DEGREES = 25.0
TILT_PER_UNIT = 45.0  # degrees of tilt per unit of normalised torque


@dataclass(frozen=True, slots=True)
class Division:
    """One column of the pyramid: a unit marked as a division, or (fallback) a direct
    report of the top, whose id is then the position id."""

    id: str
    name: str
    color: str | None


def unit_divisions(units: Sequence[Unit]) -> dict[str, str | None]:
    """The division of every unit: itself or its nearest parent unit marked as one."""
    by_id = {u.id: u for u in units}
    result: dict[str, str | None] = {}
    for uid in by_id:
        current: str | None = uid
        seen: set[str] = set()
        found: str | None = None
        while current is not None and current in by_id and current not in seen:
            seen.add(current)
            if by_id[current].is_division:
                found = current
                break
            current = by_id[current].parent_id
        result[uid] = found
    return result


def _solid_managers(scenario: Scenario) -> dict[str, str]:
    known = {p.id for p in scenario.positions}
    manager: dict[str, str] = {}
    for line in scenario.lines:
        if (line.kind is LineKind.SOLID and line.report_id not in manager
                and line.manager_id in known and line.report_id in known
                and line.manager_id != line.report_id):
            manager[line.report_id] = line.manager_id
    return manager


def division_heads(scenario: Scenario, manager: Mapping[str, str] | None = None,
                   order: Sequence[str] | None = None
                   ) -> tuple[list[Division], dict[str, str]]:
    """The divisions in column order and the positions placed *directly* in one (by
    their unit, or as the head of a fallback division); the rest inherit their
    manager's division (``assign_divisions``)."""
    if manager is None:
        manager = _solid_managers(scenario)
    units = {u.id: u for u in scenario.units}
    direct: dict[str, str] = {}  # position -> division it is directly placed in
    divisions: list[Division]
    marked = [u for u in scenario.units if u.is_division]
    if marked:
        divisions = [Division(u.id, u.name, u.color) for u in marked]
        unit_div = unit_divisions(scenario.units)
        ids_and_units = map(attrgetter("id", "unit_id"), scenario.positions)
        direct = {pid: d for pid, uid in ids_and_units if (d := unit_div.get(uid))}
    else:
        divisions = []
        tops = {p.id for p in scenario.positions if p.id not in manager}
        for line_report, line_manager in manager.items():
            if line_manager in tops:
                direct[line_report] = line_report
        heads = [p for p in scenario.positions if p.id in direct]
        head_rank = {rid: i for i, rid in enumerate(manager)}  # line order of reports
        heads.sort(key=lambda p: head_rank[p.id])
        for p in heads:
            unit_name = units[p.unit_id].name if p.unit_id in units else ""
            color = units[p.unit_id].color if p.unit_id in units else None
            divisions.append(Division(p.id, unit_name or p.title or p.label, color))
    return _in_column_order(divisions, scenario, order), direct


def marked_divisions(scenario: Scenario, order: Sequence[str] | None = None
                     ) -> list[Division]:
    """The units marked as divisions, in column order (empty when no unit is one: the
    divisions are then the tops' reports, ``division_heads``)."""
    return _in_column_order([Division(u.id, u.name, u.color) for u in scenario.units
                             if u.is_division], scenario, order)


def _in_column_order(divisions: list[Division], scenario: Scenario,
                     order: Sequence[str] | None) -> list[Division]:
    """``divisions`` sorted into ``order`` (the scenario's division order if None), the
    ones it does not name after the others in their own order."""
    wanted = list(order) if order is not None else list(scenario.view.division_order)
    rank = {did: i for i, did in enumerate(wanted)}
    position_in_list = {d.id: i for i, d in enumerate(divisions)}
    divisions.sort(key=lambda d: (rank.get(d.id, len(rank)), position_in_list[d.id]))
    return divisions


def assign_divisions(scenario: Scenario, manager: Mapping[str, str] | None = None,
                     order: Sequence[str] | None = None
                     ) -> tuple[list[Division], dict[str, str | None]]:
    """The divisions in column order and the division (or None) of every position.
    ``manager`` maps a position to its solid-line manager (read from the lines if None);
    ``order`` overrides the scenario's division order."""
    if manager is None:
        manager = _solid_managers(scenario)
    divisions, direct = division_heads(scenario, manager, order)
    result: dict[str, str | None] = {}
    for pid in (p.id for p in scenario.positions):
        if pid in result:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = pid
        value: str | None = None
        while current is not None:
            if current in result:
                value = result[current]
                break
            if current in direct:
                value = direct[current]
                result[current] = value
                break
            if current in on_path:
                break
            path.append(current)
            on_path.add(current)
            current = manager.get(current)
        for node in path:
            result[node] = value
    return divisions, result


def tilt_degrees(normalised_torque: float, tolerance: float) -> float:
    """How far the pyramid leans (positive: clockwise, to the right); 0 within tolerance."""
    if abs(normalised_torque) <= tolerance:
        return 0.0
    return math.copysign(min(MAX_TILT_DEGREES, TILT_PER_UNIT * abs(normalised_torque)),
                         normalised_torque)


def division_balance(scenario: Scenario, graph: OrgGraph | None = None, *,
                     order: Sequence[str] | None = None,
                     tolerance: float = 0.15,
                     assigned: tuple[list[Division],
                                     Mapping[str, str | None] | list[str | None]] | None = None
                     ) -> BalanceFigures:
    """Headcount, FTE and share per division and the tipping torque of the pyramid
    (formula in the module docstring). ``graph`` saves re-reading the lines when the
    caller has one; ``order`` overrides the scenario's division order; ``assigned``, the
    divisions in column order and every position's division (by id, or a list in the
    order of ``scenario.positions``), saves working them out when the caller (the
    layout) already has them."""
    if assigned is not None:
        divisions, division_of = assigned
    else:
        manager: dict[str, str] | None = None
        if graph is not None:
            manager = {r: m for m, r in graph.hierarchy.edges}
        divisions, division_of = assign_divisions(scenario, manager, order)
    in_order = (division_of if isinstance(division_of, list)
                else map(division_of.get, map(attrgetter("id"), scenario.positions)))
    stats = {d.id: [0, 0, 0.0] for d in divisions}  # positions, filled, fte
    for p, did in zip(scenario.positions, in_order, strict=True):
        if did in stats:
            s = stats[did]
            s[0] += 1
            if p.holder.strip():
                s[1] += 1
                s[2] += p.fte
    n = len(divisions)
    total = sum(s[0] for s in stats.values())
    torque = 0.0
    rows = []
    for i, d in enumerate(divisions):
        count, filled, fte = stats[d.id]
        arm = (2 * i + 1 - n) / n
        torque += count * arm
        rows.append({"id": d.id, "name": d.name, "color": d.color, "headcount": count,
                     "filled": filled, "vacancies": count - filled, "fte": round(fte, 4),
                     "share": count / total if total else 0.0, "arm": arm})
    return balance_figures(rows, torque, total, tolerance)


def balance_figures(rows: list[dict], torque: float, total: int,
                    tolerance: float) -> BalanceFigures:
    """The figures from the division rows (each with its ``arm`` and ``headcount``) and
    their summed torque: normalised by the total headcount, the heavy division is the
    largest on the side the torque leans to."""
    torque = round(torque, 9)
    normalised = torque / total if total else 0.0
    heavy: str | None = None
    if normalised:
        side = [r for r in rows if r["arm"] * normalised > 0]
        if side:
            heavy = max(side, key=lambda r: r["headcount"])["id"]
    return BalanceFigures(torque=torque, normalised_torque=normalised, tolerance=tolerance,
                          tips=abs(normalised) > tolerance, heavy_division=heavy,
                          divisions=rows)
