"""Files: the native ``.orgchart`` document, CSV and GraphML, all written atomically.

``read_document`` and ``write_document`` pick the format from the file's extension, so
the command line and the GUI open, import, save and export through one door.
"""

from __future__ import annotations

import os
from pathlib import Path

from orgdesigner.errors import OrgDesignerError
from orgdesigner.io.csv import ColumnMapping, export_csv, import_csv
from orgdesigner.io.graphml import export_graphml, import_graphml
from orgdesigner.io.native import load, save
from orgdesigner.model.document import OrgDocument

__all__ = ["SUPPORTED_SUFFIXES", "read_document", "write_document"]

#: Extensions read_document and write_document understand, in the order help lists them.
SUPPORTED_SUFFIXES = (".orgchart", ".csv", ".graphml", ".xml")


def _suffix(path: Path) -> str:
    suffix = path.suffix.casefold()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"{path.suffix!r}" if path.suffix else "no extension"
        raise OrgDesignerError(f"{path}: unknown file type ({shown}); OrgDesigner reads "
                               f"and writes {', '.join(SUPPORTED_SUFFIXES)}.")
    return suffix


def read_document(path: str | os.PathLike[str], *,
                  mapping: ColumnMapping | None = None) -> OrgDocument:
    """Open any supported file as a document (``mapping`` applies to CSV only)."""
    p = Path(path)
    suffix = _suffix(p)
    if suffix == ".orgchart":
        return load(p)
    if suffix == ".csv":
        return import_csv(p, mapping)
    return import_graphml(p)


def write_document(doc: OrgDocument, path: str | os.PathLike[str], *,
                   scenario_id: str | None = None) -> None:
    """Write a document in the format its extension names. A ``.orgchart`` keeps every
    scenario (and a ``.bak`` of the previous file); CSV and GraphML hold one scenario,
    the active one unless ``scenario_id`` says otherwise."""
    p = Path(path)
    suffix = _suffix(p)
    if suffix == ".orgchart":
        save(doc, p)
    elif suffix == ".csv":
        export_csv(doc, p, scenario_id)
    else:
        export_graphml(doc, p, scenario_id)
