"""Reading holders' websites for many messages at once, politely.

`SiteCrawler.crawl(url)` returns at once with a Future; the orchestrator asks for every message's site
first, then waits on each Future with its own deadline. Work is shared across the whole run:
- each distinct URL (scheme + host + path) is fetched at most once per crawler;
- a site (registrable domain) gets at most one request at a time: its crawls run one after another in
  a single worker, and every fetch also takes the site's lock (a page may redirect to another site);
- different sites are read concurrently, by a bounded pool of workers;
- with an `EvidenceCache`, a crawl's evidence is kept across runs (the service's store): a start page
  crawled by an earlier pass is served from there, asked for in the site's worker thread (this process,
  never a reading worker), and each new crawl's evidence is kept there once read.

A crawl reads the home page (scheme://host/), then the start URL itself when it is a deeper page, then the
contact-like pages linked from those (same site, best first, up to the configured depth and page count);
a home page with no contact-like link at all gets a few of its other same-site links read instead.
When the home page can't be reached at all (connection failed, or the proxy's 502/504 for an unknown
host) the other scheme is tried, then the host with "www." added or removed: mail often names a site as
"acme.com" whose server answers only at https://www.acme.com/, or the reverse. Timeouts are not retried.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Protocol, Self
from urllib.parse import urlsplit, urlunsplit

from bot.evidence.cache import EvidenceCache
from bot.evidence.fetch import FetchError, FetchResult
from bot.evidence.workers import DaemonPool
from verification.addresses import extract_addresses
from verification.domains import DomainTools, normalise_host
from verification.html_text import HtmlText, html_to_text
from verification.model import SiteEvidence, SitePage
from verification.site_pages import SiteVocabulary, contact_links, fallback_links

log = logging.getLogger(__name__)

_UNREACHABLE = frozenset({"connection_failed", "tls_failed", "http_502", "http_503", "http_504"})


class PageFetcher(Protocol):
    """What the crawler needs of a fetcher (bot.evidence.fetch.GuardedFetcher)."""

    def fetch(self, url: str) -> FetchResult: ...


@dataclass(frozen=True)
class _Page:
    """A fetched page, parsed once: its visible text, links and the addresses it lists."""

    result: FetchResult
    parsed: HtmlText | None  # None when the fetch failed
    addresses: tuple[str, ...]


@dataclass(frozen=True)
class _Job:
    start_url: str
    future: Future[SiteEvidence]


class SiteCrawler:
    """Shares site reads across messages; thread-safe. Close (or use as a context manager) when done."""

    def __init__(
        self,
        fetcher: PageFetcher,
        tools: DomainTools,
        vocab: SiteVocabulary,
        max_workers: int,
        cache: EvidenceCache | None = None,
    ) -> None:
        self._fetcher = fetcher
        self._cache = cache
        self._tools = tools
        self._vocab = vocab
        self._pool = DaemonPool(max_workers, "crawl")
        self._lock = threading.Lock()
        self._crawls: dict[str, Future[SiteEvidence]] = {}
        self._pages: dict[str, _Page] = {}
        self._queues: dict[str, deque[_Job]] = {}
        self._site_locks: dict[str, threading.Lock] = {}
        self._closed = False

    def crawl(self, url: str) -> Future[SiteEvidence]:
        """The evidence of the site `url` belongs to; the same Future for the same start URL."""
        start = start_url(url)
        if start is None:
            done: Future[SiteEvidence] = Future()
            done.set_result(SiteEvidence(url, "", reachable=False, errors=(FetchError.BAD_URL.value,)))
            return done
        key = page_key(start)
        site = self._site_of(start)
        with self._lock:
            if key in self._crawls:
                return self._crawls[key]
            future: Future[SiteEvidence] = Future()
            self._crawls[key] = future
            if self._closed:
                future.cancel()
                return future
            queue = self._queues.setdefault(site, deque())
            queue.append(_Job(start, future))
            if len(queue) == 1:  # else the site's worker takes this job after the ones before it
                self._pool.submit(self._run_site, site)
        return future

    def close(self) -> None:
        """Stop: pending crawls are cancelled, running ones finish in the background (daemon threads: the
        process never waits for them at exit)."""
        with self._lock:
            self._closed = True
            pending = [job for queue in self._queues.values() for job in queue]
        for job in pending:
            job.future.cancel()
        self._pool.shutdown()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run_site(self, site: str) -> None:
        """Run the site's queued crawls one after another; the queue is emptied only here."""
        while True:
            with self._lock:
                job = self._queues[site][0]
            if job.future.set_running_or_notify_cancel():
                try:
                    job.future.set_result(self._cached_or_read(job.start_url))
                except Exception as exc:  # noqa: BLE001 - handed to the waiting caller, not swallowed
                    job.future.set_exception(exc)
            with self._lock:
                queue = self._queues[site]
                queue.popleft()
                if not queue:
                    del self._queues[site]
                    return

    def _cached_or_read(self, start: str) -> SiteEvidence:
        if self._cache is None:
            return self._read_site(start)
        key = page_key(start)
        cached = self._cache.site(key)
        if cached is not None:
            log.debug("site %s: from the cache", key)
            return cached
        evidence = self._read_site(start)
        self._cache.keep_site(key, evidence)
        return evidence

    def _read_site(self, start: str) -> SiteEvidence:
        home_url = origin_of(start)
        home = self._home_page(home_url)
        read: list[_Page] = [home]
        origin = origin_of(home.result.url)  # the variant that answered, when a fallback did
        if page_key(start) != page_key(home_url) and home.result.error_code not in _UNREACHABLE:
            read.append(self._page(origin + _path_and_query(start)))
        self._follow_contact_links(read)
        pages = tuple(
            SitePage(p.result.final_url, p.result.status, p.parsed.title if p.parsed else "") for p in read
        )
        errors = (p.result.error_code for p in read)
        return SiteEvidence(
            start_url=start,
            domain=self._tools.registrable_domain(start) or "",
            reachable=any(p.parsed is not None for p in read),
            pages=pages,
            addresses=_unique(a for p in read for a in p.addresses),
            # the home page alone: whether a site names the holder is read there, not on a deep page
            # the mail links (an agency's photo page crediting the holder is not the holder's site)
            home_text=home.parsed.text if home.parsed else "",
            errors=_unique(e for e in errors if e is not None),
        )

    def _home_page(self, home_url: str) -> _Page:
        """The home page, trying the other scheme and the www/bare host when the first can't be reached."""
        first, *others = home_variants(home_url, self._tools.registrable_domain(home_url))
        named = self._page(first)
        for candidate in (first, *others):
            page = named if candidate == first else self._page(candidate)
            if page.result.error_code not in _UNREACHABLE:
                return page
        return named

    def _follow_contact_links(self, read: list[_Page]) -> None:
        """Breadth first from the pages read so far, same site only, within max_depth and max_pages.

        A home page without any contact-like link gets a few of its other links read instead."""
        seen = {page_key(p.result.url) for p in read} | {page_key(p.result.final_url) for p in read}
        frontier = [(p.result.final_url, p.parsed) for p in read if p.parsed]
        for depth in range(self._vocab.max_depth):
            following: list[tuple[str, HtmlText]] = []
            for index, (page_url, parsed) in enumerate(frontier):
                targets = contact_links(page_url, parsed.links, self._tools, self._vocab)
                if not targets and depth == 0 and index == 0 and read[0].parsed is parsed:
                    targets = fallback_links(page_url, parsed.links, self._tools, self._vocab)
                for link in targets:
                    if len(read) >= self._vocab.max_pages:
                        return
                    if page_key(link) in seen:
                        continue
                    fetched = self._page(link)
                    seen.update((page_key(link), page_key(fetched.result.final_url)))
                    read.append(fetched)
                    if fetched.parsed:
                        following.append((fetched.result.final_url, fetched.parsed))
            frontier = following

    def _page(self, url: str) -> _Page:
        """A page from the crawler-wide cache, fetched (under its site's lock) on first use."""
        key = page_key(url)
        with self._lock:
            cached = self._pages.get(key)
        if cached is not None:
            return cached
        with self._site_lock(self._site_of(url)):
            with self._lock:
                cached = self._pages.get(key)
            if cached is not None:
                return cached
            page = self._parse(self._fetcher.fetch(url))
            with self._lock:  # the parsed text is kept; the raw HTML is not, to bound memory
                self._pages[key] = page
        if not page.result.ok:
            log.debug("site page %s: %s", url, page.result.error_code)
        return page

    def _parse(self, result: FetchResult) -> _Page:
        if not result.ok:
            return _Page(result, None, ())
        if result.content_type.lower().startswith("text/plain"):
            parsed = HtmlText(result.text, (), "")
        else:
            parsed = html_to_text(result.text, base_url=result.final_url)
        addresses = extract_addresses(parsed.text, parsed.links, self._vocab.addresses, html=result.text)
        return _Page(dataclasses.replace(result, text=""), parsed, addresses)

    def _site_lock(self, site: str) -> threading.Lock:
        with self._lock:
            return self._site_locks.setdefault(site, threading.Lock())

    def _site_of(self, url: str) -> str:
        return self._tools.registrable_domain(url) or self._tools.host_of(url) or url


def start_url(url: str) -> str | None:
    """The URL to crawl: https:// added to a bare host, host in A-labels, no user info or fragment; None if
    it is no web address."""
    text = url.strip()
    if "://" not in text:
        if "@" in text or text.lower().startswith(("mailto:", "javascript:", "data:", "tel:")):
            return None
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    host = normalise_host(parts.hostname or "")
    if parts.scheme.lower() not in {"http", "https"} or not host:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def page_key(url: str) -> str:
    """The cache key of a page: scheme, host and path (query and fragment ignored)."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path or '/'}"


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}/"


def home_variants(home_url: str, registrable: str | None) -> tuple[str, ...]:
    """The home page as named, with the other scheme, then (for a site's main host) with "www." added or
    removed. `registrable` is the host's registrable domain, None for IP addresses."""
    parts = urlsplit(home_url)
    other = "http" if parts.scheme == "https" else "https"
    host = parts.netloc
    variants = [(parts.scheme, host), (other, host)]
    if registrable and host in {registrable, f"www.{registrable}"}:
        twin = registrable if host.startswith("www.") else f"www.{registrable}"
        variants += [("https", twin), ("http", twin)]
    return tuple(f"{scheme}://{h}/" for scheme, h in variants)


def _path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/").lstrip("/") + (f"?{parts.query}" if parts.query else "")


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
