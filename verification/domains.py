"""Host names, registrable domains, and the domains that say nothing about who a sender is.

Every comparison in the verifier ("is the sender at the holder's domain?", "is this link on the same
site?") goes through `DomainTools`, so that hosts are normalised one way only: lower-case IDNA A-labels
(UTS 46), registrable domains from the public suffix list including its private section (foo.github.io
and bar.github.io have different owners). The suffix list is the snapshot bundled with tldextract: no
network, no cache files.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit

import idna
import tldextract

from verification.errors import ConfigError

_WILDCARD = ".*"


@dataclass(frozen=True)
class DomainSet:
    """Registrable domains (or hosts) plus names that count under any public suffix ("yahoo.*")."""

    domains: frozenset[str]
    names: frozenset[str]

    @classmethod
    def parse(cls, entries: Iterable[object], key: str) -> Self:
        """Validate and normalise entries; `key` names the config key in error messages."""
        domains: set[str] = set()
        names: set[str] = set()
        for entry in entries:
            if not isinstance(entry, str) or not entry.strip():
                raise ConfigError(f"{key}: entries must be non-empty strings, got {entry!r}")
            text = entry.strip().lower()
            if text.endswith(_WILDCARD):
                name = _to_ascii(text[: -len(_WILDCARD)])
                if name is None or "." in name:
                    raise ConfigError(f"{key}: {entry!r} must be 'name.*' with a single-label name")
                names.add(name)
                continue
            host = _to_ascii(text)
            if host is None or "." not in host:
                raise ConfigError(f"{key}: {entry!r} is not a domain name")
            domains.add(host)
        return cls(frozenset(domains), frozenset(names))


@dataclass(frozen=True)
class DomainVocabulary:
    """The maintained lists: free-mail providers and platform domains (never an official site)."""

    freemail: DomainSet
    platform: DomainSet

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], freemail: Iterable[str] = ()) -> Self:
        """Build from config/domains.toml (`data`) and the lines of config/freemail.txt (`freemail`)."""
        platform = data.get("platform")
        if not isinstance(platform, list) or not platform:
            raise ConfigError("platform: expected a non-empty list of domains in domains.toml")
        extra = data.get("freemail_extra", [])
        if not isinstance(extra, list):
            raise ConfigError("freemail_extra: expected a list of domains in domains.toml")
        entries = [*parse_domain_list(freemail), *extra]
        if not entries:
            raise ConfigError("freemail: the free-mail list (freemail.txt) is empty")
        return cls(
            freemail=DomainSet.parse(entries, "freemail"),
            platform=DomainSet.parse(platform, "platform"),
        )

    @classmethod
    def load(cls, config_dir: Path) -> Self:
        """Read config_dir/domains.toml and config_dir/freemail.txt."""
        data = tomllib.loads((config_dir / "domains.toml").read_text(encoding="utf-8"))
        lines = (config_dir / "freemail.txt").read_text(encoding="utf-8").splitlines()
        return cls.from_mapping(data, lines)


def parse_domain_list(lines: Iterable[str]) -> tuple[str, ...]:
    """The entries of a one-per-line list: blank lines and `#` comments (whole or trailing) dropped."""
    out: list[str] = []
    for line in lines:
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return tuple(out)


@dataclass(frozen=True)
class DomainParts:
    """A registrable domain split at its public suffix, all in A-labels: label + "." + suffix."""

    registrable: str  # "acmeharbour-photo.co.uk", "xn--mller-kva.de"
    label: str  # "acmeharbour-photo"
    suffix: str  # "co.uk"

    @property
    def unicode_registrable(self) -> str:
        return to_unicode(self.registrable)

    @property
    def unicode_label(self) -> str:
        return to_unicode(self.label)


_PARTS_KEPT = 4096


class DomainTools:
    """Host and domain arithmetic over one offline public-suffix extractor (built here, not at import)."""

    def __init__(self, vocabulary: DomainVocabulary) -> None:
        self.vocabulary = vocabulary
        self._extract = tldextract.TLDExtract(
            suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
        )
        self._extract("example.com")  # load the bundled list now, not lazily in whichever thread comes first
        # A message asks for the parts of the same few hosts many times (sender, sites, links).
        self._parts = functools.lru_cache(maxsize=_PARTS_KEPT)(self._split)

    def normalise_host(self, host: str) -> str | None:
        """Lower-case A-label host without port, brackets or trailing dot; IPs in canonical form."""
        return normalise_host(host)

    def unicode_host(self, host: str) -> str | None:
        """The same host with U-labels, for showing to people and for spotting look-alikes."""
        ascii_host = normalise_host(host)
        return None if ascii_host is None else to_unicode(ascii_host)

    def host_of(self, value: str) -> str | None:
        """The normalised host of a URL, an e-mail address or a bare host (with or without a path)."""
        return normalise_host(raw_host(value))

    def parts(self, value: str) -> DomainParts | None:
        """Registrable domain, label and suffix of a URL, address or host; None for IPs and bare suffixes.

        Hosts under a suffix the list doesn't know (example.invalid) follow the list's default rule:
        the last label is the suffix.
        """
        return self._parts(value)

    def _split(self, value: str) -> DomainParts | None:
        host = self.host_of(value)
        if host is None or is_ip_literal(host):
            return None
        result = self._extract(host)
        if result.suffix:
            if not result.domain:
                return None
            return DomainParts(f"{result.domain}.{result.suffix}", result.domain, result.suffix)
        labels = host.split(".")
        if len(labels) < 2:
            return None
        return DomainParts(".".join(labels[-2:]), labels[-2], labels[-1])

    def registrable_domain(self, value: str) -> str | None:
        """The registrable domain (A-labels) of a URL, e-mail address or host."""
        found = self.parts(value)
        return None if found is None else found.registrable

    def is_freemail(self, value: str) -> bool:
        """The address, URL or domain belongs to a free-mail provider."""
        return self._listed(value, self.vocabulary.freemail)

    def is_platform(self, value: str) -> bool:
        """The URL or domain is a platform that is never a holder's own website."""
        return self._listed(value, self.vocabulary.platform)

    def _listed(self, value: str, listed: DomainSet) -> bool:
        host = self.host_of(value)
        found = self.parts(value)
        if host is None or found is None:
            return False
        if found.label in listed.names:
            return True
        labels = host.split(".")
        parents = (".".join(labels[i:]) for i in range(len(labels) - found.registrable.count(".")))
        return any(parent in listed.domains for parent in parents)


def raw_host(value: str) -> str:
    """The host part of a URL, address or bare host, not yet normalised (may hold a port)."""
    text = value.strip().strip("<>")
    if "@" in text and "/" not in text.partition("@")[0] and "://" not in text:
        netloc = text.rpartition("@")[2]
    else:
        try:
            netloc = urlsplit(text if "://" in text else "//" + text).netloc
        except ValueError:  # an unbalanced "[" ("http://[x@y.org" in a From header): no host
            return ""
    return netloc.rpartition("@")[2]


def normalise_host(host: str) -> str | None:
    """Lower-case A-label host; strips port, brackets and trailing dots. None when it is no host at all."""
    text = host.strip()
    if text.startswith("["):
        inner, closed, _ = text[1:].partition("]")
        return _ip_text(inner) if closed else None
    if text.count(":") == 1:
        text = text.partition(":")[0]
    elif text.count(":") > 1:
        return _ip_text(text)
    text = text.rstrip(".").rstrip("。．｡")
    if not text:
        return None
    ip = _ip_text(text)
    if ip is not None:
        return ip
    return _to_ascii(text)


def to_unicode(host: str) -> str:
    """U-labels for an A-label host; labels that don't decode stay as they are."""
    out = []
    for label in host.split("."):
        try:
            out.append(idna.decode(label) if label.startswith("xn--") else label)
        except idna.IDNAError:
            out.append(label)
    return ".".join(out)


def is_ip_literal(host: str) -> bool:
    """The normalised host is an IPv4 or IPv6 address."""
    return _ip_text(host) is not None


def parse_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An IP address written as a host, including the legacy IPv4 forms (2130706433, 0x7f.1, 0177.0.0.1)."""
    text = host.strip("[]")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if text and all(c in "0123456789abcdefxABCDEFX." for c in text) and text[0].isdigit():
        try:
            return ipaddress.IPv4Address(socket.inet_aton(text))
        except OSError:
            return None
    return None


def _ip_text(text: str) -> str | None:
    ip = parse_ip(text)
    return None if ip is None else str(ip)


@functools.lru_cache(maxsize=4096)  # IDNA's checks cost ~0.5 ms a name; a batch meets the same hosts often
def _to_ascii(text: str) -> str | None:
    """UTS 46 mapping to A-labels; plain ASCII names that IDNA rejects (underscores) pass lower-cased."""
    try:
        return idna.encode(text, uts46=True).decode("ascii")
    except idna.IDNAError:
        pass
    lowered = text.lower()
    if lowered.isascii() and all(label and _plain_label(label) for label in lowered.split(".")):
        return lowered
    return None


def _plain_label(label: str) -> bool:
    return len(label) <= 63 and all(c.isalnum() or c in "-_" for c in label)
