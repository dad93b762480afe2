"""Fetching one web page safely: only http(s), no internal addresses, bounded in size, time and redirects.

The URLs come from e-mails written by strangers, so every hop is checked before it is requested:
redirects are followed by hand, each target re-checked. IP literals (also 2130706433, 0x7f.1) and
"localhost" are refused outright; a host name is resolved and every address checked when the request
goes direct. When a proxy applies to the URL (HTTP(S)_PROXY and NO_PROXY, as requests reads them) the
proxy resolves the name, and so is the one to guard its network; nothing is resolved here then.

Known limit: going direct, requests resolves the name again after the check, so a DNS answer that changes
in between (rebinding) is not caught. Production fetches go through a proxy.

Failures are codes (`FetchError`), never exceptions. One requests.Session per worker thread: Sessions are
not thread-safe, and a lock around one Session would let one slow site hold up all the others.
"""

from __future__ import annotations

import codecs
import enum
import ipaddress
import logging
import re
import socket
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email.message import Message
from typing import Any, Self
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import requests.adapters
import requests.utils
from urllib3.exceptions import ReadTimeoutError

from verification.domains import normalise_host, parse_ip
from verification.errors import ConfigError

log = logging.getLogger(__name__)

Resolver = Callable[[str, int], Sequence[str]]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CHUNK = 65536


class FetchError(enum.StrEnum):
    """Why a fetch gave no page. HTTP_STATUS is rendered with its status: "http_404"."""

    TIMEOUT = "timeout"
    CONNECTION_FAILED = "connection_failed"
    TOO_LARGE = "too_large"
    BLOCKED_ADDRESS = "blocked_address"
    BAD_SCHEME = "bad_scheme"
    BAD_URL = "bad_url"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    UNSUPPORTED_TYPE = "unsupported_type"
    HTTP_STATUS = "http"


@dataclass(frozen=True)
class FetchResult:
    """One fetch: the URL asked for, where the redirects ended, and the page text or the error."""

    url: str
    final_url: str
    status: int  # 0 when no HTTP answer came
    text: str
    content_type: str
    error: FetchError | None
    elapsed: float  # seconds, all hops

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def error_code(self) -> str | None:
        """A generic code for reports: "timeout", "http_404", ...; None when the page was read."""
        if self.error is FetchError.HTTP_STATUS:
            return f"http_{self.status}"
        return None if self.error is None else self.error.value


@dataclass(frozen=True)
class FetchSettings:
    """config/web.toml."""

    user_agent: str
    connect_timeout: float
    read_timeout: float
    total_timeout: float
    max_bytes: int
    max_redirects: int
    pool_size: int
    host_pools_per_thread: int
    allow_private_addresses: bool
    text_types: frozenset[str]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        agent = data.get("user_agent")
        if not isinstance(agent, str) or not agent.strip():
            raise ConfigError("user_agent: expected a non-empty string")
        allow = data.get("allow_private_addresses", False)
        if not isinstance(allow, bool):
            raise ConfigError("allow_private_addresses: expected true or false")
        types = data.get("text_types")
        if not isinstance(types, list) or not types or not all(isinstance(t, str) for t in types):
            raise ConfigError("text_types: expected a non-empty list of media types")
        return cls(
            user_agent=agent.strip(),
            connect_timeout=_positive_number(data, "connect_timeout"),
            read_timeout=_positive_number(data, "read_timeout"),
            total_timeout=_positive_number(data, "total_timeout"),
            max_bytes=_positive_int(data, "max_bytes"),
            max_redirects=_positive_int(data, "max_redirects", minimum=0),
            pool_size=_positive_int(data, "pool_size"),
            host_pools_per_thread=_positive_int(data, "host_pools_per_thread"),
            allow_private_addresses=allow,
            text_types=frozenset(t.strip().lower() for t in types),
        )


def resolve_addresses(host: str, port: int) -> Sequence[str]:
    """All addresses the system resolver gives for host:port (raises OSError when it gives none)."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)]


def address_blocked(address: str) -> bool:
    """Private, loopback, link-local, multicast, reserved, unspecified or shared: not the public web."""
    ip = parse_ip(address.split("%", 1)[0])
    if ip is None:
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast or ip.is_reserved


class GuardedFetcher:
    """Fetches pages for many threads at once, each thread with its own Session. Close when done."""

    def __init__(self, settings: FetchSettings, resolver: Resolver = resolve_addresses) -> None:
        self.settings = settings
        self._resolver = resolver
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()

    def fetch(self, url: str) -> FetchResult:
        """GET `url`, following up to max_redirects redirects, each hop checked; never raises."""
        started = time.monotonic()
        current = _without_fragment(url.strip())
        hops = 0
        while True:
            refused = self.check_target(current)
            if refused is not None:
                return _failed(url, current, refused, started)
            try:
                outcome = self._get(current, started)
            except requests.exceptions.RequestException as exc:
                log.debug("fetch %s failed: %s", current, type(exc).__name__)
                return _failed(url, current, _classify(exc), started)
            if isinstance(outcome, _Redirect):
                hops += 1
                if hops > self.settings.max_redirects:
                    return _failed(url, current, FetchError.TOO_MANY_REDIRECTS, started, outcome.status)
                current = _without_fragment(urljoin(current, outcome.location))
                continue
            return FetchResult(
                url=url,
                final_url=current,
                status=outcome.status,
                text=outcome.text,
                content_type=outcome.content_type,
                error=outcome.error,
                elapsed=time.monotonic() - started,
            )

    def check_target(self, url: str) -> FetchError | None:
        """Why `url` may not be requested, or None when it may."""
        try:
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        except ValueError:
            return FetchError.BAD_URL
        if parts.scheme.lower() not in {"http", "https"}:
            return FetchError.BAD_SCHEME
        host = normalise_host(parts.hostname or "")
        if not host:
            return FetchError.BAD_URL
        if self.settings.allow_private_addresses:
            return None
        if parse_ip(host) is not None:
            return FetchError.BLOCKED_ADDRESS if address_blocked(host) else None
        if host == "localhost" or host.endswith(".localhost"):
            return FetchError.BLOCKED_ADDRESS
        if _proxied(url):
            return None
        try:
            addresses = self._resolver(host, port)
        except (OSError, UnicodeError):
            return FetchError.CONNECTION_FAILED
        if not addresses or any(address_blocked(a) for a in addresses):
            return FetchError.BLOCKED_ADDRESS
        return None

    def close(self) -> None:
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.trust_env = True
            session.headers["User-Agent"] = self.settings.user_agent
            session.headers["Accept"] = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"
            adapter = requests.adapters.HTTPAdapter(
                pool_connections=self.settings.host_pools_per_thread, pool_maxsize=1, max_retries=0
            )
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def _get(self, url: str, started: float) -> _Redirect | _Answer:
        settings = self.settings
        timeout = (settings.connect_timeout, settings.read_timeout)
        session = self._session()
        with session.get(url, stream=True, allow_redirects=False, timeout=timeout) as response:
            status = response.status_code
            location = session.get_redirect_target(response)
            if location:
                return _Redirect(status, location)
            content_type = response.headers.get("Content-Type", "")
            if status >= 400:
                return _Answer(status, "", content_type, FetchError.HTTP_STATUS)
            media_type = content_type.split(";", 1)[0].strip().lower()
            if media_type and media_type not in settings.text_types:
                return _Answer(status, "", content_type, FetchError.UNSUPPORTED_TYPE)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > settings.max_bytes:
                return _Answer(status, "", content_type, FetchError.TOO_LARGE)
            body = bytearray()
            for chunk in response.iter_content(_CHUNK):
                body += chunk
                if len(body) > settings.max_bytes:
                    return _Answer(status, "", content_type, FetchError.TOO_LARGE)
                if time.monotonic() - started > settings.total_timeout:
                    return _Answer(status, "", content_type, FetchError.TIMEOUT)
            return _Answer(status, decode_body(bytes(body), content_type), content_type, None)


@dataclass(frozen=True)
class _Redirect:
    status: int
    location: str


@dataclass(frozen=True)
class _Answer:
    status: int
    text: str
    content_type: str
    error: FetchError | None


def decode_body(body: bytes, content_type: str) -> str:
    """Text of a page: a byte-order mark, else the declared charset (header, then <meta>), else UTF-8."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, "replace")
    message = Message()
    message["Content-Type"] = content_type or "text/html"
    declared = message.get_content_charset()
    if declared is None:
        match = _META_CHARSET.search(body[:4096])
        declared = match.group(1).decode("ascii", "replace") if match else None
    return body.decode(_known_codec(declared), "replace")


def _known_codec(name: str | None) -> str:
    if not name:
        return "utf-8"
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return "utf-8"


def _proxied(url: str) -> bool:
    """A proxy from the environment applies to `url` (so the proxy, not we, resolves its host)."""
    proxies = requests.utils.get_environ_proxies(url, no_proxy=None)
    return requests.utils.select_proxy(url, proxies) is not None


def _classify(exc: requests.exceptions.RequestException) -> FetchError:
    if isinstance(exc, requests.exceptions.Timeout):
        return FetchError.TIMEOUT
    if isinstance(exc, requests.exceptions.ConnectionError) and any(
        isinstance(arg, ReadTimeoutError) for arg in exc.args
    ):
        return FetchError.TIMEOUT  # a read timeout while streaming the body surfaces as ConnectionError
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema):
        return FetchError.BAD_URL
    return FetchError.CONNECTION_FAILED


def _failed(url: str, final: str, error: FetchError, started: float, status: int = 0) -> FetchResult:
    return FetchResult(url, final, status, "", "", error, time.monotonic() - started)


def _without_fragment(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def _positive_number(data: Mapping[str, Any], key: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(f"{key}: expected a positive number of seconds")
    return float(value)


def _positive_int(data: Mapping[str, Any], key: str, minimum: int = 1) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ConfigError(f"{key}: expected an integer of at least {minimum}")
    return value
