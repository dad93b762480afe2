"""E-mail addresses listed on a web page, including the ways sites hide them from harvesters.

Read are mailto: links, plain addresses in the visible text, the bracketed forms (`name (at) domain (dot)
com`, `name [at] domain.com`, `name{at}domain.com`, in the languages of config/site.toml), the spelled-out
forms `name AT domain DOT com` and `name at domain dot co dot uk` (only when the at-word and a dot-word
are both written and the last label could be a top-level domain, so that "VISIT US AT ACME.COM" and
"meet us at the park" invent nothing; prose words before a lower-case "at" are no local part: "find us at
acme dot com"), the spaced form `name @ domain . com`, and Cloudflare's e-mail protection (XOR-hex
in `data-cfemail` or in /cdn-cgi/l/email-protection#... links). Addresses come back lower-cased, with the
domain in IDNA A-labels, in order of first appearance, each once.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Self
from urllib.parse import unquote

from verification.config_values import string_list
from verification.domains import normalise_host
from verification.model import Link

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_LOCAL = r"[\w+-]+(?:\.[\w+-]+)*"
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_TOP = r"(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})"
_DOMAIN = rf"(?:{_LABEL}\.)+{_TOP}"
_SPELLED_TOP = r"[^\W\d_]{2,24}"  # a spelled-out domain ends in letters only: "dot com", "kropka pl"
_ADDRESS = re.compile(rf"(?<![\w.+-])({_LOCAL})@({_DOMAIN})(?![\w-]|\.[^\W_])", re.IGNORECASE)
_SPACED = re.compile(rf"(?<![\w.+-])({_LOCAL})\s+@\s+({_LABEL}(?:\s+\.\s+{_LABEL})+)(?![\w.-])")
_WHITESPACE = re.compile(r"\s+")
_CLOUDFLARE = re.compile(r"(?:data-cfemail\s*=\s*[\"']?|email-protection#)([0-9a-fA-F]{4,})")
_OPEN = "([{<（【［"
_CLOSE = ")]}>）】］"


@dataclass(frozen=True)
class AddressVocabulary:
    """Words sites write instead of "@" and ".", and final labels that are file types, not domains."""

    at_words: tuple[str, ...]
    dot_words: tuple[str, ...]
    not_top_level: frozenset[str]
    not_local_parts: frozenset[str]  # "us" in "find us at acme dot com": prose, not a mailbox

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """From the [addresses] table of config/site.toml."""
        return cls(
            at_words=_stripped(string_list(data, "at_words", "addresses")),
            dot_words=_stripped(string_list(data, "dot_words", "addresses")),
            not_top_level=frozenset(
                w.lower() for w in _stripped(string_list(data, "not_top_level", "addresses"))
            ),
            not_local_parts=frozenset(
                w.casefold() for w in _stripped(string_list(data, "not_local_parts", "addresses"))
            ),
        )


def extract_addresses(
    text: str, links: Sequence[Link], vocab: AddressVocabulary, html: str | None = None
) -> tuple[str, ...]:
    """Every e-mail address the page lists: mailto links, text (plain or obfuscated), Cloudflare-protected."""
    found: list[str] = []
    for link in links:
        if link.url.lower().startswith("mailto:"):
            found.extend(_in_mailto(link.url))
        found.extend(_cloudflare(link.url))
    found.extend(addresses_in_text(text, vocab))
    if html:
        found.extend(_cloudflare(html))
    valid = (normalise_address(a) for a in found)
    return _unique(a for a in valid if a is not None and _top_level(a) not in vocab.not_top_level)


def addresses_in_text(text: str, vocab: AddressVocabulary) -> tuple[str, ...]:
    """Addresses written in running text, plain or in the obfuscated forms this module reads."""
    patterns = _patterns(vocab)
    clean = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    found = [f"{m[1]}@{_WHITESPACE.sub('', m[2])}" for m in _SPACED.finditer(clean)]
    found.extend(f"{m[1]}@{patterns.upper_dot.sub('.', m[2])}" for m in patterns.upper_case.finditer(clean))
    found.extend(
        f"{m[1]}@{patterns.lower_dot.sub('.', m[2])}"
        for m in patterns.lower_case.finditer(clean)
        if m[1].casefold() not in vocab.not_local_parts
    )
    readable = patterns.dot.sub(".", patterns.at.sub("@", clean))
    found.extend(f"{m[1]}@{m[2]}" for m in _ADDRESS.finditer(readable))
    return tuple(found)


def normalise_address(address: str) -> str | None:
    """Lower-case local part and A-label domain, so listed and sending addresses compare equal."""
    local, at, domain = address.strip().strip("<>").rpartition("@")
    host = normalise_host(domain) if at and local else None
    if host is None or "." not in host:
        return None
    return f"{local.lower()}@{host}"


def decode_cloudflare(hex_text: str) -> str | None:
    """Cloudflare's protected address: the first byte is the key XOR-ed into the following UTF-8 bytes."""
    try:
        data = bytes.fromhex(hex_text)
    except ValueError:
        return None
    if len(data) < 2:
        return None
    return bytes(b ^ data[0] for b in data[1:]).decode("utf-8", "replace")


def _in_mailto(url: str) -> list[str]:
    target = unquote(url[len("mailto:") :].split("?", 1)[0])
    return [f"{m[1]}@{m[2]}" for m in _ADDRESS.finditer(target)]


def _cloudflare(text: str) -> list[str]:
    out: list[str] = []
    for match in _CLOUDFLARE.finditer(text):
        decoded = decode_cloudflare(match[1])
        if decoded:
            out.extend(f"{m[1]}@{m[2]}" for m in _ADDRESS.finditer(decoded))
    return out


@dataclass(frozen=True)
class _Patterns:
    at: re.Pattern[str]  # "(at)", "[ at ]", "{ät}", ... any case
    dot: re.Pattern[str]  # "(dot)", "[punkt]", ... any case
    upper_case: re.Pattern[str]  # "name AT domain DOT com"
    upper_dot: re.Pattern[str]  # " DOT " inside the domain of the form above
    lower_case: re.Pattern[str]  # "name at domain dot co dot uk", "jan malpa foto kropka pl"
    lower_dot: re.Pattern[str]  # " dot " inside the domain of the form above


@functools.lru_cache(maxsize=8)
def _patterns(vocab: AddressVocabulary) -> _Patterns:
    """The vocabulary's regular expressions, compiled once per vocabulary."""
    spelled_at = [w for w in vocab.at_words if w.replace("-", "").isalpha()]
    spelled_dot = [w for w in vocab.dot_words if w.isalpha()]
    upper_at = _alternatives(w.upper() for w in spelled_at)
    upper_dot = _alternatives(w.upper() for w in spelled_dot)
    lower_at = _alternatives(w.lower() for w in spelled_at)
    lower_dot = _alternatives(w.lower() for w in spelled_dot)
    return _Patterns(
        at=_bracketed(vocab.at_words),
        dot=_bracketed(vocab.dot_words),
        upper_case=re.compile(
            rf"(?<![\w.+-])({_LOCAL})\s+(?:{upper_at})\s+((?:{_LABEL}\s+(?:{upper_dot})\s+)+{_TOP})(?![\w.-])"
        ),
        upper_dot=re.compile(rf"\s+(?:{upper_dot})\s+"),
        lower_case=re.compile(
            rf"(?<![\w.+-])({_LOCAL})\s+(?:{lower_at})\s+((?:{_LABEL}\s+(?:{lower_dot})\s+)+{_SPELLED_TOP})"
            rf"(?![\w-]|\.[^\W_])"
        ),
        lower_dot=re.compile(rf"\s+(?:{lower_dot})\s+"),
    )


def _bracketed(words: Iterable[str]) -> re.Pattern[str]:
    """`(at)`, `[ at ]`, `{at}`, `<at>` and full-width brackets, any case, with the spaces around."""
    return re.compile(
        rf"\s*[{re.escape(_OPEN)}]\s*(?:{_alternatives(words)})\s*[{re.escape(_CLOSE)}]\s*", re.IGNORECASE
    )


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _top_level(address: str) -> str:
    return address.rpartition(".")[2]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _stripped(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word.strip() for word in words)
