"""Types shared by the sandbox modules: accounts, the sample content description, errors."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from verification.errors import ConfigError


class SandboxError(RuntimeError):
    """The sandbox could not be built, started or driven; the message says what to do about it."""


class SandboxApiError(SandboxError):
    """The sandbox wiki answered an API request with an error (code as MediaWiki names it)."""

    def __init__(self, code: str, info: str) -> None:
        super().__init__(f"API error {code}: {info}")
        self.code = code
        self.info = info


class AccountRole(enum.StrEnum):
    """Who an account is for: the bot itself, an ordinary second user (edit conflicts, fixtures), or a
    permissions agent (the review page's local login)."""

    BOT = "bot"
    OTHER = "other"
    AGENT = "agent"


@dataclass(frozen=True)
class Account:
    """Login data of a sandbox account; the bot's user is in BotPassword form `Name@app`."""

    role: AccountRole
    user: str
    password: str

    def to_json(self) -> dict[str, str]:
        return {"role": self.role.value, "user": self.user, "password": self.password}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        try:
            return cls(AccountRole(data["role"]), str(data["user"]), str(data["password"]))
        except (KeyError, ValueError) as err:
            raise SandboxError(f"bad account record in sandbox.json: {err}") from err


def _require(data: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise ConfigError(f"{where}{key}: expected {kind.__name__}, got {type(value).__name__}")
    return value


@dataclass(frozen=True)
class SampleFile:
    """One sample upload: file name, image size, EXIF text fields by name, and the description page."""

    name: str
    width: int
    height: int
    exif: Mapping[str, str]
    text: str
    protect: str | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str = "files[].") -> Self:
        exif = _require(data, "exif", dict, where)
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in exif.items()):
            raise ConfigError(f"{where}exif: expected a table of strings")
        protect = data.get("protect")
        if protect is not None and not isinstance(protect, str):
            raise ConfigError(f"{where}protect: expected a protection level such as 'sysop'")
        return cls(
            name=_require(data, "name", str, where),
            width=_require(data, "width", int, where),
            height=_require(data, "height", int, where),
            exif=dict(exif),
            text=_require(data, "text", str, where),
            protect=protect,
        )


@dataclass(frozen=True)
class SandboxContent:
    """What a fresh sandbox wiki holds besides the templates dump (read from bot/sandbox/content.json)."""

    sitename: str
    bot_user: str
    bot_app: str
    bot_grants: tuple[str, ...]
    other_user: str
    agent_user: str
    agent_group: str  # the local group the review page's local login admits (settings.php defines it)
    admin_user: str
    interwiki: Mapping[str, str]
    upload_timestamp: str
    files: tuple[SampleFile, ...]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        accounts = _require(data, "accounts", dict, "")
        bot = _require(accounts, "bot", dict, "accounts.")
        grants = _require(bot, "grants", list, "accounts.bot.")
        if not all(isinstance(grant, str) for grant in grants):
            raise ConfigError("accounts.bot.grants: expected a list of grant names")
        other = _require(accounts, "other", dict, "accounts.")
        agent = _require(accounts, "agent", dict, "accounts.")
        admin = _require(accounts, "admin", dict, "accounts.")
        interwiki = _require(data, "interwiki", dict, "")
        files = _require(data, "files", list, "")
        return cls(
            sitename=_require(data, "sitename", str, ""),
            bot_user=_require(bot, "user", str, "accounts.bot."),
            bot_app=_require(bot, "app", str, "accounts.bot."),
            bot_grants=tuple(grants),
            other_user=_require(other, "user", str, "accounts.other."),
            agent_user=_require(agent, "user", str, "accounts.agent."),
            agent_group=_require(agent, "group", str, "accounts.agent."),
            admin_user=_require(admin, "user", str, "accounts.admin."),
            interwiki={str(k): str(v) for k, v in interwiki.items()},
            upload_timestamp=_require(data, "upload_timestamp", str, ""),
            files=tuple(SampleFile.from_mapping(item, f"files[{i}].") for i, item in enumerate(files)),
        )
