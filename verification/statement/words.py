"""The statement reader's words: tokens with their folded form, span and line, so that names are
read from capitals and templates from folded words."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from verification.licenses import CJK_LETTERS, LONG_TEXT, LONG_TEXTS_KEPT, SHORT_TEXTS_KEPT, fold


@functools.cache
def _word_pattern() -> re.Pattern[str]:
    """Words with their combining marks (Devanagari and Thai vowel signs, Arabic harakat), so that
    "राहुल" and "ใจดี" are one word each, not letters and marks apart (built once, on first use)."""
    marks = "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.category(chr(c)).startswith("M"))
    letters = rf"(?:[^\W_]|[{re.escape(marks)}])+"
    return re.compile(rf"{letters}(?:[-'’]{letters})*|[^\w\s]")


_ELISION = re.compile(r"([^\W\d_A-Z]{1,5})['’](?=[^\W\d_])")
# Letters of scripts without case, where a name cannot be told by its capital: Han, kana, Hangul.
CASELESS_RUN = re.compile(rf"[{CJK_LETTERS}\uac00-\ud7af]+")


class Tok(NamedTuple):
    """A word or a punctuation mark, with its folded form, its span and its line (a named tuple, like
    the license reader's Token: made for every word of a text)."""

    raw: str
    norm: str
    start: int
    end: int
    line: int

    @property
    def is_word(self) -> bool:
        return self.raw[0].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.raw[0].isupper()


def is_letters(word: str) -> bool:
    """A word of letters, the vowel signs and other marks written on them included: "ফারহানা", "हिन्दी"
    (`str.isalpha` is false for a spacing vowel sign)."""
    return word[:1].isalpha() and all(c.isalpha() or unicodedata.category(c).startswith("M") for c in word)


def word_tokens(text: str) -> tuple[Tok, ...]:
    """Words (hyphens and apostrophes inside kept: "Anne-Marie", "O'Brien") and punctuation marks.

    A lower-case elision is its own word ("l'Orchestre" -> l, Orchestre; "dell'Arte" -> dell, Arte), so
    that the name after it is seen capitalised. A text is cut once while it is read (see tokenize).
    """
    return _word_tokens_long(text) if len(text) >= LONG_TEXT else _word_tokens_short(text)


@functools.lru_cache(maxsize=LONG_TEXTS_KEPT)
def _word_tokens_long(text: str) -> tuple[Tok, ...]:
    return _word_tokens(text)


@functools.lru_cache(maxsize=SHORT_TEXTS_KEPT)
def _word_tokens_short(text: str) -> tuple[Tok, ...]:
    return _word_tokens(text)


def _word_tokens(text: str) -> tuple[Tok, ...]:
    out: list[Tok] = []
    line = 0
    previous = 0
    for match in _word_pattern().finditer(text):
        start, raw = match.start(), match.group()
        line += text.count("\n", previous, start)
        previous = start
        elision = _ELISION.match(raw) if "'" in raw or "’" in raw else None
        if elision:
            head = elision.group(1)
            out.append(Tok(head, fold(head), start, start + len(head) + 1, line))
            start, raw = start + elision.end(1) + 1, raw[elision.end(1) + 1 :]
        if _THAI_BY_END not in raw:  # most words: no Thai by-word inside; most are ASCII, folded at once
            out.append(Tok(raw, raw.lower() if raw.isascii() else fold(raw), start, start + len(raw), line))
            continue
        for part_start, part in _thai_parts(start, raw):
            out.append(Tok(part, fold(part), part_start, part_start + len(part), line))
    return tuple(out)


# Thai writes no spaces between words: a credit's by-words ("ถ่ายโดย", taken by) and the honorific "คุณ" or
# a first-person pronoun after them are cut from the run they stand in ("ภาพทั้งสองถ่ายโดยคุณณัฐวุฒิ" ->
# ภาพทั้งสอง, ถ่ายโดย, คุณ, ณัฐวุฒิ), so that the credit templates and the name after them are words of
# their own. Longest first.
_THAI_BY = ("ถ่ายภาพโดย", "ภาพถ่ายโดย", "ถ่ายโดย", "ภาพโดย")
_THAI_BY_END = "โดย"  # every by-word ends so
_THAI_HONORIFIC = "คุณ"
# the first person after a by-word: "ถ่ายโดยผมเอง" (taken by me myself) is the signer's own credit
_THAI_PRONOUNS = ("ข้าพเจ้า", "ดิฉัน", "ผม", "ฉัน", "เรา")


def _thai_parts(start: int, raw: str) -> list[tuple[int, str]]:
    """`raw` at `start`, cut at a Thai by-word inside it; the word itself where it holds none."""
    at, by = min(((raw.find(word), word) for word in _THAI_BY if word in raw), default=(-1, ""))
    if at < 0 or (at == 0 and len(raw) == len(by)):
        return [(start, raw)]
    parts = [(start, raw[:at])] if at else []
    parts.append((start + at, by))
    rest, rest_start = raw[at + len(by) :], start + at + len(by)
    lead = next((word for word in (_THAI_HONORIFIC, *_THAI_PRONOUNS) if rest.startswith(word)), "")
    if lead and len(rest) > len(lead):
        parts.append((rest_start, lead))
        rest, rest_start = rest[len(lead) :], rest_start + len(lead)
    if rest:
        parts.append((rest_start, rest))
    return parts


# A line that starts a list item or a quote, or is indented (a block laid out by hand: "   Texto: … · Fotos:
# …" over "   Revista …"), is its own line, whatever the length of the one before.
_OWN_LINE = re.compile(r"\s*(?:[>*•·\-–—]|\d+[.)]\s)|[ \t]{2,}\S")


# A postal address (a house number, then a postcode and a town: "Rue de Nimy 27, 7000 Mons"), a web or
# mail address: a signature's line, never the rest of a sentence.
_ADDRESS_LINE = re.compile(
    r"\b\d{1,4}[a-zA-Z]?,\s*(?:[A-Z]{1,2}-)?\d{4,5}\s+\w|^\s*(?:www\.|https?://)|@\S+\.\w"
)


def joined_wraps(text: str, wrapped_length: int) -> str:
    """`text` with each line break a mail program put into a sentence made a space: after a line of at
    least `wrapped_length` characters that does not end a sentence, before a line of text (not blank, not
    a list item or a quote). Every other character keeps its place, so spans found here are spans of
    `text`."""
    lines = text.split("\n")
    out: list[str] = []
    for number, line in enumerate(lines[:-1]):
        following = lines[number + 1]
        body = line.rstrip()
        soft = (
            len(body) >= wrapped_length
            and body[-1] not in ".!?:;。！？："
            and following.strip() != ""
            and not _OWN_LINE.match(following)
            and not _ADDRESS_LINE.search(following)
        )
        out.append(line + (" " if soft else "\n"))
    out.append(lines[-1])
    return "".join(out)


# An aside between two dashes with spaces around them, in one paragraph: "taken early one April morning in
# 2019 - the week the restored wheel turned for the first time - by Graham Pike", however its lines break.
_DASHED_ASIDE = re.compile(
    r"(?<=\S) [-\u2013\u2014][ \n](?:[^\n]|\n(?![ \t]*\n)){1,300}?[ \n][-\u2013\u2014] (?=\S)"
)


def without_asides(text: str) -> str:
    """The text with dashed asides cut out, so that a verb and its by-word stand together again; the
    offsets change, so this text is read for credits only."""
    return _DASHED_ASIDE.sub(" ", text)


def phrase_start(text: str, phrase: str) -> int | None:
    """Where a phrase read with its whitespace flattened stands in `text`, whose lines may break it."""
    words = phrase.split()
    found = re.search(r"\s+".join(map(re.escape, words)), text) if words else None
    return found.start() if found is not None else None
