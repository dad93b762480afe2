"""Verifying a stream of ticket mails: read in worker processes, fetch each site once, answer in order.

Reading and deciding are pure (`verification`); this module schedules the work around them:
- messages are taken from the input lazily, into a bounded window (a number of messages and of bytes),
  so memory stays flat whatever the backlog;
- each message is read in a worker process under a hard deadline; a reading that raises, runs past the
  deadline or kills its worker becomes that message's error (the stuck worker is replaced), never the
  batch's. A batch of only a few messages is read in this process instead, where starting workers
  would cost more than the reading (see `Verifier`);
- as soon as a message is read, its website evidence is asked for: every site is crawled at most once
  per verifier, different sites in parallel. Sites and WHOIS go through a `LookupCache` (the service's
  store; memory for `permbot verify`): it is read and written only in this process, by the crawler's and
  WHOIS's threads, never in the forked reading workers, which receive bytes and return readings;
- outcomes are yielded in input order, each as soon as it and those before it are decided; a message
  waits for its evidence no longer than its evidence deadline.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import itertools
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, InvalidStateError
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from types import TracebackType
from typing import TypeVar

from pebble import ProcessExpired, ProcessPool

from bot.config.verifier import VerifierSettings
from bot.evidence.cache import EvidenceCache, LookupCache, MemoryCache
from bot.evidence.crawl import SiteCrawler
from bot.evidence.fetch import GuardedFetcher
from bot.evidence.whois_lookup import WhoisLookup
from bot.evidence.workers import DaemonPool
from bot.mail.source import MessageInput
from bot.verify import reading_worker
from bot.verify.reading_server import SMALL_BATCH, reading_context
from verification.assembly import assemble_facts, choose_official_site, sender_named_site
from verification.domains import DomainTools
from verification.errors import UnreadableMessage
from verification.facts import CaseFacts, OfficialSite, TicketReading
from verification.model import SiteEvidence, Suggestion, WhoisInfo
from verification.policy import decide
from verification.reading import read_ticket

__all__ = ["ErrorCode", "MessageInput", "Verifier", "VerifyOutcome"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class ErrorCode(enum.StrEnum):
    """Why a message got no verdict. Stable codes: tools match on them; no mail text in them."""

    CANNOT_READ_INPUT = "cannot_read_input"  # the source could not deliver the bytes (file, mailbox)
    UNREADABLE_MESSAGE = "unreadable_message"  # the bytes are not a mail (empty, no headers)
    READING_TIMEOUT = "reading_timeout"  # reading ran past its deadline (its worker was replaced)
    READING_FAILED = "reading_failed"  # a reader raised, or its worker process died
    DECIDING_FAILED = "deciding_failed"  # weighing what was read against the web raised


_ERROR_MESSAGES = {
    ErrorCode.READING_TIMEOUT: "reading this message took longer than its deadline",
    ErrorCode.READING_FAILED: "reading this message failed (a bug in permbot: run with -vv for details)",
    ErrorCode.DECIDING_FAILED: "deciding on this message failed (a bug in permbot: run with -vv for details)",
}


@dataclass(frozen=True)
class VerifyOutcome:
    """The verifier's answer for one mail, or why it could not read it (`error` set, the rest None)."""

    source: str
    facts: CaseFacts | None = None
    suggestion: Suggestion | None = None
    error: str | None = None
    error_code: ErrorCode | None = None


@dataclass(frozen=True)
class _Lookups:
    """The outside lookups of one read message, started as soon as its reading arrived."""

    reading: TicketReading
    started: float
    official: OfficialSite | None
    site: Future[SiteEvidence] | None
    sender_site: OfficialSite | None
    sender_site_evidence: Future[SiteEvidence] | None
    whois: Future[WhoisInfo] | None

    def futures(self) -> list[Future[SiteEvidence] | Future[WhoisInfo]]:
        found: list[Future[SiteEvidence] | Future[WhoisInfo]] = []
        for future in (self.site, self.sender_site_evidence, self.whois):
            if future is not None:
                found.append(future)
        return found


@dataclass
class _Pending:
    """A message in the window: its reading, then (once read) its lookups."""

    source: str
    size: int
    reading: Future[TicketReading]
    lookups: Future[_Lookups | None]

    def decided(self) -> bool:
        """Everything it waits for is in, so finishing it will not block."""
        if not self.lookups.done():
            return False
        if self.lookups.exception() is not None:
            return True
        lookups = self.lookups.result()
        return lookups is None or all(f.done() for f in lookups.futures())


Reader = Callable[[bytes], "Future[TicketReading]"]


class Verifier:
    """The shared machinery of a run (worker processes, crawler, WHOIS); use as a context manager.

    `workers`: reading processes (default: the usable cores). `window`: how many messages may be in
    flight at once; `window_bytes`: how many bytes of mail. `small_batch`: a batch of at most that many
    messages is read in this process (0: always in workers); there the deadline is reported on time,
    but a reading that runs on is left to finish in the background. `read_function`: what reads one
    mail (a module-level function, so that workers can receive it); tests swap in one that fails.
    `cache`: where site and WHOIS lookups are kept across runs (the service passes its store's); by
    default they are kept in memory, and WHOIS creation dates in the configured disk file.
    """

    def __init__(
        self,
        settings: VerifierSettings,
        workers: int | None = None,
        window: int = 256,
        window_bytes: int = 64 * 1024 * 1024,
        small_batch: int = SMALL_BATCH,
        read_function: reading_worker.ReadFunction = read_ticket,
        cache: LookupCache | None = None,
    ) -> None:
        self.settings = settings
        self.tools = DomainTools(settings.domains)
        self.workers = workers or len(os.sched_getaffinity(0))
        self.window = max(1, window)
        self.window_bytes = window_bytes
        self.small_batch = small_batch
        self.read_function = read_function
        evidence_cache = EvidenceCache(cache or MemoryCache(), settings.cache)
        self._fetcher = GuardedFetcher(settings.fetch)
        self._crawler = SiteCrawler(
            self._fetcher, self.tools, settings.site, settings.fetch.pool_size, evidence_cache
        )
        # Given a cache (the store), WHOIS answers live there; the disk file is for `permbot verify` alone.
        whois_settings = (
            settings.whois if cache is None else dataclasses.replace(settings.whois, cache_path=None)
        )
        self._whois = WhoisLookup(whois_settings, cache=evidence_cache)
        self._whois_pool = DaemonPool(whois_settings.pool_size, "whois")
        self._whois_futures: dict[str, Future[WhoisInfo]] = {}
        self._whois_lock = threading.Lock()  # lookups start from whichever thread finished a reading
        self._pool: ProcessPool | None = None

    def __enter__(self) -> Verifier:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop everything: worker processes are ended, pending lookups cancelled."""
        if self._pool is not None:
            self._pool.stop()  # type: ignore[no-untyped-call]
            self._pool.join()
            self._pool = None
        self._whois_pool.shutdown()
        self._crawler.close()

    def verify(self, messages: Iterable[MessageInput]) -> Iterator[VerifyOutcome]:
        """Outcomes in input order, each yielded once it and all before it are decided.

        Messages are taken from `messages` only as the window has room, so a lazy source (a large mbox,
        a mailbox) is never held in memory whole.
        """
        inputs = iter(messages)
        head = list(itertools.islice(inputs, self.small_batch + 1))
        reader = self._read_in_thread if len(head) <= self.small_batch else self._read_in_worker
        if reader == self._read_in_thread:
            reading_worker.warm_up(self.settings.reading)  # workers warm up as they start
        window: deque[_Pending] = deque()
        window_size = 0
        for message in itertools.chain(head, inputs):
            item = self._start(message, reader)
            window.append(item)
            window_size += item.size
            while window and (
                len(window) >= self.window or window_size > self.window_bytes or window[0].decided()
            ):
                done = window.popleft()
                window_size -= done.size
                yield self._finish(done)
        while window:
            yield self._finish(window.popleft())

    def _start(self, message: MessageInput, reader: Reader) -> _Pending:
        lookups: Future[_Lookups | None] = Future()
        if message.error is not None:
            reading: Future[TicketReading] = Future()
            reading.set_exception(_InputError(message.error))
        else:
            reading = reader(message.raw)
        item = _Pending(source=message.source, size=len(message.raw), reading=reading, lookups=lookups)
        reading.add_done_callback(lambda done: self._start_lookups(done, lookups))
        return item

    def _read_in_worker(self, raw: bytes) -> Future[TicketReading]:
        if self._pool is None:
            self._pool = ProcessPool(
                max_workers=self.workers,
                initializer=reading_worker.start_worker,
                initargs=(reading_worker.pack_vocabulary(self.settings.reading),),
                context=reading_context(),
            )
        future: Future[TicketReading] = self._pool.schedule(
            reading_worker.read, (raw, self.read_function), timeout=self.settings.reading_deadline_seconds
        )
        return future

    def _read_in_thread(self, raw: bytes) -> Future[TicketReading]:
        """Read in a daemon thread of this process; the future times out at the deadline regardless."""
        future: Future[TicketReading] = Future()
        future.set_running_or_notify_cancel()

        def run() -> None:
            try:
                reading = self.read_function(raw, self.settings.reading)
            except Exception as error:  # noqa: BLE001 - becomes this message's error in _finish
                _settle(future, error=error)
            else:
                _settle(future, result=reading)

        deadline = threading.Timer(
            self.settings.reading_deadline_seconds, lambda: _settle(future, error=FutureTimeout())
        )
        deadline.daemon = True
        deadline.start()
        future.add_done_callback(lambda _: deadline.cancel())
        threading.Thread(target=run, name="reading", daemon=True).start()
        return future

    def _start_lookups(self, reading: Future[TicketReading], lookups: Future[_Lookups | None]) -> None:
        """Reading done (in whatever thread finished it): ask for the message's website evidence."""
        if reading.cancelled() or reading.exception() is not None:
            lookups.set_result(None)
            return
        try:
            lookups.set_result(self._lookups_for(reading.result()))
        except Exception as error:  # noqa: BLE001 - becomes this message's error in _finish
            lookups.set_exception(error)

    def _lookups_for(self, reading: TicketReading) -> _Lookups:
        official = choose_official_site(reading, self.tools)
        sender_site = sender_named_site(reading, official, self.tools)
        return _Lookups(
            reading=reading,
            started=time.monotonic(),
            official=official,
            site=self._crawler.crawl(official.url) if official else None,
            sender_site=sender_site,
            sender_site_evidence=self._crawler.crawl(sender_site.url) if sender_site else None,
            whois=(self._whois_future(official.domain) if official and self.settings.whois_enabled else None),
        )

    def _whois_future(self, domain: str) -> Future[WhoisInfo]:
        with self._whois_lock:
            if domain not in self._whois_futures:
                self._whois_futures[domain] = self._whois_pool.submit(self._whois.lookup, domain)
            return self._whois_futures[domain]

    def _finish(self, item: _Pending) -> VerifyOutcome:
        failure = _reading_failure(item)
        if failure is not None:
            return failure
        try:
            return self._decide(item)
        except Exception as error:  # any failure on hostile input becomes this message's error
            log.warning("deciding on %s failed: %s", item.source, type(error).__name__)
            log.debug("deciding on %s failed", item.source, exc_info=error)
            return _failed(item.source, ErrorCode.DECIDING_FAILED)

    def _decide(self, item: _Pending) -> VerifyOutcome:
        lookups = item.lookups.result()
        assert lookups is not None  # set whenever the reading succeeded
        deadline = lookups.started + self.settings.message_deadline_seconds
        site = _result_by(lookups.site, deadline) if lookups.site else None
        if lookups.site is not None and site is None and lookups.official is not None:
            site = SiteEvidence(
                start_url=lookups.official.url,
                domain=lookups.official.domain,
                reachable=False,
                errors=("deadline",),
            )
        whois = _result_by(lookups.whois, deadline) if lookups.whois else None
        sender_site = None
        if lookups.sender_site is not None and lookups.sender_site_evidence is not None:
            sender_site = (lookups.sender_site, _result_by(lookups.sender_site_evidence, deadline))
        facts = assemble_facts(
            lookups.reading, lookups.official, site, whois, self.tools, self.settings.lookalike, sender_site
        )
        suggestion = decide(facts, self.settings.policy)
        log.info(
            "ticket %s: %s (%s)",
            lookups.reading.message.ticket or "-",
            suggestion.verdict.value,
            ",".join(r.code for r in suggestion.reasons),
        )
        return VerifyOutcome(source=item.source, facts=facts, suggestion=suggestion)


def _settle(
    future: Future[TicketReading], result: TicketReading | None = None, error: BaseException | None = None
) -> None:
    """Settle the future unless the other side (the reading or its deadline) came first."""
    with contextlib.suppress(InvalidStateError):
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]  # result is set when error is not


class _InputError(Exception):
    """The source could not deliver the message; carries its (mail-free) explanation."""


def _reading_failure(item: _Pending) -> VerifyOutcome | None:
    """The message's error outcome when its reading did not succeed, else None. Waits for the reading."""
    try:
        item.reading.result()
    except _InputError as error:
        return VerifyOutcome(item.source, error=str(error), error_code=ErrorCode.CANNOT_READ_INPUT)
    except UnreadableMessage as error:
        log.info("unreadable message %s", item.source)
        return VerifyOutcome(item.source, error=str(error), error_code=ErrorCode.UNREADABLE_MESSAGE)
    except FutureTimeout:
        log.warning("reading %s ran past its deadline", item.source)
        return _failed(item.source, ErrorCode.READING_TIMEOUT)
    except ProcessExpired as error:
        log.warning("the worker reading %s died (exit code %s)", item.source, error.exitcode)
        return _failed(item.source, ErrorCode.READING_FAILED)
    except Exception as error:  # any reader bug becomes this message's error, never the batch's
        # The exception text may quote the mail: its type only above debug level.
        log.warning("reading %s failed: %s", item.source, type(error).__name__)
        log.debug("reading %s failed", item.source, exc_info=error)
        return _failed(item.source, ErrorCode.READING_FAILED)
    return None


def _failed(source: str, code: ErrorCode) -> VerifyOutcome:
    return VerifyOutcome(source, error=_ERROR_MESSAGES[code], error_code=code)


def _result_by(future: Future[T], deadline: float) -> T | None:
    """The future's result if it arrives before the monotonic deadline, else None (also when cancelled).

    A lookup that raised is a bug in our own code, not a fact about the site: it propagates.
    """
    try:
        return future.result(timeout=max(0.0, deadline - time.monotonic()))
    except (FutureTimeout, CancelledError):
        return None
