"""Mail taken a batch at a time: one transaction per fetched batch, marked in the mailbox only once stored.

Real Dovecot (the session's sandbox), the store on SQLite and on the throwaway MariaDB.
"""

from __future__ import annotations

import pytest

from bot.mail.imap import Cursor, Mailbox, ticket_number_of
from bot.passes.ingest import Event, IngestSummary, StoredMail, message_id_of, take_mail
from bot.sandbox.dovecot import SandboxDovecot
from bot.store.messages import UNSTORABLE
from bot.store.model import IncomingMessage
from bot.store.store import Store
from tests.support.dovecot import mailbox_settings, make_mail

TICKET = "2024051410012345"
OTHER = "2024051410012346"


def _keywords(dovecot: SandboxDovecot, folder: str) -> dict[int, bool]:
    """Whether each message in the folder carries the done keyword."""
    done = mailbox_settings(dovecot, folder).done_keyword.lower().encode()
    client = dovecot.client()
    try:
        client.select_folder(folder, readonly=True)
        uids = client.search(["ALL"])
        flags = client.fetch(uids, ["FLAGS"]) if uids else {}
    finally:
        client.logout()
    return {uid: done in {flag.lower() for flag in data[b"FLAGS"]} for uid, data in flags.items()}


def test_a_batch_keeps_a_refused_message_apart_and_stores_a_copy_once(store: Store) -> None:
    """A Message-ID the database or its driver refuses (a lone surrogate) costs that mail its Message-ID,
    not its place: it is stored by its bytes with its own error, and the batch's other mail is stored."""
    batch = [
        IncomingMessage(b"first", "<one@example.org>", TICKET),
        IncomingMessage(b"hostile", "<\udcff@example.org>", OTHER),
        IncomingMessage(b"first, again", "<one@example.org>", TICKET),  # the same Message-ID in the batch
        IncomingMessage(b"no ticket", None, None),
    ]
    taken = store.take_messages(batch)
    assert [(t.ticket, t.new, t.read_error) for t in taken] == [
        (TICKET, True, None),
        (OTHER, True, UNSTORABLE),
        (TICKET, False, None),
        (None, True, None),
    ]
    assert taken[2].id == taken[0].id
    hostile = store.messages.get(taken[1].id, with_raw=True)
    assert hostile is not None
    assert (hostile.raw, hostile.message_id) == (b"hostile", None)
    assert [m.id for m in store.messages.for_ticket(TICKET)] == [taken[0].id]
    assert store.tickets.get(TICKET) is not None
    assert store.tickets.get(OTHER) is not None


def test_take_mail_stores_batches_then_marks_every_message(
    store: Store, sandbox_dovecot: SandboxDovecot, imap_folder: str
) -> None:
    uids = sandbox_dovecot.deliver(
        [make_mail(n, TICKET if n % 2 else None) for n in range(1, 8)], imap_folder
    )
    settings = mailbox_settings(sandbox_dovecot, imap_folder, batch_size=3)
    events: list[Event] = []
    summary = IngestSummary()
    take_mail(store, settings, events.append, summary)
    assert [(e.uid, e.new) for e in events if isinstance(e, StoredMail)] == [(uid, True) for uid in uids]
    assert (summary.stored, summary.without_ticket, summary.mailbox_error) == (7, 3, None)
    assert _keywords(sandbox_dovecot, imap_folder) == dict.fromkeys(uids, True)
    again = IngestSummary()
    take_mail(store, settings, events.append, again)
    assert (again.stored, again.already_stored) == (0, 0)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_batch_stored_but_never_marked_is_marked_not_stored_again(
    store: Store, sandbox_dovecot: SandboxDovecot, imap_folder: str
) -> None:
    """A pass killed after its batch committed and before the keywords: the next pass fetches the batch
    again, the store knows every message, and the keywords are set then."""
    uids = sandbox_dovecot.deliver([make_mail(n) for n in range(1, 5)], imap_folder)
    settings = mailbox_settings(sandbox_dovecot, imap_folder)
    with Mailbox(settings) as box:  # what the killed pass did: fetch and commit, no keyword, no cursor
        fetched = [message for batch in box.fetch_batches(box.pending(Cursor())) for message in batch]
    store.take_messages(
        [IncomingMessage(m.raw, message_id_of(m.raw), ticket_number_of(m.raw)) for m in fetched]
    )
    assert _keywords(sandbox_dovecot, imap_folder) == dict.fromkeys(uids, False)
    summary = IngestSummary()
    take_mail(store, settings, lambda _event: None, summary)
    assert (summary.stored, summary.already_stored) == (0, 4)
    assert _keywords(sandbox_dovecot, imap_folder) == dict.fromkeys(uids, True)
    assert len(store.messages.for_ticket(TICKET)) == 4
