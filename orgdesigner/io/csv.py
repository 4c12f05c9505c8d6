"""CSV import and export: one row per position, as HR systems export them.

Import detects the encoding, the delimiter (or Excel's ``sep=;`` line), the header row
(title lines above it are skipped) and the columns (see ``csv_format``), reads every row,
and hands the positions to ``assemble`` which resolves managers (by id, unique name or
e-mail) and checks the whole file. Every problem is reported together with its row
number (the spreadsheet row: the header is row 1) and nothing is imported unless all is
well. Cells are text: a cell that looks like a formula is stored as it is, never run.
Names such as "Vacant" or "TBH" make a vacancy. Departments become units; "Sales > EMEA"
is EMEA inside Sales. Without an id column, ids are p1, p2... in row order.

Export writes UTF-8 with a BOM (so Excel reads accents), one row per position in the
document's order (siblings in the order the chart shows them), with every text cell
protected against formula injection. Importing an exported file gives back the same
positions, reporting lines (solid and dotted), units (by name) and fields.
"""

from __future__ import annotations

import csv
import io
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orgdesigner.errors import ImportProblems, LoadError
from orgdesigner.io.assemble import Draft, build_document, export_order, pick_scenario
from orgdesigner.io.atomic import atomic_output
from orgdesigner.io.csv_format import (
    ColumnMapping,
    ManagerRef,
    decode_text,
    detect_delimiter,
    detect_mapping,
    escape_cell,
    holder_name,
    normalise_header,
    parse_bool,
    parse_number,
    unescape_cell,
)
from orgdesigner.io.reading import read_bounded
from orgdesigner.model.document import LineKind, OrgDocument, Position, PositionKind
from orgdesigner.perf import paused_gc

__all__ = ["MAX_CSV_BYTES", "ColumnMapping", "CsvPreview", "ManagerRef", "detect_columns",
           "export_csv", "import_csv", "scenario_csv_bytes"]

MAX_CSV_BYTES = 512 * 1024 * 1024
UNIT_SEPARATOR = " > "
LIST_SEPARATOR = ";"
EXPORT_HEADER = ("ID", "Name", "Title", "Manager ID", "Department", "FTE", "Cost", "Email",
                 "Phone", "Customer facing", "Kind", "Dotted line managers", "Tags", "Notes")
_HEADER_SEARCH_ROWS = 10
_KINDS = {k.value: k for k in PositionKind}


@dataclass(frozen=True)
class CsvPreview:
    """What the import preview shows before anything is imported."""

    path: str
    encoding: str
    delimiter: str
    header: list[str]
    header_row: int  # spreadsheet row number of the header (1 unless title lines precede)
    mapping: ColumnMapping  # detected, with the explicit choices applied
    unmapped: list[str]  # columns that will not be imported
    sample_rows: list[list[str]]
    row_count: int
    problems: list[str] = field(default_factory=list)


@dataclass
class _Table:
    encoding: str
    delimiter: str
    header_row: int
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells)


def _read_table(path: Path) -> _Table:
    data = read_bounded(path, MAX_CSV_BYTES, "imports")
    text, encoding = decode_text(data)
    first_line, _, rest = text.partition("\n")
    if first_line.strip().casefold().startswith("sep=") and len(first_line.strip()) == 5:
        delimiter = first_line.strip()[4]  # Excel's "sep=;" line, which Excel itself hides
        text = rest
    else:
        delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as err:
        raise LoadError(f"{path}: row {reader.line_num}: {err}.") from None
    header_index = _find_header(records)
    if header_index is None:
        raise LoadError(f"{path}: no header row found (expected column names such as "
                        "'Employee ID', 'Name', 'Job Title', 'Manager ID').")
    rows = [(i + 1, r) for i, r in enumerate(records) if i > header_index]
    return _Table(encoding, delimiter, header_index + 1,
                  [c.strip().lstrip("\ufeff") for c in records[header_index]], rows)


def _find_header(records: list[list[str]]) -> int | None:
    """The first row naming a recognisable column (title lines above it are skipped)."""
    first_nonempty = None
    for i, record in enumerate(records[:_HEADER_SEARCH_ROWS]):
        if not any(c.strip() for c in record):
            continue
        if first_nonempty is None:
            first_nonempty = i
        if len(detect_mapping(record).columns()) >= 2:
            return i
    return first_nonempty


def _resolve_mapping(table: _Table, mapping: ColumnMapping | None,
                     problems: list[str]) -> ColumnMapping:
    detected = detect_mapping(table.header)
    if mapping is None:
        return detected
    by_norm = {normalise_header(c): c for c in table.header}
    fixed: dict[str, str] = {}
    for name, column in mapping.columns().items():
        if column in table.header:
            continue
        match = by_norm.get(normalise_header(column))
        if match is None:
            problems.append(f"column {column!r} (given for {name.replace('_', ' ')}) is not "
                            f"in the file; its columns are: {', '.join(table.header)}")
            fixed[name] = ""
        else:
            fixed[name] = match
    return mapping.model_copy(update=fixed).over(detected)


def _drafts(table: _Table, mapping: ColumnMapping,
            problems: list[str]) -> tuple[list[Draft], dict[str, str]]:
    index = {f: table.header.index(c) for f, c in mapping.columns().items()}
    labels = {"holder": mapping.name or "name", "title": mapping.title or "title",
              **{f: c for f, c in mapping.columns().items() if f != "name"}}
    if "id" not in index and "name" not in index and "first_name" not in index \
            and "title" not in index:
        problems.append("no id, name or title column found; the columns are: "
                        + ", ".join(table.header))
        return [], labels
    width = len(table.header)
    numbers: list[int] = []
    rows: list[list[str]] = []
    for number, cells in table.rows:
        if not "".join(cells).strip():
            continue
        if len(cells) != width:
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                problems.append(f"row {number}: {len(cells)} cells but the header has "
                                f"{width} columns (a stray delimiter?)")
            cells = (cells + [""] * (width - len(cells)))[:width]
        numbers.append(number)
        rows.append(cells)
    # Column by column: each mapped column is cleaned and converted in one pass, and
    # columns nobody mapped are never looked at (HR exports often have dozens).
    columns = list(zip(*rows, strict=True)) if rows else [()] * width

    def column(field: str) -> list[str]:
        cells = list(map(str.strip, columns[index[field]]))
        if "\n'" in "\n" + "\n".join(cells):  # only then can a cell carry our ' escape
            cells = [unescape_cell(v) for v in cells]
        return cells

    count = len(rows)
    keys: list[str] = []
    values: list[list[Any]] = []
    # A column that is empty throughout is left out: every position keeps the default.
    for f in ("title", "email", "phone", "notes"):
        if f in index and any(cells := column(f)):
            keys.append(f)
            values.append(cells)
    if "name" in index:
        keys.append("holder")
        values.append(list(map(holder_name, column("name"))))
    elif "first_name" in index or "last_name" in index:
        parts = [column(f) for f in ("first_name", "last_name") if f in index]
        keys.append("holder")
        values.append([holder_name(" ".join(p for p in names if p))
                       for names in zip(*parts, strict=True)])
    for f, func, what in _CONVERTERS:
        if f in index and any(cells := column(f)):
            keys.append(f)
            values.append(_converted(cells, func, f"{labels[f]}: {{!r}} {what}",
                                     numbers, problems))
    fields = [dict(zip(keys, vals, strict=True)) for vals in zip(*values, strict=True)] if keys \
        else [{} for _ in range(count)]
    ids = column("id") if "id" in index else [f"p{k + 1}" for k in range(count)]
    managers = column("manager") if "manager" in index else [""] * count
    units = column("unit") if "unit" in index else [""] * count
    paths = {u: tuple(p.strip() for p in u.split(UNIT_SEPARATOR) if p.strip())
             for u in set(units)}
    dotted = [_split(v) for v in column("dotted_managers")] if "dotted_managers" in index \
        else [()] * count
    wheres = [f"row {n}" for n in numbers]
    drafts = list(map(Draft, wheres, ids, fields, managers, [paths[u] for u in units],
                      dotted))
    return drafts, labels


def _converted(cells: list[str], convert: Callable[[str], object], problem: str,
               numbers: list[int], problems: list[str]) -> list[object]:
    """Convert a column, each distinct value once; a bad cell is reported with its row."""
    memo: dict[str, object] = {}
    bad: set[str] = set()
    for raw in set(cells):
        try:
            memo[raw] = convert(raw)
        except ValueError:
            bad.add(raw)
            memo[raw] = None
    if bad:
        problems.extend(f"row {numbers[k]}, " + problem.format(raw)
                        for k, raw in enumerate(cells) if raw in bad)
    return list(map(memo.__getitem__, cells))


_DEFAULTS = {f: info.default for f, info in Position.model_fields.items()}


def _fte(raw: str) -> object:
    return parse_number(raw, small=True) if raw else _DEFAULTS["fte"]


def _cost(raw: str) -> object:
    return parse_number(raw) if raw else _DEFAULTS["cost"]


def _facing(raw: str) -> object:
    return parse_bool(raw) if raw else _DEFAULTS["customer_facing"]


def _kind(raw: str) -> object:
    if not raw:
        return _DEFAULTS["kind"]
    kind = _KINDS.get(raw.casefold())
    if kind is None:
        raise ValueError(raw)
    return kind


_CONVERTERS = (
    ("fte", _fte, "is not a number"),
    ("cost", _cost, "is not a number"),
    ("customer_facing", _facing, "is not yes or no"),
    ("kind", _kind, f"is not one of {', '.join(_KINDS)}"),
    ("tags", lambda raw: _split(raw), "is not a list of tags"),
)


def _split(text: str) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(p.strip() for p in text.split(LIST_SEPARATOR) if p.strip())


def _convert(table: _Table, mapping: ColumnMapping | None, source: str,
             title: str) -> OrgDocument:
    problems: list[str] = []
    resolved = _resolve_mapping(table, mapping, problems)
    drafts, labels = _drafts(table, resolved, problems)
    manager_by = resolved.manager_by if resolved.id else ManagerRef.NAME
    return build_document(drafts, source=source, title=title, problems=problems,
                          manager_by=manager_by, labels=labels)


def import_csv(path: str | os.PathLike[str], mapping: ColumnMapping | None = None, *,
               title: str | None = None) -> OrgDocument:
    """Import an HR export. Raises :class:`ImportProblems` listing every problem with its
    row, or :class:`LoadError` when the file cannot be read at all."""
    p = Path(path)
    with paused_gc():
        table = _read_table(p)
        return _convert(table, mapping, str(p), title or p.stem)


def detect_columns(path: str | os.PathLike[str], mapping: ColumnMapping | None = None, *,
                   sample_size: int = 5) -> CsvPreview:
    """Everything the import preview shows: encoding, delimiter, header, the mapping,
    a few rows and every problem a real import would report (nothing is imported)."""
    p = Path(path)
    table = _read_table(p)
    problems: list[str] = []
    resolved = _resolve_mapping(table, mapping, [])
    try:
        _convert(table, mapping, str(p), p.stem)
    except ImportProblems as err:
        problems = err.problems
    used = set(resolved.columns().values())
    return CsvPreview(
        path=str(p), encoding=table.encoding, delimiter=table.delimiter,
        header=table.header, header_row=table.header_row, mapping=resolved,
        unmapped=[c for c in table.header if c not in used],
        sample_rows=[cells for _, cells in table.rows[:sample_size]],
        row_count=sum(1 for _, cells in table.rows if any(c.strip() for c in cells)),
        problems=problems,
    )


# -- export ------------------------------------------------------------------------------------
def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() else repr(value)


def scenario_csv_bytes(doc: OrgDocument, scenario_id: str | None = None) -> bytes:
    """One scenario as CSV bytes (UTF-8 with BOM), formula-safe."""
    scenario = pick_scenario(doc, scenario_id)
    units = {u.id: u for u in scenario.units}

    def unit_path(uid: str | None) -> str:
        names: list[str] = []
        seen: set[str] = set()
        while uid is not None and uid in units and uid not in seen:
            seen.add(uid)
            names.append(units[uid].name)
            uid = units[uid].parent_id
        return UNIT_SEPARATOR.join(reversed(names))

    dotted: dict[str, list[str]] = defaultdict(list)
    for line in scenario.lines:
        if line.kind is LineKind.DOTTED:
            dotted[line.report_id].append(line.manager_id)
    order, manager = export_order(scenario)
    paths: dict[str | None, str] = {}
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADER)
    esc = escape_cell
    for i in order:
        p = scenario.positions[i]
        if p.unit_id not in paths:
            paths[p.unit_id] = unit_path(p.unit_id)
        writer.writerow((
            esc(p.id), esc(p.holder), esc(p.title), esc(manager.get(p.id, "")),
            esc(paths[p.unit_id]), _number(p.fte), _number(p.cost), esc(p.email),
            esc(p.phone), "yes" if p.customer_facing else "no", p.kind.value,
            esc(f"{LIST_SEPARATOR} ".join(dotted.get(p.id, ()))),
            esc(f"{LIST_SEPARATOR} ".join(p.tags)), esc(p.notes),
        ))
    return out.getvalue().encode("utf-8-sig")


def export_csv(doc: OrgDocument, path: str | os.PathLike[str],
               scenario_id: str | None = None) -> None:
    """Write one scenario (the active one by default) as CSV, atomically."""
    data = scenario_csv_bytes(doc, scenario_id)
    with atomic_output(path) as handle:
        handle.write(data)

