"""The review page's settings: config/review.toml, overridden by the environment; secrets only from it."""

from __future__ import annotations

import enum
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.config.files import default_config_dir, read_toml
from verification.errors import ConfigError

LOGIN_VARIABLE = "PERMBOT_REVIEW_LOGIN"
SECRET_KEY_VARIABLE = "PERMBOT_REVIEW_SECRET_KEY"  # noqa: S105 (a variable's name)
CONSUMER_KEY_VARIABLE = "PERMBOT_OAUTH_CONSUMER_KEY"
CONSUMER_SECRET_VARIABLE = "PERMBOT_OAUTH_CONSUMER_SECRET"  # noqa: S105 (a variable's name, not a secret)
WIKI_API_VARIABLE = "PERMBOT_WIKI_API"
COMMONS_API = "https://commons.wikimedia.org/w/api.php"


class LoginMode(enum.StrEnum):
    OAUTH = "oauth"  # production: Wikimedia accounts, global group
    LOCAL = "local"  # sandbox/development: the configured wiki's accounts, local group


@dataclass(frozen=True)
class ReviewSettings:
    login: LoginMode
    secret_key: str = field(repr=False)
    wiki_api: str  # the wiki whose files are shown (and, with local login, whose accounts log in)
    session_minutes: int = 120
    page_size: int = 50
    no_reply_days: int = 7
    pending_days: int = 30
    wiki_timeout_seconds: float = 4.0
    global_group: str = "vrt-permissions"
    allowed_central_ids: frozenset[int] = frozenset()
    local_group: str = "vrt-permissions"
    oauth_index_url: str = "https://meta.wikimedia.org/w/index.php"
    oauth_api_url: str = "https://meta.wikimedia.org/w/api.php"
    consumer_key: str | None = None
    consumer_secret: str | None = field(default=None, repr=False)
    secure_cookies: bool = True


def _positive(section: Mapping[str, Any], key: str, default: float) -> float:
    value = section.get(key, default)
    if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
        raise ConfigError(f"review.toml: {key} must be a positive number")
    return float(value)


def _text(section: Mapping[str, Any], key: str, default: str) -> str:
    value = section.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"review.toml: {key} must be a non-empty string")
    return value.strip()


def load_review_settings(
    config_dir: Path | None = None, environ: Mapping[str, str] | None = None
) -> ReviewSettings:
    """Read config/review.toml and the environment; a ConfigError names what to fix."""
    env = os.environ if environ is None else environ
    data = read_toml(config_dir or default_config_dir(), "review.toml")
    review, agents, oauth = data.get("review", {}), data.get("agents", {}), data.get("oauth", {})
    mode_name = env.get(LOGIN_VARIABLE, "").strip() or _text(review, "login", "local")
    try:
        mode = LoginMode(mode_name)
    except ValueError as error:
        raise ConfigError(f"review login must be 'oauth' or 'local', not {mode_name!r}") from error
    ids = agents.get("allowed_central_ids", [])
    if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise ConfigError("review.toml [agents] allowed_central_ids must be a list of integers")
    secret_key = env.get(SECRET_KEY_VARIABLE, "").strip()
    consumer_key = env.get(CONSUMER_KEY_VARIABLE, "").strip() or None
    consumer_secret = env.get(CONSUMER_SECRET_VARIABLE, "").strip() or None
    if mode is LoginMode.OAUTH:
        missing = [
            name
            for name, value in (
                (SECRET_KEY_VARIABLE, secret_key),
                (CONSUMER_KEY_VARIABLE, consumer_key),
                (CONSUMER_SECRET_VARIABLE, consumer_secret),
            )
            if not value
        ]
        if missing:
            raise ConfigError("OAuth login needs " + ", ".join(missing) + " in the environment")
    wiki_api = env.get(WIKI_API_VARIABLE, "").strip() or COMMONS_API
    return ReviewSettings(
        login=mode,
        # Local login without a configured key: a fresh key per process (sessions end with the process).
        secret_key=secret_key or secrets.token_hex(32),
        wiki_api=wiki_api,
        session_minutes=int(_positive(review, "session_minutes", 120)),
        page_size=int(_positive(review, "page_size", 50)),
        no_reply_days=int(_positive(review, "no_reply_days", 7)),
        pending_days=int(_positive(review, "pending_days", 30)),
        wiki_timeout_seconds=_positive(review, "wiki_timeout_seconds", 4.0),
        global_group=_text(agents, "global_group", "vrt-permissions"),
        allowed_central_ids=frozenset(ids),
        local_group=_text(agents, "local_group", "vrt-permissions"),
        oauth_index_url=_text(oauth, "index_url", "https://meta.wikimedia.org/w/index.php"),
        oauth_api_url=_text(oauth, "api_url", "https://meta.wikimedia.org/w/api.php"),
        consumer_key=consumer_key,
        consumer_secret=consumer_secret,
        secure_cookies=mode is LoginMode.OAUTH,  # production is served over HTTPS only
    )
