"""Turn rows read from a foreign file (CSV, GraphML) into a checked OrgDocument.

Importers describe each position as a :class:`Draft` (where it came from, its id, its
field values, a manager reference and a unit path). :func:`build_document` resolves
managers (by id, or by unique name or e-mail address), finds duplicates, unknown
managers, ambiguous names and reporting cycles, and collects *every* problem before
giving up, so the user fixes the file once. Nothing is returned unless the whole file is good.

Units come from the unit paths (``("Sales", "EMEA")`` is EMEA inside Sales). Divisions
(the columns of the customer-on-top pyramid): when the organisation has a single top,
the top-level units of the top's direct reports, other than the top's own unit, are
marked ``is_division`` if there are at least two of them. Otherwise no unit is marked
and the checks fall back to the subtrees of the top's direct reports.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx
from pydantic import TypeAdapter, ValidationError

from orgdesigner.errors import ImportProblems, OrgDesignerError
from orgdesigner.io.csv_format import ManagerRef
from orgdesigner.model.document import (
    MAX_POSITIONS,
    LineKind,
    Meta,
    OrgDocument,
    Position,
    ReportingLine,
    Scenario,
    Unit,
)
from orgdesigner.perf import paused_gc

__all__ = ["Draft", "build_document", "export_order", "pick_scenario"]

#: The problems listing stops here: past that, the file is the wrong file.
MAX_PROBLEMS = 500
_MAX_NAME = 300  # the model's bound on names and titles
_POSITIONS = TypeAdapter(list[Position])
_LINES = TypeAdapter(list[ReportingLine])


@dataclass(slots=True)
class Draft:
    """One position as read from a file, before any checks."""

    where: str  # "row 12" or "node 'n4'": how the user finds it in the file
    id: str
    fields: dict[str, Any]  # Position fields other than id and unit_id
    manager: str = ""  # a manager id or name, as written in the file ("" = a top)
    unit_path: tuple[str, ...] = ()
    dotted: tuple[str, ...] = ()  # dotted-line managers (ids or names)
    solid_extra: tuple[str, ...] = ()  # further solid managers (GraphML)


class _Problems(list[str]):
    def add(self, text: str) -> None:
        if len(self) < MAX_PROBLEMS:
            self.append(text)


def build_document(drafts: list[Draft], *, source: str, title: str,
                   problems: list[str] | None = None,
                   manager_by: ManagerRef = ManagerRef.AUTO,
                   labels: dict[str, str] | None = None) -> OrgDocument:
    """Check the drafts together and build the document; raise :class:`ImportProblems`
    listing every problem (plus those the reader already found in ``problems``)."""
    with paused_gc():
        return _build(drafts, source, title, problems or [], manager_by, labels or {})


def _build(drafts: list[Draft], source: str, title: str, problems: list[str],
           manager_by: ManagerRef, labels: dict[str, str]) -> OrgDocument:
    found = _Problems(problems)
    if not drafts and not found:
        found.add("no positions found (the file has a header but no rows)")
    if len(drafts) > MAX_POSITIONS:
        found.add(f"{len(drafts):,} positions is more than the {MAX_POSITIONS:,} "
                  "OrgDesigner handles")
        raise ImportProblems(source, found)
    by_id: dict[str, Draft] = {}
    for d in drafts:
        if not d.id:
            found.add(f"{d.where}: the id is empty")
        elif d.id in by_id:
            found.add(f"{d.where}: id {d.id!r} is already used in {by_id[d.id].where}")
        else:
            by_id[d.id] = d
    by_name: dict[str, list[Draft]] | None = None

    def named(ref: str) -> list[Draft]:
        nonlocal by_name
        if by_name is None:  # built on first use: files naming managers by id never need it
            by_name = defaultdict(list)
            for d in drafts:
                holder = str(d.fields.get("holder", "")).strip().casefold()
                if holder:
                    by_name[holder].append(d)
        return by_name.get(ref.casefold(), [])

    by_email: dict[str, list[Draft]] | None = None

    def mailed(ref: str) -> list[Draft]:
        nonlocal by_email
        if by_email is None:
            by_email = defaultdict(list)
            for d in drafts:
                email = str(d.fields.get("email", "")).strip().casefold()
                if email:
                    by_email[email].append(d)
        return by_email.get(ref.casefold(), [])

    def resolve(d: Draft, ref: str, what: str) -> str | None:
        if manager_by is not ManagerRef.NAME and ref in by_id:
            return ref
        if manager_by is not ManagerRef.ID:
            # A name, or (as directory exports write it) the manager's e-mail address.
            matches = mailed(ref) if "@" in ref else named(ref)
            if len(matches) == 1:
                return matches[0].id
            if len(matches) > 1:
                rows = ", ".join(n.where for n in matches[:5])
                found.add(f"{d.where}: {what} {ref!r} is ambiguous: {len(matches)} people "
                          f"have that name ({rows}); use ids instead")
                return None
        by = {"id": "id", "name": "name"}.get(manager_by.value, "id or name")
        found.add(f"{d.where}: {what} {ref!r} matches no position {by}")
        return None

    solid: list[tuple[str, str]] = []
    dotted: list[tuple[str, str]] = []
    direct = manager_by is not ManagerRef.NAME
    for d in drafts:
        ref = d.manager
        if direct and ref in by_id and ref != d.id and not d.solid_extra and not d.dotted:
            solid.append((ref, d.id))  # the common case: one manager, given by id
            continue
        for ref in (d.manager, *d.solid_extra) if d.manager else d.solid_extra:
            manager = resolve(d, ref, "manager")
            if manager == d.id:
                found.add(f"{d.where}: reports to itself")
            elif manager is not None:
                solid.append((manager, d.id))
        if d.solid_extra:
            found.add(f"{d.where}: has {1 + len(d.solid_extra)} solid-line managers; "
                      "keep one and make the others dotted lines")
        for ref in d.dotted:
            manager = resolve(d, ref, "dotted-line manager")
            if manager is not None and manager != d.id:
                dotted.append((manager, d.id))
    _report_cycles(solid, by_id, found)
    units, unit_of = _units(drafts, found, labels.get("unit", "unit"))
    positions = _validate_positions(drafts, found, labels, unit_of)
    if found:
        raise ImportProblems(source, sorted(found, key=_row_key))
    _mark_divisions(units, drafts, unit_of, solid)
    lines = _LINES.validate_python(
        [{"manager_id": m, "report_id": r} for m, r in solid]
        + [{"manager_id": m, "report_id": r, "kind": LineKind.DOTTED} for m, r in dotted])
    scenario = Scenario(id="as-is", name="As-is", units=units, positions=positions,
                        lines=lines)
    return OrgDocument(meta=Meta(title=title[:_MAX_NAME]), scenarios=[scenario],
                       active_scenario="as-is")


_ROW = re.compile(r"\brow (\d+)")


def _row_key(problem: str) -> int:
    """Sort problems by the first row they name (file-level problems first)."""
    match = _ROW.search(problem)
    return int(match.group(1)) if match else 0


def _report_cycles(solid: list[tuple[str, str]], by_id: dict[str, Draft],
                   found: _Problems) -> None:
    # A position that manages nobody cannot be on a cycle: leave the front line out
    # (most of any organisation) and let networkx look at the managers only.
    managers = {m for m, _ in solid}
    graph = nx.DiGraph([(m, r) for m, r in solid if r in managers])
    if nx.is_directed_acyclic_graph(graph):
        return
    order = {pid: i for i, pid in enumerate(by_id)}
    for cycle in nx.simple_cycles(graph):
        start = min(range(len(cycle)), key=lambda i: order[cycle[i]])
        cycle = cycle[start:] + cycle[:start]  # from the first row, in the file's order
        where = ", ".join(by_id[pid].where for pid in cycle)
        chain = " → ".join([*cycle, cycle[0]])
        found.add(f"reporting cycle: {where} ({chain}: each manages the next)")
        if len(found) >= MAX_PROBLEMS:
            return


def _validate_positions(drafts: list[Draft], found: _Problems, labels: dict[str, str],
                        unit_of: dict[tuple[str, ...], str]) -> list[Position]:
    raw = []
    for d in drafts:
        fields = d.fields
        fields["id"] = d.id or "?"
        fields["unit_id"] = unit_of.get(d.unit_path) or None
        raw.append(fields)
    try:
        return _POSITIONS.validate_python(raw)
    except ValidationError as err:
        for e in err.errors(include_url=False):
            index, *rest = e["loc"]
            name = str(rest[0]) if rest else ""
            column = labels.get(name, name)
            found.add(f"{drafts[int(index)].where}, {column}: {e['msg']}")
        return []


def _units(drafts: list[Draft], found: _Problems,
           label: str) -> tuple[list[Unit], dict[tuple[str, ...], str]]:
    """One unit per distinct path prefix, numbered in order of first appearance."""
    unit_of: dict[tuple[str, ...], str] = {}
    units: list[Unit] = []
    for d in drafts:
        path = d.unit_path
        if not path or path in unit_of:
            continue
        if any(len(name) > _MAX_NAME for name in path):
            found.add(f"{d.where}, {label}: a unit name is longer than {_MAX_NAME} "
                      "characters")
            unit_of[path] = ""
            continue
        for depth in range(1, len(path) + 1):
            key = path[:depth]
            if key not in unit_of:
                uid = f"u{len(units) + 1}"
                unit_of[key] = uid
                parent = unit_of[key[:-1]] if depth > 1 else None
                units.append(Unit(id=uid, name=key[-1], parent_id=parent))
    return units, unit_of


def _mark_divisions(units: list[Unit], drafts: list[Draft],
                    unit_of: dict[tuple[str, ...], str],
                    solid: list[tuple[str, str]]) -> None:
    """Mark the top-level units under a single top as divisions (see module doc)."""
    if len(solid) != len(drafts) - 1:  # a single top: every other position has a manager
        return
    managed = {r for _, r in solid}
    tops = [d for d in drafts if d.id not in managed]
    if len(tops) != 1:
        return
    top = tops[0]
    path_of = {d.id: d.unit_path for d in drafts}
    own = top.unit_path[:1]
    roots: list[tuple[str, ...]] = []
    for report in [r for m, r in solid if m == top.id]:
        root = path_of[report][:1]
        if root and root != own and root not in roots:
            roots.append(root)
    if len(roots) < 2:
        return
    chosen = {unit_of[r] for r in roots}
    for i, unit in enumerate(units):
        if unit.id in chosen:
            units[i] = unit.model_copy(update={"is_division": True})


def export_order(scenario: Scenario) -> tuple[list[int], dict[str, str]]:
    """The order to write positions in so that importing the file again gives the same
    sibling order: document order, except that each manager's reports take the order of
    the lines (the order the chart shows). Also each position's first solid manager."""
    index = {p.id: i for i, p in enumerate(scenario.positions)}
    reports: dict[str, list[str]] = defaultdict(list)
    manager: dict[str, str] = {}
    for line in scenario.lines:
        if line.kind is LineKind.SOLID and line.report_id not in manager \
                and line.report_id in index and line.manager_id in index:
            manager[line.report_id] = line.manager_id
            reports[line.manager_id].append(line.report_id)
    order = list(range(len(scenario.positions)))
    for ids in reports.values():
        slots = sorted(index[r] for r in ids)
        for slot, rid in zip(slots, ids, strict=True):
            order[slot] = index[rid]
    return order, manager


def pick_scenario(doc: OrgDocument, scenario: str | None) -> Scenario:
    """The scenario to export: by id or name, the active one when None; a clear error
    naming the scenarios there are when it does not exist."""
    if scenario is None:
        return doc.scenario()
    try:
        return doc.scenario_by_name(scenario)
    except KeyError:
        names = ", ".join(f"{s.id!r} ({s.name})" for s in doc.scenarios)
        raise OrgDesignerError(f"no scenario {scenario!r}; the document has {names}") \
            from None
