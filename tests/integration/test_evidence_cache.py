"""Site and WHOIS lookups cached in the store across ingests, on SQLite and MariaDB: counted on the fake web.

`permbot ingest` is run in-process (`ingest_once`) on the sandbox Dovecot, the store and the fake web;
the store's clock is moved on to expire entries.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.config.passes import load_pass_settings
from bot.config.verifier import load_verifier_settings
from bot.config.wiki import load_wiki_settings
from bot.evidence.cache import CacheSettings, EvidenceCache, MemoryCache
from bot.evidence.whois_lookup import WhoisLookup, WhoisSettings
from bot.passes.ingest import Event, VerifiedTicket
from bot.passes.run import PassContext, ingest_once
from bot.sandbox.dovecot import SandboxDovecot
from bot.sandbox.fakeweb import FakeWeb
from bot.store import Store
from bot.wiki.connection import WikiEnvironment
from tests.support.dovecot import mailbox_settings
from tests.support.store_fixtures import TestClock
from tests.support.web_fixtures import FakeWebFactory, fake_web, load_config
from verification.errors import ConfigError
from verification.model import SiteEvidence

__all__ = ["fake_web"]  # the fixture, imported for pytest

SITE = "https://www.anna-holder-photo.com/"
HOST = "www.anna-holder-photo.com"
HOME = (
    "<!doctype html><html><head><title>Anna Holder Photography</title></head><body>"
    "<h1>Anna Holder Photography</h1><a href='/contact'>Contact</a></body></html>"
)
CONTACT = "<html><head><title>Contact</title></head><body><p>studio@anna-holder-photo.com</p></body></html>"
SITES = {SITE: HOME, SITE + "contact": CONTACT}
RELEASE = (
    "I hereby affirm that I, Anna Holder, am the creator and sole owner of the exclusive copyright of the "
    "media work https://commons.wikimedia.org/wiki/File:Harbour_{n}.jpg. I agree to publish that work "
    "under the free license Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)."
    "\r\n\r\nAnna Holder, 2024-05-14\r\nOur website: " + SITE + "\r\n"
)


def _mail(n: int) -> bytes:
    return (
        "From: Anna Holder <anna.holder@gmail.com>\r\nTo: permissions-commons@wikimedia.org\r\n"
        f"Subject: [Ticket#20240514100123{n:02d}] Permission {n}\r\nMessage-ID: <cache-{n}@example.org>\r\n"
        "Date: Tue, 14 May 2024 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + RELEASE.format(n=n)
    ).encode()


@pytest.fixture
def context(store: Store, sandbox_dovecot: SandboxDovecot, imap_folder: str) -> PassContext:
    return PassContext(
        store=store,
        mailbox=mailbox_settings(sandbox_dovecot, imap_folder),
        verifier=dataclasses.replace(load_verifier_settings(), whois_enabled=False),
        wiki_env=WikiEnvironment(
            api=None, user=None, password_file=None, pywikibot_dir=None, profile="sandbox"
        ),
        wiki=load_wiki_settings(),
        settings=load_pass_settings(),
    )


def _ingest(
    context: PassContext, dovecot: SandboxDovecot, folder: str, *numbers: int
) -> dict[str, VerifiedTicket]:
    """Deliver the mails numbered `numbers`, ingest; the tickets verified, by number."""
    dovecot.deliver([_mail(n) for n in numbers], folder)
    verified: dict[str, VerifiedTicket] = {}

    def report(event: Event) -> None:
        if isinstance(event, VerifiedTicket):
            verified[event.ticket] = event

    ingest_once(context, report)
    return verified


def _site_requests(web: FakeWeb) -> int:
    return sum(1 for hit in web.hits("GET") if hit.host == HOST)


def test_a_second_ingest_at_the_same_site_fetches_nothing_until_the_entry_expires(
    context: PassContext,
    sandbox_dovecot: SandboxDovecot,
    imap_folder: str,
    fake_web: FakeWebFactory,
    test_clock: TestClock,
) -> None:
    web = fake_web(SITES)
    first = _ingest(context, sandbox_dovecot, imap_folder, 1)
    fetched = _site_requests(web)
    assert fetched >= 2  # home and contact page
    assert [e.verdict for e in first.values()] == ["ask_official_address"]

    second = _ingest(context, sandbox_dovecot, imap_folder, 2)
    assert list(second) == ["2024051410012302"]  # another ticket, naming the same site
    assert _site_requests(web) == fetched  # served from the store
    assert [(e.verdict, e.provisional) for e in second.values()] == [("ask_official_address", False)]

    test_clock.advance(timedelta(hours=25))  # past site_ttl_hours = 24
    _ingest(context, sandbox_dovecot, imap_folder, 3)
    assert _site_requests(web) == 2 * fetched


def test_an_unreachable_site_is_asked_again_once_its_short_entry_expires(
    context: PassContext,
    sandbox_dovecot: SandboxDovecot,
    imap_folder: str,
    fake_web: FakeWebFactory,
    test_clock: TestClock,
) -> None:
    web = fake_web({})  # the site's host is unknown: 502 from the proxy, as for a site that is down
    first = _ingest(context, sandbox_dovecot, imap_folder, 1)
    assert [e.provisional for e in first.values()] == [True]
    tried = len(web.hits())
    assert tried > 0

    for url, page in SITES.items():
        web.add(url, page)  # the site is back
    second = _ingest(context, sandbox_dovecot, imap_folder, 2)  # within failure_ttl_minutes: not asked
    assert len(web.hits()) == tried
    assert sorted(second) == ["2024051410012301", "2024051410012302"]  # the provisional one again
    assert all(e.provisional for e in second.values())

    test_clock.advance(timedelta(minutes=6))  # past failure_ttl_minutes = 5, far from site_ttl_hours
    third = _ingest(context, sandbox_dovecot, imap_folder)
    assert _site_requests(web) >= 2
    assert sorted(third) == ["2024051410012301", "2024051410012302"]
    assert [e.provisional for e in third.values()] == [False, False]


def test_without_the_store_each_ingest_fetches_the_site_again(fake_web: FakeWebFactory) -> None:
    """The control: `permbot verify` alone caches in memory only, so a second run reads the site again."""
    from bot.mail.source import MessageInput
    from bot.verify.batch import Verifier

    web = fake_web(SITES)
    settings = dataclasses.replace(load_verifier_settings(), whois_enabled=False)
    counts = []
    for n in (1, 2):
        with Verifier(settings) as verifier:
            list(verifier.verify([MessageInput(f"m{n}", _mail(n))]))
        counts.append(_site_requests(web))
    assert counts[1] == 2 * counts[0] > 0


class _Registry:
    """A python-whois answer with a private registrant, counted."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def query(self, domain: str, _timeout: float) -> dict[str, Any]:
        self.asked.append(domain)
        if domain == "kari-nordmann.no":
            return {
                "name": "Kari Nordmann",
                "registrant_name": "Kari Nordmann",
                "address": "Storgata 1, 0155 Oslo",
                "emails": ["kari@nordmann.no"],
                "registrar": "Example Registrar AS",
                "creation_date": "2011-04-05",
            }
        raise TimeoutError


def _whois(store: Store, registry: _Registry, tmp_path: Path) -> WhoisLookup:
    settings = WhoisSettings.from_mapping({**load_config("web")["whois"], "cache_path": str(tmp_path / "w")})
    cache = EvidenceCache(store.caches, CacheSettings(whois_ttl=timedelta(days=30)))
    return WhoisLookup(dataclasses.replace(settings, cache_path=None), registry.query, cache)


def test_whois_rows_keep_the_creation_date_and_no_registrant(
    store: Store, test_clock: TestClock, tmp_path: Path
) -> None:
    registry = _Registry()
    info = _whois(store, registry, tmp_path).lookup("kari-nordmann.no")
    assert (info.registrant, info.created) == ("Kari Nordmann", "2011-04-05")  # this run's report
    row = store.caches.get("whois", "kari-nordmann.no")
    assert row == {"created": "2011-04-05"}  # no name, address, e-mail or registrar

    again = _whois(store, registry, tmp_path).lookup("kari-nordmann.no")  # a later pass, another process
    assert (again.known, again.registrant, again.created) == (True, None, "2011-04-05")
    assert registry.asked == ["kari-nordmann.no"]

    failed = _whois(store, registry, tmp_path).lookup("down-registry.no")
    assert (failed.known, failed.error) == (False, "timeout")
    _whois(store, registry, tmp_path).lookup("down-registry.no")
    assert registry.asked.count("down-registry.no") == 1  # a failure is kept briefly...
    test_clock.advance(timedelta(minutes=6))
    _whois(store, registry, tmp_path).lookup("down-registry.no")
    assert registry.asked.count("down-registry.no") == 2  # ...and asked again after failure_ttl
    test_clock.advance(timedelta(days=31))
    _whois(store, registry, tmp_path).lookup("kari-nordmann.no")
    assert registry.asked.count("kari-nordmann.no") == 2


def test_the_purge_drops_cached_site_evidence(store: Store, test_clock: TestClock) -> None:
    cache = EvidenceCache(store.caches, CacheSettings(site_ttl=timedelta(days=400)))
    cache.keep_site(
        "https://a.example/",
        SiteEvidence("https://a.example/", "a.example", True, addresses=("x@a.example",)),
    )
    test_clock.advance(timedelta(days=2))
    assert store.purge(30).cache_entries == 0
    assert cache.site("https://a.example/") is not None
    test_clock.advance(timedelta(days=29))
    assert store.purge(30).cache_entries == 1  # stored 31 days ago: evidence, whatever its TTL
    assert cache.site("https://a.example/") is None


@pytest.mark.parametrize(
    ("evidence", "ttl"),
    [
        (SiteEvidence("u", "d", True), timedelta(hours=24)),
        (SiteEvidence("u", "d", True, errors=("http_404",)), timedelta(hours=24)),
        (SiteEvidence("u", "d", True, errors=("timeout",)), timedelta(minutes=5)),
        (SiteEvidence("u", "d", True, errors=("http_503",)), timedelta(minutes=5)),
        (SiteEvidence("u", "d", False, errors=("connection_failed",)), timedelta(minutes=5)),
        (SiteEvidence("u", "d", False, errors=("http_404",)), timedelta(minutes=5)),
    ],
)
def test_how_long_site_evidence_is_kept(evidence: SiteEvidence, ttl: timedelta) -> None:
    clock = TestClock()
    memory = MemoryCache(clock)
    cache = EvidenceCache(memory, CacheSettings())
    cache.keep_site("k", evidence)
    clock.advance(ttl - timedelta(seconds=30))
    assert cache.site("k") == evidence
    clock.advance(timedelta(minutes=1))
    assert cache.site("k") is None


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({}, CacheSettings(timedelta(hours=24), timedelta(days=30), timedelta(minutes=5))),
        (
            {"site_ttl_hours": 0, "failure_ttl_minutes": 1.5},
            CacheSettings(timedelta(0), timedelta(days=30), timedelta(seconds=90)),
        ),
        ({"site_ttl_hours": -1}, "site_ttl_hours"),
        ({"failure_ttl_minutes": "5"}, "failure_ttl_minutes"),
        ({"failure_ttl_minutes": True}, "failure_ttl_minutes"),
    ],
)
def test_cache_settings(table: dict[str, Any], expected: CacheSettings | str) -> None:
    if isinstance(expected, str):
        with pytest.raises(ConfigError, match=expected):
            CacheSettings.from_mapping(table, whois_ttl_seconds=30 * 86400)
    else:
        assert CacheSettings.from_mapping(table, whois_ttl_seconds=30 * 86400) == expected


def test_site_ttl_zero_keeps_nothing() -> None:
    cache = EvidenceCache(MemoryCache(), CacheSettings(site_ttl=timedelta(0)))
    cache.keep_site("k", SiteEvidence("u", "d", True))
    assert cache.site("k") is None
