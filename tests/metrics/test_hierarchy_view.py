from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from orgkit import chart

from orgdesigner.metrics.hierarchy import LazyOrgGraph, lean
from orgdesigner.model.document import LineKind, Position, ReportingLine, Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.synthetic import generate_org


def with_trouble(n: int, seed: int):
    """A generated org plus a cycle, a second manager, a floating top and a dangling line."""
    s = generate_org(n, seed=seed).scenario()
    extra = chart("x: X | Lead\n  y: Y | Lead\n    z: Z | Agent\nfloat: F | Analyst",
                  extra_lines=[("y", "x"), ("p1", "p5"), ("ghost", "p3")])
    s.positions += extra.positions
    s.lines += extra.lines
    return s


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_lazy_graph_answers_like_the_networkx_graph(seed):
    s = with_trouble(300, seed)
    fast, slow = LazyOrgGraph(s), OrgGraph(s)
    assert fast.tops() == slow.tops()
    assert fast.depths() == slow.depths()
    assert fast.unreachable() == slow.unreachable()
    assert sorted(map(sorted, fast.cycles())) == sorted(map(sorted, slow.cycles()))
    assert fast.dangling == slow.dangling and fast.extra_managers == slow.extra_managers
    assert fast.division_of() == slow.division_of()
    for pid in list(slow.positions)[:60]:
        assert fast.manager(pid) == slow.manager(pid)
        assert fast.reports(pid) == slow.reports(pid)
        assert fast.subtree(pid) == slow.subtree(pid)
    assert list(fast.walk("p1")) == list(slow.walk("p1"))
    assert fast.has_cycle() and slow.has_cycle()


def test_cycle_comes_out_in_manager_to_report_order():
    s = chart("a: A | L\n  b: B | L\n    c: C | L", extra_lines=[("c", "a")])
    s.lines = s.lines[1:] + s.lines[:1]  # keep one solid manager each
    g = LazyOrgGraph(s)
    [cycle] = g.cycles()
    i = cycle.index("a")
    assert cycle[i:] + cycle[:i] == ["a", "b", "c"]


def test_networkx_graphs_are_built_only_when_asked_for():
    s = generate_org(50).scenario()
    g = LazyOrgGraph(s)
    assert g._hierarchy is None
    assert g.hierarchy.number_of_edges() == 49 and g.dotted.number_of_edges() == 0
    assert lean(g) is g
    plain = OrgGraph(s)
    assert lean(plain) is lean(plain)  # cached per graph


_IDS = [f"n{i}" for i in range(12)] + ["ghost"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_IDS), st.sampled_from(_IDS), st.booleans()),
                max_size=30))
def test_any_lines_give_the_same_answers_as_networkx(raw):
    s = Scenario(id="s", name="S", positions=[Position(id=i) for i in _IDS[:-1]],
                 lines=[ReportingLine(manager_id=m, report_id=r,
                                      kind=LineKind.DOTTED if d else LineKind.SOLID)
                        for m, r, d in raw])
    fast, slow = LazyOrgGraph(s), OrgGraph(s)
    assert fast.tops() == slow.tops()
    assert fast.depths() == slow.depths()
    assert fast.unreachable() == slow.unreachable()
    assert sorted(map(sorted, fast.cycles())) == sorted(map(sorted, slow.cycles()))
    assert fast.dangling == slow.dangling and fast.extra_managers == slow.extra_managers
    for pid in s.positions:
        assert fast.reports(pid.id) == slow.reports(pid.id)
        assert fast.subtree(pid.id) == slow.subtree(pid.id)
