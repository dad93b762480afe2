"""The verdict policy: every rule that applies gives a reason; the first verdict in policy order wins.

The rules are those a careful permissions agent applies (see the corpus README): forgery signs first, then
what is missing from the release (files, license, authorship), then whether the sender speaks for the
holder. Reasons carry stable codes so that the review page and tools can match on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Self

from verification.errors import ConfigError
from verification.facts import CaseFacts, SiteSource
from verification.message import MessageDefect
from verification.model import LicenseProblem, Provisional, Reason, Suggestion, Verdict


@dataclass(frozen=True)
class PolicySettings:
    """Switches of the policy that a queue may want to tune (config/policy.toml [policy])."""

    reply_to_other_domain_is_suspicious: bool = True
    # A domain match needs no page (rule 6 names none); True makes it wait for the official site to answer.
    require_reachable_site: bool = False

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        values: dict[str, bool] = {}
        for key in ("reply_to_other_domain_is_suspicious", "require_reachable_site"):
            if key in data:
                if not isinstance(data[key], bool):
                    raise ConfigError(f"policy.toml [policy] {key} must be true or false")
                values[key] = data[key]
        unknown = set(data) - {"reply_to_other_domain_is_suspicious", "require_reachable_site"}
        if unknown:
            raise ConfigError(f"policy.toml [policy] has unknown keys: {', '.join(sorted(unknown))}")
        return cls(**values)


def decide(facts: CaseFacts, settings: PolicySettings) -> Suggestion:
    """All reasons that apply, and the verdict of the highest-ranked one (confirm when none objects)."""
    reasons: list[Reason] = []
    for rule in _RULES:
        reasons.extend(rule(facts, settings))
    objections = [r for r in reasons if r.verdict is not Verdict.CONFIRM]
    if objections:
        verdict = min((r.verdict for r in objections), key=lambda v: v.rank)
    elif any(r.verdict is Verdict.CONFIRM for r in reasons):
        verdict = Verdict.CONFIRM
    else:  # nothing ties the sender to the holder, nothing objects: an agent must look
        verdict = Verdict.ASK_OFFICIAL_ADDRESS
        reasons.append(_reason("sender_not_tied", "Nothing ties the sender to the holder.", verdict))
    reasons.sort(key=lambda r: r.verdict.rank)
    return Suggestion(
        verdict=verdict, reasons=tuple(reasons), provisional=provisional(facts, verdict, reasons)
    )


def provisional(facts: CaseFacts, verdict: Verdict, reasons: list[Reason]) -> Provisional | None:
    """SITE_UNREACHABLE when the verdict asks for an official address only because a website it needed
    (the holder's, or the one named at the sender's domain) could not be read: reading it could confirm.

    Any other verdict does not hang on the site (forgery signs, files, license and authorship come
    first), nor does a forwarded release, which asks for the holder in person whatever the site says.
    """
    if verdict is not Verdict.ASK_OFFICIAL_ADDRESS:
        return None
    if any(reason.code == "statement_forwarded" for reason in reasons):
        return None
    official_unread = facts.official is not None and not facts.site_reachable
    sender_site_unread = facts.sender_site is not None and not (
        facts.sender_site_evidence is not None and facts.sender_site_evidence.reachable
    )
    return Provisional.SITE_UNREACHABLE if official_unread or sender_site_unread else None


def _reason(code: str, message: str, verdict: Verdict) -> Reason:
    return Reason(code=code, message=message, verdict=verdict)


def _forgery(facts: CaseFacts, settings: PolicySettings) -> Iterator[Reason]:
    for code in facts.auth_failures:
        yield _reason(
            code,
            f"The receiving server's authentication results show the From domain failing ({code}).",
            Verdict.SUSPICIOUS,
        )
    for match in facts.lookalikes:
        yield _reason(
            f"lookalike_{match.how}",
            f"The sender's domain {match.sender_domain} imitates {match.official_domain} ({match.how}).",
            Verdict.SUSPICIOUS,
        )
    if settings.reply_to_other_domain_is_suspicious:
        for domain in facts.reply_to_foreign_domains:
            yield _reason(
                "reply_to_other_domain",
                f"Replies would go to {domain}, another domain than the sender's.",
                Verdict.SUSPICIOUS,
            )


def _files(facts: CaseFacts, settings: PolicySettings) -> Iterator[Reason]:
    if not facts.reading.files:
        yield _reason("no_files", "No file page could be identified in the message.", Verdict.ASK_FILES)


_LICENSE_MESSAGES = {
    LicenseProblem.NONE_FOUND: "No license is granted.",
    LicenseProblem.NO_VERSION: "The license is named without a version.",
    LicenseProblem.NON_COMMERCIAL: "The license forbids commercial use, which Commons does not accept.",
    LicenseProblem.NO_DERIVATIVES: "The license forbids modification, which Commons does not accept.",
    LicenseProblem.WIKIPEDIA_ONLY: "The permission is limited to Wikipedia.",
    LicenseProblem.NOT_FREE: "The grant carries a restriction Commons does not accept.",
    LicenseProblem.PUBLIC_DOMAIN_ONLY: "Public domain is stated without a versioned license (e.g. CC0 1.0).",
}


def _license(facts: CaseFacts, settings: PolicySettings) -> Iterator[Reason]:
    finding = facts.reading.license
    if finding.spdx is None:
        problem = finding.problem or LicenseProblem.NONE_FOUND
        yield _reason(problem.value, _LICENSE_MESSAGES[problem], Verdict.ASK_LICENSE)


def _unread_text(facts: CaseFacts, settings: PolicySettings) -> Iterator[Reason]:
    """Text past the readers' caps was not read: a restriction of the release may stand there."""
    if MessageDefect.TEXT_TRUNCATED in facts.reading.message.defects:
        yield _reason(
            "text_truncated",
            "The message is longer than the readers read; the part not read may restrict the release.",
            Verdict.ASK_LICENSE,
        )
    if facts.reading.unread_languages:
        names = ", ".join(facts.reading.unread_languages)
        yield _reason(
            "language_unread",
            f"Part of the release is written in a language the readers have no words for ({names}): a "
            "restriction there would not be seen. Read it before confirming.",
            Verdict.ASK_LICENSE,
        )


def _authorship(facts: CaseFacts, settings: PolicySettings) -> Iterator[Reason]:
    statement = facts.reading.statement
    for credit in statement.credits:
        if not credit.by_signer:
            who = f" ({credit.name})" if credit.name else ""
            yield _reason(
                "credit_to_other",
                f"The text credits someone other than the signer{who}: \u201c{credit.phrase}\u201d.",
                Verdict.ASK_AUTHORSHIP,
            )
    if statement.depicts_signer and not statement.self_made:
        yield _reason(
            "depicts_signer",
            "The work seems to show the signer, and nothing says they made it themselves.",
            Verdict.ASK_AUTHORSHIP,
        )


def _address(facts: CaseFacts, settings: PolicySettings) -> Iterator[Reason]:
    if facts.reading.statement.forwarded:
        yield _reason(
            "statement_forwarded",
            "The release is forwarded; the holder must write in person.",
            Verdict.ASK_OFFICIAL_ADDRESS,
        )
    if facts.sender_site and facts.holder_named_on_sender_site:
        yield _reason(
            "sender_domain_named_site_names_holder",
            f"The sender writes from {facts.sender_site.domain}, a site the message names whose home page "
            f"names the holder ({facts.holder_named_on_sender_site}).",
            Verdict.CONFIRM,
        )
        return
    official = facts.official
    if official is None:
        code = "freemail_no_site" if facts.sender_is_freemail else "no_official_site"
        yield _reason(
            code, "The message names no official website of the holder.", Verdict.ASK_OFFICIAL_ADDRESS
        )
        return
    # a domain match needs no page when the message names the site; the sender's own domain, standing in
    # for a site the message does not name, counts only by what its home page says
    site_needed = (
        settings.require_reachable_site
        or not facts.sender_at_official_domain
        or official.source is SiteSource.SENDER_DOMAIN
    )
    if not facts.site_reachable and site_needed:
        yield _reason(
            "site_unreachable",
            f"The holder's website {official.domain} could not be read.",
            Verdict.ASK_OFFICIAL_ADDRESS,
        )
        return
    if official.source is SiteSource.SENDER_DOMAIN and facts.holder_named_on_site is None:
        yield _reason(
            "site_does_not_name_holder",
            f"The sender's own site {official.domain} does not name the holder.",
            Verdict.ASK_OFFICIAL_ADDRESS,
        )
        return
    if facts.sender_at_official_domain:
        yield _reason(
            "sender_domain_matches_site",
            f"The sender writes from {official.domain}, the holder's official website.",
            Verdict.CONFIRM,
        )
    elif facts.sender_address_listed:
        yield _reason(
            "sender_address_listed",
            f"The sender's exact address is listed on {official.domain}.",
            Verdict.CONFIRM,
        )
    elif facts.sender_is_freemail:
        yield _reason(
            "freemail_not_listed",
            f"The sender writes from a free-mail address not listed on {official.domain}.",
            Verdict.ASK_OFFICIAL_ADDRESS,
        )
    else:
        yield _reason(
            "sender_domain_differs",
            f"The sender's domain is not {official.domain}, and the address is not listed there.",
            Verdict.ASK_OFFICIAL_ADDRESS,
        )


_RULES: tuple[Callable[[CaseFacts, PolicySettings], Iterator[Reason]], ...] = (
    _forgery,
    _files,
    _license,
    _unread_text,
    _authorship,
    _address,
)
