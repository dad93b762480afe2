"""Direct HTTPS through the pinned connection: the socket goes to the vetted address, while SNI, the
certificate check and the Host header keep the host name (issue #6, DNS rebinding).

Two loopback servers listen on one port: the site at 127.0.0.1 and a decoy at 127.0.0.2, both with a
valid certificate for the name. The resolver seam answers 127.0.0.1 once and the decoy's address ever
after, and the system resolver is routed through it too: a second resolution anywhere (urllib3's own)
would reach the decoy.
"""

from __future__ import annotations

import contextlib
import dataclasses
import socket
import ssl
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.evidence.fetch import FetchError, FetchSettings, GuardedFetcher
from bot.sandbox.fakeweb import CertificateAuthority
from tests.support.web_fixtures import load_config

NAME = "pinned.example.test"
SITE, DECOY = "127.0.0.1", "127.0.0.2"


class _Handler(BaseHTTPRequestHandler):
    server: _TlsServer

    def do_GET(self) -> None:
        self.server.hosts.append(self.headers.get("Host", ""))
        body = f"<title>{self.server.label}</title>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test reads what the server recorded."""


class _TlsServer(ThreadingHTTPServer):
    """A loopback HTTPS server presenting `certificate`; records the SNI names and Host headers it got.
    The handshake runs in the request's thread, so a client that refuses it does not stall the server."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], label: str, certificate: tuple[Path, Path]) -> None:
        self.label = label
        self.hosts: list[str] = []
        self.server_names: list[str | None] = []
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(*certificate)
        self.context.sni_callback = self._record_sni
        super().__init__(address, _Handler)
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, address = super().get_request()
        return self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), address

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A refused handshake is what some tests expect; the outcome is asserted on the client side."""

    def close(self) -> None:
        self.shutdown()
        self.server_close()
        self.thread.join(timeout=5)

    def _record_sni(self, sock: ssl.SSLObject, server_name: str | None, context: ssl.SSLContext) -> None:
        self.server_names.append(server_name)


class _RebindingResolver:
    """Answers the site's address to the first question about NAME, the decoy's to every later one."""

    def __init__(self) -> None:
        self.asked = 0

    def __call__(self, host: str, port: int) -> Sequence[str]:
        if host != NAME:
            raise OSError("no such host")
        self.asked += 1
        return [SITE] if self.asked == 1 else [DECOY]


@contextlib.contextmanager
def _serving(address: tuple[str, int], label: str, certificate: tuple[Path, Path]) -> Iterator[_TlsServer]:
    server = _TlsServer(address, label, certificate)
    try:
        yield server
    finally:
        server.close()


def _direct_trusting(monkeypatch: pytest.MonkeyPatch, ca: CertificateAuthority) -> None:
    """No proxy from the environment (so the fetch resolves and pins), and `ca` as the trusted issuer."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca.pem))


@pytest.fixture
def rebinding(monkeypatch: pytest.MonkeyPatch) -> _RebindingResolver:
    """The resolver seam, with the system resolver routed through it for NAME."""
    resolver = _RebindingResolver()
    system = socket.getaddrinfo

    def rebinding_getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == NAME:
            return system(resolver(host, int(port))[0], port, *args, **kwargs)
        return system(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    return resolver


def _fetcher(resolver: _RebindingResolver) -> GuardedFetcher:
    """The fetcher in direct mode, with loopback allowed by its settings (the servers are local)."""
    settings = FetchSettings.from_mapping(load_config("web"))
    return GuardedFetcher(dataclasses.replace(settings, allow_private_addresses=True), resolver=resolver)


def test_direct_https_goes_to_the_vetted_address_with_the_name_for_sni_and_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rebinding: _RebindingResolver
) -> None:
    ca = CertificateAuthority(tmp_path)
    _direct_trusting(monkeypatch, ca)
    with (
        _serving((SITE, 0), "site", ca.issue(NAME)) as site,
        _serving((DECOY, site.server_address[1]), "decoy", ca.issue(NAME)) as decoy,
        _fetcher(rebinding) as fetcher,
    ):
        result = fetcher.fetch(f"https://{NAME}:{site.server_address[1]}/")
    assert (result.error, result.status, result.text) == (None, 200, "<title>site</title>")
    assert rebinding.asked == 1  # resolved once, for the check: nothing asked again to connect
    assert site.server_names == [NAME]
    assert site.hosts == [f"{NAME}:{site.server_address[1]}"]
    assert decoy.hosts == []


@pytest.mark.parametrize("served", ["a certificate for another name", "a certificate of an unknown issuer"])
def test_a_certificate_not_valid_for_the_name_is_tls_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rebinding: _RebindingResolver, served: str
) -> None:
    trusted = CertificateAuthority(_folder(tmp_path / "trusted"))
    stranger = CertificateAuthority(_folder(tmp_path / "stranger"))
    _direct_trusting(monkeypatch, trusted)
    certificate = trusted.issue("other.example.test") if "another name" in served else stranger.issue(NAME)
    with _serving((SITE, 0), "site", certificate) as site, _fetcher(rebinding) as fetcher:
        result = fetcher.fetch(f"https://{NAME}:{site.server_address[1]}/")
    assert (result.error, result.error_code, result.text) == (FetchError.TLS_FAILED, "tls_failed", "")
    assert site.server_names == [NAME]  # the handshake asked for the name...
    assert site.hosts == []  # ...and was refused before any request was sent


def _folder(path: Path) -> Path:
    path.mkdir()
    return path
