from __future__ import annotations

from orgkit import chart, team_of

from orgdesigner.checks import layers, spans
from orgdesigner.metrics.hierarchy import LazyOrgGraph
from orgdesigner.model.profile import CheckProfile

P = CheckProfile()


def run(rule, scenario, profile=P):
    return rule(LazyOrgGraph(scenario), scenario, profile)


def balanced(n: int = 4) -> str:
    return ("ceo: Ann | CEO | u=exec\n"
            "  a: Bob | Head of Ops | u=ops\n" + team_of(n, "a", "ops", 4) + "\n"
            "  b: Cat | Head of Sales | u=sales\n" + team_of(n, "b", "sales", 4) + "\n"
            "  c: Dan | Head of Finance | u=fin\n" + team_of(n, "c", "fin", 4))


def test_balanced_spans_give_no_span_finding():
    s = chart(balanced())
    for rule in spans.RULES:
        assert run(rule, s) == [], rule.__name__


def test_span_too_wide_above_profile_max():
    s = chart(balanced(16))
    found = run(spans.span_too_wide, s)
    assert sorted(f.ids[0] for f in found) == ["a", "b", "c"]
    assert "16 direct reports" in found[0].message
    assert run(spans.span_too_wide, s, CheckProfile(span_max=20)) == []


def test_manager_with_one_or_two_reports():
    s = chart("ceo: Ann | CEO\n  a: Bob | Lead\n    a1: X | Agent\n    a2: Y | Agent\n"
              "  b: Cy | Lead\n    b1: Z | Agent\n  c: Di | Lead\n" + team_of(3, "c", indent=4))
    found = run(spans.one_or_two_reports, s)
    assert sorted(f.ids[0] for f in found) == ["a", "b"]
    assert all(f.code == "SPAN_ONE_OR_TWO" for f in found)
    assert "only 1 direct report." in next(f.message for f in found if f.ids == ("b",))


def test_assistants_do_not_count_in_a_span():
    s = chart("ceo: Ann | CEO\n  ea: Eve | Assistant | asst\n  a: Bob | Lead\n"
              + team_of(3, "a", indent=4) + "\n  b: Cy | Lead\n" + team_of(3, "b", indent=4))
    [f] = run(spans.one_or_two_reports, s)
    assert f.ids == ("ceo",) and "only 2 direct reports" in f.message


def test_narrow_against_an_archetype_preset():
    s = chart(balanced(4))
    assert run(spans.span_too_narrow, s) == []
    found = run(spans.span_too_narrow, s, CheckProfile.preset("supervisor"))
    assert sorted(f.ids[0] for f in found) == ["a", "b", "c", "ceo"]
    assert "'supervisor'" in found[0].message


def test_average_span_out_of_range():
    narrow = chart("ceo: A | CEO\n  a: B | Lead\n    a1: C | Agent\n  b: D | Lead\n    b1: E | X")
    [f] = run(spans.average_span, narrow)
    assert f.code == "SPAN_AVERAGE_OUT_OF_RANGE" and "below" in f.message
    assert run(spans.average_span, chart(balanced())) == []


def test_pass_through_is_reported_once_by_the_layers_family():
    s = chart("ceo: Ann | CEO\n  a: Bob | Director\n    b: Cy | Manager\n"
              + team_of(4, "b", indent=6) + "\n  c: Di | Lead\n" + team_of(3, "c", indent=4)
              + "\n  d: Ed | Lead\n" + team_of(3, "d", indent=4))
    [f] = run(layers.pass_through, s)
    assert f.code == "LAYER_PASS_THROUGH" and f.ids == ("a", "b")
    assert "Bob (Director)" in f.message and "Cy (Manager)" in f.message
    assert [x.ids for x in run(spans.one_or_two_reports, s)] == []
