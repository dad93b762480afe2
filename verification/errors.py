"""Errors the verifier raises on bad input, each with a message that says what to fix."""

from __future__ import annotations

import enum


class ConfigError(ValueError):
    """A config file under config/ is missing a key or holds a value of the wrong kind."""


class UnreadableReason(enum.StrEnum):
    """Why a mail could not be read; generic codes, safe for logs (they quote nothing of the mail)."""

    EMPTY = "empty"
    NO_HEADERS = "no_headers"
    READER_FAILED = "reader_failed"


class UnreadableMessage(ValueError):
    """The bytes are not a mail we can read: empty, no headers, or a reader failed on them.

    The message text never quotes the mail, so that it may be printed and logged.
    """

    def __init__(self, reason: UnreadableReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason

    def __reduce__(self) -> tuple[type[UnreadableMessage], tuple[UnreadableReason, str]]:
        # Crosses from a reading worker to the parent: pickle must rebuild it from both arguments.
        return (type(self), (self.reason, str(self)))
