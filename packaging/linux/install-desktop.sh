#!/usr/bin/env bash
# Register OrgDesigner with the Linux desktop for the current user: menu entry, icons,
# AppStream metadata and the .orgchart file type (double-click opens it).
# Usage: packaging/linux/install-desktop.sh [PYTHON]  (the Python that has orgdesigner)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
PY=${1:-python3}
data="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$data/applications" "$data/metainfo" "$data/mime/packages" "$data/icons"
install -m 644 "$here/orgdesigner.desktop" "$data/applications/orgdesigner.desktop"
install -m 644 "$here/orgdesigner.metainfo.xml" "$data/metainfo/orgdesigner.metainfo.xml"
install -m 644 "$here/orgdesigner-mime.xml" "$data/mime/packages/orgdesigner.xml"
"$PY" "$here/../make_icons.py" "$data/icons" >/dev/null
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$data/icons/hicolor" || true
echo "OrgDesigner registered: .orgchart files now open with it."
