"""What a PDF export is asked for (paper, fit, appendices) and what it reports back."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib import pagesizes

__all__ = ["Appendix", "ExportResult", "FitMode", "Paper", "PdfOptions", "MIN_TEXT_PT"]

#: Smallest text size (points, on paper) the export accepts as legible.
MIN_TEXT_PT = 6.0

#: The biggest sheet any export produces (A0 long side, points): no page is ever larger.
MAX_SHEET_PT = 3370.0


class Paper(enum.StrEnum):
    A4 = "A4"
    A3 = "A3"
    LETTER = "Letter"
    LEGAL = "Legal"
    TABLOID = "Tabloid"

    @property
    def size(self) -> tuple[float, float]:
        """Portrait (width, height) in points."""
        return {
            Paper.A4: pagesizes.A4,
            Paper.A3: pagesizes.A3,
            Paper.LETTER: pagesizes.LETTER,
            Paper.LEGAL: pagesizes.LEGAL,
            Paper.TABLOID: pagesizes.TABLOID,
        }[self]

    @classmethod
    def parse(cls, text: str) -> Paper:
        for paper in cls:
            if paper.value.casefold() == text.strip().casefold():
                return paper
        names = ", ".join(p.value for p in cls)
        raise ValueError(f"unknown paper size {text!r} (choose {names} or WIDTHxHEIGHT mm)")


class FitMode(enum.StrEnum):
    PAGE = "page"  # the whole chart on one page
    TILE = "tile"  # a poster over several pages
    DIVISIONS = "divisions"  # a booklet: overview, then one section per division


class Appendix(enum.StrEnum):
    CHECKS = "checks"
    METRICS = "metrics"
    RACI = "raci"
    TEAMS = "teams"
    DIFF = "diff"
    NOTES = "notes"  # the scenario's sticky notes


@dataclass(slots=True)
class PdfOptions:
    """How to export. ``custom_size`` (points, portrait) overrides ``paper`` when given."""

    paper: Paper = Paper.A4
    custom_size: tuple[float, float] | None = None
    landscape: bool | None = None  # None: follow the chart's shape on one page, else landscape
    margin: float = 28.0  # points on every side (10 mm)
    fit: FitMode = FitMode.PAGE
    view: str | None = None  # classic | horizontal | inverted; None = the scenario's view
    overlap: float = 18.0  # tile overlap in points
    tile_scale: float = 1.0  # chart scale on tiled pages (1.0 = 100%)
    appendices: tuple[Appendix, ...] = ()
    diff_against: str | None = None  # scenario id or name for the diff appendix
    index: bool | None = None  # None = an index whenever the chart spans several pages
    title: str | None = None  # overrides the document title in header and metadata
    date: str | None = None  # overrides today's date in the header (reproducible output)

    def page_size(self, chart_aspect: float | None = None) -> tuple[float, float]:
        """(width, height) of every page, in points, after orientation. With no explicit
        orientation, one-page charts taller than wide print portrait, all else landscape."""
        w, h = self.custom_size or self.paper.size
        if w <= 0 or h <= 0 or max(w, h) > MAX_SHEET_PT:
            raise ValueError(
                f"custom paper {w:.0f} x {h:.0f} pt is not printable "
                f"(each side must be between 1 and {MAX_SHEET_PT:.0f} pt)"
            )
        landscape = self.landscape
        if landscape is None:
            landscape = not (self.fit is FitMode.PAGE and chart_aspect is not None
                             and chart_aspect < 1.0)
        w, h = (max(w, h), min(w, h)) if landscape else (min(w, h), max(w, h))
        return float(w), float(h)


@dataclass(slots=True)
class ExportResult:
    """What an export produced: the file, how many pages, and warnings for the user."""

    path: Path
    pages: int
    warnings: list[str] = field(default_factory=list)
    #: Position id -> page numbers (1-based) where that box is drawn legibly.
    pages_of: dict[str, list[int]] = field(default_factory=dict)
