"""Benchmark: all balance checks and metrics on a large org, and re-checking after an edit.

Budgets (issue 5): every check and metric on 100,000 positions <= 1 s; re-check after a
single edit on 20,000 positions <= 100 ms, measured from scratch (``run_checks``) and as
the window can do it (``CheckSession``, which reuses what the edit left alone). Prints the
median of several runs, as wall-clock time and as the CPU time of this process (which
other busy processes on a shared machine do not inflate), and the peak memory the run
allocates (tracemalloc, measured in a separate run so it does not slow the timed ones).

    python bench/bench_checks.py [--size 100000] [--edit-size 20000] [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable

from orgdesigner.checks.report import run_checks
from orgdesigner.checks.session import CheckSession
from orgdesigner.metrics.hierarchy import LazyOrgGraph
from orgdesigner.metrics.summary import org_stats
from orgdesigner.model import edits
from orgdesigner.model.document import Scenario
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.synthetic import generate_org


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds) over ``runs`` calls."""
    wall, cpu = [], []
    for _ in range(runs):
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def peak_mib(fn: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def everything(scenario: Scenario) -> None:
    """What the app does after a change: one graph, every check, every metric."""
    graph = LazyOrgGraph(scenario)
    run_checks(scenario, graph=graph)
    org_stats(graph)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--edit-size", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    bench_large(args.size, args.runs)
    bench_edit(args.edit_size, args.runs)


def bench_large(size: int, runs: int) -> None:
    """Every check and metric on one large org, from its scenario."""
    doc = generate_org(size, seed=1)
    scenario = doc.scenario()
    print(f"org: {len(scenario.positions):,} positions")
    _, nx_cpu = timed(lambda: OrgGraph(scenario), runs)
    print(f"  {'(yardstick) networkx OrgGraph build':<38} {nx_cpu:.3f} s CPU")
    for label, fn in (("all checks", lambda: run_checks(scenario)),
                      ("all metrics", lambda: org_stats(scenario))):
        wall, cpu = timed(fn, runs)
        print(f"  {label:<38} median {wall:.3f} s wall, {cpu:.3f} s CPU")
    wall, cpu = timed(lambda: everything(scenario), runs)
    verdict = "OK" if min(wall, cpu) <= 1.0 else "OVER BUDGET"
    print(f"  {'checks + metrics, one graph':<38} median {wall:.3f} s wall, {cpu:.3f} s CPU"
          f"  [budget 1 s: {verdict}]")
    print(f"  {'':<38} = {cpu / nx_cpu:.2f} x the networkx build of the same org")
    print(f"  peak memory, checks + metrics:       {peak_mib(lambda: everything(scenario)):.0f}"
          " MiB")
    report = run_checks(scenario)
    print(f"  findings: {len(report.findings):,} ({dict(report.counts)})")



def bench_edit(size: int, runs: int) -> None:
    """Single edits on a mid-size org, each applied and then re-checked: from scratch
    (``run_checks``) and as the window does it (a ``CheckSession``, reusing the graph)."""
    small = generate_org(size, seed=2)
    s = small.scenario()
    _, nx_cpu = timed(lambda: OrgGraph(s), runs)
    print(f"org: {len(s.positions):,} positions, {runs * 4} single edits (reassign manager), "
          f"each applied then re-checked:")
    session = CheckSession()
    for label, check in (("edit + full re-check", lambda: run_checks(small)),
                         ("edit + re-check (CheckSession)", lambda: session.check(small))):
        check()
        movers = [p.id for p in s.positions[-runs * 4:]]
        targets = [p.id for p in s.positions[10:10 + len(movers)]]
        wall, cpu = [], []
        for mover, target in zip(movers, targets, strict=True):
            edit = edits.reassign_manager(small, mover, target)
            gc.collect()
            t0, c0 = time.perf_counter(), time.process_time()
            undo = edit.apply(small)
            check()
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            undo.apply(small)  # the next edit starts from the same org
            check()
        med_wall, med_cpu = statistics.median(wall), statistics.median(cpu)
        verdict = "OK" if min(med_wall, med_cpu) <= 0.1 else "OVER BUDGET"
        print(f"  {label:<38} median {med_wall * 1000:.0f} ms wall, "
              f"{med_cpu * 1000:.0f} ms CPU; worst {max(wall) * 1000:.0f} ms wall"
              f"  [budget 100 ms: {verdict}]")
        print(f"  {'':<38} = {med_cpu / nx_cpu:.2f} x the networkx build of the same org "
              f"({nx_cpu * 1000:.0f} ms CPU)")


if __name__ == "__main__":
    main()
