"""What the store hands out: frozen rows and the enums of their states, never SQLAlchemy objects.

Times are timezone-aware UTC datetimes. Verdicts and reasons are verification's own `Verdict` and `Reason`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from verification.model import Reason, Verdict

JsonObject = Mapping[str, object]


class TicketStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class FileSource(enum.StrEnum):
    """Who put a file on a ticket: the bot (read from the mail) or an agent's correction."""

    BOT = "bot"
    AGENT = "agent"


class DecisionAction(enum.StrEnum):
    """What an agent can ask for on the review page."""

    APPROVE = "approve"  # tag the chosen files with {{PermissionTicket}}
    RECEIVE = "receive"  # mark the files {{Permission received}} with a reason
    REJECT = "reject"
    UNTAG = "untag"
    ADD_FILE = "add_file"
    REMOVE_FILE = "remove_file"
    OVERRIDE_VERDICT = "override_verdict"


class DecisionState(enum.StrEnum):
    PENDING = "pending"  # recorded, not yet carried out (the wiki may be away: the next pass does it)
    DONE = "done"
    FAILED = "failed"


class WikiAction(enum.StrEnum):
    """A wiki edit the journal records; the same names as the wiki commands."""

    TAG = "tag"
    RECEIVE = "receive"
    UNTAG = "untag"


class JournalState(enum.StrEnum):
    PLANNED = "planned"  # the intent, written before the save; still planned after a crash means "settle me"
    DONE = "done"
    FAILED = "failed"


class TicketOrder(enum.StrEnum):
    """Orders of the ticket list."""

    OLDEST = "oldest"  # first seen longest ago first
    NEWEST = "newest"
    DEADLINE = "deadline"  # earliest pending tag (the file deleted first) first; tickets without one last


@dataclass(frozen=True)
class MessageRow:
    """One stored mail. `raw` is None once purged (or when loaded without it: `with_raw=False`)."""

    id: int
    sha256: str
    message_id: str | None
    source_key: str | None  # where it was read, e.g. "INBOX/1700000000/42" (folder/uidvalidity/uid)
    size: int
    received_at: datetime | None
    stored_at: datetime
    ticket: str | None
    read_error: str | None  # a generic error code when the message could not be read
    purged_at: datetime | None
    raw: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class IncomingMessage:
    """A mail to store, as read from its source; `raw` is private (never logged above debug)."""

    raw: bytes = field(repr=False)
    message_id: str | None
    ticket: str | None  # the subject's ticket number; None: stored and shown, never acted on
    source_key: str | None = None
    received_at: datetime | None = None
    read_error: str | None = None  # a generic code when its headers could not be read


@dataclass(frozen=True)
class TakenMessage:
    """What storing an incoming mail did: the stored row's id and ticket, and whether it was new
    (False: the same Message-ID or bytes were stored already)."""

    id: int
    ticket: str | None
    new: bool
    read_error: str | None = None


@dataclass(frozen=True)
class MailboxCursor:
    """How far a mailbox folder was taken: its UIDVALIDITY and the highest UID safely stored."""

    mailbox: str
    uidvalidity: int
    last_uid: int
    updated_at: datetime


@dataclass(frozen=True)
class TicketFile:
    """A file page named by a ticket (or added/removed by an agent); `removed` files are kept, struck."""

    title: str
    added_by: FileSource
    agent: str | None
    removed: bool
    note: str | None
    added_at: datetime
    pending_since: datetime | None  # the date of the file's pending tag, when known (its deletion deadline)


@dataclass(frozen=True)
class SuggestionUpdate:
    """The verifier's current answer for a ticket, as `TicketStore.record_suggestion` takes it."""

    verdict: Verdict
    reasons: tuple[Reason, ...]
    evidence: JsonObject | None = field(default=None, repr=False)
    provisional: bool = False  # some evidence could not be fetched: verify again later
    sender: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class VerdictOverride:
    """An agent's correction of the bot's verdict, kept and shown beside it."""

    verdict: Verdict
    agent: str
    note: str | None
    at: datetime


@dataclass(frozen=True)
class TicketRow:
    """A ticket's summary, as the queue shows it. `evidence` is None unless loaded (`TicketStore.get`)."""

    number: str
    status: TicketStatus
    first_seen_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    sender: str | None
    language: str | None
    verdict: Verdict | None  # None until verified
    provisional: bool
    verify_attempts: int
    verified_at: datetime | None
    reasons: tuple[Reason, ...]
    purged_at: datetime | None
    override: VerdictOverride | None = None
    files: tuple[TicketFile, ...] = ()
    evidence: JsonObject | None = field(default=None, repr=False)

    @property
    def effective_verdict(self) -> Verdict | None:
        """The agent's verdict when overridden, else the bot's: what filters and counts use."""
        return self.override.verdict if self.override is not None else self.verdict

    @property
    def active_files(self) -> tuple[TicketFile, ...]:
        return tuple(f for f in self.files if not f.removed)


@dataclass(frozen=True)
class DecisionRow:
    """An agent's decision: who asked for what, and what came of it."""

    id: int
    ticket: str
    agent: str
    action: DecisionAction
    params: JsonObject  # e.g. {"files": [...], "reason": "...", "verdict": "confirm", "note": "..."}
    created_at: datetime
    state: DecisionState
    carried_out_at: datetime | None
    result: str | None


@dataclass(frozen=True)
class JournalEntry:
    """One wiki action: planned before the save, settled (done with the new revision, or failed) after."""

    id: int
    wiki: str  # the wiki's API URL
    ticket: str | None
    title: str
    action: WikiAction
    params: JsonObject
    state: JournalState
    base_revid: int | None
    new_revid: int | None
    outcome: str | None  # the save's outcome kind, e.g. "saved", "no_change", "edit_conflict"
    detail: str | None
    decision_id: int | None
    created_at: datetime
    settled_at: datetime | None


@dataclass(frozen=True)
class TicketDetail:
    """One ticket with everything the review page shows about it. Messages come without their raw bytes."""

    ticket: TicketRow
    messages: tuple[MessageRow, ...]
    decisions: tuple[DecisionRow, ...]
    journal: tuple[JournalEntry, ...]


@dataclass(frozen=True)
class TicketFilter:
    """Which tickets to list; an empty field does not filter."""

    verdicts: frozenset[Verdict] = frozenset()  # effective verdicts (an agent's override wins)
    unverified: bool = False  # also (or, with no verdicts, only) tickets without a verdict yet
    status: TicketStatus | None = TicketStatus.OPEN
    language: str | None = None
    seen_before: datetime | None = None  # first seen before this time (older than an age)
    seen_after: datetime | None = None  # first seen after this time (younger than an age)


@dataclass(frozen=True)
class TicketPage:
    """A page of the ticket list with the queue's totals, from a fixed number of queries."""

    tickets: tuple[TicketRow, ...]  # with their files, without evidence
    total: int  # tickets matching the filter
    counts: Mapping[
        Verdict | None, int
    ]  # open tickets per effective verdict (None: not verified), unfiltered
    oldest_open_seen_at: datetime | None  # first_seen_at of the oldest open ticket (the backlog's age)


@dataclass(frozen=True)
class Lease:
    """A named lease held until `expires_at`."""

    name: str
    holder: str
    acquired_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class PurgeResult:
    tickets: int  # tickets whose private data was dropped
    messages: int  # messages whose raw bytes were dropped
    cache_entries: int  # cached lookups dropped (expired, or stored before the cutoff)
