"""The incremental engine: patching after an edit gives exactly a fresh layout."""

from __future__ import annotations

import json

import pytest
from layoutkit import check_invariants

from orgdesigner.layout import LayoutEngine, layout_scenario
from orgdesigner.model import edits
from orgdesigner.model.document import Position, PositionKind
from orgdesigner.model.edits import RemoveMode
from orgdesigner.model.synthetic import generate_org


def normal(g) -> str:
    """The geometry as JSON with boxes and connectors in a fixed order."""
    d = g.to_dict()
    d["boxes"].sort(key=lambda b: b["id"])
    d["connectors"].sort(key=lambda c: (c["source_id"], c["target_id"], c["kind"]))
    return json.dumps(d, sort_keys=True)


def _edits(doc, ids):
    """(edit, changed ids) pairs of the kinds a user makes."""
    sc = doc.scenario()
    leaf = ids[-1]
    boss = sc.manager_of(leaf)
    yield (edits.add_position(doc, Position(id="x1", holder="New Person", title="Analyst"),
                              anchor_id=boss), ["x1"])
    yield edits.change_position(doc, ids[25], holder="Wolfgang Amadeus"), [ids[25]]
    yield edits.change_position(doc, ids[30], title="Lead"), [ids[30]]
    yield (edits.add_position(doc, Position(id="x2", holder="Pat Helper"), anchor_id=ids[3],
                              relation=edits.Relation.ASSISTANT), ["x2"])
    yield edits.reassign_manager(doc, ids[12], ids[40]), [ids[12]]
    yield edits.add_dotted_line(doc, ids[5], ids[60]), [ids[5], ids[60]]
    rehomed = [ln.report_id for ln in doc.scenario().lines
               if ln.manager_id == ids[20] and ln.kind.value == "solid"]
    yield edits.remove_position(doc, ids[20], RemoveMode.REHOME), [ids[20], *rehomed]
    yield edits.remove_position(doc, leaf), [leaf]
    yield (edits.change_position(doc, ids[33], kind=PositionKind.ASSISTANT,
                                 customer_facing=True, unit_id="u2"), [ids[33]])


@pytest.mark.parametrize("view", ["classic", "horizontal"])
def test_patched_layout_equals_a_fresh_one(view):
    doc = generate_org(120, seed=11)
    ids = [p.id for p in doc.scenario().positions]
    engine = LayoutEngine(doc.scenario(), view)
    history = edits.History(doc)
    patched = 0
    for edit, changed in _edits(doc, ids):
        history.do(edit)
        g = engine.update(doc.scenario(), changed=changed)
        patched += engine.last_update_patched
        assert normal(g) == normal(layout_scenario(doc.scenario(), view)), edit.label
    check_invariants(g)
    while history.can_undo:  # undo is an edit too
        history.undo()
    g = engine.update(doc.scenario())
    assert normal(g) == normal(layout_scenario(doc.scenario(), view))
    assert patched >= 7


def test_unchanged_subtrees_keep_their_objects():
    doc = generate_org(500, seed=2)
    engine = LayoutEngine(doc.scenario(), "classic")
    old = {b.id: b for b in engine.geometry().boxes}
    pid = doc.scenario().positions[-1].id
    edits.change_position(doc, pid, holder="Al Ng").apply(doc)  # same-size change
    new = {b.id: b for b in engine.update(doc.scenario(), changed=[pid]).boxes}
    reused = sum(new[k] is old[k] for k in old)
    assert new[pid] is not old[pid] and new[pid].lines[0].text == "Al Ng"
    assert reused >= len(old) * 0.5


def test_edits_it_cannot_patch_fall_back_to_a_full_layout():
    doc = generate_org(120, seed=4)
    engine = LayoutEngine(doc.scenario(), "classic")
    edits.toggle_collapsed(doc, "p2").apply(doc)  # a view change
    g = engine.update(doc.scenario(), changed=["p2"])
    assert normal(g) == normal(layout_scenario(doc.scenario(), "classic"))
    edits.add_position(doc, Position(id="top2", holder="Second Top")).apply(doc)  # new top
    g = engine.update(doc.scenario(), changed=["top2"])
    assert normal(g) == normal(layout_scenario(doc.scenario(), "classic"))
    g = engine.update(doc.scenario(), "inverted", changed=["top2"])
    assert g.view == "inverted" and g.pyramid is not None


def test_patching_keeps_manual_offsets_and_dotted_lines_exact():
    doc = generate_org(150, seed=8)
    ids = [p.id for p in doc.scenario().positions]
    edits.change_view(doc, offsets={ids[70]: (25.0, -10.0), ids[3]: (-40.0, 15.0)}).apply(doc)
    edits.add_dotted_line(doc, ids[70], ids[5]).apply(doc)
    engine = LayoutEngine(doc.scenario(), "classic")
    history = edits.History(doc)
    for edit, changed in _edits(doc, ids):
        history.do(edit)
        g = engine.update(doc.scenario(), changed=changed)
        assert normal(g) == normal(layout_scenario(doc.scenario(), "classic")), edit.label
    assert engine.last_update_patched
