"""A loopback-only SSRF harness: one local server plays the allowed public site, everything else is a trap.

The fetcher refuses loopback, so the harness lets exactly one name through, by the fetcher's test-only
seam: `allowed.test` resolves (through the injected resolver) to 127.0.0.1 on the site's port, admitted by
a `TestSiteAllowance`. Any other connection the fetcher makes is an *escape*:
- a connection to a trap port (127.0.0.1, 127.0.0.2 on the site's port, ::1 when available);
- a request reaching the site under any Host but `allowed.test:PORT` (a loopback spelling that got
  through to the site's own port).
The system resolver is also answered from the harness DNS while the harness runs, so that a fetcher that
resolved a name a second time (to connect) would see a rebinding answer.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import socket
import socketserver
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ALLOWED_HOST = "allowed.test"
_PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")
DRIP_SECONDS = 8.0  # a drip ends by itself after this long, so a fetcher without a deadline still returns
_BOMB = 20 * 1024 * 1024  # bytes once decompressed


class _Counter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.value = 0

    def add(self) -> None:
        with self._lock:
            self.value += 1


class _TrapServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], counter: _Counter, family: int = socket.AF_INET) -> None:
        self.address_family = family
        self.counter = counter
        super().__init__(address, _TrapHandler)


class _TrapHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server = self.server
        assert isinstance(server, _TrapServer)
        server.counter.add()


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, counter: _Counter) -> None:
        self.counter = counter
        super().__init__(("127.0.0.1", 0), _SiteHandler)


class _SiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        server = self.server
        assert isinstance(server, _SiteServer)
        if self.headers.get("Host") != f"{ALLOWED_HOST}:{server.server_address[1]}":
            server.counter.add()  # reached the site's port under another name: a loopback spelling
            self._send(403, b"escape")
            return
        parts = urlsplit(self.path)
        route = _ROUTES.get(parts.path)
        if route is None:
            self._send(200, b"<title>allowed</title><p>the allowed site</p>")
        else:
            route(self, parse_qs(parts.query))

    def _send(self, status: int, body: bytes, headers: Sequence[tuple[str, str]] = ()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _redirect(handler: _SiteHandler, query: dict[str, list[str]]) -> None:
    handler.send_response(302)
    handler.send_header("Location", query.get("to", ["/"])[0])
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def _drip(handler: _SiteHandler, data: bytes) -> None:
    ends = time.monotonic() + DRIP_SECONDS
    with contextlib.suppress(OSError):
        for byte in data:
            if time.monotonic() > ends:
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.2)


def _drip_headers(handler: _SiteHandler, _: dict[str, list[str]]) -> None:
    handler.close_connection = True
    _drip(handler, b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 1000 + b"\r\n\r\n")


def _drip_body(handler: _SiteHandler, _: dict[str, list[str]]) -> None:
    handler.close_connection = True
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n")
    _drip(handler, b"x" * 1000)


def _bomb(encoding: str) -> Callable[[_SiteHandler, dict[str, list[str]]], None]:
    raw = bytes(_BOMB)
    body = gzip.compress(raw) if encoding == "gzip" else zlib.compress(raw, 9)

    def send(handler: _SiteHandler, _: dict[str, list[str]]) -> None:
        handler._send(200, body, [("Content-Encoding", encoding)])

    return send


def _huge(handler: _SiteHandler, _: dict[str, list[str]]) -> None:
    handler.close_connection = True
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")
    with contextlib.suppress(OSError):
        for _chunk in range(_BOMB // 65536):
            handler.wfile.write(b"x" * 65536)


def _endless_headers(handler: _SiteHandler, _: dict[str, list[str]]) -> None:
    handler.close_connection = True
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    with contextlib.suppress(OSError):
        for i in range(100_000):
            handler.wfile.write(b"X-H%d: v\r\n" % i)


_ROUTES: dict[str, Callable[[_SiteHandler, dict[str, list[str]]], None]] = {
    "/redirect": _redirect,
    "/drip-headers": _drip_headers,
    "/drip-body": _drip_body,
    "/gzip-bomb": _bomb("gzip"),
    "/deflate-bomb": _bomb("deflate"),
    "/huge": _huge,
    "/endless-headers": _endless_headers,
}


class HarnessDns:
    """The harness's names. `rebinding` makes allowed.test answer 127.0.0.1 once, then 127.0.0.2."""

    def __init__(self) -> None:
        self.rebinding = False
        self._asked = 0
        self._lock = threading.Lock()

    def __call__(self, host: str, port: int) -> Sequence[str]:
        host = host.rstrip(".").lower()
        if host == ALLOWED_HOST:
            with self._lock:
                self._asked += 1
                first = self._asked == 1
            return ["127.0.0.1" if first or not self.rebinding else "127.0.0.2"]
        fixed = {
            "private.test": ["10.0.0.1"],
            "loop.test": ["127.0.0.1"],
            "mixed.test": ["8.8.8.8", "127.0.0.1"],
        }
        if host in fixed:
            return fixed[host]
        raise OSError(f"harness DNS: no such name {host}")

    def reset(self, rebinding: bool) -> None:
        with self._lock:
            self._asked = 0
            self.rebinding = rebinding


class Harness:
    """The local servers and counters; `escapes` is the total of forbidden connections so far."""

    def __init__(self) -> None:
        self._counter = _Counter()
        self.dns = HarnessDns()
        self._site = _SiteServer(self._counter)
        self.site_port = self._site.server_address[1]
        self._traps = [_TrapServer(("127.0.0.1", 0), self._counter)]
        self.trap_port = self._traps[0].server_address[1]
        self._traps.append(_TrapServer(("127.0.0.2", self.site_port), self._counter))
        self.ipv6 = False
        with contextlib.suppress(OSError):
            self._traps.append(_TrapServer(("::1", self.trap_port), self._counter, socket.AF_INET6))
            self.ipv6 = True
        self._threads = [
            threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
            for s in (self._site, *self._traps)
        ]
        for thread in self._threads:
            thread.start()

    @property
    def escapes(self) -> int:
        return self._counter.value

    @property
    def site(self) -> str:
        return f"http://{ALLOWED_HOST}:{self.site_port}"

    def close(self) -> None:
        for server in (self._site, *self._traps):
            server.shutdown()
            server.server_close()


@contextlib.contextmanager
def running_harness() -> Iterator[Harness]:
    """The harness, with no proxy in the environment (direct mode) and the system resolver answering
    the harness's names from its DNS."""
    harness = Harness()
    saved = {name: os.environ.pop(name) for name in _PROXY_VARIABLES if name in os.environ}
    system_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, str) and host.rstrip(".").lower().endswith(".test"):
            answers = harness.dns(host, int(port or 0))
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, int(port or 0))) for a in answers]
        return system_getaddrinfo(host, port, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo
    try:
        yield harness
    finally:
        socket.getaddrinfo = system_getaddrinfo
        os.environ.update(saved)
        harness.close()
