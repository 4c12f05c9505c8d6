"""``orgdesigner export``: the command line face of the PDF export."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A3, LETTER

from orgdesigner.cli import main
from orgdesigner.io import native
from orgdesigner.io.templates import load_template
from orgdesigner.model.synthetic import generate_org


@pytest.fixture
def chart(tmp_path):
    path = tmp_path / "org.orgchart"
    native.save(load_template("functional"), path)
    return path


def test_export_default_one_page(chart, tmp_path, capsys):
    out = tmp_path / "org.pdf"
    assert main(["export", str(chart), "-o", str(out)]) == 0
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    doc = native.load(chart)
    for p in doc.scenario().positions:
        if p.holder:
            assert p.holder.split()[0] in text
    captured = capsys.readouterr()
    assert "Wrote" in captured.out and "1 page" in captured.out


def test_export_options_paper_portrait_fit_and_appendix(chart, tmp_path):
    out = tmp_path / "book.pdf"
    code = main(["export", str(chart), "-o", str(out), "--paper", "a3", "--portrait",
                 "--fit", "divisions", "--view", "horizontal", "--appendix", "metrics,raci",
                 "--title", "Board pack"])
    assert code == 0
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A3)
    assert reader.metadata.title == "Board pack"
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "Overview" in titles and "Index of names" in titles
    assert any(t.startswith("Appendix: Spans") for t in titles)


def test_export_custom_paper_in_mm(chart, tmp_path):
    out = tmp_path / "c.pdf"
    assert main(["export", str(chart), "-o", str(out), "--paper", "279.4x215.9",
                 "--fit", "tile"]) == 0
    box = PdfReader(out).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((LETTER[1], LETTER[0]),
                                                                  abs=0.1)


@pytest.mark.parametrize("args, message", [
    (["--paper", "B7"], "unknown paper"),
    (["--appendix", "checks,bogus"], "unknown appendix"),
    (["--scenario", "Nope"], "no scenario"),
    (["--paper", "9000x10"], "not printable"),
])
def test_bad_options_exit_2_without_output(chart, tmp_path, capsys, args, message):
    out = tmp_path / "x.pdf"
    assert main(["export", str(chart), "-o", str(out), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_missing_input_and_bad_output(tmp_path, chart, capsys):
    assert main(["export", str(tmp_path / "none.orgchart"), "-o", str(tmp_path / "a.pdf")]) == 2
    assert main(["export", str(chart), "-o", str(tmp_path / "a.png")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert not (tmp_path / "a.pdf").exists()


def test_progress_on_stderr_for_big_charts(tmp_path, capsys):
    path = tmp_path / "big.orgchart"
    native.save(generate_org(2500, seed=7), path)
    out = tmp_path / "big.pdf"
    assert main(["export", str(path), "-o", str(out), "--fit", "page"]) == 0
    err = capsys.readouterr().err
    assert "exporting: 100%" in err and "below 6 pt" in err


@pytest.mark.parametrize("suffix", [".csv", ".graphml"])
def test_csv_and_graphml_are_imported_on_the_fly(tmp_path, suffix):
    from orgdesigner.io.csv import export_csv
    from orgdesigner.io.graphml import export_graphml

    doc = load_template("hybrid")
    source = tmp_path / f"org{suffix}"
    (export_csv if suffix == ".csv" else export_graphml)(doc, source)
    out = tmp_path / "org.pdf"
    assert main(["export", str(source), "-o", str(out), "--fit", "tile", "-q"]) == 0
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    for p in doc.scenario().positions:
        if p.holder:
            assert p.holder.split()[-1] in text


def test_bad_csv_is_one_clear_line(tmp_path, capsys):
    source = tmp_path / "bad.csv"
    source.write_text("id,name,manager\n1,Ana,\n2,Ben,99\n", encoding="utf-8")
    out = tmp_path / "bad.pdf"
    assert main(["export", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "bad.csv" in err and "Traceback" not in err
    assert not out.exists()
