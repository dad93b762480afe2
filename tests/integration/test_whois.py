"""WHOIS lookups: the real python-whois against a tiny local WHOIS server; deadline, caches, records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import socket
import socketserver
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from whois.exceptions import WhoisDomainNotFoundError, WhoisQuotaExceededError
from whois.whois import NICClient

from bot.evidence.whois_lookup import WhoisLookup, WhoisSettings, load_cache, read_record
from tests.support.web_fixtures import load_config
from verification.errors import ConfigError

RECORD = """Domain Name: FJORDLIGHT-STUDIO.COM
Registry Domain ID: 1234567_DOMAIN_COM-VRSN
Updated Date: 2023-03-01T08:00:00Z
Creation Date: 2011-04-05T10:00:00Z
Registrar: Example Registrar, Inc.
Registrant Organization: Fjordlight Studio AS
Registrant Country: NO
"""
REDACTED = RECORD.replace("Fjordlight Studio AS", "REDACTED FOR PRIVACY").replace("FJORDLIGHT", "HIDDEN")


class _FakeWhois:
    """A WHOIS server on 127.0.0.1: answers "whois: <server>" for a TLD (the IANA step), canned records
    for domains, "No match" otherwise; `hang` makes it wait before answering."""

    def __init__(self, records: Mapping[str, str], hang: float = 0.0) -> None:
        self.queries: list[str] = []
        outer = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                query = self.rfile.readline().decode().strip().lower()
                outer.queries.append(query)
                time.sleep(hang)
                if "." not in query:
                    answer = f"refer:        whois.nic.{query}\n\nwhois:        whois.nic.{query}\n"
                else:
                    answer = records.get(query, f'No match for "{query.upper()}".\n')
                self.wfile.write(answer.encode())

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Connections:
    """The seam python-whois offers: NICClient.get_socket, replaced by sockets that reach the fake server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.targets: list[tuple[str, int]] = []

    def socket(self) -> socket.socket:
        connections = self

        class Redirected(socket.socket):
            def connect(self, address: Any) -> None:
                connections.targets.append(address)
                super().connect(("127.0.0.1", connections.port))

        return Redirected(socket.AF_INET, socket.SOCK_STREAM)


@pytest.fixture
def whois_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[_FakeWhois, _Connections]]:
    records = {"fjordlight-studio.com": RECORD, "hidden-studio.com": REDACTED}
    server = _FakeWhois(records)
    connections = _Connections(server.port)
    monkeypatch.setattr(NICClient, "get_socket", staticmethod(connections.socket))
    yield server, connections
    server.close()


def _settings(tmp_path: Path, **changes: Any) -> WhoisSettings:
    base = WhoisSettings.from_mapping(
        {**load_config("web")["whois"], "cache_path": str(tmp_path / "whois.json")}
    )
    return dataclasses.replace(base, **changes)


def test_known_record_through_python_whois(
    whois_server: tuple[_FakeWhois, _Connections], tmp_path: Path
) -> None:
    server, connections = whois_server
    lookup = WhoisLookup(_settings(tmp_path))
    info = lookup.lookup("FJORDLIGHT-studio.com")
    assert (info.known, info.registrant, info.created, info.error) == (
        True,
        "Fjordlight Studio AS",
        "2011-04-05",
        None,
    )
    assert connections.targets[:2] == [("whois.iana.org", 43), ("whois.nic.com", 43)]
    asked = len(server.queries)
    assert lookup.lookup("fjordlight-studio.com") == info  # from memory
    assert len(server.queries) == asked


def test_known_answer_reused_from_disk_until_it_expires(
    whois_server: tuple[_FakeWhois, _Connections], tmp_path: Path
) -> None:
    server, _ = whois_server
    WhoisLookup(_settings(tmp_path)).lookup("fjordlight-studio.com")
    asked = len(server.queries)
    again = WhoisLookup(_settings(tmp_path)).lookup("fjordlight-studio.com")
    assert (again.known, again.registrant, again.created) == (True, None, "2011-04-05")
    assert len(server.queries) == asked
    expired = WhoisLookup(_settings(tmp_path, cache_ttl=0.0)).lookup("fjordlight-studio.com")
    assert expired.known
    assert len(server.queries) > asked


def test_disk_cache_keeps_no_registrant_name(
    whois_server: tuple[_FakeWhois, _Connections], tmp_path: Path
) -> None:
    info = WhoisLookup(_settings(tmp_path)).lookup("fjordlight-studio.com")
    assert info.registrant == "Fjordlight Studio AS"  # this run's report still shows it
    stored = (tmp_path / "whois.json").read_text(encoding="utf-8")
    assert "2011-04-05" in stored
    assert "Fjordlight" not in stored
    assert "registrant" not in stored


def test_old_cache_with_names_is_deleted(tmp_path: Path) -> None:
    old = tmp_path / "whois.json"
    entry = {"registrant": "Kari Nordmann", "created": "2011-04-05", "at": 4102444800}
    old.write_text(json.dumps({"version": 1, "entries": {"nordmann.no": entry}}), encoding="utf-8")
    assert load_cache(old) == {}
    assert not old.exists()


def test_not_found_is_unknown_and_not_stored(
    whois_server: tuple[_FakeWhois, _Connections], tmp_path: Path
) -> None:
    info = WhoisLookup(_settings(tmp_path)).lookup("nosuch-domain.com")
    assert (info.known, info.error) == (False, "not_found")
    stored = json.loads((tmp_path / "whois.json").read_text()) if (tmp_path / "whois.json").exists() else {}
    assert "nosuch-domain.com" not in stored.get("entries", {})


def test_redacted_registrant_keeps_the_date(
    whois_server: tuple[_FakeWhois, _Connections], tmp_path: Path
) -> None:
    info = WhoisLookup(_settings(tmp_path)).lookup("hidden-studio.com")
    assert (info.known, info.registrant, info.created) == (True, None, "2011-04-05")


def test_hung_server_gives_unknown_at_the_deadline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    server = _FakeWhois({}, hang=5.0)
    connections = _Connections(server.port)
    monkeypatch.setattr(NICClient, "get_socket", staticmethod(connections.socket))
    try:
        started = time.monotonic()
        info = WhoisLookup(_settings(tmp_path, deadline=0.3)).lookup("slow-registry.com")
        waited = time.monotonic() - started
    finally:
        server.close()
    assert (info.known, info.error) == (False, "timeout")
    assert waited < 2.5  # the server would answer after 5 s


@pytest.mark.parametrize(
    ("raised", "code"),
    [
        pytest.param(socket.gaierror(-2, "Name or service not known"), "dns_failed", id="offline-dns"),
        pytest.param(ConnectionRefusedError(), "network", id="refused"),
        pytest.param(TimeoutError(), "timeout", id="socket-timeout"),
        pytest.param(WhoisDomainNotFoundError("No match"), "not_found", id="not-found"),
        pytest.param(WhoisQuotaExceededError("quota"), "whois_error", id="quota"),
        pytest.param(ValueError("unknown date format"), "parse_failed", id="parser-bug"),
    ],
)
def test_query_failures_become_codes(tmp_path: Path, raised: Exception, code: str) -> None:
    def query(domain: str, timeout: float) -> Mapping[str, Any]:
        raise raised

    info = WhoisLookup(_settings(tmp_path), query=query).lookup("example-studio.com")
    assert (info.known, info.error) == (False, code)


def test_bad_domain_is_not_queried(tmp_path: Path) -> None:
    def query(domain: str, timeout: float) -> Mapping[str, Any]:
        raise AssertionError("must not be asked")

    assert WhoisLookup(_settings(tmp_path), query=query).lookup("localhost").error == "bad_domain"


def test_unreadable_disk_cache_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "whois.json").write_text("{not json")

    def query(domain: str, timeout: float) -> Mapping[str, Any]:
        return {"org": "Acme", "creation_date": dt.datetime(2001, 2, 3)}

    info = WhoisLookup(_settings(tmp_path), query=query).lookup("acme-studio.com")
    assert (info.known, info.registrant) == (True, "Acme")
    assert "acme-studio.com" in json.loads((tmp_path / "whois.json").read_text())["entries"]


MARKERS = ("redacted", "privacy")


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        pytest.param(
            {"org": "Acme AS", "creation_date": dt.datetime(2010, 1, 2, 3, 4)},
            ("Acme AS", "2010-01-02"),
            id="plain",
        ),
        pytest.param(
            {
                "org": None,
                "name": "Jane Roe",
                "creation_date": [dt.datetime(2012, 5, 1), dt.datetime(2011, 5, 1)],
            },
            ("Jane Roe", "2011-05-01"),
            id="name-and-earliest-date",
        ),
        pytest.param(
            {"org": ["", "Acme AS"], "creation_date": "2009-07-08 00:00:00"},
            ("Acme AS", "2009-07-08"),
            id="lists-and-text",
        ),
        pytest.param({"org": "Redacted for Privacy", "creation_date": None}, None, id="only-redacted"),
        pytest.param({"org": None, "creation_date": None, "registrar": "X"}, None, id="all-none"),
        pytest.param({"creation_date": "before 1996"}, None, id="unreadable-date"),
    ],
)
def test_read_record(record: dict[str, Any], expected: tuple[str | None, str | None] | None) -> None:
    info = read_record("acme.com", record, MARKERS)
    if expected is None:
        assert (info.known, info.error) == (False, "empty")
    else:
        assert (info.known, info.registrant, info.created) == (True, *expected)


@pytest.mark.parametrize(
    ("change", "bad_key"),
    [
        pytest.param({"deadline_seconds": 0}, "deadline_seconds", id="deadline-zero"),
        pytest.param({"cache_path": 3}, "cache_path", id="path-not-string"),
        pytest.param({"cache_ttl_days": -1}, "cache_ttl_days", id="ttl-negative"),
        pytest.param({"redaction_markers": "x"}, "redaction_markers", id="markers-not-list"),
    ],
)
def test_settings_errors_name_the_key(change: dict[str, Any], bad_key: str) -> None:
    with pytest.raises(ConfigError, match=bad_key):
        WhoisSettings.from_mapping({**load_config("web")["whois"], **change})


def test_disabled_disk_cache() -> None:
    settings = WhoisSettings.from_mapping({**load_config("web")["whois"], "cache_path": ""})
    assert settings.cache_path is None
