"""Pytest fixtures for tests against a real Dovecot (the sandbox's, bot.sandbox.dovecot).

- `sandbox_dovecot` (session): one Dovecot per test session (per xdist worker) on 127.0.0.1, with TLS on
  (plain IMAP and STARTTLS on `access.port`, IMAPS on `access.imaps_port`, certificate from a throwaway CA).
- `imap_folder` (function): a fresh, empty folder of its own for the test, deleted afterwards; point the
  settings at it with `mailbox_settings(sandbox_dovecot, imap_folder)`.
- `make_mail(n, ticket=...)`: a small distinct message, for delivering with `sandbox_dovecot.deliver`.

Registered in tests/conftest.py's `pytest_plugins`.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.config.mailbox import MailboxSettings, Security
from bot.sandbox.dovecot import SandboxDovecot

KEEP_ENV = "PERMBOT_KEEP_SANDBOX"
_FOLDER_NUMBERS = itertools.count(1)


def mailbox_settings(dovecot: SandboxDovecot, folder: str, **overrides: Any) -> MailboxSettings:
    """Settings for the sandbox Dovecot's plain port (loopback) and `folder`; keyword args override."""
    access = dovecot.access
    settings = MailboxSettings(
        host=access.host,
        user=access.user,
        password=access.password,
        security=Security.PLAIN,
        port=access.port,
        folder=folder,
        batch_size=10,
        connect_timeout=5.0,
        read_timeout=10.0,
        ca_file=Path(access.ca_file) if access.ca_file else None,
    )
    return replace(settings, **overrides)


def make_mail(
    n: int, ticket: str | None = "2024051410012345", body: str = "I release it under CC BY-SA 4.0."
) -> bytes:
    """A distinct test message; `ticket=None` leaves the ticket tag out of the subject."""
    tag = f"[Ticket#{ticket}] " if ticket else ""
    return (
        f"From: Holder {n} <holder{n}@example.org>\r\n"
        f"To: permissions-commons@wikimedia.org\r\n"
        f"Subject: {tag}Permission for photo {n}\r\n"
        f"Message-ID: <test-{n}@example.org>\r\n"
        f"Date: Tue, 14 May 2024 10:00:00 +0000\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n"
        f"\r\n"
        f"{body}\r\nMessage number {n}.\r\n"
    ).encode()


@pytest.fixture(scope="session")
def sandbox_dovecot() -> Iterator[SandboxDovecot]:
    """The session's Dovecot, TLS on, in a folder under /tmp (its mail user must reach the Maildir)."""
    folder = Path(tempfile.mkdtemp(prefix="permbot-test-imap-"))
    dovecot = SandboxDovecot.start(folder / "imap", tls=True)
    try:
        yield dovecot
    finally:
        dovecot.stop()
        if not os.environ.get(KEEP_ENV):
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def imap_folder(sandbox_dovecot: SandboxDovecot) -> Iterator[str]:
    """An empty folder for this test alone (tests share the session's Dovecot)."""
    name = f"test{os.getpid()}x{next(_FOLDER_NUMBERS)}"
    client = sandbox_dovecot.client()
    try:
        client.create_folder(name)
    finally:
        client.logout()
    yield name
    client = sandbox_dovecot.client()
    try:
        for folder in (f"{name}.done", name):
            if client.folder_exists(folder):
                client.delete_folder(folder)
    finally:
        client.logout()
