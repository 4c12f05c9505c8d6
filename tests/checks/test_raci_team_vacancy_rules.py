from __future__ import annotations

from orgkit import chart, team_of

from orgdesigner.checks import accountability, teams, vacancies
from orgdesigner.metrics.hierarchy import LazyOrgGraph
from orgdesigner.model.document import Process, Team, Unit
from orgdesigner.model.document import RaciRole as R
from orgdesigner.model.profile import CheckProfile

P = CheckProfile()


def run(rule, scenario, profile=P):
    return rule(LazyOrgGraph(scenario), scenario, profile)


BASE = ("ceo: Ann | CEO | u=exec\n  s: Bob | Head of Sales | u=sales\n"
        + team_of(3, "s", "sales", 4, True) + "\n  m: Cy | Head of Marketing | u=mkt\n"
        + team_of(3, "m", "mkt", 4) + "\n  f: Di | Head of Finance | u=fin\n"
        + team_of(3, "f", "fin", 4))
UNITS = [Unit(id="exec", name="Executive"), Unit(id="sales", name="Sales", function="sales"),
         Unit(id="mkt", name="Marketing", function="marketing"),
         Unit(id="fin", name="Finance", function="finance"),
         Unit(id="ar", name="Receivables", parent_id="fin")]


def proc(pid: str, **roles: R) -> Process:
    return Process(id=pid, name=f"Process {pid}", assignments=roles)


def test_good_raci_is_clean():
    s = chart(BASE, processes=[proc("p1", s=R.ACCOUNTABLE, s1=R.RESPONSIBLE, m=R.CONSULTED)])
    for rule in accountability.RULES:
        assert run(rule, s) == []


def test_raci_without_or_with_several_accountables_and_no_responsible():
    s = chart(BASE, processes=[proc("none", s1=R.RESPONSIBLE),
                               proc("two", s=R.ACCOUNTABLE, m=R.ACCOUNTABLE, s1=R.RESPONSIBLE),
                               proc("idle", s=R.ACCOUNTABLE, m=R.INFORMED)])
    found = run(accountability.one_accountable, s)
    assert [(f.code, f.ids[0]) for f in found] == [("RACI_NO_ACCOUNTABLE", "none"),
                                                    ("RACI_SEVERAL_ACCOUNTABLE", "two")]
    assert "Bob (Head of Sales) and Cy (Head of Marketing)" in found[1].message
    assert [f.ids for f in run(accountability.responsible_present, s)] == [("idle",)]


def test_one_party_accountable_for_too_many_processes():
    many = [proc(f"p{i}", s=R.ACCOUNTABLE, s1=R.RESPONSIBLE) for i in range(6)]
    s = chart(BASE, processes=many)
    [f] = run(accountability.accountable_overload, s)
    assert f.code == "RACI_ACCOUNTABLE_OVERLOAD" and f.ids == ("s",)
    assert "Accountable for 6 processes" in f.message
    assert run(accountability.accountable_overload, s, CheckProfile(accountable_max=6)) == []


def test_cross_functional_team_draws_from_enough_functions():
    good = Team(id="t1", name="Account team", member_ids=("s1", "m1", "f1"))
    thin = Team(id="t2", name="Sales huddle", member_ids=("s1", "s2", "m2"))
    s = chart(BASE, units=UNITS, teams=[good, thin])
    [f] = run(teams.team_functions, s)
    assert f.code == "TEAM_FEW_FUNCTIONS" and f.ids[0] == "t2"
    assert "only marketing and sales" in f.message
    assert run(teams.team_functions, s, CheckProfile(team_min_functions=2)) == []


def test_team_function_inherited_from_parent_unit():
    s = chart(BASE.replace("f1: Pf1 | Agent | u=fin", "f1: Pf1 | Agent | u=ar"), units=UNITS,
              teams=[Team(id="t", name="T", member_ids=("s1", "m1", "f1"))])
    assert run(teams.team_functions, s) == []


def test_vacancies():
    s = chart(BASE)
    for rule in vacancies.RULES:
        assert run(rule, s) == []
    s = chart(BASE.replace("s: Bob", "s: -").replace("m1: Pm1", "m1: -"))
    [f] = run(vacancies.vacant_managers, s)
    assert f.code == "VACANCY_MANAGER" and f.ids == ("s",)
    assert f.message.startswith("The vacant Head of Sales position has 3 direct reports")
    [g] = run(vacancies.vacancy_share, s)  # 2 of 13 = 15% > 10%
    assert g.code == "VACANCY_SHARE_HIGH" and "2 of 13 positions (15%)" in g.message


def test_a_dotted_line_brings_the_function_a_member_represents():
    s = chart(BASE + "\npo: Po | Project Office Lead | u=exec", units=UNITS,
              dotted=[("s", "po")], teams=[Team(id="t", name="T", member_ids=("po", "m1"))])
    assert run(teams.team_functions, s) == []  # executive + sales (dotted) + marketing
    s2 = chart(BASE + "\npo: Po | Project Office Lead | u=exec", units=UNITS,
               teams=[Team(id="t", name="T", member_ids=("po", "m1"))])
    assert "only executive and marketing" in run(teams.team_functions, s2)[0].message
