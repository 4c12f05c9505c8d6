"""Benchmark: PDF export of big organisations, end to end (layout + paint + write).

Budgets (issue 6): 20,000 positions in ``tile`` and ``divisions`` <= 5 s; 100,000 <= 30 s
on a 2-core machine. Each case runs in a fresh process several times; prints the median
wall time of ``export_pdf`` (the synthetic org is generated before the clock starts), the
pages, the file size and the peak resident memory of the process (getrusage). The CPU
time is printed too (on a shared machine it says more than the wall time), with the CPU
time of laying out the whole chart alone: the rest is the render's (painting, pages,
index, saving).

    python bench/bench_pdf.py [--runs 3] [--cases 20000:tile,20000:divisions,100000:tile]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

DEFAULT_CASES = "20000:tile,20000:divisions,20000:page,100000:tile,100000:divisions"


def one_run(size: int, fit: str, out: str) -> dict[str, float]:
    import resource

    from orgdesigner.model.synthetic import generate_org
    from orgdesigner.render.options import FitMode, PdfOptions
    from orgdesigner.render.pdf import _EngineLayout, export_pdf

    doc = generate_org(size, seed=1)
    t0, c0 = time.perf_counter(), time.process_time()
    result = export_pdf(doc, out, PdfOptions(fit=FitMode(fit)))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB (Linux)
    # the layout of the whole chart alone (after the export, so the peak memory above is
    # the export's): the render's share is the export minus this
    c1 = time.process_time()
    _EngineLayout()(doc.scenario())
    layout_cpu = time.process_time() - c1
    return {"seconds": seconds, "cpu": cpu, "pages": result.pages, "bytes": os.path.getsize(out),
            "peak_rss_mib": rss, "layout_cpu": layout_cpu}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cases", default=DEFAULT_CASES)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        size, fit, out = args.child.split(":", 2)
        print(json.dumps(one_run(int(size), fit, out)))
        return
    print(f"PDF export, median of {args.runs} runs (fresh process each), cpus={os.cpu_count()}")
    with tempfile.TemporaryDirectory() as tmp:
        for case in args.cases.split(","):
            size, fit = case.split(":")
            runs = []
            for _ in range(args.runs):
                out = os.path.join(tmp, f"{size}-{fit}.pdf")
                proc = subprocess.run(
                    [sys.executable, __file__, "--child", f"{size}:{fit}:{out}"],
                    capture_output=True, text=True, check=True)
                runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
            seconds = statistics.median(r["seconds"] for r in runs)
            last = runs[-1]
            cpu = statistics.median(r["cpu"] for r in runs)
            layout = statistics.median(r["layout_cpu"] for r in runs)
            print(f"{int(size):>7,} positions  fit={fit:<9}  {seconds:6.2f} s median "
                  f"(min {min(r['seconds'] for r in runs):.2f}, CPU {cpu:.2f} of which "
                  f"layout {layout:.2f})  "
                  f"{last['pages']:>5} pages  "
                  f"{last['bytes'] / 2**20:6.1f} MiB  peak RSS "
                  f"{max(r['peak_rss_mib'] for r in runs):6.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
