"""Provisional suggestions: an ask that only stands because a website could not be read says so."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.test_policy import GMAIL, SENDER_SITE, facts
from verification.facts import OfficialSite, SiteSource
from verification.model import LicenseFinding, LicenseProblem, Provisional, SiteEvidence, Verdict
from verification.policy import PolicySettings, decide

DOWN = SiteEvidence("https://example-photo.org/", "example-photo.org", reachable=False, errors=("timeout",))
OTHER_SITE = OfficialSite("https://studio-two.org/", "studio-two.org", SiteSource.NAMED)
OTHER_SITE_DOWN = SiteEvidence("https://studio-two.org/", "studio-two.org", reachable=False)
OTHER_SITE_UP = SiteEvidence("https://studio-two.org/", "studio-two.org", reachable=True)

CASES: list[tuple[str, dict[str, Any], Verdict, Provisional | None]] = [
    ("site read, confirm", {}, Verdict.CONFIRM, None),
    # the sender writes from the domain of the site the message names: rule 6 needs no page of it
    ("holder's site down, sender at its domain", {"site": DOWN}, Verdict.CONFIRM, None),
    ("site never fetched, sender at its domain", {"site": None}, Verdict.CONFIRM, None),
    (
        "free mail, site down",
        {**GMAIL, "site": DOWN},
        Verdict.ASK_OFFICIAL_ADDRESS,
        Provisional.SITE_UNREACHABLE,
    ),
    ("free mail, site read, not listed", GMAIL, Verdict.ASK_OFFICIAL_ADDRESS, None),
    ("no website at all", {"official": None, "site": None}, Verdict.ASK_OFFICIAL_ADDRESS, None),
    (
        "sender's own domain as the site, down",
        {"official": SENDER_SITE, "site": DOWN},
        Verdict.ASK_OFFICIAL_ADDRESS,
        Provisional.SITE_UNREACHABLE,
    ),
    (
        "forwarded release, site down: asks whatever the site says",
        {"statement_forwarded": True, "site": DOWN},
        Verdict.ASK_OFFICIAL_ADDRESS,
        None,
    ),
    (
        "site down but no license: the license question stands",
        {"site": DOWN, "license": LicenseFinding(None, LicenseProblem.NONE_FOUND)},
        Verdict.ASK_LICENSE,
        None,
    ),
    (
        "site down but forged: suspicious stands",
        {"site": DOWN, "auth_failures": ("dmarc_fail",)},
        Verdict.SUSPICIOUS,
        None,
    ),
    (
        "sender's named site down, domain differs",
        {
            "sender": "jane@studio-two.org",
            "sender_domain": "studio-two.org",
            "sender_site": OTHER_SITE,
            "sender_site_evidence": OTHER_SITE_DOWN,
        },
        Verdict.ASK_OFFICIAL_ADDRESS,
        Provisional.SITE_UNREACHABLE,
    ),
    (
        "sender's named site read, does not name the holder",
        {
            "sender": "jane@studio-two.org",
            "sender_domain": "studio-two.org",
            "sender_site": OTHER_SITE,
            "sender_site_evidence": OTHER_SITE_UP,
        },
        Verdict.ASK_OFFICIAL_ADDRESS,
        None,
    ),
]


@pytest.mark.parametrize(
    ("changes", "verdict", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_provisional_only_when_a_website_could_change_the_verdict(
    changes: dict[str, Any], verdict: Verdict, expected: Provisional | None
) -> None:
    suggestion = decide(facts(**changes), PolicySettings())
    assert suggestion.verdict is verdict
    assert suggestion.provisional is expected
