"""Layout: one scenario and a view in, one ``Geometry`` (boxes, connectors, bands, the
pyramid) out, for both painters (canvas and PDF). Pure Python, no Qt.

``layout_scenario(scenario, view)`` lays out once; ``LayoutEngine`` keeps a layout up to
date while the user edits.
"""

from __future__ import annotations

from orgdesigner.layout.engine import LayoutEngine, as_orientation, layout_scenario
from orgdesigner.layout.geometry import Geometry
from orgdesigner.layout.text import FONT_BOLD, FONT_REGULAR, TextMeasurer, register_fonts

__all__ = [
    "FONT_BOLD",
    "FONT_REGULAR",
    "Geometry",
    "LayoutEngine",
    "TextMeasurer",
    "as_orientation",
    "layout_scenario",
    "register_fonts",
]
