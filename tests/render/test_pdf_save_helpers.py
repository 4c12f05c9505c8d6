"""The fast paths used while the PDF is saved: same bytes as reportlab's own helpers, and
reportlab's module gets its helpers back afterwards (also after a failed export)."""

from __future__ import annotations

import pytest
from pdf_fixtures import simple_layout, small_document
from pypdf import PdfReader
from reportlab.pdfbase import pdfdoc

from orgdesigner.render.ops import OpBlock
from orgdesigner.render.options import FitMode, PdfOptions
from orgdesigner.render.pdf import export_pdf
from orgdesigner.render.writer import _fast_flate, _pdf_name, _pdfdoc_enc


def _outcome(encode, text):
    """The bytes, or the kind of error (PDFDocEncoding has no Greek, for instance)."""
    try:
        return encode(text)
    except UnicodeError as err:
        return type(err)


@pytest.mark.parametrize("text", ["MediaBox", "1745 0 obj\n", "(Zoë) Tj", "Σ Ж", "", "a b#c",
                                  "/Dest [ 3 0 R /Fit ]", "€ – “quoted”"])
def test_fast_helpers_match_reportlab(text):
    assert _outcome(_pdfdoc_enc, text) == _outcome(pdfdoc.pdfdocEnc, text)
    assert _pdfdoc_enc(text.encode("utf8")) == text.encode("utf8")
    assert _pdf_name(text) == pdfdoc.PDFName(text)
    assert _pdf_name(text) == pdfdoc.PDFName(text)  # memoised answer too


def test_control_characters_are_refused_like_reportlab_does():
    with pytest.raises(UnicodeError):
        pdfdoc.pdfdocEnc("a\x19b")
    with pytest.raises(UnicodeError):
        _pdfdoc_enc("a\x19b")


def test_reportlab_gets_its_helpers_back(tmp_path):
    originals = pdfdoc.PDFZCompress, pdfdoc.PDFName, pdfdoc.pdfdocEnc
    with pytest.raises(RuntimeError), _fast_flate():
        assert pdfdoc.PDFName is _pdf_name
        raise RuntimeError("a save that fails")
    assert (pdfdoc.PDFZCompress, pdfdoc.PDFName, pdfdoc.pdfdocEnc) == originals
    out = tmp_path / "chart.pdf"
    export_pdf(small_document(), out, PdfOptions(fit=FitMode.PAGE), layout=simple_layout)
    assert (pdfdoc.PDFZCompress, pdfdoc.PDFName, pdfdoc.pdfdocEnc) == originals
    reader = PdfReader(out)
    assert reader.pages[0]["/Contents"].get_object()["/Filter"] == ["/FlateDecode"]
    assert "Ana Almeida" in reader.pages[0].extract_text()


def test_box_outline_path_is_shared_per_size_and_moved_into_place():
    class _Doc:
        pass

    class _Canvas:
        _doc = _Doc()

    ops = OpBlock(_Canvas(), {})  # type: ignore[arg-type]
    ops.round_rect(10, 20, 100, 40, 3)
    ops.round_rect(210, 20, 100, 40, 3)
    first, second = ops.ops
    assert first.startswith("q 1 0 0 1 10.0 20.0 cm ") and first.endswith(" B Q")
    assert second.startswith("q 1 0 0 1 210.0 20.0 cm ")
    assert first.split(" cm ", 1)[1] == second.split(" cm ", 1)[1]
    ops.round_rect(0, 0, 50, 10, 0)  # no radius: a plain rectangle
    assert ops.ops[-1] == "0.0 0.0 50.0 10.0 re B"
