"""Schema migrations (Alembic), run in code: no alembic.ini, so they work from an installed package too."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from bot.store.errors import SchemaOutOfDateError

log = logging.getLogger(__name__)

SCRIPT_LOCATION = "bot.store:migrations"


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None  # the database's revision; None for an empty database
    head: str  # the revision this permbot expects

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def _config(connection: sa.Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:  # pragma: no cover -- the package ships its migrations
        raise RuntimeError("the store's migrations are missing from the package")
    return head


def status(engine: sa.Engine) -> SchemaStatus:
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return SchemaStatus(current=current, head=head_revision())


def upgrade(engine: sa.Engine, revision: str = "head") -> SchemaStatus:
    """Bring the schema to `revision` (default: the newest); a no-op when it is there already."""
    with engine.begin() as connection:
        command.upgrade(_config(connection), revision)
    result = status(engine)
    log.info("store schema at %s", result.current)
    return result


def downgrade(engine: sa.Engine, revision: str) -> SchemaStatus:
    """Take the schema back to `revision` ("base": no tables). Drops data; for tests and rollbacks."""
    with engine.begin() as connection:
        command.downgrade(_config(connection), revision)
    return status(engine)


def require_up_to_date(engine: sa.Engine) -> None:
    found = status(engine)
    if not found.up_to_date:
        where = "empty" if found.current is None else f"at revision {found.current}"
        raise SchemaOutOfDateError(
            f"the database schema is {where}, this permbot needs {found.head}: run `permbot db upgrade`"
        )
