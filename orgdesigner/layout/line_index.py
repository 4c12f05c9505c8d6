"""What an edit changed in a scenario's lists, found without reading all of them.

An edit swaps, inserts or removes a few items of ``scenario.positions`` or
``scenario.lines`` (items are frozen values: a changed item is a new object). Comparing
the list with a copy taken before the edit finds the one stretch where they differ
(``diff_window``): the equal ends are compared in slices, in C, and only the stretch in
between is looked at in Python.

``LineIndex`` keeps the reporting lines by position id with an order key for each (keys
grow along the list), and brings itself up to date after an edit from that stretch alone:
"the solid lines into p7, first one first" or "p2's reports in line order" are then
answered from the few lines that name a position instead of a scan of every line.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter
from typing import Any

from orgdesigner.model.document import ReportingLine

__all__ = ["LineIndex", "diff_window"]

_CHUNK = 2048


def diff_window(old: Sequence[Any], new: Sequence[Any]) -> tuple[int, int, int]:
    """``(start, old_end, new_end)``: ``old[:start]`` and ``new[:start]`` hold the same
    items, and so do ``old[old_end:]`` and ``new[new_end:]``; everything that changed lies
    in ``old[start:old_end]`` / ``new[start:new_end]``. Items are compared in slices
    (equal values count as the same); the ends of the stretch are found by identity."""
    if type(old) is not type(new):  # a list slice never equals a tuple slice
        old, new = list(old), list(new)
    n = min(len(old), len(new))
    start = 0
    while start < n:
        stop = min(start + _CHUNK, n)
        if old[start:stop] != new[start:stop]:
            while start < stop and old[start] is new[start]:
                start += 1
            break
        start = stop
    room = n - start  # the common end may not overlap the common start
    tail = 0
    len_old, len_new = len(old), len(new)
    while tail < room:
        step = min(_CHUNK, room - tail)
        if old[len_old - tail - step:len_old - tail] != new[len_new - tail - step:len_new - tail]:
            end = tail + step
            while tail < end and old[len_old - tail - 1] is new[len_new - tail - 1]:
                tail += 1
            break
        tail += step
    return start, len_old - tail, len_new - tail


class LineIndex:
    """A scenario's reporting lines by the positions they name, in document order."""

    def __init__(self, lines: Sequence[ReportingLine]) -> None:
        self.lines: list[ReportingLine] = list(lines)  # the list as last seen
        # id(line) -> order key, growing along the list
        self.key: dict[int, float] = dict(zip(map(id, self.lines),
                                              map(float, range(len(self.lines))), strict=True))
        self.by_id: dict[str, list[ReportingLine]] = {}  # lines naming a position
        by_id = self.by_id
        get = by_id.get
        for line, m, r in zip(self.lines, map(attrgetter("manager_id"), self.lines),
                              map(attrgetter("report_id"), self.lines), strict=True):
            found = get(m)
            if found is None:
                by_id[m] = [line]
            else:
                found.append(line)
            if r != m:
                found = get(r)
                if found is None:
                    by_id[r] = [line]
                else:
                    found.append(line)
        key = self.key
        #: The same line object twice in the list: the index cannot tell them apart.
        self.broken = len(key) != len(self.lines)

    def _add(self, line: ReportingLine) -> None:
        by_id = self.by_id
        m, r = line.manager_id, line.report_id
        found = by_id.get(m)
        if found is None:
            by_id[m] = [line]
        else:
            found.append(line)
        if r != m:
            found = by_id.get(r)
            if found is None:
                by_id[r] = [line]
            else:
                found.append(line)

    def _drop(self, line: ReportingLine) -> None:
        for pid in {line.manager_id, line.report_id}:
            found = self.by_id[pid]
            for i, other in enumerate(found):
                if other is line:
                    del found[i]
                    break
            else:
                raise KeyError(pid)
            if not found:
                del self.by_id[pid]

    def lines_of(self, pid: str) -> list[ReportingLine]:
        """The lines naming ``pid`` (as manager or report), in document order."""
        found = self.by_id.get(pid)
        if not found:
            return []
        key = self.key
        return sorted(found, key=lambda line: key[id(line)])

    def update(self, lines: Sequence[ReportingLine]
               ) -> tuple[list[ReportingLine], list[ReportingLine]] | None:
        """Follow the list to ``lines``; returns the lines added and the lines removed
        (a line that moved within the list counts as both), or None when the index
        cannot follow (the same object twice, or an equal copy of a line in place of the
        one the index knows): build a new one then."""
        if self.broken:
            return None
        try:
            return self._update(lines)
        except KeyError:
            self.broken = True
            return None

    def _update(self, lines: Sequence[ReportingLine]
                ) -> tuple[list[ReportingLine], list[ReportingLine]] | None:
        old = self.lines
        start, old_end, new_end = diff_window(old, lines)
        gone = old[start:old_end]
        came = list(lines[start:new_end])
        gone_ids = {id(line) for line in gone}
        came_ids = {id(line) for line in came}
        if len(gone_ids) != len(gone) or len(came_ids) != len(came):
            self.broken = True
            return None
        kept_old = [line for line in gone if id(line) in came_ids]
        kept_new = [line for line in came if id(line) in gone_ids]
        key = self.key
        if any(a is not b for a, b in zip(kept_old, kept_new, strict=True)):
            kept_ids = _in_order(kept_new, key)  # reordered: the rest counts as moved
        else:
            kept_ids = gone_ids & came_ids
        removed = [line for line in gone if id(line) not in kept_ids]
        added = [line for line in came if id(line) not in kept_ids]
        for line in removed:
            del key[id(line)]
            self._drop(line)
        low = key[id(lines[start - 1])] if start > 0 else None
        high = key[id(lines[new_end])] if new_end < len(lines) else None
        if added and not self._number(came, kept_ids, low, high):
            self._renumber(lines, added)
        for line in added:
            self._add(line)
        self.lines = list(lines)
        if len(key) != len(self.lines):
            self.broken = True  # a line object already in the list was inserted again
            return None
        return added, removed

    def _number(self, came: list[ReportingLine], kept_ids: set[int], low: float | None,
                high: float | None) -> bool:
        """Keys for the new lines of the stretch, spread between their neighbours' keys;
        False when the floats between two neighbours have run out."""
        key = self.key
        run: list[ReportingLine] = []
        prev = low
        for line in [*came, None]:
            if line is not None and id(line) not in kept_ids:
                run.append(line)
                continue
            if run:
                after = high if line is None else key[id(line)]
                if prev is None:
                    prev = (0.0 if after is None else after) - len(run) - 1
                if after is None:
                    after = prev + len(run) + 1
                step = (after - prev) / (len(run) + 1)
                last = prev
                for i, item in enumerate(run, start=1):
                    value = prev + step * i
                    if not last < value < after:
                        return False
                    key[id(item)] = value
                    last = value
                run = []
            if line is not None:
                prev = key[id(line)]
        return True

    def _renumber(self, lines: Sequence[ReportingLine], added: list[ReportingLine]) -> None:
        """Fresh keys for every line (after many inserts at one place)."""
        key = self.key
        new = {id(line) for line in added}
        for line in lines:  # every other line must be one the index knows
            if id(line) not in new and id(line) not in key:
                raise KeyError(id(line))
        for i, line in enumerate(lines):
            key[id(line)] = float(i)


def _in_order(lines: list[ReportingLine], key: dict[int, float]) -> set[int]:
    """The ids of a longest run of ``lines`` whose keys still grow (patience sorting):
    the lines that kept their order when others moved around them."""
    tails: list[float] = []  # the smallest last key of a growing run of each length
    ends: list[int] = []  # ... and where that run ends
    before: list[int] = []  # the line before each one in its run
    for i, line in enumerate(lines):
        k = key[id(line)]
        j = bisect_left(tails, k)
        if j == len(tails):
            tails.append(k)
            ends.append(i)
        else:
            tails[j] = k
            ends[j] = i
        before.append(ends[j - 1] if j > 0 else -1)
    out: set[int] = set()
    i = ends[-1] if ends else -1
    while i >= 0:
        out.add(id(lines[i]))
        i = before[i]
    return out
