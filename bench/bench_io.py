"""Benchmark the files layer: CSV import, .orgchart save and load, OrgGraph build.

Also CSV export and GraphML export and import (no budget: shown for reference).

Budgets (issue 2, a 2-core machine): 100k positions load <= 2 s, save <= 2 s, CSV import
<= 3 s. For each size it prints the median wall time of several runs, the median CPU time
of the same runs (the two differ when other work shares the machine), and the peak memory
the operation allocates (tracemalloc, in a separate untimed run).

    python bench/bench_io.py [--sizes 1000,20000,100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from orgdesigner.io.csv import export_csv, import_csv
from orgdesigner.io.graphml import export_graphml, import_graphml
from orgdesigner.io.native import load, save
from orgdesigner.model.graph import OrgGraph
from orgdesigner.model.synthetic import generate_org

BUDGETS = {("load", 100_000): 2.0, ("save", 100_000): 2.0, ("csv import", 100_000): 3.0}


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds) over ``runs`` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        result = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        del result
    return statistics.median(walls), statistics.median(cpus)


def peak_mib(fn: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    result = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return peak / 2**20


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,20000,100000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", default="", help="comma-separated operation names to run")
    args = ap.parse_args()
    busy = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, median of {args.runs} "
          "runs; peak = memory allocated by the operation (tracemalloc)")
    print(f"load average {busy:.1f} at start: with more runnable processes than cores, wall "
          "time exceeds CPU time and the CPU column is the idle-machine estimate")
    print(f"{'positions':>9}  {'operation':<12} {'wall s':>7} {'cpu s':>7} {'peak MiB':>9}"
          f"  {'size':>9}  budget")
    over = False
    with tempfile.TemporaryDirectory(prefix="orgdesigner-bench-io-") as tmp:
        folder = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            doc = generate_org(size, seed=2026)
            native = folder / f"org-{size}.orgchart"
            table = folder / f"org-{size}.csv"
            save(doc, native)
            export_csv(doc, table)
            scenario = doc.scenario()
            graph_file = folder / f"org-{size}.graphml"
            export_graphml(doc, graph_file)
            operations: list[tuple[str, Callable[[], object], Path | None]] = [
                ("csv import", lambda t=table: import_csv(t), table),
                ("save", lambda d=doc, p=native: save(d, p), native),
                ("load", lambda p=native: load(p), native),
                ("OrgGraph", lambda s=scenario: OrgGraph(s), None),
                ("csv export", lambda d=doc, t=table: export_csv(d, t), table),
                ("graphml exp", lambda d=doc, g=graph_file: export_graphml(d, g), graph_file),
                ("graphml imp", lambda g=graph_file: import_graphml(g), graph_file),
            ]
            wanted = {w.strip() for w in args.only.split(",") if w.strip()}
            for name, fn, path in operations:
                if wanted and name not in wanted:
                    continue
                wall, cpu = timed(fn, args.runs)
                peak = peak_mib(fn)
                budget = BUDGETS.get((name, size))
                verdict = ""
                if budget is not None:
                    ok = wall <= budget
                    over |= not ok
                    verdict = f"<= {budget:.0f} s {'ok' if ok else 'OVER'}"
                shown = f"{path.stat().st_size / 2**20:7.1f} MB" if path else ""
                print(f"{size:>9,}  {name:<12} {wall:7.2f} {cpu:7.2f} {peak:9.0f}  "
                      f"{shown:>9}  {verdict}", flush=True)
            del doc, scenario, operations
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
