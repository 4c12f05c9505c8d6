"""The nine bundled templates: each loads, is a sound org and shows its structure."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from orgdesigner.errors import OrgDesignerError
from orgdesigner.io.templates import (
    TEMPLATE_NAMES,
    list_templates,
    load_template,
    template_path,
)
from orgdesigner.model.document import LineKind, Orientation, PositionKind, RaciRole, Scenario
from orgdesigner.model.graph import OrgGraph


def _scenario(name: str) -> tuple[Scenario, OrgGraph]:
    scenario = load_template(name).scenario()
    return scenario, OrgGraph(scenario)


def _functions_of(scenario: Scenario, position_ids) -> set[str]:
    units = {u.id: u for u in scenario.units}
    return {units[scenario.position(pid).unit_id].function for pid in position_ids}


def test_list_templates_gives_the_nine_in_domain_order() -> None:
    infos = list_templates()
    assert [i.name for i in infos] == list(TEMPLATE_NAMES)
    assert len(infos) == 9
    for info in infos:
        assert info.path.is_file()
        assert info.title and info.description
        assert "\n" not in info.description and len(info.description) < 160


def _all_scenarios() -> list[tuple[str, str]]:
    return [(name, s.id) for name in TEMPLATE_NAMES for s in load_template(name).scenarios]


@pytest.mark.parametrize(("name", "scenario_id"), _all_scenarios())
def test_template_is_a_sound_believable_org(name: str, scenario_id: str) -> None:
    scenario = load_template(name).scenario(scenario_id)
    graph = OrgGraph(scenario)
    positions = scenario.positions
    assert 15 <= len(positions) <= 60
    assert len(graph.tops()) == 1
    assert not graph.has_cycle()
    assert graph.unreachable() == []
    assert graph.dangling == [] and graph.extra_managers == {}

    unit_ids = {u.id for u in scenario.units}
    position_ids = {p.id for p in positions}
    assert all(p.unit_id in unit_ids for p in positions)
    assert all(u.parent_id is None or u.parent_id in unit_ids for u in scenario.units)
    assert all(u.color and u.function for u in scenario.units)
    divisions = [u.id for u in scenario.units if u.is_division]
    assert len(divisions) >= 4
    assert sorted(scenario.view.division_order) == sorted(divisions)

    assert any(p.customer_facing for p in positions)
    assert 1 <= sum(p.vacant for p in positions) <= 4
    assert sum(p.kind is PositionKind.ASSISTANT for p in positions) == 1
    assert all(p.cost and p.cost > 0 and 0 < p.fte <= 1 for p in positions)
    assert any(p.fte < 1 for p in positions)
    holders = [p.holder for p in positions if p.holder]
    assert len(holders) == len(set(holders))

    dotted = [ln for ln in scenario.lines if ln.kind is LineKind.DOTTED]
    assert 1 <= len(dotted)
    for team in scenario.teams:
        assert team.sponsor_id in position_ids
        assert set(team.member_ids) <= position_ids
    for process in scenario.processes:
        assert set(process.assignments) <= position_ids | unit_ids
    for note in scenario.notes:
        assert note.attached_to is None or note.attached_to in position_ids


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_template_file_is_stable_json_with_the_schema_version(name: str) -> None:
    data = json.loads(template_path(name).read_text(encoding="utf-8"))
    assert data["format"] == "orgdesigner" and data["schema_version"] == 1
    assert data["meta"]["description"] == load_template(name).meta.description


def test_load_template_stamps_a_fresh_document() -> None:
    on_disk = json.loads(template_path("functional").read_text(encoding="utf-8"))["meta"]
    doc = load_template("functional")
    assert doc.meta.created != on_disk["created"]
    assert doc.meta.created == doc.meta.modified
    assert doc.meta.title == on_disk["title"]


def test_names_are_forgiving_about_case_and_spelling() -> None:
    assert template_path("Customer_Centric") == template_path("customer-centric")
    assert template_path("decentralized") == template_path("decentralised")


def test_unknown_template_lists_the_known_names() -> None:
    with pytest.raises(OrgDesignerError) as err:
        load_template("matrix")
    message = str(err.value)
    assert "'matrix'" in message
    assert all(name in message for name in TEMPLATE_NAMES)


def test_functional_departments_and_brand_managers_report_to_the_ceo() -> None:
    scenario, graph = _scenario("functional")
    top = graph.tops()[0]
    under_ceo = _functions_of(scenario, graph.reports(top))
    assert {"sales", "supply chain", "marketing", "finance", "brand management"} <= under_ceo
    brand = [p.id for p in scenario.positions if p.title.startswith("Brand Manager")]
    assert len(brand) >= 2 and all(graph.manager(b) == top for b in brand)


def test_decentralised_has_four_business_units_each_with_its_own_customer_teams() -> None:
    scenario, graph = _scenario("decentralised")
    divisions = scenario.divisions()
    assert len(divisions) == 4
    division_of = graph.division_of()
    for division in divisions:
        members = [pid for pid, d in division_of.items() if d == division.id]
        functions = _functions_of(scenario, members)
        assert {"sales", "marketing", "service", "customer data"} <= functions
        assert any(scenario.position(pid).customer_facing for pid in members)


def test_centralised_crm_has_one_customer_unit_owning_data_and_contact() -> None:
    scenario, graph = _scenario("centralised-crm")
    data_units = [u for u in scenario.units if u.function == "customer data"]
    assert len(data_units) == 1
    customer_division = data_units[0].parent_id
    division_of = graph.division_of()
    facing = [p.id for p in scenario.positions if p.customer_facing]
    in_customer_unit = [pid for pid in facing if division_of[pid] == customer_division]
    # Every customer contact except the field engineers' site visits is in the central unit.
    assert len(in_customer_unit) >= len(facing) - 2
    for function in ("sales", "service", "marketing"):
        units = [u for u in scenario.units if u.function == function]
        assert units and all(u.parent_id == customer_division for u in units)


def test_hybrid_project_office_has_a_representative_of_each_department() -> None:
    scenario, graph = _scenario("hybrid")
    top = graph.tops()[0]
    office = next(u for u in scenario.units if u.function == "project office")
    assert not office.is_division
    members = [p.id for p in scenario.positions if p.unit_id == office.id]
    assert 4 <= len(members) <= 8
    head = next(pid for pid in members if graph.manager(pid) == top)
    dotted_from = {
        ln.manager_id for ln in scenario.lines
        if ln.kind is LineKind.DOTTED and ln.report_id in members
    }
    division_heads = {pid for pid in graph.reports(top)
                      if scenario.position(pid).unit_id in {d.id for d in scenario.divisions()}}
    assert division_heads == dotted_from
    team = scenario.teams[0]
    assert team.sponsor_id == top and head in team.member_ids


def test_customer_division_gathers_care_service_marketing_and_sales() -> None:
    scenario, graph = _scenario("customer-division")
    top = graph.tops()[0]
    division = next(u for u in scenario.units if u.name == "Customer Division")
    assert division.is_division
    children = {u.function for u in scenario.units if u.parent_id == division.id}
    assert {"customer care", "service", "marketing", "sales"} <= children
    head = next(p.id for p in scenario.positions if p.unit_id == division.id)
    assert graph.manager(head) == top


def test_chief_customer_officer_reports_to_the_ceo_and_owns_the_customer_work() -> None:
    scenario, graph = _scenario("chief-customer-officer")
    cco = next(p.id for p in scenario.positions if p.title == "Chief Customer Officer")
    assert graph.manager(cco) == graph.tops()[0]
    owned = _functions_of(scenario, graph.subtree(cco))
    assert {"customer data", "service", "research"} <= owned


def test_customer_centric_activity_groups_and_one_line_of_action() -> None:
    scenario, _ = _scenario("customer-centric")
    names = {u.name for u in scenario.units}
    assert {"Technical Customer Solutions", "Customer Services Operations",
            "Distribution Network Management", "Corporate Sales",
            "Market Marketing"} <= names
    processes = {p.name: p for p in scenario.processes}
    assert "Resolve a customer problem" in processes and len(processes) >= 3
    for process in scenario.processes:
        roles = Counter(process.assignments.values())
        assert roles[RaciRole.ACCOUNTABLE] == 1, process.name
        assert roles[RaciRole.RESPONSIBLE] >= 1, process.name


def test_customer_centric_starts_from_functional_departments_with_five_tickets() -> None:
    doc = load_template("customer-centric")
    before, after = doc.scenarios
    assert doc.active_scenario == after.id
    # A restructure moves boxes: the same positions, in new units under new managers.
    assert {p.id for p in before.positions} == {p.id for p in after.positions}
    assert {u.name for u in before.units}.isdisjoint({"Technical Customer Solutions",
                                                      "Customer Services Operations"})
    problem = next(p for p in before.processes if p.name == "Resolve a customer problem")
    assert Counter(problem.assignments.values())[RaciRole.ACCOUNTABLE] >= 3


def test_account_teams_draw_from_four_functions_sponsored_by_the_ceo() -> None:
    scenario, graph = _scenario("account-teams")
    top = graph.tops()[0]
    assert len(scenario.teams) >= 2
    for team in scenario.teams:
        assert team.sponsor_id == top
        assert _functions_of(scenario, team.member_ids) >= {
            "product design", "marketing", "sales", "accounts receivable"}


def test_nordstrom_is_an_inverted_balanced_pyramid_of_four_divisions() -> None:
    doc = load_template("nordstrom")
    scenario = doc.scenario()
    graph = OrgGraph(scenario)
    assert scenario.view.orientation is Orientation.INVERTED
    divisions = scenario.divisions()
    assert [d.name for d in divisions] == ["Management", "Finance", "Operations",
                                           "Sales Support"]
    facing = [p for p in scenario.positions if p.customer_facing]
    salespeople = [p for p in facing if p.title == "Salesperson"]
    assert len(salespeople) >= 6 and len(facing) >= len(scenario.positions) * 0.4
    # Equal-width columns weighted by headcount: the torque about the axis stays small.
    counts = Counter(graph.division_of().values())
    weights = [counts[d.id] for d in divisions]
    arms = [i - (len(divisions) - 1) / 2 for i in range(len(divisions))]
    torque = sum(w * a for w, a in zip(weights, arms, strict=True))
    assert abs(torque) / (sum(weights) * max(arms)) <= doc.check_profile.balance_tolerance
    assert max(weights) <= 1.25 * min(weights)
