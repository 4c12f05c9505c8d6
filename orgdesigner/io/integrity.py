"""Referential integrity of a document: every id a scenario mentions must exist in it.

Pydantic checks each value on its own; this checks them together (duplicate ids, lines
and teams pointing at unknown positions, units with unknown parents...), so a damaged or
hand-edited file is refused with the names of what is missing instead of breaking the
canvas later. Ids in the view settings (collapsed, offsets) are hints and not checked,
but coordinates must be finite: JSON cannot store NaN or infinity, so a document holding
one could be saved but never opened again.
"""

from __future__ import annotations

import math
from collections import Counter

from orgdesigner.model.document import OrgDocument, Scenario

__all__ = ["reference_problems", "scenario_reference_problems"]

#: Stop collecting after this many: the message is for a person.
_MAX_PROBLEMS = 200


def reference_problems(doc: OrgDocument) -> list[str]:
    """Every dangling or duplicate id in the document, one sentence each (empty = fine)."""
    problems: list[str] = []
    for index, scenario in enumerate(doc.scenarios):
        problems.extend(scenario_reference_problems(scenario, f"scenarios[{index}]"))
        if len(problems) >= _MAX_PROBLEMS:
            break
    return problems[:_MAX_PROBLEMS]


def _duplicates(ids: list[str]) -> list[str]:
    if len(set(ids)) == len(ids):  # the usual case, at C speed
        return []
    return [i for i, n in Counter(ids).items() if n > 1]


def scenario_reference_problems(scenario: Scenario, where: str = "scenario") -> list[str]:
    """Dangling or duplicate ids in one scenario; ``where`` prefixes each message."""
    out: list[str] = []
    at = f"{where} ({scenario.name!r})"
    position_ids = [p.id for p in scenario.positions]
    positions = set(position_ids)
    units = {u.id for u in scenario.units}
    for kind, ids in (("position", position_ids),
                      ("unit", [u.id for u in scenario.units]),
                      ("team", [t.id for t in scenario.teams]),
                      ("process", [p.id for p in scenario.processes]),
                      ("note", [n.id for n in scenario.notes])):
        for dup in _duplicates(ids)[:20]:
            out.append(f"{at}: {kind} id {dup!r} is used more than once")
    lines = scenario.lines
    ends = {line.manager_id for line in lines} | {line.report_id for line in lines}
    if not ends <= positions:  # only then look for the lines to name
        for i, line in enumerate(lines):
            for end, pid in (("manager_id", line.manager_id), ("report_id", line.report_id)):
                if pid not in positions:
                    out.append(f"{at}.lines[{i}].{end}: no position {pid!r}")
            if len(out) >= _MAX_PROBLEMS:
                return out
    if not {p.unit_id for p in scenario.positions} <= units | {None}:
        for i, p in enumerate(scenario.positions):
            if p.unit_id is not None and p.unit_id not in units:
                out.append(f"{at}.positions[{i}] (id {p.id!r}).unit_id: "
                           f"no unit {p.unit_id!r}")
    for i, u in enumerate(scenario.units):
        if u.parent_id is not None and u.parent_id not in units:
            out.append(f"{at}.units[{i}] (id {u.id!r}).parent_id: no unit {u.parent_id!r}")
    for i, team in enumerate(scenario.teams):
        if team.sponsor_id is not None and team.sponsor_id not in positions:
            out.append(f"{at}.teams[{i}] (id {team.id!r}).sponsor_id: "
                       f"no position {team.sponsor_id!r}")
        missing = [m for m in team.member_ids if m not in positions]
        if missing:
            out.append(f"{at}.teams[{i}] (id {team.id!r}).member_ids: no position "
                       + ", ".join(repr(m) for m in missing[:10])
                       + (" ..." if len(missing) > 10 else ""))
    for i, proc in enumerate(scenario.processes):
        missing = [k for k in proc.assignments if k not in positions and k not in units]
        if missing:
            out.append(f"{at}.processes[{i}] (id {proc.id!r}).assignments: no position "
                       "or unit " + ", ".join(repr(m) for m in missing[:10]))
    for i, note in enumerate(scenario.notes):
        if note.attached_to is not None and note.attached_to not in positions:
            out.append(f"{at}.notes[{i}] (id {note.id!r}).attached_to: "
                       f"no position {note.attached_to!r}")
        if not (math.isfinite(note.x) and math.isfinite(note.y)):
            out.append(f"{at}.notes[{i}] (id {note.id!r}): its place ({note.x}, {note.y}) "
                       "is not a finite number")
    bad = [k for k, (x, y) in scenario.view.offsets.items()
           if not (math.isfinite(x) and math.isfinite(y))]
    if bad:
        out.append(f"{at}.view.offsets: not a finite number for "
                   + ", ".join(repr(k) for k in bad[:10]))
    return out
