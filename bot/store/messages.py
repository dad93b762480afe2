"""The queue's mail as read, and how far each mailbox folder was taken.

A message is stored once: a second copy with the same Message-ID or the same bytes (a UIDVALIDITY resync, a
message moved and read again) returns the stored one. Unique indexes decide, so two readers racing on the
same mail cannot both store it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.store.engine import inserted_id, reading, writing
from bot.store.model import MailboxCursor, MessageRow
from bot.store.schema import mailbox_cursors, messages

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


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
        """Store a mail unless it is already there (same Message-ID or same bytes).

        Returns the stored row (without raw bytes) and whether it was new. `ticket` is the number read from
        the subject (None: stored and shown, never acted on); `read_error` a generic code when it could
        not be read.
        """
        digest = content_sha256(raw)
        id_key = message_id_key(message_id)
        existing = self._find(digest, id_key)
        if existing is not None:
            return existing, False
        values = {
            "sha256": digest,
            "message_id": message_id,
            "message_id_sha256": id_key,
            "source_key": source_key,
            "size": len(raw),
            "raw": raw,
            "received_at": received_at,
            "stored_at": self._clock(),
            "ticket": ticket,
            "read_error": read_error,
        }
        try:
            with writing(self._engine) as connection:
                new_id = inserted_id(connection.execute(messages.insert().values(values)))
        except sa.exc.IntegrityError:
            # Another reader stored the same mail between our look-up and our insert.
            raced = self._find(digest, id_key)
            if raced is None:
                raise
            return raced, False
        log.debug("stored message %s (%d bytes) for ticket %s", new_id, len(raw), ticket)
        stored = self.get(new_id, with_raw=False)
        if stored is None:  # pragma: no cover -- just inserted in a committed transaction
            raise LookupError(f"message {new_id} vanished after insert")
        return stored, True

    def _find(self, digest: str, id_key: str | None) -> MessageRow | None:
        condition = messages.c.sha256 == digest
        if id_key is not None:
            condition = sa.or_(condition, messages.c.message_id_sha256 == id_key)
        with reading(self._engine) as connection:
            row = connection.execute(
                sa.select(*_SUMMARY_COLUMNS).where(condition).order_by(messages.c.id).limit(1)
            ).first()
        return None if row is None else _row(row)

    def contains(self, raw: bytes, message_id: str | None) -> bool:
        """Whether this mail is stored already (for skipping a fetch after a resync)."""
        return self._find(content_sha256(raw), message_id_key(message_id)) is not None

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
            connection.execute(messages.update().where(messages.c.id == message_id).values(read_error=code))

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


def messages_for_ticket(connection: sa.Connection, ticket: str) -> tuple[MessageRow, ...]:
    rows = connection.execute(
        sa.select(*_SUMMARY_COLUMNS).where(messages.c.ticket == ticket).order_by(messages.c.id)
    )
    return tuple(_row(row) for row in rows)
