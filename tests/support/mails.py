"""Small ticket mails for pipeline tests, and a reader that fails on cue (sent to worker processes)."""

from __future__ import annotations

import time

from verification.facts import TicketReading
from verification.reading import ReadingVocabulary, read_ticket

RAISES = b"X-Test-Reader: raise"
HANGS = b"X-Test-Reader: hang"
SECRET = "Confidential words of the mail"


def plain_mail(number: int, extra_header: bytes = b"") -> bytes:
    """A release from a free-mail sender naming no website: verified without any fetch."""
    ticket = f"20240514{10000000 + number:08d}"
    return (
        b"From: Jane Roe <jane.roe@gmail.com>\r\nTo: permissions-commons@wikimedia.org\r\n"
        + f"Subject: [Ticket#{ticket}] permission\r\n".encode()
        + b"Date: Tue, 14 May 2024 10:12:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + extra_header
        + (b"\r\n" if extra_header else b"")
        + f"\r\nI, Jane Roe, release File:View_{number}.jpg under CC BY-SA 4.0.\r\n\r\nJane Roe\r\n".encode()
    )


def reader_failing_on_cue(raw: bytes, vocab: ReadingVocabulary) -> TicketReading:
    """read_ticket, except that it raises (quoting mail text) or hangs when the mail asks for it."""
    if RAISES in raw:
        raise ValueError(SECRET)
    if HANGS in raw:
        time.sleep(600)
    return read_ticket(raw, vocab)
