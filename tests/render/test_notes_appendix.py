"""The sticky notes appendix of the PDF: printed when asked, with where each is pinned."""

from __future__ import annotations

import re

from pdf_fixtures import simple_layout, small_document
from pypdf import PdfReader

from orgdesigner.cli import main
from orgdesigner.io.native import save
from orgdesigner.model.document import Note
from orgdesigner.render.options import Appendix, PdfOptions
from orgdesigner.render.pdf import export_pdf


def _text(path) -> str:
    return " ".join(re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(path).pages)


def _with_notes():
    doc = small_document()
    sc = doc.scenario()
    pinned = sc.positions[1]
    sc.notes = [Note(id="n1", text="Merge <b>these</b> two teams?", attached_to=pinned.id),
                Note(id="n2", text="Parking lot: pricing", x=-300, y=20)]
    return doc, pinned


def test_notes_appendix_lists_each_note_and_its_position(tmp_path):
    doc, pinned = _with_notes()
    out = tmp_path / "notes.pdf"
    export_pdf(doc, out, PdfOptions(appendices=(Appendix.NOTES,)), layout=simple_layout)
    text = _text(out)
    assert "Sticky notes" in text
    assert "Merge <b>these</b> two teams?" in text  # markup printed as text
    assert "Parking lot: pricing" in text and "free on the chart" in text
    assert pinned.label in text
    titles = [o.title for o in PdfReader(out).outline if not isinstance(o, list)]
    assert "Appendix: Sticky notes" in titles


def test_notes_are_printed_only_when_asked_and_only_if_there_are_some(tmp_path):
    doc, _ = _with_notes()
    out = tmp_path / "plain.pdf"
    export_pdf(doc, out, PdfOptions(), layout=simple_layout)
    assert "Parking lot" not in _text(out)
    empty = small_document()
    out2 = tmp_path / "empty.pdf"
    export_pdf(empty, out2, PdfOptions(appendices=(Appendix.NOTES,)), layout=simple_layout)
    assert "Sticky notes" not in _text(out2)


def test_command_line_takes_the_notes_appendix(tmp_path):
    doc, _ = _with_notes()
    src = tmp_path / "n.orgchart"
    save(doc, src)
    out = tmp_path / "cli.pdf"
    assert main(["export", str(src), "-o", str(out), "--appendix", "notes"]) == 0
    assert "Parking lot: pricing" in _text(out)
