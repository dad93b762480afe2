"""Reading a ticket: from the raw mail to what it says about files, license and the people involved."""

from __future__ import annotations

from dataclasses import dataclass

from verification.facts import TicketReading
from verification.files import FileVocabulary, find_files
from verification.licenses import LicenseVocabulary, read_license
from verification.message import MailVocabulary, parse_message
from verification.statement import StatementVocabulary, read_statement, release_text


@dataclass(frozen=True)
class ReadingVocabulary:
    """The word lists the mail readers need, one per reader."""

    mail: MailVocabulary
    files: FileVocabulary
    licenses: LicenseVocabulary
    statement: StatementVocabulary


def read_ticket(raw: bytes, vocab: ReadingVocabulary) -> TicketReading:
    """Parse the mail and read its release. Raises UnreadableMessage only when there is no mail at all."""
    message = parse_message(raw, vocab.mail)
    texts = [segment.text for segment in message.segments]
    files = find_files(message.subject, texts, message.links, vocab.files)
    license_finding = read_license(release_text(message), vocab.licenses)
    statement = read_statement(message, files, vocab.statement, vocab.licenses)
    return TicketReading(message=message, files=files, license=license_finding, statement=statement)
