"""The tree a layout draws, by position index (``index_tree``) and by id (``build_forest``):
the first solid line wins, cycles are broken once, collapsed boxes hide and count their
subtrees, and every position is drawn exactly once."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from layoutkit import org, scenarios

from orgdesigner.layout.forest import build_forest, index_tree
from orgdesigner.model.document import LineKind, ReportingLine, ViewSettings


def _names(tree, nodes):
    return [tree.ids[i] for i in nodes]


def test_levels_are_breadth_first_with_the_roots_first():
    tree = index_tree(org({"ceo": None, "a": "ceo", "b": "ceo", "a1": "a", "b1": "b",
                           "a2": "a", "solo": None}))
    assert _names(tree, tree.roots) == ["ceo", "solo"]
    assert [_names(tree, level) for level in tree.levels] == [
        ["ceo", "solo"], ["a", "b"], ["a1", "a2", "b1"]]
    assert _names(tree, tree.children[tree.index["a"]]) == ["a1", "a2"]
    assert tree.parent[tree.index["a2"]] == tree.index["a"]
    assert tree.children[tree.index["a1"]] is None


def test_the_first_solid_line_wins_and_bad_lines_are_ignored():
    scenario = org({"ceo": None, "a": "ceo", "b": "ceo"}, dotted=[("a", "b")])
    scenario = scenario.model_copy(update={"lines": [
        *scenario.lines,
        ReportingLine(manager_id="a", report_id="b"),  # b already reports to ceo
        ReportingLine(manager_id="ghost", report_id="a"),  # unknown manager
        ReportingLine(manager_id="a", report_id="a", kind=LineKind.DOTTED),  # itself
    ]})
    tree = index_tree(scenario)
    assert tree.parent[tree.index["b"]] == tree.index["ceo"]
    assert tree.dotted == [("a", "b")]


def test_a_cycle_is_broken_at_its_first_position_in_document_order():
    tree = index_tree(org({"ceo": None, "x": "z", "y": "x", "z": "y", "w": "y"}))
    # x, y, z manage each other; x comes first, so it becomes a top after the real one
    assert _names(tree, tree.roots) == ["ceo", "x"]
    assert tree.parent[tree.index["x"]] == -1
    assert tree.children[tree.index["z"]] is None  # its line to x is the one dropped
    assert sorted(sum((_names(tree, lv) for lv in tree.levels), [])) == sorted(tree.ids)
    forest = build_forest(org({"ceo": None, "x": "z", "y": "x", "z": "y", "w": "y"}))
    assert forest.roots == ["ceo", "x"]
    assert forest.children["y"] == ["z", "w"] and "z" not in forest.children
    assert forest.layer == {"ceo": 1, "x": 1, "y": 2, "z": 3, "w": 3}


def test_collapsed_boxes_hide_and_count_their_subtrees():
    spec = {"ceo": None, "a": "ceo", "a1": "a", "a2": "a", "a11": "a1", "b": "ceo"}
    tree = index_tree(org(spec, view=ViewSettings(collapsed=["a", "a1", "b", "nobody"])))
    a = tree.index["a"]
    assert tree.visible[a] is None and _names(tree, tree.children[a]) == ["a1", "a2"]
    # a1 is collapsed too but hidden under a: only the boxes on view count what they hide;
    # b has no reports, so there is nothing to fold
    assert {tree.ids[i]: n for i, n in tree.hidden.items()} == {"a": 3}
    assert [_names(tree, level) for level in tree.levels] == [["ceo"], ["a", "b"]]
    forest = build_forest(org(spec, view=ViewSettings(collapsed=["a"])))
    assert forest.hidden == {"a": 3}
    assert "a" not in forest.children and forest.all_children["a"] == ["a1", "a2"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_every_position_is_drawn_or_hidden_exactly_once(scenario):
    tree = index_tree(scenario)
    shown = [i for level in tree.levels for i in level]
    assert len(shown) == len(set(shown))
    assert len(shown) + sum(tree.hidden.values()) == len(tree.ids)
    for depth, level in enumerate(tree.levels):
        for i in level:  # each level holds the reports of the one above
            m = tree.parent[i]
            assert (m < 0) == (depth == 0)
            assert m < 0 or i in tree.visible[m]
    forest = build_forest(scenario)
    assert sorted(forest.layer) == sorted(tree.ids[i] for i in shown)
    for pid, layer in forest.layer.items():  # one layer under its manager
        if pid in forest.roots:
            assert layer == 1 and pid not in forest.manager
        else:
            assert layer == forest.layer[forest.manager[pid]] + 1
