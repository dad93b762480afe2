"""`permbot run`: the long-running service. A pass on new mail (IMAP IDLE) and every `interval_minutes`.

SIGTERM/SIGINT set a flag: the pass under way finishes its current edit and stops before the next one
(nothing half-done: every intent in the journal is settled, or settled by the next pass), then the
service exits. A pass that finds the lease held by another waits for the next turn.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

from bot.mail.imap import Mailbox, MailboxError
from bot.passes.lease import LeaseHeld
from bot.passes.run import PassContext, run_pass

log = logging.getLogger(__name__)


def _wait_for_mail(context: PassContext, seconds: float, stop: Callable[[], bool]) -> None:
    """Until new mail, `seconds` passed, or a stop; IDLE in slices so a stop is noticed within one."""
    deadline = time.monotonic() + seconds
    slice_seconds = min(context.settings.idle_seconds, 5.0)
    try:
        with Mailbox(context.mailbox) as box:
            while not stop() and time.monotonic() < deadline:
                if box.wait_for_new(min(slice_seconds, max(0.1, deadline - time.monotonic()))):
                    return
    except MailboxError as error:
        log.warning("cannot wait on the mailbox (%s): sleeping until the next pass", error)
        while not stop() and time.monotonic() < deadline:
            time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))


def serve(
    context: PassContext,
    stop: Callable[[], bool],
    report_mail: Callable[[Any], None],
    report_action: Callable[[Any], None],
    as_json: bool,
) -> int:
    interval = context.settings.interval_minutes * 60
    while not stop():
        try:
            summary = run_pass(
                context, report_mail=report_mail, report_action=report_action, should_stop=stop
            )
            print(json.dumps(summary.to_json()) if as_json else summary.text(), flush=True)
        except LeaseHeld as error:
            log.info("%s", error)
        if stop():
            break
        _wait_for_mail(context, interval, stop)
    print("stopped: the last pass finished its current edit", flush=True)
    return 0
