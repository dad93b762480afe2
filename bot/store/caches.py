"""Caches of outside lookups (a holder's site, WHOIS) with expiry, so passes do not fetch again.

Keys can be long URLs: rows are found by the key's SHA-256; the key itself is kept for inspection.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from bot.store.engine import reading, writing
from bot.store.schema import cache_entries

Clock = Callable[[], datetime]


def _key_sha256(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class CacheStore:
    def __init__(self, engine: sa.Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    def get(self, kind: str, key: str) -> Any | None:
        """The cached JSON value, or None when missing or expired."""
        with reading(self._engine) as connection:
            value = connection.execute(
                sa.select(cache_entries.c.value).where(
                    cache_entries.c.kind == kind,
                    cache_entries.c.key_sha256 == _key_sha256(key),
                    cache_entries.c.expires_at > self._clock(),
                )
            ).scalar_one_or_none()
        return value

    def put(self, kind: str, key: str, value: Any, ttl: timedelta) -> None:
        """Cache a JSON-serialisable value for `ttl` (replacing what was there)."""
        now = self._clock()
        where = (cache_entries.c.kind == kind, cache_entries.c.key_sha256 == _key_sha256(key))
        values = {"key": key, "value": value, "stored_at": now, "expires_at": now + ttl}
        for _attempt in range(2):
            try:
                with writing(self._engine) as connection:
                    if not connection.execute(cache_entries.update().where(*where).values(values)).rowcount:
                        connection.execute(
                            cache_entries.insert().values(kind=kind, key_sha256=_key_sha256(key), **values)
                        )
                return
            except sa.exc.IntegrityError:
                continue  # another writer inserted it first: update theirs
        raise RuntimeError(f"cache entry {kind} could not be written")

    def expire(self) -> int:
        """Delete expired entries; returns how many."""
        with writing(self._engine) as connection:
            return connection.execute(
                cache_entries.delete().where(cache_entries.c.expires_at <= self._clock())
            ).rowcount
