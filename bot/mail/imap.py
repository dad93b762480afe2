"""The queue's mailbox over IMAP: take each message once, mark it only after the caller has stored it.

The caller keeps a cursor (UIDVALIDITY, last UID taken) in the store. `Mailbox.pending(cursor)` lists what
is new: UIDs above the cursor, filtered on the client (a search for `UID N:*` always returns the newest
message, even when N is past it) and without the done keyword. `fetch_batches` reads them in batches with
`BODY.PEEK[]`, so nothing is marked \\Seen behind the agents' backs, and yields a batch at a time (`fetch`:
one by one): memory holds one batch whatever the backlog. `mark_stored` sets the done keyword (and moves to
the done folder). When the folder's UIDVALIDITY is not the cursor's, `Pending.start` says RESYNC: the UIDs
mean other messages now, so everything is listed again and the store deduplicates by Message-ID and content
hash.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import ssl
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from types import TracebackType
from typing import Any, Self

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError
from imapclient.imapclient import SocketTimeout

from bot.config.mailbox import (
    PASSWORD_FILE_VARIABLE,
    PASSWORD_VARIABLE,
    USER_VARIABLE,
    MailboxSettings,
    Security,
    check_plain_allowed,
)
from verification.tickets import find_ticket_number

logger = logging.getLogger(__name__)

# Only the header block is read for the subject; a hostile message cannot make that slow.
HEADER_SCAN_LIMIT = 64 * 1024
# RFC 2177: a client should re-issue IDLE at least every 29 minutes.
IDLE_RENEW_SECONDS = 25 * 60
_FETCH_ITEMS = [b"BODY.PEEK[]", b"INTERNALDATE"]
_CONNECTION_LOST: tuple[type[BaseException], ...] = (IMAPClientAbortError, OSError)


class MailboxError(RuntimeError):
    """The mailbox could not be read; the message says what happened and what to do."""


class MailboxUnavailable(MailboxError):
    """The server could not be reached or went away. `stopped_after` is the last message handed out
    (None: none was), so the caller knows that everything up to it was taken and nothing after it."""

    def __init__(self, message: str, stopped_after: Cursor | None = None) -> None:
        where = f" (stopped after UID {stopped_after.last_uid})" if stopped_after is not None else ""
        super().__init__(message + where)
        self.stopped_after = stopped_after


class MailboxAuthError(MailboxError):
    """The server refused the user name or password."""


class FolderMissing(MailboxError):
    """The queue folder or the done folder does not exist on the server."""


@dataclass(frozen=True)
class Cursor:
    """How far the queue was taken: the folder's UIDVALIDITY and the highest UID stored. (0, 0): nothing."""

    uidvalidity: int = 0
    last_uid: int = 0


class Start(enum.Enum):
    """How a listing relates to the caller's cursor."""

    FIRST = "first"  # no cursor yet: everything in the folder is new
    CONTINUE = "continue"  # same UIDVALIDITY: only UIDs above the cursor
    RESYNC = "resync"  # UIDVALIDITY changed: every UID is listed again, the store deduplicates


@dataclass(frozen=True)
class Pending:
    """The messages to take now, in UID order, and how the listing relates to the cursor."""

    uidvalidity: int
    uids: tuple[int, ...]
    start: Start


@dataclass(frozen=True)
class FetchedMessage:
    """One message as the server holds it; `raw` is private mail (never logged above debug)."""

    uidvalidity: int
    uid: int
    raw: bytes
    internal_date: datetime | None

    @property
    def cursor(self) -> Cursor:
        """The cursor to persist once this message is stored."""
        return Cursor(self.uidvalidity, self.uid)

    def subject(self) -> str:
        return subject_of(self.raw)

    def ticket_number(self) -> str | None:
        """The subject's `[Ticket#N]` number, or None: such a message is stored and shown, never acted on."""
        return ticket_number_of(self.raw)


@dataclass(frozen=True)
class MailHeaders:
    """The headers mail is taken by, read once from the header block only (a hostile message cannot make
    this slow); "" or None where missing or unreadable."""

    message_id: str | None
    subject: str

    @property
    def ticket(self) -> str | None:
        """The subject's valid ticket number (verification.tickets' rules), else None."""
        return find_ticket_number(self.subject, "")


def headers_of(raw: bytes) -> MailHeaders:
    headers = BytesHeaderParser(policy=default_policy).parsebytes(raw[:HEADER_SCAN_LIMIT])
    return MailHeaders(_header(headers, "Message-ID") or None, _header(headers, "Subject"))


def _header(headers: Message, name: str) -> str:
    try:
        value = headers.get(name)
    except (ValueError, LookupError):  # a malformed encoded word: not a value we can trust
        return ""
    return " ".join(str(value or "").split())


def subject_of(raw: bytes) -> str:
    """The decoded Subject header ("" when missing or unreadable), read from the header block only."""
    return headers_of(raw).subject


def ticket_number_of(raw: bytes) -> str | None:
    """The valid ticket number tagged in the subject (verification.tickets' rules), else None."""
    return headers_of(raw).ticket


def _tls_context(settings: MailboxSettings) -> ssl.SSLContext:
    """Certificate and host name checks always on; `ca_file` replaces the system CAs (tests)."""
    cafile = str(settings.ca_file) if settings.ca_file is not None else None
    return ssl.create_default_context(cafile=cafile)


def _batches(uids: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(uids), size):
        yield uids[start : start + size]


def new_uids(found: Iterable[int], cursor: Cursor, uidvalidity: int) -> tuple[tuple[int, ...], Start]:
    """The UIDs to take, sorted, and why: all of them on a first run or after a UIDVALIDITY change, else only
    those above the cursor (a server answers `UID N:*` with the newest message even when N is past it)."""
    if cursor.uidvalidity == 0:
        return tuple(sorted(set(found))), Start.FIRST
    if cursor.uidvalidity != uidvalidity:
        return tuple(sorted(set(found))), Start.RESYNC
    return tuple(sorted({uid for uid in found if uid > cursor.last_uid})), Start.CONTINUE


class Mailbox:
    """A connection to the queue folder. Use as a context manager: `with Mailbox(settings) as box: ...`."""

    def __init__(self, settings: MailboxSettings) -> None:
        self.settings = settings
        self._client: IMAPClient | None = None
        self._uidvalidity = 0

    # --- connection ------------------------------------------------------------------------------------

    def __enter__(self) -> Self:
        self.connect()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def connect(self) -> None:
        """Connect (TLS as configured), log in and select the queue folder."""
        settings = self.settings
        check_plain_allowed(settings)
        where = f"{settings.host}:{settings.port}"
        timeout = SocketTimeout(connect=settings.connect_timeout, read=settings.read_timeout)
        try:
            client = IMAPClient(
                settings.host,
                settings.port,
                ssl=settings.security is Security.IMAPS,
                ssl_context=_tls_context(settings) if settings.security is Security.IMAPS else None,
                timeout=timeout,
            )
        except ssl.SSLCertVerificationError as error:
            raise MailboxError(f"the certificate of {where} is not trusted: {error.verify_message}") from None
        except OSError as error:
            raise MailboxUnavailable(f"cannot connect to the mailbox at {where}: {error}") from None
        self._client = client
        try:
            if settings.security is Security.STARTTLS:
                client.starttls(_tls_context(settings))
            client.login(settings.user, settings.password)
        except ssl.SSLCertVerificationError as error:
            self.close()
            raise MailboxError(f"the certificate of {where} is not trusted: {error.verify_message}") from None
        except LoginError:
            self.close()
            raise MailboxAuthError(
                f"the mailbox at {where} refused the login of {settings.user!r}: check {USER_VARIABLE} and"
                f" the password in {PASSWORD_FILE_VARIABLE} (or {PASSWORD_VARIABLE})"
            ) from None
        except _CONNECTION_LOST as error:
            self.close()
            raise MailboxUnavailable(f"the mailbox at {where} went away while logging in: {error}") from None
        except IMAPClientError as error:  # e.g. STARTTLS not offered
            self.close()
            raise MailboxError(f"the mailbox at {where} refused {settings.security.value}: {error}") from None
        self._select()

    def close(self) -> None:
        """Log out (or just drop the connection when it is gone already)."""
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.logout()
        except (*_CONNECTION_LOST, IMAPClientError):
            logger.debug("the mailbox connection was gone before logout")
            with contextlib.suppress(OSError, IMAPClientError):
                client.shutdown()

    def _require(self) -> IMAPClient:
        if self._client is None:
            raise MailboxError("the mailbox is not connected (use `with Mailbox(settings) as box:`)")
        return self._client

    def _select(self) -> None:
        client = self._require()
        folder = self.settings.folder
        try:
            if not client.folder_exists(folder):
                raise FolderMissing(
                    f"the queue folder {folder!r} does not exist on {self.settings.host}:"
                    f" set PERMBOT_IMAP_FOLDER (or folder in [mailbox])"
                )
            # Read-write: setting the done keyword needs it. BODY.PEEK[] keeps \Seen untouched.
            state = client.select_folder(folder)
        except _CONNECTION_LOST as error:
            raise MailboxUnavailable(f"the mailbox went away while opening {folder!r}: {error}") from None
        self._uidvalidity = int(state[b"UIDVALIDITY"])

    @property
    def uidvalidity(self) -> int:
        return self._uidvalidity

    # --- reading ---------------------------------------------------------------------------------------

    def pending(self, cursor: Cursor) -> Pending:
        """What to take now, given the caller's cursor (see the module docstring)."""
        client = self._require()
        if cursor.uidvalidity not in (0, self._uidvalidity):
            logger.warning(
                "UIDVALIDITY of %r changed (%d -> %d): listing every message again",
                self.settings.folder,
                cursor.uidvalidity,
                self._uidvalidity,
            )
        first = cursor.last_uid + 1 if cursor.uidvalidity == self._uidvalidity else 1
        criteria: list[Any] = ["UID", f"{first}:*", "NOT", "KEYWORD", self.settings.done_keyword]
        try:
            client.noop()  # Dovecot shows a selected folder's new mail only after a sync (NOOP)
            found = client.search(criteria)
        except _CONNECTION_LOST as error:
            raise MailboxUnavailable(f"the mailbox went away while listing: {error}", None) from None
        uids, start = new_uids(found, cursor, self._uidvalidity)
        return Pending(self._uidvalidity, uids, start)

    def fetch(self, pending: Pending, batch_size: int | None = None) -> Iterator[FetchedMessage]:
        """The pending messages one by one, in UID order (see `fetch_batches`)."""
        for batch in self.fetch_batches(pending, batch_size):
            yield from batch

    def fetch_batches(
        self, pending: Pending, batch_size: int | None = None
    ) -> Iterator[list[FetchedMessage]]:
        """The pending messages in UID order, one list per FETCH of `batch_size` UIDs; nothing is marked
        \\Seen. A batch is handed out whole, so the caller can store it in one transaction.

        A message expunged meanwhile is skipped. A lost connection raises MailboxUnavailable naming the last
        message handed out.
        """
        client = self._require()
        size = batch_size or self.settings.batch_size
        last: Cursor | None = None
        for uids in _batches(pending.uids, size):
            try:
                answer = client.fetch(uids, _FETCH_ITEMS)
            except _CONNECTION_LOST as error:
                raise MailboxUnavailable(f"the mailbox went away while fetching: {error}", last) from None
            batch: list[FetchedMessage] = []
            for uid in uids:
                data = answer.get(uid)
                if data is None or b"BODY[]" not in data:
                    continue
                date = data.get(b"INTERNALDATE")
                batch.append(
                    FetchedMessage(
                        pending.uidvalidity,
                        uid,
                        bytes(data[b"BODY[]"]),
                        date if isinstance(date, datetime) else None,
                    )
                )
            del answer
            if batch:
                last = batch[-1].cursor
                yield batch

    def take(self, cursor: Cursor) -> Iterator[FetchedMessage]:
        """`fetch(pending(cursor))`: the new messages, lazily."""
        return self.fetch(self.pending(cursor))

    # --- after storing ---------------------------------------------------------------------------------

    def mark_stored(self, uids: Sequence[int]) -> None:
        """Mark messages as safely stored: the done keyword, then the move to the done folder if configured
        (MOVE, or COPY + \\Deleted + EXPUNGE of just these UIDs where MOVE is missing)."""
        if not uids:
            return
        client = self._require()
        done_folder = self.settings.done_folder
        try:
            client.add_flags(uids, [self.settings.done_keyword], silent=True)
            if done_folder is None:
                return
            if not client.folder_exists(done_folder):
                raise FolderMissing(
                    f"the done folder {done_folder!r} does not exist on {self.settings.host}: create it or"
                    f" unset done_folder (PERMBOT_IMAP_DONE_FOLDER)"
                )
            if client.has_capability("MOVE"):
                client.move(uids, done_folder)
            else:
                client.copy(uids, done_folder)
                client.delete_messages(uids, silent=True)
                if client.has_capability("UIDPLUS"):
                    client.uid_expunge(uids)
                else:
                    client.expunge()
        except _CONNECTION_LOST as error:
            raise MailboxUnavailable(
                f"the mailbox went away while marking messages stored: {error}"
            ) from None

    # --- waiting ---------------------------------------------------------------------------------------

    def wait_for_new(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds (IMAP IDLE) for new mail in the queue folder; True if some came."""
        client = self._require()
        deadline = time.monotonic() + timeout
        try:
            while (remaining := deadline - time.monotonic()) > 0:
                client.idle()
                try:
                    responses = client.idle_check(timeout=min(remaining, IDLE_RENEW_SECONDS))
                finally:
                    client.idle_done()
                if any(_announces_message(response) for response in responses):
                    return True
        except _CONNECTION_LOST as error:
            raise MailboxUnavailable(f"the mailbox went away while waiting for mail: {error}") from None
        return False


def _announces_message(response: Any) -> bool:
    """An untagged `N EXISTS` (or RECENT) during IDLE: a message arrived."""
    return isinstance(response, tuple) and len(response) >= 2 and response[1] in (b"EXISTS", b"RECENT")
