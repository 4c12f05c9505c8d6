"""Page furniture shared by every page of an export: header (title, scenario, date),
footer (page n of m, a section or grid label), the legend of unit colours, crop marks and
the balance gauge of the inverted view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from orgdesigner.layout.geometry import BalanceFigures, LegendEntry, Rect
from orgdesigner.render.fonts import REGULAR, run_width, text_runs
from orgdesigner.render.ops import OpBlock
from orgdesigner.render.painter import INK, MUTED

__all__ = ["PageFrame", "draw_text", "fit_text", "TOTAL_FORM"]

HEADER_H = 22.0
FOOTER_H = 30.0
#: Name of the form XObject that holds the total page count, filled in at the end.
TOTAL_FORM = "od-total-pages"
FRAME_FORM = "od-page-frame"
LEGEND_FORM = "od-legend"
RULE = HexColor("#cbd2d9")


def draw_text(c: Canvas, x: float, y: float, text: str, size: float, *, bold: bool = False,
              anchor: str = "start", colour: object = INK) -> float:
    """Draw one line (CJK fallback included) and return its width. Plain text: nothing in
    it is read as markup."""
    runs = text_runs(text, bold)
    width = run_width(runs, size)
    if anchor == "middle":
        x -= width / 2
    elif anchor == "end":
        x -= width
    t = c.beginText(x, y)
    t.setFillColor(colour)
    for font, piece in runs:
        t.setFont(font, size)
        t.textOut(piece)
    c.drawText(t)
    return width


def fit_text(text: str, size: float, max_width: float, bold: bool = False) -> str:
    """``text`` shortened with an ellipsis so it fits ``max_width`` at ``size``."""
    if run_width(text_runs(text, bold), size) <= max_width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if run_width(text_runs(text[:mid] + "…", bold), size) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo] + "…"


@dataclass(slots=True)
class PageFrame:
    """A page's size and the rectangle (PDF coordinates, y up) left for content."""

    width: float
    height: float
    margin: float
    title: str
    scenario: str
    date: str

    @property
    def content(self) -> Rect:
        """Content area as Rect(x, y_bottom, w, h) in PDF coordinates."""
        m = self.margin
        bottom = m + FOOTER_H
        top = self.height - m - HEADER_H
        return Rect(m, bottom, self.width - 2 * m, top - bottom)

    def define_forms(self, c: Canvas, legend: Sequence[LegendEntry]) -> None:
        """Draw the parts every page shares (header, rules, legend) once, as forms that
        each page places: a thousand-page poster stays small and quick to write."""
        m, w, h = self.margin, self.width, self.height
        c.beginForm(FRAME_FORM)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        top_rule = h - m - HEADER_H + 6
        c.line(m, top_rule, w - m, top_rule)
        c.line(m, m + FOOTER_H - 6, w - m, m + FOOTER_H - 6)
        base = h - m - 10
        right = draw_text(c, w - m, base, self.date, 8, anchor="end", colour=MUTED)
        mid = fit_text(self.scenario, 8, (w - 2 * m) * 0.3)
        draw_text(c, w - m - right - 16, base, mid, 8, anchor="end", colour=MUTED)
        room = (w - 2 * m) - right - run_width(text_runs(mid), 8) - 40
        draw_text(c, m, base, fit_text(self.title, 10, room, True), 10, bold=True)
        c.endForm()
        c.beginForm(LEGEND_FORM)
        if legend:
            self._legend(c, legend, m + (w - 2 * m) * 0.36 + 8, w - m - 110, m + 4)
        c.endForm()

    def draw(self, c: Canvas, ops: OpBlock, number: int, section: str = "",
             legend: bool = True) -> None:
        """Header, footer and legend of page ``number`` (after ``define_forms``); the
        page's own text goes into ``ops``."""
        m, w = self.margin, self.width
        c.doForm(FRAME_FORM)
        if legend:
            c.doForm(LEGEND_FORM)
        c.addLiteral(f"q 1 0 0 1 {w - m - 24:.2f} {m + 4:.2f} cm")  # the page count, moved
        c.doForm(TOTAL_FORM)
        c.addLiteral("Q")
        label = f"Page {number} of "
        ops.text_colour(MUTED)
        # in pieces: the page number's encoding is shared with the index's page numbers
        ops.text(w - m - 24 - pdfmetrics.stringWidth(label, REGULAR, 8), m + 4, 8,
                 [(REGULAR, "Page "), (REGULAR, str(number)), (REGULAR, " of ")])
        if section:
            ops.text(m, m + 4, 8, text_runs(fit_text(section, 8, (w - 2 * m) * 0.36)))

    def _legend(self, c: Canvas, legend: Sequence[LegendEntry], x0: float, x1: float,
                y: float) -> None:
        x = x0
        for i, entry in enumerate(legend):
            text = fit_text(entry.label, 7.5, 120)
            need = 12 + run_width(text_runs(text), 7.5) + 10
            if x + need > x1:
                rest = len(legend) - i
                draw_text(c, x, y, f"+{rest} more", 7.5, colour=MUTED)
                return
            c.setFillColor(HexColor(entry.color))
            c.roundRect(x, y - 1, 8, 8, 1.5, stroke=0, fill=1)
            draw_text(c, x + 11, y, text, 7.5, colour=INK)
            x += need


def define_total_form(c: Canvas, total: int) -> None:
    """Fill in the page count every footer refers to (called once, after the last page)."""
    c.beginForm(TOTAL_FORM, lowerx=0, lowery=-4, upperx=40, uppery=12)
    c.setFont(REGULAR, 8)
    c.setFillColor(MUTED)
    c.drawString(0, 0, str(total))
    c.endForm()


def crop_marks(c: Canvas, xs: Sequence[float], ys: Sequence[float], area: Rect,
               length: float = 10.0) -> None:
    """Short cut marks in the margin at page x positions ``xs`` and y positions ``ys``."""
    c.saveState()
    c.setStrokeColor(HexColor("#000000"))
    c.setLineWidth(0.4)
    for x in xs:
        c.line(x, area.y - 2, x, area.y - 2 - length)
        c.line(x, area.bottom + 2, x, area.bottom + 2 + length)
    for y in ys:
        c.line(area.x - 2, y, area.x - 2 - length, y)
        c.line(area.right + 2, y, area.right + 2 + length, y)
    c.restoreState()


def draw_balance_gauge(c: Canvas, balance: BalanceFigures, x: float, y: float,
                       width: float = 170.0) -> None:
    """A horizontal gauge: the needle at the normalised torque (-1 left .. +1 right), the
    tolerance zone in green, red when the pyramid tips. (x, y) is the lower-left corner."""
    c.saveState()
    h = 10.0
    c.setFillColor(HexColor("#ffffff"))
    c.setStrokeColor(RULE)
    c.roundRect(x - 6, y - 16, width + 12, h + 40, 4, stroke=1, fill=1)
    c.setFillColor(HexColor("#fde2e1"))
    c.rect(x, y, width, h, stroke=0, fill=1)
    tol = max(0.0, min(1.0, balance.tolerance))
    c.setFillColor(HexColor("#d3f0dc"))
    c.rect(x + width / 2 * (1 - tol), y, width * tol, h, stroke=0, fill=1)
    c.setStrokeColor(MUTED)
    c.setLineWidth(0.5)
    c.rect(x, y, width, h, stroke=1, fill=0)
    c.line(x + width / 2, y - 2, x + width / 2, y + h + 2)
    value = max(-1.0, min(1.0, balance.normalised_torque))
    nx = x + width / 2 * (1 + value)
    c.setFillColor(HexColor("#c53030") if balance.tips else INK)
    path = c.beginPath()
    path.moveTo(nx, y + h + 1)
    path.lineTo(nx - 4, y + h + 7)
    path.lineTo(nx + 4, y + h + 7)
    path.close()
    c.drawPath(path, stroke=0, fill=1)
    c.rect(nx - 0.75, y - 1, 1.5, h + 2, stroke=0, fill=1)
    verdict = "tips over" if balance.tips else "balanced"
    side = "right" if value > 0 else "left"
    text = f"Balance: {verdict}" + (f" to the {side}" if balance.tips else "")
    draw_text(c, x, y + h + 12, text, 8, bold=True,
              colour=HexColor("#c53030") if balance.tips else INK)
    draw_text(c, x, y - 10, f"torque {value:+.2f} (tolerance ±{tol:.2f})", 7, colour=MUTED)
    c.restoreState()
