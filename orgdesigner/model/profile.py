"""The check profile: every threshold the balance checks use, saved in the document.

Defaults follow the spans-and-layers literature (see DOMAIN.md); named presets pick the
span range of a manager archetype. Every field is editable by the user.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

#: Span-of-control ranges by manager archetype: (min, max) direct reports.
SPAN_ARCHETYPES: dict[str, tuple[int, int]] = {
    "player-coach": (3, 5),
    "coach": (6, 7),
    "supervisor": (8, 10),
    "facilitator": (11, 15),
    "coordinator": (15, 30),
}


class CheckProfile(BaseModel):
    """Thresholds for the balance checks. Changing one changes what the checker reports."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="default", max_length=80)
    span_min: int = Field(default=3, ge=1, le=1000, description="narrower spans are flagged")
    span_max: int = Field(default=15, ge=1, le=10000, description="wider spans are flagged")
    layers_max_small: int = Field(default=5, ge=1, le=100, description="max layers, < 500 people")
    layers_max_medium: int = Field(default=7, ge=1, le=100, description="up to 5,000 people")
    layers_max_large: int = Field(default=9, ge=1, le=100, description="above 5,000 people")
    customer_layers_max: int = Field(
        default=4, ge=1, le=100, description="max layers between the top and the front line"
    )
    balance_tolerance: float = Field(
        default=0.15, ge=0.0, le=1.0, description="normalised torque above which it tips"
    )
    division_share_factor: float = Field(
        default=1.75, ge=1.0, le=100.0, description="a division this many times the average"
    )
    customer_facing_min_share: float = Field(default=0.2, ge=0.0, le=1.0)
    accountable_max: int = Field(
        default=5, ge=1, le=10000, description="processes one party may be Accountable for"
    )
    team_min_functions: int = Field(default=3, ge=1, le=100)
    vacancy_max_share: float = Field(default=0.1, ge=0.0, le=1.0)

    @classmethod
    def preset(cls, name: str) -> CheckProfile:
        """A named preset: ``default`` or a span archetype such as ``coach``."""
        if name == "default":
            return cls()
        if name not in SPAN_ARCHETYPES:
            known = ", ".join(["default", *SPAN_ARCHETYPES])
            raise KeyError(f"unknown profile {name!r} (known: {known})")
        lo, hi = SPAN_ARCHETYPES[name]
        return cls(name=name, span_min=lo, span_max=hi)
