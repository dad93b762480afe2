"""The mailbox's settings: config/service.toml `[mailbox]`, overridden by the PERMBOT_IMAP_* variables.

The password is never read from the repository: only from `PERMBOT_IMAP_PASSWORD_FILE` (preferred: a file
only the bot can read) or `PERMBOT_IMAP_PASSWORD`. A connection without TLS is accepted only when asked for
and only to a host that resolves to loopback addresses alone (the sandbox's Dovecot).
"""

from __future__ import annotations

import enum
import ipaddress
import socket
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.config.files import default_config_dir, read_toml
from verification.errors import ConfigError

SERVICE_FILE = "service.toml"
HOST_VARIABLE = "PERMBOT_IMAP_HOST"
PORT_VARIABLE = "PERMBOT_IMAP_PORT"
USER_VARIABLE = "PERMBOT_IMAP_USER"
PASSWORD_VARIABLE = "PERMBOT_IMAP_PASSWORD"  # noqa: S105 (a variable name, not a password)
PASSWORD_FILE_VARIABLE = "PERMBOT_IMAP_PASSWORD_FILE"  # noqa: S105
SECURITY_VARIABLE = "PERMBOT_IMAP_SECURITY"
FOLDER_VARIABLE = "PERMBOT_IMAP_FOLDER"
DONE_FOLDER_VARIABLE = "PERMBOT_IMAP_DONE_FOLDER"
CA_FILE_VARIABLE = "PERMBOT_IMAP_CA_FILE"

# A host name resolves to these addresses (a seam for the loopback check; socket.getaddrinfo by default).
Resolver = Callable[[str], Iterable[str]]


class Security(enum.StrEnum):
    """How the IMAP connection is protected."""

    IMAPS = "imaps"  # TLS from the first byte (port 993)
    STARTTLS = "starttls"  # plain connection upgraded to TLS before login (port 143)
    PLAIN = "plain"  # no TLS: loopback only

    @property
    def default_port(self) -> int:
        return 993 if self is Security.IMAPS else 143


@dataclass(frozen=True)
class MailboxSettings:
    """Where and how to read the queue. `password` is kept out of repr so it never reaches a log."""

    host: str
    user: str
    password: str = field(repr=False)
    security: Security = Security.IMAPS
    port: int = 993
    folder: str = "INBOX"
    done_keyword: str = "$PermbotStored"
    done_folder: str | None = None
    batch_size: int = 50
    connect_timeout: float = 15.0
    read_timeout: float = 120.0
    ca_file: Path | None = None


def resolve_host(host: str) -> list[str]:
    """Every address `host` resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise ConfigError(f"{HOST_VARIABLE}={host!r} does not resolve: {error}") from error
    return [str(info[4][0]) for info in infos]


def only_loopback(addresses: Iterable[str]) -> bool:
    """True when there is at least one address and every one is a loopback address."""
    parsed = [ipaddress.ip_address(address.split("%", 1)[0]) for address in addresses]
    return bool(parsed) and all(address.is_loopback for address in parsed)


def check_plain_allowed(settings: MailboxSettings, resolve: Resolver = resolve_host) -> None:
    """Refuse a connection without TLS unless the host is loopback only: a password never crosses a network
    in the clear."""
    if settings.security is not Security.PLAIN:
        return
    if not only_loopback(resolve(settings.host)):
        raise ConfigError(
            f"{SECURITY_VARIABLE}=plain is only allowed for a loopback host, and {settings.host!r} is"
            f" not one: use imaps or starttls"
        )


def _setting(table: Mapping[str, Any], environ: Mapping[str, str], key: str, variable: str) -> Any:
    """The environment variable when set (non-empty), else the TOML value (None when absent)."""
    value = environ.get(variable, "").strip()
    return value if value else table.get(key)


def _positive(value: Any, name: str, *, integer: bool = False) -> float:
    if isinstance(value, str):
        try:
            value = int(value) if integer else float(value)
        except ValueError:
            raise ConfigError(f"[mailbox] {name}: must be a number, got {value!r}") from None
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(f"[mailbox] {name}: must be a number > 0, got {value!r}")
    if integer and value != int(value):
        raise ConfigError(f"[mailbox] {name}: must be a whole number, got {value!r}")
    return float(value)


def _required_text(value: Any, key: str, variable: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"no mailbox {key}: set {variable} (or {key} in [mailbox] of {SERVICE_FILE})")
    return value.strip()


def read_password(environ: Mapping[str, str]) -> str:
    """The password from the file named by PERMBOT_IMAP_PASSWORD_FILE, else from PERMBOT_IMAP_PASSWORD."""
    path = environ.get(PASSWORD_FILE_VARIABLE, "").strip()
    if path:
        try:
            password = Path(path).read_text(encoding="utf-8").strip("\r\n")
        except OSError as error:
            raise ConfigError(f"{PASSWORD_FILE_VARIABLE}={path}: cannot read it ({error.strerror})") from None
        if not password:
            raise ConfigError(f"{PASSWORD_FILE_VARIABLE}={path}: the file is empty")
        return password
    password = environ.get(PASSWORD_VARIABLE, "")
    if not password:
        raise ConfigError(f"no mailbox password: set {PASSWORD_FILE_VARIABLE} (or {PASSWORD_VARIABLE})")
    return password


def mailbox_settings_from(table: Mapping[str, Any], environ: Mapping[str, str]) -> MailboxSettings:
    """Settings from a `[mailbox]` table and the environment; a ConfigError names what to set."""
    if "password" in table:
        raise ConfigError(
            f"[mailbox] password: passwords never go into {SERVICE_FILE}; use {PASSWORD_FILE_VARIABLE}"
        )
    security_text = str(_setting(table, environ, "security", SECURITY_VARIABLE) or Security.IMAPS.value)
    try:
        security = Security(security_text.strip().lower())
    except ValueError:
        known = ", ".join(s.value for s in Security)
        raise ConfigError(f"{SECURITY_VARIABLE}={security_text!r}: must be one of {known}") from None
    port = _setting(table, environ, "port", PORT_VARIABLE)
    port_number = security.default_port if port is None else int(_positive(port, "port", integer=True))
    if port_number > 65535:
        raise ConfigError(f"{PORT_VARIABLE}={port_number}: not a TCP port")
    done_keyword = str(table.get("done_keyword", "$PermbotStored"))
    if not done_keyword or any(c in done_keyword for c in ' ()[]{%*"\\'):
        raise ConfigError(f"[mailbox] done_keyword: {done_keyword!r} is not a valid IMAP keyword")
    done_folder = _setting(table, environ, "done_folder", DONE_FOLDER_VARIABLE)
    ca_file = _setting(table, environ, "ca_file", CA_FILE_VARIABLE)
    if ca_file is not None and not Path(str(ca_file)).is_file():
        raise ConfigError(f"{CA_FILE_VARIABLE}={ca_file}: no such file")
    return MailboxSettings(
        host=_required_text(_setting(table, environ, "host", HOST_VARIABLE), "host", HOST_VARIABLE),
        user=_required_text(_setting(table, environ, "user", USER_VARIABLE), "user", USER_VARIABLE),
        password=read_password(environ),
        security=security,
        port=port_number,
        folder=_required_text(
            _setting(table, environ, "folder", FOLDER_VARIABLE) or "INBOX", "folder", FOLDER_VARIABLE
        ),
        done_keyword=done_keyword,
        done_folder=str(done_folder) if done_folder else None,
        batch_size=int(_positive(table.get("batch_size", 50), "batch_size", integer=True)),
        connect_timeout=_positive(table.get("connect_timeout", 15), "connect_timeout"),
        read_timeout=_positive(table.get("read_timeout", 120), "read_timeout"),
        ca_file=Path(str(ca_file)) if ca_file is not None else None,
    )


def load_mailbox_settings(
    environ: Mapping[str, str], config_dir: Path | None = None, resolve: Resolver = resolve_host
) -> MailboxSettings:
    """config/service.toml's `[mailbox]` with the environment on top, plain refused off loopback."""
    data = read_toml(config_dir or default_config_dir(), SERVICE_FILE)
    table = data.get("mailbox", {})
    if not isinstance(table, Mapping):
        raise ConfigError(f"[mailbox] in {SERVICE_FILE}: must be a table")
    settings = mailbox_settings_from(table, environ)
    check_plain_allowed(settings, resolve)
    return settings
