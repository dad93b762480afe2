"""Assembling the facts of one case from the mail and the web, ready for the policy.

Assembly is pure: the I/O (fetching the site, WHOIS) happened before, and its results come in as values.
Keeping the domain arithmetic here leaves `policy.decide` a plain reading of the rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from verification.auth_results import from_domain_authentication
from verification.domains import DomainTools
from verification.facts import CaseFacts, OfficialSite, SiteSource, TicketReading
from verification.lookalike import LookalikeSettings, find_lookalike
from verification.model import Address, Lookalike, SiteEvidence, WhoisInfo
from verification.site_pages import names_holder


def choose_official_site(reading: TicketReading, tools: DomainTools) -> OfficialSite | None:
    """The holder's website: one the message names (the sender's own first), else the sender's domain.

    Free-mail and platform domains (social networks, photo sites, wikis) are never official websites.
    """
    named: list[OfficialSite] = []
    for url in reading.statement.websites:
        domain = tools.registrable_domain(url)
        if domain and not tools.is_freemail(domain) and not tools.is_platform(domain):
            named.append(OfficialSite(url=url, domain=domain, source=SiteSource.NAMED))
    sender = reading.message.sender
    sender_domain = tools.registrable_domain(sender.addr) if sender else None
    for site in named:
        if site.domain == sender_domain:
            return site
    if named:
        return named[0]
    if sender_domain and not tools.is_freemail(sender_domain) and not tools.is_platform(sender_domain):
        return OfficialSite(
            url=f"https://{sender_domain}/", domain=sender_domain, source=SiteSource.SENDER_DOMAIN
        )
    return None


def assemble_facts(
    reading: TicketReading,
    official: OfficialSite | None,
    site: SiteEvidence | None,
    whois: WhoisInfo | None,
    tools: DomainTools,
    lookalike_settings: LookalikeSettings,
) -> CaseFacts:
    """Work out how the sender relates to the holder's site, the named sites and the mail's headers."""
    message = reading.message
    sender = message.sender
    sender_domain = tools.registrable_domain(sender.addr) if sender else None
    auth_failures: tuple[str, ...] = ()
    if sender and message.auth_results:
        assessment = from_domain_authentication(message.auth_results, sender.domain)
        auth_failures = tuple(assessment.reasons) if assessment.failed else ()
    return CaseFacts(
        reading=reading,
        sender_domain=sender_domain,
        sender_is_freemail=bool(sender_domain and tools.is_freemail(sender_domain)),
        reply_to_foreign_domains=_foreign_reply_to(message.reply_to, sender_domain, tools),
        auth_failures=auth_failures,
        official=official,
        site=site,
        holder_named_on_site=(
            names_holder(site.home_text, reading.statement.holder_names) if site and site.reachable else None
        ),
        lookalikes=_lookalikes(sender_domain, reading, official, site, tools, lookalike_settings),
        whois=whois,
    )


def _foreign_reply_to(
    reply_to: Sequence[Address], sender_domain: str | None, tools: DomainTools
) -> tuple[str, ...]:
    foreign: list[str] = []
    for address in reply_to:
        domain = tools.registrable_domain(address.addr)
        if domain and domain != sender_domain and domain not in foreign:
            foreign.append(domain)
    return tuple(foreign)


def _lookalikes(
    sender_domain: str | None,
    reading: TicketReading,
    official: OfficialSite | None,
    site: SiteEvidence | None,
    tools: DomainTools,
    settings: LookalikeSettings,
) -> tuple[Lookalike, ...]:
    """The sender's domain against every domain that stands for the holder: named sites, listed addresses."""
    if not sender_domain:
        return ()
    genuine: list[str] = []
    if official:
        genuine.append(official.domain)
    for url in reading.statement.websites:
        domain = tools.registrable_domain(url)
        if domain and not tools.is_platform(domain):
            genuine.append(domain)
    for address in site.addresses if site else ():
        domain = tools.registrable_domain(address)
        if domain and not tools.is_freemail(domain):
            genuine.append(domain)
    found: list[Lookalike] = []
    for domain in dict.fromkeys(genuine):
        match = find_lookalike(sender_domain, domain, tools, settings)
        if match is not None:
            found.append(match)
    return tuple(found)
