"""Layout: one scenario and a view in, one ``Geometry`` (boxes, connectors, bands, the
pyramid) out, for both painters (canvas and PDF). Pure Python, no Qt.

``layout_scenario(scenario, view)`` lays out once; ``LayoutEngine`` keeps a layout up to
date while the user edits. The names below load on first use, so that importing
``orgdesigner.layout.geometry`` (as ``metrics`` does) never pulls in the engine.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOMES = {
    "LayoutEngine": "engine", "as_orientation": "engine", "layout_scenario": "engine",
    "Geometry": "geometry",
    "FONT_BOLD": "text", "FONT_REGULAR": "text", "TextMeasurer": "text",
    "register_fonts": "text",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'orgdesigner.layout' has no attribute {name!r}")
    value = getattr(import_module(f"orgdesigner.layout.{home}"), name)
    globals()[name] = value
    return value
