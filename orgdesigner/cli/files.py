"""File subcommands: ``import``, ``convert``, ``new`` and ``templates``.

Every output goes through the atomic writers of :mod:`orgdesigner.io`, so a command that
fails (bad input, disk full, a problem found half-way) leaves no partial output file and
never touches the file that was there before. A command refuses to write over its own
input.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from orgdesigner.errors import OrgDesignerError
from orgdesigner.io import native
from orgdesigner.io.templates import TEMPLATE_NAMES, list_templates, load_template
from orgdesigner.model.document import OrgDocument, now_iso

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the file subcommands to the ``orgdesigner`` parser."""
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
    templates.set_defaults(handler=run_templates)


# -- handlers --------------------------------------------------------------------------------
def run_templates(args: argparse.Namespace) -> int:
    """Print each template's name and one-line description."""
    infos = list_templates()
    width = max(len(info.name) for info in infos)
    for info in infos:
        print(f"{info.name:<{width}}  {info.description}")
    return 0


def run_new(args: argparse.Namespace) -> int:
    """Write a fresh chart from a template."""
    doc = load_template(args.template)
    if args.title is not None:
        doc = _retitled(doc, args.title)
    _write(doc, args.output)
    print(f"Wrote {args.output} from template {args.template!r} "
          f"({len(doc.scenario().positions)} positions).")
    return 0


# -- helpers ---------------------------------------------------------------------------------
def _retitled(doc: OrgDocument, title: str) -> OrgDocument:
    title = title.strip()
    if not title:
        raise OrgDesignerError("--title: the title is empty")
    if len(title) > 300:
        raise OrgDesignerError("--title: the title is longer than 300 characters")
    meta = doc.meta.model_copy(update={"title": title, "modified": now_iso()})
    return doc.model_copy(update={"meta": meta})


def _check_output(output: Path, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse an output that is a folder or one of the inputs."""
    if output.is_dir():
        raise OrgDesignerError(f"{output}: is a folder; give a file name with -o")
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
    if output.suffix.lower() != ".orgchart":
        raise OrgDesignerError(
            f"{output}: unknown output type {output.suffix or '(none)'!r}; use .orgchart"
        )
    native.save(doc, output)
