"""Finding: one piece of advice from the checker, in words a manager understands.

A finding has a stable ``code`` (tools and tests key on it), a severity, a message naming
the people or units concerned, the ids it concerns (the canvas highlights them) and a
short suggestion. It is pydantic so its JSON Schema can be exported for other tools.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from orgdesigner.model.document import Position, Unit

__all__ = ["Family", "Finding", "Severity", "describe", "listing", "unit_name"]


class Severity(enum.StrEnum):
    """How much a finding matters: an ``error`` makes ``orgdesigner check`` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Family(enum.StrEnum):
    """The families of checks (see DOMAIN.md)."""

    STRUCTURE = "structure"
    SPANS = "spans"
    LAYERS = "layers"
    BALANCE = "balance"
    CUSTOMER = "customer"
    ACCOUNTABILITY = "accountability"
    TEAMS = "teams"
    VACANCIES = "vacancies"


class Finding(BaseModel):
    """One finding of one rule."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(description="stable upper-case code, e.g. SPAN_TOO_WIDE")
    severity: Severity
    family: Family
    message: str = Field(description="plain-language sentence naming who or what")
    ids: tuple[str, ...] = Field(
        default=(), description="position, unit, team or process ids concerned"
    )
    suggestion: str = Field(default="", description="a short hint at what to do")


def describe(p: Position) -> str:
    """How a message names a position: the holder and title, or the title of a vacancy."""
    holder = p.holder.strip()
    if holder and p.title:
        return f"{holder} ({p.title})"
    if holder:
        return holder
    return f"the vacant {p.title or p.id} position" if p.title else f"vacant position {p.id}"


def unit_name(unit: Unit | None, unit_id: str | None = None) -> str:
    if unit is not None:
        return unit.name or unit.id
    return unit_id or "no unit"


def listing(names: Iterable[str], limit: int = 5) -> str:
    """"A, B and C" or "A, B, C, D, E and 12 more"."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    if len(items) <= limit:
        return ", ".join(items[:-1]) + " and " + items[-1]
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
