"""The command line: ``orgdesigner [FILE]`` opens the window; subcommands run headless.

Each family of subcommands lives in its own module of this package and exposes
``register(subparsers)``; a subcommand's handler takes the parsed arguments and returns an
exit code. Errors meant for the user (``OrgDesignerError``) print one clear line on stderr
and exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from orgdesigner import __version__
from orgdesigner.errors import OrgDesignerError

#: Modules of this package that add subcommands, in the order help lists them.
COMMAND_MODULES = ["files", "analysis", "export", "layout"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own errors: exit 2, no traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"orgdesigner: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="orgdesigner",
        description="Design organisation charts: classic and customer-on-top pyramids, "
        "balance checks and PDF export. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"orgdesigner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"orgdesigner.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in _command_names():
        if not any(a in ("-h", "--help", "--version") for a in args_list[:1]):
            from orgdesigner.ui.app import run_gui  # the GUI only loads Qt when it is needed

            return run_gui(args_list)
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        return int(args.handler(args))
    except OrgDesignerError as err:
        print(f"orgdesigner: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("orgdesigner: interrupted", file=sys.stderr)
        return 130


def _command_names() -> set[str]:
    parser = build_parser()
    for action in parser._subparsers._group_actions:  # noqa: SLF001 - argparse has no API
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


if __name__ == "__main__":
    sys.exit(main())
