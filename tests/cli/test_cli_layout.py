"""``orgdesigner layout``: geometry JSON for each view, clear errors, no partial output."""

from __future__ import annotations

import json

import pytest

from orgdesigner.cli import main
from orgdesigner.io import native
from orgdesigner.io.templates import load_template


@pytest.fixture()
def chart(tmp_path):
    path = tmp_path / "nordstrom.orgchart"
    native.save(load_template("nordstrom"), path)
    return path


@pytest.mark.parametrize("view", ["classic", "horizontal", "inverted"])
def test_writes_the_geometry(chart, tmp_path, view, capsys):
    out = tmp_path / f"{view}.json"
    assert main(["layout", str(chart), "--view", view, "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format_version"] == 1 and data["view"] == view
    assert len(data["boxes"]) == 54
    box = data["boxes"][0]
    assert {"id", "x", "y", "w", "h", "lines", "style"} <= box.keys()
    assert {"x", "y", "w", "h"} == data["bounds"].keys()
    if view == "inverted":
        assert data["bands"][0]["label"] == "CUSTOMER"
        assert data["pyramid"]["tilt_degrees"] == 0.0
        assert len(data["columns"]) == 4 and data["balance"]["tips"] is False
    assert "54 boxes" in capsys.readouterr().out


def test_default_view_is_the_scenarios(chart, tmp_path):
    out = tmp_path / "g.json"
    assert main(["layout", str(chart), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["view"] == "inverted"


def test_bad_inputs_exit_2_with_one_line_and_no_output(chart, tmp_path, capsys):
    out = tmp_path / "g.json"
    assert main(["layout", str(tmp_path / "missing.orgchart"), "-o", str(out)]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["layout", str(chart), "--scenario", "To-be Z", "-o", str(out)]) == 2
    assert "no scenario 'To-be Z'" in capsys.readouterr().err
    bad = tmp_path / "bad.orgchart"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["layout", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "bad.orgchart" in err and "Traceback" not in err
    assert main(["layout", str(chart), "-o", str(chart)]) == 2
    assert not out.exists()
    with pytest.raises(SystemExit) as exc:
        main(["layout", str(chart), "--view", "sideways", "-o", str(out)])
    assert exc.value.code == 2
