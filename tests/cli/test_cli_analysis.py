"""The analysis subcommands run in-process: check, stats, diff."""

from __future__ import annotations

import json
import re

import pytest

from orgdesigner.cli import main
from orgdesigner.io import native
from orgdesigner.io.templates import load_template
from orgdesigner.model import edits
from orgdesigner.model.document import ReportingLine


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hybrid(tmp_path):
    path = tmp_path / "hybrid.orgchart"
    native.save(load_template("hybrid"), path)
    return path


@pytest.fixture
def two_scenarios(tmp_path):
    doc = load_template("functional")
    edits.add_scenario_copy(doc, doc.active_scenario, "To-be").apply(doc)
    to_be = doc.scenario_by_name("To-be")
    pid = to_be.positions[-1].id
    edits.change_position(doc, pid, title="Renamed Role", scenario_id=to_be.id).apply(doc)
    path = tmp_path / "two.orgchart"
    native.save(doc, path)
    return path, pid


def test_check_text_exit_0_without_errors(capsys, hybrid):
    code, out, err = _run(capsys, "check", str(hybrid))
    assert code == 0 and err == ""
    assert out.startswith("Scenario 'As-is', profile 'default': 0 error(s)")
    assert "SPAN_ONE_OR_TWO: Valentina Greco (Head of Marketing)" in out
    assert "→ " in out


def test_check_exit_1_on_an_error_and_json_lists_it(capsys, tmp_path):
    doc = load_template("functional")
    s = doc.scenario()
    top = next(line.manager_id for line in s.lines)
    # Make the top report to one of its own reports: a cycle survives loading.
    s.lines.append(ReportingLine(manager_id=s.lines[0].report_id, report_id=top))
    path = tmp_path / "cycle.orgchart"
    native.save(doc, path)
    code, out, _ = _run(capsys, "check", str(path), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["findings"][0]["code"] == "STRUCT_CYCLE"
    assert data["counts"]["error"] >= 1 and data["format_version"] == 1


def test_check_profile_preset_changes_the_findings(capsys, hybrid):
    _, out_default, _ = _run(capsys, "check", str(hybrid), "--format", "json")
    _, out_super, _ = _run(capsys, "check", str(hybrid), "--profile", "supervisor",
                           "--format", "json")
    codes = {f["code"] for f in json.loads(out_super)["findings"]}
    assert "SPAN_TOO_NARROW" in codes
    assert "SPAN_TOO_NARROW" not in {f["code"] for f in json.loads(out_default)["findings"]}
    assert json.loads(out_super)["profile"] == "supervisor"


@pytest.mark.parametrize("argv, message", [
    (["check", "missing.orgchart"], "no such file"),
    (["check"], "a FILE is required"),
    (["stats", "{hybrid}", "--scenario", "Nope"], "no scenario 'Nope'"),
    (["diff", "{hybrid}"], "diff needs two files"),
])
def test_bad_input_exits_2_with_one_line(capsys, hybrid, tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, *[a.format(hybrid=hybrid) for a in argv])
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_bad_profile_name_is_refused_by_the_parser(capsys, hybrid):
    with pytest.raises(SystemExit) as exc:
        main(["check", str(hybrid), "--profile", "tyrant"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_stats_text_and_json(capsys, hybrid):
    code, out, _ = _run(capsys, "stats", str(hybrid))
    assert code == 0
    assert "Structure type: hybrid" in out and "average span 2.44" in out
    assert "Customer Project Office" in out
    code, out, _ = _run(capsys, "stats", str(hybrid), "--format", "json")
    data = json.loads(out)
    assert data["structure"]["type"] == "hybrid"
    assert data["spans_layers"]["layer_count"] == 4
    assert data["organisation"]["positions"] == 33


def test_diff_two_scenarios_of_one_file(capsys, two_scenarios):
    path, pid = two_scenarios
    code, out, _ = _run(capsys, "diff", str(path), "--from", "As-is", "--to", "To-be")
    assert code == 0
    assert "Retitled (1):" in out and "→ Renamed Role" in out
    code, out, _ = _run(capsys, "diff", str(path), "--from", "As-is", "--to", "To-be",
                        "--format", "json")
    data = json.loads(out)
    assert [m["id"] for m in data["retitled"]] == [pid]
    assert data["added"] == [] and data["removed"] == []


def test_diff_two_files(capsys, hybrid, tmp_path):
    doc = native.load(hybrid)
    edits.remove_position(doc, "it-2", edits.RemoveMode.REHOME).apply(doc)
    other = tmp_path / "smaller.orgchart"
    native.save(doc, other)
    code, out, _ = _run(capsys, "diff", str(hybrid), str(other))
    assert code == 0
    assert "Removed (1): Hanna Virtanen" in out
    assert re.search(r"^  positions +33 → 32 ", out, re.M)


@pytest.mark.parametrize("command, key", [("check", "findings"), ("stats", "spans_layers"),
                                          ("diff", "metrics")])
def test_schema_is_printed(capsys, command, key):
    code, out, _ = _run(capsys, command, "--schema")
    assert code == 0
    assert key in json.loads(out)["properties"]
