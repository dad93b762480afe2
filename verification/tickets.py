"""VRTS ticket numbers: find the one a mail belongs to, and refuse anything that is not a real one.

The wiki side writes the number into `{{PermissionTicket|id=N}}`; a wrong id lands the file in Commons'
"Items with incorrect VRTS ticket ID", so the check is strict: 16 ASCII digits whose first eight are a real
date YYYYMMDD with a year in 1980..3000 (Znuny's date-based numbers). A caller that knows the day (the
wiki commands) also refuses numbers dated after it: a ticket cannot have been opened tomorrow.
"""

from __future__ import annotations

import datetime
import re

_DIGITS = frozenset("0123456789")
_TICKET_LENGTH = 16
_MIN_YEAR = 1980
_MAX_YEAR = 3000
# Tickets are numbered in the queue's local time; the caller's day is UTC: allow the day ahead.
_FUTURE_SLACK = datetime.timedelta(days=1)
# Znuny's Ticket::Hook as Wikimedia's VRTS writes it: "[Ticket#2024051410012345]" in the subject; bodies
# and quoted replies also carry it without the brackets ("Ticket#2024051410012345", "Ticket# 2024...").
# Written so that no two quantifiers can share a run of spaces (that backtracks quadratically and worse).
_TICKET_TAG = re.compile(r"\bTicket\s*#\s*(?::\s*)?([0-9]{16})(?![0-9])", re.IGNORECASE)
_TAG_IN_SUBJECT = re.compile(r"\[\s*Ticket\s*#\s*(?::\s*)?(?:[0-9]+\s*)?\]", re.IGNORECASE)
# A reply/forward prefix in any language: a short word (Re, AW, Fwd, WG, TR, RV, SV, Odp, Doorst, 回复, ...),
# optionally numbered ("Re[2]", "Re(3)"), then a colon. Short on purpose: "Permission:" is not a prefix.
_SUBJECT_PREFIX = re.compile(r"\s*([^\W\d_]{1,6})\s*(?:(?:\[\d+\]|\(\d+\))\s*)?[:：]\s*")


def validate_ticket_id(value: str, today: datetime.date | None = None) -> str:
    """Return the ticket number without surrounding whitespace, or raise ValueError saying what is wrong.

    With `today` (UTC), a number dated more than a day after it is refused too.
    """
    ticket = value.strip()
    if len(ticket) != _TICKET_LENGTH or not set(ticket) <= _DIGITS:
        raise ValueError(f"a ticket number has {_TICKET_LENGTH} digits 0-9, got {ticket!r}")
    year, month, day = int(ticket[:4]), int(ticket[4:6]), int(ticket[6:8])
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ValueError(f"a ticket number starts with a year in {_MIN_YEAR}..{_MAX_YEAR}, got {year}")
    try:
        opened = datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"a ticket number starts with a real date YYYYMMDD, got {ticket[:8]}") from None
    if today is not None and opened > today + _FUTURE_SLACK:
        raise ValueError(
            f"a ticket number starts with the day it was opened; {ticket[:8]} is after today ({today:%Y%m%d})"
        )
    return ticket


def is_ticket_id(value: str) -> bool:
    """True when `value` is a valid ticket number (see validate_ticket_id)."""
    try:
        validate_ticket_id(value)
    except ValueError:
        return False
    return True


def find_ticket_number(subject: str, text: str) -> str | None:
    """The first valid ticket number tagged in the subject, else in the body text (quoted text included)."""
    for source in (subject, text):
        for match in _TICKET_TAG.finditer(source):
            if is_ticket_id(match.group(1)):
                return match.group(1)
    return None


def split_subject_prefixes(subject: str) -> tuple[tuple[str, ...], str]:
    """Drop ticket tags, then peel reply/forward prefixes: (("Re", "Fwd"), "rest of the subject").

    Prefixes come back as written, so callers can tell forwards from replies with their own vocabulary.
    """
    rest = _TAG_IN_SUBJECT.sub(" ", subject).strip()
    prefixes: list[str] = []
    position = 0
    while match := _SUBJECT_PREFIX.match(rest, position):
        if match.end() >= len(rest):
            break
        prefixes.append(match.group(1))
        position = match.end()
    return tuple(prefixes), rest[position:].strip()
