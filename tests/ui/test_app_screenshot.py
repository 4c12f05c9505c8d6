"""``orgdesigner FILE --screenshot OUT.png``: the window opens, paints, saves and quits."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from orgdesigner.io.native import save
from orgdesigner.ui.app import parse_gui_args, run_gui


def test_screenshot_of_a_file_in_a_given_view_and_size(qtbot, tmp_path, small_document):
    path = tmp_path / "org.orgchart"
    save(small_document, path)
    out = tmp_path / "shots" / "window.png"
    code = run_gui([str(path), "--screenshot", str(out), "--view", "horizontal",
                    "--size", "900x600"])
    assert code == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)
    colours = {image.pixel(x, y) for x in range(0, 900, 15) for y in range(0, 600, 15)}
    assert len(colours) > 10  # a painted window, not a blank one


def test_bad_file_is_one_line_and_exit_2(qtbot, tmp_path, capsys):
    bad = tmp_path / "bad.orgchart"
    bad.write_text("{ not json", encoding="utf-8")
    assert run_gui([str(bad), "--screenshot", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("orgdesigner: ") and "bad.orgchart" in err
    assert "\n" not in err
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("args", [["--size", "wide"], ["--view", "sideways"],
                                  ["--size", "50x50"]])
def test_bad_options_exit_2(args, capsys):
    with pytest.raises(SystemExit) as stop:
        parse_gui_args(args)
    assert stop.value.code == 2
