"""E-mail addresses on web pages: plain, mailto, obfuscated, Cloudflare-protected, and prose that is none."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.web_fixtures import load_config
from verification.addresses import AddressVocabulary, decode_cloudflare, extract_addresses, normalise_address
from verification.errors import ConfigError
from verification.html_text import html_to_text
from verification.model import Link


@pytest.fixture(scope="module")
def vocab() -> AddressVocabulary:
    return AddressVocabulary.from_mapping(load_config("site")["addresses"])


def _cloudflare_hex(address: str, key: int = 0x5A) -> str:
    return bytes([key, *(b ^ key for b in address.encode())]).hex()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Write to info@bluefjord.no today.", ("info@bluefjord.no",), id="plain-sentence-end"),
        pytest.param("E-Mail:Anna.Berg@Studio-Berg.DE", ("anna.berg@studio-berg.de",), id="lower-cased"),
        pytest.param("a@x.com, b@y.co.uk; a@x.com", ("a@x.com", "b@y.co.uk"), id="dedup-two-level"),
        pytest.param("first_last+tag@mail.acme.org", ("first_last+tag@mail.acme.org",), id="plus-underscore"),
        pytest.param("kontakt@müller-foto.de", ("kontakt@xn--mller-foto-9db.de",), id="idn-domain-a-label"),
        pytest.param("office＠studio.at", ("office@studio.at",), id="full-width-at"),
        pytest.param("in\u00adfo@acme.com", ("info@acme.com",), id="soft-hyphen-inside"),
        pytest.param("name (at) domain (dot) com", ("name@domain.com",), id="paren-at-dot"),
        pytest.param("name [at] domain [dot] co [dot] uk", ("name@domain.co.uk",), id="square-brackets"),
        pytest.param("name{at}domain.com", ("name@domain.com",), id="braces-no-spaces"),
        pytest.param("name (at) domain.com", ("name@domain.com",), id="paren-at-plain-dot"),
        pytest.param("name(AT)domain(DOT)com", ("name@domain.com",), id="paren-upper"),
        pytest.param("name <at> domain <dot> fr", ("name@domain.fr",), id="angle-brackets-as-text"),
        pytest.param("name(ät)domain.de", ("name@domain.de",), id="umlaut-at"),
        pytest.param("jan (malpa) foto (kropka) pl", ("jan@foto.pl",), id="polish-words"),
        pytest.param("ana [arroba] estudio [punto] es", ("ana@estudio.es",), id="spanish-words"),
        pytest.param("name AT domain DOT com", ("name@domain.com",), id="upper-case-words"),
        pytest.param("info AT acme DOT co DOT uk", ("info@acme.co.uk",), id="upper-case-two-dots"),
        pytest.param("name @ domain . com", ("name@domain.com",), id="spaced"),
        pytest.param("meet us at the park", (), id="prose-at"),
        pytest.param("We are at acme dot com", (), id="lower-case-prose-local-part"),
        pytest.param("VISIT US AT ACME.COM", (), id="upper-at-without-dot-word"),
        pytest.param("Follow @acme on social media", (), id="handle"),
        pytest.param("retina logo@2x.png and icon@3x.webp", (), id="image-names"),
        pytest.param("user@localhost", (), id="no-dot-in-domain"),
        pytest.param("name@domain.c", (), id="one-letter-top-level"),
        pytest.param("Price: 5@10.50 each", (), id="numbers"),
        pytest.param("mail me: jo@acme.com.", ("jo@acme.com",), id="trailing-dot"),
        pytest.param("(jo@acme.com)", ("jo@acme.com",), id="in-parentheses"),
    ],
)
def test_addresses_in_text(vocab: AddressVocabulary, text: str, expected: tuple[str, ...]) -> None:
    assert extract_addresses(text, (), vocab) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lower-case at-word and dot-words, no brackets, in the languages of the config
        pytest.param("name at gmail dot com", ("name@gmail.com",), id="en"),
        pytest.param("info at acme-photo dot co dot uk", ("info@acme-photo.co.uk",), id="en-two-dots-hyphen"),
        pytest.param("Write to name at gmail dot com.", ("name@gmail.com",), id="en-sentence-end"),
        pytest.param(
            "E-Mail: kontakt ät studio-berg punkt de", ("kontakt@studio-berg.de",), id="de-aet-punkt"
        ),
        pytest.param("contact arobase atelier point fr", ("contact@atelier.fr",), id="fr-arobase-point"),
        pytest.param("ana arroba estudio punto es", ("ana@estudio.es",), id="es-arroba-punto"),
        pytest.param("jan.kowalski malpa foto kropka pl", ("jan.kowalski@foto.pl",), id="pl-malpa-kropka"),
        pytest.param("contato arroba empresa ponto com ponto br", ("contato@empresa.com.br",), id="pt-ponto"),
        pytest.param("info chiocciola studio punto it", ("info@studio.it",), id="it-chiocciola"),
        # prose, and forms that are not a whole spelled-out address
        pytest.param("meet us at the park dot", (), id="prose-park-dot"),
        pytest.param("We are at home.", (), id="prose-at-home"),
        pytest.param("Find us at acme dot com", (), id="prose-find-us"),
        pytest.param("look at this dot com bubble", (), id="prose-dot-com-bubble"),
        pytest.param("name at gmail", (), id="no-dot-word"),
        pytest.param("name at gmail dot c", (), id="one-letter-top-level"),
        pytest.param("name at gmail dot com3", (), id="digit-in-top-level"),
        pytest.param("logo at retina dot png", (), id="file-type-top-level"),
        pytest.param("Name At Gmail Dot Com", (), id="title-case-words"),
        pytest.param("a point at issue", (), id="point-without-at-form"),
    ],
)
def test_spelled_out_lower_case(vocab: AddressVocabulary, text: str, expected: tuple[str, ...]) -> None:
    assert extract_addresses(text, (), vocab) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("mailto:info@acme.com", ("info@acme.com",), id="plain"),
        pytest.param("mailto:Info@Acme.com?subject=Hello%20there", ("info@acme.com",), id="subject-stripped"),
        pytest.param("mailto:info%40acme.com", ("info@acme.com",), id="percent-encoded-at"),
        pytest.param("MAILTO:a@x.org,b@y.org", ("a@x.org", "b@y.org"), id="two-recipients"),
        pytest.param("mailto:", (), id="empty"),
        pytest.param("https://acme.com/contact", (), id="not-mailto"),
    ],
)
def test_mailto_links(vocab: AddressVocabulary, url: str, expected: tuple[str, ...]) -> None:
    assert extract_addresses("", (Link(url, "write to us"),), vocab) == expected


def test_cloudflare_attribute_and_link(vocab: AddressVocabulary) -> None:
    protected = _cloudflare_hex("a@x.org")
    html = (
        f'<p><a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="{protected}">'
        "[email&#160;protected]</a></p>"
    )
    link = Link(f"https://x.org/cdn-cgi/l/email-protection#{_cloudflare_hex('b@x.org', 0x21)}", "mail")
    page = html_to_text(html, "https://x.org/")
    assert extract_addresses(page.text, (*page.links, link), vocab, html=html) == ("b@x.org", "a@x.org")


@pytest.mark.parametrize(
    ("hex_text", "expected"),
    [
        pytest.param(_cloudflare_hex("jo@acme.com"), "jo@acme.com", id="round-trip"),
        pytest.param("zz", None, id="not-hex"),
        pytest.param("5a", None, id="key-only"),
    ],
)
def test_decode_cloudflare(hex_text: str, expected: str | None) -> None:
    assert decode_cloudflare(hex_text) == expected


def test_page_through_html_to_text(vocab: AddressVocabulary) -> None:
    html = (
        "<html><body><p>Bookings: <b>anna</b>&#64;studio-berg.de</p>"
        "<p>Press: presse&nbsp;(at)&nbsp;studio-berg&nbsp;(dot)&nbsp;de</p>"
        "<a href='mailto:office@studio-berg.de?subject=Hi'>Write to us</a></body></html>"
    )
    page = html_to_text(html, "https://studio-berg.de/")
    assert set(extract_addresses(page.text, page.links, vocab, html=html)) == {
        "anna@studio-berg.de",
        "presse@studio-berg.de",
        "office@studio-berg.de",
    }


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        pytest.param("Info@Müller.DE", "info@xn--mller-kva.de", id="idn"),
        pytest.param("<jo@acme.com>", "jo@acme.com", id="angle"),
        pytest.param("no-at-sign", None, id="no-at"),
        pytest.param("@acme.com", None, id="no-local"),
        pytest.param("jo@localhost", None, id="single-label"),
    ],
)
def test_normalise_address(address: str, expected: str | None) -> None:
    assert normalise_address(address) == expected


@pytest.mark.parametrize(
    ("change", "bad_key"),
    [
        pytest.param({"at_words": []}, "at_words", id="at-empty"),
        pytest.param({"dot_words": "dot"}, "dot_words", id="dot-not-list"),
        pytest.param({"not_top_level": [1]}, "not_top_level", id="not-strings"),
        pytest.param({"not_local_parts": "us"}, "not_local_parts", id="local-parts-not-list"),
    ],
)
def test_vocabulary_errors_name_the_key(change: dict[str, Any], bad_key: str) -> None:
    data = {**load_config("site")["addresses"], **change}
    with pytest.raises(ConfigError, match=bad_key):
        AddressVocabulary.from_mapping(data)
