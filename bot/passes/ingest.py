"""`permbot ingest`: new mail from the queue's mailbox into the store, then the tickets that need it verified.

Taking mail: the cursor (UIDVALIDITY, last UID) comes from the store. Each message is stored first, then
the cursor is moved and the done keyword set: a pass killed in between finds the message again, and the
store (Message-ID, content hash) says it has it. A UIDVALIDITY change lists the folder again; the store
deduplicates, so nothing is processed twice. The mailbox going away keeps what was stored and says
after which message it stopped; verification of what is stored still runs.

Verifying: tickets never verified, tickets with a mail stored after their last verification (a reply)
and provisional verdicts (a site was unreachable; a bounded number of times) are verified on all their
messages (`bot.passes.ticket_verdict` says how messages combine), a window of tickets at a time so that
memory stays flat whatever the backlog. A message that cannot be read is kept with its error code and
never stops the run; a message without a ticket number is stored and shown, never verified or acted on.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bot.config.mailbox import MailboxSettings
from bot.mail.imap import Cursor, FetchedMessage, Mailbox, MailboxError, MailboxUnavailable, headers_of
from bot.passes.checkpoints import Checkpoint, reach
from bot.passes.ticket_verdict import TicketVerdict, combine
from bot.store.messages import UNSTORABLE
from bot.store.model import IncomingMessage, SuggestionUpdate
from bot.store.store import Store
from bot.verify.batch import MessageInput, VerifyOutcome
from bot.verify.report import evidence_json
from verification.model import Reason, Verdict
from verification.policy import PolicySettings

log = logging.getLogger(__name__)

SCHEMA = "permbot.ingest/1"
# Tickets verified in one call of the verifier: their sites are fetched in parallel, their mail is in memory.
VERIFY_WINDOW = 50
UNREADABLE = "unreadable"  # the generic read_error code of a message the reader refused
HEADERS_UNREADABLE = "unreadable_headers"  # the read_error of a message whose headers could not be read
# Read errors set when storing: they stay whatever the verifier makes of the message later.
STORE_ERRORS = frozenset({HEADERS_UNREADABLE, UNSTORABLE})
UNREADABLE_TICKET = "unreadable_message"  # the reason code of a ticket none of whose messages could be read
VERIFIER_FAILED = "verifier_failed"  # the reason code of a ticket the verifier failed on unexpectedly


class MessageVerifier(Protocol):
    """What the ingest needs of bot.verify.batch.Verifier (outcomes in input order)."""

    def verify(self, messages: Iterable[MessageInput]) -> Iterator[VerifyOutcome]: ...


@dataclass(frozen=True)
class StoredMail:
    """A message taken from the mailbox: stored now, or found in the store already (`new` False)."""

    uid: int
    message: int  # the store's id
    ticket: str | None
    new: bool
    error: str | None = None  # a generic code when its headers could not be read or stored

    def to_json(self) -> dict[str, object]:
        return {
            "schema": SCHEMA,
            "event": "stored",
            "uid": self.uid,
            "message": self.message,
            "ticket": self.ticket,
            "new": self.new,
            "error": self.error,
        }

    def text(self) -> str:
        what = "stored" if self.new else "already stored"
        ticket = self.ticket or "no ticket number: stored, never acted on"
        error = f" ({self.error})" if self.error else ""
        return f"mail UID {self.uid:<6} {what:<15} {ticket}{error}"


@dataclass(frozen=True)
class VerifiedTicket:
    """A ticket verified on all its messages; `verdict` None when none of them could be read."""

    ticket: str
    verdict: str | None
    files: tuple[str, ...]
    provisional: bool
    messages: int
    unreadable: int
    error: str | None = None  # a generic code when the verifier failed on this ticket

    def to_json(self) -> dict[str, object]:
        return {
            "schema": SCHEMA,
            "event": "verified",
            "error": self.error,
            "ticket": self.ticket,
            "verdict": self.verdict,
            "provisional": self.provisional,
            "files": list(self.files),
            "messages": self.messages,
            "unreadable": self.unreadable,
        }

    def text(self) -> str:
        verdict = (self.verdict or "unreadable") + (" (provisional)" if self.provisional else "")
        if self.error:
            verdict += f" ({self.error}: verified again by a later pass)"
        files = ", ".join(self.files) or "no files"
        return f"ticket {self.ticket} {verdict:<21} {files}"


Event = StoredMail | VerifiedTicket
Report = Callable[[Event], None]


@dataclass
class IngestSummary:
    stored: int = 0
    already_stored: int = 0
    without_ticket: int = 0
    verified: int = 0
    unreadable_messages: int = 0
    mailbox_error: str | None = None
    stopped_after_uid: int | None = None
    verdicts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.mailbox_error is None

    def add(self, event: Event) -> None:
        if isinstance(event, StoredMail):
            if event.new:
                self.stored += 1
                self.without_ticket += event.ticket is None
            else:
                self.already_stored += 1
            return
        self.verified += 1
        self.unreadable_messages += event.unreadable
        key = event.verdict or UNREADABLE
        self.verdicts[key] = self.verdicts.get(key, 0) + 1

    def to_json(self) -> dict[str, object]:
        return {
            "schema": SCHEMA,
            "event": "summary",
            "ok": self.ok,
            "stored": self.stored,
            "already_stored": self.already_stored,
            "without_ticket": self.without_ticket,
            "verified": self.verified,
            "unreadable_messages": self.unreadable_messages,
            "verdicts": dict(sorted(self.verdicts.items())),
            "mailbox_error": self.mailbox_error,
            "stopped_after_uid": self.stopped_after_uid,
        }

    def text(self) -> str:
        verdicts = ", ".join(f"{n} {v}" for v, n in sorted(self.verdicts.items())) or "none"
        line = (
            f"{self.stored} message(s) stored ({self.without_ticket} without a ticket number), "
            f"{self.already_stored} already stored; {self.verified} ticket(s) verified: {verdicts}"
        )
        if self.mailbox_error:
            where = f" after UID {self.stopped_after_uid}" if self.stopped_after_uid is not None else ""
            line += (
                f"\nthe mailbox stopped{where}: {self.mailbox_error}; everything before is stored, the next "
                "run continues from there"
            )
        return line


def mailbox_key(settings: MailboxSettings) -> str:
    """The store's name for the queue folder's cursor."""
    return f"{settings.user}@{settings.host}/{settings.folder}"


def message_id_of(raw: bytes) -> str | None:
    """The Message-ID header from the header block only (a hostile message cannot make this slow)."""
    return headers_of(raw).message_id


def take_mail(store: Store, settings: MailboxSettings, report: Report, summary: IngestSummary) -> None:
    """New mail into the store a fetched batch at a time, marked in the mailbox once stored; a lost
    mailbox ends this step only.

    Each batch is stored in one transaction (mail and tickets), reported message by message once it is
    committed, then marked (keyword, move) and the cursor moved past it. A pass killed before the mark
    fetches the batch again and the store says it has it (Message-ID, content hash): marked then, never
    stored twice. A pass killed before the commit stored nothing of the batch and marked nothing.
    """
    key = mailbox_key(settings)
    saved = store.messages.get_cursor(key)
    cursor = Cursor(saved.uidvalidity, saved.last_uid) if saved else Cursor()
    try:
        with Mailbox(settings) as box:
            pending = box.pending(cursor)
            log.info("%d new message(s) in %s (%s)", len(pending.uids), settings.folder, pending.start.value)
            for batch in box.fetch_batches(pending):
                taken = store.take_messages([_incoming(fetched, settings.folder) for fetched in batch])
                reach(Checkpoint.STORED)
                for fetched, stored in zip(batch, taken, strict=True):
                    event = StoredMail(fetched.uid, stored.id, stored.ticket, stored.new, stored.read_error)
                    summary.add(event)
                    report(event)
                last = batch[-1]
                summary.stopped_after_uid = last.uid
                box.mark_stored([fetched.uid for fetched in batch])
                store.messages.set_cursor(key, last.uidvalidity, last.uid)
                reach(Checkpoint.MARKED)
    except MailboxUnavailable as error:
        summary.mailbox_error = str(error)
        if error.stopped_after is not None:
            summary.stopped_after_uid = error.stopped_after.last_uid
        log.warning("mailbox unavailable: %s", error)
        return
    except MailboxError as error:
        summary.mailbox_error = str(error)
        log.warning("mailbox error: %s", error)
        return
    summary.stopped_after_uid = None


def _incoming(fetched: FetchedMessage, folder: str) -> IncomingMessage:
    """The mail as the store takes it. Headers a reader cannot make sense of (a hostile message) leave it
    without Message-ID and ticket number, with its own error: stored and shown, never acted on."""
    reach(Checkpoint.FETCHED)
    source_key = f"{folder}/{fetched.uidvalidity}/{fetched.uid}"
    received_at = _aware(fetched.internal_date)
    try:
        headers = headers_of(fetched.raw)
        message_id, ticket = headers.message_id, headers.ticket
    except Exception as error:  # the stdlib's header parser on hostile input; this mail's error only
        log.warning("mail UID %d: its headers could not be read (%s)", fetched.uid, type(error).__name__)
        log.debug("header failure of mail UID %d", fetched.uid, exc_info=True)
        return IncomingMessage(fetched.raw, None, None, source_key, received_at, HEADERS_UNREADABLE)
    return IncomingMessage(fetched.raw, message_id, ticket, source_key, received_at)


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    """imapclient gives INTERNALDATE as a naive local time; the store takes UTC."""
    if moment is None:
        return None
    return moment.astimezone(datetime.UTC)


def verify_stored(
    store: Store,
    verifier: MessageVerifier,
    policy: PolicySettings,
    *,
    max_attempts: int,
    started: datetime.datetime,
    report: Report,
    summary: IngestSummary,
) -> None:
    """Verify every ticket that needs it, a window at a time; record each ticket's suggestion."""
    while True:
        numbers = store.tickets.needing_verification(
            max_attempts=max_attempts, started_before=started, limit=VERIFY_WINDOW
        )
        if not numbers:
            return
        reach(Checkpoint.VERIFYING)
        for event in _verify_window(store, verifier, policy, numbers):
            summary.add(event)
            report(event)


@dataclass(frozen=True)
class _StoredInput:
    """A stored message to verify, with the read error it was stored with."""

    id: int
    stored_error: str | None
    message: MessageInput


def _inputs(store: Store, ticket: str) -> list[_StoredInput]:
    inputs: list[_StoredInput] = []
    for row in store.messages.for_ticket(ticket):
        full = store.messages.get(row.id, with_raw=True)
        if full is not None and full.raw is not None:
            inputs.append(_StoredInput(row.id, row.read_error, MessageInput(f"message {row.id}", full.raw)))
    return inputs


def _verify_window(
    store: Store, verifier: MessageVerifier, policy: PolicySettings, numbers: Sequence[str]
) -> Iterator[VerifiedTicket]:
    """The window's tickets verified together; if the verifier fails unexpectedly, the tickets not yet
    recorded are verified one by one, so one ticket's failure is that ticket's error and the rest go on."""
    per_ticket = {number: _inputs(store, number) for number in numbers}
    flat = [item.message for inputs in per_ticket.values() for item in inputs]
    outcomes = iter(verifier.verify(flat))
    for position, (number, inputs) in enumerate(per_ticket.items()):
        try:
            ticket_outcomes = [next(outcomes) for _ in inputs]
        except Exception as error:  # isolated per ticket below; the pass goes on
            log.warning(
                "the verifier failed (%s): verifying the window's tickets one by one", type(error).__name__
            )
            log.debug("verifier failure", exc_info=True)
            for alone, alone_inputs in list(per_ticket.items())[position:]:
                yield _verify_alone(store, verifier, policy, alone, alone_inputs)
            return
        yield _record(store, policy, number, inputs, ticket_outcomes)


def _verify_alone(
    store: Store,
    verifier: MessageVerifier,
    policy: PolicySettings,
    number: str,
    inputs: Sequence[_StoredInput],
) -> VerifiedTicket:
    try:
        outcomes = list(verifier.verify([item.message for item in inputs]))
    except Exception as error:  # this ticket's error; the others are verified
        log.warning("ticket %s: the verifier failed (%s)", number, type(error).__name__)
        log.debug("verifier failure on ticket %s", number, exc_info=True)
        _record_failure(store, number)
        return VerifiedTicket(number, Verdict.ASK_FILES.value, (), True, len(inputs), 0, VERIFIER_FAILED)
    return _record(store, policy, number, inputs, outcomes)


def _record(
    store: Store,
    policy: PolicySettings,
    number: str,
    inputs: Sequence[_StoredInput],
    outcomes: Sequence[VerifyOutcome],
) -> VerifiedTicket:
    """The ticket's verdict and its messages' read errors, in one transaction."""
    read_errors = {
        item.id: _read_error(item, outcome) for item, outcome in zip(inputs, outcomes, strict=True)
    }
    unreadable = sum(outcome.error is not None for outcome in outcomes)
    verdict = combine(outcomes, policy)
    if verdict is None:
        # Every message unreadable: it asks (never confirms), with the reader's reason code, so agents see
        # it; not read again until a new message arrives.
        reason = Reason(UNREADABLE_TICKET, "No message of this ticket could be read.", Verdict.ASK_FILES)
        update = SuggestionUpdate(verdict=Verdict.ASK_FILES, reasons=(reason,))
        store.record_verification(number, update, (), read_errors)
        return VerifiedTicket(number, Verdict.ASK_FILES.value, (), False, len(inputs), unreadable)
    store.record_verification(number, _update(verdict), verdict.files, read_errors)
    reach(Checkpoint.RECORDED)
    return VerifiedTicket(
        number, verdict.suggestion.verdict.value, verdict.files, verdict.provisional, len(inputs), unreadable
    )


def _read_error(item: _StoredInput, outcome: VerifyOutcome) -> str | None:
    """The reader's verdict on a message; an error from storing it stays."""
    if item.stored_error in STORE_ERRORS:
        return item.stored_error
    return UNREADABLE if outcome.error else None


def _update(verdict: TicketVerdict) -> SuggestionUpdate:
    sender = verdict.facts.sender
    return SuggestionUpdate(
        verdict=verdict.suggestion.verdict,
        reasons=verdict.suggestion.reasons,
        evidence=evidence_json(verdict.facts),
        provisional=verdict.provisional,
        sender=sender.addr if sender else None,
        language=verdict.language,
    )


def _record_failure(store: Store, number: str) -> None:
    """A ticket the verifier failed on: it asks (never confirms), provisional so that later passes verify
    it again a bounded number of times."""
    reason = Reason(VERIFIER_FAILED, "The verifier failed on this ticket.", Verdict.ASK_FILES)
    store.tickets.record_suggestion(
        number, SuggestionUpdate(verdict=Verdict.ASK_FILES, reasons=(reason,), provisional=True)
    )
