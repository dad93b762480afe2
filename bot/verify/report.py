"""Rendering verify outcomes: one JSON object per message for tools, a readable report for agents."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bot.verify.batch import VerifyOutcome
from verification.facts import CaseFacts
from verification.model import Credit, Provisional, Verdict
from verification.terminal import inert

# Every JSON line carries this; the number changes when a field changes meaning or goes (docs/json.md).
SCHEMA = "permbot.verify/1"

_VERDICT_ADVICE = {
    Verdict.SUSPICIOUS: "signs of forgery: check the headers and the sender before anything else",
    Verdict.ASK_FILES: "ask which files the permission is for",
    Verdict.ASK_LICENSE: "ask for a free license with a version",
    Verdict.ASK_AUTHORSHIP: "ask who made the work, or for the author's own permission",
    Verdict.ASK_OFFICIAL_ADDRESS: "ask the holder to write from an official address",
    Verdict.CONFIRM: "the sender speaks for the holder: confirm and tag the files",
}

_PROVISIONAL_ADVICE = {
    Provisional.SITE_UNREACHABLE: "the holder's website could not be read; verify again when it answers",
}


def outcome_json(outcome: VerifyOutcome) -> dict[str, Any]:
    """The machine-readable form: stable keys, `verdict` null and `error` set when unreadable."""
    if outcome.facts is None or outcome.suggestion is None:
        return {
            "schema": SCHEMA,
            "source": outcome.source,
            "ticket": None,
            "sender": None,
            "files": [],
            "license": None,
            "language": None,
            "verdict": None,
            "provisional": None,
            "reasons": [],
            "evidence": {},
            "error": outcome.error or "unreadable message",
            "error_code": outcome.error_code.value if outcome.error_code else None,
        }
    facts = outcome.facts
    message = facts.reading.message
    return {
        "schema": SCHEMA,
        "source": outcome.source,
        "ticket": message.ticket,
        "sender": message.sender.addr if message.sender else None,
        "reply_to": [a.addr for a in message.reply_to],
        "date": message.date,
        "files": list(facts.reading.files),
        "license": facts.reading.license.spdx,
        "language": facts.reading.language,
        "verdict": outcome.suggestion.verdict.value,
        "provisional": outcome.suggestion.provisional.value if outcome.suggestion.provisional else None,
        "reasons": [
            {"code": r.code, "message": r.message, "verdict": r.verdict.value}
            for r in outcome.suggestion.reasons
        ],
        "evidence": evidence_json(facts),
        "error": None,
        "error_code": None,
    }


def evidence_json(facts: CaseFacts) -> dict[str, Any]:
    """What the verdict rests on, for the agent who checks it."""
    reading = facts.reading
    statement = reading.statement
    site = facts.site
    return {
        "sender_domain": facts.sender_domain,
        "sender_is_freemail": facts.sender_is_freemail,
        "reply_to_other_domains": list(facts.reply_to_foreign_domains),
        "authentication": {
            "trusted_headers": [
                {"authserv_id": h.authserv_id, "results": {r.method: r.result for r in h.results}}
                for h in reading.message.auth_results
                if h.trusted
            ],
            "failures": list(facts.auth_failures),
        },
        "license": {
            "spdx": reading.license.spdx,
            "problem": reading.license.problem.value if reading.license.problem else None,
            "mentions": list(reading.license.mentions),
        },
        "statement": {
            "signer": statement.signer,
            "represents": statement.represents,
            "holder_names": list(statement.holder_names),
            "websites_named": list(statement.websites),
            "credits": [_credit(c) for c in statement.credits],
            "self_made": statement.self_made,
            "depicts_signer": statement.depicts_signer,
            "forwarded": statement.forwarded,
        },
        "official_site": (
            {
                "url": facts.official.url,
                "domain": facts.official.domain,
                "source": facts.official.source.value,
            }
            if facts.official
            else None
        ),
        "site": (
            {
                "reachable": site.reachable,
                "pages": [{"url": p.url, "status": p.status} for p in site.pages],
                "addresses": list(site.addresses),
                "holder_named": facts.holder_named_on_site,
                "errors": list(site.errors),
            }
            if site
            else None
        ),
        "sender_site": (
            {
                "url": facts.sender_site.url,
                "domain": facts.sender_site.domain,
                "reachable": bool(facts.sender_site_evidence and facts.sender_site_evidence.reachable),
                "holder_named": facts.holder_named_on_sender_site,
            }
            if facts.sender_site
            else None
        ),
        "lookalikes": [asdict(m) for m in facts.lookalikes],
        "whois": asdict(facts.whois) if facts.whois else None,
        "mime_defects": list(reading.message.defects),
    }


def _credit(credit: Credit) -> dict[str, Any]:
    """A credit as docs/json.md documents it (the reader's own flags stay inside)."""
    return {"phrase": credit.phrase, "name": credit.name, "by_signer": credit.by_signer}


def outcome_text(outcome: VerifyOutcome) -> str:
    """The agent's report: verdict and advice first, then reasons, then the evidence behind them.

    Every line is made inert for a terminal: names, subjects, addresses and file names come from the
    mail or the web, and must not be able to move the cursor or turn the text around.
    """
    return "".join(inert(line) + "\n" for line in _report_lines(outcome))


def _report_lines(outcome: VerifyOutcome) -> list[str]:
    if outcome.facts is None or outcome.suggestion is None:
        code = f" ({outcome.error_code.value})" if outcome.error_code else ""
        return [f"== {outcome.source}", f"Could not read this message: {outcome.error}{code}"]
    facts = outcome.facts
    message = facts.reading.message
    suggestion = outcome.suggestion
    statement = facts.reading.statement
    sender = message.sender
    lines = [
        f"== {outcome.source}  Ticket#{message.ticket or '(none found)'}",
        f"Verdict:  {suggestion.verdict.value.upper()}: {_VERDICT_ADVICE[suggestion.verdict]}",
        *_provisional_lines(suggestion.provisional),
        f"Sender:   {_address(sender.name, sender.addr) if sender else '(no From)'}",
        "Files:    " + (", ".join(facts.reading.files) or "(none identified)"),
        f"License:  {facts.reading.license.spdx or '(none free)'}"
        + (f"  [{'; '.join(facts.reading.license.mentions)}]" if facts.reading.license.mentions else ""),
        "Reasons:",
    ]
    for reason in suggestion.reasons:
        mark = "+" if reason.verdict is Verdict.CONFIRM else "-"
        lines.append(f"  {mark} {reason.code}: {reason.message}")
    lines.append("Evidence:")
    lines.append(
        f"  Signer: {statement.signer or '?'}"
        + (f", for {statement.represents}" if statement.represents else "")
        + (f"; holder names: {', '.join(statement.holder_names)}" if statement.holder_names else "")
    )
    if facts.official:
        site = facts.site
        state = "not read" if site is None else ("read" if site.reachable else "unreachable")
        lines.append(f"  Website: {facts.official.url} ({facts.official.source.value}), {state}")
        if site and site.reachable:
            lines.append(f"    pages: {', '.join(p.url for p in site.pages)}")
            lines.append(f"    addresses listed: {', '.join(site.addresses) or 'none'}")
            if facts.holder_named_on_site:
                lines.append(f"    names the holder: {facts.holder_named_on_site}")
        if site and site.errors:
            lines.append(f"    errors: {', '.join(site.errors)}")
    else:
        lines.append("  Website: none named")
    if facts.sender_site:
        named = facts.holder_named_on_sender_site
        lines.append(
            f"  Also named, at the sender's domain: {facts.sender_site.url}, "
            + (f"names the holder: {named}" if named else "does not name the holder")
        )
    trusted = [h for h in message.auth_results if h.trusted]
    if trusted:
        results = ", ".join(f"{r.method}={r.result}" for r in trusted[0].results)
        lines.append(f"  Authentication ({trusted[0].authserv_id}): {results}")
    else:
        lines.append("  Authentication: no results from a trusted server")
    if facts.whois:
        whois = facts.whois
        lines.append(
            f"  WHOIS {whois.domain}: "
            + (
                f"registrant {whois.registrant or '?'}, created {whois.created or '?'}"
                if whois.known
                else "unknown"
            )
        )
    return lines


def _provisional_lines(provisional: Provisional | None) -> list[str]:
    if provisional is None:
        return []
    return [f"          PROVISIONAL ({provisional.value}): {_PROVISIONAL_ADVICE[provisional]}"]


def _address(name: str, addr: str) -> str:
    return f"{name} <{addr}>" if name else addr
