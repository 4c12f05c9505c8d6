"""Scenario diff: what a restructure changes, position by position and metric by metric.

Positions and units are matched by id (a copy of a scenario keeps its ids). A position is
*moved* when its solid-line manager changed, *retitled* when its title changed, and
*changed unit* when its unit changed; one position can be all three.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from orgdesigner.metrics.hierarchy import LazyOrgGraph
from orgdesigner.metrics.summary import headline, org_stats
from orgdesigner.model.document import Scenario

__all__ = ["DIFF_FORMAT_VERSION", "MetricChange", "Move", "ScenarioDiff", "diff_scenarios"]

DIFF_FORMAT_VERSION = 1


class Move(BaseModel):
    """One position whose manager, title or unit changed."""

    id: str
    label: str = Field(description="holder, else title, in the new scenario")
    old: str | None = Field(description="old manager id, title or unit id")
    new: str | None = Field(description="new manager id, title or unit id")
    old_name: str = Field(default="", description="how a person reads the old value")
    new_name: str = Field(default="", description="how a person reads the new value")


class MetricChange(BaseModel):
    name: str
    before: float | int | str | None
    after: float | int | str | None
    delta: float | None = Field(default=None, description="after - before, when numeric")


class ScenarioDiff(BaseModel):
    """Everything that differs between scenario ``before`` and scenario ``after``."""

    format_version: int = DIFF_FORMAT_VERSION
    before: str = Field(description="name of the first scenario (or file)")
    after: str = Field(description="name of the second scenario (or file)")
    added: list[str] = Field(default_factory=list, description="position ids")
    removed: list[str] = Field(default_factory=list, description="position ids")
    moved: list[Move] = Field(default_factory=list, description="new solid-line manager")
    retitled: list[Move] = Field(default_factory=list)
    changed_unit: list[Move] = Field(default_factory=list)
    units_added: list[str] = Field(default_factory=list, description="unit ids")
    units_removed: list[str] = Field(default_factory=list, description="unit ids")
    metrics: list[MetricChange] = Field(default_factory=list)
    labels: dict[str, str] = Field(
        default_factory=dict, description="id -> readable name for every id listed")

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.moved or self.retitled
                    or self.changed_unit or self.units_added or self.units_removed)


def _delta(a: object, b: object) -> float | None:
    numeric = (int, float)
    if isinstance(a, numeric) and isinstance(b, numeric) and not isinstance(a, bool):
        return round(float(b) - float(a), 4)
    return None


def diff_scenarios(before: Scenario, after: Scenario, *, before_name: str | None = None,
                   after_name: str | None = None) -> ScenarioDiff:
    """Compare two scenarios (of one document or of two files)."""
    ga, gb = LazyOrgGraph(before), LazyOrgGraph(after)
    pa, pb = ga.positions, gb.positions
    labels: dict[str, str] = {}

    def label(pid: str | None) -> str:
        if pid is None:
            return "(no manager)"
        p = pb.get(pid) or pa.get(pid)
        name = p.label if p is not None else pid
        labels[pid] = name
        return name

    def unit_label(uid: str | None) -> str:
        if uid is None:
            return "(no unit)"
        u = gb.units.get(uid) or ga.units.get(uid)
        name = u.name if u is not None else uid
        labels[uid] = name
        return name

    added = [pid for pid in pb if pid not in pa]
    removed = [pid for pid in pa if pid not in pb]
    for pid in added + removed:
        label(pid)
    moved, retitled, changed_unit = [], [], []
    for pid, new in pb.items():
        old = pa.get(pid)
        if old is None:
            continue
        m_old, m_new = ga.parent.get(pid), gb.parent.get(pid)
        if m_old != m_new:
            moved.append(Move(id=pid, label=label(pid), old=m_old, new=m_new,
                              old_name=label(m_old), new_name=label(m_new)))
        if old.title != new.title:
            retitled.append(Move(id=pid, label=label(pid), old=old.title, new=new.title,
                                 old_name=old.title, new_name=new.title))
        if old.unit_id != new.unit_id:
            changed_unit.append(Move(id=pid, label=label(pid), old=old.unit_id,
                                     new=new.unit_id, old_name=unit_label(old.unit_id),
                                     new_name=unit_label(new.unit_id)))
    units_added = [uid for uid in gb.units if uid not in ga.units]
    units_removed = [uid for uid in ga.units if uid not in gb.units]
    for uid in units_added + units_removed:
        unit_label(uid)
    ha, hb = headline(org_stats(ga)), headline(org_stats(gb))
    metrics = [MetricChange(name=k, before=ha.get(k), after=hb.get(k),
                            delta=_delta(ha.get(k), hb.get(k)))
               for k in dict.fromkeys([*ha, *hb])]
    return ScenarioDiff(
        before=before_name or before.name, after=after_name or after.name, added=added,
        removed=removed, moved=moved, retitled=retitled, changed_unit=changed_unit,
        units_added=units_added, units_removed=units_removed, metrics=metrics,
        labels=labels)
