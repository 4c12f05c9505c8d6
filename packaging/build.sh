#!/usr/bin/env bash
# Build the one-folder app with PyInstaller: dist/orgdesigner/orgdesigner.
# Usage: packaging/build.sh [PYTHON]   (default: the project's .venv)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-.venv/bin/python}
"$PY" -m pip install --quiet "pyinstaller>=6.10"
"$PY" packaging/make_icons.py build/icons >/dev/null
"$PY" -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
    packaging/orgdesigner.spec
echo "built dist/orgdesigner/orgdesigner"
