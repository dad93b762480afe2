"""The pass's progress: counts on a terminal, structured log lines otherwise, never mail contents."""

from __future__ import annotations

import logging

import pytest

from bot.passes.ingest import StoredMail, VerifiedTicket
from bot.passes.journal import ActionResult
from bot.passes.progress import PassProgress
from bot.store.model import WikiAction
from bot.wiki.outcomes import FileOutcome, OutcomeKind

TICKET = "2024051410012345"
EVENTS: list[StoredMail | VerifiedTicket] = [
    StoredMail(uid=1, message=1, ticket=TICKET, new=True),
    StoredMail(uid=2, message=1, ticket=TICKET, new=False),
    VerifiedTicket(TICKET, "confirm", ("File:A.jpg",), False, 1, 0),
]
RESULT = ActionResult(TICKET, WikiAction.RECEIVE, FileOutcome("File:A.jpg", OutcomeKind.EDITED, TICKET))


@pytest.mark.parametrize("terminal", [True, False])
def test_counts(terminal: bool) -> None:
    progress = PassProgress(terminal=terminal)
    for event in EVENTS:
        progress.mail(event)
    progress.action(RESULT)
    assert progress.text() == (
        "mail: 1 stored, 1 already stored | tickets verified: 1 | wiki actions: 1 edited"
    )


def test_without_a_terminal_one_structured_line_per_event(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bot.passes.progress")
    with PassProgress(terminal=False) as progress:
        for event in EVENTS:
            progress.mail(event)
        progress.action(RESULT)
    assert [record.getMessage() for record in caplog.records] == [
        f"stored uid=1 message=1 ticket={TICKET} new=True",
        f"stored uid=2 message=1 ticket={TICKET} new=False",
        f"verified ticket={TICKET} verdict=confirm provisional=False files=1",
        f"action=receive ticket={TICKET} title=File:A.jpg outcome=edited",
    ]
