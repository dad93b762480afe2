"""The guarded fetcher through the fake web: redirects, address guard, size cap, timeouts, error codes."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator, Sequence

import pytest

from bot.evidence.fetch import FetchError, FetchSettings, GuardedFetcher, address_blocked, decode_body
from tests.support.web_fixtures import FakeWebFactory, fake_web, load_config
from verification.errors import ConfigError

__all__ = ["fake_web"]  # the fixture, imported for pytest


def _settings(**changes: object) -> FetchSettings:
    return dataclasses.replace(FetchSettings.from_mapping(load_config("web")), **changes)  # type: ignore[arg-type]


@pytest.fixture
def fetcher() -> Iterator[GuardedFetcher]:
    with GuardedFetcher(_settings()) as guarded:
        yield guarded


class _Resolver:
    """A resolver seam: fixed answers, and a record of which hosts were asked."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> Sequence[str]:
        self.asked.append(host)
        if host not in self.answers:
            raise OSError("no such host")
        return self.answers[host]


def test_page_over_https_through_proxy(fake_web: FakeWebFactory, fetcher: GuardedFetcher) -> None:
    web = fake_web({"https://www.fjordlight.no/": "<title>Fjordlight</title><p>Ærlig talt</p>"})
    result = fetcher.fetch("https://www.fjordlight.no/#top")
    assert (result.error, result.status, result.final_url) == (None, 200, "https://www.fjordlight.no/")
    assert "Ærlig talt" in result.text
    assert result.content_type.startswith("text/html")
    assert web.hits("GET")[0].user_agent.startswith("permbot/")


def test_redirects_followed_and_each_hop_requested_once(
    fake_web: FakeWebFactory, fetcher: GuardedFetcher
) -> None:
    web = fake_web(
        {
            "http://fjordlight.no/": {"redirect": "https://fjordlight.no/"},
            "https://fjordlight.no/": {"redirect": "/home", "status": 302},
            "https://fjordlight.no/home": "<p>home</p>",
        }
    )
    result = fetcher.fetch("http://fjordlight.no/")
    assert (result.error, result.final_url, result.text) == (
        None,
        "https://fjordlight.no/home",
        "<p>home</p>",
    )
    assert [h.url for h in web.hits("GET")] == [
        "http://fjordlight.no/",
        "https://fjordlight.no/",
        "https://fjordlight.no/home",
    ]


def test_too_many_redirects(fake_web: FakeWebFactory) -> None:
    web = fake_web({f"https://loop.example.com/{i}": {"redirect": f"/{i + 1}"} for i in range(10)})
    with GuardedFetcher(_settings(max_redirects=3)) as fetcher:
        result = fetcher.fetch("https://loop.example.com/0")
    assert result.error is FetchError.TOO_MANY_REDIRECTS
    assert result.error_code == "too_many_redirects"
    assert len(web.hits("GET")) == 4  # the start and three redirects; the fourth is not followed


def test_redirect_to_private_ip_literal_refused(fake_web: FakeWebFactory, fetcher: GuardedFetcher) -> None:
    web = fake_web({"https://public.example.com/": {"redirect": "http://127.0.0.1:9/admin"}})
    web.add(web.origin + "/admin", "secret")
    result = fetcher.fetch("https://public.example.com/")
    assert result.error is FetchError.BLOCKED_ADDRESS
    assert result.final_url == "http://127.0.0.1:9/admin"
    assert not any("/admin" in h.url for h in web.hits())


def test_redirect_to_name_resolving_private_refused_when_direct(fake_web: FakeWebFactory) -> None:
    """The proxied hop is not resolved here; the direct hop (NO_PROXY) is, and its address is refused."""
    web = fake_web({"https://public.example.com/": {"redirect": "http://intranet.corp.example/"}})
    resolver = _Resolver({"intranet.corp.example": ["10.20.30.40"], "public.example.com": ["93.184.216.34"]})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_PROXY", "127.0.0.1,localhost,.corp.example")
        patch.setenv("no_proxy", "127.0.0.1,localhost,.corp.example")
        with GuardedFetcher(_settings(), resolver=resolver) as fetcher:
            result = fetcher.fetch("https://public.example.com/")
    assert result.error is FetchError.BLOCKED_ADDRESS
    assert resolver.asked == ["intranet.corp.example"]
    assert len(web.hits("GET")) == 1


@pytest.mark.parametrize(
    ("url", "error"),
    [
        pytest.param("http://localhost:8080/", FetchError.BLOCKED_ADDRESS, id="localhost"),
        pytest.param("http://admin.localhost/", FetchError.BLOCKED_ADDRESS, id="dot-localhost"),
        pytest.param("http://127.0.0.1/", FetchError.BLOCKED_ADDRESS, id="loopback"),
        pytest.param("http://2130706433/", FetchError.BLOCKED_ADDRESS, id="loopback-as-integer"),
        pytest.param("http://0x7f.1/", FetchError.BLOCKED_ADDRESS, id="loopback-hex"),
        pytest.param("http://[::1]/", FetchError.BLOCKED_ADDRESS, id="ipv6-loopback"),
        pytest.param("http://[::ffff:10.0.0.1]/", FetchError.BLOCKED_ADDRESS, id="ipv4-mapped"),
        pytest.param("http://169.254.169.254/latest/meta-data/", FetchError.BLOCKED_ADDRESS, id="metadata"),
        pytest.param("http://0.0.0.0/", FetchError.BLOCKED_ADDRESS, id="unspecified"),
        pytest.param("http://224.0.0.1/", FetchError.BLOCKED_ADDRESS, id="multicast"),
        pytest.param("http://100.64.1.1/", FetchError.BLOCKED_ADDRESS, id="shared-cgnat"),
        pytest.param("ftp://files.example.com/", FetchError.BAD_SCHEME, id="ftp"),
        pytest.param("javascript:alert(1)", FetchError.BAD_SCHEME, id="javascript"),
        pytest.param("mailto:a@b.com", FetchError.BAD_SCHEME, id="mailto"),
        pytest.param("https:///nohost", FetchError.BAD_URL, id="no-host"),
        pytest.param("http://example.com:99999/", FetchError.BAD_URL, id="bad-port"),
    ],
)
def test_refused_before_any_request(
    fake_web: FakeWebFactory, fetcher: GuardedFetcher, url: str, error: FetchError
) -> None:
    web = fake_web({"https://unrelated.example.com/": "x"})
    assert fetcher.fetch(url).error is error
    assert web.hits() == []


def test_private_addresses_allowed_when_configured(fake_web: FakeWebFactory) -> None:
    web = fake_web({})
    web.add(web.origin + "/local", "<p>local</p>")
    with GuardedFetcher(_settings(allow_private_addresses=True)) as fetcher:
        result = fetcher.fetch(web.origin + "/local")
    assert (result.error, result.text) == (None, "<p>local</p>")


def test_direct_connection_refused_is_connection_failed(fake_web: FakeWebFactory) -> None:
    fake_web({})
    with GuardedFetcher(_settings(allow_private_addresses=True)) as fetcher:
        assert fetcher.fetch("http://127.0.0.1:1/").error is FetchError.CONNECTION_FAILED


@pytest.mark.parametrize(
    ("entry", "error"),
    [
        pytest.param({"size": 5000}, FetchError.TOO_LARGE, id="declared-length-over-cap"),
        pytest.param({"size": 5000, "chunked": True}, FetchError.TOO_LARGE, id="streamed-over-cap"),
        pytest.param({"size": 3000, "chunked": True}, None, id="streamed-under-cap"),
    ],
)
def test_size_cap(fake_web: FakeWebFactory, entry: dict[str, object], error: FetchError | None) -> None:
    fake_web({"https://big.example.com/": entry})
    with GuardedFetcher(_settings(max_bytes=4096)) as fetcher:
        assert fetcher.fetch("https://big.example.com/").error is error


def test_slow_answer_times_out(fake_web: FakeWebFactory) -> None:
    fake_web({"https://slow.example.com/": {"body": "late", "delay": 2.0}})
    with GuardedFetcher(_settings(read_timeout=0.3)) as fetcher:
        result = fetcher.fetch("https://slow.example.com/")
    assert result.error is FetchError.TIMEOUT
    assert result.elapsed < 2.0


@pytest.mark.parametrize(
    ("url", "code"),
    [
        pytest.param("https://known.example.com/missing", "http_404", id="unknown-path"),
        pytest.param("https://known.example.com/gone", "http_410", id="status-entry"),
        pytest.param("http://nowhere.example.net/", "http_502", id="unknown-host-http-proxy-answers"),
        pytest.param(
            "https://nowhere.example.net/", "connection_failed", id="unknown-host-https-tunnel-refused"
        ),
        pytest.param("https://known.example.com/logo.png", "unsupported_type", id="image"),
    ],
)
def test_error_codes(fake_web: FakeWebFactory, fetcher: GuardedFetcher, url: str, code: str) -> None:
    fake_web(
        {
            "https://known.example.com/": "home",
            "https://known.example.com/gone": {"status": 410, "body": "gone"},
            "https://known.example.com/logo.png": {"body": "PNG", "content_type": "image/png"},
        }
    )
    result = fetcher.fetch(url)
    assert result.error_code == code
    assert result.text == ""


def test_sessions_are_per_thread(fake_web: FakeWebFactory, fetcher: GuardedFetcher) -> None:
    web = fake_web({f"https://site{i}.example.com/": f"page {i}" for i in range(12)})
    results: dict[int, str] = {}

    def work(i: int) -> None:
        results[i] = fetcher.fetch(f"https://site{i}.example.com/").text

    threads = [threading.Thread(target=work, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {i: f"page {i}" for i in range(12)}
    assert len(fetcher._sessions) == 12
    assert len(web.hits("GET")) == 12


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        pytest.param(
            "Grüße".encode("latin-1"), "text/html; charset=ISO-8859-1", "Grüße", id="header-charset"
        ),
        pytest.param(
            b"<meta charset='windows-1252'><p>caf\xe9 \x80</p>",
            "text/html",
            "<p>café €</p>",
            id="meta-charset",
        ),
        pytest.param(
            b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">\xf0\xd2\xc9\xd7\xc5\xd4',
            "text/html",
            "Привет",
            id="meta-http-equiv",
        ),
        pytest.param("naïve".encode(), "text/html", "naïve", id="undeclared-utf8"),
        pytest.param(b"caf\xe9", "text/html", "caf\ufffd", id="undeclared-bad-bytes-replaced"),
        pytest.param(b"ok", "text/html; charset=no-such-codec", "ok", id="unknown-charset"),
        pytest.param(b"\xef\xbb\xbfhi", "text/html; charset=latin-1", "hi", id="utf8-bom-wins"),
    ],
)
def test_decode_body(body: bytes, content_type: str, expected: str) -> None:
    assert expected in decode_body(body, content_type)


@pytest.mark.parametrize(
    ("address", "blocked"),
    [
        pytest.param("93.184.216.34", False, id="public-v4"),
        pytest.param("2606:2800:220:1:248:1893:25c8:1946", False, id="public-v6"),
        pytest.param("10.0.0.1", True, id="private"),
        pytest.param("fe80::1%eth0", True, id="link-local-scoped"),
        pytest.param("fc00::1", True, id="unique-local"),
        pytest.param("240.0.0.1", True, id="reserved"),
        pytest.param("not-an-ip", True, id="garbage"),
    ],
)
def test_address_blocked(address: str, blocked: bool) -> None:
    assert address_blocked(address, _settings().blocked_networks) is blocked


def test_settings_error_names_the_key() -> None:
    data = {**load_config("web"), "max_bytes": "1MB"}
    with pytest.raises(ConfigError, match="max_bytes"):
        FetchSettings.from_mapping(data)
