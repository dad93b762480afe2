"""Look-alike domains: each way of imitating a domain, and the near misses that must not count."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.web_fixtures import domain_tools, load_config
from verification.domains import DomainTools
from verification.errors import ConfigError
from verification.lookalike import LookalikeSettings, find_lookalike, skeleton


@pytest.fixture(scope="module")
def tools() -> DomainTools:
    return domain_tools()


@pytest.fixture(scope="module")
def settings() -> LookalikeSettings:
    return LookalikeSettings.from_mapping(load_config("lookalike"))


@pytest.mark.parametrize(
    ("sender", "official", "how"),
    [
        # one inserted hyphen / letter, long labels
        pytest.param("bluefjord-studio.com", "bluefjordstudio.com", "edit_distance", id="hyphen-inserted"),
        pytest.param(
            "lindqvistfotos.se", "https://www.lindqvistfoto.se/", "edit_distance", id="letter-added"
        ),
        pytest.param("kessler.de", "kesslers.de", "edit_distance", id="one-edit-at-minimum-length"),
        pytest.param("galerynorht.com", "gallerynorth.com", "edit_distance", id="delete-and-swap"),
        pytest.param("fotostadia.de", "fotostudio.de", "edit_distance", id="two-edits-at-minimum-length"),
        pytest.param(
            "bluefjordstudio.net", "bluefjord-studio.com", "edit_distance", id="edit-and-other-suffix"
        ),
        # confusable characters
        pytest.param("acme-harb0ur.co.uk", "acme-harbour.co.uk", "confusable", id="zero-for-o"),
        pytest.param("c1ty-orchestra.org", "city-orchestra.org", "confusable", id="one-for-i"),
        pytest.param("rnoonlight-press.org", "moonlight-press.org", "confusable", id="rn-for-m"),
        pytest.param("vvestside-arts.org", "westside-arts.org", "confusable", id="vv-for-w"),
        pytest.param("cl0g.io", "dog.io", "confusable", id="short-but-confusable"),
        pytest.param(
            "acme-harb0ur.com", "acme-harbour.co.uk", "confusable", id="confusable-and-other-suffix"
        ),
        # IDN homographs, in either form
        pytest.param("аcmephoto.com", "acmephoto.com", "punycode", id="cyrillic-a-unicode"),
        pytest.param("xn--cmephoto-06g.com", "acmephoto.com", "punycode", id="cyrillic-a-punycode"),
        pytest.param("οpera-nord.fr", "opera-nord.fr", "punycode", id="greek-omicron"),
        pytest.param("mullerfotó.de", "mullerfoto.de", "punycode", id="accent-added"),
        # same label, another public suffix
        pytest.param("acmephoto.de", "acmephoto.com", "other_suffix", id="de-for-com"),
        pytest.param(
            "Mail.AcmePhoto.co.uk", "https://www.acmephoto.com/", "other_suffix", id="case-subdomain"
        ),
        pytest.param("foo.gitlab.io", "foo.github.io", "other_suffix", id="private-suffix"),
        # the official domain worn as sub-domain labels
        pytest.param("acmephoto.com.verify-mail.net", "acmephoto.com", "embedded", id="embedded"),
        pytest.param("smyth.com", "smith.com", "edit_distance", id="five-letters-one-edit"),
        pytest.param("borg.se", "berg.se", "edit_distance", id="four-letters-one-edit"),
        pytest.param("orbt.io", "orbit.io", "edit_distance", id="letter-dropped-from-short-label"),
        pytest.param("studio-bb.com", "studio-a.com", "edit_distance", id="two-edits-six-letters"),
    ],
)
def test_lookalikes(
    tools: DomainTools, settings: LookalikeSettings, sender: str, official: str, how: str
) -> None:
    found = find_lookalike(sender, official, tools, settings)
    assert found is not None
    assert found.how == how
    assert found.official_domain == tools.registrable_domain(official)
    assert found.sender_domain == tools.registrable_domain(sender)


@pytest.mark.parametrize(
    ("sender", "official"),
    [
        pytest.param("acmephoto.com", "acmephoto.com", id="identical"),
        pytest.param(
            "mail.acmephoto.com", "https://www.acmephoto.com/contact", id="subdomain-is-same-domain"
        ),
        pytest.param("xn--mller-kva.de", "müller.de", id="idn-forms-of-one-domain"),
        pytest.param("abc.com", "xyz.com", id="short-unrelated"),
        pytest.param("abc.com", "abd.com", id="short-one-edit"),
        pytest.param("photo.de", "foto.de", id="short-two-edits"),
        pytest.param("ab.com", "ac.com", id="two-letters-one-edit"),
        pytest.param("kunst.de", "kant.de", id="two-edits-under-six-letters"),
        pytest.param("northwindgallery.com", "southbaystudio.com", id="long-unrelated"),
        pytest.param("bluefjordstudio.com", "bluefjord-photography.com", id="shared-prefix-only"),
        pytest.param("gmail.com", "gmai1.com", id="freemail-sender"),
        pytest.param("yahoo.de", "yahoo.com", id="freemail-other-suffix"),
        pytest.param("acmephoto.com", "acmephoto.com.verify-mail.net", id="embedding-reversed"),
        pytest.param("", "acmephoto.com", id="no-sender"),
        pytest.param("acmephoto.com", "localhost", id="no-official-domain"),
        pytest.param("192.0.2.1", "acmephoto.com", id="ip-sender"),
    ],
)
def test_not_lookalikes(tools: DomainTools, settings: LookalikeSettings, sender: str, official: str) -> None:
    assert find_lookalike(sender, official, tools, settings) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("paypal", "pаypal", id="cyrillic-a"),
        pytest.param("modern", "modem", id="rn-m"),
        pytest.param("apple", "аррӏе", id="all-cyrillic"),
        pytest.param("Cafe", "café", id="case-and-accent"),
        pytest.param("google", "g00gle", id="zeros"),
    ],
)
def test_skeleton_equal(settings: LookalikeSettings, a: str, b: str) -> None:
    assert skeleton(a, settings) == skeleton(b, settings)


def _config(**changes: Any) -> dict[str, Any]:
    data = load_config("lookalike")
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("data", "bad_key"),
    [
        pytest.param(_config(max_edit_distance="2"), "max_edit_distance", id="distance-not-int"),
        pytest.param(_config(max_edit_distance=3), "min_label_length", id="no-length-for-3-edits"),
        pytest.param(_config(min_label_length={"one": 5}), "min_label_length", id="length-key-not-number"),
        pytest.param(_config(confusables={"ab": "c"}), "confusables", id="confusable-key-two-chars"),
        pytest.param(_config(confusables={}), "confusables", id="confusables-empty"),
        pytest.param(
            _config(confusable_sequences={"r": "m"}), "confusable_sequences", id="sequence-one-char"
        ),
    ],
)
def test_settings_errors_name_the_key(data: dict[str, Any], bad_key: str) -> None:
    with pytest.raises(ConfigError, match=bad_key):
        LookalikeSettings.from_mapping(data)
