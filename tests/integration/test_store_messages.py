"""Messages and mailbox cursors on SQLite and MariaDB: nothing stored twice, raw bytes kept exactly."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime

from bot.store import Store

TICKET = "2025010110000011"


def test_a_new_message_is_stored_with_its_bytes(store: Store) -> None:
    raw = b"Subject: [Ticket#2025010110000011]\r\n\r\n\x00\xff binary \xe9t\xe9\r\n"
    received = datetime(2025, 1, 1, 10, 0, 0, 123456, tzinfo=UTC)
    row, created = store.messages.add(
        raw, message_id="<m1@example.org>", ticket=TICKET, source_key="INBOX/7/1", received_at=received
    )
    assert created
    assert row.raw is None  # summaries come without the private bytes
    assert (row.ticket, row.source_key, row.size, row.received_at) == (
        TICKET,
        "INBOX/7/1",
        len(raw),
        received,
    )
    loaded = store.messages.get(row.id)
    assert loaded is not None
    assert loaded.raw == raw


def test_same_message_id_with_other_bytes_is_not_stored_again(store: Store) -> None:
    first, _ = store.messages.add(b"one", message_id="<m1@example.org>", ticket=TICKET)
    again, created = store.messages.add(
        b"one, moved: new headers", message_id=" m1@example.org ", ticket=TICKET
    )
    assert not created
    assert again.id == first.id


def test_same_bytes_without_message_id_are_not_stored_again(store: Store) -> None:
    first, _ = store.messages.add(b"same bytes", message_id=None, ticket=None)
    again, created = store.messages.add(b"same bytes", message_id="<other@example.org>", ticket=None)
    assert not created
    assert again.id == first.id


def test_different_messages_are_both_stored(store: Store) -> None:
    _, first = store.messages.add(b"a", message_id="<a@x>", ticket=TICKET)
    _, second = store.messages.add(b"b", message_id="<b@x>", ticket=TICKET)
    _, third = store.messages.add(b"c", message_id="", ticket=TICKET)  # empty Message-ID: bytes decide
    _, fourth = store.messages.add(b"d", message_id=None, ticket=TICKET)
    assert (first, second, third, fourth) == (True, True, True, True)
    assert [m.size for m in store.messages.for_ticket(TICKET)] == [1, 1, 1, 1]
    assert [m.message_id for m in store.messages.for_ticket(TICKET)] == ["<a@x>", "<b@x>", "", None]


def test_a_long_hostile_message_id_is_kept_and_deduplicated(store: Store) -> None:
    long_id = "<" + "x" * 5000 + "\u00e9@example.org>"
    first, created = store.messages.add(b"long id", message_id=long_id, ticket=None)
    assert created
    assert first.message_id == long_id
    assert not store.messages.add(b"long id, other bytes", message_id=long_id, ticket=None)[1]


def test_several_megabytes_round_trip(store: Store) -> None:
    raw = os.urandom(6 * 1024 * 1024)
    row, _ = store.messages.add(raw, message_id=None, ticket=None)
    loaded = store.messages.get(row.id)
    assert loaded is not None
    assert loaded.raw == raw


def test_racing_readers_store_a_message_once(store: Store) -> None:
    barrier = threading.Barrier(4)
    results: list[bool] = []

    def add() -> None:
        barrier.wait()
        results.append(store.messages.add(b"raced", message_id="<race@x>", ticket=None)[1])

    threads = [threading.Thread(target=add) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == [False, False, False, True]


def test_read_error_is_recorded(store: Store) -> None:
    row, _ = store.messages.add(b"garbage", message_id=None, ticket=None, read_error="too_large")
    assert row.read_error == "too_large"
    store.messages.set_read_error(row.id, None)
    loaded = store.messages.get(row.id, with_raw=False)
    assert loaded is not None
    assert loaded.read_error is None


def test_mailbox_cursor_is_created_then_moved(store: Store) -> None:
    assert store.messages.get_cursor("INBOX") is None
    store.messages.set_cursor("INBOX", 1700000000, 10)
    store.messages.set_cursor("INBOX", 1700000000, 42)
    store.messages.set_cursor("Done", 5, 1)
    cursor = store.messages.get_cursor("INBOX")
    assert cursor is not None
    assert (cursor.uidvalidity, cursor.last_uid) == (1700000000, 42)
    store.messages.set_cursor("INBOX", 1800000000, 0)  # UIDVALIDITY changed: a full resync starts
    cursor = store.messages.get_cursor("INBOX")
    assert cursor is not None
    assert (cursor.uidvalidity, cursor.last_uid) == (1800000000, 0)
