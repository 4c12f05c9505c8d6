"""How the canvas draws a Geometry: colours, the bundled font, and one box at full detail.

Same palette and text placement as the PDF painter, so what is on screen is what exports.
Scene units are points; fonts are sized so one point of the geometry is one scene unit
whatever the screen's DPI.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPen,
    QStaticText,
)

from orgdesigner.assets import resource_path
from orgdesigner.layout.geometry import LINE_HEIGHT, TEXT_PADDING, Box, TextRole

__all__ = [
    "FONT_FAMILY", "load_bundled_fonts", "font_for", "line_baselines", "tint",
    "paint_box", "paint_boxes", "prepare_text", "unit_fill", "Palette", "PreparedText",
]

FONT_FAMILY = "DejaVu Sans"
#: Ascent of DejaVu Sans as a fraction of the font size (same as the PDF painter).
ASCENT = 0.76


class Palette:
    """The chart's colours (the PDF painter uses the same ones)."""

    BACKGROUND = QColor("#eef1f5")
    INK = QColor("#1f2933")
    MUTED = QColor("#7b8794")
    LINE = QColor("#52606d")
    DOTTED = QColor("#9aa5b1")
    CUSTOMER = QColor("#c05621")
    BOX = QColor("#ffffff")
    BORDER = QColor("#9aa5b1")
    VACANT = QColor("#f5f7fa")
    ASSISTANT = QColor("#fbf8ef")
    SELECTION = QColor("#2f80ed")
    DROP_OK = QColor("#27ae60")
    DROP_REFUSED = QColor("#d64545")
    BADGE = QColor("#3e4c59")
    DEFAULT_UNIT = QColor("#7b8794")


@cache
def load_bundled_fonts() -> str:
    """Register the bundled DejaVu Sans (regular and bold) with Qt; returns the family."""
    family = FONT_FAMILY
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    return family


@cache
def font_for(size: float, bold: bool, dpi: int) -> QFont:
    """The bundled font so that ``size`` points of geometry are ``size`` scene units on a
    device of ``dpi`` logical dots per inch (Qt converts point sizes with the DPI)."""
    font = QFont(load_bundled_fonts())
    font.setPointSizeF(max(0.5, size * 72.0 / max(1, dpi)))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(True)
    return font


@cache
def tint(color: str | None, amount: float = 0.82) -> QColor:
    """``color`` mixed with white (``amount`` = share of white)."""
    base = QColor(color) if color else Palette.DEFAULT_UNIT
    r, g, b = base.red(), base.green(), base.blue()
    return QColor(round(r + (255 - r) * amount), round(g + (255 - g) * amount),
                  round(b + (255 - b) * amount))


def unit_fill(box: Box) -> QColor:
    """The flat fill of a box drawn without detail (zoomed out)."""
    if box.style.vacant:
        return tint(box.style.unit_color, 0.9)
    return tint(box.style.unit_color, 0.55)


def line_baselines(box: Box) -> list[float]:
    """Baseline y of each text line: the text block centred vertically in the box and
    starting no higher than the padding (the PDF painter's rule)."""
    heights = [ln.size * LINE_HEIGHT for ln in box.lines]
    top = box.y + max(TEXT_PADDING, (box.h - sum(heights)) / 2)
    result = []
    for ln, h in zip(box.lines, heights, strict=True):
        result.append(top + (h - ln.size) / 2 + ln.size * ASCENT + ln.size * 0.12)
        top += h
    return result


_BORDER_PEN = QPen(Palette.BORDER, 0.8)
_VACANT_PEN = QPen(Palette.MUTED, 0.9, Qt.PenStyle.DashLine)
_ASSISTANT_PEN = QPen(Palette.BORDER, 0.8, Qt.PenStyle.DashDotLine)


#: Prepared text of one box: (origin, text, font, colour) per line.
PreparedText = list[tuple[QPointF, QStaticText, QFont, QColor]]


def prepare_text(box: Box, dpi: int) -> PreparedText:
    """The box's lines laid out once (QStaticText draws several times faster than
    drawText); the chart item keeps them while the geometry lasts."""
    vacant = box.style.vacant
    prepared: PreparedText = []
    for ln, base in zip(box.lines, line_baselines(box), strict=True):
        font = font_for(ln.size, ln.bold, dpi)
        if ln.role is TextRole.NAME:
            colour = Palette.MUTED if vacant else Palette.INK
        elif ln.role is TextRole.COUNT:
            colour = Palette.BADGE
        else:
            colour = Palette.MUTED if vacant or ln.role is TextRole.UNIT else Palette.INK
        static = QStaticText(ln.text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        ascent = QFontMetricsF(font).ascent()
        prepared.append((QPointF(box.x + (box.w - ln.width) / 2, base - ascent), static,
                         font, colour))
    return prepared


def paint_box(painter: QPainter, box: Box, dpi: int, *, text: bool = True,
              prepared: PreparedText | None = None) -> None:
    """One box at full detail: card, unit colour bar, marks and its wrapped lines."""
    style = box.style
    rect = QRectF(box.x, box.y, box.w, box.h)
    if style.vacant:
        painter.setPen(_VACANT_PEN)
        painter.setBrush(Palette.VACANT)
    elif style.assistant:
        painter.setPen(_ASSISTANT_PEN)
        painter.setBrush(Palette.ASSISTANT)
    else:
        painter.setPen(_BORDER_PEN)
        painter.setBrush(Palette.BOX)
    painter.drawRoundedRect(rect, 3.0, 3.0)
    bar = QColor(style.unit_color) if style.unit_color else Palette.DEFAULT_UNIT
    painter.fillRect(QRectF(box.x + 0.5, box.y + 0.5, box.w - 1.0, 4.0),
                     tint(style.unit_color, 0.55) if style.vacant else bar)
    if style.customer_facing:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(Palette.CUSTOMER)
        painter.drawEllipse(QPointF(box.x + box.w - 7.0, box.y + 10.0), 3.0, 3.0)
    if text and box.lines:
        for origin, static, font, colour in prepared or prepare_text(box, dpi):
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawStaticText(origin, static)
    if style.collapsed_count and not any(ln.role is TextRole.COUNT for ln in box.lines):
        _paint_badge(painter, box, style.collapsed_count, dpi)


def _paint_badge(painter: QPainter, box: Box, count: int, dpi: int) -> None:
    label = f"+{count:,}"
    size = 7.5
    w = max(18.0, len(label) * size * 0.62 + 8.0)
    rect = QRectF(box.x + (box.w - w) / 2, box.y + box.h - 5.0, w, 11.0)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(Palette.BADGE))
    painter.drawRoundedRect(rect, 5.5, 5.5)
    painter.setPen(QColor("#ffffff"))
    painter.setFont(font_for(size, True, dpi))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)


def paint_boxes(painter: QPainter, boxes: list[Box], dpi: int,
                prepared: Callable[[Box], PreparedText]) -> None:
    """Many boxes at full detail, drawn in passes (cards, bars, marks, text by font and
    colour) so the painter changes state a few times per frame, not several per box.
    Looks exactly like ``paint_box`` on each."""
    cards: dict[int, list[QRectF]] = {0: [], 1: [], 2: []}  # person, vacant, assistant
    bars: dict[int, tuple[QColor, list[QRectF]]] = {}
    dots: list[QRectF] = []
    runs: dict[tuple[int, int], tuple[QFont, QColor, list[tuple[QPointF, QStaticText]]]] = {}
    badges: list[Box] = []
    for box in boxes:
        style = box.style
        x, y, w = box.x, box.y, box.w
        cards[1 if style.vacant else 2 if style.assistant else 0].append(
            QRectF(x, y, w, box.h))
        colour = tint(style.unit_color, 0.55) if style.vacant else _bar_colour(style.unit_color)
        bar = bars.get(colour.rgba())
        if bar is None:
            bar = bars[colour.rgba()] = (colour, [])
        bar[1].append(QRectF(x + 0.5, y + 0.5, w - 1.0, 4.0))
        if style.customer_facing:
            dots.append(QRectF(x + w - 10.0, y + 7.0, 6.0, 6.0))
        if box.lines:
            for origin, static, font, ink in prepared(box):
                run = runs.get((id(font), ink.rgba()))
                if run is None:
                    run = runs[(id(font), ink.rgba())] = (font, ink, [])
                run[2].append((origin, static))
        if style.collapsed_count and not any(ln.role is TextRole.COUNT for ln in box.lines):
            badges.append(box)
    for kind, rects in cards.items():
        if rects:
            painter.setPen((_BORDER_PEN, _VACANT_PEN, _ASSISTANT_PEN)[kind])
            painter.setBrush((Palette.BOX, Palette.VACANT, Palette.ASSISTANT)[kind])
            for r in rects:
                painter.drawRoundedRect(r, 3.0, 3.0)
    for colour, rects in bars.values():
        for r in rects:
            painter.fillRect(r, colour)
    if dots:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(Palette.CUSTOMER)
        for r in dots:
            painter.drawEllipse(r)
    for font, ink, items in runs.values():
        painter.setFont(font)
        painter.setPen(ink)
        for origin, static in items:
            painter.drawStaticText(origin, static)
    for box in badges:
        _paint_badge(painter, box, box.style.collapsed_count, dpi)


@cache
def _bar_colour(unit_color: str | None) -> QColor:
    return QColor(unit_color) if unit_color else Palette.DEFAULT_UNIT
