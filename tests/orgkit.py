"""Small hand-built charts for the rule tests, written as an indented outline:

    ceo: Ann Lee | Chief Executive Officer | u=exec
      s: Bob Ray | Head of Sales | u=sales
        s1: - | Sales Rep | u=sales cf

Each line is ``id: holder | title | flags``; ``-`` as holder is a vacancy; flags are
``u=UNIT`` ``cf`` (customer-facing) ``asst`` (assistant) ``fte=N`` ``cost=N``. Indentation
(two spaces) gives the solid reporting lines.
"""

from __future__ import annotations

from orgdesigner.model.document import (
    LineKind,
    OrgDocument,
    Position,
    PositionKind,
    ReportingLine,
    Scenario,
    Unit,
)


def chart(outline: str, *, units: list[Unit] | None = None,
          extra_lines: list[tuple[str, str]] = (), dotted: list[tuple[str, str]] = (),
          **fields: object) -> Scenario:
    positions: list[Position] = []
    lines: list[ReportingLine] = []
    stack: list[tuple[int, str]] = []
    unit_ids: dict[str, None] = {}
    for raw in outline.strip("\n").splitlines():
        if not raw.strip():
            continue
        indent = (len(raw) - len(raw.lstrip())) // 2
        pid, rest = raw.strip().split(":", 1)
        holder, title, *flags = [x.strip() for x in rest.split("|")]
        kw: dict[str, object] = {}
        for flag in " ".join(flags).split():
            if flag.startswith("u="):
                kw["unit_id"] = flag[2:]
                unit_ids[flag[2:]] = None
            elif flag == "cf":
                kw["customer_facing"] = True
            elif flag == "asst":
                kw["kind"] = PositionKind.ASSISTANT
            elif flag.startswith("fte="):
                kw["fte"] = float(flag[4:])
            elif flag.startswith("cost="):
                kw["cost"] = float(flag[5:])
        positions.append(Position(id=pid, holder="" if holder == "-" else holder,
                                  title=title, **kw))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if stack:
            lines.append(ReportingLine(manager_id=stack[-1][1], report_id=pid))
        stack.append((indent, pid))
    lines += [ReportingLine(manager_id=m, report_id=r) for m, r in extra_lines]
    lines += [ReportingLine(manager_id=m, report_id=r, kind=LineKind.DOTTED) for m, r in dotted]
    if units is None:
        units = [Unit(id=u, name=u.title()) for u in unit_ids]
    return Scenario(id="s", name="Test", positions=positions, lines=lines, units=units,
                    **fields)


def document(scenario: Scenario) -> OrgDocument:
    return OrgDocument(scenarios=[scenario], active_scenario=scenario.id)


def team_of(n: int, prefix: str, unit: str = "ops", indent: int = 2, cf: bool = False) -> str:
    """``n`` report lines for an outline."""
    flag = " cf" if cf else ""
    return "\n".join(f"{' ' * indent}{prefix}{i}: P{prefix}{i} | Agent | u={unit}{flag}"
                     for i in range(1, n + 1))
