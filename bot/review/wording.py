"""Plain words for evidence the verifier records as codes and raw fields, as agents read them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def describe_whois(whois: Mapping[str, Any] | None) -> str:
    """One line for the WHOIS evidence: when the domain was registered, or why that is not known."""
    if not whois:
        return "not looked up"
    domain = whois.get("domain") or "the domain"
    if not whois.get("known"):
        error = whois.get("error")
        return f"{domain}: no answer" + (f" ({str(error).replace('_', ' ')})" if error else "")
    line = f"{domain}: registered {whois.get('created') or 'on an unknown date'}"
    registrant = whois.get("registrant")
    return line + (f", by {registrant}" if registrant else "")
