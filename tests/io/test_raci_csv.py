"""RACI CSV: export, import back as one undo step, problems named by row and column."""

from __future__ import annotations

import pytest

from orgdesigner.errors import ImportProblems, LoadError
from orgdesigner.io.raci_csv import export_raci_csv, import_raci_csv, raci_csv_bytes
from orgdesigner.io.templates import load_template
from orgdesigner.model.document import Process, RaciRole
from orgdesigner.model.edits import Collection, ReplaceCollection, set_raci


def test_round_trip_of_the_customer_centric_chart(tmp_path):
    doc = load_template("customer-centric")
    before = list(doc.scenario().processes)
    for columns in ("positions", "units"):
        path = tmp_path / f"raci-{columns}.csv"
        export_raci_csv(doc, path, columns=columns)
        # Change the chart, then import the file: the exported chart comes back exactly.
        set_raci(doc, before[0].id, "ceo", RaciRole.ACCOUNTABLE).apply(doc)
        edit = import_raci_csv(path, doc)
        inverse = edit.apply(doc)
        assert doc.scenario().processes == before
        inverse.apply(doc)  # one step undoes the whole import
        assert doc.scenario().processes[0].assignments["ceo"] is RaciRole.ACCOUNTABLE
        edit.apply(doc)
        assert doc.scenario().processes == before


def test_units_columns_and_header(tmp_path):
    doc = load_template("customer-centric")
    text = raci_csv_bytes(doc, columns="units").decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith("Process ID,Process,Executive Office [exec],")
    assert "[cso-head]" in header  # positions holding a letter follow the units
    first = text.splitlines()[1]
    assert "Resolve a customer problem" in first and ",A," in first


def test_formula_cells_are_escaped_and_read_back(tmp_path):
    doc = load_template("customer-centric")
    scenario = doc.scenario()
    evil = Process(id="p-evil", name='=HYPERLINK("x")',
                   assignments={"ceo": RaciRole.RESPONSIBLE})
    ReplaceCollection(scenario.id, Collection.PROCESSES, (evil,)).apply(doc)
    path = tmp_path / "evil.csv"
    export_raci_csv(doc, path)
    assert "'=HYPERLINK" in path.read_text(encoding="utf-8-sig")
    import_raci_csv(path, doc).apply(doc)
    assert doc.scenario().processes[0].name == evil.name


def test_problems_name_row_and_column_and_nothing_changes(tmp_path):
    doc = load_template("customer-centric")
    before = list(doc.scenario().processes)
    path = tmp_path / "bad.csv"
    path.write_text("Process ID,Process,CEO [ceo],Nobody [zz]\n"
                    "p1,Resolve,A,\n"
                    "p1,Again,X,\n"
                    ",,R,\n", encoding="utf-8")
    with pytest.raises(ImportProblems) as err:
        import_raci_csv(path, doc)
    problems = err.value.problems
    assert any("row 1, column D" in p and "'zz'" in p for p in problems)
    assert any(p.startswith("row 3, column A") and "already used in row 2" in p
               for p in problems)
    assert any(p.startswith("row 3, column C") and "'X' is not R, A, C or I" in p
               for p in problems)
    assert any(p.startswith("row 4, column B") and "no name" in p for p in problems)
    assert doc.scenario().processes == before


def test_names_without_ids_and_missing_columns(tmp_path):
    doc = load_template("customer-centric")
    path = tmp_path / "names.csv"
    path.write_text("Process;Finance;Informed words\nPay;accountable;\n", encoding="utf-8")
    with pytest.raises(ImportProblems) as err:
        import_raci_csv(path, doc)
    assert "row 1, column C ('Informed words')" in err.value.problems[0]
    path.write_text("Process;Finance\nPay;accountable\n", encoding="utf-8")
    import_raci_csv(path, doc).apply(doc)
    (proc,) = doc.scenario().processes
    assert proc.name == "Pay" and proc.assignments == {"fin": RaciRole.ACCOUNTABLE}
    path.write_text("Name,Role\n", encoding="utf-8")
    with pytest.raises(LoadError, match="no 'Process' column"):
        import_raci_csv(path, doc)
    with pytest.raises(LoadError, match="no such file"):
        import_raci_csv(tmp_path / "missing.csv", doc)
