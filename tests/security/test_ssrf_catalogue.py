"""The SSRF catalogue in the suite: every case against the loopback harness, no escape allowed."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from bot.evidence.fetch import GuardedFetcher
from tests.security.ssrf_catalogue import Case, catalogue, harness_fetcher, run_case
from tests.security.ssrf_harness import Harness, running_harness


@pytest.fixture(scope="module")
def harness() -> Iterator[tuple[Harness, GuardedFetcher]]:
    with running_harness() as running, harness_fetcher(running) as fetcher:
        yield running, fetcher


@pytest.mark.parametrize("case", catalogue(), ids=lambda case: case.name)
def test_no_escape(harness: tuple[Harness, GuardedFetcher], case: Case) -> None:
    outcome = run_case(*harness, case)
    assert outcome.escapes == 0
    assert outcome.code in case.expected
    assert outcome.ended_in_time  # a generous bound (4 s for a 1.5 s deadline), not a speed target


def test_the_harness_sees_an_escape(harness: tuple[Harness, GuardedFetcher]) -> None:
    """A test that cannot fail is a defect: a direct connection to a trap counts."""
    running, _ = harness
    before = running.escapes
    with socket.create_connection(("127.0.0.1", running.trap_port), timeout=2):
        pass
    for _ in range(50):
        if running.escapes > before:
            break
        time.sleep(0.02)
    assert running.escapes == before + 1
