"""Contact-like links of a holder's site, and whether a page names the holder."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.web_fixtures import domain_tools, load_config
from verification.domains import DomainTools
from verification.errors import ConfigError
from verification.model import Link
from verification.site_pages import SiteVocabulary, contact_links, contact_tier, fallback_links, names_holder

PAGE = "https://www.fjordlight.no/"


@pytest.fixture(scope="module")
def tools() -> DomainTools:
    return domain_tools()


@pytest.fixture(scope="module")
def vocab() -> SiteVocabulary:
    return SiteVocabulary.from_mapping(load_config("site"))


@pytest.mark.parametrize(
    ("text", "href", "tier"),
    [
        pytest.param("Contact", "/c", 0, id="en-text"),
        pytest.param("", "/contact-us/", 0, id="en-path-only"),
        pytest.param("✉", "/impressum.html", 0, id="de-path-extension"),
        pytest.param("Kontaktformular", "/k", 0, id="de-compound-prefix"),
        pytest.param("Mentions légales", "/ml", 0, id="fr-accented-text"),
        pytest.param("", "/mentions-legales", 0, id="fr-path"),
        pytest.param("Nous contacter", "/x", 0, id="fr-phrase"),
        pytest.param("Contáctenos", "/x", 0, id="es-accent"),
        pytest.param("Fale conosco", "/x", 0, id="pt-phrase"),
        pytest.param("Colofon", "/x", 0, id="nl-colofon"),
        pytest.param("联系我们", "/x", 0, id="zh-contact"),
        pytest.param("", "/lianxi.html", 0, id="zh-pinyin-path"),
        pytest.param("お問い合わせ", "/x", 0, id="ja-contact"),
        pytest.param("Контакты", "/x", 0, id="ru-contact"),
        pytest.param("اتصل بنا", "/x", 0, id="ar-contact"),
        pytest.param("关于我们", "/x", 1, id="zh-about"),
        pytest.param("", "/index.php?page=kontakt", 0, id="query-value"),
        pytest.param("GET IN TOUCH", "/x", 0, id="upper-case-phrase"),
        pytest.param("About us", "/x", 1, id="en-about"),
        pytest.param("Über uns", "/x", 1, id="de-umlaut"),
        pytest.param("", "/ueber-uns/", 1, id="de-transliterated-path"),
        pytest.param("Qui sommes-nous ?", "/x", 1, id="fr-hyphenated"),
        pytest.param("Over ons", "/x", 1, id="nl"),
        pytest.param("Quiénes somos", "/x", 1, id="es"),
        pytest.param("Chi siamo", "/x", 1, id="it"),
        pytest.param("O nas", "/x", 1, id="pl"),
        pytest.param("Bio", "/x", 1, id="short-word-exact"),
        pytest.param("Biology", "/x", None, id="short-word-not-prefix"),
        pytest.param("Portfolio", "/portfolio/", None, id="portfolio"),
        pytest.param("Contract terms", "/terms", None, id="similar-word"),
        pytest.param("Visit us", "/visit", 1, id="visit"),
        pytest.param("Anfahrt", "/x", 1, id="de-directions"),
        pytest.param("Pro média", "/pro-media", 1, id="cs-press-page"),
        pytest.param("Presse", "/x", 1, id="de-press-page"),
        pytest.param("Sala de prensa", "/x", 1, id="es-press-room"),
        pytest.param("", "/newsroom/", 1, id="en-newsroom-path"),
        pytest.param("Vorstand", "/verein/vorstand", 1, id="de-club-board"),
        pytest.param("Bestuur", "/x", 1, id="nl-club-board"),
        pytest.param("Shop", "/shop", None, id="not-a-contact-word"),
        pytest.param("Home", "/", None, id="home"),
    ],
)
def test_contact_tier(vocab: SiteVocabulary, text: str, href: str, tier: int | None) -> None:
    assert contact_tier(Link(PAGE.rstrip("/") + href, text), vocab) == tier


def test_contact_links_filters_ranks_and_caps(tools: DomainTools, vocab: SiteVocabulary) -> None:
    links = [
        Link("https://www.fjordlight.no/about#team", "About"),
        Link("https://www.fjordlight.no/about", "About us"),  # same page without fragment: once
        Link("https://www.facebook.com/fjordlight", "Contact us on Facebook"),  # other site
        Link("mailto:post@fjordlight.no", "Contact"),  # not http
        Link("https://shop.fjordlight.no/kontakt", "Kontakt"),  # sub-domain: same site
        Link("http://fjordlight.no/impressum", "Impressum"),  # other scheme, same site
        Link("https://www.fjordlight.no/kontakt.pdf", "Kontakt (PDF)"),  # file
        Link("https://www.fjordlight.no/#contact", "Contact"),  # the page itself
        Link("https://www.fjordlight.no/portfolio", "Portfolio"),
        Link("https://www.fjordlight.no/team", "Team"),
        Link("https://www.fjordlight.no/legal", "Legal"),
        Link("/contact", "Contact"),  # relative
    ]
    assert contact_links(PAGE, links, tools, vocab) == (
        "https://shop.fjordlight.no/kontakt",
        "http://fjordlight.no/impressum",
        "https://www.fjordlight.no/legal",
        "https://www.fjordlight.no/contact",
    )


def test_contact_links_secondary_when_no_primary(tools: DomainTools, vocab: SiteVocabulary) -> None:
    links = [Link("https://www.fjordlight.no/team", "Team"), Link("https://www.fjordlight.no/about", "About")]
    assert contact_links(PAGE, links, tools, vocab) == (
        "https://www.fjordlight.no/team",
        "https://www.fjordlight.no/about",
    )


def test_fallback_links_same_site_in_page_order_capped(tools: DomainTools, vocab: SiteVocabulary) -> None:
    links = [
        Link("https://www.fjordlight.no/#top", "Top"),
        Link("https://www.instagram.com/fjordlight", "Instagram"),
        Link("/gallery", "Gallery"),
        Link("https://www.fjordlight.no/gallery#2", "Gallery"),
        Link("/poster.pdf", "Poster"),
        Link("/blog", "Blog"),
        Link("/shop", "Shop"),
    ]
    assert vocab.max_fallback_links == 2
    assert fallback_links(PAGE, links, tools, vocab) == (
        "https://www.fjordlight.no/gallery",
        "https://www.fjordlight.no/blog",
    )


@pytest.mark.parametrize(
    ("page", "names", "expected"),
    [
        pytest.param("Lena Berg\nPhotographer", ["Lena Berg"], "Lena Berg", id="exact"),
        pytest.param("BERG, Lena - photos", ["Lena Berg"], "Lena Berg", id="order-and-case"),
        pytest.param("Studio of José Núñez", ["Jose Nunez"], "Jose Nunez", id="accents-page"),
        pytest.param("Jose Nunez", ["José Núñez"], "José Núñez", id="accents-name"),
        pytest.param("Jean-Luc Faure", ["Jean Luc Faure"], "Jean Luc Faure", id="hyphenated"),
        pytest.param("Ravi Menon, wildlife", ["Ravi K. Menon"], "Ravi K. Menon", id="initial-ignored"),
        pytest.param("Lena Bergström", ["Lena Berg"], None, id="word-not-substring"),
        pytest.param("Lena Svensson", ["Lena Berg"], None, id="one-token-missing"),
        pytest.param("Lena Berg", ["", "K.", "Lena Berg"], "Lena Berg", id="skips-empty-names"),
        pytest.param("Acme Gallery", ["Jane Roe", "Acme Gallery"], "Acme Gallery", id="second-name"),
        pytest.param("", ["Lena Berg"], None, id="empty-page"),
        pytest.param("林秋云摄影工作室", ["林秋云"], "林秋云", id="zh-name-inside-studio-name"),
        pytest.param("山田花子写真事務所", ["山田花子"], "山田花子", id="ja-name-in-unspaced-run"),
        pytest.param("林秋月摄影工作室", ["林秋云"], None, id="zh-other-name"),
        pytest.param("云", ["云"], None, id="zh-one-character-never"),
        # Arabic and Persian keyboards write Yeh and Kaf apart: the same name
        pytest.param("مريم توكلي | نويسنده", ["مریم توکلی"], "مریم توکلی", id="fa-arabic-yeh-kaf"),
    ],
)
def test_names_holder(page: str, names: list[str], expected: str | None) -> None:
    assert names_holder(page, names) == expected


def _config(section: str, **changes: Any) -> dict[str, Any]:
    data = load_config("site")
    data[section] = {**data[section], **changes}
    return data


@pytest.mark.parametrize(
    ("data", "bad_key"),
    [
        pytest.param(_config("contact", primary=[]), "contact.primary", id="primary-empty"),
        pytest.param(_config("contact", secondary=["--"]), "contact.secondary", id="no-letters"),
        pytest.param(_config("contact", max_links_per_page=0), "contact.max_links_per_page", id="cap-zero"),
        pytest.param(_config("contact", prefix_min_length="4"), "contact.prefix_min_length", id="prefix-str"),
        pytest.param(
            _config("contact", max_fallback_links=-1), "contact.max_fallback_links", id="fallback-neg"
        ),
        pytest.param(_config("crawl", max_pages=True), "crawl.max_pages", id="pages-bool"),
        pytest.param(_config("addresses", at_words=[]), "addresses.at_words", id="address-words"),
        pytest.param({}, "contact", id="sections-missing"),
    ],
)
def test_vocabulary_errors_name_the_key(data: dict[str, Any], bad_key: str) -> None:
    with pytest.raises(ConfigError, match=bad_key):
        SiteVocabulary.from_mapping(data)


@pytest.mark.parametrize(
    "href",
    [
        pytest.param("http://127.0.0.1:8080\\@www.fjordlight.no/kontakt", id="backslash-then-at"),
        pytest.param("http://www.fjordlight.no@127.0.0.1/kontakt", id="userinfo"),
        pytest.param("http://[fe80::1%25lo]/kontakt", id="zone-id"),
        pytest.param("gopher://www.fjordlight.no/kontakt", id="gopher"),
    ],
)
def test_tangled_contact_links_are_not_followed(tools: DomainTools, vocab: SiteVocabulary, href: str) -> None:
    assert contact_links(PAGE, [Link(href, "Kontakt")], tools, vocab) == ()
    assert fallback_links(PAGE, [Link(href, "x")], tools, vocab) == ()


class _CountingTools(DomainTools):
    """DomainTools that counts how many hosts were looked up (each costs an IDNA pass)."""

    lookups = 0

    def registrable_domain(self, value: str) -> str | None:
        self.lookups += 1
        return super().registrable_domain(value)


def test_links_examined_per_page_are_capped(tools: DomainTools, vocab: SiteVocabulary) -> None:
    counting = _CountingTools(tools.vocabulary)
    links = [Link(f"https://www.fjordlight.no/kontakt-{i}", "Kontakt") for i in range(5000)]
    found = contact_links(PAGE, links, counting, vocab)
    assert len(found) == vocab.max_links_per_page
    assert counting.lookups <= 2 * vocab.max_links_examined < 5000
