"""PDF export: lay out a scenario, then paint it with reportlab on printable pages.

``export_pdf`` is the one entry point for the command line and the GUI (which calls it
from a worker thread with ``progress`` and ``cancel``). The file is written atomically: a
failed or cancelled export leaves no partial file and the previous file untouched.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from orgdesigner.errors import OrgDesignerError
from orgdesigner.io.atomic import atomic_output
from orgdesigner.layout.geometry import Geometry
from orgdesigner.model.document import OrgDocument, Orientation, Scenario
from orgdesigner.perf import paused_gc
from orgdesigner.render.booklet import plan_booklet
from orgdesigner.render.index import index_entries, index_page_count, write_index
from orgdesigner.render.options import MIN_TEXT_PT, ExportResult, FitMode, PdfOptions
from orgdesigner.render.pages import PageFrame
from orgdesigner.render.tiling import plan_tiles, smallest_text
from orgdesigner.render.writer import ChartPage, PdfWriter, fit_window

__all__ = ["export_pdf", "LayoutFn"]

LayoutFn = Callable[[Scenario], Geometry]


class _EngineLayout:
    """The layout engine, kept between calls: a booklet lays out hundreds of parts of one
    scenario, and the engine reuses measured labels and subtree shapes between them."""

    def __init__(self) -> None:
        self._engine = None

    def __call__(self, scenario: Scenario) -> Geometry:
        from orgdesigner.layout import LayoutEngine

        if self._engine is None:
            self._engine = LayoutEngine(scenario, keep_state=False)  # never patched here
            return self._engine.geometry()
        return self._engine.update(scenario, scenario.view.orientation)


def _with_view(scenario: Scenario, view: str | None) -> Scenario:
    if not view:
        return scenario
    try:
        orientation = Orientation(view)
    except ValueError:
        names = ", ".join(o.value for o in Orientation)
        raise OrgDesignerError(f"unknown view {view!r} (choose {names})") from None
    return scenario.model_copy(update={
        "view": scenario.view.model_copy(update={"orientation": orientation})})


def export_pdf(doc: OrgDocument, path: str | os.PathLike[str], options: PdfOptions, *,
               scenario_id: str | None = None,
               progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None,
               layout: LayoutFn | None = None) -> ExportResult:
    """Export one scenario (the active one by default) to ``path`` as PDF.

    Returns the page count, warnings (such as text too small in ``page`` mode) and where
    each position was drawn. Raises ``OrgDesignerError`` for bad options,
    ``ExportCancelled`` when ``cancel()`` turned true; neither leaves a file behind."""
    try:
        scenario = doc.scenario(scenario_id) if scenario_id else doc.scenario()
    except KeyError:
        raise OrgDesignerError(f"there is no scenario {scenario_id!r} in the document") from None
    try:
        options.page_size()
    except ValueError as err:
        raise OrgDesignerError(str(err)) from None
    scenario = _with_view(scenario, options.view)
    layout_fn = layout or _EngineLayout()
    view = scenario.view.orientation.value
    warnings: list[str] = []
    with paused_gc():
        geometry = layout_fn(scenario)
    width, height = options.page_size(geometry.bounds.w / max(geometry.bounds.h, 1.0))
    title = options.title or doc.meta.title
    frame = PageFrame(width, height, options.margin, title,
                      f"{scenario.name} · {view} view", options.date or date.today().isoformat())
    area = frame.content
    if area.w < 100 or area.h < 100:
        raise OrgDesignerError("the margins leave no room for the chart on this paper")
    meta = {"title": title, "author": doc.meta.author,
            "subject": f"Organisation chart: {scenario.name} ({view} view)",
            "keywords": "organisation chart, OrgDesigner"}
    target = Path(path)
    with paused_gc(), atomic_output(target) as stream:
        writer = PdfWriter(stream, frame, legend=geometry.legend, meta=meta,
                           progress=progress, cancel=cancel)
        writer.step(0)
        pages = _plan(scenario, geometry, options, frame, warnings, layout_fn, writer)
        want_index = options.index if options.index is not None else len(pages) > 1
        writer.total = len(pages) + (8 if want_index else 0) + 2 * len(options.appendices)
        for page in pages:
            writer.chart_page(page)
        if want_index:
            entries = index_entries(scenario, writer.pages_of)
            writer.total = writer.done + index_page_count(len(entries), writer) + \
                2 * len(options.appendices)
            write_index(writer, entries)
        if options.appendices:
            from orgdesigner.render.appendix import write_appendices

            write_appendices(writer, doc, scenario, options, warnings)
        count = writer.finish()
    return ExportResult(path=target, pages=count, warnings=warnings,
                        pages_of=writer.pages_of)


def _plan(scenario: Scenario, geometry: Geometry, options: PdfOptions, frame: PageFrame,
          warnings: list[str], layout_fn: LayoutFn, writer: PdfWriter) -> list[ChartPage]:
    """The chart pages of the chosen fit mode, in order."""
    if options.fit is FitMode.TILE:
        return plan_tiles(geometry, frame, scale=options.tile_scale, overlap=options.overlap,
                          warnings=warnings)
    if options.fit is FitMode.DIVISIONS:
        section_view = scenario.view.orientation
        if section_view is Orientation.INVERTED:  # a division's subtree has no pyramid
            section_view = Orientation.CLASSIC
        sections = _with_view(scenario, section_view.value)
        plain = not scenario.view.collapsed and not scenario.view.offsets
        full = geometry if plain and section_view is scenario.view.orientation else None
        # the sections get an engine of their own (their view may differ from the chart's)
        section_layout = _EngineLayout() if isinstance(layout_fn, _EngineLayout) else layout_fn
        booklet = plan_booklet(sections, section_layout, frame, warnings=warnings, full=full,
                               tick=lambda: writer.step(0))
        pages = booklet.pages
        if scenario.view.orientation is Orientation.INVERTED:
            # the first page shows the whole pyramid (the overview of a customer-on-top
            # chart is the pyramid itself), then the booklet's own overview
            pages = [_single(geometry, frame, [], "Customer-on-top pyramid")] + pages
            pages[0].outline = [("Customer-on-top pyramid", 0)]
            pages[0].index_ids = set()
        _number_continuations(pages)
        return pages
    return [_single(geometry, frame, warnings, "Whole organisation")]


def _single(geometry: Geometry, frame: PageFrame, warnings: list[str],
            section: str) -> ChartPage:
    window = fit_window(geometry.bounds, frame.content)
    small = smallest_text(geometry) * window.scale
    if geometry.boxes and small < MIN_TEXT_PT:
        warnings.append(f"text would be below {MIN_TEXT_PT:g} pt ({small:.1f} pt) on one "
                        "page: use --fit tile or --fit divisions for a legible chart")
    return ChartPage(geometry=geometry, window=window, section=section,
                     outline=[(section, 0)], key="chart")


def _number_continuations(pages: list[ChartPage]) -> None:
    """Tag each cut box with the page its subtree continues on."""
    number = {page.key: i + 1 for i, page in enumerate(pages)}
    for page in pages:
        for pid, key in page.links.items():
            if key in number:
                page.tags[pid] = f"▸ p. {number[key]}"
