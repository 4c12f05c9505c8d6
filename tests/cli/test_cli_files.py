"""The file subcommands run in-process: import, convert, new, templates."""

from __future__ import annotations

import subprocess
import sys

import pytest

from orgdesigner import __version__
from orgdesigner.cli import main
from orgdesigner.io import native
from orgdesigner.io.templates import TEMPLATE_NAMES, load_template


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


# -- the installed command, once each ---------------------------------------------------------
def test_python_dash_m_prints_the_version() -> None:
    result = subprocess.run([sys.executable, "-m", "orgdesigner", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == f"orgdesigner {__version__}"
