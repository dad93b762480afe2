"""The queue's mail as read, and how far each mailbox folder was taken.

A message is stored once: a second copy with the same Message-ID or the same bytes (a UIDVALIDITY resync, a
message moved and read again) returns the stored one. Unique indexes decide, so two readers racing on the
same mail cannot both store it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.store.engine import inserted_id, reading, writing
from bot.store.model import IncomingMessage, MailboxCursor, MessageRow, TakenMessage
from bot.store.schema import mailbox_cursors, messages

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
UNSTORABLE = "unstorable"  # the read error of a mail whose headers the database refused


def content_sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def message_id_key(message_id: str | None) -> str | None:
    """The SHA-256 of a Message-ID without its angle brackets and blanks; None for a missing or empty one."""
    if message_id is None:
        return None
    normalised = message_id.strip().strip("<>").strip()
    if not normalised:
        return None
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


_SUMMARY_COLUMNS = [c for c in messages.c if c.name != "raw"]


def _row(row: sa.Row[Any], raw: bytes | None = None) -> MessageRow:
    return MessageRow(
        id=row.id,
        sha256=row.sha256,
        message_id=row.message_id,
        source_key=row.source_key,
        size=row.size,
        received_at=row.received_at,
        stored_at=row.stored_at,
        ticket=row.ticket,
        read_error=row.read_error,
        purged_at=row.purged_at,
        raw=raw,
    )


class MessageStore:
    def __init__(self, engine: sa.Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    def add(
        self,
        raw: bytes,
        *,
        message_id: str | None,
        ticket: str | None,
        source_key: str | None = None,
        received_at: datetime | None = None,
        read_error: str | None = None,
    ) -> tuple[MessageRow, bool]:
        """Store one mail unless it is already there (same Message-ID or same bytes), in a transaction of
        its own; a batch from a mailbox goes through `Store.take_messages` (one transaction for all).

        Returns the stored row (without raw bytes) and whether it was new. `ticket` is the number read from
        the subject (None: stored and shown, never acted on); `read_error` a generic code when it could
        not be read.
        """
        incoming = IncomingMessage(raw, message_id, ticket, source_key, received_at, read_error)
        with writing(self._engine) as connection:
            taken = store_message(connection, incoming, self._clock())
            row = connection.execute(sa.select(*_SUMMARY_COLUMNS).where(messages.c.id == taken.id)).one()
        return _row(row), taken.new

    def contains(self, raw: bytes, message_id: str | None) -> bool:
        """Whether this mail is stored already (for skipping a fetch after a resync)."""
        with reading(self._engine) as connection:
            return _find(connection, content_sha256(raw), message_id_key(message_id)) is not None

    def get(self, message_id: int, *, with_raw: bool = True) -> MessageRow | None:
        columns = [*_SUMMARY_COLUMNS, messages.c.raw] if with_raw else _SUMMARY_COLUMNS
        with reading(self._engine) as connection:
            row = connection.execute(sa.select(*columns).where(messages.c.id == message_id)).first()
        if row is None:
            return None
        return _row(row, row.raw if with_raw else None)

    def for_ticket(self, ticket: str) -> tuple[MessageRow, ...]:
        """A ticket's messages in the order they were stored, without raw bytes."""
        with reading(self._engine) as connection:
            return messages_for_ticket(connection, ticket)

    def raw_for_ticket(self, ticket: str, *, limit: int = 50) -> dict[int, bytes]:
        """The raw bytes of a ticket's messages by id, in one query (the review page shows them as text);
        purged messages are left out. Private: never log what comes back."""
        with reading(self._engine) as connection:
            rows = connection.execute(
                sa.select(messages.c.id, messages.c.raw)
                .where(messages.c.ticket == ticket, messages.c.raw.is_not(None))
                .order_by(messages.c.id)
                .limit(limit)
            )
            return {row.id: row.raw for row in rows}

    def set_read_error(self, message_id: int, code: str | None) -> None:
        with writing(self._engine) as connection:
            set_read_errors(connection, {message_id: code})

    def get_cursor(self, mailbox: str) -> MailboxCursor | None:
        with reading(self._engine) as connection:
            row = connection.execute(
                sa.select(mailbox_cursors).where(mailbox_cursors.c.mailbox == mailbox)
            ).first()
        if row is None:
            return None
        return MailboxCursor(row.mailbox, row.uidvalidity, row.last_uid, row.updated_at)

    def set_cursor(self, mailbox: str, uidvalidity: int, last_uid: int) -> MailboxCursor:
        """Record how far `mailbox` was taken (call after the messages up to `last_uid` are stored)."""
        now = self._clock()
        values = {"uidvalidity": uidvalidity, "last_uid": last_uid, "updated_at": now}
        with writing(self._engine) as connection:
            updated = connection.execute(
                mailbox_cursors.update().where(mailbox_cursors.c.mailbox == mailbox).values(values)
            ).rowcount
            if not updated:
                connection.execute(mailbox_cursors.insert().values(mailbox=mailbox, **values))
        return MailboxCursor(mailbox, uidvalidity, last_uid, now)


_BY_DIGEST = (
    sa.select(*_SUMMARY_COLUMNS)
    .where(messages.c.sha256 == sa.bindparam("digest"))
    .order_by(messages.c.id)
    .limit(1)
)
_BY_DIGEST_OR_ID = (
    sa.select(*_SUMMARY_COLUMNS)
    .where(
        sa.or_(
            messages.c.sha256 == sa.bindparam("digest"),
            messages.c.message_id_sha256 == sa.bindparam("id_key"),
        )
    )
    .order_by(messages.c.id)
    .limit(1)
)


def _find(connection: sa.Connection, digest: str, id_key: str | None) -> MessageRow | None:
    """The stored mail with these bytes or this Message-ID (statements built once: run for every mail)."""
    if id_key is None:
        row = connection.execute(_BY_DIGEST, {"digest": digest}).first()
    else:
        row = connection.execute(_BY_DIGEST_OR_ID, {"digest": digest, "id_key": id_key}).first()
    return None if row is None else _row(row)


def _insert(connection: sa.Connection, incoming: IncomingMessage, now: datetime) -> int:
    values = {
        "sha256": content_sha256(incoming.raw),
        "message_id": incoming.message_id,
        "message_id_sha256": message_id_key(incoming.message_id),
        "source_key": incoming.source_key,
        "size": len(incoming.raw),
        "raw": incoming.raw,
        "received_at": incoming.received_at,
        "stored_at": now,
        "ticket": incoming.ticket,
        "read_error": incoming.read_error,
    }
    with connection.begin_nested():  # a savepoint: a refused row leaves the batch's others intact
        return inserted_id(connection.execute(messages.insert(), values))


def store_message(connection: sa.Connection, incoming: IncomingMessage, now: datetime) -> TakenMessage:
    """Store one mail inside the caller's transaction unless it is there already.

    Another reader storing the same mail between the look-up and the insert makes the unique indexes
    refuse ours: the stored one is returned. A row the database refuses for another reason (a header it
    cannot take) is stored by its bytes alone, without the Message-ID, with the read error `unstorable`:
    a hostile mail keeps its own error and never fails the other mails of its batch.
    """
    digest = content_sha256(incoming.raw)
    existing = _find(connection, digest, message_id_key(incoming.message_id))
    if existing is not None:
        return TakenMessage(existing.id, existing.ticket, False, existing.read_error)
    try:
        new_id = _insert(connection, incoming, now)
    except sa.exc.IntegrityError:
        raced = _find(connection, digest, message_id_key(incoming.message_id))
        if raced is None:
            raise
        return TakenMessage(raced.id, raced.ticket, False, raced.read_error)
    except (sa.exc.StatementError, UnicodeError) as error:  # refused by the database or its driver
        cause = error.orig if isinstance(error, sa.exc.StatementError) else error
        log.warning(
            "the database refused a message's headers (%s): stored by its bytes with error %s",
            type(cause).__name__,
            UNSTORABLE,
        )
        incoming = dataclasses.replace(incoming, message_id=None, read_error=UNSTORABLE)
        new_id = _insert(connection, incoming, now)
    log.debug("stored message %s (%d bytes) for ticket %s", new_id, len(incoming.raw), incoming.ticket)
    return TakenMessage(new_id, incoming.ticket, True, incoming.read_error)


def set_read_errors(connection: sa.Connection, errors: Mapping[int, str | None]) -> None:
    """Each message's read error (None: read fine), one UPDATE per distinct code."""
    by_code: dict[str | None, list[int]] = {}
    for message_id, code in errors.items():
        by_code.setdefault(code, []).append(message_id)
    for code, ids in by_code.items():
        connection.execute(messages.update().where(messages.c.id.in_(ids)).values(read_error=code))


def messages_for_ticket(connection: sa.Connection, ticket: str) -> tuple[MessageRow, ...]:
    rows = connection.execute(
        sa.select(*_SUMMARY_COLUMNS).where(messages.c.ticket == ticket).order_by(messages.c.id)
    )
    return tuple(_row(row) for row in rows)
