"""The review page's plain words for WHOIS evidence."""

from __future__ import annotations

from typing import Any

import pytest

from bot.review.wording import describe_whois


@pytest.mark.parametrize(
    ("whois", "line"),
    [
        (None, "not looked up"),
        ({}, "not looked up"),
        ({"domain": "example.org", "known": False, "error": None}, "example.org: no answer"),
        (
            {"domain": "example.org", "known": False, "error": "timed_out"},
            "example.org: no answer (timed out)",
        ),
        (
            {"domain": "example.org", "known": True, "created": "2003-05-01"},
            "example.org: registered 2003-05-01",
        ),
        (
            {"domain": "example.org", "known": True, "created": None},
            "example.org: registered on an unknown date",
        ),
        (
            {"domain": "example.org", "known": True, "created": "2003-05-01", "registrant": "Example AB"},
            "example.org: registered 2003-05-01, by Example AB",
        ),
    ],
)
def test_whois_evidence_reads_as_a_sentence_not_as_fields(whois: dict[str, Any] | None, line: str) -> None:
    assert describe_whois(whois) == line
