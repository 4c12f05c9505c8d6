"""One read of the visible positions: labels, breadths, divisions, shared looks and the
legend's use of each coloured unit."""

from __future__ import annotations

from layoutkit import org

from orgdesigner.layout.box_read import read_boxes
from orgdesigner.layout.forest import index_tree, unit_colors
from orgdesigner.layout.text import shared_measurer
from orgdesigner.model.document import Unit, ViewSettings


def _read(scenario, horizontal=False):
    tree = index_tree(scenario)
    read = read_boxes(scenario, tree, shared_measurer(), unit_colors(scenario), horizontal)
    return tree, read


UNITS = [Unit(id="sales", name="Sales", is_division=True, color="#336699"),
         Unit(id="emea", name="EMEA", parent_id="sales"),
         Unit(id="ops", name="Operations", is_division=True)]


def test_divisions_come_from_the_unit_else_from_the_manager():
    scenario = org({"ceo": None, "s": "ceo", "s1": "s", "s11": "s1", "o": "ceo", "o1": "o"},
                   units=UNITS, unit_of={"s": "sales", "s1": "emea", "o": "ops"})
    tree, read = _read(scenario)
    division = {pid: read.division[tree.index[pid]] for pid in tree.ids}
    assert division == {"ceo": None, "s": "sales", "s1": "sales", "s11": "sales",
                        "o": "ops", "o1": "ops"}


def test_without_division_units_the_tops_reports_head_one_each():
    tree, read = _read(org({"ceo": None, "a": "ceo", "a1": "a", "b": "ceo", "b1": "b"}))
    division = {pid: read.division[tree.index[pid]] for pid in tree.ids}
    assert division == {"ceo": None, "a": "a", "a1": "a", "b": "b", "b1": "b"}


def test_boxes_that_look_alike_share_one_look():
    scenario = org({"ceo": None, "a": "ceo", "b": "ceo", "c": "ceo", "a1": "a"},
                   units=UNITS, unit_of={"a": "emea", "b": "emea", "c": "ops"},
                   facing={"b"})
    tree, read = _read(scenario)
    look = {pid: read.variants[tree.index[pid]] for pid in tree.ids}
    assert look["a"] is not look["b"]  # b faces the customer
    assert look["a1"] is not look["a"]  # one layer down
    assert look["a"].base == ("emea", "#336699", "sales", False, False, False, 0, 2)
    scenario = org({"ceo": None, "a": "ceo", "b": "ceo"}, units=UNITS,
                   unit_of={"a": "emea", "b": "emea"})
    tree, read = _read(scenario)
    assert read.variants[tree.index["a"]] is read.variants[tree.index["b"]]
    # two emea boxes use the colour Sales owns; ceo has no unit
    assert read.legend_use() == {"sales": 2}
    assert read.legend_units() == {"sales"}


def test_a_collapsed_box_counts_its_people_and_hidden_ones_have_no_box():
    scenario = org({"ceo": None, "a": "ceo", "a1": "a", "a2": "a"},
                   view=ViewSettings(collapsed=["a"]))
    tree, read = _read(scenario)
    a, a1 = tree.index["a"], tree.index["a1"]
    assert [line.text for line in read.labels[a].lines][-1] == "+2"
    assert read.variants[a].base[6] == 2
    assert read.labels[a1] is None and read.variants[a1] is None and read.sizes[a1] == 0.0


def test_breadth_is_the_width_across_a_classic_tree_and_the_height_across_a_horizontal_one():
    scenario = org({"ceo": None, "a": "ceo"})
    tree, classic = _read(scenario)
    _, horizontal = _read(scenario, horizontal=True)
    ceo = tree.index["ceo"]
    label = classic.labels[ceo]
    assert classic.sizes[ceo] == label.width and horizontal.sizes[ceo] == label.height
    assert classic.depth == label.height and horizontal.depth == label.width
