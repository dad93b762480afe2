"""Migrations from an empty database, on SQLite and MariaDB: the migrated schema is the one the code uses."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot.store import SchemaOutOfDateError, Store, migrate
from bot.store.engine import create_engine
from bot.store.schema import metadata


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_from_empty_builds_the_schema_the_code_uses(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        assert migrate.status(engine).current is None
        status = migrate.upgrade(engine)
        assert status.up_to_date
        assert _tables(engine) == set(metadata.tables)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "target_metadata": metadata}
            )
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_downgrade_to_base_and_upgrade_again(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        migrate.upgrade(engine)
        assert migrate.downgrade(engine, "base").current is None
        assert _tables(engine) == set()
        assert migrate.upgrade(engine).up_to_date
        assert migrate.upgrade(engine).up_to_date  # again: nothing to do
    finally:
        engine.dispose()


def test_an_unmigrated_database_is_refused_with_the_command_to_run(database_url: str) -> None:
    with pytest.raises(SchemaOutOfDateError, match="permbot db upgrade"):
        Store.open(database_url)


def test_open_with_migration_then_without(database_url: str) -> None:
    Store.open(database_url, migrate_schema=True).close()
    with Store.open(database_url) as store:
        assert store.tickets.list().total == 0
