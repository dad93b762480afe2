"""Agents' decisions: recorded when an agent acts on the review page, carried out by the service.

A decision is pending until the service has done its wiki work (at once, or in the next pass when the
wiki was away); it then records the result, so the page can show it back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.store.engine import inserted_id, reading, writing
from bot.store.errors import NotFoundError, UnknownTicketError
from bot.store.model import DecisionAction, DecisionRow, DecisionState, JsonObject
from bot.store.schema import decisions

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def decision_row(row: sa.Row[Any]) -> DecisionRow:
    return DecisionRow(
        id=row.id,
        ticket=row.ticket,
        agent=row.agent,
        action=DecisionAction(row.action),
        params=row.params,
        created_at=row.created_at,
        state=DecisionState(row.state),
        carried_out_at=row.carried_out_at,
        result=row.result,
    )


def decisions_for_ticket(connection: sa.Connection, ticket: str) -> tuple[DecisionRow, ...]:
    rows = connection.execute(
        sa.select(decisions).where(decisions.c.ticket == ticket).order_by(decisions.c.id)
    )
    return tuple(decision_row(row) for row in rows)


class DecisionStore:
    def __init__(self, engine: sa.Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    def record(
        self, ticket: str, agent: str, action: DecisionAction, params: JsonObject | None = None
    ) -> DecisionRow:
        """Record what an agent asked for (pending). The ticket must exist (UnknownTicketError otherwise)."""
        values = {
            "ticket": ticket,
            "agent": agent,
            "action": action.value,
            "params": dict(params or {}),
            "created_at": self._clock(),
            "state": DecisionState.PENDING.value,
        }
        try:
            with writing(self._engine) as connection:
                new_id = inserted_id(connection.execute(decisions.insert().values(values)))
                row = connection.execute(sa.select(decisions).where(decisions.c.id == new_id)).one()
        except sa.exc.IntegrityError as error:
            raise UnknownTicketError(f"no ticket {ticket} in the store") from error
        log.info("ticket %s: decision %s by %s recorded", ticket, action.value, agent)
        return decision_row(row)

    def get(self, decision_id: int) -> DecisionRow | None:
        with reading(self._engine) as connection:
            row = connection.execute(sa.select(decisions).where(decisions.c.id == decision_id)).first()
        return None if row is None else decision_row(row)

    def pending(self, *, limit: int = 500) -> tuple[DecisionRow, ...]:
        """Decisions not carried out yet, oldest first."""
        with reading(self._engine) as connection:
            rows = connection.execute(
                sa.select(decisions)
                .where(decisions.c.state == DecisionState.PENDING.value)
                .order_by(decisions.c.id)
                .limit(limit)
            )
            return tuple(decision_row(row) for row in rows)

    def for_ticket(self, ticket: str) -> tuple[DecisionRow, ...]:
        with reading(self._engine) as connection:
            return decisions_for_ticket(connection, ticket)

    def mark_done(self, decision_id: int, result: str) -> DecisionRow:
        return self._settle(decision_id, DecisionState.DONE, result)

    def mark_failed(self, decision_id: int, result: str) -> DecisionRow:
        return self._settle(decision_id, DecisionState.FAILED, result)

    def _settle(self, decision_id: int, state: DecisionState, result: str) -> DecisionRow:
        with writing(self._engine) as connection:
            updated = connection.execute(
                decisions.update()
                .where(decisions.c.id == decision_id)
                .values(state=state.value, result=result, carried_out_at=self._clock())
            ).rowcount
            if not updated:
                raise NotFoundError(f"no decision {decision_id} in the store")
            row = connection.execute(sa.select(decisions).where(decisions.c.id == decision_id)).one()
        return decision_row(row)
