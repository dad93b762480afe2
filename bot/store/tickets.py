"""Tickets: the bot's current suggestion, the files they name, agents' corrections, and the queue's list.

Listing is a fixed number of queries whatever the page size (the review page's queue must not run a query
per ticket): the page, its files, the totals.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.store.engine import reading, writing
from bot.store.errors import NotFoundError, UnknownTicketError
from bot.store.model import (
    FileSource,
    SuggestionUpdate,
    TicketFile,
    TicketFilter,
    TicketOrder,
    TicketPage,
    TicketRow,
    TicketStatus,
    VerdictOverride,
)
from bot.store.schema import messages, ticket_files, tickets
from verification.model import Reason, Verdict

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

_SUMMARY_COLUMNS = [c for c in tickets.c if c.name != "evidence"]
_EFFECTIVE_VERDICT = sa.func.coalesce(tickets.c.override_verdict, tickets.c.verdict)


def reasons_to_json(reasons: Iterable[Reason]) -> list[dict[str, str]]:
    return [{"code": r.code, "message": r.message, "verdict": r.verdict.value} for r in reasons]


def reasons_from_json(data: Sequence[Mapping[str, str]]) -> tuple[Reason, ...]:
    return tuple(Reason(item["code"], item["message"], Verdict(item["verdict"])) for item in data)


def _override(row: sa.Row[Any]) -> VerdictOverride | None:
    if row.override_verdict is None:
        return None
    return VerdictOverride(Verdict(row.override_verdict), row.override_by, row.override_note, row.override_at)


def _ticket(
    row: sa.Row[Any], files: Sequence[TicketFile] = (), evidence: Mapping[str, object] | None = None
) -> TicketRow:
    return TicketRow(
        number=row.number,
        status=TicketStatus(row.status),
        first_seen_at=row.first_seen_at,
        updated_at=row.updated_at,
        closed_at=row.closed_at,
        sender=row.sender,
        language=row.language,
        verdict=None if row.verdict is None else Verdict(row.verdict),
        provisional=row.provisional,
        verify_attempts=row.verify_attempts,
        verified_at=row.verified_at,
        reasons=reasons_from_json(row.reasons),
        purged_at=row.purged_at,
        override=_override(row),
        files=tuple(files),
        evidence=evidence,
    )


def _file(row: sa.Row[Any]) -> TicketFile:
    return TicketFile(
        title=row.title,
        added_by=FileSource(row.added_by),
        agent=row.agent,
        removed=row.removed,
        note=row.note,
        added_at=row.added_at,
        pending_since=row.pending_since,
    )


def _files_by_ticket(connection: sa.Connection, numbers: Sequence[str]) -> dict[str, list[TicketFile]]:
    files: dict[str, list[TicketFile]] = defaultdict(list)
    if not numbers:
        return files
    rows = connection.execute(
        sa.select(ticket_files).where(ticket_files.c.ticket.in_(numbers)).order_by(ticket_files.c.id)
    )
    for row in rows:
        files[row.ticket].append(_file(row))
    return files


def load_ticket(connection: sa.Connection, number: str, *, with_evidence: bool) -> TicketRow | None:
    """One ticket with its files (two queries); used by `TicketStore.get` and the detail view."""
    columns = [*_SUMMARY_COLUMNS, tickets.c.evidence] if with_evidence else _SUMMARY_COLUMNS
    row = connection.execute(sa.select(*columns).where(tickets.c.number == number)).first()
    if row is None:
        return None
    files = _files_by_ticket(connection, [number])[number]
    return _ticket(row, files, row.evidence if with_evidence else None)


def _filter_conditions(selection: TicketFilter) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if selection.status is not None:
        conditions.append(tickets.c.status == selection.status.value)
    verdict_conditions: list[sa.ColumnElement[bool]] = []
    if selection.verdicts:
        verdict_conditions.append(_EFFECTIVE_VERDICT.in_(sorted(v.value for v in selection.verdicts)))
    if selection.unverified:
        verdict_conditions.append(_EFFECTIVE_VERDICT.is_(None))
    if verdict_conditions:
        conditions.append(sa.or_(*verdict_conditions))
    if selection.language is not None:
        conditions.append(tickets.c.language == selection.language)
    if selection.seen_before is not None:
        conditions.append(tickets.c.first_seen_at < selection.seen_before)
    if selection.seen_after is not None:
        conditions.append(tickets.c.first_seen_at >= selection.seen_after)
    return conditions


def _order(order: TicketOrder) -> list[sa.ColumnElement[Any]]:
    if order is TicketOrder.NEWEST:
        return [tickets.c.first_seen_at.desc(), tickets.c.number.desc()]
    if order is TicketOrder.DEADLINE:
        deadline = (
            sa.select(sa.func.min(ticket_files.c.pending_since))
            .where(ticket_files.c.ticket == tickets.c.number, ticket_files.c.removed.is_(False))
            .scalar_subquery()
        )
        # "NULLS LAST" spelled so every backend understands it.
        return [deadline.is_(None), deadline, tickets.c.first_seen_at, tickets.c.number]
    return [tickets.c.first_seen_at, tickets.c.number]


class TicketStore:
    def __init__(self, engine: sa.Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    def ensure(
        self,
        number: str,
        *,
        first_seen_at: datetime | None = None,
        sender: str | None = None,
        language: str | None = None,
    ) -> TicketRow:
        """The ticket, created (open, not verified yet) when the store does not know it."""
        now = self._clock()
        with writing(self._engine) as connection:
            ensure_ticket(connection, number, first_seen_at or now, now, sender, language)
            ticket = load_ticket(connection, number, with_evidence=False)
        if ticket is None:  # pragma: no cover -- created above in the same transaction
            raise UnknownTicketError(number)
        return ticket

    def record_suggestion(
        self, number: str, suggestion: SuggestionUpdate, files: Sequence[str] = ()
    ) -> TicketRow:
        """Keep the verifier's latest answer for a ticket (creating the ticket if needed).

        Counts a verification attempt. `files` are the titles the bot read from the ticket's mail: new ones
        are added; files already known stay (an agent's removal stands).
        """
        with writing(self._engine) as connection:
            record_suggestion(connection, number, suggestion, files, self._clock())
            ticket = load_ticket(connection, number, with_evidence=False)
        if ticket is None:  # pragma: no cover
            raise UnknownTicketError(number)
        return ticket

    def add_file(self, number: str, title: str, *, agent: str, note: str | None = None) -> TicketRow:
        """An agent's correction: the ticket covers this file too (a removed file is restored)."""
        now = self._clock()
        with writing(self._engine) as connection:
            self._require(connection, number)
            if not _mark_file(connection, number, title, removed=False, agent=agent, note=note):
                _add_files(connection, number, [title], FileSource.AGENT, agent, note, now)
            connection.execute(tickets.update().where(tickets.c.number == number).values(updated_at=now))
            return self._load(connection, number)

    def remove_file(self, number: str, title: str, *, agent: str, note: str | None = None) -> TicketRow:
        """An agent's correction: the ticket does not cover this file (kept, marked removed)."""
        now = self._clock()
        with writing(self._engine) as connection:
            self._require(connection, number)
            if not _mark_file(connection, number, title, removed=True, agent=agent, note=note):
                raise NotFoundError(f"ticket {number} has no file {title!r}")
            connection.execute(tickets.update().where(tickets.c.number == number).values(updated_at=now))
            return self._load(connection, number)

    def set_pending_since(self, number: str, title: str, pending_since: datetime | None) -> None:
        """The date of the file's pending tag, read from the wiki: it orders the queue by deadline."""
        with writing(self._engine) as connection:
            connection.execute(
                ticket_files.update()
                .where(ticket_files.c.ticket == number, ticket_files.c.title == title)
                .values(pending_since=pending_since)
            )

    def override_verdict(
        self, number: str, verdict: Verdict | None, *, agent: str, note: str | None = None
    ) -> TicketRow:
        """An agent's verdict replaces the bot's in lists and filters; None withdraws the override."""
        now = self._clock()
        values: dict[str, Any] = {
            "override_verdict": None if verdict is None else verdict.value,
            "override_by": None if verdict is None else agent,
            "override_note": None if verdict is None else note,
            "override_at": None if verdict is None else now,
            "updated_at": now,
        }
        with writing(self._engine) as connection:
            self._require(connection, number)
            connection.execute(tickets.update().where(tickets.c.number == number).values(values))
            return self._load(connection, number)

    def close(self, number: str) -> TicketRow:
        """The ticket is answered; its private data is purged `purge_after_days` later."""
        now = self._clock()
        with writing(self._engine) as connection:
            self._require(connection, number)
            connection.execute(
                tickets.update()
                .where(tickets.c.number == number, tickets.c.status == TicketStatus.OPEN.value)
                .values(status=TicketStatus.CLOSED.value, closed_at=now, updated_at=now)
            )
            return self._load(connection, number)

    def get(self, number: str, *, with_evidence: bool = True) -> TicketRow | None:
        with reading(self._engine) as connection:
            return load_ticket(connection, number, with_evidence=with_evidence)

    def needing_verification(
        self, *, max_attempts: int, started_before: datetime, limit: int = 100
    ) -> tuple[str, ...]:
        """Open tickets to verify in a pass that started at `started_before`, oldest first: never verified;
        a mail stored after the last verification (a reply adding files or fixing the license); or
        provisional, fewer than `max_attempts` times, and not yet this pass."""
        newer_mail = (
            sa.select(messages.c.id)
            .where(messages.c.ticket == tickets.c.number, messages.c.stored_at > tickets.c.verified_at)
            .exists()
        )
        retry = sa.and_(
            tickets.c.provisional.is_(True),
            tickets.c.verify_attempts < max_attempts,
            tickets.c.verified_at < started_before,
        )
        condition = sa.and_(
            tickets.c.status == TicketStatus.OPEN.value,
            sa.or_(tickets.c.verdict.is_(None), newer_mail, retry),
        )
        with reading(self._engine) as connection:
            rows = connection.execute(
                sa.select(tickets.c.number).where(condition).order_by(tickets.c.first_seen_at).limit(limit)
            )
            return tuple(rows.scalars())

    def list(
        self,
        selection: TicketFilter | None = None,
        *,
        order: TicketOrder = TicketOrder.OLDEST,
        offset: int = 0,
        limit: int = 50,
    ) -> TicketPage:
        """A page of tickets with their files, and the queue's totals: five queries whatever the page size."""
        if offset < 0 or limit < 1:
            raise ValueError("offset must be >= 0 and limit >= 1")
        conditions = _filter_conditions(selection or TicketFilter())
        with reading(self._engine) as connection:
            total = connection.execute(
                sa.select(sa.func.count()).select_from(tickets).where(*conditions)
            ).scalar_one()
            rows = connection.execute(
                sa.select(*_SUMMARY_COLUMNS)
                .where(*conditions)
                .order_by(*_order(order))
                .offset(offset)
                .limit(limit)
            ).all()
            files = _files_by_ticket(connection, [row.number for row in rows])
            open_tickets = tickets.c.status == TicketStatus.OPEN.value
            counts: dict[Verdict | None, int] = {}
            for verdict, count in connection.execute(
                sa.select(_EFFECTIVE_VERDICT, sa.func.count())
                .where(open_tickets)
                .group_by(_EFFECTIVE_VERDICT)
            ):
                counts[None if verdict is None else Verdict(verdict)] = count
            oldest = connection.execute(sa.select(sa.func.min(tickets.c.first_seen_at)).where(open_tickets))
            oldest_seen = oldest.scalar_one()
        return TicketPage(
            tickets=tuple(_ticket(row, files[row.number]) for row in rows),
            total=total,
            counts=counts,
            oldest_open_seen_at=oldest_seen,
        )

    def _require(self, connection: sa.Connection, number: str) -> None:
        if connection.execute(sa.select(tickets.c.number).where(tickets.c.number == number)).first() is None:
            raise UnknownTicketError(f"no ticket {number} in the store")

    @staticmethod
    def _load(connection: sa.Connection, number: str) -> TicketRow:
        ticket = load_ticket(connection, number, with_evidence=False)
        if ticket is None:  # pragma: no cover -- checked by _require in the same transaction
            raise UnknownTicketError(number)
        return ticket


def _add_files(
    connection: sa.Connection,
    number: str,
    titles: Iterable[str],
    source: FileSource,
    agent: str | None,
    note: str | None,
    now: datetime,
) -> None:
    wanted = list(dict.fromkeys(titles))
    if not wanted:
        return
    known = set(
        connection.execute(
            sa.select(ticket_files.c.title).where(
                ticket_files.c.ticket == number, ticket_files.c.title.in_(wanted)
            )
        ).scalars()
    )
    new = [
        {
            "ticket": number,
            "title": title,
            "added_by": source.value,
            "agent": agent,
            "removed": False,
            "note": note,
            "added_at": now,
        }
        for title in wanted
        if title not in known
    ]
    if new:
        connection.execute(ticket_files.insert(), new)


def ensure_ticket(
    connection: sa.Connection,
    number: str,
    first_seen_at: datetime,
    now: datetime,
    sender: str | None = None,
    language: str | None = None,
) -> None:
    """Create the ticket (open, not verified yet) inside the caller's transaction unless it exists."""
    exists = connection.execute(sa.select(tickets.c.number).where(tickets.c.number == number)).first()
    if exists is not None:
        return
    try:
        with connection.begin_nested():
            connection.execute(
                tickets.insert(),
                {
                    "number": number,
                    "status": TicketStatus.OPEN.value,
                    "first_seen_at": first_seen_at,
                    "updated_at": now,
                    "sender": sender,
                    "language": language,
                    "provisional": False,
                    "verify_attempts": 0,
                    "reasons": [],
                },
            )
    except sa.exc.IntegrityError:
        log.debug("ticket %s created concurrently", number)


def record_suggestion(
    connection: sa.Connection,
    number: str,
    suggestion: SuggestionUpdate,
    files: Sequence[str],
    now: datetime,
) -> None:
    """The verifier's answer for a ticket, in the caller's transaction (TicketStore.record_suggestion)."""
    ensure_ticket(connection, number, now, now, suggestion.sender, suggestion.language)
    values: dict[str, Any] = {
        "verdict": suggestion.verdict.value,
        "reasons": reasons_to_json(suggestion.reasons),
        "provisional": suggestion.provisional,
        "verify_attempts": tickets.c.verify_attempts + 1,
        "verified_at": now,
        "updated_at": now,
    }
    if suggestion.evidence is not None:
        values["evidence"] = dict(suggestion.evidence)
    if suggestion.sender is not None:
        values["sender"] = suggestion.sender
    if suggestion.language is not None:
        values["language"] = suggestion.language
    connection.execute(tickets.update().where(tickets.c.number == number).values(values))
    _add_files(connection, number, files, FileSource.BOT, None, None, now)
    log.info("ticket %s: %s%s", number, suggestion.verdict.value, " (provisional)" * suggestion.provisional)


def _mark_file(
    connection: sa.Connection, number: str, title: str, *, removed: bool, agent: str, note: str | None
) -> bool:
    """An agent's mark on one of the ticket's files (removed or restored); False when it has no such file."""
    changed = connection.execute(
        ticket_files.update()
        .where(ticket_files.c.ticket == number, ticket_files.c.title == title)
        .values(removed=removed, agent=agent, note=note)
    ).rowcount
    return bool(changed)
