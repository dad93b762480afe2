"""The project's fake web: a local forward proxy that serves a fixed set of sites over http and https.

Programs that honour HTTP(S)_PROXY and REQUESTS_CA_BUNDLE see the sites as real: plain http requests come
to the proxy with absolute URLs, https ones through CONNECT, answered with TLS from a throwaway CA made
here (certificates are checked for real). Unknown hosts get 502 (as a proxy that cannot reach them),
unknown paths 404. Requests sent directly to the proxy's own port ("http://127.0.0.1:PORT/x", as when
NO_PROXY applies) are served too, from entries added with `add()` once the port is known.

Every request is logged, and requests in flight are counted per host, so tests can check "fetched once"
and "never two at a time on one site" by counting rather than by timing.

A site entry is either the HTML of the page, or a mapping with any of:
  body (str), encoding (codec for body, default utf-8), content_type, status (default 200),
  redirect (a URL: answered with `status` or 301 and Location), delay (seconds before answering),
  size (serve that many bytes of filler instead of body), chunked (no Content-Length), headers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import json
import shutil
import ssl
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SiteEntry = str | Mapping[str, Any]
_DEFAULT_TYPE = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Hit:
    """One request the proxy received: CONNECT (url = host:port) or GET/HEAD (url = absolute URL)."""

    method: str
    url: str
    host: str
    at: float  # time.monotonic() when it arrived
    user_agent: str = ""


class CertificateAuthority:
    """A throwaway CA that signs one leaf certificate per host name, on demand (also the sandbox's
    Dovecot's, for IMAPS tests)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "permbot fake web CA")])
        usage = x509.KeyUsage(
            digital_signature=True,
            key_cert_sign=True,
            crl_sign=True,
            content_commitment=False,
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            encipher_only=False,
            decipher_only=False,
        )
        self.cert = (
            _builder(name, name, self.key.public_key())
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .sign(self.key, hashes.SHA256())
        )
        self.pem = folder / "ca.pem"
        self.pem.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))
        self._contexts: dict[str, ssl.SSLContext] = {}
        self._lock = threading.Lock()

    def context(self, host: str) -> ssl.SSLContext:
        with self._lock:
            if host not in self._contexts:
                self._contexts[host] = self._leaf_context(host)
            return self._contexts[host]

    def _leaf_context(self, host: str) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*self.issue(host))
        return context

    def issue(self, host: str) -> tuple[Path, Path]:
        """Sign a server certificate for `host` (a name or an IP address); write it and its key as PEM
        files in the CA's folder and return (certificate, key)."""
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
        try:
            alt_name: x509.GeneralName = x509.IPAddress(ipaddress.ip_address(host))
        except ValueError:
            alt_name = x509.DNSName(host)
        cert = (
            _builder(subject, self.cert.subject, key.public_key())
            .add_extension(x509.SubjectAlternativeName([alt_name]), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        cert_path = self.folder / f"{host}.pem"
        key_path = self.folder / f"{host}.key"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        key_path.chmod(0o600)
        return cert_path, key_path


def _builder(
    subject: x509.Name, issuer: x509.Name, public_key: ec.EllipticCurvePublicKey
) -> x509.CertificateBuilder:
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=7))
    )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 1024

    def __init__(self, web: FakeWeb) -> None:
        self.web = web
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30  # idle keep-alive connections give their thread back eventually
    server: _Server

    def setup(self) -> None:
        self.tunnel: str | None = None  # the host of the CONNECT tunnel this connection carries, once made
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the FakeWeb keeps its own log."""

    def do_CONNECT(self) -> None:
        host = self.path.rpartition(":")[0].strip("[]").lower()
        web = self.server.web
        web.record("CONNECT", self.path, host, self.headers.get("User-Agent", ""))
        if not web.serves_tls(host):
            self._reply(502, b"unknown host")
            self.close_connection = True
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        try:
            tls = web.ca.context(host).wrap_socket(self.connection, server_side=True)
        except (ssl.SSLError, OSError):
            self.close_connection = True
            return
        self.connection = self.request = tls
        self.rfile = tls.makefile("rb")
        self.wfile = tls.makefile("wb")
        self.tunnel = host
        self.close_connection = False

    def do_GET(self) -> None:
        url = self._url()
        host = (urlsplit(url).hostname or "").lower()
        web = self.server.web
        web.record(self.command, url, host, self.headers.get("User-Agent", ""))
        with web.in_flight(host):
            entry = web.entry(url)
            delay = web.latency + (float(entry.get("delay", 0)) if isinstance(entry, Mapping) else 0.0)
            if delay:
                time.sleep(delay)
            if entry is None:
                known = web.knows_host(host)
                self._reply(404 if known else 502, b"<html><body>Not found</body></html>" if known else b"")
            else:
                self._serve(entry)

    do_HEAD = do_GET

    def finish(self) -> None:
        super().finish()
        if self.tunnel is not None:
            with contextlib.suppress(OSError):
                self.connection.close()

    def _url(self) -> str:
        if self.tunnel is not None:
            return f"https://{self.tunnel}{self.path}"
        if self.path.startswith("/"):
            return f"http://{self.headers.get('Host', '')}{self.path}"
        return self.path

    def _serve(self, entry: SiteEntry) -> None:
        if isinstance(entry, str):
            self._reply(200, entry.encode("utf-8"), {"Content-Type": _DEFAULT_TYPE})
            return
        headers = {"Content-Type": str(entry.get("content_type", _DEFAULT_TYPE)), **entry.get("headers", {})}
        if "redirect" in entry:
            headers["Location"] = str(entry["redirect"])
            self._reply(int(entry.get("status", 301)), b"", headers)
            return
        if "size" in entry:
            body = b"<html><body>" + b"x" * int(entry["size"])
        else:
            body = str(entry.get("body", "")).encode(str(entry.get("encoding", "utf-8")))
        self._reply(int(entry.get("status", 200)), body, headers, chunked=bool(entry.get("chunked")))

    def _reply(
        self, status: int, body: bytes, headers: Mapping[str, str] | None = None, *, chunked: bool = False
    ) -> None:
        try:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header(
                "Transfer-Encoding" if chunked else "Content-Length", "chunked" if chunked else str(len(body))
            )
            self.end_headers()
            if self.command == "HEAD":
                return
            if not chunked:
                self.wfile.write(body)
                return
            for start in range(0, len(body), 65536):
                piece = body[start : start + 65536]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        except (TimeoutError, ConnectionError, ssl.SSLError):
            self.close_connection = True  # the client gave up (size cap, timeout): nothing to do


class FakeWeb:
    """A running fake web. Use as a context manager, or call close()."""

    def __init__(
        self, sites: Mapping[str, SiteEntry], latency: float = 0.0, strict_scheme: bool = True
    ) -> None:
        self.latency = latency
        self.strict_scheme = strict_scheme  # False: an http page is served over https and vice versa
        self._sites: dict[str, SiteEntry] = {}
        # host -> the schemes it has pages under: a proxy asked to CONNECT looks the host up here, not by
        # scanning every page (tens of thousands in the tests' merged web)
        self._schemes: dict[str, set[str]] = {}
        self._lock = threading.Lock()
        self._log: list[Hit] = []
        self._events: list[tuple[int, str, int]] = []  # (sequence, host, +1 start / -1 end)
        self._folder = Path(tempfile.mkdtemp(prefix="permbot-fakeweb-"))
        self.ca = CertificateAuthority(self._folder)
        for url, entry in sites.items():
            self.add(url, entry)
        self._server = _Server(self)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, name="fakeweb", daemon=True
        )
        self._thread.start()

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        """The proxy's own address as a site, for pages fetched directly (NO_PROXY): add(origin + "/x")."""
        return self.proxy_url

    @property
    def env(self) -> dict[str, str]:
        """Environment that sends requests (and anything honouring these variables) through this web."""
        proxy = self.proxy_url
        bypass = "127.0.0.1,localhost"
        return {
            "HTTP_PROXY": proxy,
            "HTTPS_PROXY": proxy,
            "http_proxy": proxy,
            "https_proxy": proxy,
            "NO_PROXY": bypass,
            "no_proxy": bypass,
            "REQUESTS_CA_BUNDLE": str(self.ca.pem),
            "SSL_CERT_FILE": str(self.ca.pem),
            "PERMBOT_WHOIS": "off",  # no registries in this web: never ask the real ones
        }

    def add(self, url: str, entry: SiteEntry) -> None:
        key = _key(url)
        with self._lock:
            self._sites[key] = entry
            self._schemes.setdefault(_host_of(key), set()).add(urlsplit(key).scheme)

    def hits(self, method: str | None = None) -> list[Hit]:
        with self._lock:
            return [h for h in self._log if method is None or h.method == method]

    def count(self, url: str) -> int:
        """How many GET/HEAD requests asked for this URL (query ignored)."""
        key = _key(url)
        return sum(1 for h in self.hits() if h.method != "CONNECT" and _key(h.url) == key)

    def peak_in_flight(self, hosts: str | Iterable[str] | None = None) -> int:
        """Most requests answered at the same time: for one host, a group of hosts, or (None) all of them."""
        wanted = {hosts} if isinstance(hosts, str) else None if hosts is None else set(hosts)
        with self._lock:
            events = [(seq, step) for seq, host, step in self._events if wanted is None or host in wanted]
        peak = current = 0
        for _, step in sorted(events):
            current += step
            peak = max(peak, current)
        return peak

    def record(self, method: str, url: str, host: str, user_agent: str = "") -> None:
        with self._lock:
            self._log.append(Hit(method, url, host, time.monotonic(), user_agent))

    def in_flight(self, host: str) -> _InFlight:
        return _InFlight(self, host)

    def entry(self, url: str) -> SiteEntry | None:
        key = _key(url)
        with self._lock:
            found = self._sites.get(key)
            if found is None and not self.strict_scheme:
                other = "http" + key[5:] if key.startswith("https:") else "https" + key[4:]
                found = self._sites.get(other)
            return found

    def knows_host(self, host: str) -> bool:
        with self._lock:
            return host in self._schemes

    def serves_tls(self, host: str) -> bool:
        with self._lock:
            schemes = self._schemes.get(host, set())
            return "https" in schemes or (bool(schemes) and not self.strict_scheme)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _step(self, host: str, step: int) -> None:
        """Record a request starting (+1) or ending (-1), numbered in the order they happen."""
        with self._lock:
            self._events.append((len(self._events), host, step))


class _InFlight:
    """Counts a request as in flight for its host while the answer is being made."""

    def __init__(self, web: FakeWeb, host: str) -> None:
        self.web = web
        self.host = host

    def __enter__(self) -> None:
        self.web._step(self.host, 1)

    def __exit__(self, *exc: object) -> None:
        self.web._step(self.host, -1)


def _key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path or '/'}"


def _host_of(key: str) -> str:
    return urlsplit(key).hostname or ""


def main(argv: list[str]) -> None:
    """`python -m bot.sandbox.fakeweb SITES.json [LATENCY]`: serve the sites ({url: html | {...}}), http
    and https alike, and print the environment to use as JSON."""
    latency = float(argv[2]) if len(argv) > 2 else 0.0
    web = FakeWeb(json.loads(Path(argv[1]).read_text(encoding="utf-8")), latency=latency, strict_scheme=False)
    print(json.dumps(web.env), flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main(sys.argv)
