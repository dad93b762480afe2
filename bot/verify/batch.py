"""Verifying a batch of ticket mails: read them all, fetch each site once, then decide in input order.

Reading and deciding are pure (`verification`); this module only schedules the outside lookups so that
many messages share them: every site is crawled at most once per batch, different sites in parallel, and
each message waits for its evidence no longer than its deadline.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError, Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from types import TracebackType
from typing import TypeVar

from bot.config.verifier import VerifierSettings
from bot.evidence.crawl import SiteCrawler
from bot.evidence.fetch import GuardedFetcher
from bot.evidence.whois_lookup import WhoisLookup
from bot.evidence.workers import DaemonPool
from verification.assembly import assemble_facts, choose_official_site, sender_named_site
from verification.domains import DomainTools
from verification.errors import UnreadableMessage
from verification.facts import CaseFacts, OfficialSite, TicketReading
from verification.model import SiteEvidence, Suggestion, WhoisInfo
from verification.policy import decide
from verification.reading import read_ticket

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class MessageInput:
    """One mail to verify: where it came from (a path, an IMAP UID) and its bytes."""

    source: str
    raw: bytes


@dataclass(frozen=True)
class VerifyOutcome:
    """The verifier's answer for one mail, or why it could not read it (`error` set, the rest None)."""

    source: str
    facts: CaseFacts | None = None
    suggestion: Suggestion | None = None
    error: str | None = None


@dataclass
class _Pending:
    source: str
    reading: TicketReading | None
    error: str | None
    official: OfficialSite | None = None
    site: Future[SiteEvidence] | None = None
    sender_site: OfficialSite | None = None
    sender_site_evidence: Future[SiteEvidence] | None = None
    whois: Future[WhoisInfo] | None = None
    started: float = 0.0


class Verifier:
    """Holds the shared fetch machinery of one batch; use as a context manager."""

    def __init__(self, settings: VerifierSettings) -> None:
        self.settings = settings
        self.tools = DomainTools(settings.domains)
        self._fetcher = GuardedFetcher(settings.fetch)
        self._crawler = SiteCrawler(self._fetcher, self.tools, settings.site, settings.fetch.pool_size)
        self._whois = WhoisLookup(settings.whois)
        self._whois_pool = DaemonPool(8, "whois")
        self._whois_futures: dict[str, Future[WhoisInfo]] = {}

    def __enter__(self) -> Verifier:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._whois_pool.shutdown()
        self._crawler.close()

    def verify(self, messages: Iterable[MessageInput]) -> Iterator[VerifyOutcome]:
        """Outcomes in input order; all outside lookups are started before the first one is awaited."""
        pending = [self._start(message) for message in messages]
        for item in pending:
            yield self._finish(item)

    def _start(self, message: MessageInput) -> _Pending:
        try:
            reading = read_ticket(message.raw, self.settings.reading)
        except UnreadableMessage as error:
            log.info("unreadable message %s", message.source)
            return _Pending(source=message.source, reading=None, error=str(error))
        official = choose_official_site(reading, self.tools)
        item = _Pending(source=message.source, reading=reading, error=None, official=official)
        item.started = time.monotonic()
        item.sender_site = sender_named_site(reading, official, self.tools)
        if item.sender_site is not None:
            item.sender_site_evidence = self._crawler.crawl(item.sender_site.url)
        if official is not None:
            item.site = self._crawler.crawl(official.url)
            if self.settings.whois_enabled:
                item.whois = self._whois_future(official.domain)
        return item

    def _whois_future(self, domain: str) -> Future[WhoisInfo]:
        if domain not in self._whois_futures:
            self._whois_futures[domain] = self._whois_pool.submit(self._whois.lookup, domain)
        return self._whois_futures[domain]

    def _finish(self, item: _Pending) -> VerifyOutcome:
        if item.reading is None:
            return VerifyOutcome(source=item.source, error=item.error or "unreadable message")
        deadline = item.started + self.settings.message_deadline_seconds
        site = _result_by(item.site, deadline) if item.site else None
        if item.site is not None and site is None and item.official is not None:
            site = SiteEvidence(
                start_url=item.official.url,
                domain=item.official.domain,
                reachable=False,
                errors=("deadline",),
            )
        whois = _result_by(item.whois, deadline) if item.whois else None
        sender_site = None
        if item.sender_site is not None and item.sender_site_evidence is not None:
            sender_site = (item.sender_site, _result_by(item.sender_site_evidence, deadline))
        facts = assemble_facts(
            item.reading, item.official, site, whois, self.tools, self.settings.lookalike, sender_site
        )
        suggestion = decide(facts, self.settings.policy)
        log.info(
            "ticket %s: %s (%s)",
            item.reading.message.ticket or "-",
            suggestion.verdict.value,
            ",".join(r.code for r in suggestion.reasons),
        )
        return VerifyOutcome(source=item.source, facts=facts, suggestion=suggestion)


def _result_by(future: Future[T], deadline: float) -> T | None:
    """The future's result if it arrives before the monotonic deadline, else None (also when cancelled).

    A lookup that raised is a bug in our own code, not a fact about the site: it propagates.
    """
    try:
        return future.result(timeout=max(0.0, deadline - time.monotonic()))
    except (FutureTimeout, CancelledError):
        return None
