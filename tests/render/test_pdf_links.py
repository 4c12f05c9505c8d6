"""Links and page resources as the fast save writes them: every index link lands on a
page that holds the name it stands for, tile links on the neighbouring tiles, and every
page finds its fonts and forms."""

from __future__ import annotations

from collections import Counter

import pytest
from pdf_fixtures import simple_layout
from pypdf import PdfReader

from orgdesigner.model.synthetic import generate_org
from orgdesigner.render.options import FitMode, Paper, PdfOptions
from orgdesigner.render.pdf import export_pdf


def _links(reader: PdfReader, index: int) -> list[tuple[tuple[float, ...], int]]:
    """(rect, destination page number from 1) of each link on page ``index``."""
    number = {page.indirect_reference.idnum: i + 1 for i, page in enumerate(reader.pages)}
    out = []
    for ref in reader.pages[index].get("/Annots", []):
        annot = ref.get_object()
        assert annot["/Subtype"] == "/Link"
        dest = annot["/Dest"]
        out.append((tuple(float(v) for v in annot["/Rect"]), number[dest[0].idnum]))
    return out


@pytest.mark.parametrize("fit", [FitMode.TILE, FitMode.DIVISIONS])
def test_index_links_land_on_the_pages_of_their_names(tmp_path, fit):
    doc = generate_org(120, seed=5)
    out = tmp_path / "links.pdf"
    result = export_pdf(doc, out, PdfOptions(fit=fit, paper=Paper.A4), layout=simple_layout)
    reader = PdfReader(out)
    texts = [page.extract_text() or "" for page in reader.pages]
    index_pages = [i for i, t in enumerate(texts) if "Index of names" in t]
    assert index_pages
    targets = Counter(page for i in index_pages for _, page in _links(reader, i))
    wanted = Counter(n for pages in result.pages_of.values() for n in sorted(set(pages))[:6])
    assert targets == wanted  # one link per page number printed, to that page
    positions = {p.id: p for p in doc.scenario().positions}
    for pid, pages in result.pages_of.items():
        holder = positions[pid].holder
        for n in pages:
            assert not holder or holder in texts[n - 1]
    for i, page in enumerate(reader.pages):  # shared resources still name fonts and forms
        resources = page["/Resources"].get_object()
        assert "/Font" in resources and "/XObject" in resources, i
        assert "Page" in texts[i]


def test_tile_links_go_to_the_neighbouring_tiles(tmp_path):
    doc = generate_org(30, seed=2)
    out = tmp_path / "poster.pdf"
    export_pdf(doc, out, PdfOptions(fit=FitMode.TILE, tile_scale=2.0, index=False),
               layout=simple_layout)
    reader = PdfReader(out)
    texts = [page.extract_text() or "" for page in reader.pages]
    ref_of = {}
    for i, text in enumerate(texts[1:], start=2):
        ref_of[i] = text.split("Tile ", 1)[1].split(" ", 1)[0]
    overview = _links(reader, 0)
    assert sorted(page for _, page in overview) == sorted(ref_of)
    for i, ref in ref_of.items():
        for _, target in _links(reader, i - 1):
            other = ref_of[target]
            # a neighbour: the same column and the next row, or the same row and the
            # next column
            same_col = other.rstrip("0123456789") == ref.rstrip("0123456789")
            same_row = other.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == \
                ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            assert same_col != same_row, (ref, other)


def test_booklet_packs_cut_tops_and_links_each_cut_box_to_its_reports():
    from orgdesigner.model.graph import OrgGraph
    from orgdesigner.render.booklet import plan_booklet
    from orgdesigner.render.pages import PageFrame

    doc = generate_org(900, seed=4)
    scenario = doc.scenario()
    frame = PageFrame(842.0, 595.0, 28.0, "t", "s", "d")
    booklet = plan_booklet(scenario, simple_layout, frame, warnings=[])
    graph = OrgGraph(scenario)
    page_of = {page.key: i for i, page in enumerate(booklet.pages)}
    shown = [{b.id for b in page.geometry.boxes} for page in booklet.pages]
    shared = 0
    for i, (page, cut) in enumerate(zip(booklet.pages, booklet.continued, strict=True)):
        assert set(cut) <= shown[i] and set(page.links) == set(cut)
        tops = set()  # the subtree each cut box hangs from on this page
        for pid in cut:
            while graph.manager(pid) in shown[i]:
                pid = graph.manager(pid)
            tops.add(pid)
        shared += i > 0 and len(tops) > 1
        for pid, key in page.links.items():
            target = page_of[key]
            assert target > i, (pid, i, target)  # continues further on
            # the page it points at shows the box's reports (or the box itself on top)
            assert pid in shown[target] or set(graph.reports(pid)) & shown[target]
    assert shared, "no page holds the cut tops of more than one subtree"
    assert set().union(*shown) == set(graph.positions)
