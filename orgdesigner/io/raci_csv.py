"""The responsibility (RACI) chart as CSV, so it can be kept in a spreadsheet.

One row per process (``Process ID``, ``Process``), one column per party: the header of a
party column is its name with its id in square brackets, ``Ann (Chief Executive) [ceo]``,
so that renaming in the spreadsheet does not lose who is meant. Cells hold R, A, C, I
(or the words) or nothing. Export writes UTF-8 with a BOM and protects every text cell
against formula injection (``escape_cell``, as the positions CSV does).

Import reads such a file back as the whole chart of a scenario: one edit (one undo step)
that replaces the processes with the file's, in the file's order. Every problem is
reported with its row and column, and nothing is applied when there is one.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

from orgdesigner.errors import ImportProblems, LoadError, OrgDesignerError
from orgdesigner.io.atomic import atomic_output
from orgdesigner.io.csv import MAX_CSV_BYTES
from orgdesigner.io.csv_format import decode_text, detect_delimiter, escape_cell, unescape_cell
from orgdesigner.io.reading import read_bounded
from orgdesigner.model.document import OrgDocument, Process, RaciRole, Scenario
from orgdesigner.model.edits import Collection, Compound, Edit, ReplaceCollection, new_id

__all__ = ["export_raci_csv", "import_raci_csv", "raci_csv_bytes", "RaciColumns",
           "ID_HEADER", "NAME_HEADER"]

ID_HEADER = "Process ID"
NAME_HEADER = "Process"
_PARTY = re.compile(r"^(?P<name>.*?)\s*\[(?P<id>[^\[\]]+)\]\s*$")
_WORDS = {"r": RaciRole.RESPONSIBLE, "responsible": RaciRole.RESPONSIBLE,
          "a": RaciRole.ACCOUNTABLE, "accountable": RaciRole.ACCOUNTABLE,
          "c": RaciRole.CONSULTED, "consulted": RaciRole.CONSULTED,
          "i": RaciRole.INFORMED, "informed": RaciRole.INFORMED}
RaciColumns = str  # "positions" | "units"


def _column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 -> A, 27 -> AB."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _parties(scenario: Scenario, columns: RaciColumns) -> list[str]:
    held = {pid for proc in scenario.processes for pid in proc.assignments}
    positions = [p.id for p in scenario.positions if p.id in held]
    if columns == "units":
        return [u.id for u in scenario.units] + positions
    if columns != "positions":
        raise OrgDesignerError(f"columns must be 'positions' or 'units', not {columns!r}")
    return positions + [u.id for u in scenario.units if u.id in held]


def _party_headers(scenario: Scenario, parties: list[str]) -> list[str]:
    """"Name (Title) [id]" for a position, "Name [id]" for a unit."""
    wanted = set(parties)
    found: dict[str, str] = {}
    for p in scenario.positions:
        if p.id in wanted:
            name = p.holder.strip()
            found[p.id] = f"{name} ({p.title})" if name and p.title else (name or p.title)
    for u in scenario.units:
        if u.id in wanted and u.id not in found:
            found[u.id] = u.name
    return [f"{found[pid]} [{pid}]" if found.get(pid) else f"[{pid}]" for pid in parties]


def raci_csv_bytes(doc: OrgDocument, scenario_id: str | None = None,
                   columns: RaciColumns = "positions") -> bytes:
    """The chart of one scenario as CSV bytes. ``columns="positions"``: one column per
    position (then unit) holding a letter; ``"units"``: every unit, then the positions
    holding a letter. Either way every letter of the chart is written."""
    scenario = doc.scenario(scenario_id)
    parties = _parties(scenario, columns)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([ID_HEADER, NAME_HEADER,
                     *(escape_cell(h) for h in _party_headers(scenario, parties))])
    for proc in scenario.processes:
        writer.writerow([escape_cell(proc.id), escape_cell(proc.name),
                         *(proc.assignments[p].value if p in proc.assignments else ""
                           for p in parties)])
    return out.getvalue().encode("utf-8-sig")


def export_raci_csv(doc: OrgDocument, path: str | os.PathLike[str],
                    scenario_id: str | None = None,
                    columns: RaciColumns = "positions") -> None:
    """Write the chart of one scenario (the active one by default) as CSV, atomically."""
    data = raci_csv_bytes(doc, scenario_id, columns)
    with atomic_output(path) as handle:
        handle.write(data)


def _read_rows(path: Path) -> list[list[str]]:
    data = read_bounded(path, MAX_CSV_BYTES, "imports")
    text, _encoding = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text),
                        strict=False)
    try:
        return list(reader)
    except csv.Error as err:
        raise LoadError(f"{path}: row {reader.line_num}: {err}.") from None


def _cell(cells: list[str], column: int) -> str:
    return unescape_cell(cells[column].strip()) if column < len(cells) else ""


def import_raci_csv(path: str | os.PathLike[str], doc: OrgDocument,
                    scenario_id: str | None = None) -> Edit:
    """Read a RACI CSV into an edit (not applied) that makes it the scenario's chart.

    Raises ``ImportProblems`` listing every problem (row and column named) or
    ``LoadError`` when the file cannot be read; nothing is changed either way."""
    path = Path(path)
    scenario = doc.scenario(scenario_id)
    rows = _read_rows(path)
    while rows and not any(c.strip() for c in rows[0]):
        rows.pop(0)
    if not rows:
        raise LoadError(f"{path}: the file is empty.")
    header = [unescape_cell(c.strip().lstrip("\ufeff")) for c in rows[0]]
    folded = [h.casefold() for h in header]
    problems: list[str] = []
    if NAME_HEADER.casefold() not in folded:
        raise LoadError(f"{path}: row 1 has no '{NAME_HEADER}' column (expected "
                        f"'{ID_HEADER}', '{NAME_HEADER}', then one column per party).")
    name_col = folded.index(NAME_HEADER.casefold())
    id_col = folded.index(ID_HEADER.casefold()) if ID_HEADER.casefold() in folded else None
    positions = {p.id for p in scenario.positions}
    units = {u.id for u in scenario.units}
    by_name: dict[str, list[str]] = {}
    for p in scenario.positions:
        for key in {p.holder.strip().casefold(), p.title.strip().casefold()} - {""}:
            by_name.setdefault(key, []).append(p.id)
    for u in scenario.units:
        by_name.setdefault(u.name.strip().casefold(), []).append(u.id)
    party_cols: dict[int, str] = {}
    for col, text in enumerate(header):
        if col in (name_col, id_col) or not text:
            continue
        where = f"row 1, column {_column_letter(col)} ({text!r})"
        match = _PARTY.match(text)
        if match:
            party = match.group("id").strip()
            if party not in positions and party not in units:
                problems.append(f"{where}: no position or unit with id {party!r} "
                                "in this scenario")
                continue
        elif text in positions or text in units:
            party = text
        else:
            found = by_name.get(text.casefold(), [])
            if len(found) != 1:
                problems.append(f"{where}: " + ("no position or unit by that name or id"
                                                if not found else
                                                f"{len(found)} positions or units have "
                                                "that name; write the id as 'Name [id]'"))
                continue
            party = found[0]
        if party in party_cols.values():
            problems.append(f"{where}: a second column for {party!r}")
            continue
        party_cols[col] = party
    processes: list[Process] = []
    seen: dict[str, int] = {}
    taken = {p.id for p in scenario.processes}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        name = _cell(cells, name_col)
        pid = _cell(cells, id_col) if id_col is not None else ""
        if not name:
            problems.append(f"row {number}, column {_column_letter(name_col)}: "
                            "the process has no name")
        if len(name) > 300:
            problems.append(f"row {number}, column {_column_letter(name_col)}: "
                            "the name is longer than 300 characters")
        if pid:
            if len(pid) > 128:
                problems.append(f"row {number}, column {_column_letter(id_col or 0)}: "
                                "the id is longer than 128 characters")
            elif pid in seen:
                problems.append(f"row {number}, column {_column_letter(id_col or 0)}: "
                                f"process id {pid!r} was already used in row {seen[pid]}")
        else:
            pid = new_id(taken | seen.keys(), "process-")
        seen[pid] = number
        assignments: dict[str, RaciRole] = {}
        for col, party in party_cols.items():
            value = _cell(cells, col)
            if not value:
                continue
            role = _WORDS.get(value.casefold())
            if role is None:
                problems.append(f"row {number}, column {_column_letter(col)} "
                                f"({header[col]!r}): {value!r} is not R, A, C or I")
                continue
            assignments[party] = role
        if name and not problems:
            processes.append(Process(id=pid, name=name, assignments=assignments))
    if problems:
        raise ImportProblems(str(path), problems)
    label = "Import responsibility chart"
    return Compound(label, (ReplaceCollection(scenario.id, Collection.PROCESSES,
                                              tuple(processes), label),))
