"""PySide6 6.12.0 on CPython 3.11 drops a reference to None on every call of a Qt method
that returns nothing; after a few thousand calls the interpreter aborts with
``Fatal Python error: none_dealloc``. The pin in pyproject keeps us below 6.12: this test
makes sure a future bump cannot bring the crash back silently."""

import subprocess
import sys
from importlib.metadata import version

SCRIPT = """
import sys
from PySide6.QtGui import QPainterPath, QPen
path = QPainterPath()
pen = QPen()
for i in range(100_000):
    path.lineTo(float(i % 97), float(i % 89))
    pen.setWidthF(1.0 + (i % 7))
print(sys.getrefcount(None) > 0)
"""


def test_200k_void_qt_calls_do_not_crash_the_interpreter():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "none_dealloc" not in result.stderr
    assert result.stdout.strip() == "True"


def test_pyside_is_pinned_below_the_crashing_release():
    major, minor = (int(x) for x in version("PySide6-Essentials").split(".")[:2])
    assert (major, minor) >= (6, 8)
    assert (major, minor) < (6, 12)
