"""Does the sender's domain imitate the holder's official one? (a sign of forgery: verdict `suspicious`)

Compared are the labels of the two registrable domains (the registrable domain minus its public suffix),
so that www.acme.com, mail.acme.com and acme.com are one domain and never look-alikes of each other.
A sender domain is a look-alike when it is another registrable domain and
- its label embeds the official domain as sub-domain labels (acme.com.mail-verify.net): "embedded";
- the labels are the same after decoding punycode, folding case and accents and mapping confusable
  characters (0/o, rn/m, Cyrillic а/a, ...): "punycode" when the sender's label is an IDN, else "confusable";
- the labels are equal and only the public suffix differs (acme.com / acme.de): "other_suffix";
- the labels are within a few edits, and long enough that this is no coincidence: "edit_distance".
A free-mail provider's domain imitates nobody: gmail.com is not a look-alike of gmai1.de's owner.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from rapidfuzz.distance import OSA

from verification.domains import DomainParts, DomainTools
from verification.errors import ConfigError
from verification.model import Lookalike


class LookalikeKind(enum.StrEnum):
    """How a domain imitates another (model.Lookalike.how)."""

    EMBEDDED = "embedded"
    PUNYCODE = "punycode"
    CONFUSABLE = "confusable"
    OTHER_SUFFIX = "other_suffix"
    EDIT_DISTANCE = "edit_distance"


@dataclass(frozen=True)
class LookalikeSettings:
    """Thresholds and the confusables map, from config/lookalike.toml."""

    max_edit_distance: int
    min_label_length: tuple[tuple[int, int], ...]  # (edits, shortest label allowed for that many edits)
    confusables: tuple[tuple[str, str], ...]  # single character -> representative
    sequences: tuple[tuple[str, str], ...]  # several characters -> representative, applied in order

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        limit = data.get("max_edit_distance")
        if not isinstance(limit, int) or isinstance(limit, bool) or not 0 <= limit <= 5:
            raise ConfigError("max_edit_distance: expected an integer from 0 to 5")
        lengths = _table(data, "min_label_length")
        min_lengths: dict[int, int] = {}
        for key, value in lengths.items():
            if not key.isdigit() or not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"min_label_length.{key}: expected '<edits>' = <positive integer>")
            min_lengths[int(key)] = value
        missing = [n for n in range(1, limit + 1) if n not in min_lengths]
        if missing:
            raise ConfigError(f"min_label_length: no entry for {missing[0]} edit(s)")
        return cls(
            max_edit_distance=limit,
            min_label_length=tuple(sorted(min_lengths.items())),
            confusables=_pairs(data, "confusables", single=True),
            sequences=_pairs(data, "confusable_sequences", single=False),
        )

    def shortest_label_for(self, edits: int) -> int:
        return dict(self.min_label_length)[edits]


def find_lookalike(
    sender_domain: str, official_domain: str, tools: DomainTools, settings: LookalikeSettings
) -> Lookalike | None:
    """The way `sender_domain` imitates `official_domain`, or None (also when either is no domain)."""
    sender = tools.parts(sender_domain)
    official = tools.parts(official_domain)
    if sender is None or official is None or sender.registrable == official.registrable:
        return None
    if tools.is_freemail(sender.registrable):
        return None

    def found(how: LookalikeKind, detail: str) -> Lookalike:
        return Lookalike(sender.registrable, official.registrable, how, detail)

    host = tools.host_of(sender_domain) or sender.registrable
    subdomain = host.removesuffix(sender.registrable)
    if f".{official.registrable}." in f".{subdomain}":
        return found(LookalikeKind.EMBEDDED, f"{official.registrable} inside {host}")
    ours, theirs = _plain(sender.unicode_label), _plain(official.unicode_label)
    if sender.unicode_label == official.unicode_label:
        return found(LookalikeKind.OTHER_SUFFIX, f".{sender.suffix} instead of .{official.suffix}")
    if skeleton(ours, settings) == skeleton(theirs, settings):
        how = LookalikeKind.PUNYCODE if _is_idn(sender) else LookalikeKind.CONFUSABLE
        return found(how, f"{sender.unicode_label} reads as {official.unicode_label}")
    edits = label_distance(ours, theirs, settings)
    if edits is not None:
        detail = f"{sender.unicode_label} is {edits} edit(s) from {official.unicode_label}"
        return found(LookalikeKind.EDIT_DISTANCE, detail)
    return None


def label_distance(a: str, b: str, settings: LookalikeSettings) -> int | None:
    """Edits between two different labels when within the limit and both labels are long enough."""
    edits = min(OSA.distance(a, b), OSA.distance(skeleton(a, settings), skeleton(b, settings)))
    if not 0 < edits <= settings.max_edit_distance:
        return None
    return edits if min(len(a), len(b)) >= settings.shortest_label_for(edits) else None


def skeleton(label: str, settings: LookalikeSettings) -> str:
    """What a label looks like at a glance: case and accents folded, confusables mapped."""
    table = dict(settings.confusables)
    text = "".join(table.get(c, c) for c in _plain(label))
    for sequence, replacement in settings.sequences:
        text = text.replace(sequence, replacement)
    return text


def _plain(label: str) -> str:
    """Case-folded, compatibility-normalised, without combining marks (é -> e, ё -> е)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", label).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_idn(parts: DomainParts) -> bool:
    return any(label.startswith("xn--") for label in parts.registrable.split("."))


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    table = data.get(key)
    if not isinstance(table, Mapping) or not table:
        raise ConfigError(f"{key}: expected a non-empty table")
    return table


def _pairs(data: Mapping[str, Any], key: str, *, single: bool) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for source, target in _table(data, key).items():
        if not isinstance(target, str) or not target or (single and len(source) != 1):
            raise ConfigError(
                f"{key}.{source}: expected a {'single character' if single else 'string'} key "
                "mapped to a non-empty string"
            )
        if not single and len(source) < 2:
            raise ConfigError(f"{key}.{source}: sequences need at least two characters")
        out.append((_plain(source), target))
    return tuple(out)
