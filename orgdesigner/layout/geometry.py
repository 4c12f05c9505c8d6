"""Geometry: what a layout produces and both painters (canvas and PDF) draw.

Plain, serialisable data. Units are points (1/72 inch) at 100% zoom; x grows to the
right and y grows *downwards* (as on screen; the PDF painter flips it). Every box carries
its label already measured and wrapped with the bundled font, so a painter only places
the lines: line ``i`` of a box has its baseline at ``box.y + TEXT_PADDING + ascent`` of the
lines before it, centred horizontally (see ``TextLine``).

The JSON form (``Geometry.to_json``) is the documented exchange format written by
``orgdesigner layout``; ``docs/geometry-format.md`` describes it field by field.
"""

from __future__ import annotations

import enum
import json
from dataclasses import asdict, dataclass, field
from typing import Any

GEOMETRY_FORMAT_VERSION = 1

#: Inner padding of a box, in points, on every side.
TEXT_PADDING = 6.0
#: Line height as a multiple of the font size.
LINE_HEIGHT = 1.25


class TextRole(enum.StrEnum):
    NAME = "name"  # holder's name (bold); "Vacant" for a vacancy
    TITLE = "title"
    UNIT = "unit"
    COUNT = "count"  # "+N" on a collapsed box


class ConnectorKind(enum.StrEnum):
    SOLID = "solid"
    DOTTED = "dotted"
    CUSTOMER = "customer"  # CUSTOMER band to a customer-facing box (inverted view)


@dataclass(slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def intersects(self, other: Rect) -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)


@dataclass(slots=True)
class TextLine:
    """One wrapped line of a box label, already measured (``width`` in points)."""

    text: str
    role: TextRole
    size: float
    bold: bool
    width: float


@dataclass(slots=True)
class BoxStyle:
    unit_id: str | None = None
    unit_color: str | None = None  # "#rrggbb"
    division_id: str | None = None
    vacant: bool = False
    assistant: bool = False
    customer_facing: bool = False
    collapsed_count: int = 0  # people hidden under a collapsed box (0 = not collapsed)
    layer: int = 1  # 1 = top
    #: How the box hangs from its manager: "root", "row" (on the manager's bus), or
    #: beside a spine: "stack-left", "stack-right", "assistant-left", "assistant-right".
    placement: str = "row"


@dataclass(slots=True)
class Box:
    id: str  # the position id
    x: float
    y: float
    w: float
    h: float
    lines: list[TextLine] = field(default_factory=list)
    style: BoxStyle = field(default_factory=BoxStyle)

    @property
    def rect(self) -> Rect:
        return Rect(self.x, self.y, self.w, self.h)


@dataclass(slots=True)
class Connector:
    """An orthogonal polyline from a manager's box to a report's box."""

    source_id: str  # manager, or "CUSTOMER" for customer connectors
    target_id: str
    points: list[tuple[float, float]]
    kind: ConnectorKind = ConnectorKind.SOLID


@dataclass(slots=True)
class Band:
    """A labelled strip across the chart, such as the CUSTOMER band of the inverted view."""

    label: str
    rect: Rect
    kind: str = "customer"


@dataclass(slots=True)
class Label:
    text: str
    x: float
    y: float  # baseline
    size: float
    bold: bool = False
    anchor: str = "middle"  # start | middle | end


@dataclass(slots=True)
class DivisionColumn:
    """One division's column of the inverted pyramid (equal widths, in division order)."""

    unit_id: str
    name: str
    rect: Rect
    color: str | None
    headcount: int
    fte: float
    share: float  # of all headcount in divisions, 0..1


@dataclass(slots=True)
class Pyramid:
    """The downward-pointing triangle of the inverted view: ``points`` are the upper left,
    upper right and lower point corners *before* the tilt; painters rotate the outline by
    ``tilt_degrees`` about ``pivot`` (positive = clockwise on screen = tips to the right)."""

    points: list[tuple[float, float]]
    pivot: tuple[float, float]
    tilt_degrees: float


@dataclass(slots=True)
class BalanceFigures:
    """Division balance for a gauge (see ``orgdesigner.metrics.balance``)."""

    torque: float  # signed; > 0 means heavier on the right
    normalised_torque: float  # torque / (total weight * half width), -1..1
    tolerance: float
    tips: bool  # |normalised_torque| > tolerance
    heavy_division: str | None  # unit id of the heaviest division on the heavy side
    divisions: list[dict[str, Any]] = field(default_factory=list)  # id, name, headcount,...


@dataclass(slots=True)
class LegendEntry:
    label: str
    color: str


@dataclass(slots=True)
class Geometry:
    view: str  # classic | horizontal | inverted
    boxes: list[Box] = field(default_factory=list)
    connectors: list[Connector] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    columns: list[DivisionColumn] = field(default_factory=list)
    pyramid: Pyramid | None = None
    balance: BalanceFigures | None = None
    legend: list[LegendEntry] = field(default_factory=list)
    bounds: Rect = field(default_factory=lambda: Rect(0.0, 0.0, 0.0, 0.0))
    font: str = "DejaVuSans"

    def box_index(self) -> dict[str, Box]:
        return {b.id: b for b in self.boxes}

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["format_version"] = GEOMETRY_FORMAT_VERSION
        return data

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
