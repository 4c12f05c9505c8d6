"""The incremental engine against a fresh layout after long runs of random edits (classic
and horizontal, with and without manual offsets), and the objects it hands out: the
previous geometry is never changed in place, and boxes that did not move stay the same
objects."""

from __future__ import annotations

import random

import pytest

from orgdesigner.layout import LayoutEngine, layout_scenario
from orgdesigner.layout.geometry import Geometry
from orgdesigner.model import edits
from orgdesigner.model.document import LineKind, Position, PositionKind
from orgdesigner.model.edits import EditError, Relation, RemoveMode
from orgdesigner.model.synthetic import generate_org

TITLES = ("Analyst", "Lead", "Senior Customer Experience Lead", "VP", "Head of Regional "
          "Operations and Logistics Planning")


def same(a: Geometry, b: Geometry) -> bool:
    """Equal geometries, boxes and connectors in any order (field by field, like
    comparing their JSON, without building it)."""
    def conn_key(c):
        return (c.source_id, c.target_id, c.kind.value, c.points)

    return (a.view == b.view and a.bounds == b.bounds and a.legend == b.legend
            and sorted(a.boxes, key=lambda x: x.id) == sorted(b.boxes, key=lambda x: x.id)
            and sorted(map(conn_key, a.connectors)) == sorted(map(conn_key, b.connectors)))


def frozen(g: Geometry) -> list[tuple[object, ...]]:
    """Everything a painter reads from ``g``, to prove later it was not changed."""
    return ([(b.id, b.x, b.y, b.w, b.h, b.style, list(b.lines)) for b in g.boxes]
            + [(c.source_id, c.target_id, c.kind, list(c.points)) for c in g.connectors])


def _random_edit(doc, rng: random.Random, serial: int):
    """One random edit a user could make, and the positions it touches (as the canvas
    tells the engine)."""
    sc = doc.scenario()
    ids = [p.id for p in sc.positions]
    pick = rng.choice(ids)
    kind = rng.randrange(10)
    if kind == 0:
        new = Position(id=f"n{serial}", holder=f"New Person {serial}", title=rng.choice(TITLES))
        relation = rng.choice([Relation.REPORT, Relation.REPORT, Relation.ASSISTANT,
                               Relation.PEER])
        if relation is Relation.PEER and sc.manager_of(pick) is None:
            relation = Relation.REPORT
        return edits.add_position(doc, new, anchor_id=pick, relation=relation), [new.id]
    if kind in (1, 2):
        field = rng.choice(["holder", "title"])
        value = rng.choice(TITLES) if field == "title" else rng.choice(["Al", "Wolfgang "
                                                                         "Amadeus Mozart", ""])
        return edits.change_position(doc, pick, **{field: value}), [pick]
    if kind in (3, 4, 5):
        target = rng.choice(ids)
        return edits.reassign_manager(doc, pick, target), [pick]
    if kind == 6 and sc.manager_of(pick) is not None:
        reports = [ln.report_id for ln in sc.lines
                   if ln.manager_id == pick and ln.kind is LineKind.SOLID]
        return edits.remove_position(doc, pick, RemoveMode.REHOME), [pick, *reports]
    if kind == 7 and sc.manager_of(pick) is not None:
        return edits.remove_position(doc, pick, RemoveMode.SUBTREE), None
    if kind == 8:
        return edits.add_dotted_line(doc, pick, rng.choice(ids)), [pick]
    kinds = list(PositionKind)
    return edits.change_position(doc, pick, kind=rng.choice(kinds)), [pick]


def _run(view: str, seed: int, steps: int, offsets: bool, hints: bool = True) -> int:
    """``hints``: tell the engine what each edit touched (else only on the first patch
    after a full layout: later patches find it themselves)."""
    doc = generate_org(160, seed=seed)
    ids = [p.id for p in doc.scenario().positions]
    rng = random.Random(seed)
    if offsets:
        moved = {pid: (rng.uniform(-30, 30), rng.uniform(-20, 20))
                 for pid in rng.sample(ids[1:], 6)}
        edits.change_view(doc, offsets=moved).apply(doc)
    managers = sorted({ln.manager_id for ln in doc.scenario().lines})
    for i, pid in enumerate(rng.sample(managers, 8)):  # assistants push reports down
        helper = Position(id=f"a{i}", holder=f"Helper {i}", title="Assistant")
        edits.add_position(doc, helper, anchor_id=pid, relation=Relation.ASSISTANT).apply(doc)
    engine = LayoutEngine(doc.scenario(), view)
    history = edits.History(doc)
    patched = done = 0
    fresh_state = True  # the engine has just laid out afresh
    while done < steps:
        try:
            edit, changed = _random_edit(doc, rng, done)
        except EditError:
            continue  # refused (a cycle, a duplicate line...): draw another
        if changed is None:  # a removed subtree: every position in it
            before = {p.id for p in doc.scenario().positions}
            history.do(edit)
            changed = before - {p.id for p in doc.scenario().positions}
        else:
            history.do(edit)
        done += 1
        old = engine.geometry()
        old_values = frozen(old)
        old_boxes = {b.id: b for b in old.boxes}
        told = changed if hints or fresh_state else ()
        g = engine.update(doc.scenario(), changed=told)
        patched += engine.last_update_patched
        fresh_state = not engine.last_update_patched
        fresh = layout_scenario(doc.scenario(), view)
        assert same(g, fresh), f"step {done}: {edit.label}"
        assert frozen(old) == old_values, "the previous geometry was changed in place"
        fresh_boxes = {b.id: b for b in fresh.boxes}
        for b in g.boxes:  # a box handed out again is still right
            if old_boxes.get(b.id) is b:
                assert b == fresh_boxes[b.id]
        if rng.random() < 0.2 and history.can_undo:
            history.undo()  # undo is an edit too: the canvas names what it touched
            back = {p.id for p in doc.scenario().positions} ^ {b.id for b in g.boxes}
            told = set(changed) | back if hints or fresh_state else ()
            g = engine.update(doc.scenario(), changed=told)
            fresh_state = not engine.last_update_patched
            assert same(g, layout_scenario(doc.scenario(), view)), "undo"
    return patched


@pytest.mark.parametrize("view", ["classic", "horizontal"])
@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_patch_exactly(view, seed):
    patched = _run(view, seed, steps=30, offsets=False)
    assert patched >= 15  # most of them were patched, not laid out afresh


@pytest.mark.parametrize("view", ["classic", "horizontal"])
def test_random_edits_with_manual_offsets_patch_exactly(view):
    patched = _run(view, 5, steps=25, offsets=True)
    assert patched >= 10


@pytest.mark.parametrize("view", ["classic", "horizontal"])
def test_patches_find_what_an_edit_changed_without_being_told(view):
    patched = _run(view, 7, steps=40, offsets=True, hints=False)
    assert patched >= 20


def test_a_moved_team_is_new_objects_and_the_rest_is_kept():
    doc = generate_org(400, seed=3)
    ids = [p.id for p in doc.scenario().positions]
    engine = LayoutEngine(doc.scenario(), "classic")
    old = {b.id: b for b in engine.geometry().boxes}
    old_conns = {c.target_id: c for c in engine.geometry().connectors}
    edits.reassign_manager(doc, ids[60], ids[9]).apply(doc)
    g = engine.update(doc.scenario(), changed=[ids[60]])
    assert engine.last_update_patched
    assert same(g, layout_scenario(doc.scenario(), "classic"))
    moved = kept = 0
    for b in g.boxes:
        before = old[b.id]
        if (before.x, before.y) == (b.x, b.y) and before.style == b.style:
            kept += before is b
        else:
            assert before is not b
            moved += 1
    for c in g.connectors:
        before = old_conns.get(c.target_id)
        if before is not None and before.points != c.points:
            assert before is not c
    assert moved > 0 and kept > 0
