"""The name index at the end of a multi-page export: every name (or the title of a
vacancy) with the pages it is drawn on, each page number a link to that page."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from orgdesigner.model.document import Scenario
from orgdesigner.render.fonts import REGULAR, in_dejavu, run_width, text_runs, text_width
from orgdesigner.render.ops import OpBlock
from orgdesigner.render.ops import links as add_links
from orgdesigner.render.pages import draw_text, fit_text
from orgdesigner.render.painter import INK, MUTED
from orgdesigner.render.writer import PdfWriter

__all__ = ["IndexEntry", "index_entries", "write_index", "index_page_count"]

SIZE = 7.5
LEADING = 10.0
GAP = 18.0
LINK = HexColor("#2b6cb0")


@dataclass(slots=True)
class IndexEntry:
    name: str
    detail: str
    pages: list[int]
    initial: str = ""  # the letter it is filed under (accents ignored)


def _sort_key(text: str) -> tuple[str, str]:
    if text.isascii():  # nothing to decompose (most names): the same key, quicker
        return text.casefold(), text
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text)
                    if not unicodedata.combining(ch))
    return plain.casefold(), text


def index_entries(scenario: Scenario, pages_of: dict[str, list[int]]) -> list[IndexEntry]:
    """One entry per position drawn somewhere, sorted by name (accents ignored)."""
    entries: list = []
    for p in scenario.positions:
        pages = pages_of.get(p.id)
        if not pages:
            continue
        name = p.holder.strip() or f"Vacant: {p.title or p.id}"
        detail = p.title if p.holder.strip() else ""
        key = _sort_key(name)
        entries.append((key, IndexEntry(name, detail, sorted(set(pages)), key[0][:1].upper())))
    entries.sort(key=lambda pair: pair[0])
    return [entry for _, entry in entries]


@cache
def _number_width(n: int) -> float:
    return text_width(str(n), SIZE)


def _width(text: str, size: float) -> float:
    """Width of plain (not bold) index text, with any CJK fallback."""
    if in_dejavu(text):  # one DejaVu run, as text_runs would find
        return _regular().stringWidth(text, size)
    return run_width(text_runs(text), size)


@cache
def _regular() -> TTFont:
    return pdfmetrics.getFont(REGULAR)


def _columns(width: float) -> int:
    return max(1, min(4, int(width // 230)))


def index_page_count(entries: int, writer: PdfWriter) -> int:
    area = writer.frame.content
    per_page = _columns(area.w) * int((area.h - 20) // LEADING)
    return max(1, -(-entries // per_page))


def write_index(writer: PdfWriter, entries: list[IndexEntry]) -> None:
    """Index pages: entries in columns, headed by their initial letter."""
    if not entries:
        return
    area = writer.frame.content
    cols = _columns(area.w)
    col_w = (area.w - GAP * (cols - 1)) / cols
    rows = int((area.h - 20) // LEADING)
    c = writer.canvas
    per_page = cols * rows
    first = True
    keys = writer.keys
    comma = text_width(", ", SIZE)
    ellipsis = text_width("…", SIZE)
    detail_widths: dict[str, float] = {}
    for start in range(0, len(entries), per_page):
        writer.start_page("Index of names", outline=[("Index of names", 0)] if first else [],
                          legend=False)
        if first:
            draw_text(c, area.x, area.bottom - 12, "Index of names", 12, bold=True)
            first = False
        ops = OpBlock(c, writer.text_cache)
        links: list[tuple[tuple[float, float, float, float], str]] = []
        names: list[tuple[float, float, str]] = []
        details: list[tuple[float, float, str]] = []
        heads: list[tuple[float, float, str]] = []
        numbers: list[tuple[float, float, str]] = []
        initial = ""
        for i, entry in enumerate(entries[start:start + per_page]):
            col, row = divmod(i, rows)
            x = area.x + col * (col_w + GAP)
            y = area.bottom - 24 - row * LEADING
            shown = entry.pages[:6]
            label = ", ".join(map(str, shown)) + ("…" if len(entry.pages) > 6 else "")
            # digits, commas and an ellipsis: plain DejaVu text, widths add up
            num_w = sum(map(_number_width, shown)) + comma * (len(shown) - 1) + \
                (ellipsis if len(entry.pages) > 6 else 0.0)
            if entry.initial != initial:
                initial = entry.initial
                heads.append((x - 0.5, y, initial))
            name_room = col_w - num_w - 22
            name = entry.name
            used = _width(name, SIZE)
            if used > name_room:
                name = fit_text(name, SIZE, name_room)
                used = _width(name, SIZE)
            names.append((x + 10, y, name))
            room = name_room - used - 4
            if entry.detail and room > 16:
                detail = entry.detail
                detail_w = detail_widths.get(detail)
                if detail_w is None:  # titles repeat: measured once each
                    detail_w = detail_widths[detail] = _width(detail, SIZE - 1)
                if detail_w > room:
                    detail = fit_text(detail, SIZE - 1, room)
                details.append((x + 14 + used, y, detail))
            right = x + col_w
            numbers.append((right - num_w, y, label))
            cursor = right - num_w  # each page number links to its page
            for n in shown:
                w = _number_width(n)
                if 0 < n <= len(keys):
                    links.append(((cursor, y - 2, cursor + w, y + SIZE), keys[n - 1]))
                cursor += w + comma
        for colour, size, lines, bold in ((MUTED, SIZE, heads, True), (INK, SIZE, names, False),
                                          (MUTED, SIZE - 1, details, False),
                                          (LINK, SIZE, numbers, False)):
            if lines:
                ops.text_colour(colour)
                ops.lines(lines, size, bold)
        ops.flush()
        add_links(c, links)
        writer.end_page()
