"""Flip benchmark: the classic -> inverted switch and its animation frames.

For each size (default 1k, 5k, 8k positions): the time from the key press to the first
animated frame (new layout + flip item set up), then the frame time of the animation
(median of full repaints of a 1600x1000 canvas at evenly spaced points of the flip, the
view gliding from the classic framing to the inverted one, as the user sees it), and the
peak memory of the process. Budget (issue 7): smooth on 5,000 positions, i.e. frames
under ~16 ms; above ``ANIMATE_LIMIT`` the switch is instant.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_flip.py [--sizes 1000,5000]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time

RUNS = 3
FRAMES = 15


def _one(size: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from orgdesigner.model.document import Orientation
    from orgdesigner.model.synthetic import generate_org
    from orgdesigner.ui.app import open_window
    from orgdesigner.ui.canvas.painting import load_bundled_fonts

    app = QApplication.instance() or QApplication([sys.argv[0]])
    load_bundled_fonts()
    window = open_window(generate_org(size, seed=1), with_files=False)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    view, flip = window.chart_view, window.flip
    switch, frames = [], []
    target = Orientation.INVERTED
    for _ in range(RUNS):
        view.fit_all()
        view.viewport().repaint()
        start = time.perf_counter()
        window.set_orientation(target)
        view.viewport().repaint()  # the first animated frame
        switch.append((time.perf_counter() - start) * 1000)
        animated = flip.animation.state() == flip.animation.State.Running
        if animated:
            flip.animation.pause()
            for i in range(FRAMES):
                t = (i + 0.5) / FRAMES
                flip._step(t)  # noqa: SLF001 - drive the animation by hand, frame by frame
                t0 = time.perf_counter()
                view.viewport().repaint()
                frames.append((time.perf_counter() - t0) * 1000)
            flip.stop()
        target = Orientation.CLASSIC if target is Orientation.INVERTED else Orientation.INVERTED
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"positions": size, "animated": bool(frames),
            "switch_to_first_frame_ms": round(statistics.median(switch), 1),
            "frame_ms_median": round(statistics.median(frames), 2) if frames else None,
            "frame_ms_max": round(max(frames), 2) if frames else None,
            "peak_rss_mb": round(peak, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,8000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(args.one)))
        return
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], check=True,
                             capture_output=True, text=True).stdout.strip().splitlines()[-1]
        print(out)


if __name__ == "__main__":
    main()
