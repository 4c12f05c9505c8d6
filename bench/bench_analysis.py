"""The live analysis on big charts: what one edit costs the GUI thread, what runs on the
worker, and whether the window stays responsive while the worker runs.

For each size (a fresh process each, so peak RSS is that size's own):
- snapshot_ms: the scenario snapshot taken on the GUI thread when the debounce fires;
- checks_ms / metrics_ms: ``run_checks`` and ``org_stats`` (the workers' jobs);
- show_report_ms / show_stats_ms: filling the checks tree + badges, and the metrics dock;
- colour_ms: "colour by division" recomputed after a layout;
- max_gap_ms: the longest the GUI event loop went without running a 5 ms timer while the
  checks and metrics ran on their workers after one edit (what typing would feel);
- blocking_gap_ms: the same with both run on the GUI thread (no worker), for comparison.
Times are medians of several runs.

Usage: QT_QPA_PLATFORM=offscreen python bench/bench_analysis.py [--sizes 1000,20000]
       [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time

from benchkit import median_ms

SEED = 2026


def _max_gap_ms(app, window, threaded: bool) -> float:  # noqa: ANN001
    """Longest gap between 5 ms timer ticks while one edit's analysis runs."""
    from PySide6.QtCore import QTimer

    from orgdesigner.model.edits import change_position

    analysis = window.analysis
    jobs = (analysis.checks.job, analysis.metrics.job)
    for job in jobs:
        job.threaded = threaded
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    doc = window.controller.doc
    pid = doc.scenario().positions[len(doc.scenario().positions) // 2].id
    window.controller.apply(change_position(doc, pid, title="Edited title"))
    # Let the edit's other GUI work (relayout follow-ups, idle refreshes) and its own
    # debounced analysis finish first: the measured run is the analysis alone.
    settle_until = time.perf_counter() + 1.5
    while time.perf_counter() < settle_until or any(job.busy for job in jobs):
        app.processEvents()
        time.sleep(0.005)
    timer.start()
    ticks.append(time.perf_counter())
    for job in jobs:
        job.run_now()  # skip the 300 ms quiet time: measure the work itself
    deadline = time.perf_counter() + 60
    while any(job.busy for job in jobs) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    ticks.append(time.perf_counter())
    timer.stop()
    window.controller.undo_stack.undo()
    for job in jobs:
        job.wait()
        job.threaded = True
    gaps = [(b - a) * 1000 for a, b in zip(ticks, ticks[1:], strict=False)]
    return max(gaps, default=0.0)


def measure(size: int, runs: int) -> dict[str, float | int]:
    from PySide6.QtWidgets import QApplication

    from orgdesigner.checks.report import run_checks
    from orgdesigner.metrics.summary import org_stats
    from orgdesigner.model.synthetic import generate_org
    from orgdesigner.ui.background import scenario_snapshot
    from orgdesigner.ui.colouring import ColourMode
    from orgdesigner.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    doc = generate_org(size, seed=SEED)
    window = MainWindow(doc, with_files=False)
    window.resize(1400, 900)
    window.show()
    analysis = window.analysis
    for job in (analysis.checks.job, analysis.metrics.job):
        job.wait()
    app.processEvents()
    scenario = doc.scenario()
    snapshot = scenario_snapshot(scenario)
    report = run_checks(snapshot, doc.check_profile)
    stats = org_stats(snapshot)
    result: dict[str, float | int] = {
        "positions": size,
        "findings": len(report.findings),
        "snapshot_ms": median_ms(lambda: scenario_snapshot(scenario), runs),
        "checks_ms": median_ms(lambda: run_checks(snapshot, doc.check_profile), runs),
        "metrics_ms": median_ms(lambda: org_stats(snapshot), runs),
        "show_report_ms": median_ms(lambda: analysis.checks.show_report(report), runs),
        "show_stats_ms": median_ms(lambda: analysis.metrics.show_stats(stats), runs),
    }
    analysis.colour_by.set_mode(ColourMode.DIVISION)
    result["colour_ms"] = median_ms(analysis.colour_by.refresh, runs)
    analysis.colour_by.set_mode(ColourMode.PLAIN)
    result["max_gap_ms"] = statistics.median(_max_gap_ms(app, window, True)
                                             for _ in range(runs))
    result["blocking_gap_ms"] = statistics.median(_max_gap_ms(app, window, False)
                                                  for _ in range(max(1, runs // 2)))
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    window.close()
    return {k: round(v, 1) if isinstance(v, float) else v for k, v in result.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,20000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.runs)))
        return
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--runs",
                              str(args.runs)], capture_output=True, text=True, check=True)
        print(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
