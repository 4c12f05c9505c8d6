"""A seeded generator of believable organisations of any size, for tests and benchmarks.

Spans follow what spans-and-layers reviews find in real companies (most managers have
3-10 reports, a few have many, some have 1-2), so depth grows with the logarithm of the
size: 100,000 positions come out about 8-10 layers deep.
"""

from __future__ import annotations

import random

from orgdesigner.model.document import (
    Meta,
    OrgDocument,
    Position,
    PositionKind,
    ReportingLine,
    Scenario,
    Unit,
)

__all__ = ["generate_org"]

_FIRST = ("Ana", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hiro", "Ines", "Jonas",
          "Kari", "Luis", "Maya", "Nikos", "Olga", "Priya", "Quinn", "Rosa", "Sven", "Tara",
          "Uma", "Viktor", "Wen", "Yusuf", "Zoë")
_LAST = ("Almeida", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Haddad",
         "Ivanova", "Jensen", "Kowalski", "Larsen", "Müller", "Novak", "O'Brien", "Petrov",
         "Quispe", "Rossi", "Schmidt", "Tanaka", "Urban", "Varga", "Weber", "Yilmaz", "Zhang")
_DIVISIONS = (("Sales", "sales", "#4e79a7"), ("Marketing", "marketing", "#f28e2b"),
              ("Operations", "operations", "#59a14f"), ("Finance", "finance", "#e15759"),
              ("Customer Service", "service", "#76b7b2"), ("Technology", "technology",
              "#b07aa1"), ("Supply Chain", "supply chain", "#edc948"),
              ("People", "human resources", "#9c755f"))
_TITLES = {"sales": "Account Executive", "marketing": "Marketing Specialist",
           "operations": "Operations Analyst", "finance": "Accountant",
           "service": "Customer Service Agent", "technology": "Engineer",
           "supply chain": "Planner", "human resources": "HR Partner"}
_FACING = {"sales", "service"}


def generate_org(n: int, *, seed: int = 0, divisions: int = 6, vacancy_rate: float = 0.04,
                 title: str | None = None) -> OrgDocument:
    """An organisation of exactly ``n`` positions with one top, ``divisions`` divisions
    under it, realistic spans and depth. The same ``n`` and ``seed`` give the same org."""
    if n < 1:
        raise ValueError("an organisation has at least one position")
    rng = random.Random(seed)
    divs = _DIVISIONS[: max(1, min(divisions, len(_DIVISIONS)))]
    units = [Unit(id=f"u{i}", name=name, is_division=True, color=color, function=func)
             for i, (name, func, color) in enumerate(divs, start=1)]
    positions: list[Position] = [Position(id="p1", title="Chief Executive Officer",
                                          holder=_name(rng))]
    lines: list[ReportingLine] = []
    # Breadth-first growth: each manager takes a span drawn from a realistic distribution.
    frontier: list[tuple[str, int | None, int]] = [("p1", None, 1)]  # id, division, depth
    head = 0
    while len(positions) < n:
        if head >= len(frontier):
            frontier.append(frontier[rng.randrange(len(frontier))])
        manager_id, div, depth = frontier[head]
        head += 1
        if manager_id == "p1":
            span = len(units)
        else:
            roll = rng.random()
            span = (rng.randint(1, 2) if roll < 0.15 else rng.randint(3, 8) if roll < 0.85
                    else rng.randint(9, 16))
        for k in range(span):
            if len(positions) >= n:
                break
            pid = f"p{len(positions) + 1}"
            d = k % len(units) if manager_id == "p1" else div
            func = divs[d][1]
            vacant = rng.random() < vacancy_rate
            is_head = manager_id == "p1"
            positions.append(Position(
                id=pid,
                title=f"Head of {divs[d][0]}" if is_head else _title(func, depth, rng),
                holder="" if vacant and not is_head else _name(rng),
                unit_id=units[d].id,
                kind=PositionKind.PERSON,
                customer_facing=func in _FACING and not is_head and rng.random() < 0.7,
                fte=1.0 if rng.random() < 0.9 else 0.5,
                cost=float(rng.randrange(40_000, 160_000, 1000)),
            ))
            lines.append(ReportingLine(manager_id=manager_id, report_id=pid))
            frontier.append((pid, d, depth + 1))
    scenario = Scenario(id="as-is", name="As-is", units=units, positions=positions, lines=lines)
    return OrgDocument(meta=Meta(title=title or f"Synthetic organisation ({n:,} positions)"),
                       scenarios=[scenario], active_scenario="as-is")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _title(function: str, depth: int, rng: random.Random) -> str:
    base = _TITLES[function]
    if depth <= 2:
        return f"Director, {base}s"
    if depth <= 4 and rng.random() < 0.5:
        return f"{base} Manager"
    return f"Senior {base}" if rng.random() < 0.3 else base
