"""The SSRF catalogue: hostile URLs against the guarded fetcher, on the loopback-only harness.

Run `.venv/bin/python -m tests.security.ssrf_catalogue`: one line per case (pass, fail or ESCAPE), then
"N cases, E escapes". A case passes when no forbidden connection was made and the fetch ended as expected;
tests/security/test_ssrf_catalogue.py runs the same cases in the suite.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass
from urllib.parse import quote

from bot.evidence.fetch import FetchSettings, GuardedFetcher, TestSiteAllowance
from tests.security.ssrf_harness import ALLOWED_HOST, DRIP_SECONDS, Harness, running_harness
from tests.support.web_fixtures import load_config

BLOCKED = "blocked_address"
BAD_URL = "bad_url"
BAD_SCHEME = "bad_scheme"
FAILED = "connection_failed"  # the harness DNS knows no such name, or the server broke the protocol


@dataclass(frozen=True)
class Case:
    """`url` may hold {trap} (a trap port) and {site} (the allowed site's port)."""

    name: str
    url: str
    expected: frozenset[str | None]  # acceptable error codes; None: the page is read
    rebinding: bool = False
    redirect: bool = True  # also tried as the target of a redirect from the allowed site


def _case(name: str, url: str, *codes: str | None, rebinding: bool = False, redirect: bool = True) -> Case:
    return Case(name, url, frozenset(codes), rebinding, redirect)


_BASE = [
    _case("control: the allowed site", "http://allowed.test:{site}/", None, redirect=False),
    _case("loopback dotted", "http://127.0.0.1:{trap}/", BLOCKED),
    _case("loopback short", "http://127.1:{trap}/", BLOCKED),
    _case("loopback hex", "http://0x7f.1:{trap}/", BLOCKED),
    _case("loopback octal", "http://0177.0.0.1:{trap}/", BLOCKED),
    _case("loopback integer", "http://2130706433:{trap}/", BLOCKED),
    _case("loopback other", "http://127.0.0.2:{site}/", BLOCKED),
    _case("loopback ipv6", "http://[::1]:{trap}/", BLOCKED),
    _case("loopback ipv4-mapped", "http://[::ffff:127.0.0.1]:{trap}/", BLOCKED),
    _case("loopback ipv4-compatible", "http://[::127.0.0.1]:{trap}/", BLOCKED),
    _case("localhost", "http://localhost:{trap}/", BLOCKED),
    _case("localhost trailing dot", "http://localhost.:{trap}/", BLOCKED),
    _case("sub.localhost", "http://a.localhost:{trap}/", BLOCKED),
    _case("unspecified 0.0.0.0", "http://0.0.0.0:{trap}/", BLOCKED),
    _case("unspecified 0", "http://0:{trap}/", BLOCKED),
    _case("ipv6 zone id", "http://[fe80::1%25lo]:{trap}/", BAD_URL),
    _case("ipv6 loopback zone id", "http://[::1%25lo]:{trap}/", BAD_URL),
    _case("name resolving to loopback", "http://loop.test:{site}/", BLOCKED),
    _case("name resolving to private", "http://private.test:{site}/", BLOCKED),
    _case("name with one private answer", "http://mixed.test:{site}/", BLOCKED),
    _case("private 10/8", "http://10.0.0.1:{trap}/", BLOCKED),
    _case("private 192.168/16", "http://192.168.1.1:{trap}/", BLOCKED),
    _case("private 172.16/12", "http://172.16.0.1:{trap}/", BLOCKED),
    _case("metadata 169.254.169.254", "http://169.254.169.254/latest/meta-data/", BLOCKED),
    _case("shared 100.64/10", "http://100.64.0.1:{trap}/", BLOCKED),
    _case("ietf 192.0.0.0/24", "http://192.0.0.9:{trap}/", BLOCKED),
    _case("6to4 relay 192.88.99.0/24", "http://192.88.99.1:{trap}/", BLOCKED),
    _case("multicast", "http://224.0.0.1:{trap}/", BLOCKED),
    _case("reserved 240/4", "http://240.0.0.1:{trap}/", BLOCKED),
    _case("broadcast", "http://255.255.255.255:{trap}/", BLOCKED),
    _case("site-local fec0::/10", "http://[fec0::1]:{trap}/", BLOCKED),
    _case("unique-local fc00::/7", "http://[fd00::1]:{trap}/", BLOCKED),
    _case("link-local fe80::/10", "http://[fe80::1]:{trap}/", BLOCKED),
    _case("6to4 of loopback", "http://[2002:7f00:1::1]:{trap}/", BLOCKED),
    _case("6to4 of private", "http://[2002:c0a8:101::1]:{trap}/", BLOCKED),
    _case("teredo", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]:{trap}/", BLOCKED),
    _case("nat64 of loopback", "http://[64:ff9b::7f00:1]:{trap}/", BLOCKED),
    _case("backslash then at", "http://127.0.0.1:{trap}\\@allowed.test:{site}/", BAD_URL),
    _case("userinfo names the site", "http://allowed.test:{site}@127.0.0.1:{trap}/", BAD_URL),
    _case("userinfo with backslash", "http://allowed.test:{site}\\@127.0.0.1:{trap}/", BAD_URL),
    _case("encoded backslash", "http://127.0.0.1:{trap}%5C@allowed.test:{site}/", BAD_URL),
    _case("space in authority", "http://127.0.0.1:{trap} @allowed.test:{site}/", BAD_URL),
    _case("scheme file", "file:///etc/passwd", BAD_SCHEME),
    _case("scheme gopher", "gopher://127.0.0.1:{trap}/_GET", BAD_SCHEME),
    _case("scheme ftp", "ftp://127.0.0.1:{trap}/", BAD_SCHEME),
    _case("scheme dict", "dict://127.0.0.1:{trap}/", BAD_SCHEME),
    _case("scheme data", "data:text/html,<p>hi</p>", BAD_SCHEME),
    _case("scheme-relative to loopback", "//127.0.0.1:{trap}/", BAD_URL, BLOCKED),
    _case("rebinding", "http://allowed.test:{site}/", None, rebinding=True, redirect=False),
    _case("drip in headers", "http://allowed.test:{site}/drip-headers", "timeout", redirect=False),
    _case("drip in body", "http://allowed.test:{site}/drip-body", "timeout", redirect=False),
    _case("gzip bomb", "http://allowed.test:{site}/gzip-bomb", "too_large", redirect=False),
    _case("deflate bomb", "http://allowed.test:{site}/deflate-bomb", "too_large", redirect=False),
    _case("huge body", "http://allowed.test:{site}/huge", "too_large", redirect=False),
    _case("endless headers", "http://allowed.test:{site}/endless-headers", FAILED, redirect=False),
]


def catalogue() -> list[Case]:
    """Every base case, and each redirect-worthy one again as the Location of a redirect."""
    redirected = [
        dataclasses.replace(
            case,
            name=f"redirect to {case.name}",
            url="http://allowed.test:{site}/redirect?to=" + quote(case.url, safe=""),
        )
        for case in _BASE
        if case.redirect
    ]
    return _BASE + redirected


def harness_fetcher(harness: Harness) -> GuardedFetcher:
    """A fetcher with short limits, the harness DNS and the one test-only allowance."""
    settings = dataclasses.replace(
        FetchSettings.from_mapping(load_config("web")),
        connect_timeout=1.0,
        read_timeout=1.0,
        total_timeout=1.5,
        max_bytes=1_048_576,
    )
    allowance = TestSiteAllowance(ALLOWED_HOST, "127.0.0.1", harness.site_port)
    return GuardedFetcher(settings, resolver=harness.dns, test_allowance=allowance)


@dataclass(frozen=True)
class Outcome:
    case: Case
    code: str | None
    escapes: int
    elapsed: float

    @property
    def ended_in_time(self) -> bool:
        """Well before a drip would end by itself (8 s): the fetch's own deadline (1.5 s) stopped it."""
        return self.elapsed < DRIP_SECONDS / 2

    @property
    def passed(self) -> bool:
        return self.escapes == 0 and self.code in self.case.expected and self.ended_in_time


def run_case(harness: Harness, fetcher: GuardedFetcher, case: Case) -> Outcome:
    harness.dns.reset(case.rebinding)
    before = harness.escapes
    url = case.url.format(trap=harness.trap_port, site=harness.site_port)
    url = url.replace(quote("{trap}", safe=""), str(harness.trap_port))  # inside a redirect's target
    url = url.replace(quote("{site}", safe=""), str(harness.site_port))
    result = fetcher.fetch(url)
    return Outcome(case, result.error_code, harness.escapes - before, result.elapsed)


def main() -> int:
    cases = catalogue()
    escapes = failures = 0
    with running_harness() as harness, harness_fetcher(harness) as fetcher:
        for case in cases:
            outcome = run_case(harness, fetcher, case)
            escapes += outcome.escapes
            failures += not outcome.passed
            verdict = "ESCAPE" if outcome.escapes else ("pass" if outcome.passed else "fail")
            print(f"{verdict:6}  {case.name}  ({outcome.code or 'read'})", flush=True)
    print(f"{len(cases)} cases, {escapes} escapes" + (f", {failures} not as expected" if failures else ""))
    return 1 if escapes or failures else 0


if __name__ == "__main__":
    sys.exit(main())
