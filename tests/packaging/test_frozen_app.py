"""Smoke test of the frozen one-folder app. Slow (it builds with PyInstaller): skipped by
default, run by ``make package``."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINARY = ROOT / "dist" / "orgdesigner" / "orgdesigner"

pytestmark = pytest.mark.package


@pytest.fixture(scope="module")
def frozen() -> Path:
    if not os.environ.get("ORGDESIGNER_PACKAGE_TEST"):
        pytest.skip("builds the frozen app: run `make package`")
    assert BINARY.exists(), "run packaging/build.sh first (make package does)"
    return BINARY


def run(binary, *args, cwd=None):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(binary), *args], capture_output=True, text=True, timeout=300,
                          env=env, cwd=cwd)


def test_frozen_version(frozen):
    result = run(frozen, "--version")
    assert result.returncode == 0 and "orgdesigner" in result.stdout


def test_frozen_lists_templates(frozen):
    result = run(frozen, "templates")
    assert result.returncode == 0 and "nordstrom" in result.stdout


def test_frozen_exports_a_template_to_pdf(frozen, tmp_path):
    chart = tmp_path / "n.orgchart"
    assert run(frozen, "new", "--template", "nordstrom", "-o", str(chart)).returncode == 0
    pdf = tmp_path / "n.pdf"
    result = run(frozen, "export", str(chart), "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
