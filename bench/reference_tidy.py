"""Machine calibration for the layout budget: a plain Python Buchheim tree layout.

Issue 3 states its budget (a full layout of 100k positions <= 1 s) next to two reference
figures from the machine it was written on: d3-hierarchy's ``tree()`` lays out the same
100k tree in about 50 ms in Node, and a plain Python Buchheim in about 0.27 s. This script
times that plain Buchheim (unit-size nodes, no text, no boxes, no connectors: the textbook
algorithm of Buchheim, Juenger and Leipert, 2002, in the object-per-node form that most
Python write-ups use) on the tree our bench lays out, so the budget can be read against the
speed of the machine at hand. ``reference_d3.mjs`` does the same for d3-hierarchy.

    python bench/reference_tidy.py [--size 100000] [--runs 5] [--export tree.json]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time

sys.setrecursionlimit(100_000)


class Node:
    """One node of the drawing, with Buchheim's bookkeeping."""

    def __init__(self, children: dict[str, list[str]], name: str, parent: Node | None = None,
                 depth: int = 0, number: int = 1) -> None:
        self.name = name
        self.x = -1.0
        self.y = depth
        self.children = [Node(children, c, self, depth + 1, i + 1)
                         for i, c in enumerate(children.get(name, ()))]
        self.parent = parent
        self.thread: Node | None = None
        self.mod = 0.0
        self.ancestor = self
        self.change = self.shift = 0.0
        self.leftmost: Node | None = None
        self.number = number

    def left(self) -> Node | None:
        return self.thread or (self.children[0] if self.children else None)

    def right(self) -> Node | None:
        return self.thread or (self.children[-1] if self.children else None)

    def left_brother(self) -> Node | None:
        if self.parent is None or self.number == 1:
            return None
        return self.parent.children[self.number - 2]

    def leftmost_sibling(self) -> Node | None:
        if self.parent is None or self is self.parent.children[0]:
            return None
        return self.parent.children[0]


def first_walk(v: Node, distance: float = 1.0) -> None:
    if not v.children:
        w = v.left_brother()
        v.x = w.x + distance if w is not None else 0.0
        return
    default_ancestor = v.children[0]
    for w in v.children:
        first_walk(w, distance)
        default_ancestor = apportion(w, default_ancestor, distance)
    execute_shifts(v)
    midpoint = (v.children[0].x + v.children[-1].x) / 2
    w = v.left_brother()
    if w is not None:
        v.x = w.x + distance
        v.mod = v.x - midpoint
    else:
        v.x = midpoint


def apportion(v: Node, default_ancestor: Node, distance: float) -> Node:
    w = v.left_brother()
    if w is None:
        return default_ancestor
    vir = vor = v
    vil = w
    vol = v.leftmost_sibling()
    assert vol is not None
    sir = sor = v.mod
    sil, sol = vil.mod, vol.mod
    while vil.right() is not None and vir.left() is not None:
        vil, vir = vil.right(), vir.left()
        vol, vor = vol.left(), vor.right()
        vor.ancestor = v
        shift = (vil.x + sil) - (vir.x + sir) + distance
        if shift > 0:
            a = vil.ancestor if vil.ancestor.parent is v.parent else default_ancestor
            move_subtree(a, v, shift)
            sir += shift
            sor += shift
        sil += vil.mod
        sir += vir.mod
        sol += vol.mod
        sor += vor.mod
    if vil.right() is not None and vor.right() is None:
        vor.thread = vil.right()
        vor.mod += sil - sor
    else:
        if vir.left() is not None and vol.left() is None:
            vol.thread = vir.left()
            vol.mod += sir - sol
        default_ancestor = v
    return default_ancestor


def move_subtree(wl: Node, wr: Node, shift: float) -> None:
    subtrees = wr.number - wl.number
    wr.change -= shift / subtrees
    wr.shift += shift
    wl.change += shift / subtrees
    wr.x += shift
    wr.mod += shift


def execute_shifts(v: Node) -> None:
    shift = change = 0.0
    for w in reversed(v.children):
        w.x += shift
        w.mod += shift
        change += w.change
        shift += w.shift + change


def second_walk(v: Node, m: float = 0.0) -> None:
    v.x += m
    for w in v.children:
        second_walk(w, m + v.mod)


def buchheim(children: dict[str, list[str]], root: str) -> Node:
    tree = Node(children, root)
    first_walk(tree)
    second_walk(tree)
    return tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--export",
                        help="write the tree as [id, manager] rows for reference_d3.mjs")
    args = parser.parse_args(argv)
    from orgdesigner.layout.forest import forest_of, index_tree
    from orgdesigner.model.synthetic import generate_org

    by_index = index_tree(generate_org(args.size, seed=2026).scenario())
    forest = forest_of(by_index)
    if args.export:  # level by level: every manager before its reports, in their order
        ids = by_index.ids
        with open(args.export, "w", encoding="utf-8") as out:
            json.dump([[ids[i], forest.manager.get(ids[i])]
                       for level in by_index.levels for i in level], out)
    root = forest.roots[0]
    times = []
    for _ in range(args.runs):
        gc.disable()
        start = time.process_time()
        tree = buchheim(forest.children, root)
        times.append(time.process_time() - start)
        del tree
        gc.enable()
        gc.collect()
    print(f"plain Python Buchheim, {args.size:,} nodes: median {statistics.median(times):.3f} s "
          f"CPU of {args.runs} runs (the issue's reference machine: about 0.27 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
