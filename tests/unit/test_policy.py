"""The verdict policy, case by case: facts in, verdict and reason codes out."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from verification.facts import CaseFacts, OfficialSite, SiteSource, TicketReading
from verification.model import (
    Address,
    Credit,
    LicenseFinding,
    LicenseProblem,
    Lookalike,
    ParsedMessage,
    SiteEvidence,
    Statement,
    Verdict,
)
from verification.policy import PolicySettings, decide

SETTINGS = PolicySettings()


def facts(**changes: Any) -> CaseFacts:
    """A clean confirmable case (sender at the named official domain), with `changes` applied.

    Keys prefixed `statement_`, `license` and `files` change the reading; the rest change CaseFacts.
    """
    statement = Statement(
        signer="Jane Roe",
        represents=None,
        holder_names=("Jane Roe",),
        websites=("https://example-photo.org/",),
        credits=(),
        self_made=False,
        depicts_signer=False,
        forwarded=False,
    )
    statement = replace(
        statement,
        **{k.removeprefix("statement_"): changes.pop(k) for k in list(changes) if k.startswith("statement_")},
    )
    sender_addr = changes.pop("sender", "jane@example-photo.org")
    message = ParsedMessage(
        ticket="2024051410012345",
        sender=Address(sender_addr, "Jane Roe"),
        reply_to=(),
        date=None,
        subject="",
        message_id=None,
        segments=(),
        links=(),
        auth_results=(),
    )
    reading = TicketReading(
        message=message,
        files=changes.pop("files", ("File:Harbour.jpg",)),
        license=changes.pop("license", LicenseFinding("CC-BY-SA-4.0", None)),
        statement=statement,
    )
    base = CaseFacts(
        reading=reading,
        sender_domain=sender_addr.rpartition("@")[2],
        sender_is_freemail=False,
        reply_to_foreign_domains=(),
        auth_failures=(),
        official=OfficialSite("https://example-photo.org/", "example-photo.org", SiteSource.NAMED),
        site=SiteEvidence(
            start_url="https://example-photo.org/",
            domain="example-photo.org",
            reachable=True,
            addresses=("info@example-photo.org",),
            home_text="Example Photo",
        ),
        holder_named_on_site=None,
        lookalikes=(),
        whois=None,
    )
    return replace(base, **changes)


GMAIL = {"sender": "jane.roe@gmail.com", "sender_domain": "gmail.com", "sender_is_freemail": True}
LISTED_SITE = SiteEvidence(
    start_url="https://example-photo.org/",
    domain="example-photo.org",
    reachable=True,
    addresses=("jane.roe@gmail.com",),
)
LOOKALIKE = Lookalike("examp1e-photo.org", "example-photo.org", "confusable")
OTHER_CREDIT = Credit(phrase="photo by John Smith", name="John Smith", by_signer=False)
OWN_CREDIT = Credit(phrase="photo by Jane Roe", name="Jane Roe", by_signer=True)
SENDER_SITE = OfficialSite("https://example-photo.org/", "example-photo.org", SiteSource.SENDER_DOMAIN)

CASES: list[tuple[str, dict[str, Any], Verdict, set[str]]] = [
    ("domain match", {}, Verdict.CONFIRM, {"sender_domain_matches_site"}),
    (
        "dmarc fail",
        {"auth_failures": ("dmarc_fail",)},
        Verdict.SUSPICIOUS,
        {"dmarc_fail", "sender_domain_matches_site"},
    ),
    (
        "lookalike",
        {"lookalikes": (LOOKALIKE,)},
        Verdict.SUSPICIOUS,
        {"lookalike_confusable", "sender_domain_matches_site"},
    ),
    (
        "reply-to elsewhere",
        {"reply_to_foreign_domains": ("gmail.com",)},
        Verdict.SUSPICIOUS,
        {"reply_to_other_domain", "sender_domain_matches_site"},
    ),
    ("no files", {"files": ()}, Verdict.ASK_FILES, {"no_files", "sender_domain_matches_site"}),
    (
        "no files beats no license",
        {"files": (), "license": LicenseFinding(None, LicenseProblem.NONE_FOUND)},
        Verdict.ASK_FILES,
        {"no_files", "license_missing", "sender_domain_matches_site"},
    ),
    (
        "forgery beats no files",
        {"files": (), "auth_failures": ("spf_fail_no_dkim",)},
        Verdict.SUSPICIOUS,
        {"spf_fail_no_dkim", "no_files", "sender_domain_matches_site"},
    ),
    (
        "non-commercial",
        {"license": LicenseFinding(None, LicenseProblem.NON_COMMERCIAL)},
        Verdict.ASK_LICENSE,
        {"license_non_commercial", "sender_domain_matches_site"},
    ),
    (
        "no version",
        {"license": LicenseFinding(None, LicenseProblem.NO_VERSION)},
        Verdict.ASK_LICENSE,
        {"license_no_version", "sender_domain_matches_site"},
    ),
    (
        "credit to other",
        {"statement_credits": (OTHER_CREDIT,)},
        Verdict.ASK_AUTHORSHIP,
        {"credit_to_other", "sender_domain_matches_site"},
    ),
    (
        "own credit is fine",
        {"statement_credits": (OWN_CREDIT,)},
        Verdict.CONFIRM,
        {"sender_domain_matches_site"},
    ),
    (
        "portrait of signer",
        {"statement_depicts_signer": True},
        Verdict.ASK_AUTHORSHIP,
        {"depicts_signer", "sender_domain_matches_site"},
    ),
    (
        "selfie of signer",
        {"statement_depicts_signer": True, "statement_self_made": True},
        Verdict.CONFIRM,
        {"sender_domain_matches_site"},
    ),
    (
        "authorship beats address",
        {"statement_depicts_signer": True, **GMAIL},
        Verdict.ASK_AUTHORSHIP,
        {"depicts_signer", "freemail_not_listed"},
    ),
    ("freemail not listed", GMAIL, Verdict.ASK_OFFICIAL_ADDRESS, {"freemail_not_listed"}),
    ("freemail listed", {**GMAIL, "site": LISTED_SITE}, Verdict.CONFIRM, {"sender_address_listed"}),
    (
        "freemail, no site named",
        {**GMAIL, "official": None, "site": None},
        Verdict.ASK_OFFICIAL_ADDRESS,
        {"freemail_no_site"},
    ),
    (
        "other company domain, not listed",
        {"sender": "jane@agency.example", "sender_domain": "agency.example"},
        Verdict.ASK_OFFICIAL_ADDRESS,
        {"sender_domain_differs"},
    ),
    (
        "forwarded even from the domain",
        {"statement_forwarded": True},
        Verdict.ASK_OFFICIAL_ADDRESS,
        {"statement_forwarded", "sender_domain_matches_site"},
    ),
    (
        "site unreachable, free-mail sender",
        {"site": SiteEvidence("https://example-photo.org/", "example-photo.org", reachable=False), **GMAIL},
        Verdict.ASK_OFFICIAL_ADDRESS,
        {"site_unreachable"},
    ),
    (
        "site unreachable, sender at its domain",
        {"site": SiteEvidence("https://example-photo.org/", "example-photo.org", reachable=False)},
        Verdict.CONFIRM,
        {"sender_domain_matches_site"},
    ),
    (
        "own domain names holder",
        {"official": SENDER_SITE, "holder_named_on_site": "Jane Roe"},
        Verdict.CONFIRM,
        {"sender_domain_matches_site"},
    ),
    (
        "sender's own named site names holder",
        {
            "sender": "jane@roe-foundation.org",
            "sender_domain": "roe-foundation.org",
            "sender_site": OfficialSite(
                "https://roe-foundation.org/", "roe-foundation.org", SiteSource.NAMED
            ),
            "holder_named_on_sender_site": "Jane Roe",
        },
        Verdict.CONFIRM,
        {"sender_domain_named_site_names_holder"},
    ),
    (
        "sender's own named site silent on holder",
        {
            "sender": "sam@travel-blog.net",
            "sender_domain": "travel-blog.net",
            "sender_site": OfficialSite(
                "https://travel-blog.net/2024/x", "travel-blog.net", SiteSource.NAMED
            ),
            "holder_named_on_sender_site": None,
        },
        Verdict.ASK_OFFICIAL_ADDRESS,
        {"sender_domain_differs"},
    ),
    (
        "own domain silent on holder",
        {"official": SENDER_SITE, "holder_named_on_site": None},
        Verdict.ASK_OFFICIAL_ADDRESS,
        {"site_does_not_name_holder"},
    ),
]


@pytest.mark.parametrize(("changes", "verdict", "codes"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_verdict_and_reasons(changes: dict[str, Any], verdict: Verdict, codes: set[str]) -> None:
    suggestion = decide(facts(**changes), SETTINGS)
    assert suggestion.verdict is verdict
    assert {r.code for r in suggestion.reasons} == codes


def test_reasons_are_listed_in_policy_order() -> None:
    suggestion = decide(facts(files=(), auth_failures=("dmarc_fail",), **GMAIL), SETTINGS)
    ranks = [r.verdict.rank for r in suggestion.reasons]
    assert ranks == sorted(ranks)
    assert suggestion.reasons[0].verdict is Verdict.SUSPICIOUS


def test_reply_to_rule_can_be_switched_off() -> None:
    settings = PolicySettings(reply_to_other_domain_is_suspicious=False)
    suggestion = decide(facts(reply_to_foreign_domains=("gmail.com",)), settings)
    assert suggestion.verdict is Verdict.CONFIRM


def test_reachable_site_may_be_required_by_config() -> None:
    settings = PolicySettings(require_reachable_site=True)
    unreachable = SiteEvidence("https://example-photo.org/", "example-photo.org", reachable=False)
    assert decide(facts(site=unreachable), settings).verdict is Verdict.ASK_OFFICIAL_ADDRESS
    assert decide(facts(site=unreachable), SETTINGS).verdict is Verdict.CONFIRM


@pytest.mark.parametrize("problem", list(LicenseProblem))
def test_every_license_problem_has_an_agent_message(problem: LicenseProblem) -> None:
    """A problem the reader can report must never crash the batch for want of a message."""
    suggestion = decide(facts(license=LicenseFinding(None, problem)), SETTINGS)
    assert suggestion.verdict is Verdict.ASK_LICENSE
    [reason] = [r for r in suggestion.reasons if r.verdict is Verdict.ASK_LICENSE]
    assert reason.code == problem.value
    assert reason.message


@pytest.mark.parametrize("defects", [("text_truncated",), ("charset_guessed", "text_truncated")])
def test_text_not_read_never_confirms(defects: tuple[str, ...]) -> None:
    """The unread part of a cut release may hold its restriction: an agent must read it."""
    base = facts()
    message = replace(base.reading.message, defects=defects)
    suggestion = decide(replace(base, reading=replace(base.reading, message=message)), SETTINGS)
    assert suggestion.verdict is Verdict.ASK_LICENSE
    assert {r.code for r in suggestion.reasons} == {"text_truncated", "sender_domain_matches_site"}


def test_a_release_in_a_language_no_list_reads_never_confirms() -> None:
    """ "Valid until 2027" in Armenian is not seen: an agent who reads the language must decide."""
    base = facts()
    suggestion = decide(replace(base, reading=replace(base.reading, unread_languages=("hy",))), SETTINGS)
    assert suggestion.verdict is Verdict.ASK_LICENSE
    [reason] = [r for r in suggestion.reasons if r.code == "language_unread"]
    assert "(hy)" in reason.message


def test_other_defects_do_not_change_the_verdict() -> None:
    base = facts()
    message = replace(base.reading.message, defects=("charset_guessed", "headers_truncated"))
    assert (
        decide(replace(base, reading=replace(base.reading, message=message)), SETTINGS).verdict
        is Verdict.CONFIRM
    )
