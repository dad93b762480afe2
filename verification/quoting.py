"""Split a mail body into the sender's own words, quoted earlier mail and forwarded mail.

A release only counts when the holder writes it in person, so the verifier must know whose words each line
is. Replies quote with "> " or after a reply header ("On <date>, X wrote:"), Outlook puts a header block
(From/Sent/To/Subject) above the earlier mail, and forwards start with a marker line followed by the
forwarded message's own header lines. Every phrase and pattern comes from config/mail.toml.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Self

from verification.config_values import string_list
from verification.errors import ConfigError
from verification.model import Address, Segment, SegmentKind
from verification.tickets import split_subject_prefixes

_MARKER_TRIM = " \t-_=*:"
_SPACES = re.compile(r"\s+")
# "\s*(?:\*+\s*)?" reads what "\s*\**\s*" reads, without two quantifiers sharing a run of spaces.
_HEADER_LINE = re.compile(r"^\s*(?:\*+\s*)?([^:：\s][^:：]{0,30}?)\s*(?:\*+\s*)?[:：]\s*(?:\*+\s*)?(.*)$")
# A run of the characters an address is written with. An address is a whole run with an "@" after its
# first character and, past the "@", a dot neither next to it nor last: what the pattern
# [^…]+@[^…]+\.[^…]+ matches, without the search that backtracks over long runs.
_ADDRESS_RUN = re.compile(r"[^\s<>\[\]()\"',;:]+")
_NAME_TRIM = " \t\"'<>[]()*,;:"
_MARKER_MAX_LENGTH = 100
_UNSPACED = re.compile("[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af\u0590-\u06ff]")
_OFFERED_WORDS = 4  # "YES / NO", "JA oder NEIN": an offered choice names both in its first words
_QUESTION_MARKS = "?？;\u037e"  # ";" and U+037E: the Greek question mark
# "[KB]": initials in square brackets, how a sender marks the answers written into a quoted mail; or
# a mark of punctuation the sender names in quotes ('válaszaimat … ">>" jellel', with ">>")
_BRACKET_MARKER = re.compile(r"\[[^\W\d_]{1,4}:?\]|\([^\W\d_]{1,4}:?\)")
# An arrow opening a line under a quoted question: "=> CC BY-SA 4.0", "-> Oui", "→ yes".
_ARROW_ANSWER = re.compile(r"^(?:=+>|-+>|[→⇒➔➜])\s*(?=\S)")
# A line that asks: a question mark at its end, perhaps before the choices offered in brackets ("Sob qual
# licença …? (CC BY-SA 4.0, CC BY 4.0 ou CC0 1.0)").
_ASKS = re.compile(r"[?？؟]\s*(?:\([^()]*\))?\s*$")
_QUOTED_MARK = re.compile(r"[\"“„«']([^\w\s\"“”„«»']{1,3})[\"”“»']")
_OUTLOOK_BLOCK_SPAN = 6  # the Sent/Date and Subject lines follow From within this many lines


class _Mode(enum.Enum):
    LINES = "lines"  # each line on its own: "> " quoted, else own
    QUOTED_REST = "quoted_rest"  # after a reply header: everything is quoted
    FORWARDED = "forwarded"  # after a forward marker: everything is forwarded


@dataclass(frozen=True)
class QuotingVocabulary:
    """The markers and header names that start quoted or forwarded text, in every language we know."""

    reply_headers: tuple[re.Pattern[str], ...]
    forward_markers: frozenset[str]
    original_markers: frozenset[str]
    from_keys: frozenset[str]
    date_keys: frozenset[str]
    subject_keys: frozenset[str]
    other_keys: frozenset[str]
    forward_subject_prefixes: frozenset[str]
    answer_labels: frozenset[str]
    answer_words: frozenset[str]
    answer_colours: tuple[str, ...] = ()
    inline_answer_phrases: tuple[str, ...] = ()
    answer_bold_words: tuple[str, ...] = ()
    # the permissions queue's own domains: a quoted mail from one is the agent's ("… <permissions-commons@
    # wikimedia.org> wrote:")
    queue_domains: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """Build from the [quoting] table of config/mail.toml; ConfigError names a missing or bad key."""
        patterns = []
        for source in string_list(data, "reply_headers", "quoting"):
            try:
                patterns.append(re.compile(source, re.IGNORECASE))
            except re.error as exc:
                raise ConfigError(f"quoting.reply_headers: bad pattern {source!r}: {exc}") from None
        return cls(
            reply_headers=tuple(patterns),
            forward_markers=_keys(data, "forward_markers"),
            original_markers=_keys(data, "original_markers"),
            from_keys=_keys(data, "from_keys"),
            date_keys=_keys(data, "date_keys"),
            subject_keys=_keys(data, "subject_keys"),
            other_keys=_keys(data, "other_keys"),
            forward_subject_prefixes=_keys(data, "forward_subject_prefixes"),
            answer_labels=_keys(data, "answer_labels"),
            answer_words=_keys(data, "answer_words"),
            answer_colours=tuple(sorted(_keys(data, "answer_colours"))),
            inline_answer_phrases=tuple(sorted(_keys(data, "inline_answer_phrases"))),
            answer_bold_words=tuple(sorted(_keys(data, "answer_bold_words"))),
            queue_domains=tuple(
                domain.lower() for domain in string_list(data, "queue_domains", "quoting", required=False)
            ),
        )

    def header_key(self, line: str) -> tuple[str, str] | None:
        """("from"|"date"|"subject"|"other", value) when the line is a mail header line we know."""
        match = _HEADER_LINE.match(line)
        if match is None:
            return None
        key = _normalise(match.group(1))
        for role, keys in (
            ("from", self.from_keys),
            ("date", self.date_keys),
            ("subject", self.subject_keys),
            ("other", self.other_keys),
        ):
            if key in keys:
                return role, match.group(2).strip()
        return None

    def opens_answer(self, line: str, markers: frozenset[str], names: frozenset[str] = frozenset()) -> bool:
        """A quoted line the sender wrote: it opens with an answer label and a colon ("RÉPONSE : OUI") or
        with one of the `markers` the sender's own words name ("[KB] CC BY 4.0", ">> IGEN")."""
        plain = line.lstrip("> \t")
        marker = _BRACKET_MARKER.match(plain)
        if marker is not None and (marker.group(0) in markers or _initials_of(marker.group(0), names)):
            return True  # "[KB]" the sender's words named, or "[PdV:]" the initials of "Pieter de Vries"
        # a mark of two characters at least: one alone (">", "*", "-") also quotes or lists
        if any(line.lstrip().startswith(mark) for mark in markers if len(mark) >= 2 and mark[0] not in "[("):
            return True
        match = _HEADER_LINE.match(plain)
        return (
            match is not None
            and match.group(2).strip() != ""
            and (_normalise(match.group(1)) in self.answer_labels or _normalise(match.group(1)) in names)
        )

    def answer_text(self, line: str, markers: frozenset[str], names: frozenset[str] = frozenset()) -> str:
        """The answer a quoted line holds, its label or marker left out: "RÉPONSE : NON" reads "NON",
        for a "no" to stand right after the question it answers."""
        plain = line.lstrip("> \t")
        for mark in sorted(markers, key=len, reverse=True):
            if mark[0] in "[(" and plain.startswith(mark):
                return plain[len(mark) :].lstrip()
            if len(mark) >= 2 and line.lstrip().startswith(mark):
                return line.lstrip()[len(mark) :].lstrip("> \t")
        marker = _BRACKET_MARKER.match(plain)
        if marker is not None and _initials_of(marker.group(0), names):
            return plain[marker.end() :].lstrip(" :")
        match = _HEADER_LINE.match(plain)
        if match is not None and (
            _normalise(match.group(1)) in self.answer_labels or _normalise(match.group(1)) in names
        ):
            return match.group(2)
        return plain

    # Each list as one pattern: most lines hold none of its words, and one search says so (the checks of
    # where a word stands run only on the lines that hold one).
    @functools.cached_property
    def _colour_stems(self) -> re.Pattern[str]:
        return _any_of(self.answer_colours)

    @functools.cached_property
    def _bold_stems(self) -> re.Pattern[str]:
        return _any_of(self.answer_bold_words)

    @functools.cached_property
    def _inline_phrases(self) -> re.Pattern[str]:
        return _any_of(self.inline_answer_phrases)

    def names_a_colour(self, text: str) -> bool:
        """The text names a colour ("Mes réponses sont en rouge"): a colour word's stem opening a word,
        or anywhere in a script written without spaces or capitals (Han, kana, Hangul, Arabic, Hebrew)."""
        folded = text.casefold()
        return self._colour_stems.search(folded) is not None and _names_one_of(text, self.answer_colours)

    def names_bold(self, text: str) -> bool:
        """The text says its answers are in bold ("أجبت … بالخط العريض", "in Fettschrift"), found as a
        colour is."""
        folded = text.casefold()
        return self._bold_stems.search(folded) is not None and _names_one_of(text, self.answer_bold_words)

    def says_answered_inline(self, text: str) -> bool:
        """The sender's words say the answers stand in the quoted mail, under its questions ("Respondi no
        corpo do seu e-mail, logo abaixo de cada pergunta")."""
        folded = _normalise(text)
        if self._inline_phrases.search(folded) is None:
            return False
        return any(
            at == 0 or not folded[at - 1].isalpha() or _UNSPACED.match(phrase) is not None
            for phrase in self.inline_answer_phrases
            for at in _starts_of(folded, phrase)
        )

    def capital_answer(self, text: str) -> bool:
        """`text` opens with a yes or a no written in capitals ("DA, am făcut-o eu", "ΝΑΙ"); not the choice an
        agent offers ("YES / NO", "JA oder NEIN"): two answer words in its first words."""
        plain = text.lstrip("> \t")
        folded = plain.casefold()
        opening = re.findall(r"\w+", folded)[:_OFFERED_WORDS]
        if len({word for word in opening if word in self.answer_words}) >= 2:
            return False
        for word in self.answer_words:
            written = plain[: len(word)]
            after = plain[len(word) : len(word) + 1]
            if folded.startswith(word) and not after.isalpha() and written.isupper():
                return True
        return False

    def answer_after_question(self, line: str) -> int | None:
        """Where an answer in capitals starts after a question on the same quoted line: "Συμφωνείτε …
        (CC BY-SA 4.0); ΝΑΙ"."""
        for index in range(len(line) - 1, -1, -1):
            if line[index] in _QUESTION_MARKS:
                rest = line[index + 1 :]
                if rest.strip() and self.capital_answer(rest.lstrip()):
                    return index + 1 + (len(rest) - len(rest.lstrip()))
                return None
        return None


def is_forward_subject(subject: str, vocab: QuotingVocabulary) -> bool:
    """True when a prefix of the subject says it is a forward (Fwd:, WG:, TR:, RV:, I:, ...)."""
    prefixes, _ = split_subject_prefixes(subject)
    return any(_normalise(p) in vocab.forward_subject_prefixes for p in prefixes)


def split_segments(
    text: str,
    vocab: QuotingVocabulary,
    *,
    forward_subject: bool = False,
    answer_names: frozenset[str] = frozenset(),
) -> tuple[Segment, ...]:
    """Segments of `text` in reading order; `forward_subject` makes an Outlook header block a forward, and
    a quoted line labelled with one of `answer_names` (the sender's names and initials: "METTE: …",
    "MH: …") is the sender's answer."""
    return _Splitter(vocab, forward_subject, answer_names).split(text.splitlines())


def answer_names(sender: Address | None) -> frozenset[str]:
    """The labels a sender may sign an answer inside a quote with: each name, the full name, the initials
    ("Martin Hudec": martin, hudec, martin hudec, mh)."""
    if sender is None:
        return frozenset()
    words = [word for word in _normalise(sender.name).split() if len(word) >= 2 and word.isalpha()]
    if not words:
        return frozenset()
    initials = "".join(word[0] for word in words) if len(words) >= 2 else None
    return frozenset({*words, " ".join(words), *([initials] if initials else [])})


def _initials_of(marker: str, names: frozenset[str]) -> bool:
    """A bracketed marker holding one of the sender's names or initials: "[PdV:]", "(MH)"."""
    return _normalise(marker.strip("[]():")) in names


def _is_address(run: str) -> bool:
    at = run.find("@", 1)
    return at > 0 and run.find(".", at + 2, len(run) - 1) >= 0


def forwarded_address(value: str) -> Address | None:
    """The mailbox of a forwarded header's From value: "Ben <ben@x.org>", "Ben [mailto:ben@x.org]", ..."""
    match = next((run for run in _ADDRESS_RUN.finditer(value) if _is_address(run.group())), None)
    if match is None:
        return None
    addr = match.group(0).removeprefix("mailto:").lower()
    name = (value[: match.start()] + " " + value[match.end() :]).replace("mailto:", " ")
    return Address(addr=addr, name=_SPACES.sub(" ", name).strip(_NAME_TRIM).strip())


class _Splitter:
    """One pass over the lines; appends (kind, line, forwarded_from) runs to `self.runs`."""

    def __init__(self, vocab: QuotingVocabulary, forward_subject: bool, answer_names: frozenset[str]) -> None:
        self.vocab = vocab
        self.forward_subject = forward_subject
        self.answer_names = answer_names
        self.runs: list[tuple[SegmentKind, list[str], Address | None]] = []
        self.quoted_from: Address | None = None  # the From its reply header names, for the quote under it
        self.answer_markers: set[str] = set()  # "[KB]" in the sender's own words: the answers' marker
        self.answering = False  # inside an answer the sender wrote into the quote, until a blank line
        self.asked = False  # the last quoted line ends with a question
        self.inline = False  # the sender's words say the answers stand under the quoted questions
        self.coloured = False  # the sender's words name a colour: the answers' ("Respondi … a azul")
        self.question_at = -2  # the index of the last quoted line that asks a question

    def split(self, lines: Sequence[str]) -> tuple[Segment, ...]:
        mode = _Mode.LINES
        index = 0
        while index < len(lines):
            line = lines[index]
            if not line.strip(" \t>"):
                self.answering = False  # a blank line, quoted or not, ends an answer
            if not line.strip():
                self._append_blank()
                index += 1
                continue
            quoted = mode is _Mode.QUOTED_REST or (mode is _Mode.LINES and line.lstrip().startswith(">"))
            if quoted and (
                # an answer goes on over the lines under it in a quote without marks (Outlook's), where
                # nothing else tells its lines apart; a ">" line is the quote's again
                (self.answering and not line.lstrip().startswith(">"))
                or self.vocab.opens_answer(line, frozenset(self.answer_markers), self.answer_names)
                or (self.asked and self.vocab.capital_answer(line))
                or (
                    (self.asked or self.inline or self.coloured)
                    and _ARROW_ANSWER.match(line.lstrip("> \t")) is not None
                )
                or self._inline_answer(lines, index, mode)
            ):
                self.answering = True
                self.asked = False
                answer_text = self.vocab.answer_text(line, frozenset(self.answer_markers), self.answer_names)
                answer_text = _ARROW_ANSWER.sub("", answer_text.lstrip("> \t"), count=1)
                self._append(SegmentKind.OWN, _in_lower_case(answer_text))
                index += 1
                continue
            answer = self.vocab.answer_after_question(line) if quoted else None
            if answer is not None:
                self._append(SegmentKind.QUOTED, line[:answer], self.quoted_from)
                self._append(SegmentKind.OWN, _in_lower_case(line[answer:]))
                self.asked = False
                index += 1
                continue
            if quoted:
                if line.strip(" \t>"):  # an empty quoted line between keeps the question asked
                    self.asked = line.rstrip().endswith(tuple(_QUESTION_MARKS))
                if _ASKS.search(line):
                    self.question_at = index
                nested = self._nested_reply_header(line)
                if nested is not None:  # "On 04/12/2026, Tom Aske wrote:" inside the agent's quote
                    self.quoted_from = nested
                self._append(SegmentKind.QUOTED, line, self.quoted_from)
                index += 1
                continue
            key = _marker_key(line)
            started = self._forward_start(lines, index, key)
            if started is not None:
                index = started
                mode = _Mode.FORWARDED
                continue
            if mode is _Mode.FORWARDED:
                self._append(SegmentKind.FORWARDED, line)
                index += 1
                continue
            reply_end = self._reply_header_end(lines, index)
            if reply_end is not None:
                self.quoted_from = forwarded_address(" ".join(lines[index:reply_end]))
                for header_line in lines[index:reply_end]:
                    self._append(SegmentKind.QUOTED, header_line, self.quoted_from)
                if not _next_line_quoted(lines, reply_end):
                    mode = _Mode.QUOTED_REST
                index = reply_end
                continue
            if key in self.vocab.original_markers or self._outlook_block_at(lines, index):
                start = _skip_blank(lines, index + 1) if key in self.vocab.original_markers else index
                end, self.quoted_from = self._header_block(lines, start)
                if end > start and _next_line_quoted(lines, end):
                    # the mail under the header block is marked with ">": the lines without are the sender's
                    # answers between its questions, as in any ">" quote
                    for header_line in lines[index:end]:
                        self._append(SegmentKind.QUOTED, header_line, self.quoted_from)
                    index = end
                    continue
                mode = _Mode.QUOTED_REST
                self._append(SegmentKind.QUOTED, line, self.quoted_from)
                index += 1
                continue
            self.quoted_from = None
            self.inline = self.inline or self.vocab.says_answered_inline(line)
            self.coloured = self.coloured or self.vocab.names_a_colour(line) or self.vocab.names_bold(line)
            self.answer_markers.update(_BRACKET_MARKER.findall(line))
            self.answer_markers.update(_QUOTED_MARK.findall(line))
            # an answer typed in capitals right under a quoted line: "NE, FOTKY DĚLAL NÁŠ EXTERNÍ FOTOGRAF …"
            under_quote = index > 0 and lines[index - 1].lstrip().startswith(">")
            self._append(SegmentKind.OWN, _in_lower_case(line) if under_quote else line)
            index += 1
        return self._segments()

    def _inline_answer(self, lines: Sequence[str], index: int, mode: _Mode) -> bool:
        """A line of a quote without marks (Outlook's) right under a question, itself no question nor a
        header line, when the sender's words said the answers stand under the questions: "2) Sob qual
        licença …? (CC BY-SA 4.0, …)" over "CC BY 4.0, por favor."."""
        line = lines[index]
        return (
            self.inline
            and mode is _Mode.QUOTED_REST
            and index == self.question_at + 1
            and not line.lstrip().startswith(">")
            and not _ASKS.search(line)
            and self.vocab.header_key(line) is None
        )

    def _forward_start(self, lines: Sequence[str], index: int, key: str) -> int | None:
        """Index after a forward marker (or forwarded Outlook block) at `index`, having opened its run."""
        original = self.forward_subject and key in self.vocab.original_markers
        if key in self.vocab.forward_markers or original:
            start = _skip_blank(lines, index + 1)
        elif self.forward_subject and self._outlook_block_at(lines, index):
            start = index
        else:
            return None
        end, sender = self._header_block(lines, start)
        if key not in self.vocab.forward_markers and _next_line_quoted(lines, end):
            # under a forward's subject, a mail marked with ">" below the block is replied to: Finnish
            # "VS:" answers ("vastaus") where Danish "VS:" forwards
            return None
        # each header line a paragraph of its own: "Skickat: den 28 november 2026 14:02" and "Till: Jonas"
        # are no sentence ("until 28 November 2026")
        headers = [part for line in lines[start:end] for part in (line, "")]
        self.runs.append((SegmentKind.FORWARDED, headers, sender))
        return end

    def _outlook_block_at(self, lines: Sequence[str], index: int) -> bool:
        """A From line followed closely by a Sent/Date line and a Subject line."""
        if ":" not in lines[index] and "：" not in lines[index]:
            return False
        header = self.vocab.header_key(lines[index])
        if header is None or header[0] != "from":
            return False
        roles = set()
        for line in lines[index + 1 : index + _OUTLOOK_BLOCK_SPAN]:
            found = self.vocab.header_key(line)
            if found is None:
                break
            roles.add(found[0])
        return {"date", "subject"} <= roles

    def _header_block(self, lines: Sequence[str], start: int) -> tuple[int, Address | None]:
        """End of the header lines starting at `start` (continuations included) and their From."""
        index = start
        sender: Address | None = None
        while index < len(lines):
            line = lines[index]
            header = self.vocab.header_key(line)
            if header is not None:
                if header[0] == "from" and sender is None:
                    sender = forwarded_address(header[1])
            elif not (index > start and line[:1] in {" ", "\t"} and line.strip()):
                break
            index += 1
        return index, sender

    def _reply_header_end(self, lines: Sequence[str], index: int) -> int | None:
        """Index after a reply header that fills this line, or this line and the next (a wrapped header)."""
        line = lines[index].strip()
        if line.endswith((":", "：")) and self._is_reply_header(line):
            return index + 1
        if index + 1 < len(lines):
            following = lines[index + 1].strip()
            if following.endswith((":", "：")) and self._is_reply_header(f"{line} {following}"):
                return index + 2
        return None

    def _nested_reply_header(self, line: str) -> Address | None:
        """The author a reply header inside a quote names: its address, or, where it names none, the
        whole header as the name ("On 04/12/2026 10:15, Tom Aske wrote:"), for a name to be found in."""
        plain = line.lstrip("> \t").strip()
        if not plain.endswith((":", "：")) or not self._is_reply_header(plain):
            return None
        return forwarded_address(plain) or Address(addr="", name=plain)

    def _is_reply_header(self, line: str) -> bool:
        return any(pattern.search(line) for pattern in self.vocab.reply_headers)

    def _append(self, kind: SegmentKind, line: str, sender: Address | None = None) -> None:
        # a forwarded run keeps the sender its header block gave it; quotes part where their From changes
        if (
            self.runs
            and self.runs[-1][0] is kind
            and (kind is not SegmentKind.QUOTED or self.runs[-1][2] == sender)
        ):
            self.runs[-1][1].append(line)
        else:
            self.runs.append((kind, [line], sender))

    def _append_blank(self) -> None:
        if self.runs:
            self.runs[-1][1].append("")

    def _segments(self) -> tuple[Segment, ...]:
        segments: list[Segment] = []
        for kind, lines, sender in self.runs:
            text = "\n".join(lines).strip()
            if text:
                segments.append(Segment(kind=kind, text=text, forwarded_from=sender))
        return tuple(segments)


def _in_lower_case(answer: str) -> str:
    """An answer typed all in capitals, in lower case but its first letter: "NE, FOTKY DĚLAL NÁŠ EXTERNÍ
    FOTOGRAF" reads as written in a sentence, where the readers find who took the photos (capitals mark
    names, and a line of them would be one long name)."""
    cased = [char for char in answer if char.lower() != char.upper()]  # none in a script without capitals
    words = [word for word in answer.split() if any(char.lower() != char.upper() for char in word)]
    if len(words) < _LOWERED_WORDS or not all(char.isupper() for char in cased):
        return answer  # "ΝΑΙ", "CC BY 4.0": a word or two, nothing a name could hide in
    return answer[:1] + answer[1:].lower()


_LOWERED_WORDS = 4


def _next_line_quoted(lines: Sequence[str], index: int) -> bool:
    index = _skip_blank(lines, index)
    return index < len(lines) and lines[index].lstrip().startswith(">")


def _skip_blank(lines: Sequence[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _names_one_of(text: str, stems: Sequence[str]) -> bool:
    """One of `stems` opens a word of `text`, or stands anywhere in a script without spaces or capitals."""
    folded = text.casefold()
    return any(
        at == 0 or not folded[at - 1].isalpha() or (not stem.isascii() and _UNSPACED.match(stem) is not None)
        for stem in stems
        for at in _starts_of(folded, stem)
    )


def _any_of(parts: Sequence[str]) -> re.Pattern[str]:
    """A pattern that finds any of `parts` (never matching when there are none)."""
    if not parts:
        return re.compile(r"(?!)")
    return re.compile("|".join(re.escape(part) for part in sorted(parts, key=len, reverse=True)))


def _starts_of(text: str, part: str) -> list[int]:
    starts, at = [], text.find(part)
    while at >= 0:
        starts.append(at)
        at = text.find(part, at + 1)
    return starts


def _normalise(text: str) -> str:
    return " ".join(text.replace("*", " ").split()).casefold()


def _marker_key(line: str) -> str:
    """The line as a marker phrase; long lines are prose, never markers, and are not normalised."""
    return "" if len(line) > _MARKER_MAX_LENGTH else _normalise(line.strip(_MARKER_TRIM))


def _keys(data: Mapping[str, Any], key: str) -> frozenset[str]:
    return frozenset(_normalise(item.strip(_MARKER_TRIM)) for item in string_list(data, key, "quoting"))
