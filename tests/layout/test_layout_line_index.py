"""LineIndex follows a list of reporting lines through random edits and answers exactly
what a scan of the whole list would; diff_window finds the stretch an edit changed."""

from __future__ import annotations

import random

import pytest

from orgdesigner.layout.line_index import LineIndex, diff_window
from orgdesigner.model.document import LineKind, ReportingLine

IDS = [f"p{i}" for i in range(40)]


def _line(rng: random.Random) -> ReportingLine:
    kind = LineKind.SOLID if rng.random() < 0.8 else LineKind.DOTTED
    return ReportingLine(manager_id=rng.choice(IDS), report_id=rng.choice(IDS), kind=kind)


def _edit(lines: list[ReportingLine], rng: random.Random) -> list[ReportingLine]:
    """A new list after one edit of the kinds the model makes (and some it never does)."""
    new = list(lines)
    what = rng.randrange(7)
    if what == 0 or not new:
        new.insert(rng.randrange(len(new) + 1), _line(rng))
    elif what == 1:
        del new[rng.randrange(len(new))]
    elif what == 2:
        new[rng.randrange(len(new))] = _line(rng)
    elif what == 3:  # move a line elsewhere (a reassignment: remove, insert later)
        line = new.pop(rng.randrange(len(new)))
        new.insert(rng.randrange(len(new) + 1), line)
    elif what == 4:  # many inserts at one place
        at = rng.randrange(len(new) + 1)
        new[at:at] = [_line(rng) for _ in range(rng.randrange(1, 6))]
    elif what == 5:  # swap two far apart
        i, j = rng.randrange(len(new)), rng.randrange(len(new))
        new[i], new[j] = new[j], new[i]
    else:  # a whole new list with most lines kept (removing a position)
        new = [ln for ln in new if rng.random() > 0.1]
    return new


def _check(index: LineIndex, lines: list[ReportingLine]) -> None:
    for pid in IDS:
        expected = [ln for ln in lines if pid in (ln.manager_id, ln.report_id)]
        got = index.lines_of(pid)
        assert len(got) == len(expected) and all(a is b for a, b in zip(got, expected,
                                                                         strict=True)), pid


@pytest.mark.parametrize("seed", range(6))
def test_index_follows_random_edits(seed):
    rng = random.Random(seed)
    lines = [_line(rng) for _ in range(60)]
    index = LineIndex(lines)
    followed = 0
    for _ in range(300):
        new = _edit(lines, rng)
        result = index.update(new)
        if result is None:  # it may give up (never wrongly): start again
            index = LineIndex(new)
        else:
            followed += 1
            added, removed = result
            before = {id(ln) for ln in lines}
            after = {id(ln) for ln in new}
            assert {id(ln) for ln in added} >= after - before
            assert {id(ln) for ln in removed} >= before - after
            assert {id(ln) for ln in added} <= after
            assert {id(ln) for ln in removed} <= before
        lines = new
        _check(index, lines)
    assert followed > 250


def test_inserting_at_one_place_again_and_again_renumbers():
    rng = random.Random(3)
    lines = [_line(rng) for _ in range(5)]
    index = LineIndex(lines)
    for _ in range(200):  # halves the gap between two keys every time
        lines = lines[:2] + [_line(rng)] + lines[2:]
        assert index.update(lines) is not None
    _check(index, lines)


def test_an_equal_copy_in_place_of_a_known_line_is_noticed():
    a = ReportingLine(manager_id="p1", report_id="p2")
    b = ReportingLine(manager_id="p1", report_id="p3")
    index = LineIndex([a, b])
    copy = a.model_copy()
    assert index.update([copy, b]) is not None  # equal values: nothing changed
    assert index.update([b]) is None  # the copy goes: the index cannot follow
    assert LineIndex([a, a]).broken


@pytest.mark.parametrize(("old", "new", "window"), [
    ([1, 2, 3, 4], [1, 2, 3, 4], (4, 4, 4)),
    ([1, 2, 3, 4], [1, 9, 3, 4], (1, 2, 2)),
    ([1, 2, 3, 4], [1, 2, 9, 3, 4], (2, 2, 3)),
    ([1, 2, 3, 4], [2, 3, 4], (0, 1, 0)),
    ([1, 1, 1], [1, 1], (2, 3, 2)),
    ([], [5], (0, 0, 1)),
])
def test_diff_window(old, new, window):
    objs = {v: object() for v in set(old) | set(new)}
    a = [objs[v] for v in old]
    b = [objs[v] for v in new]
    assert diff_window(a, b) == window
    start, old_end, new_end = window
    assert a[:start] == b[:start] and a[old_end:] == b[new_end:]


def test_diff_window_on_long_lists():
    items = [object() for _ in range(10_000)]
    changed = items[:7000] + [object()] + items[7001:]
    assert diff_window(items, changed) == (7000, 7001, 7001)
    assert diff_window(items, items[:3] + items[4:]) == (3, 4, 3)
    assert diff_window(items, tuple(items)) == (10_000, 10_000, 10_000)


def test_a_line_moved_far_counts_alone():
    rng = random.Random(9)
    lines = [_line(rng) for _ in range(500)]
    index = LineIndex(lines)
    moved = lines[:2] + lines[3:] + [lines[2]]  # one line from the start to the end
    added, removed = index.update(moved)
    assert added == [lines[2]] and removed == [lines[2]]
    _check(index, moved)
    back = [lines[2]] + moved[:-1]  # and on to the very start
    added, removed = index.update(back)
    assert added == [lines[2]] and removed == [lines[2]]
    _check(index, back)
