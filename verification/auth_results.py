"""Authentication-Results headers (RFC 8601), read tolerantly, and what they say about the From domain.

Only headers whose authserv-id is one of ours (the receiving MX) are worth anything: anyone can write an
Authentication-Results header into a mail they send. A malformed header is skipped with a defect code.
"""

from __future__ import annotations

import enum
import fnmatch
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from verification.model import AuthResult, AuthResultsHeader

_QUOTED = r"\"(?:[^\"\\]|\\.)*\""
# A property value; "=" is allowed after the first character because real headers carry base64 there.
_VALUE = rf"(?:{_QUOTED}|[^\s;=\"()][^\s;\"()]*)"
# "method[/version]=result" at the start of a resinfo, whitespace allowed around "=" and "/".
_METHODSPEC = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9_.-]*)\s*(?:/\s*\d+\s*)?=\s*([A-Za-z0-9_-]+)")
# "reason=value" or "ptype.property=value" (pvalue may be "local@domain", "@domain" or a quoted string).
_PROPSPEC = re.compile(rf"\s*([A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_.-]+)?)\s*=\s*({_VALUE})")
_AUTHSERV = re.compile(rf"\s*({_QUOTED}|[^\s;=\"()]+)(?:\s+[0-9]+)?\s*$")
_WHITESPACE = re.compile(r"\s+")


class AuthDefect(enum.StrEnum):
    """Why (part of) an Authentication-Results header was skipped."""

    MALFORMED_HEADER = "auth_results_malformed"
    MALFORMED_RESULT = "auth_results_malformed_result"


class AuthFailure(enum.StrEnum):
    """Stable codes for the ways a trusted header says the From domain failed authentication."""

    DMARC_FAIL = "dmarc_fail"
    SPF_FAIL_NO_DKIM = "spf_fail_no_dkim"


@dataclass(frozen=True)
class AuthResultsReading:
    """The headers that parsed, top-most first, and a defect code for each part that did not."""

    headers: tuple[AuthResultsHeader, ...]
    defects: tuple[AuthDefect, ...] = ()


@dataclass(frozen=True)
class AuthAssessment:
    """What the trusted headers say about the From domain; `failed` is the forgery signal."""

    dmarc: str | None
    spf: str | None
    dkim_pass_aligned: bool
    failed: bool
    reasons: tuple[AuthFailure, ...] = ()


def is_trusted_authserv_id(authserv_id: str, patterns: Sequence[str]) -> bool:
    """True when the id matches one of the glob patterns ("*.wikimedia.org"), ignoring case."""
    ident = authserv_id.strip().rstrip(".").lower()
    return bool(ident) and any(fnmatch.fnmatchcase(ident, p.strip().lower()) for p in patterns)


def parse_authentication_results(values: Iterable[str], trusted_ids: Sequence[str]) -> AuthResultsReading:
    """Parse every header value in the order given (top-most first); never raises on bad input."""
    headers: list[AuthResultsHeader] = []
    defects: list[AuthDefect] = []
    for value in values:
        parsed = _parse_header(value)
        if parsed is None:
            defects.append(AuthDefect.MALFORMED_HEADER)
            continue
        authserv_id, results, bad_results = parsed
        defects.extend([AuthDefect.MALFORMED_RESULT] * bad_results)
        trusted = is_trusted_authserv_id(authserv_id, trusted_ids)
        headers.append(AuthResultsHeader(authserv_id=authserv_id, results=results, trusted=trusted))
    return AuthResultsReading(headers=tuple(headers), defects=tuple(defects))


def from_domain_authentication(headers: Sequence[AuthResultsHeader], from_domain: str) -> AuthAssessment:
    """Judge the From domain on the trusted headers only; any trusted header that fails makes it fail.

    Each header is judged on its own, so a pass in one header cannot excuse a failure in another.
    """
    domain = _domain(from_domain)
    dmarc: str | None = None
    spf: str | None = None
    aligned = False
    reasons: list[AuthFailure] = []
    for header in headers:
        if not header.trusted:
            continue
        header_dmarc = _first_result(header, "dmarc")
        header_spf = _first_result(header, "spf")
        header_aligned = any(_dkim_aligned(r, domain) for r in header.results if r.method == "dkim")
        dmarc = dmarc if dmarc is not None else header_dmarc
        spf = spf if spf is not None else header_spf
        aligned = aligned or header_aligned
        if header_dmarc == "fail" and AuthFailure.DMARC_FAIL not in reasons:
            reasons.append(AuthFailure.DMARC_FAIL)
        if header_spf == "fail" and not header_aligned and AuthFailure.SPF_FAIL_NO_DKIM not in reasons:
            reasons.append(AuthFailure.SPF_FAIL_NO_DKIM)
    return AuthAssessment(
        dmarc=dmarc, spf=spf, dkim_pass_aligned=aligned, failed=bool(reasons), reasons=tuple(reasons)
    )


def domains_aligned(a: str, b: str) -> bool:
    """Relaxed alignment: equal, or one a subdomain of the other (a bare TLD never aligns)."""
    a, b = _domain(a), _domain(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return "." in short and long.endswith("." + short)


def _first_result(header: AuthResultsHeader, method: str) -> str | None:
    return next((r.result for r in header.results if r.method == method), None)


def _dkim_aligned(result: AuthResult, from_domain: str) -> bool:
    if result.result != "pass":
        return False
    signer = result.prop("header.d") or result.prop("header.i")
    if signer is None:
        return True
    return domains_aligned(signer.rpartition("@")[2], from_domain)


def _domain(value: str) -> str:
    return value.strip().strip(".").lower()


def _parse_header(value: str) -> tuple[str, tuple[AuthResult, ...], int] | None:
    """(authserv-id, results, number of resinfos skipped), or None when there is no authserv-id."""
    text = _strip_comments(value)
    if text is None:
        return None
    pieces = _split_semicolons(_WHITESPACE.sub(" ", text))
    head = _AUTHSERV.match(pieces[0])
    if head is None:
        return None
    authserv_id = _unquote(head.group(1))
    results: list[AuthResult] = []
    bad = 0
    rest = [p for p in pieces[1:] if p.strip()]
    if len(rest) == 1 and rest[0].strip().lower() == "none":
        return authserv_id, (), 0
    for piece in rest:
        result = _parse_resinfo(piece)
        if result is None:
            bad += 1
        else:
            results.append(result)
    return authserv_id, tuple(results), bad


def _parse_resinfo(piece: str) -> AuthResult | None:
    spec = _METHODSPEC.match(piece)
    if spec is None:
        return None
    properties: list[tuple[str, str]] = []
    position = spec.end()
    while position < len(piece):
        prop = _PROPSPEC.match(piece, position)
        if prop is None:
            if piece[position:].strip():
                return None
            break
        key = _WHITESPACE.sub("", prop.group(1)).lower()
        properties.append((key, _unquote(prop.group(2))))
        position = prop.end()
    method, result = spec.group(1).lower(), spec.group(2).lower()
    return AuthResult(method=method, result=result, properties=tuple(properties))


def _strip_comments(value: str) -> str | None:
    """Remove (nested) comments outside quoted strings; None when parentheses or quotes do not balance."""
    if not any(mark in value for mark in '()"'):
        return value  # no comment and no quoted string: the walk below would copy every character
    out: list[str] = []
    depth = 0
    quoted = False
    escaped = False
    for char in value:
        if escaped:
            escaped = False
            if depth == 0:
                out.append(char)
            continue
        if char == "\\" and (quoted or depth):
            escaped = True
            if depth == 0:
                out.append(char)
            continue
        if quoted:
            quoted = char != '"'
            out.append(char)
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return None
            depth -= 1
            out.append(" ")
        elif depth == 0:
            quoted = char == '"'
            out.append(char)
    if depth or quoted:
        return None
    return "".join(out)


def _split_semicolons(text: str) -> list[str]:
    """Split on ';' outside quoted strings (comments are already gone)."""
    pieces: list[str] = []
    start = 0
    quoted = False
    escaped = False
    for index, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return pieces


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value
