"""PDF export, checked by opening the produced files with pypdf."""

from __future__ import annotations

import re

import pytest
from pdf_fixtures import simple_layout, small_document
from pypdf import PdfReader
from reportlab.lib.pagesizes import A3, A4, LETTER

from orgdesigner.errors import OrgDesignerError
from orgdesigner.model.synthetic import generate_org
from orgdesigner.render.options import MAX_SHEET_PT, FitMode, Paper, PdfOptions
from orgdesigner.render.pdf import export_pdf
from orgdesigner.render.writer import ExportCancelled

SPECIAL = ["<img src='/etc/passwd'/>", "</para> & <b>bold</b>", "Ωμέγα Παπαδόπουλος",
           "Дмитрий Иванов", "田中 太郎", "김민수", "王小明"]


def _text(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _embedded_fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            for f in ([d.get_object() for d in descendants] if descendants else [font]):
                desc = f.get("/FontDescriptor")
                if desc is not None and any(k in desc.get_object()
                                            for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(f["/BaseFont"]))
    return names


def _outline_titles(outline) -> list[str]:
    titles = []
    for item in outline:
        if isinstance(item, list):
            titles += _outline_titles(item)
        else:
            titles.append(item.title)
    return titles


def test_page_mode_names_fonts_metadata_and_escaping(tmp_path):
    doc = small_document(SPECIAL)
    out = tmp_path / "chart.pdf"
    result = export_pdf(doc, out, PdfOptions(paper=Paper.A4, landscape=True, date="2026-01-02"),
                        layout=simple_layout)
    reader = PdfReader(out)
    assert result.pages == len(reader.pages) == 1
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
        (A4[1], A4[0]))
    text = _plain(_text(reader)[0])
    for p in doc.scenario().positions:
        assert p.holder in text, p.holder
    assert "Small Co" in text and "Page 1 of" in text and "2026-01-02" in text
    fonts = _embedded_fonts(reader)
    assert any("DejaVuSans" in f for f in fonts) and any("Bold" in f for f in fonts)
    assert reader.metadata.title == "Small Co"
    assert reader.metadata.author == "Test Author"
    assert "As-is" in reader.metadata.subject
    assert _outline_titles(reader.outline) == ["Whole organisation"]
    raw = out.read_bytes()
    assert b"/Subtype /Image" not in raw  # the <img> name opened no file


@pytest.mark.parametrize(("paper", "landscape", "size"), [
    (Paper.A3, False, A3), (Paper.LETTER, True, (LETTER[1], LETTER[0]))])
def test_paper_sizes(tmp_path, small_doc, paper, landscape, size):
    out = tmp_path / "p.pdf"
    export_pdf(small_doc, out, PdfOptions(paper=paper, landscape=landscape),
               layout=simple_layout)
    box = PdfReader(out).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size)


def test_page_mode_warns_when_text_too_small(tmp_path):
    result = export_pdf(generate_org(300, seed=2), tmp_path / "big.pdf", PdfOptions(),
                        layout=simple_layout)
    assert result.pages == 1
    assert any("below 6 pt" in w and "tile" in w for w in result.warnings)


@pytest.mark.parametrize("fit", [FitMode.TILE, FitMode.DIVISIONS])
def test_multipage_index_points_at_the_pages_with_the_names(tmp_path, fit):
    doc = generate_org(160, seed=3)
    out = tmp_path / f"{fit}.pdf"
    result = export_pdf(doc, out, PdfOptions(fit=fit, paper=Paper.A4), layout=simple_layout)
    reader = PdfReader(out)
    texts = [_plain(t) for t in _text(reader)]
    assert result.pages == len(reader.pages) > 2
    for page in reader.pages:  # no page exceeds the sheet; all the chosen paper
        assert float(page.mediabox.width) == pytest.approx(A4[1])
        assert float(page.mediabox.height) == pytest.approx(A4[0])
        assert max(float(page.mediabox.width), float(page.mediabox.height)) <= MAX_SHEET_PT
    scenario = doc.scenario()
    for p in scenario.positions:
        pages = result.pages_of.get(p.id)
        assert pages, f"{p.id} is on no page"
        if p.holder:
            for n in pages:
                assert p.holder in texts[n - 1], (p.holder, n)
    index_pages = [i for i, t in enumerate(texts) if "Index of names" in t]
    assert index_pages and index_pages[0] > 0
    index_text = " ".join(texts[i] for i in index_pages)
    sample = next(p for p in scenario.positions[40:] if p.holder)
    numbers = ", ".join(str(n) for n in sorted(set(result.pages_of[sample.id]))[:6])
    assert f"{sample.holder}" in index_text and numbers in index_text
    # index entries are links to pages
    annots = [a.get_object() for i in index_pages for a in reader.pages[i].get("/Annots", [])]
    assert len(annots) >= len([p for p in scenario.positions if p.id in result.pages_of]) * 0.9
    titles = _outline_titles(reader.outline)
    assert "Index of names" in titles
    if fit is FitMode.DIVISIONS:
        for unit in scenario.units:
            assert unit.name in titles
    else:
        assert "Poster overview" in titles and any(t.startswith("Tile A") for t in titles)


def test_tiles_have_grid_references_and_overlap(tmp_path):
    doc = small_document()
    out = tmp_path / "tiles.pdf"
    result = export_pdf(doc, out, PdfOptions(fit=FitMode.TILE, tile_scale=2.0, index=False),
                        layout=simple_layout)
    texts = [_plain(t) for t in _text(PdfReader(out))]
    assert "overview" in texts[0]
    assert any("Tile A1" in t for t in texts[1:]) and any("Tile B1" in t for t in texts[1:])
    # each box is owned by exactly one tile
    assert all(len(pages) == 1 for pages in result.pages_of.values())


def test_cancel_leaves_no_file_and_keeps_the_old_one(tmp_path):
    out = tmp_path / "chart.pdf"
    out.write_bytes(b"previous")
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(ExportCancelled):
        export_pdf(generate_org(120, seed=4), out, PdfOptions(fit=FitMode.TILE),
                   layout=simple_layout, cancel=cancel)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.pdf"]


def test_failed_layout_leaves_no_partial_file(tmp_path, small_doc):
    def broken(scenario):
        raise OrgDesignerError("layout failed")

    out = tmp_path / "x.pdf"
    with pytest.raises(OrgDesignerError):
        export_pdf(small_doc, out, PdfOptions(), layout=broken)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_progress_reaches_the_end(tmp_path):
    seen: list[tuple[int, int]] = []
    export_pdf(generate_org(120, seed=5), tmp_path / "p.pdf", PdfOptions(fit=FitMode.TILE),
               layout=simple_layout, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_bad_options_are_clear_errors(tmp_path, small_doc):
    with pytest.raises(OrgDesignerError, match="not printable"):
        export_pdf(small_doc, tmp_path / "a.pdf", PdfOptions(custom_size=(5000, 400)),
                   layout=simple_layout)
    with pytest.raises(OrgDesignerError, match="no scenario"):
        export_pdf(small_doc, tmp_path / "a.pdf", PdfOptions(), scenario_id="nope",
                   layout=simple_layout)
    assert not (tmp_path / "a.pdf").exists()


def test_orientation_follows_a_tall_chart_on_one_page(tmp_path, small_doc):
    out = tmp_path / "tall.pdf"
    export_pdf(small_doc, out, PdfOptions(view="horizontal"),
               layout=lambda sc: _tall(simple_layout(sc)))
    box = PdfReader(out).pages[0].mediabox
    assert float(box.width) < float(box.height)  # portrait
    export_pdf(small_doc, out, PdfOptions(fit=FitMode.TILE), layout=lambda sc: _tall(
        simple_layout(sc)))
    box = PdfReader(out).pages[0].mediabox
    assert float(box.width) > float(box.height)  # posters and booklets: landscape


def _tall(geometry):
    """The same boxes stacked in one column (a chart taller than wide)."""
    for i, b in enumerate(geometry.boxes):
        b.x, b.y = 0.0, i * 60.0
    geometry.connectors = []
    geometry.bounds.w, geometry.bounds.h = 130.0, 60.0 * len(geometry.boxes)
    return geometry
