"""The site crawler through the fake web: what a crawl reads, fallbacks, sharing, politeness by counting."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator

import pytest

from bot.evidence.crawl import SiteCrawler, home_variants, start_url
from bot.evidence.fetch import FetchError, FetchResult, FetchSettings, GuardedFetcher
from tests.support.web_fixtures import FakeWebFactory, domain_tools, fake_web, load_config
from verification.domains import DomainTools
from verification.site_pages import SiteVocabulary

__all__ = ["fake_web"]  # the fixture, imported for pytest

WAIT = 20  # seconds; a generous bound, never a timing assertion


@pytest.fixture(scope="module")
def tools() -> DomainTools:
    return domain_tools()


@pytest.fixture(scope="module")
def vocab() -> SiteVocabulary:
    return SiteVocabulary.from_mapping(load_config("site"))


@pytest.fixture
def fetcher() -> Iterator[GuardedFetcher]:
    with GuardedFetcher(FetchSettings.from_mapping(load_config("web"))) as guarded:
        yield guarded


@pytest.fixture
def crawler(fetcher: GuardedFetcher, tools: DomainTools, vocab: SiteVocabulary) -> Iterator[SiteCrawler]:
    with SiteCrawler(fetcher, tools, vocab, max_workers=8) as site_crawler:
        yield site_crawler


def _page(title: str, body: str) -> str:
    return f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"


def test_home_and_contact_pages(fake_web: FakeWebFactory, crawler: SiteCrawler) -> None:
    web = fake_web(
        {
            "https://www.fjordlight.no/": _page(
                "Fjordlight Studio",
                "<h1>Fjordlight Studio</h1><a href='/portfolio'>Work</a> <a href='/kontakt/'>Kontakt</a>"
                "<a href='https://www.facebook.com/fjordlight'>Contact us on Facebook</a>",
            ),
            "https://www.fjordlight.no/kontakt/": _page("Kontakt", "<p>post (at) fjordlight (dot) no</p>"),
            "https://www.fjordlight.no/portfolio": _page("Work", "<p>art@fjordlight.no</p>"),
        }
    )
    evidence = crawler.crawl("https://www.fjordlight.no/").result(WAIT)
    assert evidence.reachable
    assert evidence.domain == "fjordlight.no"
    assert evidence.addresses == ("post@fjordlight.no",)
    assert evidence.home_text.startswith("Fjordlight Studio")
    assert [(p.url, p.status, p.title) for p in evidence.pages] == [
        ("https://www.fjordlight.no/", 200, "Fjordlight Studio"),
        ("https://www.fjordlight.no/kontakt/", 200, "Kontakt"),
    ]
    assert evidence.errors == ()
    assert {h.host for h in web.hits("GET")} == {"www.fjordlight.no"}  # facebook and portfolio not read


def test_home_without_contact_links_reads_a_few_others(
    fake_web: FakeWebFactory, crawler: SiteCrawler
) -> None:
    web = fake_web(
        {
            "https://museum-nord.test/": _page(
                "Museum Nord",
                "<a href='/collection'>Collection</a><a href='/events'>Events</a><a href='/shop'>Shop</a>",
            ),
            "https://museum-nord.test/collection": _page(
                "Collection", "<p>Questions: post@museum-nord.test</p>"
            ),
            "https://museum-nord.test/events": _page("Events", "<p>No address here</p>"),
        }
    )
    evidence = crawler.crawl("https://museum-nord.test/").result(WAIT)
    assert evidence.addresses == ("post@museum-nord.test",)
    assert [h.url for h in web.hits("GET")] == [
        "https://museum-nord.test/",
        "https://museum-nord.test/collection",
        "https://museum-nord.test/events",
    ]


def test_deeper_start_page_and_second_level_contact(fake_web: FakeWebFactory, crawler: SiteCrawler) -> None:
    web = fake_web(
        {
            "https://atelier-roux.fr/": _page("Atelier Roux", "<a href='/a-propos'>À propos</a>"),
            "https://atelier-roux.fr/artistes/claire": _page("Claire Roux", "<p>Peintre</p>"),
            "https://atelier-roux.fr/a-propos": _page(
                "À propos", "<a href='/mentions-legales'>Mentions légales</a>"
            ),
            "https://atelier-roux.fr/mentions-legales": _page(
                "Mentions", "<p>claire [at] atelier-roux.fr</p>"
            ),
        }
    )
    evidence = crawler.crawl("atelier-roux.fr/artistes/claire#bio").result(WAIT)
    assert evidence.start_url == "https://atelier-roux.fr/artistes/claire"
    assert evidence.addresses == ("claire@atelier-roux.fr",)
    assert "Atelier Roux" in evidence.home_text
    assert "Peintre" not in evidence.home_text  # the deep page is read (addresses), but is not the home page
    assert len(web.hits("GET")) == 4


def test_https_failing_falls_back_to_http(fake_web: FakeWebFactory, crawler: SiteCrawler) -> None:
    web = fake_web({"http://www.kleinstadt-fotos.de/": _page("Fotos", "<p>info@kleinstadt-fotos.de</p>")})
    evidence = crawler.crawl("https://www.kleinstadt-fotos.de").result(WAIT)
    assert evidence.reachable
    assert evidence.pages[0].url == "http://www.kleinstadt-fotos.de/"
    assert evidence.addresses == ("info@kleinstadt-fotos.de",)
    assert evidence.errors == ()
    assert [h.method for h in web.hits()] == ["CONNECT", "GET"]


def test_bare_host_falls_back_to_www(fake_web: FakeWebFactory, crawler: SiteCrawler) -> None:
    fake_web({"https://www.bluefjord.no/": _page("Blue Fjord", "<p>hei@bluefjord.no</p>")})
    evidence = crawler.crawl("bluefjord.no").result(WAIT)
    assert evidence.reachable
    assert evidence.pages[0].url == "https://www.bluefjord.no/"
    assert evidence.addresses == ("hei@bluefjord.no",)


def test_unreachable_site_reports_first_error_only(fake_web: FakeWebFactory, crawler: SiteCrawler) -> None:
    web = fake_web({"https://other.example.com/": "x"})
    evidence = crawler.crawl("https://gone-studio.org/about").result(WAIT)
    assert not evidence.reachable
    assert evidence.errors == ("connection_failed",)
    assert evidence.addresses == ()
    gets = [h.url for h in web.hits("GET")]
    assert gets == ["http://gone-studio.org/", "http://www.gone-studio.org/"]  # the deep page is not tried


def test_http_error_on_home_still_reads_named_page(fake_web: FakeWebFactory, crawler: SiteCrawler) -> None:
    fake_web({"https://studio.example.net/team/ana": _page("Ana", "<p>ana@studio.example.net</p>")})
    evidence = crawler.crawl("https://studio.example.net/team/ana").result(WAIT)
    assert evidence.reachable
    assert evidence.errors == ("http_404",)
    assert evidence.addresses == ("ana@studio.example.net",)


def test_redirect_to_another_domain_reads_that_site(fake_web: FakeWebFactory, crawler: SiteCrawler) -> None:
    fake_web(
        {
            "https://old-name.test/": {"redirect": "https://new-name.test/"},
            "https://new-name.test/": _page("New", "<a href='/contact'>Contact</a>"),
            "https://new-name.test/contact": _page("Contact", "<p>hello@new-name.test</p>"),
        }
    )
    evidence = crawler.crawl("https://old-name.test/").result(WAIT)
    assert evidence.domain == "old-name.test"  # the site the message named
    assert evidence.pages[0].url == "https://new-name.test/"
    assert evidence.addresses == ("hello@new-name.test",)


def test_redirect_to_private_address_is_an_error(fake_web: FakeWebFactory, crawler: SiteCrawler) -> None:
    fake_web({"https://trap.example.com/": {"redirect": "http://10.0.0.8/"}})
    evidence = crawler.crawl("https://trap.example.com/").result(WAIT)
    assert not evidence.reachable
    assert evidence.errors == ("blocked_address",)


def test_page_cap_and_same_site_only(
    fake_web: FakeWebFactory, fetcher: GuardedFetcher, tools: DomainTools, vocab: SiteVocabulary
) -> None:
    links = "".join(f"<a href='/contact-{i}'>Contact {i}</a>" for i in range(10))
    sites = {
        "https://many.example.com/": _page(
            "Many", links + "<a href='https://elsewhere.example.org/contact'>Contact</a>"
        )
    }
    sites.update({f"https://many.example.com/contact-{i}": _page("C", links) for i in range(10)})
    web = fake_web(sites)
    capped = dataclasses.replace(vocab, max_pages=3, max_links_per_page=10)
    with SiteCrawler(fetcher, tools, capped, max_workers=2) as crawler:
        evidence = crawler.crawl("https://many.example.com/").result(WAIT)
    assert len(evidence.pages) == 3
    assert len(web.hits("GET")) == 3
    assert all(h.host == "many.example.com" for h in web.hits())


def test_each_url_fetched_once_across_crawls(fake_web: FakeWebFactory, crawler: SiteCrawler) -> None:
    web = fake_web(
        {
            "https://shared.example.com/": _page("Shared", "<a href='/contact'>Contact</a>"),
            "https://shared.example.com/contact": _page("Contact", "<p>team@shared.example.com</p>"),
            "https://shared.example.com/about": _page("About", "<a href='/contact'>Contact</a>"),
        }
    )
    starts = [
        "https://shared.example.com/",
        "https://shared.example.com",
        "https://shared.example.com/#top",
        "https://shared.example.com/about",
        "https://shared.example.com/contact",
        "shared.example.com/about",
    ]
    futures = [crawler.crawl(url) for url in starts * 3]
    results = [f.result(WAIT) for f in futures]
    assert all(r.addresses == ("team@shared.example.com",) for r in results)
    assert futures[0] is futures[1] is futures[2]
    for path in ("/", "/contact", "/about"):
        assert web.count(f"https://shared.example.com{path}") == 1


def test_one_request_at_a_time_per_site_and_sites_in_parallel(
    fake_web: FakeWebFactory, fetcher: GuardedFetcher, tools: DomainTools, vocab: SiteVocabulary
) -> None:
    sites: dict[str, str] = {}
    for i in range(6):
        home = f"https://site{i}.test/"
        sites[home] = _page(f"Site {i}", "<a href='/contact'>Contact</a><a href='/about'>About</a>")
        sites[home + "contact"] = _page("Contact", f"<p>info@site{i}.test</p>")
        sites[home + "about"] = _page("About", "<p>About us</p>")
        sites[home + "team"] = _page("Team", "<p>Team</p>")
    web = fake_web(sites, latency=0.1)
    with SiteCrawler(fetcher, tools, vocab, max_workers=6) as crawler:
        futures = [crawler.crawl(f"https://site{i}.test/{p}") for i in range(6) for p in ("", "team")]
        results = [f.result(WAIT) for f in futures]
    assert all(r.reachable for r in results)
    assert all(web.peak_in_flight(f"site{i}.test") == 1 for i in range(6))
    assert web.peak_in_flight() >= 2
    assert len(web.hits("GET")) == 6 * 4


def test_hosts_of_one_site_share_its_one_request_at_a_time(
    fake_web: FakeWebFactory, crawler: SiteCrawler
) -> None:
    hosts = ("www.nordlys.test", "shop.nordlys.test", "blog.nordlys.test")
    sites = {f"https://{h}/": _page(h, "<a href='/contact'>Contact</a>") for h in hosts}
    sites.update({f"https://{h}/contact": _page("Contact", f"<p>hei@{h}</p>") for h in hosts})
    web = fake_web(sites, latency=0.05)
    results = [f.result(WAIT) for f in [crawler.crawl(f"https://{h}/") for h in hosts]]
    assert [r.domain for r in results] == ["nordlys.test"] * 3
    assert len(web.hits("GET")) == 6
    assert web.peak_in_flight(hosts) == 1


def test_closing_cancels_waiting_crawls(
    fake_web: FakeWebFactory, fetcher: GuardedFetcher, tools: DomainTools, vocab: SiteVocabulary
) -> None:
    fake_web({f"https://slow{i}.test/": "x" for i in range(4)}, latency=0.3)
    crawler = SiteCrawler(fetcher, tools, vocab, max_workers=1)
    futures = [crawler.crawl(f"https://slow{i}.test/") for i in range(4)]
    crawler.close()
    assert futures[-1].cancelled()
    assert crawler.crawl("https://slow0.test/other").cancelled()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("www.acme.com", "https://www.acme.com/", id="bare-host"),
        pytest.param("HTTP://WWW.Acme.com/About#team", "http://www.acme.com/About", id="case-fragment"),
        pytest.param(
            "https://user:pw@acme.com:8443/x?y=1", "https://acme.com:8443/x?y=1", id="userinfo-port"
        ),
        pytest.param("https://müller.de/", "https://xn--mller-kva.de/", id="idn"),
        pytest.param("info@acme.com", None, id="address"),
        pytest.param("mailto:info@acme.com", None, id="mailto"),
        pytest.param("ftp://acme.com/", None, id="ftp"),
        pytest.param("https://acme.com:99999/", None, id="bad-port"),
        pytest.param("", None, id="empty"),
    ],
)
def test_start_url(url: str, expected: str | None) -> None:
    assert start_url(url) == expected


@pytest.mark.parametrize(
    ("home", "registrable", "expected"),
    [
        pytest.param(
            "https://acme.com/",
            "acme.com",
            ("https://acme.com/", "http://acme.com/", "https://www.acme.com/", "http://www.acme.com/"),
            id="bare",
        ),
        pytest.param(
            "http://www.acme.com/",
            "acme.com",
            ("http://www.acme.com/", "https://www.acme.com/", "https://acme.com/", "http://acme.com/"),
            id="www",
        ),
        pytest.param(
            "https://shop.acme.com/",
            "acme.com",
            ("https://shop.acme.com/", "http://shop.acme.com/"),
            id="sub",
        ),
        pytest.param("http://192.0.2.1/", None, ("http://192.0.2.1/", "https://192.0.2.1/"), id="ip"),
    ],
)
def test_home_variants(home: str, registrable: str | None, expected: tuple[str, ...]) -> None:
    assert home_variants(home, registrable) == expected


class _StuckFetcher:
    """A fetcher that hangs until released: a site that never finishes answering."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()

    def fetch(self, url: str) -> FetchResult:
        self.started.set()
        self.release.wait(WAIT)
        return FetchResult(url, url, 0, "", "", FetchError.TIMEOUT, 0.0)


def test_stuck_crawl_never_holds_the_process_at_exit(tools: DomainTools, vocab: SiteVocabulary) -> None:
    """Interpreter exit joins every non-daemon thread: a stuck crawl worker would keep `permbot verify`
    alive after it printed its report."""
    stuck = _StuckFetcher()
    crawler = SiteCrawler(stuck, tools, vocab, max_workers=2)
    try:
        crawler.crawl("https://stuck.test/")
        assert stuck.started.wait(WAIT)
        crawler.close()
        workers = [t for t in threading.enumerate() if t.name.startswith("crawl") and t.is_alive()]
        assert workers
        assert all(t.daemon for t in workers)
    finally:
        stuck.release.set()
