"""Dropping private data once it is no longer needed: the raw mail and evidence of closed tickets.

Cached lookups (bot.store.caches) are evidence too (a site's addresses and text): the expired ones go,
and so does any entry stored more than `days` ago, whatever its time to live says.

What stays: ticket numbers, status, verdicts, reason codes, files, decisions and the journal of wiki
actions. The sender's address and the reasons' wording (which can quote the mail) go with the evidence.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import sqlalchemy as sa

from bot.store.engine import writing
from bot.store.model import PurgeResult, TicketStatus
from bot.store.schema import cache_entries, messages, tickets

log = logging.getLogger(__name__)


def purge(engine: sa.Engine, now: datetime, days: int) -> PurgeResult:
    """Purge tickets closed more than `days` ago, their messages, and ticketless mail stored that long ago."""
    if days < 1:
        raise ValueError("days must be >= 1")
    cutoff = now - timedelta(days=days)
    with writing(engine) as connection:
        due = list(
            connection.execute(
                sa.select(tickets.c.number, tickets.c.reasons).where(
                    tickets.c.status == TicketStatus.CLOSED.value,
                    tickets.c.closed_at < cutoff,
                    tickets.c.purged_at.is_(None),
                )
            )
        )
        for number, reasons in due:
            kept = [{"code": r["code"], "message": "", "verdict": r["verdict"]} for r in reasons]
            connection.execute(
                tickets.update()
                .where(tickets.c.number == number)
                .values(evidence=None, sender=None, reasons=kept, purged_at=now)
            )
        numbers = [number for number, _reasons in due]
        mail_due = sa.or_(
            messages.c.ticket.in_(numbers) if numbers else sa.false(),
            sa.and_(messages.c.ticket.is_(None), messages.c.stored_at < cutoff),
        )
        purged_messages = connection.execute(
            messages.update().where(mail_due, messages.c.purged_at.is_(None)).values(raw=None, purged_at=now)
        ).rowcount
        purged_entries = connection.execute(
            cache_entries.delete().where(
                sa.or_(cache_entries.c.expires_at <= now, cache_entries.c.stored_at < cutoff)
            )
        ).rowcount
    log.info("purge: %d tickets, %d messages, %d cache entries", len(due), purged_messages, purged_entries)
    return PurgeResult(tickets=len(due), messages=purged_messages, cache_entries=purged_entries)
