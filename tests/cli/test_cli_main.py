import argparse
import subprocess
import sys

from orgdesigner import cli


def _registered(modules):
    parser = cli.build_parser(modules)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def test_command_table_matches_what_each_module_registers():
    assert _registered(None) == set(cli.COMMANDS)
    for command, module in cli.COMMANDS.items():
        assert command in _registered([module]), (command, module)


def test_version_and_help_need_no_gui(capsys):
    try:
        cli.main(["--version"])
    except SystemExit as done:
        assert done.code == 0
    assert "orgdesigner" in capsys.readouterr().out


def test_unknown_option_of_a_command_exits_2_without_traceback(capsys):
    try:
        cli.main(["check", "--no-such-flag", "x.orgchart"])
    except SystemExit as done:
        assert done.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "--no-such-flag" in err


def test_a_closed_pipe_ends_quietly():
    script = ("import subprocess, sys;"
              "p = subprocess.Popen([sys.executable, '-m', 'orgdesigner', 'templates'],"
              " stdout=subprocess.PIPE, stderr=subprocess.PIPE);"
              "p.stdout.close(); err = p.stderr.read().decode(); p.wait();"
              "print(repr(err))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert "Traceback" not in result.stdout, result.stdout
