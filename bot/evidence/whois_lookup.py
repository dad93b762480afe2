"""WHOIS as corroboration: who registered a domain, and since when. Never decisive, never slow.

python-whois talks to port 43 itself (IANA, then the registry, then maybe the registrar), with fixed
timeouts of its own (10 s for the IANA step) and errors that vary by TLD when offline. So each query runs
in a daemon thread that we wait for only up to the configured deadline: a hung socket never delays the
verdict nor the process exit. Failures, timeouts and records without a registrant or creation date are
"unknown". Answers are cached per domain in memory, and in an `EvidenceCache` when one is given (the
service's store: creation dates for `cache_ttl_days`, failures briefly); `permbot verify` alone keeps known
ones on disk (JSON, with the same TTL), so the next run doesn't ask again.

Both keep only the creation date, never the registrant: a registrant is often a private
person's name, and no verdict reads it (policy ignores WHOIS; the report shows it to the agent of this
run). A later run served from a cache shows the registrant as unknown. A cache file of the older
format, which held registrant names, is deleted when found.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import json
import logging
import math
import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import whois
from whois.exceptions import PywhoisError, WhoisDomainNotFoundError

from bot.evidence.cache import EvidenceCache
from verification.domains import normalise_host
from verification.errors import ConfigError
from verification.model import WhoisInfo

log = logging.getLogger(__name__)

Query = Callable[[str, float], Mapping[str, Any]]
_CACHE_VERSION = 2


class WhoisFailure(enum.StrEnum):
    """Why a lookup is unknown (WhoisInfo.error)."""

    BAD_DOMAIN = "bad_domain"
    TIMEOUT = "timeout"
    DNS_FAILED = "dns_failed"
    NETWORK = "network"
    NOT_FOUND = "not_found"
    WHOIS_ERROR = "whois_error"
    PARSE_FAILED = "parse_failed"
    EMPTY = "empty"  # an answer, but neither a registrant nor a creation date in it


@dataclass(frozen=True)
class WhoisSettings:
    """The [whois] table of config/web.toml."""

    deadline: float  # seconds for the whole lookup
    cache_path: Path | None
    cache_ttl: float  # seconds
    redaction_markers: tuple[str, ...]
    pool_size: int = 32  # lookups at once

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        deadline = data.get("deadline_seconds")
        if isinstance(deadline, bool) or not isinstance(deadline, int | float) or deadline <= 0:
            raise ConfigError("deadline_seconds: expected a positive number of seconds")
        path = data.get("cache_path", "")
        if not isinstance(path, str):
            raise ConfigError('cache_path: expected a path, or "" for no disk cache')
        ttl = data.get("cache_ttl_days", 30)
        if isinstance(ttl, bool) or not isinstance(ttl, int | float) or ttl < 0:
            raise ConfigError("cache_ttl_days: expected a number of days, 0 or more")
        markers = data.get("redaction_markers", [])
        if not isinstance(markers, list) or not all(isinstance(m, str) and m.strip() for m in markers):
            raise ConfigError("redaction_markers: expected a list of phrases")
        pool_size = data.get("pool_size", 32)
        if isinstance(pool_size, bool) or not isinstance(pool_size, int) or pool_size < 1:
            raise ConfigError("pool_size: expected a whole number of lookups, 1 or more")
        return cls(
            deadline=float(deadline),
            pool_size=pool_size,
            cache_path=Path(path).expanduser() if path.strip() else None,
            cache_ttl=float(ttl) * 86400,
            redaction_markers=tuple(m.strip().lower() for m in markers),
        )


def python_whois_query(domain: str, timeout: float) -> Mapping[str, Any]:
    """One python-whois lookup; raises what python-whois raises."""
    entry: Mapping[str, Any] = whois.whois(
        domain, quiet=True, ignore_socket_errors=False, timeout=max(1, math.ceil(timeout))
    )
    return entry


class WhoisLookup:
    """Thread-safe WHOIS lookups with a deadline and caches. `query` is a seam for tests."""

    def __init__(
        self, settings: WhoisSettings, query: Query = python_whois_query, cache: EvidenceCache | None = None
    ) -> None:
        self.settings = settings
        self._query = query
        self._cache = cache
        self._lock = threading.Lock()
        self._memory: dict[str, WhoisInfo] = {}
        self._disk: dict[str, dict[str, Any]] | None = None  # loaded on first use

    def lookup(self, domain: str) -> WhoisInfo:
        """What WHOIS says of `domain` (a registrable domain), or an unknown WhoisInfo with an error code."""
        name = normalise_host(domain)
        if name is None or "." not in name:
            return WhoisInfo(domain=domain, known=False, error=WhoisFailure.BAD_DOMAIN)
        with self._lock:
            cached = self._memory.get(name)
        if cached is None and self._cache is not None:
            cached = self._cache.whois(name)
        if cached is None:
            with self._lock:
                cached = self._from_disk(name)
        if cached is not None:
            with self._lock:
                self._memory[name] = cached
            return cached
        info = self._ask(name)
        if self._cache is not None:
            self._cache.keep_whois(info)
        with self._lock:
            self._memory[name] = info
            if info.known:
                self._to_disk(info)
        return info

    def _ask(self, name: str) -> WhoisInfo:
        outcome: list[WhoisInfo] = []

        def run() -> None:
            outcome.append(self._query_once(name))

        worker = threading.Thread(target=run, name=f"whois-{name}", daemon=True)
        worker.start()
        worker.join(self.settings.deadline)
        if not outcome:
            log.debug("whois %s: no answer within %.1f s", name, self.settings.deadline)
            return WhoisInfo(domain=name, known=False, error=WhoisFailure.TIMEOUT)
        return outcome[0]

    def _query_once(self, name: str) -> WhoisInfo:
        """Runs in the worker thread: every failure python-whois is known to raise becomes a code."""
        try:
            record = self._query(name, self.settings.deadline)
        except socket.gaierror:
            return WhoisInfo(domain=name, known=False, error=WhoisFailure.DNS_FAILED)
        except TimeoutError:
            return WhoisInfo(domain=name, known=False, error=WhoisFailure.TIMEOUT)
        except OSError:
            return WhoisInfo(domain=name, known=False, error=WhoisFailure.NETWORK)
        except WhoisDomainNotFoundError:
            return WhoisInfo(domain=name, known=False, error=WhoisFailure.NOT_FOUND)
        except PywhoisError:
            return WhoisInfo(domain=name, known=False, error=WhoisFailure.WHOIS_ERROR)
        except (UnicodeError, ValueError, LookupError, AttributeError, TypeError) as exc:
            # python-whois's per-TLD parsers trip over unusual records in these ways
            log.debug("whois %s: parser failed: %s", name, type(exc).__name__)
            return WhoisInfo(domain=name, known=False, error=WhoisFailure.PARSE_FAILED)
        return read_record(name, record, self.settings.redaction_markers)

    def _from_disk(self, name: str) -> WhoisInfo | None:
        entries = self._disk_entries()
        entry = entries.get(name)
        if entry is None or time.time() - float(entry.get("at", 0)) > self.settings.cache_ttl:
            return None
        created = entry.get("created")
        if not isinstance(created, str):
            return None
        return WhoisInfo(domain=name, known=True, created=created)

    def _to_disk(self, info: WhoisInfo) -> None:
        path = self.settings.cache_path
        if path is None or info.created is None:
            return
        entries = self._disk_entries()
        entries[info.domain] = {"created": info.created, "at": time.time()}
        text = json.dumps({"version": _CACHE_VERSION, "entries": entries})
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".whois-", suffix=".tmp")
        except OSError as exc:
            log.warning("WHOIS cache %s not writable (%s); continuing without it", path, type(exc).__name__)
            return
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temporary, path)  # atomic: readers see the old file or the new one, never half
        except OSError as exc:
            log.warning("WHOIS cache %s not writable (%s); continuing without it", path, type(exc).__name__)
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def _disk_entries(self) -> dict[str, dict[str, Any]]:
        if self._disk is None:
            self._disk = load_cache(self.settings.cache_path)
        return self._disk


def load_cache(path: Path | None) -> dict[str, dict[str, Any]]:
    """The disk cache's entries; empty when there is none or it is unreadable (it is only a cache)."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("WHOIS cache %s unreadable (%s); starting afresh", path, type(exc).__name__)
        return {}
    if isinstance(data, dict) and data.get("version") == 1:  # held registrant names: not kept
        with contextlib.suppress(OSError):
            path.unlink()
        return {}
    entries = (
        data.get("entries") if isinstance(data, dict) and data.get("version") == _CACHE_VERSION else None
    )
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, dict)}


def read_record(domain: str, record: Mapping[str, Any], redaction_markers: tuple[str, ...]) -> WhoisInfo:
    """Registrant (organisation first, then name, privacy placeholders dropped) and creation date."""
    registrant = None
    for key in ("org", "registrant_org", "registrant", "registrant_name", "name"):
        value = _first_text(record.get(key))
        if value and not any(marker in value.lower() for marker in redaction_markers):
            registrant = value
            break
    created = _iso_date(record.get("creation_date"))
    if registrant is None and created is None:
        return WhoisInfo(domain=domain, known=False, error=WhoisFailure.EMPTY)
    return WhoisInfo(domain=domain, known=True, registrant=registrant, created=created)


def _first_text(value: Any) -> str | None:
    if isinstance(value, list | tuple):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _iso_date(value: Any) -> str | None:
    """The earliest date given (python-whois returns a datetime, a list of them, or text it couldn't read)."""
    values = value if isinstance(value, list | tuple) else [value]
    dates = [v.date() if isinstance(v, dt.datetime) else v for v in values if isinstance(v, dt.date)]
    if dates:
        return min(dates).isoformat()
    text = _first_text(value)
    if text:
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(text[:10]).isoformat()
    return None
