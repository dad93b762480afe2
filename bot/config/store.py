"""The store's settings from config/store.toml and the environment: which database, and when to purge.

`PERMBOT_DATABASE_URL` wins over the config's `url`; neither set means the embedded SQLite file. For a
MariaDB URL without credentials (Toolforge's ToolsDB), the user and password come from `TOOLSDB_USER` and
`TOOLSDB_PASSWORD`, else from the tool's `~/replica.my.cnf`, so no secret is ever written in config.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from bot.config.files import default_config_dir, read_toml
from verification.errors import ConfigError

DATABASE_URL_VARIABLE = "PERMBOT_DATABASE_URL"
TOOLSDB_USER_VARIABLE = "TOOLSDB_USER"
TOOLSDB_PASSWORD_VARIABLE = "TOOLSDB_PASSWORD"  # noqa: S105 -- a variable's name, not a password
DEFAULT_SQLITE_NAME = "permbot.sqlite3"


@dataclass(frozen=True)
class StoreSettings:
    """Where the store lives; `embedded` when it is the default SQLite file (migrated automatically)."""

    url: str
    embedded: bool
    purge_after_days: int

    def display_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return sa.make_url(self.url).render_as_string(hide_password=True)


def default_sqlite_path(environ: Mapping[str, str] = os.environ) -> Path:
    """`.state/permbot.sqlite3` in a checkout, else `$XDG_STATE_HOME/permbot/` (an installed permbot)."""
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file():
        return checkout / ".state" / DEFAULT_SQLITE_NAME
    state_home = environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state_home) / "permbot" / DEFAULT_SQLITE_NAME


def sqlite_url(path: Path) -> str:
    return sa.URL.create("sqlite+pysqlite", database=str(path.resolve())).render_as_string()


def _mysql_credentials(url: sa.URL, environ: Mapping[str, str], home: Path) -> sa.URL:
    """Fill a MariaDB URL's missing user/password from the environment or replica.my.cnf."""
    if url.get_backend_name() not in ("mysql", "mariadb") or url.username:
        return url
    user = environ.get(TOOLSDB_USER_VARIABLE)
    password = environ.get(TOOLSDB_PASSWORD_VARIABLE)
    if user and password:
        return url.set(username=user, password=password)
    cnf = home / "replica.my.cnf"
    if cnf.is_file():
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(cnf, encoding="utf-8")
            section = parser["client"]
            return url.set(username=section["user"].strip("'\""), password=section["password"].strip("'\""))
        except (configparser.Error, KeyError) as error:
            raise ConfigError(f"{cnf}: no [client] user and password ({error})") from error
    return url


def load_store_settings(
    config_dir: Path | None = None,
    environ: Mapping[str, str] = os.environ,
    home: Path | None = None,
) -> StoreSettings:
    data = read_toml(config_dir or default_config_dir(), "store.toml")
    days = data.get("purge_after_days")
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ConfigError(f"store.toml purge_after_days: must be an integer >= 1, got {days!r}")
    configured_url = data.get("url", "")
    sqlite_path = data.get("sqlite_path", "")
    if not isinstance(configured_url, str) or not isinstance(sqlite_path, str):
        raise ConfigError("store.toml url and sqlite_path: must be strings")
    url_text = environ.get(DATABASE_URL_VARIABLE) or configured_url
    if not url_text:
        path = Path(sqlite_path) if sqlite_path else default_sqlite_path(environ)
        return StoreSettings(url=sqlite_url(path), embedded=True, purge_after_days=days)
    try:
        url = sa.make_url(url_text)
    except sa.exc.ArgumentError as error:
        source = DATABASE_URL_VARIABLE if environ.get(DATABASE_URL_VARIABLE) else "store.toml url"
        raise ConfigError(f"{source}: not a database URL ({error})") from error
    url = _mysql_credentials(url, environ, home or Path.home())
    return StoreSettings(url=url.render_as_string(hide_password=False), embedded=False, purge_after_days=days)
