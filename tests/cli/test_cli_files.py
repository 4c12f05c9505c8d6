"""The file subcommands run in-process: import, convert, new, templates."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from orgdesigner import __version__
from orgdesigner.cli import main
from orgdesigner.io import native
from orgdesigner.io.templates import TEMPLATE_NAMES, load_template
from orgdesigner.model.document import Scenario

HR_EXPORT = (
    "Employee ID,Full Name,Job Title,Reports To,Department,FTE,Salary,Customer facing\n"
    "1,Ana Costa,Chief Executive Officer,,Executive,1,250000,no\n"
    "2,Ben Berg,Head of Sales,1,Sales,1,150000,yes\n"
    "3,Chloé Dubois,Account Manager,2,Sales,\"0,8\",60000,yes\n"
    "4,Dmitri Ivanov,CFO,1,Finance,1,180000,no\n"
)
# The same people as a German export whose headers nothing recognises.
GERMAN_EXPORT = (
    "Personalnummer;Mitarbeiter;Funktion;Vorgesetzter;Abteilung\n"
    "1;Ana Costa;Geschäftsführerin;;Leitung\n"
    "2;Ben Berg;Vertriebsleiter;1;Vertrieb\n"
    "3;Chloé Dubois;Kundenbetreuerin;2;Vertrieb\n"
    "4;Dmitri Ivanov;Finanzleiter;1;Finanzen\n"
)
BROKEN_EXPORT = (
    "Employee ID,Full Name,Job Title,Reports To\n"
    "1,Ana Costa,CEO,\n"
    "2,Ben Berg,Head of Sales,9\n"
    "2,Eva Lind,Analyst,1\n"
    "5,Finn Roe,Analyst,abc\n"
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _only_files(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- templates / new -------------------------------------------------------------------------
def test_templates_lists_each_name_with_its_description(capsys) -> None:
    code, out, err = _run(capsys, "templates")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(TEMPLATE_NAMES)
    for name, line in zip(TEMPLATE_NAMES, lines, strict=True):
        assert line.endswith(load_template(name).meta.description)


def test_templates_as_json_for_tools(capsys) -> None:
    code, out, _ = _run(capsys, "templates", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["name"] for r in rows] == list(TEMPLATE_NAMES)
    assert rows[-1]["title"] == load_template("nordstrom").meta.title


def test_new_writes_a_loadable_chart_from_a_template(capsys, tmp_path) -> None:
    out_file = tmp_path / "stores.orgchart"
    code, out, err = _run(capsys, "new", "--template", "nordstrom", "-o", str(out_file),
                          "--title", "Larkspur to-be")
    assert code == 0, err
    assert "stores.orgchart" in out
    doc = native.load(out_file)
    template = load_template("nordstrom")
    assert doc.meta.title == "Larkspur to-be"
    assert doc.scenarios == template.scenarios


def test_new_with_an_unknown_template_fails_cleanly(capsys, tmp_path) -> None:
    out_file = tmp_path / "x.orgchart"
    code, out, err = _run(capsys, "new", "--template", "matrix", "-o", str(out_file))
    assert code == 2
    assert err.startswith("orgdesigner: unknown template 'matrix'")
    assert "functional" in err and "nordstrom" in err
    assert len(err.strip().splitlines()) == 1
    assert _only_files(tmp_path) == []


def test_new_into_a_missing_folder_leaves_nothing_behind(capsys, tmp_path) -> None:
    code, _, err = _run(capsys, "new", "-t", "hybrid", "-o", str(tmp_path / "no" / "x.orgchart"))
    assert code == 2 and "does not exist" in err and "Traceback" not in err
    assert _only_files(tmp_path) == []


def test_new_refuses_an_unknown_output_type(capsys, tmp_path) -> None:
    code, _, err = _run(capsys, "new", "-t", "hybrid", "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "'.docx'" in err
    assert _only_files(tmp_path) == []


def test_new_over_an_existing_chart_keeps_the_previous_version(capsys, tmp_path) -> None:
    out_file = tmp_path / "org.orgchart"
    assert main(["new", "-t", "functional", "-o", str(out_file)]) == 0
    before = out_file.read_bytes()
    assert main(["new", "-t", "hybrid", "-o", str(out_file)]) == 0
    capsys.readouterr()
    assert (tmp_path / "org.orgchart.bak").read_bytes() == before
    assert native.load(out_file).meta.title == load_template("hybrid").meta.title


def _structure(scenario: Scenario) -> tuple[set, set]:
    people = {(p.holder, p.title) for p in scenario.positions}
    label = {p.id: p.label for p in scenario.positions}
    lines = {(label[ln.manager_id], label[ln.report_id], ln.kind) for ln in scenario.lines}
    return people, lines


# -- import ----------------------------------------------------------------------------------
def test_import_csv_writes_a_chart(capsys, tmp_path) -> None:
    source = tmp_path / "hr.csv"
    source.write_text(HR_EXPORT, encoding="utf-8")
    out_file = tmp_path / "org.orgchart"
    code, out, err = _run(capsys, "import", str(source), "-o", str(out_file),
                          "--title", "Acme as-is")
    assert code == 0, err
    assert "Imported 4 positions" in out
    doc = native.load(out_file)
    scenario = doc.scenario()
    assert doc.meta.title == "Acme as-is"
    by_holder = {p.holder: p for p in scenario.positions}
    assert by_holder["Chloé Dubois"].fte == 0.8 and by_holder["Chloé Dubois"].customer_facing
    assert scenario.manager_of(by_holder["Chloé Dubois"].id) == by_holder["Ben Berg"].id
    assert {u.name for u in scenario.units} >= {"Sales", "Finance"}


def test_import_uses_the_column_mapping_flags(capsys, tmp_path) -> None:
    source = tmp_path / "personal.csv"
    source.write_text(GERMAN_EXPORT, encoding="utf-8")
    out_file = tmp_path / "org.orgchart"
    code, _, err = _run(capsys, "import", str(source), "-o", str(out_file),
                        "--id-column", "Personalnummer", "--name-column", "Mitarbeiter",
                        "--title-column", "Funktion", "--manager-column", "Vorgesetzter",
                        "--unit-column", "Abteilung", "--manager-by", "id")
    assert code == 0, err
    scenario = native.load(out_file).scenario()
    by_holder = {p.holder: p for p in scenario.positions}
    assert by_holder["Ben Berg"].title == "Vertriebsleiter"
    assert scenario.manager_of(by_holder["Chloé Dubois"].id) == by_holder["Ben Berg"].id
    assert {u.name for u in scenario.units} >= {"Vertrieb", "Finanzen"}
    # Without the flags nothing is recognised: refused, naming the columns it saw.
    plain = tmp_path / "plain.orgchart"
    code, _, err = _run(capsys, "import", str(source), "-o", str(plain))
    assert code == 2 and "Personalnummer" in err and not plain.exists()


def test_import_reads_excel_unicode_text(capsys, tmp_path) -> None:
    source = tmp_path / "export.txt"  # Excel's "Unicode Text": UTF-16, tab-separated
    source.write_bytes(HR_EXPORT.replace(",", "\t").replace('"0\t8"', "0,8")
                       .encode("utf-16"))
    out_file = tmp_path / "org.orgchart"
    code, _, err = _run(capsys, "import", str(source), "-o", str(out_file))
    assert code == 0, err
    by_holder = {p.holder: p for p in native.load(out_file).scenario().positions}
    assert by_holder["Chloé Dubois"].fte == 0.8 and by_holder["Dmitri Ivanov"].title == "CFO"


def test_import_problems_are_all_reported_and_nothing_is_written(capsys, tmp_path) -> None:
    source = tmp_path / "hr.csv"
    source.write_text(BROKEN_EXPORT, encoding="utf-8")
    out_file = tmp_path / "org.orgchart"
    out_file.write_bytes(b"previous chart")
    code, out, err = _run(capsys, "import", str(source), "-o", str(out_file))
    assert code == 2 and out == ""
    assert err.startswith(f"orgdesigner: {source}:")
    assert "row 3" in err and "row 4" in err and "row 5" in err
    assert "Traceback" not in err
    assert out_file.read_bytes() == b"previous chart"
    assert _only_files(tmp_path) == ["hr.csv", "org.orgchart"]


def test_import_refuses_to_overwrite_its_input(capsys, tmp_path) -> None:
    source = tmp_path / "hr.csv"
    source.write_text(HR_EXPORT, encoding="utf-8")
    code, _, err = _run(capsys, "import", str(source), "-o", str(tmp_path / "." / "hr.csv"))
    assert code == 2 and "is the input file" in err
    assert source.read_text(encoding="utf-8") == HR_EXPORT


def test_import_mapping_flags_are_for_csv_only(capsys, tmp_path) -> None:
    graphml = tmp_path / "org.graphml"
    assert main(["new", "-t", "functional", "-o", str(tmp_path / "f.orgchart")]) == 0
    assert main(["convert", str(tmp_path / "f.orgchart"), "-o", str(graphml)]) == 0
    capsys.readouterr()
    code, _, err = _run(capsys, "import", str(graphml), "-o", str(tmp_path / "g.orgchart"),
                        "--id-column", "x")
    assert code == 2 and "CSV files only" in err
    assert not (tmp_path / "g.orgchart").exists()


def test_import_checks_the_output_type_before_reading(capsys, tmp_path) -> None:
    code, _, err = _run(capsys, "import", str(tmp_path / "nope.csv"), "-o",
                        str(tmp_path / "org"))
    assert code == 2 and "unknown output type (no extension)" in err
    assert "nope.csv" not in err.split(":", 2)[1]


def test_import_of_a_missing_file_fails_cleanly(capsys, tmp_path) -> None:
    code, _, err = _run(capsys, "import", str(tmp_path / "nope.csv"), "-o",
                        str(tmp_path / "x.orgchart"))
    assert code == 2 and "nope.csv" in err and "Traceback" not in err
    assert _only_files(tmp_path) == []


# -- convert ---------------------------------------------------------------------------------
@pytest.mark.parametrize("via", [".csv", ".graphml"])
def test_convert_round_trips_a_template_through_csv_and_graphml(capsys, tmp_path, via) -> None:
    chart = tmp_path / "org.orgchart"
    assert main(["new", "-t", "customer-centric", "-o", str(chart)]) == 0
    middle = tmp_path / f"org{via}"
    back = tmp_path / "back.orgchart"
    assert main(["convert", str(chart), "-o", str(middle)]) == 0
    assert main(["convert", str(middle), "-o", str(back)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and f"Wrote {back}" in out
    assert _structure(native.load(back).scenario()) == _structure(load_template(
        "customer-centric").scenario())


def test_convert_writes_the_chosen_scenario(capsys, tmp_path) -> None:
    doc = load_template("functional")
    smaller = doc.scenario().model_copy(deep=True)
    smaller.id, smaller.name = "to-be", "To-be"
    smaller.positions = [p for p in smaller.positions if not p.id.startswith("brand-")]
    smaller.lines = [ln for ln in smaller.lines if not ln.report_id.startswith("brand-")]
    doc.scenarios.append(smaller)
    chart = tmp_path / "two.orgchart"
    native.save(doc, chart)
    out_csv = tmp_path / "to-be.csv"
    code, _, err = _run(capsys, "convert", str(chart), "-o", str(out_csv), "--scenario", "to-be")
    assert code == 0, err
    assert main(["convert", str(out_csv), "-o", str(tmp_path / "b.orgchart")]) == 0
    assert len(native.load(tmp_path / "b.orgchart").scenario().positions) == len(
        smaller.positions)
    code, _, err = _run(capsys, "convert", str(chart), "-o", str(tmp_path / "x.csv"),
                        "--scenario", "Plan Z")
    assert code == 2 and "'Plan Z'" in err and "'To-be'" in err
    assert not (tmp_path / "x.csv").exists()


def test_convert_refuses_unknown_types_and_its_own_input(capsys, tmp_path) -> None:
    chart = tmp_path / "org.orgchart"
    assert main(["new", "-t", "hybrid", "-o", str(chart)]) == 0
    before = chart.read_bytes()
    code, _, err = _run(capsys, "convert", str(chart), "-o", str(tmp_path / "org.docx"))
    assert code == 2 and "'.docx'" in err
    code, _, err = _run(capsys, "convert", str(chart), "-o", str(chart))
    assert code == 2 and "is the input file" in err
    assert chart.read_bytes() == before
    assert _only_files(tmp_path) == ["org.orgchart"]


def test_convert_of_a_truncated_chart_names_the_file(capsys, tmp_path) -> None:
    chart = tmp_path / "org.orgchart"
    assert main(["new", "-t", "hybrid", "-o", str(chart)]) == 0
    chart.write_bytes(chart.read_bytes()[:500])
    code, _, err = _run(capsys, "convert", str(chart), "-o", str(tmp_path / "org.csv"))
    assert code == 2 and str(chart) in err and "Traceback" not in err
    assert not (tmp_path / "org.csv").exists()


# -- the installed command, once each ---------------------------------------------------------
def test_python_dash_m_prints_the_version() -> None:
    result = subprocess.run([sys.executable, "-m", "orgdesigner", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == f"orgdesigner {__version__}"


def test_python_dash_m_failing_import_exits_2_without_a_traceback(tmp_path) -> None:
    source = tmp_path / "hr.csv"
    source.write_text(BROKEN_EXPORT, encoding="utf-8")
    out_file = tmp_path / "org.orgchart"
    result = subprocess.run(
        [sys.executable, "-m", "orgdesigner", "import", str(source), "-o", str(out_file)],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "row 3" in result.stderr
    assert not out_file.exists()
