"""kill -9 of `permbot run --once` at one point per kind (tests/chaos/kill_passes.py runs 100 random ones).

One scenario on the session's sandbox wiki and Dovecot, three sample tickets (a confirm with two files, a
suspicious one, an ask_license): the pass is killed mid-fetch, mid-verify, between a save and its journal
entry, and at random timing just after an intent, then started until it finishes. Every page's history
(API) and the store must show no duplicate edit, no lost ticket and no message stored twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.passes.checkpoints import Checkpoint
from bot.sandbox.dovecot import SandboxDovecot
from bot.sandbox.fakeweb import FakeWeb
from bot.sandbox.samples import all_sites, load_samples
from bot.sandbox.wiki import SandboxWiki
from tests.chaos.kill_passes import Databases, KillPoint, Rig, expected_from_samples

SAMPLES = ("de-impressum-webde", "de-spf-fail", "en-wikipedia-only")
KILLS = [
    KillPoint(Checkpoint.FETCHED, 2, 0.0),  # mid-fetch: the second message in memory, not stored
    KillPoint(Checkpoint.VERIFYING, 1, 0.0),  # mid-verify
    KillPoint(Checkpoint.SAVED, 1, 0.0),  # the wiki saved, the journal does not know yet
    KillPoint(Checkpoint.PLANNED, 1, 0.005),  # random timing: inside the save or the journal's commit
]


@pytest.fixture
def rig(sandbox_wiki: SandboxWiki, sandbox_dovecot: SandboxDovecot, tmp_path: Path) -> Iterator[Rig]:
    samples = [sample for sample in load_samples() if sample.name in SAMPLES]
    with FakeWeb(all_sites(samples), strict_scheme=False) as web:
        rig = Rig(sandbox_wiki, sandbox_dovecot, web, Databases(tmp_path, None), samples)
        rig.prepare()
        yield rig
    sandbox_wiki.restore()


@pytest.mark.chaos
def test_killed_passes_leave_no_duplicate_and_lose_nothing(rig: Rig) -> None:
    result, found = rig.run(1, KILLS, expected_from_samples(rig.samples))
    assert len(result.kills) == len(KILLS), result.line(1)  # every point was reached and killed
    assert (result.duplicate_edits, result.lost_tickets, result.processed_twice, result.hung) == (0, 0, 0, 0)
    assert sum(found.edits.values()) == 3  # the two files of the confirm and the ask_license's file
