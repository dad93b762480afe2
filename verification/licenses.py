"""Which license a release grants, read from free text in any language the vocabulary knows.

The text is cut into normalised tokens (case-folded, accents removed, dashes and punctuation dropped), so
"CC BY‑SA 4.0", "cc-by-sa-4.0" and "Creative Commons Namensnennung – Weitergabe unter gleichen
Bedingungen 4.0" all become short token runs. Every word and phrase comes from config/licenses.toml,
grouped by language: teaching the reader a new language is a config edit. A restriction anywhere (NC, ND,
"only for Wikipedia", "no commercial use") beats any free grant, because one restriction makes the whole
release insufficient; the standard release wording that says the opposite ("also in a commercial
product", "not limited to Wikipedia") is masked before restrictions are looked for. Restrictions written
as a refused permission ("Bearbeitungen sind nicht gestattet", "non sono consentite modifiche") are found
by a window: a modification or commercial word and a prohibition within a few tokens of one clause.
Negations written after the phrase ("yalnızca Vikipedi'de değil", "ウィキペディアのみならず") turn it
around too; Han and kana, written without spaces, are read a character a token. Public-domain wording
without a versioned CC0 grant is no license: the policy wants a version.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, Self

from verification.config_values import strings
from verification.errors import ConfigError
from verification.languages import LanguageDetector, ParagraphLanguages
from verification.model import LicenseFinding, LicenseProblem

# Scripts written without spaces between words (Han, kana) are cut into single characters, so that
# "ウィキペディアのみ" is ウ..ア + の + み and phrases match inside a run of text. Korean puts spaces
# between words, so Hangul stays in words.
CJK_LETTERS = "\u3041-\u3096\u309d-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9d"
# A number's digits may be of any script ("۴٫۰", "٤٫٠": Persian and Arabic-Indic digits with the Arabic
# decimal separator); its `norm` is written in ASCII digits with ".", so that every version reads alike.
_DECIMAL_SEPARATORS = ".\u066b"
# Combining marks (Arabic harakat, Hebrew points, Devanagari vowel signs) continue the word they follow:
# "المُصنَّف" is one word, which folds to "المصنف" as written without them.
_MARKS_END = 0x10000  # the marks of the Basic Multilingual Plane: every script the readers know
# Thai, Lao, Myanmar and Khmer put no spaces between words either: their letters are cut one a token like
# Han, each with the vowel and tone marks written on it ("ห้าม" is ห้ + า + ม), so that "เท่านั้น" (only)
# matches inside "ใช้ในวิกิพีเดียเท่านั้น".
_SPACELESS_BLOCKS = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF))


@functools.cache
def _token_pattern() -> re.Pattern[str]:
    """The tokenizer's pattern, its classes of combining marks and of letters of scripts without spaces
    taken from Unicode (built once, on first use)."""
    marks = "".join(chr(c) for c in range(0x300, _MARKS_END) if unicodedata.category(chr(c)).startswith("M"))
    spaceless = "".join(
        chr(c)
        for first, last in _SPACELESS_BLOCKS
        for c in range(first, last + 1)
        if unicodedata.category(chr(c)).startswith("L")
    )
    one_each = f"{CJK_LETTERS}{re.escape(spaceless)}"
    letter = rf"[^\W\d_{one_each}]"
    return re.compile(
        rf"\d+(?:[{_DECIMAL_SEPARATORS}]\d+)*|[{one_each}][{re.escape(marks)}]*"
        rf"|{letter}+(?:[{re.escape(marks)}]+{letter}*)*|\+"
    )


# A sentence ends at . ! ? ; before a space, unless a dash or a version number follows ("Nevezd meg! -
# Így add tovább! 4.0": Hungarian's official names carry "!"), at a blank line, or at a full-width stop
# (Chinese and Japanese put no space after "。"), a danda ("।", Hindi and Bengali) or an Armenian,
# Ethiopic, Burmese or Khmer full stop ("։", "።", "။", "។"); clauses end at any separating punctuation,
# full-width forms and the Burmese comma ("၊") included.
_SENTENCE_END = re.compile(
    r"[.!?;]\s+(?![-\u2010-\u2015]|\d+\.\d)|\n\s*\n"
    r"|[\u3002\uff01\uff1f\uff1b\u061f\u06d4\u0964\u0965\u0589\u1362\u104b\u17d4\u17d5]"
)
# Marks that open a list item at a line's start: each item is a sentence of its own.
_BULLETS = frozenset("•·‣▪●◦*–-")
_GAP_CHARS = frozenset(
    ",:()[]{}<>|\u3001\uff0c\uff1a\uff08\uff09\u060c\u300c\u300d\u300e\u300f\u3010\u3011\u104a\u17d6"
)
# where a _SENTENCE_END match can start: a text between two tokens without any needs no search
_SENTENCE_END_CHARS = frozenset(
    ".!?;\n\u3002\uff01\uff1f\uff1b\u061f\u06d4\u0964\u0965\u0589\u1362\u104b\u17d4\u17d5"
)
# Letters that Unicode does not decompose but people write without their mark; and the circled c that
# Korean and Japanese keyboards offer for the copyright sign ("사진 ⓒ 박지훈"), which would decompose to "c".
_FOLD_EXTRA = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "\u24d2": "©", "\u24b8": "©"}
)
_FREE_ELEMENTS = frozenset({"BY", "SA"})
_PREFIX_HEAD = 2
# letters of a prefix phrase's first word it is indexed by
_ELEMENT_ORDER = ("BY", "NC", "ND", "SA")
_RESTRICTION_RANK = (
    LicenseProblem.NON_COMMERCIAL,
    LicenseProblem.NO_DERIVATIVES,
    LicenseProblem.WIKIPEDIA_ONLY,
    LicenseProblem.NOT_FREE,
)


_THAI_LAO, _LAO_END = "\u0e00", "\u0eff"


def fold(text: str) -> str:
    """Case-fold and strip accents, so that "Wikipédia", "WIKIPEDIA" and "wikipedia" compare equal."""
    if text.isascii():  # most words: nothing to decompose, and casefold is lower
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    # Thai and Lao tone marks tell words apart ("ค่า" fee, "ค้า" trade): kept, unlike a Latin accent
    return "".join(
        c for c in decomposed if not unicodedata.combining(c) or _THAI_LAO <= c <= _LAO_END
    ).casefold()


class Token(NamedTuple):
    """One word or number: `norm` for matching, `raw` and the span for quoting it as written.

    `brk` marks a sentence boundary before the token (phrases never span one); `gap` marks any
    separating punctuation (a comma, a parenthesis), after which a bare "4" is not taken as a version;
    `sep` is the text between the previous token and this one. A named tuple: texts are cut into many,
    and a tuple is made three times faster than a frozen dataclass.
    """

    norm: str
    raw: str
    start: int
    end: int
    brk: bool
    gap: bool
    sep: str


class Tokens(tuple[Token, ...]):
    """A text's tokens, with an index of where each folded word stands (built once, on first use).

    Phrase tables walk only the positions where one of their phrases can start (`PhraseTable.starts`),
    so a reader costs what the text's distinct words cost, not a table lookup at every token.
    """

    @functools.cached_property
    def positions(self) -> Mapping[str, list[int]]:
        return _positions(self)

    @functools.cached_property
    def span_cache(self) -> dict[tuple[int, frozenset[int], LicenseProblem | None], tuple[_Span, ...]]:
        """Spans found by a phrase table (by its id: tables live as long as their vocabulary), with the
        tokens masked and the problem they were asked with."""
        return {}

    @functools.cached_property
    def start_cache(self) -> dict[int, tuple[int, ...]]:
        """Where each phrase table's phrases may start (by the table's id, as in `span_cache`)."""
        return {}

    @functools.cached_property
    def shared_starts(self) -> dict[int, Sequence[tuple[int, ...]]]:
        """Where the phrases of every table of a `StartIndex` may start, by the index's id, then by the
        table's place in it."""
        return {}

    @functools.cached_property
    def sentence_numbers(self) -> Sequence[int]:
        """For each token, the number of its sentence (asked by most readers, so counted once)."""
        return tuple(itertools.accumulate(token.brk for token in self))

    @functools.cached_property
    def by_initial(self) -> Mapping[str, list[str]]:
        """The distinct folded words by their first letter: a table's prefix phrases look only at the
        words that start with the letters their prefixes start with."""
        return _by_initial(self.positions)


def _by_initial(norms: Iterable[str]) -> dict[str, list[str]]:
    initials: dict[str, list[str]] = {}
    for norm in norms:
        initials.setdefault(norm[:1], []).append(norm)
    return initials


def _positions(tokens: Sequence[Token]) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for index, token in enumerate(tokens):
        positions.setdefault(token.norm, []).append(index)
    return positions


# A text is tokenised once while it is read: the release text by several readers, a name or a signature
# line again and again. Texts at least LONG_TEXT characters are kept a few at a time (a hostile mail's huge
# text is not held on to), shorter ones by the many.
LONG_TEXT = 200
LONG_TEXTS_KEPT = 8
SHORT_TEXTS_KEPT = 1024


def tokenize(text: str) -> Tokens:
    """Cut `text` into tokens; letters and digits are split apart ("CC0" -> cc, 0; "v4.0" -> v, 4.0)."""
    return _tokenize_long(text) if len(text) >= LONG_TEXT else _tokenize_short(text)


@functools.lru_cache(maxsize=LONG_TEXTS_KEPT)
def _tokenize_long(text: str) -> Tokens:
    return _tokenize(text)


@functools.lru_cache(maxsize=SHORT_TEXTS_KEPT)
def _tokenize_short(text: str) -> Tokens:
    return _tokenize(text)


def _ascii_number(number: str) -> str:
    """A number of decimal digits of any script, written with ASCII digits and "." ("۴٫۰" -> "4.0")."""
    if number.isascii():
        return number
    return "".join("." if c in _DECIMAL_SEPARATORS else str(unicodedata.decimal(c)) for c in number)


def _tokenize(text: str) -> Tokens:
    tokens: list[Token] = []
    previous_end = 0
    for match in _token_pattern().finditer(text):
        raw = match.group()
        if raw.isascii():  # most tokens: an ASCII number is already written with ASCII digits
            norm = raw.lower()
        else:
            norm = _ascii_number(raw) if raw[0].isdecimal() else fold(raw)
            if not norm:
                continue  # a letter made only of marks folding away
        start, end = match.span()
        between = text[previous_end:start]
        glued = _glued_code(raw, norm) if len(raw) >= _GLUED_CODE_MIN else None
        if glued is not None:  # its first element here, the others after it
            norm, raw, end = glued[0], raw[:2], start + 2
        if between == " ":  # most tokens: one space after the last, which neither breaks nor separates
            tokens.append(Token(norm, raw, start, end, False, False, between))
        else:
            brk = bool(tokens) and _breaks(text, between, previous_end, end)
            gap = brk or (not _GAP_CHARS.isdisjoint(between) and not _case_ending(tokens, between, raw))
            tokens.append(Token(norm, raw, start, end, brk, gap, between))
        if glued is not None:
            for part in glued[1:]:
                tokens.append(Token(part, text[end : end + 2], end, end + 2, False, False, ""))
                end += 2
        previous_end = end
    return Tokens(tokens)


# A Creative Commons code written without spaces or dashes ("CCBYSA 4", "CCBY-SA 4.0", "ccbyncnd") is read
# as its elements, one token apiece: a word of two-letter elements with "by" among them, after "cc" or
# (in capitals) without it ("BYSA"). No word of prose is one ("sand" has no "by").
_GLUED_CODE = re.compile(r"(?:cc)?(?:by|sa|nc|nd)+")
_GLUED_CODE_MIN = 4


def _glued_code(raw: str, norm: str) -> list[str] | None:
    """The elements of a glued code ("CCBYSA" -> cc, by, sa), or None for any other word."""
    if _GLUED_CODE.fullmatch(norm) is None:
        return None
    parts = [norm[i : i + 2] for i in range(0, len(norm), 2)]
    if "by" not in parts or (parts[0] != "cc" and not raw.isupper()):
        return None
    return parts


# The longest case ending written after a colon: Finnish "ry:n", "EU:ssa", "YLE:lle", Swedish "EU:s".
_CASE_ENDING = 4


def _case_ending(tokens: Sequence[Token], between: str, raw: str) -> bool:
    """A case ending after a colon, no space on either side ("Lintuharrastajat ry:n ei-kaupallisessa
    jäsenlehdessä"): the word goes on, the clause does not end. A file name after its namespace ("File:Foo",
    "Tiedosto:Kaakkuri") starts upper-case."""
    return (
        between == ":"
        and bool(tokens)
        and tokens[-1].raw[-1:].isalpha()
        and len(raw) <= _CASE_ENDING
        and raw.isalpha()
        and raw.islower()
    )


def _breaks(text: str, between: str, previous_end: int, end: int) -> bool:
    """A sentence ends in `between`, the text from `previous_end` to the next token, which ends at `end`.

    The next token decides too ("! 4.0" goes on), so the search window runs to its end; a match starts
    between the tokens (a token neither holds nor ends with ". " or a line break)."""
    if _SENTENCE_END_CHARS.isdisjoint(between):
        return False
    if "\n" in between and between.rsplit("\n", 1)[1].strip()[-1:] in _BULLETS:
        return True  # a list's next item: "• credit to …\n• no use on book covers"; not "Region -\nzu"
    found = _SENTENCE_END.search(text, previous_end, end)
    return (
        found is not None
        and not _ordinal_dot(text, found.start(), previous_end + len(between))
        and not _inside_guillemets(text, found.start())
    )


def _inside_guillemets(text: str, at: int) -> bool:
    """A full stop inside a title in guillemets on one line: "la mostra «Langhe. Terra e vino»" goes on."""
    if "\n" in text[at : at + 2]:
        return False
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    before = text[line_start:at]
    after = text[at : len(text) if line_end < 0 else line_end]
    return before.count("«") > before.count("»") and "»" in after


def _ordinal_dot(text: str, dot: int, next_token: int) -> bool:
    """A dot after a number that a lower-case word follows marks an ordinal or a date, not a sentence's end:
    "2027. december 31-ig" (Hungarian), "do 31. prosince 2027" (Czech), "til 1. maj" (Danish) read on; so
    does a day or a month before the next number ("do 31. 12. 2027"), and a short lower-case abbreviation
    before a lower-case word ("…, tj. do konce roku", "z. B. für"), or a one-letter one before another
    ("z. B.")."""
    if text[dot] != "." or dot == 0 or text[dot + 1 : next_token] not in (" ", "\u00a0"):
        return False  # a line break or a blank line still ends it
    following = text[next_token : next_token + 1]
    if text[dot - 1].isdecimal():
        digits = len(text[:dot]) - len(text[:dot].rstrip("0123456789"))
        return following.islower() or (digits <= _DATE_PART_DIGITS and following.isdecimal())
    # an abbreviation may open a bracket: "(hal. menu, packaging)", "(e.g. postcards)"
    word = [
        part.lstrip("([{«“‘\"'") for part in text[max(0, dot - _ABBREVIATION_LETTERS - 1) : dot].split()[-1:]
    ]
    if not word or not word[0] or len(word[0]) > _ABBREVIATION_LETTERS:
        return False
    if following.isalpha() and _title_before(text, dot):
        return True  # "Dr. Ebner", "dr hab. inż. Jan Nowak", "J. Smith": a name goes on
    if word[0].islower() and _DOTTED_ABBREVIATION.fullmatch(word[0]):
        return True  # "i.e. CC BY-SA 4.0", "e.g. Wikipedia", "т.е. …": letters joined by dots
    if not all(unicodedata.category(char)[0] in "LM" for char in word[0]):
        return False  # letters, and the vowel signs written on them ("डॉ")
    if len(word[0]) == 1 and word[0].islower() and text[next_token + 1 : next_token + 2] == ".":
        return True  # one letter and another, each with its dot: "z. B.", "u. U.", "v. a."
    # Hindi and Bengali end sentences with a danda: a dot there ends an abbreviation ("डॉ. अनिल शर्मा")
    return (word[0].islower() and following.islower()) or (
        _INDIC.match(word[0]) is not None and _INDIC.match(following) is not None
    )


# An abbreviation of short lower-case parts joined by dots: "i.e", "e.g", "d.h", "т.е", "p.ex".
_DOTTED_ABBREVIATION = re.compile(r"[^\W\d_]{1,2}(?:\.[^\W\d_]{1,2})+")


def _title_before(text: str, dot: int) -> bool:
    """The word before text[dot] is a title or an initial ("Dr.", "Mme.", "J."), or a part of a degree
    written after a title ("Dr. rer. nat.": "nat." alone may end a sentence, "med." is Swedish for "with")."""
    word = text[max(0, dot - _ABBREVIATION_LETTERS - 1) : dot].split()[-1:]
    if not word or not word[0].isalpha():
        return False
    if word[0] in _TITLES or (len(word[0]) == 1 and word[0].isupper()):
        return True
    before = text[: dot - len(word[0])].rstrip()
    return word[0] in _DEGREE_PARTS and before.endswith(".") and _title_before(text, len(before) - 1)


# Titles written with a dot before a name, in the languages read; a dot after one ends no sentence. Lower-case
# forms are Polish and Czech ("prof. dr hab. Jan Nowak", "doc. Ing. Petr Novák").
_TITLES = frozenset(
    {
        "Dr", "Dra", "Drs", "Prof", "Profa", "Pr", "Mr", "Mrs", "Ms", "Mx", "Mme", "Mlle", "Mgr", "Ing",
        "Inż", "Dipl", "Mag", "Dott", "Sig", "Sigra", "Sr", "Sra", "Srta", "Dña", "Dhr", "Mevr", "Mw",
        "Ir", "Avv", "Arch", "Lic", "Arq", "Eng", "Rev", "PhDr", "RNDr", "MUDr", "JUDr", "Bc", "Hr", "St",
        "Δρ", "Καθ", "prof", "dr", "mgr", "inż", "hab", "проф", "доц", "акад",
    }
)  # fmt: skip
# Parts of a degree after a title: "Dr. rer. nat.", "Dr. med. dent.", "Dr. phil. habil."
_DEGREE_PARTS = frozenset(
    {
        "rer",
        "nat",
        "med",
        "phil",
        "jur",
        "oec",
        "pol",
        "techn",
        "habil",
        "dent",
        "vet",
        "theol",
        "paed",
        "agr",
        "sc",
    }
)
# Letters of the scripts that end a sentence with a danda (Devanagari, Bengali).
_INDIC = re.compile("[\u0900-\u09ff]")
# A day or a month written before a dot: "31. 12. 2027".
_DATE_PART_DIGITS = 2
# Letters of an abbreviation a dot ends without ending the sentence: "tj.", "např.", "bzw.".
_ABBREVIATION_LETTERS = 4


@dataclass(frozen=True)
class _Word:
    text: str  # folded
    prefix: bool  # "niekomercyjn*": any token starting with the text
    accented: str = ""  # "=mí": the token as written (case-folded, accents kept) must be this
    joined: bool = False  # a later token of one written word ("のみ" is の, み): no quote mark before it

    def matches(self, token: Token) -> bool:
        if self.accented:
            return token.raw.casefold() == self.accented
        return token.norm == self.text or (self.prefix and token.norm.startswith(self.text))


@dataclass(frozen=True)
class PhraseMatch:
    """A phrase found at a token index: how many tokens it covers and the value it stands for."""

    length: int
    value: str


@dataclass(frozen=True)
class PhraseTable:
    """Token phrases, each with a value; finds the longest phrase starting at a token index.

    A phrase is written naturally in the config ("Pas d'Utilisation Commerciale") and tokenised like the
    text; a word ending in "*" matches any token it begins (for inflected languages); a word starting
    with "=" must match as written, accents included ("=mí").
    """

    by_first: Mapping[str, tuple[tuple[tuple[_Word, ...], str], ...]]
    # Phrases whose first word is a prefix ("niekomercyjn*"), by the first letter or two of that prefix,
    # so that each token tries only the few that can match it.
    prefixed: Mapping[str, tuple[tuple[tuple[_Word, ...], str], ...]]
    # Those prefixes whole: a token can start a prefixed phrase only when it starts with one of them.
    first_prefixes: tuple[str, ...]
    # The same prefixes by their first letter, to be compared only with the text's words of that letter.
    prefixes_by_initial: Mapping[str, tuple[str, ...]]
    # For a first word whose phrases all go on with a word written out whole, those second words: most
    # places a common first word ("i", "the", "nicht") stands are then passed over without a match.
    seconds: Mapping[str, frozenset[str]]
    # The index this table's first words are in, and the table's place in it (`StartIndex`).
    shared: tuple[StartIndex, int] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def build(cls, entries: Iterable[tuple[str, str]], key: str) -> Self:
        """`entries` are (phrase, value); `key` names the config key in error messages."""
        by_first: dict[str, list[tuple[tuple[_Word, ...], str]]] = {}
        prefixed: dict[str, list[tuple[tuple[_Word, ...], str]]] = {}
        for phrase, value in entries:
            words = _phrase_words(phrase, key)
            if words[0].prefix:
                prefixed.setdefault(words[0].text[:_PREFIX_HEAD], []).append((words, value))
            else:
                by_first.setdefault(words[0].text, []).append((words, value))
        first_prefixes = tuple({words[0].text: None for items in prefixed.values() for words, _ in items})
        by_initial: dict[str, list[str]] = {}
        for prefix in first_prefixes:
            by_initial.setdefault(prefix[:1], []).append(prefix)
        return cls(
            by_first={first: _longest_first(items) for first, items in by_first.items()},
            prefixed={head: _longest_first(items) for head, items in prefixed.items()},
            first_prefixes=first_prefixes,
            prefixes_by_initial={initial: tuple(prefixes) for initial, prefixes in by_initial.items()},
            seconds={
                first: frozenset(words[1].text for words, _ in items)
                for first, items in by_first.items()
                if all(len(words) > 1 and _written_whole(words[1]) for words, _ in items)
            },
        )

    def can_start(self, norm: str) -> bool:
        """A phrase's first word matches a token folded to `norm` (only there is a `match` worth trying)."""
        return norm in self.by_first or norm.startswith(self.first_prefixes)

    def starts(self, tokens: Sequence[Token]) -> Sequence[int]:
        """The token indices, in order, where some phrase may start; every other index has no match.

        Each distinct word of the text is looked up once; a text's Tokens keep each table's answer (many
        readers ask for the same table's), or the answer for all the tables of a shared index at once."""
        if not isinstance(tokens, Tokens):
            return self._starts(Tokens(tokens))
        if self.shared is not None:
            index, place = self.shared
            return index.starts(tokens)[place]
        found = tokens.start_cache.get(id(self))
        if found is None:
            found = tokens.start_cache[id(self)] = self._starts(tokens)
        return found

    def _starts(self, tokens: Tokens) -> tuple[int, ...]:
        positions = tokens.positions
        plain = positions.keys() & self.by_first.keys()
        found = [index for norm in plain - self.seconds.keys() for index in positions[norm]]
        last = len(tokens) - 1
        for norm in plain & self.seconds.keys():
            seconds = self.seconds[norm]
            found.extend(i for i in positions[norm] if i < last and tokens[i + 1].norm in seconds)
        if self.first_prefixes:
            prefixed = self._prefixed_firsts(tokens.by_initial)
            found.extend(index for norm in prefixed for index in positions[norm])
        return tuple(sorted(set(found)))

    def _prefixed_firsts(self, by_initial: Mapping[str, list[str]]) -> Iterator[str]:
        """The text's distinct words that begin with a prefix phrase's first word, looked for only among
        the words of the initials the text and the prefixes share."""
        for initial in by_initial.keys() & self.prefixes_by_initial.keys():
            prefixes = self.prefixes_by_initial[initial]
            yield from (norm for norm in by_initial[initial] if norm.startswith(prefixes))

    def match(self, tokens: Sequence[Token], index: int) -> PhraseMatch | None:
        """The longest phrase starting at `index` that crosses no sentence boundary, if any."""
        if index >= len(tokens):
            return None
        norm = tokens[index].norm
        best_length, best_value = 0, ""
        # each list is sorted longest first: its first phrase that matches is its longest
        for words, value in self.by_first.get(norm, ()):
            if len(words) <= best_length:
                break
            # the first word is the token's own (unless it must match as written): check from the second
            if _matches_at(words, tokens, index, 0 if words[0].accented else 1):
                best_length, best_value = len(words), value
                break
        if self.prefixed:  # by the token's first letter, then its first two (when it has two)
            for length in range(1, min(_PREFIX_HEAD, len(norm)) + 1):
                for words, value in self.prefixed.get(norm[:length], ()):
                    if len(words) <= best_length:
                        break
                    if _matches_at(words, tokens, index, 0):
                        best_length, best_value = len(words), value
                        break
        return PhraseMatch(best_length, best_value) if best_length else None

    def matches_any(self, tokens: Sequence[Token], index: int) -> bool:
        return self.match(tokens, index) is not None


@dataclass(frozen=True)
class StartIndex:
    """The first words of many phrase tables in one place: a text's distinct words are looked up once for
    all of them, where each table would otherwise compare the text's words with its own first words.

    A vocabulary's tables are asked about one text over and over (a release text by some 80 of them), and
    most of what each asks is the same: which of the text's words open a phrase."""

    plain: Mapping[str, tuple[int, ...]]  # a first word written whole -> the places of its tables
    prefixed: Mapping[str, tuple[int, ...]]  # a first word's prefix ("niekomercyjn") -> the same
    # those prefixes' lengths by their first two letters, shortest first: a word is cut only where a
    # prefix of its own first letters ends
    prefix_lengths: Mapping[str, tuple[int, ...]]
    short_prefixes: bool  # a prefix shorter than `_PREFIX_HEAD` letters: its one letter is a head too
    seconds: tuple[Mapping[str, frozenset[str]], ...]  # each table's `PhraseTable.seconds`
    size: int

    @classmethod
    def shared_by(cls, tables: Mapping[str, PhraseTable]) -> dict[str, PhraseTable]:
        """The tables, each now answering `starts` from one index over all of them."""
        keys = list(tables)
        plain: dict[str, list[int]] = {}
        prefixed: dict[str, list[int]] = {}
        for place, key in enumerate(keys):
            table = tables[key]
            for first in table.by_first:
                plain.setdefault(first, []).append(place)
            for prefix in table.first_prefixes:
                prefixed.setdefault(prefix, []).append(place)
        index = cls(
            plain={first: tuple(places) for first, places in plain.items()},
            prefixed={prefix: tuple(places) for prefix, places in prefixed.items()},
            prefix_lengths=_lengths_by_head(prefixed),
            short_prefixes=any(len(prefix) < _PREFIX_HEAD for prefix in prefixed),
            seconds=tuple(tables[key].seconds for key in keys),
            size=len(keys),
        )
        return {key: replace(tables[key], shared=(index, place)) for place, key in enumerate(keys)}

    def starts(self, tokens: Tokens) -> Sequence[tuple[int, ...]]:
        """For each table, in order, the token indices where one of its phrases may start."""
        found = tokens.shared_starts.get(id(self))
        if found is None:
            found = tokens.shared_starts[id(self)] = self._starts(tokens)
        return found

    def _starts(self, tokens: Tokens) -> list[tuple[int, ...]]:
        by_place: dict[int, list[int]] = {}
        last = len(tokens) - 1
        for norm, where in tokens.positions.items():
            for place in self.plain.get(norm, ()):
                seconds = self.seconds[place].get(norm)
                if seconds is None:
                    by_place.setdefault(place, []).extend(where)
                else:
                    by_place.setdefault(place, []).extend(
                        i for i in where if i < last and tokens[i + 1].norm in seconds
                    )
            lengths = self.prefix_lengths.get(norm[:_PREFIX_HEAD], ())
            if self.short_prefixes and len(norm) >= _PREFIX_HEAD:  # "a*" for "ab…" too
                lengths = tuple(sorted({*lengths, *self.prefix_lengths.get(norm[:1], ())}))
            for length in lengths:
                if length > len(norm):
                    break
                for place in self.prefixed.get(norm[:length], ()):
                    by_place.setdefault(place, []).extend(where)
        starts: list[tuple[int, ...]] = [()] * self.size
        for place, indices in by_place.items():
            starts[place] = tuple(sorted(set(indices)))
        return starts


def _lengths_by_head(prefixes: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """The prefixes' lengths by their first `_PREFIX_HEAD` letters (a shorter prefix by itself)."""
    lengths: dict[str, set[int]] = {}
    for prefix in prefixes:
        lengths.setdefault(prefix[:_PREFIX_HEAD], set()).add(len(prefix))
    return {head: tuple(sorted(found)) for head, found in lengths.items()}


def _written_whole(word: _Word) -> bool:
    """The word matches only a token folded to its text (not any token it begins, not as written)."""
    return not word.prefix and not word.accented


def _longest_first(
    items: Iterable[tuple[tuple[_Word, ...], str]],
) -> tuple[tuple[tuple[_Word, ...], str], ...]:
    return tuple(sorted(items, key=lambda item: -len(item[0])))


# Marks that open or close a quotation or an aside: a written word does not run on across one.
_QUOTE_MARKS = '「」『』()（）[]"“”«»'


def _matches_at(words: Sequence[_Word], tokens: Sequence[Token], index: int, first: int = 0) -> bool:
    """The words match the tokens from `index` on, those before offset `first` known to match."""
    if index + len(words) > len(tokens):
        return False
    for offset in range(first, len(words)):
        word = words[offset]
        token = tokens[index + offset]
        if offset and (token.brk or (word.joined and any(mark in token.sep for mark in _QUOTE_MARKS))):
            return False  # "ウィキペディアの「みどり荘」": no "のみ" (only) across the quote mark
        if not word.matches(token):
            return False
    return True


def _phrase_words(phrase: str, key: str) -> tuple[_Word, ...]:
    words: list[_Word] = []
    for chunk in phrase.split():
        prefix = chunk.endswith("*")
        accented = chunk.startswith("=")  # Spanish "mí" (me) is not "mi" (my): compare as written
        parts = [token.norm for token in tokenize(chunk.strip("*="))]
        if not parts:
            continue  # punctuation ("&", "-") is not a token in the text either
        words.extend(_Word(part, False, joined=at > 0) for at, part in enumerate(parts[:-1]))
        accent = chunk.strip("*=").casefold() if accented else ""
        words.append(_Word(parts[-1], prefix, accent, joined=len(parts) > 1))
    if not words:
        raise ConfigError(f"{key}: {phrase!r} has no letters or digits")
    return tuple(words)


# --- configuration -------------------------------------------------------------------------------------

_LANGUAGE_LISTS = (
    "cc_names",
    "cc_abbreviations",
    "license_words",
    "version_words",
    "zero",
    "public_domain",
    "gfdl_names",
    "lal_names",
    "later",
    "negators",
    "negative_determiners",
    "post_negators",
    "clause_negators",
    "demonstratives",
    "not_limited",
    "elsewhere_words",
    "allow",
    "not_use_words",
    "non_commercial",
    "no_derivatives",
    "not_free",
    "reserved",
    "only_words",
    "only_openers",
    "only_closers",
    "only_breakers",
    "wiki_words",
    "modify_words",
    "commercial_words",
    "permission_words",
    "use_nouns",
    "negated_permissions",
    "conjunctions",
    "prohibition_words",
    "revocation_words",
    "mail_words",
    "confidential_words",
    "addressee_words",
    "org_nouns",
    "removal_words",
    "outside_words",
    "only_suffixes",
    "use_categories",
    "scope_words",
    "own_sites",
    "other_works",
    "other_works_topics",
    "other_works_pronouns",
    "attribute_ends",
    "unlikened_words",
    "still_valid_words",
    "report_words",
    "third_party_words",
    "topic_markers",
    "joining_endings",
    "text_words",
    "own_photographing",
    "wish_nouns",
    "alike_words",
    "exclude_verbs",
    "even_if_words",
    "excluded_words",
    "grant_nouns",
    "but_words",
    "post_refusals",
    "condition_nouns",
    "demanded_marks",
    "photographing_acts",
    "visitor_words",
    "unlike_words",
    "channel_words",
    "order_auxiliaries",
    "chosen_words",
    "platform_words",
    "place_prepositions",
    "genitive_postpositions",
    "personal_data_words",
    "link_words",
    "consent_words",
    "consent_markers",
    "required_markers",
    "possessives",
    "fee_words",
    "donation_words",
    "obligation_words",
    "voluntary_words",
    "wiki_tool_words",
    "suitability_words",
    "hearsay_words",
    "covers_words",
    "product_words",
    "nobody_words",
    "notice_words",
    "territory_words",
    "within_words",
    "post_without_words",
    "while_words",
    "verb_final_prepositions",
    "notify_words",
    "before_words",
    "when_words",
    "notify_first_words",
    "period_words",
    "term_words",
    "lasting_words",
    "not_covering_words",
    "struck_words",
    "can_words",
    "above_words",
    "below_words",
    "unchanged_subjects",
    "mistake_words",
    "correct_words",
    "confirm_words",
    "assent_words",
    "keep_words",
    "seek_words",
    "conditions",
    "if_words",
    "irrevocable_words",
    "negative_conditions",
    "without_words",
    "clause_words",
    "contrast_words",
    "choice_words",
    "against_words",
    "set_aside_words",
    "withdraw_words",
    "that_words",
    "other_uses",
    "nowhere_else",
    "exception_words",
    "purpose_words",
    "limit_words",
    "request_words",
    "use_verbs",
    "beforehand_words",
    "first_words",
    "any_time_words",
    "reserve_words",
    "until_words",
    "descriptive_auxiliaries",
    "contrast_adverbs",
    "work_nouns",
    "work_pronouns",
    "duration_units",
    "number_words",
    "validity_words",
    "no_answers",
    "lawful_words",
    "first_persons",
    "watermark_words",
    "so_far_words",
    "wrote_words",
    "other_versions",
    "agent_words",
    "everyone_words",
    "and_words",
    "form_nouns",
    "instead_words",
    "instead_after_words",
    "require_words",
    "ai_words",
)
_LANGUAGE_TABLES = ("elements", "port_names", "version_numbers")
# Lists whose words mean something else in another language ("enkel": Dutch only, German grandson;
# "verboten", "gestattet"): in a paragraph of a known language, only that language's words and the
# common ones count. Negators and allowing phrases stay merged: they act only beside a word that is checked.
_PER_LANGUAGE_LISTS = (
    "only_words",
    "clause_negators",
    "prohibition_words",
    "permission_words",
    "modify_words",
    "commercial_words",
    "use_verbs",
    "use_nouns",
    "negators",
    "descriptive_auxiliaries",
    "if_words",
    "revocation_words",
    "nobody_words",
    "verb_final_prepositions",
    "notify_words",
    "before_words",
    "first_persons",
    "when_words",
    "not_covering_words",
    "without_words",
    "purpose_words",
    "until_words",
    "exclude_verbs",
    "donation_words",
    "obligation_words",
)


@dataclass(frozen=True)
class LicenseVocabulary:
    """Every word the license reader knows, merged over the languages of config/licenses.toml."""

    spdx_ids: frozenset[str]
    cc_versions: frozenset[str]
    gfdl_versions: frozenset[str]
    lal_versions: frozenset[str]
    port_codes: Mapping[str, str]  # as written in capitals ("DE") -> port suffix of the SPDX id
    abbreviations: PhraseTable  # by, sa, nc, nd -> BY, SA, NC, ND
    elements: PhraseTable  # the written-out names: "Namensnennung" -> BY
    port_names: PhraseTable  # "Deutschland" -> DE
    version_numbers: PhraseTable  # "four", "vier" -> 4.0: a version written out after a version word
    cc_names: PhraseTable  # "Creative Commons": a license mention on its own
    cc_abbreviations: PhraseTable  # "CC": a mention only when license elements follow
    license_words: PhraseTable
    version_words: PhraseTable
    zero: PhraseTable
    public_domain: PhraseTable
    gfdl_names: PhraseTable
    lal_names: PhraseTable
    later: PhraseTable
    negators: PhraseTable
    negative_determiners: PhraseTable  # "no", "kein*", "nessun*": "is, under no circumstances, permitted"
    post_negators: PhraseTable  # "değil", "ならず": a negation written after what it negates
    clause_negators: PhraseTable  # per language: Tagalog "hindi" opening a clause negates all of it
    demonstratives: PhraseTable  # "this", "aquest": not counted between an only-word and its article
    not_limited: PhraseTable  # "sınırlı değildir", "に限定されない": "(only X) is not limited", clause-final
    elsewhere_words: PhraseTable  # "and elsewhere": "on Wikipedia and elsewhere" names no limit
    allow: PhraseTable
    not_use_words: PhraseTable  # "适用于" (applies to): holds "用于" (used for) and is another word
    non_commercial: PhraseTable
    no_derivatives: PhraseTable
    not_free: PhraseTable
    reserved: PhraseTable
    only_words: PhraseTable
    only_openers: PhraseTable  # French "ne": with a closer after it, the two say "only"
    only_closers: PhraseTable  # French "que": "je ne l'accorde que pour Wikipédia"
    only_breakers: PhraseTable  # "aucune", "autre": "ne comporte aucune restriction autre que" says no "only"
    wiki_words: PhraseTable
    use_categories: PhraseTable  # "editorial", "personal": with an only-word, a use limited to one kind
    scope_words: PhraseTable  # "article", "concours": right beside an only-word, a grant for that one use
    condition_nouns: PhraseTable  # "condition", "podmínka": with a link word, a link the reuser must give
    demanded_marks: PhraseTable  # "our logo", "弊社ロゴ": with a condition noun, a mark the reuser must add
    photographing_acts: PhraseTable  # "take photos", "hacer fotografías": the act, in a visitors' rule
    visitor_words: PhraseTable  # "visitors", "el público", "house rules": whom a photography rule binds
    unlike_words: PhraseTable  # "unlike", "в отличие от": what follows is compared with, not granted
    channel_words: PhraseTable  # "contact my agency", "laufen über": where commercial users must turn
    order_auxiliaries: PhraseTable  # "do" in "Do not crop": opening a sentence before a negator, an order
    chosen_words: PhraseTable  # "I choose", "wybieram": the free license after them is the one picked
    platform_words: PhraseTable  # "Flickr": a license named after one in its sentence is that copy's
    place_prepositions: PhraseTable  # "in", "no": before a place's name, after an only-word, a territory
    genitive_postpositions: PhraseTable  # "ki", "की": "hamari website ki baaki photos" (our site's others)
    personal_data_words: PhraseTable  # "personal data", "dane osobowe": a data-protection notice's sentence
    own_sites: PhraseTable  # "from my website": a revocation there takes the work off the holder's own site
    other_works: PhraseTable  # "the other photos on my site": a restriction of them is none of this grant's
    other_works_topics: (
        PhraseTable  # "その他の写真", "다른 사진*": the other works, as a topic wherever it stands
    )
    other_works_pronouns: PhraseTable  # "they", "die": opening a sentence, the other works named before
    attribute_ends: PhraseTable  # "lévő", "található": a participle ending an attribute set before a noun
    unlikened_words: PhraseTable  # "come sono", "wie sie sind": an alike-word likening nothing to this work
    still_valid_words: PhraseTable  # "rămân valabile", "still stands": with a below-word, the quote holds
    report_words: PhraseTable  # "notice", "told": before a required-marker, a rule reported, not set
    third_party_words: PhraseTable  # "of any third party", "Dritter": a consent someone else would give
    topic_markers: (
        PhraseTable  # "は", "については", "은": after them (or ending their word), a clause's topic
    )
    joining_endings: PhraseTable  # "과", "와": a word ending in one is joined to the next ("사진과 영상은")
    text_words: PhraseTable  # "text", "текст": "the text below is unchanged" says nothing of the work
    own_photographing: PhraseTable  # "I photograph", "fotografujem": "… only non-commercially" is a hobby
    wish_nouns: PhraseTable  # "request", "בקשה": "only a request" qualifies the wish, not the use
    alike_words: PhraseTable  # "like", "also": the other works named as this one's model, not apart from it
    exclude_verbs: (
        PhraseTable  # "I exclude", "schließe ich": a commercial or change use in the sentence is left out
    )
    excluded_words: PhraseTable  # "valt hier niet onder", "is excluded": after a use, the grant leaves it out
    grant_nouns: PhraseTable  # "release", "Freigabe": beside an excluded-phrase, what leaves works out
    but_words: PhraseTable  # "but", "aber", "mutta": with a negator right after, a use the grant leaves out
    even_if_words: PhraseTable  # "even if", "auch wenn": the condition they open asks for nothing
    post_refusals: PhraseTable  # Korean "말고", Japanese "ないでください": "do not" written after the verb
    link_words: PhraseTable  # "link", "odkaz": what a condition may demand of every reuser
    consent_words: PhraseTable  # "consent", "Zustimmung": with a marker beside, a use that needs asking
    consent_markers: PhraseTable  # "prior", "without", "sin": what makes a consent word a condition
    required_markers: PhraseTable  # "required", "nötig": the same in a sentence that names a use
    possessives: PhraseTable  # "my", "meiner", "mio": beside a consent word, the holder's own consent
    notice_words: PhraseTable  # "until further notice", "tills vidare": a grant that ends
    struck_words: PhraseTable  # "deleted", "gestrichen": before a grant-for-good sentence, a kept revocation
    can_words: PhraseTable  # "I can", "mogę", "je peux": before a revocation word, the right to revoke kept
    above_words: PhraseTable  # "above", "oben": a later set-aside word's sentence pointing back at the text
    below_words: PhraseTable  # "below", "ci-dessous": a reply pointing at the statement quoted under it
    # "the rest of the statement", "reszta": opening a sentence that "without changes" closes, the statement
    # stands as it was
    unchanged_subjects: PhraseTable
    mistake_words: PhraseTable  # "by mistake", "copié mal": a license named as an error, not a former choice
    correct_words: PhraseTable  # "the correct one is", "richtig ist": a license after them corrects one
    confirm_words: PhraseTable  # "I confirm", "confermo": a reply taking on the statement it points at
    assent_words: PhraseTable  # "yes I agree", "d'accord": a reply's opening assent to the quoted draft
    keep_words: PhraseTable  # "kept intact", "se conserve": a watermark that must stay, in a condition
    while_words: PhraseTable  # "as long as", "solange": after a validity word, a grant that lasts while
    verb_final_prepositions: PhraseTable  # "auf", "op": open a phrase before a clause-closing use verb
    notify_words: PhraseTable  # "let me know", "give mig besked": with a before-word, a use put to me first
    notify_first_words: PhraseTable  # "first", "prima": shortly after a notify word, a use put to me first
    before_words: PhraseTable  # "before", "inden", "bevor": with a notify word, the use it must precede
    when_words: PhraseTable  # "when", "ko", "sobald": with a removal after it, files to come down then
    period_words: PhraseTable  # "during", "boyunca": with a duration, a grant's length; no grant by itself
    term_words: (
        PhraseTable  # "for the duration of", "pour la durée de": a grant that lasts while something does
    )
    lasting_words: PhraseTable  # "copyright", "license": a term that lasts as long as the license does
    not_covering_words: PhraseTable  # "does not cover", "не поширюється на": a use the grant leaves out
    territory_words: PhraseTable  # "na terytorium": before a place name, a grant for one country
    within_words: PhraseTable  # "within", "εντός": the same with an only-word before ("only … within Greece")
    post_without_words: PhraseTable  # "nélkül", "olmadan": "without" written after what it leaves out
    nobody_words: PhraseTable  # "nobody", "niemand", "ingen": before a commercial word, no commercial use
    fee_words: PhraseTable  # "fee", "compenso", "opłata": in a sentence naming commercial use, a paid use
    donation_words: PhraseTable  # "donation", "Spende", "捐款": made a condition in its sentence, a paid use
    obligation_words: PhraseTable  # "must", "muss", "须": what makes a donation in its sentence a condition
    voluntary_words: PhraseTable  # "voluntary", "freiwillig": a donation in their sentence is only welcome
    wiki_tool_words: PhraseTable  # "code", "markup": right after a wiki word, the wiki names a tool, no place
    suitability_words: PhraseTable  # "suitable", "conviendrait": a license in a question with one is offered
    hearsay_words: PhraseTable  # "said that", "sanoi, että": a license right after one is someone's remark
    covers_words: PhraseTable  # "covers", "riguarda": a consent said to cover a wiki article limits the grant
    product_words: PhraseTable  # "postcards", "Kalender": after "but not", a use left out
    seek_words: PhraseTable  # "asking", "pedir": "without asking my permission" grants, it does not restrict
    conditions: PhraseTable  # "as long as", "solange": with a negator after, a condition "as long as not X"
    if_words: PhraseTable  # "if", "falls", "si": with a revocation in the main clause, a revocable grant
    irrevocable_words: PhraseTable  # "irrevocable", "irevocabil": a revocation word that grants for good
    negative_conditions: PhraseTable  # "ない限り": a condition and its negation in one form
    modify_words: PhraseTable  # "Bearbeitung*", "modifi*": what a no-derivatives refusal is about
    commercial_words: PhraseTable  # "kommerziell*", "commercial*": what a non-commercial refusal is about
    permission_words: PhraseTable  # "gestattet", "consentit*": a refusal when a negator is next to it
    use_nouns: PhraseTable  # "use", "utilizzo": a sentence opening with one is about the uses named in it
    negated_permissions: PhraseTable  # "cannot", "mustn't": a permission and its negation in one form
    conjunctions: PhraseTable  # "or", "nor": "no non-commercial or no-derivatives condition" negates both
    prohibition_words: PhraseTable  # "verboten", "interdit*": a refusal unless negated
    revocation_words: PhraseTable  # "revoked or changed": a word beside these is about the grant itself
    mail_words: PhraseTable  # "e-mail", "viesti*": a refusal spanning one is a mail footer's, not the grant's
    confidential_words: PhraseTable  # "confidential", "vertraulich": with an addressee word and a mail word,
    addressee_words: PhraseTable  # "addressee", "Empfänger": a paragraph that is the mail's legal footer
    removal_words: PhraseTable  # "remove", "retirer": files taken down after an until-date: a grant ends
    only_suffixes: PhraseTable  # "에서만", "에만": an only-word as the wiki word's own ending (Korean)
    outside_words: PhraseTable  # "outside", "buiten": "ook buiten Wikipedia" allows use beyond the wiki
    org_nouns: PhraseTable  # "association", "Verein": a non-commercial word may describe one, not the grant
    without_words: PhraseTable  # "without", "sense": with a clause word, an element name that is left out
    clause_words: PhraseTable  # "clause", "clàusula": "sense la clàusula NoComercial"
    contrast_words: PhraseTable  # "but", "ci", "sino": "not CC BY-NC 4.0 but CC BY 4.0" replaces a license
    choice_words: PhraseTable  # "chose", "wybrałam", "version": "nie wybrałam wersji 'Użycie niekomercyjne'"
    against_words: PhraseTable  # "decided against it": the license named before in its sentence not chosen
    set_aside_words: PhraseTable  # "by mistake", "at first": a restriction named as an error, a former choice
    withdraw_words: (
        PhraseTable  # "I withdraw", "nehme ich zurück": with a restriction noun, the limit is gone
    )
    that_words: PhraseTable  # "that", "že": a that-clause reports what a set-aside marker's clause says
    other_uses: PhraseTable  # "used anywhere else", "für andere Zwecke": negated, the grant is for one use
    nowhere_else: PhraseTable  # "nowhere else", "nulle part ailleurs": a use elsewhere negated in one form
    exception_words: PhraseTable  # "except", "sauf", "除外": a use excepted from the grant
    purpose_words: PhraseTable  # "for", "für", "pour": "not for commercial purposes" refuses that use
    limit_words: PhraseTable  # "limited to", "vorbehalten", "réservée à": with a wiki word, the grant's limit
    request_words: PhraseTable  # "please", "bitte", "por favor": a sentence asking the reuser
    use_verbs: PhraseTable  # "use", "usarla", "использовать": "please do not use it commercially"
    beforehand_words: PhraseTable  # "in advance", "au préalable", "vopred": a use to be asked for first
    first_words: PhraseTable  # "zuerst", "nejdřív": a beforehand word unless it opens its clause ("at first")
    no_answers: PhraseTable  # "no", "non", "nein": a form's answer ("Commercial use: no")
    until_words: PhraseTable  # "until", "έως", "まで": beside a year, a grant that ends
    descriptive_auxiliaries: PhraseTable  # "has", "wurde", "ha": "has not been edited" describes the photo
    contrast_adverbs: PhraseTable  # "däremot", "jedoch": "får däremot inte" still refuses
    work_nouns: PhraseTable  # "photo", "Bild", "foto": a negated change refuses one only with the work named
    work_pronouns: PhraseTable  # "elle", "it": the work named in the sentence before, taken up
    duration_units: PhraseTable  # "years", "Jahre", "år": after a number, how long a grant is said to last
    number_words: PhraseTable  # "three", "drei", "tre": a number written out before a duration unit
    validity_words: PhraseTable  # "valid", "gilt", "gäller": a grant said to last a duration ends
    any_time_words: PhraseTable  # "at any time", "jederzeit": beside a revocation word, a revocable grant
    reserve_words: PhraseTable  # "I reserve the right", "behalte mir vor": a revocation in its sentence
    lawful_words: PhraseTable  # "attribution", "endorse*", "illegal": refused by the license or law anyway
    first_persons: PhraseTable  # "I", "wir", "puedo": "I can't use the upload form" tells, it refuses nothing
    watermark_words: PhraseTable  # "watermark", "vízjel": not to be removed, a change refused
    so_far_words: PhraseTable  # "so far", "până acum", "bisher": a use told of the past, no condition
    wrote_words: (
        PhraseTable  # "geschrieben", "نوشتم": beside a beforehand word, the mail before, no condition
    )
    agent_words: PhraseTable  # "by", "par", "door": after a use verb under a condition, who may use the work
    everyone_words: PhraseTable  # "anyone", "chiunque": the users a free license allows, no limit
    and_words: PhraseTable  # "and", "et": after a described organisation, another predicate of its clause
    form_nouns: PhraseTable  # "form", "формі": a marker beside one tells the mail's form, no condition
    instead_words: PhraseTable  # "instead of": before a non-free license's name, a replaced license
    instead_after_words: PhraseTable  # "helyett", "yerine": the same after the name
    require_words: PhraseTable  # "requires", "wymaga": with a consent word after it, a use needing consent
    ai_words: PhraseTable  # "artificial intelligence", "KI-Training": refused, a use the license allows
    other_versions: PhraseTable  # "full resolution", "originals": sold apart, no condition of the grant
    post_negation_reach: int  # a post-negator may start this many tokens after a restriction, at most
    not_limited_reach: int  # the same for a "not limited" phrase, which ends a longer clause
    condition_reach: int  # a negator at most this many tokens after a condition word makes "as long as not"
    final_negation_reach: int  # a negator closing a permission's clause this many tokens after it, at most
    mail_reach: int  # tokens beside a refusal, in its clause, where a mail word makes it a footer's
    # language -> list key (of _PER_LANGUAGE_LISTS) -> that language's phrases and the common ones; a
    # language without the key is absent there, so every language's words apply in it
    language_lists: Mapping[str, Mapping[str, PhraseTable]]
    detected_as: Mapping[str, str]  # a detector's code -> the config's language ("no" -> "nb")
    language_confidence: float  # a paragraph's detected language counts from this probability up
    read_languages: frozenset[str]  # detector codes whose restrictions the lists can see (see unread_letters)
    unread_letters: int  # letters of prose from which a paragraph in another language is unread

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """Build from config/licenses.toml; raises ConfigError naming the bad key."""
        languages = data.get("languages")
        if not isinstance(languages, Mapping) or not languages:
            raise ConfigError("languages: expected a table of languages in licenses.toml")
        lists: dict[str, list[tuple[str, str]]] = {name: [] for name in _LANGUAGE_LISTS}
        tables: dict[str, list[tuple[str, str]]] = {name: [] for name in _LANGUAGE_TABLES}
        for language, entry in languages.items():
            if not isinstance(entry, Mapping):
                raise ConfigError(f"languages.{language}: expected a table")
            for key, value in entry.items():
                where = f"languages.{language}.{key}"
                if key in lists:
                    lists[key].extend((phrase, "") for phrase in strings(value, where))
                elif key in tables:
                    tables[key].extend(_valued(value, where))
                else:
                    raise ConfigError(f"{where}: unknown key")
        abbreviations = _valued(data.get("abbreviations"), "abbreviations")
        for _phrase, code in (*abbreviations, *tables["elements"]):
            if code not in _ELEMENT_ORDER:
                raise ConfigError(f"elements: {code!r} is not one of {', '.join(_ELEMENT_ORDER)}")
        port_codes = data.get("port_codes")
        if not isinstance(port_codes, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in port_codes.items()
        ):
            raise ConfigError("port_codes: expected a table of code = port")
        built = StartIndex.shared_by({key: PhraseTable.build(entries, key) for key, entries in lists.items()})
        confidence = data.get("language_confidence", 0.9)
        if not isinstance(confidence, float) or not 0.5 <= confidence <= 1.0:
            raise ConfigError("language_confidence: expected a probability from 0.5 to 1.0")
        reach = _small_count(data.get("post_negation_reach"), "post_negation_reach")
        limited_reach = _small_count(data.get("not_limited_reach"), "not_limited_reach")
        mail_reach = _small_count(data.get("mail_reach"), "mail_reach")
        return cls(
            spdx_ids=frozenset(strings(data.get("spdx_ids"), "spdx_ids")),
            cc_versions=frozenset(strings(data.get("cc_versions"), "cc_versions")),
            gfdl_versions=frozenset(strings(data.get("gfdl_versions"), "gfdl_versions")),
            lal_versions=frozenset(strings(data.get("lal_versions"), "lal_versions")),
            port_codes=dict(port_codes),
            abbreviations=PhraseTable.build(abbreviations, "abbreviations"),
            elements=PhraseTable.build(tables["elements"], "elements"),
            port_names=PhraseTable.build(tables["port_names"], "port_names"),
            version_numbers=PhraseTable.build(tables["version_numbers"], "version_numbers"),
            post_negation_reach=reach,
            not_limited_reach=limited_reach,
            mail_reach=mail_reach,
            condition_reach=_small_count(data.get("condition_reach"), "condition_reach"),
            final_negation_reach=_small_count(data.get("final_negation_reach"), "final_negation_reach"),
            language_lists=_language_lists(languages),
            detected_as=_detected_as(data.get("detected_as", {})),
            language_confidence=confidence,
            read_languages=_read_languages(languages, data),
            unread_letters=_letters(data.get("unread_letters"), "unread_letters"),
            **built,
        )


def _language_lists(languages: Mapping[str, Any]) -> dict[str, dict[str, PhraseTable]]:
    """For each language, its own phrases of each list in _PER_LANGUAGE_LISTS plus the common ones."""
    common = languages.get("common", {})
    tables: dict[str, dict[str, PhraseTable]] = {}
    for language, entry in languages.items():
        if language == "common":
            continue
        for key in _PER_LANGUAGE_LISTS:
            if key not in entry:
                continue
            own = strings(entry[key], f"languages.{language}.{key}")
            shared = strings(common[key], f"languages.common.{key}") if key in common else []
            entries = [(phrase, "") for phrase in (*own, *shared)]
            tables.setdefault(str(language), {})[key] = PhraseTable.build(entries, key)
    return tables


def _detected_as(value: object) -> dict[str, str]:
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ConfigError("detected_as: expected a table of detected code = config language")
    return dict(value)


def _read_languages(languages: Mapping[str, Any], data: Mapping[str, Any]) -> frozenset[str]:
    """The detector's codes the lists read: every language with a table, the codes `detected_as` maps to
    one, and `read_alike` (dialects and older forms read with a close language's words, or no language)."""
    alike = strings(data.get("read_alike", []), "read_alike", allow_empty=True)
    tables = (str(language) for language in languages if language != "common")
    return frozenset((*tables, *_detected_as(data.get("detected_as", {})), *alike))


def _letters(value: object, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 10_000:
        raise ConfigError(f"{key}: expected a number of letters from 1 to 10000")
    return value


def _small_count(value: object, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 12:
        raise ConfigError(f"{key}: expected a whole number of tokens from 0 to 12")
    return value


def _valued(value: object, key: str) -> list[tuple[str, str]]:
    """A table {VALUE = [phrases]} as (phrase, VALUE) pairs."""
    if not isinstance(value, Mapping):
        raise ConfigError(f"{key}: expected a table of VALUE = [phrases]")
    return [(phrase, str(code)) for code, phrases in value.items() for phrase in strings(phrases, key)]


# --- reading ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    """A license named in the text (tokens start..end): its SPDX id, or why it is not usable."""

    start: int
    end: int
    spdx: str | None
    problem: LicenseProblem | None
    fallback: bool = False  # public-domain wording: no license, and outranked by any named one


def read_license(
    text: str, vocab: LicenseVocabulary, detector: LanguageDetector | None = None
) -> LicenseFinding:
    """The license `text` grants: the first free versioned one, unless any restriction is stated.

    A license named without a usable version ("CC0", "CC BY-SA") gives NO_VERSION; public-domain wording
    alone ("in het publieke domein", "gemeinfrei") gives PUBLIC_DOMAIN_ONLY: neither is a versioned grant.
    With no license named, "all rights reserved" gives NOT_FREE, unless said of the holder's other works
    ("ostatní fotografie na mém webu zůstávají chráněné (všechna práva vyhrazena)").
    """
    tokens = tokenize(text)
    if not tokens:  # most mail has no forwarded text to read: every table would find nothing in it
        return LicenseFinding(None, LicenseProblem.NONE_FOUND, ())
    named = _license_hits(tokens, vocab)
    hits = [hit for hit in named if not _unticked(text, tokens, hit)]
    hits = [hit for hit in hits if not _offered_in_brackets(text, tokens, hit, hits)]
    hits = [hit for hit in hits if not _offered_in_a_question(text, tokens, hit, hits, vocab)]
    hits = [hit for hit in hits if not _heard_from_another(tokens, hit, vocab)]
    hits = [hit for hit in hits if not _asked_and_refused(tokens, hit, vocab)]
    # a license a form's row answers no, its row read no further: "CC BY-NC 4.0 (…שימוש לא מסחרי): לא"
    answered = {hit: _license_answered_no(tokens, hit, vocab) for hit in hits}
    refused_rows = frozenset(
        i for hit, at in answered.items() if at is not None for i in range(hit.start, at + 1)
    )
    hits = [hit for hit in hits if answered[hit] is None]
    # "other photos on our site are still under CC BY-NC 4.0", "our press photos stay under CC BY-NC-ND 4.0
    # and are not covered by this release": a license of the holder's other works
    licensed = _covered(named)
    hits = [
        hit
        for hit in hits
        if not (hit.problem in _RESTRICTION_RANK and _of_other_works(tokens, hit, licensed, vocab))
        or not any(other.spdx and not _of_other_works(tokens, other, licensed, vocab) for other in hits)
    ]
    hits = [
        hit
        for hit in hits
        if not _withdrawn(tokens, hit, hits, vocab)
        and not _replaced(tokens, hit, hits, vocab)
        and not _replaced_later(tokens, hit, hits, vocab)
        # "unlike licenses for non-commercial use only (e.g. CC BY-NC 4.0), this license …"
        and not (hit.problem in _RESTRICTION_RANK and _compared_with(tokens, hit, vocab))
    ]
    # every license named covers its words, also one that stands for other works or is taken back: its
    # elements' names are no restriction of their own ("CC BY-NC-ND 4.0（姓名標示-非商業性-禁止改作）")
    covered = _covered(named) | refused_rows
    restrictions = _without_descriptions(
        tokens,
        _restriction_hits(tokens, vocab, covered=covered, text=text, detector=detector),
        vocab,
        lambda: _ForeignWords(text, tokens, vocab, detector),
    )
    ordered = sorted((*hits, *restrictions), key=lambda hit: hit.start)
    unrejected = _without_rejected(tokens, ordered, hits, vocab)
    all_hits = _without_set_aside(tokens, unrejected, vocab, frozenset(hits))
    problems = {hit.problem for hit in all_hits if hit.problem in _RESTRICTION_RANK}
    if problems:
        worst = min(problems, key=_RESTRICTION_RANK.index)
        return LicenseFinding(None, worst, _mentions(text, tokens, all_hits))
    free = [hit for hit in hits if hit.spdx]
    if free:
        return LicenseFinding(
            _with_port(tokens, _as_corrected(tokens, free, vocab)), None, _mentions(text, tokens, hits)
        )
    if any(not hit.fallback for hit in hits):
        return LicenseFinding(None, LicenseProblem.NO_VERSION, _mentions(text, tokens, hits))
    if hits:
        return LicenseFinding(None, LicenseProblem.PUBLIC_DOMAIN_ONLY, _mentions(text, tokens, hits))
    reserved = [
        hit
        for hit in _phrase_hits(tokens, vocab.reserved, LicenseProblem.NOT_FREE, vocab, frozenset())
        if not _about_other_works(tokens, hit, vocab)
    ]
    if reserved:
        return LicenseFinding(None, LicenseProblem.NOT_FREE, _mentions(text, tokens, reserved))
    return LicenseFinding(None, LicenseProblem.NONE_FOUND, ())


def _as_corrected(tokens: Sequence[Token], free: list[_Hit], vocab: LicenseVocabulary) -> list[_Hit]:
    """The free licenses named, the one the sender settles on first: a license rejected in place beside
    another ("pod CC BY 4.0, a ne pod CC BY-SA 4.0", "Ne CC0 1.0, temveč … CC BY 4.0") is left out, and
    a later sentence that corrects the earlier choice puts its own license first: "al posto della CC
    BY-SA", "Det skal være CC BY-SA 4.0, ikke 3.0" (`_corrects`). Both are free: only the license field
    turns on this, never the verdict."""
    sentences = _sentence_numbers(tokens)
    rejected = (
        {
            hit
            for hit in free
            if (
                _license_negated(tokens, hit.start, vocab)
                or _negated_after(tokens, hit.end, vocab) is not None
            )
            and any(
                other.spdx != hit.spdx and sentences[other.start] == sentences[hit.start] for other in free
            )
        }
        | {
            # "Where I wrote "CC BY-SA 3.0" I should have written …: CC BY-SA 4.0": what was written, quoted
            # in the sentence that names the license it should have been
            hit
            for hit in free
            if _quoted_as_written(tokens, hit, vocab)
            and any(
                other.spdx != hit.spdx and sentences[other.start] == sentences[hit.start] for other in free
            )
        }
        | {
            # "كتبتُ فيها أن الصورة منشورة بترخيص CC BY-SA 3.0، والصحيح هو الإصدار 4.0 … (CC BY-SA 4.0)": a
            # license the sentence goes on to correct
            hit
            for hit in free
            if any(
                other.spdx != hit.spdx
                and other.start > hit.end
                and sentences[other.start] == sentences[hit.start]
                and any(vocab.correct_words.matches_any(tokens, i) for i in range(hit.end, other.start))
                for other in free
            )
        }
        | {
            # "tôi đã ghi nhầm phiên bản giấy phép là CC BY-SA 3.0. Tôi muốn … (CC BY-SA 4.0)": named in
            # error, another named after it
            hit
            for hit in free
            if _named_in_error(tokens, hit, sentences, vocab)
            and any(
                other.spdx != hit.spdx and sentences[other.start] > sentences[hit.start] for other in free
            )
        }
    )
    kept = [hit for hit in free if hit not in rejected] or free
    first = kept[0]
    corrections = [
        hit
        for hit in kept
        if sentences[hit.start] > sentences[first.start]
        and hit.spdx != first.spdx
        and _corrects(tokens, sentences, sentences[hit.start], rejected, vocab)
    ]
    if corrections:
        return [corrections[-1], *kept]
    # "do wyboru jest np. CC BY-SA 4.0 albo CC BY 4.0 - wybieram CC BY 4.0": the one the sender picks
    chosen = [hit for hit in kept if _chosen(tokens, hit, vocab)]
    return [chosen[-1], *kept] if chosen and len({hit.spdx for hit in kept}) > 1 else kept


def _chosen(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """A choosing verb at most `_CHOSEN_REACH` words before the license in its clause, not negated: "I
    choose CC BY 4.0", "wybieram CC BY 4.0"."""
    for start in range(max(0, hit.start - _CHOSEN_REACH - 2), hit.start):
        found = vocab.chosen_words.match(tokens, start)
        if (
            found is not None
            and hit.start - _CHOSEN_REACH <= start + found.length <= hit.start
            and not any(tokens[i].gap for i in range(start + 1, hit.start + 1))
            and not _negated(tokens, start, vocab)
        ):
            return True
    return False


_CHOSEN_REACH = 2  # "I choose the CC BY 4.0", "wybieram licencję CC BY 4.0"


def _corrects(
    tokens: Sequence[Token],
    sentences: Sequence[int],
    sentence: int,
    rejected: set[_Hit],
    vocab: LicenseVocabulary,
) -> bool:
    """The sentence takes back another license as it names its own: an instead-word or a correct-word ("the
    correct license is"), a license rejected in it, or a negator right before a version ("ikke 3.0", "nem a
    3.0-s")."""
    inside = [i for i in range(len(tokens)) if sentences[i] == sentence]
    if any(sentences[hit.start] == sentence for hit in rejected):
        return True
    for index in inside:
        if (
            vocab.instead_words.matches_any(tokens, index)
            or vocab.instead_after_words.matches_any(tokens, index)
            or vocab.correct_words.matches_any(tokens, index)
        ):
            return True
        found = vocab.negators.match(tokens, index)
        if found is None:
            continue
        after = index + found.length
        for ahead in range(after, min(len(tokens), after + _CORRECTED_VERSION_REACH + 1)):
            if tokens[ahead].brk or (ahead > after and tokens[ahead].gap):
                break
            if tokens[ahead].norm[:1].isdigit() and "." in tokens[ahead].norm:
                return True
    return False


_CORRECTED_VERSION_REACH = 1  # "ikke 3.0", "nem a 3.0-s": an article at most between


def _quoted_as_written(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """A verb of writing right before the license, which it quotes: 'Where I wrote "CC BY-SA 3.0"',
    'Ich hatte „CC BY 3.0“ geschrieben' (the verb after it, verb-final)."""
    opened = any(mark in tokens[hit.start].sep for mark in _OPENING_QUOTES)
    closed = hit.end < len(tokens) and any(mark in tokens[hit.end].sep for mark in _CLOSING_QUOTES)
    if not (opened and closed):
        return False
    before = range(max(0, hit.start - _WROTE_REACH), hit.start)
    after = range(hit.end, min(len(tokens), hit.end + _WROTE_REACH))
    return any(
        vocab.wrote_words.matches_any(tokens, i)
        and not any(tokens[j].gap for j in range(min(i, hit.start) + 1, max(i, hit.end - 1) + 1))
        for i in (*before, *after)
    )


def _asked_and_refused(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """A license named in a question answered no: "Do you agree to release it under CC BY 4.0? No." (an
    agent's question read with the answer under it) grants nothing."""
    end = next((index for index in range(hit.end, len(tokens)) if tokens[index].brk), None)
    if end is None or not any(mark in tokens[end].sep for mark in _QUESTION_MARKS):
        return False
    return _no_answer_at(tokens, end, vocab)


# Greek asks with ";" (or U+037E): "… (CC BY-SA 4.0); ΟΧΙ"; a semicolon before a bare "no" ends no grant
_QUESTION_MARKS = ("?", "？", "؟", "\u037e", ";")


def _confirmed_unchanged(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """ "Without changes" right after a word pointing below, in a sentence that confirms: "Jeg bekrefter
    hele erklæringen nedenfor, uten endringer" takes the statement as it stands; it forbids nothing. So
    does a sentence that opens with the rest of the statement and closes with it: "Reszta oświadczenia
    (licencja CC BY-SA 4.0) bez zmian"."""
    sentences = _sentence_numbers(tokens)
    sentence = sentences[hit.start]
    first, last = sentence_around(tokens, hit.start)
    said = (vocab.use_verbs, vocab.use_nouns, vocab.permission_words, vocab.only_words, vocab.negators)
    if (
        hit.end - hit.start <= _UNCHANGED_WORDS
        and hit.end == last + 1
        and vocab.unchanged_subjects.matches_any(tokens, first)
        and not _holds_any(tokens, (*said, vocab.work_nouns), range(first, hit.start))
    ):
        return True  # "Reszta oświadczenia (licencja CC BY-SA 4.0) bez zmian.": nothing said of a use
    below = [span for span in _spans(tokens, vocab.below_words, frozenset(), None) if span.end <= hit.start]
    return (
        hit.end - hit.start <= _UNCHANGED_WORDS
        and any(0 <= hit.start - span.end <= 1 and sentences[span.start] == sentence for span in below)
        and any(
            sentences[span.start] == sentence and not _negated(tokens, span.start, vocab)
            for span in _spans(tokens, vocab.confirm_words, frozenset(), None)
        )
    )


_UNCHANGED_WORDS = 3  # "uten endringer", "without any changes"


def is_no_answer(text: str, vocab: LicenseVocabulary) -> bool:
    """The text is a no and nothing more: "ne", "არა", "No"."""
    tokens = tokenize(text)
    found = vocab.no_answers.match(tokens, 0) if tokens else None
    return found is not None and found.length == len(tokens)


def confirms_text_above(text: str, vocab: LicenseVocabulary) -> bool:
    """A short answer that confirms, not negated: "Potrjujem celotno izjavo", "I confirm it in full"."""
    tokens = tokenize(text)
    return any(
        not _negated(tokens, span.start, vocab)
        for span in _spans(tokens, vocab.confirm_words, frozenset(), None)
    )


def confirms_text_below(text: str, vocab: LicenseVocabulary) -> bool:
    """The text takes on a statement written under it: a confirming word and a word pointing below in one
    sentence, the confirming word not negated ("confermo la dichiarazione qui sotto", "אני מאשרת את
    ההצהרה שלמטה"; not "I do not confirm the statement below")."""
    return _said_of_text_below(text, vocab.confirm_words, vocab)


def holds_text_below(text: str, vocab: LicenseVocabulary) -> bool:
    """The text says what stands under it still holds: a still-valid word and a word pointing below in one
    sentence, not negated ("Rămân valabile cele scrise mai jos", "what I wrote below still stands")."""
    return _said_of_text_below(text, vocab.still_valid_words, vocab)


def _said_of_text_below(text: str, table: PhraseTable, vocab: LicenseVocabulary) -> bool:
    """A phrase of `table`, not negated, in a sentence with a word pointing below."""
    tokens = tokenize(text)
    sentences = _sentence_numbers(tokens)
    below = {sentences[span.start] for span in _spans(tokens, vocab.below_words, frozenset(), None)}
    return any(
        sentences[span.start] in below and not _negated(tokens, span.start, vocab)
        for span in _spans(tokens, table, frozenset(), None)
    )


def assents_at_opening(text: str, vocab: LicenseVocabulary) -> bool:
    """The text opens with an assent, not negated, within its first `_ASSENT_LEAD` words: "Yes I agree",
    "Oui je suis daccord pr les 3 photos", "ok de acuerdo, adelante", "ja passt so": a short reply that
    takes on what the agent put to it."""
    tokens = tokenize(text)
    return any(
        span.start < _ASSENT_LEAD and not _negated(tokens, span.start, vocab)
        for span in _spans(tokens, vocab.assent_words, frozenset(), None)
    )


def names_assent(text: str, vocab: LicenseVocabulary) -> bool:
    """The text holds an assent or a confirmation, not negated: the reply an agent asks for ("I agree",
    "Accetto")."""
    tokens = tokenize(text)
    return any(
        not _negated(tokens, span.start, vocab)
        for table in (vocab.assent_words, vocab.confirm_words)
        for span in _spans(tokens, table, frozenset(), None)
    )


_ASSENT_LEAD = 5  # "Hallo Frau Berger, ja passt so", "Oui je suis daccord": a greeting or a subject first


def _with_port(tokens: Sequence[Token], free: Sequence[_Hit]) -> str | None:
    """The first free license, or its port when the same sentence names it with one: "Navngivelse-
    DelPåSammeVilkår 3.0 (CC BY-SA 3.0 DE)" is the German port, whichever name comes first."""
    first = free[0]
    sentences = _sentence_numbers(tokens)
    ported = (
        hit.spdx
        for hit in free[1:]
        if hit.spdx
        and first.spdx
        and hit.spdx.startswith(f"{first.spdx}-")
        and sentences[hit.start] == sentences[first.start]
    )
    return next(ported, first.spdx)


def _offered_in_brackets(text: str, tokens: Sequence[Token], hit: _Hit, hits: Sequence[_Hit]) -> bool:
    """A license named in square brackets with another one: a template's choice left to fill in ("[ESCOLHA
    UMA: CC BY-SA 4.0 / CC BY 4.0 / CC0 1.0]"), offered, not granted."""
    start, end = tokens[hit.start].start, tokens[hit.end - 1].end
    opening = text.rfind("[", 0, start)
    closing = text.find("]", end)
    if opening < 0 or closing < 0 or "]" in text[opening:start] or "\n" in text[opening:closing]:
        return False
    return any(
        other is not hit and opening < tokens[other.start].start and tokens[other.end - 1].end < closing
        for other in hits
    )


def _offered_in_a_question(
    text: str, tokens: Sequence[Token], hit: _Hit, hits: Sequence[_Hit], vocab: LicenseVocabulary
) -> bool:
    """A license named with another free one in a question: a choice offered, not granted ("CC BY-SA 4.0,
    CC BY 4.0, CC0 1.0 중 어느 것으로 공개하시겠습니까?", "CC BY 4.0 or CC BY-SA 4.0?"); or one license in a
    question whether it would do ("est-ce que la CC BY-SA 4.0 … conviendrait ?"): asked, not granted."""
    if hit.spdx is None:
        return False
    first, last = sentence_around(tokens, hit.start)
    others = {other.spdx for other in hits if other.spdx and first <= other.start <= last}
    if len(others) < 2 and not any(
        vocab.suitability_words.matches_any(tokens, i) for i in range(first, last + 1)
    ):
        return False
    close = text[tokens[last].end : tokens[last].end + _QUESTION_MARK_REACH]
    return any(mark in close for mark in _ASKING_MARKS)


def _heard_from_another(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """A license named right after a hearsay phrase: what someone said of it, not a grant ("Serkkuni sanoi,
    että CC BY-SA 4.0 on Wikipediassa tavallisin", my cousin said CC BY-SA 4.0 is the usual one)."""
    if hit.spdx is None:
        return False
    for start in range(max(0, hit.start - _HEARSAY_REACH - 4), hit.start):
        found = vocab.hearsay_words.match(tokens, start)
        if found is None:
            continue
        end = start + found.length
        if end <= hit.start <= end + _HEARSAY_REACH and not any(
            tokens[i].brk for i in range(end, hit.start + 1)
        ):
            return True
    return False


_HEARSAY_REACH = 2  # "told me that the CC BY-SA 4.0 …": an article or a word between
_ASKING_MARKS = ("?", "？", "؟", "\u037e")  # not ";", which closes many a clause
_QUESTION_MARK_REACH = 3  # the mark after the sentence's last word: "… 공개하시겠습니까?", "… 4.0 ?"


# A form's boxes: empty ("[ ]", "( )", "☐") or ticked ("[X]", "(x)", "☒", "✓").
_BOX = re.compile(r"(?P<empty>\[[ \t]?\]|\([ \t]?\)|[☐□❏⬜])|\[[ \t]?[xX✓✔✗×*][ \t]?\]|\([xX✓✔*]\)|[☒☑✅✔✓]")


def _unticked(text: str, tokens: Sequence[Token], hit: _Hit) -> bool:
    """A license named after an empty box of a form, the nearest box before it on its line: offered, not
    chosen ("[ ] CC BY-SA 4.0   [X] CC BY 4.0"). Only names are dropped so; a restriction written in
    words stays, ticked or not."""
    begin = tokens[hit.start].start
    line_start = text.rfind("\n", 0, begin) + 1
    boxes = list(_BOX.finditer(text, line_start, begin))
    return bool(boxes) and boxes[-1].group("empty") is not None


def _mentions(text: str, tokens: Sequence[Token], hits: Iterable[_Hit]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for hit in hits:
        phrase = text[tokens[hit.start].start : tokens[hit.end - 1].end]
        seen.setdefault(" ".join(phrase.split()), None)
    return tuple(seen)


def _covered(hits: Iterable[_Hit]) -> frozenset[int]:
    return frozenset(i for hit in hits for i in range(hit.start, hit.end))


def _license_hits(tokens: Sequence[Token], vocab: LicenseVocabulary) -> list[_Hit]:
    hits: list[_Hit] = []
    free_from = 0  # a license mention ends where the next may start
    starts = _starts(
        tokens,
        vocab.zero,
        vocab.gfdl_names,
        vocab.lal_names,
        vocab.cc_names,
        vocab.cc_abbreviations,
        vocab.elements,
        vocab.abbreviations,
        vocab.public_domain,
    )
    for index in starts:
        if index < free_from:
            continue
        hit = (
            _zero_at(tokens, index, vocab)
            or _gfdl_at(tokens, index, vocab)
            or _lal_at(tokens, index, vocab)
            or _cc_at(tokens, index, vocab)
            or _public_domain_at(tokens, index, vocab)
        )
        if hit is not None:
            hits.append(hit)
            free_from = hit.end
    return hits


def _starts(tokens: Sequence[Token], *tables: PhraseTable) -> Sequence[int]:
    """The token indices, in order, where a phrase of any of `tables` may start."""
    if len(tables) == 1:
        return tables[0].starts(tokens)
    return sorted({index for table in tables for index in table.starts(tokens)})


def _joined(tokens: Sequence[Token], index: int) -> bool:
    """The token at `index` exists and continues the same sentence."""
    return index < len(tokens) and not tokens[index].brk


def _version_at(
    tokens: Sequence[Token], index: int, allowed: frozenset[str], vocab: LicenseVocabulary
) -> tuple[str, int] | None:
    """A version ("4.0", "v4.0", "version 4", "4") at `index`: (normalised version, index after it)."""
    j = index
    word = vocab.version_words.match(tokens, j) if _joined(tokens, j) else None
    if word is not None:
        j += word.length
    if not _joined(tokens, j):
        return None
    token = tokens[j]
    spelled = vocab.version_numbers.match(tokens, j) if word is not None else None
    if spelled is not None:  # "version four", "Version vier": written out only after a version word
        return (spelled.value, j + spelled.length) if spelled.value in allowed else None
    if not token.norm[0].isdigit():
        return None
    if "." in token.norm:
        version = token.norm
    elif word is None and token.gap:
        return None  # "CC BY-SA, 4 photos": a bare number after punctuation is not a version
    else:
        version = f"{token.norm}.0"
    return (version, j + 1) if version in allowed else None


def _zero_at(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> _Hit | None:
    """CC0 by one of its names: CC0-1.0 with its version ("CC0 1.0", ".../zero/1.0"), else no version."""
    found = vocab.zero.match(tokens, index)
    if found is None:
        return None
    end = index + found.length
    version = _version_at(tokens, end, frozenset({"1.0"}), vocab)
    if version is None:
        return _Hit(index, end, None, LicenseProblem.NO_VERSION)
    return _Hit(index, version[1], "CC0-1.0", None)


def _public_domain_at(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> _Hit | None:
    found = vocab.public_domain.match(tokens, index)
    if found is None:
        return None
    return _Hit(index, index + found.length, None, LicenseProblem.PUBLIC_DOMAIN_ONLY, fallback=True)


def _gfdl_at(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> _Hit | None:
    found = vocab.gfdl_names.match(tokens, index)
    if found is None:
        return None
    end = index + found.length
    version = _version_at(tokens, end, vocab.gfdl_versions, vocab)
    if version is None:
        return _Hit(index, end, None, LicenseProblem.NO_VERSION)
    number, end = version
    later = vocab.later.match(tokens, end) if _joined(tokens, end) else None
    if later is not None:
        end += later.length
    spdx = f"GFDL-{number}-{'or-later' if later else 'only'}"
    return _Hit(index, end, *_known(spdx, vocab))


def _lal_at(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> _Hit | None:
    found = vocab.lal_names.match(tokens, index)
    if found is None:
        return None
    end = index + found.length
    version = _version_at(tokens, end, vocab.lal_versions, vocab)
    if version is None:
        return _Hit(index, end, None, LicenseProblem.NO_VERSION)
    return _Hit(index, version[1], *_known(f"LAL-{version[0]}", vocab))


def _known(spdx: str, vocab: LicenseVocabulary) -> tuple[str | None, LicenseProblem | None]:
    return (spdx, None) if spdx in vocab.spdx_ids else (None, LicenseProblem.NO_VERSION)


@dataclass
class _CcParse:
    """The parts of a Creative Commons mention collected while walking its tokens."""

    named: bool = False  # "Creative Commons" written out
    prefixed: bool = False  # "CC" or "Creative Commons"
    full: int = 0  # written-out element names
    abbreviated: int = 0  # BY, SA, NC, ND
    version: str | None = None

    def is_mention(self, elements: set[str]) -> bool:
        return (
            self.named
            or (self.prefixed and bool(elements))
            or self.full >= 2
            or (self.version is not None and (self.full >= 1 or self.abbreviated >= 2))
        )


def _cc_at(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> _Hit | None:
    parse = _CcParse()
    elements: set[str] = set()
    j = index
    prefix = vocab.cc_names.match(tokens, j)
    if prefix is not None:
        parse.named = parse.prefixed = True
    else:
        prefix = vocab.cc_abbreviations.match(tokens, j)
        parse.prefixed = prefix is not None
    if prefix is not None:
        j += prefix.length
        for _ in range(2):  # "Creative Commons license Attribution ..."
            filler = vocab.license_words.match(tokens, j) if _joined(tokens, j) else None
            if filler is not None:
                j += filler.length
    while _joined(tokens, j) or (j == index and j < len(tokens)):
        if parse.version and tokens[j].gap:
            break  # "CC BY 4.0, keine kommerzielle Nutzung": a new phrase, read as a restriction
        element = vocab.elements.match(tokens, j)
        if element is not None:
            elements.add(element.value)
            parse.full += 1
            j += element.length
            continue
        element = vocab.abbreviations.match(tokens, j)
        if element is not None:
            elements.add(element.value)
            parse.abbreviated += 1
            j += element.length
            continue
        version = None if parse.version else _version_at(tokens, j, vocab.cc_versions, vocab)
        if version is not None and (parse.prefixed or elements):
            parse.version, j = version
            continue
        filler = vocab.license_words.match(tokens, j) if elements and not parse.version else None
        if filler is not None:  # "Attribution-ShareAlike License 4.0", "… licence, version four"
            version = _version_at(tokens, j + filler.length, vocab.cc_versions, vocab)
            if version is not None:
                parse.version, j = version
                continue
        break
    if j == index or not parse.is_mention(elements):
        return None
    if parse.version is None and parse.prefixed:
        parse.version = _version_field_after(tokens, j, vocab)
    port, j = _port_at(tokens, j, vocab) if parse.version else (None, j)
    return _Hit(index, j, *_cc_license(elements, parse.version, port, vocab))


def _version_field_after(tokens: Sequence[Token], end: int, vocab: LicenseVocabulary) -> str | None:
    """The version a form gives on the line under the license's name: "Licenca: … (CC BY-SA)" over
    "Verzija licence: 4.0 Međunarodna"."""
    if end >= len(tokens) or "\n" not in tokens[end].sep:
        return None
    label = vocab.version_words.match(tokens, end)
    if label is None:
        return None
    at = end + label.length
    filler = vocab.license_words.match(tokens, at)
    if filler is not None:
        at += filler.length
    if at >= len(tokens) or not _answer_separator(tokens[at].sep) or "\n" in tokens[at].sep:
        return None
    version = tokens[at].norm if "." in tokens[at].norm else f"{tokens[at].norm}.0"
    return version if version in vocab.cc_versions else None


def _port_at(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> tuple[str | None, int]:
    """A jurisdiction after the version: a capitalised code ("DE"), a URL path code ("/de/"), a name."""
    if not _joined(tokens, index):
        return None, index
    named = vocab.port_names.match(tokens, index)
    if named is not None:
        return named.value, index + named.length
    token = tokens[index]
    code = vocab.port_codes.get(token.raw)
    if code is None and token.raw.islower():
        code = vocab.port_codes.get(token.raw.upper()) if _attached_code(tokens, index) else None
    return (code, index + 1) if code else (None, index)


def _attached_code(tokens: Sequence[Token], index: int) -> bool:
    """A lower-case code glued to the version: ".../by-sa/3.0/de/" (URL) or "cc-by-sa-3.0-de" (template)."""
    return index > 0 and tokens[index].sep in {"/", "-", "_"} and tokens[index - 1].raw[0].isdigit()


def _cc_license(
    elements: set[str], version: str | None, port: str | None, vocab: LicenseVocabulary
) -> tuple[str | None, LicenseProblem | None]:
    if "NC" in elements:
        return None, LicenseProblem.NON_COMMERCIAL
    if "ND" in elements:
        return None, LicenseProblem.NO_DERIVATIVES
    if not elements or version is None or not elements <= _FREE_ELEMENTS:
        return None, LicenseProblem.NO_VERSION
    base = "CC-" + "-".join(code for code in _ELEMENT_ORDER if code in elements | {"BY"}) + f"-{version}"
    for candidate in (f"{base}-{port}" if port else None, base):
        if candidate in vocab.spdx_ids:
            return candidate, None
    return None, LicenseProblem.NO_VERSION


def _restriction_hits(
    tokens: Sequence[Token],
    vocab: LicenseVocabulary,
    covered: frozenset[int],
    text: str = "",
    detector: LanguageDetector | None = None,
) -> list[_Hit]:
    masked = _masked(tokens, vocab) | covered | _in_links(text, tokens)
    foreign = _ForeignWords(text, tokens, vocab, detector)
    revocations = _spans(tokens, vocab.revocation_words, masked, None)
    written_out = [
        *_phrase_hits(tokens, vocab.non_commercial, LicenseProblem.NON_COMMERCIAL, vocab, masked),
        *_phrase_hits(tokens, vocab.no_derivatives, LicenseProblem.NO_DERIVATIVES, vocab, masked),
    ]
    return [
        *(
            hit
            for hit in written_out
            if not _beside_any(tokens, _Span(hit.start, hit.end), revocations)
            and not _left_out(tokens, hit, vocab)
            and not _said_of_the_text(tokens, hit, vocab)
            and not _own_hobby(tokens, hit, vocab)
        ),
        *(  # "eine Gebühr verlange ich nicht": negated by the verb closing the clause
            hit
            for hit in _phrase_hits(tokens, vocab.not_free, LicenseProblem.NOT_FREE, vocab, masked)
            if _final_negator(tokens, hit.end, vocab) is None
        ),
        # "without restriction to Wikipedia only": a limit the grant is said to be without
        *(
            hit
            for hit in _wikipedia_only_hits(tokens, vocab, masked, foreign)
            if not _left_out(tokens, hit, vocab) or _excepted_before(tokens, hit, vocab)
        ),
        *_suffixed_only_hits(tokens, vocab, masked),
        *_covering_hits(tokens, vocab, masked),
        *_no_other_use_hits(tokens, vocab, masked),
        *_limited_to_hits(tokens, vocab, masked),
        *_requested_refusal_hits(tokens, vocab, masked, foreign),
        *_conditioned_refusal_hits(tokens, vocab, masked, foreign),
        *_negated_use_hits(tokens, vocab, masked, foreign),
        *_ask_first_hits(tokens, vocab, masked, foreign),
        *_notify_first_hits(tokens, vocab, masked, foreign),
        *_no_changes_hits(tokens, vocab, masked, foreign),
        *_kept_watermark_hits(tokens, vocab, masked, foreign),
        *_excepted_use_hits(tokens, vocab, masked, revocations),
        *_excepted_other_hits(tokens, vocab, masked, foreign),
        *_reserved_uses_hits(tokens, vocab, masked),
        *_ai_training_hits(tokens, vocab, masked),
        *_not_covered_hits(tokens, vocab, masked, foreign),
        *_excluded_use_hits(tokens, vocab, masked, foreign),
        *_but_not_hits(tokens, vocab, masked, foreign),
        *_excluding_verb_hits(tokens, vocab, masked, foreign),
        *_conditional_wiki_hits(tokens, vocab, masked),
        *_conditional_user_hits(tokens, vocab, masked),
        *_use_category_hits(tokens, vocab, masked, foreign),
        *_scope_only_hits(tokens, vocab, masked, foreign),
        *_licensed_for_hits(tokens, vocab, covered, masked, foreign),
        *_other_use_asked_hits(tokens, vocab, masked, foreign),
        *_link_condition_hits(tokens, vocab, masked, foreign),
        *_purpose_limited_hits(tokens, vocab, masked, foreign),
        *_commercial_fee_hits(tokens, vocab, masked, foreign),
        *_commercial_channel_hits(tokens, vocab, masked, foreign),
        *_donation_hits(tokens, vocab, masked, foreign),
        *_nobody_profits_hits(tokens, vocab, masked, foreign),
        *_only_use_hits(tokens, vocab, masked, foreign),
        *_prior_consent_hits(tokens, vocab, masked),
        *_asked_consent_hits(tokens, vocab, masked, foreign),
        *_required_consent_hits(tokens, vocab, masked),
        *_refusal_hits(tokens, vocab, masked, revocations, foreign),
        *_revocable_hits(tokens, vocab, masked, revocations, foreign),
        *_conditional_revocation_hits(tokens, vocab, masked, foreign),
        *_struck_irrevocability_hits(tokens, vocab, masked, revocations),
        *_can_revoke_hits(tokens, vocab, masked, foreign),
        *_time_limit_hits(tokens, vocab, masked, foreign),
        *_later_removal_hits(tokens, vocab, masked, foreign),
        *_removal_date_hits(tokens, vocab, masked, foreign),
        *_until_notice_hits(tokens, vocab, masked),
        *_valid_while_hits(tokens, vocab, masked),
        *_territory_hits(tokens, vocab, masked),
        *_only_place_hits(tokens, vocab, masked, foreign),
        *_duration_hits(tokens, vocab, masked, foreign),
        *_term_hits(tokens, vocab, masked),
        *_form_answer_hits(tokens, vocab, masked),
        *_refused_question_hits(tokens, vocab, masked),
    ]


def _without_descriptions(
    tokens: Sequence[Token],
    hits: list[_Hit],
    vocab: LicenseVocabulary,
    foreign_words: Callable[[], _ForeignWords],
) -> list[_Hit]:
    """The hits but non-commercial words that describe an organisation (`_describes_organisation`),
    restrictions that tell how the work was used so far (`_tells_past_use`), and restrictions quoted as
    what a withdrawing word takes back (`_withdrawn_quote`). The paragraphs' languages are asked only for
    a non-commercial word (`foreign_words`)."""
    foreign = foreign_words() if any(hit.problem is LicenseProblem.NON_COMMERCIAL for hit in hits) else None
    return [
        hit
        for hit in hits
        if not (
            hit.problem is LicenseProblem.NON_COMMERCIAL
            and foreign is not None
            and _describes_organisation(tokens, hit, vocab, foreign)
        )
        and not (hit.problem is not None and hit.spdx is None and _tells_past_use(tokens, hit, vocab))
        and not (hit.problem is not None and hit.spdx is None and _withdrawn_quote(tokens, hit.start, vocab))
        and not (hit.problem is LicenseProblem.NO_DERIVATIVES and _confirmed_unchanged(tokens, hit, vocab))
        and not (hit.problem is LicenseProblem.NOT_FREE and _fee_for_other_version(tokens, hit, vocab))
        and not (
            hit.problem is not None and hit.spdx is None and _of_other_works(tokens, hit, frozenset(), vocab)
        )
        and not (hit.problem is not None and hit.spdx is None and _photography_rule(tokens, hit, vocab))
        and not (hit.problem is not None and _compared_with(tokens, hit, vocab))
        and not (hit.problem is not None and hit.spdx is None and _about_personal_data(tokens, hit, vocab))
    ]


def _about_personal_data(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """A restriction in a sentence about personal data: a data-protection footer's "Dane osobowe … nie
    będą wykorzystywane w celach komercyjnych" limits what is done with the sender's data, not the work."""
    first, last = sentence_around(tokens, hit.start)
    return any(vocab.personal_data_words.matches_any(tokens, i) for i in range(first, last + 1))


# Words an unlike-word may stand before the restriction it compares the grant with.
_UNLIKE_REACH = 14


def _compared_with(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """A restriction in a phrase opened by an unlike-word and closed by a comma outside brackets: "в
    отличие от лицензий только для некоммерческого использования (например, CC BY-NC 4.0), эта лицензия
    позволяет …" names what the grant is not. Not without the closing comma: "unlike others I only allow
    non-commercial use" restricts."""
    for unlike in range(max(0, hit.start - _UNLIKE_REACH), hit.start):
        found = vocab.unlike_words.match(tokens, unlike)
        if found is None or any(token.brk for token in tokens[unlike + 1 : hit.end]):
            continue
        if any(
            vocab.set_aside_words.matches_any(tokens, i) or vocab.first_persons.matches_any(tokens, i)
            for i in range(unlike, hit.start)
        ):
            return False  # "Contrary to what I wrote in my first mail (CC BY-NC 4.0), …": a correction
        if _closed_phrase_end(tokens, unlike + found.length, hit.end) is not None:
            return True
    return False


def _closed_phrase_end(tokens: Sequence[Token], start: int, past: int) -> int | None:
    """The index of the token after a comma, semicolon or colon outside brackets that closes a phrase
    starting at `start`, if it comes at or after `past` in the sentence and none comes before it."""
    depth = 0
    for index in range(start, len(tokens)):
        token = tokens[index]
        if index > start and token.brk:
            return None
        for char in token.sep if index > start else "":
            if char in "([（【":
                depth += 1
            elif char in ")]）】":
                depth = max(0, depth - 1)
            elif char in ",;:，；：、" and depth == 0:
                return index if index >= past else None
    return None


def _photography_rule(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """A restriction in a sentence about visitors taking photos, the act named in the restriction's
    clause or before it with no contrast word between: a house rule for visitors' own photos ("según
    nuestras normas de visita, el público solo puede hacer fotografías para uso personal"), not a limit of
    the works released. "I love taking photos, but these are for non-commercial use only" limits them."""
    first, last = sentence_around(tokens, hit.start)
    if not any(vocab.visitor_words.matches_any(tokens, i) for i in range(first, last + 1)):
        return False
    clause_first, clause_last = _clause_around(tokens, hit.start)
    for i in range(first, last + 1):
        if not vocab.photographing_acts.matches_any(tokens, i):
            continue
        if clause_first <= i <= clause_last:
            return True
        if i < hit.start and not any(
            vocab.contrast_words.matches_any(tokens, between) for between in range(i + 1, hit.start)
        ):
            return True
    return False


def about_other_works(text: str, start: int, vocab: LicenseVocabulary) -> bool:
    """The words at character `start` stand in a sentence about the holder's other works ("Les autres
    photos de notre site (…, prises par des adhérents) restent sous tous droits réservés", "the portrait of
    me on my website was taken by my daughter and is not part of this release"): a credit there names the
    maker of those, not of the works released."""
    tokens = tokenize(text)
    index = next((i for i, token in enumerate(tokens) if token.end > start), None)
    return index is not None and _of_other_works(
        tokens, _Hit(index, index + 1, None, None), frozenset(), vocab
    )


def _takes_up_the_sentence_before(tokens: Sequence[Token], first: int, vocab: LicenseVocabulary) -> bool:
    """The sentence opens with a plural pronoun for works ("They", "Die", "Elles", "そちら"), not an article
    before a noun ("Die Bilder"): no capital follows it. A singular one ("It") is the work released."""
    found = vocab.other_works_pronouns.match(tokens, first)
    after = first + found.length if found is not None else first
    return found is not None and after < len(tokens) and not tokens[after].raw[:1].isupper()


def _of_other_works(
    tokens: Sequence[Token], hit: _Hit, licensed: frozenset[int], vocab: LicenseVocabulary
) -> bool:
    """A license named for works other than the ones released: in a sentence about the holder's other
    works, or in one that says its works are left out of this grant ("Unsere Pressebilder stehen weiterhin
    unter CC BY-NC-ND 4.0 und sind von dieser Freigabe nicht betroffen"). A use, commercial or change word
    outside the license names before the excluded-phrase makes the sentence leave out a use instead
    ("commercial use under CC BY-NC is not covered"): no other works then."""
    return _about_other_works(tokens, hit, vocab) or _left_out_of_grant(tokens, hit, licensed, vocab)


def _left_out_of_grant(
    tokens: Sequence[Token], hit: _Hit, licensed: frozenset[int], vocab: LicenseVocabulary
) -> bool:
    """The sentence says what stands before its excluded-phrase is left out of this grant: "Unsere
    Pressebilder … sind von dieser Freigabe nicht betroffen", "…今回の2点とは別のもので、許諾の対象外です"."""
    first, last = sentence_around(tokens, hit.start)
    grants = (vocab.grant_nouns, vocab.consent_words, vocab.license_words)
    left_out = next(
        (
            span
            for span in _spans(tokens, vocab.excluded_words, frozenset(), None)
            # before the license named ("Pressebilder … unter CC BY-NC-ND 4.0 … nicht betroffen") or
            # the restriction ("…이번 허락과 관계가 없으니 사용하지 말아 주십시오": unrelated to this
            # permission, so please do not use it)
            if first <= span.start <= last
            and not hit.start <= span.start < hit.end
            # the grant named beside it: "von dieser Freigabe nicht betroffen", "not covered by this release"
            and any(
                table.matches_any(tokens, i)
                for table in grants
                for i in range(max(first, span.start - _GRANT_REACH), min(last + 1, span.end + _GRANT_REACH))
                if not hit.start <= i < hit.end
            )
        ),
        None,
    )
    return left_out is not None and not any(
        i not in licensed and getattr(vocab, table).matches_any(tokens, i)
        for table, _ in _USE_TABLES
        for i in range(first, left_out.start)
    )


# Words between an excluded-phrase and the grant it names: "sind von dieser Freigabe nicht betroffen".
_GRANT_REACH = 4


def _about_other_works(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """A restriction in a sentence about the holder's other works, named before it at the start of a
    clause: "De øvrige billeder på min hjemmeside er stadig beskyttet og må ikke bruges uden aftale" keeps
    those, not the two released; or in the next sentence, opened by a pronoun that takes them up ("Die
    übrigen Bilder … sind von dieser Freigabe nicht betroffen. Die bleiben alle Rechte vorbehalten")."""
    first, last = sentence_around(tokens, hit.start)
    if first > 0 and _takes_up_the_sentence_before(tokens, first, vocab):
        opening, before = sentence_around(tokens, first - 1)
        if _about_other_works(tokens, _Hit(before, before + 1, None, None), vocab) or _left_out_of_grant(
            tokens, _Hit(opening, opening, None, None), frozenset(), vocab
        ):
            return True
    if any(
        (found := vocab.alike_words.match(tokens, i)) is not None
        # "bleiben wie bisher geschützt" (as before): a likeness to the past, not to this work
        and not vocab.so_far_words.matches_any(tokens, i + found.length)
        # "restano come sono" (stay as they are): a likeness to their own state
        and not vocab.unlikened_words.matches_any(tokens, i)
        for i in range(first, last + 1)
    ):
        return False  # "Like my other photos, this one may only be used non-commercially"
    return any(
        (
            vocab.other_works.matches_any(tokens, i)
            and (
                _opens_statement(tokens, i, vocab)
                or _opens_after_attributes(tokens, i)
                or _opens_after_genitive(tokens, i, vocab)
                or _opens_that_clause(tokens, i, vocab)
            )
            and not _joined_to_this(tokens, i, vocab)
            # "Unlike my other photos, this one may only be used non-commercially": this one's limit
            and not _after_unlike(tokens, i, vocab)
        )
        # a topic particle marks them as what the clause is about, after whatever describes them:
        # "私のウェブサイトに掲載しているその他の写真は、これまで通り無断転載禁止"
        or _other_works_topic(tokens, i, vocab)
        for i in range(first, hit.start)
        # "Other photos may be combined with them, but commercial use is forbidden": the contrast opens a
        # clause of its own about these works
        if not _but_clause_between(tokens, i + 1, hit.start, vocab)
    )


def _but_clause_between(tokens: Sequence[Token], start: int, end: int, vocab: LicenseVocabulary) -> bool:
    """A but-word after a comma or semicolon between the two token indices, a use of its own its subject
    at most two words on ("…, but any commercial use is forbidden"); not one that goes on about the other
    works ("…, ale proszę ich nie zmieniać": but please do not change them)."""
    return any(
        any(mark in tokens[i].sep for mark in ",;")
        and (found := vocab.but_words.match(tokens, i)) is not None
        and any(
            getattr(vocab, table).matches_any(tokens, at)
            for table, _ in _USE_TABLES
            for at in range(i + found.length, min(len(tokens), i + found.length + _BUT_SUBJECT_REACH))
        )
        for i in range(start, end)
    )


_BUT_SUBJECT_REACH = 3  # "but commercial", "but any commercial"


def _after_unlike(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """An unlike-word ending right before `index`, or one word before it ("unlike all my other photos")."""
    return any(
        (found := vocab.unlike_words.match(tokens, start)) is not None
        and index - 1 <= start + found.length <= index
        for start in range(max(0, index - 4), index)
    )


def _other_works_topic(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """The holder's other works as what a clause is about, marked by a topic particle right after them or
    ending their word: "私のサイトに掲載しているほかの作品については", "제 블로그에 올린 다른 사진들은",
    "Web sitemdeki diğer fotoğraflarım için"."""
    found = vocab.other_works_topics.match(tokens, index)
    if found is None:
        return False
    end = index + found.length
    last = tokens[end - 1].norm
    markers = _topic_marker_words(vocab)
    if any(last.endswith(marker) and len(last) > len(marker) for marker in markers):
        return True
    # "다른 사진과 영상은" (the other photos and videos): joined to the next word, which ends with the marker
    joined = tuple(vocab.joining_endings.by_first)
    if joined and last.endswith(joined) and end < len(tokens) and not tokens[end].gap:
        following = tokens[end].norm
        if any(following.endswith(marker) and len(following) > len(marker) for marker in markers):
            return True
    # the noun phrase may go on before its marker: "その他の写真およびパンフレットの画像につきましては"; a
    # case particle ends it ("その他の写真と組み合わせて": with the other photos)
    # a bracket says what they are ("その他の写真（商品写真など）は"): the marker may follow it
    at, reach = end, min(len(tokens), end + _TOPIC_REACH)
    # or be the next word: "Web sitemdeki diğer fotoğraflarım için durum farklı" (for my other photos …)
    if at < reach and vocab.topic_markers.matches_any(tokens, at):
        return True
    while at < reach:
        if at == end and _opens_bracket(tokens[at]):
            closed = _after_bracket(tokens, at, reach)
            if closed is None:
                return False
            at = closed
        elif tokens[at].gap:
            return False
        if vocab.topic_markers.matches_any(tokens, at):
            return True
        if tokens[at].raw in _CASE_PARTICLES:
            return False
        at += 1
    return False


def _after_bracket(tokens: Sequence[Token], opening: int, reach: int) -> int | None:
    """The token right after the bracket opened before `opening` closes, before `reach`."""
    for at in range(opening + 1, reach):
        if ")" in tokens[at].sep or "）" in tokens[at].sep:
            return at
        if tokens[at].brk:
            return None
    return None


_TOPIC_REACH = 16  # "およびパンフレットの画像": characters of a noun phrase going on
_CASE_PARTICLES = frozenset({"を", "が", "で", "と", "に", "へ", "から"})


def _topic_marker_words(vocab: LicenseVocabulary) -> tuple[str, ...]:
    """The one-word topic markers, folded: the particles a Korean word ends with ("사진들은")."""
    return tuple(
        first
        for first, entries in vocab.topic_markers.by_first.items()
        if any(len(w) == 1 for w, _ in entries)
    )


def _opens_statement(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """At most `_OTHER_WORKS_LEAD` words after a sentence's start, a colon or a spaced dash: "Une précision :
    les autres photographies …", "… samo na navedenu fotografiju - ostale fotografije …". Further on, or
    after a comma, they are what a restricted use names ("Enhver beskæring, … sammenklipning med andre
    billeder … er dog ikke tilladt"). An attribute ending in a participle may stand before them, as
    languages that put it first write it ("A honlapunkon lévő többi fotó …": the other photos on our site)."""
    lead = _OTHER_WORKS_LEAD
    if index > 0 and not tokens[index].gap and vocab.attribute_ends.matches_any(tokens, index - 1):
        lead += _ATTRIBUTE_WORDS
    for start in range(index, max(-1, index - lead - 1), -1):
        sep = tokens[start].sep
        if start == 0 or tokens[start].brk or any(mark in sep for mark in ":;") or _DASH_ASIDE.search(sep):
            return True
        if tokens[start].gap:
            return start == index and _after_sentence_adverb(tokens, start)
    return False


_OTHER_WORKS_LEAD = 2  # "les autres photographies", "alle meine anderen Fotos"
_ATTRIBUTE_WORDS = 3  # "honlapunkon lévő" (on our site, being) before "többi fotó"


def _opens_that_clause(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """Right after a that-word (an article or a possessive between at most) that follows a comma or
    opens the sentence's first words: "Upozorňuji jen, že ostatní fotografie na mém webu zůstávají
    chráněné", "Please note that the other photos …": they are what the reported clause is about."""
    for that in range(index - 1, max(-1, index - _OTHER_WORKS_LEAD - 1), -1):
        found = vocab.that_words.match(tokens, that)
        if found is None or that + found.length > index:
            continue
        if tokens[that].gap:
            return True
        first, _ = sentence_around(tokens, that)
        return that - first <= _THAT_LEAD and not any(tokens[i].gap for i in range(first + 1, that))
    return False


_THAT_LEAD = 3  # "Please note that", "Upozorňuji jen, že": the that-word among the sentence's first words


def _opens_after_attributes(tokens: Sequence[Token], index: int) -> bool:
    """Han letters that describe what follows with "的" or "之" before it, and only they, between the
    statement's start and `index`: "本馆官网上的其他图片…仍保留所有权利" (the other pictures on our site);
    the statement may open with a sentence adverb and a comma ("另外，我網站上的其他作品…")."""
    if index == 0 or tokens[index - 1].raw not in _ATTRIBUTIVE_PARTICLES or tokens[index].gap:
        return False
    for start in range(index - 1, max(-1, index - _ATTRIBUTE_REACH - 1), -1):
        token = tokens[start]
        if _UNSPACED_LETTER.fullmatch(token.raw) is None:
            return False
        if start == 0 or token.brk or any(mark in token.sep for mark in ":;：；"):
            return True
        if token.gap:
            return _after_sentence_adverb(tokens, start)
    return False


def _opens_after_genitive(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """A genitive postposition right before `index`, at most `_GENITIVE_LEAD` words after the sentence's
    start, no punctuation between: "Vaise hamari website ki baaki photos …", "मेरी वेबसाइट की बाकी
    तस्वीरें …" (the other photos of our website) open the statement as "les autres photos" do."""
    if index == 0 or tokens[index].gap or not vocab.genitive_postpositions.matches_any(tokens, index - 1):
        return False
    for start in range(index - 1, max(-1, index - _GENITIVE_LEAD - 2), -1):
        if start == 0 or tokens[start].brk:
            return True
        if tokens[start].gap:
            return False
    return False


_GENITIVE_LEAD = 4  # "Vaise hamari website ki": a sentence adverb, a possessive, a noun, the postposition


def _after_sentence_adverb(tokens: Sequence[Token], index: int) -> bool:
    """The comma `index` follows closes the sentence's opening adverb or interjection: at most
    `_SENTENCE_ADVERB_LETTERS` Han letters ("另外，", "此外，": in addition) or `_OPENER_WORDS` words
    ("Oh iya, foto-foto lain …", "By the way, my other photos …")."""
    han = index > 0 and _UNSPACED_LETTER.fullmatch(tokens[index - 1].raw) is not None
    if not han and "," not in tokens[index].sep:
        return False
    reach = _SENTENCE_ADVERB_LETTERS if han else _OPENER_WORDS
    for start in range(index - 1, max(-1, index - reach - 1), -1):
        if han and _UNSPACED_LETTER.fullmatch(tokens[start].raw) is None:
            return False
        if start == 0 or tokens[start].brk:
            return True
        if tokens[start].gap:
            return False
    return False


_SENTENCE_ADVERB_LETTERS = 2
_OPENER_WORDS = 3


_ATTRIBUTIVE_PARTICLES = frozenset({"的", "之"})
_ATTRIBUTE_REACH = 12  # "本馆官网上的": letters of what describes the other works


def _joined_to_this(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """An and-word just before the other works (their determiner between): "this one and the other photos
    on my site may not be used commercially" restricts this one too."""
    return any(vocab.and_words.matches_any(tokens, i) for i in range(max(0, index - 2), index))


def _fee_for_other_version(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """A fee asked in a sentence about another version of the work than the one released: "את קובצי המקור
    ברזולוציה המלאה … מוכרת ללקוחות, … בתשלום", "high-resolution files are available for a fee". The
    released files stay free; not when the sentence names a commercial use, a license or a consent."""
    sentences = _sentence_numbers(tokens)
    sentence = sentences[hit.start]
    inside = [i for i in range(len(tokens)) if sentences[i] == sentence]
    if not any(vocab.other_versions.matches_any(tokens, i) for i in inside):
        return False
    return not any(
        table.matches_any(tokens, i)
        for i in inside
        for table in (vocab.commercial_words, vocab.license_words, vocab.cc_names, vocab.consent_words)
    )


def _tells_past_use(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """A restriction in a clause that tells how the work has been used until now: "până acum am folosit-o
    doar necomercial", "so far we have only used it in our brochure", "bisher nur auf unserer Website
    genutzt". A so-far word and a use verb in the clause, and no permission, consent, license or
    refusal word there ("so far I allow only non-commercial use" still restricts)."""
    first, last = _clause_around(tokens, hit.start)
    clause = range(first, max(last, hit.end - 1) + 1)
    so_far = {
        i
        for start in clause
        if (found := vocab.so_far_words.match(tokens, start)) is not None
        for i in range(start, start + found.length)
    }
    if not so_far or not any(vocab.use_verbs.matches_any(tokens, i) for i in clause):
        return False
    return not any(
        table.matches_any(tokens, i)
        for i in clause
        if i not in so_far  # "so far": not Swedish "får" (may)
        for table in (
            vocab.permission_words,
            vocab.negated_permissions,
            vocab.prohibition_words,
            vocab.consent_words,
            vocab.license_words,
            vocab.cc_names,
            vocab.request_words,
        )
    )


# Words between a non-commercial word and the organisation it describes ("non-commercial, volunteer-run
# association"), and between an organisation as subject and the non-commercial words of its verb ("Der
# Verein ist als gemeinnützig anerkannt und verfolgt keine kommerziellen Zwecke").
_DESCRIBED_AFTER = 3
_DESCRIBED_BEFORE = 8


def _describes_organisation(
    tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary, foreign: _ForeignWords
) -> bool:
    """A non-commercial word that says what an organisation is ("wij zijn een niet-commerciële
    vrijwilligersstichting", "The Trust is a non-commercial association"), or what it pursues as the
    subject of the clause ("Der Verein verfolgt keine kommerziellen Zwecke"), with no use, license,
    permission, only, prohibition or wiki word in those clauses and no purpose word right before it ("for
    non-commercial organisations" limits the grant to them). Not the grant's condition."""
    if hit.start > 0 and vocab.purpose_words.matches_any(tokens, hit.start - 1):
        return False
    answer = hit.end - 1
    if answer > hit.start and _answer_separator(tokens[answer].sep) and _no_answer_at(tokens, answer, vocab):
        return False  # "… în scopuri comerciale ........ NU": a form's answer, no description
    after = next(
        (
            i
            for i in range(hit.end, min(len(tokens), hit.end + _DESCRIBED_AFTER))
            if not any(tokens[j].brk for j in range(hit.end, i + 1)) and _org_noun(tokens, i, vocab)
        ),
        None,
    )
    before = next(
        (
            i
            for i in range(hit.start - 1, max(-1, hit.start - _DESCRIBED_BEFORE - 1), -1)
            if not any(tokens[j].gap for j in range(i + 1, hit.start + 1)) and _org_noun(tokens, i, vocab)
        ),
        None,
    )
    if after is not None:
        first, last = _clause_around(tokens, hit.start)[0], _clause_around(tokens, after)[1]
    elif before is not None:
        # from the clause's start: "Uso consentito solo per un'associazione senza scopo di lucro" names the
        # use it allows before the organisation
        first, last = _clause_around(tokens, before)[0], _clause_around(tokens, hit.start)[1]
    else:
        return False
    # a spaced dash starts an aside of its own: "jestem fotografką niekomercyjną - fotografuję wyłącznie …"
    last = next((i - 1 for i in range(hit.end, last + 1) if _DASH_ASIDE.search(tokens[i].sep)), last)
    # "une association à but non lucratif et tenons à ce que nos collections soient diffusées": another
    # predicate after the description
    described_end = max(hit.end, after + 1) if after is not None else hit.end
    last = next(
        (i - 1 for i in range(described_end, last + 1) if vocab.and_words.matches_any(tokens, i)), last
    )
    return not any(
        (found := table.match(tokens, i)) is not None
        # "Ние сме некомерсиална организация": Bulgarian "we are", no Serbian "сме" (may)
        and not (key in _PER_LANGUAGE_LISTS and foreign.foreign(_Span(i, i + found.length), key))
        for i in range(first, last + 1)
        for key, table in (
            ("use_nouns", vocab.use_nouns),
            ("use_verbs", vocab.use_verbs),
            ("license_words", vocab.license_words),
            ("cc_names", vocab.cc_names),
            ("permission_words", vocab.permission_words),
            ("only_words", vocab.only_words),
            ("prohibition_words", vocab.prohibition_words),
            ("wiki_words", vocab.wiki_words),
        )
    )


_DASH_ASIDE = re.compile(r"\s[-\u2013\u2014]\s")
# An organisation noun this long also ends compounds: "vrijwilligersstichting", "Fotoverein".
_COMPOUND_HEAD = 6


def _org_noun(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    norm = tokens[index].norm
    return vocab.org_nouns.matches_any(tokens, index) or any(
        len(word) >= _COMPOUND_HEAD and norm.endswith(word) for word in vocab.org_nouns.by_first
    )


# Words that may stand before the use a sentence opens with ("Eine gewerbliche Verwendung …"), and words of
# a label before it ("PS:").
_TOPIC_LEAD = 2
# Words a negation may stand before a withdrawn license ("Nu mai acord licența CC BY-NC-SA 4.0"), and
# before an element name that is left out ("without the clause NonCommercial").
_WITHDRAWN_REACH = 4
_BRACKETS = frozenset("()[]\uff08\uff09")


# Words an instead-word may stand before the license it replaces ("instead of the CC BY-NC-SA 4.0"), or
# after it ("CC BY-NC 4.0 licenc helyett").
_INSTEAD_REACH = 3
_LONGEST_INSTEAD = 5  # words of the longest instead-word ("en remplacement de la")


def _replaced_later(
    tokens: Sequence[Token], hit: _Hit, hits: Sequence[_Hit], vocab: LicenseVocabulary
) -> bool:
    """A non-free license's name, written the same way in a later sentence that replaces it with a free one
    (`_replaced`): "W mailu …, który jest niżej, zgodziłam się na licencję CC BY-NC 4.0. … zamiast CC BY-NC
    4.0 udzielam … CC BY-SA 4.0" gives up the earlier choice too."""
    if hit.problem not in _RESTRICTION_RANK:
        return False
    sentences = _sentence_numbers(tokens)
    written = [token.norm for token in tokens[hit.start : hit.end]]
    return any(
        sentences[other.start] > sentences[hit.start]
        and other.problem is hit.problem
        and [token.norm for token in tokens[other.start : other.end]] == written
        and _replaced(tokens, other, hits, vocab)
        for other in hits
    )


def _replaced(tokens: Sequence[Token], hit: _Hit, hits: Sequence[_Hit], vocab: LicenseVocabulary) -> bool:
    """A license's name the sentence replaces with a free one: "concedo la licenza CC BY-SA 4.0
    al posto della CC BY-NC-SA 4.0 indicata in precedenza", "CC BY-SA 4.0 instead of CC BY-NC-SA 4.0", "a
    CC BY-NC 4.0 helyett CC BY 4.0". An instead-word at most `_INSTEAD_REACH` words before the name (or a
    postposition as far after it) in its clause, and another free license named in the same sentence (or
    the next, for a free license replaced)."""
    sentences = _sentence_numbers(tokens)
    if hit.problem in _RESTRICTION_RANK:
        reach = {sentences[hit.start]}
    elif hit.problem is None and hit.spdx is not None:
        # a free license changed for another: "i stället för CC BY 4.0 som jag skrev nedan gäller
        # följande: … CC0 1.0", "em vez da CC BY-SA 4.0 …, prefiro … a CC0 1.0"
        reach = {sentences[hit.start], sentences[hit.start] + 1}
    else:
        return False
    if not any(
        other.problem is None
        and other.spdx is not None
        and other.spdx != hit.spdx
        and sentences[other.start] in reach
        for other in hits
    ):
        return False
    before = any(
        (found := vocab.instead_words.match(tokens, start)) is not None
        and hit.start - _INSTEAD_REACH <= start + found.length <= hit.start
        and not any(tokens[i].gap for i in range(start + 1, hit.start + 1))
        for start in range(max(0, hit.start - _INSTEAD_REACH - _LONGEST_INSTEAD), hit.start)
    )
    after = any(
        vocab.instead_after_words.matches_any(tokens, start)
        and not any(tokens[i].gap for i in range(hit.end, start + 1))
        for start in range(hit.end, min(len(tokens), hit.end + _INSTEAD_REACH))
    )
    return before or after


def _withdrawn(tokens: Sequence[Token], hit: _Hit, hits: Sequence[_Hit], vocab: LicenseVocabulary) -> bool:
    """A non-free license named under a negation and replaced by a free one in the same sentence: "Nu mai
    acord licența CC BY-NC-SA 4.0 menționată inițial, ci … (CC BY-SA 4.0)", "not CC BY-NC 4.0 but CC BY
    4.0". Only a license's name is lifted so, never a restriction in words: the negation must reach it
    in its clause with no commercial or modify word between ("not for commercial use CC BY-NC 4.0"
    stays), and the contrast word and the free license must follow in the same sentence."""
    if hit.problem not in _RESTRICTION_RANK:
        return False
    if _license_negated(tokens, hit.start, vocab):
        return _free_past_contrast(tokens, hit, hits, vocab)
    return _replaced_after_post_negator(tokens, hit, hits, vocab)


def _replaced_after_post_negator(
    tokens: Sequence[Token], hit: _Hit, hits: Sequence[_Hit], vocab: LicenseVocabulary
) -> bool:
    """The same with the negation written after the name, the free license after the negation: "CC
    BY-NC-SA 4.0 değil, CC BY-SA 4.0 olacak" (not CC BY-NC-SA 4.0, CC BY-SA 4.0 it will be)."""
    negation = _negated_after(tokens, hit.end, vocab)
    if negation is None or any(
        vocab.commercial_words.matches_any(tokens, i) or vocab.modify_words.matches_any(tokens, i)
        for i in range(hit.end, negation.start)
    ):
        return False
    sentences = _sentence_numbers(tokens)
    return any(
        other.spdx is not None
        and other.problem is None
        and other.start >= negation.end
        and sentences[other.start] == sentences[hit.start]
        and not _described_by_its_uses(tokens, other, vocab)
        for other in hits
    )


# Words (an article) a negation may stand before the license it rejects: "not a licence", "e não uma
# licença"; no more, so that "nothing beyond a licence for non-commercial use" rejects nothing.
_REJECTED_REACH = 1


def _without_rejected(
    tokens: Sequence[Token], hits: list[_Hit], names: Sequence[_Hit], vocab: LicenseVocabulary
) -> list[_Hit]:
    """All `hits` but the non-commercial or no-derivatives licenses the sender names as the one not chosen,
    beside the free one chosen in the same sentence: "Escolhi a CC BY-SA 4.0, e não uma licença sem obras
    derivadas ou não comercial", "not a non-commercial licence but CC BY 4.0".

    A negation, at most `_REJECTED_REACH` word (an article, no commercial or modify word) and any choice
    words ("chose", "version") before a noun phrase made only of license words, license names (`names`)
    and written-out restrictions, one joining word between them at most, with a license word or name in
    it or a choice word before it, in one clause; and a free license in the same sentence or the one
    before, before the negation, or after a contrast word closing the phrase; or a phrase declining the
    restriction after it (`_decided_against`). Only the
    restrictions inside that phrase are lifted, and only those written as a phrase or a license's name:
    a refusal ("uso comercial proibido") has a verb and is never part of such a noun phrase."""
    free = [hit for hit in names if hit.spdx is not None]
    if not free:
        return hits
    named = {
        hit.start: _Named(hit.end, hit in names)
        for hit in hits
        if hit.problem in (LicenseProblem.NON_COMMERCIAL, LicenseProblem.NO_DERIVATIVES)
        and (hit in names or _written_out(tokens, hit, vocab))
    }
    if not named:
        return hits
    sentences = _sentence_numbers(tokens)
    lifted: set[int] = set()
    for start in vocab.negators.starts(tokens):
        negator = vocab.negators.match(tokens, start)
        phrase = None if negator is None else _rejected_phrase(tokens, start + negator.length, named, vocab)
        if phrase is None:
            continue
        inside, end = phrase
        sentence = sentences[start]
        before = any(hit.end <= start and sentences[hit.start] in (sentence, sentence - 1) for hit in free)
        contrast = _close(tokens, end) and vocab.contrast_words.matches_any(tokens, end)
        after = contrast and any(hit.start > end and sentences[hit.start] == sentence for hit in free)
        if before or after:
            lifted.update(inside)
    lifted.update(_decided_against(tokens, named, free, vocab))
    return [hit for hit in hits if hit.start not in lifted]


def _decided_against(
    tokens: Sequence[Token], named: Mapping[int, _Named], free: Sequence[_Hit], vocab: LicenseVocabulary
) -> list[int]:
    """The restriction named last before a phrase that declines it ("ob ich CC BY-NC 4.0 wähle, habe mich
    aber dagegen entschieden"), in its sentence with no free license between, when a free license is named
    in that sentence or the one next to it. The declining phrase must close its clause: "decided against
    CC BY-SA" declines what follows, not what went before."""
    sentences = _sentence_numbers(tokens)
    lifted: list[int] = []
    for start in vocab.against_words.starts(tokens):
        found = vocab.against_words.match(tokens, start)
        if found is None or _close(tokens, start + found.length):
            continue
        sentence = sentences[start]
        declined = [index for index in named if index < start and sentences[index] == sentence]
        if not declined:
            continue
        last = max(declined)
        if any(last < hit.start < start for hit in free):
            continue
        if any(sentences[hit.start] in (sentence - 1, sentence, sentence + 1) for hit in free):
            lifted.append(last)
    return lifted


class _Named(NamedTuple):
    """A restriction a rejected license phrase may hold: where it ends, and whether it is a license's name."""

    end: int
    license_name: bool


def _written_out(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """The restriction is exactly a written-out phrase ("sem obras derivadas", "não comercial")."""
    return any(
        (found := table.match(tokens, hit.start)) is not None and found.length == hit.end - hit.start
        for table in (vocab.non_commercial, vocab.no_derivatives)
    )


def _rejected_phrase(
    tokens: Sequence[Token], after: int, named: Mapping[int, _Named], vocab: LicenseVocabulary
) -> tuple[list[int], int] | None:
    """The starts of the restrictions in the license phrase a negation ending at `after` rejects, and the
    phrase's end; None when no such phrase follows in the clause."""
    begin = after
    reach = _REJECTED_REACH
    chosen = False  # "nie wybrałam wersji …": a negated choice names what follows as a license
    while not (begin in named or vocab.license_words.matches_any(tokens, begin)):
        if not _close(tokens, begin) or _use_word(tokens, begin, vocab):
            return None
        choice = vocab.choice_words.match(tokens, begin)
        if choice is not None:
            chosen = True
            reach += choice.length
            begin += choice.length
            continue
        if begin - after >= reach:
            return None
        begin += 1
    if not _close(tokens, begin):
        return None
    inside: list[int] = []
    has_license = chosen
    index = begin
    while _close(tokens, index):
        word = vocab.license_words.match(tokens, index)
        if index in named:
            inside.append(index)
            has_license = has_license or named[index].license_name
            index = named[index].end
        elif word is not None:
            has_license = True
            index += word.length
        elif _close(tokens, index + 1) and (
            index + 1 in named or vocab.license_words.matches_any(tokens, index + 1)
        ):
            index += 1  # one joining word: "sem obras derivadas ou não comercial"
        else:
            break
    return (inside, index) if inside and has_license else None


def _use_word(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    return vocab.commercial_words.matches_any(tokens, index) or vocab.modify_words.matches_any(tokens, index)


def _without_set_aside(
    tokens: Sequence[Token], hits: list[_Hit], vocab: LicenseVocabulary, names: frozenset[_Hit]
) -> list[_Hit]:
    """All `hits` but the restrictions the sender sets aside (`_set_aside`), and the license `names`
    negated where they stand ("I did NOT choose CC BY-NC 4.0"), when the rest of the mail undoes them
    (`_undone_elsewhere`); a license named in brackets right after a restriction set aside goes with it
    ("une licence non commerciale (CC BY-NC)")."""
    markers = [
        span
        for span in _spans(tokens, vocab.set_aside_words, frozenset(), None)
        if not _negated(tokens, span.start, vocab)
    ]
    sentences = _sentence_numbers(tokens)
    # "PS, Korrektur: oben ist aus Versehen noch die Lizenz von meiner Homepage stehen geblieben": a marker
    # whose sentence points back sets aside what stands before it
    above = {sentences[span.start] for span in _spans(tokens, vocab.above_words, frozenset(), None)}
    instead_of_above = [
        # "umjesto gore navedene licence vrijedi CC BY-SA 4.0": instead of the license above
        marker
        for marker in _spans(tokens, vocab.instead_words, frozenset(), None)
        if sentences[marker.start] in above and not _negated(tokens, marker.start, vocab)
    ]
    pointing_back = [
        marker
        for marker in (*markers, *_spans(tokens, vocab.withdraw_words, frozenset(), None))
        if sentences[marker.start] in above and not _negated(tokens, marker.start, vocab)
    ] + instead_of_above
    kept: list[_Hit] = []
    previous_set_aside: _Hit | None = None
    last_bracketed: _Hit | None = None
    for hit in hits:
        bracketed = previous_set_aside is not None and (
            _in_bracket_after(tokens, previous_set_aside, hit)
            # "CC BY-NC-ND 4.0 (solo uso non commerciale, nessuna modifica)": the rest of that bracket too
            or (last_bracketed is not None and _same_bracket(tokens, last_bracketed, hit))
        )
        last_bracketed = hit if bracketed else None
        if any(
            marker.end <= hit.start and sentences[marker.start] == sentences[hit.start]
            for marker in instead_of_above
        ):
            # "Bitte tragen Sie statt der oben genannten Lizenz CC BY-NC-SA 4.0 ein": the license that
            # replaces the one above is the grant now, whatever else its sentence says
            kept.append(hit)
            continue
        set_aside = _set_aside(tokens, hit, markers, sentences, vocab)
        marked = (
            set_aside
            or (hit in names and _license_negated(tokens, hit.start, vocab))
            or (hit in names and _free_past_contrast(tokens, hit, hits, vocab))
            or (hit in names and _on_another_platform(tokens, hit, sentences, vocab))
            or _withdrawn_in_words(tokens, sentences, sentences[hit.start], vocab)
            # "… olen sallinut niiden käytön vain ei-kaupallisiin tarkoituksiin. … luovun nyt tuosta
            # rajoituksesta": the next sentence gives the restriction up, naming it
            or _withdrawn_in_words(tokens, sentences, sentences[hit.start] + 1, vocab)
            or any(marker.start > hit.end for marker in pointing_back)
        )
        if bracketed:
            continue  # the license set aside just before, named again: it goes with it
        if marked and _undone_elsewhere(
            tokens,
            hit,
            hits,
            sentences,
            vocab,
            license_name=set_aside and hit in names and _named_in_error(tokens, hit, sentences, vocab),
        ):
            previous_set_aside = hit
        else:
            kept.append(hit)
    return kept


def _on_another_platform(
    tokens: Sequence[Token], hit: _Hit, sentences: Sequence[int], vocab: LicenseVocabulary
) -> bool:
    """A platform named before the license in its sentence: "essa mesma foto também está no meu Flickr,
    com a licença CC BY-NC 2.0" names the license of the copy there."""
    return any(
        span.end <= hit.start and sentences[span.start] == sentences[hit.start]
        for span in _spans(tokens, vocab.platform_words, frozenset(), None)
    )


_BRACKET_REACH = 2  # "(лише некомерційне …)": a restriction's own words at most two words into the bracket


def _free_past_contrast(
    tokens: Sequence[Token], hit: _Hit, hits: Sequence[_Hit], vocab: LicenseVocabulary
) -> bool:
    """A contrast word after `hit` in its sentence, and a free license's name after that word there: "Daar
    blijft CC BY-NC-ND 4.0 gelden, maar voor deze foto … kies ik voor … CC BY 4.0" keeps the old one
    elsewhere (lifted only as any set-aside restriction is, when the rest of the mail allows the use in
    words); "not CC BY-NC 4.0 but CC BY 4.0" withdraws it. Not a free license described by what it allows
    (`_described_by_its_uses`), only compared with the one granted: "I publish it under CC BY-NC 4.0, but
    CC BY-SA 4.0 would allow commercial use"."""
    sentences = _sentence_numbers(tokens)  # cached on the tokens
    sentence = sentences[hit.start]
    contrast = next(
        (
            index
            for index in range(hit.end, len(tokens))
            if sentences[index] == sentence and vocab.contrast_words.matches_any(tokens, index)
        ),
        None,
    )
    first = sentence_around(tokens, hit.start)[0]
    if contrast is None and any(vocab.instead_words.matches_any(tokens, i) for i in range(first, hit.start)):
        # "In tegenstelling tot wat ik in mijn vorige mail schreef (CC BY-NC 4.0) geef ik de foto nu vrij
        # onder … (CC BY-SA 4.0)": an instead-word before the restriction, the free license after it
        contrast = hit.end - 1
    return contrast is not None and any(
        other.spdx is not None
        and other.problem is None
        and other.start > contrast
        and sentences[other.start] == sentence
        and not _described_by_its_uses(tokens, other, vocab)
        for other in hits
    )


def _described_by_its_uses(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """A permission, commercial or modify word after the license in its clause: the license is the subject
    of what it allows ("CC BY-SA 4.0 would allow commercial use", "la CC BY-SA 4.0 permettrait une
    utilisation commerciale"), not the one chosen."""
    last = _clause_around(tokens, hit.start)[1]
    return any(
        table.matches_any(tokens, i)
        for table in (vocab.permission_words, vocab.commercial_words, vocab.modify_words)
        for i in range(hit.end, last + 1)
    )


def _in_bracket_after(tokens: Sequence[Token], before: _Hit, hit: _Hit) -> bool:
    """`hit` stands in a bracket that opens right after `before`: "CC BY-NC 4.0 (лише некомерційне
    використання)" names one restriction twice."""
    # the bracket opens right after it, or after the word it qualifies: "en ikke-kommerciel licens (CC
    # BY-NC 4.0)"; Han and kana come a letter a token: "“非商业性使用”的许可（CC BY-NC）"
    unspaced = hit.start > before.end and all(
        _UNSPACED_LETTER.fullmatch(tokens[i].raw) for i in range(before.end, min(hit.start, len(tokens)))
    )
    qualified = _UNSPACED_QUALIFIED_LETTERS if unspaced else _QUALIFIED_WORDS
    opening = next(
        (
            i
            for i in range(before.end, min(hit.start, before.end + qualified) + 1)
            if i < len(tokens) and ("(" in tokens[i].sep or "（" in tokens[i].sep)
        ),
        None,
    )
    return (
        before.end <= hit.start <= before.end + max(qualified, _BRACKET_REACH)
        and before.end < len(tokens)
        and opening is not None
        and not any(")" in tokens[i].sep or "）" in tokens[i].sep for i in range(opening + 1, hit.start + 1))
    )


_QUALIFIED_WORDS = 1  # "licens", "license", "Lizenz"
_UNSPACED_QUALIFIED_LETTERS = 4  # "的许可证", "のライセンス"


def _same_bracket(tokens: Sequence[Token], before: _Hit, hit: _Hit) -> bool:
    """`hit` follows `before` inside the bracket `before` stands in: no bracket closes between them."""
    return before.end <= hit.start and not any(
        ")" in tokens[i].sep or "(" in tokens[i].sep for i in range(before.end, hit.start + 1)
    )


def _set_aside(
    tokens: Sequence[Token],
    hit: _Hit,
    markers: Sequence[_Span],
    sentences: Sequence[int],
    vocab: LicenseVocabulary,
) -> bool:
    """A set-aside word in the restriction's clause ("yanlışlıkla 'ticari olmayan' lisans", "stays under CC
    BY-NC 4.0 and is not part of this release"), or opening its sentence as a clause of its own ("Au
    départ, je pensais choisir une licence non commerciale")."""
    span = _Span(hit.start, hit.end)
    # a license in a bracket names the word before it: "我起初考虑使用“非商业性使用”的许可（CC BY-NC）"
    named = _Span(hit.start - 1, hit.start) if hit.start > 0 and _opens_bracket(tokens[hit.start]) else None
    for marker in markers:
        if _clause_distance(tokens, span, marker) is not None:
            return True
        if (
            named is not None
            and marker.end <= named.start
            and _clause_distance(tokens, named, marker) is not None
        ):
            return True
        # "заменям лиценза, който посочих в първото си писмо (CC BY-NC-SA 4.0)": named in brackets after it
        if marker.end <= hit.start and _bracket_opens_at(tokens, hit.start, marker.end):
            return True
        if sentences[marker.start] == sentences[hit.start] + 1 and _opens_with_contrast(
            tokens, marker, sentences
        ):
            return True  # "… preferia que não fossem recortadas. Mas … não me oponho a isso."
        same_sentence = sentences[marker.start] == sentences[hit.start]
        if not same_sentence:
            continue
        opens_sentence = marker.start == 0 or tokens[marker.start].brk
        if opens_sentence and marker.end < hit.start and tokens[marker.end].gap:
            return True
        if marker.end <= hit.start and (
            _reported(tokens, marker, hit, vocab) or _explained_after_colon(tokens, marker, hit, vocab)
        ):
            return True
        if hit.end <= marker.start and _closes_with_brackets_between(tokens, hit, marker):
            return True
        if hit.end <= marker.start and _opens_next_clause(tokens, hit, marker):
            return True
        if hit.end <= marker.start and _restriction_noun_across_relative(tokens, hit, marker, vocab):
            return True
    return False


def _restriction_noun_across_relative(
    tokens: Sequence[Token], hit: _Hit, marker: _Span, vocab: LicenseVocabulary
) -> bool:
    """A sentence opening with a restriction noun (an article before it at most) that the restriction
    names, closed by the marker, a relative clause between: "Die Einschränkung auf nichtkommerzielle
    Nutzung, die … sonst gilt, findet auf diese drei Bilder keine Anwendung"."""
    first = hit.start
    while first > 0 and not tokens[first].brk:
        first -= 1
    return any(
        vocab.clause_words.matches_any(tokens, i) and _across_relative(tokens, _Span(first, i + 1), marker)
        for i in range(first, min(first + _NOUN_OPENING, hit.start))
    )


_NOUN_OPENING = 2  # "Die Einschränkung", "The restriction": the noun opens its sentence, an article before it


def _opens_bracket(token: Token) -> bool:
    return "(" in token.sep or "（" in token.sep


def _bracket_opens_at(tokens: Sequence[Token], start: int, after: int) -> bool:
    """A bracket opens right before `start`, which comes right after `after`: "… писмо (CC BY-NC-SA 4.0)"."""
    return start == after and "(" in tokens[start].sep


def _opens_with_contrast(tokens: Sequence[Token], marker: _Span, sentences: Sequence[int]) -> bool:
    """The marker's sentence opens with a contrast word ("Mas", "But", "Aber"): it answers the one before."""
    first = marker.start
    while first > 0 and sentences[first - 1] == sentences[marker.start]:
        first -= 1
    return tokens[first].norm in _CONTRAST_OPENERS


# Sentence openers that turn what the sentence before said (folded): "But", "Aber", "Mais", "Mas", ...
_CONTRAST_OPENERS = frozenset(
    {"but", "however", "aber", "jedoch", "mais", "pero", "mas", "ma", "maar", "men", "ale"}
)


def _opens_next_clause(tokens: Sequence[Token], hit: _Hit, marker: _Span) -> bool:
    """The marker opens the clause right after the restriction's, at most one word before it: "Quanto
    all'uso non commerciale, avevo frainteso" (as for non-commercial use, I had misunderstood)."""
    gaps = [i for i in range(hit.end, marker.start + 1) if tokens[i].gap]
    return len(gaps) == 1 and marker.start - gaps[0] <= 1


def _reported(tokens: Sequence[Token], marker: _Span, hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """The restriction stands in a that-clause right after the marker's clause: "jsem omylem napsal, že
    souhlasím jen s použitím na Wikipedii" (I wrote by mistake that ...), or a few words after the marker
    where a language sets no comma before it ("In mijn vorige mail schreef ik dat …")."""
    opening = marker.end
    while opening < hit.start and not tokens[opening].gap:
        if opening - marker.end < _REPORT_REACH and vocab.that_words.matches_any(tokens, opening):
            break
        opening += 1
    return (
        opening < hit.start
        and not tokens[opening].brk
        and vocab.that_words.matches_any(tokens, opening)
        and _clause_distance(tokens, _Span(opening, opening + 1), _Span(hit.start, hit.end)) is not None
    )


_REPORT_REACH = 3  # "schreef ik dat": a verb and its subject between a marker and its that-word


def _explained_after_colon(
    tokens: Sequence[Token], marker: _Span, hit: _Hit, vocab: LicenseVocabulary
) -> bool:
    """The marker's clause ends with a colon and the restriction stands in the clause after it: "copié
    mal la licencia: puse «CC BY-NC-SA 4.0»" (I copied the license wrong: I put …)."""
    opening = marker.end
    while opening < hit.start and not tokens[opening].gap:
        if vocab.negators.matches_any(tokens, opening):
            return False  # "I withdraw nothing: the restriction … stays"
        opening += 1
    return (
        opening <= hit.start
        and ":" in tokens[opening].sep
        and not tokens[opening].brk
        and _clause_distance(tokens, _Span(opening, opening + 1), _Span(hit.start, hit.end)) is not None
    )


def _closes_with_brackets_between(tokens: Sequence[Token], hit: _Hit, marker: _Span) -> bool:
    """A marker closing the restriction's sentence, with nothing but brackets between: a verb-final
    language's "Ticari olmayan (NC) veya türev eser yasağı (ND) içeren bir lisans seçmedim"."""
    after = marker.end
    if after < len(tokens) and not tokens[after].brk:
        return False
    between = range(hit.end, marker.start + 1)
    return not any(tokens[i].gap and not set(tokens[i].sep.strip()) <= _BRACKETS for i in between)


def _named_in_error(
    tokens: Sequence[Token], hit: _Hit, sentences: Sequence[int], vocab: LicenseVocabulary
) -> bool:
    """A mistake word in the license's sentence: "Por error puse «CC BY-NC-SA 4.0»". A license named as an
    error gives way to the free one named after it; one named as a former choice ("at first", "on my
    website") does not, unless commercial use is allowed in words."""
    return any(
        sentences[span.start] == sentences[hit.start]
        for span in _spans(tokens, vocab.mistake_words, frozenset(), None)
        if not _negated(tokens, span.start, vocab)
    )


def _undone_elsewhere(
    tokens: Sequence[Token],
    hit: _Hit,
    hits: Sequence[_Hit],
    sentences: Sequence[int],
    vocab: LicenseVocabulary,
    license_name: bool = False,
) -> bool:
    """Whether a restriction set aside in words is undone by the rest of the mail. A false lift would
    confirm a restricted grant, so all of these must hold: the restriction is non-commercial,
    no-derivatives or Wikipedia-only; its clause and a withdrawing word's hold no consent word ("I
    withdraw my permission for commercial use" takes back the grant, not the restriction); a free license
    is named in another sentence (or past a colon after it); and the restriction is withdrawn in words, or
    it is a license's name named in error (`license_name`) and a free license is named in a later
    sentence, or another sentence,
    holding no restriction at all, allows in words what the restriction forbade ("ausdrücklich auch
    kommerziell", "y compris à des fins commerciales"), not negated, or for a Wikipedia limit names the wiki
    beside a negation ("Souhlas není omezen na Wikipedii") or an outside word ("ook buiten Wikipedia"), or
    allows other uses ("auch auf anderen Websites")."""
    wiki = hit.problem is LicenseProblem.WIKIPEDIA_ONLY
    if hit.problem is LicenseProblem.NON_COMMERCIAL:
        allowed = vocab.commercial_words
    elif hit.problem is LicenseProblem.NO_DERIVATIVES:
        allowed = vocab.modify_words
    elif wiki:
        allowed = vocab.wiki_words
    else:
        return False
    sentence = sentences[hit.start]
    # a consent word inside a license word is the license's name: "许可协议" (license agreement)
    named = {
        i
        for span in _spans(tokens, vocab.license_words, frozenset(), None)
        for i in range(span.start, span.end)
    }
    # the consent taken back: a consent word in the restriction's clause or a withdrawing word's, not one
    # in another clause ("… tímto ruším a beru na vědomí, že tento souhlas nelze odvolat")
    clauses = [_clause_around(tokens, hit.start)] + [
        _clause_around(tokens, span.start)
        for span in _spans(tokens, vocab.withdraw_words, frozenset(), None)
        if sentences[span.start] == sentence
    ]
    if any(
        vocab.consent_words.matches_any(tokens, i)
        for first, last in clauses
        for i in range(first, last + 1)
        if i not in named
    ):
        return False
    if not any(
        other.spdx is not None
        and (_named_apart(tokens, hit, other, sentences) or _free_past_contrast(tokens, hit, [other], vocab))
        for other in hits
    ):
        return False
    if _withdrawn_in_words(tokens, sentences, sentence, vocab) or _withdrawn_in_words(
        tokens, sentences, sentence + 1, vocab
    ):
        return True
    if license_name and any(other.spdx is not None and sentences[other.start] > sentence for other in hits):
        return True  # "Por error puse «CC BY-NC-SA 4.0». La licencia correcta es: … (CC BY-SA 4.0)"
    # a license name without its version ("Creative Commons" before a full name read apart) restricts nothing
    # a restriction its own sentence withdraws restricts nothing there: "Obmedzenie na nekomerčné použitie
    # ruším, fotografie môže ktokoľvek použiť aj komerčne"
    restricted = {
        sentences[other.start]
        for other in hits
        if other.problem in _RESTRICTION_RANK
        and not _withdrawn_in_words(tokens, sentences, sentences[other.start], vocab)
    }
    negated_sentences = {
        sentences[i] for i in vocab.negators.starts(tokens) if vocab.negators.matches_any(tokens, i)
    }
    if wiki:  # "ook buiten Wikipedia", "auch auf anderen Websites": use beyond the wiki, allowed in words
        beyond = {
            sentences[span.start]
            for table in (vocab.outside_words, vocab.other_uses)
            for span in _spans(tokens, table, frozenset(), None)
            if not _negated_before(tokens, span.start, vocab, _OTHER_USE_REACH)
        }
        negated_sentences |= beyond
    return any(
        (
            sentences[index] not in restricted
            or (
                not wiki
                and (
                    _past_colon_unrestricted(tokens, sentences, hit, hits, index)
                    or _past_contrast_unrestricted(tokens, sentences, hit, hits, index, vocab)
                )
            )
        )
        and (sentences[index] in negated_sentences if wiki else not _negated(tokens, index, vocab))
        for index in allowed.starts(tokens)
        if allowed.match(tokens, index) is not None
    ) or (wiki and any(sentence not in restricted for sentence in beyond))


def _past_colon_unrestricted(
    tokens: Sequence[Token], sentences: Sequence[int], hit: _Hit, hits: Sequence[_Hit], index: int
) -> bool:
    """`index` stands after the restriction set aside, past a colon in its sentence, with no restriction
    after that colon: "之前我写的是“仅限非商业使用”，现在改一下：我同意…，允许任何人商业使用和修改"."""
    if sentences[index] != sentences[hit.start] or index < hit.end:
        return False
    colons = [i for i in range(hit.end, index + 1) if ":" in tokens[i].sep or "：" in tokens[i].sep]
    return bool(colons) and not any(
        other.problem in _RESTRICTION_RANK
        and colons[0] <= other.start
        and sentences[other.start] == sentences[index]
        for other in hits
    )


def _past_contrast_unrestricted(
    tokens: Sequence[Token],
    sentences: Sequence[int],
    hit: _Hit,
    hits: Sequence[_Hit],
    index: int,
    vocab: LicenseVocabulary,
) -> bool:
    """`index` stands after the restriction set aside, past a contrast word in its sentence, with no
    restriction after that word: "Jeg skrev CC BY-NC, men kommerciel brug er helt i orden for mig"."""
    if sentences[index] != sentences[hit.start] or index < hit.end:
        return False
    contrast = next(
        (i for i in range(hit.end, index) if vocab.contrast_words.matches_any(tokens, i)),
        None,
    )
    return contrast is not None and not any(
        other.problem in _RESTRICTION_RANK
        and contrast <= other.start
        and sentences[other.start] == sentences[index]
        for other in hits
    )


def _named_apart(tokens: Sequence[Token], hit: _Hit, other: _Hit, sentences: Sequence[int]) -> bool:
    """`other` stands in another sentence than `hit`, or after it past a colon: "nehme ich die Einschränkung
    „nur für Wikipedia“ zurück: Beide Aufnahmen stelle ich unter CC BY-SA 4.0"."""
    if sentences[other.start] != sentences[hit.start]:
        return True
    return other.start >= hit.end and any(
        ":" in tokens[i].sep or "：" in tokens[i].sep for i in range(hit.end, other.start + 1)
    )


def _withdrawn_in_words(
    tokens: Sequence[Token], sentences: Sequence[int], sentence: int, vocab: LicenseVocabulary
) -> bool:
    """The restriction's sentence withdraws it in so many words: a restriction noun and a withdrawing verb,
    not negated ("Die Einschränkung „ausschließlich zur Verwendung in der Wikipedia“ aus meiner ersten
    Mail nehme ich hiermit ausdrücklich zurück", "I withdraw the non-commercial restriction")."""
    inside = [i for i in range(len(tokens)) if sentences[i] == sentence]
    nouns = [_Span(i, i + 1) for i in inside if vocab.clause_words.matches_any(tokens, i)]
    if not nouns:
        return False
    for index in inside:
        found = vocab.withdraw_words.match(tokens, index)
        if found is None or _negated(tokens, index, vocab):
            continue
        after = index + found.length
        if after < len(tokens) and not tokens[after].gap and vocab.negators.matches_any(tokens, after):
            continue  # "I withdraw nothing"
        withdraw = _Span(index, after)
        if any(
            _clause_distance(tokens, withdraw, noun) is not None or _across_relative(tokens, noun, withdraw)
            for noun in nouns
        ):
            return True
    return False


def _across_relative(tokens: Sequence[Token], noun: _Span, withdraw: _Span) -> bool:
    """The restriction noun opens its sentence and the withdrawing verb closes it, a relative clause between:
    "Podmínku nekomerčního užití, kterou jsem uvedl v prvním e-mailu, tímto beru zpět"."""
    return (
        noun.end <= withdraw.start
        and (noun.start == 0 or tokens[noun.start].brk)
        and (withdraw.end == len(tokens) or tokens[withdraw.end].brk)
    )


def _license_negated(tokens: Sequence[Token], start: int, vocab: LicenseVocabulary) -> bool:
    """A negator at most `_WITHDRAWN_REACH` words before `start`, in its clause, no commercial, modify or
    contrast word between: "nu mai acord licența …", "I no longer grant …"; not the license after "but"
    in "Graag niet CC BY-SA 3.0 Nederland maar CC BY-SA 4.0"."""
    for begin in range(max(0, start - _WITHDRAWN_REACH - 1), start):
        found = vocab.negators.match(tokens, begin)
        if found is None or begin + found.length > start:
            continue
        between = range(begin + found.length, start)
        if not any(tokens[i].gap for i in range(begin + 1, start + 1)) and not any(
            vocab.commercial_words.matches_any(tokens, i)
            or vocab.modify_words.matches_any(tokens, i)
            or vocab.contrast_words.matches_any(tokens, i)
            for i in between
        ):
            return True
    return False


# Words between the without-word or negation and the element it leaves out: "pas de restriction à un
# usage non commercial".
_LEFT_OUT_REACH = 6
_NEGATED_CLAUSE_REACH = 2  # "not a condition", "pas de restriction"


def _excepted_before(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """An exception word in the clause just before the hit: "no restriction other than use on Wikipedia
    only" leaves that one restriction in."""
    for at in range(hit.start - 1, max(-1, hit.start - _LEFT_OUT_REACH - 2), -1):
        if tokens[at + 1].gap:
            return False
        if vocab.exception_words.matches_any(tokens, at):
            return True
    return False


def _left_out(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """An element name the text says the license is without: "sense la clàusula NoComercial", "without
    the NonCommercial clause", "pas de restriction à un usage non commercial". A without-word, negator or
    negative determiner at most `_LEFT_OUT_REACH` words before, in the clause, and a clause or
    restriction word between them or just after the name; "without commercial use" names no clause. A
    restriction written as a ban, a negator or without-word shortly before it: "bez zakazu użytku
    komercyjnego" (without a ban on commercial use), "kein Verbot der Bearbeitung"."""
    if vocab.prohibition_words.matches_any(tokens, hit.start) and _ban_lacking(tokens, hit.start, vocab):
        return True
    for begin in range(max(0, hit.start - _LEFT_OUT_REACH - 1), hit.start):
        found = vocab.without_words.match(tokens, begin) or vocab.negative_determiners.match(tokens, begin)
        reach = _LEFT_OUT_REACH
        if found is None and (found := vocab.negators.match(tokens, begin)) is not None:
            # a negator negates the clause word right after it ("pas de restriction", "not a condition"),
            # not one a verb stands before: "I do not lift the restriction to non-commercial use"
            reach = _NEGATED_CLAUSE_REACH
        if found is None or any(tokens[i].gap for i in range(begin + 1, hit.start + 1)):
            continue
        between = range(begin + found.length, hit.start)
        after = hit.end if _close(tokens, hit.end) else None
        if any(vocab.clause_words.matches_any(tokens, i) for i in between[:reach]) or (
            after is not None and vocab.clause_words.matches_any(tokens, after) and len(between) < reach
        ):
            return True
    return _restriction_denied(tokens, hit, vocab)


def _restriction_denied(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """A restriction word just before the name and a negator closing their clause shortly after it: "Eine
    Beschränkung auf nicht-kommerzielle Zwecke gibt es ausdrücklich nicht" (there is no such limit)."""
    clause_word = any(
        vocab.clause_words.matches_any(tokens, i)
        and not any(tokens[j].gap for j in range(i + 1, hit.start + 1))
        for i in range(max(0, hit.start - 3), hit.start)
    )
    if not clause_word:
        return False
    for index in range(hit.end, min(len(tokens), hit.end + vocab.final_negation_reach + 1)):
        if index > hit.end and tokens[index].gap:
            return False
        found = vocab.negators.match(tokens, index)
        if found is not None and not _close(tokens, index + found.length):
            return True
    return False


# A word holding a link or an address ("https://…/thumb/…/Solo_…jpg", "www.…", "name@host"): not prose.
# A whitespace-separated run with one of the marks, in one search over the text (not a search per word);
# a match starts only where a run starts (the lookbehind), so a long run costs linear time.
# CJK punctuation ends a link as a space does: "ホームページ（https://www.example.jp/）へのリンクを…ご遠慮ください。"
_CJK_STOPS = "（）「」『』【】《》〈〉。、，；：！？"
_LINK_RUN = re.compile(rf"(?<![^\s{_CJK_STOPS}])[^\s{_CJK_STOPS}]*(?:://|@|\bwww\.)[^\s{_CJK_STOPS}]*")


def _in_links(text: str, tokens: Sequence[Token]) -> frozenset[int]:
    """Token indices inside links and addresses: a URL's path words ("wikipedia/…/Solo_vulcânico") are no
    restriction, whatever they spell."""
    if not text:
        return frozenset()
    spans = [run.span() for run in _LINK_RUN.finditer(text)]
    if not spans:
        return frozenset()
    starts = [token.start for token in tokens]
    inside: set[int] = set()
    for first, last in spans:
        index = bisect.bisect_left(starts, first)
        while index < len(tokens) and tokens[index].end <= last:
            inside.add(index)
            index += 1
    return frozenset(inside)


def _beside_any(tokens: Sequence[Token], span: _Span, others: Sequence[_Span]) -> bool:
    """`span` is next to one of `others`, or one word apart, in one clause: "revocada ni modificada"."""
    return any(_clause_distance(tokens, span, other) in {0, 1} for other in others)


def _masked(tokens: Sequence[Token], vocab: LicenseVocabulary) -> frozenset[int]:
    """Token indices inside allowing phrases ("commercial and non-commercial use", "with or without"), inside
    words that hold a use word without being one ("适用于"), and inside the mail's legal footer."""
    masked: set[int] = set()
    for table in (vocab.allow, vocab.not_use_words):
        for index in table.starts(tokens):
            found = table.match(tokens, index)
            if found is not None:
                masked.update(range(index, index + found.length))
    masked.update(_legal_footer_tokens(tokens, vocab))
    masked.update(_copyright_footer_tokens(tokens, vocab))
    return frozenset(masked)


_PARAGRAPH_BREAK = re.compile(r"\n[ \t>]*\n")


def _paragraphs(tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """(first, end) token ranges of the text's paragraphs: a blank line, perhaps quoted, parts them."""
    first = 0
    for index in range(1, len(tokens)):
        sep = tokens[index].sep
        if "\n" in sep and _PARAGRAPH_BREAK.search(sep):
            yield first, index
            first = index
    if tokens:
        yield first, len(tokens)


def _legal_footer_tokens(tokens: Sequence[Token], vocab: LicenseVocabulary) -> set[int]:
    """The tokens of the mail's confidentiality disclaimers: paragraphs that say the mail is confidential
    and meant for its addressee ("Questo messaggio è riservato ed è destinato esclusivamente al
    destinatario") and name no license. What they refuse ("È vietato qualsiasi utilizzo, copia, modifica")
    or describe ("a non-commercial association") is about the mail or the sender, not the grant."""

    def found(table: PhraseTable) -> list[int]:
        return [index for index in table.starts(tokens) if table.matches_any(tokens, index)]

    confidential = found(vocab.confidential_words)
    if not confidential:
        return set()  # most mails
    marks = {
        "addressee": found(vocab.addressee_words),
        "mail": found(vocab.mail_words),
        # a paragraph naming a license or the wiki speaks of the grant: "The photographs … are provided to
        # the addressee solely to illustrate the relevant Wikipedia article" is no mere footer
        "license": [
            *found(vocab.license_words),
            *found(vocab.cc_names),
            *found(vocab.cc_abbreviations),
            *found(vocab.wiki_words),
        ],
    }
    footer: set[int] = set()
    for first, end in _paragraphs(tokens):
        if not any(first <= index < end for index in confidential):
            continue
        within = {kind for kind, indices in marks.items() if any(first <= i < end for i in indices)}
        if {"addressee", "mail"} <= within and "license" not in within:
            # from the sentence of its first mark: "Oharra: baimen hau edozein unetan ezeztatzeko
            # eskubidea gordetzen dut." standing above "Mezu hau … konfidentzialak dira …" is the grant's
            opening = min(i for i in (*confidential, *marks["addressee"], *marks["mail"]) if first <= i < end)
            footer.update(range(max(first, sentence_around(tokens, opening)[0]), end))
    return footer


def _copyright_footer_tokens(tokens: Sequence[Token], vocab: LicenseVocabulary) -> set[int]:
    """The tokens of a copyright footer ending the mail: a last paragraph that opens with a copyright sign
    and says all rights are reserved, naming no license and no wiki ("© 2026 El Austral de Chiloé. Todos
    los derechos reservados. Prohibida la reproducción … sin autorización escrita"): the publisher's
    standing notice, not a condition of the grant."""
    paragraphs = list(_paragraphs(tokens))
    if not paragraphs:
        return set()
    first, end = paragraphs[-1]
    opening = tokens[first].sep
    if (
        "©" not in opening
        and not (tokens[first].norm == "c" and "(" in opening)
        and tokens[first].norm != "copyright"
    ):
        return set()
    inside = range(first, end)
    if not any(vocab.reserved.matches_any(tokens, i) for i in inside):
        return set()
    if any(
        table.matches_any(tokens, i)
        for table in (vocab.license_words, vocab.cc_names, vocab.cc_abbreviations, vocab.wiki_words)
        for i in inside
    ):
        return set()
    return set(inside)


def _negated(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """A negator ending at most one word before `index`, same clause: "not only", "no es solo".

    Punctuation between ends the clause: in "nicht gestattet (keine Bearbeitung)" the "nicht" belongs
    to "gestattet", and "keine Bearbeitung" stands on its own.
    """
    for start in range(max(0, index - 3), index):
        found = vocab.negators.match(tokens, start)
        if found is None:
            continue
        end = start + found.length
        if index - 1 <= end <= index and not any(tokens[i].gap for i in range(start + 1, index + 1)):
            return not _quoted_term(tokens, start, index)
    return False


def _quoted_term(tokens: Sequence[Token], start: int, index: int) -> bool:
    """The negator opens a quoted term that closes before `index`: in 'Das mit dem "nicht kommerziell" war
    mir nicht klar' the "nicht" is the term's, not the verb's after it."""
    return any(mark in tokens[start].sep for mark in _OPENING_QUOTES) and any(
        mark in tokens[i].sep for i in range(start + 1, index + 1) for mark in _CLOSING_QUOTES
    )


def _negated_after(tokens: Sequence[Token], end: int, vocab: LicenseVocabulary) -> _Span | None:
    """A post-negator a few tokens after `end`, same clause: "yalnızca Vikipedi'de değil" (not only on
    Wikipedia), "ticari kullanım yasak değildir" (commercial use is not forbidden)."""
    return _phrase_after(tokens, end, vocab.post_negators, vocab.post_negation_reach)


def _turned_after(tokens: Sequence[Token], end: int, vocab: LicenseVocabulary) -> bool:
    """A restriction phrase negated after it, or ending a clause that says it is not limited to it:
    "yalnızca Vikipedi veya ilgili sitelerle sınırlı olmadığının" (not limited to Wikipedia only)."""
    return (
        _negated_after(tokens, end, vocab) is not None
        or _phrase_after(tokens, end, vocab.not_limited, vocab.not_limited_reach) is not None
    )


def _phrase_after(tokens: Sequence[Token], end: int, table: PhraseTable, reach: int) -> _Span | None:
    for start in range(end, min(len(tokens), end + reach)):
        if not _close(tokens, start):
            return None
        found = table.match(tokens, start)
        if found is not None:
            return _Span(start, start + found.length)
    return None


@dataclass(frozen=True)
class _Span:
    """Tokens start..end (end exclusive) and, for a restricted word, the restriction it stands for."""

    start: int
    end: int
    problem: LicenseProblem | None = None
    # a prohibition word ("interdits", "请勿", "nesmí") reaches over commas to the end of its sentence:
    # "toute modification, tout recadrage, … sont strictement interdits"; a negated permission, often
    # an aside ("sem pedir autorização", "разрешение не может быть отозвано"), stays in its clause
    sentence_wide: bool = False


def _refusal_hits(
    tokens: Sequence[Token],
    vocab: LicenseVocabulary,
    masked: frozenset[int],
    revocations: Sequence[_Span],
    foreign: _ForeignWords,
) -> list[_Hit]:
    """ "Bearbeitungen sind nicht erlaubt", "queda prohibido su uso comercial": a refused permission.

    A modification or commercial word and a refusal (a prohibition word not negated, in one sentence; or
    a permission word with a negator beside it, in one clause), however long the noun phrase between
    ("modifications to this award-winning ... photograph are prohibited"); the refusal's nearest
    such word says which restriction it is. Words inside allowing phrases ("with
    or without modifications") are masked, so the standard release wording never counts, and so are
    words paired with a revocation ("no puede ser revocada ni modificada" speaks of the grant itself).
    Uses elsewhere ("不得用于其他用途", "nesmí být použita k jiným účelům") are refused the same way: the
    grant is then for the one use named, on the wiki when the sentence names one (`_other_use_targets`).
    A refusal with a mail word between its two ends ("modification or distribution of this e-mail is
    prohibited") is a confidentiality footer about the message, not a condition of the release.
    Each word counts only in a paragraph of its own language, or of an unsure one. That language is
    asked last, only for a refusal with a word near it: most releases hold neither.
    """
    refusals = _refusals(tokens, vocab, masked, revocations)
    if not refusals:
        return []
    targets = [
        (key, target)
        for key, table, problem in (
            ("modify_words", vocab.modify_words, LicenseProblem.NO_DERIVATIVES),
            ("commercial_words", vocab.commercial_words, LicenseProblem.NON_COMMERCIAL),
        )
        for target in _spans(tokens, table, masked, problem)
        if not _beside_any(tokens, target, revocations)
    ]
    targets.extend(("other_uses", target) for target in _other_use_targets(tokens, vocab, masked))
    hits: list[_Hit] = []
    for refusal in refusals:
        near = [
            (distance, target.start, target)
            for key, target in targets
            if (distance := _distance(tokens, refusal.span, target, vocab)) is not None
            and not _contrast_between(tokens, refusal.span, target, vocab)
            and not _permitted_apart(tokens, refusal.span, target, vocab)
            and not foreign.foreign(target, key)
        ]
        topic = None if near else _sentence_topic(tokens, vocab, refusal.span, targets, revocations)
        if topic is not None and not foreign.foreign(topic[1], topic[0]):
            near = [(0, topic[1].start, topic[1])]
        if not near:
            refused = _that_clause_target(tokens, vocab, refusal.span, targets)
            if refused is not None and not foreign.foreign(refused[1], refused[0]):
                near = [(0, refused[1].start, refused[1])]
        if not near:
            use = _refused_use(tokens, vocab, refusal, masked, revocations, foreign)
            if use is not None:
                near = [(0, use.start, use)]
        if (
            near
            and not (refusal.word is not None and foreign.foreign(refusal.word, refusal.key))
            and not _foreign_negator(tokens, refusal, vocab, foreign)
        ):
            target = min(near, key=lambda item: item[:2])[2]
            start, end = min(target.start, refusal.span.start), max(target.end, refusal.span.end)
            # "изменять, и понимаю, что отозвать разрешение потом будет нельзя": the refusal is the
            # revocation's, which stands nearer to it
            revoked = any(
                start < word.start and word.end <= end for word in revocations if word is not target
            )
            if (
                not revoked
                and not _about_the_mail(tokens, _Span(start, end), vocab)
                and not _removal_refused(tokens, refusal.span, target, vocab)
            ):
                hits.append(_Hit(start, end, None, target.problem))
    return hits


def _removal_refused(
    tokens: Sequence[Token], refusal: _Span, target: _Span, vocab: LicenseVocabulary
) -> bool:
    """The use word stands before the refusal and a removal word after it, in its sentence: "Ich habe die
    Bilder … hochgeladen und möchte nicht, dass sie gelöscht werden" refuses their deletion, no use."""
    if target.end > refusal.start:
        return False
    # the removal in a that-clause opening right after the refusal: not "es darf weder entfernt noch …
    # werden" (the logo may not be removed), a prohibition of its own
    opening = refusal.end - 1  # the refusal's own that-word ("möchte nicht, dass"), or the next clause's
    if not vocab.that_words.matches_any(tokens, opening):
        opening += 1
        while opening < len(tokens) and not tokens[opening].gap:
            opening += 1
        if opening >= len(tokens) or tokens[opening].brk or not vocab.that_words.matches_any(tokens, opening):
            return False
    return any(
        opening < span.start <= opening + _REMOVAL_REACH
        and not any(tokens[i].gap for i in range(opening + 1, span.start + 1))
        for span in _spans(tokens, vocab.removal_words, frozenset(), None)
    )


_REMOVAL_REACH = 3  # "dass sie gelöscht werden": a pronoun between the that-word and the removal


def _foreign_negator(
    tokens: Sequence[Token], refusal: _Refusal, vocab: LicenseVocabulary, foreign: _ForeignWords
) -> bool:
    """A negated permission's negator of another language than its paragraph: "Ni får publicera den" is
    Swedish "you may", no French "ni". A negative determiner ("under no circumstances") is its own."""
    negator = refusal.negator
    return (
        negator is not None
        and not vocab.negative_determiners.matches_any(tokens, negator.start)
        and foreign.foreign(negator, "negators")
    )


# Words between a refusal and the use it refuses: "Eine Nutzung durch politische Parteien ist nicht
# gestattet" (the use noun, two words naming who, the copula, the negator).
_REFUSED_USE_REACH = 5


def _refused_use(
    tokens: Sequence[Token],
    vocab: LicenseVocabulary,
    refusal: _Refusal,
    masked: frozenset[int],
    revocations: Sequence[_Span],
    foreign: _ForeignWords,
) -> _Span | None:
    """A refusal with no commercial, modification or other-use word near it that refuses a use: "It must
    not be used by competitors", "Eine Nutzung durch Parteien ist nicht gestattet", "A foto não pode ser
    usada em material impresso". A free license lets anyone use the work anywhere for anything, so any
    use refused is a condition no free license has (not free). Not a use the license or the law itself
    refuses ("must not be used without attribution", "to imply endorsement"), not the sender telling
    what they cannot do ("I can't use the upload form"), not the mail's footer."""
    if any(_clause_distance(tokens, refusal.span, revocation) is not None for revocation in revocations):
        return None  # "ne pourra pas être retirée": the grant cannot be taken back
    uses = [
        (key, use)
        for key, table in (("use_verbs", vocab.use_verbs), ("use_nouns", vocab.use_nouns))
        for use in _spans(tokens, table, masked, None)
    ]
    for key, use in uses:
        overlaps = use.start < refusal.span.end and refusal.span.start < use.end  # "使用できません"
        distance = 0 if overlaps else _distance(tokens, refusal.span, use, vocab)
        if (
            distance is not None
            and distance - _bracketed_between(tokens, refusal.span, use) <= _REFUSED_USE_REACH
            and not _beside_any(tokens, use, revocations)
            and not _lawful_use(tokens, min(use.start, refusal.span.start), vocab)
            and not _refused_to_oneself(tokens, refusal, vocab, foreign)
            # asked last, the paragraph's language: "får använda verken" is Swedish "the works", no
            # Norwegian "neither"
            and not foreign.foreign(use, key)
            and not (refusal.negator is not None and foreign.foreign(refusal.negator, "negators"))
        ):
            return _Span(use.start, use.end, LicenseProblem.NOT_FREE)
    return None


def _bracketed_between(tokens: Sequence[Token], one: _Span, other: _Span) -> int:
    """Tokens between two spans that stand in brackets: "使用（選挙ポスター、広報物など）は認めておりません",
    "use (posters, leaflets and the like) is not allowed" name examples, not more words of the phrase."""
    first, second = (one, other) if one.start <= other.start else (other, one)
    depth = inside = 0
    for index in range(first.end, second.start):
        sep = tokens[index].sep
        depth += sum(sep.count(mark) for mark in "(（[")
        depth = max(0, depth - sum(sep.count(mark) for mark in ")）]"))
        inside += depth > 0
    return inside


def _lawful_use(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """The clause at `index` names what the license or the law refuses anyway (attribution left out, an
    endorsement implied, an unlawful use), or its sentence speaks of the mail and its addressee ("본 메일은
    …, 수신인 외의 사용을 금합니다"): the refusal adds no condition of the grant."""
    first, last = _clause_around(tokens, index)
    # "provided that you credit the Museum and do not use it to sell products": a credit asked in a
    # conjunct of its own before the refusal leaves the refusal standing
    conjunct = max(
        (i + 1 for i in range(first, index) if vocab.and_words.matches_any(tokens, i)), default=first
    )
    if any(vocab.lawful_words.matches_any(tokens, i) for i in range(conjunct, last + 1)):
        return True
    sentences = _sentence_numbers(tokens)
    start = end = index
    while start > 0 and sentences[start - 1] == sentences[index]:
        start -= 1
    while end + 1 < len(tokens) and sentences[end + 1] == sentences[index]:
        end += 1
    return any(
        vocab.mail_words.matches_any(tokens, i) or vocab.addressee_words.matches_any(tokens, i)
        for i in range(start, end + 1)
    )


def _told_of_oneself(
    tokens: Sequence[Token], index: int, vocab: LicenseVocabulary, foreign: _ForeignWords
) -> bool:
    """A first-person subject before `index` in its clause: "I can't use the upload form", "No puedo usar
    el asistente" tell what the sender cannot do. A subject of the paragraph's language only: Finnish
    "en" (I don't) is no subject in "en fijn dat jullie de foto niet … gebruiken", nor Estonian "ma" in
    Danish "Det må ikke bruges"."""
    first, _ = _clause_around(tokens, index - 1) if index else (0, 0)
    return any(_first_person_at(tokens, i, vocab, foreign) for i in range(first, index))


def _own_trade(tokens: Sequence[Token], word: int, vocab: LicenseVocabulary, foreign: _ForeignWords) -> bool:
    """A first-person subject before the word in its clause ("I sell prints of it for a fee"); none when
    the word opens its clause ("… CC BY-SA 4.0. Commercial uses go through my agency")."""
    return word > 0 and not tokens[word].gap and _told_of_oneself(tokens, word, vocab, foreign)


def _refused_to_oneself(
    tokens: Sequence[Token], refusal: _Refusal, vocab: LicenseVocabulary, foreign: _ForeignWords
) -> bool:
    """The sender telling what they cannot do: a first-person subject before a negated modal ("I can't
    use the form"). A permission word refused in the first person is the sender's own refusal ("We do not
    allow its use in print"): only a first-person form inside the refusal ("не могу") tells of oneself.
    Nor is a wish about the work or about others ("we don't want it reproduced", "no quiero que …")."""
    if refusal.key == "negated_permissions" and _wish_about_others(tokens, refusal.span, vocab):
        return False
    if refusal.key != "permission_words":
        return _told_of_oneself(tokens, refusal.span.end, vocab, foreign)
    inside = range(refusal.span.start, refusal.span.end)
    return any(_first_person_at(tokens, i, vocab, foreign) for i in inside)


def _wish_about_others(tokens: Sequence[Token], span: _Span, vocab: LicenseVocabulary) -> bool:
    """A refused wish that ends with what it is about: the work ("don't want it"), the holder's own
    ("don't want our …"), or a that-clause ("ne veux pas que", "wil niet dat")."""
    last = span.end - 1
    return any(
        table.matches_any(tokens, last)
        for table in (vocab.work_pronouns, vocab.that_words, vocab.possessives, vocab.demonstratives)
    )


def _negated_use_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A use verb right after a negator, no permission word needed: "Es darf von Mitbewerbern nicht
    verwendet werden", "Please don't use it for election campaigns", "Bilden får inte användas i tryckt
    material". Left to their own readers when the clause names a commercial or modification use or an
    only-word; not what the photo went through ("has not been used before"), not what the sender does
    ("I don't use Facebook", unless asking: "Wir bitten, es nicht … zu verwenden"), not what the license
    or the law refuses anyway, not a license not chosen ("preferimos non usar a CompartirIgual")."""
    hits: list[_Hit] = []
    sentences: Sequence[int] | None = None

    def asked(index: int) -> bool:  # "Wir bitten, das Foto nicht … zu verwenden": asking the reuser
        nonlocal sentences
        sentences = sentences or _sentence_numbers(tokens)
        requests = _spans(tokens, vocab.request_words, masked, None)
        return any(sentences[span.start] == sentences[index] for span in requests)

    # "at den ikke kan bruges på Commons": a set-aside phrase says what Commons refuses, not the holder
    set_aside = {
        i for span in _spans(tokens, vocab.set_aside_words, masked, None) for i in range(span.start, span.end)
    }
    for use in _spans(tokens, vocab.use_verbs, masked, None):
        if use.start in set_aside:
            continue
        negator = _negator_before(tokens, use.start, vocab, _NEGATED_USE_REACH)
        if negator is None:
            negator = _verb_final_negator(tokens, use, vocab, foreign)
        if negator is None or foreign.foreign(use, "use_verbs"):
            continue
        found = vocab.negators.match(tokens, negator)
        if found is not None and foreign.foreign(_Span(negator, negator + found.length), "negators"):
            continue
        first, last = _clause_around(tokens, use.start)
        clause = range(first, last + 1)
        others = (vocab.modify_words, vocab.only_words, vocab.revocation_words)
        if any(table.matches_any(tokens, i) for table in others for i in clause):
            continue
        # "preferimos non usar a CompartirIgual": a license or an element not chosen, no use refused
        if any(
            table.matches_any(tokens, i)
            for table in (vocab.elements, vocab.cc_names, vocab.license_words)
            for i in range(use.end, last + 1)
        ):
            continue
        if negator in masked or any(
            vocab.commercial_words.matches_any(tokens, i) for i in range(first, use.start)
        ):
            continue  # "commercial and non-commercial use": the commercial word is read on its own
        # "fotografia să nu fie folosită în scopuri comerciale": the use refused is the commercial one
        commercial = any(vocab.commercial_words.matches_any(tokens, i) for i in range(use.start, last + 1))
        if (
            not _describes_in_its_language(tokens, negator, use.start, vocab, foreign)
            and (asked(use.start) or not _told_of_oneself(tokens, use.start, vocab, foreign))
            and not _lawful_use(tokens, use.start, vocab)
        ):
            problem = LicenseProblem.NON_COMMERCIAL if commercial else LicenseProblem.NOT_FREE
            hits.append(_Hit(negator, use.end, None, problem))
    return hits or _no_use_hits(tokens, vocab, masked, foreign)


def _no_use_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A use noun right after a negative determiner, a place or purpose after it in its clause: "• no use
    on book covers, calendars or greetings cards". Not "no use restrictions" (a clause word after it), not
    where the clause names a commercial or change use, the license or what the law asks (read on their
    own)."""
    for use in _spans(tokens, vocab.use_nouns, masked, None):
        if use.start == 0 or tokens[use.start].gap or foreign.foreign(use, "use_nouns"):
            continue
        if not vocab.negative_determiners.matches_any(tokens, use.start - 1):
            continue
        first, last = _clause_around(tokens, use.start)
        read_elsewhere = (
            vocab.clause_words,
            vocab.commercial_words,
            vocab.modify_words,
            vocab.license_words,
            vocab.lawful_words,
            vocab.fee_words,
            vocab.elements,
        )
        if last - use.end < 1 or _holds_any(tokens, read_elsewhere, range(first, last + 1)):
            continue
        return [_Hit(use.start - 1, last + 1, None, LicenseProblem.NOT_FREE)]
    return []


def _describes_in_its_language(
    tokens: Sequence[Token], negator: int, change: int, vocab: LicenseVocabulary, foreign: _ForeignWords
) -> bool:
    """`_describes_the_photo` with auxiliaries of the paragraph's language only: Polish "są" is no
    auxiliary in "fotografia să nu fie folosită" (Romanian "that"). The negator may be the auxiliary
    itself: Latvian "nav izmantotas" (have not been used)."""
    return any(
        vocab.descriptive_auxiliaries.matches_any(tokens, i)
        and not foreign.foreign(_Span(i, i + 1), "descriptive_auxiliaries")
        for i in range(max(0, negator - 2), change)
        if not tokens[i + 1].gap
    )


# Words between a negator and the use verb it refuses: "nicht verwendet", "not be used", "no se use".
_NEGATED_USE_REACH = 1
# The same where the use verb closes its clause, a place or purpose between: "dat jullie de foto niet op
# boekomslagen gebruiken", "dass es nicht auf Buchumschlägen verwendet wird".
_VERB_FINAL_NEGATION_REACH = 3
# Words after a clause-closing use verb, at most: "verwendet wird", "gebruikt zal worden".
_VERB_FINAL_TAIL = 2


def _verb_final_negator(
    tokens: Sequence[Token], use: _Span, vocab: LicenseVocabulary, foreign: _ForeignWords
) -> int | None:
    """The negator of a use verb that closes its clause (Dutch and German order), a phrase opened by a
    preposition of the paragraph's language between ("niet op boekomslagen gebruiken"; not "aarzel niet
    om ze te gebruiken"); not where an auxiliary after the verb tells what happened ("nicht im Buch
    verwendet wurde")."""
    last = _clause_around(tokens, use.start)[1]
    # "…niet op boekomslagen gebruiken - daar ben ik nogal principieel in": a dash ends the clause too
    last = next((i - 1 for i in range(use.end, last + 1) if _spaced_dash(tokens[i].sep)), last)
    tail = range(use.end, last + 1)
    if len(tail) > _VERB_FINAL_TAIL or any(
        vocab.descriptive_auxiliaries.matches_any(tokens, i) for i in tail
    ):
        return None
    negator = _negator_before(tokens, use.start, vocab, _VERB_FINAL_NEGATION_REACH)
    if negator is None:
        return None
    found = vocab.negators.match(tokens, negator)
    opening = negator + (found.length if found is not None else 1)
    preposition = vocab.verb_final_prepositions.match(tokens, opening)
    if preposition is None or foreign.foreign(
        _Span(opening, opening + preposition.length), "verb_final_prepositions"
    ):
        return None
    return negator


def _that_clause_target(
    tokens: Sequence[Token], vocab: LicenseVocabulary, refusal: _Span, targets: Sequence[tuple[str, _Span]]
) -> tuple[str, _Span] | None:
    """The use refused in the that-clause right after the refusal's clause: "nie zgadzam się, żeby ktoś na
    nim zarabiał" (I do not agree that anyone earns money from it), "ich bin nicht einverstanden, dass
    die Fotos verkauft werden"."""
    opening = refusal.end
    while opening < len(tokens) and not tokens[opening].gap:
        opening += 1
    if opening >= len(tokens) or tokens[opening].brk or not vocab.that_words.matches_any(tokens, opening):
        return None
    end = opening + 1
    while end < len(tokens) and not tokens[end].gap:
        end += 1
    inside = [(key, target) for key, target in targets if opening < target.start < end]
    return min(inside, key=lambda item: item[1].start) if inside else None


def _sentence_topic(
    tokens: Sequence[Token],
    vocab: LicenseVocabulary,
    refusal: _Span,
    targets: Sequence[tuple[str, _Span]],
    revocations: Sequence[_Span],
) -> tuple[str, _Span] | None:
    """A refusal closing its sentence, with no modification or commercial word in its own clause, refuses
    the use the sentence opens with, however many asides stand between: "Eine gewerbliche Verwendung der
    Aufnahmen, etwa auf Postkarten oder in Werbeprospekten, wird von mir nicht gestattet", "PS: Commercieel
    gebruik van deze foto's, die wij van harte delen …, staan wij echter niet toe". The use must open the
    sentence (at most two words before it, after a label such as "PS:"), or a use noun opening it must
    stand before the use ("L'utilizzo della fotografia da parte di … agenzie pubblicitarie …, non è …
    consentito": the sentence's long subject names it). In "anybody can reuse them,
    including commercially, and … I can't take this back" the refusal is about something else. Not a
    refusal of revoking ("…, und dass diese Zustimmung nicht widerrufen werden kann")."""
    end = refusal.end
    while end < len(tokens) and not tokens[end].brk and not tokens[end].gap:
        end += 1
    if end < len(tokens) and not tokens[end].brk:
        return None  # the clause goes on after a comma: the refusal does not close the sentence
    if any(_clause_distance(tokens, refusal, revocation) is not None for revocation in revocations):
        return None
    sentences = _sentence_numbers(tokens)
    before = [
        (key, target)
        for key, target in targets
        if target.end <= refusal.start and sentences[target.start] == sentences[refusal.start]
    ]
    opening = [(key, target) for key, target in before if _opens_topic(tokens, target.start, refusal, vocab)]
    if not opening and before:
        opening = [
            (key, target)
            for key, target in before
            if any(
                sentences[use.start] == sentences[target.start]
                and _opens_topic(tokens, use.start, refusal, vocab)
                for use in _spans(tokens, vocab.use_nouns, frozenset(), None)
                if use.end <= target.start
            )
        ]
    return min(opening, key=lambda item: item[1].start) if opening else None


def _opens_topic(tokens: Sequence[Token], index: int, refusal: _Span, vocab: LicenseVocabulary) -> bool:
    """`index` opens its sentence (`_opens_sentence`) or, at most two words after the that-word, the
    that-clause the refusal closes: "Please note, however, that any modification of the enclosed
    photographs, …, is not permitted"; not "that anybody can reuse them, …, and that I can't take this
    back", where the refusal closes a that-clause of its own."""
    if _opens_sentence(tokens, index):
        return True
    for start in range(index - 1, max(-1, index - _TOPIC_LEAD - 2), -1):
        if vocab.that_words.matches_any(tokens, start):
            return not any(vocab.that_words.matches_any(tokens, i) for i in range(index, refusal.start))
        if tokens[start].brk or tokens[start].gap:
            return False
    return False


def _opens_sentence(tokens: Sequence[Token], index: int) -> bool:
    """At most two words stand before `index` in its clause, and that clause opens its sentence or follows
    a label of at most two words ("PS:", "Hinweis:")."""
    start = index
    while start > 0 and index - start <= _TOPIC_LEAD and not tokens[start].brk and not tokens[start].gap:
        start -= 1
    if index - start > _TOPIC_LEAD:
        return False
    if start == 0 or tokens[start].brk:
        return True
    label = start - 1
    while label > 0 and start - label <= _TOPIC_LEAD and not tokens[label].brk and not tokens[label].gap:
        label -= 1
    return (label == 0 or tokens[label].brk) and start - label <= _TOPIC_LEAD and ":" in tokens[start].sep


def _own_hobby(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """A non-commercial word right after the signer's own photographing, in its clause: "Fotografujem len
    nekomerčne, ako hobby" (I only photograph non-commercially) tells what the signer does, it limits no
    use of the work."""
    if hit.problem is not LicenseProblem.NON_COMMERCIAL:
        return False
    for start in range(max(0, hit.start - _HOBBY_REACH - _LONGEST_OWN_PHOTOGRAPHING), hit.start):
        found = vocab.own_photographing.match(tokens, start)
        if (
            found is not None
            and hit.start - _HOBBY_REACH <= start + found.length <= hit.start
            and not any(tokens[i].gap for i in range(start + 1, hit.start + 1))
        ):
            return True
    return False


_HOBBY_REACH = 1  # "fotografujem len nekomerčne": an adverb between
_LONGEST_OWN_PHOTOGRAPHING = 4  # "I take photos": the longest entries' words


def _said_of_the_text(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> bool:
    """A no-changes phrase right after a word for the mail's text, in its clause: "текст ниже без
    изменений" (the text below, unchanged) tells how the statement was sent, not how the work is used."""
    if hit.problem is not LicenseProblem.NO_DERIVATIVES:
        return False
    first = hit.start
    while first > max(0, hit.start - vocab.mail_reach) and not tokens[first].gap:
        first -= 1
    return any(vocab.text_words.matches_any(tokens, i) for i in range(first, hit.start))


def _about_the_mail(tokens: Sequence[Token], span: _Span, vocab: LicenseVocabulary) -> bool:
    """A mail word inside the refusal or at most `mail_reach` tokens beside it in the same clause:
    "modification of this e-mail is prohibited", "Az üzenet módosítása tilos"."""
    first = span.start
    while first > max(0, span.start - vocab.mail_reach) and not tokens[first].gap:
        first -= 1
    last = span.end
    while last < min(len(tokens), span.end + vocab.mail_reach) and not tokens[last].gap:
        last += 1
    return any(vocab.mail_words.matches_any(tokens, i) for i in range(first, last))


def _spans(
    tokens: Sequence[Token], table: PhraseTable, masked: frozenset[int], problem: LicenseProblem | None
) -> list[_Span]:
    """The table's phrases in the text, none touching a masked token. Several readers ask for the same
    table's spans: a text's Tokens keep them."""
    if not isinstance(tokens, Tokens):
        return _find_spans(tokens, table, masked, problem)
    key = (id(table), masked, problem)
    found = tokens.span_cache.get(key)
    if found is None:
        found = tokens.span_cache[key] = tuple(_find_spans(tokens, table, masked, problem))
    return list(found)


def _own_spans(
    tokens: Sequence[Token],
    vocab: LicenseVocabulary,
    key: str,
    masked: frozenset[int],
    foreign: _ForeignWords,
) -> list[_Span]:
    """The phrases of the list `key` each in a paragraph of their own language (or an unsure one)."""
    table: PhraseTable = getattr(vocab, key)
    return [span for span in _spans(tokens, table, masked, None) if not foreign.foreign(span, key)]


def _find_spans(
    tokens: Sequence[Token], table: PhraseTable, masked: frozenset[int], problem: LicenseProblem | None
) -> list[_Span]:
    spans: list[_Span] = []
    for index in table.starts(tokens):
        found = table.match(tokens, index)
        if found is not None and not any(i in masked for i in range(index, index + found.length)):
            spans.append(_Span(index, index + found.length, problem))
    return spans


@dataclass(frozen=True)
class _Refusal:
    """A refusal's tokens and, for a prohibition or a negated permission, its word and the word's list:
    the refusal stands only in a paragraph of that word's language (or an unsure one)."""

    span: _Span
    word: _Span | None = None
    key: str = ""
    negator: _Span | None = None  # a negated permission's negator ("nicht" of "nicht gestattet")


def _refusals(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], revocations: Sequence[_Span]
) -> list[_Refusal]:
    """Prohibitions ("verboten", "interdite") not negated and not about revoking the grant ("不可撤销":
    cannot be revoked), and negated permissions ("nicht gestattet", "cannot")."""
    refusals = [
        _Refusal(_Span(span.start, span.end, None, sentence_wide=True), span, "prohibition_words")
        for span in _spans(tokens, vocab.prohibition_words, masked, None)
        if not _negated(tokens, span.start, vocab)
        and _negated_after(tokens, span.end, vocab) is None
        and not _beside_any(tokens, span, revocations)
        and not _ban_lacking(tokens, span.start, vocab)
    ]
    refusals.extend(_Refusal(condition) for condition in _negative_conditions(tokens, vocab, masked))
    for span in _spans(tokens, vocab.permission_words, masked, None):
        negator = _negator_beside(tokens, span, vocab)
        if negator is not None:
            refused = _Span(min(span.start, negator.start), max(span.end, negator.end))
            if not _beside_any(tokens, refused, revocations):  # "dovoljenja ne morem preklicati"
                refusals.append(_Refusal(refused, span, "permission_words", negator))
    refusals.extend(
        _Refusal(span, span, "negated_permissions")
        for span in _spans(tokens, vocab.negated_permissions, masked, None)
        if not _beside_any(tokens, span, revocations)
    )
    refusals.extend(_Refusal(span) for span in _withdrawn_consents(tokens, vocab, masked))
    return refusals


def _withdrawn_consents(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Span]:
    """A consent taken back for some use: a withdrawing word and a consent word at most
    `_WITHDRAWN_REACH` words apart in one clause, not negated ("I withdraw my permission for commercial
    use", "Ich ziehe meine Zustimmung für kommerzielle Nutzung zurück"): a refusal of the use named."""
    consents = _spans(tokens, vocab.consent_words, masked, None)
    found: list[_Span] = []
    for withdraw in _spans(tokens, vocab.withdraw_words, masked, None):
        if _negated(tokens, withdraw.start, vocab):
            continue
        for consent in consents:
            distance = _clause_distance(tokens, withdraw, consent)
            if distance is not None and distance <= _WITHDRAWN_REACH:
                found.append(consent)  # the use refused stands by the consent word, perhaps inside the pair
    return found


_WITHDRAWN_REACH = 6  # "ziehe ich hiermit ausdrücklich meine Zustimmung … zurück"


def _ban_lacking(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """A ban said to be absent: a without-word or a negative determiner ending at most one word (an
    article) before the prohibition word at `index`, in its clause: "bez zakazu użytku komercyjnego",
    "without a ban on commercial use", "kein Verbot". Not "without permission is prohibited": the ban there
    stands two words after."""
    for start in range(max(0, index - 3), index):
        for table in (vocab.without_words, vocab.negative_determiners):
            found = table.match(tokens, start)
            if (
                found is not None
                and 0 <= index - (start + found.length) <= 1
                and not any(tokens[i].gap for i in range(start + 1, index + 1))
            ):
                return True
    return False


def _negator_beside(tokens: Sequence[Token], permission: _Span, vocab: LicenseVocabulary) -> _Span | None:
    """A negator up to two words before a permission word ("no se permiten", "is not allowed"), right
    after it ("darf nicht", "n'autorise pas"), a post-negator just after it ("serbest değildir") or a
    negator closing its clause ("gestatte ich ausdrücklich nicht"), in the same clause and not "not
    only" ("nicht nur")."""
    at = permission.end
    adverb = vocab.contrast_adverbs.match(tokens, at) if _close(tokens, at) else None
    if adverb is not None:  # "De får däremot inte beskäras", "darf jedoch nicht bearbeitet werden"
        at += adverb.length
    after = vocab.negators.match(tokens, at) if _close(tokens, at) else None
    if (
        after is not None
        and not _only_follows(tokens, at + after.length, vocab)
        # "dopuštenje nije ograničeno na Wikipediju": the permission is not limited
        and not (
            _close(tokens, at + after.length) and vocab.limit_words.matches_any(tokens, at + after.length)
        )
    ):
        return _Span(at, at + after.length)
    post = _negated_after(tokens, permission.end, vocab) or _final_negator(tokens, permission.end, vocab)
    if post is not None:
        return post
    aside = _negated_aside(tokens, permission.start, vocab)
    if aside is not None:
        return aside
    for start in range(max(0, permission.start - 4), permission.start):
        found = vocab.negators.match(tokens, start)
        if found is None:
            continue
        end = start + found.length
        between = range(end, permission.start)
        if (
            permission.start - end <= 2
            and end <= permission.start
            and not any(tokens[i].gap for i in range(start + 1, permission.start + 1))
            and not any(vocab.only_words.matches_any(tokens, i) for i in between)
        ):
            return _Span(start, end)
    return _nobody_subject(tokens, permission.start, vocab)


# Words of a subject between the negative determiner opening it and the permission word: "Cap empresa ni
# mitjà pot", "Keine Firma darf".
_NOBODY_SUBJECT_REACH = 3


def _nobody_subject(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> _Span | None:
    """A subject that names no one, opening the clause right before the permission word at `index`: "Keine
    Firma darf sie kommerziell nutzen", "Ningú pot fer-ne un ús comercial"."""
    for start in range(max(0, index - _NOBODY_SUBJECT_REACH - 1), index):
        found = vocab.negative_determiners.match(tokens, start) or vocab.nobody_words.match(tokens, start)
        if found is None or start + found.length > index:
            continue
        opens = start == 0 or tokens[start].gap
        if opens and not any(tokens[i].gap for i in range(start + 1, index + 1)):
            return _Span(start, start + found.length)
    return None


# Words of an aside between a negated verb and its permission: "non è, in nessun caso e per nessuna
# ragione, consentito".
_ASIDE_REACH = 10


def _negated_aside(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> _Span | None:
    """A permission word right after an aside, where the aside holds a negation ("is, under no
    circumstances, permitted") or the clause before it ends with one ("non è, in nessun caso …,
    consentito", "n'est pas, en aucun cas, autorisée"): the negation reaches over the aside."""
    if index == 0 or not tokens[index].gap or tokens[index].brk:
        return None
    opening = index - 1
    while opening > 0 and not tokens[opening].gap and index - opening < _ASIDE_REACH:
        opening -= 1
    if not tokens[opening].gap or tokens[opening].brk or opening == 0 or ":" in tokens[opening].sep:
        return None  # "Vodeni žig nije uvjet: tko želi, može … obrezivati": a colon opens no aside
    for start in range(opening, index):
        if _only_follows(tokens, start + 1, vocab):
            continue  # "no sólo en Wikipedia sino en cualquier medio, incluido …": "not only", no refusal
        if vocab.negators.matches_any(tokens, start) or vocab.negative_determiners.matches_any(tokens, start):
            return _Span(start, start + 1)
    for start in range(max(0, opening - 2), opening):
        found = vocab.negators.match(tokens, start)
        if found is not None and not any(tokens[i].gap for i in range(start + 1, opening)):
            return _Span(start, start + found.length)
    return None


def _final_negator(tokens: Sequence[Token], end: int, vocab: LicenseVocabulary) -> _Span | None:
    """A negator closing the permission's clause a few words after it, as German and the Scandinavian
    languages put it: "Eine kommerzielle Nutzung gestatte ich ausdrücklich nicht", "tillåter vi inte".
    The first negator after the permission decides: one that does not end the clause ("gestatte ich
    nicht nur …") refuses nothing here."""
    for start in range(end, min(len(tokens), end + vocab.final_negation_reach)):
        if not _close(tokens, start):
            return None
        if vocab.limit_words.matches_any(tokens, start) or vocab.wiki_words.matches_any(tokens, start):
            return None  # "این اجازه محدود به ویکی‌پدیا نیست": the negator turns the limit, not the permission
        found = vocab.negators.match(tokens, start)
        if found is not None:
            after = start + found.length
            return _Span(start, after) if after == len(tokens) or tokens[after].gap else None
    return None


def _only_follows(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    return _close(tokens, index) and vocab.only_words.matches_any(tokens, index)


def _clause_distance(
    tokens: Sequence[Token], one: _Span, other: _Span, brackets: bool = False, comma_words: bool = False
) -> int | None:
    """Tokens between two spans of one clause (no punctuation between them, but for an aside between
    dashes, which does not count; with `brackets`, nor one in brackets; with `comma_words`, nor a single
    word between commas: "не используйте, пожалуйста, разворот в коммерческих целях"), or None."""
    first, second = (one, other) if one.start <= other.start else (other, one)
    if second.start < first.end:
        return None
    aside = set(_dash_aside(tokens, first.end, second.start))
    if brackets:
        aside |= _bracket_aside(tokens, first.end, second.start)
    if comma_words:
        aside |= _comma_word_asides(tokens, first.end, second.start)
    if any(tokens[i].gap for i in range(first.end, second.start + 1) if i not in aside):
        return None
    return _words_between(tokens, first.end, second.start, aside)


# Letters of a script written without spaces that make about one word: Thai, Lao, Khmer and Myanmar
# are cut one letter a token ("การนำภาพไปพิมพ์" is 13 tokens, 4 words).
_SPACELESS_LETTERS_PER_WORD = 4


def _words_between(tokens: Sequence[Token], start: int, end: int, aside: Collection[int] = ()) -> int:
    """About how many words the tokens from `start` to `end` (not those set `aside`) make: one each, but
    letters of a spaceless script (Thai), which count a word for `_SPACELESS_LETTERS_PER_WORD` of them."""
    letters = sum(1 for i in range(start, end) if i not in aside and _spaceless_letter(tokens[i].raw))
    others = end - start - len(aside) - letters
    return others + -(-letters // _SPACELESS_LETTERS_PER_WORD)


def _spaceless_letter(raw: str) -> bool:
    code = ord(raw[0]) if raw else 0
    return any(first <= code <= last for first, last in _SPACELESS_BLOCKS)


# Brackets, and guillemets around a name ("«Wiki Loves Monuments»"), set words aside from their clause.
_ASIDE_OPENERS = "(（[«"
_ASIDE_CLOSERS = ")）]»"


def _bracket_aside(tokens: Sequence[Token], start: int, end: int) -> set[int]:
    """The tokens from `start` to `end` that stand in brackets (or guillemets), and the one right after a
    closing bracket ("gebruik in drukwerk (ansichtkaarten, kalenders, posters) sta ik niet toe"): examples
    in brackets, their commas too, are no clause of their own. An empty set where a bracket stays open."""
    depth = 0
    inside: set[int] = set()
    for index in range(start, end + 1):
        sep = tokens[index].sep
        if sep == " ":  # most words: no bracket opens or closes here
            if depth > 0:
                inside.add(index)
            continue
        opened = sum(sep.count(mark) for mark in _ASIDE_OPENERS)
        closed = sum(sep.count(mark) for mark in _ASIDE_CLOSERS)
        if depth > 0 or opened:
            if closed and depth + opened - closed <= 0 and sep.strip().strip(_ASIDE_CLOSERS).strip():
                return set()  # ") –", "),": the clause ends right after the bracket
            inside.add(index)
        depth = max(0, depth + opened - closed)
    return inside if depth == 0 else set()


def _dash_aside(tokens: Sequence[Token], start: int, end: int) -> range:
    """The tokens of the first aside set off by a pair of spaced dashes from `start` to `end` ("sofern
    sie nicht – sei es in Prospekten, auf Websites oder in Werbematerial – zu gewerblichen Zwecken
    eingesetzt werden"), or an empty range. Its commas belong to it, not to the clause around it."""
    opening = next((i for i in range(start, end + 1) if _spaced_dash(tokens[i].sep)), None)
    if opening is None:
        return range(0)
    closing = next((i for i in range(opening + 1, end + 1) if _spaced_dash(tokens[i].sep)), None)
    if closing is None or any(tokens[i].brk for i in range(opening, closing + 1)):
        return range(0)
    return range(opening, closing)


def _comma_word_asides(tokens: Sequence[Token], start: int, end: int) -> set[int]:
    """Single words set off by commas from `start` to `end` ("please", "bitte", "пожалуйста"), with the
    token after the closing comma, whose comma is the aside's."""
    aside: set[int] = set()
    for index in range(start, min(end, len(tokens) - 1)):
        if all(tokens[i].sep.strip() == "," and not tokens[i].brk for i in (index, index + 1)):
            aside.update((index, index + 1))
    return aside


def _breaks_at(tokens: Sequence[Token], index: int) -> bool:
    """Punctuation or a spaced dash before the token at `index`."""
    return tokens[index].gap or _spaced_dash(tokens[index].sep)


def _spaced_dash(sep: str) -> bool:
    """A dash standing between spaces or a line end: an aside's edge ("der Region -\nzu gewerblichen"),
    not a hyphen ("Foto-Club") nor a range."""
    return sep.strip() in ("-", "\u2013", "\u2014") and sep[:1].isspace() and sep[-1:].isspace()


def _phrase_hits(
    tokens: Sequence[Token],
    table: PhraseTable,
    problem: LicenseProblem,
    vocab: LicenseVocabulary,
    masked: frozenset[int],
) -> list[_Hit]:
    hits: list[_Hit] = []
    free_from = 0  # a phrase found ends where the next may start
    for index in table.starts(tokens):
        if index < free_from:
            continue
        found = table.match(tokens, index)
        if found is None or any(i in masked for i in range(index, index + found.length)):
            continue
        negated = (
            _negated(tokens, index, vocab)
            or _negated_with_its_pair(tokens, index, vocab)
            or _left_out_after(tokens, index + found.length, vocab)
            or _left_out_before(tokens, index, vocab)
        )
        end = index + found.length
        # "¿Revocable? No": a form's label answered no
        if not negated and not _turned_after(tokens, end, vocab) and not _answered_no(tokens, end, vocab):
            hits.append(_Hit(index, end, None, problem))
        free_from = end
    return hits


def _left_out_before(tokens: Sequence[Token], start: int, vocab: LicenseVocabulary) -> bool:
    """A without-word ending right before the restriction, perhaps with quote marks between: 'CC BY-SA 4.0,
    also OHNE "nicht kommerziell"', "without 'non-commercial'"."""
    if start == 0 or tokens[start].sep.strip(" \"'“”„«»‘’‚") != "":
        return False
    return any(
        (found := vocab.without_words.match(tokens, start - length)) is not None and found.length == length
        for length in (1, 2)
        if start - length >= 0
    )


def _withdrawn_quote(tokens: Sequence[Token], start: int, vocab: LicenseVocabulary) -> bool:
    """The restriction quoted as the object of a withdrawing word right before it, perhaps an article
    between: "Retiro o 'exceto comercial'", "ich streiche das „nur Wikipedia“". A quote mark must open the
    restriction: unquoted, the words after the verb may be a use withdrawn ("ich ziehe … zurück")."""
    if start == 0 or not any(mark in tokens[start].sep for mark in _OPENING_QUOTES):
        return False
    if _withdrawn_after_quote(tokens, start, vocab):
        return True
    for end in (start, start - 1):
        if end < 1 or (end < start and tokens[end].gap):
            continue
        for begin in range(max(0, end - 4), end):
            found = vocab.withdraw_words.match(tokens, begin)
            if (
                found is not None
                and begin + found.length == end
                and not any(tokens[i].brk for i in range(begin + 1, start + 1))
                and not _negated(tokens, begin, vocab)
            ):
                return True
    return False


_OPENING_QUOTES = "\"'“”„«»‘’‚「『"
_CLOSING_QUOTES = "\"'“”«»‘’」』"
_DOUBLE_CLOSING_QUOTES = '"“”«»」』'
_QUOTED_REACH = 12  # words of a quoted restriction
_AFTER_QUOTE_REACH = 2  # "… ifadesini geri alıyorum": a noun, then the withdrawing word


def _withdrawn_after_quote(tokens: Sequence[Token], start: int, vocab: LicenseVocabulary) -> bool:
    """The quoted restriction opening at `start` is the object of a withdrawing word after its closing
    quote, at most `_AFTER_QUOTE_REACH` words on, in its sentence: 'Önceki e-postamdaki "sadece
    Vikipedi'de kullanılmak üzere" ifadesini geri alıyorum' (I take back the phrase …)."""
    for close in range(start + 1, min(len(tokens), start + _QUOTED_REACH + 1)):
        if tokens[close].brk:
            return False
        sep = tokens[close].sep
        # an apostrophe closes a quote only before a space: no "Vikipedi'de"; a double quote always does
        if any(mark in sep for mark in _CLOSING_QUOTES) and (
            sep != sep.strip() or any(mark in sep for mark in _DOUBLE_CLOSING_QUOTES)
        ):
            break
    else:
        return False
    for begin in range(close, min(len(tokens), close + _AFTER_QUOTE_REACH + 1)):
        if begin > close and (tokens[begin].brk or tokens[begin].gap):
            return False
        found = vocab.withdraw_words.match(tokens, begin)
        if found is not None and not _negated(tokens, begin, vocab):
            return True
    return False


def _left_out_after(tokens: Sequence[Token], end: int, vocab: LicenseVocabulary) -> bool:
    """A "without" written after the restriction, perhaps after a clause word, in its clause: "a korábban
    említett nem kereskedelmi korlátozás nélkül" (without the non-commercial restriction mentioned before).
    A quoted restriction may end with a word of its own before the quote closes: 'a "csak nem kereskedelmi
    célra" kitétel nélkül' (without the "only for non-commercial purposes" clause)."""
    at = end
    if _quote_closes_within(tokens, end):
        while not any(mark in tokens[at].sep for mark in _CLOSING_QUOTES):
            at += 1
    if at < len(tokens) and not _apart(tokens[at]) and vocab.clause_words.matches_any(tokens, at):
        at += 1
    return at < len(tokens) and not _apart(tokens[at]) and vocab.post_without_words.matches_any(tokens, at)


def _quote_closes_within(tokens: Sequence[Token], end: int) -> bool:
    """A quote mark closes before one of the `_QUOTED_TAIL` tokens from `end` on, in the clause."""
    for at in range(end, min(len(tokens), end + _QUOTED_TAIL + 1)):
        if any(mark in tokens[at].sep for mark in _CLOSING_QUOTES):
            return tokens[at].sep.strip(_CLOSING_QUOTES + " ") == ""
        if tokens[at].gap:
            return False
    return False


_QUOTED_TAIL = 2  # '"csak nem kereskedelmi célra"': words of the quoted restriction after its own


def _apart(token: Token) -> bool:
    """Punctuation other than a closing quote mark before the token: its clause has ended."""
    return token.gap and token.sep.strip(_CLOSING_QUOTES + " ") != ""


# Words between a negator and the conjunction after the first of two restrictions it negates.
_PAIR_REACH = 4


def _negated_with_its_pair(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """A restriction joined by a conjunction to one a negator stands before, in one clause: the negation
    covers both ("There is no non-commercial or no-derivatives condition", "weder … noch …")."""
    if index < 1 or tokens[index].gap or not vocab.conjunctions.matches_any(tokens, index - 1):
        return False
    for start in range(max(0, index - 1 - _PAIR_REACH - 1), index - 1):
        found = vocab.negators.match(tokens, start)
        if found is not None and not any(tokens[i].gap for i in range(start + 1, index)):
            return True
    return False


# The scripts of languages not written in Latin letters (Unicode name prefixes); a word in another script
# in their paragraphs is another language written in them ("only for Wikipedia" in Hebrew), never theirs.
_SCRIPTS = {
    "ar": ("ARABIC",), "fa": ("ARABIC",), "he": ("HEBREW",), "el": ("GREEK",), "th": ("THAI",),
    "ru": ("CYRILLIC",), "uk": ("CYRILLIC",), "bg": ("CYRILLIC",), "mk": ("CYRILLIC",), "kk": ("CYRILLIC",),
    "sr": ("CYRILLIC", "LATIN"), "hi": ("DEVANAGARI",), "bn": ("BENGALI",), "ka": ("GEORGIAN",),
    "hy": ("ARMENIAN",), "ta": ("TAMIL",), "zh": ("CJK",), "ja": ("CJK", "HIRAGANA", "KATAKANA"),
    "ko": ("HANGUL", "CJK"),
}  # fmt: skip


def _written_in(word: str, language: str) -> bool:
    """Whether `word` is in the script of `language` (Latin for a language not in `_SCRIPTS`)."""
    letter = next((char for char in word if char.isalpha()), None)
    if letter is None:
        return True
    script = unicodedata.name(letter, "").split(" ")[0]
    return script in _SCRIPTS.get(language, ("LATIN",))


class _ForeignWords:
    """Whether a word found with every language's lists is of another language than its paragraph."""

    def __init__(
        self, text: str, tokens: Sequence[Token], vocab: LicenseVocabulary, detector: LanguageDetector | None
    ) -> None:
        self._tokens, self._vocab = tokens, vocab
        self._languages = ParagraphLanguages(text, detector, vocab.detected_as)

    def foreign(self, span: _Span, key: str) -> bool:
        """The paragraph is confidently in a language whose `key` list (with the common one) has no
        phrase starting there ("Enkel" in German). Unsure, or a language without that list: not foreign,
        every language's words apply."""
        language = self._languages.at(self._tokens[span.start].start, self._tokens[span.end - 1].end)
        if language is not None and not _written_in(self._tokens[span.start].raw, language):
            return False  # "only for the English Wikipedia" in a Hebrew paragraph: English written in it
        table = self._vocab.language_lists.get(language, {}).get(key) if language else None
        return table is not None and table.match(self._tokens, span.start) is None

    def own_table(self, span: _Span, key: str) -> PhraseTable | None:
        """The `key` list of the paragraph's language, when it is confidently in one that has that list."""
        language = self._languages.at(self._tokens[span.start].start, self._tokens[span.end - 1].end)
        return self._vocab.language_lists.get(language, {}).get(key) if language else None


def _wikipedia_only_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """An only-word and a wiki word in one sentence, whatever stands between ("nur im Artikel über die Burg
    in der deutschsprachigen Wikipedia", "ويكيبيديا العربية فقط", "maar enkel, zoals eerder afgesproken
    met …, voor gebruik op Wikipedia"); not negated ("not only"), not turned by a "not limited" after
    it, not masked. The sentence is the window: an aside between commas does not lift the limit."""
    return _only_with_hits(
        tokens,
        vocab,
        masked,
        foreign,
        vocab.wiki_words,
        LicenseProblem.WIKIPEDIA_ONLY,
        # "the last one I only had as the wiki code": a wiki word naming a tool, not a place of use
        tool_words=vocab.wiki_tool_words,
    )


def _covering_hits(tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]) -> list[_Hit]:
    """A consent said to cover a use on the wiki, in one clause: "l'autorizzazione riguarda la
    pubblicazione nella voce di Wikipedia", "the permission covers the Wikipedia article". Not negated
    ("the permission does not only cover Wikipedia"), and no elsewhere word after the wiki word."""
    hits: list[_Hit] = []
    # "Die Freigabe gilt für die Wikipedia": a grant noun as a consent; not the mail ("this email
    # concerns the photos in the Wikipedia article")
    nouns = [
        noun
        for noun in _spans(tokens, vocab.grant_nouns, masked, None)
        if not vocab.mail_words.matches_any(tokens, noun.start)
    ]
    for consent in (*_spans(tokens, vocab.consent_words, masked, None), *nouns):
        covers = next(
            (
                at
                for at in range(consent.end, min(len(tokens), consent.end + _COVERS_REACH + 1))
                if vocab.covers_words.matches_any(tokens, at)
            ),
            None,
        )
        if covers is None or any(tokens[i].gap for i in range(consent.end, covers + 1)):
            continue
        for at in range(covers + 1, min(len(tokens), covers + _COVERED_WIKI_REACH + 1)):
            if tokens[at].gap:
                break
            wiki = vocab.wiki_words.match(tokens, at)
            if wiki is None:
                continue
            span = range(consent.start, at)
            if any(vocab.outside_words.matches_any(tokens, i) for i in range(covers, at)):
                break  # "essa autorização vale para além da Wikipédia": beyond the wiki
            negated = any(vocab.negators.matches_any(tokens, i) for i in span) or _negated_before(
                tokens, consent.start, vocab, _GRANT_NEGATION_REACH
            )
            if not negated and not _widened(tokens, _Span(at, at + wiki.length), vocab):
                hits.append(_Hit(consent.start, at + wiki.length, None, LicenseProblem.WIKIPEDIA_ONLY))
            break
    return hits


_COVERS_REACH = 1  # "l'autorizzazione riguarda", "the permission only covers"
_COVERED_WIKI_REACH = 8  # "riguarda la pubblicazione nella voce di Wikipedia"


def _suffixed_only_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Hit]:
    """A wiki word ending in an only-suffix ("한국어 위키백과에서만 사용해 주세요": on the Korean
    Wikipedia only), not turned after it ("위키백과에만 한정되지 않으며": not limited to Wikipedia only)."""
    suffixes = tuple(first for first in vocab.only_suffixes.by_first)
    if not suffixes:
        return []
    hits = [
        _Hit(span.start, span.end, None, LicenseProblem.WIKIPEDIA_ONLY)
        for span in _spans(tokens, vocab.wiki_words, masked, None)
        if tokens[span.end - 1].norm.endswith(suffixes)
        and tokens[span.end - 1].norm not in suffixes
        and not _turned_after(tokens, span.end, vocab)
    ]
    # "위키백과의 제 문서에서만": a place word just after the wiki word carries the suffix (a long one:
    # a bare "만" ends "하지만", but)
    # counted in syllables: folding spells Hangul out in its letters ("만" is three)
    long_suffixes = tuple(suffix for suffix in suffixes if len(unicodedata.normalize("NFC", suffix)) > 1)
    for span in _spans(tokens, vocab.wiki_words, masked, None):
        for at in range(span.end, min(len(tokens), span.end + _SUFFIXED_PLACE_REACH)):
            if tokens[at].gap:
                break
            norm = tokens[at].norm
            if (
                norm.endswith(long_suffixes)
                and norm not in suffixes
                and not _turned_after(tokens, at + 1, vocab)
            ):
                hits.append(_Hit(span.start, at + 1, None, LicenseProblem.WIKIPEDIA_ONLY))
                break
    return hits


_SUFFIXED_PLACE_REACH = 3  # "위키백과의 제 문서에서만"


# Words a negator may stand before a use elsewhere it refuses, in its clause: "they are not to be used
# anywhere else", "vill inte att de dyker upp gratis på andra sajter". A wider reach refuses more.
_OTHER_USE_REACH = 8


def _no_other_use_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Hit]:
    """Any use elsewhere refused: "released for the Wikipedia article …, and they are not to be used
    anywhere else", "dürfen nicht für andere Zwecke verwendet werden", "on Wikipedia and nowhere else". A
    negator at most `_OTHER_USE_REACH` words before an other-use phrase in its clause, with no contrast
    word between ("not only here but for any other purpose" widens), or a nowhere-else phrase. With a
    wiki word in the sentence the grant is Wikipedia-only; any other refusal of other uses limits it to
    the use named, which is no free license. Other uses that need the holder's consent, not negated, in
    one sentence ("Для других статей и сайтов прошу запрашивать разрешение отдельно") are refused too."""
    other_uses = _spans(tokens, vocab.other_uses, masked, None)
    refused = [
        span
        for span in other_uses
        if (
            _negated_before(tokens, span.start, vocab, _OTHER_USE_REACH)
            and not _limit_between(tokens, span.start, vocab)
        )
        or _refused_after(tokens, span, vocab)
    ]
    nowhere = _spans(tokens, vocab.nowhere_else, masked, None)
    if not other_uses and not nowhere:
        return []  # most releases: neither
    sentences = _sentence_numbers(tokens)
    revocations = _spans(tokens, vocab.revocation_words, masked, None)
    consents = {
        sentences[span.start]
        for span in _spans(tokens, vocab.consent_words, masked, None)
        if not _freed_before(tokens, span.start, vocab)
        # "この同意を撤回できない": the grant itself, which cannot be revoked, is no consent to ask for
        and not any(_clause_distance(tokens, span, revocation) is not None for revocation in revocations)
    }
    # "For any other purpose, please ask for my permission": other uses need the holder's consent
    refused.extend(
        span
        for span in other_uses
        if span not in refused
        and sentences[span.start] in consents
        and not _listed_after_commercial(tokens, span.start, vocab)
    )
    wiki_sentences = {sentences[span.start] for span in _spans(tokens, vocab.wiki_words, masked, None)}
    refused.extend(
        span
        for span in nowhere
        if sentences[span.start] in wiki_sentences and not _negated(tokens, span.start, vocab)
    )
    return [
        _Hit(
            span.start,
            span.end,
            None,
            LicenseProblem.WIKIPEDIA_ONLY
            if sentences[span.start] in wiki_sentences
            else LicenseProblem.NOT_FREE,
        )
        for span in refused
    ]


# Words between an exception word and the use it excepts ("except for commercial use"), and between a
# negated purpose word and its use ("nicht für gewerbliche Zwecke").
_EXCEPTION_REACH = 3
# Words an exception's own phrase may hold before the use it names, in its clause: "except printing the
# photos on goods for sale".
_EXCEPTED_PHRASE_REACH = 8


def _excepted_use_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], revocations: Sequence[_Span]
) -> list[_Hit]:
    """A commercial or modification use excepted from the grant, in one clause: "CC BY 4.0, except for
    commercial use", "escluso l'uso commerciale", "kereskedelmi felhasználás kivételével", "但商业用途除外";
    or refused as a purpose: "allerdings nicht für gewerbliche Zwecke", "men ikke til kommersiell bruk"
    (a negator right before a purpose word, the use at most `_EXCEPTION_REACH` words after it; in "not
    for profit" the purpose word opens the commercial phrase itself, which names a non-profit body)."""
    openers = [
        span
        for span in _spans(tokens, vocab.exception_words, masked, None)
        if not _negated(tokens, span.start, vocab)
    ]
    purposes = [
        span
        for span in _spans(tokens, vocab.purpose_words, masked, None)
        if _negator_ends_at(tokens, span.start, vocab)
    ]
    if not openers and not purposes:
        return []  # most releases: neither
    targets = [
        target
        for table, problem in (
            (vocab.modify_words, LicenseProblem.NO_DERIVATIVES),
            (vocab.commercial_words, LicenseProblem.NON_COMMERCIAL),
            (vocab.product_words, LicenseProblem.NOT_FREE),
        )
        for target in _spans(tokens, table, masked, problem)
        if not _beside_any(tokens, target, revocations)
    ]
    phrase_starts = {target.start for target in targets}
    # "not for profit" (a non-profit body): the purpose word opens a phrase of its own
    openers.extend(span for span in purposes if span.start not in phrase_starts)
    hits: list[_Hit] = []
    for target in targets:
        for opener in openers:
            distance = _clause_distance(tokens, opener, target)
            after = opener.end <= target.start
            purpose = vocab.purpose_words.match(tokens, opener.start) is not None
            reach = _EXCEPTION_REACH
            between = range(opener.end, target.start + 1)
            # no punctuation between: "except printing the photos on goods for sale"
            if after and not purpose and not any(_breaks_at(tokens, i) for i in between):
                reach = _EXCEPTED_PHRASE_REACH
            if distance is not None and distance <= reach and (after or not purpose):
                start, end = min(opener.start, target.start), max(opener.end, target.end)
                hits.append(_Hit(start, end, None, target.problem))
                break
    return hits


def _reserved_uses_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Hit]:
    """Rights reserved for some uses: "Voor alle overige toepassingen - drukwerk, … commercieel gebruik -
    behoud ik mij alle rechten voor". A reserved phrase and, in its sentence, another use (the grant is
    then for the one use named) or a commercial or change word; a footer's "All rights reserved" names
    none."""
    spans = _spans(tokens, vocab.reserved, masked, None)
    if not spans:
        return []  # most releases
    for span in spans:
        low, high = sentence_around(tokens, span.start)
        for table, problem in (
            (vocab.other_uses, LicenseProblem.WIKIPEDIA_ONLY),
            (vocab.commercial_words, LicenseProblem.NON_COMMERCIAL),
            (vocab.modify_words, LicenseProblem.NO_DERIVATIVES),
        ):
            if any(i not in masked and table.matches_any(tokens, i) for i in range(low, high + 1)):
                return [_Hit(span.start, span.end, None, problem)]
    return []


def _not_covered_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A use the grant says it does not cover: "Водночас цей дозвіл не поширюється на використання
    світлин у політичній рекламі", "this permission does not extend to advertising". A not-covering phrase
    after a consent, permission or license word of its clause, and a use, commercial or change word after
    it in that clause, no license term there ("does not apply to uses the law allows anyway"). The
    commercial or change word says which restriction; any other use makes the grant not free."""
    hits: list[_Hit] = []
    grants = (vocab.consent_words, vocab.permission_words, vocab.license_words)
    for phrase in _spans(tokens, vocab.not_covering_words, masked, None):
        if foreign.foreign(phrase, "not_covering_words"):
            continue
        first, last = _clause_around(tokens, phrase.start)
        if not any(table.matches_any(tokens, i) for table in grants for i in range(first, phrase.start)):
            continue
        after = range(phrase.end, last + 1)
        if any(table.matches_any(tokens, i) for table in (vocab.lawful_words, vocab.elements) for i in after):
            continue
        problem = next(
            (
                problem
                for table, problem in (
                    (vocab.commercial_words, LicenseProblem.NON_COMMERCIAL),
                    (vocab.modify_words, LicenseProblem.NO_DERIVATIVES),
                    (vocab.use_nouns, LicenseProblem.NOT_FREE),
                    (vocab.use_verbs, LicenseProblem.NOT_FREE),
                )
                if any(i not in masked and table.matches_any(tokens, i) for i in after)
            ),
            None,
        )
        if problem is not None:
            hits.append(_Hit(phrase.start, last + 1, None, problem))
    return hits


def _excluded_use_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A use the grant leaves out, the use named first: "gebruik in drukwerk (boeken, folders) valt hier
    niet onder", "commercial use is not covered", "die Nutzung in Printmedien ist ausgenommen". A use,
    commercial or change word at most `_EXCLUDED_REACH` words before an excluded-phrase in its clause
    (examples in brackets between not counted), no license term between ("uses the law allows are not
    covered by this release" names no condition). The commercial or change word says which restriction."""
    hits: list[_Hit] = []
    others = (vocab.other_works, vocab.other_works_topics)
    for phrase in _own_spans(tokens, vocab, "excluded_words", masked, foreign):
        used = _use_left_out(tokens, vocab, masked, phrase)
        # "광고 이미지 등 다른 사진들은 이번 허락과는 관계가 없다": the use word describes other works, which
        # are what is left out
        if used is not None and not _holds_any(tokens, others, range(used.end, phrase.start)):
            hits.append(_Hit(used.start, phrase.end, None, used.problem))
    return hits


def _but_not_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A use granted and one left out after "but not": "may be used on Wikipedia, but not in advertisements
    or any other commercial use", "Kuvaa saa käyttää …, mutta ei mainoksissa". A commercial or change word
    at most `_BUT_NOT_REACH` words after the negator, in its clause, with a use or permission word earlier
    in the sentence; not "but not limited to", "but not only", nor a license or an element not chosen ("CC
    BY-SA, but not the NonCommercial version")."""
    hits: list[_Hit] = []
    for but in _own_spans(tokens, vocab, "but_words", masked, foreign):
        negator = vocab.negators.match(tokens, but.end) if _close(tokens, but.end) else None
        if negator is not None:
            after = but.end + negator.length
            negated = _Span(but.end, after)
        else:  # "nie však na komerčné … účely": the negator before the but-word
            before = _negator_ending_at(tokens, but.start, vocab)
            if before is None or not _close(tokens, but.start):
                continue
            negated, after = before, but.end
        if foreign.foreign(negated, "negators"):
            continue
        low, _ = sentence_around(tokens, min(but.start, negated.start))
        granted = (vocab.use_verbs, vocab.use_nouns, vocab.permission_words, vocab.allow)
        if not any(table.matches_any(tokens, i) for table in granted for i in range(low, but.start)):
            continue
        _, last = _clause_around(tokens, after) if after < len(tokens) else (after, after - 1)
        reach = range(after, min(last + 1, after + _BUT_NOT_REACH))
        aside = (vocab.limit_words, vocab.only_words, vocab.elements, vocab.cc_names, vocab.license_words)
        if any(table.matches_any(tokens, i) for table in aside for i in range(after, last + 1)):
            continue
        # a use or a product named after "but not" leaves it out too: "men ikke på postkort, plakater …"
        for table, problem in (*_USE_TABLES, ("product_words", LicenseProblem.NOT_FREE)):
            target = next(
                (
                    i
                    for i in reach
                    if i not in masked
                    and getattr(vocab, table).matches_any(tokens, i)
                    and not foreign.foreign(_Span(i, i + 1), table)
                ),
                None,
            )
            if target is not None:
                hits.append(_Hit(but.start, target + 1, None, problem))
                break
    return hits


_BUT_NOT_REACH = 6


def _negator_ending_at(tokens: Sequence[Token], end: int, vocab: LicenseVocabulary) -> _Span | None:
    """A negator of one or two words ending right before `end`."""
    for length in (1, 2):
        start = end - length
        found = vocab.negators.match(tokens, start) if start >= 0 else None
        if found is not None and found.length == length:
            return _Span(start, end)
    return None  # "but not in advertisements or any other commercial use"


def _excluding_verb_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A commercial or change use the sender excludes in the first person, anywhere in the sentence: "Eine
    Verwendung zu kommerziellen Zwecken, etwa in Werbebroschüren …, schließe ich allerdings aus", "we
    exclude any commercial use". Not negated in its clause ("das schließe ich nicht aus"); a liability
    excluded in a footer names no commercial or change word."""
    hits: list[_Hit] = []
    for phrase in _own_spans(tokens, vocab, "exclude_verbs", masked, foreign):
        first, last = _clause_around(tokens, phrase.start)
        if any(vocab.negators.matches_any(tokens, i) for i in range(first, last + 1)):
            continue
        low, high = sentence_around(tokens, phrase.start)
        for table, problem in _USE_TABLES[:2]:
            used = [
                span
                for span in _spans(tokens, getattr(vocab, table), masked, problem)
                if low <= span.start <= high
                and not _negated(tokens, span.start, vocab)
                and not any(vocab.lawful_words.matches_any(tokens, i) for i in range(low, high + 1))
            ]
            if used:
                start, end = min(used[0].start, phrase.start), max(used[0].end, phrase.end)
                hits.append(_Hit(start, end, None, problem))
                break
    return hits


def _use_left_out(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], phrase: _Span
) -> _Span | None:
    """The commercial, change or use word nearest before an excluded-phrase in its clause, if any."""
    first, _ = sentence_around(tokens, phrase.start)
    for table, problem in _USE_TABLES:
        candidates = [
            span
            for span in _spans(tokens, getattr(vocab, table), masked, problem)
            if first <= span.start < phrase.start
            and (distance := _clause_distance(tokens, span, phrase, brackets=True)) is not None
            and distance <= _EXCLUDED_REACH
            and not any(
                vocab.lawful_words.matches_any(tokens, i) or vocab.elements.matches_any(tokens, i)
                for i in range(span.start, phrase.end)
            )
        ]
        if candidates:
            return candidates[-1]
    return None


# What a use left out may be, the restriction each one makes.
_USE_TABLES = (
    ("commercial_words", LicenseProblem.NON_COMMERCIAL),
    ("modify_words", LicenseProblem.NO_DERIVATIVES),
    ("use_nouns", LicenseProblem.NOT_FREE),
    ("use_verbs", LicenseProblem.NOT_FREE),
)


# Words between the use and the phrase leaving it out: "commercial use of the photographs is not covered".
_EXCLUDED_REACH = 6


# Words after an exception word where a use noun makes it a use excepted: "with the exception of use on".
_EXCEPTED_USE_REACH = 2


def _excepted_other_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A use granted with an exception that is no commercial or modification use: "You can use it anywhere
    except on Facebook", "Sie dürfen es überall verwenden, außer in Wahlkampfmaterial". A free license
    excepts nothing, so the grant is not free. The exception word follows a use verb or a permission word
    in its clause, or a use noun follows it ("s výjimkou použití na obálkách knih"); not an exception of
    what the license or the law asks anyway ("except that you must credit me"), of a work ("all the
    photos except the last one": that one is not released), or of the wiki ("other than Wikipedia" reads
    as "besides")."""
    hits: list[_Hit] = []
    for opener in _spans(tokens, vocab.exception_words, masked, None):
        if _negated(tokens, opener.start, vocab):
            continue
        if opener.start > 0 and _phrase_ends_at(
            tokens, vocab.wiki_words, opener.start - 1, _WIKI_NAME_TOKENS
        ):
            continue  # "ウィキペディア以外で使われること": besides Wikipedia, the exception word after it
        first, last = _clause_around(tokens, opener.start)
        granted = any(
            (found := table.match(tokens, i)) is not None
            and i + found.length <= opener.start
            and not foreign.foreign(_Span(i, i + found.length), key)
            for key, table in (("use_verbs", vocab.use_verbs), ("permission_words", vocab.permission_words))
            for i in range(first, opener.start)
        )
        # "Ano, s výjimkou použití na obálkách knih": the exception names a use itself
        named_use = any(
            vocab.use_nouns.matches_any(tokens, i) and not foreign.foreign(_Span(i, i + 1), "use_nouns")
            for i in range(opener.end, min(last + 1, opener.end + _EXCEPTED_USE_REACH))
        )
        if not granted and not named_use:
            continue
        # "… na obálkách knih a v kalendářích - ty prodávám přes nakladatelství": a dash ends the exception
        last = next((i - 1 for i in range(opener.end, last + 1) if _spaced_dash(tokens[i].sep)), last)
        tail = range(opener.end, last + 1)
        asked_anyway = (
            vocab.lawful_words,
            vocab.work_nouns,
            vocab.commercial_words,
            vocab.modify_words,
            vocab.wiki_words,
            vocab.mail_words,
        )
        if not tail or _holds_any(tokens, asked_anyway, tail):
            continue
        hits.append(_Hit(opener.start, last + 1, None, LicenseProblem.NOT_FREE))
    return hits


def _holds_any(tokens: Sequence[Token], tables: Sequence[PhraseTable], indices: Iterable[int]) -> bool:
    """A phrase of any of the tables starts at one of the indices."""
    return any(table.matches_any(tokens, i) for i in indices for table in tables)


def _negator_ends_at(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """A negator right before `index`, nothing between: "nicht für", not "not taken for"."""
    return any(
        (found := vocab.negators.match(tokens, start)) is not None
        and start + found.length == index
        and not any(tokens[i].gap for i in range(start + 1, index + 1))
        for start in range(max(0, index - 3), index)
    )


def _limit_between(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """A limit word in the reach before `index`: the negator there negates the limit ("The release is not
    limited to Wikipedia and the photo may be used anywhere else"), not the use elsewhere."""
    return any(
        vocab.limit_words.matches_any(tokens, i) for i in range(max(0, index - _OTHER_USE_REACH - 3), index)
    )


def _refused_after(tokens: Sequence[Token], span: _Span, vocab: LicenseVocabulary) -> bool:
    """A prohibition word closes the other uses' clause: "K jiným účelům je prosím nepoužívejte" (for other
    purposes please do not use them), "zu anderen Zwecken ist die Nutzung untersagt"."""
    end = span.end
    while end < len(tokens) and not tokens[end].gap:
        if vocab.prohibition_words.matches_any(tokens, end) and not _negated(tokens, end, vocab):
            return True
        end += 1
    return False


# Words between a commercial word and the other uses listed with it: "commercial or other purposes".
_LISTED_REACH = 3


def _listed_after_commercial(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """Other uses listed beside commercial use, as what anyone may do: "任何人都可以对本作品进行商业或其他用途
    的再利用" (commercial or other reuse), "在商业产品或其他用途中使用", "for commercial or any other
    purpose". Not uses kept back."""
    # Han and kana come a character a token: "商业产品或其他用途" holds two words between
    reach = _LISTED_REACH * 2 if _UNSPACED_LETTER.match(tokens[index].raw) else _LISTED_REACH
    for start in range(index - 1, max(-1, index - reach - 1), -1):
        if tokens[start + 1].gap:
            return False
        if vocab.commercial_words.matches_any(tokens, start):
            return True
    return False


def _other_use_targets(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Span]:
    """Other-use phrases as what a refusal may be about: Wikipedia-only in a sentence naming the wiki,
    else a limit to the use named, which is no free license."""
    spans = _spans(tokens, vocab.other_uses, masked, None)
    if not spans:
        return []
    sentences = _sentence_numbers(tokens)
    wiki_sentences = {sentences[span.start] for span in _spans(tokens, vocab.wiki_words, masked, None)}
    return [
        _Span(
            span.start,
            span.end,
            LicenseProblem.WIKIPEDIA_ONLY
            if sentences[span.start] in wiki_sentences
            else LicenseProblem.NOT_FREE,
        )
        for span in spans
    ]


def _negated_before(
    tokens: Sequence[Token], index: int, vocab: LicenseVocabulary, reach: int, *, of_only: bool = False
) -> bool:
    """A negator ending at most `reach` words before `index` in its clause, no contrast word between; not
    "not only" unless the word at `index` is the only-word negated ("ettei lupa koske pelkästään")."""
    for start in range(max(0, index - reach - 3), index):
        found = vocab.negators.match(tokens, start)
        if found is None:
            continue
        end = start + found.length
        between = range(end, index)
        if (
            end <= index
            and index - end <= reach
            and not any(tokens[i].gap for i in range(start + 1, index + 1))
            and (of_only or not _only_follows(tokens, end, vocab))
            and not any(vocab.contrast_words.matches_any(tokens, i) for i in between)
        ):
            return True
    return False


def _conditional_wiki_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Hit]:
    """A grant on condition of a use on the wiki: "Cette autorisation vaut pour autant que la photographie
    demeure utilisée dans le cadre de l'encyclopédie Wikipédia", "as long as it is used on Wikipedia". A
    condition word and a wiki word after it in one sentence, no negator between ("as long as it is not
    only on Wikipedia") and none turning it after, restrict the grant to the wiki."""
    sentences = _sentence_numbers(tokens)
    wiki = _spans(tokens, vocab.wiki_words, masked, None)
    hits: list[_Hit] = []
    for condition in _spans(tokens, vocab.conditions, masked, None):
        for word in wiki:
            if word.start < condition.end or sentences[word.start] != sentences[condition.start]:
                continue
            between = range(condition.end, word.start)
            if any(vocab.negators.matches_any(tokens, i) for i in between):
                break
            if _outside_before(tokens, word, vocab):
                continue  # "…, že souhlas platí i mimo Wikipedii": also outside Wikipedia
            if _in_main_clause(tokens, condition, word):
                break
            if not _turned_after(tokens, word.end, vocab):
                hits.append(_Hit(condition.start, word.end, None, LicenseProblem.WIKIPEDIA_ONLY))
            break
    return hits


def _in_main_clause(tokens: Sequence[Token], condition: _Span, word: _Span) -> bool:
    """The condition opens its sentence and a comma closes it before the wiki word: "Pokud s tím vedení
    souhlasí, doporučuji použít text z Wikipedie" (if the board agrees, I suggest Wikipedia's text) makes
    the wiki word the main clause's, not the condition's."""
    opens = condition.start == 0 or tokens[condition.start].brk
    return opens and any("," in tokens[i].sep for i in range(condition.end, word.start + 1))


def _outside_before(tokens: Sequence[Token], word: _Span, vocab: LicenseVocabulary) -> bool:
    """An outside-word right before the wiki word, or one word before it: "mimo Wikipedii", "outside of
    Wikipedia", "ārpus Vikipēdijas"."""
    for start in range(max(0, word.start - 3), word.start):
        found = vocab.outside_words.match(tokens, start)
        if found is not None and 0 <= word.start - (start + found.length) <= 1:
            return not any(tokens[i].gap for i in range(start + 1, word.start + 1))
    return False


# Words a use verb may stand from the condition word before it ("as long as the two pictures are used by")
# and from the agent word after it ("used mainly by").
_CONDITIONED_USE_REACH = 6
_AGENT_REACH = 2
# Words an agent word may stand before the use verb where the verb comes last ("von Schulen verwendet"); not
# right after the condition word ("provided by the museum and used …").
_AGENT_BEFORE_REACH = 4


def _conditional_user_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Hit]:
    """A grant on condition of who uses the work: "on the understanding that they're used by schools,
    charities …", "pourvu qu'elles soient utilisées par des associations". A condition word, a use verb at
    most `_CONDITIONED_USE_REACH` words after it and an agent word right after the verb, in one clause,
    no negator between (a refusal, read elsewhere). A free license lets anyone use the work, so a grant for
    some users only is not free; not when the users are everyone ("used by anyone") or the clause names
    what the license asks anyway ("used by anyone who credits me")."""
    hits: list[_Hit] = []
    for condition in _spans(tokens, vocab.conditions, masked, None):
        _, last = _clause_around(tokens, condition.end - 1)
        for use in range(condition.end, min(last, condition.end + _CONDITIONED_USE_REACH) + 1):
            if vocab.negators.matches_any(tokens, use) or vocab.negative_determiners.matches_any(tokens, use):
                break
            verb = vocab.use_verbs.match(tokens, use)
            if verb is None or use in masked:
                continue
            users = _users_after(tokens, use + verb.length, last, vocab)
            if users is None:  # "sofern sie von gemeinnützigen Vereinen verwendet werden"
                users = _users_before(tokens, condition.end + 1, use, vocab)
            if users is not None and not _lawful_use(tokens, use, vocab):
                hits.append(_Hit(condition.start, users + 1, None, LicenseProblem.NOT_FREE))
            break
    return hits


def _users_before(tokens: Sequence[Token], first: int, use: int, vocab: LicenseVocabulary) -> int | None:
    """The first word naming the users after an agent word between `first` and the use verb at `use`, at
    most `_AGENT_BEFORE_REACH` words before it ("von gemeinnützigen Vereinen verwendet"); None where there
    is none or the users are everyone."""
    for at in range(max(first, use - _AGENT_BEFORE_REACH), use):
        agent = vocab.agent_words.match(tokens, at)
        if agent is not None and at + agent.length < use:
            users = at + agent.length
            return None if vocab.everyone_words.matches_any(tokens, users) else users
    return None


def _users_after(tokens: Sequence[Token], index: int, last: int, vocab: LicenseVocabulary) -> int | None:
    """The first word naming the users after an agent word at most `_AGENT_REACH` words from `index`, up to
    `last` ("used by schools" → "schools"); None where there is none or the users are everyone."""
    for at in range(index, min(last, index + _AGENT_REACH) + 1):
        agent = vocab.agent_words.match(tokens, at)
        if agent is None:
            continue
        users = at + agent.length
        if users > last or vocab.everyone_words.matches_any(tokens, users):
            return None
        return users
    return None


def _scope_only_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A grant for one article or one contest: "accordée pour cet article uniquement", "only for this
    article", "ضمن مسابقة … فقط". An only-word at most `_SCOPE_REACH` words from a scope word in its clause
    (a quoted name between does not count); further away the only-word may be about anything else ("the
    only photo we have, used in the article")."""
    return _only_with_hits(
        tokens, vocab, masked, foreign, vocab.scope_words, LicenseProblem.WIKIPEDIA_ONLY, reach=_SCOPE_REACH
    )


# Words between an only-word and the article or contest it limits the grant to: "for this article only",
# "nur für diesen Artikel"; further on it is often another only ("the only photo in the article").
_SCOPE_REACH = 2


def _licensed_for_hits(
    tokens: Sequence[Token],
    vocab: LicenseVocabulary,
    covered: frozenset[int],
    masked: frozenset[int],
    foreign: _ForeignWords,
) -> list[_Hit]:
    """A license given for the wiki right after its name: "unter der freien Lizenz … (CC BY-SA 4.0) für den
    Wikipedia-Artikel …", "under CC BY-SA 4.0 for use in the Wikipedia article". A purpose word at most
    `_LICENSED_FOR_GAP` words after the license's name (a closing bracket between), then a wiki or scope
    word at most `_LICENSED_FOR_REACH` words on, in one clause; not negated there ("not only for
    Wikipedia"), nor given to everyone beside ("for Wikipedia and anyone else")."""
    hits: list[_Hit] = []
    ends = sorted(i for i in covered if i + 1 not in covered and i + 1 < len(tokens))
    for end in ends:
        purpose = next(
            (
                i
                for i in range(end + 1, min(len(tokens), end + 1 + _LICENSED_FOR_GAP))
                if vocab.purpose_words.matches_any(tokens, i)
                and not foreign.foreign(_Span(i, i + 1), "purpose_words")
            ),
            None,
        )
        if purpose is None or any(
            tokens[i].brk or (tokens[i].gap and tokens[i].sep.strip() not in _CLOSING_BRACKETS)
            for i in range(end + 1, purpose + 1)
        ):
            continue
        _, last = _clause_around(tokens, purpose)
        reach = range(purpose + 1, min(last + 1, purpose + 1 + _LICENSED_FOR_REACH))
        scoped = next(
            (
                i
                for i in reach
                if i not in masked
                and (vocab.wiki_words.matches_any(tokens, i) or vocab.scope_words.matches_any(tokens, i))
            ),
            None,
        )
        if scoped is None:
            continue
        wider = (vocab.negators, vocab.everyone_words, vocab.other_uses, vocab.only_words)
        if any(table.matches_any(tokens, i) for table in wider for i in range(end + 1, last + 1)):
            continue
        hits.append(_Hit(purpose, scoped + 1, None, LicenseProblem.WIKIPEDIA_ONLY))
    return hits


# Words from a license's name to the purpose word after it ("(CC BY-SA 4.0) für"), and from there to the
# wiki or the article ("für den Wikipedia-Artikel", "for use in the Wikipedia article").
_LICENSED_FOR_GAP = 2
_CLOSING_BRACKETS = frozenset({")", "）", "]"})
_LICENSED_FOR_REACH = 5


def _other_use_asked_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """Other uses sent back to the holder: "pour toute autre utilisation, merci de me contacter", "for any
    other use, please contact me": the grant is for the use named, not free. An other-use phrase, then a
    notify word in its sentence; not where a permission or consent word stands in the other use's clause
    or between ("free for any other use too; let me know where it appears"), nor a notify word negated
    ("no need to contact me for any other use")."""
    others = _own_spans(tokens, vocab, "other_uses", masked, foreign)
    if not others:
        return []  # most releases
    sentences = _sentence_numbers(tokens)
    granting = (vocab.permission_words, vocab.consent_words)
    for other in others:
        first, _ = _clause_around(tokens, other.start)
        for notify in _spans(tokens, vocab.notify_words, masked, None):
            if (
                notify.start < other.end
                or sentences[notify.start] != sentences[other.start]
                or foreign.foreign(notify, "notify_words")
                or _negator_before(tokens, notify.start, vocab, 3) is not None
                or any(table.matches_any(tokens, i) for table in granting for i in range(first, notify.start))
            ):
                continue
            return [_Hit(other.start, notify.end, None, LicenseProblem.WIKIPEDIA_ONLY)]
    return []


def _stated_conditions(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Span]:
    """The condition nouns of the paragraph's language that set a condition, not one denied ("it is no
    condition", "ni pogoj")."""
    return [
        span
        for span in _spans(tokens, vocab.condition_nouns, masked, None)
        if not foreign.foreign(span, "condition_nouns")
        and _negator_before(tokens, span.start, vocab, 2) is None
        and not any(
            vocab.negative_determiners.matches_any(tokens, i)
            for i in range(max(0, span.start - 2), span.start)
        )
    ]


# Words from a negator to the commercial or change word it refuses, in a clause after a condition noun:
# "que no se'n faci en cap cas un ús comercial" (that no commercial use be made of them in any case).
_CONDITIONED_REFUSAL_REACH = 6


def _conditioned_refusal_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A condition noun, then in a later clause of its sentence a negator and, at most
    `_CONDITIONED_REFUSAL_REACH` words after it, a commercial or change word: "amb l'única condició, que
    ja vam comentar per telèfon …, que no se'n faci en cap cas un ús comercial". However long the clauses
    between, the condition is that refusal. Not where a permission, clause or contrast word stands between
    ("the one condition is the credit, which does not restrict commercial use" names no refusal)."""
    conditions = _stated_conditions(tokens, vocab, masked, foreign)
    if not conditions:
        return []  # most releases
    sentences = _sentence_numbers(tokens)
    targets = [
        *_spans(tokens, vocab.commercial_words, masked, LicenseProblem.NON_COMMERCIAL),
        *_spans(tokens, vocab.modify_words, masked, LicenseProblem.NO_DERIVATIVES),
    ]
    breakers = (vocab.permission_words, vocab.clause_words, vocab.contrast_words, vocab.allow)
    for condition in conditions:
        for start in vocab.negators.starts(tokens):
            if start <= condition.end or start in masked or sentences[start] != sentences[condition.start]:
                continue
            found = vocab.negators.match(tokens, start)
            if found is None or foreign.foreign(_Span(start, start + found.length), "negators"):
                continue
            end = start + found.length
            _, last = _clause_around(tokens, start)
            for target in targets:
                if not end <= target.start <= min(last, end + _CONDITIONED_REFUSAL_REACH):
                    continue
                if foreign.foreign(
                    target,
                    "commercial_words" if target.problem is LicenseProblem.NON_COMMERCIAL else "modify_words",
                ):
                    continue
                if _holds_any(tokens, breakers, range(end, target.start)):
                    continue
                return [_Hit(start, target.end, None, target.problem)]
    return []


def _link_condition_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A link made a condition of the grant: "Am o singură condiție: orice site care preia fotografia
    trebuie să pună un link activ către magazinul meu", "Podmínkou každého použití … je umístění odkazu na
    můj web na úvodní stránce". The license asks for a credit, not a link placed where the holder wants
    it: not free. A condition noun and a link word in one sentence; not a condition denied ("a link is
    welcome, but it is no condition", "uitdrukkelijk geen voorwaarde"), nor a link the credit itself holds
    ("the attribution must read "…" and must link to our shop": the license lets the holder ask that)."""
    conditions = _stated_conditions(tokens, vocab, masked, foreign)
    if not conditions:
        return _obliged_link_hits(tokens, vocab, masked, foreign)
    sentences = _sentence_numbers(tokens)
    for mark in _spans(tokens, vocab.demanded_marks, masked, None):
        # "右下に弊社ロゴを表示していただくことを条件とさせていただきます": a logo on every copy, no credit
        condition = next((c for c in conditions if sentences[c.start] == sentences[mark.start]), None)
        if condition is not None and not foreign.foreign(mark, "demanded_marks"):
            start, end = min(condition.start, mark.start), max(condition.end, mark.end)
            return [_Hit(start, end, None, LicenseProblem.NOT_FREE)]
    for link in _spans(tokens, vocab.link_words, masked, None):
        condition = next((c for c in conditions if sentences[c.start] == sentences[link.start]), None)
        if condition is not None and _credit_in_sentence(tokens, link.start, vocab):
            continue  # "the attribution must read "…" and must link to our shop": the credit, as given
        to_license = any(
            table.matches_any(tokens, i)
            for table in (vocab.license_words, vocab.cc_names)
            for i in range(link.end, min(len(tokens), link.end + 4))
        )  # "a link to the license", which the license asks for itself
        if condition is not None and not to_license and not foreign.foreign(link, "link_words"):
            start, end = min(condition.start, link.start), max(condition.end, link.end)
            return [_Hit(start, end, None, LicenseProblem.NOT_FREE)]
    return _obliged_link_hits(tokens, vocab, masked, foreign)


def _obliged_link_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A link every reuser must place, said with an obligation word in the link's clause: "wherever either
    photo is used online there has to be a clickable link to www.example.com right next to it". Not one
    the credit holds ("the attribution must link to our shop"), one to the license, nor one not owed
    ("you don't have to link", "a link would be welcome")."""
    links = _spans(tokens, vocab.link_words, masked, None)
    if not links:
        return []  # most releases
    obligations = [
        span
        for span in _spans(tokens, vocab.obligation_words, masked, None)
        if not _negated(tokens, span.start, vocab) and not foreign.foreign(span, "obligation_words")
    ]
    for link in links:
        if foreign.foreign(link, "link_words") or _credit_in_sentence(tokens, link.start, vocab):
            continue
        first, last = sentence_around(tokens, link.start)
        if any(
            table.matches_any(tokens, i)
            for table in (vocab.license_words, vocab.cc_names, vocab.voluntary_words)
            for i in range(first, last + 1)
        ):
            continue  # "a link to the license", "a link is welcome but optional"
        obliged = next((o for o in obligations if _clause_distance(tokens, o, link) is not None), None)
        if obliged is not None:
            start, end = min(obliged.start, link.start), max(obliged.end, link.end)
            return [_Hit(start, end, None, LicenseProblem.NOT_FREE)]
    return []


def _credit_in_sentence(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """An attribution word (the BY element's name: "attribution", "Namensnennung") in the sentence."""
    first, last = sentence_around(tokens, index)
    return any(
        (found := vocab.elements.match(tokens, i)) is not None and found.value == "BY"
        for i in range(first, last + 1)
    )


def _use_category_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """An only-word and a kind of use in one sentence: "(pour un usage éditorial uniquement)", "only for
    personal use", "nur für redaktionelle Zwecke". A free license allows every use, so a use limited to
    one kind is not free, read by the same window as the Wikipedia limit."""
    return _only_with_hits(tokens, vocab, masked, foreign, vocab.use_categories, LicenseProblem.NOT_FREE)


def _purpose_limited_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A use allowed for one kind of purpose: "Autorizo o uso dessas fotografias para fins educacionais",
    "I allow the use of the photos for educational purposes". A kind of use right after a purpose word, in
    a clause that names the use or the permission, in a sentence with no commercial word and no one
    allowed every use ("for educational and commercial purposes", "for any purpose, educational
    included"). A free license allows every use, so a grant for one kind is not free."""
    hits: list[_Hit] = []
    sentences: Sequence[int] | None = None
    for kind in _spans(tokens, vocab.use_categories, masked, None):
        if foreign.foreign(kind, "use_categories") or not any(
            vocab.purpose_words.matches_any(tokens, i) and not tokens[i + 1].gap
            for i in range(max(0, kind.start - _PURPOSE_REACH), kind.start)
        ):
            continue
        first, last = _clause_around(tokens, kind.start)
        granting = (vocab.use_nouns, vocab.use_verbs, vocab.permission_words, vocab.consent_words)
        if not any(table.matches_any(tokens, i) for table in granting for i in range(first, last + 1)):
            continue
        sentences = sentences or _sentence_numbers(tokens)
        sentence = [i for i in range(len(tokens)) if sentences[i] == sentences[kind.start]]
        wider = (vocab.commercial_words, vocab.everyone_words, vocab.other_uses, vocab.negators)
        if any(table.matches_any(tokens, i) for table in wider for i in sentence):
            continue
        hits.append(_Hit(kind.start, kind.end, None, LicenseProblem.NOT_FREE))
    return hits


def _in_clause_of(tokens: Sequence[Token], index: int, table: PhraseTable) -> bool:
    first, last = _clause_around(tokens, index)
    return any(table.matches_any(tokens, i) for i in range(first, last + 1))


# Words between a purpose word and the kind of use it names: "para fins educacionais", "for educational".
_PURPOSE_REACH = 2


def _commercial_fee_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A fee for commercial use: "A chi volesse utilizzarle a scopo commerciale chiederò un piccolo
    contributo", "commercial users pay a fee". A fee word and a commercial word in one sentence, the fee
    not negated nor after "without" ("senza alcun compenso", "no fee, also for commercial use"), the
    commercial word not the sender's own trade ("I sell prints of it for a fee") nor allowed in its clause
    ("commercial users may use it freely"). A free license asks nothing of anyone."""
    fees = [
        span
        for span in _spans(tokens, vocab.fee_words, masked, None)
        if not _freed_before(tokens, span.start, vocab)
    ]
    if not fees:
        return []
    sentences = _sentence_numbers(tokens)
    commercial = _commercial_use_sentences(tokens, vocab, masked, foreign)
    return [
        _Hit(fee.start, fee.end, None, LicenseProblem.NOT_FREE)
        for fee in fees
        if sentences[fee.start] in commercial
        and not _negated(tokens, fee.start, vocab)
        and _final_negator(tokens, fee.end, vocab) is None  # "eine Gebühr verlange ich nicht"
    ]


def _commercial_use_sentences(
    tokens: Sequence[Token],
    vocab: LicenseVocabulary,
    masked: frozenset[int],
    foreign: _ForeignWords,
    *,
    unnegated: bool = False,
) -> set[int]:
    """The sentences naming someone else's commercial use: not the sender's own trade ("I sell prints of
    it myself for a fee"), not allowed in its clause ("commercial use is allowed"), and, `unnegated`, not
    negated ("no commercial use")."""
    sentences = _sentence_numbers(tokens)
    return {
        sentences[span.start]
        for span in _spans(tokens, vocab.commercial_words, masked, None)
        if not _own_trade(tokens, span.start, vocab, foreign)
        and not _in_clause_of(tokens, span.start, vocab.permission_words)
        and not (unnegated and _negated(tokens, span.start, vocab))
    }


def _commercial_channel_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """Commercial use sent elsewhere: "kommerzielle Nutzungen laufen bei mir ausschließlich über die
    Agentur", "for commercial use, please contact my agency". A channel word and a commercial word in one
    sentence, neither negated, the commercial word not the sender's own trade nor allowed in its clause.
    Under a free license nobody has to ask anyone for any use."""
    channels = [
        span
        for span in _spans(tokens, vocab.channel_words, masked, None)
        if not _freed_before(tokens, span.start, vocab) and not foreign.foreign(span, "channel_words")
    ]
    if not channels:
        return []
    sentences = _sentence_numbers(tokens)
    commercial = _commercial_use_sentences(tokens, vocab, masked, foreign, unnegated=True)
    return [
        _Hit(channel.start, channel.end, None, LicenseProblem.NOT_FREE)
        for channel in channels
        if sentences[channel.start] in commercial and not _negated(tokens, channel.start, vocab)
    ]


def _donation_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A donation every reuser must make: "使用上述照片的条件是：使用者须向…基金捐一笔款", "users must make a
    donation to the club". A donation word in a sentence that makes it a condition (a condition noun or
    word, a require word, a required marker or an obligation word, not negated: "no donation is
    required", "you don't have to donate"), and no voluntary word there ("a donation would be welcome").
    A free license asks nothing of anyone."""
    donations = [
        span
        for span in _own_spans(tokens, vocab, "donation_words", masked, foreign)
        if not _freed_before(tokens, span.start, vocab) and _final_negator(tokens, span.end, vocab) is None
    ]
    if not donations:
        return []
    sentences = _sentence_numbers(tokens)
    binding = {
        sentences[span.start]
        for table in (
            vocab.condition_nouns,
            vocab.conditions,
            vocab.require_words,
            vocab.required_markers,
            vocab.obligation_words,
        )
        for span in _spans(tokens, table, masked, None)
        if not _negated(tokens, span.start, vocab)
        and not _after_no(tokens, span.start, vocab)
        # "لیکن یہ کوئی شرط نہیں ہے" (but it is no condition): negated after it
        and _negated_after(tokens, span.end, vocab) is None
    }
    voluntary = {sentences[span.start] for span in _spans(tokens, vocab.voluntary_words, masked, None)}
    return [
        _Hit(span.start, span.end, None, LicenseProblem.NOT_FREE)
        for span in donations
        if sentences[span.start] in binding and sentences[span.start] not in voluntary
    ]


# Words between a nobody-word and the commercial word it refuses: "dass niemand damit Geld verdient",
# "no one may sell it".
_NOBODY_REACH = 2


def _nobody_profits_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """Commercial use or changes refused to everyone: "My only requirement is that nobody makes money from
    the picture", "att ingen tjänar pengar på bilden", "make sure nobody crops it". A nobody-word at most
    `_NOBODY_REACH` words before a commercial or modification word, in its clause, both of the
    paragraph's language, no restriction noun beside them ("ingen begränsning av kommersiell
    användning")."""
    targets = (
        ("commercial_words", vocab.commercial_words, LicenseProblem.NON_COMMERCIAL),
        ("modify_words", vocab.modify_words, LicenseProblem.NO_DERIVATIVES),
    )
    hits: list[_Hit] = []
    for nobody in _spans(tokens, vocab.nobody_words, masked, None):
        if foreign.foreign(nobody, "nobody_words"):
            continue  # "kunhan nimeni mainitaan": Finnish "my name", no Romanian "nimeni"
        # a condition right before: the rest of its sentence is what nobody may do ("as long as nobody
        # prints them on cards, calendars, mugs or anything else that is then sold")
        conditional = nobody.start > 0 and _phrase_ends_at(tokens, vocab.conditions, nobody.start - 1)
        # "nobody sticks them on t-shirts, posters or adverts … without running it past me first": what
        # nobody may do without asking first is the rest of the sentence too
        last = sentence_around(tokens, nobody.start)[1]
        conditional = conditional or any(
            vocab.beforehand_words.matches_any(tokens, i)
            and any(vocab.without_words.matches_any(tokens, j) for j in range(max(nobody.end, i - 3), i))
            for i in range(nobody.end, last + 1)
        )
        end = sentence_around(tokens, nobody.start)[1] + 1 if conditional else nobody.end + _NOBODY_REACH + 1
        for start in range(nobody.end, min(len(tokens), end)):
            if tokens[start].gap and not conditional:
                break
            refused = next(
                (
                    _Span(start, start + found.length, problem)
                    for key, table, problem in targets
                    if (found := table.match(tokens, start)) is not None
                    and not foreign.foreign(_Span(start, start + found.length), key)
                ),
                None,
            )
            if refused is None:
                continue
            # "ingen begränsning av kommersiell användning": no limit on commercial use, none refused
            after = range(nobody.end, min(_clause_around(tokens, start)[1] + 1, refused.end + _NOBODY_REACH))
            if not any(vocab.clause_words.matches_any(tokens, i) for i in after):
                hits.append(_Hit(nobody.start, refused.end, None, refused.problem))
            break
    return hits


def _phrase_ends_at(tokens: Sequence[Token], table: PhraseTable, last: int, reach: int | None = None) -> bool:
    """A phrase of `table` ends with the token at `last`, within its clause (at most `reach` tokens)."""
    for start in range(last, max(-1, last - (reach or _MAX_PHRASE_WORDS)), -1):
        found = table.match(tokens, start)
        if found is not None and start + found.length - 1 == last:
            return True
        if tokens[start].gap:
            return False
    return False


# Words of the longest phrase `_phrase_ends_at` looks back for ("on the understanding that").
_MAX_PHRASE_WORDS = 6
_WIKI_NAME_TOKENS = 12  # "ウィキペディア", "위키백과": a wiki's name in letters of a script without spaces


def _owned_attribute(tokens: Sequence[Token], use: _Span, vocab: LicenseVocabulary) -> bool:
    """A use verb right after the sender's possessive, a word after it, is an attribute of the sender's
    thing: "our shared inbox is only checked once a week", "my published book"."""
    return (
        use.start > 0
        and not tokens[use.start].gap
        and vocab.possessives.matches_any(tokens, use.start - 1)
        and use.end < len(tokens)
        and not tokens[use.end].gap
        and tokens[use.end].raw[:1].isalpha()
    )


def _only_use_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A use said to be the only one allowed: "zgoda obejmuje wyłącznie publikację w internecie", "may be
    used only online", "nur zur Verwendung im Vereinsheft". An only-word at most `_ONLY_USE_REACH` words
    from a use verb or noun in one clause. A free license allows every use, so a grant for one use only is
    not free. Left to their own readers when the clause names a commercial or modification use or the
    wiki; not an only-word of what the license asks anyway ("only with attribution"), not the sender's own
    use ("we only use it on our website"), not the photo's past ("was only used once")."""
    only = [
        span
        for span in _spans(tokens, vocab.only_words, masked, None)
        if not _negated(tokens, span.start, vocab)
        and not _negated_before(tokens, span.start, vocab, _ONLY_NEGATION_REACH, of_only=True)
    ]
    if not only:
        return []
    only = [span for span in only if not foreign.foreign(span, "only_words")]
    uses = [
        (key, use)
        for key, table in (("use_verbs", vocab.use_verbs), ("use_nouns", vocab.use_nouns))
        for use in _spans(tokens, table, masked, None)
    ]
    others = (vocab.commercial_words, vocab.modify_words, vocab.wiki_words, vocab.use_categories)
    hits: list[_Hit] = []
    for word in only:
        near = [
            use
            for key, use in uses
            if (distance := _clause_distance(tokens, word, use)) is not None
            and distance <= _ONLY_USE_REACH
            and not foreign.foreign(use, key)
            and not (key == "use_verbs" and _owned_attribute(tokens, use, vocab))
        ]
        if not near:
            continue
        use = min(near, key=lambda span: abs(span.start - word.start))
        first, last = _clause_around(tokens, word.start)
        start, end = min(word.start, use.start), max(word.end, use.end)
        if (
            any(table.matches_any(tokens, i) for table in others for i in range(first, last + 1))
            or _lawful_use(tokens, word.start, vocab)
            or _told_of_oneself(tokens, start, vocab, foreign)
            or _describes_the_photo(tokens, start, use.start, vocab)
            or _turned_after(tokens, end, vocab)
        ):
            continue
        hits.append(_Hit(start, end, None, LicenseProblem.NOT_FREE))
    return hits


# Words between an only-word and the use it limits: "wyłącznie publikację", "used only online".
_ONLY_USE_REACH = 3


# Words between a negator and the verb it negates in a request ("no la modifiquen", "ne pas l'utiliser"),
# and between that use verb and the use it names ("non usarla a scopo commerciale").
_REQUEST_OBJECT_REACH = 1
_REQUEST_USE_REACH = 6


def _requested_refusal_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A request or an order not to change the work or not to use it commercially: "Please do not crop it",
    "Do not crop or edit them", "Por favor, no la modifiquen", "Vi chiedo di non usarla a scopo
    commerciale", "Просьба не использовать фото в коммерческих целях". In a sentence with a request word
    or in an order (`_opens_imperative`), a negator at most `_REQUEST_OBJECT_REACH` words (an object
    pronoun) before a modification word refuses changes, and before a use verb refuses the commercial or
    other use named after it in its clause. "Don't hesitate to use it commercially"
    has a verb between and refuses nothing. A condition stated before the negator asks the same: "The
    one condition from our board is that the photos are not used for commercial purposes"."""
    requests = _spans(tokens, vocab.request_words, masked, None)
    conditions = _stated_conditions(tokens, vocab, masked, foreign)
    # an order needs no request word: "Do not crop, edit or combine them" (not "No changes were made")
    orders = {
        start
        for start in vocab.negators.starts(tokens)
        if _opens_imperative(tokens, start, vocab)
        and not vocab.negative_determiners.matches_any(tokens, start)
        and _ordered_on_its_line(tokens, start, vocab, foreign)
    }
    if not requests and not conditions and not orders:
        return []
    sentences = _sentence_numbers(tokens)
    asked = {sentences[span.start] for span in requests}
    conditioned = {sentences[span.start]: span.start for span in reversed(conditions)}
    modify = {
        span.start: span for span in _spans(tokens, vocab.modify_words, masked, LicenseProblem.NO_DERIVATIVES)
    }
    uses = {span.start: span for span in _spans(tokens, vocab.use_verbs, masked, None)}
    targets = [
        *_spans(tokens, vocab.commercial_words, masked, LicenseProblem.NON_COMMERCIAL),
        *_other_use_targets(tokens, vocab, masked),
    ]
    hits: list[_Hit] = []
    for start in vocab.negators.starts(tokens):
        found = vocab.negators.match(tokens, start)
        if found is None or start in masked:
            continue
        if (
            sentences[start] not in asked
            and conditioned.get(sentences[start], start) >= start
            and start not in orders
        ):
            continue
        end = start + found.length
        for position in range(end, min(len(tokens), end + _REQUEST_OBJECT_REACH + 1)):
            if any(tokens[i].gap for i in range(start + 1, position + 1)):
                break
            if position in modify:
                hits.append(_Hit(start, modify[position].end, None, LicenseProblem.NO_DERIVATIVES))
                break
            if position in uses:
                verb = uses[position]
                named = [  # the verb itself ("do not sell") or a use after it in its clause
                    target
                    for target in targets
                    if target.start == verb.start
                    or (
                        (distance := _clause_distance(tokens, verb, target)) is not None
                        and target.start >= verb.end
                        and distance <= _REQUEST_USE_REACH
                    )
                ]
                if named:
                    target = min(named, key=lambda span: span.start)
                    hits.append(_Hit(start, target.end, None, target.problem))
                break
    return hits


def _opens_imperative(tokens: Sequence[Token], negator: int, vocab: LicenseVocabulary) -> bool:
    """An order: the negator opens the words after a colon or a list item's mark ("Voorwaarden: niet
    bijsnijden of bewerken", "- nicht beschneiden"), or an order's auxiliary opens the sentence (or the
    words after a colon) right before it ("Do not crop, edit or combine them"). Not a sentence that opens
    with the negator alone: "Not cropped or edited in any way" tells what was done."""
    token = tokens[negator]
    if negator > 0 and not token.brk and any(mark in token.sep for mark in ":："):
        return True
    if token.brk and token.sep.rsplit("\n", 1)[-1].strip()[-1:] in _BULLETS:
        return True
    lead = negator - 1
    return (
        lead >= 0
        and (lead == 0 or tokens[lead].brk or any(mark in tokens[lead].sep for mark in ":："))
        and not tokens[negator].gap
        and vocab.order_auxiliaries.matches_any(tokens, lead)
    )


def _ordered_on_its_line(
    tokens: Sequence[Token], negator: int, vocab: LicenseVocabulary, foreign: _ForeignWords
) -> bool:
    """The negator is of its paragraph's language and the words it orders follow on its line: a form's
    answer "Wykorzystanie komercyjne: tak" (Polish yes, Malay not) over "Modyfikacje: tak" orders nothing."""
    found = vocab.negators.match(tokens, negator)
    if found is None or foreign.foreign(_Span(negator, negator + found.length), "negators"):
        return False
    after = negator + found.length
    return after < len(tokens) and "\n" not in tokens[after].sep


# Words before a beforehand word where a negator or "without" frees the use ("no need to ask in advance").
_BEFOREHAND_NEGATION_REACH = 5


def _ask_first_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A commercial use or a change to be put to the holder first: "toute réutilisation à des fins
    commerciales devra m'être soumise au préalable", "V prípade komerčného využitia ma však vopred
    požiadajte o súhlas"; a use elsewhere too ("for other purposes, ask me in advance"). A beforehand word
    (or a first-word inside its clause: "ať se mi prosím nejdřív ozve") and a commercial, modification,
    other-use or outside word in one sentence, the beforehand word not negated nor after "without" in its
    clause ("without asking in advance"). Any use named, where the marker's clause asks for consent
    ("for any print use, ask me for permission first")."""
    markers = [
        # each in a paragraph of its language: Dutch "pas na" (only after) is Afrikaans "aan te pas na"
        # (to adapt to)
        *(
            marker
            for marker in _markers(tokens, vocab, vocab.beforehand_words, masked, _freed_before)
            if not foreign.foreign(marker, "beforehand_words")
        ),
        # "ať se mi nejdřív ozve", "…, która chce …, najpierw się ze mną skontaktuje" ask first;
        # "Nejdříve jsem nevěděl, …" opens a story ("at first")
        *(
            marker
            for marker in _markers(tokens, vocab, vocab.first_words, masked, _freed_before)
            if marker.start > sentence_around(tokens, marker.start)[0]
        ),
        *_notified_first(tokens, vocab, masked, foreign),
    ]
    # "die ich vorher geschrieben habe", "که قبلاً نوشتم": what the sender wrote before, nothing to ask first
    markers = [marker for marker in markers if not _written_before(tokens, marker, vocab)]
    if not markers:
        return []
    sentences = _sentence_numbers(tokens)
    hits: list[_Hit] = []
    for table, key, problem in (
        (vocab.commercial_words, "commercial_words", LicenseProblem.NON_COMMERCIAL),
        (vocab.modify_words, "modify_words", LicenseProblem.NO_DERIVATIVES),
        # "ウィキペディア以外のサイト…で使用される場合は、必ず事前に…許可を得て": other uses asked for first
        (vocab.other_uses, "other_uses", LicenseProblem.WIKIPEDIA_ONLY),
        (vocab.outside_words, "outside_words", LicenseProblem.WIKIPEDIA_ONLY),
    ):
        for target in _spans(tokens, table, masked, problem):
            if foreign.foreign(target, key):
                continue  # Latvian "mainīt" (change) is no Finnish "mainitaan" (is mentioned)
            marker = next((m for m in markers if sentences[m.start] == sentences[target.start]), None)
            if marker is not None:
                start, end = min(marker.start, target.start), max(marker.end, target.end)
                hits.append(_Hit(start, end, None, problem))
                break
    if hits:
        return hits
    # "per qualsiasi utilizzo su carta stampata … chiedo che mi venga domandato prima il permesso": any
    # other use put to the holder first, when the marker's clause asks for consent or to be told ("mits men
    # bij gebruik in drukwerk vooraf even contact opneemt"), unless the mail says that is no condition
    asking = [
        m
        for m in markers
        if _in_clause_of(tokens, m.start, vocab.consent_words)
        or (
            _in_clause_of(tokens, m.start, vocab.notify_words)
            and not _no_condition_near(tokens, vocab, masked, sentences[m.start])
        )
    ]
    for table in (vocab.use_nouns, vocab.use_verbs):
        for target in _spans(tokens, table, masked, None):
            marker = next((m for m in asking if sentences[m.start] == sentences[target.start]), None)
            if marker is not None:
                start, end = min(marker.start, target.start), max(marker.end, target.end)
                return [_Hit(start, end, None, LicenseProblem.NOT_FREE)]
    return hits


# Words after a notify phrase where an if-word makes it an offer: "let me know if you need anything else
# before the photo is published".
_NOTIFY_IF_REACH = 3


def _notify_first_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A use the holder must hear of, or agree to, before it happens: "please tell me before you print
    it", "Dog skal man give mig besked, inden billedet bruges i trykte medier", "basılmadan önce bana
    haber verin". A notify or consent word and a before-word in one sentence, and a use, commercial or
    change word in the before-word's clause that the sender does not tell of themselves ("I'll let you
    know before I publish more"). Not a notify word negated ("no need to let me know before …"), nor one
    an if-word follows (an offer: "let me know if anything is missing before it goes live"), nor where
    the sentence or the next says it is no condition ("but that is not a requirement")."""
    befores = [
        span
        for span in _spans(tokens, vocab.before_words, masked, None)
        if not foreign.foreign(span, "before_words")
    ]
    if not befores:
        return []  # most releases
    # "hatte ich meine Frau informiert": the sender told someone; a consent asked for is the holder's
    notifies = [
        span
        for span in _spans(tokens, vocab.notify_words, masked, None)
        if not foreign.foreign(span, "notify_words")
        and not _first_person_before(tokens, span.start, vocab, foreign)
    ]
    askers = [
        span
        for span in (*notifies, *_spans(tokens, vocab.consent_words, masked, None))
        if not _freed_before(tokens, span.start, vocab, foreign)
        and _phrase_after(tokens, span.end, vocab.if_words, _NOTIFY_IF_REACH) is None
    ]
    if not askers:
        return []
    sentences = _sentence_numbers(tokens)
    targets = (vocab.use_verbs, vocab.use_nouns, vocab.commercial_words, vocab.modify_words)
    for before in befores:
        sentence = sentences[before.start]
        asker = next((span for span in askers if sentences[span.start] == sentence), None)
        if asker is None or _no_condition_near(tokens, vocab, masked, sentence):
            continue
        first, last = _clause_around(tokens, before.start)
        used = [
            index
            for index in range(first, last + 1)
            if index not in masked
            and any(table.matches_any(tokens, index) for table in targets)
            # "before I publish more": the sender's own use; the subject stands after the before-word
            and not any(
                _first_person_at(tokens, i, vocab, foreign)
                for i in range(before.end if before.start < index else first, index)
            )
        ]
        if used:
            # "before you use it commercially": the commercial word says which use
            commercial = any(vocab.commercial_words.matches_any(tokens, index) for index in used)
            problem = LicenseProblem.NON_COMMERCIAL if commercial else LicenseProblem.NOT_FREE
            start, end = min(asker.start, before.start, *used), max(asker.end, before.end, used[-1] + 1)
            return [_Hit(start, end, None, problem)]
    return []


# Words between a notify word and the "first" that makes it a step before the use: "get in touch with me
# first", "essere contattato prima".
_NOTIFY_FIRST_REACH = 3


def _notified_first(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Span]:
    """A notify word of the paragraph's language with a first-word shortly after it in its clause ("they'll
    have to get in touch with me first", "chiedo di essere contattato prima"): a beforehand marker, where
    "first" alone is also an ordinal ("the first photo"). Not what the sender did ("I contacted them
    first"), nor negated, nor an offer ("let me know first if you like")."""
    markers: list[_Span] = []
    for notify in _spans(tokens, vocab.notify_words, masked, None):
        if (
            foreign.foreign(notify, "notify_words")
            or _first_person_before(tokens, notify.start, vocab, foreign)
            or _freed_before(tokens, notify.start, vocab, foreign)
        ):
            continue
        first = _phrase_after(tokens, notify.end, vocab.notify_first_words, _NOTIFY_FIRST_REACH)
        if first is not None and _phrase_after(tokens, first.end, vocab.if_words, _NOTIFY_IF_REACH) is None:
            markers.append(_Span(notify.start, first.end))
    return markers


def _first_person_before(
    tokens: Sequence[Token], index: int, vocab: LicenseVocabulary, foreign: _ForeignWords
) -> bool:
    """A first-person subject of the paragraph's language at most three words before `index`, in its
    clause: "hatte ich meine Frau informiert" tells what the sender did ("ask me", Finnish "me" = we,
    does not)."""
    for start in range(index - 1, max(-1, index - 4), -1):
        if tokens[start + 1].gap:
            return False
        if _first_person_at(tokens, start, vocab, foreign):
            return True
    return False


def _first_person_at(
    tokens: Sequence[Token], index: int, vocab: LicenseVocabulary, foreign: _ForeignWords
) -> bool:
    found = vocab.first_persons.match(tokens, index)
    return found is not None and not foreign.foreign(_Span(index, index + found.length), "first_persons")


def _no_condition_near(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], sentence: int
) -> bool:
    """The sentence numbered `sentence`, or the next, says that what it asks is no condition: a clause
    word right after a negator or a negative determiner ("not a condition", "geen voorwaarde", "ikke et
    krav", "a nie warunek")."""
    sentences = _sentence_numbers(tokens)
    for span in _spans(tokens, vocab.clause_words, masked, None):
        if sentences[span.start] not in (sentence, sentence + 1):
            continue
        if _negated(tokens, span.start, vocab) or _after_no(tokens, span.start, vocab):
            return True
    return False


def _written_before(tokens: Sequence[Token], marker: _Span, vocab: LicenseVocabulary) -> bool:
    """A verb of writing or saying at most `_WROTE_REACH` words from the beforehand word, in its clause:
    "vorher geschrieben", "que j'ai écrite auparavant", "قبلاً نوشتم" tell of the mail before."""
    low = max(0, marker.start - _WROTE_REACH)
    high = min(len(tokens), marker.end + _WROTE_REACH)
    return any(
        vocab.wrote_words.matches_any(tokens, i)
        and not any(tokens[j].gap for j in range(min(i, marker.start) + 1, max(i, marker.end - 1) + 1))
        for i in range(low, high)
        if not marker.start <= i < marker.end
    )


_WROTE_REACH = 3  # "die ich vorher geschrieben habe", "que j'ai écrite auparavant"


def _markers(
    tokens: Sequence[Token],
    vocab: LicenseVocabulary,
    table: PhraseTable,
    masked: frozenset[int],
    lifted: Callable[[Sequence[Token], int, LicenseVocabulary], bool],
) -> list[_Span]:
    """The table's markers that a word before them does not lift ("no prior consent", "without asking in
    advance"): a condition stands only where one of these does."""
    return [span for span in _spans(tokens, table, masked, None) if not lifted(tokens, span.start, vocab)]


# Words a negator may stand from the revocation word it negates: "I cannot revoke", "nemohu odvolat",
# "widerrufen kann ich nicht". A negator further off in the clause negates something else ("no zadržavam
# pravo da je povučem kad god": Croatian "no" is "but").
_REVOKE_NEGATION_REACH = 3


def _revocable_hits(
    tokens: Sequence[Token],
    vocab: LicenseVocabulary,
    masked: frozenset[int],
    revocations: Sequence[_Span],
    foreign: _ForeignWords,
) -> list[_Hit]:
    """A grant the holder may take back: "îmi rezerv dreptul de a retrage acest acord în orice moment",
    "which I may revoke at any time". A revocation word and an any-time word in one clause, or a right-kept
    word in its sentence or the one before ("Wir behalten uns aber vor, die Genehmigung zurückzuziehen",
    "… vou retirar a autorização. Me reservo esse direito."); no negator or
    negative determiner between them or within `_REVOKE_NEGATION_REACH` words of either ("I understand I
    cannot revoke it at any time", "eikä sitä voi myöhemmin perua" grant for good).
    A free license cannot be withdrawn."""
    hits: list[_Hit] = []
    times = [(span, False) for span in _spans(tokens, vocab.any_time_words, masked, None)]
    rights_kept = [(span, True) for span in _spans(tokens, vocab.reserve_words, masked, None)]
    for when, kept in times + rights_kept:
        if kept and _about_other_works(
            tokens, _Hit(when.start, when.end, None, LicenseProblem.NOT_FREE), vocab
        ):
            continue  # "その他の写真につきましては、引き続き当社が全ての権利を留保": the other photos' rights
        first, last = _clause_around(tokens, when.start)
        aside = _aside_after(tokens, last) if last == when.end - 1 else range(0)
        last = _clause_around(tokens, aside.stop)[1] if aside else last
        if kept:
            # the right kept is written out in the clauses after it ("behalten uns vor, sie zurückzuziehen")
            # or in the sentence before ("…, vou retirar a autorização. Me reservo esse direito.")
            first, last = sentence_around(tokens, when.start)
            first = sentence_around(tokens, first - 1)[0] if first else first
        for word in revocations:
            # a right kept reaches past its clause, a negation does not: "… que eu não aprove, vou retirar"
            bounds = {
                span: _clause_around(tokens, span.start) if kept else (first, last) for span in (word, when)
            }
            near = [
                i
                for span in (word, when)
                for i in range(
                    max(bounds[span][0], span.start - _REVOKE_NEGATION_REACH),
                    # the clause's last token too: "나중에 취소하지 않겠습니다" ends with its negator
                    min(bounds[span][1] + 1, span.end + _REVOKE_NEGATION_REACH),
                )
            ]
            if (
                first <= word.start <= last
                and not _off_own_site(tokens, word, vocab)
                and not any(
                    vocab.negators.matches_any(tokens, i)
                    or vocab.negative_determiners.matches_any(tokens, i)
                    # written after the verb: "나중에 철회할 수 없다는 것" (that it cannot be withdrawn later)
                    or vocab.post_negators.matches_any(tokens, i)
                    or vocab.negated_permissions.matches_any(tokens, i)
                    for i in (*near, *range(min(word.start, when.start), max(word.end, when.end)))
                    if i not in aside
                )
                and not any(  # "I won't be asking for … the licence to be withdrawn later"
                    (found := vocab.negators.match(tokens, i)) is not None
                    and not foreign.foreign(_Span(i, i + found.length), "negators")
                    # past the clause's first word: Croatian "…, no zadržavam pravo" opens with "but"
                    for i in range(bounds[word][0] + 1, word.start)
                    if i not in aside and not kept
                )
            ):
                start, end = min(word.start, when.start), max(word.end, when.end)
                hits.append(_Hit(start, end, None, LicenseProblem.NOT_FREE))
                break
    return hits


def _off_own_site(tokens: Sequence[Token], word: _Span, vocab: LicenseVocabulary) -> bool:
    """The revocation word's clause names the holder's own site: "Si algún día retiro la foto de mi web, la
    copia de Commons seguirá disponible" takes the photo off the holder's site, not the grant back."""
    first, last = _clause_around(tokens, word.start)
    return any(vocab.own_sites.matches_any(tokens, i) for i in range(max(first, word.end), last + 1))


def _conditional_revocation_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A grant the holder would take back if something happens: "If the photos are misused, I will
    withdraw my permission", "Om bilden missbrukas kommer jag att återkalla tillståndet", "I'll revoke it
    if …". An if-word of the paragraph's language before a revocation word in its sentence, or after it
    in its sentence. Not where a revocation of the sentence is negated ("Even if I change my mind, I
    cannot withdraw it", "weder … noch widerrufbar"), where the word grants for good ("irrevocabil"), or
    where it is asked of the reader ("If possible, please withdraw my earlier request"). A free license
    cannot be withdrawn."""
    revocations = _spans(tokens, vocab.revocation_words, masked, None)  # cached: found once a text
    # "… to nevar atsaukt – pat ja faili … tiktu dzēsti": the if-word of an even-if concedes, it sets no term
    conceded = {
        i for span in _spans(tokens, vocab.even_if_words, masked, None) for i in range(span.start, span.end)
    }
    ifs = [
        span
        for span in _spans(tokens, vocab.if_words, masked, None)
        if not foreign.foreign(span, "if_words") and span.start not in conceded
    ]
    if not ifs or not revocations:
        return []  # most releases
    lasting = {span.start for span in _spans(tokens, vocab.irrevocable_words, masked, None)}
    sentences = _sentence_numbers(tokens)
    negated = {sentences[word.start] for word in revocations if _revocation_negated(tokens, word, ifs, vocab)}
    hits: list[_Hit] = []
    for word in revocations:
        sentence = sentences[word.start]
        when = next(
            (span for span in ifs if sentences[span.start] == sentence and span.start != word.start), None
        )
        if (
            when is None
            or sentence in negated
            or word.start in lasting
            or foreign.foreign(word, "revocation_words")  # "… vi preghiamo di cancellarlo": English "cancel"
            or any(
                vocab.request_words.matches_any(tokens, i) for i in range(max(0, word.start - 2), word.start)
            )
        ):
            continue
        hits.append(_Hit(min(word.start, when.start), max(word.end, when.end), None, LicenseProblem.NOT_FREE))
    return hits


def _revocation_negated(
    tokens: Sequence[Token], word: _Span, ifs: Sequence[_Span], vocab: LicenseVocabulary
) -> bool:
    """A negator or negative determiner in the revocation word's clause: before it, within
    `_REVOKE_NEGATION_REACH` words where an if-word opens the clause ("If you don't credit me I will
    withdraw it" negates the condition) or anywhere in the clause otherwise ("weder … noch widerrufbar");
    after it, within that reach and not past an if-word ("I'll withdraw it if you don't …")."""
    first, last = _clause_around(tokens, word.start)
    opened = any(first <= when.start < word.start for when in ifs)
    start = max(first, word.start - _REVOKE_NEGATION_REACH) if opened else first
    stop = min([last + 1, word.end + _REVOKE_NEGATION_REACH, *(w.start for w in ifs if w.start >= word.end)])
    return any(  # not the word's own: "no longer valid"
        vocab.negators.matches_any(tokens, i) or vocab.negative_determiners.matches_any(tokens, i)
        for i in range(start, stop)
        if not word.start <= i < word.end
    )


def _struck_irrevocability_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], revocations: Sequence[_Span]
) -> list[_Hit]:
    """The template's grant-for-good sentence struck out: "I deleted the line saying I can't withdraw the
    agreement", "habe den Satz gestrichen, dass ich die Freigabe nicht widerrufen kann". A struck word
    before a negated revocation word in its clause: the holder keeps the right to revoke. A free license
    cannot be withdrawn."""
    struck = _spans(tokens, vocab.struck_words, masked, None)
    if not struck:
        return []  # most releases
    hits: list[_Hit] = []
    for word in revocations:
        first, _last = _clause_around(tokens, word.start)
        strike = next((span for span in struck if first <= span.start < word.start), None)
        if strike is not None and _negated_before(tokens, word.start, vocab, _REVOKE_NEGATION_REACH):
            hits.append(_Hit(strike.start, word.end, None, LicenseProblem.NOT_FREE))
    return hits


def _can_revoke_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """The template's "I cannot withdraw this agreement" with its "not" gone: "Przyjmuję do wiadomości, że
    mogę wycofać tę zgodę", "I understand that I can withdraw it". A first-person can-word of the
    paragraph's language at most `_CAN_REACH` words before a revocation word in its clause, no negator from
    `_REVOKE_NEGATION_REACH` words before it to the revocation word ("nie mogę wycofać", "I can't"). A free
    license cannot be withdrawn."""
    cans = [
        span
        for span in _spans(tokens, vocab.can_words, masked, None)
        if not foreign.foreign(span, "can_words")
    ]
    revocations = _spans(tokens, vocab.revocation_words, masked, None)  # found once a text, then kept
    hits: list[_Hit] = []
    for can in cans:
        word = next((word for word in revocations if _follows_within(tokens, can, word, _CAN_REACH)), None)
        if word is None or any(
            vocab.clause_words.matches_any(tokens, i) for i in range(word.end, min(len(tokens), word.end + 3))
        ):
            continue  # "I can withdraw the non-commercial condition": a restriction taken back
        first, _ = _clause_around(tokens, can.start)
        if any(
            vocab.negators.matches_any(tokens, i) or vocab.negative_determiners.matches_any(tokens, i)
            for i in range(max(first, can.start - _REVOKE_NEGATION_REACH), word.start)
        ):
            continue
        hits.append(_Hit(can.start, word.end, None, LicenseProblem.NOT_FREE))
    return hits


def _follows_within(
    tokens: Sequence[Token], first: _Span, second: _Span, reach: int, sentence: bool = False
) -> bool:
    """`second` starts at most `reach` tokens after `first` ends, in its clause (with `sentence`, in its
    sentence)."""
    return 0 <= second.start - first.end <= reach and not any(
        tokens[i].brk if sentence else tokens[i].gap for i in range(first.end, second.start + 1)
    )


# Words between a can-word and the revocation word it governs: "I can at any time withdraw".
_CAN_REACH = 4


# Words of a comma-bounded aside that cuts a phrase from what it governs: "Reservo-me, no entanto, o direito
# de retirar", "I reserve, however, the right to withdraw".
_ASIDE_WORDS = 3


def _aside_after(tokens: Sequence[Token], last: int) -> range:
    """The tokens of a short aside between commas right after the clause ending at `last`, in its sentence;
    empty where none follows. A negator in it ("no entanto") negates nothing outside it."""
    aside_end = last + 1
    while aside_end + 1 < len(tokens) and not tokens[aside_end + 1].gap:
        aside_end += 1
    after = aside_end + 1
    if (
        after >= len(tokens)
        or aside_end - last > _ASIDE_WORDS
        or tokens[last + 1].brk
        or tokens[after].brk
        or "," not in tokens[last + 1].sep
        or "," not in tokens[after].sep
    ):
        return range(0)
    return range(last + 1, after)


# Tokens between an until-word and the year it names, in one clause: "έως τις 30 Ιουνίου 2027",
# "2027年6月30日まで", "tot en met 31 december 2027", "until the 31st of December 2027".
_UNTIL_REACH = 8


# Words between a validity word and an until-word: "valid until", "estará vigente hasta", "gilt nur bis".
_VALID_UNTIL_REACH = 1


def _time_limit_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A grant that ends: "Η άδεια ισχύει … έως τις 30 Ιουνίου 2027", "the licence is valid until 2027". An
    until-word at most `_UNTIL_REACH` tokens from a year, just after a validity word ("vigente hasta que
    yo solicite la retirada") or an only-word ("len do konca mojej zmluvy"), in one clause, in a sentence
    that names the license or the permission, or that asks, or whose next sentence asks, to take the files
    down. A free license cannot expire."""
    # in its own language: Lithuanian "iki" (until) is Turkish "iki" (two)
    untils = _own_spans(tokens, vocab, "until_words", masked, foreign)
    if not untils:
        return []
    years = [
        i
        for i, token in enumerate(tokens)
        if (_is_year(token.raw) or _dated(token.raw)) and i not in masked and not _ends_file_name(tokens, i)
    ]
    validity = _spans(tokens, vocab.validity_words, masked, None)
    sentences = _sentence_numbers(tokens)
    granting = _sentences_naming(tokens, masked, (vocab.license_words, vocab.consent_words))
    # "jusqu'au 28 février 2027 ; passé cette date, merci de les retirer": taken down after the date
    for span in _spans(tokens, vocab.removal_words, masked, None):
        granting.update((sentences[span.start], sentences[span.start] - 1))
    hits: list[_Hit] = []
    for until in untils:
        if sentences[until.start] not in granting:
            continue
        # "Esta autorización estará vigente hasta que yo solicite la retirada": valid until something happens
        valid = next((span for span in validity if 0 <= until.start - span.end <= _VALID_UNTIL_REACH), None)
        if valid is not None and not any(tokens[i].gap for i in range(valid.end, until.start + 1)):
            hits.append(_Hit(valid.start, until.end, None, LicenseProblem.NOT_FREE))
            continue
        # "jaialdia hasi arte da baliozkoa": verb-final languages say "valid" after the until-word
        valid = next((span for span in validity if 0 <= span.start - until.end <= _VALID_UNTIL_REACH), None)
        if valid is not None and not any(tokens[i].gap for i in range(until.end, valid.start + 1)):
            hits.append(_Hit(until.start, valid.end, None, LicenseProblem.NOT_FREE))
            continue
        # "súhlas udeľujem len do konca mojej zmluvy": only until, whatever the end is
        if _only_until(tokens, until, vocab):
            hits.append(_Hit(until.start - 1, until.end, None, LicenseProblem.NOT_FREE))
            continue
        for year in years:
            low, high = min(until.start, year), max(until.end - 1, year)
            if high - low <= _UNTIL_REACH and not any(tokens[i].gap for i in range(low + 1, high + 1)):
                hits.append(_Hit(low, high + 1, None, LicenseProblem.NOT_FREE))
                break
    return hits


# Words before an only-word where a negator or a limit word makes "only to" of "only until": "не се
# ограничава само до Уикипедия" (Bulgarian "до" is both).
_ONLY_UNTIL_REACH = 3


def _only_until(tokens: Sequence[Token], until: _Span, vocab: LicenseVocabulary) -> bool:
    """An only-word right before the until-word, not a limit to the wiki said not to be one."""
    only = until.start - 1
    if only < 0 or tokens[until.start].gap or not vocab.only_words.matches_any(tokens, only):
        return False
    if until.end < len(tokens) and vocab.wiki_words.matches_any(tokens, until.end):
        return False
    return not any(
        table.matches_any(tokens, i)
        for table in (vocab.negators, vocab.limit_words)
        for i in range(max(0, only - _ONLY_UNTIL_REACH), only)
    )


def _sentences_naming(
    tokens: Sequence[Token], masked: frozenset[int], tables: Sequence[PhraseTable]
) -> set[int]:
    """The numbers of the sentences holding a phrase of any of the tables: those that name the license,
    the permission or its validity are where a limit binds the grant."""
    sentences = _sentence_numbers(tokens)
    return {sentences[span.start] for table in tables for span in _spans(tokens, table, masked, None)}


def _granting_sentences(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> set[int]:
    """The numbers of the sentences that grant: those naming the license (by a license word or by its
    name: "I release the photos under CC BY-SA 4.0"), the permission or its validity."""
    tables = (vocab.consent_words, vocab.validity_words, vocab.permission_words)
    return _sentences_naming(tokens, masked, tables) | _licensing_sentences(tokens, vocab, masked)


def _licensing_sentences(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> set[int]:
    """The numbers of the sentences naming a license, by a license word or by its name; a name is read
    (and so masked) as a license, so it is looked for among masked words too."""
    names = (vocab.cc_names, vocab.cc_abbreviations, vocab.zero, vocab.gfdl_names, vocab.lal_names)
    return _sentences_naming(tokens, masked, (vocab.license_words,)) | _sentences_naming(
        tokens, frozenset(), names
    )


def _until_notice_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Hit]:
    """A grant that lasts until the holder says otherwise: "Tillståndet gäller tills vidare", "Lupa on
    voimassa toistaiseksi", "Voorlopig geven wij toestemming". A notice phrase in a sentence that names the
    license, the permission or its validity, or whose next sentence asks to take the files down. A free
    license does not end."""
    notices = _spans(tokens, vocab.notice_words, masked, None)
    if not notices:
        return []  # most releases
    sentences = _sentence_numbers(tokens)
    granting = _sentences_naming(
        tokens, masked, (vocab.license_words, vocab.consent_words, vocab.validity_words)
    )
    # "this is for the time being. … we'd want this one to come down": taken down in the next sentence
    granting |= {number - 1 for number in _sentences_naming(tokens, masked, (vocab.removal_words,))}
    return [
        _Hit(span.start, span.end, None, LicenseProblem.NOT_FREE)
        for span in notices
        if sentences[span.start] in granting
        and not _freed_before(tokens, span.start, vocab)
        and not _counts_files(tokens, span.start, vocab)
    ]


# Words between an only-word and the number it limits: "samo za eno fotografijo", "only the two".
_ONLY_COUNT_REACH = 3


def _counts_files(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """The clause holding `index` limits how many files the mail covers, not the grant: "zaenkrat
    pošiljam dovoljenje samo za eno fotografijo" (for now I send the permission for only one photo). An
    only-word with a number a few words after it."""
    first, last = _clause_around(tokens, index)
    for only in range(first, last + 1):
        if vocab.only_words.matches_any(tokens, only):
            for at in range(only + 1, min(last, only + _ONLY_COUNT_REACH) + 1):
                if tokens[at].raw.isdigit() or vocab.number_words.matches_any(tokens, at):
                    return True
    return False


# Words between a validity word and the while-word after it: "gilt deshalb, solange", "ισχύει για όσο".
_WHILE_REACH = 3


def _valid_while_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Hit]:
    """A grant that lasts while something holds: "Die Freigabe gilt deshalb, solange wir Partner des
    Heimatvereins sind", "Η άδεια ισχύει για όσο διάστημα το ξενοδοχείο λειτουργεί". A while-word at most
    `_WHILE_REACH` words after a validity word, no sentence break between, its clause naming no license
    term ("valid as long as the license terms are followed" is the license's own condition). A free
    license does not end."""
    whiles = _spans(tokens, vocab.while_words, masked, None)
    if not whiles:
        return []  # most releases
    valid = _spans(tokens, vocab.validity_words, masked, None)
    terms = (vocab.license_words, vocab.lawful_words, vocab.elements, vocab.cc_names)
    hits: list[_Hit] = []
    for when in whiles:
        validity = next(
            (span for span in valid if _follows_within(tokens, span, when, _WHILE_REACH, sentence=True)), None
        )
        last = _clause_around(tokens, when.start)[1]
        if validity is not None and not any(
            table.matches_any(tokens, i) for table in terms for i in range(when.end, last + 1)
        ):
            hits.append(_Hit(validity.start, when.end, None, LicenseProblem.NOT_FREE))
    return hits


def _territory_hits(tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]) -> list[_Hit]:
    """A grant for one country: "udzielam licencji … na terytorium Rzeczypospolitej Polskiej", "на
    территории Российской Федерации". A territory word right before a capitalised name, in a sentence that
    names the license or the permission; not "the territory of the whole world", whose next word is no
    name. A free license holds everywhere. Where the name comes first ("kizárólag Magyarország területén"),
    an only-word right before the name says the same in any sentence, as does one just before the
    territory word ("dar numai pe teritoriul României")."""
    territories = _spans(tokens, vocab.territory_words, masked, None)
    withins = _spans(tokens, vocab.within_words, masked, None)
    if not territories and not withins:
        return []  # most releases
    sentences = _sentence_numbers(tokens)
    granting = _sentences_naming(tokens, masked, (vocab.license_words, vocab.consent_words))
    hits = []
    for span in territories:
        named_after = _name_after(tokens, span)
        named_before = _only_name_before(tokens, span.start, vocab)
        # "dar numai pe teritoriul României": an only-word just before the territory, in any sentence
        only_before = named_after and any(
            vocab.only_words.matches_any(tokens, i)
            and not any(tokens[k].gap for k in range(i + 1, span.start + 1))
            for i in range(max(0, span.start - _TERRITORY_ONLY_REACH), span.start)
        )
        if (named_after and sentences[span.start] in granting) or named_before or only_before:
            hits.append(_Hit(max(0, span.start - 2), span.end, None, LicenseProblem.NOT_FREE))
    # "Αυτό ισχύει μόνο για χρήσεις εντός Ελλάδας": an only-word a few words before, a name after
    for span in withins:
        only = next(
            (
                i
                for i in range(max(0, span.start - _WITHIN_ONLY_REACH), span.start)
                if vocab.only_words.matches_any(tokens, i)
                and not any(tokens[k].gap for k in range(i + 1, span.start + 1))
            ),
            None,
        )
        if _name_after(tokens, span) and only is not None and not _negated(tokens, only, vocab):
            hits.append(_Hit(only, span.end + 1, None, LicenseProblem.NOT_FREE))
        elif (
            _name_after(tokens, span)
            and sentences[span.start] in granting
            and any(
                table.matches_any(tokens, i)
                for table in (vocab.use_nouns, vocab.use_verbs)
                for i in range(max(0, span.start - _WITHIN_USE_REACH), span.start)
            )
        ):
            # "Η άδεια αφορά χρήση εντός Ελλάδας": the permission's sentence names the country of the use;
            # not "the photo, taken within Yellowstone, …" (no use named before it)
            hits.append(_Hit(span.start, span.end + 1, None, LicenseProblem.NOT_FREE))
    return hits


def _only_place_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A use allowed in one place only: "a autorização vale só para uso aqui no Brasil", "only for use
    in Germany". An only-word, not negated nor after a first-person subject, then within
    `_ONLY_PLACE_REACH` words of its clause a place preposition before a capitalised name that is no wiki
    word, a use word between them. A free license holds everywhere."""
    hits: list[_Hit] = []
    for only in _spans(tokens, vocab.only_words, masked, None):
        # the only-word's own language is not asked: the longest match may be a neighbour's ("só para")
        if _negated(tokens, only.start, vocab) or _own_trade(tokens, only.start, vocab, foreign):
            continue  # "I only use it in Lightroom": the sender's own use
        used = False
        for at in range(only.end, min(len(tokens), only.end + _ONLY_PLACE_REACH)):
            if tokens[at].gap:
                break
            used = used or vocab.use_nouns.matches_any(tokens, at) or vocab.use_verbs.matches_any(tokens, at)
            found = vocab.place_prepositions.match(tokens, at)
            if found is None or not used:
                continue
            name = at + found.length
            if (
                name < len(tokens)
                and not tokens[name].gap
                and tokens[name].raw[:1].isupper()
                and not vocab.wiki_words.matches_any(tokens, name)
            ):
                hits.append(_Hit(only.start, name + 1, None, LicenseProblem.NOT_FREE))
            break
    return hits


_ONLY_PLACE_REACH = 6  # "só para uso aqui no Brasil", "only for use here in Brazil"
_WITHIN_ONLY_REACH = 4  # "only to uses within", "μόνο για χρήσεις εντός"
_WITHIN_USE_REACH = 2  # "χρήση εντός", "use it within"


def _name_after(tokens: Sequence[Token], span: _Span) -> bool:
    """A capitalised word right after the span, in its clause: a place's name ("territory of Poland")."""
    return span.end < len(tokens) and not tokens[span.end].gap and tokens[span.end].raw[:1].isupper()


_TERRITORY_ONLY_REACH = 2  # "numai pe teritoriul", "only in the territory of"
_TERRITORY_NAME_WORDS = 3  # "tik Lietuvos Respublikos teritorijoje"


def _only_name_before(tokens: Sequence[Token], territory: int, vocab: LicenseVocabulary) -> bool:
    """A capitalised name of at most `_TERRITORY_NAME_WORDS` words right before the territory word at
    `territory`, an only-word right before it, in one clause: "kizárólag Magyarország területén", "tik
    Lietuvos Respublikos teritorijoje"."""
    name = territory
    while (
        name > 0
        and territory - name < _TERRITORY_NAME_WORDS
        and not tokens[name].gap
        and tokens[name - 1].raw[:1].isupper()
    ):
        name -= 1
    if name == territory or name == 0:
        return False
    return not tokens[name].gap and vocab.only_words.matches_any(tokens, name - 1)


def _removal_date_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """The files to be taken down at a date: "please make sure it comes down after 31 December 2026". A
    removal word, then a when- or until-word at most `_REMOVAL_DATE_GAP` words after it and a year at most
    `_UNTIL_REACH` tokens on, in one clause; not negated, not the sender's own removal. A free license does
    not end."""
    years = [
        i
        for i, token in enumerate(tokens)
        if (_is_year(token.raw) or _dated(token.raw)) and i not in masked and not _ends_file_name(tokens, i)
    ]
    if not years:
        return []
    hits: list[_Hit] = []
    for removal in _spans(tokens, vocab.removal_words, masked, None):
        if _final_negator(tokens, removal.end, vocab) is not None or any(
            vocab.negators.matches_any(tokens, i)
            for i in range(_clause_around(tokens, removal.start)[0], removal.start)
        ):
            continue
        if _first_person_before(tokens, removal.start, vocab, foreign):
            continue
        for at in range(removal.end, min(len(tokens), removal.end + _REMOVAL_DATE_GAP + 1)):
            if tokens[at].gap:
                break
            if not (vocab.when_words.matches_any(tokens, at) or vocab.until_words.matches_any(tokens, at)):
                continue
            year = next((y for y in years if at < y <= at + _UNTIL_REACH), None)
            if year is not None and not any(tokens[i].gap for i in range(at + 1, year + 1)):
                hits.append(_Hit(removal.start, year + 1, None, LicenseProblem.NOT_FREE))
            break
    return hits


_REMOVAL_DATE_GAP = 2  # "taken down again after", "comes down after": words between a removal and its time


def _later_removal_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """The files to be taken down at a later time: "내년 상반기에 신제품이 출시되면 기존 제품 사진은 모두 내려
    주셨으면 합니다", "please take the photos down next year", "După această dată vă rog să le scoateţi". A
    removal word and a later-time word (an any-time word) in one sentence, neither negated; or, within two
    sentences of the grant, a removal after a when- or if-word of its sentence ("ko bom iz društva
    izstopil, vas prosim, da jih odstranite": when I leave the club, please remove them), not the sender's
    own ("if you like, I can remove the watermark"), nor one whose condition is negated ("if this is not
    enough, please delete them") or conceded ("even if the files are deleted"), nor a footer's ("if you
    received this message in error, delete it").
    A free license does not end."""
    removals = [
        span
        for span in _spans(tokens, vocab.removal_words, masked, None)
        if not _freed_before(tokens, span.start, vocab)
        and _final_negator(tokens, span.end, vocab) is None
        # "I won't be asking for the photos to be taken down … later on": negated earlier in its clause
        and not any(
            vocab.negators.matches_any(tokens, i)
            for i in range(_clause_around(tokens, span.start)[0] + 1, span.start)
        )
    ]
    if not removals:
        return []  # most releases
    sentences = _sentence_numbers(tokens)
    later = {
        sentences[span.start]
        for span in _spans(tokens, vocab.any_time_words, masked, None)
        if not _freed_before(tokens, span.start, vocab)
    }
    # "…ist unwiderruflich, auch wenn die Werke … gelöscht werden", "aínda que a foto chegase a ser
    # borrada de Commons algún día": even then, nothing is asked
    concessions = _spans(tokens, vocab.even_if_words, masked, None)
    conceded = {i for span in concessions for i in range(span.start, span.end)}
    conditions = [
        span
        for table, key in ((vocab.when_words, "when_words"), (vocab.if_words, "if_words"))
        for span in _spans(tokens, table, masked, None)
        if not foreign.foreign(span, key) and span.start not in conceded
    ]
    hits = [
        _Hit(span.start, span.end, None, LicenseProblem.NOT_FREE)
        for span in removals
        if sentences[span.start] in later
        and not any(_clause_distance(tokens, concession, span) is not None for concession in concessions)
        # "If the file is ever deleted, the license remains valid": the removal is only supposed
        and not any(
            condition.end <= span.start and _removal_supposed(tokens, condition, span, vocab)
            for condition in conditions
        )
    ]
    if hits:
        return hits
    granting = _granting_sentences(tokens, vocab, masked)
    for removal in removals:
        sentence = sentences[removal.start]
        if not granting & {sentence, sentence - 1, sentence - 2}:
            continue
        condition = next(
            (span for span in conditions if sentences[span.start] == sentence and span.end <= removal.start),
            None,
        )
        if condition is None or any(
            vocab.negators.matches_any(tokens, i) for i in range(condition.end, removal.start)
        ):
            continue
        if _removal_supposed(tokens, condition, removal, vocab):
            continue
        # "I can remove the watermark"; not "nous vous demanderons alors de retirer ces photos"
        if _first_person_before(tokens, removal.start, vocab, foreign):
            continue
        # "Se avete ricevuto questo messaggio per errore, vi preghiamo di cancellarlo": the mail's footer
        low, high = sentence_around(tokens, removal.start)
        if any(
            table.matches_any(tokens, i)
            for table in (vocab.mail_words, vocab.confidential_words)
            for i in range(low, high + 1)
        ):
            continue
        hits.append(_Hit(condition.start, removal.end, None, LicenseProblem.NOT_FREE))
    return hits


def _removal_supposed(
    tokens: Sequence[Token], condition: _Span, removal: _Span, vocab: LicenseVocabulary
) -> bool:
    """The removal is what the if-clause supposes, and a main clause of its own follows: "If the file is
    ever deleted, the permission still stands", "Sollte die Datei gelöscht werden, bleibt die Freigabe
    bestehen"; or the if-clause follows a main clause that says the grant stays valid: "die Freigabe gilt
    auch dann weiter, wenn die Datei … gelöscht werden sollte". Not "If you cannot credit me please remove
    it" (the removal is the main clause), nor "… remove it, thanks" (too short to be a main clause), nor
    "It would be nice if you removed it next year" (no validity said)."""
    if any(tokens[i].gap for i in range(condition.end, removal.end)):
        return False
    first, last = sentence_around(tokens, removal.start)
    ends = next((i for i in range(removal.end, last + 1) if tokens[i].gap), None)
    if ends is not None and last - ends + 1 >= _MAIN_CLAUSE_WORDS:
        return True
    opening = condition.start
    while opening > first and not tokens[opening].gap:
        opening -= 1  # "…, wenn" or "…, auch dann, wenn": the if-clause opens at the comma before it
    if opening == first:
        return False
    main = _clause_around(tokens, opening - 1)[0]
    valid = next(
        (i for i in range(opening - 1, main - 1, -1) if vocab.validity_words.matches_any(tokens, i)), None
    )
    # "Die Freigabe gilt nur, wenn …": the grant hangs on the removal
    return valid is not None and not any(
        table.matches_any(tokens, i)
        for table in (vocab.only_words, vocab.negators)
        for i in range(valid, opening)
    )


_MAIN_CLAUSE_WORDS = 3  # "…, the permission stands", "…, bleibt die Freigabe bestehen"


def _duration_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A grant said to last a while: "Tillståndet gäller i tre år", "valid for 5 years", "gilt zwei Jahre".
    A number (digits or a number word) right before a duration unit, in the clause of a validity or a
    period word ("für die Dauer von zwei Jahren"), in a sentence that names the license, the permission
    or its validity, or follows one naming the license ("Les cedemos las imágenes por un plazo de dos
    años"), or whose next sentence asks to take the files down. A period word names no grant by itself
    ("Üç yıl boyunca yalnızca kendi web sitemde yayındaydı": it was on my site for three years), nor,
    outside a granting sentence, with an auxiliary in its clause ("it was shown there for a period of two
    years"). A free license does not expire."""
    sentences = _sentence_numbers(tokens)
    granting = _granting_sentences(tokens, vocab, masked)
    periods = [
        span
        for span in _spans(tokens, vocab.period_words, masked, None)
        # "Cette autorisation est consentie pour une durée de cinq ans": a grant's own sentence
        if sentences[span.start] in granting or not _past_in_clause(tokens, span.start, vocab, foreign)
    ]
    validity = _spans(tokens, vocab.validity_words, masked, None)
    # A period spelt out in words of its own ("pour une durée de", "for a period of"), in a clause that
    # tells no past, is a term wherever it stands: "Fait à Lorient, le 6 décembre, pour une durée de deux ans"
    spelt_periods = [span for span in periods if span.end - span.start > 1]
    for span in _spans(tokens, vocab.removal_words, masked, None):
        granting.update((sentences[span.start], sentences[span.start] - 1))
    granting.update(number + 1 for number in _licensing_sentences(tokens, vocab, masked))
    hits: list[_Hit] = []
    concessions = _spans(tokens, vocab.even_if_words, masked, None)
    for unit in _spans(tokens, vocab.duration_units, masked, None):
        number = unit.start - 1
        sep = tokens[unit.start].sep
        bracketed = number >= 0 and sep.startswith(")") and "(" in tokens[number].sep  # "5 (beş) yıl"
        if number < 0 or (tokens[unit.start].gap and not bracketed):
            continue
        if sentences[unit.start] not in granting and not any(
            _clause_distance(tokens, period, _Span(number, unit.end)) is not None for period in spelt_periods
        ):
            continue
        if (
            not (
                (sep.lstrip(")") if bracketed else sep).isspace()
                or (not sep and not tokens[unit.start].raw.isascii())
            )
            or "%" in tokens[number].sep
        ):
            continue  # "dell%27anno" in a wrapped link is no "27 anno"; "3年間", "2년" are written together
        if unit.end < len(tokens) and tokens[unit.end].sep == "-":
            continue  # "for a week-long festival", "a two-year-old": the unit describes a noun
        if not (tokens[number].raw.isdigit() or vocab.number_words.matches_any(tokens, number)):
            continue
        # "selama tiga (3) tahun": the number written out before its digits in brackets
        spelt = (
            number - 1
            if bracketed and number > 0 and vocab.number_words.matches_any(tokens, number - 1)
            else number
        )
        duration = _Span(spelt, unit.end)
        if any(
            concession.end <= number and _clause_distance(tokens, concession, duration) is not None
            for concession in concessions
        ):
            continue  # "même si les fichiers devaient un jour être supprimés": some day, conceded
        # "本許諾の有効期間は、…3年間": a topic set off by a comma, where the unit is written on the number
        together = not sep
        if (
            any(
                _clause_distance(tokens, word, duration) is not None
                or (together and sentences[word.start] == sentences[number])
                for word in validity
            )
            or any(
                # "durante cinco anos", "durante os próximos 5 anos"; not "durante as comemorações dos 50
                # anos"
                (
                    (distance := _clause_distance(tokens, period, duration)) is not None
                    and distance <= _PERIOD_REACH
                )
                or (together and sentences[period.start] == sentences[number])
                for period in periods
            )
            or _given_for(tokens, number, vocab, foreign)
        ):
            hits.append(_Hit(number, unit.end, None, LicenseProblem.NOT_FREE))
    return hits


# Words a period word may stand before its number: "durante os próximos 5 anos".
_PERIOD_REACH = 2


def _term_hits(tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]) -> list[_Hit]:
    """A grant that lasts while something else does: "Cette autorisation est consentie pour la durée de
    notre convention de partenariat", "for the duration of the exhibition". A term word in a sentence that
    grants, unless its clause names what lasts as long as a free license ("for the full term of
    copyright")."""
    sentences = _sentence_numbers(tokens)
    granting = _granting_sentences(tokens, vocab, masked)
    hits: list[_Hit] = []
    for term in _spans(tokens, vocab.term_words, masked, None):
        if sentences[term.start] not in granting:
            continue
        last = _clause_around(tokens, term.start)[1]
        if any(vocab.lasting_words.matches_any(tokens, at) for at in range(term.end, last + 1)):
            continue
        hits.append(_Hit(term.start, term.end, None, LicenseProblem.NOT_FREE))
    return hits


def _given_for(
    tokens: Sequence[Token], number: int, vocab: LicenseVocabulary, foreign: _ForeignWords
) -> bool:
    """A purpose word of the paragraph's language right before the number, in a clause that tells no past:
    "Разрешението обаче давам за една година" (I give the permission for one year); not "I have been
    photographing the festival for ten years"."""
    if number == 0 or tokens[number].gap:
        return False
    found = vocab.purpose_words.match(tokens, number - 1)
    return (
        found is not None
        and found.length == 1
        and not foreign.foreign(_Span(number - 1, number), "purpose_words")
        and not _past_in_clause(tokens, number, vocab, foreign)
    )


def _past_in_clause(
    tokens: Sequence[Token], index: int, vocab: LicenseVocabulary, foreign: _ForeignWords
) -> bool:
    """An auxiliary of the paragraph's language in the clause holding `index`: it tells what was."""
    first, last = _clause_around(tokens, index)
    for at in range(first, last + 1):
        found = vocab.descriptive_auxiliaries.match(tokens, at)
        if found is not None and not foreign.foreign(_Span(at, at + found.length), "descriptive_auxiliaries"):
            return True
    return False


# Words a form's label may hold after its commercial or modification word: "Commercial use: no".
_LABEL_REACH = 2


def _form_answer_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Hit]:
    """A form answered no: "Commercial use: no", "Utilisation commerciale : Non (uniquement sur demande)",
    "Bearbeitung – nein". A commercial or modification word, at most `_LABEL_REACH` more words of its
    label, a separator (`_answer_separator`), then a no-answer closing the clause or followed by a bracket."""
    hits: list[_Hit] = []
    for table, problem in (
        (vocab.commercial_words, LicenseProblem.NON_COMMERCIAL),
        (vocab.modify_words, LicenseProblem.NO_DERIVATIVES),
    ):
        for target in _spans(tokens, table, masked, problem):
            for answer in range(target.end, min(len(tokens), target.end + _LABEL_REACH + 1)):
                if _answer_separator(tokens[answer].sep):
                    found = vocab.no_answers.match(tokens, answer)
                    after = answer + found.length if found is not None else answer
                    if found is not None and (
                        after >= len(tokens) or tokens[after].gap or "\n" in tokens[after].sep
                    ):
                        hits.append(_Hit(target.start, after, None, problem))
                    break
                if tokens[answer].brk or (answer > target.end and tokens[answer].gap):
                    break
    return hits


def _refused_question_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Hit]:
    """A no answering a question that asks to agree to what a free license allows: "Concorda que qualquer
    pessoa poderá usar as fotos, inclusive comercialmente, e modificá-las, e que a autorização é
    irrevogável? Não." refuses commercial use (the first thing it names: commercial use, changes, then the
    grant for good). Not a question that asks about a restriction ("Is it limited to Wikipedia? No",
    "Can you revoke it? No"): a negator, only-word, limit word or revocation word in it turns the no into
    a yes to the free license."""
    hits: list[_Hit] = []
    for answer in range(1, len(tokens)):
        if not any(mark in tokens[answer].sep for mark in "?？؟"):
            continue
        found = vocab.no_answers.match(tokens, answer)
        if found is None:
            continue
        after = answer + found.length
        if not (
            after >= len(tokens) or tokens[after].gap or "\n" in tokens[after].sep or "," in tokens[after].sep
        ):
            continue  # "? No hay problema": no answer on its own
        first, _ = sentence_around(tokens, answer - 1)
        asked = range(first, answer)
        lasting = {i for i in asked if vocab.irrevocable_words.matches_any(tokens, i)}
        turning = (
            vocab.negators,
            vocab.only_words,
            vocab.limit_words,
            vocab.non_commercial,
            vocab.no_derivatives,
        )
        if any(table.matches_any(tokens, i) for table in turning for i in asked) or any(
            vocab.revocation_words.matches_any(tokens, i) for i in asked if i not in lasting
        ):
            continue
        for table, problem in (
            (vocab.commercial_words, LicenseProblem.NON_COMMERCIAL),
            (vocab.modify_words, LicenseProblem.NO_DERIVATIVES),
            (vocab.irrevocable_words, LicenseProblem.NOT_FREE),
        ):
            named = next((i for i in asked if i not in masked and table.matches_any(tokens, i)), None)
            if named is not None:
                hits.append(_Hit(named, after, None, problem))
                break
    return hits


def _answer_separator(sep: str) -> bool:
    """What parts a form's label from its answer: a colon, a question mark, a dash, a dot leader ("A mű
    módosítása ..... Nem"), or a line or paragraph break alone (a table's cells, one under the other)."""
    return (
        any(mark in sep for mark in ":：?？–")
        or " - " in sep
        or ".." in sep
        or "…" in sep
        or (sep.strip() == "" and "\n" in sep)
    )


def _answered_no(tokens: Sequence[Token], end: int, vocab: LicenseVocabulary) -> bool:
    """A form's label answered no right after it, the answer closing its clause: "Alleen Wikipedia: nee",
    "Only Wikipedia: no", "Restricted to Wikipedia? No", or the answer alone on the next line or paragraph
    (a form's table: "Только для Википедии\n\n нет"); not "només per a la Viquipèdia: no autoritzo …" (a
    refusal follows)."""
    for answer in range(end, min(len(tokens), end + _LABEL_REACH + 1)):
        # the rest of the label first: "İzin yalnızca Vikipedi için mi? …… Hayır"
        if _answer_separator(tokens[answer].sep):
            return _no_answer_at(tokens, answer, vocab)
        if tokens[answer].gap or tokens[answer].brk:
            return False
    return False


def _license_answered_no(tokens: Sequence[Token], hit: _Hit, vocab: LicenseVocabulary) -> int | None:
    """Where the no-answer stands when a form's row answers the license no, perhaps after its name in
    brackets: "רישיון CC BY-NC 4.0 (ייחוס-שימוש לא מסחרי): לא" (a row of a yes/no table), "CC BY-NC 4.0:
    No"; else None."""
    end = hit.end
    if end < len(tokens) and "(" in tokens[end].sep and "\n" not in tokens[end].sep:
        reach = range(end + 1, min(len(tokens), end + _GLOSS_WORDS + 1))
        close = next((i for i in reach if ")" in tokens[i].sep), None)
        if close is not None and _answer_separator(tokens[close].sep) and _no_answer_at(tokens, close, vocab):
            return close
        return None
    for answer in range(end, min(len(tokens), end + _LABEL_REACH + 1)):
        if _answer_separator(tokens[answer].sep):
            return answer if _no_answer_at(tokens, answer, vocab) else None
        if tokens[answer].gap or tokens[answer].brk:
            return None
    return None


_GLOSS_WORDS = 8  # a license's name in words, in brackets after its code


def _no_answer_at(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """A no-answer at `index` closing its clause: "No.", "nein,", "нет" at the line's end."""
    answer = vocab.no_answers.match(tokens, index)
    if answer is None:
        return False
    after = index + answer.length
    return after >= len(tokens) or tokens[after].gap or "\n" in tokens[after].sep


# Media extensions after a year that ends a file name ("Fil:Far og datter, 2026.jpg"): no date.
_FILE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "svg", "tif", "tiff", "webp", "pdf", "heic"})


def _ends_file_name(tokens: Sequence[Token], index: int) -> bool:
    after = index + 1
    return after < len(tokens) and tokens[after].sep == "." and tokens[after].norm in _FILE_EXTENSIONS


def _dated(raw: str) -> bool:
    """A date written as one token, its year last: "31.12.2028" (the day and month are numbers of one or
    two digits)."""
    if "." not in raw:
        return False  # most tokens
    *day_month, year = raw.split(".")
    short = all(part.isdecimal() and len(part) <= 2 for part in day_month)
    return len(day_month) == 2 and short and _is_year(year)


def _is_year(raw: str) -> bool:
    """A year in any script's digits: "2027", "২০২৭", "۲۰۲۷", or of the Buddhist era Thai dates are
    written in ("2570" is 2027)."""
    return len(raw) == 4 and raw.isdecimal() and str(int(raw))[:2] in ("19", "20", "21", "25", "26")


def _clause_around(tokens: Sequence[Token], index: int) -> tuple[int, int]:
    """The first and last token of the clause holding `index`: between separating punctuation."""
    return _bounds_around(tokens, index, sentence=False)


def sentence_around(tokens: Sequence[Token], index: int) -> tuple[int, int]:
    """The first and last token of the sentence holding `index`."""
    return _bounds_around(tokens, index, sentence=True)


def _bounds_around(tokens: Sequence[Token], index: int, *, sentence: bool) -> tuple[int, int]:
    """The first and last token around `index` with no boundary between: a sentence break (`brk`), or
    for a clause any separating punctuation (`gap`)."""

    def boundary(token: Token) -> bool:
        return token.brk if sentence else token.gap

    first = index
    while first > 0 and not boundary(tokens[first]):
        first -= 1
    last = index
    while last + 1 < len(tokens) and not boundary(tokens[last + 1]):
        last += 1
    return first, last


def _freed_before(
    tokens: Sequence[Token], index: int, vocab: LicenseVocabulary, foreign: _ForeignWords | None = None
) -> bool:
    """A negator, a negative determiner or a without-word shortly before `index` in its clause; given
    the paragraphs' languages, a negator or without-word of the paragraph's language (Galician "sen",
    without, is Finnish "sen", its, in "sen sijaan pitää ilmoittaa")."""
    for start in range(index - 1, max(-1, index - _BEFOREHAND_NEGATION_REACH - 1), -1):
        if tokens[start + 1].gap:
            return False
        if vocab.negative_determiners.matches_any(tokens, start):
            return True
        for table, key in ((vocab.negators, "negators"), (vocab.without_words, "without_words")):
            found = table.match(tokens, start)
            if found is not None and (
                foreign is None or not foreign.foreign(_Span(start, start + found.length), key)
            ):
                return True
    return False


def _no_changes_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A modification word right after a negative determiner or a without-word: "ingen beskjæring, filtre
    eller fargejustering", "keine Bearbeitung", "aucune retouche", "without cropping"; or a negator at most
    `_NEGATED_CHANGE_REACH` words before it in its clause: "que no se alteren los colores", "le foto non
    vanno ritagliate"."""
    hits: list[_Hit] = []
    revocations: list[_Span] | None = None
    for span in _spans(tokens, vocab.modify_words, masked, LicenseProblem.NO_DERIVATIVES):
        if span.start == 0 or _turned_after(tokens, span.end, vocab):
            continue
        if foreign.foreign(span, "modify_words"):
            continue  # Galician "no obradoiro" (in the workshop) holds Croatian "obrad*" (editing)
        if (
            not tokens[span.start].gap
            and vocab.negative_determiners.matches_any(tokens, span.start - 1)
            and ":" not in tokens[span.start - 1].sep  # "Commercial use: no\nModification: yes" answers
            and vocab.no_derivatives.match(tokens, span.start - 1) is None  # "no derivatives": its own reader
        ):
            hits.append(_Hit(span.start - 1, span.end, None, LicenseProblem.NO_DERIVATIVES))
            continue
        without = vocab.without_words.match(tokens, span.start - 1)
        if (
            not tokens[span.start].gap
            and without is not None
            and without.length == 1
            and not foreign.foreign(_Span(span.start - 1, span.start), "without_words")
            and vocab.no_derivatives.match(tokens, span.start - 1) is None  # "no derivatives": its own reader
            # the work named in the sentence: "решта заяви - без змін" is the rest of the statement
            and _sentence_names_the_work(tokens, span, vocab)
        ):
            # "without cropping", "mingħajr qtugħ": a use allowed only unchanged
            hits.append(_Hit(span.start - 1, span.end, None, LicenseProblem.NO_DERIVATIVES))
            continue
        negator = _negator_before(tokens, span.start, vocab, _NEGATED_CHANGE_REACH)
        if negator is None:
            continue
        if revocations is None:
            revocations = _spans(tokens, vocab.revocation_words, masked, None)
        if (
            vocab.no_derivatives.match(tokens, negator) is None  # "no-derivatives": its own reader
            and not _describes_in_its_language(tokens, negator, span.start, vocab, foreign)
            # "Lupaa ei voi muuttaa eikä perua": the grant itself can be neither changed nor revoked
            and not any(_clause_distance(tokens, span, revocation) is not None for revocation in revocations)
            # the work named in the clause: "non vanno ritagliate" of "le foto", not "redigera artikeln"
            and _names_the_work(tokens, span, vocab)
            # "Non escludiamo in alcun modo né l'uso commerciale né la modifica": what an exclusion verb
            # (here negated) takes, its own reader's
            and not any(
                vocab.exclude_verbs.matches_any(tokens, i)
                for i in range(_clause_around(tokens, negator)[0], negator)
            )
        ):
            hits.append(_Hit(negator, span.end, None, LicenseProblem.NO_DERIVATIVES))
    return hits


def _kept_watermark_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A watermark that must stay: "the watermark must not be removed", "Das Wasserzeichen darf nicht
    entfernt werden", "a vízjelet senki ne távolítsa el". In a sentence with a watermark word, a negator
    (or a negated permission, or a prohibition) at most `_WATERMARK_REFUSAL_REACH` words before a removal
    or modification word refuses a change to the work: no derivatives. "The Commons copies have no
    watermark" or "I removed the watermark" refuse nothing."""
    marks = _spans(tokens, vocab.watermark_words, masked, None)
    if not marks:
        return []  # most releases
    kept = _watermark_kept(tokens, vocab, masked, marks) or _watermark_demanded(tokens, vocab, masked, marks)
    if kept:
        return kept
    sentences = _sentence_numbers(tokens)
    marked = {sentences[span.start] for span in marks}
    changes = [
        span
        for table in (vocab.removal_words, vocab.modify_words)
        for span in _spans(tokens, table, masked, None)
        if sentences[span.start] in marked
    ]
    hits: list[_Hit] = []
    for change in changes:
        # "kaldırılmamalı": a refusal may be the change word itself, negated inside it
        after = range(change.start, min(len(tokens), change.end + _WATERMARK_REFUSAL_REACH + 1))
        if any(
            vocab.post_refusals.matches_any(tokens, i) and sentences[i] == sentences[change.start]
            for i in after
        ):
            hits.append(_Hit(change.start, change.end, None, LicenseProblem.NO_DERIVATIVES))
            continue  # "워터마크는 … 지우거나 가리지 말고": "do not" after the verb
        for start in range(max(0, change.start - _WATERMARK_REFUSAL_REACH - 2), change.start):
            found = (
                vocab.negators.match(tokens, start)
                or vocab.negated_permissions.match(tokens, start)
                or vocab.prohibition_words.match(tokens, start)
            )
            if (
                found is not None
                and change.start - (start + found.length) <= _WATERMARK_REFUSAL_REACH
                and sentences[start] == sentences[change.start]
                # "has not been removed" tells; "a vízjelet (a nevemet) senki ne": an article is no auxiliary,
                # nor is Polish "są" in "semnătura să nu fie ștearsă" (Romanian "that")
                and not any(
                    vocab.descriptive_auxiliaries.matches_any(tokens, i)
                    and not foreign.foreign(_Span(i, i + 1), "descriptive_auxiliaries")
                    for i in range(max(0, start - 1), change.start)
                    if i != start
                )
            ):
                hits.append(_Hit(start, change.end, None, LicenseProblem.NO_DERIVATIVES))
                break
    return hits


def _watermark_demanded(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], marks: Sequence[_Span]
) -> list[_Hit]:
    """The work to be published only with the holder's watermark: an only-word before a watermark word in
    its clause, not negated ("a foto só pode ser publicada com a marca d'água da agência", "may only be
    shown with our watermark"), the clause naming a use or a permission ("Only the web versions carry our
    watermark" tells). A copy without it would be refused: no derivatives."""
    hits: list[_Hit] = []
    for mark in marks:
        first, last = _clause_around(tokens, mark.start)
        said = (vocab.use_verbs, vocab.use_nouns, vocab.permission_words)
        if not _holds_any(tokens, said, range(first, last + 1)):
            continue
        for only in _spans(tokens, vocab.only_words, masked, None):
            if first <= only.start < mark.start and not _negated(tokens, only.start, vocab):
                hits.append(_Hit(only.start, mark.end, None, LicenseProblem.NO_DERIVATIVES))
                break
    return hits


def _watermark_kept(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], marks: Sequence[_Span]
) -> list[_Hit]:
    """A watermark the use must keep: a keep word in the clause of a watermark word, in a sentence that
    sets a condition, an obligation or a request ("siempre que se conserve intacta la marca de agua", "the
    watermark must be kept", "bitte das Wasserzeichen erhalten"), the keep word not negated. No
    derivatives: the work may not be changed there."""
    sentences = _sentence_numbers(tokens)
    asking = {
        sentences[span.start]
        for table in (vocab.conditions, vocab.obligation_words, vocab.request_words)
        for span in _spans(tokens, table, masked, None)
    }
    for keep in _spans(tokens, vocab.keep_words, masked, None):
        if sentences[keep.start] not in asking or _negated_before(tokens, keep.start, vocab, 3):
            continue
        mark = next((m for m in marks if _clause_distance(tokens, m, keep, brackets=True) is not None), None)
        if mark is not None:
            return [
                _Hit(
                    min(mark.start, keep.start), max(mark.end, keep.end), None, LicenseProblem.NO_DERIVATIVES
                )
            ]
    return []


# Words between a refusal and the removal it refuses: "must not be removed", "senki ne távolítsa el".
_WATERMARK_REFUSAL_REACH = 3


# Words between a negator and the change it refuses: "que no se alteren", "non vanno ritagliate".
_NEGATED_CHANGE_REACH = 1


def _sentence_names_the_work(tokens: Sequence[Token], change: _Span, vocab: LicenseVocabulary) -> bool:
    first, last = sentence_around(tokens, change.start)
    return any(vocab.work_nouns.matches_any(tokens, i) for i in range(first, last + 1))


def _names_the_work(tokens: Sequence[Token], change: _Span, vocab: LicenseVocabulary) -> bool:
    """A work noun in the change's clause, or a pronoun shortly before it that takes up a work the sentence
    before names: "… la photo doit être reproduite telle quelle. Elle ne doit être ni recadrée, ni
    retouchée"."""
    first, last = _clause_around(tokens, change.start)
    if any(vocab.work_nouns.matches_any(tokens, i) for i in range(first, last + 1)):
        return True
    opening = sentence_around(tokens, change.start)[0]
    # the pronoun the change's subject, shortly before it in its clause: not "It's entirely optional and
    # doesn't change anything about the licence" (the request)
    near = range(max(first, change.start - _WORK_PRONOUN_REACH), change.start)
    if opening == 0 or not any(vocab.work_pronouns.matches_any(tokens, i) for i in near):
        return False
    before = sentence_around(tokens, opening - 1)[0]
    return any(vocab.work_nouns.matches_any(tokens, i) for i in range(before, opening))


_WORK_PRONOUN_REACH = 5  # "Elle ne doit être ni recadrée", "It must not be cropped"


def _describes_the_photo(
    tokens: Sequence[Token], negator: int, change: int, vocab: LicenseVocabulary
) -> bool:
    """A perfect or passive auxiliary just before the negator or between it and the change: "the photo has
    not been edited", "Das Foto wurde nicht bearbeitet" say what was done, they forbid nothing."""
    return any(
        vocab.descriptive_auxiliaries.matches_any(tokens, i)
        for i in range(max(0, negator - 2), change)
        if i != negator and not tokens[i + 1].gap
    )


def _negator_before(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary, reach: int) -> int | None:
    """Where a negator starts that ends at most `reach` words before `index`, in its clause."""
    for start in range(index - 1, max(-1, index - reach - 3), -1):
        if tokens[start + 1].gap:
            return None
        found = vocab.negators.match(tokens, start)
        if found is not None and 0 <= index - (start + found.length) <= reach:
            return start
    return None


# Words a negator may stand before the limit it negates, in its clause ("ist nicht auf die Wikipedia
# beschränkt").
_LIMIT_NEGATION_REACH = 6


def _limited_to_hits(tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]) -> list[_Hit]:
    """A grant limited to the wiki in words of limiting: "limited to Wikipedia", "Die Nutzung ist der
    Wikipedia vorbehalten", "son utilisation est réservée à Wikipédia", "仅限维基百科". A limit word and a
    wiki word in one sentence, the limit not negated in its clause before it ("ist nicht auf die Wikipedia
    beschränkt", "is not limited to Wikipedia"), not turned after it ("ile sınırlı değildir"), and not
    the start of a "not limited" phrase ("に限定されない"), as the Release Generator's own sentence says."""
    limits = _spans(tokens, vocab.limit_words, masked, None)
    if not limits:
        return []
    sentences = _sentence_numbers(tokens)
    wiki = _spans(tokens, vocab.wiki_words, masked, None)
    hits: list[_Hit] = []
    for limit in limits:
        partners = [word for word in wiki if sentences[word.start] == sentences[limit.start]]
        if not partners or _limit_negated(tokens, limit, vocab):
            continue
        partner = min(partners, key=lambda span: abs(span.start - limit.start))
        if _negated_list_before(tokens, partner, limit, vocab):
            continue
        start, end = min(limit.start, partner.start), max(limit.end, partner.end)
        if (
            not _turned_after(tokens, end, vocab)
            and not _widened(tokens, partner, vocab)
            and not _answered_no(tokens, end, vocab)  # "Restricted to Wikipedia? No"
        ):
            hits.append(_Hit(start, end, None, LicenseProblem.WIKIPEDIA_ONLY))
    return hits


# Words a negator may stand before the wiki word of a negated limit: "nicht auf die Wikipedia".
_WIKI_NEGATION_REACH = 3


def _negated_list_before(
    tokens: Sequence[Token], wiki: _Span, limit: _Span, vocab: LicenseVocabulary
) -> bool:
    """The wiki word, negated just before it, opens the list the limit closes, in one clause: "nicht auf
    die Wikipedia oder verwandte Projekte beschränkt" (the words of the list are not the negation's reach)."""
    return (
        wiki.end <= limit.start
        and limit.start - wiki.end <= vocab.not_limited_reach
        and not any(tokens[i].gap for i in range(wiki.start + 1, limit.start + 1))
        # "nicht nur auf die Wikipedia oder verwandte Seiten beschränkt": "not only" negates the limit too
        and _negated_before(tokens, wiki.start, vocab, _WIKI_NEGATION_REACH, of_only=True)
    )


def _limit_negated(tokens: Sequence[Token], limit: _Span, vocab: LicenseVocabulary) -> bool:
    if vocab.not_limited.match(tokens, limit.start) is not None or _turned_after(tokens, limit.end, vocab):
        return True
    for start in range(limit.start - 1, max(-1, limit.start - _LIMIT_NEGATION_REACH - 1), -1):
        if tokens[start + 1].gap:
            return False
        if (
            vocab.negators.matches_any(tokens, start)
            or vocab.negative_determiners.matches_any(tokens, start)
            # "bez ograničenja na Vikipediju", "without limitation to Wikipedia"
            or vocab.without_words.matches_any(tokens, start)
        ):
            return True
    return False


def _only_with_hits(
    tokens: Sequence[Token],
    vocab: LicenseVocabulary,
    masked: frozenset[int],
    foreign: _ForeignWords,
    partners_table: PhraseTable,
    problem: LicenseProblem,
    reach: int | None = None,
    tool_words: PhraseTable | None = None,
) -> list[_Hit]:
    """An only-word and a partner word in one sentence; with `reach`, at most that many words apart in one
    clause, brackets and quotes between not counted; not a partner right before one of `tool_words`."""
    only = [
        span
        for span in _spans(tokens, vocab.only_words, masked, None)
        if not _negated(tokens, span.start, vocab)
        and not _negated_before(tokens, span.start, vocab, _ONLY_NEGATION_REACH, of_only=True)
        and not _negated_grant_before(tokens, span.start, vocab)
        and not _negated_limit_before(tokens, span.start, vocab)
        and not _only_a_wish(tokens, span, vocab)
        and not foreign.foreign(span, "only_words")
        and not _clause_negated(tokens, span, foreign)
        and not _opens_condition(tokens, span, vocab)
    ] + _framed_only(tokens, vocab, masked)
    if not only:
        return []
    candidates = [
        span
        for span in _spans(tokens, partners_table, masked, None)
        if tool_words is None or not tool_words.matches_any(tokens, span.end)
    ]
    sentence_of = _sentence_numbers(tokens)
    hits: list[_Hit] = []
    for word in only:
        partners = [
            partner
            for partner in candidates
            if sentence_of[partner.start] == sentence_of[word.start]
            and partner.start != word.start
            and (reach is None or _within_reach(tokens, word, partner, reach, vocab.demonstratives))
        ]
        works = _works_after_only(tokens, word, vocab)
        if works is not None:  # "soltanto le due fotografie indicate: le restanti immagini … online"
            partners = [partner for partner in partners if not _colon_between(tokens, works, partner.start)]
        if not partners:
            continue
        partner = min(partners, key=lambda span: abs(span.start - word.start))
        start, end = min(word.start, partner.start), max(word.end, partner.end)
        if (
            not _turned_after(tokens, end, vocab)
            and not _widened(tokens, partner, vocab)
            and not _answered_no(tokens, end, vocab)
        ):
            hits.append(_Hit(start, end, None, problem))
    return hits


def _works_after_only(tokens: Sequence[Token], only: _Span, vocab: LicenseVocabulary) -> int | None:
    """The work noun the only-word names, at most `_ONLY_WORKS_REACH` words after it in its clause: "only
    the two photos listed", "soltanto le due fotografie indicate" say which works the grant covers."""
    for at in range(only.end, min(len(tokens), only.end + _ONLY_WORKS_REACH + 1)):
        if tokens[at].gap:
            return None
        if vocab.work_nouns.matches_any(tokens, at):
            return at
    return None


def _colon_between(tokens: Sequence[Token], after: int, before: int) -> bool:
    """A colon or semicolon between two tokens: what follows it is a statement of its own ("only the two
    photos listed: the rest of our online catalogue stays all rights reserved")."""
    return any(":" in tokens[i].sep or ";" in tokens[i].sep for i in range(after + 1, before + 1))


_ONLY_WORKS_REACH = 3  # "only the two photos", "nur die beiden Fotos", "soltanto le due fotografie"


def _opens_condition(tokens: Sequence[Token], only: _Span, vocab: LicenseVocabulary) -> bool:
    """The only-word opens a longer condition word: "只要…即可" (as long as), "лишь бы" (provided that)
    limit nothing; what they ask is read as a condition."""
    found = vocab.conditions.match(tokens, only.start)
    return found is not None and found.length > only.end - only.start


def _clause_negated(tokens: Sequence[Token], span: _Span, foreign: _ForeignWords) -> bool:
    """The span's clause opens with a negator of a language that negates a clause from its start, the
    paragraph's: "Hindi rin po ito para sa Wikipedia lamang" (nor is it for Wikipedia only)."""
    table = foreign.own_table(span, "clause_negators")
    return table is not None and table.matches_any(tokens, _clause_around(tokens, span.start)[0])


def _only_a_wish(tokens: Sequence[Token], only: _Span, vocab: LicenseVocabulary) -> bool:
    """The only-word qualifies a wish noun at most `_WISH_REACH` words after it in its clause: "זו רק בקשה
    ולא תנאי", "it is only a request": the wish is said to bind nothing, whatever use it names."""
    return any(
        not any(tokens[i].gap for i in range(only.end, at + 1)) and vocab.wish_nouns.matches_any(tokens, at)
        for at in range(only.end, min(len(tokens), only.end + _WISH_REACH + 1))
    )


_WISH_REACH = 1  # "only a request", "nur eine Bitte", "רק בקשה"


def _within_reach(
    tokens: Sequence[Token], one: _Span, other: _Span, reach: int, demonstratives: PhraseTable
) -> bool:
    """At most `reach` words between the two spans in one clause, words in brackets or guillemets between
    not counted ("ضمن مسابقة «ويكي تهوى المعالم 2026» فقط"), nor a demonstrative ("exclusivament per a
    aquest projecte": for this project only)."""
    distance = _clause_distance(tokens, one, other, brackets=True)
    if distance is None:
        return False
    low, high = min(one.end, other.end), max(one.start, other.start)
    pointing = sum(1 for i in range(low, high) if demonstratives.matches_any(tokens, i))
    return distance - pointing <= reach


# Words between a negator and the only-word it negates: "ettei lupa koske pelkästään Wikipediaa".
_ONLY_NEGATION_REACH = 2
# Around a grant noun the negator reaches further: at most this many words between the negator and the
# noun, and between the noun and the only-word ("non è un permesso valido solo per Wikipedia").
_GRANT_NEGATION_REACH = 3


def _negated_limit_before(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """A negated limit word before the only-word at `index` in its clause: "not limited to Wikipedia
    only", "tidak terhad kepada Wikipedia sahaja" say the grant reaches further."""
    first, _ = _clause_around(tokens, index)
    return any(
        (found := vocab.limit_words.match(tokens, start)) is not None
        and start + found.length <= index
        and _negator_before(tokens, start, vocab, _ONLY_NEGATION_REACH) is not None
        for start in range(first, index)
    )


def _negated_grant_before(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """The only-word at `index` belongs to a negated grant noun: "non è un permesso valido solo per
    Wikipedia", "this is not a licence for Wikipedia only", "keine Freigabe nur für die Wikipedia". A
    negator before a consent or license word, the only-word just after the noun, in one clause, with no
    contrast or exception word anywhere between ("not a licence, only a permission for Wikipedia" keeps
    the limit: the comma ends the clause)."""
    for noun in range(max(0, index - _GRANT_NEGATION_REACH), index):
        grant = vocab.consent_words.match(tokens, noun) or vocab.license_words.match(tokens, noun)
        if grant is None or index - (noun + grant.length) > _GRANT_NEGATION_REACH - 1:
            continue
        if not _negated_before(tokens, noun, vocab, _GRANT_NEGATION_REACH):
            continue
        first = max(0, noun - _GRANT_NEGATION_REACH - 3)
        if any(tokens[i].gap for i in range(noun + 1, index + 1)) or any(
            vocab.contrast_words.matches_any(tokens, i) or vocab.exception_words.matches_any(tokens, i)
            for i in range(first, index)
        ):
            continue
        return True
    return False


def _widened(tokens: Sequence[Token], partner: _Span, vocab: LicenseVocabulary) -> bool:
    """The wiki or use word is followed at once by "and elsewhere" ending its clause: "glad it can be used
    on Wikipedia and elsewhere". Only at the clause's end: "on Wikipedia and elsewhere in Wikimedia
    projects" still names a limit."""
    found = vocab.elsewhere_words.match(tokens, partner.end) if _close(tokens, partner.end) else None
    if found is None:
        return False
    after = partner.end + found.length
    return after >= len(tokens) or tokens[after].gap


# Words between an "only" frame's opener and its closer ("ne … que"): "n'accorde toutefois que".
_FRAME_REACH = 4


def _framed_only(tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]) -> list[_Span]:
    """ "Only" said by a frame around the verb, as French does: "licence que je n'accorde toutefois que
    pour … Wikipédia". The closer counts as an only-word when an opener stands at most `_FRAME_REACH` words
    before it in its clause with no negator or breaker between ("je ne souhaite pas que …", "ne comporte
    aucune restriction autre que celles de la licence" say no "only")."""
    found: list[_Span] = []
    for closer in _spans(tokens, vocab.only_closers, masked, None):
        for begin in range(max(0, closer.start - _FRAME_REACH - 1), closer.start):
            opener = vocab.only_openers.match(tokens, begin)
            if opener is None or begin + opener.length > closer.start:
                continue
            between = range(begin + opener.length, closer.start)
            if not any(tokens[i].gap for i in range(begin + 1, closer.start + 1)) and not any(
                vocab.negators.matches_any(tokens, i) or vocab.only_breakers.matches_any(tokens, i)
                for i in between
            ):
                found.append(closer)
                break
    return found


# Words from a request word to the seeking word it asks for ("please ask", "prosím, požiadajte"), and from
# the seeking word to the consent word: a pronoun and a preposition ("ask us for permission").
_ASKED_SEEK_REACH = 2
_ASKED_CONSENT_REACH = 2


def _asked_consent_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int], foreign: _ForeignWords
) -> list[_Hit]:
    """A use the reuser is asked to seek the holder's consent for: "For printed use, please ask us for
    permission", "v prípade tlače nás, prosím, požiadajte o súhlas". A request word with no first person
    in it, a seeking word shortly after it in its clause, a consent word shortly after that, and a use,
    commercial or change word in the sentence. Not a seeking word negated or after a without-word ("no
    need to ask for permission", "without asking permission"), nor the sender asking ("we kindly ask for
    your consent")."""
    requests = [
        span
        for span in _own_spans(tokens, vocab, "request_words", masked, foreign)
        if not any(_first_person_at(tokens, i, vocab, foreign) for i in range(span.start, span.end))
    ]
    if not requests:
        return []  # most releases
    sentences = _sentence_numbers(tokens)
    targets = (vocab.use_verbs, vocab.use_nouns, vocab.commercial_words, vocab.modify_words)
    for request in requests:
        for seek in range(request.end, min(len(tokens), request.end + _ASKED_SEEK_REACH + 1)):
            if tokens[seek].brk or (seek > request.end and tokens[seek].gap):
                break
            found = vocab.seek_words.match(tokens, seek)
            if (
                found is None
                or foreign.foreign(_Span(seek, seek + found.length), "seek_words")
                or _freed_before(tokens, seek, vocab, foreign)
                or _negated_before(tokens, seek, vocab, _SEEK_NEGATION_REACH)
                or _first_person_before(tokens, seek, vocab, foreign)
            ):
                continue
            after = seek + found.length
            consent = next(
                (
                    index
                    for index in range(after, min(len(tokens), after + _ASKED_CONSENT_REACH + 1))
                    if vocab.consent_words.matches_any(tokens, index)
                    and not any(tokens[i].gap for i in range(after, index + 1))
                ),
                None,
            )
            if consent is None:
                continue
            sentence = sentences[seek]
            used = [
                index
                for index in range(len(tokens))
                if sentences[index] == sentence
                and index not in masked
                and any(table.matches_any(tokens, index) for table in targets)
            ]
            if used:
                commercial = any(vocab.commercial_words.matches_any(tokens, index) for index in used)
                problem = LicenseProblem.NON_COMMERCIAL if commercial else LicenseProblem.NOT_FREE
                start = min(request.start, *used)
                end = max(consent + 1, used[-1] + 1)
                return [_Hit(start, end, None, problem)]
    return []


def _prior_consent_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Hit]:
    """A use that needs the holder's consent first: "sin nuestro consentimiento previo por escrito", "with
    our prior approval", "ohne vorherige Zustimmung", "事前の許可". A consent word with a marker (prior,
    without) at most two words before or after it in one clause is a condition the license does not allow,
    unless the marker is negated ("no prior consent is needed") or a seeking word stands between ("without
    asking my permission", "sin pedir permiso": the grant's own wording), or the consent word is ("no
    consent is required"), or a without-word follows the consent word ("permission without restrictions").
    Required, needed: the same in a sentence that names a use ("Per usi commerciali è necessario il mio
    consenso") or of the holder's own consent; "I was told permission is required because the photo is on
    my website" tells Commons' rule."""
    markers = [
        marker
        for marker in _markers(tokens, vocab, vocab.consent_markers, masked, _negated)
        if not _beside_form(tokens, marker, vocab)
    ]
    sentences = _sentence_numbers(tokens)
    required = [
        marker
        for marker in _markers(tokens, vocab, vocab.required_markers, masked, _negated)
        if not _beside_form(tokens, marker, vocab)
        # "we got the notice that permission is required": Commons' rule reported, not the holder's
        and not any(
            vocab.report_words.matches_any(tokens, i)
            for i in range(sentence_around(tokens, marker.start)[0], marker.start)
        )
    ]
    if not markers and not required:
        return []
    used = _use_sentences(tokens, vocab, masked) if required else set()
    hits: list[_Hit] = []
    for consent in _spans(tokens, vocab.consent_words, masked, None):
        if _phrase_after(tokens, consent.end, vocab.third_party_words, _THIRD_PARTY_REACH) is not None:
            continue  # "entitled to grant the licence without the consent of any third party"
        # "من غير ما يرجعوا لي" (without coming back to me): a negator inside the marker right before is
        # the marker's own
        after_marker = any(marker.end == consent.start for marker in markers)
        if (
            (_negated(tokens, consent.start, vocab) and not after_marker)
            or _after_no(tokens, consent.start, vocab)
            or _seeking_negated(tokens, consent, vocab)
        ):
            continue  # "no consent is required", "keine Zustimmung erforderlich"
        if _declared_void(tokens, consent, vocab):
            continue
        conditional = sentences[consent.start] in used or _owned(tokens, consent, vocab)
        for marker in (*markers, *(required if conditional else ())):
            distance = _clause_distance(tokens, consent, marker)
            start, end = min(consent.start, marker.start), max(consent.end, marker.end)
            if distance is None or distance > _consent_reach(tokens, consent, marker):
                continue
            if marker.start > consent.start and vocab.without_words.matches_any(tokens, marker.start):
                continue  # "permission without restrictions": a without-word governs what follows it
            if _granted_without(tokens, marker, consent, vocab):
                continue
            if marker.start < consent.start and _limit_after(tokens, consent, vocab):
                continue  # "sin que la autorización se limite a Wikipedia": without a limit, no consent asked
            if any(vocab.revocation_words.matches_any(tokens, i) for i in range(start, end)):
                continue  # "دون إمكانية سحب الموافقة": without any way to withdraw the consent
            if not any(
                vocab.seek_words.matches_any(tokens, i) for i in range(start, end)
            ) and not _sought_after(tokens, consent, vocab):
                hits.append(_Hit(start, end, None, LicenseProblem.NOT_FREE))
                break
    return hits


def _limit_after(tokens: Sequence[Token], consent: _Span, vocab: LicenseVocabulary) -> bool:
    """A limit word after the consent word in its clause: the consent is what is (not) limited."""
    _, last = _clause_around(tokens, consent.start)
    return any(vocab.limit_words.matches_any(tokens, at) for at in range(consent.end, last + 1))


def _declared_void(tokens: Sequence[Token], consent: _Span, vocab: LicenseVocabulary) -> bool:
    """An earlier consent the clause declares void: "Wcześniejszą zgodę z „NC” proszę uznać za
    nieaktualną" (please treat the earlier consent as no longer valid). A revocation word after the consent
    in its clause, no use between them, and no without-word before it ("without prior consent, which
    may be withdrawn" stays a condition)."""
    first, last = _clause_around(tokens, consent.start)
    if _holds_any(tokens, (vocab.without_words,), range(first, consent.start)):
        return False
    uses = (vocab.use_verbs, vocab.modify_words, vocab.commercial_words)
    for at in range(consent.end, last + 1):
        if vocab.revocation_words.matches_any(tokens, at):
            return True
        if _holds_any(tokens, uses, range(at, at + 1)):
            return False
    return False


def _ai_training_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Hit]:
    """Training artificial intelligence refused: "de må ikke indgå i datasæt til træning af kunstig
    intelligens", "not for training AI models". An AI phrase with a negator, a negated permission or a
    prohibition at most `_AI_REFUSAL_REACH` words before it in its sentence: a use the free license
    allows, taken out."""
    hits: list[_Hit] = []
    refusals = (vocab.negators, vocab.negated_permissions, vocab.prohibition_words)
    for span in _spans(tokens, vocab.ai_words, masked, None):
        first, _ = sentence_around(tokens, span.start)
        refusal = next(
            (
                i
                for i in range(max(first, span.start - _AI_REFUSAL_REACH), span.start)
                if i not in masked and _holds_any(tokens, refusals, (i,))
            ),
            None,
        )
        if refusal is not None:
            hits.append(_Hit(refusal, span.end, None, LicenseProblem.NOT_FREE))
    return hits


_AI_REFUSAL_REACH = 10  # "must not be included in datasets for the training of artificial intelligence"


# Words from a consent word to the third party whose consent it is: "the consent of any third party".
_THIRD_PARTY_REACH = 3


def _granted_without(
    tokens: Sequence[Token], marker: _Span, consent: _Span, vocab: LicenseVocabulary
) -> bool:
    """A without-marker in a clause that grants a use: "anyone may use and change it without permission",
    "بغیر اجازت کے استعمال اور تبدیل کر سکتا ہے" say nobody needs to ask. The grant is a permission word
    with a use word between it and the without-phrase (before it, or after it in verb-final languages), and
    nothing in the clause refuses: no negator, negative determiner, prohibition or negated permission
    ("No company may use it without permission", "Reproduction without permission may result in …")."""
    if marker.start > consent.start or not vocab.without_words.matches_any(tokens, marker.start):
        return False
    first, last = _clause_around(tokens, marker.start)
    refusals = (vocab.negators, vocab.negative_determiners, vocab.prohibition_words)
    if _holds_any(tokens, (*refusals, vocab.negated_permissions), range(first, last + 1)):
        return False
    if vocab.and_words.matches_any(tokens, first):
        # "saa käyttää mihin tahansa, myös kaupallisesti, ja muokata ilman lupaa": a use joined by "and"
        # after commas shares the permission the sentence opened with
        first = sentence_around(tokens, marker.start)[0]
    uses = (vocab.use_verbs, vocab.modify_words)

    def used(between: range) -> bool:
        return any(table.matches_any(tokens, i) for table in uses for i in between)

    return any(
        vocab.permission_words.matches_any(tokens, i)
        and (used(range(i + 1, marker.start)) if i < marker.start else used(range(consent.end, i)))
        for i in (*range(first, marker.start), *range(consent.end, last + 1))
    )


def _seeking_negated(tokens: Sequence[Token], consent: _Span, vocab: LicenseVocabulary) -> bool:
    """A seeking word right before the consent word (a possessive between at most), a negator before it in
    its clause: "pengguna tidak perlu meminta izin saya terlebih dahulu", "no need to ask my permission
    first". Not "not possible without my permission": nothing is sought there."""
    for seek in range(max(0, consent.start - 2), consent.start):
        if vocab.seek_words.matches_any(tokens, seek) and not any(
            tokens[i].gap for i in range(seek + 1, consent.start + 1)
        ):
            return _negated_before(tokens, seek, vocab, _SEEK_NEGATION_REACH)
    return False


# Words a negator may stand before the seeking word it negates: "tidak perlu meminta", "no need to ask".
_SEEK_NEGATION_REACH = 3


def _sought_after(tokens: Sequence[Token], consent: _Span, vocab: LicenseVocabulary) -> bool:
    """A seeking verb just after the consent word, in its clause: "zonder toestemming te vragen", "ohne
    Erlaubnis einzuholen" say what nobody needs to do."""
    for index in range(consent.end, min(len(tokens), consent.end + 2)):
        if tokens[index].gap:
            return False
        if vocab.seek_words.matches_any(tokens, index):
            return True
    return False


def _owned(tokens: Sequence[Token], consent: _Span, vocab: LicenseVocabulary) -> bool:
    """A possessive right before the consent word or right after it, in its clause: "meiner Zustimmung",
    "il mio consenso", "η άδειά μου": the holder's own consent."""
    before = consent.start > 0 and not tokens[consent.start].gap
    after = consent.end < len(tokens) and not tokens[consent.end].gap
    return (before and vocab.possessives.matches_any(tokens, consent.start - 1)) or (
        after and vocab.possessives.matches_any(tokens, consent.end)
    )


def _use_sentences(tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]) -> set[int]:
    """The sentences that name a use of the work ("use", "Nutzung", "commercial", "modify", "other
    purposes"): where a consent said to be required is a condition of that use."""
    sentences = _sentence_numbers(tokens)
    tables = (vocab.use_nouns, vocab.use_verbs, vocab.commercial_words, vocab.modify_words, vocab.other_uses)
    return {sentences[span.start] for table in tables for span in _spans(tokens, table, masked, None)}


# Words between a consent word and its marker ("without our prior consent"); Han and kana are cut one
# letter a token, so there the reach is counted in letters ("须事先征得本馆书面同意").
_CONSENT_REACH = 2
_UNSPACED_CONSENT_REACH = 8
_UNSPACED_LETTER = re.compile(f"[{CJK_LETTERS}]")


def _consent_reach(tokens: Sequence[Token], consent: _Span, marker: _Span) -> int:
    between = range(min(consent.end, marker.end), max(consent.start, marker.start))
    if between and all(_UNSPACED_LETTER.fullmatch(tokens[i].raw) for i in between):
        return _UNSPACED_CONSENT_REACH
    return _CONSENT_REACH


# Words a consent word may stand after the verb that requires it: "wymaga wcześniejszego kontaktu ze mną i
# uzyskania mojej zgody".
_REQUIRED_CONSENT_REACH = 8


def _required_consent_hits(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Hit]:
    """A use that requires the holder's consent: "każde wykorzystanie zdjęć wymaga … uzyskania mojej
    zgody", "any reuse is subject to our written approval". A require-word and a consent word at most
    `_REQUIRED_CONSENT_REACH` words after it in one clause, no negator or negative determiner from just
    before the require-word to the consent word ("does not require my consent", "requires no further
    permission"), in a sentence that names a use or of the holder's own consent ("my", "meiner"). A free
    license needs no one's consent to be used."""
    hits: list[_Hit] = []
    requires = _spans(tokens, vocab.require_words, masked, None)
    if not requires:
        return hits
    consents = _spans(tokens, vocab.consent_words, masked, None)
    sentences, used = _sentence_numbers(tokens), _use_sentences(tokens, vocab, masked)
    for require in requires:
        for consent in consents:
            if sentences[require.start] not in used and not _owned(tokens, consent, vocab):
                continue  # "Commons requires permission from the author": its rule, no use made conditional
            distance = _clause_distance(tokens, require, consent)
            if consent.start < require.end or distance is None or distance > _REQUIRED_CONSENT_REACH:
                continue
            if not any(
                vocab.negators.matches_any(tokens, i) or vocab.negative_determiners.matches_any(tokens, i)
                for i in range(max(0, require.start - 2), consent.start)
            ):
                hits.append(_Hit(require.start, consent.end, None, LicenseProblem.NOT_FREE))
            break
    return hits


def _beside_form(tokens: Sequence[Token], marker: _Span, vocab: LicenseVocabulary) -> bool:
    """A form noun right after the marker or right before it, in its clause: "дозвіл у потрібній формі",
    "l'autorisation sous la forme requise" tell the form the permission is sent in."""
    after = marker.end < len(tokens) and not tokens[marker.end].gap
    before = marker.start > 0 and not tokens[marker.start].gap
    return (after and vocab.form_nouns.matches_any(tokens, marker.end)) or (
        before and vocab.form_nouns.matches_any(tokens, marker.start - 1)
    )


def _after_no(tokens: Sequence[Token], index: int, vocab: LicenseVocabulary) -> bool:
    """A negative determiner ("no", "keine", "aucun") at most one word before `index`, in its clause."""
    return any(
        vocab.negative_determiners.matches_any(tokens, start)
        and not any(tokens[i].gap for i in range(start + 1, index + 1))
        for start in range(max(0, index - 2), index)
    )


def _negative_conditions(
    tokens: Sequence[Token], vocab: LicenseVocabulary, masked: frozenset[int]
) -> list[_Span]:
    """Conditions that say "as long as not": a condition word with a negator at most a few words after it in
    its clause ("as long as it is not used in advertising", "siempre que no se venda", "solange es nicht
    verkauft wird"), or one form holding both ("広告に使用されない限り"). Each is a refusal of the
    commercial or modification word in its clause."""
    found = _spans(tokens, vocab.negative_conditions, masked, None)
    sentences = _sentence_numbers(tokens)
    for condition in _spans(tokens, vocab.conditions, masked, None):
        anchors = [(condition.end, vocab.condition_reach)] + [
            # an "and" may hold its negator (Arabic "وعدم", "and not"): the negator is sought from its start
            (span.start if vocab.negators.matches_any(tokens, span.start) else span.end, reach)
            # "sofern das Museum genannt wird und es nicht zum Verkauf …": an "and" goes on with it too,
            # its negator close after it
            for table, reach in (
                (vocab.that_words, vocab.condition_reach),
                (vocab.and_words, _AND_NEGATOR_REACH),
            )
            for span in _spans(tokens, table, masked, None)
            if span.start > condition.end
            and sentences[span.start] == sentences[condition.start]
            # "… and that none of it is sold" goes on with the condition; a that-word right after a comma
            # opens another clause of the sentence ("…за умови дотримання ліцензії, що цей дозвіл не …")
            and not tokens[span.start].gap
        ]
        revocations = [span.start for span in _spans(tokens, vocab.revocation_words, masked, None)]
        for anchor, reach in sorted(anchors):  # "provided that my name is given and that none of it is sold"
            negator_at = _negator_within(tokens, anchor, reach, vocab)
            if negator_at is not None and anchor != condition.end and _revokes_near(negator_at, revocations):
                continue  # "…, och att jag inte kan återkalla detta medgivande": the grant's own words
            if (
                negator_at is not None
                and anchor != condition.end
                and any(
                    table.matches_any(tokens, i)
                    for table in (vocab.limit_words, vocab.only_words)
                    for i in range(negator_at, negator_at + 2)
                )
            ):
                # "…, і що цей дозвіл не обмежується Вікіпедією", "… för alltid och inte bara för Wikipedia":
                # not limited, the grant's words
                continue
            if negator_at is not None:
                found.append(_Span(condition.start, negator_at))
                break
    return found


# Tokens from an "and" that goes on with a condition to its negator: "und es nicht", "e non se".
_AND_NEGATOR_REACH = 3


def _revokes_near(index: int, revocations: Sequence[int]) -> bool:
    """A revocation word at most three words after a negator's end at `index` ("inte kan återkalla", "not
    revoke"), or three words before the negator ("відкликати його я не зможу")."""
    return any(index - 5 <= start <= index + 3 for start in revocations)


def _negator_within(tokens: Sequence[Token], start: int, reach: int, vocab: LicenseVocabulary) -> int | None:
    """The end of a negator at most `reach` tokens from `start`, in its clause, or None."""
    for index in range(start, min(len(tokens), start + reach)):
        if not _close(tokens, index):
            return None
        negator = vocab.negators.match(tokens, index)
        if negator is not None:
            return index + negator.length
    return None


def _sentence_numbers(tokens: Sequence[Token]) -> Sequence[int]:
    """For each token, the number of its sentence: a new one starts at every sentence boundary."""
    if isinstance(tokens, Tokens):
        return tokens.sentence_numbers
    return tuple(itertools.accumulate(token.brk for token in tokens))


def _permitted_apart(
    tokens: Sequence[Token], refusal: _Span, target: _Span, vocab: LicenseVocabulary
) -> bool:
    """The target stands in another clause than the refusal, one that allows it with no negator: "请不要
    担心，可以商业使用" (don't worry, commercial use is allowed)."""
    first, last = _clause_around(tokens, target.start)
    if first <= refusal.start <= last:
        return False
    clause = range(first, last + 1)
    return _holds_any(tokens, (vocab.permission_words,), clause) and not _holds_any(
        tokens, (vocab.negators, vocab.negated_permissions, vocab.prohibition_words), clause
    )


def _contrast_between(tokens: Sequence[Token], one: _Span, other: _Span, vocab: LicenseVocabulary) -> bool:
    """A contrast word between two spans: in a script written without commas between clauses, it parts
    them ("รวมถึงใช้ในเชิงพาณิชย์ แต่ขอไม่ให้มีการตัดต่อ": commercial use included, but no editing)."""
    low, high = min(one.end, other.end), max(one.start, other.start)
    return any(vocab.contrast_words.matches_any(tokens, i) for i in range(low, high))


def _distance(tokens: Sequence[Token], refusal: _Span, target: _Span, vocab: LicenseVocabulary) -> int | None:
    """Tokens between a refusal and what it refuses; examples in brackets between stay in the clause ("use
    in print (postcards, calendars) I do not allow"), and so do a single word between commas ("не
    используйте, пожалуйста, … в коммерческих целях") and the items of a list the refusal opens."""
    if refusal.sentence_wide:
        return _sentence_distance(tokens, refusal, target)
    found = _clause_distance(tokens, refusal, target, brackets=True)
    if found is None:
        found = _clause_distance(tokens, refusal, target, brackets=True, comma_words=True)
    if found is None:
        found = _listed_after(tokens, refusal, target, vocab)
    return found


def _listed_after(
    tokens: Sequence[Token], refusal: _Span, target: _Span, vocab: LicenseVocabulary
) -> int | None:
    """Tokens from a refusal to the word it refuses at the end of a list it opens, whose first items are
    no modify or commercial word of the tables: "não podem ser cortadas, retocadas nem alteradas",
    "azivunyelwe ukusikwa, ukuhlelwa noma ukushintshwa". Items of at most `_LIST_ITEM_WORDS` words
    parted by commas, a conjunction after the last comma (before the target or right after it)."""
    if target.start < refusal.end:
        return None
    commas = [i for i in range(refusal.end, target.start + 1) if tokens[i].gap]
    if not commas or any(tokens[i].sep.strip() != "," or tokens[i].brk for i in commas):
        return None
    items = [later - earlier for earlier, later in itertools.pairwise(commas)]
    if commas[0] - refusal.end > _LIST_ITEM_WORDS + 1 or any(size > _LIST_ITEM_WORDS for size in items):
        return None
    last = commas[-1]
    if target.start - last > _LIST_ITEM_WORDS:
        return None
    joined = any(
        vocab.conjunctions.matches_any(tokens, i)
        for i in range(last, min(len(tokens), target.end + _LIST_ITEM_WORDS))
        if not any(tokens[k].gap for k in range(last + 1, i + 1))
    )
    return target.start - refusal.end if joined else None


_LIST_ITEM_WORDS = 2  # "retocadas", "ukuhlelwa", "colour corrected"


def _sentence_distance(tokens: Sequence[Token], one: _Span, other: _Span) -> int | None:
    """Tokens between two spans of one sentence (commas and asides may stand between), or None."""
    first, second = (one, other) if one.start <= other.start else (other, one)
    if second.start < first.end:
        return None
    if any(tokens[i].brk for i in range(first.end, second.start + 1)):
        return None
    return second.start - first.end


def _close(tokens: Sequence[Token], index: int) -> bool:
    """The token at `index` exists and follows with no punctuation between: "Wikipedia, only" is no pair."""
    return index < len(tokens) and not tokens[index].gap
