"""The nine templates through the checker and the classifier: what each one should say."""

from __future__ import annotations

import pytest

from orgdesigner.checks.customer import find_customer_leader
from orgdesigner.checks.report import run_checks
from orgdesigner.io.templates import TEMPLATE_NAMES, load_template
from orgdesigner.metrics.classify import StructureType, classify_structure

T = StructureType


def findings(name: str):
    doc = load_template(name)
    report = run_checks(doc)
    return doc.scenario(), report


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_no_template_has_a_structural_error(name):
    _, report = findings(name)
    assert not report.has_errors, [f.message for f in report.by_code("STRUCT_CYCLE")]


@pytest.mark.parametrize("name, expected", [
    ("functional", T.FUNCTIONAL),
    ("decentralised", T.DECENTRALISED),
    ("centralised-crm", T.CENTRALISED),
    ("hybrid", T.HYBRID),
    ("customer-division", T.CENTRALISED),
    ("chief-customer-officer", T.CENTRALISED),
    # Activity groups gather the customer work at the top.
    ("customer-centric", T.CENTRALISED),
    # Account teams cut across separate functional departments.
    ("account-teams", T.FUNCTIONAL),
    # Sales Support gathers customer work while Finance (credit services) and Operations
    # (alterations) keep customer-facing teams of their own.
    ("nordstrom", T.HYBRID),
])
def test_templates_are_classified_as_their_structure(name, expected):
    c = classify_structure(load_template(name).scenario())
    assert c.type is expected, c.evidence
    assert c.evidence and c.benefits and c.challenges


def test_functional_line_structure_has_nobody_owning_the_customer():
    _, report = findings("functional")
    assert {"CUSTOMER_NO_LEADER", "CUSTOMER_SHARE_LOW"} <= report.codes()


def test_decentralised_units_keep_customer_leads_inside_and_stay_balanced():
    _, report = findings("decentralised")
    assert "CUSTOMER_LEADER_BURIED" in report.codes()
    assert not {"BALANCE_TIPS", "BALANCE_HEAVY_DIVISION"} & report.codes()


@pytest.mark.parametrize("name, unit", [("centralised-crm", "Customer Management"),
                                        ("customer-division", "Customer Division"),
                                        ("chief-customer-officer", "Customer Office")])
def test_one_central_customer_unit_outweighs_the_rest(name, unit):
    scenario, report = findings(name)
    [heavy] = report.by_code("BALANCE_HEAVY_DIVISION")
    assert heavy.message.startswith(unit)
    # and its leader reports straight to the top
    assert not {"CUSTOMER_LEADER_BURIED", "CUSTOMER_NO_LEADER"} & report.codes()
    leader = find_customer_leader(scenario)
    assert leader is not None and scenario.manager_of(scenario.manager_of(leader) or "") is None


def test_hybrid_project_office_draws_from_every_department():
    _, report = findings("hybrid")
    assert "TEAM_FEW_FUNCTIONS" not in report.codes()
    assert not {"BALANCE_TIPS", "BALANCE_HEAVY_DIVISION"} & report.codes()


def test_account_teams_are_truly_cross_functional():
    scenario, report = findings("account-teams")
    assert scenario.teams and "TEAM_FEW_FUNCTIONS" not in report.codes()


def test_nordstrom_pyramid_stands_and_faces_the_customer():
    _, report = findings("nordstrom")
    assert not {"BALANCE_TIPS", "BALANCE_HEAVY_DIVISION", "CUSTOMER_SHARE_LOW",
                "CUSTOMER_DIVISION_NONE", "LAYER_CUSTOMER_DISTANCE"} & report.codes()
