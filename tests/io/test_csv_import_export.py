"""CSV import of real-world HR exports and a formula-safe export that round-trips."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.errors import ImportProblems, LoadError
from orgdesigner.io.csv import (
    ColumnMapping,
    ManagerRef,
    detect_columns,
    export_csv,
    import_csv,
    scenario_csv_bytes,
)
from orgdesigner.io.csv_format import VACANT_NAMES
from orgdesigner.model.document import LineKind, OrgDocument, Position, ReportingLine
from orgdesigner.model.synthetic import generate_org

WORKDAY = (
    "Employee ID,Worker,Business Title,Supervisor,Supervisory Organization,FTE,"
    "Annual Salary,Work Email,Customer Facing\n"
    "100,Ana Costa,Chief Executive Officer,,Executive,1,250000,ana@example.com,no\n"
    "101,Ben Berg,VP Sales,100,Sales,1,\"180,000\",ben@example.com,no\n"
    "102,Chloé Dubois,VP Operations,100,Operations,1,170000,chloe@example.com,no\n"
    "103,Dmitri Eriksen,Account Executive,101,Sales > EMEA,0.8,90000,dm@example.com,yes\n"
    "104,Eva Fischer,Planner,102,Operations,1,70000,eva@example.com,no\n"
)


def _write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "hr.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _solid(doc: OrgDocument) -> list[tuple[str, str]]:
    return [(ln.manager_id, ln.report_id) for ln in doc.scenario().lines
            if ln.kind is LineKind.SOLID]


def test_workday_style_export(tmp_path: Path) -> None:
    doc = import_csv(_write(tmp_path, WORKDAY))
    s = doc.scenario()
    assert doc.meta.title == "hr"
    assert [p.id for p in s.positions] == ["100", "101", "102", "103", "104"]
    ana = s.position("100")
    assert (ana.holder, ana.title, ana.email) == ("Ana Costa", "Chief Executive Officer",
                                                 "ana@example.com")
    assert s.position("101").cost == 180000.0
    assert s.position("103").fte == 0.8 and s.position("103").customer_facing
    assert _solid(doc) == [("100", "101"), ("100", "102"), ("101", "103"), ("102", "104")]
    units = {u.id: u for u in s.units}
    emea = units[s.position("103").unit_id]
    assert emea.name == "EMEA" and units[emea.parent_id].name == "Sales"
    # Sales and Operations hang under the CEO's direct reports: the divisions.
    assert sorted(u.name for u in s.units if u.is_division) == ["Operations", "Sales"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    text = (f"ID{delimiter}Name{delimiter}Job Title{delimiter}Reports To{delimiter}Department\r\n"
            f"1{delimiter}Zoë Müller{delimiter}Directrice générale{delimiter}{delimiter}Führung\r\n"
            f"2{delimiter}José García{delimiter}Técnico{delimiter}1{delimiter}Ventas\r\n")
    path = _write(tmp_path, text, encoding)
    preview = detect_columns(path)
    assert preview.delimiter == delimiter
    assert preview.encoding in {encoding, "utf-8"} or encoding == "utf-16"
    doc = import_csv(path)
    assert doc.scenario().position("1").holder == "Zoë Müller"
    assert doc.scenario().position("2").title == "Técnico"
    assert _solid(doc) == [("1", "2")]


def test_excel_unicode_text_is_utf16_tab(tmp_path: Path) -> None:
    text = "Employee ID\tFull Name\tManager ID\r\nA1\tÅsa Öberg\t\r\nA2\tŁukasz Żak\tA1\r\n"
    path = _write(tmp_path, text, "utf-16")
    preview = detect_columns(path)
    assert (preview.encoding, preview.delimiter) == ("utf-16", "\t")
    assert preview.mapping.id == "Employee ID" and preview.mapping.manager == "Manager ID"
    assert import_csv(path).scenario().position("A2").holder == "Łukasz Żak"


def test_decimal_commas_and_money(tmp_path: Path) -> None:
    text = ("ID;Name;FTE;Salary;Reports to\n"
            "1;Ana;1;\"85.000,50\";\n"
            "2;Ben;0,5;€ 62 000;1\n"
            "3;Cas;80%;1.234.567;1\n"
            "4;Dag;\"0,75\";\"70,000\";1\n")
    s = import_csv(_write(tmp_path, text)).scenario()
    assert [p.fte for p in s.positions] == [1.0, 0.5, 0.8, 0.75]
    assert [p.cost for p in s.positions] == [85000.5, 62000.0, 1234567.0, 70000.0]


def test_managers_by_unique_name_without_ids(tmp_path: Path) -> None:
    text = ("Name,Title,Manager\n"
            "Ana Costa,CEO,\n"
            "Ben Berg,CFO,Ana Costa\n"
            "Cas Dias,Accountant,ben berg\n")
    doc = import_csv(_write(tmp_path, text))
    assert [p.id for p in doc.scenario().positions] == ["p1", "p2", "p3"]
    assert _solid(doc) == [("p1", "p2"), ("p2", "p3")]


def test_all_problems_reported_together(tmp_path: Path) -> None:
    text = ("ID,Name,Manager,FTE,Cost,Customer facing\n"
            "1,Ana,,1,100,no\n"              # row 2: fine
            "2,Ben,1,lots,100,no\n"          # row 3: bad FTE
            "2,Bea,1,1,100,no\n"             # row 4: duplicate id
            "3,Cas,99,1,100,no\n"            # row 5: unknown manager
            "4,Dag,5,1,-5,no\n"              # row 6: negative cost; cycle with row 7
            "5,Eli,4,1,100,maybe\n"          # row 7: bad yes/no
            "6,Fay,6,1,100,no\n")            # row 8: reports to itself
    path = _write(tmp_path, text)
    with pytest.raises(ImportProblems) as info:
        import_csv(path)
    problems = "\n".join(info.value.problems)
    for expected in ("row 3, FTE: 'lots' is not a number",
                     "row 4: id '2' is already used in row 3",
                     "row 5: manager '99' matches no position",
                     "row 6, Cost:",
                     "row 7, Customer facing: 'maybe' is not yes or no",
                     "row 8: reports to itself",
                     "reporting cycle: row 6, row 7 (4 → 5 → 4"):
        assert expected in problems, expected
    rows = [int(p.split()[1].rstrip(",:")) for p in info.value.problems if p.startswith("row")]
    assert rows == sorted(rows)
    assert "nothing was imported" in str(info.value)
    preview = detect_columns(path)
    assert preview.problems == info.value.problems
    assert preview.row_count == 7


def test_ambiguous_manager_name(tmp_path: Path) -> None:
    text = "Name,Manager\nAna,\nBen,Ana\nBen,Ana\nCas,Ben\n"
    with pytest.raises(ImportProblems, match=r"row 5: manager 'Ben' is ambiguous: 2 people "
                                             r"have that name \(row 3, row 4\)"):
        import_csv(_write(tmp_path, text))


def test_formula_cells_stored_as_text(tmp_path: Path) -> None:
    text = ('ID,Name,Title\n1,=HYPERLINK("http://evil"),@SUM(A1)\n2,+1+1,-2\n')
    s = import_csv(_write(tmp_path, text)).scenario()
    assert s.position("1").holder == '=HYPERLINK("http://evil")'
    assert s.position("1").title == "@SUM(A1)"
    assert (s.position("2").holder, s.position("2").title) == ("+1+1", "-2")


def test_export_is_injection_safe_and_round_trips(tmp_path: Path) -> None:
    doc = generate_org(12, seed=5)
    s = doc.scenario()
    s.positions[1] = s.positions[1].model_copy(update={
        "holder": "=cmd|' /C calc'!A0", "title": "+44 20 7946 0000", "notes": "@risk",
        "email": "-minus", "phone": "\tTabbed"})
    s.positions[2] = s.positions[2].model_copy(update={"holder": "'=already quoted"})
    path = tmp_path / "out.csv"
    export_csv(doc, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    cells = [c for row in rows[1:] for c in row]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert "'=cmd|' /C calc'!A0" in cells and "''=already quoted" in cells
    back = import_csv(path).scenario()
    assert back.position(s.positions[1].id) == s.positions[1].model_copy(
        update={"unit_id": back.position(s.positions[1].id).unit_id})
    assert back.position(s.positions[2].id).holder == "'=already quoted"
    assert scenario_csv_bytes(import_csv(path)) == raw


def test_round_trip_keeps_order_units_and_dotted_lines(tmp_path: Path) -> None:
    doc = generate_org(60, seed=9)
    s = doc.scenario()
    # Reverse the CEO's reports so sibling order differs from document order.
    ceo_lines = [ln for ln in s.lines if ln.manager_id == "p1"]
    others = [ln for ln in s.lines if ln.manager_id != "p1"]
    s.lines = list(reversed(ceo_lines)) + others
    s.lines.append(ReportingLine(manager_id="p2", report_id="p9", kind=LineKind.DOTTED))
    path = tmp_path / "org.csv"
    export_csv(doc, path)
    back = import_csv(path, title="Back").scenario()
    assert [r for m, r in _solid(import_csv(path)) if m == "p1"] == \
        [ln.report_id for ln in reversed(ceo_lines)]
    assert set(map(tuple, _solid(import_csv(path)))) == set(_solid(doc))
    assert [(ln.manager_id, ln.report_id) for ln in back.lines
            if ln.kind is LineKind.DOTTED] == [("p2", "p9")]
    unit_name = {u.id: u.name for u in s.units}
    back_unit = {u.id: u.name for u in back.units}
    for p in s.positions:
        q = back.position(p.id)
        assert q.model_copy(update={"unit_id": p.unit_id}) == p
        assert unit_name.get(p.unit_id or "") == back_unit.get(q.unit_id or "")
    assert {u.name for u in back.units if u.is_division} == {u.name for u in s.units}


_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                max_size=30).map(str.strip)\
    .filter(lambda t: t.casefold() not in VACANT_NAMES)  # read as vacancies


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(holder=_text, title=_text, notes=_text,
       fte=st.floats(min_value=0, max_value=10, allow_nan=False),
       cost=st.none() | st.floats(min_value=0, max_value=1e9, allow_nan=False),
       facing=st.booleans())
def test_round_trip_any_cell(tmp_path: Path, holder: str, title: str, notes: str,
                             fte: float, cost: float | None, facing: bool) -> None:
    doc = generate_org(4, seed=1)
    s = doc.scenario()
    s.positions[3] = Position(id="p4", holder=holder, title=title, notes=notes, fte=fte,
                              cost=cost, customer_facing=facing, unit_id=s.positions[3].unit_id)
    path = tmp_path / "h.csv"
    export_csv(doc, path)
    back = import_csv(path).scenario().position("p4")
    assert back.model_copy(update={"unit_id": s.positions[3].unit_id}) == s.positions[3]


def test_explicit_mapping_overrides_detection(tmp_path: Path) -> None:
    text = "Person,Boss,Label,ID\nAna,,CEO,x1\nBen,Ana,CFO,x2\n"
    path = _write(tmp_path, text)
    mapping = ColumnMapping(id="", name="person", manager="Boss", title="Label",
                            manager_by=ManagerRef.NAME)
    s = import_csv(path, mapping).scenario()
    assert [p.id for p in s.positions] == ["p1", "p2"]  # the ID column was switched off
    assert s.position("p2").title == "CFO"
    assert [(ln.manager_id, ln.report_id) for ln in s.lines] == [("p1", "p2")]
    with pytest.raises(ImportProblems, match="column 'Chef' .given for manager. is not in "
                                             "the file; its columns are: Person, Boss"):
        import_csv(path, ColumnMapping(manager="Chef"))


def test_preview_shows_detection(tmp_path: Path) -> None:
    text = "Org chart export 2024\n\nEmployee ID;Name;Reports To;Shoe size\n1;Ana;;42\n2;Ben;1;44\n"
    preview = detect_columns(_write(tmp_path, text))
    assert preview.header_row == 3
    assert preview.delimiter == ";"
    assert preview.header == ["Employee ID", "Name", "Reports To", "Shoe size"]
    assert preview.unmapped == ["Shoe size"]
    assert preview.sample_rows == [["1", "Ana", "", "42"], ["2", "Ben", "1", "44"]]
    assert preview.problems == [] and preview.row_count == 2


def test_first_and_last_name_columns(tmp_path: Path) -> None:
    text = "Worker ID,First Name,Last Name,Manager ID\n1,Ana,Costa,\n2,Ben,Berg,1\n"
    assert import_csv(_write(tmp_path, text)).scenario().position("2").holder == "Ben Berg"


def test_unreadable_inputs(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        import_csv(tmp_path / "missing.csv")
    with pytest.raises(ImportProblems, match="no positions found"):
        import_csv(_write(tmp_path, "ID,Name\n"))
    with pytest.raises(LoadError, match="no header row"):
        import_csv(_write(tmp_path, ""))
    with pytest.raises(ImportProblems, match="no id, name or title column"):
        import_csv(_write(tmp_path, "Colour,Shoe size\nred,42\n"))
    with pytest.raises(ImportProblems, match="row 2: 4 cells but the header has 2"):
        import_csv(_write(tmp_path, "ID,Name\n1,Ana,x,y\n"))


def test_excel_sep_hint_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "sep=;\r\nID;Name;Manager ID\r\n1;Ana, the boss;\r\n2;Ben;1\r\n")
    doc = import_csv(path)
    assert doc.scenario().position("1").holder == "Ana, the boss"
    preview = detect_columns(path)
    assert (preview.delimiter, preview.header_row) == (";", 1)


def test_explicit_column_is_not_also_detected_as_another_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "Name,Job Title\nAna,CEO\nBen,CFO\n")
    preview = detect_columns(path, ColumnMapping(name="Job Title"))
    assert preview.mapping.name == "Job Title" and preview.mapping.title == ""
    assert [p.holder for p in import_csv(path, ColumnMapping(name="Job Title"))
            .scenario().positions] == ["CEO", "CFO"]


def test_too_long_values_are_problems_not_crashes(tmp_path: Path) -> None:
    long = "x" * 301
    text = f"ID,Name,Department,Email\n1,Ana,{long},a@example.com\n2,{long},Sales,{long}\n"
    with pytest.raises(ImportProblems) as info:
        import_csv(_write(tmp_path, text), title="t" * 1000)
    assert info.value.problems == [
        "row 2, Department: a unit name is longer than 300 characters",
        "row 3, Name: String should have at most 300 characters",
        "row 3, Email: String should have at most 300 characters",
    ]
    ok = f"ID,Name\n1,Ana\n2,Ben{'n' * 20}\n"
    assert len(import_csv(_write(tmp_path, ok), title="t" * 1000).meta.title) == 300


def test_vacancies_written_as_words(tmp_path: Path) -> None:
    text = "ID,Name,Title,Manager ID\n1,Ana,CEO,\n2,Vacant,CFO,1\n3,TBH,Analyst,2\n"
    s = import_csv(_write(tmp_path, text)).scenario()
    assert [p.vacant for p in s.positions] == [False, True, True]
    assert s.position("2").title == "CFO"


def test_manager_given_by_email(tmp_path: Path) -> None:
    text = ("Email,Name,Manager\nana@example.com,Ana,\nben@example.com,Ben,ANA@example.com\n"
            "cas@example.com,Cas,nobody@example.com\n")
    with pytest.raises(ImportProblems, match="row 4: manager 'nobody@example.com' matches "
                                             "no position name"):
        import_csv(_write(tmp_path, text))
    doc = import_csv(_write(tmp_path, text.rsplit("cas@", 1)[0]))
    assert _solid(doc) == [("p1", "p2")]
