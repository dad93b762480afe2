"""Caching outside lookups across runs: a holder's site and WHOIS, each kept only as long as it is fresh.

The evidence layer sees one small interface, `LookupCache` (JSON values by kind and key, with a time to
live). `permbot verify` alone uses `MemoryCache` (the process's lifetime); the service (`permbot ingest`,
`permbot run`) hands in the store's `CacheStore`, so a site read for one ticket is not read again for the
next one, pass after pass, until its entry expires. Only `bot.store` talks SQL.

What is kept, and why:
- a site: the `SiteEvidence` of one crawl (page URLs, statuses and titles, the addresses found, the home
  page's visible text, error codes), keyed by the crawl's start page. These extracted facts are all the
  verdict reads; raw HTML would be larger, would hold everything else the pages show, and would have to
  be parsed again. They are evidence all the same: they expire, and the purge drops them with the rest;
- WHOIS: the creation date only. The registrant is often a private person's name or address and no
  verdict reads it (the report of the run that asked shows it; later ones show it as unknown);
- failures (an unreachable site, a site with a page that timed out, a WHOIS lookup that failed) only for
  `failure_ttl`, shorter than a pass interval: the verdict of an unreachable site is provisional and the
  next pass's re-verification must find the site asked again, not the failure served from the cache.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, Self

from verification.errors import ConfigError
from verification.model import SiteEvidence, SitePage, WhoisInfo

log = logging.getLogger(__name__)

SITE = "site"
WHOIS = "whois"
# Error codes that say nothing lasting about a site: asked again after failure_ttl, not after site_ttl.
_PASSING_ERRORS = frozenset({"timeout", "connection_failed", "deadline", "http_408", "http_429"})

Clock = Callable[[], datetime]


class LookupCache(Protocol):
    """JSON values by kind and key, each with a time to live (bot.store.caches.CacheStore is one)."""

    def get(self, kind: str, key: str) -> Any | None: ...

    def put(self, kind: str, key: str, value: Any, ttl: timedelta) -> None: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


class MemoryCache:
    """A LookupCache for one process (`permbot verify` alone); thread-safe."""

    def __init__(self, clock: Clock = utc_now) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str], tuple[Any, datetime]] = {}

    def get(self, kind: str, key: str) -> Any | None:
        with self._lock:
            entry = self._entries.get((kind, key))
        if entry is None or entry[1] <= self._clock():
            return None
        return entry[0]

    def put(self, kind: str, key: str, value: Any, ttl: timedelta) -> None:
        with self._lock:
            self._entries[(kind, key)] = (value, self._clock() + ttl)


@dataclass(frozen=True)
class CacheSettings:
    """How long lookups stay cached: the [cache] table of config/web.toml, WHOIS from [whois]."""

    site_ttl: timedelta = timedelta(hours=24)
    whois_ttl: timedelta = timedelta(days=30)
    failure_ttl: timedelta = timedelta(minutes=5)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], whois_ttl_seconds: float) -> Self:
        hours = data.get("site_ttl_hours", 24)
        minutes = data.get("failure_ttl_minutes", 5)
        for key, value in (("site_ttl_hours", hours), ("failure_ttl_minutes", minutes)):
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ConfigError(f"[cache] {key}: expected a number, 0 or more (0: not cached)")
        return cls(
            site_ttl=timedelta(hours=hours),
            whois_ttl=timedelta(seconds=whois_ttl_seconds),
            failure_ttl=timedelta(minutes=minutes),
        )


class EvidenceCache:
    """Site evidence and WHOIS answers in and out of a LookupCache, each with its time to live.

    An entry that cannot be read back (written by another version) counts as missing: it is fetched again.
    """

    def __init__(self, backend: LookupCache, settings: CacheSettings) -> None:
        self._backend = backend
        self._settings = settings

    def site(self, key: str) -> SiteEvidence | None:
        value = self._backend.get(SITE, key)
        return site_from_json(value) if value is not None else None

    def keep_site(self, key: str, evidence: SiteEvidence) -> None:
        lasting = evidence.reachable and not _PASSING_ERRORS.intersection(evidence.errors)
        lasting = lasting and not any(e.startswith("http_5") for e in evidence.errors)
        self._put(SITE, key, site_to_json(evidence), lasting)

    def whois(self, domain: str) -> WhoisInfo | None:
        value = self._backend.get(WHOIS, domain)
        return whois_from_json(domain, value) if value is not None else None

    def keep_whois(self, info: WhoisInfo) -> None:
        if info.known and info.created is None:
            return  # only a registrant, which is not kept: nothing worth caching
        self._put(WHOIS, info.domain, whois_to_json(info), info.known)

    def _put(self, kind: str, key: str, value: dict[str, Any], lasting: bool) -> None:
        if not lasting:
            ttl = self._settings.failure_ttl
        else:
            ttl = self._settings.site_ttl if kind == SITE else self._settings.whois_ttl
        if ttl > timedelta(0):
            self._backend.put(kind, key, value, ttl)


def site_to_json(evidence: SiteEvidence) -> dict[str, Any]:
    return {
        "start_url": evidence.start_url,
        "domain": evidence.domain,
        "reachable": evidence.reachable,
        "pages": [[p.url, p.status, p.title] for p in evidence.pages],
        "addresses": list(evidence.addresses),
        "home_text": evidence.home_text,
        "errors": list(evidence.errors),
    }


def site_from_json(value: Any) -> SiteEvidence | None:
    try:
        return SiteEvidence(
            start_url=_text(value["start_url"]),
            domain=_text(value["domain"]),
            reachable=bool(value["reachable"]),
            pages=tuple(
                SitePage(_text(url), int(status), _text(title)) for url, status, title in value["pages"]
            ),
            addresses=tuple(_text(a) for a in value["addresses"]),
            home_text=_text(value["home_text"]),
            errors=tuple(_text(e) for e in value["errors"]),
        )
    except (KeyError, TypeError, ValueError):
        log.debug("a cached site entry of another shape: fetched again")
        return None


def whois_to_json(info: WhoisInfo) -> dict[str, Any]:
    """The creation date, or the failure's code; never the registrant."""
    if info.known:
        return {"created": info.created}
    return {"error": info.error}


def whois_from_json(domain: str, value: Any) -> WhoisInfo | None:
    if not isinstance(value, dict):
        return None
    created, error = value.get("created"), value.get("error")
    if isinstance(created, str):
        return WhoisInfo(domain=domain, known=True, created=created)
    if "error" in value and (error is None or isinstance(error, str)):
        return WhoisInfo(domain=domain, known=False, error=error)
    return None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value
