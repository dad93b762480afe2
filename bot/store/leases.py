"""Named leases: one holder at a time (one pass per wiki across processes and machines), with expiry.

Acquiring is a compare-and-set: an UPDATE that only matches a lease expired or already ours, else an
INSERT that the primary key lets only one racer win. A holder that dies stops renewing; its lease lapses.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from bot.store.engine import reading, writing
from bot.store.model import Lease
from bot.store.schema import leases

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def pass_lease_name(wiki: str) -> str:
    """The lease a pass (or a hand-run wiki command) holds on a wiki, by its API URL."""
    return f"pass:{wiki}"


def _lease(row: sa.Row[Any]) -> Lease:
    return Lease(row.name, row.holder, row.acquired_at, row.expires_at)


class LeaseStore:
    def __init__(self, engine: sa.Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    def acquire(self, name: str, holder: str, ttl: timedelta) -> Lease | None:
        """Take the lease (or extend it, if `holder` has it already); None when someone else holds it."""
        now = self._clock()
        expires = now + ttl
        ours_or_lapsed = sa.and_(
            leases.c.name == name, sa.or_(leases.c.expires_at < now, leases.c.holder == holder)
        )
        try:
            with writing(self._engine) as connection:
                taken = connection.execute(
                    leases.update()
                    .where(ours_or_lapsed)
                    .values(
                        acquired_at=sa.case((leases.c.holder == holder, leases.c.acquired_at), else_=now),
                        holder=holder,
                        expires_at=expires,
                    )
                ).rowcount
                if not taken:
                    connection.execute(
                        leases.insert().values(name=name, holder=holder, acquired_at=now, expires_at=expires)
                    )
                row = connection.execute(sa.select(leases).where(leases.c.name == name)).one()
        except sa.exc.IntegrityError:
            log.debug("lease %s: held by another holder", name)
            return None
        log.debug("lease %s: acquired by %s until %s", name, holder, expires.isoformat())
        return _lease(row)

    def renew(self, name: str, holder: str, ttl: timedelta) -> Lease | None:
        """Push the expiry on; None when the lease was lost (it lapsed and another holder took it)."""
        expires = self._clock() + ttl
        with writing(self._engine) as connection:
            renewed = connection.execute(
                leases.update()
                .where(leases.c.name == name, leases.c.holder == holder)
                .values(expires_at=expires)
            ).rowcount
            if not renewed:
                return None
            row = connection.execute(sa.select(leases).where(leases.c.name == name)).one()
        return _lease(row)

    def release(self, name: str, holder: str) -> bool:
        """Give the lease back; False when `holder` did not hold it (any more)."""
        with writing(self._engine) as connection:
            released = connection.execute(
                leases.delete().where(leases.c.name == name, leases.c.holder == holder)
            ).rowcount
        return bool(released)

    def current(self, name: str) -> Lease | None:
        """The lease as stored, if it has not expired."""
        with reading(self._engine) as connection:
            row = connection.execute(
                sa.select(leases).where(leases.c.name == name, leases.c.expires_at >= self._clock())
            ).first()
        return None if row is None else _lease(row)
