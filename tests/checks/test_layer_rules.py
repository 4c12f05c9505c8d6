from __future__ import annotations

from orgkit import chart, team_of

from orgdesigner.checks import layers
from orgdesigner.metrics.hierarchy import LazyOrgGraph
from orgdesigner.model.profile import CheckProfile

P = CheckProfile()


def run(rule, scenario, profile=P):
    return rule(LazyOrgGraph(scenario), scenario, profile)


def ladder(depth: int, cf_at_bottom: bool = True) -> str:
    """A chain of ``depth`` managers, each with three reports, the last ones customer-facing."""
    out = []
    for d in range(depth):
        ind = "  " * d
        out.append(f"{ind}m{d}: Boss {d} | Manager {d}")
        last = d == depth - 1
        out.append(team_of(2, f"x{d}_", indent=2 * d + 2, cf=last and cf_at_bottom))
    return "\n".join(out)


def test_shallow_org_is_clean():
    s = chart(ladder(3))
    for rule in layers.RULES:
        assert run(rule, s) == [], rule.__name__


def test_too_many_layers_for_a_small_org():
    s = chart(ladder(6))  # 7 layers, 18 positions: target 5 under 500 people
    [f] = run(layers.too_many_layers, s)
    assert f.code == "LAYER_TOO_MANY" and "7 layers for 18 positions" in f.message
    assert set(f.ids) == {"x5_1", "x5_2"}
    assert run(layers.too_many_layers, s, CheckProfile(layers_max_small=7)) == []


def test_layer_target_by_headcount():
    assert layers.layer_target(P, 100) == 5
    assert layers.layer_target(P, 5000) == 7
    assert layers.layer_target(P, 5001) == 9


def test_customer_facing_front_line_too_far_from_the_top():
    s = chart(ladder(6))  # front line at layer 7: 6 layers below the top
    [f] = run(layers.layers_to_customer, s)
    assert f.code == "LAYER_CUSTOMER_DISTANCE" and set(f.ids) == {"x5_1", "x5_2"}
    assert "more than 4 layers" in f.message
    assert run(layers.layers_to_customer, s, CheckProfile(customer_layers_max=6)) == []


def test_deep_back_office_is_not_a_customer_distance_problem():
    assert run(layers.layers_to_customer, chart(ladder(6, cf_at_bottom=False))) == []
