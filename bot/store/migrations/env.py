"""Alembic's entry point: runs migrations on the connection `bot.store.migrate` hands over.

There is no alembic.ini: `bot.store.migrate` builds the Alembic config in code, so the migrations work from
an installed package too. SQLite gets batch mode (it cannot ALTER most things in place).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from bot.store.schema import metadata


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, sa.Connection):
        raise RuntimeError("run migrations through `permbot db upgrade` (bot.store.migrate)")
    _run(connection)


run_migrations_online()
