"""Named points of a pass, announced for the crash tests: `PERMBOT_CHECKPOINTS=1` prints each to stderr.

tests/chaos/kill_passes.py kills a pass with SIGKILL when it announces the point chosen for that run
(mid-fetch, mid-verify, between a save and its journal entry, ...). `PERMBOT_CHECKPOINT_PAUSE` (seconds)
makes the pass wait there, so the kill lands at that very point. Off by default: a no-op.
"""

from __future__ import annotations

import enum
import os
import sys
import time

ANNOUNCE_VARIABLE = "PERMBOT_CHECKPOINTS"
PAUSE_VARIABLE = "PERMBOT_CHECKPOINT_PAUSE"
PREFIX = "permbot-checkpoint "


class Checkpoint(enum.StrEnum):
    FETCHED = "fetched"  # a message is in memory, not stored yet
    STORED = "stored"  # a message is stored; cursor and keyword not yet set
    MARKED = "marked"  # a message is stored, the cursor set and the keyword set
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
    if pause:
        time.sleep(float(pause))
