"""Assembling the facts: which site stands for the holder, and how the sender relates to it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.support.web_fixtures import domain_tools, load_config
from verification.assembly import assemble_facts, choose_official_site, sender_named_site
from verification.domains import DomainTools
from verification.facts import OfficialSite, SiteSource, TicketReading
from verification.lookalike import LookalikeSettings
from verification.model import Address, LicenseFinding, ParsedMessage, SiteEvidence, Statement


@pytest.fixture(scope="module")
def tools() -> DomainTools:
    return domain_tools()


@pytest.fixture(scope="module")
def lookalike_settings() -> LookalikeSettings:
    return LookalikeSettings.from_mapping(load_config("lookalike"))


def reading(sender: str, websites: tuple[str, ...] = (), reply_to: tuple[str, ...] = ()) -> TicketReading:
    message = ParsedMessage(
        ticket="2024051410012345",
        sender=Address(sender),
        reply_to=tuple(Address(a) for a in reply_to),
        date=None,
        subject="",
        message_id=None,
        segments=(),
        links=(),
        auth_results=(),
    )
    statement = Statement(
        signer="Jane Roe",
        represents=None,
        holder_names=("Jane Roe",),
        websites=websites,
        credits=(),
        self_made=False,
        depicts_signer=False,
        forwarded=False,
    )
    return TicketReading(message, ("File:A.jpg",), LicenseFinding("CC-BY-4.0", None), statement)


OFFICIAL_SITES = [
    pytest.param("jane@roe-photo.de", ("https://roe-photo.de/",), ("roe-photo.de", "named"), id="named-own"),
    pytest.param(
        "jane@travelblog.example.org",
        ("https://roe-photo.de/", "https://travelblog.example.org/2024/05/post"),
        ("roe-photo.de", "named"),
        id="best-named-wins-over-sender-domain",
    ),
    pytest.param(
        "jane@gmail.com",
        ("https://www.instagram.com/janeroe", "https://roe-photo.de/"),
        ("roe-photo.de", "named"),
        id="platform-skipped",
    ),
    pytest.param("jane@roe-photo.de", (), ("roe-photo.de", "sender_domain"), id="none-named-own-domain"),
    pytest.param("jane@mail.roe-photo.de", (), ("roe-photo.de", "sender_domain"), id="sender-subdomain"),
    pytest.param("jane.roe@gmail.com", (), None, id="freemail-none-named"),
    pytest.param("jane.roe@gmail.com", ("https://gmail.com",), None, id="freemail-named-is-no-site"),
]


@pytest.mark.parametrize(("sender", "websites", "expected"), OFFICIAL_SITES)
def test_official_site(
    tools: DomainTools, sender: str, websites: tuple[str, ...], expected: tuple[str, str] | None
) -> None:
    site = choose_official_site(reading(sender, websites), tools)
    got = (site.domain, site.source.value) if site else None
    assert got == expected


LOOKALIKES = [
    pytest.param("info@acme-photo.com", ("https://acmephoto.com/",), (), ["edit_distance"], id="hyphen"),
    pytest.param(
        "press@acmephoto.com.secure-mailer.net", ("https://acmephoto.com/",), (), ["embedded"], id="embedded"
    ),
    pytest.param("info@acmephoto.com", ("https://acmephoto.com/",), (), [], id="same-domain"),
    pytest.param(
        "info@acmephoto.net",
        ("https://acmephoto.com/",),
        (),
        ["other_suffix"],
        id="other-suffix",
    ),
    pytest.param(
        "jane@gmail.com",
        ("https://roe-photo.de/",),
        ("jane@roe-fhoto.de",),
        [],
        id="freemail-sender-never-lookalike",
    ),
    pytest.param(
        "info@roe-fhoto.de",
        ("https://roe-photo.de/",),
        ("info@roe-photo.de",),
        ["edit_distance"],
        id="against-site-and-its-addresses-once",
    ),
]


@pytest.mark.parametrize(("sender", "websites", "listed", "kinds"), LOOKALIKES)
def test_lookalikes(
    tools: DomainTools,
    lookalike_settings: LookalikeSettings,
    sender: str,
    websites: tuple[str, ...],
    listed: tuple[str, ...],
    kinds: list[str],
) -> None:
    ticket = reading(sender, websites)
    official = choose_official_site(ticket, tools)
    site = SiteEvidence(start_url=websites[0], domain="", reachable=True, addresses=listed)
    facts = assemble_facts(ticket, official, site, None, tools, lookalike_settings)
    assert [m.how for m in facts.lookalikes] == kinds


SENDER_SITES = [
    pytest.param(
        "info@stiftung-x.org",
        ("https://www.kunsthalle-x.de/", "https://www.stiftung-x.org/"),
        "stiftung-x.org",
        id="second-named-site-at-sender-domain",
    ),
    pytest.param(
        "info@kunsthalle-x.de",
        ("https://www.kunsthalle-x.de/", "https://www.stiftung-x.org/"),
        None,
        id="sender-at-the-official-one",
    ),
    pytest.param("info@other.org", ("https://www.kunsthalle-x.de/",), None, id="sender-domain-not-named"),
    pytest.param(
        "x.y@gmail.com", ("https://www.kunsthalle-x.de/", "https://gmail.com/"), None, id="freemail"
    ),
]


@pytest.mark.parametrize(("sender", "websites", "domain"), SENDER_SITES)
def test_sender_named_site(
    tools: DomainTools, sender: str, websites: tuple[str, ...], domain: str | None
) -> None:
    ticket = reading(sender, websites)
    site = sender_named_site(ticket, choose_official_site(ticket, tools), tools)
    assert (site.domain if site else None) == domain


def test_sender_site_names_holder_only_from_its_home_page(
    tools: DomainTools, lookalike_settings: LookalikeSettings
) -> None:
    ticket = reading("info@stiftung-x.org", ("https://www.kunsthalle-x.de/", "https://www.stiftung-x.org/"))
    official = choose_official_site(ticket, tools)
    named = sender_named_site(ticket, official, tools)
    assert named is not None
    silent = SiteEvidence(named.url, named.domain, True, home_text="Stiftung X: exhibitions and events")
    naming = SiteEvidence(named.url, named.domain, True, home_text="Jane Roe, director of Stiftung X")
    for evidence, expected in ((silent, None), (naming, "Jane Roe")):
        facts = assemble_facts(ticket, official, None, None, tools, lookalike_settings, (named, evidence))
        assert facts.holder_named_on_sender_site == expected


@pytest.mark.parametrize(
    ("represents", "home_text", "expected"),
    [
        (None, "Roe Bau GmbH: construction supervision since 2004", None),
        (None, "Roe Bau GmbH, managing director Jane Roe", "Jane Roe"),
        ("Roe Bau GmbH", "Roe Bau GmbH: construction supervision since 2004", "Roe Bau GmbH"),
    ],
    ids=["employer-in-footer-only", "signer-named", "represented-firm-named"],
)
def test_own_domain_stands_for_the_holder_the_text_claims(
    tools: DomainTools,
    lookalike_settings: LookalikeSettings,
    represents: str | None,
    home_text: str,
    expected: str | None,
) -> None:
    """A mail naming no site, from the signer's employer's domain: the employer in the signature is no
    holder of photos the signer took for themselves; the firm they say they represent is."""
    ticket = reading("jane@roe-bau.de")
    holders = ("Jane Roe", "Roe Bau GmbH")
    ticket = TicketReading(
        ticket.message,
        ticket.files,
        ticket.license,
        replace(ticket.statement, represents=represents, holder_names=holders),
    )
    official = choose_official_site(ticket, tools)
    assert official is not None
    assert official.source is SiteSource.SENDER_DOMAIN
    site = SiteEvidence(official.url, official.domain, True, home_text=home_text)
    facts = assemble_facts(ticket, official, site, None, tools, lookalike_settings)
    assert facts.holder_named_on_site == expected


REPLY_TO = [
    pytest.param("jane@roe-photo.de", ("jane@roe-photo.de",), (), id="same-address"),
    pytest.param("jane@roe-photo.de", ("office@mail.roe-photo.de",), (), id="same-registrable-domain"),
    pytest.param("jane@roe-photo.de", ("jane.roe@gmail.com",), ("gmail.com",), id="freemail-reply-to"),
    pytest.param(
        "jane@roe-photo.de", ("a@x-agency.com", "b@x-agency.com"), ("x-agency.com",), id="deduplicated"
    ),
]


@pytest.mark.parametrize(("sender", "reply_to", "foreign"), REPLY_TO)
def test_reply_to_domains(
    tools: DomainTools,
    lookalike_settings: LookalikeSettings,
    sender: str,
    reply_to: tuple[str, ...],
    foreign: tuple[str, ...],
) -> None:
    ticket = reading(sender, ("https://roe-photo.de/",), reply_to)
    official = OfficialSite("https://roe-photo.de/", "roe-photo.de", SiteSource.NAMED)
    facts = assemble_facts(ticket, official, None, None, tools, lookalike_settings)
    assert facts.reply_to_foreign_domains == foreign


def test_listed_address_matches_across_idn_forms(
    tools: DomainTools, lookalike_settings: LookalikeSettings
) -> None:
    ticket = reading("jürgen@müller-foto.de", ("https://www.müller-foto.de/",))
    official = choose_official_site(ticket, tools)
    site = SiteEvidence(
        "https://www.müller-foto.de/",
        "xn--mller-foto-9db.de",
        True,
        addresses=("jürgen@xn--mller-foto-9db.de",),
    )
    facts = assemble_facts(ticket, official, site, None, tools, lookalike_settings)
    assert facts.sender_address_listed
