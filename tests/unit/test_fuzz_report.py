"""The mail fuzzer's own run: it reads its cases on worker processes and prints the figures of issue #6."""

from __future__ import annotations

import pytest

from tests.fuzz.mutated_mail import Tally, fuzz, report


def test_a_short_run_reads_every_case_and_prints_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    tally = Tally()
    fuzz(3, seed=1, processes=1, tally=tally)
    report(tally, 3, seed=1, processes=1, wall_seconds=2.4)
    lines = capsys.readouterr().out.splitlines()
    assert lines[:6] == [
        "mutated mails: 3",
        "seed: 1",
        "processes: 1",
        "wall time: 2 s",
        "uncaught errors: 0",
        "over 2 s CPU: 0",
    ]
    assert lines[6].startswith("slowest: --case ")


def test_an_interrupted_run_says_how_far_it_got(capsys: pytest.CaptureFixture[str]) -> None:
    report(Tally(done=3), 10, seed=7, processes=2, wall_seconds=1.0)
    assert capsys.readouterr().out.splitlines()[0] == "mutated mails: 3 (interrupted: 3 of 10 read)"
