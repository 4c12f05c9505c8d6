"""The ``layout`` subcommand: write the geometry of one scenario and view as JSON.

The JSON is the same geometry the canvas and the PDF paint (format in
``docs/geometry-format.md``), so other tools can reuse the layout and a person can inspect
it. The output is written atomically: a failed run leaves no partial file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from orgdesigner.errors import OrgDesignerError
from orgdesigner.io import read_document
from orgdesigner.io.atomic import atomic_write_bytes
from orgdesigner.layout import layout_scenario
from orgdesigner.model.document import Orientation

__all__ = ["register", "run_layout"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``orgdesigner layout`` to the parser."""
    parser = subparsers.add_parser(
        "layout", help="write a chart's layout (boxes, connectors, pyramid) as JSON",
        description="Lay out one scenario of a chart and write the geometry as JSON: boxes "
        "with ids and rectangles, connectors, bands, division columns, the pyramid outline "
        "and tilt, balance figures and bounds (points, y down).",
    )
    parser.add_argument("input", type=Path, metavar="IN",
                        help="the chart (.orgchart; .csv and .graphml are imported)")
    parser.add_argument("--view", choices=[o.value for o in Orientation],
                        help="classic, horizontal or inverted (default: the scenario's own)")
    parser.add_argument("--scenario", metavar="NAME",
                        help="scenario name or id (default: the active scenario)")
    parser.add_argument("--tolerance", type=float, default=0.15,
                        help="normalised torque beyond which the pyramid tips (default 0.15)")
    parser.add_argument("--indent", type=int, default=None, metavar="N",
                        help="pretty-print the JSON with N spaces")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.json",
                        help="the JSON file to write")
    parser.set_defaults(handler=run_layout)


def run_layout(args: argparse.Namespace) -> int:
    """Lay out the chart and write the geometry."""
    if args.output.resolve() == args.input.resolve():
        raise OrgDesignerError(f"{args.output}: refusing to write the layout over its input")
    if not 0.0 <= args.tolerance <= 1.0:
        raise OrgDesignerError(f"--tolerance {args.tolerance}: must be between 0 and 1")
    doc = read_document(args.input)
    if args.scenario is None:
        scenario = doc.scenario()
    else:
        try:
            scenario = doc.scenario_by_name(args.scenario)
        except KeyError:
            names = ", ".join(repr(s.name) for s in doc.scenarios)
            raise OrgDesignerError(f"{args.input}: no scenario {args.scenario!r} "
                                   f"(it has {names})") from None
    geometry = layout_scenario(scenario, args.view, tolerance=args.tolerance)
    atomic_write_bytes(args.output, geometry.to_json(indent=args.indent).encode("utf-8"))
    print(f"Wrote {args.output}: {geometry.view} view of {scenario.name!r}, "
          f"{len(geometry.boxes)} boxes, {geometry.bounds.w:.0f} x {geometry.bounds.h:.0f} pt")
    return 0
