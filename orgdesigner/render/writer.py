"""The page writer: one reportlab canvas, pages streamed in order with their furniture,
named destinations, outline entries, progress and cancellation; and ``ChartPage``, a
planned page showing (a window of) a geometry."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from orgdesigner.errors import OrgDesignerError
from orgdesigner.layout.geometry import Box, Connector, Geometry, LegendEntry, Rect
from orgdesigner.render.fonts import ensure_fonts, run_width, text_runs
from orgdesigner.render.ops import OpBlock
from orgdesigner.render.pages import (
    PageFrame,
    define_total_form,
    draw_balance_gauge,
)
from orgdesigner.render.painter import Window, paint_geometry

__all__ = ["ExportCancelled", "ChartPage", "PdfWriter", "fit_window"]

TAG = HexColor("#2b6cb0")
WHITE = HexColor("#ffffff")

Progress = Callable[[int, int], None]
TextCache = dict[tuple[str, str], list[tuple[str, str]]]
Cancel = Callable[[], bool]


class ExportCancelled(OrgDesignerError):
    """The user cancelled the export; no file was written."""

    def __init__(self) -> None:
        super().__init__("Export cancelled; no file was written.")


def fit_window(bounds: Rect, area: Rect, max_scale: float = 1.5) -> Window:
    """A window showing all of ``bounds`` as large as fits in ``area`` (PDF coordinates,
    y up, ``area.y`` its bottom), centred."""
    bw, bh = max(bounds.w, 1.0), max(bounds.h, 1.0)
    scale = min(area.w / bw, area.h / bh, max_scale)
    left = area.x + (area.w - bw * scale) / 2
    top = area.bottom - (area.h - bh * scale) / 2
    return Window(Rect(bounds.x, bounds.y, bw, bh), left, top, scale)


@dataclass(slots=True)
class ChartPage:
    """A planned page: a window onto a geometry, with where it sits in the document."""

    geometry: Geometry
    window: Window
    section: str
    outline: list[tuple[str, int]] = field(default_factory=list)  # (title, level)
    key: str = ""  # named destination; filled in by the writer when empty
    boxes: Sequence[Box] | None = None  # candidates (None = all)
    connectors: Sequence[Connector] | None = None
    links: dict[str, str] = field(default_factory=dict)  # box id -> destination
    text: bool = True
    #: Box ids this page is *the* place for in the index (None = every box it shows).
    index_ids: set[str] | None = None
    gauge: bool = True
    #: Box id -> a short note drawn on the box's lower edge ("continues on p. 7").
    tags: dict[str, str] = field(default_factory=dict)
    decorate: Callable[[Canvas, PageFrame, OpBlock], None] | None = None


class PdfWriter:
    """Streams pages onto one canvas written to ``stream``."""

    def __init__(self, stream: BinaryIO, frame: PageFrame, *, legend: Sequence[LegendEntry],
                 meta: dict[str, str], progress: Progress | None = None,
                 cancel: Cancel | None = None) -> None:
        ensure_fonts()
        rl_config.useA85 = 0  # binary (deflated) streams: smaller files, faster to write
        self.frame = frame
        self.legend = list(legend)
        self.canvas = Canvas(stream, pagesize=(frame.width, frame.height), pageCompression=1)
        c = self.canvas
        c.setTitle(meta.get("title", ""))
        c.setAuthor(meta.get("author", ""))
        c.setSubject(meta.get("subject", ""))
        c.setCreator("OrgDesigner")
        c.setKeywords(meta.get("keywords", ""))
        frame.define_forms(c, self.legend)
        self.page = 0
        self.pages_of: dict[str, list[int]] = {}
        self._outline_level = -1
        #: Encoded text by (font, string), shared by all pages (titles repeat a lot).
        self.text_cache: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self.keys: list[str] = []  # named destination of each page, in order
        self._resources: dict[tuple[tuple[str, ...], int], object] = {}
        self._progress = progress
        self._cancel = cancel
        self.done = 0
        self.total = 1

    # -- progress ------------------------------------------------------------------------
    def step(self, amount: int = 1) -> None:
        """Report progress and honour a cancel request between pages."""
        if self._cancel is not None and self._cancel():
            raise ExportCancelled()
        self.done += amount
        if self._progress is not None:
            self._progress(min(self.done, self.total), self.total)

    # -- pages ---------------------------------------------------------------------------
    def start_page(self, section: str = "", key: str = "",
                   outline: Sequence[tuple[str, int]] = (), legend: bool = True) -> str:
        """Begin a page: furniture, destination, outline entries. Returns its key."""
        self.page += 1
        key = key or f"page-{self.page}"
        self.keys.append(key)
        c = self.canvas
        c.bookmarkPage(key, fit="Fit")
        for title, level in outline:
            level = min(level, self._outline_level + 1)  # the PDF outline cannot skip levels
            c.addOutlineEntry(title, key, level=level, closed=level >= 1)
            self._outline_level = level
        ops = OpBlock(c, self.text_cache)
        self.frame.draw(c, ops, self.page, section, legend and bool(self.legend))
        ops.flush()
        return key

    def end_page(self) -> None:
        self.canvas.showPage()
        _compress_last_page(self.canvas)
        self._share_resources()
        self.step()

    def _share_resources(self) -> None:
        """Point the page just finished at one resource dictionary shared by the pages that
        use the same forms and nothing else (fonts are one dictionary already), and list its
        links in one array formatted in one go: a poster's pages would each format both."""
        page = self.canvas._doc.Pages.pages[-1]  # noqa: SLF001 - reportlab's page list
        if page.Annots:
            page.Annots = _References(page.Annots)
        if page.Resources or page.ExtGState or page._shadingUsed or page._colorsUsed:  # noqa: SLF001
            return  # a page with transparency or colour spaces keeps its own resources
        xobjects = page.XObjects
        key = (tuple(sorted(xobjects.dict)) if xobjects is not None else (), page.hasImages)
        shared = self._resources.get(key)
        if shared is None:
            resources = pdfdoc.PDFResourceDictionary()
            resources.basicFonts()  # what PDFPage.check_format would build for this page
            if page.hasImages:
                resources.allProcs()
            else:
                resources.basicProcs()
            if xobjects is not None:
                resources.XObject = xobjects
            shared = self._resources[key] = self.canvas._doc.Reference(resources)  # noqa: SLF001
        page.Resources = shared

    def chart_page(self, page: ChartPage) -> None:
        """Draw a planned chart page and record where its boxes are."""
        page.key = self.start_page(page.section, page.key, page.outline)
        c = self.canvas
        area = self.frame.content
        # clipped to the content area; what is painted inside restores its own state
        c.addLiteral(f"q {area.x:.2f} {area.y:.2f} {area.w:.2f} {area.h:.2f} re W n")
        shown = paint_geometry(c, page.geometry, page.window, boxes=page.boxes,
                               connectors=page.connectors, links=page.links, text=page.text,
                               cache=self.text_cache)
        if page.tags:
            _draw_tags(c, page, shown, self.text_cache)
        c.addLiteral("Q")
        if page.decorate is not None:
            ops = OpBlock(c, self.text_cache)
            page.decorate(c, self.frame, ops)
            ops.flush()
        g = page.geometry
        if page.gauge and g.balance is not None and g.view == "inverted":
            draw_balance_gauge(c, g.balance, area.right - 182, area.y + 18)
        if page.text:
            wanted = page.index_ids
            for b in shown:
                if wanted is None or b.id in wanted:
                    self.pages_of.setdefault(b.id, []).append(self.page)
        self.end_page()

    def finish(self) -> int:
        """Write the page count into every footer and the file trailer; return pages."""
        define_total_form(self.canvas, self.page)
        self.canvas.showOutline()
        with _fast_flate():
            self.canvas.save()
        return self.page


def _compress_last_page(c: Canvas) -> None:
    """Deflate the page just finished now rather than when the document is saved: reportlab
    keeps every page until then, and a 9,000-page poster's operators take hundreds of MB
    as text (a tenth of that deflated). The stream is marked as already filtered, so the
    saved bytes are what reportlab would write itself."""
    page = c._doc.Pages.pages[-1]  # noqa: SLF001 - reportlab's page list
    if page.Contents or not page.stream or not page.compression:
        return
    data = page.stream.encode("utf8") if isinstance(page.stream, str) else page.stream
    page.Contents = pdfdoc.PDFStream(
        pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])}),
        zlib.compress(data, 1))
    page.stream = None


class _References(pdfdoc.PDFObject):
    """An array of references to numbered objects (a page's link annotations), formatted
    in one string: reportlab formats each reference of an array on its own."""

    def __init__(self, refs: Sequence[pdfdoc.PDFObjectReference]) -> None:
        self.names = [ref.name for ref in refs]

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        numbers = document.idToObjectNumberAndVersion
        return b"[ %s ]" % b" ".join(b"%d %d R" % numbers[name] for name in self.names)


class _FastFlate(pdfdoc.PDFStreamFilterZCompress):
    """Flate at level 1: page streams of boxes and text compress almost as well as at the
    default level 6 in a third of the time (thousands of pages are compressed in a row)."""

    def encode(self, text: str | bytes) -> bytes:
        if isinstance(text, str):
            text = text.encode("utf8")
        return zlib.compress(text, 1)


_FAST_FLATE = _FastFlate()


_PDF_NAMES: dict[str, str] = {}


def _pdf_name(data: str) -> str:
    """reportlab's PDFName (escapes a dictionary key character by character), memoised:
    a document's pages share a few dozen keys."""
    found = _PDF_NAMES.get(data)
    if found is None:
        found = _PDF_NAMES[data] = _RL_PDF_NAME(data)
    return found


def _pdfdoc_enc(x: str | bytes) -> bytes:
    """reportlab's pdfdocEnc with a fast path: PDFDocEncoding is ASCII for the characters
    reportlab's formatting produces (numbers, names, keywords); anything else, and the
    control characters it refuses, goes through the real codec."""
    if isinstance(x, str):
        if x.isascii() and _PDFDOC_REFUSED.search(x) is None:
            return x.encode("ascii")
        return x.encode("extpdfdoc")
    return x


_RL_PDF_NAME = pdfdoc.PDFName
_PDFDOC_REFUSED = re.compile("[\x18-\x1f]")  # ASCII that PDFDocEncoding has no code for


@contextmanager
def _fast_flate() -> Iterator[None]:
    """While our canvas saves, reportlab's formatting uses the fast Flate filter and the
    memoised helpers above (module-level names it looks up when called), then gets its
    own back."""
    saved = pdfdoc.PDFZCompress, pdfdoc.PDFName, pdfdoc.pdfdocEnc
    pdfdoc.PDFZCompress, pdfdoc.PDFName, pdfdoc.pdfdocEnc = _FAST_FLATE, _pdf_name, _pdfdoc_enc
    try:
        yield
    finally:
        pdfdoc.PDFZCompress, pdfdoc.PDFName, pdfdoc.pdfdocEnc = saved


def _draw_tags(c: Canvas, page: ChartPage, shown: Sequence[Box], cache: TextCache) -> None:
    """The "▸ p. 12" pills on cut boxes, as raw operators (a booklet has thousands)."""
    w = page.window
    size = max(5.5, min(7.5, 7.5 * w.scale))
    pills: list[tuple[float, float, float, list[tuple[str, str]]]] = []
    for b in shown:
        note = page.tags.get(b.id)
        if not note:
            continue
        runs = text_runs(note, True)
        width = run_width(runs, size) + 8
        pills.append((w.x(b.x + b.w) - width - 3, w.y(b.y + b.h) - size * 0.6, width, runs))
    if not pills:
        return
    ops = OpBlock(c, cache)
    ops.style(fill=TAG)
    for x, y, width, _ in pills:
        ops.round_rect(x, y, width, size + 4, (size + 4) / 2, paint="f")
    ops.text_colour(WHITE)
    for x, y, _, runs in pills:
        ops.text(x + 4, y + 2.6, size, runs)
    ops.flush()
