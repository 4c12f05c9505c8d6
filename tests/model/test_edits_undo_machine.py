"""Any sequence of edits, then undo of all of them, gives back an equal document; redo of
all gives the same document as before the undos."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from orgdesigner.model import Note, OrgDocument, OrgGraph, Position, Process, RaciRole, Team, Unit
from orgdesigner.model import edits as E
from orgdesigner.model.edits import EditError, Relation, RemoveMode

names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÄéß ", min_size=0, max_size=12)


class EditMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.doc = OrgDocument.empty()
        E.add_position(self.doc, Position(id="root", holder="Root", title="CEO")).apply(self.doc)
        self.start = self.doc.model_dump()
        self.undos: list[E.Edit] = []
        self.counter = 0

    # -- helpers -------------------------------------------------------------------------
    def _scenario(self):
        return self.doc.scenario()

    def _fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def _do(self, build) -> None:
        try:
            edit = build()
        except EditError:
            return
        self.undos.append(edit.apply(self.doc))

    def _pick(self, data, items):
        assume(items)
        return data.draw(st.sampled_from(items))

    # -- rules ---------------------------------------------------------------------------
    @rule(data=st.data(), relation=st.sampled_from(list(Relation)), holder=names)
    def add_position(self, data, relation, holder):
        anchor = self._pick(data, [*(p.id for p in self._scenario().positions), None])
        pid = self._fresh("p")
        self._do(lambda: E.add_position(self.doc, Position(id=pid, holder=holder),
                                        anchor_id=anchor, relation=relation))

    @precondition(lambda self: len(self.doc.scenario().positions) > 1)
    @rule(data=st.data(), mode=st.sampled_from(list(RemoveMode)))
    def remove_position(self, data, mode):
        pid = self._pick(data, [p.id for p in self._scenario().positions])
        self._do(lambda: E.remove_position(self.doc, pid, mode))

    @rule(data=st.data())
    def reassign(self, data):
        ids = [p.id for p in self._scenario().positions]
        pid = self._pick(data, ids)
        target = self._pick(data, [*ids, None])
        self._do(lambda: E.reassign_manager(self.doc, pid, target))

    @rule(data=st.data())
    def dotted(self, data):
        ids = [p.id for p in self._scenario().positions]
        a, b = self._pick(data, ids), self._pick(data, ids)
        self._do(lambda: E.add_dotted_line(self.doc, a, b))

    @rule(data=st.data(), holder=names, fte=st.floats(0, 10), cf=st.booleans())
    def change(self, data, holder, fte, cf):
        pid = self._pick(data, [p.id for p in self._scenario().positions])
        self._do(lambda: E.change_position(self.doc, pid, holder=holder, fte=fte,
                                           customer_facing=cf))

    @rule(name=names, division=st.booleans())
    def add_unit(self, name, division):
        uid = self._fresh("u")
        self._do(lambda: E.add_unit(self.doc, Unit(id=uid, name=name, is_division=division)))

    @precondition(lambda self: bool(self.doc.scenario().units))
    @rule(data=st.data(), name=names)
    def unit_ops(self, data, name):
        scenario = self._scenario()
        uid = self._pick(data, [u.id for u in scenario.units])
        pid = self._pick(data, [p.id for p in scenario.positions])
        op = data.draw(st.sampled_from(["rename", "move", "remove"]))
        if op == "rename":
            self._do(lambda: E.rename_unit(self.doc, uid, name))
        elif op == "move":
            self._do(lambda: E.move_to_unit(self.doc, pid, uid))
        else:
            self._do(lambda: E.remove_unit(self.doc, uid))

    @rule(data=st.data(), name=names)
    def team_ops(self, data, name):
        scenario = self._scenario()
        pid = self._pick(data, [p.id for p in scenario.positions])
        if not scenario.teams or data.draw(st.booleans()):
            tid = self._fresh("t")
            self._do(lambda: E.add_team(self.doc, Team(id=tid, name=name, sponsor_id=pid)))
            return
        tid = self._pick(data, [t.id for t in scenario.teams])
        op = data.draw(st.sampled_from(["add", "remove_member", "remove"]))
        if op == "add":
            self._do(lambda: E.add_team_member(self.doc, tid, pid))
        elif op == "remove_member":
            self._do(lambda: E.remove_team_member(self.doc, tid, pid))
        else:
            self._do(lambda: E.remove_team(self.doc, tid))

    @rule(data=st.data(), name=names, role=st.sampled_from([*RaciRole, None]))
    def raci_ops(self, data, name, role):
        scenario = self._scenario()
        if not scenario.processes or data.draw(st.booleans()):
            prid = self._fresh("pr")
            self._do(lambda: E.add_process(self.doc, Process(id=prid, name=name)))
            return
        prid = self._pick(data, [p.id for p in scenario.processes])
        party = self._pick(data, [p.id for p in scenario.positions])
        op = data.draw(st.sampled_from(["set", "move", "rename", "remove"]))
        if op == "set":
            self._do(lambda: E.set_raci(self.doc, prid, party, role))
        elif op == "move":
            self._do(lambda: E.move_process(self.doc, prid, data.draw(st.integers(0, 5))))
        elif op == "rename":
            self._do(lambda: E.rename_process(self.doc, prid, name))
        else:
            self._do(lambda: E.remove_process(self.doc, prid))

    @rule(data=st.data(), text=names, x=st.floats(-1e4, 1e4))
    def note_ops(self, data, text, x):
        scenario = self._scenario()
        pid = self._pick(data, [p.id for p in scenario.positions])
        if not scenario.notes or data.draw(st.booleans()):
            nid = self._fresh("n")
            self._do(lambda: E.add_note(self.doc, Note(id=nid, text=text, attached_to=pid)))
            return
        nid = self._pick(data, [n.id for n in scenario.notes])
        if data.draw(st.booleans()):
            self._do(lambda: E.change_note(self.doc, nid, text=text, x=x))
        else:
            self._do(lambda: E.remove_note(self.doc, nid))

    @rule(data=st.data())
    def view_ops(self, data):
        pid = self._pick(data, [p.id for p in self._scenario().positions])
        if data.draw(st.booleans()):
            self._do(lambda: E.toggle_collapsed(self.doc, pid))
        else:
            offsets = {**self._scenario().view.offsets, pid: (1.5, -2.0)}
            self._do(lambda: E.change_view(self.doc, offsets=offsets, orientation="inverted"))

    @rule(data=st.data(), name=names)
    def scenario_ops(self, data, name):
        op = data.draw(st.sampled_from(["copy", "rename", "switch", "remove"]))
        sid = self._pick(data, [s.id for s in self.doc.scenarios])
        if op == "copy":
            self._do(lambda: E.add_scenario_copy(self.doc, sid, name or "To-be"))
        elif op == "rename":
            self._do(lambda: E.rename_scenario(self.doc, sid, name or "Renamed"))
        elif op == "switch":
            self._do(lambda: E.set_active_scenario(self.doc, sid))
        else:
            self._do(lambda: E.remove_scenario(self.doc, sid))

    # -- invariants ----------------------------------------------------------------------
    @invariant()
    def hierarchy_stays_a_forest(self):
        for scenario in self.doc.scenarios:
            graph = OrgGraph(scenario)
            assert not graph.has_cycle()
            assert not graph.dangling
            assert not graph.extra_managers

    @invariant()
    def document_stays_valid(self):
        OrgDocument.model_validate(self.doc.model_dump())

    def teardown(self):
        after = self.doc.model_dump()
        redos = [inverse.apply(self.doc) for inverse in reversed(self.undos)]
        assert self.doc.model_dump() == self.start
        for redo in reversed(redos):
            redo.apply(self.doc)
        assert self.doc.model_dump() == after


EditMachine.TestCase.settings = settings(
    max_examples=50, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestEditUndoRedo = EditMachine.TestCase
