"""Engines tuned per backend, and a counter of the SQL statements they run (for tests and benchmarks).

- SQLite: WAL (readers never wait for the writer), foreign keys on, writers wait for the lock up to 30 s,
  and `BEGIN IMMEDIATE` for writing transactions (`writing()`), so one that reads first cannot fail with
  "database is locked" when another writer committed in between.
- MariaDB: utf8mb4, READ COMMITTED (a read sees the newest commit, not a stale snapshot), connections
  checked before use (ToolsDB closes idle ones); no TLS handshake on loopback or a socket (30-55 ms each).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
SQLITE_BUSY_SECONDS = 30.0
WRITE_OPTION = "permbot_write"  # execution option: this transaction will write (SQLite: BEGIN IMMEDIATE)


def _is_mysql(url: sa.URL) -> bool:
    return url.get_backend_name() in ("mysql", "mariadb")


def create_engine(url: str | sa.URL) -> sa.Engine:
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    if _is_mysql(parsed):
        return _mysql_engine(parsed)
    return sa.create_engine(parsed, pool_pre_ping=True)


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, open transactions, so BEGIN IMMEDIATE below is the only BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _mysql_engine(url: sa.URL) -> sa.Engine:
    query = dict(url.query)
    query.setdefault("charset", "utf8mb4")
    url = url.set(query=query)
    connect_args: dict[str, Any] = {}
    if "unix_socket" in query or (url.host or "localhost") in _LOOPBACK:
        connect_args["ssl_disabled"] = True
    return sa.create_engine(
        url,
        connect_args=connect_args,
        isolation_level="READ COMMITTED",
        pool_pre_ping=True,
        pool_recycle=3600,
    )


@dataclass
class QueryCounter:
    """How many statements ran while counting, and which (the SQL text, for a failing test's message)."""

    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def count_queries(engine: sa.Engine) -> Iterator[QueryCounter]:
    """Count the statements `engine` runs inside the block (`before_cursor_execute`), BEGIN/COMMIT aside."""
    counter = QueryCounter()

    def _count(
        _conn: sa.Connection, _cursor: Any, statement: str, _params: Any, _context: Any, _many: bool
    ) -> None:
        if not statement.lstrip().upper().startswith("BEGIN"):
            counter.statements.append(statement)

    event.listen(engine, "before_cursor_execute", _count)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", _count)


@contextmanager
def writing(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A transaction that will write: committed at the end of the block, rolled back on an exception."""
    with engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            yield connection


@contextmanager
def reading(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A read-only transaction (one consistent view on SQLite; READ COMMITTED on MariaDB)."""
    with engine.connect() as connection, connection.begin():
        yield connection


def inserted_id(result: sa.CursorResult[Any]) -> int:
    """The new row's integer primary key after a single-row INSERT."""
    key = result.inserted_primary_key
    if key is None or key[0] is None:  # pragma: no cover -- every table with an id autoincrements
        raise RuntimeError("the INSERT returned no primary key")
    return int(key[0])
