"""Render the application icon (resources/icons/orgdesigner.svg) to the PNG sizes desktops
want, into a hicolor icon-theme tree: OUT/hicolor/SIZExSIZE/apps/orgdesigner.png.

Used by the build and install scripts; the PNGs are build output, not committed.
Usage: python packaging/make_icons.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def make_icons(out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from orgdesigner.assets import resource_path

    app = QGuiApplication.instance() or QGuiApplication([])
    svg = resource_path("icons", "orgdesigner.svg")
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out_dir / "hicolor" / f"{size}x{size}" / "apps" / "orgdesigner.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):
            raise SystemExit(f"cannot write {target}")
        written.append(target)
    scalable = out_dir / "hicolor" / "scalable" / "apps" / "orgdesigner.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes(svg.read_bytes())
    del app
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for path in make_icons(Path(sys.argv[1])):
        print(path)
