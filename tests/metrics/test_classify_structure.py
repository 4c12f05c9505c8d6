from __future__ import annotations

from orgkit import chart, team_of

from orgdesigner.metrics.classify import StructureType, classify_structure, customer_function
from orgdesigner.model.document import Unit


def bu(name: str, key: str) -> str:
    return (f"  {key}: GM {name} | General Manager, {name} | u={key}\n"
            f"    {key}s: S {name} | Sales Manager | u={key}\n"
            + team_of(2, f"{key}s", key, 6, True) + "\n"
            f"    {key}m: M {name} | Marketing Manager | u={key}\n"
            + team_of(2, f"{key}m", key, 6))


def test_business_units_with_their_own_sales_and_marketing_are_decentralised():
    s = chart("ceo: Ann | CEO\n" + bu("Home", "home") + "\n" + bu("Pro", "pro"))
    c = classify_structure(s)
    assert c.type is StructureType.DECENTRALISED
    assert c.business_units == ["home", "pro"]
    assert any("Home has its own marketing, sales people" in e for e in c.evidence)
    assert "flexibly" in c.benefits and "drift apart" in c.challenges


def test_one_central_customer_division_is_centralised():
    s = chart("ceo: Ann | CEO\n  cd: Bo | EVP Customer Division | u=cust\n"
              "    s: Cy | Head of Sales | u=cust\n" + team_of(2, "s", "cust", 6, True)
              + "\n  ops: Di | COO | u=ops\n" + team_of(3, "o", "ops", 4),
              units=[Unit(id="cust", name="Customer Division"), Unit(id="ops", name="Ops")])
    c = classify_structure(s)
    assert c.type is StructureType.CENTRALISED and c.central_units == ["cd"]
    assert "one view of the customer" in c.benefits


def test_central_office_beside_units_with_their_own_teams_is_hybrid():
    s = chart("ceo: Ann | CEO\n  cx: Bo | Chief Customer Officer | u=cust\n"
              + team_of(2, "c", "cust", 4) + "\n" + bu("Home", "home") + "\n" + bu("Pro", "pro"),
              units=[Unit(id="cust", name="Customer Office"), Unit(id="home", name="Home"),
                     Unit(id="pro", name="Pro")])
    c = classify_structure(s)
    assert c.type is StructureType.HYBRID
    assert c.central_units == ["cx"] and c.business_units == ["home", "pro"]


def test_separate_sales_and_marketing_departments_are_functional():
    s = chart("ceo: Ann | CEO\n  s: Bo | VP Sales | u=sales\n" + team_of(3, "s", "sales", 4)
              + "\n  m: Cy | VP Marketing | u=mkt\n" + team_of(3, "m", "mkt", 4),
              units=[Unit(id="sales", name="Sales", function="sales"),
                     Unit(id="mkt", name="Marketing", function="marketing")])
    c = classify_structure(s)
    assert c.type is StructureType.FUNCTIONAL and c.central_units == ["s", "m"]
    assert "job of customer" in c.challenges


def test_no_customer_function_is_undetermined():
    s = chart("ceo: Ann | CEO\n  f: Bo | CFO\n" + team_of(3, "f", "fin", 4))
    c = classify_structure(s)
    assert c.type is StructureType.UNDETERMINED and c.benefits == ""


def test_customer_function_words():
    assert customer_function("Customer Care") == "service"
    assert customer_function("Key Accounts") == "sales"
    assert customer_function("Brand Management") == "marketing"
    assert customer_function("CRM & Customer Data") == "customer"
    assert customer_function("Accounts Payable") is None
    assert customer_function("Financial Services") is None
    assert customer_function("") is None
