"""The wheel carries every resource, and the desktop integration files are well formed."""

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out),
         str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("orgdesigner-*.whl")
    return built


def test_wheel_contains_every_resource(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [p.relative_to(ROOT / "resources").as_posix()
                for p in (ROOT / "resources").rglob("*") if p.is_file()]
    assert any(e.startswith("templates/") for e in expected)
    missing = [e for e in expected if f"orgdesigner/resources/{e}" not in names]
    assert not missing, missing
    assert "orgdesigner/cli/__init__.py" in names


def test_desktop_entry_opens_orgchart_files():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "packaging/linux/orgdesigner.desktop")
    section = entry["Desktop Entry"]
    assert section["Exec"].startswith("orgdesigner ")
    assert "application/x-orgdesigner-chart" in section["MimeType"]
    mime = ElementTree.parse(ROOT / "packaging/linux/orgdesigner-mime.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime_type = mime.find("m:mime-type", ns)
    assert mime_type.get("type") == "application/x-orgdesigner-chart"
    assert mime_type.find("m:glob", ns).get("pattern") == "*.orgchart"
    meta = ElementTree.parse(ROOT / "packaging/linux/orgdesigner.metainfo.xml").getroot()
    assert meta.find("launchable").text == "orgdesigner.desktop"


def test_icons_render_at_every_size(tmp_path, qapp):
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from make_icons import SIZES, make_icons
    finally:
        sys.path.pop(0)
    written = make_icons(tmp_path)
    assert len(written) == len(SIZES)
    from PySide6.QtGui import QImage

    for size, path in zip(SIZES, written, strict=True):
        image = QImage(str(path))
        assert image.width() == size and image.height() == size
        assert image.pixelColor(size // 2, size // 2).alpha() == 255
