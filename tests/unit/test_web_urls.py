"""The one strict URL reading the fetcher and the crawler share, and which addresses are the public web."""

from __future__ import annotations

import pytest

from tests.support.web_fixtures import load_config
from verification.domains import parse_ip
from verification.web_urls import UrlProblem, WebTarget, address_allowed, parse_networks, parse_web_url

BLOCKED = parse_networks(load_config("web")["blocked_networks"])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("https://Www.Example.COM/a b?q=1#frag", "https://www.example.com/a%20b?q=1", id="plain"),
        pytest.param("http://example.com", "http://example.com/", id="no-path"),
        pytest.param("https://example.com:443/x", "https://example.com/x", id="default-port"),
        pytest.param("http://example.com:8080/x", "http://example.com:8080/x", id="other-port"),
        pytest.param("http://bücher.de/", "http://xn--bcher-kva.de/", id="idn"),
        pytest.param("http://127.1/", "http://127.0.0.1/", id="short-ipv4"),
        pytest.param("http://0x7f.1/", "http://127.0.0.1/", id="hex-ipv4"),
        pytest.param("http://2130706433/", "http://127.0.0.1/", id="integer-ipv4"),
        pytest.param("http://[::FFFF:127.0.0.1]:81/", "http://[::ffff:7f00:1]:81/", id="mapped"),
        pytest.param("http://localhost./", "http://localhost/", id="trailing-dot"),
        pytest.param(
            "https://example.com/\\evil.com", "https://example.com/%5Cevil.com", id="backslash-path"
        ),
    ],
)
def test_parse_web_url_rebuilds(url: str, expected: str) -> None:
    target = parse_web_url(url)
    assert isinstance(target, WebTarget)
    assert target.url == expected


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        pytest.param("http://127.0.0.1:8080\\@allowed.site/", UrlProblem.BAD_URL, id="backslash-at"),
        pytest.param("http://allowed.site\\@127.0.0.1/", UrlProblem.BAD_URL, id="at-after-backslash"),
        pytest.param("http://user:pw@example.com/", UrlProblem.BAD_URL, id="userinfo"),
        pytest.param("http://example.com@127.0.0.1/", UrlProblem.BAD_URL, id="userinfo-host"),
        pytest.param("http://[fe80::1%25eth0]/", UrlProblem.BAD_URL, id="zone-id"),
        pytest.param("http://exa mple.com/", UrlProblem.BAD_URL, id="space"),
        pytest.param("http://example.com\t/", UrlProblem.BAD_URL, id="tab"),
        pytest.param("http://example.com/a\r\nHost: x", UrlProblem.BAD_URL, id="crlf-in-path"),
        pytest.param("http://a:1:2/", UrlProblem.BAD_URL, id="two-colons"),
        pytest.param("http://example.com:0/", UrlProblem.BAD_URL, id="port-zero"),
        pytest.param("http://example.com:99999/", UrlProblem.BAD_URL, id="port-too-big"),
        pytest.param("http://example.com:+80/", UrlProblem.BAD_URL, id="signed-port"),
        pytest.param("http://[::1/", UrlProblem.BAD_URL, id="open-bracket"),
        pytest.param("http:///path", UrlProblem.BAD_URL, id="no-host"),
        pytest.param("http:example.com", UrlProblem.BAD_URL, id="no-slashes"),
        pytest.param("http://ex＠mple.com/", UrlProblem.BAD_URL, id="fullwidth-at"),
        pytest.param("http://a..b/", UrlProblem.BAD_URL, id="empty-label"),
        pytest.param("file:///etc/passwd", UrlProblem.BAD_SCHEME, id="file"),
        pytest.param("gopher://127.0.0.1:70/_x", UrlProblem.BAD_SCHEME, id="gopher"),
        pytest.param("ftp://example.com/", UrlProblem.BAD_SCHEME, id="ftp"),
        pytest.param("data:text/html,hi", UrlProblem.BAD_SCHEME, id="data"),
        pytest.param("no url at all", UrlProblem.BAD_URL, id="text"),
    ],
)
def test_parse_web_url_refuses(url: str, problem: UrlProblem) -> None:
    assert parse_web_url(url) is problem


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        pytest.param("93.184.216.34", True, id="public-v4"),
        pytest.param("2606:2800:220:1:248:1893:25c8:1946", True, id="public-v6"),
        pytest.param("2002:5db8:d822::1", True, id="6to4-public"),
        pytest.param("64:ff9b::5db8:d822", False, id="nat64-public-not-global-in-python"),
        pytest.param("192.0.0.8", False, id="ietf-protocol-192.0.0"),
        pytest.param("192.0.0.9", False, id="192.0.0.9-is-global-in-python"),
        pytest.param("192.88.99.1", False, id="6to4-relay-anycast"),
        pytest.param("fec0::1", False, id="site-local"),
        pytest.param("2002:7f00:1::1", False, id="6to4-loopback"),
        pytest.param("2002:c0a8:101::1", False, id="6to4-private"),
        pytest.param("2001:0:5db8:d822::1", False, id="teredo"),
        pytest.param("64:ff9b::7f00:1", False, id="nat64-loopback"),
        pytest.param("64:ff9b::a00:1", False, id="nat64-private"),
        pytest.param("::ffff:93.184.216.34", False, id="mapped"),
        pytest.param("0.1.2.3", False, id="this-network"),
        pytest.param("100.64.0.1", False, id="shared"),
        pytest.param("224.0.0.1", False, id="multicast"),
        pytest.param("ff02::1", False, id="multicast-v6"),
        pytest.param("240.0.0.1", False, id="reserved"),
        pytest.param("255.255.255.255", False, id="broadcast"),
        pytest.param("198.18.0.1", False, id="benchmarking"),
        pytest.param("fd00::1", False, id="unique-local"),
    ],
)
def test_address_allowed(address: str, allowed: bool) -> None:
    ip = parse_ip(address)
    assert ip is not None
    assert address_allowed(ip, BLOCKED) is allowed
