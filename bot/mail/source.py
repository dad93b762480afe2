"""What every message source yields: one mail, named by where it came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MessageInput:
    """One mail to verify: where it came from (a path, `box.mbox#3`, an IMAP UID) and its bytes.

    `error` is set when the source could not deliver this message (a missing file, an unreadable
    maildir entry): it still takes its place in the batch, and becomes that message's error.
    """

    source: str
    raw: bytes
    error: str | None = None
