from __future__ import annotations

from orgkit import chart, team_of

from orgdesigner.checks import balance, customer
from orgdesigner.metrics.hierarchy import LazyOrgGraph
from orgdesigner.model.document import Unit
from orgdesigner.model.profile import CheckProfile

P = CheckProfile()


def run(rule, scenario, profile=P):
    return rule(LazyOrgGraph(scenario), scenario, profile)


GOOD = ("ceo: Ann | Chief Executive Officer | u=exec\n"
        "  cco: Bo | Chief Customer Officer | u=cust\n" + team_of(4, "c", "cust", 4, True) +
        "\n  ops: Cy | Head of Operations | u=ops\n" + team_of(4, "o", "ops", 4, True) +
        "\n  fin: Di | Head of Finance | u=fin\n" + team_of(4, "f", "fin", 4, True))


def test_customer_close_org_is_clean():
    s = chart(GOOD)
    for rule in (*customer.RULES, *balance.RULES):
        assert run(rule, s) == [], rule.__name__


def test_low_customer_facing_share():
    s = chart(GOOD.replace(" cf", ""))
    [f] = run(customer.customer_share, s)
    assert f.code == "CUSTOMER_SHARE_LOW" and "Nobody" in f.message
    s2 = chart(GOOD.replace("u=ops cf", "u=ops").replace("u=fin cf", "u=fin"))
    [f2] = run(customer.customer_share, s2, CheckProfile(customer_facing_min_share=0.5))
    assert "Only 4 of 16 people (25%)" in f2.message


def test_division_without_customer_facing_people():
    s = chart(GOOD.replace("u=fin cf", "u=fin"))
    [f] = run(customer.divisions_without_customer, s)
    assert f.code == "CUSTOMER_DIVISION_NONE" and f.ids == ("fin",)
    assert "Fin" in f.message and "4 people" not in f.message  # head + 4 = 5 people
    assert "5 people" in f.message


def test_buried_customer_leader():
    s = chart("ceo: Ann | CEO | u=exec\n  coo: Bo | COO | u=ops\n"
              "    cs: Cy | Director, Customer Service | u=ops\n" + team_of(3, "c", "ops", 6, True)
              + "\n  cfo: Di | CFO | u=fin\n" + team_of(3, "f", "fin", 4))
    [f] = run(customer.customer_leader, s)
    assert f.code == "CUSTOMER_LEADER_BURIED" and f.ids == ("cs",)
    assert "2 levels below the top" in f.message and "Bo (COO)" in f.message


def test_no_customer_leader_at_all():
    s = chart(GOOD.replace("Chief Customer Officer", "Head of Logistics").replace("u=cust",
                                                                                "u=log"))
    [f] = run(customer.customer_leader, s)
    assert f.code == "CUSTOMER_NO_LEADER" and f.severity == "info"


def test_head_of_a_customer_unit_is_the_leader():
    s = chart(GOOD.replace("Chief Customer Officer", "EVP"),
              units=[Unit(id="cust", name="Customer Division"), Unit(id="ops", name="Ops"),
                     Unit(id="fin", name="Finance"), Unit(id="exec", name="Exec")])
    assert customer.find_customer_leader(s) == "cco"
    assert run(customer.customer_leader, s) == []


def test_heavy_division_by_share_of_divisions():
    units = [Unit(id=u, name=u.title(), is_division=True) for u in ("cust", "ops", "fin")]
    s = chart("ceo: Ann | CEO\n  cco: Bo | Chief Customer Officer | u=cust\n"
              + team_of(20, "c", "cust", 4, True) + "\n  ops: Cy | Ops | u=ops\n"
              + team_of(2, "o", "ops", 4) + "\n  fin: Di | Finance | u=fin\n"
              + team_of(2, "f", "fin", 4), units=units)
    [f] = run(balance.heavy_division, s)
    assert f.code == "BALANCE_HEAVY_DIVISION" and f.ids == ("cust",)
    assert "Cust holds 78%" in f.message
    assert run(balance.heavy_division, s, CheckProfile(division_share_factor=3.0)) == []


def lopsided(order: tuple[str, ...]):
    from orgdesigner.model.document import ViewSettings

    units = [Unit(id=u, name=u.title(), is_division=True) for u in ("cust", "ops", "fin")]
    return chart("ceo: Ann | CEO\n  cco: Bo | Chief Customer Officer | u=cust\n"
                 + team_of(19, "c", "cust", 4, True) + "\n  ops: Cy | Ops | u=ops\n"
                 + team_of(1, "o", "ops", 4) + "\n  fin: Di | Finance | u=fin\n"
                 + team_of(1, "f", "fin", 4), units=units,
                 view=ViewSettings(division_order=order))


def test_pyramid_tips_toward_a_heavy_outer_column():
    s = lopsided(("ops", "fin", "cust"))  # weights 2, 2, 20 at arms -2/3, 0, +2/3
    [f] = run(balance.tipping_torque, s)
    assert f.code == "BALANCE_TIPS" and f.ids == ("cust",)
    assert "tips to the right" in f.message and "0.50" in f.message
    assert "Cust (83% of the people)" in f.message
    assert run(balance.tipping_torque, s, CheckProfile(balance_tolerance=0.6)) == []


def test_heavy_column_in_the_middle_does_not_tip_but_is_still_heavy():
    s = lopsided(("ops", "cust", "fin"))
    assert run(balance.tipping_torque, s) == []
    [f] = run(balance.heavy_division, s)
    assert f.ids == ("cust",)
