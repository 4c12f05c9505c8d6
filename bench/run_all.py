"""OrgDesigner against Graphviz ``dot``: one table for every size (``make bench``).

On the same generated organisations (fixed seed) it measures OrgDesigner's CSV import,
layout, checks, PDF export and canvas open, and ``dot -Tpdf`` on the same chart, each step
in a fresh process (so peak memory is that step's own) under a time limit, and prints the
median of several runs, the peak memory and how many times faster OrgDesigner's PDF
export is than ``dot``. Graphviz is installed from the system's package manager when
missing (skipped, with a message, when that is not possible).

Usage: python bench/run_all.py [--sizes 1000,5000,20000,100000] [--runs 3]
                               [--large-runs 1] [--limit 300] [--write bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STEPS = ("import", "layout", "checks", "pdf", "canvas", "dot")
SEED = 2026


# -- one step, measured in this (child) process ---------------------------------------------
def _prepare(size: int, workdir: Path) -> dict[str, Path]:
    """Write the generated org once per size: .orgchart, .csv and .dot."""
    from orgdesigner.io.csv import export_csv
    from orgdesigner.io.native import save
    from orgdesigner.model.synthetic import generate_org

    paths = {ext: workdir / f"org-{size}.{ext}" for ext in ("orgchart", "csv", "dot")}
    if all(p.exists() for p in paths.values()):
        return paths
    doc = generate_org(size, seed=SEED)
    save(doc, paths["orgchart"])
    export_csv(doc, paths["csv"])
    paths["dot"].write_text(_to_dot(doc), encoding="utf-8")
    return paths


def _to_dot(doc) -> str:
    """The same chart for Graphviz: one record-like box per position, solid lines."""
    scenario = doc.scenario()

    def quote(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', '\\"')

    out = ["digraph org {", '  node [shape=box, fontname="DejaVu Sans", fontsize=9];']
    for p in scenario.positions:
        out.append(f'  "{quote(p.id)}" [label="{quote(p.holder or "Vacant")}\\n'
                   f'{quote(p.title)}"];')
    for line in scenario.lines:
        if line.kind == "solid":
            out.append(f'  "{quote(line.manager_id)}" -> "{quote(line.report_id)}";')
    out.append("}")
    return "\n".join(out) + "\n"


def _run_step(step: str, size: int, workdir: Path) -> float:
    """Run one step once and return the seconds it took (in this process)."""
    paths = _prepare(size, workdir)
    if step == "import":
        from orgdesigner.io.csv import import_csv

        start = time.perf_counter()
        import_csv(paths["csv"])
        return time.perf_counter() - start
    from orgdesigner.io.native import load

    doc = load(paths["orgchart"])
    if step == "layout":
        from orgdesigner.layout import layout_scenario

        start = time.perf_counter()
        layout_scenario(doc.scenario(), "classic")
        return time.perf_counter() - start
    if step == "checks":
        from orgdesigner.checks.report import run_checks
        from orgdesigner.metrics.summary import org_stats

        start = time.perf_counter()
        run_checks(doc)
        org_stats(doc.scenario())
        return time.perf_counter() - start
    if step == "pdf":
        from orgdesigner.render.options import FitMode, PdfOptions
        from orgdesigner.render.pdf import export_pdf

        start = time.perf_counter()
        export_pdf(doc, workdir / f"org-{size}.pdf", PdfOptions(fit=FitMode.TILE))
        return time.perf_counter() - start
    raise ValueError(step)


# -- the parent: fresh processes, medians, the table -----------------------------------------
def _measure(step: str, size: int, workdir: Path, limit: float) -> tuple[float, float] | str:
    """(seconds, peak MB) of one run in a fresh process, or a short reason it has none."""
    if step == "dot":
        cmd = ["dot", "-Tpdf", str(workdir / f"org-{size}.dot"), "-o",
               str(workdir / f"org-{size}-dot.pdf")]
    elif step == "canvas":
        cmd = [sys.executable, "-m", "orgdesigner", str(workdir / f"org-{size}.orgchart"),
               "--screenshot", str(workdir / f"org-{size}.png")]
    else:
        cmd = [sys.executable, __file__, "--child", step, "--size", str(size),
               "--workdir", str(workdir)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    wrapper = [sys.executable, "-c", _RUSAGE_WRAPPER, *cmd]
    start = time.perf_counter()
    # A session of its own, so that a run over the limit is stopped with everything it
    # started (a ``dot`` left running would share the cores with every later step).
    with subprocess.Popen(wrapper, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=env, start_new_session=True) as proc:
        try:
            stdout, stderr = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return f"> {limit:.0f} s"
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        return "failed: " + (stderr.strip().splitlines() or ["?"])[-1][:60]
    report = json.loads(stdout.strip().splitlines()[-1])
    seconds = report.get("step_seconds") or wall
    return seconds, report["peak_mb"]


# Runs a command and prints its peak memory (and, for our own steps, the step's seconds).
_RUSAGE_WRAPPER = r"""
import json, resource, subprocess, sys
r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(r.stderr)
if r.returncode:
    sys.exit(r.returncode)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
out = {"peak_mb": peak}
for line in r.stdout.splitlines():
    if line.startswith("STEP_SECONDS "):
        out["step_seconds"] = float(line.split()[1])
print(json.dumps(out))
"""


def _ensure_dot() -> bool:
    if shutil.which("dot"):
        return True
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("Graphviz is missing: installing it with apt-get...", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "-qq", "graphviz"], capture_output=True)
    if shutil.which("dot"):
        return True
    print("Graphviz 'dot' is not installed and cannot be installed here: its column is "
          "skipped.", file=sys.stderr)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large-runs", type=int, default=1,
                        help="runs at 100k positions and above")
    parser.add_argument("--limit", type=float, default=300.0, help="seconds per run")
    parser.add_argument("--steps", default=",".join(STEPS))
    parser.add_argument("--write", type=Path, help="also write the table to this Markdown file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(f"STEP_SECONDS {_run_step(args.child, args.size, args.workdir):.6f}")
        return 0

    sizes = [int(s) for s in args.sizes.split(",")]
    steps = [s for s in args.steps.split(",") if s in STEPS]
    if "dot" in steps and not _ensure_dot():
        steps.remove("dot")
    rows: list[tuple[int, str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="orgdesigner-bench-") as tmp:
        workdir = Path(tmp)
        for size in sizes:
            _prepare(size, workdir)
            medians: dict[str, float] = {}
            for step in steps:
                runs = args.large_runs if size >= 100_000 else args.runs
                if step == "dot" and size >= 20000:
                    runs = 1
                results = [_measure(step, size, workdir, args.limit) for _ in range(runs)]
                good = [r for r in results if isinstance(r, tuple)]
                if not good:
                    rows.append((size, step, str(results[0]), "", ""))
                    print(f"{size:>7} {step:<7} {results[0]}", file=sys.stderr)
                    if step == "dot":
                        medians["dot"] = float("inf")
                    continue
                median = statistics.median(r[0] for r in good)
                peak = max(r[1] for r in good)
                medians[step] = median
                rows.append((size, step, f"{median:.2f}", f"{peak:.0f}", ""))
                print(f"{size:>7} {step:<7} {median:8.2f} s {peak:7.0f} MB", file=sys.stderr)
            if "dot" in medians and "pdf" in medians:
                dot = medians["dot"]
                ratio = ("dot did not finish" if dot == float("inf")
                         else f"{dot / medians['pdf']:.1f}x faster")
                rows = [(s, st, m, p, ratio if (s == size and st == "pdf") else r)
                        for s, st, m, p, r in rows]
    table = _table(rows, args.runs)
    print(table)
    if args.write:
        args.write.write_text(table, encoding="utf-8")
    return 0


def _table(rows, runs: int) -> str:
    cpu = platform.processor() or platform.machine()
    head = [
        "# OrgDesigner benchmark results",
        "",
        f"Machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}. Median of {runs} runs (1 run at 100k, "
        "and for dot from 20k); each step in a fresh process, so times include its own "
        "start-up work (first font and template loads), and peak memory is that process's "
        "resident set.",
        "Steps: CSV import, classic layout, all checks and metrics, PDF export (tile), "
        "canvas open (window shown and painted, offscreen), and Graphviz `dot -Tpdf` on the "
        "same chart.",
        "",
        "| positions | step | median s | peak MB | PDF vs dot |",
        "|---:|---|---:|---:|---|",
    ]
    body = [f"| {s:,} | {st} | {m} | {p} | {r} |" for s, st, m, p, r in rows]
    return "\n".join(head + body) + "\n"


if __name__ == "__main__":
    sys.exit(main())
