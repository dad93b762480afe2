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
    """The holder's website: the first the message names as theirs, else the sender's own domain.

    The statement ranks the named sites (signature lines before body mentions, home pages before deep
    links), and the best one stands for the holder even when the sender writes from another named site:
    a page named as where the work was published or found is not the holder's site just because the
    sender writes from its domain. Free-mail and platform domains are never official websites.
    """
    for url in reading.statement.websites:
        domain = tools.registrable_domain(url)
        if domain and not tools.is_freemail(domain) and not tools.is_platform(domain):
            return OfficialSite(url=url, domain=domain, source=SiteSource.NAMED)
    sender = reading.message.sender
    sender_domain = tools.registrable_domain(sender.addr) if sender else None
    if sender_domain and not tools.is_freemail(sender_domain) and not tools.is_platform(sender_domain):
        return OfficialSite(
            url=f"https://{sender_domain}/", domain=sender_domain, source=SiteSource.SENDER_DOMAIN
        )
    return None


def sender_named_site(
    reading: TicketReading, official: OfficialSite | None, tools: DomainTools
) -> OfficialSite | None:
    """A site the message names, other than the official one, at the sender's own registrable domain."""
    sender = reading.message.sender
    sender_domain = tools.registrable_domain(sender.addr) if sender else None
    if not sender_domain or (official and official.domain == sender_domain):
        return None
    if tools.is_freemail(sender_domain) or tools.is_platform(sender_domain):
        return None
    for url in reading.statement.websites:
        if tools.registrable_domain(url) == sender_domain:
            return OfficialSite(url=url, domain=sender_domain, source=SiteSource.NAMED)
    return None


def assemble_facts(
    reading: TicketReading,
    official: OfficialSite | None,
    site: SiteEvidence | None,
    whois: WhoisInfo | None,
    tools: DomainTools,
    lookalike_settings: LookalikeSettings,
    sender_site: tuple[OfficialSite, SiteEvidence | None] | None = None,
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
        holder_named_on_site=_names_holder(
            site, reading, sender_domain=official is not None and official.source is SiteSource.SENDER_DOMAIN
        ),
        lookalikes=_lookalikes(
            sender.domain if sender else None, reading, official, site, tools, lookalike_settings
        ),
        whois=whois,
        sender_site=sender_site[0] if sender_site else None,
        sender_site_evidence=sender_site[1] if sender_site else None,
        # an agency's own site naming its client is no site of the holder's
        holder_named_on_sender_site=None
        if reading.statement.for_client
        else _names_holder(sender_site[1] if sender_site else None, reading),
    )


def _names_holder(
    site: SiteEvidence | None, reading: TicketReading, sender_domain: bool = False
) -> str | None:
    """The holder name the site's home page shows. Where the sender's own domain stands in for a site the
    mail does not name (`sender_domain`), a signer who represents no one is the holder that counts: an
    employer in the signature is not the holder ("Аз, Иван Димитров, съм автор"
    over "-- Стройконтрол ООД": the company's home page does not make it Ivan's site)."""
    if site is None or not site.reachable:
        return None
    statement = reading.statement
    holders = statement.holder_names
    signer = statement.signer
    if sender_domain and statement.represents is None and signer in holders:
        holders = (signer,)
    return names_holder(site.home_text, holders)


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
    sender_host: str | None,
    reading: TicketReading,
    official: OfficialSite | None,
    site: SiteEvidence | None,
    tools: DomainTools,
    settings: LookalikeSettings,
) -> tuple[Lookalike, ...]:
    """The sender's host against every domain that stands for the holder: named sites, listed addresses.

    The whole host is compared, so that an official domain spelled out in a sub-domain of another one
    (`acme.com.mail-verify.net`) is caught too.
    """
    if not sender_host:
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
        match = find_lookalike(sender_host, domain, tools, settings)
        if match is not None:
            found.append(match)
    return tuple(found)
