"""The command line: ``orgdesigner [FILE]`` opens the window; subcommands run headless.

Each family of subcommands lives in its own module of this package and exposes
``register(subparsers)``; a subcommand's handler takes the parsed arguments and returns an
exit code. Errors meant for the user (``OrgDesignerError``) print one clear line on stderr
and exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from orgdesigner import __version__
from orgdesigner.errors import OrgDesignerError

#: Modules of this package that add subcommands, in the order help lists them.
COMMAND_MODULES = ["files", "analysis", "export", "layout"]

#: Which module registers each subcommand, so that running one command imports only the
#: code it needs (a test checks this table against what the modules register).
COMMANDS: dict[str, str] = {
    "import": "files",
    "convert": "files",
    "new": "files",
    "templates": "files",
    "check": "analysis",
    "stats": "analysis",
    "diff": "analysis",
    "export": "export",
    "layout": "layout",
}

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own errors: exit 2, no traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"orgdesigner: error: {message}\n")


def build_parser(modules: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser with the subcommands of ``modules`` (all of them by default)."""
    parser = _Parser(
        prog="orgdesigner",
        description="Design organisation charts: classic and customer-on-top pyramids, "
        "balance checks and PDF export. With no command (or a FILE), opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"orgdesigner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES if modules is None else modules:
        importlib.import_module(f"orgdesigner.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    first = args_list[0] if args_list else None
    if first not in COMMANDS and first not in ("-h", "--help", "--version"):
        from orgdesigner.ui.app import run_gui  # the GUI only loads Qt when it is needed

        return run_gui(args_list)
    parser = build_parser([COMMANDS[first]] if first in COMMANDS else None)
    args = parser.parse_args(args_list)
    try:
        return int(args.handler(args))
    except OrgDesignerError as err:
        print(f"orgdesigner: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("orgdesigner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``orgdesigner stats FILE | head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
