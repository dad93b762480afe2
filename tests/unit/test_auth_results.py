"""Authentication-Results parsing (RFC 8601, tolerant) and the From-domain assessment built on it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verification.auth_results import (
    AuthDefect,
    AuthFailure,
    domains_aligned,
    from_domain_authentication,
    is_trusted_authserv_id,
    parse_authentication_results,
)
from verification.model import AuthResult, AuthResultsHeader

TRUSTED = ("wikimedia.org", "*.wikimedia.org")


@pytest.mark.parametrize(
    ("value", "authserv_id", "results"),
    [
        pytest.param(
            "mx1001.wikimedia.org; spf=pass smtp.mailfrom=example.org",
            "mx1001.wikimedia.org",
            (AuthResult("spf", "pass", (("smtp.mailfrom", "example.org"),)),),
            id="one-method",
        ),
        pytest.param(
            "mx1001.wikimedia.org 1; dkim=pass header.d=example.org header.s=sel header.b=Ab+/c=;"
            " dmarc=pass (p=none) header.from=example.org",
            "mx1001.wikimedia.org",
            (
                AuthResult(
                    "dkim", "pass", (("header.d", "example.org"), ("header.s", "sel"), ("header.b", "Ab+/c="))
                ),
                AuthResult("dmarc", "pass", (("header.from", "example.org"),)),
            ),
            id="version-base64-comment",
        ),
        pytest.param(
            "mx1001.wikimedia.org;\r\n\tspf=fail\r\n smtp.mailfrom=x.org; dkim=none;\r\n"
            " dmarc=fail header.from=x.org",
            "mx1001.wikimedia.org",
            (
                AuthResult("spf", "fail", (("smtp.mailfrom", "x.org"),)),
                AuthResult("dkim", "none"),
                AuthResult("dmarc", "fail", (("header.from", "x.org"),)),
            ),
            id="folded",
        ),
        pytest.param(
            "mx.wikimedia.org (our MX; really); SPF = Pass (sender (nested) ok) smtp.MailFrom = a@X.org",
            "mx.wikimedia.org",
            (AuthResult("spf", "pass", (("smtp.mailfrom", "a@X.org"),)),),
            id="comments-case-spaces",
        ),
        pytest.param(
            'mx.wikimedia.org; dkim=pass reason="good sig; ok" header.i=@example.org',
            "mx.wikimedia.org",
            (AuthResult("dkim", "pass", (("reason", "good sig; ok"), ("header.i", "@example.org"))),),
            id="quoted-reason-with-semicolon",
        ),
        pytest.param("mx.wikimedia.org; none", "mx.wikimedia.org", (), id="none"),
        pytest.param(
            "mx.wikimedia.org; dkim/1=pass header.d=x.org",
            "mx.wikimedia.org",
            (AuthResult("dkim", "pass", (("header.d", "x.org"),)),),
            id="method-version",
        ),
    ],
)
def test_parse_header(value: str, authserv_id: str, results: tuple[AuthResult, ...]) -> None:
    reading = parse_authentication_results([value], TRUSTED)
    assert reading.defects == ()
    assert reading.headers == (AuthResultsHeader(authserv_id, results, trusted=True),)


@pytest.mark.parametrize(
    ("value", "defects", "kept_results"),
    [
        pytest.param("", (AuthDefect.MALFORMED_HEADER,), None, id="empty"),
        pytest.param("; spf=pass", (AuthDefect.MALFORMED_HEADER,), None, id="no-authserv-id"),
        pytest.param(
            "mx.wikimedia.org (open; spf=pass", (AuthDefect.MALFORMED_HEADER,), None, id="open-comment"
        ),
        pytest.param(
            'mx.wikimedia.org; dkim=pass reason="x', (AuthDefect.MALFORMED_HEADER,), None, id="quote"
        ),
        pytest.param(
            "spf=pass (sender IP is 1.2.3.4) smtp.mailfrom=x.org; dmarc=pass",
            (AuthDefect.MALFORMED_HEADER,),
            None,
            id="no-authserv-id-office365",
        ),
        pytest.param(
            "mx.wikimedia.org; garbage; dmarc=fail header.from=x.org",
            (AuthDefect.MALFORMED_RESULT,),
            1,
            id="bad-resinfo-skipped",
        ),
        pytest.param(
            "mx.wikimedia.org; spf=pass ,,,", (AuthDefect.MALFORMED_RESULT,), 0, id="junk-after-method"
        ),
    ],
)
def test_malformed_is_skipped_with_defect(
    value: str, defects: tuple[AuthDefect, ...], kept_results: int | None
) -> None:
    reading = parse_authentication_results([value], TRUSTED)
    assert reading.defects == defects
    if kept_results is None:
        assert reading.headers == ()
    else:
        assert len(reading.headers[0].results) == kept_results


def test_order_is_kept_top_most_first() -> None:
    reading = parse_authentication_results(
        ["mx2.wikimedia.org; spf=pass", "garbage (", "relay.example.net; spf=fail"], TRUSTED
    )
    assert [h.authserv_id for h in reading.headers] == ["mx2.wikimedia.org", "relay.example.net"]
    assert [h.trusted for h in reading.headers] == [True, False]


@pytest.mark.parametrize(
    ("authserv_id", "trusted"),
    [
        pytest.param("wikimedia.org", True, id="apex"),
        pytest.param("mx1001.wikimedia.org", True, id="subdomain"),
        pytest.param("MX1001.WikiMedia.ORG", True, id="case"),
        pytest.param("mx1001.wikimedia.org.", True, id="trailing-dot"),
        pytest.param("wikimedia.org.evil.example", False, id="suffix-attack"),
        pytest.param("evilwikimedia.org", False, id="no-dot-boundary"),
        pytest.param("mx.google.com", False, id="other"),
        pytest.param("", False, id="empty"),
    ],
)
def test_trusted_authserv_id(authserv_id: str, trusted: bool) -> None:
    assert is_trusted_authserv_id(authserv_id, TRUSTED) is trusted


@pytest.mark.parametrize(
    ("a", "b", "aligned"),
    [
        pytest.param("example.org", "example.org", True, id="equal"),
        pytest.param("mail.example.org", "example.org", True, id="child"),
        pytest.param("example.org", "news.example.org", True, id="parent"),
        pytest.param("Example.ORG.", "example.org", True, id="case-dot"),
        pytest.param("badexample.org", "example.org", False, id="not-label-boundary"),
        pytest.param("org", "example.org", False, id="bare-tld"),
        pytest.param("other.org", "example.org", False, id="other"),
        pytest.param("", "example.org", False, id="empty"),
    ],
)
def test_domains_aligned(a: str, b: str, aligned: bool) -> None:
    assert domains_aligned(a, b) is aligned


def _headers(*values: str) -> tuple[AuthResultsHeader, ...]:
    return parse_authentication_results(values, TRUSTED).headers


@pytest.mark.parametrize(
    ("values", "dmarc", "spf", "aligned", "reasons"),
    [
        pytest.param(
            ["mx.wikimedia.org; spf=pass smtp.mailfrom=x.org; dkim=pass header.d=x.org; dmarc=pass"],
            "pass",
            "pass",
            True,
            (),
            id="all-pass",
        ),
        pytest.param(
            ["mx.wikimedia.org; spf=fail smtp.mailfrom=x.org; dkim=none; dmarc=fail header.from=x.org"],
            "fail",
            "fail",
            False,
            (AuthFailure.DMARC_FAIL, AuthFailure.SPF_FAIL_NO_DKIM),
            id="dmarc-and-spf-fail",
        ),
        pytest.param(
            ["mx.wikimedia.org; spf=fail smtp.mailfrom=x.org; dkim=pass header.d=mail.x.org"],
            None,
            "fail",
            True,
            (),
            id="spf-fail-rescued-by-aligned-child-dkim",
        ),
        pytest.param(
            ["mx.wikimedia.org; spf=fail smtp.mailfrom=x.org; dkim=pass header.i=@x.org"],
            None,
            "fail",
            True,
            (),
            id="dkim-header-i",
        ),
        pytest.param(
            ["mx.wikimedia.org; spf=fail smtp.mailfrom=x.org; dkim=pass"],
            None,
            "fail",
            True,
            (),
            id="dkim-pass-without-domain-counts",
        ),
        pytest.param(
            ["mx.wikimedia.org; spf=fail smtp.mailfrom=x.org; dkim=pass header.d=mailer.example"],
            None,
            "fail",
            False,
            (AuthFailure.SPF_FAIL_NO_DKIM,),
            id="unaligned-dkim-does-not-rescue",
        ),
        pytest.param(
            ["mx.wikimedia.org; spf=fail smtp.mailfrom=x.org; dkim=fail header.d=x.org"],
            None,
            "fail",
            False,
            (AuthFailure.SPF_FAIL_NO_DKIM,),
            id="failed-dkim",
        ),
        pytest.param(
            ["relay.example.net; dmarc=fail header.from=x.org; spf=fail"],
            None,
            None,
            False,
            (),
            id="untrusted",
        ),
        pytest.param(
            ["mx.wikimedia.org; dmarc=pass", "mx2.wikimedia.org; dmarc=fail"],
            "pass",
            None,
            False,
            (AuthFailure.DMARC_FAIL,),
            id="any-trusted-fail-counts",
        ),
        pytest.param(
            ["mx.wikimedia.org; spf=fail smtp.mailfrom=x.org", "mx2.wikimedia.org; dkim=pass header.d=x.org"],
            None,
            "fail",
            True,
            (AuthFailure.SPF_FAIL_NO_DKIM,),
            id="pass-in-other-header-does-not-excuse",
        ),
        pytest.param(["mx.wikimedia.org; spf=softfail"], None, "softfail", False, (), id="softfail-not-fail"),
        pytest.param([], None, None, False, (), id="no-headers"),
    ],
)
def test_from_domain_authentication(
    values: list[str], dmarc: str | None, spf: str | None, aligned: bool, reasons: tuple[AuthFailure, ...]
) -> None:
    assessment = from_domain_authentication(_headers(*values), "x.org")
    assert (assessment.dmarc, assessment.spf, assessment.dkim_pass_aligned) == (dmarc, spf, aligned)
    assert assessment.reasons == reasons
    assert assessment.failed is bool(reasons)


def test_failure_codes_are_stable() -> None:
    assert [str(code) for code in AuthFailure] == ["dmarc_fail", "spf_fail_no_dkim"]


@given(st.text(alphabet=st.sampled_from(' \t\r\n;=()"\\.@/abcxyz01-'), max_size=200) | st.text(max_size=200))
@settings(max_examples=200, deadline=None, derandomize=True, database=None)
def test_any_header_text_parses_or_is_a_defect(value: str) -> None:
    reading = parse_authentication_results([value], TRUSTED)
    assert len(reading.headers) == 1 or reading.defects == (AuthDefect.MALFORMED_HEADER,)
