"""Flowing reportlab platypus content (headings, paragraphs, tables, charts) over as
many pages of the export as it needs, with the export's own header and footer.

User text reaches ``Paragraph``, which reads markup, only through ``para``/``esc``: it is
escaped (a name like ``<img src=...>`` prints as text) and runs of CJK characters are
wrapped in the CID fallback font.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Frame, Paragraph, Spacer, Table, TableStyle

from orgdesigner.render.fonts import BOLD, REGULAR, text_runs
from orgdesigner.render.writer import PdfWriter

__all__ = ["esc", "para", "heading", "table", "flow_pages", "STYLES"]

STYLES = {
    "h1": ParagraphStyle("h1", fontName=BOLD, fontSize=14, leading=18, spaceAfter=8,
                         textColor=HexColor("#1f2933")),
    "h2": ParagraphStyle("h2", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=8,
                         spaceAfter=4, textColor=HexColor("#1f2933")),
    "body": ParagraphStyle("body", fontName=REGULAR, fontSize=8.5, leading=11,
                           textColor=HexColor("#1f2933")),
    "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=7.5, leading=9.5,
                           textColor=HexColor("#1f2933")),
    "cellb": ParagraphStyle("cellb", fontName=BOLD, fontSize=7.5, leading=9.5,
                            textColor=HexColor("#1f2933")),
    "muted": ParagraphStyle("muted", fontName=REGULAR, fontSize=7.5, leading=9.5,
                            textColor=HexColor("#7b8794")),
}


def esc(text: object, bold: bool = False) -> str:
    """User text as safe Paragraph markup (escaped; CJK runs in the fallback font)."""
    parts = []
    for font, piece in text_runs(str(text), bold):
        safe = escape(piece)
        parts.append(safe if font in (REGULAR, BOLD) else f'<font name="{font}">{safe}</font>')
    return "".join(parts)


def para(text: object, style: str = "body") -> Paragraph:
    """A paragraph of plain user text (never interpreted as markup)."""
    return Paragraph(esc(text, style in ("h1", "h2", "cellb")), STYLES[style])


def heading(text: str, level: int = 1) -> Paragraph:
    return para(text, "h1" if level == 1 else "h2")


def table(header: Sequence[str], rows: Sequence[Sequence[object]],
          widths: Sequence[float] | None = None, numeric: Sequence[int] = ()) -> Table:
    """A striped table of plain text cells; the header repeats on every page."""
    data: list[list[object]] = [[para(h, "cellb") for h in header]]
    for row in rows:  # numbers stay plain strings so they align right; text is escaped
        data.append([c if isinstance(c, Flowable) else
                     ("" if c is None else str(c)) if i in numeric else
                     para("" if c is None else c, "cell") for i, c in enumerate(row)])
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), HexColor("#e4e7eb")),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, HexColor("#9aa5b1")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    style += [("BACKGROUND", (0, i), (-1, i), HexColor("#f5f7fa"))
              for i in range(2, len(data), 2)]
    style += [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in numeric]
    t.setStyle(TableStyle(style))
    return t


def flow_pages(writer: PdfWriter, story: list[Flowable], section: str, outline: str) -> None:
    """Lay ``story`` into the content area of as many pages as it takes."""
    area = writer.frame.content
    first = True
    story = list(story)
    while story:
        writer.start_page(section, outline=[(outline, 0)] if first else [], legend=False)
        first = False
        frame = Frame(area.x, area.y, area.w, area.h, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, showBoundary=0)
        before = len(story)
        frame.addFromList(story, writer.canvas)
        if story and len(story) == before and not frame._atTop:  # noqa: SLF001
            pass  # the next page starts empty and takes it
        elif story and len(story) == before:  # cannot fit even on an empty page: skip it
            story.pop(0)
        writer.end_page()


def spacer(height: float = 8.0) -> Spacer:
    return Spacer(1, height)


def side_by_side(*items: Flowable) -> Table:
    """Flowables (charts) next to each other."""
    t = Table([list(items)], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return t
