"""Canvas benchmark: open time, frame times and peak memory at 1k, 20k and 100k positions.

Each size runs in its own process (peak RSS is per process). "Open" is what a user waits
for: read the .orgchart file, build the window (layout, spatial index, outline, status
figures) and paint the first frame fitted to the window. Frames are full repaints of a
1600x1000 window's canvas at 100%, 10% and fit-all zoom (median of several), plus a pan
step at each zoom. Budgets (issue 4): 20k opens in <= 2 s, 100k in <= 10 s and <= 1 GB,
every frame < 16 ms.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_canvas.py [--sizes 1000,20000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FRAMES = 9


def _frame_ms(view, repeat: int = FRAMES) -> float:
    """Median time of a synchronous full repaint of the canvas viewport."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        view.viewport().repaint()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _pan_ms(view, repeat: int = FRAMES) -> float:
    """Median time of a 40-pixel scroll followed by a synchronous repaint."""
    bar = view.horizontalScrollBar()
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        bar.setValue(bar.value() + (40 if i % 2 == 0 else -40))
        view.viewport().repaint()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(size: int) -> dict[str, float]:
    """One size, in this process."""
    from PySide6.QtWidgets import QApplication

    from orgdesigner.io.native import load, save
    from orgdesigner.model.document import Orientation
    from orgdesigner.model.synthetic import generate_org

    app = QApplication.instance() or QApplication([])
    from orgdesigner.ui.app import open_window
    from orgdesigner.ui.canvas.painting import load_bundled_fonts

    load_bundled_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"org{size}.orgchart"
        doc = generate_org(size, seed=1)
        scenario = doc.scenario()
        scenario.view = scenario.view.model_copy(update={"orientation": Orientation.CLASSIC})
        save(doc, path)
        del doc, scenario
        start = time.perf_counter()
        loaded = load(path)
        read_s = time.perf_counter() - start
        window = open_window(loaded, path, with_files=False)
        window.resize(1600, 1000)
        window.show()
        app.processEvents()
        view = window.chart_view
        view.fit_all()
        view.viewport().repaint()
        open_s = time.perf_counter() - start
        result: dict[str, float] = {"size": size, "read_s": read_s, "open_s": open_s}
        scene = window.presenter.scene
        top = scene.geometry.boxes[0]
        middle = scene.geometry.boxes[len(scene.geometry.boxes) // 2]  # in a busy part
        for name, zoom in (("100%", 1.0), ("10%", 0.1), ("fit", None)):
            if zoom is None:
                view.fit_all()
            else:
                view.set_zoom(zoom)
                view.centerOn(middle.x + middle.w / 2, middle.y + middle.h / 2)
            view.viewport().repaint()  # first frame may build caches; measured apart
            first = time.perf_counter()
            view.viewport().repaint()
            result[f"frame_{name}_first_ms"] = (time.perf_counter() - first) * 1000
            result[f"frame_{name}_ms"] = _frame_ms(view)
            result[f"pan_{name}_ms"] = _pan_ms(view)
            result[f"detail_{name}"] = scene.chart.last_detail.value  # type: ignore[assignment]
        start = time.perf_counter()
        window.edit_actions.presenter.select(top.id)
        window.edit_actions.add_report_to_selection()
        result["edit_relayout_s"] = time.perf_counter() - start
        view.set_zoom(1.0)
        view.centerOn(middle.x + middle.w / 2, middle.y + middle.h / 2)
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        result["boxes_in_view_100%"] = len(scene.index.boxes_in(seen))
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        window.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,20000,100000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return 0
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], env=env,
                             capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    print()
    print(f"{'size':>8} {'open s':>7} {'100% ms':>8} {'10% ms':>7} {'fit ms':>7} "
          f"{'pan10% ms':>9} {'edit s':>7} {'peak MB':>8}")
    for r in rows:
        print(f"{r['size']:>8,} {r['open_s']:>7.2f} {r['frame_100%_ms']:>8.1f} "
              f"{r['frame_10%_ms']:>7.1f} {r['frame_fit_ms']:>7.1f} {r['pan_10%_ms']:>9.1f} "
              f"{r['edit_relayout_s']:>7.2f} {r['peak_rss_mb']:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
