"""Small bar charts painted with QPainter (no chart library): the metrics dock's span
histogram and headcount per division."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["BarChart", "Bar"]

#: One bar: its label under the axis, its value, and its colour (None = the chart's).
Bar = tuple[str, float, QColor | None]


class BarChart(QWidget):
    """Vertical bars with their values on top and labels underneath; long label rows are
    thinned so they never overlap. The bars' data is also readable (``bars``) for tests and
    the accessible description."""

    def __init__(self, title: str, colour: str = "#4e79a7",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.colour = QColor(colour)
        self.bars: list[Bar] = []
        self.setMinimumHeight(130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(title)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(260, 150)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.setAccessibleDescription(", ".join(f"{label}: {value:g}"
                                                for label, value, _ in bars))
        self.setToolTip(f"{self.title}\n" + "\n".join(f"{label}: {value:,.6g}"
                                                      for label, value, _ in bars))
        self.update()

    def bar_rects(self) -> list[QRectF]:
        """Where each bar is drawn (widget pixels)."""
        fm = QFontMetricsF(self.font())
        line = fm.height()
        # title line, a line for the values over the tallest bar, labels under the axis
        plot = QRectF(6, 2 * line + 6, max(1.0, self.width() - 12.0),
                      max(1.0, self.height() - 3 * line - 14.0))
        if not self.bars:
            return []
        top = max((v for _, v, _ in self.bars), default=0.0) or 1.0
        slot = plot.width() / len(self.bars)
        gap = min(6.0, slot * 0.2)
        rects = []
        for i, (_, value, _) in enumerate(self.bars):
            h = plot.height() * max(0.0, value) / top
            rects.append(QRectF(plot.left() + i * slot + gap / 2, plot.bottom() - h,
                                slot - gap, h))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        fm = QFontMetricsF(self.font())
        line = fm.height()
        p.setPen(ink)
        bold = self.font()
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(6, 2, self.width() - 12, line), Qt.AlignmentFlag.AlignLeft,
                   self.title)
        p.setFont(self.font())
        rects = self.bar_rects()
        if not rects:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "no data")
            return
        baseline = rects[0].bottom()
        p.setPen(QColor("#9aa5b1"))
        p.drawLine(4, round(baseline), self.width() - 4, round(baseline))
        slot = self.width() / len(rects) if rects else 1.0
        # Every label, elided to its slot; when slots are very narrow, every n-th one.
        step = 1 if slot >= 24 else max(1, int(24 // max(1.0, slot)) + 1)
        for i, ((label, value, colour), r) in enumerate(zip(self.bars, rects, strict=True)):
            p.fillRect(r, colour or self.colour)
            p.setPen(ink)
            if r.width() >= fm.horizontalAdvance(f"{value:,.0f}") or len(self.bars) <= 12:
                p.drawText(QRectF(r.center().x() - 40, r.top() - line - 1, 80, line),
                           Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                           f"{value:,.0f}")
            if i % step == 0:
                room = slot * step - 2
                text = fm.elidedText(label, Qt.TextElideMode.ElideRight, room)
                left = min(max(0.0, r.center().x() - room / 2), self.width() - room)
                p.drawText(QRectF(left, baseline + 2, room, line),
                           Qt.AlignmentFlag.AlignHCenter, text)
