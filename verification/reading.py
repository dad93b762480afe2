"""Reading a ticket: from the raw mail to what it says about files, license and the people involved."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from verification.errors import UnreadableMessage, UnreadableReason
from verification.facts import TicketReading
from verification.files import FileVocabulary, find_files
from verification.forms import with_leaders_as_colons, without_gender_endings, without_unticked_options
from verification.languages import LanguageDetector, SenderLanguage, unread_languages, with_persian_letters
from verification.licenses import (
    LicenseVocabulary,
    PhraseTable,
    assents_at_opening,
    confirms_text_above,
    confirms_text_below,
    holds_text_below,
    is_no_answer,
    names_assent,
    read_license,
    tokenize,
)
from verification.message import MailVocabulary, parse_message
from verification.model import Address, LicenseFinding, LicenseProblem, ParsedMessage, Segment, SegmentKind
from verification.quoting import QuotingVocabulary, split_segments
from verification.statement import StatementVocabulary, read_statement, release_text
from verification.statement.names import address_spells
from verification.statement.words import CASELESS_RUN
from verification.text_limit import within_token_limit
from verification.tickets import split_subject_prefixes


@dataclass(frozen=True)
class ReadingVocabulary:
    """The word lists the mail readers need, one per reader."""

    mail: MailVocabulary
    files: FileVocabulary
    licenses: LicenseVocabulary
    statement: StatementVocabulary
    languages: LanguageDetector | None = None  # None: every language's words apply everywhere
    sender_language: SenderLanguage | None = None  # None: the reading names no language


def read_ticket(raw: bytes, vocab: ReadingVocabulary) -> TicketReading:
    """Parse the mail and read its release; the one entry point of the mail readers.

    Any failure inside a reader becomes UnreadableMessage for this mail alone, so that one hostile or
    broken mail never stops a batch. The error names the failure's kind only, never the mail's text
    (exception messages may quote it); the original stays chained for debugging.
    """
    try:
        return _read(raw, vocab)
    except UnreadableMessage:
        raise
    except Exception as error:  # any bug or limit a mail can reach: this mail's error, not the batch's
        raise UnreadableMessage(
            UnreadableReason.READER_FAILED, f"a reader failed on this message ({type(error).__name__})"
        ) from error


def _read(raw: bytes, vocab: ReadingVocabulary) -> TicketReading:
    message = within_token_limit(parse_message(raw, vocab.mail), vocab.mail.limits.max_release_tokens)
    message = _with_confirmed_draft(message, vocab.licenses, vocab.mail.quoting, vocab.statement.closings)
    whole = _with_own_quotes(message, vocab.mail.quoting)
    # new words that name a license are the statement, and the old mail stays a quote (a corrected release
    # quoting the one it replaces); read for who speaks and where, the two are one statement (`whole`)
    own = message.text(SegmentKind.OWN)
    # "Rămân valabile cele scrise mai jos": the quoted mail holds too, whatever license the new words name
    if whole is message or not _names_a_license(own, vocab.licenses) or holds_text_below(own, vocab.licenses):
        message = whole
    texts = [segment.text for segment in message.segments]
    files = find_files(message.subject, texts, message.links, vocab.files)
    # the readers see Persian in Persian letters and forms as filled in; file titles stay as written, for
    # the wiki to find them
    spelled = _as_written_to_be_read(message, vocab.licenses)
    answered = _answers_with_their_questions(spelled.segments, vocab.licenses)
    release = release_text(replace(spelled, segments=answered))
    license_finding = read_license(release, vocab.licenses, vocab.languages)
    if license_finding.problem is LicenseProblem.NONE_FOUND:
        license_finding = _license_in_subject(message.subject, vocab.licenses) or license_finding
    statement = read_statement(spelled, files, vocab.statement, vocab.licenses, vocab.languages)
    if whole != message:
        # a corrected release ("the version I forgot: CC BY-SA 4.0") quoting the mail it corrects: the
        # holder's site may stay named only in the earlier mail's signature, and who made the work stays
        # as that mail said ("they are the work of our founder") unless either says the signer made it
        # ("I took them myself; my friend only held the reflector")
        earlier = read_statement(
            _as_written_to_be_read(whole, vocab.licenses),
            files,
            vocab.statement,
            vocab.licenses,
            vocab.languages,
        )
        kept = () if statement.self_made or earlier.self_made else earlier.credits
        credits = (*statement.credits, *(c for c in kept if c not in statement.credits))
        statement = replace(statement, websites=statement.websites or earlier.websites, credits=credits)
    language = vocab.sender_language.of(message.text(SegmentKind.OWN)) if vocab.sender_language else None
    return TicketReading(
        message=message,
        files=files,
        license=license_finding,
        statement=statement,
        language=language,
        unread_languages=_unread_languages(release, license_finding, vocab),
    )


def _license_in_subject(subject: str, licenses: LicenseVocabulary) -> LicenseFinding | None:
    """The license a sender wrote into the subject of a new mail when the body names none ("Já, Jan
    Dvořák, … uvolňuji ji pod licencí CC BY 4.0"). Not a reply's or a forward's subject: that is the
    agent's or someone else's wording ("Re: Can you confirm CC BY-SA 4.0?")."""
    prefixes, rest = split_subject_prefixes(subject)
    if prefixes:
        return None
    found = read_license(rest, licenses)
    return None if found.problem is LicenseProblem.NONE_FOUND else found


def _as_written_to_be_read(message: ParsedMessage, licenses: LicenseVocabulary) -> ParsedMessage:
    """Persian in Persian letters, and a filled-in form as the sender filled it in (the options left
    unticked blanked out, a dot leader read as a colon), each offset kept."""
    persian = with_persian_letters

    def says_no(word: str) -> bool:
        return is_no_answer(word, licenses)

    segments = tuple(
        replace(
            segment,
            text=without_gender_endings(
                with_leaders_as_colons(without_unticked_options(persian(segment.text), says_no))
            ),
        )
        for segment in message.segments
    )
    return message if segments == message.segments else replace(message, segments=segments)


def _answers_with_their_questions(
    segments: tuple[Segment, ...], licenses: LicenseVocabulary
) -> tuple[Segment, ...]:
    """For the license reader, a short answer right under a quoted paragraph that ends with a question,
    the question put before it: a bare "No." under "Do you accept commercial use?" refuses it, and "Yes"
    under "Do you want to keep the restriction?" keeps it; read alone, either says nothing. A short
    answer confirming what stands above it ("(BK) Potrjujem celotno izjavo") takes that whole quoted
    paragraph on. Who made the work is not read there: "or did someone else take them?" asks, it credits
    no one."""
    answered: list[Segment] = []
    for index, segment in enumerate(segments):
        asked = (
            index > 0
            and segment.kind is SegmentKind.OWN
            and segments[index - 1].kind is SegmentKind.QUOTED
            and len(segment.text.split("\n", 1)[0].split()) <= _SHORT_ANSWER_WORDS
        )
        above = None
        if asked:
            quote = segments[index - 1].text
            above = _closing_question(quote) or (
                _last_paragraph(quote) if confirms_text_above(segment.text, licenses) else None
            )
            if (
                above is not None
                and read_license(segment.text, licenses).spdx is not None
                and read_license(above, licenses).spdx is not None
            ):
                # "CC BY-SA 4.0（表示-継承 4.0 国際）でお願いします" under "CC BY 4.0、CC BY-SA 4.0、CC0
                # 1.0 のどれにしますか": the answer picks its own of the licenses offered; a question
                # naming none ("Do you allow commercial use?") stays, for a "No." before the license
                above = None
        text = segment.text
        version = _BARE_VERSION.match(text)
        if (
            above is not None
            and version
            and (family := _versionless_asked(segments[index - 1].text, licenses))
        ):
            # "Antwoord: 4.0 graag" under "… „CC-BY-SA“ … Welke versie bedoelt u?"
            text = f"{text[: version.start(1)]}{family} {text[version.start(1) :]}"
        answered.append(segment if above is None else replace(segment, text=f"{above}\n{text}"))
    return tuple(answered)


# An answer opening with a bare version, perhaps after its label: "4.0", "Antwoord: 4.0 graag".
_BARE_VERSION = re.compile(r"\s*(?:[^\W\d][^:：\n]{0,30}[:：]\s*)?(\d\.\d)\b")


def _versionless_asked(quote: str, licenses: LicenseVocabulary) -> str | None:
    """The license the question names without a version, for an answer that gives only the version
    ("Welke versie bedoelt u?" answered "4.0 graag")."""
    asked = read_license(_last_paragraph(quote), licenses)
    if asked.problem is not LicenseProblem.NO_VERSION or len(asked.mentions) != 1:
        return None
    return asked.mentions[0]


_SHORT_ANSWER_WORDS = 8  # "Não.", "Yes, I accept.", "Nein, nur für Wikipedia."
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?。！？؟;\u037e](?=\s)")
_QUESTION_MARKS = ("?", "？", "؟", "\u037e")
_GREEK = re.compile("[\u0370-\u03ff]")


def _last_paragraph(quote: str) -> str:
    return _PARAGRAPH_BREAK.split(_unquoted(quote).strip())[-1]


def _closing_question(quote: str) -> str | None:
    """The last sentence of the quote's last paragraph, when it asks a question."""
    paragraph = _last_paragraph(quote)
    joined = " ".join(paragraph.split())
    greek = joined.endswith(";") and _GREEK.search(joined) is not None  # Greek asks with ";"
    if not joined.endswith(_QUESTION_MARKS) and not greek:
        return None
    ends = [match.end() for match in _SENTENCE_END.finditer(joined, 0, len(joined) - 1)]
    return joined[ends[-1] :].strip() if ends else joined


def _unread_languages(
    release: str, license_finding: LicenseFinding, vocab: ReadingVocabulary
) -> tuple[str, ...]:
    """Only where the license read is free: a release already asked about needs no more reasons to ask."""
    if vocab.languages is None or license_finding.spdx is None:
        return ()
    licenses = vocab.licenses
    return unread_languages(
        release, vocab.languages, licenses.detected_as, licenses.read_languages, licenses.unread_letters
    )


def _names_a_license(text: str, licenses: LicenseVocabulary) -> bool:
    return read_license(text, licenses).problem is not LicenseProblem.NONE_FOUND


def _with_own_quotes(message: ParsedMessage, quoting: QuotingVocabulary) -> ParsedMessage:
    """A reply that quotes the sender's own earlier mail, with that quote read as the sender's own words:
    written in person from the same address, it is the holder's statement (restrictions and credits in it
    count too) where the reply's own words name no license ("I confirm what I wrote below"). The earlier
    mail may stand inside the agent's quoted reply, under a header naming the sender's address
    ("2026/12/05 10:30、田中 美穂 <m.tanaka@…> のメール:"); it is then read after the reply's own words.
    The message itself (the same object) where it quotes no mail of the sender's."""
    sender = message.sender
    if sender is None:
        return message
    signed = _signing_lines(message.text(SegmentKind.OWN))
    own = [
        _quotes_sender(segment, sender, signed) or _restated(message.segments, index, sender)
        for index, segment in enumerate(message.segments)
    ]
    nested = [] if any(own) else _nested_sender_quotes(message.segments, sender, quoting, signed)
    if not any(own) and not nested:
        return message
    segments = tuple(
        replace(segment, kind=SegmentKind.OWN, forwarded_from=None, text=_unquoted(segment.text))
        if from_sender
        else segment
        for segment, from_sender in (
            *zip(message.segments, own, strict=True),
            *((segment, True) for segment in nested),
        )
    )
    return replace(message, segments=segments)


def _with_confirmed_draft(
    message: ParsedMessage, licenses: LicenseVocabulary, quoting: QuotingVocabulary, closings: PhraseTable
) -> ParsedMessage:
    """A reply naming no license that confirms the statement below ("confermo la dichiarazione qui
    sotto") or opens with an assent ("Yes I agree", "ok de acuerdo") when the agent's quoted mail holds a
    drafted statement, set apart by rule lines or quotation marks: the draft, confirmed in person, is the
    sender's statement (its restrictions count too, and the reply's own: "ok but not for commercial")."""
    own = message.text(SegmentKind.OWN)
    if not any(segment.kind is SegmentKind.QUOTED for segment in message.segments):
        return message  # most mail: no quote to confirm
    if not confirms_text_below(own, licenses) and not assents_at_opening(own, licenses):
        return message
    if read_license(own, licenses).problem is not LicenseProblem.NONE_FOUND:
        return message
    for segment in message.segments:
        if segment.kind is not SegmentKind.QUOTED:
            continue
        quote = _unquoted(segment.text)
        draft = _drafted_statement(quote, quoting) or _draft_after_instruction(quote, licenses, closings)
        if draft and read_license(draft, licenses).problem is not LicenseProblem.NONE_FOUND:
            confirmed = Segment(kind=SegmentKind.OWN, text=draft, forwarded_from=None)
            return replace(message, segments=(*message.segments, confirmed))
    asked = _one_license_asked(message, licenses, quoting) if assents_at_opening(own, licenses) else None
    if asked is not None:
        confirmed = Segment(kind=SegmentKind.OWN, text=asked, forwarded_from=None)
        return replace(message, segments=(*message.segments, confirmed))
    return message


def _one_license_asked(
    message: ParsedMessage, licenses: LicenseVocabulary, quoting: QuotingVocabulary
) -> str | None:
    """The one paragraph of the queue's quoted mail that names a license, when it names one free license:
    the agent's request a "yes" answers ("Так, підтверджую і погоджуюсь" under "… і що Ви погоджуєтеся
    опублікувати їх за ліцензією … (CC BY-SA 4.0)"). Two paragraphs naming licenses, or one naming two,
    leave the answer open; a quote from anyone else is someone else's statement."""
    quote = "\n\n".join(
        _unquoted(segment.text)
        for segment in message.segments
        if segment.kind is SegmentKind.QUOTED and _from_the_queue(segment.text, quoting)
    )
    naming = [
        (paragraph, found)
        for paragraph in _PARAGRAPH_BREAK.split(quote)
        if (found := read_license(paragraph, licenses)).problem is not LicenseProblem.NONE_FOUND
    ]
    if len(naming) != 1:
        return None
    paragraph, found = naming[0]
    named = {read_license(mention, licenses).spdx for mention in found.mentions}
    return paragraph.strip() if found.spdx is not None and named == {found.spdx} else None


def _from_the_queue(quote: str, quoting: QuotingVocabulary) -> bool:
    """The quote's first lines (its header) name an address at one of the queue's domains."""
    head = "\n".join(quote.splitlines()[:_QUOTE_HEADER_LINES]).lower()
    return any(
        address.rpartition("@")[2] == domain or address.rpartition("@")[2].endswith("." + domain)
        for address in _ADDRESS.findall(head)
        for domain in quoting.queue_domains
    )


_QUOTE_HEADER_LINES = 6  # "On … wrote:", or Outlook's From/Sent/To/Subject block
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


_RULE_LINE = re.compile(r"^[ \t]*[-–—_=*]{3,}[ \t]*$", re.MULTILINE)
_QUOTED_PASSAGE = re.compile(r"[\"“„«「『]([^\"“”„«»「」『』]{80,}?)[\"”“»」』]")


def _drafted_statement(quote: str, quoting: QuotingVocabulary) -> str | None:
    """The text between the first two rule lines of a quoted mail, else its first long passage in
    quotation marks: where an agent sets out a statement to confirm. A rule over a mail's header block
    ("________" over "From: …") parts two mails of a thread, no draft."""
    rules = [rule for rule in _RULE_LINE.finditer(quote) if not _over_headers(quote, rule.end(), quoting)]
    if len(rules) >= 2:
        return quote[rules[0].end() : rules[1].start()].strip() or None
    passage = _QUOTED_PASSAGE.search(quote)
    return passage.group(1).strip() if passage else None


def _draft_after_instruction(quote: str, licenses: LicenseVocabulary, closings: PhraseTable) -> str | None:
    """The paragraphs after the agent's instruction, up to the agent's closing line: "… il vous suffit de
    répondre « Je suis d'accord » si la déclaration suivante est exacte :" (a paragraph ending in a colon
    that puts an assent in quotation marks) sets out the statement to confirm below it."""
    paragraphs = re.split(r"\n[ \t]*\n", quote)
    for number, paragraph in enumerate(paragraphs):
        if not paragraph.rstrip().endswith((":", "：")):
            continue
        if not any(names_assent(term, licenses) for term in _QUOTED_TERM.findall(paragraph)):
            continue
        lines: list[str] = []
        for line in "\n\n".join(paragraphs[number + 1 :]).splitlines():
            if _closes(line, closings):
                break
            lines.append(line)
        return "\n".join(lines).strip() or None
    return None


# A short term in quotation marks: «Je suis d'accord», „Ich stimme zu“, "I agree".
_QUOTED_TERM = re.compile(r"[\"“„«「『]\s*([^\"“”„«»「」『』\n]{1,40}?)\s*[\"”“»」』]")


def _closes(line: str, closings: PhraseTable) -> bool:
    """The line opens the agent's closing: a signature's separator, or a closing ("Cordialement,", "Mit
    freundlichen Grüßen") on a short line of its own."""
    if line.strip() in ("--", "-- ", "—"):
        return True
    tokens = tokenize(line)
    return 0 < len(tokens) <= _CLOSING_LINE_WORDS and closings.match(tokens, 0) is not None


_CLOSING_LINE_WORDS = 5  # "Mit freundlichen Grüßen", "Yours sincerely, Hannah"


def _over_headers(text: str, end: int, quoting: QuotingVocabulary) -> bool:
    following = next((line for line in text[end:].splitlines() if line.strip()), "")
    return quoting.header_key(following) is not None


def _nested_sender_quotes(
    segments: tuple[Segment, ...], sender: Address, quoting: QuotingVocabulary, signed: str
) -> list[Segment]:
    """The sender's earlier mail quoted inside another's quoted reply: from a line after the reply's
    header that names the sender's address, the first quote the quoting reader finds there whose header
    names that address (the reply's own "To:" line names it too, and opens no quote)."""
    found: list[Segment] = []
    name = _full_name_of(sender)
    for segment in segments:
        if segment.kind is not SegmentKind.QUOTED or segment.forwarded_from == sender:
            continue
        lines = segment.text.splitlines()
        for start in range(1, len(lines)):
            line = lines[start].casefold()
            if (
                sender.addr not in line
                and not (name and name in " ".join(line.split()))
                and not ("@" in line and _signs_the_reply(_header_value(lines[start], quoting), signed))
            ):
                continue
            # from the header line naming the sender, or from the line before it: an Outlook header's
            # "-----Original Message-----" opens it ("> From: "김민지"<…>" alone opens no quote)
            inner = [
                part
                for begin in (start, start - 1)
                for part in split_segments(_one_level_out("\n".join(lines[begin:])), quoting)
                if part.kind is SegmentKind.QUOTED
                and part.forwarded_from is not None
                and _same_person(part.forwarded_from, sender, signed)
            ]
            if inner:
                found.append(inner[0])
                break
        else:
            found.extend(_signed_nested_quotes(lines, sender, signed))
    return found


def _header_value(line: str, quoting: QuotingVocabulary) -> str:
    """A header line's value, its key left out ("Da: Marco Bellini <…>" -> "Marco Bellini <…>"): the key
    is no part of the name."""
    header = quoting.header_key(_unquoted(line).strip())
    return header[1] if header else line


def _signed_nested_quotes(lines: Sequence[str], sender: Address, signed: str) -> list[Segment]:
    """A quote with no header of its own inside another's quoted reply, one level deeper than the reply's
    own lines (the agent's answer above, the sender's first mail below it, marked ">" under an Outlook
    header or ">>" under a ">" reply), signed at its end with the sender's full name, or with a name of
    two words at least that signs the reply too (an office's address, "Montserrat Vila" over the reply's
    "Montserrat Vila i Puig")."""
    name = _full_name_of(sender)
    body = [line for line in lines if line.strip(" \t>")]
    if (name is None and not signed) or not body:
        return []
    if body[0].rstrip().endswith((":", "：")) and len(body) > 1:
        body = body[1:]  # the reply header: "On …, VRT wrote:"
    base = _depth(body[0])
    runs: list[list[str]] = [[]]
    for line in lines:
        if _depth(line) > base:
            runs[-1].append(line)
        elif runs[-1] and line.strip(" \t>"):
            runs.append([])
    return [
        Segment(kind=SegmentKind.QUOTED, text="\n".join(run), forwarded_from=None)
        for run in runs
        if run
        and (
            (name is not None and _signed_by(run, name))
            or _signed_as_the_reply(run, signed)
            or _signed_as_the_address(run, sender)
        )
    ]


def _depth(line: str) -> int:
    """The quote marks before a line: ">> text" is two deep."""
    marks = _QUOTE_PREFIX.match(line)
    return marks.group().count(">") if marks else 0


def _signed_by(run: Sequence[str], name: str) -> bool:
    """One of the quote's last lines is the name, perhaps with a title or a date: "> Стефан Иванов"."""
    lines = [" ".join(_unquoted(line).casefold().split()) for line in run if _unquoted(line).strip()]
    return any(
        line.startswith(name) and len(line.split()) <= len(name.split()) + _SIGNATURE_EXTRA_WORDS
        for line in lines[-_SIGNED_LINES:]
    )


def _signed_as_the_address(run: Sequence[str], sender: Address) -> bool:
    """One of the quote's last lines is a name, of two words at least, each a part of the sender's
    address, alone or before a dash and the rest of a signature: "Kavitha Raman" over a reply from
    kavitha@kavitha-raman.in signed in Tamil script, "Théo Garnier - www.garnier-photo.fr" from
    theo.garnier44@laposte.net."""
    lines = [" ".join(_unquoted(line).split()) for line in run if _unquoted(line).strip()]
    for line in lines[-_SIGNED_LINES:]:
        name = _SIGNATURE_REST.split(line, maxsplit=1)[0]
        runs = _capitalised_runs(name)
        if len(runs) == 1 and len(runs[0]) == len(name.split()) and address_spells(sender.addr, runs[0]):
            return True
    return False


# A spaced dash or bar after a signature's name: its trade, firm or site follow.
_SIGNATURE_REST = re.compile(r"\s+[-–—|]\s+")


def _signed_as_the_reply(run: Sequence[str], signed: str) -> bool:
    """One of the quote's last lines is a name alone, of two words at least, that signs the reply too."""
    lines = [" ".join(_unquoted(line).split()) for line in run if _unquoted(line).strip()]
    for line in lines[-_SIGNED_LINES:]:
        runs = _capitalised_runs(line)
        if len(runs) == 1 and len(runs[0]) == len(line.split()) and _signs_the_reply(line, signed):
            return True
    return False


# The quote's last lines where the name may sign it: "Jana Horáková" over "fotografka" over "6. 12. 2026"
# over the Release Generator's "[generated using relgen]".
_SIGNED_LINES = 4


_SIGNATURE_EXTRA_WORDS = 3  # "Stefan Ivanov, 05.12.2026", "Sara Conti, photographer"


def _one_level_out(text: str) -> str:
    """A quoted mail that opens with a quoted header block ("> De la: …" over "> Data: …"), one ">"
    taken off each line, for its header block to be read as one."""
    return _ONE_LEVEL.sub("", text) if text.lstrip().startswith(">") else text


_ONE_LEVEL = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_QUOTE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)


def _unquoted(text: str) -> str:
    """The quoted mail's own lines, without the ">" marks each reply added: read as the sender's words, a
    sentence wrapped over "> … not limited to\n> > Wikipedia" is whole again."""
    return _QUOTE_PREFIX.sub("", text)


def _restated(segments: tuple[Segment, ...], index: int, sender: Address) -> bool:
    """A quote with no header between the sender's own lines, the line before it ending with a colon, that
    names the sender by full name: the sender setting out their statement again ("我再完整寫一次：" over
    "> 本人陳志明，為上述作品之攝影者…")."""
    segment = segments[index]
    name = " ".join(sender.name.casefold().split())
    if (
        segment.kind is not SegmentKind.QUOTED
        or segment.forwarded_from is not None
        or not 0 < index < len(segments) - 1
        or not _full_name(name)
    ):
        return False
    before, after = segments[index - 1], segments[index + 1]
    return (
        before.kind is SegmentKind.OWN
        and after.kind is SegmentKind.OWN
        and before.text.rstrip().endswith((":", "："))
        and name in " ".join(_unquoted(segment.text).casefold().split())
    )


def _quotes_sender(segment: Segment, sender: Address, signed: str) -> bool:
    """A quote of the sender's own mail: its header names the sender's address, or names no address but
    the sender's full display name ("On 04/12/2026 10:15, Tom Aske wrote:", "在 …，陈志远 写道：") or the
    quote is signed with it (also under a header naming only another address), or a name of two words at least
    that signs the reply (the firm's address sends, "Marco Ricci" signs)."""
    quoted = segment.forwarded_from
    if segment.kind is not SegmentKind.QUOTED:
        return False
    name = " ".join(sender.name.casefold().split())
    if quoted is None:
        # an HTML quote whose header the parser did not find: signed at its end with the sender's name
        # ("> Sabine Ostermann, 05.12.2026", "김하늘 2026-12-06")
        return _full_name(name) and name in _signed_lines(segment.text)[-_LAST_SIGNED_CHARS:]
    if quoted.addr:
        # from another address its header names no one by, signed on a line of its own with the sender's
        # full name: "Lars Ekström" wrote from Gmail first and confirms from his site's address now
        full = _full_name_of(sender)
        return _same_person(quoted, sender, signed) or (
            full is not None
            and not any(len(run) >= 2 for run in _capitalised_runs(quoted.name))
            and _signed_by(segment.text.splitlines(), full)
        )
    header = " ".join(quoted.name.casefold().split())
    if _full_name(name) and (name in header or name in _signed_lines(segment.text)):
        return True
    return _signs_the_reply(quoted.name, signed)


def _same_person(quoted: Address, sender: Address, signed: str) -> bool:
    """The quoted mail's From is the sender: the same address, or from another address the same full
    name, or a name of two words at least that signs the reply (the holder's earlier mail from a personal
    address, confirmed now from the official one: "Elif Aydın <…@gmail.com>", signed "Dr. Elif Aydın")."""
    name = _full_name_of(sender)
    return (
        quoted.addr == sender.addr
        or (name is not None and " ".join(quoted.name.casefold().split()) == name)
        or _signs_the_reply(quoted.name, signed)
    )


def _signs_the_reply(text: str, signed: str) -> bool:
    """A name of two capitalised words at least in `text` that the reply is signed with."""
    return any(len(run) >= 2 and " ".join(run).casefold() in signed for run in _capitalised_runs(text))


def _full_name_of(sender: Address) -> str | None:
    """The sender's display name, folded, when it is a person's full name of two words at least."""
    name = " ".join(sender.name.casefold().split())
    return name if len(name.split()) >= 2 and "@" not in name else None


def _full_name(name: str) -> bool:
    """Two words at least, or a name in a script written without spaces ("김하늘", "山田太郎")."""
    return len(name.split()) >= 2 or (len(name) >= 2 and CASELESS_RUN.fullmatch(name) is not None)


def _signed_lines(quote: str) -> str:
    """The last lines of a quoted mail, where it is signed ("Julien Brunel" under a header naming only
    "Atelier Brunel"), folded for comparison."""
    lines = [line for line in _unquoted(quote).splitlines() if line.strip()]
    return " ".join(" ".join(line.split()) for line in lines[-_SIGNATURE_LINES:]).casefold()


_SIGNATURE_LINES = 8
_LAST_SIGNED_CHARS = 80  # a quote without a header counts as the sender's only when signed at its very end


def _capitalised_runs(text: str) -> list[list[str]]:
    """Capitalised words in a row: the names a reply header may hold ("Marco Ricci" in "Il 04/12/2026
    11:05, Marco Ricci ha scritto:"), hyphened ones and short particles inside them too ("Jan-Willem de
    Vries")."""
    runs: list[list[str]] = [[]]
    words = re.split(r"[\s,;:()<>\[\]\"]+", text)
    for number, word in enumerate(words):
        name_word = word[:1].isupper() and word.replace("-", "").isalpha()
        following = words[number + 1] if number + 1 < len(words) else ""
        particle = runs[-1] and word.islower() and len(word) <= 3 and following[:1].isupper()
        if name_word or particle:
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


# Lines at the end of the sender's own words where a reply is signed.
_SIGNING_LINES = 6


def _signing_lines(own: str) -> str:
    """Where the reply is signed, folded: the last non-empty lines of the sender's own words, and every
    short line of them (a name under a closing, with a legal footer's lines below it)."""
    lines = [line.strip() for line in own.splitlines() if line.strip()]
    short = [line for line in lines if len(line.split()) <= _NAME_LINE_WORDS]
    parts = (lines[-_SIGNING_LINES:], short)
    return " | ".join(" ".join(" ".join(part).casefold().split()) for part in parts)


_NAME_LINE_WORDS = 4  # "Dr. Elif Aydın", "arh. Andrei Popescu"
