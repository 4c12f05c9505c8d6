"""The GUI's file work on big charts: autosave write, crash-recovery restore, Save, and
PNG/SVG export of the real canvas, at 1k / 20k / 100k positions.

Autosave writes on a worker thread; what the GUI thread pays is the snapshot (snapshot_ms).
autosave_ms is the whole write done synchronously. Each size runs in a fresh process (peak
RSS is that size's own, including the exports); times are the median of several runs.

Usage: QT_QPA_PLATFORM=offscreen python bench/bench_file_actions.py [--sizes 1000,20000,100000]
       [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchkit import median_ms

SEED = 2026


def _canvas_scene(controller):  # noqa: ANN001, ANN202 - optional, the canvas may be absent
    """The real canvas scene painting the document, or None when it is not available."""
    try:
        from orgdesigner.layout import layout_scenario
        from orgdesigner.ui.canvas.scene import ChartScene
    except ImportError:
        return None
    scene = ChartScene()
    scene.set_geometry(layout_scenario(controller.scenario))
    return scene


def _background_gap_ms(autosave, app) -> float:  # noqa: ANN001
    """The longest pause of the GUI thread's event loop during one background autosave."""
    done: list[bool] = []
    autosave.saved.connect(lambda _path: done.append(True))
    autosave.controller.mark_modified()
    autosave.save_in_background()
    gap = 0.0
    last = time.perf_counter()
    while not done:
        app.processEvents()
        time.sleep(0.002)
        now = time.perf_counter()
        gap = max(gap, now - last)
        last = now
    autosave.saved.disconnect()
    return gap * 1000


def measure(size: int, runs: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from orgdesigner.model.edits import change_position
    from orgdesigner.model.synthetic import generate_org
    from orgdesigner.ui.autosave import Autosave, find_orphans, snapshot_document
    from orgdesigner.ui.chart_image import render_png, render_svg
    from orgdesigner.ui.document import DocumentController

    app = QApplication.instance() or QApplication([])
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "recovery"
        controller = DocumentController(generate_org(size, seed=SEED))
        top = controller.scenario.positions[0].id
        controller.apply(change_position(controller.doc, top, holder="Bench Mark"))
        autosave = Autosave(controller, folder)
        out["autosave_ms"] = median_ms(autosave.save_now, runs)
        # What a background autosave costs the GUI thread: the snapshot it writes from, and
        # the longest the event loop waited while the worker wrote.
        out["snapshot_ms"] = median_ms(lambda: snapshot_document(controller.doc), runs)
        out["bg_gap_ms"] = statistics.median(
            _background_gap_ms(autosave, app) for _ in range(runs))
        out["recovery_kb"] = autosave.file_path.stat().st_size / 1024
        autosave._lock.unlock()  # noqa: SLF001 - as if the session had crashed

        def restore() -> None:
            (rec,) = find_orphans(folder)
            doc = rec.load()
            fresh = DocumentController()
            fresh.set_document(doc, rec.original_path)
            fresh.mark_modified()
            rec.release()

        out["restore_ms"] = median_ms(restore, runs)

        from orgdesigner.io.native import save

        target = Path(tmp) / "chart.orgchart"
        out["save_ms"] = median_ms(lambda: save(controller.doc, target), runs)

        scene = _canvas_scene(controller)
        if scene is not None:
            export_runs = max(1, runs // 2)
            out["png_ms"] = median_ms(lambda: render_png(scene), export_runs)
            out["png_kb"] = len(render_png(scene)) / 1024
            out["svg_ms"] = median_ms(lambda: render_svg(scene), export_runs)
            out["svg_kb"] = len(render_svg(scene)) / 1024
    del app
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,20000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.runs)))
        return 0

    columns = ("autosave_ms", "snapshot_ms", "bg_gap_ms", "recovery_kb", "restore_ms",
               "save_ms", "png_ms", "png_kb", "svg_ms", "svg_kb", "peak_rss_mb")
    print(f"{'size':>8} " + " ".join(f"{c:>12}" for c in columns))
    for size in (int(s) for s in args.sizes.split(",")):
        done = subprocess.run([sys.executable, __file__, "--one", str(size), "--runs",
                               str(args.runs)], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"{size:>8} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{size:>8} " + " ".join(
            f"{row[c]:>12.0f}" if c in row else f"{'-':>12}" for c in columns))
    return 0


if __name__ == "__main__":
    sys.exit(main())
