"""Mailbox settings from [mailbox] + PERMBOT_IMAP_*, the loopback rule for plain IMAP, and the pure parts of
bot.mail.imap (which UIDs are new, the subject's ticket number)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.config.mailbox import (
    MailboxSettings,
    Security,
    check_plain_allowed,
    load_mailbox_settings,
    mailbox_settings_from,
    only_loopback,
)
from bot.mail.imap import Cursor, Start, new_uids, ticket_number_of
from verification.errors import ConfigError

BASE_ENV = {
    "PERMBOT_IMAP_HOST": "imap.example.org",
    "PERMBOT_IMAP_USER": "bot",
    "PERMBOT_IMAP_PASSWORD": "pw",
}


@pytest.mark.parametrize(
    ("addresses", "expected"),
    [
        (["127.0.0.1"], True),
        (["::1"], True),
        (["127.0.0.1", "::1"], True),
        (["127.0.0.1", "192.0.2.10"], False),  # one public address is enough to refuse
        (["192.0.2.10"], False),
        (["10.0.0.1"], False),  # private is not loopback
        ([], False),
    ],
)
def test_only_loopback(addresses: list[str], expected: bool) -> None:
    assert only_loopback(addresses) is expected


@pytest.mark.parametrize(
    ("security", "host", "allowed"),
    [
        (Security.PLAIN, "127.0.0.1", True),
        (Security.PLAIN, "localhost", True),
        (Security.PLAIN, "192.0.2.10", False),
        (Security.PLAIN, "imap.example.org", False),
        (Security.IMAPS, "imap.example.org", True),
        (Security.STARTTLS, "192.0.2.10", True),
    ],
)
def test_plain_only_to_loopback(security: Security, host: str, allowed: bool) -> None:
    resolved = {"localhost": ["127.0.0.1", "::1"], "imap.example.org": ["192.0.2.20"]}
    settings = MailboxSettings(host=host, user="bot", password="pw", security=security)
    if allowed:
        check_plain_allowed(settings, lambda name: resolved.get(name, [name]))
    else:
        with pytest.raises(ConfigError, match="PERMBOT_IMAP_SECURITY=plain is only allowed for a loopback"):
            check_plain_allowed(settings, lambda name: resolved.get(name, [name]))


@pytest.mark.parametrize(
    ("table", "env", "expected"),
    [
        ({}, {}, {"host": "imap.example.org", "port": 993, "security": Security.IMAPS, "folder": "INBOX"}),
        ({"security": "starttls"}, {}, {"port": 143, "security": Security.STARTTLS}),
        ({"port": 1993, "folder": "Queue"}, {}, {"port": 1993, "folder": "Queue"}),
        (
            {"folder": "Queue"},
            {"PERMBOT_IMAP_FOLDER": "Other", "PERMBOT_IMAP_PORT": "2000"},
            {"folder": "Other", "port": 2000},
        ),
        ({"host": "a.example"}, {}, {"host": "imap.example.org"}),  # the environment wins
        ({"done_folder": "Done", "batch_size": 5}, {}, {"done_folder": "Done", "batch_size": 5}),
        ({}, {"PERMBOT_IMAP_SECURITY": "PLAIN"}, {"security": Security.PLAIN, "port": 143}),
    ],
)
def test_settings_from_table_and_environment(
    table: dict[str, Any], env: dict[str, str], expected: dict[str, Any]
) -> None:
    settings = mailbox_settings_from(table, {**BASE_ENV, **env})
    assert {key: getattr(settings, key) for key in expected} == expected
    assert settings.password == "pw"
    assert "pw" not in repr(settings)


@pytest.mark.parametrize(
    ("table", "env", "message"),
    [
        ({}, {"PERMBOT_IMAP_HOST": ""}, "set PERMBOT_IMAP_HOST"),
        ({}, {"PERMBOT_IMAP_USER": ""}, "set PERMBOT_IMAP_USER"),
        ({}, {"PERMBOT_IMAP_PASSWORD": ""}, "set PERMBOT_IMAP_PASSWORD_FILE"),
        ({"password": "x"}, {}, "passwords never go into service.toml"),
        ({}, {"PERMBOT_IMAP_SECURITY": "tls"}, "must be one of imaps, starttls, plain"),
        ({"port": 0}, {}, "port: must be a number > 0"),
        ({}, {"PERMBOT_IMAP_PORT": "99999"}, "not a TCP port"),
        ({"batch_size": 1.5}, {}, "batch_size: must be a whole number"),
        ({"done_keyword": "two words"}, {}, "not a valid IMAP keyword"),
        ({}, {"PERMBOT_IMAP_PASSWORD_FILE": "/nonexistent/pw"}, "PERMBOT_IMAP_PASSWORD_FILE=/nonexistent/pw"),
        ({}, {"PERMBOT_IMAP_CA_FILE": "/nonexistent/ca.pem"}, "no such file"),
    ],
)
def test_bad_settings_say_what_to_fix(table: dict[str, Any], env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        mailbox_settings_from(table, {**BASE_ENV, **env})


def test_password_file_wins_and_loses_its_newline(tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("from-file\n")
    settings = mailbox_settings_from({}, {**BASE_ENV, "PERMBOT_IMAP_PASSWORD_FILE": str(secret)})
    assert settings.password == "from-file"


def test_shipped_service_toml_loads_and_refuses_plain_off_loopback() -> None:
    assert load_mailbox_settings(BASE_ENV, resolve=lambda _: ["192.0.2.20"]).security is Security.IMAPS
    with pytest.raises(ConfigError, match="loopback"):
        load_mailbox_settings(
            {**BASE_ENV, "PERMBOT_IMAP_SECURITY": "plain"}, resolve=lambda _: ["192.0.2.20"]
        )


@pytest.mark.parametrize(
    ("found", "cursor", "uidvalidity", "uids", "start"),
    [
        ([3, 1, 2], Cursor(), 7, (1, 2, 3), Start.FIRST),
        ([5], Cursor(7, 5), 7, (), Start.CONTINUE),  # `UID 6:*` answers with the newest, 5
        ([6, 7, 5], Cursor(7, 5), 7, (6, 7), Start.CONTINUE),
        ([1, 2], Cursor(7, 5), 8, (1, 2), Start.RESYNC),  # a new UIDVALIDITY: UIDs below the cursor count
        ([], Cursor(7, 5), 7, (), Start.CONTINUE),
    ],
)
def test_new_uids(
    found: list[int], cursor: Cursor, uidvalidity: int, uids: tuple[int, ...], start: Start
) -> None:
    assert new_uids(found, cursor, uidvalidity) == (uids, start)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"Subject: [Ticket#2024051410012345] Photo\r\n\r\nbody", "2024051410012345"),
        (b"Subject: Re: [Ticket#2024051410012345]\n\nbody", "2024051410012345"),
        (b"Subject: =?utf-8?q?=5BTicket#2024051410012345=5D_Foto?=\r\n\r\n", "2024051410012345"),
        (b"Subject: Permission for my photo\r\n\r\n[Ticket#2024051410012345]", None),  # body is not looked at
        (b"Subject: [Ticket#2024991410012345] bad date\r\n\r\n", None),
        (b"From: a@b\r\n\r\nno subject", None),
        (b"", None),
        (b"Subject: =?bogus?x?zz?=\r\n\r\n", None),
    ],
)
def test_ticket_number_of_subject(raw: bytes, expected: str | None) -> None:
    assert ticket_number_of(raw) == expected
