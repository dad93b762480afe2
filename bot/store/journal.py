"""The journal of wiki actions: the intent is written before the save, the result after.

An entry still `planned` after a crash is unsettled: the next pass reads the page and either marks it done
(the page is already in the wanted state) or saves again. Entries are never deleted, not even by the purge.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.store.engine import inserted_id, reading, writing
from bot.store.errors import NotFoundError
from bot.store.model import JournalEntry, JournalState, JsonObject, WikiAction
from bot.store.schema import wiki_actions

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def journal_entry(row: sa.Row[Any]) -> JournalEntry:
    return JournalEntry(
        id=row.id,
        wiki=row.wiki,
        ticket=row.ticket,
        title=row.title,
        action=WikiAction(row.action),
        params=row.params,
        state=JournalState(row.state),
        base_revid=row.base_revid,
        new_revid=row.new_revid,
        outcome=row.outcome,
        detail=row.detail,
        decision_id=row.decision_id,
        created_at=row.created_at,
        settled_at=row.settled_at,
    )


def journal_for_ticket(connection: sa.Connection, ticket: str) -> tuple[JournalEntry, ...]:
    rows = connection.execute(
        sa.select(wiki_actions).where(wiki_actions.c.ticket == ticket).order_by(wiki_actions.c.id)
    )
    return tuple(journal_entry(row) for row in rows)


class Journal:
    def __init__(self, engine: sa.Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    def plan(
        self,
        wiki: str,
        title: str,
        action: WikiAction,
        *,
        ticket: str | None,
        params: JsonObject | None = None,
        base_revid: int | None = None,
        decision_id: int | None = None,
    ) -> JournalEntry:
        """Write the intent, committed, before the save is attempted."""
        values = {
            "wiki": wiki,
            "ticket": ticket,
            "title": title,
            "action": action.value,
            "params": dict(params or {}),
            "state": JournalState.PLANNED.value,
            "base_revid": base_revid,
            "decision_id": decision_id,
            "created_at": self._clock(),
        }
        with writing(self._engine) as connection:
            new_id = inserted_id(connection.execute(wiki_actions.insert().values(values)))
            row = connection.execute(sa.select(wiki_actions).where(wiki_actions.c.id == new_id)).one()
        return journal_entry(row)

    def mark_done(
        self,
        entry_id: int,
        *,
        outcome: str,
        new_revid: int | None,
        base_revid: int | None = None,
        detail: str | None = None,
    ) -> JournalEntry:
        """The page is in the wanted state: saved as `new_revid`, or already so (`new_revid` None)."""
        values: dict[str, Any] = {"new_revid": new_revid}
        if base_revid is not None:
            values["base_revid"] = base_revid
        return self._settle(entry_id, JournalState.DONE, outcome, detail, values)

    def mark_failed(self, entry_id: int, *, outcome: str, detail: str | None = None) -> JournalEntry:
        """The save did not happen and will not be retried for this entry (a later pass plans anew)."""
        return self._settle(entry_id, JournalState.FAILED, outcome, detail, {})

    def _settle(
        self,
        entry_id: int,
        state: JournalState,
        outcome: str,
        detail: str | None,
        values: dict[str, Any],
    ) -> JournalEntry:
        with writing(self._engine) as connection:
            updated = connection.execute(
                wiki_actions.update()
                .where(wiki_actions.c.id == entry_id)
                .values(state=state.value, outcome=outcome, detail=detail, settled_at=self._clock(), **values)
            ).rowcount
            if not updated:
                raise NotFoundError(f"no journal entry {entry_id} in the store")
            row = connection.execute(sa.select(wiki_actions).where(wiki_actions.c.id == entry_id)).one()
        log.debug("journal %s: %s (%s)", entry_id, state.value, outcome)
        return journal_entry(row)

    def get(self, entry_id: int) -> JournalEntry | None:
        with reading(self._engine) as connection:
            row = connection.execute(sa.select(wiki_actions).where(wiki_actions.c.id == entry_id)).first()
        return None if row is None else journal_entry(row)

    def unsettled(self, wiki: str | None = None) -> tuple[JournalEntry, ...]:
        """Intents without a result (a pass died between plan and settle), oldest first."""
        condition = wiki_actions.c.state == JournalState.PLANNED.value
        if wiki is not None:
            condition = sa.and_(condition, wiki_actions.c.wiki == wiki)
        with reading(self._engine) as connection:
            rows = connection.execute(sa.select(wiki_actions).where(condition).order_by(wiki_actions.c.id))
            return tuple(journal_entry(row) for row in rows)

    def for_ticket(self, ticket: str) -> tuple[JournalEntry, ...]:
        with reading(self._engine) as connection:
            return journal_for_ticket(connection, ticket)
