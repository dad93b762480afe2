"""The `permbot` entry point: help on a bare call, the version."""

from __future__ import annotations

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
