import pytest

from orgdesigner.model import (
    LineKind,
    Note,
    OrgDocument,
    OrgGraph,
    Position,
    PositionKind,
    Process,
    RaciRole,
    Team,
    Unit,
)
from orgdesigner.model import edits as E
from orgdesigner.model.edits import EditError, History, Relation, RemoveMode


def small_org() -> OrgDocument:
    """ceo -> (cfo -> acct1, acct2), (coo -> ops1)"""
    doc = OrgDocument.empty()
    h = History(doc)
    h.do(E.add_unit(doc, Unit(id="fin", name="Finance", is_division=True)))
    h.do(E.add_position(doc, Position(id="ceo", holder="Ann Lee", title="CEO")))
    h.do(E.add_position(doc, Position(id="cfo", holder="Bo", unit_id="fin"), anchor_id="ceo"))
    h.do(E.add_position(doc, Position(id="coo", holder="Cy"), anchor_id="ceo"))
    h.do(E.add_position(doc, Position(id="acct1", holder="Di"), anchor_id="cfo"))
    h.do(E.add_position(doc, Position(id="acct2", holder="Ed"), anchor_id="cfo"))
    h.do(E.add_position(doc, Position(id="ops1", holder="Flo"), anchor_id="coo"))
    return doc


def reports(doc, pid):
    return OrgGraph(doc.scenario()).reports(pid)


def test_report_peer_and_assistant_go_where_a_person_expects():
    doc = small_org()
    E.add_position(doc, Position(id="new"), anchor_id="acct1", relation=Relation.PEER).apply(doc)
    assert reports(doc, "cfo") == ["acct1", "new", "acct2"]
    E.add_position(doc, Position(id="pa"), anchor_id="ceo", relation=Relation.ASSISTANT).apply(doc)
    assert doc.scenario().position("pa").kind is PositionKind.ASSISTANT
    assert reports(doc, "ceo")[-1] == "pa"
    E.add_position(doc, Position(id="top2"), anchor_id="ceo", relation=Relation.PEER).apply(doc)
    assert OrgGraph(doc.scenario()).tops() == ["ceo", "top2"]


def test_duplicate_id_is_refused():
    doc = small_org()
    with pytest.raises(EditError, match="already exists"):
        E.add_position(doc, Position(id="cfo"), anchor_id="ceo")


def test_reassign_moves_the_subtree_and_refuses_cycles():
    doc = small_org()
    E.reassign_manager(doc, "cfo", "coo").apply(doc)
    graph = OrgGraph(doc.scenario())
    assert graph.manager("cfo") == "coo"
    assert graph.reports("cfo") == ["acct1", "acct2"]
    with pytest.raises(EditError, match="reporting cycle"):
        E.reassign_manager(doc, "coo", "acct1")
    with pytest.raises(EditError, match="cycle"):
        E.reassign_manager(doc, "coo", "coo")


def test_remove_rehomes_reports_in_place_and_undo_restores_exactly():
    doc = small_org()
    before = doc.model_dump()
    inverse = E.remove_position(doc, "cfo", RemoveMode.REHOME).apply(doc)
    assert reports(doc, "ceo") == ["acct1", "acct2", "coo"]
    inverse.apply(doc)
    assert doc.model_dump() == before


def test_remove_subtree_cleans_every_reference():
    doc = small_org()
    E.add_team(doc, Team(id="t", name="Deal team", sponsor_id="acct1",
                         member_ids=("acct2", "ops1"))).apply(doc)
    E.add_process(doc, Process(id="pr", name="Close books")).apply(doc)
    E.set_raci(doc, "pr", "acct1", RaciRole.ACCOUNTABLE).apply(doc)
    E.add_note(doc, Note(id="n", text="check", attached_to="acct2")).apply(doc)
    E.toggle_collapsed(doc, "cfo").apply(doc)
    E.add_dotted_line(doc, "ops1", "acct1").apply(doc)
    E.remove_position(doc, "cfo", RemoveMode.SUBTREE).apply(doc)
    s = doc.scenario()
    assert [p.id for p in s.positions] == ["ceo", "coo", "ops1"]
    assert s.teams[0].member_ids == ("ops1",) and s.teams[0].sponsor_id is None
    assert s.processes[0].assignments == {}
    assert s.notes[0].attached_to is None
    assert s.view.collapsed == ()
    assert not OrgGraph(s).dangling


def test_change_position_validates_and_names_the_field():
    doc = small_org()
    with pytest.raises(EditError, match="fte"):
        E.change_position(doc, "cfo", fte=-1)
    with pytest.raises(EditError, match="no field"):
        E.change_position(doc, "cfo", salary=3)
    with pytest.raises(EditError, match="no unit"):
        E.change_position(doc, "cfo", unit_id="nope")
    E.change_position(doc, "cfo", holder="", customer_facing=True).apply(doc)
    assert doc.scenario().position("cfo").vacant


def test_dotted_lines_never_bend_the_hierarchy():
    doc = small_org()
    E.add_dotted_line(doc, "coo", "acct1").apply(doc)
    graph = OrgGraph(doc.scenario())
    assert graph.manager("acct1") == "cfo"
    assert list(graph.dotted.edges) == [("coo", "acct1")]
    with pytest.raises(EditError, match="already a dotted"):
        E.add_dotted_line(doc, "coo", "acct1")
    E.remove_dotted_line(doc, "coo", "acct1").apply(doc)
    assert all(ln.kind is LineKind.SOLID for ln in doc.scenario().lines)


def test_remove_unit_moves_positions_to_the_parent_unit():
    doc = small_org()
    E.add_unit(doc, Unit(id="ap", name="Payables", parent_id="fin")).apply(doc)
    E.move_to_unit(doc, "acct1", "ap").apply(doc)
    E.remove_unit(doc, "ap").apply(doc)
    assert doc.scenario().position("acct1").unit_id == "fin"
    with pytest.raises(EditError, match="inside itself"):
        E.change_unit(doc, "fin", parent_id="fin")


def test_scenario_copy_is_independent_and_removal_keeps_one():
    doc = small_org()
    E.add_scenario_copy(doc, "as-is", "To-be A").apply(doc)
    tobe = doc.scenario_by_name("to-be a")
    E.set_active_scenario(doc, tobe.id).apply(doc)
    E.remove_position(doc, "cfo", RemoveMode.SUBTREE).apply(doc)
    assert len(doc.scenario("as-is").positions) == 6
    assert len(doc.scenario().positions) == 3
    with pytest.raises(EditError, match="already a scenario"):
        E.add_scenario_copy(doc, "as-is", "To-be a")
    inverse = E.remove_scenario(doc, tobe.id).apply(doc)
    assert doc.active_scenario == "as-is"
    inverse.apply(doc)
    assert doc.active_scenario == tobe.id
    E.remove_scenario(doc, tobe.id).apply(doc)
    with pytest.raises(EditError, match="at least one"):
        E.remove_scenario(doc, "as-is")


def test_raci_cells_set_and_clear():
    doc = small_org()
    E.add_process(doc, Process(id="p1", name="Resolve a customer problem")).apply(doc)
    E.set_raci(doc, "p1", "coo", RaciRole.ACCOUNTABLE).apply(doc)
    E.set_raci(doc, "p1", "fin", "R").apply(doc)
    assert doc.scenario().processes[0].assignments == {"coo": RaciRole.ACCOUNTABLE,
                                                       "fin": RaciRole.RESPONSIBLE}
    E.set_raci(doc, "p1", "coo", None).apply(doc)
    with pytest.raises(EditError, match="already empty"):
        E.set_raci(doc, "p1", "coo", None)
    with pytest.raises(EditError, match="no position or unit"):
        E.set_raci(doc, "p1", "ghost", "A")


def test_compound_rolls_back_when_a_part_fails():
    doc = small_org()
    before = doc.model_dump()
    bad = E.Compound("two", (E.change_position(doc, "cfo", holder="X"),
                             E.RemoveItem("as-is", E.Collection.POSITIONS, 99)))
    with pytest.raises(IndexError):
        bad.apply(doc)
    assert doc.model_dump() == before
