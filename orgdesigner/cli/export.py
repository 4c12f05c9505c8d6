"""``orgdesigner export IN -o OUT.pdf``: a printable, searchable PDF of a chart.

IN is an .orgchart document, or a CSV or GraphML file imported on the fly. Progress goes
to stderr for big charts; warnings (such as text too small on one page) too. A failed
export leaves no partial file.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from orgdesigner.errors import OrgDesignerError
from orgdesigner.model.document import OrgDocument, Orientation
from orgdesigner.render.options import Appendix, FitMode, Paper, PdfOptions

__all__ = ["register", "run_export", "load_input", "parse_paper"]

MM = 72 / 25.4
#: Show progress on stderr from this many positions on.
PROGRESS_FROM = 2000


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``export`` subcommand."""
    p = subparsers.add_parser(
        "export", help="export a chart to PDF",
        description="Export a chart to a vector, searchable PDF: one page, a tiled poster "
        "or a booklet with one section per division, with an index and optional appendices.",
    )
    p.add_argument("input", type=Path, metavar="IN",
                   help="an .orgchart file, or a CSV or GraphML file to import on the fly")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.pdf")
    p.add_argument("--view", choices=[o.value for o in Orientation],
                   help="chart view (default: the one saved with the scenario)")
    p.add_argument("--paper", default="A4", metavar="SIZE",
                   help="A4, A3, Letter, Legal, Tabloid, or WIDTHxHEIGHT in mm (default A4)")
    orient = p.add_mutually_exclusive_group()
    orient.add_argument("--landscape", dest="landscape", action="store_true", default=None,
                        help="landscape pages (the default, except a one-page chart "
                        "taller than wide)")
    orient.add_argument("--portrait", dest="landscape", action="store_false")
    p.add_argument("--fit", choices=[f.value for f in FitMode], default=FitMode.PAGE.value,
                   help="page: all on one page; tile: a poster over several pages; "
                   "divisions: a booklet with a section per division")
    p.add_argument("--scenario", metavar="NAME", help="scenario name or id (default: active)")
    p.add_argument("--appendix", default="", metavar="LIST",
                   help="comma-separated: " + ",".join(a.value for a in Appendix))
    p.add_argument("--diff-against", metavar="NAME",
                   help="scenario to compare with in the diff appendix")
    p.add_argument("--margin", type=float, default=10.0, metavar="MM",
                   help="page margin in mm (default 10)")
    p.add_argument("--scale", type=float, default=100.0, metavar="PERCENT",
                   help="chart scale on tiled pages (default 100)")
    p.add_argument("--no-index", action="store_true", help="leave out the index of names")
    p.add_argument("--title", help="title in the header and metadata (default: the document's)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress or summary")
    p.set_defaults(handler=run_export)


def parse_paper(text: str) -> tuple[Paper, tuple[float, float] | None]:
    """A named paper, or a custom ``WIDTHxHEIGHT`` in millimetres."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[xX×]\s*(\d+(?:\.\d+)?)\s*(mm)?\s*", text)
    if m:
        return Paper.A4, (float(m.group(1)) * MM, float(m.group(2)) * MM)
    try:
        return Paper.parse(text), None
    except ValueError as err:
        raise OrgDesignerError(f"--paper: {err}") from None


def _appendices(text: str) -> tuple[Appendix, ...]:
    result: list[Appendix] = []
    for part in filter(None, (s.strip().lower() for s in text.split(","))):
        try:
            result.append(Appendix(part))
        except ValueError:
            names = ",".join(a.value for a in Appendix)
            raise OrgDesignerError(f"--appendix: unknown appendix {part!r} (choose from "
                                   f"{names})") from None
    return tuple(dict.fromkeys(result))


def load_input(path: Path) -> OrgDocument:
    """Load a document, importing CSV or GraphML on the fly."""
    if not path.is_file():
        raise OrgDesignerError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        from orgdesigner.io.csv import import_csv

        return import_csv(path)
    if suffix in (".graphml", ".xml"):
        from orgdesigner.io.graphml import import_graphml

        return import_graphml(path)
    from orgdesigner.io import native

    return native.load(path)


def _progress_printer():
    tty = sys.stderr.isatty()
    last = [-1]

    def show(done: int, total: int) -> None:
        percent = int(100 * done / max(total, 1))
        if percent == last[0] or (not tty and percent < 100 and percent - last[0] < 10):
            return
        last[0] = percent
        end = "\r" if tty and done < total else "\n"
        print(f"exporting: {percent:3d}% ({done}/{total} pages)", end=end, file=sys.stderr,
              flush=True)
    return show


def run_export(args: argparse.Namespace) -> int:
    """Export IN to OUT.pdf."""
    from orgdesigner.render.pdf import export_pdf  # reportlab only loads when exporting

    output: Path = args.output
    if output.suffix.lower() != ".pdf":
        raise OrgDesignerError(f"{output}: the output must be a .pdf file")
    if output.is_dir():
        raise OrgDesignerError(f"{output}: is a folder; give a file name with -o")
    if args.input.exists() and output.exists() and os.path.samefile(args.input, output):
        raise OrgDesignerError(f"{output}: is the input file; give a different output name")
    paper, custom = parse_paper(args.paper)
    if not 0 <= args.margin <= 100:
        raise OrgDesignerError("--margin: give a margin between 0 and 100 mm")
    if not 10 <= args.scale <= 1000:
        raise OrgDesignerError("--scale: give a scale between 10 and 1000 percent")
    doc = load_input(args.input)
    scenario_id = None
    if args.scenario:
        try:
            scenario_id = doc.scenario_by_name(args.scenario).id
        except KeyError:
            names = ", ".join(repr(s.name) for s in doc.scenarios)
            raise OrgDesignerError(f"--scenario: no scenario {args.scenario!r} in "
                                   f"{args.input} (it has {names})") from None
    options = PdfOptions(
        paper=paper, custom_size=custom,
        landscape=args.landscape,
        margin=args.margin * MM, fit=FitMode(args.fit), view=args.view,
        tile_scale=args.scale / 100, appendices=_appendices(args.appendix),
        diff_against=args.diff_against, index=False if args.no_index else None,
        title=args.title,
    )
    big = len(doc.scenario(scenario_id).positions) >= PROGRESS_FROM
    progress = _progress_printer() if big and not args.quiet else None
    result = export_pdf(doc, output, options, scenario_id=scenario_id, progress=progress)
    for warning in result.warnings:
        print(f"orgdesigner: warning: {warning}", file=sys.stderr)
    if not args.quiet:
        print(f"Wrote {output} ({result.pages} page{'s' if result.pages != 1 else ''}).")
    return 0
