"""Fetching one web page safely: only http(s), only the public web, bounded in size, time and redirects.

The URLs come from e-mails and pages written by strangers, so every hop is checked before it is requested,
and requested exactly as checked:
- one strict parser (`verification.web_urls`) reads the URL; the request URL is rebuilt from its parts,
  so no second parser can find another host in it (user info, backslashes and zone ids are refused);
- going direct, the host name is resolved once, every address must be public (`address_allowed`: a
  global address outside the configured `blocked_networks`), and the connection is pinned to the vetted
  address: our connection class opens the socket to that IP itself, while the URL keeps the host name for
  the Host header, SNI and the certificate check. A DNS answer that changes afterwards (rebinding) is
  never asked for. A connection to anything not vetted for this hop is refused (fail closed);
- through a proxy (HTTP(S)_PROXY and NO_PROXY, as requests reads them) the proxy resolves and connects,
  so it guards its own network: nothing is resolved or pinned here then, the proxy itself being the
  operator's choice. IP literals and "localhost" are refused in both modes;
- redirects are followed by hand, each target parsed and vetted again;
- a wall-clock deadline (total_timeout) covers the whole fetch, every hop included: at the deadline a
  watchdog shuts down the sockets the fetch uses, so a server dripping one byte every few seconds into
  the headers or the body ends with "timeout" (per-read timeouts alone never fire on a drip).
Host name resolution itself (the system resolver) is not interruptible; it has its own timeouts.

Failures are codes (`FetchError`), never exceptions. One requests.Session per worker thread: Sessions are
not thread-safe, and a lock around one Session would let one slow site hold up all the others.
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import enum
import http.client
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
import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ReadTimeoutError
from urllib3.util.connection import create_connection

from verification.domains import normalise_host, parse_ip
from verification.errors import ConfigError
from verification.web_urls import (
    IPNetwork,
    UrlProblem,
    WebTarget,
    address_allowed,
    parse_networks,
    parse_web_url,
)

log = logging.getLogger(__name__)

Resolver = Callable[[str, int], Sequence[str]]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CHUNK = 65536
# what a failed request raises: requests wraps most, but not every, low-level failure
_FETCH_FAILURES = (
    requests.exceptions.RequestException,
    urllib3.exceptions.HTTPError,
    http.client.HTTPException,
    OSError,
)


class FetchError(enum.StrEnum):
    """Why a fetch gave no page. HTTP_STATUS is rendered with its status: "http_404"."""

    TIMEOUT = "timeout"
    CONNECTION_FAILED = "connection_failed"
    TLS_FAILED = "tls_failed"  # no trusted certificate for the host name, or no common protocol
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
    blocked_networks: tuple[IPNetwork, ...]  # never fetched, on top of every non-global address

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
        blocked = data.get("blocked_networks")
        if not isinstance(blocked, list) or not all(isinstance(b, str) for b in blocked):
            raise ConfigError("blocked_networks: expected a list of networks (CIDR)")
        try:
            networks = parse_networks(blocked)
        except ValueError as exc:
            raise ConfigError(f"blocked_networks: {exc}") from exc
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
            blocked_networks=networks,
        )


def resolve_addresses(host: str, port: int) -> Sequence[str]:
    """All addresses the system resolver gives for host:port (raises OSError when it gives none)."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)]


def address_blocked(address: str, blocked_networks: Sequence[IPNetwork]) -> bool:
    """Not the public web: an unreadable address, or one `address_allowed` refuses (zone ids included)."""
    if "%" in address:
        return True
    ip = parse_ip(address)
    return ip is None or not address_allowed(ip, blocked_networks)


@dataclass(frozen=True)
class TestSiteAllowance:
    """FOR TEST HARNESSES ONLY: lets the name `host` resolve to the loopback `address`:`port`.

    A fetcher normally refuses loopback; an SSRF harness needs one local server to play the allowed public
    site, while a connection to any other local port is an escape. This is a constructor argument of
    GuardedFetcher and nothing else: no setting or config file can produce it. IP literals never match.
    """

    host: str
    address: str
    port: int

    def __post_init__(self) -> None:
        if parse_ip(self.host) is not None or normalise_host(self.host) != self.host:
            raise ValueError("TestSiteAllowance.host must be a normalised host name, not an address")

    def admits(self, target: WebTarget, address: str) -> bool:
        return (target.host, target.port, address) == (self.host, self.port, self.address)


class GuardedFetcher:
    """Fetches pages for many threads at once, each thread with its own Session. Close when done."""

    def __init__(
        self,
        settings: FetchSettings,
        resolver: Resolver = resolve_addresses,
        *,
        test_allowance: TestSiteAllowance | None = None,
    ) -> None:
        self.settings = settings
        self._resolver = resolver
        self._test_allowance = test_allowance
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()

    def fetch(self, url: str) -> FetchResult:
        """GET `url`, following up to max_redirects redirects, each hop checked; never raises."""
        started = time.monotonic()
        deadline = _Deadline(self.settings.total_timeout)
        try:
            return self._follow(url, url.strip(), started, deadline)
        finally:
            deadline.close()

    def check_target(self, url: str) -> FetchError | None:
        """Why `url` may not be requested, or None when it may."""
        target = parse_web_url(url)
        if isinstance(target, UrlProblem):
            return FetchError(target.value)
        route = self._route(target)
        return route if isinstance(route, FetchError) else None

    def close(self) -> None:
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _follow(self, url: str, current: str, started: float, deadline: _Deadline) -> FetchResult:
        hops = 0
        while True:
            target = parse_web_url(current)
            if isinstance(target, UrlProblem):
                return _failed(url, _without_fragment(current), FetchError(target.value), started)
            current = target.url
            route = self._route(target)
            if isinstance(route, FetchError):
                return _failed(url, current, route, started)
            token = _ACTIVE_HOP.set(_Hop(route, deadline))
            try:
                outcome = self._get(target, deadline)
            except _FETCH_FAILURES as exc:
                log.debug("fetch %s failed: %s", current, type(exc).__name__)
                return _failed(
                    url, current, FetchError.TIMEOUT if deadline.expired else _classify(exc), started
                )
            finally:
                _ACTIVE_HOP.reset(token)
            if isinstance(outcome, _Redirect):
                hops += 1
                if hops > self.settings.max_redirects:
                    return _failed(url, current, FetchError.TOO_MANY_REDIRECTS, started, outcome.status)
                current = urljoin(current, outcome.location)
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

    def _route(self, target: WebTarget) -> _Route | FetchError:
        """How to reach the target: through the proxy, or direct to one vetted address; or why not at all."""
        allow_private = self.settings.allow_private_addresses
        ip = target.ip
        if ip is not None:
            if not allow_private and not address_allowed(ip, self.settings.blocked_networks):
                return FetchError.BLOCKED_ADDRESS
            return _Route(target, None if _proxied(target.url) else str(ip))
        if not allow_private and (target.host == "localhost" or target.host.endswith(".localhost")):
            return FetchError.BLOCKED_ADDRESS
        if _proxied(target.url):
            return _Route(target, None)
        try:
            addresses = [a for a in self._resolver(target.host, target.port) if a]
        except (OSError, UnicodeError):
            return FetchError.CONNECTION_FAILED
        if not addresses:
            return FetchError.CONNECTION_FAILED
        if not allow_private and not all(self._admitted(target, a) for a in addresses):
            return FetchError.BLOCKED_ADDRESS
        return _Route(target, addresses[0])

    def _admitted(self, target: WebTarget, address: str) -> bool:
        allowance = self._test_allowance
        if allowance is not None and allowance.admits(target, address):
            return True
        return not address_blocked(address, self.settings.blocked_networks)

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.trust_env = True
            session.headers["User-Agent"] = self.settings.user_agent
            session.headers["Accept"] = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"
            adapter = _GuardedAdapter(
                pool_connections=self.settings.host_pools_per_thread, pool_maxsize=1, max_retries=0
            )
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def _get(self, target: WebTarget, deadline: _Deadline) -> _Redirect | _Answer:
        settings = self.settings
        remaining = deadline.remaining()
        if remaining <= 0:
            return _Answer(0, "", "", FetchError.TIMEOUT)
        timeout = (min(settings.connect_timeout, remaining), min(settings.read_timeout, remaining))
        session = self._session()
        with session.get(target.url, stream=True, allow_redirects=False, timeout=timeout) as response:
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
            for chunk in response.iter_content(_CHUNK):  # decompressed, at most _CHUNK bytes at a time
                body += chunk
                if len(body) > settings.max_bytes:
                    return _Answer(status, "", content_type, FetchError.TOO_LARGE)
                if deadline.expired:
                    return _Answer(status, "", content_type, FetchError.TIMEOUT)
            if deadline.expired:  # the watchdog cut the body short
                return _Answer(status, "", content_type, FetchError.TIMEOUT)
            return _Answer(status, decode_body(bytes(body), content_type), content_type, None)


class _Deadline:
    """One fetch's wall-clock limit. At expiry a watchdog timer shuts down every socket the fetch uses,
    which wakes a read blocked on a dripping server; the fetch then reports "timeout".

    Sockets are watched through duplicated descriptors: shutdown acts on the connection behind every
    descriptor, and a duplicate stays valid while TLS wrapping replaces the original socket object."""

    def __init__(self, seconds: float) -> None:
        self._expires = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._watched: list[socket.socket] = []
        self._expired = False
        self._closed = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    @property
    def expired(self) -> bool:
        return self._expired or time.monotonic() >= self._expires

    def remaining(self) -> float:
        return self._expires - time.monotonic()

    def watch(self, sock: socket.socket) -> None:
        duplicate = socket.fromfd(sock.fileno(), sock.family, sock.type)
        with self._lock:
            if not self._closed:
                self._watched.append(duplicate)
                if not self._expired:
                    return
        _shut(duplicate)
        if self._closed:
            duplicate.close()

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._closed = True
            watched, self._watched = self._watched, []
        for duplicate in watched:
            duplicate.close()

    def _expire(self) -> None:
        with self._lock:
            self._expired = True
            watched = list(self._watched)
            for duplicate in watched:
                _shut(duplicate)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


@dataclass(frozen=True)
class _Route:
    """How one hop connects: `pinned` is the vetted address when direct, None through the proxy."""

    target: WebTarget
    pinned: str | None


@dataclass(frozen=True)
class _Hop:
    route: _Route
    deadline: _Deadline


# The hop the current thread is fetching, read by the connection classes below: requests and urllib3
# create connections deep inside, and this is how they learn the vetted address and the deadline.
_ACTIVE_HOP: contextvars.ContextVar[_Hop | None] = contextvars.ContextVar("permbot_fetch_hop", default=None)


class _GuardedConnectionMixin:
    """Opens the socket of a direct hop to the vetted address only; every socket is watched by the
    fetch's deadline. A connection made outside a guarded fetch, or to another host, is refused."""

    host: str
    port: int
    timeout: Any
    source_address: tuple[str, int] | None
    socket_options: Any
    sock: socket.socket | None

    def _new_conn(self) -> socket.socket:
        hop = _ACTIVE_HOP.get()
        if hop is None:
            raise NewConnectionError(self, "refused: no guarded fetch is running")  # type: ignore[arg-type]
        if hop.route.pinned is None:  # through the proxy: this connection is to the proxy itself
            sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        else:
            target = hop.route.target
            if (normalise_host(self.host), self.port) != (target.host, target.port):
                raise NewConnectionError(self, "refused: not the vetted host")  # type: ignore[arg-type]
            sock = self._connect_to(hop.route.pinned)
        hop.deadline.watch(sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        hop = _ACTIVE_HOP.get()
        if hop is not None and self.sock is not None:  # a kept-alive connection serves a new fetch
            hop.deadline.watch(self.sock)
        super().request(*args, **kwargs)  # type: ignore[misc]

    def _connect_to(self, address: str) -> socket.socket:
        try:
            return create_connection(
                (address, self.port),
                self.timeout,
                source_address=self.source_address,
                socket_options=self.socket_options,
            )
        except TimeoutError as exc:
            raise ConnectTimeoutError(self, f"connect to {self.host} timed out") from exc
        except OSError as exc:
            raise NewConnectionError(self, f"connect to {self.host} failed: {exc}") from exc  # type: ignore[arg-type]


class _GuardedHTTPConnection(_GuardedConnectionMixin, HTTPConnection):
    pass


class _GuardedHTTPSConnection(_GuardedConnectionMixin, HTTPSConnection):
    pass


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


_GUARDED_POOLS = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}


class _GuardedAdapter(requests.adapters.HTTPAdapter):
    """requests' adapter with the guarded connection classes, direct and through a proxy."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _GUARDED_POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if isinstance(manager, urllib3.ProxyManager):
            manager.pool_classes_by_scheme = _GUARDED_POOLS
        return manager


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


def _classify(exc: Exception) -> FetchError:
    if isinstance(exc, requests.exceptions.Timeout):
        return FetchError.TIMEOUT
    if isinstance(exc, requests.exceptions.ConnectionError) and any(
        isinstance(arg, ReadTimeoutError) for arg in exc.args
    ):
        return FetchError.TIMEOUT  # a read timeout while streaming the body surfaces as ConnectionError
    if isinstance(exc, requests.exceptions.SSLError):
        return FetchError.TLS_FAILED
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
