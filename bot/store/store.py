"""The store: one object that opens the database and hands out its parts, one per table group.

    store = Store.open("sqlite+pysqlite:////path/permbot.sqlite3", migrate=True)
    row, created = store.messages.add(raw, message_id=..., ticket=...)
    taken = store.take_messages([IncomingMessage(raw, message_id, ticket), ...])  # one transaction
    store.tickets.record_suggestion(number, SuggestionUpdate(...), files)
    page = store.tickets.list(TicketFilter(verdicts=frozenset({Verdict.CONFIRM})))

Only this package talks SQL; everything it returns is a frozen row from `bot.store.model`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

import sqlalchemy as sa

from bot.config.store import StoreSettings
from bot.store import migrate
from bot.store.caches import CacheStore
from bot.store.decisions import DecisionStore, decisions_for_ticket
from bot.store.engine import QueryCounter, count_queries, create_engine, reading, writing
from bot.store.journal import Journal, journal_for_ticket
from bot.store.leases import LeaseStore
from bot.store.messages import MessageStore, messages_for_ticket, set_read_errors, store_message
from bot.store.model import IncomingMessage, PurgeResult, SuggestionUpdate, TakenMessage, TicketDetail
from bot.store.purge import purge
from bot.store.tickets import TicketStore, ensure_ticket, load_ticket, record_suggestion

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Store:
    """The database and its parts: `messages`, `tickets`, `decisions`, `journal`, `leases`, `caches`."""

    def __init__(self, engine: sa.Engine, clock: Clock = utc_now) -> None:
        self._engine = engine
        self._clock = clock
        self.messages = MessageStore(engine, clock)
        self.tickets = TicketStore(engine, clock)
        self.decisions = DecisionStore(engine, clock)
        self.journal = Journal(engine, clock)
        self.leases = LeaseStore(engine, clock)
        self.caches = CacheStore(engine, clock)

    @classmethod
    def open(cls, url: str | sa.URL, *, migrate_schema: bool = False, clock: Clock = utc_now) -> Self:
        """Open the database at `url`. With `migrate_schema` the schema is brought to the newest revision;
        without, it must be there already (SchemaOutOfDateError names `permbot db upgrade`)."""
        engine = create_engine(url)
        try:
            if migrate_schema:
                migrate.upgrade(engine)
            else:
                migrate.require_up_to_date(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, clock)

    @classmethod
    def from_settings(cls, settings: StoreSettings, *, clock: Clock = utc_now) -> Self:
        """The configured store; the embedded SQLite default is migrated on open, other databases are not."""
        return cls.open(settings.url, migrate_schema=settings.embedded, clock=clock)

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self._engine.url.render_as_string(hide_password=True)

    @property
    def backend(self) -> str:
        """ "sqlite", "mysql" (MariaDB too) or "postgresql"."""
        return self._engine.dialect.name

    def detail(self, number: str) -> TicketDetail | None:
        """A ticket with evidence, files, messages (no raw bytes), decisions and journal: five queries."""
        with reading(self._engine) as connection:
            ticket = load_ticket(connection, number, with_evidence=True)
            if ticket is None:
                return None
            return TicketDetail(
                ticket=ticket,
                messages=messages_for_ticket(connection, number),
                decisions=decisions_for_ticket(connection, number),
                journal=journal_for_ticket(connection, number),
            )

    def take_messages(self, batch: Sequence[IncomingMessage]) -> tuple[TakenMessage, ...]:
        """Store a batch of mail and create the tickets it names, in one transaction (one commit for the
        batch, not several per message). Mail already stored is not stored again (same Message-ID or bytes);
        a mail the database refuses is stored by its bytes with its own error (see `store_message`). The
        caller marks the mail taken in its source only after this returns: nothing is taken unstored."""
        if not batch:
            return ()
        with writing(self._engine) as connection:
            now = self._clock()
            taken = tuple(store_message(connection, incoming, now) for incoming in batch)
            for number in dict.fromkeys(t.ticket for t in taken if t.ticket is not None):
                ensure_ticket(connection, number, now, now)  # the queue lists it at once
        return taken

    def record_verification(
        self,
        number: str,
        suggestion: SuggestionUpdate,
        files: Sequence[str],
        read_errors: Mapping[int, str | None],
    ) -> None:
        """A ticket's verification in one transaction: each message's read error (None: read fine) and the
        ticket's suggestion with the files it names (see TicketStore.record_suggestion)."""
        with writing(self._engine) as connection:
            now = self._clock()
            set_read_errors(connection, read_errors)
            record_suggestion(connection, number, suggestion, files, now)

    def purge(self, days: int) -> PurgeResult:
        """Drop raw mail, evidence and senders of tickets closed over `days` ago (see bot.store.purge)."""
        return purge(self._engine, self._clock(), days)

    def count_queries(self) -> AbstractContextManager[QueryCounter]:
        """Count the SQL statements run inside a `with` block (tests and benchmarks: no query per row)."""
        return count_queries(self._engine)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


@contextmanager
def opened(settings: StoreSettings) -> Iterator[Store]:
    """The configured store, closed at the end of the block."""
    store = Store.from_settings(settings)
    try:
        yield store
    finally:
        store.close()
