"""The `permbot` entry point: help on a bare call, the version."""

from __future__ import annotations

import argparse
import signal
from importlib import metadata

import pytest

from bot import cli


def test_bare_permbot_prints_the_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("usage: permbot")
    for command in ("verify", "tag", "receive", "untag", "sweep", "sandbox"):
        assert f"    {command} " in captured.err


def test_version_comes_from_the_installed_package(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"permbot {metadata.version('permbot')}\n"


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(subparsers.choices)


def test_the_command_table_names_every_registered_command() -> None:
    assert _commands(cli.build_parser([])) == set(cli.COMMAND_MODULES)


@pytest.mark.parametrize("command", sorted(cli.COMMAND_MODULES))
def test_a_named_command_registers_its_own_module_only(command: str) -> None:
    owned = {name for name, module in cli.COMMAND_MODULES.items() if module == cli.COMMAND_MODULES[command]}
    assert _commands(cli.build_parser(["-v", command, "x"])) == owned


def test_an_unknown_command_is_refused_with_every_choice_listed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["nosuch"])
    assert done.value.code == 2
    assert "verify" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("inherited", "expected"),
    [
        pytest.param(signal.SIG_IGN, signal.default_int_handler, id="ignored-by-a-background-launcher"),
        pytest.param(signal.SIG_DFL, signal.SIG_DFL, id="default-left-alone"),
    ],
)
def test_ctrl_c_is_answered_even_where_the_launcher_ignored_it(inherited: object, expected: object) -> None:
    """`permbot tag` started as a background job inherits SIGINT ignored; Ctrl-C must still stop it with
    its summary (exit 130), as for the commands that install their own handler."""
    previous = signal.signal(signal.SIGINT, inherited)  # type: ignore[arg-type]
    try:
        cli.answer_ctrl_c()
        assert signal.getsignal(signal.SIGINT) is expected
    finally:
        signal.signal(signal.SIGINT, previous)
