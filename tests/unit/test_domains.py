"""Host normalisation, registrable domains, free-mail and platform lists, read from the real config."""

from __future__ import annotations

import pytest

from tests.support.web_fixtures import domain_tools
from verification.domains import DomainTools, DomainVocabulary, normalise_host, parse_domain_list, parse_ip
from verification.errors import ConfigError


@pytest.fixture(scope="module")
def tools() -> DomainTools:
    return domain_tools()


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        pytest.param("Example.COM", "example.com", id="lower-case"),
        pytest.param("www.example.com.", "www.example.com", id="trailing-dot"),
        pytest.param("example.com:8443", "example.com", id="port"),
        pytest.param("  example.com  ", "example.com", id="spaces"),
        pytest.param("Müller.de", "xn--mller-kva.de", id="idn-to-a-label"),
        pytest.param("xn--mller-kva.de", "xn--mller-kva.de", id="a-label-kept"),
        pytest.param("MÜLLER.DE", "xn--mller-kva.de", id="uts46-case-fold"),
        pytest.param("straße.de", "xn--strae-oqa.de", id="uts46-nontransitional-eszett"),
        pytest.param("foo。bar.com", "foo.bar.com", id="ideographic-full-stop"),
        pytest.param("[2001:DB8::1]:80", "2001:db8::1", id="bracketed-ipv6-port"),
        pytest.param("2001:db8::1", "2001:db8::1", id="bare-ipv6"),
        pytest.param("127.0.0.1:8080", "127.0.0.1", id="ipv4-port"),
        pytest.param("2130706433", "127.0.0.1", id="ipv4-as-integer"),
        pytest.param("0x7f.1", "127.0.0.1", id="ipv4-hex-short"),
        pytest.param("_dmarc.example.com", "_dmarc.example.com", id="underscore-label"),
        pytest.param("", None, id="empty"),
        pytest.param("a..b", None, id="empty-label"),
        pytest.param("[::1", None, id="unclosed-bracket"),
        pytest.param("exa mple.com", None, id="space-inside"),
    ],
)
def test_normalise_host(host: str, expected: str | None) -> None:
    assert normalise_host(host) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            "https://www.acme-photo.co.uk/contact?x=1#top", "acme-photo.co.uk", id="url-two-level-suffix"
        ),
        pytest.param("Info@Mail.Acme-Photo.co.uk", "acme-photo.co.uk", id="address"),
        pytest.param("<info@acme.com>", "acme.com", id="angle-address"),
        pytest.param("mailto:info@acme.com", "acme.com", id="mailto"),
        pytest.param("www.acme.com/about", "acme.com", id="bare-host-with-path"),
        pytest.param("acme.com", "acme.com", id="bare-registrable"),
        pytest.param("http://user:pw@shop.acme.com:8080/", "acme.com", id="userinfo-port"),
        pytest.param("alice.github.io", "alice.github.io", id="private-suffix"),
        pytest.param("https://bob.github.io/x", "bob.github.io", id="private-suffix-url"),
        pytest.param("www.müller.de", "xn--mller-kva.de", id="idn"),
        pytest.param("www.пример.рф", "xn--e1afmkfd.xn--p1ai", id="idn-tld"),
        pytest.param("shop.example.invalid", "example.invalid", id="unknown-suffix-default-rule"),
        pytest.param("co.uk", None, id="bare-suffix"),
        pytest.param("localhost", None, id="single-label"),
        pytest.param("http://192.0.2.7/", None, id="ip"),
        pytest.param("", None, id="empty"),
    ],
)
def test_registrable_domain(tools: DomainTools, value: str, expected: str | None) -> None:
    assert tools.registrable_domain(value) == expected


def test_parts_split_label_and_suffix(tools: DomainTools) -> None:
    found = tools.parts("https://www.acmeharbour-photo.co.uk/")
    assert found is not None
    assert (found.label, found.suffix) == ("acmeharbour-photo", "co.uk")
    idn = tools.parts("müller.de")
    assert idn is not None
    assert (idn.label, idn.unicode_label, idn.unicode_registrable) == ("xn--mller-kva", "müller", "müller.de")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("someone@gmail.com", True, id="gmail"),
        pytest.param("someone@GoogleMail.com", True, id="googlemail-case"),
        pytest.param("x@yahoo.co.uk", True, id="wildcard-two-level-suffix"),
        pytest.param("x@yahoo.fr", True, id="wildcard-other-suffix"),
        pytest.param("x@hotmail.de", True, id="hotmail-wildcard"),
        pytest.param("x@gmx.ch", True, id="gmx-ch"),
        pytest.param("x@web.de", True, id="web-de"),
        pytest.param("x@wp.pl", True, id="wp-pl"),
        pytest.param("x@mail.ru", True, id="mail-ru"),
        pytest.param("x@163.com", True, id="digits"),
        pytest.param("x@mail.telepac.pt", True, id="host-level-entry"),
        pytest.param("x@smtp.mailbox.org", True, id="subdomain-of-listed"),
        pytest.param("info@acme-photo.co.uk", False, id="own-domain"),
        pytest.param("x@gmail.com.evil.net", False, id="listed-name-as-subdomain"),
        pytest.param("x@webde.com", False, id="similar-name"),
        pytest.param("x@orange-studio.fr", False, id="provider-name-inside-label"),
        pytest.param("not an address", False, id="garbage"),
    ],
)
def test_is_freemail(tools: DomainTools, value: str, expected: bool) -> None:
    assert tools.is_freemail(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("https://www.facebook.com/acme", True, id="facebook"),
        pytest.param("https://m.facebook.com/acme", True, id="subdomain"),
        pytest.param("https://de.wikipedia.org/wiki/X", True, id="wikipedia"),
        pytest.param("https://commons.wikimedia.org/wiki/File:X.jpg", True, id="commons"),
        pytest.param("https://creativecommons.org/licenses/by-sa/4.0/", True, id="license-link"),
        pytest.param("https://www.google.de/maps", True, id="google-wildcard"),
        pytest.param("https://www.flickr.com/photos/x", True, id="flickr"),
        pytest.param("https://x.com/acme", True, id="x"),
        pytest.param("https://acme.com", False, id="own-site"),
        pytest.param("https://acme.github.io", False, id="private-suffix-is-own"),
        pytest.param("https://facebook-fans.net", False, id="name-inside-label"),
    ],
)
def test_is_platform(tools: DomainTools, value: str, expected: bool) -> None:
    assert tools.is_platform(value) is expected


def test_parse_domain_list_drops_comments_and_blanks() -> None:
    lines = ["# header", "", "gmail.com", "  web.de  # trailing comment", "yahoo.*"]
    assert parse_domain_list(lines) == ("gmail.com", "web.de", "yahoo.*")


def test_freemail_list_is_substantial_and_valid() -> None:
    vocab = domain_tools().vocabulary
    assert len(vocab.freemail.domains) + len(vocab.freemail.names) >= 300
    assert {"yahoo", "hotmail", "live", "yandex"} <= vocab.freemail.names


@pytest.mark.parametrize(
    ("data", "freemail", "bad_key"),
    [
        pytest.param({}, ["gmail.com"], "platform", id="platform-missing"),
        pytest.param({"platform": "x.com"}, ["gmail.com"], "platform", id="platform-not-list"),
        pytest.param({"platform": ["x.com", 3]}, ["gmail.com"], "platform", id="platform-not-string"),
        pytest.param({"platform": ["x.com"]}, [], "freemail", id="freemail-empty"),
        pytest.param({"platform": ["x.com"]}, ["nodot"], "freemail", id="freemail-no-dot"),
        pytest.param({"platform": ["x.com"]}, ["a.b.*"], "freemail", id="wildcard-multi-label"),
        pytest.param(
            {"platform": ["x.com"], "freemail_extra": "a.com"}, ["gmail.com"], "freemail_extra", id="extra"
        ),
    ],
)
def test_vocabulary_config_errors_name_the_key(
    data: dict[str, object], freemail: list[str], bad_key: str
) -> None:
    with pytest.raises(ConfigError, match=bad_key):
        DomainVocabulary.from_mapping(data, freemail)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        pytest.param("10.1.2.3", "10.1.2.3", id="dotted"),
        pytest.param("017700000001", "127.0.0.1", id="octal-integer"),
        pytest.param("1a.de", None, id="hexish-name"),
        pytest.param("example.com", None, id="name"),
    ],
)
def test_parse_ip(host: str, expected: str | None) -> None:
    ip = parse_ip(host)
    assert (None if ip is None else str(ip)) == expected
