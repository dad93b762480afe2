"""Reading a holder's website: which links lead to contact details, and whether a page names the holder.

Pure helpers for bot/crawl.py. Contact details hide on linked pages (Contact, Kontakt, Impressum, About,
Mentions légales, Over ons, Contacto, ...); the words come from config/site.toml in many languages and
are matched against both the link text and the link's path, so an icon-only link to /impressum.html counts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Self
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit, urlunsplit

from verification.addresses import AddressVocabulary
from verification.domains import DomainTools
from verification.errors import ConfigError
from verification.licenses import CJK_LETTERS
from verification.model import Link
from verification.web_urls import WebTarget, parse_web_url


@dataclass(frozen=True)
class SiteVocabulary:
    """config/site.toml: contact-link words (best tier first), crawl limits, and the address vocabulary."""

    contact_tiers: tuple[tuple[tuple[str, ...], ...], ...]  # tiers of entries, each entry a tuple of words
    prefix_min_length: int  # an entry's last word this long also matches as a word start
    max_links_per_page: int
    max_links_examined: int  # links looked at per page: bounds the work a page of thousands can cause
    max_fallback_links: int
    skip_extensions: frozenset[str]
    max_pages: int
    max_depth: int
    addresses: AddressVocabulary

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        contact = _section(data, "contact")
        crawl = _section(data, "crawl")
        tiers = tuple(_entries(contact, tier) for tier in ("primary", "secondary"))
        extensions = contact.get("skip_extensions", [])
        if not isinstance(extensions, list) or not all(isinstance(e, str) for e in extensions):
            raise ConfigError("contact.skip_extensions: expected a list of file extensions")
        return cls(
            contact_tiers=tiers,
            prefix_min_length=_positive(contact, "contact", "prefix_min_length"),
            max_links_per_page=_positive(contact, "contact", "max_links_per_page"),
            max_links_examined=_positive(contact, "contact", "max_links_examined"),
            max_fallback_links=_positive(contact, "contact", "max_fallback_links", minimum=0),
            skip_extensions=frozenset(e.lower().lstrip(".") for e in extensions),
            max_pages=_positive(crawl, "crawl", "max_pages"),
            max_depth=_positive(crawl, "crawl", "max_depth"),
            addresses=AddressVocabulary.from_mapping(_section(data, "addresses")),
        )


def contact_links(
    page_url: str, links: Sequence[Link], tools: DomainTools, vocab: SiteVocabulary
) -> tuple[str, ...]:
    """Contact-like links of a page on the same site: http(s), no fragment, each once, best first, capped."""
    ranked: dict[str, int] = {}
    own = _without_fragment(page_url)
    for link in links[: vocab.max_links_examined]:
        target = _without_fragment(urljoin(page_url, link.url.strip()))
        if target == own or target in ranked or not _followable(target, page_url, tools, vocab):
            continue
        tier = contact_tier(link, vocab)
        if tier is not None:
            ranked[target] = tier
    best = sorted(ranked, key=ranked.__getitem__)  # stable: page order within a tier
    return tuple(best[: vocab.max_links_per_page])


def fallback_links(
    page_url: str, links: Sequence[Link], tools: DomainTools, vocab: SiteVocabulary
) -> tuple[str, ...]:
    """Other same-site pages to read when a home page has no contact-like link: page order, capped."""
    own = _without_fragment(page_url)
    found: dict[str, None] = {}
    for link in links[: vocab.max_links_examined]:
        target = _without_fragment(urljoin(page_url, link.url.strip()))
        if target != own and _followable(target, page_url, tools, vocab):
            found.setdefault(target)
    return tuple(found)[: vocab.max_fallback_links]


def contact_tier(link: Link, vocab: SiteVocabulary) -> int | None:
    """0 for a primary contact link (Contact, Impressum), 1 for a secondary one (About, Team), else None."""
    parts = urlsplit(link.url)
    query = " ".join(value for _, value in parse_qsl(parts.query))
    candidates = (words(link.text), words(unquote(parts.path)), words(query))
    for tier, entries in enumerate(vocab.contact_tiers):
        if any(
            _contains(tokens, entry, vocab.prefix_min_length) for entry in entries for tokens in candidates
        ):
            return tier
    return None


# Han and kana are written without spaces: a name in them stands inside a longer run ("林秋云摄影工作室").
_UNSPACED_WORD = re.compile(rf"[{CJK_LETTERS}]+")


# The same letter as Arabic and Persian keyboards write it: Yeh and Kaf ("مريم توكلي" is "مریم توکلی").
_LETTER_VARIANTS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})


def names_holder(page_text: str, holder_names: Sequence[str]) -> str | None:
    """The first holder name whose every word (two letters or more) the page shows, ignoring case/accents.

    A word in a script without spaces counts inside a longer run of the page's text, as a whole word
    cannot be told apart there; a single character never counts.
    """
    shown_words = words(page_text)
    shown = set(shown_words)
    runs = " ".join(word for word in shown_words if _UNSPACED_WORD.search(word))
    for name in holder_names:
        tokens = [t for t in words(name) if len(t) > 1]
        if tokens and all(t in shown or (_UNSPACED_WORD.fullmatch(t) and t in runs) for t in tokens):
            return name
    return None


def words(text: str) -> tuple[str, ...]:
    """Lower-case words without accents; anything but letters and digits separates words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTER_VARIANTS))
    plain = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return tuple(plain.split())


def _contains(tokens: Sequence[str], entry: Sequence[str], prefix_min_length: int) -> bool:
    """The entry's words appear consecutively; its last word may start a longer word ("kontaktformular")."""
    *head, last = entry
    for i in range(len(tokens) - len(entry) + 1):
        if list(tokens[i : i + len(head)]) != head:
            continue
        candidate = tokens[i + len(head)]
        if candidate == last or (len(last) >= prefix_min_length and candidate.startswith(last)):
            return True
    return False


def _followable(url: str, page_url: str, tools: DomainTools, vocab: SiteVocabulary) -> bool:
    """Read with the fetcher's own URL parser, so a link is judged by the host the fetch would reach."""
    target, page = parse_web_url(url), parse_web_url(page_url)
    if not isinstance(target, WebTarget) or not isinstance(page, WebTarget):
        return False
    last_segment = target.path.rsplit("/", 1)[-1]
    extension = last_segment.rpartition(".")[2].lower() if "." in last_segment else ""
    if extension in vocab.skip_extensions:
        return False
    site = tools.registrable_domain(target.host)
    return site is not None and site == tools.registrable_domain(page.host)


def _without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _section(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    section = data.get(key)
    if not isinstance(section, Mapping):
        raise ConfigError(f"{key}: expected a [{key}] table in site.toml")
    return section


def _entries(section: Mapping[str, Any], key: str) -> tuple[tuple[str, ...], ...]:
    value = section.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"contact.{key}: expected a non-empty list of words")
    entries = tuple(words(v) for v in value)
    if not all(entries):
        raise ConfigError(f"contact.{key}: entries must contain letters or digits")
    return _unique(entries)


def _unique(entries: Iterable[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    return tuple(dict.fromkeys(entries))


def _positive(section: Mapping[str, Any], name: str, key: str, minimum: int = 1) -> int:
    value = section.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ConfigError(f"{name}.{key}: expected an integer of at least {minimum}")
    return value
