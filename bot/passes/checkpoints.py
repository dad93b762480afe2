"""Named points of a pass, announced for the crash tests: `PERMBOT_CHECKPOINTS=1` prints each to stderr.

tests/chaos/kill_passes.py kills a pass with SIGKILL when it announces the point chosen for that run
(mid-fetch, mid-verify, between a save and its journal entry, ...). `PERMBOT_CHECKPOINT_PAUSE` (seconds)
makes the pass wait there, so the kill lands at that very point; `PERMBOT_CHECKPOINT_PAUSE_AT` (names,
comma-separated) limits the wait to those points. Off by default: a no-op.
"""

from __future__ import annotations

import enum
import os
import sys
import time

ANNOUNCE_VARIABLE = "PERMBOT_CHECKPOINTS"
PAUSE_VARIABLE = "PERMBOT_CHECKPOINT_PAUSE"
PAUSE_AT_VARIABLE = "PERMBOT_CHECKPOINT_PAUSE_AT"
PREFIX = "permbot-checkpoint "


class Checkpoint(enum.StrEnum):
    FETCHED = "fetched"  # a message is in memory, its batch not stored yet
    STORED = "stored"  # a batch of messages is stored (one commit); keywords and cursor not yet set
    MARKED = "marked"  # a batch is stored, its keywords set and the cursor moved past it
    VERIFYING = "verifying"  # a window of tickets is being verified, nothing recorded yet
    RECORDED = "recorded"  # a ticket's suggestion is recorded
    PLANNED = "planned"  # a wiki action's intent is in the journal, not saved yet
    SAVED = "saved"  # the wiki saved the edits of a batch; the journal does not know yet
    SETTLED = "settled"  # a wiki action's result is in the journal


def reach(point: Checkpoint) -> None:
    if not os.environ.get(ANNOUNCE_VARIABLE):
        return
    sys.stderr.write(f"{PREFIX}{point.value}\n")
    sys.stderr.flush()
    pause = os.environ.get(PAUSE_VARIABLE)
    if pause and _pauses_at(point, os.environ.get(PAUSE_AT_VARIABLE, "")):
        time.sleep(float(pause))


def _pauses_at(point: Checkpoint, names: str) -> bool:
    chosen = {name.strip() for name in names.split(",") if name.strip()}
    return not chosen or point.value in chosen
