"""bot.mail.imap against a real Dovecot (the sandbox's): new messages only, batches, flags, moves,
UIDVALIDITY, TLS, IDLE and the server going away."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config.mailbox import Security
from bot.mail.imap import (
    Cursor,
    FolderMissing,
    Mailbox,
    MailboxAuthError,
    MailboxError,
    MailboxUnavailable,
    Start,
)
from bot.sandbox import server
from bot.sandbox.dovecot import SandboxDovecot
from tests.support.dovecot import mailbox_settings, make_mail

TICKET = "2024051410012345"


@pytest.fixture
def own_dovecot() -> Iterator[SandboxDovecot]:
    """A Dovecot for one test: for stopping it, or for failed logins (their penalty would slow the others)."""
    folder = Path(tempfile.mkdtemp(prefix="permbot-test-imap-own-"))
    dovecot = SandboxDovecot.start(folder / "imap")
    try:
        yield dovecot
    finally:
        dovecot.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _flags(dovecot: SandboxDovecot, folder: str) -> dict[int, set[bytes]]:
    client = dovecot.client()
    try:
        client.select_folder(folder, readonly=True)
        uids = client.search(["ALL"])
        return (
            {uid: set(data[b"FLAGS"]) for uid, data in client.fetch(uids, ["FLAGS"]).items()} if uids else {}
        )
    finally:
        client.logout()


def test_first_run_takes_everything_then_only_new_messages(
    sandbox_dovecot: SandboxDovecot, imap_folder: str
) -> None:
    sandbox_dovecot.deliver([make_mail(n) for n in range(3)], imap_folder)
    with Mailbox(mailbox_settings(sandbox_dovecot, imap_folder)) as box:
        first = box.pending(Cursor())
        taken = list(box.fetch(first))
        assert first.start is Start.FIRST
        assert [m.uid for m in taken] == [1, 2, 3]
        assert [b"Message number %d." % n in m.raw for n, m in enumerate(taken)] == [True] * 3
        assert all(m.internal_date is not None and m.uidvalidity == box.uidvalidity for m in taken)
        cursor = taken[-1].cursor
        sandbox_dovecot.deliver([make_mail(3), make_mail(4)], imap_folder)
        again = box.pending(cursor)
        assert again.start is Start.CONTINUE
        assert [m.uid for m in box.fetch(again)] == [4, 5]


def test_uid_range_past_the_newest_returns_it_and_is_filtered(
    sandbox_dovecot: SandboxDovecot, imap_folder: str
) -> None:
    sandbox_dovecot.deliver([make_mail(n) for n in range(2)], imap_folder)
    client = sandbox_dovecot.client()
    try:
        client.select_folder(imap_folder)
        assert client.search(["UID", "3:*"]) == [2]  # the server quirk the cursor must not trust
    finally:
        client.logout()
    with Mailbox(mailbox_settings(sandbox_dovecot, imap_folder)) as box:
        assert box.pending(Cursor(box.uidvalidity, 2)).uids == ()


@pytest.mark.parametrize("batch_size", [1, 2, 7])
def test_batches_return_every_message_once_in_order(
    sandbox_dovecot: SandboxDovecot, imap_folder: str, batch_size: int
) -> None:
    sandbox_dovecot.deliver([make_mail(n) for n in range(7)], imap_folder)
    with Mailbox(mailbox_settings(sandbox_dovecot, imap_folder, batch_size=batch_size)) as box:
        assert [m.uid for m in box.take(Cursor())] == list(range(1, 8))


def test_fetch_leaves_messages_unseen_and_mark_stored_sets_the_keyword(
    sandbox_dovecot: SandboxDovecot, imap_folder: str
) -> None:
    sandbox_dovecot.deliver([make_mail(n) for n in range(3)], imap_folder)
    settings = mailbox_settings(sandbox_dovecot, imap_folder)
    with Mailbox(settings) as box:
        taken = list(box.take(Cursor()))
        assert all(b"\\Seen" not in flags for flags in _flags(sandbox_dovecot, imap_folder).values())
        box.mark_stored([taken[0].uid, taken[1].uid])
    flags = _flags(sandbox_dovecot, imap_folder)
    assert [settings.done_keyword.encode() in flags[uid] for uid in (1, 2, 3)] == [True, True, False]
    assert all(b"\\Seen" not in f for f in flags.values())
    with Mailbox(settings) as box:  # even from scratch, stored messages are not taken again
        assert box.pending(Cursor()).uids == (3,)


def test_mark_stored_moves_to_the_done_folder(sandbox_dovecot: SandboxDovecot, imap_folder: str) -> None:
    done = f"{imap_folder}.done"
    client = sandbox_dovecot.client()
    client.create_folder(done)
    client.logout()
    sandbox_dovecot.deliver([make_mail(n) for n in range(2)], imap_folder)
    settings = mailbox_settings(sandbox_dovecot, imap_folder, done_folder=done)
    with Mailbox(settings) as box:
        box.mark_stored([1])
    assert list(_flags(sandbox_dovecot, imap_folder)) == [2]
    moved = _flags(sandbox_dovecot, done)
    assert len(moved) == 1
    assert settings.done_keyword.encode() in next(iter(moved.values()))


def test_missing_done_folder_is_named(sandbox_dovecot: SandboxDovecot, imap_folder: str) -> None:
    sandbox_dovecot.deliver([make_mail(0)], imap_folder)
    settings = mailbox_settings(sandbox_dovecot, imap_folder, done_folder="NoSuchFolder")
    with Mailbox(settings) as box, pytest.raises(FolderMissing, match="NoSuchFolder"):
        box.mark_stored([1])


def test_missing_queue_folder_is_named(sandbox_dovecot: SandboxDovecot) -> None:
    with pytest.raises(FolderMissing, match="NotThere"):
        Mailbox(mailbox_settings(sandbox_dovecot, "NotThere")).connect()


def test_wrong_password_names_the_variables_to_fix(own_dovecot: SandboxDovecot) -> None:
    settings = mailbox_settings(own_dovecot, "INBOX", password="wrong")
    with pytest.raises(MailboxAuthError, match="PERMBOT_IMAP_PASSWORD_FILE"):
        Mailbox(settings).connect()


def test_recreated_folder_changes_uidvalidity_and_asks_for_a_resync(
    sandbox_dovecot: SandboxDovecot, imap_folder: str
) -> None:
    sandbox_dovecot.deliver([make_mail(n) for n in range(2)], imap_folder)
    with Mailbox(mailbox_settings(sandbox_dovecot, imap_folder)) as box:
        cursor = list(box.take(Cursor()))[-1].cursor
    client = sandbox_dovecot.client()
    client.delete_folder(imap_folder)
    client.create_folder(imap_folder)
    client.logout()
    time.sleep(1.0)  # Dovecot derives UIDVALIDITY from the clock: the same second could reuse it
    sandbox_dovecot.deliver([make_mail(n) for n in range(3)], imap_folder)
    with Mailbox(mailbox_settings(sandbox_dovecot, imap_folder)) as box:
        pending = box.pending(cursor)
    assert pending.uidvalidity != cursor.uidvalidity
    assert pending.start is Start.RESYNC
    assert pending.uids == (1, 2, 3)  # all of them, though UIDs 1 and 2 are below the cursor


@pytest.mark.parametrize(
    ("ticket", "expected"),
    [(TICKET, TICKET), (None, None), ("2024133110012345", None)],  # no tag; not a real date
)
def test_ticket_number_comes_from_the_subject(
    sandbox_dovecot: SandboxDovecot, imap_folder: str, ticket: str | None, expected: str | None
) -> None:
    sandbox_dovecot.deliver([make_mail(0, ticket=ticket)], imap_folder)
    with Mailbox(mailbox_settings(sandbox_dovecot, imap_folder)) as box:
        (message,) = box.take(Cursor())
    assert message.ticket_number() == expected
    assert "Permission for photo 0" in message.subject()


def test_idle_notices_an_append_from_another_connection(
    sandbox_dovecot: SandboxDovecot, imap_folder: str
) -> None:
    with Mailbox(mailbox_settings(sandbox_dovecot, imap_folder)) as box:
        assert box.wait_for_new(0.3) is False
        timer = threading.Timer(0.3, sandbox_dovecot.deliver, ([make_mail(0)], imap_folder))
        timer.start()
        try:
            started = time.monotonic()
            assert box.wait_for_new(10.0) is True
            assert time.monotonic() - started < 5.0
        finally:
            timer.join()
        assert box.pending(Cursor()).uids == (1,)


@pytest.mark.parametrize("security", [Security.IMAPS, Security.STARTTLS])
def test_tls_checks_the_certificate_against_the_configured_ca(
    sandbox_dovecot: SandboxDovecot, imap_folder: str, security: Security
) -> None:
    access = sandbox_dovecot.access
    port = access.imaps_port if security is Security.IMAPS else access.port
    sandbox_dovecot.deliver([make_mail(0)], imap_folder)
    settings = mailbox_settings(sandbox_dovecot, imap_folder, security=security, port=port)
    with Mailbox(settings) as box:
        assert box.pending(Cursor()).uids == (1,)
    with pytest.raises(MailboxError, match="not trusted"):
        Mailbox(replace(settings, ca_file=None)).connect()  # the system CAs do not know the throwaway one


def test_server_going_away_mid_fetch_says_where_it_stopped(own_dovecot: SandboxDovecot) -> None:
    own_dovecot.deliver([make_mail(n) for n in range(6)])
    taken = []
    with Mailbox(mailbox_settings(own_dovecot, "INBOX", batch_size=2)) as box:
        messages = box.take(Cursor())

        def take_all() -> None:
            for message in messages:
                taken.append(message.uid)
                if message.uid == 3:
                    own_dovecot.stop()

        with pytest.raises(MailboxUnavailable) as caught:
            take_all()
    assert taken == [1, 2, 3, 4]  # the batch in hand is still handed out
    assert caught.value.stopped_after is not None
    assert caught.value.stopped_after.last_uid == 4
    assert "stopped after UID 4" in str(caught.value)


def test_unreachable_server_is_unavailable(sandbox_dovecot: SandboxDovecot) -> None:
    settings = mailbox_settings(sandbox_dovecot, "INBOX", port=server.free_port())
    with pytest.raises(MailboxUnavailable, match="cannot connect"):
        Mailbox(settings).connect()
