"""What each visible box shows and how it looks, read in one pass over the positions.

``read_boxes`` walks the visible positions of a ``TreeIndex`` level by level (a manager
before its reports) and gives, by position index: the measured label (measured once per
distinct text), the box's breadth across the tree, its division (its unit's, else its
manager's; when no unit is marked as a division, the top's direct reports head one each,
as in ``metrics.balance``) and its look, one ``StyleVariants`` shared by all the boxes that
look alike. Hidden positions (under a collapsed box) have no label (None) and no breadth.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from orgdesigner.layout.forest import TreeIndex
from orgdesigner.layout.text import BoxLabel, TextMeasurer
from orgdesigner.layout.views import StyleVariants
from orgdesigner.metrics.balance import unit_divisions
from orgdesigner.model.document import PositionKind, Scenario

__all__ = ["BoxRead", "read_boxes"]


@dataclass(slots=True)
class BoxRead:
    """The boxes of the visible positions, by position index (None when hidden)."""

    labels: list[BoxLabel | None]
    sizes: list[float]  # breadth across the tree: width, or height in the horizontal view
    variants: list[StyleVariants | None]
    division: list[str | None]
    assistants: set[int]
    depth: float  # the deepest box along the tree (height, or width when horizontal)
    looks: list[StyleVariants]  # every look some box has
    colors: Mapping[str, tuple[str | None, str | None]]

    def by_id(self, tree: TreeIndex, nodes: list[int]
              ) -> tuple[dict[str, BoxLabel], dict[str, str | None]]:
        """Labels and divisions of the positions ``nodes`` (indices), by id."""
        ids = list(map(tree.ids.__getitem__, nodes))
        return (dict(zip(ids, map(self.labels.__getitem__, nodes), strict=True)),  # type: ignore[arg-type]
                dict(zip(ids, map(self.division.__getitem__, nodes), strict=True)))

    def _owner(self, look: StyleVariants) -> str | None:
        uid = look.base[0]
        return self.colors.get(uid, (None, None))[1] if uid else None  # type: ignore[call-overload]

    def legend_units(self) -> set[str]:
        """The units whose colour some box shows (what the legend lists)."""
        return {owner for owner in map(self._owner, self.looks) if owner is not None}

    def legend_use(self) -> dict[str, int]:
        """Boxes per unit whose colour they show."""
        boxes = Counter(map(id, self.variants))
        use: dict[str, int] = {}
        for look in self.looks:
            owner = self._owner(look)
            if owner is not None:
                use[owner] = use.get(owner, 0) + boxes[id(look)]
        return use


def read_boxes(scenario: Scenario, tree: TreeIndex, measurer: TextMeasurer,
               colors: Mapping[str, tuple[str | None, str | None]],
               horizontal: bool = False) -> BoxRead:
    """One pass over the visible positions of ``tree`` (see the module docstring);
    ``colors`` is ``forest.unit_colors(scenario)``."""
    n = len(tree.ids)
    positions, parent, ids = tree.positions, tree.parent, tree.ids
    unit_names = {u.id: u.name for u in scenario.units}
    unit_color = {uid: found[0] for uid, found in colors.items()}
    unit_div = unit_divisions(scenario.units)
    fallback = not any(unit_div.values())  # no unit is a division: the top's reports are
    measure = measurer.box_label
    memo: dict[tuple[str, str, str | None], BoxLabel] = {}
    memo_get = memo.get
    labels: list[BoxLabel | None] = [None] * n
    variants: list[StyleVariants | None] = [None] * n
    division: list[str | None] = [None] * n
    assistants: set[int] = set()
    looks: dict[tuple[object, ...], StyleVariants] = {}
    looks_get = looks.get
    div_get = unit_div.get
    assistant = PositionKind.ASSISTANT
    for depth, nodes in enumerate(tree.levels, 1):
        heads = fallback and depth == 2
        for i in nodes:
            p = positions[i]
            holder, uid = p.holder, p.unit_id
            key = (holder, p.title, uid)
            label = memo_get(key)
            if label is None:
                unit = unit_names.get(uid, "") if uid else ""
                label = memo[key] = measure(holder.strip() or "Vacant", p.title, unit)
            labels[i] = label
            d = div_get(uid) if uid else None  # type: ignore[arg-type]
            if d is None:
                if heads:
                    d = ids[i]
                elif depth > 1:
                    d = division[parent[i]]
            division[i] = d
            is_assistant = p.kind is assistant
            if is_assistant:
                assistants.add(i)
            vacant = not holder or holder.isspace()
            look = (uid, d, vacant, is_assistant, p.customer_facing, depth)
            found = looks_get(look)
            if found is None:
                found = looks[look] = StyleVariants(
                    (uid, unit_color.get(uid) if uid else None, d, vacant, is_assistant,  # type: ignore[arg-type]
                     p.customer_facing, 0, depth))
            variants[i] = found
    shown = list(memo.values())
    for i, count in tree.hidden.items():  # collapsed boxes show "+N"
        p = positions[i]
        unit = unit_names.get(p.unit_id, "") if p.unit_id else ""  # type: ignore[arg-type]
        labels[i] = label = measure(p.holder.strip() or "Vacant", p.title, unit, count)
        shown.append(label)
        base = variants[i].base  # type: ignore[union-attr]
        variants[i] = StyleVariants((*base[:6], count, base[7]))
    if horizontal:
        sizes = [0.0 if lab is None else lab.height for lab in labels]
        depth_of = max((lab.width for lab in shown), default=0.0)
    else:
        sizes = [0.0 if lab is None else lab.width for lab in labels]
        depth_of = max((lab.height for lab in shown), default=0.0)
    return BoxRead(labels, sizes, variants, division, assistants, depth_of,
                   [*looks.values(), *(variants[i] for i in tree.hidden)], colors)
