"""Find the bundled resources (fonts, templates, icons) the same way from a source
checkout, an installed wheel and a frozen (PyInstaller) build."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

__all__ = ["resource_root", "resource_path"]


@cache
def resource_root() -> Path:
    """The folder that holds ``fonts/``, ``templates/`` and ``icons/``."""
    here = Path(__file__).resolve().parent
    candidates = []
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        candidates.append(Path(frozen_base) / "resources")
    candidates += [here / "resources", here.parent / "resources"]
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("OrgDesigner's resources folder is missing from this installation")


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return resource_root().joinpath(*parts)
