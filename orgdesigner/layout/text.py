"""Headless text metrics on the bundled font: measure, wrap and elide box labels.

The fonts are registered with reportlab under ``FONT_REGULAR`` and ``FONT_BOLD``; the PDF
painter draws with the same names and the canvas loads the same TTF files into Qt, so a
width measured here holds on both. ``TextMeasurer.box_label`` turns a position's name,
title and unit into wrapped ``TextLine``s and the box size that holds them: a label never
overflows its box (long words break, extra lines are elided with "…").
"""

from __future__ import annotations

import math
from functools import cache
from typing import NamedTuple

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from orgdesigner.assets import resource_path
from orgdesigner.layout.geometry import LINE_HEIGHT, TEXT_PADDING, TextLine, TextRole

__all__ = [
    "FONT_REGULAR",
    "FONT_BOLD",
    "ELLIPSIS",
    "NAME_SIZE",
    "TITLE_SIZE",
    "UNIT_SIZE",
    "COUNT_SIZE",
    "MIN_BOX_WIDTH",
    "MAX_BOX_WIDTH",
    "BoxLabel",
    "TextMeasurer",
    "shared_measurer",
    "register_fonts",
    "font_file",
]

FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
ELLIPSIS = "…"

NAME_SIZE = 9.0
TITLE_SIZE = 8.0
UNIT_SIZE = 7.0
COUNT_SIZE = 8.0
#: Narrowest and widest box, in points. Labels wrap at the widest.
MIN_BOX_WIDTH = 96.0
MAX_BOX_WIDTH = 160.0
#: Most lines each part of a label may take before it is elided.
NAME_LINES = 2
TITLE_LINES = 2
UNIT_LINES = 1

#: Labels a measurer keeps before it forgets them all (about 100 MB at this size).
CACHE_LIMIT = 400_000

#: How each part of a label is set: its role, font size, bold, and most lines.
_Part = tuple[TextRole, float, bool, int]
_NAME: _Part = (TextRole.NAME, NAME_SIZE, True, NAME_LINES)
_TITLE: _Part = (TextRole.TITLE, TITLE_SIZE, False, TITLE_LINES)
_UNIT: _Part = (TextRole.UNIT, UNIT_SIZE, False, UNIT_LINES)
#: Widest line of text inside a box.
_INNER = MAX_BOX_WIDTH - 2 * TEXT_PADDING

_FILES = {FONT_REGULAR: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}


def font_file(font_name: str) -> str:
    """Path of the bundled TTF for one of our font names (for Qt and for the PDF)."""
    return str(resource_path("fonts", _FILES[font_name]))


@cache
def register_fonts() -> None:
    """Register the bundled fonts with reportlab (idempotent, cheap after the first call)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name in _FILES:
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, font_file(name)))


class BoxLabel(NamedTuple):
    """A measured label: its lines and the size of the box that holds them."""

    lines: list[TextLine]  # shared by every box with this label: read-only
    width: float
    height: float


class TextMeasurer:
    """Measures strings with reportlab's headless metrics and caches what it measured
    (an org repeats titles, units and many names, so the cache pays off)."""

    def __init__(self) -> None:
        register_fonts()
        self._widths: dict[tuple[str, bool, float], float] = {}
        self._labels: dict[tuple[str, str, str, int], BoxLabel] = {}
        # the wrapped parts, by text, one table per part (names, titles, units)
        self._names: dict[str, tuple[list[TextLine], float, float]] = {}
        self._titles: dict[str, tuple[list[TextLine], float, float]] = {}
        self._units: dict[str, tuple[list[TextLine], float, float]] = {}
        self._tables = {_NAME: self._names, _TITLE: self._titles, _UNIT: self._units}
        self._string_width = {bold: pdfmetrics.getFont(FONT_BOLD if bold else FONT_REGULAR)
                              .stringWidth for bold in (False, True)}

    def width(self, text: str, bold: bool, size: float) -> float:
        key = (text, bold, size)
        w = self._widths.get(key)
        if w is None:
            w = pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT_REGULAR, size)
            self._widths[key] = w
        return w

    def wrap(self, text: str, bold: bool, size: float, max_width: float,
             max_lines: int) -> list[str]:
        """Greedy word wrap to ``max_width``; words too long for a line break between
        characters; more than ``max_lines`` lines end elided with "…"."""
        if not text or text.isspace():
            return []
        if "  " not in text and text == text.strip() and "\n" not in text and "\t" not in text \
                and self.width(text, bold, size) <= max_width:
            return [text]  # the usual case: one line, one measurement
        words = text.split()
        measure = self.width
        lines: list[str] = []
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if measure(candidate, bold, size) <= max_width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            while measure(word, bold, size) > max_width:  # break an over-long word
                cut = self._fit_prefix(word, bold, size, max_width)
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        if current:
            lines.append(current)
        if len(lines) > max_lines:
            rest = " ".join(lines[max_lines - 1:])
            lines = lines[: max_lines - 1] + [self.elide(rest, bold, size, max_width)]
        return lines

    def elide(self, text: str, bold: bool, size: float, max_width: float) -> str:
        """``text`` cut so that it and a trailing "…" fit ``max_width``."""
        if self.width(text, bold, size) <= max_width:
            return text
        cut = self._fit_prefix(text, bold, size, max_width - self.width(ELLIPSIS, bold, size))
        return text[:cut].rstrip() + ELLIPSIS

    def _fit_prefix(self, text: str, bold: bool, size: float, max_width: float) -> int:
        """Length of the longest prefix that fits (at least 1 so wrapping progresses)."""
        lo, hi = 1, len(text)
        font = FONT_BOLD if bold else FONT_REGULAR
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if pdfmetrics.stringWidth(text[:mid], font, size) <= max_width:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def _measure(self, text: str, part: _Part) -> tuple[list[TextLine], float, float]:
        """One part of a label wrapped, its widest line and its height, kept by text."""
        found = self._tables[part][text] = self._part(text, part)
        return found

    def _part(self, text: str, part: _Part) -> tuple[list[TextLine], float, float]:
        """One part of a label wrapped, its widest line and its height."""
        role, size, bold, max_lines = part
        if "  " not in text and text == text.strip() and "\n" not in text and "\t" not in text:
            # the usual case, one line (most names are measured once, so not cached)
            w = self._string_width[bold](text, size)
            if w <= _INNER:
                return [TextLine(text, role, size, bold, w)], w, size * LINE_HEIGHT
        lines = [TextLine(line, role, size, bold, self.width(line, bold, size))
                 for line in self.wrap(text, bold, size, _INNER, max_lines)]
        return (lines, max((ln.width for ln in lines), default=0.0),
                len(lines) * size * LINE_HEIGHT)

    def box_label(self, name: str, title: str, unit: str = "", count: int = 0) -> BoxLabel:
        """The label of a box: name (bold), title, unit and the "+N" of a collapsed box."""
        key = (name, title, unit, count)
        found = self._labels.get(key)
        if found is not None:
            return found
        if name:  # a part's lines, widest line and height, measured once per text
            lines, widest, height = self._names.get(name) or self._measure(name, _NAME)
            lines = list(lines)
        else:
            lines, widest, height = [], 0.0, 0.0
        if title:
            more, w, h = self._titles.get(title) or self._measure(title, _TITLE)
            lines += more
            widest = w if w > widest else widest
            height += h
        if unit:
            more, w, h = self._units.get(unit) or self._measure(unit, _UNIT)
            lines += more
            widest = w if w > widest else widest
            height += h
        if count:
            text = f"+{count}"
            w = self.width(text, True, COUNT_SIZE)
            lines.append(TextLine(text, TextRole.COUNT, COUNT_SIZE, True, w))
            widest = max(widest, w)
            height += COUNT_SIZE * LINE_HEIGHT
        width = widest + 2 * TEXT_PADDING
        width = MIN_BOX_WIDTH if width < MIN_BOX_WIDTH else min(width, MAX_BOX_WIDTH)
        # Rounded up to 1/100 pt, so the box never ends up narrower than its text.
        label = BoxLabel(lines, math.ceil(width * 100) / 100,
                         math.ceil((height + 2 * TEXT_PADDING) * 100) / 100)
        if len(self._labels) >= CACHE_LIMIT:  # a long session of big charts: start afresh
            for table in (self._labels, self._names, self._titles, self._units, self._widths):
                table.clear()
        self._labels[key] = label
        return label


@cache
def shared_measurer() -> TextMeasurer:
    """The process's measurer: widths depend on the text and the bundled font alone, so
    every layout can reuse what any earlier one measured (the export after the canvas,
    a second view, the next chart of the same organisation)."""
    return TextMeasurer()
