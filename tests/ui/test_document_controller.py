from orgdesigner.model import OrgDocument, Position
from orgdesigner.model.edits import EditError, Relation, add_position, reassign_manager
from orgdesigner.ui.document import DocumentController


def test_apply_undo_redo_through_qundostack(qtbot):
    ctl = DocumentController(OrgDocument.empty())
    seen = []
    ctl.changed.connect(lambda: seen.append(1))
    ctl.apply(add_position(ctl.doc, Position(id="ceo", holder="Ann")))
    ctl.apply(add_position(ctl.doc, Position(id="a"), anchor_id="ceo", relation=Relation.REPORT))
    assert [p.id for p in ctl.scenario.positions] == ["ceo", "a"]
    assert ctl.modified
    assert ctl.undo_stack.undoText() == "Add report"
    ctl.undo_stack.undo()
    assert [p.id for p in ctl.scenario.positions] == ["ceo"]
    ctl.undo_stack.redo()
    assert [p.id for p in ctl.scenario.positions] == ["ceo", "a"]
    assert len(seen) == 4


def test_refused_edit_changes_nothing_and_pushes_nothing(qtbot):
    ctl = DocumentController(OrgDocument.empty())
    ctl.apply(add_position(ctl.doc, Position(id="ceo")))
    ctl.apply(add_position(ctl.doc, Position(id="a"), anchor_id="ceo"))
    before = ctl.doc.model_dump()
    try:
        ctl.apply(reassign_manager(ctl.doc, "ceo", "a"))
    except EditError:
        pass
    else:
        raise AssertionError("a cycle must be refused")
    assert ctl.doc.model_dump() == before
    assert ctl.undo_stack.count() == 2


def test_clean_state_tracks_saves(qtbot):
    ctl = DocumentController(OrgDocument.empty())
    flags = []
    ctl.modified_changed.connect(flags.append)
    ctl.apply(add_position(ctl.doc, Position(id="ceo")))
    ctl.mark_saved()
    assert not ctl.modified
    ctl.undo_stack.undo()
    assert ctl.modified
    assert flags == [True, False, True]
