"""Structure type: where do the customer-facing functions live?

- centralised: one central customer unit (a customer division, a CRM team, a Chief
  Customer Officer) owns customer data and contact;
- decentralised: each business unit has its own sales / marketing / service;
- hybrid: a central customer office beside business units with their own customer teams;
- functional: sales, marketing and service are separate departments under the top and
  nobody gathers them (the classic line structure);
- undetermined: no customer function on the chart.

The classifier looks at the top's direct reports (the branches of the chart): the name of
the branch head's unit and title, and the functions found inside the branch (unit
``function`` first, then unit names and titles).
"""

from __future__ import annotations

import enum
import re
from collections import Counter

from pydantic import BaseModel, Field

from orgdesigner.metrics.hierarchy import LazyOrgGraph, lean
from orgdesigner.model.document import Position, PositionKind, Scenario
from orgdesigner.model.graph import OrgGraph

__all__ = ["Classification", "StructureType", "classify_structure", "customer_function",
           "is_customer_leader_title"]


class StructureType(enum.StrEnum):
    CENTRALISED = "centralised"
    DECENTRALISED = "decentralised"
    HYBRID = "hybrid"
    FUNCTIONAL = "functional"
    UNDETERMINED = "undetermined"


#: A sentence each of the known benefits and challenges of each type.
BENEFITS: dict[StructureType, str] = {
    StructureType.CENTRALISED: "One team owns customer data and contact, so the data is "
    "accurate and consistent, service is better and decisions rest on one view of the "
    "customer.",
    StructureType.DECENTRALISED: "Each business tailors its sales, marketing and service to "
    "its own customers, flexibly and at lower cost.",
    StructureType.HYBRID: "A senior central office sets the customer strategy and measures "
    "progress while each department implements it with buy-in, combining consistency with "
    "flexibility.",
    StructureType.FUNCTIONAL: "Deep expertise and clear careers inside each function, and "
    "a structure that is simple to manage.",
    StructureType.UNDETERMINED: "",
}
CHALLENGES: dict[StructureType, str] = {
    StructureType.CENTRALISED: "It costs more to set up and run, is less flexible, and can "
    "become one more silo that the rest of the company leaves the customer to.",
    StructureType.DECENTRALISED: "Customer data and standards drift apart between units, "
    "effort is duplicated, and a customer who buys from several units meets several faces.",
    StructureType.HYBRID: "It is more complex to set up and manage: the central office "
    "needs real authority and every department a fair voice in it.",
    StructureType.FUNCTIONAL: "Nobody owns the customer end to end (find, if you can, the "
    "job of customer on the chart), so problems bounce between sales, marketing and service.",
    StructureType.UNDETERMINED: "",
}

_FUNCTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("customer", re.compile(r"\b(customer|client|crm|cco)\b|customer-|experience office",
                            re.I)),
    ("sales", re.compile(r"\b(sales|selling|salesperson|salespeople|account (team|manager|"
                         r"executive|management)|key accounts?|retail|store)\b", re.I)),
    ("marketing", re.compile(r"\b(marketing|brand|market research)\b", re.I)),
    ("service", re.compile(r"\b(customer (service|care|support)|after-sales|call cent(er|re)|"
                           r"contact cent(er|re)|help ?desk|service desk|field service)\b",
                           re.I)),
)
_PLAIN_SERVICE = re.compile(r"^\s*(service|services|support|care)\s*$", re.I)
_LEADER = re.compile(r"\b(chief customer|customer officer|cco|crm)\b|\bcustomer\b.*\b("
                     r"head|director|officer|[es]?vp|vice|lead|manager|chief)\b|\b(head|"
                     r"director|[es]?vp|vice president|chief|lead)\b.*\bcustomer", re.I)


def customer_function(text: str) -> str | None:
    """The customer function a unit function, unit name or title names, if any:
    ``customer``, ``sales``, ``marketing`` or ``service``."""
    if not text:
        return None
    if _PLAIN_SERVICE.match(text):
        return "service"
    for name, pattern in _FUNCTIONS:
        if pattern.search(text):
            return "service" if name == "customer" and re.search(
                r"\b(service|care|support)\b", text, re.I) else name
    return None


def is_customer_leader_title(title: str) -> bool:
    """Whether a title reads like the leader of the customer (CCO, head of customer...)."""
    return bool(_LEADER.search(title))


class Classification(BaseModel):
    """Where the customer-facing functions live, with the evidence."""

    type: StructureType
    evidence: list[str] = Field(default_factory=list, description="one sentence per clue")
    benefits: str = ""
    challenges: str = ""
    central_units: list[str] = Field(
        default_factory=list, description="branch head ids of central customer units")
    business_units: list[str] = Field(
        default_factory=list, description="branch head ids of units with own customer teams")


class _Functions:
    """The customer function of positions, memoised by unit and by title (they repeat)."""

    def __init__(self, g: LazyOrgGraph) -> None:
        self.g = g
        self.by_unit: dict[str | None, str | None] = {None: None}
        self.by_title: dict[str, str | None] = {}

    def of(self, p: Position) -> str | None:
        return self.of_parts(p.unit_id, p.title)

    def of_parts(self, uid: str | None, title: str) -> str | None:
        """The customer function of a position in unit ``uid`` with this title."""
        if uid not in self.by_unit:
            unit = self.g.units.get(uid) if uid else None
            self.by_unit[uid] = None if unit is None else (
                customer_function(unit.function) or customer_function(unit.name))
        found = self.by_unit[uid]
        if found:
            return found
        if title not in self.by_title:
            self.by_title[title] = customer_function(title)
        return self.by_title[title]


def _branch_name(g: LazyOrgGraph, head: Position) -> str:
    unit = g.units.get(head.unit_id) if head.unit_id else None
    return unit.name if unit is not None else (head.title or head.label)


def classify_structure(graph: OrgGraph | Scenario) -> Classification:
    """Classify where the customer-facing functions live (see the module docstring)."""
    g = lean(graph)
    return g.memo("classify_structure", lambda: _classify(g))


def _classify(g: LazyOrgGraph) -> Classification:
    top = g.main_top()
    if top is None:
        return _result(StructureType.UNDETERMINED, ["The chart has no top."], [], [])
    functions = _Functions(g)
    inside_of: dict[str, dict[str, int]] = {}  # branch head -> function -> count
    positions = g.positions
    branch = g.branch_of()
    # (branch head, unit, title) repeat a lot: count them in C, classify each once.
    cells = Counter(zip(map(branch.get, positions), g.column("unit_id"), g.column("title"),
                        strict=True))
    for head_id in set(branch.values()):  # a branch head is not inside their own branch
        head = positions[head_id]
        cells[head_id, head.unit_id, head.title] -= 1
    for (head_id, unit_id, title), n in cells.items():
        if head_id is None or n <= 0:
            continue
        fn = functions.of_parts(unit_id, title)
        if fn is not None:
            counts = inside_of.setdefault(head_id, {})
            counts[fn] = counts.get(fn, 0) + n
    gathering: list[str] = []  # heads of central customer units
    single: list[str] = []  # heads of one-function customer departments
    business: list[str] = []  # heads of business units with their own customer teams
    evidence: list[str] = []
    for head_id in g.children.get(top, ()):
        head = g.positions[head_id]
        if head.kind is PositionKind.ASSISTANT:
            continue
        name = _branch_name(g, head)
        head_fn = functions.of(head)
        kinds = sorted(inside_of.get(head_id, {}))
        if head_fn is not None:
            if head_fn == "customer" or len(set(kinds) | {head_fn}) >= 3 or \
                    is_customer_leader_title(head.title):
                gathering.append(head_id)
                what = ", ".join(kinds) if kinds else head_fn
                evidence.append(f"{name} reports to the top and gathers customer work "
                                f"({what}).")
            else:
                single.append(head_id)
                evidence.append(f"{name} is a separate {head_fn} department under the top.")
        elif kinds:
            business.append(head_id)
            evidence.append(f"{name} has its own {', '.join(kinds)} people.")
    offices = _represented_offices(g, top, gathering)
    for head_id, count in offices.items():
        evidence.append(f"{_branch_name(g, g.positions[head_id])} has representatives of "
                        f"{count} other departments (dotted lines or a shared team).")
    implementers = len(business) + len(single)
    if (offices and implementers >= 2) or (gathering and len(business) >= 2):
        kind = StructureType.HYBRID
    elif len(business) >= 2:
        kind = StructureType.DECENTRALISED
    elif gathering:
        kind = StructureType.CENTRALISED
    elif len(single) >= 2:
        kind = StructureType.FUNCTIONAL
    elif single:
        kind = StructureType.CENTRALISED
    else:
        kind = StructureType.UNDETERMINED
        evidence.append("No sales, marketing, service or customer unit was found.")
    return _result(kind, evidence, gathering + single, business)


def _represented_offices(g: LazyOrgGraph, top: str, gathering: list[str]) -> dict[str, int]:
    """Central customer units with representatives of at least three (and at least half)
    of the other branches, linked by dotted lines or sharing a team: head id → count."""
    if not gathering:
        return {}
    heads = [h for h in g.children.get(top, ())
             if g.positions[h].kind is not PositionKind.ASSISTANT]
    branch = g.branch_of()
    links: list[tuple[str, str]] = list(g.dotted_lines)
    for team in g.scenario.teams:
        members = [m for m in team.member_ids if m in branch]
        links.extend((a, b) for a in members for b in members if a < b)
    result: dict[str, int] = {}
    for office in gathering:
        others: set[str] = set()
        for a, b in links:
            ba, bb = branch.get(a), branch.get(b)
            if ba is None or bb is None or ba == bb:
                continue
            if ba == office:
                others.add(bb)
            elif bb == office:
                others.add(ba)
        if len(others) >= 3 and 2 * len(others) >= len(heads) - 1:
            result[office] = len(others)
    return result


def _result(kind: StructureType, evidence: list[str], central: list[str],
            business: list[str]) -> Classification:
    return Classification(type=kind, evidence=list(dict.fromkeys(evidence)),
                          benefits=BENEFITS[kind],
                          challenges=CHALLENGES[kind], central_units=central,
                          business_units=business)
