"""Column types that behave the same on SQLite, MariaDB and PostgreSQL.

MariaDB needs its own spellings: DATETIME drops microseconds unless fsp=6, and a plain BLOB holds 64 KiB.
Times are stored as naive UTC and handed back timezone-aware.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import Dialect

_MYSQL = ("mysql", "mariadb")

# The migrations use these too, so the schema they build is the one the code expects.
DATETIME = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), *_MYSQL)
BYTES = sa.LargeBinary().with_variant(mysql.LONGBLOB(), *_MYSQL)
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")  # SQLite autoincrements INTEGER keys only
TEXT = sa.Text().with_variant(mysql.MEDIUMTEXT(), *_MYSQL)
LONG_TEXT = sa.Text().with_variant(mysql.LONGTEXT(), *_MYSQL)


class UtcDateTime(sa.TypeDecorator[datetime]):
    """An aware UTC datetime in Python, naive UTC in the database (every backend can store that)."""

    impl = sa.DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name in _MYSQL:
            return dialect.type_descriptor(mysql.DATETIME(fsp=6))
        return dialect.type_descriptor(sa.DateTime())

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the store takes timezone-aware datetimes only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class JsonDocument(sa.TypeDecorator[Any]):
    """A JSON value kept as text: the same bytes on every backend (MariaDB's JSON is LONGTEXT anyway)."""

    impl = sa.Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name in _MYSQL:
            return dialect.type_descriptor(mysql.LONGTEXT())
        return dialect.type_descriptor(sa.Text())

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return json.loads(value)
