"""The document model: pydantic data, a networkx view and exactly-undoable edits."""

from orgdesigner.model.document import (
    LineKind,
    Meta,
    Note,
    OrgDocument,
    Orientation,
    Position,
    PositionKind,
    Process,
    RaciRole,
    ReportingLine,
    Scenario,
    Team,
    Unit,
    ViewSettings,
)
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.profile import CheckProfile

__all__ = [
    "CheckProfile",
    "LineKind",
    "Meta",
    "Note",
    "OrgDocument",
    "OrgGraph",
    "Orientation",
    "Position",
    "PositionKind",
    "Process",
    "RaciRole",
    "ReportingLine",
    "Scenario",
    "Team",
    "Unit",
    "ViewSettings",
]
