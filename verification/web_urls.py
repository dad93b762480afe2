"""One strict reading of a web URL, and which addresses count as the public web.

The fetcher checks a URL and connects from the same parsed form (`WebTarget`), and the crawler decides
which links to follow with the same parser, so no two parsers can disagree on the host (the trick of
`http://127.0.0.1:80\\@allowed.site/`, where one parser reads the host after the "@" and another before
the backslash). The authority is held to a narrow grammar: no user info, no backslash, no percent sign
(IPv6 zone ids), no spaces or controls; the host becomes a lower-case A-label name or a canonical IP.
"""

from __future__ import annotations

import enum
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from verification.domains import normalise_host, parse_ip

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_DEFAULT_PORTS = {"http": 80, "https": 443}
_AUTHORITY_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_[]:")
_HOST_ASCII = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-_")
# kept as they are in a path or query (percent escapes stay escapes); anything else is percent-encoded
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"
_SIX_TO_FOUR = ipaddress.IPv6Network("2002::/16")
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))


class UrlProblem(enum.StrEnum):
    """Why a text is no URL the fetcher may request."""

    BAD_SCHEME = "bad_scheme"
    BAD_URL = "bad_url"


@dataclass(frozen=True)
class WebTarget:
    """An http(s) URL read strictly: scheme, host (A-labels or a canonical IP), port, path and query."""

    scheme: str
    host: str
    port: int
    path: str
    query: str

    @property
    def ip(self) -> IPAddress | None:
        return parse_ip(self.host)

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == _DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    @property
    def url(self) -> str:
        """The URL rebuilt from the parts: what is requested is exactly what was checked."""
        return f"{self.scheme}://{self.netloc}{self.path}" + (f"?{self.query}" if self.query else "")


def parse_web_url(url: str) -> WebTarget | UrlProblem:
    """The URL's parts, or why it is refused; the fragment is dropped."""
    scheme, colon, rest = url.strip().partition(":")
    if not colon or not scheme.isascii() or not scheme.isalpha():
        return UrlProblem.BAD_URL
    scheme = scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        return UrlProblem.BAD_SCHEME
    if not rest.startswith("//"):
        return UrlProblem.BAD_URL
    rest = rest[2:].partition("#")[0]
    end = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=len(rest))
    authority, tail = rest[:end], rest[end:]
    if any(c.isascii() and c not in _AUTHORITY_ASCII for c in authority):
        return UrlProblem.BAD_URL  # user info, backslash, zone id, spaces, controls
    split = _host_and_port(authority, _DEFAULT_PORTS[scheme])
    if split is None:
        return UrlProblem.BAD_URL
    raw_host, port = split
    host = normalise_host(raw_host)
    if not host or not _plain_host(host):
        return UrlProblem.BAD_URL
    path, _, query = tail.partition("?")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in tail):
        return UrlProblem.BAD_URL
    return WebTarget(scheme, host, port, quote(path or "/", safe=_PATH_SAFE), quote(query, safe=_QUERY_SAFE))


def address_allowed(ip: IPAddress, blocked: Iterable[IPNetwork]) -> bool:
    """The public web only: a global address outside every blocked network; for 6to4 and NAT64
    addresses the IPv4 address they carry must pass too."""
    networks = tuple(blocked)
    if not ip.is_global or ip.is_multicast or ip.is_reserved or any(ip in net for net in networks):
        return False
    embedded = _embedded_ipv4(ip)
    return embedded is None or address_allowed(embedded, networks)


def parse_networks(entries: Iterable[str]) -> tuple[IPNetwork, ...]:
    """Networks in CIDR notation (raises ValueError on a bad one)."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=True) for entry in entries)


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _SIX_TO_FOUR:
        return ip.sixtofour
    if any(ip in net for net in _NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _host_and_port(authority: str, default_port: int) -> tuple[str, int] | None:
    if authority.startswith("["):
        inner, closed, after = authority[1:].partition("]")
        if not closed or not inner or (after and not after.startswith(":")):
            return None
        host, port_text = f"[{inner}]", after[1:]
    else:
        if "[" in authority or "]" in authority or authority.count(":") > 1:
            return None
        host, _, port_text = authority.partition(":")
    if not port_text:
        return (host, default_port) if host else None
    if not port_text.isdigit() or len(port_text) > 5 or not 0 < int(port_text) < 65536:
        return None
    return (host, int(port_text)) if host else None


def _plain_host(host: str) -> bool:
    if parse_ip(host) is not None:
        return True
    labels = host.split(".")
    return all(c in _HOST_ASCII for c in host) and all(0 < len(label) <= 63 for label in labels)
