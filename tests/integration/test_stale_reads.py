"""A stale read never overwrites a newer revision, not even one the bot itself saved meanwhile.

MediaWiki suppresses an edit conflict with the same account when it judges by timestamp, so before the
save path named its base revision, a `sweep` and a `tag` running side by side silently undid each
other. Here the second job's save happens between the first job's read and its save, with the same
bot account, on the real sandbox wiki.
"""

from __future__ import annotations

import datetime
from typing import Any

from bot.sandbox import SandboxWiki
from bot.wiki import operations
from bot.wiki.outcomes import OutcomeKind
from bot.wiki.saver import Saver
from tests.integration.test_wiki_commands import NEW_TICKET, open_session, text_of

OVERDUE = "File:Overdue harbour crane.jpg"


def _overdue_page(today: datetime.date) -> str:
    since = today - datetime.timedelta(days=60)
    return (
        "{{Information\n|description=A crane\n"
        f"|permission={{{{Permission pending|year={since.year}|month={since.month}|day={since.day}}}}}\n"
        "}}\n"
    )


def test_sweep_does_not_undo_a_tag_saved_after_its_read(wiki: SandboxWiki) -> None:
    today = datetime.datetime.now(datetime.UTC).date()
    wiki.import_pages([(OVERDUE, _overdue_page(today))])
    session, summaries = open_session()
    tagged: list[Any] = []

    def tag_meanwhile(_page: Any) -> None:
        if not tagged:  # the bot's own `tag` saves after the sweep read the page, before it saves
            tagged.extend(
                operations.tag(session, Saver(session, simulate=False), summaries, [OVERDUE], NEW_TICKET)
            )

    sweeper = Saver(session, simulate=False, before_save=tag_meanwhile)
    outcomes = operations.sweep(session, sweeper, summaries, 30, today)

    assert [o.kind for o in tagged] == [OutcomeKind.EDITED]
    # the sweep read every pending page in one batch; the tag landed on OVERDUE after that read
    assert [(o.kind, o.detail) for o in outcomes if o.title == OVERDUE] == [
        (OutcomeKind.UNCHANGED, "has_permission_tag")
    ]
    text = text_of(wiki, OVERDUE)
    assert f"{{{{PermissionTicket|id={NEW_TICKET}}}}}" in text
    assert "No VRTS permission since" not in text


def test_tag_does_not_undo_a_sweep_saved_after_its_read(wiki: SandboxWiki) -> None:
    today = datetime.datetime.now(datetime.UTC).date()
    wiki.import_pages([(OVERDUE, _overdue_page(today))])
    session, summaries = open_session()
    swept: list[Any] = []

    def sweep_meanwhile(_page: Any) -> None:
        if not swept:
            swept.extend(operations.sweep(session, Saver(session, simulate=False), summaries, 30, today))

    tagger = Saver(session, simulate=False, before_save=sweep_meanwhile)
    outcomes = operations.tag(session, tagger, summaries, [OVERDUE], NEW_TICKET)

    assert [o.kind for o in swept if o.title == OVERDUE] == [OutcomeKind.EDITED]
    assert [(o.kind, o.detail) for o in outcomes] == [(OutcomeKind.EDITED, "retried_after_conflict")]
    edited = outcomes[0]
    assert edited.revision is not None
    assert edited.base_revision is not None
    assert edited.revision > edited.base_revision
    text = text_of(
        wiki, OVERDUE
    )  # confirmed: the countdown the sweep added is removed by the tag, on purpose
    assert f"{{{{PermissionTicket|id={NEW_TICKET}}}}}" in text
    assert "No VRTS permission since" not in text
    history = wiki.request(
        None, "GET", action="query", prop="revisions", rvprop="ids", rvlimit="10", titles=OVERDUE
    )
    assert len(history["query"]["pages"][0]["revisions"]) == 3  # import, sweep, tag: nothing lost between
