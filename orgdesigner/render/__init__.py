"""PDF export with reportlab: paints the layout's Geometry on printable pages. No Qt.

``export_pdf(doc, path, PdfOptions(...), progress=..., cancel=...)`` is the whole API; the
GUI calls it from a worker thread.
"""

from __future__ import annotations

from orgdesigner.render.options import (
    MIN_TEXT_PT,
    Appendix,
    ExportResult,
    FitMode,
    Paper,
    PdfOptions,
)
from orgdesigner.render.pdf import export_pdf
from orgdesigner.render.writer import ExportCancelled

__all__ = ["MIN_TEXT_PT", "Appendix", "ExportCancelled", "ExportResult", "FitMode", "Paper",
           "PdfOptions", "export_pdf"]
