"""The facts of one case, from the mail and the web, as the policy reads them (see `assembly`)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from verification.addresses import normalise_address
from verification.model import (
    Address,
    LicenseFinding,
    Lookalike,
    ParsedMessage,
    SiteEvidence,
    Statement,
    WhoisInfo,
)


class SiteSource(enum.StrEnum):
    """How the holder's official website was found."""

    NAMED = "named"  # the message names it
    SENDER_DOMAIN = "sender_domain"  # none named: the sender's own domain, if its home page names the holder


@dataclass(frozen=True)
class OfficialSite:
    url: str
    domain: str
    source: SiteSource


@dataclass(frozen=True)
class TicketReading:
    """What the mail alone says: the parsed message and its interpretation."""

    message: ParsedMessage
    files: tuple[str, ...]
    license: LicenseFinding
    statement: Statement
    language: str | None = None  # ISO 639-1 code of the sender's own words; None when short or unsure
    unread_languages: tuple[str, ...] = ()  # languages of release paragraphs no word list reads


@dataclass(frozen=True)
class CaseFacts:
    """Everything the policy needs, with the relations between domains already worked out."""

    reading: TicketReading
    sender_domain: str | None  # registrable
    sender_is_freemail: bool
    reply_to_foreign_domains: tuple[str, ...]  # Reply-To registrable domains other than From's
    auth_failures: tuple[str, ...]  # stable codes from the trusted Authentication-Results
    official: OfficialSite | None
    site: SiteEvidence | None
    holder_named_on_site: str | None
    lookalikes: tuple[Lookalike, ...]
    whois: WhoisInfo | None
    # Another site the message names, at the sender's own domain (an organisation with two domains):
    # it ties the sender to the holder only when its home page names the holder.
    sender_site: OfficialSite | None = None
    sender_site_evidence: SiteEvidence | None = None
    holder_named_on_sender_site: str | None = None

    @property
    def sender(self) -> Address | None:
        return self.reading.message.sender

    @property
    def site_reachable(self) -> bool:
        return self.site is not None and self.site.reachable

    @property
    def sender_address_listed(self) -> bool:
        sender = self.sender
        if sender is None or self.site is None:
            return False
        return normalise_address(sender.addr) in self.site.addresses

    @property
    def sender_at_official_domain(self) -> bool:
        return bool(self.official and self.sender_domain and self.sender_domain == self.official.domain)
