"""Read a ticket mail (RFC 822 bytes) into a ParsedMessage, surviving whatever mail clients send.

Real queue mail has lying charsets, broken MIME, base64 garbage and forwards attached as message/rfc822.
Reading must never fail on such mail: every problem met is recorded in `defects` and reading goes on.
Only bytes with no header at all are refused. The stdlib parser runs with the compat32 policy (it never
raises on garbage headers, unlike the default policy); headers are decoded here, defensively.
"""

from __future__ import annotations

import binascii
import codecs
import datetime
import email
import email.errors
import email.message
import email.parser
import email.policy
import email.utils
import enum
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Self

from charset_normalizer import from_bytes

from verification.auth_results import parse_authentication_results
from verification.config_values import string_list
from verification.errors import ConfigError, UnreadableMessage, UnreadableReason
from verification.html_text import STRUCK_TAGS, html_to_text
from verification.model import Address, Link, ParsedMessage, Segment, SegmentKind
from verification.parser_input import parser_input
from verification.pdf_text import looks_like_pdf, pdf_text
from verification.quoting import QuotingVocabulary, answer_names, is_forward_subject, split_segments
from verification.text_tables import label_table_cells
from verification.tickets import find_ticket_number

_ENCODED_WORD = re.compile(r"=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=")
_FOLD = re.compile(r"\r?\n(?=[ \t])|\r?\n$")
# CJK punctuation ends a URL: "ホームページ（https://www.example.jp/）へのリンク" (never raw in a URL)
_URL = re.compile(r"https?://[^\s<>\"（）「」『』【】《》〈〉。、，；：！？]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?'\"*…。、，；：！？»›”’“‘"
_BRACKETS = {")": "(", "]": "[", "}": "{"}
_TEXT_TYPES = frozenset({"text/plain", "text/html"})
_MESSAGE_TYPES = frozenset({"message/rfc822", "message/global"})
_FORWARD_HEADERS = ("From", "Date", "Subject", "To")
# Encoded bytes per text byte at worst, with room for part headers (quoted-printable: "=XX" and soft breaks).
_ENCODED_TEXT_FACTOR = 4
_PDF_END = b"%%EOF"
_PDF_END_WINDOW = 1024  # the end marker stands in the last kilobyte (trailing junk is common)
_WESTERN_MAX_SHARE = 0.3  # above this share of non-ASCII letters, cp1252 is a poor guess
# A Content-Type header line of a container part, each of which the stdlib parser reads by recursing.
_CONTAINER_HEADER = re.compile(rb"^content-type:[ \t]*(?:\r?\n[ \t]+)?(?:multipart|message)/", re.I | re.M)


class MessageDefect(enum.StrEnum):
    """Problems this reader met and survived (the stdlib's own defects are kept by class name)."""

    FROM_MISSING = "from_missing"
    DATE_UNPARSABLE = "date_unparsable"
    CHARSET_UNKNOWN = "charset_unknown"
    CHARSET_MISMATCH = "charset_mismatch"
    CHARSET_GUESSED = "charset_guessed"
    TEXT_UNDECODABLE = "text_undecodable"
    ENCODED_WORD_BROKEN = "encoded_word_broken"
    MIME_TOO_DEEP = "mime_too_deep"
    MIME_TOO_MANY_PARTS = "mime_too_many_parts"
    TEXT_TRUNCATED = "text_truncated"
    HEADERS_TRUNCATED = "headers_truncated"
    PARAMETERS_UNREADABLE = "parameters_unreadable"
    FORWARD_UNREADABLE = "forward_unreadable"
    PAYLOAD_UNREADABLE = "payload_unreadable"


@dataclass(frozen=True)
class ReadingLimits:
    """How much of one mail the readers scan, so that reading time stays bounded whatever arrives."""

    max_headers: int  # header lines read, top-most first (receiving servers add theirs on top)
    max_text_bytes: int  # bytes of text parts decoded, all parts together
    max_parts: int  # MIME leaf parts read
    max_containers: int  # multipart and message/* parts; above this the body is not read at all
    max_release_tokens: int  # tokens of release text (own words, forwarded text) the readers read
    max_html_tags: int  # tags of one HTML part parsed; the rest of the part is not read
    max_message_bytes: int  # bytes of the raw mail read; the rest is not read
    max_part_bytes: int  # bytes of the header section and of each MIME part handed to the parser
    max_address_chars: int  # characters of one address header (From, Reply-To) parsed; the rest is not read
    max_pdf_pages: int  # pages of one PDF attachment whose text is read; with more, the mail cannot confirm

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """Build from the [limits] table of config/mail.toml; ConfigError names the bad key."""
        values = {}
        for key in (
            "max_headers",
            "max_text_bytes",
            "max_parts",
            "max_containers",
            "max_release_tokens",
            "max_html_tags",
            "max_message_bytes",
            "max_part_bytes",
            "max_address_chars",
            "max_pdf_pages",
        ):
            value = data.get(key)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"limits.{key}: expected a positive integer")
            values[key] = value
        if values["max_part_bytes"] < _ENCODED_TEXT_FACTOR * values["max_text_bytes"]:
            raise ConfigError(
                f"limits.max_part_bytes: expected at least {_ENCODED_TEXT_FACTOR} x max_text_bytes, so that a"
                " text part in any transfer encoding still holds max_text_bytes of text"
            )
        return cls(**values)


@dataclass(frozen=True)
class MailVocabulary:
    """How to read mail: whose Authentication-Results to trust, charset fall-backs, quoting markers."""

    trusted_authserv_ids: tuple[str, ...]
    charset_aliases: Mapping[str, str] = field(hash=False)
    max_mime_depth: int
    quoting: QuotingVocabulary
    limits: ReadingLimits

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """Build from config/mail.toml; ConfigError names the missing or bad key."""
        aliases = data.get("charset_aliases")
        if not isinstance(aliases, Mapping):
            raise ConfigError("charset_aliases: expected a table of label = codec")
        resolved: dict[str, str] = {}
        for label, codec in aliases.items():
            if not isinstance(codec, str) or _lookup_codec(codec) is None:
                raise ConfigError(f"charset_aliases.{label}: {codec!r} is not a codec Python knows")
            resolved[str(label).lower()] = codec
        depth = data.get("max_mime_depth")
        if not isinstance(depth, int) or isinstance(depth, bool) or depth < 1:
            raise ConfigError("max_mime_depth: expected a positive integer")
        quoting = data.get("quoting")
        if not isinstance(quoting, Mapping):
            raise ConfigError("quoting: expected a table")
        limits = data.get("limits")
        if not isinstance(limits, Mapping):
            raise ConfigError("limits: expected a table")
        return cls(
            trusted_authserv_ids=string_list(data, "trusted_authserv_ids", "mail"),
            charset_aliases=MappingProxyType(resolved),
            max_mime_depth=depth,
            quoting=QuotingVocabulary.from_mapping(quoting),
            limits=ReadingLimits.from_mapping(limits),
        )


@dataclass(frozen=True)
class UrlSpan:
    """A bare http(s) URL in text, with where it stands (for readers that keep the order of mentions)."""

    start: int
    end: int
    url: str


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, with what went wrong on the way."""

    text: str
    defects: tuple[MessageDefect, ...] = ()


@dataclass(frozen=True)
class _Block:
    """A text part (or forwarded header block) in reading order; `forwarded` inside an attached mail."""

    text: str
    forwarded: bool = False
    sender: Address | None = None
    forward_subject: bool = False
    attached: bool = False  # an attached file's text: never the rest of a quote that ends the body


@dataclass(frozen=True)
class _Content:
    """What a MIME subtree holds; `html` tells whether its text came from an HTML part."""

    blocks: tuple[_Block, ...] = ()
    links: tuple[Link, ...] = ()
    attachments: tuple[str, ...] = ()
    defects: tuple[str, ...] = ()
    html: bool = False
    struck: bool = False  # an HTML part with struck-through text: its plain twin shows that text as said

    def __add__(self, other: _Content) -> _Content:
        return _Content(
            blocks=self.blocks + other.blocks,
            links=self.links + other.links,
            attachments=self.attachments + other.attachments,
            defects=self.defects + other.defects,
            html=self.html or other.html,
            struck=self.struck or other.struck,
        )

    @property
    def has_text(self) -> bool:
        return any(block.text.strip() for block in self.blocks)


_MAX_BOUNDARY = 200


class _SafeMessage(email.message.Message):
    """The stdlib's message, except that RFC 2231 parameters it cannot decode read as missing.

    Its decoder sorts a parameter's continuations by number and raises TypeError when one is unnumbered
    ("name*=a; name*1=b"); that happens inside the parser too (boundaries), so it is caught here, where
    every parameter read (boundary, charset, filename, format) passes.
    """

    def get_boundary(self, failobj: Any = None) -> Any:
        """None for a boundary longer than _MAX_BOUNDARY: the parser compiles a pattern of each boundary,
        in time that grows faster than its length (RFC 2046 allows 70 characters)."""
        boundary = super().get_boundary(failobj)
        if isinstance(boundary, str) and len(boundary) > _MAX_BOUNDARY:
            self.defects.append(_ParametersUnreadable())
            return failobj
        return boundary

    def get_param(
        self, param: str, failobj: Any = None, header: str = "content-type", unquote: bool = True
    ) -> Any:
        try:
            return super().get_param(param, failobj, header, unquote)
        except TypeError:
            self.defects.append(_ParametersUnreadable())
            return failobj


class _ParametersUnreadable(email.errors.HeaderDefect):
    """RFC 2231 continuations that do not fit together ("name*=a; name*1=b")."""


@dataclass
class _Budget:
    """What is left of the limits while one mail is read (shared by all its parts)."""

    text_bytes: int
    parts: int


def parse_message(raw: bytes, vocab: MailVocabulary) -> ParsedMessage:
    """Read the mail; raises UnreadableMessage only for empty input or input without any header."""
    limits = vocab.limits
    read = parser_input(raw, limits.max_message_bytes, limits.max_part_bytes)
    if not read.data.strip():
        raise UnreadableMessage(UnreadableReason.EMPTY, "the message is empty")
    message = _parse_bytes(read.data, vocab)
    if not message.keys():
        raise UnreadableMessage(UnreadableReason.NO_HEADERS, "the message has no header lines")
    headers_defects: tuple[MessageDefect, ...] = (
        (MessageDefect.HEADERS_TRUNCATED,) if read.headers_cut or len(message) > limits.max_headers else ()
    )
    if read.text_cut or len(raw) > limits.max_message_bytes:
        headers_defects += (MessageDefect.TEXT_TRUNCATED,)
    subject = decode_header_text(
        _first_header(message, "subject", vocab.limits.max_headers) or "", vocab.charset_aliases
    )
    sender, from_defects = _sender(message, vocab)
    date = parse_date(_first_header(message, "date", vocab.limits.max_headers))
    budget = _Budget(text_bytes=vocab.limits.max_text_bytes, parts=vocab.limits.max_parts)
    content = _read_body(message, vocab, 0, budget)
    content = replace(content, blocks=_without_list_footer(content.blocks, _list_names(message, vocab)))
    auth = parse_authentication_results(
        (
            _header_text(v)
            for v in _header_values(message, "authentication-results", vocab.limits.max_headers)
        ),
        vocab.trusted_authserv_ids,
    )
    body = "\n\n".join(block.text for block in content.blocks)
    date_defects = (
        (MessageDefect.DATE_UNPARSABLE,)
        if date is None and _first_header(message, "date", vocab.limits.max_headers)
        else ()
    )
    return ParsedMessage(
        ticket=find_ticket_number(subject, body),
        sender=sender,
        reply_to=tuple(_addresses(_header_values(message, "reply-to", vocab.limits.max_headers), vocab)),
        date=date,
        subject=subject,
        message_id=_header_text(_first_header(message, "message-id", vocab.limits.max_headers) or "").strip()
        or None,
        segments=_segments(
            content.blocks,
            vocab,
            forward_subject=is_forward_subject(subject, vocab.quoting),
            names=answer_names(sender),
        ),
        links=_unique_links(content),
        auth_results=auth.headers,
        attachments=tuple(dict.fromkeys(content.attachments)),
        defects=tuple(
            dict.fromkeys([*from_defects, *date_defects, *headers_defects, *content.defects, *auth.defects])
        ),
    )


# A mailing list's footer starts at a line of underscores (Mailman's separator).
_LIST_FOOTER_RULE = re.compile(r"^_{10,}[ \t]*$", re.MULTILINE)
_LIST_HEADERS = ("list-id", "list-post", "list-unsubscribe", "list-help")
_LIST_ADDRESS = re.compile(r"<(?:mailto:)?([^<>?\s]+)")


def _list_names(message: email.message.Message, vocab: MailVocabulary) -> tuple[str, ...]:
    """The addresses and ids a mailing list gives in its List-* headers (lower case); none for direct mail."""
    return tuple(
        match.group(1).lower()
        for name in _LIST_HEADERS
        for value in _header_values(message, name, vocab.limits.max_headers)
        for match in _LIST_ADDRESS.finditer(_header_text(value))
    )


def _without_list_footer(blocks: tuple[_Block, ...], list_names: Sequence[str]) -> tuple[_Block, ...]:
    """The blocks without the footer a mailing list appended to the last one: after a line of underscores,
    a part naming the list's address or id ("Medlemmar mailing list -- medlemmar@lists…", "To unsubscribe
    send an email to …-leave@…"). The list wrote it, not the sender: "får inte spridas utanför klubben
    utan fotografens tillstånd" there is the list's rule, no condition of the grant."""
    if not list_names or not blocks or blocks[-1].forwarded:
        return blocks
    last = blocks[-1]
    rules = list(_LIST_FOOTER_RULE.finditer(last.text))
    if not rules:
        return blocks
    tail = last.text[rules[-1].start() :].lower()
    names = {part for name in list_names for part in (name, name.split("@")[0].split(".")[0])}
    if not any(name in tail for name in names if len(name) >= 3):
        return blocks
    return (*blocks[:-1], replace(last, text=last.text[: rules[-1].start()].rstrip()))


def find_urls(text: str) -> tuple[UrlSpan, ...]:
    """Bare http(s) URLs; trailing punctuation trimmed, balanced brackets kept (Commons titles have them).
    A URL in angle brackets that a mail program wrapped over lines is whole again (RFC 3986, appendix C:
    whitespace inside "<…>" is no part of it)."""
    wrapped = [
        UrlSpan(start=match.start(), end=match.end(), url="".join(match.group(1).split()))
        for match in _BRACKETED_URL.finditer(text)
        if "\n" in match.group(1)
    ]
    spans = list(wrapped)
    for match in _URL.finditer(text):
        if any(span.start <= match.start() < span.end for span in wrapped):
            continue
        url = _trim_url(match.group(0))
        if url.partition("://")[2]:
            spans.append(UrlSpan(start=match.start(), end=match.start() + len(url), url=url))
    return tuple(sorted(spans, key=lambda span: span.start))


# "<https://commons.wikimedia.org/wiki/File:Aula_Magna_dell%27Universit%C3%A0_di_\nCastelvetro_….jpg>"
_BRACKETED_URL = re.compile(r"<(https?://[^<>\s]+(?:[ \t]*\r?\n[ \t]*[^<>\s]+){1,4})>")


def decode_header_text(value: str, aliases: Mapping[str, str]) -> str:
    """A header value unfolded, its raw 8-bit bytes and RFC 2047 encoded words decoded."""
    return decode_encoded_words(_header_text(value), aliases).text


def decode_encoded_words(text: str, aliases: Mapping[str, str]) -> DecodedText:
    """Decode RFC 2047 words; adjacent words of one charset are joined first (mailers split characters)."""
    chunks: list[tuple[str | bytes, str]] = []
    defects: list[MessageDefect] = []
    position = 0
    for match in _ENCODED_WORD.finditer(text):
        gap = text[position : match.start()]
        if gap and not (gap.isspace() and chunks and isinstance(chunks[-1][0], bytes)):
            chunks.append((gap, ""))
        data = _word_bytes(match.group(2).upper(), match.group(3))
        if data is None:
            defects.append(MessageDefect.ENCODED_WORD_BROKEN)
            chunks.append((match.group(0), ""))
        elif chunks and isinstance(chunks[-1][0], bytes) and chunks[-1][1] == match.group(1).lower():
            chunks[-1] = (chunks[-1][0] + data, chunks[-1][1])
        else:
            chunks.append((data, match.group(1).lower()))
        position = match.end()
    chunks.append((text[position:], ""))
    parts: list[str] = []
    for chunk, charset in chunks:
        if isinstance(chunk, bytes):
            decoded = decode_bytes(chunk, charset, aliases)
            defects.extend(decoded.defects)
            parts.append(decoded.text)
        else:
            parts.append(chunk)
    return DecodedText("".join(parts), tuple(dict.fromkeys(defects)))


def decode_bytes(data: bytes, label: str | None, aliases: Mapping[str, str]) -> DecodedText:
    """Text from bytes under a charset label that may be missing, unknown or lying, composed (NFC):
    windows-1258 writes Vietnamese tone marks as combining characters, which no word list spells so.

    Valid UTF-8 with non-ASCII bytes wins over any other label (it is almost never an accident); then the
    label; then UTF-8, cp1252 when the result looks Western, a detector, and finally cp1252 with
    replacement characters.
    """
    decoded = _decoded(data, label, aliases)
    if unicodedata.is_normalized("NFC", decoded.text):
        return decoded
    return replace(decoded, text=unicodedata.normalize("NFC", decoded.text))


def _decoded(data: bytes, label: str | None, aliases: Mapping[str, str]) -> DecodedText:
    codec = _codec(label, aliases)
    defects: list[MessageDefect] = []
    if label and codec is None:
        defects.append(MessageDefect.CHARSET_UNKNOWN)
    if codec is not None:
        if codec != "utf-8" and _ascii_compatible(codec) and not data.isascii() and _is_utf8(data):
            return DecodedText(data.decode("utf-8"), (*defects, MessageDefect.CHARSET_MISMATCH))
        try:
            return DecodedText(data.decode("utf-8-sig" if codec == "utf-8" else codec), tuple(defects))
        except UnicodeError:  # idna and the like raise UnicodeError itself, not UnicodeDecodeError
            defects.append(MessageDefect.CHARSET_MISMATCH)
    if data.isascii():
        return DecodedText(data.decode("ascii"), tuple(defects))
    if _is_utf8(data):
        return DecodedText(data.decode("utf-8"), tuple(defects))
    western = data.decode("cp1252", "replace")
    if _looks_western(western):
        return DecodedText(western, tuple(defects))
    best = from_bytes(data).best()
    if best is not None:
        return DecodedText(str(best), (*defects, MessageDefect.CHARSET_GUESSED))
    return DecodedText(data.decode("cp1252", "replace"), (*defects, MessageDefect.TEXT_UNDECODABLE))


def unflow(text: str, *, delsp: bool) -> str:
    """Join the soft line breaks of format=flowed text (RFC 3676), so wrapped names and URLs are whole.

    A line ending in a space continues on the next line of the same quote depth; "-- " (the signature
    separator) never flows; one leading space of each line is space-stuffing and goes.
    """
    out: list[str] = []
    current: str | None = None
    current_depth = 0
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        content = content[1:] if content.startswith(" ") else content
        if current is not None and depth != current_depth:
            out.append(_quote_prefix(current_depth) + current)
            current = None
        current = content if current is None else current + content
        current_depth = depth
        if content.endswith(" ") and content != "-- ":
            current = current[:-1] if delsp else current
            continue
        out.append(_quote_prefix(depth) + current)
        current = None
    if current is not None:
        out.append(_quote_prefix(current_depth) + current)
    return "\n".join(out)


def parse_date(value: str | None) -> str | None:
    """ISO 8601 from an RFC 5322 date, or None when it does not parse to a real moment."""
    if not value:
        return None
    parsed = email.utils.parsedate_tz(_header_text(value))
    if parsed is None:
        return None
    try:
        naive = datetime.datetime(*parsed[:6])
        offset = parsed[9]
        if offset is None:
            return naive.isoformat()
        return naive.replace(tzinfo=datetime.timezone(datetime.timedelta(seconds=offset))).isoformat()
    except (ValueError, OverflowError):
        return None


def _parse_bytes(raw: bytes, vocab: MailVocabulary) -> email.message.Message:
    """The stdlib's parse; with more container parts than the limit, only the headers.

    The stdlib parser recurses once per nested container (a thousand nested multiparts exhaust the
    stack before any depth check of ours could run), so their number is counted on the bytes first.
    """
    limit = vocab.limits.max_containers
    if sum(1 for _ in itertools.islice(_CONTAINER_HEADER.finditer(raw), limit + 1)) > limit:
        headers = email.parser.BytesHeaderParser(_class=_SafeMessage, policy=email.policy.compat32)
        message = headers.parsebytes(raw)
        message.set_payload("")
        message.defects.append(_TooManyContainers())
        return message
    return email.message_from_bytes(raw, _class=_SafeMessage, policy=email.policy.compat32)


class _TooManyContainers(email.errors.MessageDefect):
    """More multipart and message/* parts than the limit: the body was not read."""


def _read_body(
    message: email.message.Message, vocab: MailVocabulary, depth: int, budget: _Budget
) -> _Content:
    """A whole mail's content (the outer one, or one attached); nothing when its parse stopped early."""
    if any(isinstance(defect, _TooManyContainers) for defect in message.defects):
        return _Content(defects=(MessageDefect.MIME_TOO_MANY_PARTS,))
    return _read_part(message, vocab, depth, budget)


def _read_part(
    part: email.message.Message, vocab: MailVocabulary, depth: int, budget: _Budget, text_needed: bool = True
) -> _Content:
    """Everything one MIME part and its children hold, in reading order.

    `text_needed` is off for a leaf of a multipart/alternative after a plain alternative with text: that
    plain text is the one chosen, so an HTML leaf is read only for its links and defects."""
    own = _Content(defects=tuple(type(d).__name__ for d in part.defects))
    if depth > vocab.max_mime_depth:
        return own + _Content(defects=(MessageDefect.MIME_TOO_DEEP,))
    ctype = part.get_content_type()
    if ctype in _MESSAGE_TYPES:
        return own + _read_attached_message(part, vocab, depth, budget)
    # Leaf payloads are only read with decode=True: without it the stdlib decodes 8-bit text with the
    # declared charset and raises on labels such as "idna".
    payload = part.get_payload() if part.is_multipart() else None
    if isinstance(payload, list):
        parts = [p for p in payload if isinstance(p, email.message.Message)]
        if ctype == "multipart/alternative":
            return own + _choose_alternative(_read_alternatives(parts, vocab, depth + 1, budget))
        return sum((_read_part(p, vocab, depth + 1, budget) for p in parts), own)
    if budget.parts <= 0:
        return own + _Content(defects=(MessageDefect.MIME_TOO_MANY_PARTS,))
    budget.parts -= 1
    filename = _filename(part, vocab)
    # A text part marked as attachment is read too: a plain one may hold the signed statement the mail
    # points to ("In de bijlage …"); an HTML one is an attachment, unless it is the whole mail (some
    # clients do that).
    attached = depth > 0 and part.get_content_disposition() == "attachment"
    if ctype in _TEXT_TYPES and (not attached or ctype == "text/plain"):
        read = _read_text(part, ctype, vocab, budget, text_needed)
        if not attached:
            return own + read
        blocks = tuple(replace(block, attached=True) for block in read.blocks)
        return own + replace(read, blocks=blocks, attachments=(filename or ctype,))
    if ctype.startswith("multipart/"):
        return own + _read_text(part, "text/plain", vocab, budget)  # a multipart without parts: its raw text
    if ctype == "application/pdf" or (filename or "").lower().endswith(".pdf"):
        return own + _read_pdf(part, filename or ctype, vocab, budget)
    return own + _Content(attachments=(filename or ctype,))


def _read_pdf(part: email.message.Message, name: str, vocab: MailVocabulary, budget: _Budget) -> _Content:
    """A PDF attachment's text layer, read like a plain-text attachment; only its name when it has none.

    A PDF cut by the parser's part limit (no end marker) is not read: its first pages could be read, but
    not known to be all of it."""
    attachment = _Content(attachments=(name,))
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes) or not looks_like_pdf(data) or _PDF_END not in data[-_PDF_END_WINDOW:]:
        return attachment
    read = pdf_text(data, vocab.limits.max_pdf_pages, budget.text_bytes)
    if read is None or not read.text.strip():
        return attachment
    budget.text_bytes -= min(budget.text_bytes, len(read.text.encode()))
    cut = (MessageDefect.TEXT_TRUNCATED,) if read.cut else ()
    return attachment + _Content(blocks=(_Block(read.text, attached=True),), defects=cut)


def _read_alternatives(
    parts: Sequence[email.message.Message], vocab: MailVocabulary, depth: int, budget: _Budget
) -> list[_Content]:
    """The alternatives of a multipart/alternative, in order; once a plain one with text is read, it is
    the one `_choose_alternative` takes, so the later ones' text is not needed."""
    children: list[_Content] = []
    for part in parts:
        plain_read = any(
            child.has_text and not child.html and _text_length(child) >= _PLAIN_STUB for child in children
        )
        children.append(_read_part(part, vocab, depth, budget, text_needed=not plain_read))
    return children


def _read_text(
    part: email.message.Message, ctype: str, vocab: MailVocabulary, budget: _Budget, text_needed: bool = True
) -> _Content:
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return _Content(defects=(MessageDefect.PAYLOAD_UNREADABLE,))
    cut: tuple[MessageDefect, ...] = ()
    if len(data) > budget.text_bytes:
        data, cut = _whole_characters(data[: budget.text_bytes]), (MessageDefect.TEXT_TRUNCATED,)
    budget.text_bytes -= len(data)
    content = _decoded_text(part, data, ctype, vocab, text_needed)
    return replace(content, defects=content.defects + cut)


def _whole_characters(data: bytes) -> bytes:
    """`data` cut short without a broken UTF-8 sequence at its end (other charsets may lose a letter)."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return data
        if byte >= 0xC0:  # a lead byte: keep its sequence only when it is complete
            length = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return data if back >= length else data[:-back]
    return data


def _decoded_text(
    part: email.message.Message, data: bytes, ctype: str, vocab: MailVocabulary, text_needed: bool = True
) -> _Content:
    decoded = decode_bytes(data, part.get_content_charset(), vocab.charset_aliases)
    if ctype != "text/html":
        text = decoded.text
        if _param(part, "format") == "flowed":
            text = unflow(text, delsp=_param(part, "delsp") == "yes")
        return _Content(blocks=(_Block(label_table_cells(text)),), defects=decoded.defects)
    html, cut = _within_tags(decoded.text, vocab.limits.max_html_tags)
    struck = _may_strike(html)
    if not text_needed and not struck and not _may_hold_links(html):
        return _Content(defects=decoded.defects + cut, html=True)
    own = _before_quote(html)
    rendered = html_to_text(
        html, coloured_answers=vocab.quoting.names_a_colour(own), bold_answers=vocab.quoting.names_bold(own)
    )
    return _Content(
        blocks=(_Block(rendered.text),),
        links=rendered.links,
        defects=decoded.defects + cut,
        html=True,
        struck=struck,
    )


_QUOTE_START = re.compile(r"<blockquote[\s>]", re.IGNORECASE)
# Where an Outlook reply quotes without a blockquote: a rule, or its reply block's own id, over the header.
_OUTLOOK_RULE = re.compile(r"<hr[\s/>]|id=[\"']?divRplyFwdMsg", re.IGNORECASE)


def _before_quote(html: str) -> str:
    """The reply's own words in an HTML mail: the text before its first quote (a blockquote, or an Outlook
    rule over the quoted header), its markup left out (a style's "color:" names no colour the reply
    speaks of)."""
    found = _QUOTE_START.search(html) or _OUTLOOK_RULE.search(html)
    return _MARKUP.sub(" ", _without_styles(html[: found.start()])) if found else ""


def _without_styles(html: str) -> str:
    """`html` without its style sheets ("p {color: #333}"), in one pass."""
    lowered = html.lower()
    kept: list[str] = []
    at = 0
    while (start := lowered.find("<style", at)) >= 0:
        kept.append(html[at:start])
        end = lowered.find("</style", start)
        at = len(html) if end < 0 else end + len("</style")
    kept.append(html[at:])
    return "".join(kept)


_MARKUP = re.compile(r"<[^<>]*>")


_STRUCK_NAMES = "|".join(sorted(STRUCK_TAGS))
_STRUCK_START = re.compile(rf"<(?:{_STRUCK_NAMES})[\s>]", re.IGNORECASE)


def _may_strike(html: str) -> bool:
    """A struck-through element's start tag in the source: "<del>", "<s style=…>", "<strike>"."""
    return _STRUCK_START.search(html) is not None


def _may_hold_links(html: str) -> bool:
    """Only an `href` attribute makes a link, and the HTML parser lower-cases attribute names as
    str.lower does: without "href" in the lower-cased source, rendering it finds no link (a plain
    alternative's HTML twin is then not parsed at all, the costliest step of reading most mail)."""
    return "href" in html.lower()


def _within_tags(html: str, max_tags: int) -> tuple[str, tuple[MessageDefect, ...]]:
    """`html` cut before its tag number `max_tags + 1` (each "<" counted), and the defect if it was cut:
    the HTML parser's cost is per tag, and thousands of nested tags fit in a few kilobytes."""
    position = -1
    for _ in range(max_tags + 1):
        position = html.find("<", position + 1)
        if position < 0:
            return html, ()
    return html[:position], (MessageDefect.TEXT_TRUNCATED,)


def _text_length(content: _Content) -> int:
    return sum(len(block.text.strip()) for block in content.blocks)


def _stub_of(plain: _Content, rich: _Content) -> bool:
    """The plain alternative only points to the HTML one: short, where the HTML says much more."""
    length = _text_length(plain)
    return length < _PLAIN_STUB and _text_length(rich) > _STUB_RATIO * length + _STUB_MARGIN


# A plain alternative shorter than this (characters) may be a stub ("view this mail in HTML"); it is one
# when the HTML alternative's text is more than `_STUB_RATIO` times as long, and `_STUB_MARGIN` more
# besides (a short release of 500 characters behind a two-line stub of 116 is one).
_PLAIN_STUB = 300
_STUB_RATIO = 3
_STUB_MARGIN = 100


def _choose_alternative(children: Sequence[_Content]) -> _Content:
    """The plain alternative's text with the HTML alternative's hrefs; the HTML text when no plain text, or
    when the HTML strikes text through ("<del>CC BY-SA 4.0</del> CC0 1.0"): a plain twin shows the struck
    words as if they were said."""
    plain = next((c for c in children if c.has_text and not c.html), None)
    rich = next((c for c in children if c.html), None)
    if rich is not None and rich.struck and rich.has_text:
        plain = None
    if plain is not None and rich is not None and _stub_of(plain, rich):
        plain = None  # "Dit bericht is opgemaakt in HTML. Schakel de HTML-weergave in …"
    chosen = plain or rich or (children[-1] if children else _Content())
    links = chosen.links + (rich.links if rich is not None and rich is not chosen else ())
    attachments = tuple(a for c in children for a in c.attachments)
    defects = tuple(d for c in children for d in c.defects)
    return _Content(
        blocks=chosen.blocks, links=links, attachments=attachments, defects=defects, html=chosen.html
    )


def _read_attached_message(
    part: email.message.Message, vocab: MailVocabulary, depth: int, budget: _Budget
) -> _Content:
    """A message/rfc822 part: its header block and body become forwarded blocks with its From."""
    inner = [m for m in _attached_messages(part, vocab) if m.keys()]
    if not inner:
        return _Content(defects=(MessageDefect.FORWARD_UNREADABLE,))
    content = _Content()
    for message in inner:
        sender, defects = _sender(message, vocab)
        subject = decode_header_text(
            _first_header(message, "subject", vocab.limits.max_headers) or "", vocab.charset_aliases
        )
        header_lines = [
            f"{name}: {decode_header_text(value, vocab.charset_aliases)}"
            for name in _FORWARD_HEADERS
            if (value := _first_header(message, name.lower(), vocab.limits.max_headers)) is not None
        ]
        body = _read_body(message, vocab, depth + 1, budget)
        fwd = is_forward_subject(subject, vocab.quoting)
        blocks = (_Block("\n".join(header_lines)), *body.blocks)
        marked = tuple(
            b if b.forwarded else _Block(b.text, forwarded=True, sender=sender, forward_subject=fwd)
            for b in blocks
            if b.text.strip()
        )
        content = content + replace(body, blocks=marked, defects=(*defects, *body.defects), html=False)
    return content


def _attached_messages(part: email.message.Message, vocab: MailVocabulary) -> list[email.message.Message]:
    """The mails inside a message/rfc822 part, decoding a base64 body the parser did not decode."""
    payload = part.get_payload() if part.is_multipart() else None
    if isinstance(payload, list):
        messages = [p for p in payload if isinstance(p, email.message.Message)]
        encoded = str(part.get("content-transfer-encoding", "")).strip().lower() == "base64"
        if not (encoded and len(messages) == 1 and not messages[0].keys()):
            return messages
        body = messages[0].get_payload(decode=True)
        data = _base64(body.decode("ascii", "replace")) if isinstance(body, bytes) else None
    else:
        decoded = part.get_payload(decode=True)
        data = decoded if isinstance(decoded, bytes) else None
    if data is not None and data.strip():
        return [_parse_bytes(data, vocab)]
    return []


def _segments(
    blocks: Sequence[_Block],
    vocab: MailVocabulary,
    *,
    forward_subject: bool,
    names: frozenset[str] = frozenset(),
) -> tuple[Segment, ...]:
    """Split runs of top-level text with the quoting rules; attached mails become forwarded segments."""
    segments: list[Segment] = []
    run: list[_Block] = []
    for index, block in enumerate(blocks):
        run.append(block)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is not None and _same_source(block, following):
            continue
        text = "\n\n".join(b.text for b in run)
        run = []
        if not block.forwarded:
            segments.extend(
                split_segments(text, vocab.quoting, forward_subject=forward_subject, answer_names=names)
            )
            continue
        for segment in split_segments(text, vocab.quoting, forward_subject=block.forward_subject):
            if segment.kind is SegmentKind.FORWARDED and segment.forwarded_from is not None:
                segments.append(segment)
            else:
                segments.append(Segment(SegmentKind.FORWARDED, segment.text, block.sender))
    return _merge(segments)


def _same_source(a: _Block, b: _Block) -> bool:
    return a.forwarded == b.forwarded and a.sender == b.sender and not (a.attached or b.attached)


def _merge(segments: Iterable[Segment]) -> tuple[Segment, ...]:
    merged: list[Segment] = []
    for segment in segments:
        last = merged[-1] if merged else None
        if last is not None and last.kind is segment.kind and last.forwarded_from == segment.forwarded_from:
            merged[-1] = replace(last, text=f"{last.text}\n\n{segment.text}")
        else:
            merged.append(segment)
    return tuple(merged)


def _unique_links(content: _Content) -> tuple[Link, ...]:
    """HTML hrefs, then bare URLs of the text not already among them; one link per URL."""
    found: dict[str, Link] = {}
    for link in content.links:
        found.setdefault(link.url, link)
    for block in content.blocks:
        for span in find_urls(block.text):
            found.setdefault(span.url, Link(url=span.url))
    return tuple(found.values())


def _sender(message: email.message.Message, vocab: MailVocabulary) -> tuple[Address | None, tuple[str, ...]]:
    addresses = _addresses(_header_values(message, "from", vocab.limits.max_headers), vocab)
    if not addresses:
        return None, (MessageDefect.FROM_MISSING,)
    return addresses[0], ()


def _addresses(values: Iterable[str], vocab: MailVocabulary) -> list[Address]:
    """Mailboxes with an '@' from address headers; display names RFC 2047-decoded.

    The values together are cut to `max_address_chars` first, top-most first: the stdlib's address parser
    is quadratic on long runs of some characters ("@@@..."), and joins the values, so that a comment left
    open in one runs on through the others; a real From or Reply-To is far shorter.
    """
    found = []
    budget = vocab.limits.max_address_chars
    kept: list[str] = []
    for value in values:
        if budget <= 0:
            break
        kept.append(_flat_comments(_header_text(value[:budget])))  # unfolding only makes it shorter
        budget -= len(kept[-1])
    parsed = email.utils.getaddresses(kept)
    for name, addr in parsed:
        if "@" in addr:
            decoded = decode_encoded_words(name, vocab.charset_aliases).text.strip()
            found.append(Address(addr=addr.strip().lower(), name=decoded))
    return found


def _flat_comments(value: str) -> str:
    """The header value with comments nested at most one deep: the stdlib's address parser recurses once
    per nested "(", and a few hundred exhaust the stack. Inner parentheses become spaces."""
    if value.count("(") < 2:
        return value
    out: list[str] = []
    depth = 0
    quoted = escaped = False
    for char in value:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"' and not depth:
            quoted = not quoted
        elif char == "(" and not quoted:
            depth += 1
            if depth > 1:
                char = " "
        elif char == ")" and not quoted and depth:
            depth -= 1
            if depth > 0:
                char = " "
        out.append(char)
    return "".join(out)


def _header_values(message: email.message.Message, name: str, limit: int) -> list[str]:
    """Raw values of every header called `name` among the top-most `limit` header lines, top-most first
    (compat32 keeps them unmodified)."""
    return [str(value) for key, value in itertools.islice(message.raw_items(), limit) if key.lower() == name]


def _first_header(message: email.message.Message, name: str, limit: int) -> str | None:
    values = _header_values(message, name, limit)
    return values[0] if values else None


def _header_text(value: str) -> str:
    """Unfold a raw header value and decode raw 8-bit bytes in it (UTF-8, else cp1252)."""
    unfolded = _FOLD.sub("", value).strip()
    if unfolded.isascii():
        return unfolded
    data = unfolded.encode("utf-8", "surrogateescape")
    if _is_utf8(data):
        return data.decode("utf-8")
    return data.decode("cp1252", "replace")


def _filename(part: email.message.Message, vocab: MailVocabulary) -> str | None:
    """The attachment's name: RFC 2231 (filename*=utf-8''..), RFC 2047 words or raw 8-bit, any charset.

    Decoded here rather than by get_filename(), which raises on charset labels such as "idna".
    """
    for header, param in (("content-disposition", "filename"), ("content-type", "name")):
        raw = _first_header(part, header, vocab.limits.max_headers)
        if raw is None:
            continue
        source = part
        if not raw.isascii():  # raw 8-bit: the stdlib would hand back U+FFFD, so read a decoded copy
            source = _SafeMessage()
            source[header] = _header_text(raw)
        value = source.get_param(param, header=header)
        if isinstance(value, tuple):
            charset, _, text = value
            try:  # the stdlib hands percent-decoded octets back as Latin-1 letters
                data = str(text).encode("latin-1", "surrogateescape")
            except UnicodeEncodeError:  # raw 8-bit in the header, decoded above: text already
                name = str(text)
            else:
                name = decode_bytes(data, str(charset or "") or None, vocab.charset_aliases).text
        elif isinstance(value, str):
            name = decode_encoded_words(_header_text(value), vocab.charset_aliases).text
        else:
            continue
        if name.strip():
            return name.strip()
    return None


def _param(part: email.message.Message, name: str) -> str:
    """A Content-Type parameter, lower-cased; "" when absent or RFC 2231-encoded beyond use."""
    value = part.get_param(name)
    return value.strip().lower() if isinstance(value, str) else ""


def _quote_prefix(depth: int) -> str:
    return ">" * depth + " " if depth else ""


def _word_bytes(encoding: str, payload: str) -> bytes | None:
    if encoding == "B":
        return _base64(payload)
    try:
        return binascii.a2b_qp(payload.encode("ascii"), header=True)
    except (binascii.Error, ValueError):
        return None


def _base64(text: str) -> bytes | None:
    """Lenient base64 (missing padding, line breaks, stray characters); None when nothing decodes."""
    compact = "".join(text.split())
    try:
        return binascii.a2b_base64(compact + "=" * (-len(compact) % 4))
    except (binascii.Error, ValueError):
        return None


def _codec(label: str | None, aliases: Mapping[str, str]) -> str | None:
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    return _lookup_codec(aliases.get(name, name))


def _lookup_codec(name: str) -> str | None:
    """The codec's canonical name when it decodes bytes to text; None for unknown or bytes-to-bytes codecs
    (a label such as "base64", "zlib" or "undefined" must not be taken for a charset)."""
    try:
        codec = codecs.lookup(name).name
        b"a".decode(codec)  # bytes-to-bytes codecs refuse here (empty input would pass)
    except (LookupError, ValueError, TypeError):  # UnicodeError is a ValueError
        return None
    return codec


def _ascii_compatible(codec: str) -> bool:
    """False for codecs where ASCII bytes do not mean ASCII text (UTF-7, UTF-16/32, ISO-2022, HZ)."""
    return not codec.startswith(("utf-16", "utf-32", "utf-7", "iso2022", "hz"))


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _looks_western(text: str) -> bool:
    """True when cp1252 gave mostly ASCII letters with a few accents (not Cyrillic or CJK as mojibake)."""
    if "\ufffd" in text:
        return False
    letters = sum(1 for char in text if char.isalpha())
    foreign = sum(1 for char in text if char.isalpha() and not char.isascii())
    return letters > 0 and foreign <= _WESTERN_MAX_SHARE * letters


def _trim_url(url: str) -> str:
    """Trailing punctuation and unbalanced closing brackets cut off; the counts are taken once and kept
    up to date while cutting, so a run of thousands of ')' costs linear time."""
    counts = {char: url.count(char) for char in {*_BRACKETS, *_BRACKETS.values()}}
    end = len(url)
    while end:
        last = url[end - 1]
        unbalanced = last in _BRACKETS and counts[last] > counts[_BRACKETS[last]]
        if not (last in _URL_TRAILING or unbalanced):
            break
        if last in counts:
            counts[last] -= 1
        end -= 1
    return url[:end]
