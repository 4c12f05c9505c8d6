"""File subcommands: ``import``, ``convert``, ``new`` and ``templates``.

Every output goes through the atomic writers of :mod:`orgdesigner.io`, so a command that
fails (bad input, disk full, a problem found half-way) leaves no partial output file and
never touches the file that was there before. A command refuses to write over its own
input.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from orgdesigner.errors import OrgDesignerError
from orgdesigner.io import SUPPORTED_SUFFIXES, read_document, write_document
from orgdesigner.io.csv import ColumnMapping, import_csv
from orgdesigner.io.csv_format import FIELDS, ManagerRef
from orgdesigner.io.templates import TEMPLATE_NAMES, list_templates, load_template
from orgdesigner.model.document import OrgDocument, now_iso

__all__ = ["mapping_from_args", "register"]

_FIELD_HELP = {
    "id": "the position's unique id (employee id, worker id...)",
    "name": "the holder's full name",
    "first_name": "the holder's first name (joined with the last name)",
    "last_name": "the holder's last name",
    "title": "the job title",
    "manager": "the manager, by id or by unique name",
    "unit": "the department or unit",
    "fte": "full-time equivalent",
    "cost": "yearly cost or salary",
    "email": "the e-mail address",
    "phone": "the phone number",
    "customer_facing": "yes/no: the position works with customers",
    "kind": "person, assistant or contractor",
    "dotted_managers": "dotted-line (matrix) managers",
    "tags": "tags or labels",
    "notes": "free notes",
}
_FORMATS = ", ".join(SUPPORTED_SUFFIXES)
#: Spreadsheet text exports that are CSV under another name (Excel's "Unicode Text"
#: saves a tab-separated UTF-16 .txt).
CSV_LIKE_SUFFIXES = (".csv", ".tsv", ".tab", ".txt")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the file subcommands to the ``orgdesigner`` parser."""
    imp = subparsers.add_parser(
        "import", help="import an HR export (CSV) or a GraphML file into a chart",
        description="Import a CSV export from an HR system, or a GraphML file (yEd and "
        "others), and save it as a chart. Columns are recognised from common header "
        "names; the --*-column flags name a column whose header is not recognised (an "
        "empty name skips a column). Every problem is reported with its row and nothing "
        "is written unless the whole file is good.",
    )
    imp.add_argument("input", type=Path, metavar="IN",
                     help="the CSV (.csv, .tsv, .txt) or GraphML (.graphml) file")
    imp.add_argument("-o", "--output", required=True, type=Path, metavar="OUT",
                     help=f"the chart to write, usually .orgchart (any of {_FORMATS})")
    imp.add_argument("--title", help="title of the chart (default: from the file name)")
    columns = imp.add_argument_group("column mapping (CSV only)")
    for field in FIELDS:
        columns.add_argument(f"--{field.replace('_', '-')}-column", dest=f"column_{field}",
                             metavar="HEADER", help=f"column with {_FIELD_HELP.get(field, field)}")
    columns.add_argument("--manager-by", choices=[m.value for m in ManagerRef],
                         help="how the manager column names the manager (default: auto, an "
                         "id when one matches, else a unique name)")
    imp.set_defaults(handler=run_import)

    convert = subparsers.add_parser(
        "convert", help="convert a chart between .orgchart, .csv and .graphml",
        description="Read a chart and write it in the format the output's extension "
        f"names ({_FORMATS}). CSV and GraphML hold one scenario: the active one, or "
        "--scenario.",
    )
    convert.add_argument("input", type=Path, metavar="IN", help=f"the file to read ({_FORMATS})")
    convert.add_argument("-o", "--output", required=True, type=Path, metavar="OUT",
                         help="the file to write")
    convert.add_argument("--scenario", metavar="NAME",
                         help="the scenario to write (name or id; default: the active one)")
    convert.set_defaults(handler=run_convert)

    new = subparsers.add_parser(
        "new", help="start a chart from a template",
        description="Write a new .orgchart file from one of the bundled templates "
        "(see 'orgdesigner templates').",
    )
    new.add_argument("--template", "-t", required=True, metavar="NAME",
                     help=f"template name: {', '.join(TEMPLATE_NAMES)}")
    new.add_argument("-o", "--output", required=True, type=Path, metavar="OUT",
                     help="the file to write (.orgchart)")
    new.add_argument("--title", help="title of the new chart (default: the template's)")
    new.set_defaults(handler=run_new)

    templates = subparsers.add_parser(
        "templates", help="list the bundled templates",
        description="List the bundled templates with a one-line description each.",
    )
    templates.add_argument("--format", choices=("text", "json"), default="text",
                           help="text for people (default) or json for tools")
    templates.set_defaults(handler=run_templates)


# -- handlers --------------------------------------------------------------------------------
def run_import(args: argparse.Namespace) -> int:
    """Import a CSV or GraphML file and write it as a chart."""
    mapping = mapping_from_args(args)
    is_csv = args.input.suffix.casefold() in CSV_LIKE_SUFFIXES
    if mapping is not None and not is_csv:
        raise OrgDesignerError(
            f"{args.input}: the column mapping flags apply to CSV files only"
        )
    _check_output(args.output, (args.input,))
    doc = import_csv(args.input, mapping) if is_csv else read_document(args.input)
    if args.title is not None:
        doc = _retitled(doc, args.title)
    _write(doc, args.output, (args.input,))
    scenario = doc.scenario()
    print(f"Imported {len(scenario.positions)} positions in {len(scenario.units)} units "
          f"from {args.input} into {args.output}.")
    return 0


def run_convert(args: argparse.Namespace) -> int:
    """Read any supported file and write it in the output's format."""
    _check_output(args.output, (args.input,))
    doc = read_document(args.input)
    if args.scenario is not None:
        try:
            chosen = doc.scenario_by_name(args.scenario)
        except KeyError:
            names = ", ".join(repr(s.name) for s in doc.scenarios)
            raise OrgDesignerError(
                f"{args.input}: no scenario {args.scenario!r}; it has {names}"
            ) from None
        doc = doc.model_copy(update={"active_scenario": chosen.id})
    _write(doc, args.output, (args.input,))
    print(f"Wrote {args.output} ({len(doc.scenario().positions)} positions).")
    return 0


def run_templates(args: argparse.Namespace) -> int:
    """Print each template's name and one-line description."""
    infos = list_templates()
    if getattr(args, "format", "text") == "json":
        rows = [{"name": i.name, "title": i.title, "description": i.description}
                for i in infos]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    width = max(len(info.name) for info in infos)
    for info in infos:
        print(f"{info.name:<{width}}  {info.description}")
    return 0


def run_new(args: argparse.Namespace) -> int:
    """Write a fresh chart from a template."""
    _check_output(args.output)
    doc = load_template(args.template)
    if args.title is not None:
        doc = _retitled(doc, args.title)
    _write(doc, args.output)
    print(f"Wrote {args.output} from template {args.template!r} "
          f"({len(doc.scenario().positions)} positions).")
    return 0


# -- helpers ---------------------------------------------------------------------------------
def mapping_from_args(args: argparse.Namespace) -> ColumnMapping | None:
    """The explicit column mapping the flags give, or None when no flag was used."""
    chosen = {f: value for f in FIELDS
              if (value := getattr(args, f"column_{f}", None)) is not None}
    manager_by = getattr(args, "manager_by", None)
    if not chosen and manager_by is None:
        return None
    if manager_by is not None:
        return ColumnMapping(**chosen, manager_by=ManagerRef(manager_by))
    return ColumnMapping(**chosen)


def _retitled(doc: OrgDocument, title: str) -> OrgDocument:
    title = title.strip()
    if not title:
        raise OrgDesignerError("--title: the title is empty")
    if len(title) > 300:
        raise OrgDesignerError("--title: the title is longer than 300 characters")
    meta = doc.meta.model_copy(update={"title": title, "modified": now_iso()})
    return doc.model_copy(update={"meta": meta})


def _check_output(output: Path, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse, before any work is done, an output of an unknown type, a folder, or one of
    the inputs."""
    if output.is_dir():
        raise OrgDesignerError(f"{output}: is a folder; give a file name with -o")
    if output.suffix.casefold() not in SUPPORTED_SUFFIXES:
        shown = repr(output.suffix) if output.suffix else "no extension"
        raise OrgDesignerError(
            f"{output}: unknown output type ({shown}); OrgDesigner writes {_FORMATS}"
        )
    for source in inputs:
        if _same_file(source, output):
            raise OrgDesignerError(
                f"{output}: is the input file; give a different output name with -o"
            )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(os.path.abspath(a)) == Path(os.path.abspath(b))


def _write(doc: OrgDocument, output: Path, inputs: tuple[Path, ...] = ()) -> None:
    """Write ``doc`` atomically in the format the output's extension names."""
    _check_output(output, inputs)
    write_document(doc, output)
