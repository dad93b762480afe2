"""The websites a message names (URLs and bare domains), best first, so that the holder's site can be
checked for their name and license."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from verification.model import ParsedMessage, SegmentKind
from verification.statement.vocabulary import StatementVocabulary

URL = re.compile(r"\bhttps?://[^\s<>\"'()\[\]{}（）「」『』【】《》〈〉。、，；：！？]+", re.IGNORECASE)
# A host name written without a scheme; its labels may be Unicode ("www.müller-glasbau.de", "www.例え.jp"),
# since the holder writes the name as they read it (the lead's domain tools convert it to punycode).
BARE_DOMAIN = re.compile(
    r"(?<![\w@.\-/:])((?:www\.)?(?:[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?\.)+([^\W\d_]{2,24}))"
    r"(/[^\s<>\"'()\[\]{}]*)?(?![\w@-])",
    re.IGNORECASE,
)
_TRAILING_PUNCTUATION = ".,;:!?'\""


@dataclass(frozen=True)
class _Site:
    url: str
    group: int  # -1 a sign-off above the separator, 0 signature, 1 statement body, 2 other text, 3 links
    deep: bool
    order: int


def read_websites(
    signature: Sequence[str], text: str, other: str, message: ParsedMessage, vocab: StatementVocabulary
) -> tuple[str, ...]:
    """URLs and bare domains the message names, best first: signature, then body; home pages first. Where
    the sender names a site above the mail program's separator, a site named only in the work signature
    below it is the employer's, none of the holder's."""
    above, below = _parted_at_separator(text)
    found: list[_Site] = []
    sources = [
        (-1, above),
        (0, "\n".join(signature)),
        (1, text),
        (2, other),
        (3, "\n".join(link.url for link in message.links)),
        (4, "\n".join(_own_quotes(message))),
    ]
    for group, source in sources:
        for url in _urls_in(source, vocab):
            path = urlsplit(url).path
            found.append(_Site(url, group, path.strip("/") != "" or "?" in url, len(found)))
    best: dict[str, str] = {}
    for site in sorted(found, key=lambda s: (s.group, s.deep, s.order)):
        best.setdefault(_site_key(site.url), site.url)
    own = {_site_key(url) for url in _urls_in(above, vocab)}
    if own:
        employers = {_site_key(url) for url in _urls_in(below, vocab)} - own
        return tuple(url for key, url in best.items() if key not in employers)
    return tuple(best.values())


def _parted_at_separator(text: str) -> tuple[str, str]:
    """The sites written above the mail program's first signature separator ("--", a rule of dashes), and
    the text below it. The sender names their own site above it ("写真の作品は個人のサイトで公開しています：
    https://www.yamada-shashin.jp/", "Harpreet Lens Photography / www.harpreetlens.in"), where the work
    signature added under every mail names the employer's. Both empty where no separator parts the text."""
    lines = text.splitlines()
    separators = [number for number, line in enumerate(lines) if _SEPARATOR.fullmatch(line.strip())]
    if not separators:
        return "", ""
    above = "\n".join(lines[: separators[0]])
    # a site written as one ("https://…", "www.…"), not any word with a dot ("[generated using relgen.js]")
    return "\n".join(_WRITTEN_SITE.findall(above)), "\n".join(lines[separators[0] + 1 :])


_WRITTEN_SITE = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)


# A signature separator: "--", "-- ", a rule of dashes, underscores or equals signs.
_SEPARATOR = re.compile(r"-{2,}|_{2,}|={2,}|―{2,}|─{2,}")


def _own_quotes(message: ParsedMessage) -> list[str]:
    """The sender's own earlier mails quoted in the reply ("Claire Moreau a écrit :" over her first mail
    and its signature's site): last in line, where the new words name no site."""
    sender = message.sender
    if sender is None:
        return []
    name = " ".join(sender.name.casefold().split())
    return [
        segment.text
        for segment in message.segments
        if segment.kind is SegmentKind.QUOTED
        and segment.forwarded_from is not None
        and (
            segment.forwarded_from.addr == sender.addr
            or (
                not segment.forwarded_from.addr
                and len(name.split()) >= 2
                and name in " ".join(segment.forwarded_from.name.casefold().split())
            )
        )
    ]


def without_sites_in(websites: Sequence[str], text: str, vocab: StatementVocabulary) -> tuple[str, ...]:
    """`websites` less those `text` names: an agency's signature names the agency's site, not the
    client's."""
    named = {_site_key(url) for url in _urls_in(text, vocab)}
    return tuple(url for url in websites if _site_key(url) not in named)


def _urls_in(text: str, vocab: StatementVocabulary) -> list[str]:
    urls: list[tuple[int, str]] = []
    for match in URL.finditer(text):
        url = match.group().rstrip(_TRAILING_PUNCTUATION)
        if _allowed_host(urlsplit(url).hostname or "", vocab):
            urls.append((match.start(), url))
    without_urls = URL.sub(lambda m: " " * len(m.group()), text)
    for match in BARE_DOMAIN.finditer(without_urls):
        if is_site(match, vocab) and _allowed_host(match.group(1).lower(), vocab):
            urls.append((match.start(), "https://" + match.group().rstrip(_TRAILING_PUNCTUATION)))
    return [url for _start, url in sorted(urls)]


def is_site(match: re.Match[str], vocab: StatementVocabulary) -> bool:
    """A bare domain with a real-looking top-level domain and a label with a letter in it.

    A capitalised top-level domain in a mixed-case name is a missing space after a full stop
    ("Danke.Es", "Grüße.Ok"), not a host; "ACME.DE" written all in capitals is one. After "www." any
    top-level domain of letters counts ("www.caffipontycwm.cymru"): no file or sentence starts so. Others
    count when listed, country codes among them ("Spett.le", an Italian "Dear", names no site).
    """
    host, tld = match.group(1), match.group(2)
    labels = host.lower().split(".")[:-1]
    has_letter = any(any(c.isalpha() for c in label) for label in labels if label != "www")
    sentence_break = tld[0].isupper() and not host.isupper()
    known = tld.lower() in vocab.tlds or (labels[:1] == ["www"] and tld.isalpha())
    return has_letter and not sentence_break and known


def _allowed_host(host: str, vocab: StatementVocabulary) -> bool:
    host = host.lower().rstrip(".")
    return "." in host and not any(
        host == ignored or host.endswith("." + ignored) for ignored in vocab.ignored_hosts
    )


def _site_key(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return host + parts.path.rstrip("/").lower()
