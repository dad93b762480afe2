"""Which database the store uses: environment, config, embedded default, ToolsDB credentials."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.config.store import load_store_settings
from verification.errors import ConfigError


def _config(tmp_path: Path, url: str = "", sqlite_path: str = "", days: object = 30) -> Path:
    (tmp_path / "store.toml").write_text(
        f'url = "{url}"\nsqlite_path = "{sqlite_path}"\npurge_after_days = {json.dumps(days)}\n',
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize(
    ("config_url", "environ", "expected", "embedded"),
    [
        ("", {}, None, True),
        ("postgresql+psycopg://u:p@db/permbot", {}, "postgresql+psycopg://u:p@db/permbot", False),
        (
            "postgresql+psycopg://u:p@db/permbot",
            {"PERMBOT_DATABASE_URL": "mysql+pymysql://a:b@127.0.0.1/x"},
            "mysql+pymysql://a:b@127.0.0.1/x",
            False,
        ),
        (
            "mysql+pymysql://tools.db.svc.wikimedia.cloud/s1__permbot",
            {"TOOLSDB_USER": "s1", "TOOLSDB_PASSWORD": "secret"},
            "mysql+pymysql://s1:secret@tools.db.svc.wikimedia.cloud/s1__permbot",
            False,
        ),
    ],
)
def test_the_url_comes_from_env_then_config_then_the_embedded_default(
    tmp_path: Path, config_url: str, environ: dict[str, str], expected: str | None, embedded: bool
) -> None:
    settings = load_store_settings(_config(tmp_path, config_url), environ=environ, home=tmp_path)
    assert settings.embedded is embedded
    if expected is None:
        assert settings.url.startswith("sqlite+pysqlite:///")
        assert settings.url.endswith("/.state/permbot.sqlite3")
    else:
        assert settings.url == expected
    assert "secret" not in settings.display_url()


def test_toolsdb_credentials_from_replica_my_cnf(tmp_path: Path) -> None:
    (tmp_path / "replica.my.cnf").write_text("[client]\nuser = s52\npassword = 'pw'\n", encoding="utf-8")
    (tmp_path / "config").mkdir()
    config = _config(tmp_path / "config", "mysql+pymysql://db/s52__x")
    settings = load_store_settings(config, environ={}, home=tmp_path)
    assert settings.url == "mysql+pymysql://s52:pw@db/s52__x"


def test_a_configured_sqlite_path(tmp_path: Path) -> None:
    settings = load_store_settings(_config(tmp_path, sqlite_path=str(tmp_path / "x.db")), environ={})
    assert settings.url == f"sqlite+pysqlite:///{tmp_path / 'x.db'}"
    assert settings.embedded


@pytest.mark.parametrize(("days", "url"), [(0, ""), ("30", ""), (True, ""), (30, "no url at all")])
def test_bad_settings_are_named(tmp_path: Path, days: object, url: str) -> None:
    with pytest.raises(ConfigError, match=r"purge_after_days|url"):
        load_store_settings(_config(tmp_path, url, days=days), environ={})


def test_the_shipped_config_loads() -> None:
    settings = load_store_settings(environ={})
    assert settings.embedded
    assert settings.purge_after_days >= 1
