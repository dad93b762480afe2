"""Pytest fixtures for the store, on SQLite and on a real MariaDB (the same tests run on both).

- `mariadb_server` (session): a throwaway mariadbd for this pytest process (tests.support.mariadb);
  skipped with its reason only when mariadbd is not installed.
- `database_url` (function, parametrized "sqlite" / "mariadb"): a fresh, empty database's URL.
- `test_clock` (function): real time plus an offset that tests move with `advance()`.
- `store` (function): a `Store` on `database_url`, migrated, on `test_clock`.

Register this module as a plugin in the top-level conftest.py. Tests on MariaDB get the `mariadb` marker
(`-m "not mariadb"` skips them).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config.store import sqlite_url
from bot.store import Store
from tests.support import mariadb

BACKENDS = ("sqlite", "mariadb")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "mariadb: runs against the throwaway MariaDB server")
    if not hasattr(config, "workerinput"):  # the controlling process: its xdist workers share one template
        os.environ.setdefault(mariadb.RUN_VARIABLE, uuid.uuid4().hex[:12])


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        mariadb.remove_run_root()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("database_url") if callspec is not None else None
        if backend == "mariadb" or "mariadb_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.mariadb)


@pytest.fixture(scope="session")
def mariadb_server() -> Iterator[mariadb.MariaDBServer]:
    try:
        server = mariadb.start_server()
    except mariadb.MariaDBUnavailableError as error:
        pytest.skip(f"{error} (`make system-deps` installs mariadb-server)")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh empty database (no schema) on each backend."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "permbot.sqlite3")
        return
    server: mariadb.MariaDBServer = request.getfixturevalue("mariadb_server")
    name = server.create_database()
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


@dataclass
class TestClock:
    """Real time moved on by `advance()`: stores on the real clock still agree with it."""

    __test__ = False  # not a test class
    offset: timedelta = field(default_factory=timedelta)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, by: timedelta) -> None:
        self.offset += by


@pytest.fixture
def test_clock() -> TestClock:
    return TestClock()


@pytest.fixture
def store(database_url: str, test_clock: TestClock) -> Iterator[Store]:
    with Store.open(database_url, migrate_schema=True, clock=test_clock) as opened:
        yield opened
