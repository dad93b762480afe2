"""A stored message as text for the page: headers and body read by the verifier's own mail reader.

Mail is hostile: nothing of it becomes markup. The template autoescapes every string; links are listed as
text, never as anchors. Overly large mail is not parsed for display.
"""

from __future__ import annotations

from dataclasses import dataclass

from verification.message import MailVocabulary, parse_message

MAX_DISPLAY_BYTES = 2_000_000
MAX_TEXT_CHARS = 100_000


@dataclass(frozen=True)
class MessageText:
    subject: str
    sender: str
    date: str | None
    body: str
    links: tuple[str, ...]
    attachments: tuple[str, ...]
    truncated: bool = False
    unreadable: str | None = None


def message_text(raw: bytes | None, vocabulary: MailVocabulary) -> MessageText:
    if raw is None:
        return MessageText(
            "", "", None, "", (), (), unreadable="purged: the mail was deleted after the ticket closed"
        )
    if len(raw) > MAX_DISPLAY_BYTES:
        return MessageText("", "", None, "", (), (), unreadable="too large to show here")
    try:
        parsed = parse_message(raw, vocabulary)
    except (ValueError, LookupError, UnicodeError) as error:
        return MessageText("", "", None, "", (), (), unreadable=f"could not be read ({type(error).__name__})")
    body = parsed.text()
    sender = parsed.sender.addr if parsed.sender else ""
    if parsed.sender and parsed.sender.name:
        sender = f"{parsed.sender.name} <{parsed.sender.addr}>"
    return MessageText(
        subject=parsed.subject,
        sender=sender,
        date=parsed.date,
        body=body[:MAX_TEXT_CHARS],
        links=tuple(link.url for link in parsed.links)[:200],
        attachments=parsed.attachments,
        truncated=len(body) > MAX_TEXT_CHARS,
    )
