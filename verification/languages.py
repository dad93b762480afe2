"""Which language a paragraph is written in, so that a reader applies that language's words (plus the
common ones) and not a word of another language that looks the same (Dutch "enkel" = only, German
"Enkel" = grandson)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

Classify = Callable[[str], tuple[str, float]]  # text -> (ISO 639-1 code, probability)


@dataclass(frozen=True)
class LanguageDetector:
    """An offline classifier and the confidence below which a paragraph's language counts as unknown.

    Unknown means every language's words apply: a reader unsure of the language stays strict.
    """

    classify: Classify
    min_confidence: float

    def language(self, paragraph: str) -> str | None:
        code, probability = self.classify(paragraph)
        return code if probability >= self.min_confidence else None

    def guess(self, paragraph: str) -> tuple[str, float]:
        """The likeliest language and its probability, however unsure."""
        return self.classify(paragraph)


def paragraph_around(text: str, start: int, end: int) -> str:
    """The paragraph (between blank lines) holding text[start:end]."""
    first = text.rfind("\n\n", 0, start)
    last = text.find("\n\n", end)
    return text[first + 1 if first >= 0 else 0 : last if last >= 0 else len(text)]


class ParagraphLanguages:
    """The language of each paragraph of one text, detected once per paragraph, under the config's code
    (`detected_as` maps a detector's code to it: py3langid's "no" is Bokmål, "nb"). None: no detector, or
    unsure."""

    def __init__(self, text: str, detector: LanguageDetector | None, detected_as: Mapping[str, str]) -> None:
        self._text, self._detector, self._detected_as = text, detector, detected_as
        self._guesses: dict[str, tuple[str, float]] = {}

    def at(self, start: int, end: int) -> str | None:
        """The language of the paragraph holding text[start:end], when the detector is sure of it."""
        if self._detector is None:
            return None
        return self.likely(start, end, self._detector.min_confidence)

    def likely(self, start: int, end: int, floor: float) -> str | None:
        """The paragraph's likeliest language from probability `floor` up: for words listed as another
        word in that language ("son" is Spanish "are", no English son), a weaker sign suffices."""
        if self._detector is None or not self._text:
            return None
        paragraph = paragraph_around(self._text, start, end)
        if paragraph not in self._guesses:
            code, probability = self._detector.guess(paragraph)
            self._guesses[paragraph] = (self._detected_as.get(code, code), probability)
        code, probability = self._guesses[paragraph]
        return code if probability >= floor else None


def unread_languages(
    text: str,
    detector: LanguageDetector,
    detected_as: Mapping[str, str],
    read: Collection[str],
    min_letters: int,
) -> tuple[str, ...]:
    """The languages, confidently detected, of the paragraphs of `text` with `min_letters` letters of prose
    or more that none of `read` is: no word list sees a restriction written in them. A paragraph's first
    `_UNREAD_SAMPLE` characters of prose tell its language (the detector's cost grows with the text)."""
    found: list[str] = []
    for paragraph in text.split("\n\n"):
        prose = prose_for_detection(paragraph, _UNREAD_SAMPLE)
        if sum(map(str.isalpha, prose)) < min_letters:
            continue
        code = detector.language(prose)
        language = detected_as.get(code, code) if code is not None else None
        if language is not None and language not in read and language not in found:
            found.append(language)
    return tuple(found)


_UNREAD_SAMPLE = 300


# Tokens that say nothing about the language of the words around them: links, addresses, numbers.
_NOT_PROSE_MARK = re.compile(r"://|@|www\.")


@dataclass(frozen=True)
class SenderLanguage:
    """The language the sender writes in, for the suggested reply: detected once, on the sender's own
    words only (never quoted or forwarded text). A guess is worse than none, so short or unsure text
    gets None and the agent picks the language."""

    detector: LanguageDetector
    min_letters: int  # fewer letters of prose than this: unsure ("Thanks!", "see attached")
    max_characters: int  # only the start is classified: a long or hostile mail costs no more

    def of(self, own_words: str) -> str | None:
        """The ISO 639-1 code of `own_words`' language, or None when short or unsure."""
        prose = prose_for_detection(own_words, self.max_characters)
        if sum(map(str.isalpha, prose)) < self.min_letters:
            return None
        return self.detector.language(prose)


def prose_for_detection(text: str, max_characters: int) -> str:
    """The words of `text` without links, addresses and numbers, at most `max_characters` of them."""
    words = (word for word in text[: max_characters * 2].split() if _is_prose_word(word))
    return " ".join(words)[:max_characters]


def _is_prose_word(word: str) -> bool:
    """A word with a letter that is no link, address or number; a word of letters only (most words)
    is one at once, since every mark of a link holds a character that is no letter."""
    if word.isalpha():
        return True
    return any(map(str.isalpha, word)) and _NOT_PROSE_MARK.search(word) is None


# Persian mail sent as windows-1256 has no Persian yeh: it writes the Arabic yeh and kaf ("براي ويکي‌پديا"),
# where the Persian tables spell "برای ویکی‌پدیا". Letters only Persian uses mark a paragraph as Persian.
_ARABIC_LETTERS_AS_PERSIAN = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
_PERSIAN_ONLY_LETTERS = frozenset("\u067e\u0686\u0698\u06af\u06a9\u06cc")  # پ چ ژ گ ک ی
_ARABIC_YEH_KAF = frozenset("\u064a\u0649\u0643")


def with_persian_letters(text: str) -> str:
    """The text with each Persian paragraph's Arabic yeh and kaf written as Persian ones: a paragraph
    holding both a letter only Persian uses and an Arabic yeh or kaf is Persian spelt with Arabic letters.
    One letter for one, so that every offset stays."""
    if not _ARABIC_YEH_KAF.intersection(text):
        return text  # most mail
    return "\n\n".join(
        paragraph.translate(_ARABIC_LETTERS_AS_PERSIAN)
        if _PERSIAN_ONLY_LETTERS.intersection(paragraph) and _ARABIC_YEH_KAF.intersection(paragraph)
        else paragraph
        for paragraph in text.split("\n\n")
    )
